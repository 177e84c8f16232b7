"""The Rich console hipcli prints through: no text it shows can act as a terminal command.

Rich keeps its own escape codes (colours, cursor, alternate screen) apart from the text it
draws. Every piece of text (a routine's title, a name from the database) has its control
characters turned into visible escapes just before output, so a title holding ESC ]0; can
never retitle the window, however it got past loading.
"""

from __future__ import annotations

from typing import Iterable

from rich.console import Console
from rich.segment import Segment

from hipcli.text import printable


class SafeConsole(Console):
    """A Rich Console whose text segments are made printable on their way out."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(printable(segment.text), segment.style)
            for segment in buffer)


def safe_console(**options) -> SafeConsole:
    """The console for listings, tables and the live view (no highlighting of numbers)."""
    options.setdefault("highlight", False)
    return SafeConsole(**options)

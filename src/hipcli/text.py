"""Text from files, the database or the command line is data: find and neutralise control codes.

A control character (C0 but tab and newline, DEL, ESC, the C1 range) in a routine's title could
otherwise retitle the window, write the clipboard or clear the screen when printed. Files are
refused at load (`first_control`); everything printed is also passed through `printable`.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ANY = re.compile("[\x00-\x1f\x7f-\x9f]")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL",
          0x9B: "CSI", 0x9D: "OSC"}


def has_control(text: str) -> bool:
    """Whether `text` holds any control character, tab and newline included."""
    return _CONTROL_ANY.search(text) is not None


def first_control(text: str) -> int | None:
    """Index of the first control character other than tab and newline, or None."""
    found = _CONTROL.search(text)
    return found.start() if found else None


def describe_control(char: str) -> str:
    """ "U+001B (ESC)" — how an error names a control character."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}"


def printable(text: str, *, lines: bool = True) -> str:
    """`text` with every control character shown as a visible `\\xNN` escape.

    Tab and newline are kept when `lines` is true (multi-line output), escaped otherwise.
    """
    pattern = _CONTROL if lines else _CONTROL_ANY
    return pattern.sub(_escape, text)


def one_line(text: str) -> str:
    """`printable` for a single line of output: newlines and tabs are escaped too."""
    return printable(text, lines=False)


_RAW_IN_JSON = re.compile("[\x7f-\x9f]")


def json_text(data, *, ascii_only: bool = False, indent: int | None = 2) -> str:
    """`data` as JSON (indented, or on one line) in which no character is a terminal control,
    C1 included (json.dumps escapes C0 itself; DEL and C1 become \\u escapes, still valid)."""
    import json
    dumped = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def shown_path(path, limit: int = 120) -> str:
    """A path as a message shows it: whole, or its start and end when it is very long."""
    text = one_line(str(path))
    if len(text) <= limit:
        return text
    return f"{text[:50]}...{text[-50:]} ({len(text):,} characters)"

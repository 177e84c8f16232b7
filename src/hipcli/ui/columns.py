"""Plain text tables for listings, without loading Rich: fast to start, easy to pipe.

Columns are two spaces apart and as wide as their widest cell; when the table is wider than
the terminal, the widest columns give way and their cells wrap (a word too long for its
column is cut across lines). Control characters in cells are dropped, so text from a file
never reaches the terminal as escape codes.
"""

from __future__ import annotations

import re
import textwrap
from typing import Sequence

GAP = "  "
NARROWEST = 6  # a column never gives way below this many characters
BOLD, PLAIN = "\x1b[1m", "\x1b[0m"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def table_lines(headers: Sequence[str], rows: Sequence[Sequence[str]], *, width: int,
                bold_header: bool = False) -> list[str]:
    """The table as lines of text, no wider than `width` where it can be."""
    table = [[_clean(cell) for cell in row] for row in [headers, *rows]]
    widths = fit_widths(table, width)
    lines = []
    for number, row in enumerate(table):
        cells = [textwrap.wrap(cell, w, break_on_hyphens=False) or [""]
                 for cell, w in zip(row, widths)]
        for i in range(max(len(wrapped) for wrapped in cells)):
            line = GAP.join((wrapped[i] if i < len(wrapped) else "").ljust(w)
                            for wrapped, w in zip(cells, widths))
            lines.append(f"{BOLD}{line}{PLAIN}" if bold_header and number == 0 else line)
    return lines


def fit_widths(table: list[list[str]], width: int) -> list[int]:
    """Each column's width: its widest cell, less where the whole would pass `width`."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    while excess > 0:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= NARROWEST:
            break
        widths[widest] -= 1
        excess -= 1
    return widths


def _clean(cell: str) -> str:
    return _CONTROL.sub("", " ".join(str(cell).split()))

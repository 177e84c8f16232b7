"""Plain text tables for listings, without loading Rich: fast to start, easy to pipe.

Columns are two spaces apart and as wide as their widest cell; when the table is wider than
the terminal, the widest columns give way and their cells wrap at spaces, never inside a word,
and the least useful columns are left out when that is not enough. Control characters in
cells are dropped, so text from a file never reaches the terminal as escape codes.
"""

from __future__ import annotations

import re
import textwrap
from typing import Optional, Sequence

GAP = "  "
NARROWEST = 6  # a column never gives way below this many characters
READABLE = 12  # in a table with columns to drop, a wrapped column stays this wide
BOLD, PLAIN = "\x1b[1m", "\x1b[0m"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def table_lines(headers: Sequence[str], rows: Sequence[Sequence[str]], *, width: int,
                bold_header: bool = False, whole: Sequence[int] = (),
                drop: Sequence[int] = ()) -> list[str]:
    """The table as lines of text, no wider than `width` where it can be.

    Words never break across lines: a column gives way only down to its longest word, and
    the `whole` columns (ids, names, times) not at all. When that is still too wide, the
    `drop` columns are left out, the least useful first, until the rest fits.
    """
    table = [[_clean(cell) for cell in row] for row in [headers, *rows]]
    shown = list(range(len(headers)))
    narrowest = READABLE if drop else NARROWEST
    widths = fit_widths(table, width, _floors(table, whole, narrowest))
    for column in drop:
        if _total(widths) <= width:
            break
        shown.remove(column)
        kept = [[row[i] for i in shown] for row in table]
        widths = fit_widths(kept, width, _floors(kept, [shown.index(i) for i in whole
                                                          if i in shown], narrowest))
    table = [[row[i] for i in shown] for row in table]
    lines = []
    for number, row in enumerate(table):
        cells = [_wrap(cell, w) for cell, w in zip(row, widths)]
        for i in range(max(len(wrapped) for wrapped in cells)):
            line = GAP.join((wrapped[i] if i < len(wrapped) else "").ljust(w)
                            for wrapped, w in zip(cells, widths))
            lines.append(f"{BOLD}{line}{PLAIN}" if bold_header and number == 0 else line)
    return lines


def _wrap(cell: str, width: int) -> list[str]:
    """The cell's lines at `width`, breaking only at spaces."""
    if len(cell) <= width and cell == cell.strip():
        return [cell]  # what textwrap would give, without building a wrapper for each cell
    return textwrap.wrap(cell, width, break_on_hyphens=False, break_long_words=False) or [""]


def fit_widths(table: list[list[str]], width: int,
               floors: Optional[Sequence[int]] = None) -> list[int]:
    """Each column's width: its widest cell, less where the whole would pass `width`, but
    never below its floor (by default, `NARROWEST`)."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    floors = floors or [min(w, NARROWEST) for w in widths]
    excess = _total(widths) - width
    while excess > 0:
        giving = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not giving:
            break
        widest = max(giving, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return widths


def _floors(table: list[list[str]], whole: Sequence[int], narrowest: int) -> list[int]:
    """How narrow each column may get: `narrowest`, or as wide as its longest word, a
    `whole` column as wide as its widest cell."""
    floors = []
    for i in range(len(table[0])):
        cells = [row[i] for row in table]
        if i in whole:
            floors.append(max(map(len, cells)))
        else:
            longest_word = max((len(word) for cell in cells for word in cell.split()), default=0)
            floors.append(max(longest_word, min(narrowest, max(map(len, cells)))))
    return floors


def _total(widths: Sequence[int]) -> int:
    return sum(widths) + len(GAP) * (len(widths) - 1)


def _clean(cell: str) -> str:
    return _CONTROL.sub("", " ".join(str(cell).split()))

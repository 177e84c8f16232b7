"""Read the big countdown digits back off a captured screen, glyph by glyph."""

from __future__ import annotations

from typing import Optional

from hipcli.ui import digits

BLOCKS = set("█▀▄")
BORDERS = "│┃║|"


def read_big(screen: str) -> Optional[str]:
    """The number drawn in big digits on `screen`, or None when there is none."""
    lines = [line.strip(" ").strip(BORDERS) for line in screen.splitlines()]
    for size, height in (("big", 5), ("small", 3)):
        for top in range(len(lines) - height + 1):
            found = _read_rows(lines[top:top + height], size)
            if found is not None:
                return found
    return None


def _read_rows(rows: list[str], size: str) -> Optional[str]:
    if not all(set(row) & BLOCKS for row in rows):
        return None
    indent = min(len(row) - len(row.lstrip(" ")) for row in rows)
    width = max(len(row.rstrip()) for row in rows)
    rows = [row[indent:width].ljust(width - indent) for row in rows]
    draw = digits.big if size == "big" else digits.small
    text, column = "", 0
    while column < len(rows[0]):
        for ch in digits.FONT:
            glyph = draw(ch)
            span = len(glyph[0])
            if all(row[column:column + span] == g for row, g in zip(rows, glyph)):
                text += ch
                column += span + len(digits.GAP)
                break
        else:
            return None
    return text or None

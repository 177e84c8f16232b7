"""Read the big countdown digits back off a captured screen, glyph by glyph, at any scale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from hipcli.ui import digits

BLOCKS = set("█▀▄")
BORDERS = "│┃║|"
MAX_SCALE = 12


@dataclass(frozen=True)
class BigNumber:
    """A number found on screen: its text, its first row and how many rows it takes."""

    text: str
    top: int
    rows: int


def read_big(screen: str) -> Optional[str]:
    """The number drawn in big digits on `screen`, or None when there is none."""
    found = find_big(screen)
    return found.text if found else None


def find_big(screen: str) -> Optional[BigNumber]:
    """The first number drawn in big (any scale) or small digits on `screen`, with its place."""
    lines = [line.strip(" ").strip(BORDERS) for line in screen.splitlines()]
    for top in range(len(lines)):
        if not set(lines[top]) & BLOCKS:
            continue
        for scale in range(MAX_SCALE, 0, -1):
            height = digits.GLYPH_ROWS * scale
            found = _read_rows(lines[top:top + height], lambda ch: digits.big(ch, scale),
                               gap=len(digits.GAP) * scale)
            if found is not None and len(lines[top:top + height]) == height:
                return BigNumber(found, top, height)
        found = _read_rows(lines[top:top + 3], digits.small, gap=len(digits.GAP))
        if found is not None:
            return BigNumber(found, top, 3)
    return None


def _read_rows(rows: list[str], draw, *, gap: int) -> Optional[str]:
    if not rows or not all(set(row) & BLOCKS for row in rows):
        return None
    indent = min(len(row) - len(row.lstrip(" ")) for row in rows)
    width = max(len(row.rstrip()) for row in rows)
    rows = [row[indent:width].ljust(width - indent) for row in rows]
    text, column = "", 0
    while column < len(rows[0]):
        for ch in digits.FONT:
            glyph = draw(ch)
            if len(glyph) != len(rows):
                return None
            span = len(glyph[0])
            if all(row[column:column + span] == g for row, g in zip(rows, glyph)):
                text += ch
                column += span + gap
                break
        else:
            return None
    return text or None

"""Big countdown digits drawn from one small bitmap font, at any scale.

Each glyph is a 3x5 bitmap. `big` draws every pixel as a block of full-block characters, two
columns wide and one row high at scale 1 (5 rows), `scale` times that at larger scales (10
rows at 2, 15 at 3); `small` folds pairs of pixel rows into half blocks (3 rows high) for
narrow or short terminals.
"""

from __future__ import annotations

FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
GAP = " "
_HALVES = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


GLYPH_ROWS = 5


def big(text: str, scale: int = 1) -> list[str]:
    """`text` (digits and colons) as 5 x `scale` rows of full blocks; each pixel is `scale` rows
    high and 2 x `scale` columns wide, and glyphs are `scale` columns apart."""
    glyphs = [_glyph(ch) for ch in text]
    on, off, gap = "█" * (2 * scale), " " * (2 * scale), GAP * scale
    rows = []
    for y in range(GLYPH_ROWS):
        row = gap.join("".join(on if px == "#" else off for px in g[y]) for g in glyphs)
        rows += [row] * scale
    return rows


def small(text: str) -> list[str]:
    """`text` as 3 rows of half blocks: pixel rows 0-1, 2-3 and 4 share a character row."""
    glyphs = [_glyph(ch) for ch in text]
    rows = []
    for top in (0, 2, 4):
        parts = []
        for g in glyphs:
            lower = g[top + 1] if top + 1 < 5 else "." * len(g[top])
            parts.append("".join(_HALVES[(a == "#", b == "#")] for a, b in zip(g[top], lower)))
        rows.append(GAP.join(parts))
    return rows


def width(text: str, *, size: str, scale: int = 1) -> int:
    """Columns `text` takes in the `big` size at `scale`, or in the `small` size."""
    if size == "small":
        scale, pixel = 1, 1
    else:
        pixel = 2 * scale
    return sum(len(_glyph(ch)[0]) * pixel for ch in text) + len(GAP) * scale * max(len(text) - 1, 0)


def _glyph(ch: str) -> tuple[str, ...]:
    try:
        return FONT[ch]
    except KeyError:
        raise ValueError(f"no glyph for {ch!r}") from None

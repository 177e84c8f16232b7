"""Big countdown digits drawn from one small bitmap font, in two sizes.

Each glyph is a 3x5 bitmap. `big` draws every pixel as two full blocks (5 rows high);
`small` folds pairs of pixel rows into half blocks (3 rows high) for narrow or short terminals.
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


def big(text: str) -> list[str]:
    """`text` (digits and colons) as 5 rows of full blocks, each pixel two columns wide."""
    glyphs = [_glyph(ch) for ch in text]
    rows = []
    for y in range(5):
        rows.append(GAP.join("".join("██" if px == "#" else "  " for px in g[y]) for g in glyphs))
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


def width(text: str, *, size: str) -> int:
    """Columns `text` takes in the `big` or `small` size."""
    scale = 2 if size == "big" else 1
    return sum(len(_glyph(ch)[0]) * scale for ch in text) + len(GAP) * max(len(text) - 1, 0)


def _glyph(ch: str) -> tuple[str, ...]:
    try:
        return FONT[ch]
    except KeyError:
        raise ValueError(f"no glyph for {ch!r}") from None

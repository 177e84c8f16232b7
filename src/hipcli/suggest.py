"""The closest of some words to a word typed wrong: for "did you mean ...?" in messages."""

from __future__ import annotations

from typing import Iterable, Optional


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> Optional[str]:
    """The candidate fewest edits away (a swap of two letters counts as one), if that is a
    near miss; else the most similar one by `difflib`, if similar enough; else None."""
    words = list(candidates)
    if not word or not words:
        return None
    best = min(words, key=lambda other: (edits(word, other), words.index(other)))
    if edits(word, best) <= max(1, len(word) // 4):
        return best
    import difflib  # only when a name is not found
    found = difflib.get_close_matches(word, words, n=1, cutoff=cutoff)
    return found[0] if found else None


def edits(a: str, b: str) -> int:
    """Insertions, deletions, changes and swaps of neighbouring letters from a to b."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]

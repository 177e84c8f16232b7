"""How often a routine is meant to be done, read from the words of its description."""

from __future__ import annotations

import re
from typing import Optional
from hipcli.records import record

_COUNT = r"(\d|one|two|three|four|five|six|seven)"
_RANGE = re.compile(rf"\b{_COUNT}\s*(?:-|–|to|or)\s*{_COUNT}\s+times\s+(?:a|per)\s+week", re.I)
_SINGLE = re.compile(r"\b(\d|once|twice)\s*(?:times\s+)?(?:a|per)\s+week", re.I)
_DAILY = re.compile(r"\b(daily|every day|each day)\b", re.I)
_WORDS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
          "six": 6, "seven": 7}


def _count(word: str) -> int:
    return _WORDS.get(word.lower()) or int(word)


@record
class Frequency:
    """Sessions a week: `low` to `high`."""

    low: int
    high: int

    def words(self) -> str:
        if self.low == 7:
            return "every day"
        count = str(self.low) if self.low == self.high else f"{self.low}-{self.high}"
        return f"{count} times a week"


def frequency(description: Optional[str]) -> Optional[Frequency]:
    """The first frequency the description states ("3-4 times a week", "daily"), if any."""
    text = description or ""
    found = []
    for match in _RANGE.finditer(text):
        found.append((match.start(), Frequency(_count(match[1]), _count(match[2]))))
    for match in _SINGLE.finditer(text):
        count = _count(match[1])
        found.append((match.start(), Frequency(count, count)))
    for match in _DAILY.finditer(text):
        found.append((match.start(), Frequency(7, 7)))
    return min(found, key=lambda item: item[0])[1] if found else None

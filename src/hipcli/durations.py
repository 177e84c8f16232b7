"""Parse and format durations, counts and ranges: "45s", "1:30", "2m", "30-60s", "5-10"."""

from __future__ import annotations

import math
import re
from typing import NamedTuple

_UNIT_SECONDS = {"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
                 "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
                 "h": 3600, "hr": 3600, "hour": 3600, "hours": 3600}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_CLOCK = re.compile(r"^(\d+):([0-5]\d)(?::([0-5]\d))?$")
_RANGE = re.compile(r"^\s*([^-]+?)\s*-\s*([^-]+?)\s*$")


class Range(NamedTuple):
    """An inclusive range of seconds or counts; a single value is a range of one. (A named
    tuple: listing routines and their times loads no dataclass machinery.)"""

    low: float
    high: float

    def pick(self, level: str) -> float:
        """Bottom, middle or top of the range for easy, normal or hard."""
        if level == "easy":
            return self.low
        if level == "hard":
            return self.high
        return self.low + (self.high - self.low) / 2

    @property
    def is_single(self) -> bool:
        return self.low == self.high


def finite(value: float, what: str = "a number") -> float:
    """`value` when it is a finite number; NaN and infinities are refused by name."""
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r} "
                         "(expected e.g. 30 or 1:30)")
    return value


def parse_duration(value: str | int | float) -> float:
    """Seconds in "45", "45s", "2m", "1m30s", "1:30" or 45; raises ValueError on anything else."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 45s or 1:30")
    if isinstance(value, (int, float)):
        return finite(float(value), "a duration")
    text = str(value).strip().lower()
    clock = _CLOCK.match(text)
    if clock:
        first, second, third = clock.groups()
        if third is None:
            return int(first) * 60 + int(second)
        return int(first) * 3600 + int(second) * 60 + int(third)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    parts = _PART.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text.replace(" ", ""):
        raise ValueError(f"{value!r} is not a duration (expected e.g. 45s, 2m, 1m30s or 1:30)")
    total = 0.0
    for number, unit in parts:
        if unit not in _UNIT_SECONDS:
            raise ValueError(f"unknown unit {unit!r} in {value!r} (expected s, m or h)")
        total += float(number) * _UNIT_SECONDS[unit]
    return total


def parse_duration_range(value: str | int | float) -> Range:
    """A duration or a range of durations: "30-60s", "1-2m", "45s"; the unit may sit on either end."""
    if isinstance(value, str):
        match = _RANGE.match(value)
        if match and not _CLOCK.match(value.strip()):
            low_text, high_text = match.groups()
            unit = re.sub(r"^[\d.\s]+", "", high_text)
            if re.fullmatch(r"\d+(?:\.\d+)?", low_text):
                low_text += unit
            return _ordered(parse_duration(low_text), parse_duration(high_text), value)
    seconds = parse_duration(value)
    return Range(seconds, seconds)


def parse_count_range(value: str | int) -> Range:
    """A whole count or a range of counts: 8, "8", "5-10"."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError("expected a whole number such as 8 or a range such as 5-10")
    if isinstance(value, int):
        return Range(value, value)
    text = str(value).strip()
    match = _RANGE.match(text)
    try:
        low, high = (int(match.group(1)), int(match.group(2))) if match else (int(text), int(text))
    except ValueError:
        raise ValueError(f"{value!r} is not a count (expected e.g. 8 or 5-10)") from None
    return _ordered(low, high, value)


def _ordered(low: float, high: float, original: object) -> Range:
    if low > high:
        raise ValueError(f"range {original!r} runs backwards (expected low-high, e.g. 30-60s)")
    return Range(low, high)


def format_clock(seconds: float) -> str:
    """mm:ss (or h:mm:ss), rounding up so a countdown shows 00:01 until the very end."""
    whole = int(-(-seconds // 1)) if seconds > 0 else 0
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def format_elapsed(seconds: float) -> str:
    """mm:ss of time gone by, rounding down."""
    whole = int(max(seconds, 0))
    minutes, secs = divmod(whole, 60)
    return f"{minutes:02d}:{secs:02d}"


def format_duration(seconds: float) -> str:
    """A human duration: "45 s", "2 min", "1 min 30 s", "1 h 5 min"."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] if hours else []
    if minutes:
        parts.append(f"{minutes} min")
    if secs:
        parts.append(f"{secs} s")
    return " ".join(parts)


def format_range(value: Range, unit: str = "") -> str:
    """ "30-60s" or "45s" for seconds, "5-10" or "8" for counts."""
    def number(x: float) -> str:
        return f"{x:g}"
    if value.is_single:
        return f"{number(value.low)}{unit}"
    return f"{number(value.low)}-{number(value.high)}{unit}"

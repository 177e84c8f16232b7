"""Rows read back from the history database, checked rather than trusted.

A database written by an older hipcli (loose tables), by hand or by another program can hold a
duration of 'abc', an empty start time or 9e999. Each row is checked as it is read; one that
does not make sense is reported by its id and left out, and the rest are shown.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any, Callable, Optional, TypeVar

from hipcli.text import printable


T = TypeVar("T")


class RowProblem(ValueError):
    """A row value that is not what its column promises."""


def text(value: Any, column: str) -> str:
    """Text, with control characters made visible (it may reach the terminal)."""
    if not isinstance(value, str):
        raise RowProblem(f"{column} {_shown(value)} is not text")
    return printable(value, lines=False)


def number(value: Any, column: str) -> float:
    """A finite number (a whole one stays whole)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RowProblem(f"{column} {_shown(value)} is not a number")
    if not math.isfinite(value):
        raise RowProblem(f"{column} {_shown(value)} is not a finite number")
    return value


def whole(value: Any, column: str) -> int:
    found = number(value, column)
    if found != int(found):
        raise RowProblem(f"{column} {_shown(value)} is not a whole number")
    return int(found)


def or_none(check: Callable[[Any, str], T], value: Any, column: str) -> Optional[T]:
    """`check(value)`, or None for a column that may be empty (NULL)."""
    return None if value is None else check(value, column)


def moment(value: Any, column: str) -> str:
    """An ISO date-time, as hipcli writes them (2026-01-05T08:30:00+01:00)."""
    if not isinstance(value, str):
        raise RowProblem(f"{column} {_shown(value)} is not a date and time")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise RowProblem(f"{column} {_shown(value)} is not a date and time") from None
    return value


def choice(value: Any, column: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise RowProblem(f"{column} {_shown(value)} is not one of {', '.join(choices)}")
    return value


def _shown(value: Any) -> str:
    shown = repr(value)
    return printable(shown[:40] + ("..." if len(shown) > 40 else ""), lines=False)


def unreadable_note(what: str, problems: list[str]) -> Optional[str]:
    """One line naming the rows left out, or None when every row was read."""
    if not problems:
        return None
    listed = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more"
                                        if len(problems) > 5 else "")
    count = f"{len(problems)} {what}" + ("" if len(problems) == 1 else "s")
    return f"{count} in the history cannot be read and {'is' if len(problems) == 1 else 'are'} " \
           f"left out: {listed}"

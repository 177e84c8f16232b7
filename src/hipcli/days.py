"""Today's date, which a test (or a user replaying a plan) may set with HIPCLI_TODAY=YYYY-MM-DD."""

from __future__ import annotations

import os
from datetime import date, datetime

from hipcli.errors import HipcliError

ENV = "HIPCLI_TODAY"


def today() -> date:
    given = os.environ.get(ENV)
    if not given:
        return date.today()
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise HipcliError(f"{ENV}={given!r} is not a day (expected YYYY-MM-DD)") from None


def now_stamp() -> str:
    """Local wall-clock time with its UTC offset, to the second, on today()'s date."""
    now = datetime.now().astimezone()
    if os.environ.get(ENV):
        day = today()
        now = now.replace(year=day.year, month=day.month, day=day.day)
    return now.isoformat(timespec="seconds")


def weekday(day: date) -> str:
    """ "Mon 2026-01-05"."""
    return f"{day:%a} {day.isoformat()}"

"""Figures over recorded sessions: per week, streaks of days, per routine. Pure; `today` is given."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Iterable, Optional

from hipcli.history.stages import Adherence
from hipcli.history.store import SessionRow
from hipcli.records import record

DEFAULT_WEEKS = 8


@record
class Week:
    monday: date
    sessions: int
    minutes: float


@record
class Stats:
    sessions: int
    minutes: float
    finished: int
    partial: int
    current_streak: int
    longest_streak: int
    weeks: list[Week]
    routines: list[tuple[str, int]]
    adherence: Optional[Adherence] = None  # the program under way, week by week


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def session_day(session: SessionRow) -> date:
    return date.fromisoformat(session.day)


def weekly(sessions: Iterable[SessionRow], *, today: date, weeks: int = DEFAULT_WEEKS) -> list[Week]:
    """The last `weeks` weeks (Monday to Sunday) up to this one, empty weeks included."""
    counts: Counter[date] = Counter()
    seconds: defaultdict[date, float] = defaultdict(float)
    for session in sessions:
        monday = monday_of(session_day(session))
        counts[monday] += 1
        seconds[monday] += session.duration
    this_week = monday_of(today)
    mondays = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return [Week(m, counts[m], seconds[m] / 60) for m in mondays]


def streaks(days: Iterable[date], *, today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with a session; today may still be to come."""
    active = set(days)
    longest = 0
    for day in active:
        if day - timedelta(days=1) not in active:
            length = 1
            while day + timedelta(days=length) in active:
                length += 1
            longest = max(longest, length)
    end = today if today in active else today - timedelta(days=1)
    current = 0
    while end - timedelta(days=current) in active:
        current += 1
    return current, longest


def summarize(sessions: Iterable[SessionRow], *, today: date,
              weeks: int = DEFAULT_WEEKS) -> Optional[Stats]:
    """The figures from every session, read one by one; None when there are none."""
    shown = list(sessions)
    seconds = 0.0
    for session in shown:  # one by one, in the order they began, as the database adds them
        seconds += session.duration
    return combine(count=len(shown), seconds=seconds,
                   finished=sum(session.status == "finished" for session in shown),
                   partial=sum(session.status == "partial" for session in shown),
                   streak=streaks(map(session_day, shown), today=today),
                   routines=Counter(session.routine for session in shown),
                   recent=shown, today=today, weeks=weeks)


def combine(*, count: int, seconds: float, finished: int, partial: int, streak: tuple[int, int],
            routines: Counter[str], recent: Iterable[SessionRow], today: date,
            weeks: int = DEFAULT_WEEKS) -> Optional[Stats]:
    """The figures from totals over the whole history and the sessions of the weeks shown
    (`recent`: at least those; earlier ones are left out of the chart); None for no sessions."""
    if not count:
        return None
    current, longest = streak
    return Stats(sessions=count, minutes=seconds / 60, finished=finished, partial=partial,
                 current_streak=current, longest_streak=longest,
                 weeks=weekly(recent, today=today, weeks=weeks),
                 routines=sorted(routines.items(), key=lambda item: (-item[1], item[0])))

"""Figures over recorded sessions: per week, streaks of days, per routine. Pure; `today` is given."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Optional

from hipcli.history.stages import Adherence
from hipcli.history.store import SessionRow

DEFAULT_WEEKS = 8


@dataclass(frozen=True)
class Week:
    monday: date
    sessions: int
    minutes: float


@dataclass(frozen=True)
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


def summarize(sessions: list[SessionRow], *, today: date, weeks: int = DEFAULT_WEEKS) -> Stats:
    current, longest = streaks((session_day(s) for s in sessions), today=today)
    per_routine = Counter(s.routine for s in sessions)
    return Stats(
        sessions=len(sessions),
        minutes=sum(s.duration for s in sessions) / 60,
        finished=sum(1 for s in sessions if s.status == "finished"),
        partial=sum(1 for s in sessions if s.status == "partial"),
        current_streak=current,
        longest_streak=longest,
        weeks=weekly(sessions, today=today, weeks=weeks),
        routines=sorted(per_routine.items(), key=lambda item: (-item[1], item[0])),
    )

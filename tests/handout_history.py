"""Histories for the hand-out tests and benchmark: real SQLite files filled through the store.

A year of daily external-rotation sessions, doses and self-tests following a fixed pattern, so
the tests can work out by hand what the report must show.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hipcli.history.store import HistoryStore, StepRow
from hipcli.loading import load
from hipcli.timeline import Options, Timeline, compile_timeline

ROUTINE = "external-rotation"
STOPPED_EVERY = 7  # session n with n % 7 == 6 is stopped halfway
READING_EVERY = 28  # a self-test every 28th day, from the first


def level_for(n: int) -> str:
    """Sessions 0-121 easy, 122-243 normal, 244 on hard."""
    return "easy" if n < 122 else "normal" if n < 244 else "hard"


def timelines() -> dict[str, Timeline]:
    loaded = load(ROUTINE)
    routine, library = loaded.routine, loaded.library
    return {level: compile_timeline(routine, library, Options(level=level))
            for level in ("easy", "normal", "hard")}


def record_session(store: HistoryStore, timeline: Timeline, day: date, *, level: str,
                   stopped: bool = False) -> int:
    """One session as `hipcli start` records it: every step done, or the first half only."""
    started = f"{day.isoformat()}T08:00:00+00:00"
    sid = store.begin_session(routine=ROUTINE, title=timeline.title, started_at=started,
                              planned_seconds=timeline.total, level=level)
    steps = timeline.steps[:len(timeline.steps) // 2] if stopped else timeline.steps
    rows = [StepRow(sid, n, s.index, s.exercise_id, s.side, s.kind, s.set_no, s.set_count,
                    s.seconds if s.kind == "hold" else None, s.reps if s.kind == "reps" else None,
                    s.seconds, s.seconds, False) for n, s in enumerate(steps)]
    store.record_steps(sid, rows, duration=sum(s.seconds for s in steps),
                       status="partial" if stopped else "finished", updated_at=started)
    return sid


def fill_year(path: Path, *, first: date, days: int = 365) -> HistoryStore:
    """A session every day from `first`; self-tests every 28th day with left ER catching up."""
    store = HistoryStore.open(path)
    plans = timelines()
    for n in range(days):
        day = first + timedelta(days=n)
        record_session(store, plans[level_for(n)], day, level=level_for(n),
                       stopped=n % STOPPED_EVERY == STOPPED_EVERY - 1)
        if n % READING_EVERY == 0:
            k = n // READING_EVERY
            store.add_measurements(f"{day.isoformat()}T09:00:00+00:00",
                                   [("left", 25 + k, 30), ("right", 45, 35)])
    return store

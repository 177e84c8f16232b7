"""Small routines on disk and sessions run on a hand-advanced clock, recorded in a real SQLite file."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Optional

from hipcli.engine import Engine
from hipcli.history.feed import feed
from hipcli.history.recorder import HistoryRecorder
from hipcli.history.store import HistoryStore
from hipcli.launch import SessionSetup, prepare, run
from hipcli.loading import load
from hipcli.planning import Plan
from hipcli.timeline import Level, Options, Timeline
from tests.conftest import FakeClock

TINY = """\
name: tiny
title: Tiny routine
prepare: 1
switch: 1
blocks:
  - exercise:
      id: tiny-hold
      name: Tiny hold
      kind: stretch
      position: seated
      dose: {hold: 10-20s, sets: 1-3, per_side: true, rest: 2s}
    sides: both
  - exercise:
      id: tiny-lift
      name: Tiny lift
      kind: strength
      position: seated
      dose: {reps: 2-4, tempo: 1s, sets: 1, per_side: true}
    sides: both
"""

OTHER = """\
name: other
prepare: 1
blocks:
  - exercise:
      id: other-hold
      name: Other hold
      kind: stretch
      position: seated
      dose: {hold: 5s, per_side: false}
"""


def write_routine(folder: Path, text: str = TINY, name: str = "tiny") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class Days:
    """Each session on the next day at 09:00, so sessions sort in the order they ran."""

    def __init__(self, first_day: int = 1):
        self.days = itertools.count(first_day)

    def next_session(self):
        stamp = f"2026-01-{next(self.days):02d}T09:00:00+00:00"
        return lambda: stamp


def plan_session(routine: str, options: Options = Options(), *, store: Optional[HistoryStore],
                 level: Optional[Level] = None):
    """Load, plan from the store (or from no history) and compile, as `start` does."""
    plan, timeline = prepare(load(routine), options, level=level, history=feed(store))
    return Planned(plan, timeline)


class Planned:
    """A plan and its compiled timeline; reads through to the plan."""

    def __init__(self, plan: Plan, timeline: Timeline):
        self.plan, self.timeline = plan, timeline

    def __getattr__(self, name):
        return getattr(self.plan, name)


def run_recorded(routine: Path, store: HistoryStore, *, keys=None, level: Optional[Level] = None,
                 now=None, speed: float = 1.0) -> tuple[Planned, Engine]:
    """Plan a session from the history, run it on a fake clock, record it; (plan, engine)."""
    plan = plan_session(str(routine), store=store, level=level)
    recorder = HistoryRecorder(store, level=plan.level, now=(now or Days()).next_session(),
                               speed=speed)
    engine = Engine(plan.timeline)
    run(engine, SessionSetup(clock=FakeClock(), listeners=[recorder], keys=keys))
    return plan, engine


def work_doses(plan: Planned) -> dict:
    """(exercise, side) -> (hold or reps, sets) of the plan's first step of each."""
    found = {}
    for step in plan.timeline.work_steps:
        amount = step.seconds if step.kind == "hold" else step.reps
        found.setdefault((step.exercise_id, step.side), (amount, step.set_count))
    return found


def without_the_tally(store: HistoryStore) -> None:
    """Take the schema back to before stats' tally (version 4): the tables and triggers go."""
    for dropped in ("TABLE session_tally", "TABLE day_runs", "TRIGGER untally_new",
                    "TRIGGER untally_changed"):
        store.db.execute(f"DROP {dropped}")
    store.db.execute("PRAGMA user_version = 4")

"""Small routines on disk and sessions run on a hand-advanced clock, recorded in a real SQLite file."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Optional

from hipcli.history.plan import Plan, plan_session
from hipcli.history.recorder import HistoryRecorder
from hipcli.history.store import HistoryStore
from hipcli.launch import SessionSetup, run
from hipcli.timeline import Options
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


def run_recorded(routine: Path, store: HistoryStore, *, keys=None,
                 options: Optional[Options] = None, now=None) -> tuple[Plan, object]:
    """Plan a session from the history, run it on a fake clock, record it; (plan, engine)."""
    plan = plan_session(str(routine), options or Options(level=None), store=store)
    recorder = HistoryRecorder(store, level=plan.level, now=(now or Days()).next_session())
    code, engine = run(plan.timeline, SessionSetup(clock=FakeClock(), listeners=[recorder],
                                                   keys=keys))
    return plan, engine


def work_doses(plan: Plan) -> dict:
    """(exercise, side) -> (hold or reps, sets) of the plan's first step of each."""
    found = {}
    for step in plan.timeline.work_steps:
        amount = step.seconds if step.kind == "hold" else step.reps
        found.setdefault((step.exercise_id, step.side), (amount, step.set_count))
    return found

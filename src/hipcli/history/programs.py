"""Program phases in the history: a phase is passed when every exercise in it was done at its
target (sets of at least so many reps, from the program's data) in one session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from hipcli.doses import Key
from hipcli.history.store import HistoryStore, SessionRow, StepRow
from hipcli.programs import Phase, Target


@dataclass(frozen=True)
class PhasePassed:
    phase: Phase
    session: SessionRow

    @property
    def next_phase(self) -> Optional[str]:
        return self.phase.next_routine

    def message(self) -> str:
        target = self.phase.target
        done = f"every exercise done at {target.sets} x {target.reps} on {self.session.day}"
        if self.next_phase:
            return f"{self.phase.routine} passed ({done}): {self.next_phase} is unlocked."
        return f"{self.phase.routine} passed ({done}): the whole program is done."


def met_target(keys: Iterable[Key], steps: list[StepRow], target: Target) -> bool:
    """Every exercise and side had all its sets done, at least `target.sets` of at least
    `target.reps` reps."""
    wanted = set(keys)
    if not wanted:
        return False
    sets_done: dict[Key, set[int]] = {}
    for step in steps:
        key = (step.exercise_id, step.side)
        if (key in wanted and step.kind == "reps" and step.completed
                and (step.reps or 0) >= target.reps and step.set_count >= target.sets):
            sets_done.setdefault(key, set()).add(step.set_no)
    return all(len(sets_done.get(key, ())) >= target.sets for key in wanted)


def phase_passed(store: HistoryStore, phase: Phase, keys: Iterable[Key]) -> Optional[PhasePassed]:
    """The latest session of this phase's routine in which its target was met."""
    keys = list(keys)
    sessions = store.sessions(routine=phase.routine)
    if not sessions:
        return None
    steps = store.steps([s.id for s in sessions])
    for session in reversed(sessions):
        if met_target(keys, [s for s in steps if s.session_id == session.id], phase.target):
            return PhasePassed(phase, session)
    return None

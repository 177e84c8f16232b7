"""Multi-phase programs: a phase is passed when every exercise in it was done at its target
(3 sets of 15 for the piriformis phases) in one session, and that unlocks the next phase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from hipcli.history.progression import Key
from hipcli.history.store import HistoryStore, SessionRow, StepRow

NEXT_PHASE = {
    "piriformis-phase-1": "piriformis-phase-2",
    "piriformis-phase-2": "piriformis-phase-3",
    "piriformis-phase-3": None,
}
TARGET_SETS = 3
TARGET_REPS = 15


@dataclass(frozen=True)
class PhasePassed:
    routine: str
    next_phase: Optional[str]
    session: SessionRow

    def message(self) -> str:
        target = f"every exercise done at {TARGET_SETS} x {TARGET_REPS} on {self.session.day}"
        if self.next_phase:
            return f"{self.routine} passed ({target}): {self.next_phase} is unlocked."
        return f"{self.routine} passed ({target}): the whole program is done."


def met_target(keys: Iterable[Key], steps: list[StepRow]) -> bool:
    """Every exercise and side had all its sets done, at least 3 of at least 15 reps."""
    wanted = set(keys)
    if not wanted:
        return False
    sets_done: dict[Key, set[int]] = {}
    for step in steps:
        key = (step.exercise_id, step.side)
        if (key in wanted and step.kind == "reps" and step.completed
                and (step.reps or 0) >= TARGET_REPS and step.set_count >= TARGET_SETS):
            sets_done.setdefault(key, set()).add(step.set_no)
    return all(len(sets_done.get(key, ())) >= TARGET_SETS for key in wanted)


def phase_passed(store: HistoryStore, routine: str, keys: Iterable[Key]) -> Optional[PhasePassed]:
    """The latest session in which this phase's target was met, if the routine is a phase."""
    if routine not in NEXT_PHASE:
        return None
    keys = list(keys)
    sessions = store.sessions(routine=routine)
    if not sessions:
        return None
    steps = store.steps([s.id for s in sessions])
    for session in reversed(sessions):
        if met_target(keys, [s for s in steps if s.session_id == session.id]):
            return PhasePassed(routine, NEXT_PHASE[routine], session)
    return None

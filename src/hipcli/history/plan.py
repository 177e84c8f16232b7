"""The next session's plan: a routine compiled with the doses its history has earned."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from hipcli.history.programs import PhasePassed, phase_passed
from hipcli.history.progression import (Decision, DoseRange, Key, PastDose, dose_ranges, dose_words,
                                        next_doses, past_doses)
from hipcli.history.store import HistoryStore
from hipcli.timeline import Options, Timeline, compile_timeline

PROGRESSION = "progression"


@dataclass(frozen=True)
class Plan:
    """What `start` will run and `show` shows, and why each dose is what it is."""

    timeline: Timeline
    level: str  # "progression", or the --level given
    decisions: dict[Key, Decision] = field(default_factory=dict)
    passed: Optional[PhasePassed] = None
    keys: tuple[Key, ...] = ()

    def dose_lines(self, *, only_risen: bool = False) -> list[str]:
        return [decision_line(d) for d in self.decisions.values()
                if not only_risen or d.rose]

    def show_lines(self) -> list[str]:
        """What `show` adds under the table: each dose and why, and any phase passed."""
        lines = []
        if self.level == PROGRESSION:
            lines += ["", f"{self._doses_heading()} (--level overrides them):"]
            lines += [f"  {line}" for line in self.dose_lines()]
        if self.passed:
            lines += ["", self.passed.message()]
        return lines

    def _doses_heading(self) -> str:
        if any(d.previous is not None for d in self.decisions.values()):
            return "Doses from your history"
        return "Doses to start with"

    def json_extra(self) -> dict:
        data: dict = {}
        if self.level == PROGRESSION:
            data["progression"] = [
                {"exercise": d.key[0], "side": d.key[1], d.kind: d.dose.amount,
                 "sets": d.dose.sets, "risen": d.rose, "reason": d.reason}
                for d in self.decisions.values()]
        if self.passed:
            data["unlocked"] = self.passed.next_phase
            data["phase_passed"] = self.passed.message()
        return data


def decision_line(decision: Decision) -> str:
    """ "Clamshell left: 21 reps (up from 20 reps: done in the last 2 sessions)"."""
    name = decision.label + (f" {decision.key[1]}" if decision.key[1] else "")
    return f"{name}: {dose_words(decision.kind, decision.dose)} ({decision.reason})"


def plan_session(name: str, options: Options, *, store: Optional[HistoryStore]) -> Plan:
    """Load a routine and dose it: at the --level given, else as far as its history has earned.

    An exercise and side with no past sessions (or no history file at all: `store` is None)
    starts at the bottom of its range.
    """
    from hipcli.catalog import find_routine
    from hipcli.library import load_library
    from hipcli.routine import load_routine
    library = load_library()
    routine = load_routine(find_routine(name).path, library=library)
    ranges = dose_ranges(routine, library, options)
    passed = phase_passed(store, routine.name, ranges) if store else None
    if options.level is not None:
        timeline = compile_timeline(routine, library, options)
        return Plan(timeline, options.level, passed=passed, keys=tuple(ranges))
    decisions = next_doses(ranges, _history(store, ranges))
    decisions = {key: d for key, d in decisions.items() if not _overridden(d, options)}
    doses = {key: d.dose_map() for key, d in decisions.items()} | dict(options.doses)
    timeline = compile_timeline(routine, library, replace(options, level="easy", doses=doses))
    return Plan(timeline, PROGRESSION, decisions, passed, tuple(ranges))


def _history(store: Optional[HistoryStore],
             ranges: dict[Key, DoseRange]) -> dict[Key, list[PastDose]]:
    """What each exercise and side did in past sessions (nothing without a history file)."""
    if store is None:
        return {}
    rows = store.steps(exercises=sorted({exercise for exercise, _ in ranges}))
    return past_doses(rows, [session.id for session in store.sessions()])


def _overridden(decision: Decision, options: Options) -> bool:
    return getattr(options, decision.kind) is not None

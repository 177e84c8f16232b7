"""Plan a session: from a loaded routine, the options given and what the history says, the
dose of each exercise and side and why. No file is read and nothing is compiled here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional, Protocol

from hipcli.doses import Dose, Doses, Key
from hipcli.history.programs import PhasePassed
from hipcli.history.progression import (Decision, DoseRange, PastDose, dose_ranges, dose_words,
                                        next_doses)
from hipcli.loading import LoadedRoutine
from hipcli.programs import Phase
from hipcli.timeline import Level, Options

PROGRESSION = "progression"


class HistoryFeed(Protocol):
    """What planning asks of the history; `None` in its place means there is none yet."""

    def past_doses(self, exercises: list[str]) -> dict[Key, list[PastDose]]: ...

    def phase_passed(self, phase: Phase, keys: list[Key]) -> Optional[PhasePassed]: ...


@dataclass(frozen=True)
class Plan:
    """What `start` will run and `show` shows, and why each dose is what it is."""

    options: Options  # what the compiler gets: the level to pick at where no dose is chosen
    level: str  # "progression", or the --level given
    doses: Doses = field(default_factory=dict)
    decisions: dict[Key, Decision] = field(default_factory=dict)
    phase: Optional[Phase] = None
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


def plan_session(loaded: LoadedRoutine, options: Options, *, level: Optional[Level],
                 history: Optional[HistoryFeed]) -> Plan:
    """Dose a routine: at `level` when one is given, else as far as its history has earned.

    An exercise and side with no past sessions (or no history at all: `history` is None)
    starts at the bottom of its range.
    """
    ranges = dose_ranges(loaded.routine, loaded.library, options)
    keys, phase = tuple(ranges), loaded.phase
    passed = history.phase_passed(phase, list(keys)) if history and phase else None
    if level is not None:
        return Plan(replace(options, level=level), level, phase=phase, passed=passed, keys=keys)
    decisions = next_doses(ranges, _past(history, ranges))
    decisions = {key: d for key, d in decisions.items() if not _overridden(d, options)}
    doses: dict[Key, Dose] = {key: d.dose for key, d in decisions.items()}
    # What no decision covers (sets of an exercise whose amount --hold or --reps fixes) is
    # taken from the bottom of its range, where progression starts.
    return Plan(replace(options, level="easy"), PROGRESSION, doses, decisions, phase, passed, keys)


def _past(history: Optional[HistoryFeed],
          ranges: dict[Key, DoseRange]) -> dict[Key, list[PastDose]]:
    if history is None:
        return {}
    return history.past_doses(sorted({exercise for exercise, _ in ranges}))


def _overridden(decision: Decision, options: Options) -> bool:
    return getattr(options, decision.kind) is not None

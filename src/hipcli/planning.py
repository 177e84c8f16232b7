"""Plan a session: from a loaded routine, the options given and what the history says, the
dose of each exercise and side and why. No file is read and nothing is compiled here."""

from __future__ import annotations

from dataclasses import field, replace
from typing import Optional, Protocol

from hipcli.doses import Dose, Doses, Key
from hipcli.history.progression import (Decision, DoseRange, PastDose, dose_ranges, dose_words,
                                        next_doses)
from hipcli.library import Library
from hipcli.loading import LoadedRoutine
from hipcli.model import Goal
from hipcli.progressions import Applied
from hipcli.progressions import apply as apply_progressions
from hipcli.records import record
from hipcli.timeline import Level, Options

PROGRESSION = "progression"
CUSTOM = "custom"  # doses progression chose, changed by --hold, --reps or --rest


class HistoryFeed(Protocol):
    """What planning asks of the history; `None` in its place means there is none yet."""

    def past_doses(self, keys: list[Key]) -> dict[Key, list[PastDose]]:
        """Per exercise and side, newest first, at least the last sessions that dosed it."""

    def clean_sessions(self, exercise_id: str, goal: Goal, *,
                       leaving_out: Optional[int] = None) -> list[bool]:
        """Per session with the exercise, newest first: every side done at the goal in full."""

    def latest_session(self, exercise_ids: list[str]) -> Optional[int]:
        """The latest session that did any of these exercises."""

    def pain_hold(self, routine: str) -> Optional[str]:
        """Why no dose may go up (pain above the program's ceiling, or rising), or None."""


@record
class Plan:
    """What `start` will run and `show` shows, and why each dose is what it is."""

    options: Options  # what the compiler gets: the level to pick at where no dose is chosen
    level: str  # "progression", or the --level given
    doses: Doses = field(default_factory=dict)
    decisions: dict[Key, Decision] = field(default_factory=dict)
    keys: tuple[Key, ...] = ()
    library: Optional[Library] = None  # the library with progressions applied
    progress_lines: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()

    @property
    def recorded_level(self) -> str:
        """The level the history notes for this session: the --level given, "custom" when
        --hold, --reps or --rest changed what progression chose, else "progression". Only
        "progression" sessions feed progression: a session at doses the user chose counts
        for streaks and minutes, never for what comes next."""
        if self.level != PROGRESSION:
            return self.level
        changed = (self.options.hold, self.options.reps, self.options.rest)
        return CUSTOM if any(value is not None for value in changed) else PROGRESSION

    def dose_lines(self, *, only_risen: bool = False) -> list[str]:
        return [decision_line(d) for d in self.decisions.values()
                if not only_risen or d.rose]

    def show_lines(self) -> list[str]:
        """What `show` adds under the table: each dose and why, and any phase passed."""
        lines = []
        if self.level == PROGRESSION:
            lines += ["", f"{self._doses_heading()} (--level overrides them):"]
            lines += [f"  {line}" for line in self.dose_lines()]
        if self.progress_lines:
            lines += ["", "Exercise progressions:"]
            lines += [f"  {line}" for line in self.progress_lines]
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
        if self.progress_lines:
            data["exercise_progressions"] = list(self.progress_lines)
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
    if level is not None:
        keys = tuple(dose_ranges(loaded.routine, loaded.library, options))
        return Plan(replace(options, level=level), level, keys=keys, library=loaded.library)
    hold = history.pain_hold(loaded.routine.name) if history else None
    applied = _progressions(loaded, options, history, hold)
    ranges = dose_ranges(loaded.routine, applied.library, options)
    decisions = next_doses(ranges, _past(history, ranges))
    if hold:
        decisions = {key: held(d, hold) for key, d in decisions.items()}
    decisions = {key: d for key, d in decisions.items() if not _overridden(d, options)}
    doses: dict[Key, Dose] = {key: d.dose for key, d in decisions.items()}
    # What no decision covers (sets of an exercise whose amount --hold or --reps fixes) is
    # taken from the bottom of its range, where progression starts.
    return Plan(replace(options, level="easy"), PROGRESSION, doses, decisions, tuple(ranges),
                applied.library, applied.lines, applied.moved)


def _progressions(loaded: LoadedRoutine, options: Options, history: Optional[HistoryFeed],
                  hold: Optional[str]) -> Applied:
    """The exercises of the routine moved on as far as the history allows; while pain holds
    doses back, only as far as it allowed before the latest session."""
    keys = list(dose_ranges(loaded.routine, loaded.library, options))
    ids = sorted({exercise for exercise, _ in keys})
    latest = history.latest_session(ids) if history and hold else None

    def clean(exercise_id: str, goal: Goal) -> list[bool]:
        """Only the routine's own exercises have a say."""
        if history is None or exercise_id not in ids:
            return []
        return history.clean_sessions(exercise_id, goal, leaving_out=latest)

    applied = apply_progressions(loaded.library, ids, clean)
    if not hold:
        return applied
    return replace(applied, lines=(*applied.lines, f"No exercise moves on now: {hold}"))


def held(decision: Decision, why: str) -> Decision:
    """A dose that would have gone up, kept where it was."""
    if not decision.rose or decision.previous is None:
        return decision
    return replace(decision, dose=decision.previous,
                   reason=f"held at {dose_words(decision.kind, decision.previous)}: {why}")


def _past(history: Optional[HistoryFeed],
          ranges: dict[Key, DoseRange]) -> dict[Key, list[PastDose]]:
    if history is None:
        return {}
    return history.past_doses(list(ranges))


def _overridden(decision: Decision, options: Options) -> bool:
    return getattr(options, decision.kind) is not None

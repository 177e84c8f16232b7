"""Progression: the dose each exercise and side should get next, from what was done before.

An exercise starts at the bottom of its range. When the dose it is at was done in full in each
of the last two sessions that included it, it rises a notch: 5 s more hold or one more rep, up
to the top of the range, then one more set, up to the top of the sets range. Pure functions over
recorded steps; the database is read elsewhere.
"""

from __future__ import annotations

from typing import Optional

from hipcli.doses import Dose, Key, WorkKind
from hipcli.history.store import StepRow
from hipcli.library import Library
from hipcli.model import Routine
from hipcli.records import record
from hipcli.timeline import Options, half_up, prescribed_doses

HOLD_NOTCH = 5.0
REPS_NOTCH = 1
SESSIONS_TO_RISE = 2


@record
class DoseRange:
    """Where one exercise and side may be dosed in a routine: amount and sets, bottom to top."""

    kind: WorkKind  # "hold" (seconds) or "reps"
    low: float
    high: float
    sets_low: int
    sets_high: int
    label: str = ""

    @property
    def bottom(self) -> Dose:
        return Dose(self.low, self.sets_low)

    def clamp(self, dose: Dose) -> Dose:
        return Dose(min(max(dose.amount, self.low), self.high),
                    min(max(dose.sets, self.sets_low), self.sets_high))

    def notch_up(self, dose: Dose) -> Dose:
        if dose.amount < self.high:
            step = HOLD_NOTCH if self.kind == "hold" else REPS_NOTCH
            return Dose(min(dose.amount + step, self.high), dose.sets)
        return Dose(dose.amount, min(dose.sets + 1, self.sets_high))


@record
class PastDose:
    """What one session did with one exercise and side."""

    session_id: int
    dose: Dose
    completed: bool


@record
class Decision:
    """The next dose for one exercise and side, and why."""

    key: Key
    kind: WorkKind
    label: str
    dose: Dose
    previous: Optional[Dose]
    reason: str

    @property
    def rose(self) -> bool:
        return (self.previous is not None and self.dose != self.previous
                and self.dose.covers(self.previous))


def dose_ranges(routine: Routine, library: Library,
                options: Options = Options()) -> dict[Key, DoseRange]:
    """Each exercise and side's range in this routine: what easy and hard would pick."""
    base = Options(side=options.side, affected=options.affected)
    ranges = {}
    for key, (exercise, dose) in prescribed_doses(routine, library, base).items():
        kind: WorkKind = "hold" if dose.hold is not None else "reps"
        amount = dose.hold if dose.hold is not None else dose.reps
        low, high = _picks(amount)
        sets_low, sets_high = _picks(dose.sets)
        ranges[key] = DoseRange(kind, low, max(low, high), sets_low, max(sets_low, sets_high),
                                exercise.label)
    return ranges


def _picks(value) -> tuple[int, int]:
    """What easy and hard pick from a range (1 when the dose leaves it out)."""
    if value is None:
        return 1, 1
    return half_up(value.pick("easy")), half_up(value.pick("hard"))


def past_doses(rows: list[StepRow], session_order: list[int]) -> dict[Key, list[PastDose]]:
    """Per exercise and side, what each session did, newest session first."""
    by_session: dict[tuple[Key, int], list[StepRow]] = {}
    for row in rows:
        if row.is_work and row.exercise_id:
            by_session.setdefault(((row.exercise_id, row.side), row.session_id), []).append(row)
    rank = {session_id: n for n, session_id in enumerate(session_order)}
    found: dict[Key, list[PastDose]] = {}
    for (key, session_id), steps in sorted(by_session.items(),
                                           key=lambda item: -rank.get(item[0][1], -1)):
        found.setdefault(key, []).append(PastDose(session_id, *_what_was_done(steps)))
    return found


def _what_was_done(steps: list[StepRow]) -> tuple[Dose, bool]:
    first = steps[0]
    amount = first.hold if first.kind == "hold" else first.reps
    sets = max(s.set_count for s in steps) or 1
    done = {s.set_no or 1 for s in steps if s.completed}
    return Dose(float(amount or 0), sets), done >= set(range(1, sets + 1))


def decide(key: Key, limits: DoseRange, past: list[PastDose]) -> Decision:
    """The next dose: the bottom at first, then the last dose, a notch up after two full sessions."""
    past = [p for p in past if p.dose.amount > 0]
    make = lambda dose, previous, reason: Decision(key, limits.kind, limits.label, dose,
                                                   previous, reason)
    if not past:
        return make(limits.bottom, None, "start of its range: no sessions yet")
    last = limits.clamp(past[0].dose)
    recent = past[:SESSIONS_TO_RISE]
    if len(recent) == SESSIONS_TO_RISE and all(p.completed and p.dose.covers(last)
                                               for p in recent):
        higher = limits.notch_up(last)
        if higher == last:
            return make(last, last, f"top of the range: done in the last {SESSIONS_TO_RISE} sessions")
        return make(higher, last, f"up from {dose_words(limits.kind, last)}: "
                                  f"done in the last {SESSIONS_TO_RISE} sessions")
    if not past[0].completed:
        return make(last, last, "same as last time: not done in full last time")
    return make(last, last, "same as last time: done in full once so far at this dose")


def next_doses(ranges: dict[Key, DoseRange],
               history: dict[Key, list[PastDose]]) -> dict[Key, Decision]:
    return {key: decide(key, limits, history.get(key, [])) for key, limits in ranges.items()}


def dose_words(kind: WorkKind, dose: Dose) -> str:
    """ "20 reps", "35 s", "3 x 15 reps"."""
    amount = f"{dose.amount:g} s" if kind == "hold" else f"{dose.amount:g} reps"
    return amount if dose.sets <= 1 else f"{dose.sets} x {amount}"

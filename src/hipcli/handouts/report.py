"""The progress report: sessions a week against the target, minutes, doses over time per side,
pain and effort, the rotation self-test with its asymmetry, and sessions skipped or stopped.

`build_report` reads the history into plain figures; the layout functions only arrange them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Optional

from hipcli.handouts.checkins import CheckIn, read_checkins
from hipcli.handouts.frequency import Frequency
from hipcli.history.measure import ASYMMETRY_DEGREES, Reading, readings, tighter_side
from hipcli.history.stats import Week, monday_of, weekly
from hipcli.history.store import HistoryStore, SessionRow, StepRow
from hipcli.records import record

WEEKLY_UP_TO = 16  # periods longer than this many weeks show doses and check-ins by month


@record
class DoseTrack:
    """One exercise's dose in each period, per side: (amount, sets done) of the period's last
    session with it, or None."""

    exercise_id: str
    name: str
    kind: str  # "hold" (seconds) or "reps"
    values: dict[str, list[Optional[tuple[float, int]]]]  # side ("left", "right", "both")


@record
class Report:
    start: Optional[date]
    end: date
    sessions: list[SessionRow]
    weeks: list[Week]
    target: Optional[Frequency]
    target_routine: Optional[str]
    periods: list[str]  # labels of the dose and check-in periods
    doses: list[DoseTrack]
    checkins: Optional[list[CheckIn]]  # None: the history keeps no check-ins
    readings: list[Reading]
    previews: int = 0  # sped-up sessions, left out of every figure

    @property
    def minutes(self) -> float:
        return sum(s.duration for s in self.sessions) / 60

    @property
    def finished(self) -> int:
        return sum(1 for s in self.sessions if s.status == "finished")

    @property
    def stopped(self) -> list[SessionRow]:
        """Sessions stopped early or with a step skipped."""
        return [s for s in self.sessions if s.status == "partial" or s.skipped]

    @property
    def by_month(self) -> bool:
        return len(self.weeks) > WEEKLY_UP_TO


def build_report(store: Optional[HistoryStore], *, since: Optional[str], today: date) -> Report:
    """Everything the report shows, read from the history from `since` (an ISO time) on.

    Sessions run on a sped-up clock were previews, not exercise: they are counted apart.
    """
    recorded = store.sessions(since=since) if store else []
    sessions = [s for s in recorded if s.speed == 1]
    start = date.fromisoformat(since[:10]) if since else (
        date.fromisoformat(sessions[0].day) if sessions else None)
    last = max([today] + [date.fromisoformat(s.day) for s in sessions[-1:]]
               + ([start] if start else []))
    count = (monday_of(last) - monday_of(start)).days // 7 + 1 if start else 0
    weeks = weekly(sessions, today=last, weeks=count) if count else []
    routine, target = _target(sessions)
    ids = {s.id for s in sessions}
    steps = [s for s in store.steps() if s.session_id in ids] if store and sessions else []
    by_month = count > WEEKLY_UP_TO
    period_of = {s.id: _period(s.day, by_month) for s in sessions}
    periods = sorted(set(period_of.values()))
    found = readings(store.measurements()) if store else []
    return Report(start, last, sessions, weeks, target, routine, periods,
                  dose_tracks(steps, period_of, periods, _names()),
                  read_checkins(store, since),
                  [r for r in found if since is None or r.taken_at >= since],
                  previews=len(recorded) - len(sessions))


def _period(day: str, by_month: bool) -> str:
    return day[:7] if by_month else monday_of(date.fromisoformat(day)).isoformat()


def _names() -> dict[str, str]:
    from hipcli.library import load_library
    return {ex_id: ex.name for ex_id, ex in load_library().exercises.items()}


def _target(sessions: list[SessionRow]) -> tuple[Optional[str], Optional[Frequency]]:
    """The most-done routine and how often its description says to do it, when it says."""
    if not sessions:
        return None, None
    from hipcli.errors import HipcliError
    from hipcli.handouts.frequency import frequency
    from hipcli.loading import load
    name = Counter(s.routine for s in sessions).most_common(1)[0][0]
    try:
        routine = load(name).routine
        return name, frequency(f"{routine.frequency or ''}. {routine.description or ''}")
    except HipcliError:  # renamed, deleted or broken since: no target to show
        return name, None


def dose_tracks(steps: list[StepRow], period_of: dict[int, str], periods: list[str],
                names: dict[str, str]) -> list[DoseTrack]:
    """Per exercise (in the order first done) and side: the dose of each period's last session."""
    per_session: dict[tuple[str, str, int], list[StepRow]] = {}
    kinds: dict[str, str] = {}
    for step in steps:
        if step.is_work and not step.skipped and step.exercise_id:
            side = step.side or "both"
            per_session.setdefault((step.exercise_id, side, step.session_id), []).append(step)
            kinds.setdefault(step.exercise_id, step.kind)
    index = {period: n for n, period in enumerate(periods)}
    values: dict[str, dict[str, list]] = {}
    for (exercise_id, side, session_id), done in per_session.items():
        amount = max((s.hold if s.kind == "hold" else s.reps) or 0 for s in done)
        row = values.setdefault(exercise_id, {}).setdefault(side, [None] * len(periods))
        row[index[period_of[session_id]]] = (amount, len(done))  # sessions come oldest first
    return [DoseTrack(ex_id, names.get(ex_id, ex_id), kinds[ex_id],
                      dict(sorted(sides.items(), key=lambda item: _SIDE_ORDER[item[0]])))
            for ex_id, sides in values.items()]


_SIDE_ORDER = {"left": 0, "right": 1, "both": 2}


def checkin_rows(report: Report) -> list[tuple[str, Optional[float], Optional[float], int]]:
    """(period, mean pain, mean effort, check-ins) for each period with a check-in."""
    groups: dict[str, list[CheckIn]] = {}
    for checkin in report.checkins or []:
        try:
            period = _period(checkin.at[:10], report.by_month)
        except ValueError:  # not a date: nothing to place it by
            continue
        groups.setdefault(period, []).append(checkin)
    return [(period, _mean([c.pain for c in found]), _mean([c.effort for c in found]), len(found))
            for period, found in sorted(groups.items())]


def _mean(values: list[Optional[float]]) -> Optional[float]:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def asymmetry_words(reading: Reading) -> str:
    """Which side moves less, when the gap is past the mark."""
    notes = []
    for direction, gap in (("ER", reading.er_gap), ("IR", reading.ir_gap)):
        side = tighter_side(gap)
        if side:
            notes.append(f"{direction}: {side} tighter")
    return "; ".join(notes) or f"within {ASYMMETRY_DEGREES:g}°"

"""Judge a program stage from the history: each criterion met or not and why, what is due on a
day, and the week's sessions against the target. Pure functions over recorded rows.

Only sessions that count are used: finished, at real speed (a sped-up run is a preview).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from hipcli.history.checkins import CheckIn, effort_rank, pain_hold
from hipcli.history.store import SessionRow, StepRow
from hipcli.programs import Frequency, Program, Stage, Target
from hipcli.records import record

LEAST_SESSIONS = 2  # a stage never ends on one session


def counts(session: SessionRow) -> bool:
    return session.status == "finished" and session.speed <= 1


def session_day(session: SessionRow) -> date:
    return date.fromisoformat(session.day)


@record
class Criterion:
    name: str
    met: bool
    why: str

    def line(self) -> str:
        return f"[{'x' if self.met else ' '}] {self.name}: {self.why}"


@record
class StageRecord:
    """What the history holds for one stage: its counted sessions, their steps and check-ins."""

    sessions: list[SessionRow]
    steps: list[StepRow]
    checkins: dict[int, CheckIn]

    def steps_of(self, session: SessionRow) -> list[StepRow]:
        return [s for s in self.steps if s.session_id == session.id]

    def full(self, session: SessionRow) -> bool:
        work = [s for s in self.steps_of(session) if s.is_work]
        return bool(work) and all(s.completed for s in work)

    def pains(self) -> list[int]:
        return [c.pain for s in self.sessions
                if (c := self.checkins.get(s.id)) and c.pain is not None]

    def efforts(self) -> list[str]:
        return [c.effort for s in self.sessions
                if (c := self.checkins.get(s.id)) and c.effort is not None]


def judge(program: Program, stage: Stage, started: date, today: date, record: StageRecord,
          affected: Optional[str] = None) -> list[Criterion]:
    """Every criterion that ends `stage`, in order: all met means the stage is done."""
    done = len(record.sessions)
    elapsed = (today - started).days
    wanted_sessions = max(stage.length.sessions, LEAST_SESSIONS)
    found = [Criterion(f"at least {stage.length.days} days", elapsed >= stage.length.days,
                       f"day {elapsed + 1}, begun {started.isoformat()}")] \
        if stage.length.days else []
    found.append(Criterion(f"at least {wanted_sessions} sessions", done >= wanted_sessions,
                           f"{done} so far"))
    until = stage.until
    if until.full_sessions:
        full = sum(1 for s in record.sessions if record.full(s))
        found.append(Criterion(f"{until.full_sessions} sessions done in full",
                               full >= until.full_sessions, f"{full} so far"))
    if until.dose:
        found.append(_dose(stage, until.dose, record, affected))
    found.append(_pain(program, until.pain_at_most, record.pains()))
    if until.effort_at_most:
        found.append(_effort(until.effort_at_most, record.efforts()))
    return found


def _dose(stage: Stage, target: Target, record: StageRecord,
          affected: Optional[str]) -> Criterion:
    name = f"{target.sets} x {target.reps} reached"
    first = stage.routines[0].routine
    latest = [s for s in record.sessions if s.routine == first]
    if not latest:
        return Criterion(name, False, f"no session of {first} yet")
    session = latest[-1]
    short = _short_of(record.steps_of(session), target, affected)
    if short:
        return Criterion(name, False, f"latest {first} ({session.day}) fell short on "
                                      f"{', '.join(short)}")
    return Criterion(name, True, f"every exercise in reps, latest {first} ({session.day})")


def _short_of(steps: list[StepRow], target: Target, affected: Optional[str]) -> list[str]:
    """The exercises (and sides) of a session not done at the target sets and reps; with an
    affected side, only that side's count (the other may be dosed lower on purpose)."""
    sets_done: dict[tuple, set[int]] = {}
    for step in steps:
        if step.kind != "reps" or not step.exercise_id:
            continue
        if affected and step.side not in (None, affected):
            continue
        key = (step.exercise_id, step.side)
        sets_done.setdefault(key, set())
        if step.completed and (step.reps or 0) >= target.reps and step.set_count >= target.sets:
            sets_done[key].add(step.set_no)
    return [exercise + (f" {side}" if side else "")
            for (exercise, side), sets in sets_done.items() if len(sets) < target.sets]


def _pain(program: Program, at_most: Optional[int], pains: list[int]) -> Criterion:
    if at_most is None:
        held = pain_hold(pains, program.pain_ceiling)
        return Criterion(f"pain at most {program.pain_ceiling}, not rising", held is None,
                         held or (f"last {pains[-1]}/10" if pains else "no pain given yet"))
    name = f"pain at most {at_most} in the last {LEAST_SESSIONS} check-ins"
    last = pains[-LEAST_SESSIONS:]
    if len(last) < LEAST_SESSIONS:
        return Criterion(name, False, f"{len(last)} check-in{'s' * (len(last) != 1)} "
                                      "with pain so far")
    held = pain_hold(pains, program.pain_ceiling)
    met = all(p <= at_most for p in last) and held is None
    return Criterion(name, met, held or f"last {', '.join(map(str, last))}")


def _effort(at_most: str, efforts: list[str]) -> Criterion:
    name = f"effort no harder than {at_most} in the last {LEAST_SESSIONS} check-ins"
    last = efforts[-LEAST_SESSIONS:]
    if len(last) < LEAST_SESSIONS:
        return Criterion(name, False, f"{len(last)} check-in{'s' * (len(last) != 1)} "
                                      "with effort so far")
    met = all(effort_rank(e) <= effort_rank(at_most) for e in last)
    return Criterion(name, met, f"last {', '.join(last)}")


# -- what is due -----------------------------------------------------------------------------
@record
class Due:
    """One routine of the stage on one day."""

    routine: str
    frequency: Frequency
    state: str  # "due", "optional", "done"
    why: str
    last: Optional[date]


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def due_today(stage: Stage, sessions: list[SessionRow], today: date) -> list[Due]:
    """Each routine of the stage: due today or not, and why (counted sessions only)."""
    found = []
    for item in stage.routines:
        mine = [session_day(s) for s in sessions if s.routine == item.routine and counts(s)]
        found.append(_due_one(item.routine, item.frequency, mine, today))
    return found


def _due_one(routine: str, often: Frequency, days: list[date], today: date) -> Due:
    last = max((d for d in days if d <= today), default=None)
    on_day = sum(1 for d in days if d == today)
    monday = week_start(today)
    in_week = sum(1 for d in days if monday <= d <= today)
    if often.per == "free":
        return Due(routine, often, "due", f"as often as you can: {on_day} today", last)
    if often.per == "day":
        counted = f"{on_day} of {often.high} today, {in_week} this week"
        return Due(routine, often, "done" if on_day >= often.high else "due", counted, last)
    target = f"{in_week} of {often.low}" + (f"-{often.high}" if often.high > often.low else "")
    if on_day:
        return Due(routine, often, "done", f"done today; {target} this week", last)
    if in_week >= often.high:
        return Due(routine, often, "done", f"{target} this week: enough", last)
    if in_week >= often.low:
        return Due(routine, often, "optional", f"{target} this week: one more if you like", last)
    return Due(routine, often, "due", f"{target} this week", last)


def weekly_target(stage: Stage) -> int:
    """Sessions a week the stage asks for at least ("as often as possible" counts as daily)."""
    return sum(7 * f.low if f.per in ("day", "free") else f.low
               for f in (item.frequency for item in stage.routines))


@record
class Adherence:
    """A program's counted sessions per week against its target: (Monday, done, target)."""

    program: str
    weeks: list[tuple[date, int, int]]


def adherence(program: Program, log: list[tuple[int, date, str]], sessions: list[SessionRow],
              today: date, weeks: int) -> Adherence:
    """(Monday, counted sessions of the program's routines, the target then) for recent weeks
    since the program began; the target is the stage's that was under way on that Monday (or
    the first day)."""
    if not log:
        return Adherence(program.label(), [])
    names = {item.routine for stage in program.stages for item in stage.routines}
    first = week_start(log[0][1])
    found = []
    monday = max(first, week_start(today) - timedelta(weeks=weeks - 1))
    while monday <= today:
        sunday = monday + timedelta(days=6)
        stage = _stage_on(log, max(monday, log[0][1]))
        done = sum(1 for s in sessions if counts(s) and s.routine in names
                   and monday <= session_day(s) <= sunday)
        found.append((monday, done, weekly_target(program.stage(stage))))
        monday += timedelta(weeks=1)
    return Adherence(program.label(), found)


def _stage_on(log: list[tuple[int, date, str]], day: date) -> int:
    stage = log[0][0]
    for index, started, _ in log:
        if started <= day:
            stage = index
    return stage

"""Follow a program from the history: start, move and stop it, end a stage once its criteria are
met, and say what is due today and where the stage stands."""

from __future__ import annotations

from datetime import date
from typing import Optional

from hipcli.choices import Side
from hipcli.days import weekday
from hipcli.errors import HipcliError
from hipcli.history import runs
from hipcli.history.checkins import checkins
from hipcli.history.runs import Run
from hipcli.history.stages import (Criterion, Due, StageRecord, counts, due_today, judge,
                                   session_day)
from hipcli.history.store import HistoryStore
from hipcli.programs import Program, Stage, load_program, load_programs
from hipcli.records import record

NO_PROGRAM = "No program is under way."


@record
class Standing:
    """A followed program on one day: its stage, the stage's criteria and what is due."""

    program: Program
    run: Run
    today: date
    criteria: list[Criterion]
    due: list[Due]

    @property
    def stage(self) -> Stage:
        return self.program.stage(self.run.stage)

    @property
    def last_stage(self) -> bool:
        return self.run.stage >= len(self.program.stages) - 1

    @property
    def ready(self) -> bool:
        return all(c.met for c in self.criteria)

    def heading(self) -> str:
        stage = self.stage
        return (f"{self.program.label()}, stage {self.run.stage + 1} of "
                f"{len(self.program.stages)}: {stage.title or stage.name}")

    def begun(self) -> str:
        days = (self.today - self.run.stage_started_on).days + 1
        return f"stage begun {weekday(self.run.stage_started_on)}, day {days}"


def stage_record(store: HistoryStore, stage: Stage, since: date) -> StageRecord:
    names = {item.routine for item in stage.routines}
    sessions = [s for s in store.sessions(since=since.isoformat())
                if s.routine in names and counts(s) and session_day(s) >= since]
    ids = [s.id for s in sessions]
    return StageRecord(sessions, store.steps(ids) if ids else [],
                       checkins(store, ids) if ids else {})


def standing(store: HistoryStore, program: Program, run: Run, today: date) -> Standing:
    stage = program.stage(run.stage)
    record = stage_record(store, stage, run.stage_started_on)
    criteria = judge(program, stage, run.stage_started_on, today, record, run.affected)
    return Standing(program, run, today, criteria, due_today(stage, store.sessions(), today))


def refresh(store: HistoryStore, today: date) -> tuple[Optional[Standing], list[str]]:
    """The program under way, after ending its stage if every criterion is met; with what
    to say about a stage that just ended."""
    run = runs.active_run(store)
    if run is None:
        return None, []
    program = load_program(run.program)
    now = standing(store, program, run, today)
    if not now.ready or now.last_stage:
        return now, []
    ended = now.stage
    runs.set_stage(store, run.id, run.stage + 1, today, "criteria")
    moved = standing(store, program, runs.active_run(store) or run, today)
    return moved, [f"Stage {ended.name} is done: every criterion met "
                   f"({'; '.join(c.name for c in now.criteria)}).",
                   f"Now {moved.heading()}."]


def start_program(store: HistoryStore, name: str, affected: Optional[Side],
                  today: date) -> Standing:
    program = load_program(name)
    run = runs.start_run(store, program.name, affected, today)
    return standing(store, program, run, today)


def move(store: HistoryStore, step: int, today: date) -> Standing:
    """`program advance` (+1) or `program back` (-1): by hand, whatever the criteria say."""
    run = _active(store)
    program = load_program(run.program)
    target = run.stage + step
    if not 0 <= target < len(program.stages):
        edge = "last" if step > 0 else "first"
        raise HipcliError(f"{program.name} is already at its {edge} stage")
    runs.set_stage(store, run.id, target, today, "advance" if step > 0 else "back")
    return standing(store, program, runs.active_run(store) or run, today)


def stop(store: HistoryStore, today: date) -> Run:
    run = _active(store)
    runs.stop_run(store, run, today)
    return run


def _active(store: Optional[HistoryStore]) -> Run:
    run = runs.active_run(store)
    if run is None:
        raise HipcliError("no program is under way: start one with `hipcli program start NAME`")
    return run


# -- what the commands print ---------------------------------------------------------------
def start_command(routine: str, run: Run) -> str:
    side = f" --affected {run.affected}" if run.affected else ""
    return f"hipcli start {routine}{side}"


def today_lines(now: Standing) -> list[str]:
    lines = [f"Today, {weekday(now.today)}: {now.heading()}", f"({now.begun()})"]
    for due in now.due:
        last = weekday(due.last) if due.last else "never"
        lines.append(f"  {due.state:<8} {due.routine}: {due.frequency.words()}, {due.why}; "
                     f"last done {last}")
    ready = [d for d in now.due if d.state == "due"] or [d for d in now.due
                                                         if d.state == "optional"]
    if ready:
        lines.append(f"Start it: {start_command(ready[0].routine, now.run)}")
    else:
        lines.append("Nothing more is due today.")
    return lines


def status_lines(now: Standing) -> list[str]:
    side = f", affected side {now.run.affected}" if now.run.affected else ""
    lines = [f"{now.program.label()} ({now.program.name}){side}, started "
             f"{now.run.started_on.isoformat()}",
             f"Stage {now.run.stage + 1} of {len(now.program.stages)}: {now.stage.name} - "
             f"{now.stage.title or now.stage.name}; {now.begun()}",
             "This week:"]
    lines += [f"  {d.routine}: {d.frequency.words()}, {d.why}" for d in now.due]
    if now.last_stage and not now.stage.until.given:
        lines.append("Last stage: it goes on until you stop the program.")
        return lines
    lines.append("To end this stage:" if not now.last_stage else "To finish the program:")
    lines += [f"  {c.line()}" for c in now.criteria]
    return lines


def suggestion_lines() -> list[str]:
    lines = [f"{NO_PROGRAM} Start one with `hipcli program start NAME`:"]
    lines += [f"  {p.name:<14} {p.label()}" for p in load_programs()]
    lines.append("For example: hipcli program start hip-rotation")
    return lines

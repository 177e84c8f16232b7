"""The program being followed, kept in the history: which one, since when, and its stages.

One program is followed at a time, so `today` has one answer; starting another means stopping
the one under way first.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Optional, cast

from hipcli.choices import Side
from hipcli.errors import HipcliError
from hipcli.history.store import HistoryStore
from hipcli.records import record

if TYPE_CHECKING:
    from hipcli.programs import Program


@record
class Run:
    id: int
    program: str
    affected: Optional[Side]
    started_on: date
    stage: int
    stage_started_on: date


def active_run(store: Optional[HistoryStore]) -> Optional[Run]:
    if store is None:
        return None
    rows = store.fetch(
        "SELECT r.id, r.program, r.affected, r.started_on, s.stage, s.started_on"
        " FROM program_runs r JOIN program_stages s ON s.run_id = r.id"
        " WHERE r.stopped_on IS NULL ORDER BY r.id DESC, s.id DESC LIMIT 1")
    if not rows:
        return None
    id_, program, affected, started, stage, stage_started = rows[0]
    side = cast(Optional[Side], affected)  # the table's CHECK allows no other value
    return Run(id_, program, side, date.fromisoformat(started), stage,
               date.fromisoformat(stage_started))


def program_for(store: HistoryStore, routine: str) -> "Optional[Program]":
    """The program under way, when `routine` is one of its routines."""
    run = active_run(store)
    if run is None:
        return None
    from hipcli.programs import load_program  # only with a program under way
    program = load_program(run.program)
    found = any(item.routine == routine for stage in program.stages for item in stage.routines)
    return program if found else None


def program_side(store: Optional[HistoryStore], routine: str) -> Optional[Side]:
    """The affected side the program under way was started with, for one of its routines."""
    run = active_run(store)
    if store is None or run is None or program_for(store, routine) is None:
        return None
    return run.affected


def start_run(store: HistoryStore, program: str, affected: Optional[Side], day: date) -> Run:
    current = active_run(store)
    if current is not None:
        raise HipcliError(f"the {current.program} program is under way: stop it first with "
                          "`hipcli program stop`")
    run_id = store.write([("INSERT INTO program_runs (program, affected, started_on)"
                           " VALUES (?, ?, ?)", (program, affected, day.isoformat()))])
    assert run_id is not None
    set_stage(store, run_id, 0, day, "start")
    return Run(run_id, program, affected, day, 0, day)


def set_stage(store: HistoryStore, run_id: int, stage: int, day: date, how: str) -> None:
    store.write([("INSERT INTO program_stages (run_id, stage, started_on, how)"
                  " VALUES (?, ?, ?, ?)", (run_id, stage, day.isoformat(), how))])


def stop_run(store: HistoryStore, run: Run, day: date) -> None:
    store.write([("UPDATE program_runs SET stopped_on = ? WHERE id = ?",
                  (day.isoformat(), run.id))])


def stage_log(store: HistoryStore, run_id: int) -> list[tuple[int, date, str]]:
    """(stage, first day, how it began), in order."""
    rows = store.fetch("SELECT stage, started_on, how FROM program_stages WHERE run_id = ?"
                       " ORDER BY id", (run_id,))
    return [(stage, date.fromisoformat(day), how) for stage, day, how in rows]

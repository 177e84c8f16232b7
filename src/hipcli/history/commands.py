"""What `hipcli history`, `stats` and `measure` do, below the command-line parsing."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from typing import Any, Callable, Iterator, Optional, TextIO

from hipcli.choices import OutputFormat
from hipcli.errors import HipcliError
from hipcli.history import views
from hipcli.history.checkins import checkins
from hipcli.history.measure import READINGS, Reading, check_degrees, option_name, readings
from hipcli.history.store import HistoryStore
from hipcli.records import record

SHOWN = 50
NO_SESSIONS = "No sessions recorded yet: they are kept from your first `hipcli start` on."


def parse_since(text: Optional[str]) -> Optional[str]:
    """A YYYY-MM-DD date (or ISO date-time) as the lower bound of a start time."""
    if text is None:
        return None
    try:
        return (date.fromisoformat(text) if len(text) == 10 else
                datetime.fromisoformat(text)).isoformat()
    except ValueError:
        raise HipcliError(f"--since {text!r} is not a date (expected YYYY-MM-DD)") from None


def pick_format(fmt: Optional[OutputFormat], as_json: bool) -> OutputFormat:
    """--json wins; else the --format given (the command line checked it), else a table."""
    return "json" if as_json else fmt or "table"


def tell_unreadable(store: Optional[HistoryStore], warn: Optional[TextIO]) -> None:
    """Rows that could not be read, one line per kind, on stderr."""
    for note in store.unreadable_notes() if store else []:
        (warn or sys.stderr).write(f"hipcli: {note}\n")


@record(frozen=False)
class HistoryOutput:
    """What `hipcli history` prints: streamed text, or a table and a note, or one message."""

    chunks: Optional[Iterator[str]] = None
    table: Any = None
    note: Optional[str] = None
    message: Optional[str] = None


def history_output(*, since: Optional[str], routine: Optional[str], fmt: str,
                   every: bool = False, warn: Optional[TextIO] = None) -> HistoryOutput:
    """CSV and JSON stream every matching session; the table shows the last 50 unless
    `every` or `since` asks for more."""
    since = parse_since(since)
    store = HistoryStore.open_existing()
    if fmt in ("json", "csv"):
        found = store.iter_sessions(since=since, routine=routine) if store else iter(())

        def given(ids: list[int]):
            return checkins(store, ids) if store is not None and ids else {}
        chunks = (views.history_json_chunks(found, store.steps if store else None, given)
                  if fmt == "json" else views.history_csv_chunks(found, given))
        return HistoryOutput(chunks=_then(chunks, lambda: _done_with(store, warn)))
    try:
        return _history_table(store, since=since, routine=routine, every=every, warn=warn)
    finally:
        if store is not None:
            store.close()


def _history_table(store: Optional[HistoryStore], *, since: Optional[str],
                   routine: Optional[str], every: bool, warn: Optional[TextIO]) -> HistoryOutput:
    last = None if every or since else SHOWN
    sessions = store.sessions(since=since, routine=routine, last=last) if store else []
    tell_unreadable(store, warn)
    if not sessions:
        return HistoryOutput(message=NO_SESSIONS if store is None or not store.has_sessions()
                             else "No sessions match those filters.")
    note = None
    if (last is not None and len(sessions) == last and store is not None
            and store.has_sessions(before=sessions[0])):
        note = f"The last {last} sessions; --all shows every one, --since DATE from a day on."
    return HistoryOutput(table=views.history_table(sessions), note=note)


def _done_with(store: Optional[HistoryStore], warn: Optional[TextIO]) -> None:
    tell_unreadable(store, warn)
    if store is not None:
        store.close()


def _then(chunks: Iterator[str], after: Callable[[], None]) -> Iterator[str]:
    yield from chunks
    after()


def stats_data(*, today: date, weeks: int, warn: Optional[TextIO] = None):
    from dataclasses import replace
    with HistoryStore.existing() as store:
        if store is None:
            return None
        with store.snapshot():
            found, recent = _figures(store, today, weeks)
            tell_unreadable(store, warn)
            if found is None:
                return None
            return replace(found, adherence=_adherence(store, recent, today, weeks))


def _figures(store: HistoryStore, today: date, weeks: int):
    """The figures, and the sessions read for them (those the program's weeks may need): from
    the tally and the sessions of the weeks shown when the tally holds every session, else from
    every session read and checked one by one."""
    from hipcli.history import stats, tally
    if not tally.every_row_counted(store):
        sessions = list(store.iter_sessions(counts=False))  # steps not counted
        return stats.summarize(sessions, today=today, weeks=weeks), sessions
    first_shown = stats.monday_of(today) - timedelta(weeks=weeks - 1)
    recent = list(store.iter_sessions(since=first_shown.isoformat(), counts=False))
    totals = tally.totals(store)
    running = list(store.iter_sessions(ids=tally.running_ids(store), counts=False)) \
        if totals.running else []
    abandoned = sum(session.status == "partial" for session in running)
    found = stats.combine(count=totals.sessions, seconds=totals.seconds,
                          finished=totals.finished, partial=totals.partial + abandoned,
                          streak=tally.streaks(store, today=today),
                          routines=tally.per_routine(store), recent=recent, today=today,
                          weeks=weeks)
    return found, recent


def _adherence(store, sessions, today: date, weeks: int):
    """The program under way, week by week since it began, or None."""
    from hipcli.history.runs import active_run, stage_log
    from hipcli.history.stages import adherence
    from hipcli.programs import load_program
    run = active_run(store)
    if run is None:
        return None
    return adherence(load_program(run.program), stage_log(store, run.id), sessions, today, weeks)


def measured_readings(*, warn: Optional[TextIO] = None) -> list[Reading]:
    with HistoryStore.existing() as store:
        found = readings(store.measurements()) if store else []
        tell_unreadable(store, warn)
    return found


def collect_readings(given: dict[str, Optional[float]],
                     ask: Callable[[str], float]) -> dict[str, float]:
    """Every reading: checked if given as an option, asked for if not."""
    values = {}
    for side, direction in READINGS:
        name = option_name(side, direction)
        value = given.get(name)
        if value is not None:
            values[name] = check_degrees(value, name=name)
    for side, direction in READINGS:
        name = option_name(side, direction)
        if name not in values:
            label = f"{side.capitalize()} {direction.upper()} in degrees (0-90)"
            values[name] = check_degrees(ask(label), name=name)
    return values


def record_reading(values: dict[str, float], *, taken_at: str) -> Reading:
    reading = Reading(taken_at, values["--left-er"], values["--left-ir"],
                      values["--right-er"], values["--right-ir"])
    store = HistoryStore.open()
    try:
        store.add_measurements(taken_at, reading.rows())
    finally:
        store.close()
    return reading

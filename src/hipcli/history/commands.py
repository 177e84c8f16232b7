"""What `hipcli history`, `stats` and `measure` do, below the command-line parsing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable, Optional

from hipcli.choices import OutputFormat
from hipcli.errors import HipcliError
from hipcli.history import views
from hipcli.history.checkins import checkins
from hipcli.history.measure import READINGS, Reading, check_degrees, option_name, readings
from hipcli.history.store import HistoryStore

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


def history_output(*, since: Optional[str], routine: Optional[str], fmt: str):
    """The sessions as JSON-ready data, CSV text, a Rich table, or a line saying there are none."""
    since = parse_since(since)
    store = HistoryStore.open_existing()
    sessions = store.sessions(since=since, routine=routine) if store else []
    given = checkins(store, [s.id for s in sessions]) if store and sessions else {}
    if fmt == "json":
        steps = store.steps([s.id for s in sessions]) if store and sessions else []
        return views.history_json(sessions, steps, given)
    if fmt == "csv":
        return views.history_csv(sessions, given)
    if not sessions:
        return NO_SESSIONS if store is None or not store.has_sessions() else \
            "No sessions match those filters."
    return views.history_table(sessions)


def stats_data(*, today: date, weeks: int):
    from dataclasses import replace
    from hipcli.history.stats import summarize
    store = HistoryStore.open_existing()
    sessions = store.sessions() if store else []
    if not sessions:
        return None
    return replace(summarize(sessions, today=today, weeks=weeks),
                   adherence=_adherence(store, sessions, today, weeks))


def _adherence(store, sessions, today: date, weeks: int):
    """The program under way, week by week since it began, or None."""
    from hipcli.history.runs import active_run, stage_log
    from hipcli.history.stages import adherence
    from hipcli.programs import load_program
    run = active_run(store)
    if run is None:
        return None
    return adherence(load_program(run.program), stage_log(store, run.id), sessions, today, weeks)


def measured_readings() -> list[Reading]:
    store = HistoryStore.open_existing()
    return readings(store.measurements()) if store else []


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
    HistoryStore.open().add_measurements(taken_at, reading.rows())
    return reading

"""Validate one file the user names, by routine name or by path: a routine, a program, or an
exercise library."""

from __future__ import annotations

from pathlib import Path

from hipcli.durations import format_duration


def check_file(target: str | Path) -> str:
    """A short description of a valid file, or a `RoutineError` with every problem found.

    A routine's total is the one `show` and `start` give without options: doses as far as
    the history has earned them.
    """
    from hipcli.catalog import find_routine
    from hipcli.history.feed import feed
    from hipcli.history.store import HistoryStore
    from hipcli.library import Library
    from hipcli.loading import load_any
    from hipcli.programs import Program
    from hipcli.totals import planned_timeline

    loaded = load_any(find_routine(str(target)).path)
    if isinstance(loaded, Program):
        routines = {item.routine for stage in loaded.stages for item in stage.routines}
        return f"a program: {_count(len(loaded.stages), 'stage')}, {_count(len(routines), 'routine')}"
    if isinstance(loaded, Library):
        return f"{len(loaded.exercises)} exercises"
    with HistoryStore.existing() as store:
        timeline = planned_timeline(loaded, feed(store))
    return f"{len(timeline.work_steps)} exercise steps, {format_duration(timeline.total)}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"

"""Validate one file the user names: a routine, or an exercise library."""

from __future__ import annotations

from pathlib import Path

from hipcli.durations import format_duration


def check_file(path: Path) -> str:
    """A short description of a valid file, or a `RoutineError` for the first problem."""
    from hipcli.library import Library
    from hipcli.loading import load_any
    from hipcli.timeline import compile_timeline

    loaded = load_any(path)
    if isinstance(loaded, Library):
        return f"{len(loaded.exercises)} exercises"
    timeline = compile_timeline(loaded.routine, loaded.library)
    return f"{len(timeline.work_steps)} exercise steps, {format_duration(timeline.total)}"

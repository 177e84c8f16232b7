"""Validate one file the user names: a routine, a program, or an exercise library."""

from __future__ import annotations

from pathlib import Path

from hipcli.durations import format_duration


def check_file(path: Path) -> str:
    """A short description of a valid file, or a `RoutineError` for the first problem."""
    from hipcli.library import Library
    from hipcli.loading import load_any
    from hipcli.programs import Program
    from hipcli.timeline import compile_timeline

    loaded = load_any(path)
    if isinstance(loaded, Program):
        routines = {item.routine for stage in loaded.stages for item in stage.routines}
        return f"a program: {_count(len(loaded.stages), 'stage')}, {_count(len(routines), 'routine')}"
    if isinstance(loaded, Library):
        return f"{len(loaded.exercises)} exercises"
    timeline = compile_timeline(loaded.routine, loaded.library)
    return f"{len(timeline.work_steps)} exercise steps, {format_duration(timeline.total)}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"

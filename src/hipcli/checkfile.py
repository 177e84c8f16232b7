"""Validate one file the user names: a routine, or an exercise library."""

from __future__ import annotations

from pathlib import Path

from hipcli.durations import format_duration


def check_file(path: Path) -> str:
    """A short description of a valid file, or a `RoutineError` for the first problem."""
    from hipcli.library import library_from_source, load_library
    from hipcli.routine import routine_from_source
    from hipcli.timeline import compile_timeline
    from hipcli.yamlsource import read_source

    source = read_source(path)
    if isinstance(source.data, dict) and "exercises" in source.data:
        return f"{len(library_from_source(source).exercises)} exercises"
    library = load_library()
    timeline = compile_timeline(routine_from_source(source, library), library)
    return f"{len(timeline.work_steps)} exercise steps, {format_duration(timeline.total)}"

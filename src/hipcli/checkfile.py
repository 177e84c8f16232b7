"""Validate one file the user names: a routine, or an exercise library."""

from __future__ import annotations

from pathlib import Path

from hipcli.durations import format_duration


def check_file(path: Path) -> str:
    """A short description of a valid file, or a `RoutineError` for the first problem."""
    from hipcli.library import load_library
    from hipcli.model import ExerciseLibrary
    from hipcli.routine import check_references
    from hipcli.timeline import compile_timeline
    from hipcli.validate import build_model
    from hipcli.yamlsource import read_source

    source = read_source(path)
    if isinstance(source.data, dict) and "exercises" in source.data:
        library = load_library.__wrapped__(path)
        return f"{len(library.exercises)} exercises"
    library = load_library()
    from hipcli.model import Routine
    routine = build_model(source, Routine)
    check_references(source, routine, library)
    timeline = compile_timeline(routine, library)
    return f"{len(timeline.work_steps)} exercise steps, {format_duration(timeline.total)}"



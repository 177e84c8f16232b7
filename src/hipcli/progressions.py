"""Exercise progressions, applied from the history: an exercise done at its goal in full gives
way to the next one (clamshell -> clamshell with band), or its reps get quicker. Pure: it takes
the library and which past sessions were clean, and returns the library the session runs with."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional

from hipcli.library import Library
from hipcli.model import Exercise, Goal
from hipcli.records import record

SESSIONS_PER_NOTCH = 2


@record
class Applied:
    """The library a session uses, and one line per exercise with a progression."""

    library: Library
    lines: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()  # the lines of progressions that changed something


def apply(library: Library, exercise_ids: list[str],
          clean_sessions: Callable[[str, Goal], list[bool]]) -> Applied:
    """Each exercise moved on as far as its history allows; an exercise it gave way to may
    move on in turn (forward lunge -> lateral lunge, whose reps then get quicker).

    `clean_sessions(exercise_id, goal)`: per past session with the exercise, newest first,
    whether every side was done at the goal in full."""
    exercises = dict(library.exercises)
    lines, moved = [], []
    for exercise_id in exercise_ids:
        current = library.exercises.get(exercise_id)
        seen: set[str] = set()
        while current is not None and current.progression and current.id not in seen:
            seen.add(current.id)
            sessions = clean_sessions(current.id, current.progression.after)
            changed, line = _progress(current, sessions, library)
            lines.append(line)
            if changed is None:
                break
            moved.append(line)
            exercises[exercise_id] = changed
            current = changed if changed.id != current.id else None
    return Applied(Library(exercises), tuple(lines), tuple(moved))


def _progress(exercise: Exercise, sessions: list[bool],
              library: Library) -> tuple[Optional[Exercise], str]:
    step = exercise.progression
    assert step is not None
    goal = f"{step.after.sets} x {step.after.reps} in full"
    if step.to is not None:
        following = library.get(step.to)
        if sessions and sessions[0]:
            return following, (f"{exercise.name} gives way to {following.name}: "
                               f"{goal} last time")
        return None, f"{exercise.name} stays: {following.name} comes after {goal}"
    return _quicker(exercise, sum(sessions), goal)


def _quicker(exercise: Exercise, clean: int, goal: str) -> tuple[Optional[Exercise], str]:
    step = exercise.progression
    assert step is not None and step.quicken is not None
    base = exercise.dose.tempo
    if base is None:
        return None, f"{exercise.name}: no tempo to quicken"
    fastest = step.fastest or base / 2
    notches = clean // SESSIONS_PER_NOTCH
    tempo = round(max(base * step.quicken ** notches, fastest), 2)
    if tempo >= base:
        return None, (f"{exercise.name}: {base:g} s a rep; quicker after "
                      f"{SESSIONS_PER_NOTCH} sessions at {goal} ({clean} so far)")
    dose = replace(exercise.dose, tempo=tempo)
    return replace_exercise(exercise, dose), (
        f"{exercise.name}: {tempo:g} s a rep, down from {base:g} s "
        f"({clean} sessions at {goal})")


def replace_exercise(exercise: Exercise, dose) -> Exercise:
    return replace(exercise, dose=dose)



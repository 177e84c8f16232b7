"""The exercise library: load it once, look exercises up by id, filter them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING

from hipcli.errors import NotFoundError, RoutineError
from hipcli.model import Exercise
from hipcli.paths import library_file
from hipcli.records import record

if TYPE_CHECKING:
    from hipcli.yamlsource import Source


@record
class Library:
    """All exercises by id, in file order."""

    exercises: dict[str, Exercise]

    def get(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise NotFoundError(f"no exercise {exercise_id!r}{self.suggest(exercise_id)}") from None

    def suggest(self, exercise_id: str) -> str:
        import difflib  # only when a name is not found
        close = difflib.get_close_matches(exercise_id, list(self.exercises), n=1, cutoff=0.5)
        return f" (did you mean {close[0]!r}?)" if close else " (see `hipcli exercises`)"

    def filter(self, *, kind: str | None = None, position: str | None = None,
               equipment: str | None = None, muscle: str | None = None) -> list[Exercise]:
        """Exercises matching every given filter; text filters match a part of a word."""
        def matches(ex: Exercise) -> bool:
            if kind and ex.kind != kind:
                return False
            if position and ex.position != position:
                return False
            if equipment is not None and not _any_contains(ex.equipment, equipment):
                return False
            return not muscle or _any_contains(ex.muscles, muscle)
        return [ex for ex in self.exercises.values() if matches(ex)]


    def unmatched(self, *, equipment: str | None = None,
                  muscle: str | None = None) -> list[tuple[str, str]]:
        """(flag, what is wrong) for each free-text filter that matches no exercise at all."""
        problems = []
        if equipment is not None and not self.filter(equipment=equipment):
            known = sorted({item for ex in self.exercises.values() for item in ex.equipment})
            problems.append(("--equipment", f"{equipment!r} matches no exercise's equipment "
                             f"(known: {', '.join(known)}, or none)"))
        if muscle and not self.filter(muscle=muscle):
            problems.append(("--muscle", f"{muscle!r} matches no muscle an exercise works "
                             "(`hipcli exercises --json` lists them)"))
        return problems


def _any_contains(items: list[str], needle: str) -> bool:
    if needle.lower() in ("none", "no", ""):
        return not items
    return any(needle.lower() in item.lower() for item in items)


@lru_cache(maxsize=4)
def load_library(path: Path | None = None) -> Library:
    """Read and validate the exercise library file; ids must be unique. The shipped one comes
    from the cache of validated files when it is unchanged."""
    path = path or library_file()
    from hipcli.shipcache import cached, is_shipped
    if is_shipped(path):
        return cached("library", [path], lambda: read_library(path))
    return read_library(path)


def read_library(path: Path) -> Library:
    from hipcli.yamlsource import read_source
    return library_from_source(read_source(path))


def library_from_source(source: Source) -> Library:
    """Validate parsed YAML as an exercise library."""
    from hipcli.model import ExerciseLibrary
    from hipcli.validate import build_model
    parsed = build_model(source, ExerciseLibrary)
    exercises: dict[str, Exercise] = {}
    for index, exercise in enumerate(parsed.exercises):
        if exercise.id in exercises:
            line, col = source.where(("exercises", index, "id"))
            raise RoutineError(source.path, line, col, f"duplicate exercise id {exercise.id!r}")
        exercises[exercise.id] = exercise
    for index, exercise in enumerate(parsed.exercises):
        target = exercise.progression.to if exercise.progression else None
        if target is not None and (target not in exercises or target == exercise.id):
            line, col = source.where(("exercises", index, "progression", "to"))
            what = "itself" if target == exercise.id else f"no exercise {target!r}"
            raise RoutineError(source.path, line, col, f"a progression cannot lead to {what}")
    return Library(exercises)

"""A routine from parsed YAML: validate it and check every exercise it names exists
(`loading.py` reads the file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hipcli.library import Library
from hipcli.model import CircuitBlock, DoseFields, Exercise, ExerciseBlock, PairBlock, Routine

if TYPE_CHECKING:
    from hipcli.yamlsource import Source


def routine_from_source(source: Source, library: Library) -> Routine:
    """Validate parsed YAML as a routine whose exercises are all known."""
    from hipcli.validate import build_model
    routine = build_model(source, Routine)
    check_references(source, routine, library)
    return routine


def check_references(source: Source, routine: Routine, library: Library) -> None:
    """Every exercise id must be in the library, inline ids must be new, and a rep tempo
    may only be given to an exercise that is done in reps."""
    inline: dict[str, tuple] = {}
    for location, ref in exercise_refs(routine):
        if isinstance(ref, Exercise):
            if ref.id in library.exercises:
                raise source.error(location + ("id",), f"inline exercise id {ref.id!r} is "
                                   "already a library exercise (choose another id)")
            if ref.id in inline:
                line, _ = source.where(inline[ref.id] + ("id",))
                raise source.error(location + ("id",), f"inline exercise id {ref.id!r} is "
                                   f"already used on line {line} (choose another id)")
            inline[ref.id] = location
    for location, ref in exercise_refs(routine):
        if isinstance(ref, str) and ref not in library.exercises and ref not in inline:
            raise source.error(location, f"unknown exercise {ref!r}{library.suggest(ref)}")
    for location, member in dosed_members(routine):
        check_tempo_fits(source, location, member,
                         resolve_exercise(member.exercise, library, routine))


def check_tempo_fits(source: Source, location: tuple, member: DoseFields,
                     exercise: Exercise) -> None:
    """Tempo or phases on a block whose exercise stays a hold would be silently ignored."""
    if member.reps is not None or member.hold is not None or exercise.dose.hold is None:
        return
    for key in ("tempo", "phases"):
        if getattr(member, key) is not None:
            raise source.error(location + (key,), f"{key} goes with reps, but {exercise.id!r} "
                               "is a hold (give reps too, or remove it)", key=True)


def dosed_members(routine: Routine):
    """(location, block or pair member) for every place a routine overrides a dose."""
    for index, block in enumerate(routine.blocks):
        at = ("blocks", index)
        if isinstance(block, PairBlock):
            yield at + ("pair", "stretch"), block.pair.stretch
            yield at + ("pair", "strengthen"), block.pair.strengthen
        elif isinstance(block, ExerciseBlock):
            yield at, block
        elif isinstance(block, CircuitBlock):
            for inner, member in enumerate(block.circuit.blocks):
                yield at + ("circuit", "blocks", inner), member


def exercise_refs(routine: Routine):
    """(location, id-or-inline exercise) for each exercise a routine uses, in order."""
    for index, block in enumerate(routine.blocks):
        at = ("blocks", index)
        if isinstance(block, PairBlock):
            yield at + ("pair", "stretch", "exercise"), block.pair.stretch.exercise
            yield at + ("pair", "strengthen", "exercise"), block.pair.strengthen.exercise
        elif isinstance(block, ExerciseBlock):
            yield at + ("exercise",), block.exercise
        elif isinstance(block, CircuitBlock):
            for inner, member in enumerate(block.circuit.blocks):
                yield at + ("circuit", "blocks", inner, "exercise"), member.exercise


def inline_exercises(routine: Routine) -> dict[str, Exercise]:
    return {ref.id: ref for _, ref in exercise_refs(routine) if isinstance(ref, Exercise)}


def resolve_exercise(ref: str | Exercise, library: Library, routine: Routine) -> Exercise:
    """The exercise a block names, inline or from the library."""
    if isinstance(ref, Exercise):
        return ref
    return inline_exercises(routine).get(ref) or library.get(ref)



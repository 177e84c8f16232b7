"""A routine from parsed YAML: validate it and check every exercise it names exists
(`loading.py` reads the file)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from hipcli.errors import RoutineError, raise_all
from hipcli.library import Library
from hipcli.model import CircuitBlock, DoseFields, Exercise, ExerciseBlock, PairBlock, Routine

if TYPE_CHECKING:
    from hipcli.yamlsource import Source


def routine_from_source(source: Source, library: Library) -> Routine:
    """Validate parsed YAML as a routine whose exercises are all known."""
    from hipcli.validate import build_model
    try:
        routine = build_model(source, Routine)
    except RoutineError as exc:  # an unknown exercise id is still worth telling at once
        raise_all([*getattr(exc, "errors", [exc]), *_unknown_ids(source, library)])
        raise
    check_references(source, routine, library)
    return routine


def _unknown_ids(source: Source, library: Library) -> list[RoutineError]:
    """Exercise ids in a routine that did not validate that name no exercise it knows of."""
    refs = list(_raw_refs(source.data))
    inline = {ref.get("id") for _, ref in refs if isinstance(ref, dict)}
    return [source.error(location, f"unknown exercise {ref!r}{library.suggest(ref)}")
            for location, ref in refs
            if isinstance(ref, str) and ref not in library.exercises and ref not in inline]


def _raw_refs(data: Any):
    """(location, id or mapping) for each `exercise:` of parsed, not yet validated, blocks."""
    blocks = data.get("blocks") if isinstance(data, dict) else None
    for index, block in enumerate(blocks if isinstance(blocks, list) else []):
        if not isinstance(block, dict):
            continue
        at = ("blocks", index)
        members: list[tuple[tuple, Any]] = [(at, block)]
        pair = block.get("pair")
        if isinstance(pair, dict):
            members += [(at + ("pair", side), _as_member(pair.get(side)))
                        for side in ("stretch", "strengthen")]
        circuit = block.get("circuit")
        inner = circuit.get("blocks") if isinstance(circuit, dict) else None
        members += [(at + ("circuit", "blocks", n), member)
                    for n, member in enumerate(inner if isinstance(inner, list) else [])]
        for location, member in members:
            if isinstance(member, dict) and "exercise" in member:
                yield location + ("exercise",), member["exercise"]


def _as_member(value: Any) -> Any:
    return {"exercise": value} if isinstance(value, str) else value


def check_references(source: Source, routine: Routine, library: Library) -> None:
    """Every exercise id must be in the library, inline ids must be new, and a rep tempo
    may only be given to an exercise that is done in reps; every problem is reported."""
    problems: list[RoutineError] = []
    inline: dict[str, tuple] = {}
    for location, ref in exercise_refs(routine):
        if isinstance(ref, Exercise):
            if ref.id in library.exercises:
                problems.append(source.error(location + ("id",), f"inline exercise id {ref.id!r}"
                                             " is already a library exercise (choose another id)"))
            elif ref.id in inline:
                line, _ = source.where(inline[ref.id] + ("id",))
                problems.append(source.error(location + ("id",), f"inline exercise id {ref.id!r}"
                                             f" is already used on line {line} "
                                             "(choose another id)"))
            else:
                inline[ref.id] = location
    for location, ref in exercise_refs(routine):
        if isinstance(ref, str) and ref not in library.exercises and ref not in inline:
            problems.append(source.error(location, f"unknown exercise {ref!r}"
                                         f"{library.suggest(ref)}"))
    raise_all(problems)
    for location, member in dosed_members(routine):
        problem = tempo_misfit(source, location, member,
                               resolve_exercise(member.exercise, library, routine))
        if problem:
            problems.append(problem)
    raise_all(problems)


def tempo_misfit(source: Source, location: tuple, member: DoseFields,
                 exercise: Exercise) -> Optional[RoutineError]:
    """Tempo or phases on a block whose exercise stays a hold would be silently ignored."""
    if member.reps is not None or member.hold is not None or exercise.dose.hold is None:
        return None
    for key in ("tempo", "phases"):
        if getattr(member, key) is not None:
            return source.error(location + (key,), f"{key} goes with reps, but {exercise.id!r} "
                                "is a hold (give reps too, or remove it)", key=True)
    return None


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



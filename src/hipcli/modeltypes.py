"""Validation for the model: pydantic field types, and validating data into model.py's classes
(and the program classes of programs.py).

model.py names its field types (`Id`, `HoldRange`, `BlockList`, ...) in annotations that are
only read when a validator is built. `install()` defines them in model.py's namespace, where
pydantic looks them up, so that model.py itself never imports pydantic and the classes it
defines stay plain dataclasses. `adapter(cls)` is the validator (and JSON Schema source) for
one class, built once.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional, Union

from pydantic import (AfterValidator, BeforeValidator, Discriminator, Field, PlainValidator,
                      Tag, TypeAdapter)
from pydantic import WithJsonSchema

from hipcli import model, programs
from hipcli.choices import Effort
from hipcli.durations import Range, finite, parse_count_range, parse_duration, parse_duration_range
from hipcli.model import (ID_MAX_LENGTH, ID_PATTERN, MAX_HOLD_SECONDS, MAX_PAUSE_SECONDS, MAX_REPS, MAX_SETS,
                          MAX_TEMPO_SECONDS, CircuitBlock, Exercise, ExerciseBlock, PairBlock,
                          PairMember, Phase, RestBlock)

_DURATION_PATTERN = r"^\s*\d+(\.\d+)?\s*[a-z]*(\s*\d+\s*[a-z]+)*\s*$|^\d+:[0-5]\d$"
_RANGE_PATTERN = r"^\s*\d+(\.\d+)?\s*[a-z]*\s*(-\s*\d+(\.\d+)?\s*[a-z]*)?\s*$|^\d+:[0-5]\d$"


def _bounded(low: float, high: float, what: str, unit: str = ""):
    def check(value: Range) -> Range:
        if value.low < low or value.high > high:
            got = f"{value.low:g}" + ("" if value.is_single else f"-{value.high:g}")
            raise ValueError(f"{what} must be between {low:g} and {high:g}{unit}, got {got}{unit}")
        return value
    return check


def _plain(value: Any, what: str, example: str) -> Any:
    """Refuse lists, mappings, nothing and negative text before parsing, with a clear reason."""
    if value is None or isinstance(value, (list, dict)):
        kind = "nothing" if value is None else "a list" if isinstance(value, list) else "a mapping"
        raise ValueError(f"{what} must be {example}, got {kind}")
    if isinstance(value, str) and value.strip().startswith("-"):
        raise ValueError(f"{what} cannot be negative, got {value.strip()!r}")
    if isinstance(value, float):
        finite(value, what)
    return value


def _duration_range(low: float, high: float, what: str):
    check = _bounded(low, high, what, " seconds")
    return lambda value: check(parse_duration_range(_plain(value, what, "a duration like 30s "
                                                                       "or a range like 30-60s")))


def _count_range(low: int, high: int, what: str):
    check = _bounded(low, high, what)
    return lambda value: check(parse_count_range(_plain(value, what, "a whole number like 8 "
                                                                     "or a range like 5-10")))


def _duration(low: float, high: float, what: str):
    check = _bounded(low, high, what, " seconds")

    def parse(value: Any) -> float:
        seconds = parse_duration(_plain(value, what, "a duration like 30s or 1:30"))
        return check(Range(seconds, seconds)).low
    return parse


_DURATION_SCHEMA = {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                              {"type": "string", "pattern": _DURATION_PATTERN}]}
_RANGE_SCHEMA = {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                           {"type": "string", "pattern": _RANGE_PATTERN}]}
_COUNT_SCHEMA = {"anyOf": [{"type": "integer", "minimum": 1},
                           {"type": "string", "pattern": r"^\s*\d+\s*(-\s*\d+\s*)?$"}]}


def _ref_kind(value: Any) -> Optional[str]:
    if isinstance(value, str):
        return "id"
    return "inline" if isinstance(value, dict) else None


def _member_as_mapping(value: Any) -> Any:
    return {"exercise": value} if isinstance(value, str) else value


def _member_or_id(schema: dict[str, Any], cls: type) -> None:
    """In the JSON Schema, a pair member may also be a bare exercise id, as the loader allows."""
    for name in ("stretch", "strengthen"):
        member = schema["properties"][name]
        schema["properties"][name] = {"anyOf": [{"type": "string", "pattern": ID_PATTERN},
                                                member]}


def _exercise_block_only(value: Any) -> Any:
    if isinstance(value, dict) and "exercise" not in value and (
            "pair" in value or "circuit" in value or set(value) <= {"rest", "note"}):
        raise ValueError("a circuit holds exercise blocks only "
                         "(put pairs, circuits and rests outside it)")
    return value


def _block_kind(value: Any) -> Optional[str]:
    if isinstance(value, dict):
        for key in ("pair", "circuit", "exercise"):
            if key in value:
                return key
        if "rest" in value:
            return "rest"
    return None


def _due(text: str) -> str:
    programs.parse_due(text)  # a ValueError says what is wrong
    return text


def _parsed(kind: type, parse, schema: dict) -> Any:
    """A field read by `parse` (text or number in, value out), shown as `schema` in JSON Schema."""
    return Annotated[kind, PlainValidator(parse), WithJsonSchema(schema)]


Text = Annotated[str, Field(min_length=1, max_length=400)]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
ExerciseRef = Annotated[
    Union[Annotated[Id, Tag("id")], Annotated[Exercise, Tag("inline")]],
    Discriminator(_ref_kind, custom_error_type="exercise_ref",
                  custom_error_message="expected an exercise id or an inline exercise mapping"),
]
FIELD_TYPES = {
    "HoldRange": _parsed(Range, _duration_range(1, MAX_HOLD_SECONDS, "a hold"), _RANGE_SCHEMA),
    "RepRange": _parsed(Range, _count_range(1, MAX_REPS, "reps"), _COUNT_SCHEMA),
    "RoundRange": _parsed(Range, _count_range(1, MAX_SETS, "rounds"), _COUNT_SCHEMA),
    "SetRange": _parsed(Range, _count_range(1, MAX_SETS, "sets"), _COUNT_SCHEMA),
    "Tempo": _parsed(float, _duration(0.5, MAX_TEMPO_SECONDS, "a tempo"), _DURATION_SCHEMA),
    "PhaseLength": _parsed(float, _duration(0.5, MAX_TEMPO_SECONDS, "a phase"), _DURATION_SCHEMA),
    "Pause": _parsed(float, _duration(0, MAX_PAUSE_SECONDS, "a pause"), _DURATION_SCHEMA),
    "RestLength": _parsed(float, _duration(1, MAX_PAUSE_SECONDS, "a rest"), _DURATION_SCHEMA),
    "Text": Text,
    "Id": Id,
    "PhaseName": Annotated[str, Field(min_length=1, max_length=20)],
    "SideMeans": Annotated[str, Field(min_length=1, max_length=40)],
    "ShortName": Annotated[str, Field(min_length=1, max_length=28)],
    "Description": Annotated[str, Field(max_length=2000)],
    "PhaseList": Annotated[list[Phase], Field(min_length=1, max_length=6)],
    "StepList": Annotated[list[Text], Field(max_length=12)],
    "CueList": Annotated[list[Text], Field(max_length=8)],
    "ExerciseList": Annotated[list[Exercise], Field(min_length=1)],
    "ExerciseRef": ExerciseRef,
    "PairMemberOrId": Annotated[PairMember, BeforeValidator(_member_as_mapping)],
    "SideList": Annotated[list[model.Side], Field(min_length=1, max_length=2)],
    "SetCount": Annotated[int, Field(ge=1, le=MAX_SETS)],
    "RepCount": Annotated[int, Field(ge=1, le=MAX_REPS)],
    "Quicken": Annotated[float, Field(ge=0.5, le=0.95)],
    "Pain": Annotated[int, Field(ge=0, le=10)],
    "DayCount": Annotated[int, Field(ge=0, le=365)],
    "SessionCount": Annotated[int, Field(ge=0, le=500)],
    "Effort": Effort,
    "Due": Annotated[str, AfterValidator(_due), WithJsonSchema(
        {"type": "string", "examples": ["daily", "3-4 a week", "as often as possible"]})],
    "DueList": Annotated[list[programs.DueRoutine], Field(min_length=1, max_length=12)],
    "StageList": Annotated[list[programs.Stage], Field(min_length=1, max_length=20)],
    "CircuitBlocks": Annotated[list[Annotated[ExerciseBlock,
                                              BeforeValidator(_exercise_block_only)]],
                               Field(min_length=1)],
    "BlockList": Annotated[list[Annotated[
        Union[Annotated[PairBlock, Tag("pair")], Annotated[CircuitBlock, Tag("circuit")],
              Annotated[ExerciseBlock, Tag("exercise")], Annotated[RestBlock, Tag("rest")]],
        Discriminator(_block_kind, custom_error_type="block_kind",
                      custom_error_message="a block must have one of pair, exercise, circuit "
                                           "or rest"),
    ]], Field(min_length=1, max_length=200)],
}


def install() -> None:
    """Give the annotations of model.py and programs.py their meaning (see above)."""
    vars(model).update(FIELD_TYPES)
    vars(programs).update(FIELD_TYPES)
    config: dict[str, Any] = {**model.FORBID_EXTRA, "json_schema_extra": _member_or_id}
    model.Pair.__pydantic_config__ = config


_ADAPTERS: dict[Any, TypeAdapter] = {}


def adapter(cls: Any) -> TypeAdapter:
    """The validator of one model class, built once."""
    if cls not in _ADAPTERS:
        install()
        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]

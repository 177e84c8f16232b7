"""The typed model of exercises and routines, validated from YAML and exported as JSON Schema."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Discriminator, Field,
                      PlainValidator, Tag, WithJsonSchema, model_validator)

from hipcli.durations import Range, parse_count_range, parse_duration, parse_duration_range

MAX_HOLD_SECONDS = 3600
MAX_REPS = 500
MAX_SETS = 20
MAX_TEMPO_SECONDS = 60
MAX_PAUSE_SECONDS = 600

Kind = Literal["stretch", "strength", "mobility", "plyometric", "test"]
Position = Literal["seated", "supine", "prone", "side-lying", "quadruped", "standing", "kneeling"]
Side = Literal["left", "right"]
Sides = Literal["both", "each", "left", "right"]

_DURATION_PATTERN = r"^\s*\d+(\.\d+)?\s*[a-z]*(\s*\d+\s*[a-z]+)*\s*$|^\d+:[0-5]\d$"
_RANGE_PATTERN = r"^\s*\d+(\.\d+)?\s*[a-z]*\s*(-\s*\d+(\.\d+)?\s*[a-z]*)?\s*$|^\d+:[0-5]\d$"


def _bounded(low: float, high: float, what: str):
    def check(value: Range) -> Range:
        if value.low < low or value.high > high:
            raise ValueError(f"{what} must be between {low:g} and {high:g}, "
                             f"got {value.low:g}" + ("" if value.is_single else f"-{value.high:g}"))
        return value
    return check


def _duration_range(low: float, high: float, what: str):
    check = _bounded(low, high, what)
    return lambda value: check(parse_duration_range(value))


def _count_range(low: int, high: int, what: str):
    check = _bounded(low, high, what)
    return lambda value: check(parse_count_range(value))


def _duration(low: float, high: float, what: str):
    check = _bounded(low, high, what)
    return lambda value: check(Range(parse_duration(value), parse_duration(value))).low


_DURATION_SCHEMA = {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                              {"type": "string", "pattern": _DURATION_PATTERN}]}
_RANGE_SCHEMA = {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                           {"type": "string", "pattern": _RANGE_PATTERN}]}
_COUNT_SCHEMA = {"anyOf": [{"type": "integer", "minimum": 1},
                           {"type": "string", "pattern": r"^\s*\d+\s*(-\s*\d+\s*)?$"}]}

HoldRange = Annotated[Range, PlainValidator(_duration_range(1, MAX_HOLD_SECONDS, "a hold")),
                      WithJsonSchema(_RANGE_SCHEMA)]
RepRange = Annotated[Range, PlainValidator(_count_range(1, MAX_REPS, "reps")),
                     WithJsonSchema(_COUNT_SCHEMA)]
SetRange = Annotated[Range, PlainValidator(_count_range(1, MAX_SETS, "sets")),
                     WithJsonSchema(_COUNT_SCHEMA)]
Tempo = Annotated[float, PlainValidator(_duration(0.5, MAX_TEMPO_SECONDS, "a tempo")),
                  WithJsonSchema(_DURATION_SCHEMA)]
Pause = Annotated[float, PlainValidator(_duration(0, MAX_PAUSE_SECONDS, "a pause")),
                  WithJsonSchema(_DURATION_SCHEMA)]
RestLength = Annotated[float, PlainValidator(_duration(1, MAX_PAUSE_SECONDS, "a rest")),
                       WithJsonSchema(_DURATION_SCHEMA)]
Text = Annotated[str, Field(min_length=1, max_length=400)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Phase(_Strict):
    """One timed part of a rep, e.g. "lift" for 2 seconds."""

    name: Annotated[str, Field(min_length=1, max_length=20)]
    seconds: Tempo


class DoseFields(_Strict):
    """Dose fields a routine may override; every field optional."""

    hold: Optional[HoldRange] = None
    reps: Optional[RepRange] = None
    sets: Optional[SetRange] = None
    tempo: Optional[Tempo] = None
    phases: Optional[Annotated[list[Phase], Field(min_length=1, max_length=6)]] = None
    rest: Optional[RestLength] = None

    def overrides(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in DoseFields.model_fields
                if getattr(self, name) is not None}


class Dose(DoseFields):
    """How much of an exercise: a hold or a rep count, sets, sides, tempo, rest."""

    per_side: bool = True

    @model_validator(mode="after")
    def _hold_or_reps(self) -> "Dose":
        check_hold_or_reps(self.hold, self.reps, self.tempo, self.phases)
        return self


def check_hold_or_reps(hold, reps, tempo, phases) -> None:
    if (hold is None) == (reps is None):
        raise ValueError("a dose needs either hold or reps (exactly one of them)")
    if hold is not None and (tempo is not None or phases is not None):
        raise ValueError("tempo and phases go with reps, not with hold")


class Exercise(_Strict):
    """A library exercise: what it is, how to do it, and its default dose."""

    id: Id
    name: Text
    short: Optional[Annotated[str, Field(min_length=1, max_length=28)]] = None
    kind: Kind
    position: Position
    equipment: list[Text] = []
    muscles: list[Text] = []
    steps: Annotated[list[Text], Field(max_length=12)] = []
    cues: Annotated[list[Text], Field(max_length=8)] = []
    dose: Dose
    safety: Optional[Text] = None
    source: Optional[str] = None

    @property
    def label(self) -> str:
        return self.short or self.name


class ExerciseLibrary(_Strict):
    """The shape of an exercise library file."""

    exercises: Annotated[list[Exercise], Field(min_length=1)]


def _ref_kind(value: Any) -> str:
    return "id" if isinstance(value, str) else "inline"


ExerciseRef = Annotated[
    Union[Annotated[Id, Tag("id")], Annotated[Exercise, Tag("inline")]],
    Discriminator(_ref_kind),
]


def _member_as_mapping(value: Any) -> Any:
    return {"exercise": value} if isinstance(value, str) else value


class PairMember(DoseFields):
    """One half of a pairing: an exercise with optional dose overrides."""

    exercise: ExerciseRef


class Pair(_Strict):
    stretch: Annotated[PairMember, BeforeValidator(_member_as_mapping)]
    strengthen: Annotated[PairMember, BeforeValidator(_member_as_mapping)]


class PairBlock(_Strict):
    """A stretch followed by its strengthening partner, one side after the other."""

    pair: Pair
    sides: Annotated[list[Side], Field(min_length=1, max_length=2)] = ["left", "right"]
    sets: Annotated[int, Field(ge=1, le=MAX_SETS)] = 1
    rest: Optional[RestLength] = None


class ExerciseBlock(DoseFields):
    """One exercise, with dose overrides, sides and an optional affected-side dose."""

    exercise: ExerciseRef
    sides: Sides = "both"
    affected: Optional[DoseFields] = None


class Circuit(_Strict):
    rounds: Annotated[int, Field(ge=1, le=MAX_SETS)]
    rest: Optional[RestLength] = None
    blocks: Annotated[list[ExerciseBlock], Field(min_length=1)]


class CircuitBlock(_Strict):
    """Exercises done one after another, the whole round repeated."""

    circuit: Circuit


class RestBlock(_Strict):
    """A rest between parts of a routine."""

    rest: RestLength
    note: Optional[Text] = None


def _block_kind(value: Any) -> Optional[str]:
    if isinstance(value, dict):
        for key in ("pair", "circuit", "exercise"):
            if key in value:
                return key
        if "rest" in value:
            return "rest"
    return None


Block = Annotated[
    Union[Annotated[PairBlock, Tag("pair")], Annotated[CircuitBlock, Tag("circuit")],
          Annotated[ExerciseBlock, Tag("exercise")], Annotated[RestBlock, Tag("rest")]],
    Discriminator(_block_kind, custom_error_type="block_kind",
                  custom_error_message="a block must have one of pair, exercise, circuit or rest"),
]


class Routine(_Strict):
    """A named sequence of blocks, the unit `hipcli start` runs."""

    name: Id
    title: Optional[Text] = None
    description: Optional[Annotated[str, Field(max_length=2000)]] = None
    prepare: Pause = 5
    switch: Pause = 5
    blocks: Annotated[list[Block], Field(min_length=1, max_length=200)]

    @property
    def heading(self) -> str:
        return self.title or self.name

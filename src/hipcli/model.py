"""The typed model of exercises and routines, validated from YAML and exported as JSON Schema."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Discriminator, Field,
                      PlainValidator, Tag, WithJsonSchema, model_validator)
from pydantic_core import PydanticCustomError

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

HoldRange = Annotated[Range, PlainValidator(_duration_range(1, MAX_HOLD_SECONDS, "a hold")),
                      WithJsonSchema(_RANGE_SCHEMA)]
RepRange = Annotated[Range, PlainValidator(_count_range(1, MAX_REPS, "reps")),
                     WithJsonSchema(_COUNT_SCHEMA)]
SetRange = Annotated[Range, PlainValidator(_count_range(1, MAX_SETS, "sets")),
                     WithJsonSchema(_COUNT_SCHEMA)]
Tempo = Annotated[float, PlainValidator(_duration(0.5, MAX_TEMPO_SECONDS, "a tempo")),
                  WithJsonSchema(_DURATION_SCHEMA)]
PhaseLength = Annotated[float, PlainValidator(_duration(0.5, MAX_TEMPO_SECONDS, "a phase")),
                        WithJsonSchema(_DURATION_SCHEMA)]
Pause = Annotated[float, PlainValidator(_duration(0, MAX_PAUSE_SECONDS, "a pause")),
                  WithJsonSchema(_DURATION_SCHEMA)]
RestLength = Annotated[float, PlainValidator(_duration(1, MAX_PAUSE_SECONDS, "a rest")),
                       WithJsonSchema(_DURATION_SCHEMA)]
Text = Annotated[str, Field(min_length=1, max_length=400)]
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=60)]


class _Strict(BaseModel):
    # defer_build: a validator is built on first use, so loading validated objects from the
    # cache (shipcache.py) never pays for building one.
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True,
                              defer_build=True)


class Phase(_Strict):
    """One timed part of a rep, e.g. "lift" for 2 seconds."""

    name: Annotated[str, Field(min_length=1, max_length=20)]
    seconds: PhaseLength


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

    @model_validator(mode="after")
    def _no_conflict(self) -> "DoseFields":
        check_dose_conflicts(self.hold, self.reps, self.tempo, self.phases)
        return self


class Dose(DoseFields):
    """How much of an exercise: a hold or a rep count, sets, sides, tempo, rest."""

    per_side: bool = False

    @model_validator(mode="after")
    def _hold_or_reps(self) -> "Dose":
        if self.hold is None and self.reps is None:
            raise PydanticCustomError("dose_conflict",
                                      "a dose needs hold or reps (expected one of them)")
        return self


def check_dose_conflicts(hold, reps, tempo, phases) -> None:
    """A hold excludes reps, tempo and phases; the error names the key that is out of place."""
    if hold is None:
        return
    for key, value in (("reps", reps), ("tempo", tempo), ("phases", phases)):
        if value is not None:
            reason = ("a dose is a hold or reps, not both" if key == "reps"
                      else f"{key} goes with reps, not with a hold")
            raise PydanticCustomError("dose_conflict", "{reason} (remove '{key}' or 'hold')",
                                      {"key": key, "reason": reason})


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
    side_means: Optional[Annotated[str, Field(min_length=1, max_length=40)]] = None
    standalone: bool = False
    source: Optional[str] = None

    @property
    def label(self) -> str:
        return self.short or self.name

    @property
    def setup(self) -> str:
        """The set-up line shown while getting ready: the first step of the how-to."""
        return self.steps[0] if self.steps else ""


class ExerciseLibrary(_Strict):
    """The shape of an exercise library file."""

    exercises: Annotated[list[Exercise], Field(min_length=1)]


def _ref_kind(value: Any) -> Optional[str]:
    if isinstance(value, str):
        return "id"
    return "inline" if isinstance(value, dict) else None


ExerciseRef = Annotated[
    Union[Annotated[Id, Tag("id")], Annotated[Exercise, Tag("inline")]],
    Discriminator(_ref_kind, custom_error_type="exercise_ref",
                  custom_error_message="expected an exercise id or an inline exercise mapping"),
]


def _member_as_mapping(value: Any) -> Any:
    return {"exercise": value} if isinstance(value, str) else value


class PairMember(DoseFields):
    """One half of a pairing: an exercise with optional dose overrides."""

    exercise: ExerciseRef


def _member_or_id(schema: dict[str, Any], model: type) -> None:
    """In the JSON Schema, a pair member may also be a bare exercise id, as the loader allows."""
    for name in ("stretch", "strengthen"):
        member = schema["properties"][name]
        schema["properties"][name] = {"anyOf": [{"type": "string", "pattern": ID_PATTERN},
                                                member]}


class Pair(_Strict):
    model_config = ConfigDict(json_schema_extra=_member_or_id)

    stretch: Annotated[PairMember, BeforeValidator(_member_as_mapping)]
    strengthen: Annotated[PairMember, BeforeValidator(_member_as_mapping)]


class PairBlock(_Strict):
    """A stretch followed by its strengthening partner, one side after the other."""

    pair: Pair
    sides: Annotated[list[Side], Field(min_length=1, max_length=2)] = ["left", "right"]
    sets: Annotated[int, Field(ge=1, le=MAX_SETS)] = 1
    rest: Optional[RestLength] = None


class ExerciseBlock(DoseFields):
    """One exercise, with dose overrides, sides and optional affected- and other-side doses.

    Both apply only when a session names its affected side (`--affected`).
    """

    exercise: ExerciseRef
    sides: Sides = "both"
    affected: Optional[DoseFields] = None
    unaffected: Optional[DoseFields] = None


def _exercise_block_only(value: Any) -> Any:
    if isinstance(value, dict) and "exercise" not in value and (
            "pair" in value or "circuit" in value or set(value) <= {"rest", "note"}):
        raise ValueError("a circuit holds exercise blocks only "
                         "(put pairs, circuits and rests outside it)")
    return value


RoundRange = Annotated[Range, PlainValidator(_count_range(1, MAX_SETS, "rounds")),
                      WithJsonSchema(_COUNT_SCHEMA)]


class Circuit(_Strict):
    rounds: RoundRange
    rest: Optional[RestLength] = None
    blocks: Annotated[list[Annotated[ExerciseBlock, BeforeValidator(_exercise_block_only)]],
                      Field(min_length=1)]


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
    frequency: Optional[Text] = None
    prepare: Pause = 5
    switch: Pause = 5
    blocks: Annotated[list[Block], Field(min_length=1, max_length=200)]

    @property
    def heading(self) -> str:
        return self.title or self.name

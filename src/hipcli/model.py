"""The typed model of exercises and routines: plain frozen dataclasses, free of pydantic.

Validation lives apart, in modeltypes.py: it gives these classes their constraints (the
field types named in the annotations below, such as `Id` or `HoldRange`) and validates YAML
into them with pydantic. Code that only uses validated routines (a start from the cache of
validated files, the timeline, the live view) never loads pydantic.
"""

from __future__ import annotations

from dataclasses import field, fields
from typing import TYPE_CHECKING, Any, Literal, Optional, Union

from hipcli.choices import Kind, Position
from hipcli.records import record

MAX_HOLD_SECONDS = 3600
MAX_REPS = 500
MAX_SETS = 20
MAX_TEMPO_SECONDS = 60
MAX_PAUSE_SECONDS = 600
ID_MAX_LENGTH = 60
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # exercise ids and routine names: words and dashes

Side = Literal["left", "right"]
Sides = Literal["both", "each", "left", "right"]

FORBID_EXTRA = {"extra": "forbid"}  # pydantic's config for these classes: no unknown keys


@record(kw_only=True)
class Phase:
    """One timed part of a rep, e.g. "lift" for 2 seconds."""

    __pydantic_config__ = FORBID_EXTRA
    name: PhaseName
    seconds: PhaseLength


@record(kw_only=True)
class DoseFields:
    """Dose fields a routine may override; every field optional."""

    __pydantic_config__ = FORBID_EXTRA
    hold: Optional[HoldRange] = None
    reps: Optional[RepRange] = None
    sets: Optional[SetRange] = None
    tempo: Optional[Tempo] = None
    phases: Optional[PhaseList] = None
    rest: Optional[RestLength] = None

    def overrides(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(DoseFields)
                if getattr(self, f.name) is not None}

    def __post_init__(self) -> None:
        check_dose_conflicts(self.hold, self.reps, self.tempo, self.phases)


@record(kw_only=True)
class Dose(DoseFields):
    """How much of an exercise: a hold or a rep count, sets, sides, tempo, rest."""

    per_side: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.hold is None and self.reps is None:
            raise _dose_error("a dose needs hold or reps (expected one of them)")


def check_dose_conflicts(hold, reps, tempo, phases) -> None:
    """A hold excludes reps, tempo and phases; the error names the key that is out of place."""
    if hold is None:
        return
    for key, value in (("reps", reps), ("tempo", tempo), ("phases", phases)):
        if value is not None:
            reason = ("a dose is a hold or reps, not both" if key == "reps"
                      else f"{key} goes with reps, not with a hold")
            raise _dose_error("{reason} (remove '{key}' or 'hold')", key=key, reason=reason)


def _dose_error(message: str, **context: str) -> Exception:
    """A dose conflict as pydantic reports it; only ever raised while validating."""
    from pydantic_core import PydanticCustomError
    return PydanticCustomError("dose_conflict", message, context or None)


@record(kw_only=True)
class Goal:
    """Sets of at least so many reps, every set done in full."""

    __pydantic_config__ = FORBID_EXTRA
    sets: SetCount
    reps: RepCount


@record(kw_only=True)
class Progression:
    """What changes once an exercise is done at `after` in full: it gives way to another
    exercise (`to`), or each rep gets quicker (`quicken`: a rep takes this share of its time,
    one notch per two such sessions, never below `fastest` seconds)."""

    __pydantic_config__ = FORBID_EXTRA
    after: Goal
    to: Optional[Id] = None
    quicken: Optional[Quicken] = None
    fastest: Optional[Tempo] = None

    def __post_init__(self) -> None:
        if (self.to is None) == (self.quicken is None):
            raise _dose_error("a progression has 'to' or 'quicken' (expected exactly one of "
                              "them)")


@record(kw_only=True)
class Exercise:
    """A library exercise: what it is, how to do it, and its default dose."""

    __pydantic_config__ = FORBID_EXTRA
    id: Id
    name: Text
    short: Optional[ShortName] = None
    kind: Kind
    position: Position
    equipment: list[Text] = field(default_factory=list)
    muscles: list[Text] = field(default_factory=list)
    steps: StepList = field(default_factory=list)
    cues: CueList = field(default_factory=list)
    dose: Dose
    safety: Optional[Text] = None
    side_means: Optional[SideMeans] = None
    standalone: bool = False
    source: Optional[str] = None
    progression: Optional[Progression] = None

    @property
    def label(self) -> str:
        return self.short or self.name

    @property
    def setup(self) -> str:
        """The set-up line shown while getting ready: the first step of the how-to."""
        return self.steps[0] if self.steps else ""


@record(kw_only=True)
class ExerciseLibrary:
    """The shape of an exercise library file."""

    __pydantic_config__ = FORBID_EXTRA
    exercises: ExerciseList


@record(kw_only=True)
class PairMember(DoseFields):
    """One half of a pairing: an exercise with optional dose overrides."""

    exercise: ExerciseRef


@record(kw_only=True)
class Pair:
    __pydantic_config__ = FORBID_EXTRA  # modeltypes.py adds its JSON Schema hint
    stretch: PairMemberOrId
    strengthen: PairMemberOrId


@record(kw_only=True)
class PairBlock:
    """A stretch followed by its strengthening partner, one side after the other."""

    __pydantic_config__ = FORBID_EXTRA
    pair: Pair
    sides: SideList = field(default_factory=lambda: ["left", "right"])
    sets: SetCount = 1
    rest: Optional[RestLength] = None


@record(kw_only=True)
class ExerciseBlock(DoseFields):
    """One exercise, with dose overrides, sides and optional affected- and other-side doses.

    Both apply only when a session names its affected side (`--affected`).
    """

    exercise: ExerciseRef
    sides: Sides = "both"
    affected: Optional[DoseFields] = None
    unaffected: Optional[DoseFields] = None


@record(kw_only=True)
class Circuit:
    __pydantic_config__ = FORBID_EXTRA
    rounds: RoundRange
    rest: Optional[RestLength] = None
    blocks: CircuitBlocks


@record(kw_only=True)
class CircuitBlock:
    """Exercises done one after another, the whole round repeated."""

    __pydantic_config__ = FORBID_EXTRA
    circuit: Circuit


@record(kw_only=True)
class RestBlock:
    """A rest between parts of a routine."""

    __pydantic_config__ = FORBID_EXTRA
    rest: RestLength
    note: Optional[Text] = None


@record(kw_only=True)
class Routine:
    """A named sequence of blocks, the unit `hipcli start` runs."""

    __pydantic_config__ = FORBID_EXTRA
    name: Id
    title: Optional[Text] = None
    description: Optional[Description] = None
    frequency: Optional[Text] = None
    prepare: Pause = 5
    switch: Pause = 5
    blocks: BlockList

    @property
    def heading(self) -> str:
        return self.title or self.name


Block = Union[PairBlock, CircuitBlock, ExerciseBlock, RestBlock]

if TYPE_CHECKING:  # the field types as type checkers see them; modeltypes.py adds the rules
    from typing import TypeAlias

    from hipcli.durations import Range
    HoldRange: TypeAlias = Range
    RepRange: TypeAlias = Range
    SetRange: TypeAlias = Range
    RoundRange: TypeAlias = Range
    Tempo: TypeAlias = float
    PhaseLength: TypeAlias = float
    Pause: TypeAlias = float
    RestLength: TypeAlias = float
    Text: TypeAlias = str
    Id: TypeAlias = str
    PhaseName: TypeAlias = str
    ShortName: TypeAlias = str
    SideMeans: TypeAlias = str
    Description: TypeAlias = str
    SetCount: TypeAlias = int
    RepCount: TypeAlias = int
    Quicken: TypeAlias = float
    PhaseList: TypeAlias = list[Phase]
    StepList: TypeAlias = list[str]
    CueList: TypeAlias = list[str]
    SideList: TypeAlias = list[Side]
    ExerciseList: TypeAlias = list[Exercise]
    ExerciseRef: TypeAlias = Union[str, Exercise]
    PairMemberOrId: TypeAlias = PairMember
    CircuitBlocks: TypeAlias = list[ExerciseBlock]
    BlockList: TypeAlias = list[Block]

"""Programs: routines coached over weeks, in stages, read from data files
(`routines/programs/*.yaml`, and your own in `<your routines folder>/programs/`).

A stage names the routines it runs and how often each is due, how long it lasts at least, and
the criteria that end it. The classes are plain dataclasses; modeltypes.py gives their field
types their rules. Nothing here reads the history: `history/stages.py` judges a stage.
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Optional

from hipcli.errors import HipcliError
from hipcli.model import FORBID_EXTRA
from hipcli.paths import builtin_dir, user_routines_dir
from hipcli.records import record

if TYPE_CHECKING:  # as type checkers see them; modeltypes.py gives them their rules
    from typing import TypeAlias

    from hipcli.choices import Effort
    Id: TypeAlias = str
    Text: TypeAlias = str
    SetCount: TypeAlias = int
    RepCount: TypeAlias = int
    Pain: TypeAlias = int
    DayCount: TypeAlias = int
    SessionCount: TypeAlias = int
    Due: TypeAlias = str
    DueList: TypeAlias = list["DueRoutine"]
    StageList: TypeAlias = list["Stage"]
    Description: TypeAlias = str

DUE_WORDS = "'daily', 'N a day', 'N a week', 'N-M a week' or 'as often as possible'"
_DUE = re.compile(r"^(?:(?P<daily>daily)|(?P<free>as often as possible)|"
                  r"(?P<low>[1-9]\d?)(?:-(?P<high>[1-9]\d?))? a (?P<per>day|week))$")


@record
class Frequency:
    """How often a routine is due: `low` to `high` times per day or week, or as often as
    possible ("free": due every day, again and again)."""

    per: Literal["day", "week", "free"]
    low: int = 1
    high: int = 1

    def words(self) -> str:
        if self.per == "free":
            return "as often as possible"
        if self.per == "day" and self.high == 1:
            return "daily"
        count = f"{self.low}" if self.low == self.high else f"{self.low}-{self.high}"
        return f"{count} a {self.per}"


def parse_due(text: str) -> Frequency:
    """ "daily", "2 a day", "3-4 a week", "as often as possible" -> a Frequency."""
    found = _DUE.match(text.strip().lower())
    if not found:
        raise ValueError(f"{text!r} is not a frequency (expected {DUE_WORDS})")
    if found["daily"]:
        return Frequency("day")
    if found["free"]:
        return Frequency("free")
    low = int(found["low"])
    high = int(found["high"] or low)
    if high < low:
        raise ValueError(f"{text!r} goes from more to fewer (write the smaller number first)")
    return Frequency(found["per"], low, high)  # type: ignore[arg-type]


@record(kw_only=True)
class DueRoutine:
    """A routine of a stage and how often it is due."""

    __pydantic_config__ = FORBID_EXTRA
    routine: Id
    due: Due

    @property
    def frequency(self) -> Frequency:
        return parse_due(self.due)


@record(kw_only=True)
class Target:
    """Every exercise counted in reps done this many sets of at least this many reps."""

    __pydantic_config__ = FORBID_EXTRA
    sets: SetCount
    reps: RepCount


@record(kw_only=True)
class Length:
    """The least a stage lasts: days since it began, and counted sessions of its routines."""

    __pydantic_config__ = FORBID_EXTRA
    days: DayCount = 0
    sessions: SessionCount = 0


@record(kw_only=True)
class Criteria:
    """What must be true, all of it, to end a stage (beyond its length)."""

    __pydantic_config__ = FORBID_EXTRA
    full_sessions: SessionCount = 0  # finished with every step done in full
    dose: Optional[Target] = None  # reached in the latest session of the first routine
    pain_at_most: Optional[Pain] = None  # in each of the last two check-ins
    effort_at_most: Optional[Effort] = None  # in each of the last two check-ins

    @property
    def given(self) -> bool:
        return self != Criteria()


@record(kw_only=True)
class Stage:
    __pydantic_config__ = FORBID_EXTRA
    name: Id
    title: Optional[Text] = None
    routines: DueList
    length: Length = field(default_factory=Length)
    until: Criteria = field(default_factory=Criteria)


@record(kw_only=True)
class Program:
    """A named sequence of stages."""

    __pydantic_config__ = FORBID_EXTRA
    name: Id
    title: Optional[Text] = None
    description: Optional[Description] = None
    pain_ceiling: Pain = 4  # above it no dose goes up and no stage ends
    stages: StageList

    def stage(self, index: int) -> Stage:
        return self.stages[min(max(index, 0), len(self.stages) - 1)]

    def label(self) -> str:
        return self.title or self.name

    def routine_names(self) -> set[str]:
        return {item.routine for stage in self.stages for item in stage.routines}


def programs_dir() -> Path:
    return builtin_dir() / "programs"


def user_programs_dir() -> Path:
    return user_routines_dir() / "programs"


def program_files() -> dict[str, Path]:
    """Program name -> file: built-in ones, then yours (yours win on a name clash)."""
    found: dict[str, Path] = {}
    for folder in (programs_dir(), user_programs_dir()):
        if folder.is_dir():
            found.update({path.stem: path for path in sorted(folder.glob("*.yaml"))})
    return found


def read_program(path: Path) -> Program:
    """One program file, validated; a bad file stops with FILE:LINE:COL. A shipped one comes
    from the cache of validated files while unchanged."""
    from hipcli.shipcache import cached

    def validate() -> Program:
        from hipcli.yamlsource import read_source
        return program_from_source(read_source(path))
    if path.parent == programs_dir():
        return cached(f"program-{path.stem}", [path], validate)
    return validate()


def program_from_source(source) -> Program:
    from hipcli.validate import build_model
    program = build_model(source, Program)
    _check_routines(source, program)
    return program


def _check_routines(source, program: Program) -> None:
    """Every routine a stage names exists, and stage names are not repeated."""
    import difflib
    from hipcli.catalog import routine_names
    known = set(routine_names())
    seen: set[str] = set()
    for s, stage in enumerate(program.stages):
        if stage.name in seen:
            raise source.error(("stages", s, "name"), f"stage {stage.name!r} is named twice")
        seen.add(stage.name)
        for r, due in enumerate(stage.routines):
            if due.routine not in known:
                close = difflib.get_close_matches(due.routine, sorted(known), n=1)
                hint = f"did you mean {close[0]!r}?" if close else "see `hipcli routines`"
                raise source.error(("stages", s, "routines", r, "routine"),
                                   f"no routine {due.routine!r} ({hint})")


def load_program(name: str) -> Program:
    files = program_files()
    if name not in files:
        known = ", ".join(files) or "none"
        raise HipcliError(f"no program {name!r} (programs: {known})")
    return read_program(files[name])


def load_programs() -> list[Program]:
    return [read_program(path) for path in program_files().values()]

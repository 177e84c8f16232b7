"""Programs: routines run as phases in order, each passed at a target, read from data files
(`routines/programs/*.yaml`) rather than written into the code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from hipcli.model import FORBID_EXTRA
from hipcli.paths import builtin_dir

if TYPE_CHECKING:  # as type checkers see them; modeltypes.py gives them their rules
    from typing import TypeAlias
    Id: TypeAlias = str
    Text: TypeAlias = str
    SetCount: TypeAlias = int
    RepCount: TypeAlias = int
    PhaseSpecList: TypeAlias = list["PhaseSpec"]


@dataclass(frozen=True, kw_only=True)
class Target:
    """Every exercise of a phase done this many sets of at least this many reps."""

    __pydantic_config__ = FORBID_EXTRA
    sets: SetCount
    reps: RepCount


@dataclass(frozen=True, kw_only=True)
class PhaseSpec:
    __pydantic_config__ = FORBID_EXTRA
    routine: Id
    target: Target


@dataclass(frozen=True, kw_only=True)
class Program:
    """A named sequence of phases, each a routine."""

    __pydantic_config__ = FORBID_EXTRA
    name: Id
    title: Optional[Text] = None
    phases: PhaseSpecList


@dataclass(frozen=True)
class Phase:
    """Where one routine sits in its program: its target and the routine it unlocks."""

    program: str
    routine: str
    target: Target
    next_routine: Optional[str]


def programs_dir() -> Path:
    return builtin_dir() / "programs"


def load_programs(folder: Path | None = None) -> list[Program]:
    """Every program file in `folder`, validated; a bad file stops with FILE:LINE:COL. The
    shipped ones come from the cache of validated files while unchanged."""
    from hipcli.shipcache import cached
    folder = folder or programs_dir()
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if folder == programs_dir():
        return cached("programs", files, lambda: _validated(files))
    return _validated(files)


def _validated(files: list[Path]) -> list[Program]:
    from hipcli.validate import build_model
    from hipcli.yamlsource import read_source
    return [build_model(read_source(path), Program) for path in files]


def phases(programs: list[Program]) -> dict[str, Phase]:
    """Each phase's routine name -> its place in its program."""
    found = {}
    for program in programs:
        names = [spec.routine for spec in program.phases]
        for index, spec in enumerate(program.phases):
            following = names[index + 1] if index + 1 < len(names) else None
            found[spec.routine] = Phase(program.name, spec.routine, spec.target, following)
    return found


def phase_of(routine: str, folder: Path | None = None) -> Optional[Phase]:
    """The program phase a routine is, if it is one."""
    return phases(load_programs(folder)).get(routine)

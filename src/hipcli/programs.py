"""Programs: routines run as phases in order, each passed at a target, read from data files
(`routines/programs/*.yaml`) rather than written into the code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

from pydantic import Field

from hipcli.model import Id, Text, _Strict
from hipcli.paths import builtin_dir


class Target(_Strict):
    """Every exercise of a phase done this many sets of at least this many reps."""

    sets: Annotated[int, Field(ge=1, le=20)]
    reps: Annotated[int, Field(ge=1, le=500)]


class PhaseSpec(_Strict):
    routine: Id
    target: Target


class Program(_Strict):
    """A named sequence of phases, each a routine."""

    name: Id
    title: Optional[Text] = None
    phases: Annotated[list[PhaseSpec], Field(min_length=1, max_length=50)]


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
    """Every program file in `folder`, validated; a bad file stops with FILE:LINE:COL."""
    from hipcli.validate import build_model
    from hipcli.yamlsource import read_source
    folder = folder or programs_dir()
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
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

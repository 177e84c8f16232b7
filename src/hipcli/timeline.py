"""Compile a routine into a timeline: every step with its kind, side, dose and planned start.

Pure: the same routine and options always give the same timeline, and its total is exact
before the session starts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal, Optional

from hipcli.choices import SIDES, Level, Side
from hipcli.doses import WORK_KINDS, Doses, Key
from hipcli.durations import Range
from hipcli.library import Library
from hipcli.model import (Block, CircuitBlock, Dose, DoseFields, Exercise, ExerciseBlock, PairBlock,
                          PairMember, RestBlock, Routine)
from hipcli.records import record
from hipcli.routine import resolve_exercise

StepKind = Literal["prepare", "hold", "reps", "rest", "switch", "done"]
DEFAULT_TEMPO = 3.0
DEFAULT_SET_REST = 15.0
DEFAULT_ROUND_REST = 30.0


@record
class RepPhase:
    name: str
    seconds: float


@record
class Step:
    """One stretch of time in a session: what to do, on which side, for how long."""

    kind: StepKind
    seconds: float
    title: str
    start: float = 0.0
    index: int = 0
    exercise_id: Optional[str] = None
    label: str = ""
    side: Optional[str] = None
    set_no: int = 0
    set_count: int = 0
    round_no: int = 0
    round_count: int = 0
    reps: int = 0
    rep_seconds: float = 0.0
    phases: tuple[RepPhase, ...] = ()
    cues: tuple[str, ...] = ()
    dose_text: str = ""
    setup: str = ""
    safety: str = ""
    side_means: str = ""

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_KINDS

    @property
    def end(self) -> float:
        return self.start + self.seconds

    def rep_moments(self) -> list[tuple[float, int, str]]:
        """(offset into the step, rep number, phase name or "") for every rep and phase start."""
        moments = []
        for rep in range(self.reps):
            at = rep * self.rep_seconds
            if not self.phases:
                moments.append((at, rep + 1, ""))
            for phase in self.phases:
                moments.append((at, rep + 1, phase.name))
                at += phase.seconds
        return moments


@record
class Timeline:
    """The compiled plan of a session."""

    routine: str
    title: str
    steps: tuple[Step, ...]
    description: str = ""
    frequency: str = ""

    @property
    def total(self) -> float:
        return self.steps[-1].end if self.steps else 0.0

    @property
    def work_steps(self) -> list[Step]:
        return [s for s in self.steps if s.is_work]


@record
class Options:
    """How to dose a session: level, sides, affected side and overrides."""

    level: Level = "normal"
    side: Optional[Side] = None
    affected: Optional[Side] = None
    hold: Optional[float] = None
    reps: Optional[int] = None
    rest: Optional[float] = None
    prepare: Optional[float] = None
    switch: Optional[float] = None


@record
class _Work:
    exercise: Exercise
    dose: Dose
    side: Optional[str]
    set_no: int
    set_count: int
    round_no: int = 0
    round_count: int = 0


def compile_timeline(routine: Routine, library: Library, options: Options = Options(),
                     doses: Doses | None = None) -> Timeline:
    """Expand every block into steps, with transitions, and number and time them.

    `doses` fixes the amount and sets of the exercises and sides it names (the rest follow
    `options.level`); `options.hold` and `options.reps` still override its amounts.
    """
    builder = _Builder(routine, library, options, doses or {})
    for block in routine.blocks:
        builder.add_block(block)
    timeline = assemble(routine.name, routine.heading, builder.steps)
    return replace(timeline, description=" ".join((routine.description or "").split()),
                   frequency=routine.frequency or "")


def prescribed_doses(routine: Routine, library: Library,
                     options: Options = Options()) -> dict[Key, tuple[Exercise, Dose]]:
    """Each exercise and side's dose as the routine prescribes it (ranges, before a level
    picks from them), in the order they first come; no steps are built or timed."""
    builder = _Builder(routine, library, options, {})
    found: dict[Key, tuple[Exercise, Dose]] = {}
    for block in routine.blocks:
        for work in builder.works(block):
            if isinstance(work, _Work):
                found.setdefault((work.exercise.id, work.side), (work.exercise, work.dose))
    return found


def assemble(name: str, title: str, steps: list[Step]) -> Timeline:
    """A timeline of `steps` plus the closing "done", each numbered and placed after the last."""
    timed, start = [], 0.0
    for index, step in enumerate([*steps, Step("done", 0.0, "Done")]):
        timed.append(replace(step, index=index, start=start))
        start += step.seconds
    return Timeline(name, title, tuple(timed))


def merge_dose(base: Dose, overrides: DoseFields | None) -> Dose:
    """A dose with overrides applied; a hold replaces reps and reps replace a hold."""
    if overrides is None:
        return base
    changes = overrides.overrides()
    if "hold" in changes:
        changes.update(reps=None, tempo=None, phases=None)
    elif "reps" in changes:
        changes["hold"] = None
    return replace(base, **changes)


class _Builder:
    def __init__(self, routine: Routine, library: Library, options: Options, doses: Doses):
        self.routine = routine
        self.library = library
        self.options = options
        self.doses = doses
        self.steps: list[Step] = []
        self.last: Optional[_Work] = None

    def add_block(self, block) -> None:
        if isinstance(block, RestBlock):
            self._rest(self._rest_seconds(block.rest), block.note or "Rest")
            return
        for work in self.works(block):
            self._add_work(work)

    def works(self, block: Block) -> list:
        """The sets a block expands to, in order (a float is a rest between rounds)."""
        if isinstance(block, RestBlock):
            return []
        if isinstance(block, PairBlock):
            return self._pair(block)
        if isinstance(block, CircuitBlock):
            return self._circuit(block)
        return self._single(block)

    def _exercise(self, member: PairMember | ExerciseBlock) -> tuple[Exercise, Dose]:
        exercise = resolve_exercise(member.exercise, self.library, self.routine)
        return exercise, merge_dose(exercise.dose, member)

    def _sides(self, exercise: Exercise, wanted: list[str]) -> list[Optional[str]]:
        if not exercise.dose.per_side:
            return [None]
        if self.options.side:
            return [self.options.side] if self.options.side in wanted else []
        return list(wanted)

    def _sets(self, exercise: Exercise, dose: Dose, side: Optional[str],
              block: ExerciseBlock | None) -> tuple[Dose, int]:
        if block is not None and side and self.options.affected:
            dose = merge_dose(dose, block.affected if side == self.options.affected
                              else block.unaffected)
        chosen = self.doses.get((exercise.id, side))
        sets = chosen.sets if chosen else half_up(_pick(dose.sets, self.options.level, 1))
        return dose, int(sets)

    def _single(self, block: ExerciseBlock, round_no: int = 0, round_count: int = 0):
        exercise, dose = self._exercise(block)
        if round_count and block.sets is None:
            dose = replace(dose, sets=Range(1, 1))  # a round is one set
        wanted = {"both": SIDES, "each": SIDES}.get(block.sides, (block.sides,))
        sides = self._sides(exercise, list(wanted))
        plans = [(side, *self._sets(exercise, dose, side, block)) for side in sides]
        if block.sides == "each":
            order = [(side, d, n, k) for k in range(1, max((n for _, _, n in plans), default=0) + 1)
                     for side, d, n in plans if k <= n]
        else:
            order = [(side, d, n, k) for side, d, n in plans for k in range(1, n + 1)]
        return [_Work(exercise, d, side, k, n, round_no, round_count) for side, d, n, k in order]

    def _pair(self, block: PairBlock):
        works = []
        members = [self._exercise(block.pair.stretch), self._exercise(block.pair.strengthen)]
        for _ in range(block.sets):
            for side in block.sides:
                for exercise, dose in members:
                    for s in self._sides(exercise, [side]):
                        sided, sets = self._sets(exercise, dose, s, None)
                        works += [_Work(exercise, sided, s, k, sets) for k in range(1, sets + 1)]
        return _dedupe_bilateral(works)

    def _circuit(self, block: CircuitBlock):
        rounds = half_up(_pick(block.circuit.rounds, self.options.level, 1))
        works = []
        for round_no in range(1, rounds + 1):
            if round_no > 1:
                works.append(self._rest_seconds(block.circuit.rest or DEFAULT_ROUND_REST))
            for member in block.circuit.blocks:
                works += self._single(member, round_no, rounds)
        return works

    def _add_work(self, work) -> None:
        if isinstance(work, float):
            self._rest(work, "Rest between rounds")
            self.last = None
            return
        self._transition(work)
        self.steps.append(self._work_step(work))
        self.last = work

    def _transition(self, work: _Work) -> None:
        last = self.last
        if last is None or last.exercise.id != work.exercise.id or last.round_no != work.round_no:
            self._step("prepare", self.options.prepare, self.routine.prepare,
                       f"Get ready: {work.exercise.name}", work)
        elif last.side != work.side:
            self._step("switch", self.options.switch, self.routine.switch, "Switch sides", work)
        else:
            self._rest(self._rest_seconds(last.dose.rest or DEFAULT_SET_REST), "Rest between sets")

    def _step(self, kind: StepKind, override, default, title: str, work: _Work) -> None:
        seconds = float(default if override is None else override)
        if seconds > 0:
            self.steps.append(Step(kind, seconds, title, exercise_id=work.exercise.id,
                                   label=work.exercise.label, side=work.side,
                                   **_guidance(work.exercise)))

    def _rest(self, seconds: float, title: str) -> None:
        if seconds > 0:
            self.steps.append(Step("rest", seconds, title))

    def _rest_seconds(self, planned: float) -> float:
        return float(self.options.rest if self.options.rest is not None else planned)

    def _work_step(self, work: _Work) -> Step:
        ex, dose, level = work.exercise, work.dose, self.options.level
        chosen = self.doses.get((ex.id, work.side))
        amount = chosen.amount if chosen else None
        common: dict[str, Any] = dict(exercise_id=ex.id, label=ex.label, side=work.side, set_no=work.set_no,
                      set_count=work.set_count, round_no=work.round_no,
                      round_count=work.round_count, cues=tuple(ex.cues), **_guidance(ex))
        if dose.hold is not None:
            hold = self.options.hold or amount or half_up(dose.hold.pick(level))
            return Step("hold", float(hold), ex.name, dose_text=f"hold {hold:g} s", **common)
        reps = int(self.options.reps or amount or half_up(_pick(dose.reps, level, 1)))
        phases = tuple(RepPhase(p.name, p.seconds) for p in dose.phases or ())
        rep_seconds = sum(p.seconds for p in phases) or dose.tempo or DEFAULT_TEMPO
        return Step("reps", reps * rep_seconds, ex.name, reps=reps, rep_seconds=rep_seconds,
                    phases=phases, dose_text=f"{reps} reps", **common)


def _guidance(ex: Exercise) -> dict[str, Any]:
    """What the screen, the plain lines and the voice say about an exercise before it starts."""
    return dict(setup=ex.setup, safety=ex.safety or "", side_means=ex.side_means or "")


def half_up(value: float) -> int:
    """Round .5 up, so the middle of 5-10 reps is 8, not banker's 8 or 7 by parity."""
    return int(value + 0.5)


def _pick(value, level: str, default: float) -> float:
    return default if value is None else value.pick(level)


def _dedupe_bilateral(works: list[_Work]) -> list[_Work]:
    """A bilateral exercise in a pairing is done once, not once per side."""
    seen, kept = set(), []
    for work in works:
        key = (work.exercise.id, work.set_no) if work.side is None else None
        if key and key in seen:
            continue
        if key:
            seen.add(key)
        kept.append(work)
    return kept

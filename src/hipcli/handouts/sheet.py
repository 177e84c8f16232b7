"""The routine sheet: what to do, in order, at which dose, with a drawing of each position.

`build_sheet` gathers the facts (pure, from a loaded routine and its planned timeline);
`sheet_html` and `sheet_markdown` lay them out.
"""

from __future__ import annotations

from typing import Optional

from hipcli.durations import format_duration
from hipcli.handouts import drawings
from hipcli.handouts.frequency import Frequency, frequency
from hipcli.handouts.page import document
from hipcli.handouts.text import h, md, number
from hipcli.library import Library
from hipcli.model import CircuitBlock, Exercise, ExerciseBlock, PairBlock, Routine
from hipcli.records import record
from hipcli.routine import resolve_exercise
from hipcli.timeline import Step, Timeline

DAYS_IN_WEEK = 7


@record
class SheetExercise:
    """One exercise as the sheet shows it."""

    exercise: Exercise
    sides: str  # the side pattern in words
    dose: str  # e.g. "2 x 45 s hold each side"
    figure: str  # a key of drawings.FIGURES


@record
class Sheet:
    title: str
    description: str
    frequency: Optional[Frequency]
    total_seconds: float
    dose_source: str
    exercises: list[SheetExercise]
    stated: str = ""  # the routine's own words on how often

    @property
    def boxes(self) -> int:
        """Tick boxes for a week: the routine's sessions a week, or one a day when unstated."""
        return self.frequency.high if self.frequency else DAYS_IN_WEEK

    @property
    def how_often(self) -> str:
        if self.stated:
            return self.stated
        return self.frequency.words() if self.frequency else "not stated in the routine"


def build_sheet(routine: Routine, library: Library, timeline: Timeline, dose_source: str) -> Sheet:
    """The sheet's facts: exercises in the order first met, each dosed as the timeline has it."""
    patterns = side_patterns(routine, library)
    by_exercise: dict[str, list[Step]] = {}
    for step in timeline.work_steps:
        by_exercise.setdefault(step.exercise_id or "", []).append(step)
    exercises = []
    for exercise_id, steps in by_exercise.items():
        exercise = resolve_exercise(exercise_id, library, routine)
        exercises.append(SheetExercise(
            exercise, patterns.get(exercise_id, ""), dose_words(steps),
            drawings.figure_for(exercise.position, exercise.id, exercise.name)))
    stated = routine.frequency or ""
    return Sheet(routine.heading, routine.description or "",
                 frequency(f"{stated}. {routine.description or ''}"),
                 timeline.total, dose_source, exercises, stated)


def dose_words(steps: list[Step]) -> str:
    """Sets and amount per side: "2 x 8 reps each side", "left 3 x 20 reps, right 2 x 20 reps"."""
    per_side: dict[Optional[str], list[Step]] = {}
    for step in steps:
        per_side.setdefault(step.side, []).append(step)
    words = {side: _one_side(found) for side, found in per_side.items()}
    texts = set(words.values())
    if len(texts) > 1:
        return ", ".join(f"{side} {text}" for side, text in words.items())
    text = texts.pop()
    if None in words:
        return text
    return text + (" each side" if len(words) > 1 else f", {next(iter(words))} side")


def _one_side(steps: list[Step]) -> str:
    amounts = sorted({step.seconds if step.kind == "hold" else step.reps for step in steps})
    amount = number(amounts[0]) + (f"-{number(amounts[-1])}" if len(amounts) > 1 else "")
    unit = "s hold" if steps[0].kind == "hold" else "reps"
    return f"{len(steps)} x {amount} {unit}"


def side_patterns(routine: Routine, library: Library) -> dict[str, str]:
    """How each exercise treats the sides, in words, from the block that first names it."""
    found: dict[str, str] = {}

    def add(ref, words: str) -> None:
        exercise = resolve_exercise(ref, library, routine)
        found.setdefault(exercise.id, words if exercise.dose.per_side else "both legs together")

    for block in routine.blocks:
        if isinstance(block, PairBlock):
            order = " then ".join(block.sides)
            stretch = resolve_exercise(block.pair.stretch.exercise, library, routine)
            strengthen = resolve_exercise(block.pair.strengthen.exercise, library, routine)
            add(stretch.id, f"{order}; each side followed at once by {strengthen.label}")
            add(strengthen.id, f"{order}; straight after {stretch.label} on the same side")
        elif isinstance(block, ExerciseBlock):
            add(block.exercise, _single_sides(block))
        elif isinstance(block, CircuitBlock):
            for inner in block.circuit.blocks:
                add(inner.exercise, f"{_single_sides(inner)}; in a circuit of "
                                    f"{block.circuit.rounds} rounds")
    return found


def _single_sides(block: ExerciseBlock) -> str:
    words = {"both": "all sets on the left, then all on the right",
             "each": "left and right in turn, set by set",
             "left": "left side only", "right": "right side only"}[block.sides]
    if block.affected is not None:
        words += " (the side named with --affected gets more)"
    return words


# -- HTML ------------------------------------------------------------------------------------
def sheet_html(sheet: Sheet) -> str:
    """The sheet as one printable page."""
    parts = [f"<h1>{h(sheet.title)}</h1>"]
    if sheet.description:
        parts.append(f"<p>{h(sheet.description)}</p>")
    parts.append('<div class="facts">'
                 f"<span><b>How often:</b> {h(sheet.how_often)}</span>"
                 f"<span><b>Total time:</b> {h(format_duration(sheet.total_seconds))}</span>"
                 f"<span><b>Exercises:</b> {len(sheet.exercises)}</span></div>")
    parts.append(f'<p class="muted">{h(sheet.dose_source)}</p>')
    parts.append(_ticks_html(sheet.boxes))
    for n, item in enumerate(sheet.exercises, 1):
        parts.append(_exercise_html(n, item))
    return document(sheet.title, "\n".join(parts))


def _ticks_html(boxes: int) -> str:
    heads = "".join(f"<th>{n}</th>" for n in range(1, boxes + 1))
    cells = "<td></td>" * boxes
    return ('<table class="ticks"><caption>This week: tick a box after each session'
            f"</caption><thead><tr>{heads}</tr></thead><tbody><tr>{cells}</tr></tbody></table>")


def _exercise_html(n: int, item: SheetExercise) -> str:
    ex = item.exercise
    words = [f"<h3>{n}. {h(ex.name)}</h3>",
             f"<p><b>Dose:</b> {h(item.dose)}. <b>Sides:</b> {h(item.sides)}.</p>"]
    if ex.equipment:
        words.append(f"<p><b>You need:</b> {h(', '.join(ex.equipment))}.</p>")
    if ex.steps:
        words.append("<ol>" + "".join(f"<li>{h(s)}</li>" for s in ex.steps) + "</ol>")
    if ex.cues:
        words.append("<p><b>Think of:</b></p><ul>"
                     + "".join(f"<li>{h(c)}</li>" for c in ex.cues) + "</ul>")
    if ex.safety:
        words.append(f'<p class="safety"><b>Safety:</b> {h(ex.safety)}</p>')
    return (f'<section class="exercise"><div class="drawing">{drawings.drawing_svg(item.figure)}'
            f"<br>{h(drawings.caption(item.figure))}</div>"
            f'<div class="words">{"".join(words)}</div></section>')


# -- Markdown --------------------------------------------------------------------------------
def sheet_markdown(sheet: Sheet) -> str:
    """The sheet as Markdown, to paste into a message."""
    lines = [f"# {md(sheet.title)}", ""]
    if sheet.description:
        lines += [md(sheet.description, line_start=True), ""]
    lines += [f"- **How often:** {md(sheet.how_often)}",
              f"- **Total time:** {md(format_duration(sheet.total_seconds))}",
              f"- **Exercises:** {len(sheet.exercises)}", "", md(sheet.dose_source, line_start=True), "",
              "This week: " + " ".join(["[ ]"] * sheet.boxes), ""]
    for n, item in enumerate(sheet.exercises, 1):
        ex = item.exercise
        lines += [f"## {n}. {md(ex.name)}", "",
                  f"**Dose:** {md(item.dose)}. **Sides:** {md(item.sides)}. "
                  f"**Position:** {md(drawings.caption(item.figure))}.", ""]
        if ex.equipment:
            lines += [f"**You need:** {md(', '.join(ex.equipment))}.", ""]
        lines += [f"{i}. {md(s, line_start=True)}" for i, s in enumerate(ex.steps, 1)]
        lines += [""] if ex.steps else []
        if ex.cues:
            lines += ["Think of:", ""] + [f"- {md(c, line_start=True)}" for c in ex.cues] + [""]
        if ex.safety:
            lines += [f"> **Safety:** {md(ex.safety)}", ""]
    return "\n".join(lines).rstrip() + "\n"

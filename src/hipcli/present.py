"""Turn exercises, routines and timelines into tables, panels and JSON-ready data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from hipcli.durations import Range, format_clock, format_duration, format_range

if TYPE_CHECKING:  # annotations only: listing routines must not load YAML
    from hipcli.catalog import RoutineFile
    from hipcli.model import Dose, Exercise
    from hipcli.timeline import Step, Timeline


def dose_text(dose: Dose) -> str:
    """ "hold 30-60s each side" or "3 x 8-12 reps each side, 4 s a rep"."""
    if dose.hold is not None:
        amount = f"hold {format_range(dose.hold, 's')}"
    else:
        amount = f"{format_range(dose.reps)} reps" if dose.reps else "1 rep"
    sets = format_range(dose.sets) if dose.sets else "1"
    text = amount if sets == "1" else f"{sets} x {amount}"
    return text + (" each side" if dose.per_side else "")


def dose_json(dose: Dose) -> dict[str, Any]:
    data: dict[str, Any] = {"per_side": dose.per_side, "sets": format_range(dose.sets or Range(1, 1))}
    if dose.hold is not None:
        data["hold"] = format_range(dose.hold, "s")
    if dose.reps is not None:
        data["reps"] = format_range(dose.reps)
    if dose.tempo is not None:
        data["tempo"] = f"{dose.tempo:g}s"
    if dose.phases:
        data["phases"] = [{"name": p.name, "seconds": p.seconds} for p in dose.phases]
    if dose.rest is not None:
        data["rest"] = f"{dose.rest:g}s"
    return data



def exercise_json(ex: Exercise) -> dict[str, Any]:
    from dataclasses import fields
    data = {f.name: getattr(ex, f.name) for f in fields(ex)
            if f.name not in ("dose", "progression") and getattr(ex, f.name) is not None}
    data["dose"] = dose_json(ex.dose)
    if ex.progression is not None:
        from dataclasses import asdict
        data["progression"] = {k: v for k, v in asdict(ex.progression).items() if v is not None}
    return data


def progression_text(ex: Exercise) -> str:
    """ "Moves on: to band-clamshell once a session does 3 x 15 in full"."""
    step = ex.progression
    assert step is not None
    goal = f"{step.after.sets} x {step.after.reps} in full"
    if step.to:
        return f"Moves on: to {step.to} once a session does {goal}"
    return (f"Moves on: each rep takes {step.quicken:g} of its time for every two sessions "
            f"at {goal}")


def exercises_table(exercises: list[Exercise], *, width: int, bold: bool) -> list[str]:
    from hipcli.ui.columns import table_lines
    rows = [(ex.id, ex.name, ex.kind, ex.position, dose_text(ex.dose)) for ex in exercises]
    # the id is what a user types: never wrapped; position, then kind, go first for room
    return table_lines(("id", "name", "kind", "position", "dose"), rows, width=width,
                       bold_header=bold, whole=(0,), drop=(3, 2))


def exercise_panel(ex: Exercise):
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text
    lines = [Text(f"{ex.kind} · {ex.position} · {', '.join(ex.equipment) or 'no equipment'}",
                  style="dim"),
             Text(f"{'Stretches' if ex.kind == 'stretch' else 'Works'}: {', '.join(ex.muscles)}")
             if ex.muscles else Text(""),
             Text(f"Dose: {dose_text(ex.dose)}", style="bold"), Text("")]
    lines += [Text(f"{n}. {step}") for n, step in enumerate(ex.steps, 1)]
    if ex.cues:
        lines += [Text(""), Text("Cues", style="bold")]
        lines += [Text(f"• {cue}") for cue in ex.cues]
    if ex.side_means:
        lines += [Text(""), Text(side_note(ex.side_means))]
    if ex.progression:
        lines += [Text(""), Text(progression_text(ex))]
    if ex.safety:
        lines += [Text(""), Text(f"Safety: {ex.safety}", style="yellow")]
    return Panel(Group(*lines), title=f"[bold]{ex.name}[/] ({ex.id})", expand=False)


def routines_table(routines: list[RoutineFile], titles: dict[str, str],
                   frequencies: dict[str, str], totals: dict[str, Optional[float]], *,
                   width: int, bold: bool) -> list[str]:
    from hipcli.ui.columns import table_lines
    rows = [(r.name, titles.get(r.name, ""), total_text(totals.get(r.name)),
             frequencies.get(r.name, ""),
             "user (replaces built-in)" if r.overrides_builtin else r.origin) for r in routines]
    # the name is what a user types and the time reads as one: never wrapped
    return table_lines(("name", "title", "time", "how often", "origin"), rows, width=width,
                       bold_header=bold, whole=(0, 2), drop=(3, 4))


def total_text(seconds: Optional[float]) -> str:
    """A listing's time, as `show` gives it, or "?" for a routine that does not load."""
    return "?" if seconds is None else format_duration(seconds)


def routine_json(r: RoutineFile, title: str, frequency: str,
                 total: Optional[float] = None) -> dict[str, Any]:
    return {"name": r.name, "title": title, "frequency": frequency, "origin": r.origin,
            "overrides_builtin": r.overrides_builtin, "path": str(r.path),
            "total_seconds": total}


GENERAL_NOTE = ("If you are injured or in pain, see a physiotherapist before you start, "
                "and stop any exercise that gives you a sharp pain.")


def side_note(means: str) -> str:
    """How to read "left" and "right" for an exercise done in an asymmetric position."""
    return f'Sides: "left" or "right" names your {means}.'


def guidance_lines(timeline: Timeline) -> list[str]:
    """What `show` prints under the steps: what the routine is for, how often, sides, safety."""
    lines = []
    if timeline.description:
        lines += ["", timeline.description]
    if timeline.frequency:
        lines += ["", f"How often: {timeline.frequency}"]
    sides = _first_per_exercise(timeline, "side_means")
    if sides:
        lines += ["", 'Sides: in an asymmetric position, "left" or "right" names']
        lines += [f"  - {label}: your {means}" for label, means in sides]
    lines += ["", "Safety:"]
    lines += [f"  - {label}: {note}" for label, note in _first_per_exercise(timeline, "safety")]
    return lines + [f"  - {GENERAL_NOTE}"]


def guidance_json(timeline: Timeline) -> dict[str, Any]:
    return {"description": timeline.description, "frequency": timeline.frequency,
            "sides": dict(_first_per_exercise(timeline, "side_means")),
            "safety": dict(_first_per_exercise(timeline, "safety")), "general_note": GENERAL_NOTE}


def _first_per_exercise(timeline: Timeline, field: str) -> list[tuple[str, str]]:
    """(exercise label, the step's `field`) for each exercise that has one, in order of use."""
    found: dict[str, str] = {}
    for step in timeline.work_steps:
        value = getattr(step, field)
        if value:
            found.setdefault(step.label or step.title, value)
    return list(found.items())


def step_row(step: Step) -> list[str]:
    what = step.label if step.is_work or step.kind in ("prepare", "switch") else step.title
    detail = step.dose_text
    if step.is_work and step.set_count > 1:
        detail += f", set {step.set_no}/{step.set_count}"
    if step.round_count > 1:
        detail += f", round {step.round_no}/{step.round_count}"
    return [str(step.index + 1), format_clock(step.start), step.kind, step.side or "",
            what, detail.strip(", "), format_duration(step.seconds)]


def timeline_table(timeline: Timeline):
    from rich.table import Table
    table = Table(title=f"{timeline.title}: {format_duration(timeline.total)}",
                  box=None, pad_edge=False, header_style="bold", title_justify="left")
    for column in ("#", "at", "step", "side", "exercise", "dose", "length"):
        table.add_column(column, justify="right" if column in ("#", "length") else "left")
    for step in timeline.steps:
        if step.kind != "done":
            table.add_row(*step_row(step))
    return table


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "routine": timeline.routine, "title": timeline.title, "total_seconds": timeline.total,
        "steps": [{"index": s.index, "kind": s.kind, "start": s.start, "seconds": s.seconds,
                   "exercise": s.exercise_id, "title": s.title, "side": s.side,
                   "set": s.set_no, "sets": s.set_count, "round": s.round_no,
                   "rounds": s.round_count, "reps": s.reps, "rep_seconds": s.rep_seconds,
                   "phases": [{"name": p.name, "seconds": p.seconds} for p in s.phases]}
                  for s in timeline.steps],
    }

"""History, stats and measurements as tables, CSV, JSON-ready data and block-character charts."""

from __future__ import annotations

import csv
import io
from typing import Any, Callable, Iterable, Iterator, Optional

from hipcli.durations import format_clock, format_duration
from hipcli.history.measure import ASYMMETRY_DEGREES, GOOD_ER_DEGREES, MAX_DEGREES, Reading, tighter_side
from hipcli.history.checkins import CheckIn
from hipcli.history.stages import Adherence
from hipcli.history.stats import Stats
from hipcli.history.store import SessionRow, StepRow

BAR_WIDTH = 30
JSON_BATCH = 200
CheckinsOf = Callable[[list[int]], "dict[int, CheckIn]"]  # session ids -> their check-ins
EIGHTHS = " ▏▎▍▌▋▊▉█"
CSV_FIELDS = ("id", "started_at", "routine", "title", "status", "level", "duration_seconds",
              "planned_seconds", "steps_done", "steps_skipped", "speed", "pain", "effort")


def bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar in eighths of a character, `width` long at `top`."""
    if top <= 0 or value <= 0:
        return ""
    eighths = round(min(value / top, 1.0) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def started_text(session: SessionRow) -> str:
    return session.started_at[:16].replace("T", " ")


def _table(*columns: str, right: tuple[str, ...] = ()):
    from rich.table import Table
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, justify="right" if column in right else "left")
    return table


# -- history -------------------------------------------------------------------------------
def history_table(sessions: list[SessionRow]):
    table = _table("#", "started", "routine", "time", "planned", "status", "done", "skipped",
                   right=("#", "time", "planned", "done", "skipped"))
    for s in sessions:
        table.add_row(str(s.id), started_text(s), s.routine, format_clock(s.duration),
                      format_clock(s.planned_seconds), s.status, str(s.done), str(s.skipped))
    return table


def session_fields(s: SessionRow) -> dict[str, Any]:
    return {"id": s.id, "started_at": s.started_at, "routine": s.routine, "title": s.title,
            "status": s.status, "level": s.level, "duration_seconds": s.duration,
            "planned_seconds": s.planned_seconds, "steps_done": s.done,
            "steps_skipped": s.skipped}


def history_csv_chunks(sessions: Iterable[SessionRow], checkins_of: CheckinsOf) -> Iterator[str]:
    """CSV text: a header, then a batch of sessions at a time as they are read."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for batch in _batches(sessions, JSON_BATCH):
        given = checkins_of([s.id for s in batch])
        for s in batch:
            checkin = given.get(s.id)
            writer.writerow(session_fields(s) | {"speed": s.speed,
                                                 "pain": checkin.pain if checkin else None,
                                                 "effort": checkin.effort if checkin else None})
        yield _taken(out)
    yield _taken(out)


def _taken(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def step_json(step: StepRow) -> dict[str, Any]:
    data: dict[str, Any] = {"exercise": step.exercise_id, "side": step.side, "kind": step.kind,
                            "set": step.set_no, "sets": step.set_count}
    data["hold" if step.kind == "hold" else "reps"] = step.hold if step.kind == "hold" else step.reps
    data.update(seconds=step.seconds, skipped=step.skipped)
    return data


def history_json(sessions: list[SessionRow], steps: list[StepRow],
                 checkins: dict[int, CheckIn]) -> list[dict[str, Any]]:
    """Each session with its check-in, the work steps it recorded and the dose each used."""
    by_session: dict[int, list] = {}
    for step in steps:
        if step.is_work:
            by_session.setdefault(step.session_id, []).append(step_json(step))
    return [{**session_fields(s), "speed": s.speed, "checkin": _checkin_json(checkins.get(s.id)),
             "steps": by_session.get(s.id, [])} for s in sessions]


def _checkin_json(given: Optional[CheckIn]) -> Optional[dict[str, Any]]:
    return {"pain": given.pain, "effort": given.effort} if given else None


def history_json_chunks(sessions: Iterable[SessionRow],
                        steps_of: Optional[Callable[[list[int]], list[StepRow]]],
                        checkins_of: CheckinsOf) -> Iterator[str]:
    """The same data as `history_json`, written a batch of sessions at a time, one session a
    line (json's fast encoder only writes unindented text)."""
    from hipcli.text import json_text
    first = True
    for batch in _batches(sessions, JSON_BATCH):
        ids = [s.id for s in batch]
        items = history_json(batch, steps_of(ids) if steps_of else [], checkins_of(ids))
        text = ",\n  ".join(json_text(item, indent=None) for item in items)
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]\n" if first else "\n]\n"


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- stats ---------------------------------------------------------------------------------
def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def stats_lines(stats: Stats) -> list[str]:
    lines = [
        f"Sessions: {stats.sessions} ({stats.finished} finished, {stats.partial} partial), "
        f"{format_duration(stats.minutes * 60)} in all",
        f"Streak: {days(stats.current_streak)} now, longest {days(stats.longest_streak)}",
        "Per routine: " + ", ".join(f"{name} {count}" for name, count in stats.routines),
        "",
        "Minutes per week (weeks start on Monday)",
    ]
    top = max((w.minutes for w in stats.weeks), default=0)
    for week in stats.weeks:
        sessions = f"{week.sessions} session" + ("" if week.sessions == 1 else "s")
        lines.append(f"{week.monday.isoformat()}  {bar(week.minutes, top):<{BAR_WIDTH}}  "
                     f"{round(week.minutes):>4} min  {sessions}")
    return lines + (adherence_lines(stats.adherence) if stats.adherence else [])


def adherence_lines(found: Adherence) -> list[str]:
    lines = ["", f"{found.program}: sessions per week against the target"]
    for monday, done, target in found.weeks:
        lines.append(f"{monday.isoformat()}  {done} of {target}" + ("  this week" if monday ==
                                                                   found.weeks[-1][0] else ""))
    return lines


def adherence_json(found: Optional[Adherence]) -> Optional[dict[str, Any]]:
    if found is None:
        return None
    return {"program": found.program,
            "weeks": [{"week_of": monday.isoformat(), "sessions": done, "target": target}
                      for monday, done, target in found.weeks]}


def stats_json(stats: Stats) -> dict[str, Any]:
    return {
        "sessions": stats.sessions, "minutes": round(stats.minutes, 2),
        "finished": stats.finished, "partial": stats.partial,
        "current_streak_days": stats.current_streak, "longest_streak_days": stats.longest_streak,
        "routines": {name: count for name, count in stats.routines},
        "weeks": [{"week_of": w.monday.isoformat(), "sessions": w.sessions,
                   "minutes": round(w.minutes, 2)} for w in stats.weeks],
        "adherence": adherence_json(stats.adherence),
    }


# -- measurements --------------------------------------------------------------------------
def gap_text(gap: float) -> str:
    tighter = tighter_side(gap)
    return f"{abs(gap):g}" + (f" ({tighter} less)" if tighter else "")


def measure_table(found: list[Reading]):
    table = _table("date", "left ER", "right ER", "ER diff", "left IR", "right IR", "IR diff",
                   right=("left ER", "right ER", "left IR", "right IR"))
    for r in found:
        table.add_row(r.taken_at[:10], f"{r.left_er:g}", f"{r.right_er:g}", gap_text(r.er_gap),
                      f"{r.left_ir:g}", f"{r.right_ir:g}", gap_text(r.ir_gap))
    return table


def measure_chart(found: list[Reading]) -> list[str]:
    """External rotation per side over time, with the 45 degree mark drawn in."""
    mark = round(GOOD_ER_DEGREES / MAX_DEGREES * BAR_WIDTH)
    lines = [f"External rotation, 0 to {MAX_DEGREES:g}° ('|' marks {GOOD_ER_DEGREES:g}°)"]
    for r in found:
        for side, er, _ in r.rows():
            drawn = f"{bar(er, MAX_DEGREES):<{BAR_WIDTH}}"
            if drawn[mark] == " ":
                drawn = drawn[:mark] + "|" + drawn[mark + 1:]
            day = r.taken_at[:10] if side == "left" else ""
            lines.append(f"{day:<10}  {side:<5}  {drawn}  {er:g}°")
    return lines


def measure_json(found: list[Reading]) -> list[dict[str, Any]]:
    return [{"taken_at": r.taken_at, "left": {"er": r.left_er, "ir": r.left_ir},
             "right": {"er": r.right_er, "ir": r.right_ir},
             "er_difference": r.er_gap, "ir_difference": r.ir_gap,
             "er_tighter_side": tighter_side(r.er_gap), "ir_tighter_side": tighter_side(r.ir_gap)}
            for r in found]


ASYMMETRY_NOTE = (f"A difference over {ASYMMETRY_DEGREES:g}° between sides suggests extra sets "
                  "on the side that moves less.")

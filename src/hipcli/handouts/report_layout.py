"""The progress report laid out: HTML with charts and their tables, Markdown tables, JSON."""

from __future__ import annotations

from datetime import date
from typing import Optional

from hipcli.handouts.checkins import EFFORT_SCALE
from hipcli.handouts.charts import Series, bar_chart, line_chart
from hipcli.handouts.page import document, md_table, table
from hipcli.handouts.report import DoseTrack, Report, asymmetry_words, checkin_rows
from hipcli.handouts.text import h, md, number
from hipcli.history.measure import ASYMMETRY_DEGREES

TITLE = "Hip mobility progress report"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
NO_CHECKINS = "None recorded."
NO_READINGS = "None recorded: take the self-test with hipcli measure."


def short_label(period: str) -> str:
    """"2026-01" -> "Jan 26"; a week's Monday "2026-01-05" -> "5 Jan"."""
    if len(period) == 7:
        return f"{MONTHS[int(period[5:]) - 1]} {period[2:4]}"
    day = date.fromisoformat(period)
    return f"{day.day} {MONTHS[day.month - 1]}"


def dose_cell(kind: str, value: Optional[tuple[float, int]]) -> str:
    if value is None:
        return "-"
    amount, sets = value
    return f"{sets} x {number(amount)}" + (" s" if kind == "hold" else "")


def summary(report: Report) -> list[tuple[str, str]]:
    """(label, value) lines at the top of the report."""
    period = (f"{report.start.isoformat()} to {report.end.isoformat()}" if report.start
              else "no sessions yet")
    weeks = len(report.weeks)
    lines = [("Period", period),
             ("Sessions", f"{len(report.sessions)} ({report.finished} finished, "
                          f"{len(report.sessions) - report.finished} stopped early)"),
             ("Minutes", number(report.minutes)),
             ("Sessions a week", number(len(report.sessions) / weeks) if weeks else "none")]
    if report.previews:
        lines.append(("Sped-up previews left out", str(report.previews)))
    if report.target:
        lines.append(("Target", f"{report.target.words()} ({report.target_routine})"))
    elif report.target_routine:
        lines.append(("Target", f"none stated for {report.target_routine}"))
    return lines


def _target_value(report: Report) -> Optional[float]:
    return float(report.target.low) if report.target else None


# -- HTML ------------------------------------------------------------------------------------
def report_html(report: Report) -> str:
    """The whole report as one printable page."""
    parts = [f"<h1>{h(TITLE)}</h1>", '<div class="facts">']
    parts += [f"<span><b>{h(label)}:</b> {h(value)}</span>" for label, value in summary(report)]
    parts.append("</div>")
    parts += _weeks_html(report) + _doses_html(report) + _checkins_html(report)
    parts += _readings_html(report) + _stopped_html(report)
    return document(TITLE, "\n".join(parts))


def _chart(figures: list[str], numbers: str) -> str:
    inside = "".join(f"<figure>{svg}</figure>" for svg in figures)
    return f'<div class="chart"><div class="figures">{inside}</div>{numbers}</div>'


def _weeks_html(report: Report) -> list[str]:
    parts = ["<h2>Sessions and minutes per week</h2>"]
    if not report.weeks:
        return parts + ["<p>No sessions recorded yet.</p>"]
    labels = [short_label(w.monday.isoformat()) for w in report.weeks]
    target = _target_value(report)
    sessions = bar_chart("Sessions per week", labels, [w.sessions for w in report.weeks],
                         unit="sessions a week", target=target)
    minutes = bar_chart("Minutes per week", labels, [round(w.minutes, 1) for w in report.weeks],
                        unit="minutes a week")
    headers, rows = week_rows(report)
    return parts + [_chart([sessions, minutes], table(headers, rows))]


def week_rows(report: Report) -> tuple[list[str], list[list[str]]]:
    """The weekly table; with a target, a column saying whether each week met it."""
    headers = ["week of", "sessions", "minutes"] + (["target met"] if report.target else [])
    rows = []
    for week in report.weeks:
        row = [week.monday.isoformat(), str(week.sessions), number(week.minutes)]
        if report.target:
            row.append("yes" if week.sessions >= report.target.low else "no")
        rows.append(row)
    return headers, rows


def _doses_html(report: Report) -> list[str]:
    parts = [f"<h2>Doses per {'month' if report.by_month else 'week'}</h2>"]
    if not report.doses:
        return parts + ["<p>No exercise done yet.</p>"]
    parts.append('<p class="muted">Sets done x reps or hold, on the last session of each '
                 "period with the exercise.</p>")
    for track in report.doses:
        parts += [f"<h3>{h(track.name)}</h3>", _dose_chart(report, track)]
    return parts


def _dose_chart(report: Report, track: DoseTrack) -> str:
    labels = [short_label(p) for p in report.periods]
    series = [Series(side, [v[0] if v else None for v in values])
              for side, values in track.values.items()]
    unit = "seconds held" if track.kind == "hold" else "reps a set"
    svg = line_chart(f"{track.name}: dose over time", labels, series, unit=unit)
    rows = [[h(period)] + [dose_cell(track.kind, values[n]) for values in track.values.values()]
            for n, period in enumerate(report.periods)
            if any(values[n] for values in track.values.values())]
    return _chart([svg], table(["period", *(h(s) for s in track.values)], rows))


def _checkins_html(report: Report) -> list[str]:
    parts = ["<h2>Pain and effort after sessions</h2>"]
    rows = checkin_rows(report)
    if not rows:
        return parts + [f"<p>{NO_CHECKINS}</p>"]
    labels = [short_label(period) for period, *_ in rows]
    svg = line_chart("Pain and effort", labels, [Series("pain", [r[1] for r in rows]),
                                                 Series("effort", [r[2] for r in rows])],
                     unit="average score")
    cells = [[h(period), number(pain), number(effort), str(count)]
             for period, pain, effort, count in rows]
    return parts + [f"<p>Averages per period: pain 0-10; {EFFORT_SCALE}.</p>",
                    _chart([svg], table(["period", "pain", "effort", "check-ins"], cells))]


def _readings_html(report: Report) -> list[str]:
    parts = ["<h2>Prone hip rotation self-test</h2>"]
    if not report.readings:
        return parts + [f"<p>{h(NO_READINGS)}</p>"]
    parts.append(f'<p class="muted">Degrees. A gap over {ASYMMETRY_DEGREES:g}° between the '
                 "sides is worth extra work on the side that moves less.</p>")
    labels = [r.taken_at[:10] for r in report.readings]
    er = line_chart("External rotation", labels, [
        Series("left ER", [r.left_er for r in report.readings]),
        Series("right ER", [r.right_er for r in report.readings])], unit="degrees")
    ir = line_chart("Internal rotation", labels, [
        Series("left IR", [r.left_ir for r in report.readings]),
        Series("right IR", [r.right_ir for r in report.readings])], unit="degrees")
    gap = line_chart("Difference between sides", labels, [
        Series("ER gap", [abs(r.er_gap) for r in report.readings]),
        Series("IR gap", [abs(r.ir_gap) for r in report.readings])], unit="degrees apart")
    return parts + [_chart([er, ir, gap], table(
        ["date", "left ER", "right ER", "ER gap", "left IR", "right IR", "IR gap", "note"],
        _reading_rows(report, h), text_columns=1))]


def _reading_rows(report: Report, escape) -> list[list[str]]:
    return [[escape(r.taken_at[:10]), number(r.left_er), number(r.right_er), number(r.er_gap),
             number(r.left_ir), number(r.right_ir), number(r.ir_gap),
             escape(asymmetry_words(r))] for r in report.readings]


def _stopped_html(report: Report) -> list[str]:
    parts = ["<h2>Sessions skipped in part or stopped early</h2>"]
    if not report.stopped:
        return parts + ["<p>None.</p>"]
    return parts + [table(["started", "routine", "status", "steps done", "skipped", "minutes"],
                          _stopped_rows(report, h), text_columns=3)]


def _stopped_rows(report: Report, escape) -> list[list[str]]:
    return [[escape(s.started_at[:16].replace("T", " ")), escape(s.routine),
             "stopped early" if s.status == "partial" else escape(s.status), str(s.done),
             str(s.skipped), number(s.duration / 60)] for s in report.stopped]


# -- Markdown --------------------------------------------------------------------------------
def report_markdown(report: Report) -> str:
    """The report's figures as Markdown tables, for a message or a notes app."""
    lines = [f"# {TITLE}", ""] + [f"- **{label}:** {md(value)}" for label, value in summary(report)]
    lines += ["", "## Sessions and minutes per week", ""]
    lines += md_table(*week_rows(report)) if report.weeks else ["No sessions recorded yet."]
    lines += ["", f"## Doses per {'month' if report.by_month else 'week'}", ""]
    for track in report.doses:
        lines += [f"### {md(track.name)}", ""]
        lines += md_table(["period", *(md(s) for s in track.values)],
                          [[period] + [dose_cell(track.kind, v[n]) for v in track.values.values()]
                           for n, period in enumerate(report.periods)
                           if any(v[n] for v in track.values.values())]) + [""]
    if not report.doses:
        lines += ["No exercise done yet.", ""]
    lines += ["## Pain and effort after sessions", ""]
    rows = checkin_rows(report)
    lines += [f"Averages per period: pain 0-10; {EFFORT_SCALE}.", ""] if rows else []
    lines += md_table(["period", "pain", "effort", "check-ins"],
                      [[p, number(a), number(b), str(c)] for p, a, b, c in rows]) \
        if rows else [NO_CHECKINS]
    lines += ["", "## Prone hip rotation self-test", ""]
    lines += md_table(["date", "left ER", "right ER", "ER gap", "left IR", "right IR", "IR gap",
                       "note"], _reading_rows(report, md)) \
        if report.readings else [md(NO_READINGS, line_start=True)]
    lines += ["", "## Sessions skipped in part or stopped early", ""]
    lines += md_table(["started", "routine", "status", "steps done", "skipped", "minutes"],
                      _stopped_rows(report, md)) if report.stopped else ["None."]
    return "\n".join(lines) + "\n"


# -- JSON ------------------------------------------------------------------------------------
def report_json(report: Report) -> dict:
    """The report's figures as JSON-ready data."""
    return {
        "from": report.start.isoformat() if report.start else None,
        "to": report.end.isoformat(),
        "sessions": len(report.sessions), "finished": report.finished,
        "previews_left_out": report.previews,
        "minutes": round(report.minutes, 1),
        "target": ({"routine": report.target_routine, "per_week_low": report.target.low,
                    "per_week_high": report.target.high} if report.target else None),
        "weeks": [{"week_of": w.monday.isoformat(), "sessions": w.sessions,
                   "minutes": round(w.minutes, 1)} for w in report.weeks],
        "period": "month" if report.by_month else "week",
        "doses": [{"exercise": t.exercise_id, "name": t.name, "kind": t.kind,
                   "sides": {side: [{"period": p, "amount": v[0], "sets": v[1]}
                                    for p, v in zip(report.periods, values) if v]
                             for side, values in t.values.items()}} for t in report.doses],
        "checkins": (None if report.checkins is None else
                     [{"period": p, "pain": a, "effort": b, "count": c}
                      for p, a, b, c in checkin_rows(report)]),
        "rotation": [{"taken_at": r.taken_at, "left_er": r.left_er, "right_er": r.right_er,
                      "er_gap": r.er_gap, "left_ir": r.left_ir, "right_ir": r.right_ir,
                      "ir_gap": r.ir_gap} for r in report.readings],
        "stopped": [{"started_at": s.started_at, "routine": s.routine, "status": s.status,
                     "done": s.done, "skipped": s.skipped, "minutes": round(s.duration / 60, 1)}
                    for s in report.stopped],
    }

"""What `hipcli sheet` and `hipcli report` do below the command-line parsing: read, build, write."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

from hipcli.errors import HipcliError

SHEET_FORMATS = ("html", "md")
REPORT_FORMATS = ("html", "md", "json")
LEVELS = {"easy": "the bottom", "normal": "the middle", "hard": "the top"}


def check_choice(value: str, choices: tuple[str, ...], flag: str) -> str:
    if value not in choices:
        raise HipcliError(f"{flag} {value!r} is not one of {', '.join(choices)}")
    return value


def sheet_text(routine_name: str, *, fmt: str, level: Optional[str],
               affected: Optional[str] = None) -> str:
    """The routine sheet, dosed from the history (or at `level`), as HTML or Markdown."""
    from hipcli.catalog import find_routine
    from hipcli.handouts.sheet import build_sheet, sheet_html, sheet_markdown
    from hipcli.history.plan import PROGRESSION, plan_session
    from hipcli.history.store import HistoryStore
    from hipcli.library import load_library
    from hipcli.routine import load_routine
    from hipcli.timeline import Options
    check_choice(fmt, SHEET_FORMATS, "--format")
    if level is not None:
        check_choice(level, tuple(LEVELS), "--level")
    if affected is not None:
        check_choice(affected, ("left", "right"), "--affected")
    plan = plan_session(routine_name, Options(level=level, affected=affected),
                        store=HistoryStore.open_existing())
    library = load_library()
    routine = load_routine(find_routine(routine_name).path, library=library)
    if plan.level != PROGRESSION:
        source = f"Doses at --level {level}: {LEVELS[level]} of each exercise's range."
    elif any(d.previous is not None for d in plan.decisions.values()):
        source = "Doses: your current ones, earned from the sessions in your history."
    else:
        source = ("Doses: starting ones, at the bottom of each range; they rise as you "
                  "complete them.")
    sheet = build_sheet(routine, library, plan.timeline, source)
    return sheet_html(sheet) if fmt == "html" else sheet_markdown(sheet)


def report_text(*, since: Optional[str], fmt: str, today: date) -> str:
    """The progress report over the history (from `since` on) as HTML, Markdown or JSON."""
    import json
    from hipcli.handouts.report import build_report
    from hipcli.handouts.report_layout import report_html, report_json, report_markdown
    from hipcli.history.commands import parse_since
    from hipcli.history.store import HistoryStore
    check_choice(fmt, REPORT_FORMATS, "--format")
    report = build_report(HistoryStore.open_existing(), since=parse_since(since), today=today)
    if fmt == "json":
        return json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n"
    return report_html(report) if fmt == "html" else report_markdown(report)


def write_output(text: str, path: Optional[Path]) -> Optional[Path]:
    """Write to `path` (whole or not at all), or return None so the caller prints it."""
    if path is None:
        return None
    partial = path.with_name(f".{path.name}.part")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        raise HipcliError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path

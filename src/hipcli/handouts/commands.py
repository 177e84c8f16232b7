"""What `hipcli sheet` and `hipcli report` do below the command-line parsing: read, build, write."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

from hipcli.choices import Level, ReportFormat, SheetFormat, Side
from hipcli.errors import HipcliError

LEVEL_WORDS = {"easy": "the bottom", "normal": "the middle", "hard": "the top"}


def sheet_text(routine_name: str, *, fmt: SheetFormat, level: Optional[Level],
               affected: Optional[Side] = None) -> str:
    """The routine sheet, dosed from the history (or at `level`), as HTML or Markdown."""
    from hipcli.handouts.sheet import build_sheet, sheet_html, sheet_markdown
    from hipcli.history.feed import feed
    from hipcli.history.store import HistoryStore
    from hipcli.launch import prepare
    from hipcli.loading import load
    from hipcli.timeline import Options
    loaded = load(routine_name)
    with HistoryStore.existing() as store:
        plan, timeline = prepare(loaded, Options(affected=affected), level=level,
                                 history=feed(store))
    if level is not None:
        source = f"Doses at --level {level}: {LEVEL_WORDS[level]} of each exercise's range."
    elif any(d.previous is not None for d in plan.decisions.values()):
        source = "Doses: your current ones, earned from the sessions in your history."
    else:
        source = ("Doses: starting ones, at the bottom of each range; they rise as you "
                  "complete them.")
    sheet = build_sheet(loaded.routine, loaded.library, timeline, source)
    return sheet_html(sheet) if fmt == "html" else sheet_markdown(sheet)


def report_text(*, since: Optional[str], fmt: ReportFormat, today: date) -> str:
    """The progress report over the history (from `since` on) as HTML, Markdown or JSON."""
    import json
    from hipcli.handouts.report import build_report
    from hipcli.handouts.report_layout import report_html, report_json, report_markdown
    from hipcli.history.commands import parse_since
    from hipcli.history.store import HistoryStore
    with HistoryStore.existing() as store:
        report = build_report(store, since=parse_since(since), today=today)
    if fmt == "json":
        return json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n"
    return report_html(report) if fmt == "html" else report_markdown(report)


def write_output(text: str, path: Optional[Path]) -> Optional[Path]:
    """Write to `path` (whole or not at all), or return None so the caller prints it."""
    if path is None:
        return None
    from hipcli.files import replace_whole
    try:
        replace_whole(path, text.encode("utf-8"), make_folder=False)
    except OSError as exc:
        raise HipcliError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path

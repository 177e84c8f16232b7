"""History at any size: the table shows the last 50, csv and json give every session, streamed."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.history.store import HistoryStore, default_path

runner = CliRunner()


def sixty_sessions() -> None:
    """Sessions 1..60, one a day from 2026-01-01 (so 2026-03-01 is the 60th)."""
    from datetime import date, timedelta
    store = HistoryStore.open(default_path())
    for n in range(60):
        day = date(2026, 1, 1) + timedelta(days=n)
        store.begin_session(routine=f"r{n + 1}", title="R", started_at=f"{day}T08:00:00+00:00",
                            planned_seconds=60.0, level="easy")
    store.close()


def table_ids(output: str) -> list[int]:
    return [int(line.split()[0]) for line in output.splitlines()
            if line.split() and line.split()[0].isdigit()]


def test_the_table_shows_the_last_50_and_says_how_to_see_more():
    sixty_sessions()
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0, result.output
    assert table_ids(result.output) == list(range(11, 61))  # 60 - 50 = 10 left out
    assert "The last 50 sessions; --all shows every one" in result.output
    every = runner.invoke(app, ["history", "--all"]).output
    assert table_ids(every) == list(range(1, 61)) and "The last 50" not in every
    since = runner.invoke(app, ["history", "--since", "2026-02-25"]).output
    assert table_ids(since) == list(range(56, 61))  # Feb 25 is day 56 (31 + 25)


def test_csv_and_json_give_every_session():
    sixty_sessions()
    rows = runner.invoke(app, ["history", "--format", "csv"]).output.splitlines()
    assert len(rows) == 61  # a header and 60 sessions
    found = json.loads(runner.invoke(app, ["history", "--json"]).output)
    assert [s["id"] for s in found] == list(range(1, 61))


def test_no_note_when_everything_fits():
    HistoryStore.open(default_path()).begin_session(
        routine="r", title="R", started_at="2026-01-01T08:00:00+00:00", planned_seconds=1.0,
        level="easy")
    assert "--all" not in runner.invoke(app, ["history"]).output

"""Running the real command line on a set day, with sessions on a clock that never waits."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from hipcli.cli import app
from tests.conftest import FakeClock

runner = CliRunner()


class InstantClock(FakeClock):
    """Real speed as far as the session knows (it counts), but sleeping takes no time."""

    def __init__(self, speed: float = 1.0):
        super().__init__()
        self.speed = speed


@pytest.fixture
def cli(monkeypatch):
    """invoke(day, *args) -> stdout of `hipcli ARGS` run on that day; it must succeed."""
    monkeypatch.setattr("hipcli.clock.SystemClock", InstantClock)

    def invoke(day: date, *args: str) -> str:
        result = runner.invoke(app, list(args), env={"HIPCLI_TODAY": day.isoformat(),
                                                     "COLUMNS": "130"})
        assert result.exit_code == 0, (args, result.output, result.exception)
        return result.stdout
    return invoke


def first_due(text: str) -> tuple[str, str]:
    """(state, routine) of the first routine line of `today`."""
    line = next(line for line in text.splitlines() if line.startswith("  "))
    state, routine = line.split()[:2]
    return state, routine.rstrip(":")

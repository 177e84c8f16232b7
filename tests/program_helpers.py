"""Running the real command line on a set day, with sessions on a clock that never waits."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import FakeClock
from tests.entry import run_main


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
        result = run_main(*args, env={"HIPCLI_TODAY": day.isoformat(), "COLUMNS": "130"})
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result.stdout
    return invoke


def first_due(text: str) -> tuple[str, str]:
    """(state, routine) of the first routine line of `today`."""
    line = next(line for line in text.splitlines() if line.startswith("  "))
    state, routine = line.split()[:2]
    return state, routine.rstrip(":")

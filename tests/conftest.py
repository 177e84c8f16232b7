"""Shared fixtures: a hand-advanced clock, scripted key input, isolated user folders, and a
real sound server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import pytest
import typer.main
import typer.testing

from tests.soundfixtures import heard_by, server  # noqa: F401  (fixtures for real-sound tests)

ROOT = Path(__file__).resolve().parents[1]

# Byte-code is kept even where PYTHONDONTWRITEBYTECODE is set: without it each xdist worker
# rewrites and compiles every test module again (over a second of CPU each) and every child
# process compiles hipcli's modules anew, as an editable install has none from pip. The
# caches go in the __pycache__ folders git ignores.
sys.dont_write_bytecode = False


def _whole_app_built_once(build):
    """typer's `get_command`, keeping the click command it builds for hipcli's whole app.

    typer builds every option of every command each time an app is called: once per run of
    the program (which builds only the command it runs, see `hipcli.cli.app_for`), but
    hundreds of times in a test process, where it cost seconds. Any other app (`app_for`'s)
    is built afresh each time, as the program does.
    """
    built: list = []

    def get_command(typer_instance):
        cli = sys.modules.get("hipcli.cli")
        if cli is None or typer_instance is not cli.app:
            return build(typer_instance)
        if not built or built[0] is not typer_instance:
            built[:] = [typer_instance, build(typer_instance)]
        return built[1]
    return get_command


typer.main.get_command = typer.testing._get_command = _whole_app_built_once(typer.main.get_command)


class FakeClock:
    """A clock that only moves when told to; sleeping jumps straight to the deadline."""

    def __init__(self, start: float = 0.0):
        self.time = start
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep_until(self, deadline: float) -> None:
        self.sleeps.append(deadline)
        self.time = max(self.time, deadline)

    def real_seconds(self, session_seconds: float) -> float:
        return max(session_seconds, 0.0)

    def advance(self, seconds: float) -> None:
        self.time += seconds


class ScriptedKeys:
    """Commands pressed at given session times, as the run loop would receive them."""

    def __init__(self, presses: list[tuple[float, str]]):
        self.presses = sorted(presses)

    def wait(self, clock: FakeClock, deadline: Optional[float]) -> Optional[str]:
        if self.presses and (deadline is None or self.presses[0][0] <= deadline):
            at, command = self.presses.pop(0)
            clock.time = max(clock.time, at)
            return command
        if deadline is None:
            raise AssertionError("paused with no key left to press")
        clock.sleep_until(deadline)
        return None


class Recorder:
    """A listener that keeps every event."""

    def __init__(self):
        self.events = []

    def on_events(self, events, engine, now) -> None:
        self.events.extend(events)

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]


class FakePlayer:
    """A player that notes (sound name, clock time) for each sound instead of making it."""

    name = "fake"
    plays_pcm = True

    def __init__(self, clock: FakeClock, sounds: dict[str, bytes]):
        self.clock = clock
        self.names = {pcm: name for name, pcm in sounds.items()}
        self.played: list[tuple[object, float]] = []
        self.pcm: list[bytes] = []
        self.stopped: list[float] = []
        self.closed = False

    def play(self, pcm: bytes):
        self.played.append((self.names.get(pcm, "other"), self.clock.now()))
        self.pcm.append(pcm)
        player = self

        class Handle:
            def stop(self) -> None:
                player.stopped.append(player.clock.now())
        return Handle()

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path, monkeypatch):
    """Every test gets its own routines, data, cache and config folders, and no settings from
    the environment."""
    monkeypatch.setenv("HIPCLI_ROUTINES_DIR", str(tmp_path / "user-routines"))
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HIPCLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HIPCLI_CONFIG_DIR", str(tmp_path / "config"))
    from hipcli.config import KEYS
    for key in KEYS.values():  # settings of whoever runs the tests stay out of them
        monkeypatch.delenv(key.env, raising=False)
    return tmp_path


"""Fixtures for tests that play through a real sound server (imported by conftest.py).

Where the server cannot run such tests skip, unless HIPCLI_REQUIRE_AUDIO is set (CI), where
they fail instead.
"""

from __future__ import annotations

import pytest

from tests.soundserver import SoundServer, SoundServerMissing, audio_required


def unavailable(reason: str):
    if audio_required():
        pytest.fail(reason)
    pytest.skip(reason)


def needs(mode: str) -> None:
    """Skip (or, in CI, fail) a test of a player that is not installed."""
    if mode == "simpleaudio":
        try:
            import simpleaudio  # noqa: F401
        except ImportError:
            unavailable("simpleaudio is not installed (pip install '.[simpleaudio]')")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    found = SoundServer(tmp_path_factory.mktemp("sound"))
    try:
        found.start()
    except SoundServerMissing as exc:
        unavailable(f"no sound server: {exc}")
    yield found
    found.stop()


@pytest.fixture
def heard_by(server, monkeypatch):
    """Point this process (and children) at the test server."""
    for key, value in server.env.items():
        monkeypatch.setenv(key, value)
    return server

"""hipcli in a Python without POSIX terminal modules, as on Windows: every command still works.

tests/noposix/sitecustomize.py, put on PYTHONPATH, makes importing termios, tty, fcntl and pty
raise ImportError and logs each attempt with the module that made it. hipcli's listings,
`show`, `history` and `start --plain` must not even try (the standard library's own optional
attempts, such as subprocess looking for fcntl, are its business); the live view tries the POSIX key reader, runs without keys, says so in its
footer, and ends cleanly.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bigdigits import read_big
from tests.test_live_terminal import ROUTINE, Terminal, term  # noqa: F401  (term is a fixture)

BLOCKER = Path(__file__).resolve().parent / "noposix"


def no_posix_env(log: Path) -> dict[str, str]:
    return {"PYTHONPATH": str(BLOCKER), "NOPOSIX_LOG": str(log)}


def hipcli_tried(log: Path) -> list[str]:
    """What hipcli's own modules tried to import from the blocked ones, as "module importer"."""
    if not log.exists():
        return []
    return [line for line in log.read_text().splitlines() if line.split()[1].startswith("hipcli")]


def run(args: list[str], log: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **no_posix_env(log), "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "hipcli", *args], capture_output=True,
                          text=True, env=env, timeout=60)


def test_the_blocker_really_blocks(tmp_path):
    log = tmp_path / "tried"
    env = {**os.environ, **no_posix_env(log)}
    for module in ("termios", "tty", "fcntl", "pty"):
        result = subprocess.run([sys.executable, "-c", f"import {module}"], env=env,
                                capture_output=True, text=True)
        assert result.returncode == 1 and "ImportError" in result.stderr
    assert [line.split()[0] for line in log.read_text().splitlines()] == \
        ["termios", "tty", "fcntl", "pty"]


@pytest.mark.parametrize("args,shows", [
    (["exercises"], "clamshell"),
    (["routines"], "desk-break"),
    (["show", "desk-break"], "Seated leg opener"),
    (["start", "desk-break", "--plain", "--speed", "1000", "--audio", "off"],
     "Desk break: finished"),
])
def test_commands_work_without_importing_anything_posix_only(tmp_path, args, shows):
    log = tmp_path / "tried"
    result = run(args, log)
    assert result.returncode == 0, result.stderr
    assert shows in result.stdout
    assert "Traceback" not in result.stderr
    assert hipcli_tried(log) == []


def test_history_lists_a_session_run_without_posix_modules(tmp_path):
    log = tmp_path / "tried"
    assert run(["start", "desk-break", "--plain", "--speed", "1000", "--audio", "off"],
               log).returncode == 0
    result = run(["history"], log)
    assert result.returncode == 0, result.stderr
    assert "desk-break" in result.stdout and "finished" in result.stdout
    assert hipcli_tried(log) == []


@pytest.mark.terminal  # tmux, and the session on the real clock
def test_live_view_runs_without_keys_and_says_so(term, tmp_path):
    log = tmp_path / "tried"
    term.start("--speed", "4", env=no_posix_env(log))
    screen = term.shows("HOLD · LEFT", "keys off here")
    assert read_big(screen) is not None  # the countdown is drawn as usual
    assert "space pause" not in screen  # no legend promising keys that do nothing
    term.keys("C-c")  # Ctrl-C needs no key reader
    assert term.exit_code() == 130
    term.assert_restored()
    after = term.shows("Live check: stopped early")
    assert "Traceback" not in after
    assert hipcli_tried(log) == ["termios hipcli.ui.keys_posix"]  # only the live view's reader


@pytest.mark.terminal
def test_live_view_without_keys_finishes_a_session(term, tmp_path):
    term.start("--hold", "2", "--speed", "10", env=no_posix_env(tmp_path / "tried"))
    assert term.exit_code() == 0
    term.shows("Live check: finished")

"""`hipcli start --plain` end to end: the real command, the real clock (sped up), real pipes."""

import io
import os
import signal
import subprocess
import sys

import pytest

from hipcli.engine import Engine
from hipcli.loading import load
from hipcli.session import run_session
from hipcli.timeline import compile_timeline
from hipcli.ui.plain import PlainOutput
from tests.conftest import FakeClock
from tests.processes import default_sigint

pytestmark = pytest.mark.terminal  # real `start` runs, on the real clock
HIPCLI = [sys.executable, "-m", "hipcli"]

def planned_lines(name: str) -> list[str]:
    """The same timeline run on a hand-advanced clock: a check of timing, not of wording."""
    out = io.StringIO()
    loaded = load(name)
    timeline = compile_timeline(loaded.routine, loaded.library)
    run_session(Engine(timeline), FakeClock(), [PlainOutput(out)])
    return out.getvalue().splitlines()


def test_plain_run_prints_every_planned_event_in_order():
    result = subprocess.run(HIPCLI + ["start", "external-rotation", "--plain", "--speed", "1000",
                                      "--level", "normal"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:-1] == planned_lines("external-rotation")
    assert lines[0].startswith("00:00  start  External rotation  11 min")
    assert "00:05  left  90/90 ER stretch  hold 45 s" in lines
    # each get-ready names the leg a side means and gives the set-up, and any safety note
    assert lines[1:3] == [
        "00:00  get ready  left (front leg)  90/90 ER stretch",
        "00:00  set-up: Sit with both knees bent to right angles, one leg in front and one behind."]
    kinetic = lines.index(next(line for line in lines if "get ready  left (front leg)  90/90 ER "
                                                           "kinetic stretch" in line))
    assert lines[kinetic + 1].endswith(
        "set-up: Sit in 90/90 with the front leg turned out and the back leg turned in.  "
        "safety: It should feel like steady muscle work; stop if you feel a sharp pain.")
    assert lines[-1].startswith("External rotation: finished after 11 min")


def test_piped_output_is_plain_without_the_flag():
    shell = f"{sys.executable} -m hipcli start er-stretches --speed 1000 --level normal | cat"
    result = subprocess.run(shell, shell=True, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.splitlines()[:-1] == planned_lines("er-stretches")
    assert "\x1b[" not in result.stdout


def test_ctrl_c_ends_cleanly_with_130_and_a_summary(tmp_path):
    proc = subprocess.Popen(HIPCLI + ["start", "external-rotation", "--plain", "--speed", "20"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=default_sigint)
    line = proc.stdout.readline()
    while line and "  hold " not in line:
        line = proc.stdout.readline()
    assert "90/90 ER stretch  hold" in line
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=20)
    assert proc.returncode == 130
    assert "Traceback" not in err
    lines = rest.splitlines()
    assert lines[-2].endswith("90/90 ER stretch  quit")
    assert "stopped early" in lines[-1]


def test_sigterm_exits_143():
    proc = subprocess.Popen(HIPCLI + ["start", "external-rotation", "--plain"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.readline()
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 143, err
    assert "stopped early" in out and "Traceback" not in err


def test_bad_option_values_are_one_line_errors():
    result = subprocess.run(HIPCLI + ["start", "external-rotation", "--level", "extreme"],
                            capture_output=True, text=True, timeout=30, env={**os.environ})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "hipcli: --level 'extreme' is not one of easy, normal, hard"]

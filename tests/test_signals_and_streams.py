"""The terminal and the standard streams under faults: full disk, closed or broken output, an
ASCII-only locale, a dumb terminal, Ctrl-\\, Ctrl-Z then kill, a second kill, Ctrl-C at once.

Everything runs the real command: a subprocess for the streams, a tmux pane for the terminal.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.processes import OnTerminal
from tests.test_live_terminal import ROUTINE, Terminal

HIPCLI = [sys.executable, "-m", "hipcli"]
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
pytestmark = pytest.mark.terminal  # the real `start` (or the program itself) end to end


def env(**extra: str) -> dict:
    return {**os.environ, "PYTHONWARNINGS": "ignore", "COLUMNS": "100", **extra}


def routine(folder: Path, hold: str = "60s") -> Path:
    path = folder / "live-check.yaml"
    path.write_text(ROUTINE.replace("hold: 60s", f"hold: {hold}"))
    return path


# -- output faults --------------------------------------------------------------------------
def test_a_full_disk_is_one_line_and_exit_74(tmp_path):
    with open("/dev/full", "w") as full:
        result = subprocess.run([*HIPCLI, "start", str(routine(tmp_path, "3s")), "--plain",
                                 "--audio", "off", "--speed", "20"], stdout=full,
                                stderr=subprocess.PIPE, text=True, env=env(), timeout=60)
    assert result.returncode == 74
    assert result.stderr == "hipcli: cannot write the output: No space left on device\n"


def test_a_closed_stdout_is_one_line_and_exit_74(tmp_path):
    result = subprocess.run([*HIPCLI, "exercise", "clamshell"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env(), timeout=60,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 74
    assert result.stderr == "hipcli: standard output is closed (nothing can be shown)\n"


def test_a_reader_that_goes_away_is_one_line_and_exit_74(tmp_path):
    # 32 minutes of a routine at 1000x prints hundreds of lines; `head -1` reads one.
    command = " ".join([*HIPCLI, "start", "hip-strength", "--plain", "--audio", "off",
                        "--speed", "1000"])
    result = subprocess.run(["bash", "-c", f"{command} | head -1; echo ${{PIPESTATUS[0]}} >&2"],
                            capture_output=True, text=True, env=env(), timeout=120)
    assert result.stdout.startswith("00:00  start  Hip strength")
    # A reader that goes away (`| head`) is no error: quiet, as Unix tools are, with 74.
    assert result.stderr == "74\n"


@pytest.mark.parametrize("args", [("exercise", "clamshell"), ("measure", "--history"),
                                  ("stats",)])
def test_an_ascii_only_stream_gets_ascii_stand_ins(tmp_path, args):
    data = {"HIPCLI_DATA_DIR": str(tmp_path / "data")}
    subprocess.run([*HIPCLI, "measure", "--left-er", "40", "--left-ir", "30", "--right-er",
                    "45", "--right-ir", "35"], capture_output=True, env=env(**data), check=True)
    subprocess.run([*HIPCLI, "start", str(routine(tmp_path, "3s")), "--plain", "--audio", "off",
                    "--speed", "20"], capture_output=True, env=env(**data), check=True)
    result = subprocess.run([*HIPCLI, *args], capture_output=True, env=env(
        PYTHONIOENCODING="ascii", **data), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    result.stdout.decode("ascii")  # every byte ASCII
    if args[0] == "measure":
        # 40 of 90 degrees on 30 cells: 13 3/8 cells, so 13 full and one partial, each "#",
        # then the 45-degree mark "|" in cell 16; 45 degrees fills exactly 15 cells.
        assert b"left   ############## |" in result.stdout
        assert b"right  ###############|" in result.stdout and b"45 deg" in result.stdout
    if args[0] == "stats":  # one session this week: the longest bar, 30 cells
        assert b"#" * 30 in result.stdout
    if args[0] == "exercise":
        assert b"strength . side-lying" in result.stdout


# -- the terminal ---------------------------------------------------------------------------
@pytest.fixture
def term(tmp_path):
    terminal = Terminal(tmp_path)
    yield terminal
    subprocess.run(["tmux", "-S", str(terminal.socket), "kill-server"], capture_output=True)


@needs_tmux
def test_ctrl_backslash_restores_the_terminal_like_sigterm(term):
    term.start("--audio", "off")
    term.shows("HOLD · LEFT")
    term.keys("C-\\")
    assert term.exit_code() == 131  # 128 + SIGQUIT (3)
    term.assert_restored()
    screen = term.shows("Live check: stopped early")
    assert "Traceback" not in screen and "core dumped" not in screen


def in_pane(term: Terminal, settings: str, *options: str) -> None:
    """hipcli in the pane with some environment settings; the exit code shown after it."""
    command = " ".join([settings, *HIPCLI, "start", str(routine(term.folder, "3s")),
                        "--audio", "off", *options])
    term.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "live",
              f"bash --norc --noprofile -c '{command}; echo code=$?; exec sleep 60'")


@needs_tmux
def test_term_dumb_gets_the_plain_view(term):
    in_pane(term, "TERM=dumb", "--speed", "3")
    screen = term.shows("code=0")  # before: the live view, which a dumb terminal never shows
    assert "00:00  start  Live check" in screen and "done  Live check" in screen


@needs_tmux
def test_the_live_view_on_an_ascii_terminal_draws_in_ascii(term):
    in_pane(term, "PYTHONIOENCODING=ascii")
    screen = term.shows("HOLD . LEFT")  # before: an encoding error and a traceback
    assert "·" not in screen and "█" not in screen
    term.keys("q", "y")
    screen = term.shows("code=130")
    assert "Live check: stopped early" in screen and "Traceback" not in screen


@needs_tmux
def test_ctrl_z_then_kill_ends_at_once_with_143(term):
    """With job control, as a user has it: Ctrl-Z stops hipcli, `kill %1` ends it."""
    path = routine(term.folder)
    term.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "live",
              "env PS1='$ ' bash --norc --noprofile -i")
    term.shows("$")
    term.keys(" ".join([*HIPCLI, "start", str(path), "--audio", "off"]), "Enter")
    term.shows("HOLD · LEFT")
    term.keys("C-z")
    term.shows("Stopped")
    term.keys("kill %1", "Enter")  # bash sends SIGTERM, then SIGCONT to the stopped job
    deadline = time.monotonic() + 15
    while "Exit 143" not in term.screen():  # bash reports the job's end at its next prompt
        assert time.monotonic() < deadline, term.screen()  # before: "Stopped (tty output)"
        term.keys("Enter")
        time.sleep(0.2)
    screen = term.screen()
    assert "Live check: stopped early" in screen
    assert term.pane("alternate_on") == "0" and term.pane("cursor_flag") == "1"


def test_a_second_sigterm_still_gets_the_summary(tmp_path):
    for gap in (0.0, 0.001, 0.01):
        process = subprocess.Popen([*HIPCLI, "start", str(routine(tmp_path)), "--plain",
                                    "--audio", "off"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=env(
                                       HIPCLI_DATA_DIR=str(tmp_path / "data")))
        assert process.stdout.readline().startswith("00:00  start")
        process.send_signal(signal.SIGTERM)
        time.sleep(gap)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
        assert process.returncode == 143, (gap, err)
        assert "Live check: stopped early" in out, (gap, out, err)


def test_ctrl_c_while_loading_prints_no_traceback(tmp_path):
    """A real SIGINT a few milliseconds into the program, while typer, rich and pydantic load."""
    for delay in (0.001, 0.005, 0.01, 0.02, 0.04, 0.08, 0.15):
        script = ("import os, signal, sys\n"
                  "from hipcli.entry import main\n"
                  "signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), signal.SIGINT))\n"
                  "sys.argv = ['hipcli', 'show', 'external-rotation']\n"
                  f"signal.setitimer(signal.ITIMER_REAL, {delay})\n"
                  "try:\n"
                  "    main()\n"
                  "finally:\n"  # a run over before the alarm: the alarm would kill the exit
                  "    signal.setitimer(signal.ITIMER_REAL, 0)\n")
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                env=env(), timeout=30)
        assert "Traceback" not in result.stderr, (delay, result.stderr)
        assert result.returncode in (0, 130), (delay, result.returncode, result.stderr)


def test_ctrl_c_at_the_measure_prompt_is_130_without_aborted(tmp_path):
    """The prompt asks only on a terminal, so it runs on a pseudo-terminal of its own."""
    measure = OnTerminal(["measure"], env=env(HIPCLI_DATA_DIR=str(tmp_path / "data")))
    measure.read_until("Left ER")
    measure.reading()
    measure.type("\x03")  # Ctrl-C typed at the terminal
    code, seen = measure.finish()
    assert code == 130
    assert "Aborted" not in seen and "Traceback" not in seen
    assert not (tmp_path / "data" / "history.sqlite3").exists()

"""The clock never waits on the disk: a history database held by another process for 20 s.

A real second process takes the database's write lock (`BEGIN EXCLUSIVE`) and keeps it while
`hipcli start --plain` runs a 30-second routine at real speed. Every line must come out within
100 ms of its scheduled time, the user is told once, and when the lock is let go the whole
session is written: it is in `hipcli history` afterwards. Also: records still unwritten when a
session ends are kept in a journal beside the database and added by the next run.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hipcli.history.store import HistoryStore

HIPCLI = [sys.executable, "-m", "hipcli"]
# 2 s to get ready, 12 s hold on the left, 2 s to switch, 12 s on the right, 2 s rest: 30 s.
ROUTINE = """\
name: thirty
title: Thirty seconds
prepare: 2
switch: 2
blocks:
  - exercise:
      id: steady-hold
      name: Steady hold
      kind: stretch
      position: seated
      dose: {hold: 12s, per_side: true}
    sides: both
  - rest: 2s
"""
HOLDER = """\
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
print("released", flush=True)
"""
LATE = 0.100
pytestmark = pytest.mark.terminal  # the real `start` on the real clock


def env(data: Path) -> dict:
    return {**os.environ, "PYTHONWARNINGS": "ignore", "HIPCLI_DATA_DIR": str(data)}


def hold_lock(database: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(database), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "locked\n"
    return holder


def timed_lines(process: subprocess.Popen) -> list[tuple[float, str]]:
    """Each stdout line with the moment it arrived."""
    lines = []
    for line in process.stdout:
        lines.append((time.monotonic(), line.rstrip("\n")))
    return lines


def elapsed_of(line: str) -> int:
    minutes, seconds = line[:5].split(":")
    return int(minutes) * 60 + int(seconds)


def test_a_locked_history_delays_nothing_and_loses_nothing(tmp_path):
    data = tmp_path / "data"
    HistoryStore.open(data / "history.sqlite3").close()
    routine = tmp_path / "thirty.yaml"
    routine.write_text(ROUTINE)
    holder = hold_lock(data / "history.sqlite3", 20.0)
    launched = time.monotonic()
    session = subprocess.Popen([*HIPCLI, "start", str(routine), "--plain", "--audio", "off"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env(data))
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(session.stderr))
    reader.start()
    lines = timed_lines(session)
    assert session.wait(timeout=60) == 0
    reader.join()
    holder.wait(timeout=30)

    events = [(at, text) for at, text in lines if text[:2].isdigit() and text[2] == ":"]
    assert events[0][1] == "00:00  start  Thirty seconds  30 s"
    assert events[0][0] - launched < 5.0  # before: nothing for 15 s, then a burst
    start = events[0][0]
    late = [(text, round(at - start - elapsed_of(text), 3)) for at, text in events
            if abs(at - start - elapsed_of(text)) > LATE]
    assert not late, late
    assert events[-1][1] == "00:30  done  Thirty seconds"
    # Every line was checked: start, get ready, 1; left hold, halfway, 3, 2, 1; switch, 1;
    # right hold, halfway, 3, 2, 1; rest, 1; done: 18 lines.
    assert len(events) == 18
    told = [line for line in errors if "locked by another program" in line]
    assert len(told) == 1, errors  # told once, not once per step

    shown = subprocess.run([*HIPCLI, "history", "--json"], capture_output=True, text=True,
                           env=env(data), check=True)
    recorded = json.loads(shown.stdout)
    assert [(s["routine"], s["status"], s["steps_done"]) for s in recorded] == \
        [("thirty", "finished", 2)]  # before: partial 00:02, 0 done, or nothing


def start_while_locked(tmp_path: Path, *options: str) -> subprocess.CompletedProcess:
    """A sped-up session of the 30-second routine while another process holds the lock."""
    data = tmp_path / "data"
    HistoryStore.open(data / "history.sqlite3").close()
    routine = tmp_path / "thirty.yaml"
    routine.write_text(ROUTINE)
    holder = hold_lock(data / "history.sqlite3", 30.0)
    try:
        result = subprocess.run([*HIPCLI, "start", str(routine), "--plain", "--audio", "off",
                                 "--speed", "10", *options], capture_output=True, text=True,
                                env=env(data), timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 0, result.stderr
    return result


def merge_by_measuring(data: Path) -> None:
    """The next run that writes the history (here: the self-test) adds what was kept first."""
    subprocess.run([*HIPCLI, "measure", "--left-er", "40", "--left-ir", "30", "--right-er",
                    "45", "--right-ir", "35"], capture_output=True, env=env(data), check=True)


def test_records_unwritten_at_the_end_are_kept_and_added_next_time(tmp_path):
    data = tmp_path / "data"
    result = start_while_locked(tmp_path)
    journal = data / "history-unsaved.jsonl"
    assert journal.is_file()
    assert f"kept in {journal}" in result.stderr
    db = sqlite3.connect(data / "history.sqlite3")  # a plain look, which merges nothing
    assert db.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
    db.close()

    merge_by_measuring(data)
    assert not journal.exists()
    sessions = HistoryStore.open(data / "history.sqlite3").sessions()
    assert [(s.routine, s.status, s.done) for s in sessions] == [("thirty", "finished", 2)]


def test_a_check_in_after_a_journalled_session_joins_it_next_time(tmp_path):
    data = tmp_path / "data"
    result = start_while_locked(tmp_path, "--pain", "3", "--effort", "hard")
    assert result.stdout.endswith("Check-in kept with the session, for the history next time: "
                                  "pain 3/10, effort hard.\n")  # before: nothing, and lost
    merge_by_measuring(data)
    db = sqlite3.connect(data / "history.sqlite3")
    [(session,)] = db.execute("SELECT id FROM sessions").fetchall()
    assert db.execute("SELECT session_id, pain, effort FROM checkins").fetchall() == \
        [(session, 3, "hard")]
    db.close()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_ctrl_c_in_the_live_view_is_prompt_while_the_history_is_locked(tmp_path):
    from tests.test_live_terminal import Terminal
    data = Path(os.environ["HIPCLI_DATA_DIR"])  # tmp_path/data; the pane's shell inherits it
    HistoryStore.open(data / "history.sqlite3").close()
    holder = hold_lock(data / "history.sqlite3", 30.0)
    term = Terminal(tmp_path)
    try:
        term.start("--audio", "off")
        term.shows("HOLD · LEFT")
        pressed = time.monotonic()
        term.keys("C-c")
        assert term.exit_code() == 130
        assert time.monotonic() - pressed < 2.0  # before: 12.9 s
        term.assert_restored()
        term.shows("Live check: stopped early")  # not kept: no exercise step had ended
    finally:
        holder.kill()
        holder.wait()
        subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], capture_output=True)

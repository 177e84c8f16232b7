"""The real `hipcli start` writing the real history: killed, interrupted, concurrent, damaged."""

import json
import signal
import sqlite3
import subprocess
import sys

import pytest

from hipcli.history.store import default_path
from tests.history_helpers import write_routine
from tests.processes import default_sigint

pytestmark = pytest.mark.terminal  # real `start` runs, on the real clock
HIPCLI = [sys.executable, "-m", "hipcli"]


@pytest.fixture
def tiny(tmp_path):
    return str(write_routine(tmp_path / "routines"))


def hipcli(*args):
    result = subprocess.run(HIPCLI + list(args), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def start(routine, speed="20"):
    return subprocess.Popen(HIPCLI + ["start", routine, "--plain", "--speed", speed],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=default_sigint)


def read_until(proc, text):
    """Lines printed so far, reading until one contains `text` (the product's own progress)."""
    lines = []
    while not lines or text not in lines[-1]:
        line = proc.stdout.readline()
        assert line, f"ended before {text!r}: {lines}"
        lines.append(line)
    return lines


def test_a_session_killed_with_sigkill_keeps_its_finished_steps(tiny):
    proc = start(tiny, speed="8")  # a first session: every dose at the bottom, 28 s in all
    read_until(proc, "switch sides  right  Tiny hold")  # the left hold has ended
    assert hipcli("history").splitlines()[1].split()[6] == "running"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    [session] = json.loads(hipcli("history", "--json"))
    assert session["status"] == "partial" and session["routine"] == "tiny"
    done = [(s["exercise"], s["side"], s["set"]) for s in session["steps"] if not s["skipped"]]
    assert done[:1] == [("tiny-hold", "left", 1)]
    assert len(done) < 4 and session["duration_seconds"] >= 11.0
    row = hipcli("history").splitlines()[1].split()
    assert (row[3], row[5], row[6]) == ("tiny", "00:28", "partial")


def test_finished_once_and_quit_once_both_show_and_count(tiny):
    finished = hipcli("start", tiny, "--plain", "--speed", "40")
    assert finished.splitlines()[-1] == ("Tiny routine: finished after 28 s; "
                                         "4 exercise steps done, 0 skipped")
    proc = start(tiny)
    read_until(proc, "left  Tiny hold  hold 10 s")  # still the bottom: one session so far
    read_until(proc, "right  Tiny hold  hold 10 s")  # the left hold has ended: it counts
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130 and "Traceback" not in err
    assert "stopped early" in out.splitlines()[-1]
    rows = [line.split() for line in hipcli("history").splitlines()[1:]]
    assert [(r[0], r[3], r[6]) for r in rows] == [("1", "tiny", "finished"), ("2", "tiny", "partial")]
    assert rows[0][7:] == ["4", "0"]
    stats = hipcli("stats").splitlines()
    assert stats[0].startswith("Sessions: 2 (1 finished, 1 partial), ")
    assert stats[2] == "Per routine: tiny 2"
    assert stats[1] == "Streak: 1 day now, longest 1 day"


def test_two_sessions_at_once_corrupt_nothing(tiny):
    procs = [subprocess.Popen(HIPCLI + ["start", tiny, "--plain", "--speed", "40", "--level",
                                        "normal"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    sessions = json.loads(hipcli("history", "--json"))
    assert [(s["status"], s["steps_done"], len(s["steps"])) for s in sessions] == \
        [("finished", 6, 6), ("finished", 6, 6)]
    db = sqlite3.connect(default_path())
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("SELECT COUNT(*) FROM steps").fetchone() == (2 * 12,)


def test_a_damaged_database_stops_start_and_is_left_as_it_was(tiny):
    path = default_path()
    path.parent.mkdir(parents=True)
    garbage = b"not a database, just some bytes " * 300
    path.write_bytes(garbage)
    for args in (["start", tiny, "--plain", "--speed", "40"], ["history"], ["stats"],
                 ["measure", "--history"], ["show", tiny]):
        result = subprocess.run(HIPCLI + args, capture_output=True, text=True, timeout=60)
        assert result.returncode == 1, args
        assert result.stderr.splitlines() == [
            f"hipcli: the history database {path} cannot be read (file is not a database); "
            "it was left untouched: move it aside to start a new history"]
        assert "start" not in result.stdout
    assert path.read_bytes() == garbage


def test_previews_raise_nothing_and_a_check_in_is_kept_and_exported(tiny):
    for _ in range(2):
        hipcli("start", tiny, "--plain", "--speed", "200")
    result = subprocess.run(HIPCLI + ["start", tiny, "--plain", "--speed", "200", "--pain", "3",
                                      "--effort", "hard"], capture_output=True, text=True,
                            timeout=60)
    third = result.stdout.splitlines()
    assert third[0].startswith("00:00  start  Tiny routine")  # no "Up a notch" line first
    assert third[-1] == "Check-in kept: pain 3/10, effort hard."
    exported = json.loads(hipcli("history", "--json"))
    assert [s.get("checkin") for s in exported] == [None, None, {"pain": 3, "effort": "hard"}]

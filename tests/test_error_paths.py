"""Errors users meet outside the routine format, through the real command: exact line, exit code.

Permission cases run the command as a child without root's power to read and write anything
(`setpriv` drops it), so they mean the same as root as for anyone else.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hipcli.cli import app
from tests.entry import run_main
from tests.history_helpers import write_routine

HIPCLI = [sys.executable, "-m", "hipcli"]
runner = CliRunner()


def as_a_user() -> list[str]:
    """A prefix that runs a command without root's override of file permissions."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv to drop the permission override")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def hipcli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(as_a_user() + HIPCLI + list(args), capture_output=True, text=True,
                          timeout=60, cwd=cwd)


def test_an_unwritable_history_folder_stops_start_before_the_session(tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(folder))
    result = hipcli("start", "desk-break", "--plain", "--speed", "1000", "--audio", "off")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"hipcli: cannot write in the history folder {folder}: permission denied"]
    assert list(folder.iterdir()) == []


def test_a_history_folder_that_cannot_be_created(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(tmp_path / "a-file" / "data"))
    result = run_main("start", "desk-break", "--plain", "--audio", "off")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"hipcli: cannot create the history folder {tmp_path / 'a-file' / 'data'}: "
        "Not a directory"]


def test_an_unreadable_routine_file(tmp_path):
    path = write_routine(tmp_path)
    path.chmod(0o200)
    for command in (["validate", str(path)], ["start", str(path), "--plain", "--audio", "off"],
                    ["show", str(path)]):
        result = hipcli(*command)
        prefix = "" if command[0] == "validate" else "hipcli: "
        assert (result.returncode, result.stdout) == (2, ""), command
        assert result.stderr.splitlines() == [
            f"{prefix}{path}:1:1: permission denied (expected a readable file)"], command


@pytest.mark.parametrize("text", ["# only a comment\n", "# one\n\n   # two\n"])
def test_a_routine_that_is_only_comments(tmp_path, text):
    path = tmp_path / "notes.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"{path}:1:1: the file holds only comments (expected a YAML mapping)\n"
    started = run_main("start", str(path), "--plain", "--audio", "off")
    assert started.returncode == 2 and started.stdout == ""
    assert started.stderr == (f"hipcli: {path}:1:1: the file holds only comments "
                              "(expected a YAML mapping)\n")


LIBRARY = """\
exercises:
  - id: slow-stretch
    name: Slow stretch
    kind: stretch
    position: seated
    steps: [Sit tall., Lean in., Breathe.]
    cues: [Stay tall., Breathe out.]
    dose: {hold: 30s}
  - id: slow-stretch
    name: Slow lift
    kind: strength
    position: seated
    steps: [Sit tall., Lift., Lower.]
    cues: [Slowly., Breathe.]
    dose: {reps: 10}
"""


def test_a_duplicate_id_in_an_exercise_library(tmp_path):
    path = tmp_path / "lib.yaml"
    path.write_text(LIBRARY)
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    # the second "slow-stretch" is on line 9, after "  - id: " (8 characters): column 9
    assert result.stderr == f"{path}:9:9: duplicate exercise id 'slow-stretch'\n"


def test_a_missing_key_in_a_library_item_points_at_that_item(tmp_path):
    path = tmp_path / "lib.yaml"
    path.write_text(LIBRARY.replace("id: slow-stretch\n    name: Slow lift\n    kind: strength\n",
                                    "id: slow-lift\n    name: Slow lift\n"))
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    # the second item's mapping starts at line 9, column 5 (after "  - ")
    assert result.stderr == f"{path}:9:5: missing key 'kind' (it is required)\n"


def test_measure_history_with_nothing_recorded(tmp_path, monkeypatch):
    data = tmp_path / "fresh"
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(data))
    result = runner.invoke(app, ["measure", "--history"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "No measurements yet: run `hipcli measure` to take the test.\n", "")
    assert json.loads(runner.invoke(app, ["measure", "--history", "--json"]).stdout) == []
    assert not data.exists()  # looking creates nothing


def read_until(proc: subprocess.Popen, text: str) -> list[str]:
    lines = []
    while True:
        line = proc.stdout.readline()
        assert line, f"ended before {text!r}: {lines}"
        lines.append(line)
        if text in line:
            return lines


@pytest.mark.terminal  # the real `start`, 1.4 s on the real clock
def test_a_database_busy_mid_session_delays_no_step_and_loses_none(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(data))
    routine = write_routine(tmp_path / "routines")
    # 28 s of session at 20x: about 1.4 s
    proc = subprocess.Popen(HIPCLI + ["start", str(routine), "--plain", "--speed", "20",
                                      "--audio", "off"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    read_until(proc, "left  Tiny hold  hold 10 s")
    other = sqlite3.connect(data / "history.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock...
    later = read_until(proc, "right  Tiny hold  hold 10 s")  # ...across three step ends
    other.execute("ROLLBACK")
    other.close()
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    # The writer thread says so once (if the lock outlasted its short wait), and at the end
    # that everything was written after all.
    told = err.splitlines()
    assert told == [] or told[1:] == ["hipcli: the history database was busy for a while; "
                                      "everything was written in the end"], told
    assert not told or "is locked by another program; the session goes on" in told[0]
    assert later[-1].startswith("00:12  ")  # on time: 1 s get ready, 10 s hold, 1 s switch
    assert out.splitlines()[-1] == ("Tiny routine: finished after 28 s; "
                                    "4 exercise steps done, 0 skipped")
    [session] = json.loads(runner.invoke(app, ["history", "--format", "json"]).stdout)
    assert session["status"] == "finished"
    # the first session is at the bottom of each range: one 10 s hold and 2 reps a side
    assert [(s["exercise"], s["side"], s["seconds"], s["skipped"]) for s in session["steps"]] == [
        ("tiny-hold", "left", 10, False), ("tiny-hold", "right", 10, False),
        ("tiny-lift", "left", 2, False), ("tiny-lift", "right", 2, False)]

"""File and database faults, each one line that names the path and the cause; rows and counts
that cannot lie.

Read-only folders and full disks are real: a tmpfs mounted in a private mount namespace
(`unshare -m`, needs root), which vanishes with the process. Tests that need it skip, saying
why, where that is not allowed.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from hipcli.engine import Engine
from hipcli.history.measure import readings
from hipcli.history.store import HistoryStore
from hipcli.session import run_session
from hipcli.timeline import Options
from tests.conftest import FakeClock, ScriptedKeys
from tests.entry import run_main
from tests.examples import examples
from tests.history_helpers import TINY, run_recorded, write_routine

HIPCLI = [sys.executable, "-m", "hipcli"]
MEASURE = ["measure", "--left-er", "40", "--left-ir", "30", "--right-er", "45", "--right-ir", "35"]


def hipcli(*args: str, **env: str) -> subprocess.CompletedProcess:
    """The command in this process (the mounts below need child processes)."""
    return run_main(*args, env={"COLUMNS": "120", **env})


def one_line(result: subprocess.CompletedProcess, code: int, *words: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt"],
                           capture_output=True)
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs root and mount namespaces")


def in_mount(folder: Path, setup: str, then: str, *, size: str = "4m") -> subprocess.CompletedProcess:
    """Run `setup` then `then` (shell) with a fresh tmpfs on `folder`, in a private namespace."""
    folder.mkdir(parents=True, exist_ok=True)
    script = f"mount -t tmpfs -o size={size} none {shlex.quote(str(folder))} && {setup} && {then}"
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def shell(*args: str) -> str:
    return " ".join(shlex.quote(a) for a in [*HIPCLI, *args])


# -- hipcli new -----------------------------------------------------------------------------
@needs_mount
def test_new_into_a_read_only_folder(tmp_path):
    folder = tmp_path / "mnt"
    result = in_mount(folder, f"mount -o remount,ro {folder}",
                      f"HIPCLI_ROUTINES_DIR={folder} {shell('new', 'my-hips')}")
    one_line(result, 2, f"cannot write {folder}/my-hips.yaml", "Read-only file system")


def test_new_into_a_link_to_nowhere_and_onto_a_file(tmp_path):
    (tmp_path / "link").symlink_to(tmp_path / "gone")
    one_line(hipcli("new", "my-hips", HIPCLI_ROUTINES_DIR=str(tmp_path / "link")), 2,
             f"{tmp_path}/link is a symbolic link to {tmp_path}/gone, which does not exist")
    (tmp_path / "file").write_text("")
    one_line(hipcli("new", "my-hips", HIPCLI_ROUTINES_DIR=str(tmp_path / "file")), 2,
             f"{tmp_path}/file is not a folder")


def test_new_into_a_missing_folder_makes_it(tmp_path):
    result = hipcli("new", "my-hips", HIPCLI_ROUTINES_DIR=str(tmp_path / "a" / "b"))
    assert result.returncode == 0 and (tmp_path / "a" / "b" / "my-hips.yaml").is_file()


@pytest.mark.parametrize("name,words", [
    ("a" * 303, ["at most 60 characters", "303"]),  # before: ENAMETOOLONG traceback
    ("exercises", ["exercise library"]),  # before: a routine that could never start
])
def test_new_refuses_names_that_cannot_work(tmp_path, name, words):
    one_line(hipcli("new", name, HIPCLI_ROUTINES_DIR=str(tmp_path)), 2, *words)
    assert list(tmp_path.iterdir()) == []


def test_a_100_kb_routine_name_is_one_short_line(tmp_path):
    line = one_line(hipcli("start", "a" * 100_000, "--plain"), 2, "no routine", "100,000 characters")
    assert len(line) < 300


@pytest.mark.parametrize("command", [["history"], ["stats"], ["start", "desk-break", "--plain"],
                                     MEASURE])
def test_a_6000_character_data_folder_is_one_short_line(tmp_path, command):
    data = str(tmp_path) + "/d" * 3000
    line = one_line(hipcli(*command, HIPCLI_DATA_DIR=data), 1, "history folder",
                    "File name too long")
    assert len(line) < 300


# -- the database ---------------------------------------------------------------------------
@pytest.mark.terminal  # records a real `start` first
@needs_mount
def test_a_read_only_database_is_still_read(tmp_path):
    """A history on a read-only mount: history, stats and show read it; start says why not."""
    folder = tmp_path / "mnt"
    env = f"HIPCLI_DATA_DIR={folder}"
    record = f"{env} {shell(*MEASURE)} >/dev/null && {env} {shell('start', 'desk-break', '--plain', '--audio', 'off', '--speed', '1000')} >/dev/null"
    readers = " && ".join(f"{env} {shell(*args)}" for args in (
        ["history"], ["stats"], ["measure", "--history"], ["show", "desk-break"]))
    result = in_mount(folder, f"{record} && mount -o remount,ro {folder}",
                      f"{readers} && {env} {shell(*MEASURE)}")
    assert "desk-break" in result.stdout and "Sessions: 1 (1 finished, 0 partial)" in result.stdout
    assert "left ER" in result.stdout  # the measurement table
    one_line(result, 1, f"the history database {folder}/history.sqlite3", "read-only",
             "permissions")


@needs_mount
def test_a_full_disk_has_its_own_message(tmp_path):
    folder = tmp_path / "mnt"
    env = f"HIPCLI_DATA_DIR={folder}"
    fill = f"(dd if=/dev/zero of={folder}/filler bs=4k 2>/dev/null || true)"
    result = in_mount(folder, f"{env} {shell(*MEASURE)} >/dev/null && {fill}",
                      " ; ".join([f"{env} {shell(*MEASURE)}"] * 3) + "; exit 0", size="1m")
    lines = set(result.stderr.splitlines())
    assert lines == {f"hipcli: the disk holding the history database {folder}/history.sqlite3 "
                     "is full; free some space and try again"}, result.stderr


def test_a_folder_blocked_by_a_file_says_so(tmp_path):
    (tmp_path / "data").write_text("")
    one_line(hipcli(*MEASURE, HIPCLI_DATA_DIR=str(tmp_path / "data" / "inner")), 1,
             f"cannot create the history folder {tmp_path}/data/inner", "Not a directory")


def test_a_damaged_page_is_summarised_in_one_line(tmp_path):
    from hipcli.errors import HistoryError
    from tests.store_writers import begin, step
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    sid = begin(store)
    store.record_steps(sid, [step(sid, n) for n in range(2000)], duration=1.0,
                       status="finished", updated_at="x")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // 4096, 2):  # wreck every other b-tree page
        data[page * 4096 + 100:(page + 1) * 4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(path, check=True)
    message = str(caught.value)
    assert "\n" not in message and "more problems" in message and len(message) < 500


# -- rows that cannot be trusted ---------------------------------------------------------------
LOOSE_SCHEMA = """
CREATE TABLE sessions (id INTEGER PRIMARY KEY, routine TEXT NOT NULL, title TEXT NOT NULL,
  started_at TEXT NOT NULL, planned_seconds REAL NOT NULL, duration REAL NOT NULL DEFAULT 0,
  status TEXT NOT NULL, level TEXT NOT NULL, speed REAL NOT NULL DEFAULT 1, pid INTEGER,
  host TEXT, updated_at TEXT);
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE TABLE steps (session_id INTEGER NOT NULL, seq INTEGER NOT NULL,
  step_index INTEGER NOT NULL, exercise_id TEXT, side TEXT, kind TEXT NOT NULL,
  set_no INTEGER NOT NULL DEFAULT 0, set_count INTEGER NOT NULL DEFAULT 0, hold REAL,
  reps INTEGER, planned_seconds REAL NOT NULL, seconds REAL NOT NULL,
  skipped INTEGER NOT NULL, PRIMARY KEY (session_id, seq));
CREATE INDEX steps_by_exercise ON steps (exercise_id, side);
CREATE TABLE measurements (id INTEGER PRIMARY KEY, taken_at TEXT NOT NULL, side TEXT NOT NULL,
  er_degrees REAL NOT NULL, ir_degrees REAL NOT NULL);
CREATE INDEX measurements_by_time ON measurements (taken_at);
PRAGMA user_version = 1;
"""
GOOD = {"routine": "desk-break", "title": "Desk break", "started_at": "2026-01-05T08:30:00+00:00",
        "planned_seconds": 340.0, "duration": 340.0, "status": "finished", "level": "easy",
        "speed": 1.0}


def loose_history(path: Path, odd: dict) -> None:
    """A history made before tables were strict: one good session, then one with odd values."""
    db = sqlite3.connect(path)
    db.executescript(LOOSE_SCHEMA)
    for values in (GOOD, {**GOOD, **odd}):
        db.execute(f"INSERT INTO sessions ({', '.join(values)}) VALUES "
                   f"({', '.join('?' * len(values))})", list(values.values()))
    db.commit()
    db.close()


@pytest.mark.parametrize("odd,said", [({"duration": "abc"}, "duration 'abc' is not a number"),
                                      ({"started_at": ""}, "started_at '' is not a date"),
                                      ({"duration": 9e999}, "duration inf is not a finite")])
def test_a_row_that_cannot_be_read_is_named_and_the_rest_shown(tmp_path, odd, said):
    from typer.testing import CliRunner
    from hipcli.cli import app
    loose_history(tmp_path / "history.sqlite3", odd)
    for command in (["history"], ["history", "--json"], ["history", "--format", "csv"],
                    ["stats"]):
        ran = CliRunner().invoke(app, command, env={"HIPCLI_DATA_DIR": str(tmp_path)})
        result = subprocess.CompletedProcess(command, ran.exit_code, ran.stdout, ran.stderr)
        line = one_line(result, 0, "1 session in the history cannot be read", "#2", said)
        assert "desk-break" in result.stdout or "Sessions: 1" in result.stdout, line


ODD_VALUES = st.one_of(st.none(), st.text(max_size=12), st.integers(-2**63, 2**63 - 1),
                       st.floats(allow_nan=True, allow_infinity=True), st.binary(max_size=8))


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(sorted(GOOD)), value=ODD_VALUES)
def test_history_and_stats_survive_any_value_in_any_column(tmp_path_factory, column, value):
    folder = tmp_path_factory.mktemp("odd")
    try:
        loose_history(folder / "history.sqlite3", {column: value})
    except sqlite3.IntegrityError:
        return  # NOT NULL: such a row cannot exist
    from typer.testing import CliRunner
    from hipcli.cli import app
    for command in (["history"], ["history", "--json"], ["history", "--format", "csv"],
                    ["stats", "--json"]):
        result = CliRunner().invoke(app, command, env={"HIPCLI_DATA_DIR": str(folder)})
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            (command, column, value, result.exception)
        assert result.exit_code == 0, (command, column, value, result.output)


# -- counts that tell the truth ---------------------------------------------------------------
def work_outcomes(records):
    from hipcli.engine import work_outcomes as outcomes
    return outcomes(records)


def tiny_timeline(tmp_path):
    from tests.history_helpers import plan_session
    path = write_routine(tmp_path, TINY)
    return plan_session(str(path), Options(), store=None, level="easy").timeline


def test_back_as_a_side_switch_begins_counts_the_step_once(tmp_path):
    timeline = tiny_timeline(tmp_path)
    work = len(timeline.work_steps)  # tiny: a hold and a lift on each side = 4
    assert work == 4
    first_switch = next(s for s in timeline.steps if s.kind == "switch")
    presses = [(first_switch.start + 0.5, "back")] * 1  # back within 2 s: the step before
    engine = Engine(timeline)
    run_session(engine, FakeClock(), [], ScriptedKeys(presses))
    assert work_outcomes(engine.records) == (4, 0)  # before: 5 done for 4 steps


@settings(max_examples=examples(200), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(presses=st.lists(st.tuples(st.floats(0, 120), st.sampled_from(
    ["skip", "back", "longer", "shorter", "pause", "pause"])), max_size=40))
def test_done_and_skipped_never_exceed_the_exercise_steps(tmp_path, presses):
    timeline = tiny_timeline(tmp_path)
    engine = Engine(timeline)
    keys = ScriptedKeys(sorted(presses) + [(500.0, "resume")] * 20)
    run_session(engine, FakeClock(), [], keys)
    done, skipped = work_outcomes(engine.records)
    assert done + skipped <= len(timeline.work_steps)


def test_recorded_counts_match_the_summary(tmp_path):
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    path = write_routine(tmp_path, TINY)
    presses = [(3.0, "skip"), (3.1, "back"), (3.2, "skip"), (3.3, "back"), (3.4, "skip")]
    _, engine = run_recorded(path, store, keys=ScriptedKeys(presses))
    session = store.sessions()[0]
    assert (session.done, session.skipped) == work_outcomes(engine.records)
    assert session.done + session.skipped <= 4  # before: the skips of one step counted 3 times


def test_two_tests_in_the_same_second_stay_two(tmp_path):
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    moment = "2026-01-05T08:30:00+00:00"
    store.add_measurements(moment, [("left", 40, 30), ("right", 45, 35)])
    store.add_measurements(moment, [("left", 41, 31), ("right", 46, 36)])
    found = readings(store.measurements())
    assert [(r.left_er, r.right_er) for r in found] == [(40, 45), (41, 46)]


@pytest.mark.parametrize("column,value", [("seconds", "abc"), ("hold", 9e999),
                                          ("kind", b"\x01"), ("set_no", 1.5)])
def test_a_step_that_cannot_be_read_is_named_and_left_out(tmp_path, column, value):
    from typer.testing import CliRunner
    from hipcli.cli import app
    loose_history(tmp_path / "history.sqlite3", {})
    db = sqlite3.connect(tmp_path / "history.sqlite3")
    good = {"session_id": 1, "seq": 0, "step_index": 1, "exercise_id": "clamshell",
            "side": "left", "kind": "hold", "set_no": 1, "set_count": 1, "hold": 30.0,
            "reps": None, "planned_seconds": 30.0, "seconds": 30.0, "skipped": 0}
    for row in (good, {**good, "seq": 1, column: value}):
        db.execute(f"INSERT INTO steps ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                   list(row.values()))
    db.commit()
    db.close()
    ran = CliRunner().invoke(app, ["history", "--json"], env={"HIPCLI_DATA_DIR": str(tmp_path)})
    assert ran.exit_code == 0, ran.output
    assert ran.stderr.startswith("hipcli: 1 step in the history cannot be read and is left "
                                 f"out: session #1 step 1: {column}")
    assert "\x1b" not in ran.stdout and len(json.loads(ran.stdout)[0]["steps"]) == 1

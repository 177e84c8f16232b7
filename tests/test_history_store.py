"""The history database on a real SQLite file: schema, WAL, concurrent writers, damaged files."""

import multiprocessing
import sqlite3

import pytest

from hipcli.errors import EXIT_FAILURE, HistoryError
from hipcli.history.store import SCHEMA_VERSION, HistoryStore, StepRow, default_path


def step(session_id, seq, *, skipped=False, kind="hold", exercise="ex", side="left", set_no=1):
    return StepRow(session_id, seq, seq, exercise, side, kind, set_no, 1,
                   20.0 if kind == "hold" else None, 5 if kind == "reps" else None,
                   20.0, 0.0 if skipped else 20.0, skipped)


def begin(store, routine="tiny", started_at="2026-01-05T09:00:00+01:00"):
    return store.begin_session(routine=routine, title=routine.title(), started_at=started_at,
                               planned_seconds=60.0, level="normal")


def test_a_new_file_gets_the_schema_in_wal_mode(tmp_path):
    path = tmp_path / "deep" / "history.sqlite3"
    store = HistoryStore.open(path)
    assert store.version() == SCHEMA_VERSION == 4
    assert store.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 10000
    tables = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sessions", "steps", "measurements", "checkins", "program_runs",
            "program_stages"} <= tables


def test_a_history_from_before_check_ins_gains_them_and_keeps_its_sessions(tmp_path):
    import sqlite3
    from hipcli.history.checkins import CheckIn, checkins, save_checkin
    from hipcli.history.store import MIGRATIONS
    path = tmp_path / "history.sqlite3"
    old = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        old.execute(statement)
    old.execute("INSERT INTO sessions (routine, title, started_at, planned_seconds, status, level)"
                " VALUES ('tiny', 'Tiny', '2026-01-05T09:00:00+01:00', 60, 'finished', 'normal')")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    store = HistoryStore.open(path)
    assert store.version() == SCHEMA_VERSION and [s.routine for s in store.sessions()] == ["tiny"]
    save_checkin(store, CheckIn(1, 3, "right"), "2026-01-05T09:30:00+01:00")
    assert checkins(store) == {1: CheckIn(1, 3, "right")}


def test_the_file_lives_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("HIPCLI_DATA_DIR")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "hipcli" / "history.sqlite3"
    assert default_path() == expected
    store = HistoryStore.open()  # no path given: the data folder's file, made on first use
    begin(store)
    store.close()
    with sqlite3.connect(expected) as written:
        assert written.execute("SELECT routine FROM sessions").fetchall() == [("tiny",)]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "hipcli" / "history.sqlite3"
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(tmp_path / "moved"))
    assert default_path() == tmp_path / "moved" / "history.sqlite3"


def test_done_and_skipped_count_only_exercise_steps(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    sid = begin(store)
    rows = [step(sid, 0, kind="prepare", skipped=True, exercise=None, side=None, set_no=0),
            step(sid, 1, kind="hold"),
            step(sid, 2, kind="rest", skipped=True, exercise=None, side=None, set_no=0),
            step(sid, 3, kind="switch"),
            step(sid, 4, kind="reps", skipped=True),
            step(sid, 5, kind="rest", exercise=None, side=None, set_no=0),
            step(sid, 6, kind="reps")]
    store.record_steps(sid, rows, duration=100.0, status="finished",
                       updated_at="2026-01-05T09:02:00+01:00")
    [session] = store.sessions()
    # exercise steps: hold done, reps skipped, reps done; get ready, switch and rests don't count
    assert (session.done, session.skipped) == (2, 1)


def test_reopening_keeps_what_was_written(tmp_path):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path)
    sid = begin(store)
    store.record_steps(sid, [step(sid, 0), step(sid, 1, skipped=True)], duration=20.0,
                       status="partial", updated_at="2026-01-05T09:01:00+01:00")
    store.close()
    again = HistoryStore.open(path)
    [session] = again.sessions()
    assert (session.routine, session.status, session.duration, session.done, session.skipped) == \
        ("tiny", "partial", 20.0, 1, 1)
    assert [s.skipped for s in again.steps([sid])] == [False, True]


def test_a_running_row_whose_process_is_gone_reads_as_partial(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    sid = begin(store)
    store.db.execute("UPDATE sessions SET pid = 999999999 WHERE id = ?", (sid,))
    assert store.sessions()[0].status == "partial"


def test_filters_by_day_and_routine(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    begin(store, "a", "2026-01-01T23:59:00+00:00")
    begin(store, "b", "2026-01-02T00:01:00+00:00")
    begin(store, "a", "2026-01-03T08:00:00+00:00")
    assert [s.routine for s in store.sessions(since="2026-01-02")] == ["b", "a"]
    assert [s.day for s in store.sessions(routine="a")] == ["2026-01-01", "2026-01-03"]


def test_garbage_bytes_are_reported_and_left_alone(tmp_path):
    path = tmp_path / "history.sqlite3"
    garbage = bytes(range(256)) * 40
    path.write_bytes(garbage)
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(path, check=True)
    assert caught.value.exit_code == EXIT_FAILURE
    assert str(caught.value) == (f"the history database {path} cannot be read (file is not a "
                                 "database); it was left untouched: move it aside to start a new history")
    assert path.read_bytes() == garbage


def test_a_damaged_page_is_caught_by_the_check(tmp_path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    sid = begin(store)
    store.record_steps(sid, [step(sid, n) for n in range(400)], duration=1.0, status="finished",
                       updated_at="x")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[2 * page:3 * page] = b"\xff" * page  # wreck one b-tree page, keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(HistoryError, match="cannot be read"):
        HistoryStore.open(path, check=True)
    assert path.read_bytes() == bytes(data)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(HistoryError, match="newer hipcli"):
        HistoryStore.open(path)


def test_open_existing_creates_nothing(tmp_path):
    assert HistoryStore.open_existing(tmp_path / "none.sqlite3") is None
    assert not (tmp_path / "none.sqlite3").exists()


def _writer(path, worker, sessions, start):
    start.wait()
    store = HistoryStore.open(path)
    for n in range(sessions):
        sid = begin(store, f"worker-{worker}", f"2026-01-01T09:{n:02d}:00+00:00")
        for seq in range(5):
            store.record_steps(sid, [step(sid, seq)], duration=20.0 * (seq + 1),
                               status="finished" if seq == 4 else None, updated_at="x")
    store.close()


def test_processes_writing_at_once_corrupt_nothing(tmp_path):
    """Four processes race to create the file, then interleave 120 sessions of 5 commits each."""
    path = tmp_path / "history.sqlite3"
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [context.Process(target=_writer, args=(path, w, 30, start)) for w in range(4)]
    for process in workers:
        process.start()
    start.set()
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    store = HistoryStore.open(path)
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    sessions = store.sessions()
    assert len(sessions) == 120
    assert all(s.status == "finished" and s.done == 5 and s.duration == 100.0 for s in sessions)
    assert len(store.steps()) == 600


def test_measurements_round_trip(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    store.add_measurements("2026-01-01T09:00:00+00:00", [("left", 40, 35), ("right", 45, 30)])
    assert [(m.side, m.er_degrees, m.ir_degrees) for m in store.measurements()] == \
        [("left", 40, 35), ("right", 45, 30)]
    with pytest.raises(HistoryError, match="refused"):  # the table checks degrees too
        store.add_measurements("2026-01-02T09:00:00+00:00", [("left", 120, 35)])
    assert len(store.measurements()) == 2


def test_a_session_reads_as_running_only_while_a_hipcli_process_on_this_host_runs_it(tmp_path):
    import socket
    import subprocess
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    # bash -c 'sleep 30; :' NAME: bash waits for sleep with NAME among its arguments
    named = {name: subprocess.Popen(["bash", "-c", "sleep 30; :", name])
             for name in ("hipcli", "/usr/local/bin/hipcli", "not-hipcli")}
    ended = subprocess.Popen(["bash", "-c", "exit 0", "hipcli"])
    ended.wait()
    cases = [(named["hipcli"].pid, socket.gethostname(), "running"),
             (named["/usr/local/bin/hipcli"].pid, socket.gethostname(), "running"),
             (named["not-hipcli"].pid, socket.gethostname(), "partial"),  # a reused process id
             (named["hipcli"].pid, "another-host", "partial"),
             (ended.pid, socket.gethostname(), "partial"),  # the process is gone
             (None, socket.gethostname(), "partial"), (0, socket.gethostname(), "partial")]
    try:
        for pid, host, _ in cases:
            sid = begin(store)
            store.db.execute("UPDATE sessions SET pid = ?, host = ? WHERE id = ?", (pid, host, sid))
        assert [s.status for s in store.sessions()] == [status for _, _, status in cases]
        assert all(proc.poll() is None for proc in named.values())  # asking harmed none
    finally:
        for proc in named.values():
            proc.kill()
            proc.wait()


def test_a_session_is_written_with_this_process_and_host(tmp_path):
    import os
    import socket
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    sid = begin(store)
    assert store.db.execute("SELECT pid, host FROM sessions WHERE id = ?", (sid,)).fetchone() \
        == (os.getpid(), socket.gethostname())


def test_a_session_runs_at_normal_speed_unless_told(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    begin(store)
    assert store.sessions()[0].speed == 1.0


def test_open_existing_opens_the_file_named_and_only_one_with_content(tmp_path):
    assert HistoryStore.open_existing(tmp_path / "none.sqlite3") is None
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert HistoryStore.open_existing(empty) is None
    assert empty.stat().st_size == 0  # left as it was
    named = tmp_path / "named.sqlite3"
    begin(HistoryStore.open(named), routine="named")
    found = HistoryStore.open_existing(named)
    assert found.path == named and [s.routine for s in found.sessions()] == ["named"]


def test_sessions_and_steps_filter_by_id_routine_day_and_exercise(tmp_path):
    store = HistoryStore.open(tmp_path / "two" / "levels" / "h.sqlite3")  # folders made as needed
    first = begin(store, routine="a", started_at="2026-01-05T09:00:00+00:00")
    second = begin(store, routine="b", started_at="2026-01-06T09:00:00+00:00")
    third = begin(store, routine="a", started_at="2026-01-07T09:00:00+00:00")
    for sid in (first, second, third):
        store.record_steps(sid, [step(sid, 0, exercise="ex"), step(sid, 1, exercise="other")],
                           duration=40.0, status="finished", updated_at="2026-01-08T09:00:00+00:00")
    ids = lambda **filters: [s.id for s in store.sessions(**filters)]
    assert ids(ids=[third, first]) == [first, third]
    assert ids(routine="a", since="2026-01-06") == [third]
    assert ids(routine="a", ids=[second, third]) == [third]
    rows = store.steps([second, third], exercises=["other"])
    assert [(r.session_id, r.exercise_id) for r in rows] == [(second, "other"), (third, "other")]
    assert [r.session_id for r in store.steps(exercises=["ex"])] == [first, second, third]


def test_write_gives_the_last_new_row_id_or_none_for_nothing(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    insert = ("INSERT INTO measurements (taken_at, side, er_degrees, ir_degrees)"
              " VALUES (?, ?, ?, ?)")
    # two rows into an empty table: ids 1 and 2, and the last one is what comes back
    assert store.write([(insert, ("2026-01-01T09:00:00+00:00", "left", 40, 35)),
                        (insert, ("2026-01-01T09:00:00+00:00", "right", 45, 30))]) == 2
    assert store.write([]) is None

"""The history database on a real SQLite file: schema, WAL, concurrent writers, damaged files."""

import multiprocessing
import os
import sqlite3
import sys
from contextlib import contextmanager

import pytest

from hipcli.errors import EXIT_FAILURE, HistoryError
from hipcli.history.store import SCHEMA_VERSION, HistoryStore, StepRow, default_path
from tests.store_writers import begin, step, write_sessions


def test_a_new_file_gets_the_schema_in_wal_mode(tmp_path):
    path = tmp_path / "deep" / "history.sqlite3"
    store = HistoryStore.open(path)
    assert store.version() == SCHEMA_VERSION == 5
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


def damaged_message(path, detail):
    return (f"the history database {path} cannot be read ({detail}); it was left untouched: "
            "move it aside to start a new history")


def refused_as_damaged(path, detail, opening) -> HistoryError:
    """`opening(path)` reports the file damaged, with SQLite's `detail`, and leaves it as it was."""
    content = path.read_bytes()
    with pytest.raises(HistoryError) as caught:
        opening(path)
    assert str(caught.value) == damaged_message(path, detail)
    assert path.read_bytes() == content
    return caught.value


def test_garbage_bytes_are_reported_and_left_alone(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.write_bytes(bytes(range(256)) * 40)
    refused = refused_as_damaged(path, "file is not a database",
                                 lambda p: HistoryStore.open(p, check=True))
    assert refused.exit_code == EXIT_FAILURE


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
    with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as plain:
        said = [row[0] for row in plain.execute("PRAGMA quick_check")]  # SQLite's own words
    first = next(line for row in said for line in row.splitlines() if not line.startswith("***"))
    HistoryStore.open(path).close()  # opening alone reads too little to notice
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(path, check=True)
    # the first problem SQLite's check names sits between the file's name and the advice
    before, after = damaged_message(path, "\0").split("\0")
    assert str(caught.value).startswith(before + first) and str(caught.value).endswith(after)
    assert path.read_bytes() == bytes(data)


def test_a_sound_file_passes_the_check_and_counts_its_sessions(tmp_path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    begin(store)
    begin(store, started_at="2026-01-06T09:00:00+01:00")
    store.close()
    checked = HistoryStore.open(path, check=True)  # every page read, nothing found
    checked.check()
    assert checked.count_sessions() == 2


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(path)
    assert str(caught.value) == (f"the history database {path} was written by a newer hipcli "
                                 f"(schema 99, this one knows {SCHEMA_VERSION})")


def test_a_schema_another_run_brought_up_to_date_a_moment_before_is_taken_as_it_is(
        tmp_path, monkeypatch):
    """Two runs open an old history at once: the second sees the old schema, waits for the
    first's lock, and must then find the schema current, not refuse it as newer."""
    path = a_history(tmp_path, version=1)
    taking_the_lock = HistoryStore._write
    raced = []

    @contextmanager
    def another_run_migrates_first(self):
        if not raced:
            raced.append("the other run")
            raced.append(HistoryStore.open(path))  # migrates, commits, lets go of the lock
        with taking_the_lock(self):
            yield

    monkeypatch.setattr(HistoryStore, "_write", another_run_migrates_first)
    store = HistoryStore.open(path)
    assert raced[1].version() == SCHEMA_VERSION
    assert store.version() == SCHEMA_VERSION and store.count_sessions() == 0


def test_open_existing_creates_nothing(tmp_path):
    assert HistoryStore.open_existing(tmp_path / "none.sqlite3") is None
    assert not (tmp_path / "none.sqlite3").exists()


def test_processes_writing_at_once_corrupt_nothing(tmp_path):
    """Four processes race to create the file, then interleave 120 sessions of 5 commits each."""
    path = tmp_path / "history.sqlite3"
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [context.Process(target=write_sessions, args=(path, w, 30, start)) for w in range(4)]
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
    chosen = [second, third]
    rows = store.steps(chosen, exercises=["other"])
    assert chosen == [second, third]  # the caller's list is left as it was
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


# -- rows that make no sense, each named by its column --------------------------------------
def loose_store(path):
    """A history from before tables were STRICT (schema 1, brought up to date on opening),
    where any value fits any column."""
    from hipcli.history.store import MIGRATIONS
    old = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        old.execute(statement.replace(") STRICT", ")"))
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    store = HistoryStore.open(path)
    store.db.execute("PRAGMA ignore_check_constraints = ON")  # nor did other programs check
    return store


STEP_COLUMNS = ("session_id", "seq", "step_index", "exercise_id", "side", "kind", "set_no",
                "set_count", "hold", "reps", "planned_seconds", "seconds", "skipped")
GOOD_STEP = (1, 0, 3, "clamshell", "left", "hold", 1, 2, 30.0, None, 30.0, 29.0, 0)


def add_step(store, values):
    store.db.execute("PRAGMA foreign_keys = OFF")  # written by another program, session or not
    store.db.execute(f"INSERT INTO steps ({', '.join(STEP_COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(STEP_COLUMNS))})", values)


# A loose column keeps a value its type cannot hold: 1.5 in an INTEGER column stays 1.5, a
# blob stays a blob, "x" in a REAL column stays text. Row labels name the row's session and
# seq as they are stored.
@pytest.mark.parametrize("column,value,said", [
    ("session_id", 1.5, "session #1.5 step 0: session_id 1.5 is not a whole number"),
    ("seq", "a", "session #1 step 'a': seq 'a' is not a number"),
    ("step_index", 2.5, "session #1 step 0: step_index 2.5 is not a whole number"),
    ("exercise_id", b"\x01", "session #1 step 0: exercise_id b'\\x01' is not text"),
    ("side", b"\x02", "session #1 step 0: side b'\\x02' is not text"),
    ("kind", b"\x03", "session #1 step 0: kind b'\\x03' is not text"),
    ("set_no", 1.5, "session #1 step 0: set_no 1.5 is not a whole number"),
    ("set_count", 2.5, "session #1 step 0: set_count 2.5 is not a whole number"),
    ("hold", "long", "session #1 step 0: hold 'long' is not a number"),
    ("reps", 4.5, "session #1 step 0: reps 4.5 is not a whole number"),
    ("planned_seconds", "half", "session #1 step 0: planned_seconds 'half' is not a number"),
    ("seconds", "abc", "session #1 step 0: seconds 'abc' is not a number"),
    ("skipped", 0.5, "session #1 step 0: skipped 0.5 is not a whole number"),
])
def test_a_step_row_that_makes_no_sense_is_named_by_its_column(tmp_path, column, value, said):
    store = loose_store(tmp_path / "h.sqlite3")
    bad = list(GOOD_STEP)
    bad[STEP_COLUMNS.index(column)] = value
    add_step(store, bad)
    assert store.steps() == []
    assert store.unreadable_notes() == [
        f"1 step in the history cannot be read and is left out: {said}"]


def test_a_step_with_control_characters_is_read_with_them_made_visible(tmp_path):
    store = loose_store(tmp_path / "h.sqlite3")
    # well-typed, but text with ESC and BEL in it: read through the checks, every field kept
    add_step(store, (1, 0, 3, "clam\x1b[2Jshell", "left\x07", "hold", 1, 2, 30.0, None,
                     30.0, 29.0, 0))
    add_step(store, (1, 1, 4, "bridge", None, "reps", 2, 2, None, 8, 16.0, 0.0, 1))
    assert store.steps() == [
        StepRow(1, 0, 3, "clam\\x1b[2Jshell", "left\\x07", "hold", 1, 2, 30.0, None,
                30.0, 29.0, False),
        StepRow(1, 1, 4, "bridge", None, "reps", 2, 2, None, 8, 16.0, 0.0, True)]
    assert store.unreadable_notes() == []


def test_a_step_row_reads_back_field_for_field(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    sid = begin(store)
    written = [StepRow(sid, 0, 5, "clamshell", "right", "hold", 2, 3, 25.0, None, 25.0, 24.0,
                       False),
               StepRow(sid, 1, 7, "bridge", None, "reps", 1, 1, None, 6, 12.0, 3.0, True)]
    store.record_steps(sid, written, duration=27.0, status="partial",
                       updated_at="2026-01-05T09:01:00+01:00")
    assert store.steps([sid]) == written


SESSION_COLUMNS = ("routine", "title", "started_at", "planned_seconds", "duration", "status",
                   "level", "speed")
GOOD_SESSION = ("a", "A", "2026-01-05T09:00:00+00:00", 60.0, 58.5, "finished", "easy", 1.0)


def add_session(store, values):
    store.db.execute(f"INSERT INTO sessions ({', '.join(SESSION_COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(SESSION_COLUMNS))})", values)


@pytest.mark.parametrize("column,value,said", [
    ("routine", b"\x01", "routine b'\\x01' is not text"),
    ("title", b"\x02", "title b'\\x02' is not text"),
    ("started_at", "yesterday", "started_at 'yesterday' is not a date and time"),
    ("planned_seconds", "long", "planned_seconds 'long' is not a number"),
    ("duration", "abc", "duration 'abc' is not a number"),
    ("status", "paused", "status 'paused' is not one of running, finished, partial"),
    ("level", b"\x03", "level b'\\x03' is not text"),
    ("speed", "fast", "speed 'fast' is not a number"),
])
def test_a_session_row_that_makes_no_sense_is_left_out_and_named(tmp_path, column, value, said):
    store = loose_store(tmp_path / "h.sqlite3")
    add_session(store, GOOD_SESSION)
    bad = list(GOOD_SESSION)
    bad[SESSION_COLUMNS.index(column)] = value
    add_session(store, bad)
    assert [s.id for s in store.sessions()] == [1]
    assert store.unreadable_notes() == [
        f"1 session in the history cannot be read and is left out: #2: {said}"]


def test_a_bad_start_is_named_also_in_a_row_read_through_the_checks(tmp_path):
    store = loose_store(tmp_path / "h.sqlite3")
    add_session(store, ("a\x1b", "A", "last week", 60.0, 58.5, "finished", "easy", 1.0))
    assert store.sessions() == []
    assert store.unreadable_notes() == [
        "1 session in the history cannot be read and is left out: #1: started_at 'last week' "
        "is not a date and time"]


def test_a_session_row_reads_back_field_for_field_with_its_steps_counted(tmp_path):
    store = loose_store(tmp_path / "h.sqlite3")
    add_session(store, GOOD_SESSION)  # well-typed: taken as it is
    # text with ESC, BEL and a C1 control: read through the checks, shown harmless
    add_session(store, ("b\x1b]0;x\x07", "B\x9b", "2026-01-06T09:00:00+00:00", 90, 30.5,
                        "partial", "hard\x1b", 0.5))
    for session in (1, 2):  # a hold done, a hold done twice (counts once), a reps skipped
        add_step(store, (session, 0, 1, "clamshell", "left", "hold", 1, 1, 30.0, None, 30.0,
                         30.0, 0))
        add_step(store, (session, 1, 2, "clamshell", "right", "hold", 1, 1, 30.0, None, 30.0,
                         30.0, 0))
        add_step(store, (session, 2, 2, "clamshell", "right", "hold", 1, 1, 30.0, None, 30.0,
                         30.0, 0))
        add_step(store, (session, 3, 3, "bridge", None, "reps", 1, 1, None, 8, 16.0, 0.0, 1))
    from hipcli.history.store import SessionRow
    # done: step indexes 1 and 2 = 2; skipped: 3 exercise steps (1, 2, 3) less the 2 done = 1
    assert store.sessions() == [
        SessionRow(1, "a", "A", "2026-01-05T09:00:00+00:00", 60.0, 58.5, "finished", "easy",
                   1.0, 2, 1),
        SessionRow(2, "b\\x1b]0;x\\x07", "B\\x9b", "2026-01-06T09:00:00+00:00", 90, 30.5,
                   "partial", "hard\\x1b", 0.5, 2, 1)]
    assert store.unreadable_notes() == []


def test_the_last_few_sessions_come_oldest_first(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    for day in (3, 1, 2, 4):  # recorded out of order, as a clock set back would
        begin(store, routine=f"day{day}", started_at=f"2026-01-0{day}T09:00:00+00:00")
    begin(store, routine="day4-again", started_at="2026-01-04T09:00:00+00:00")
    # the last three by start (ties by id): day 3, day 4, then day 4 again (id 5 after id 4)
    assert [s.routine for s in store.sessions(last=3)] == ["day3", "day4", "day4-again"]
    assert [s.routine for s in store.sessions(last=1, routine="day1")] == ["day1"]
    assert store.sessions(last=0) == []


def test_ids_that_are_not_whole_numbers_in_tables_another_program_made(tmp_path):
    store = loose_store(tmp_path / "h.sqlite3")
    # tables without INTEGER PRIMARY KEY, whose ids are then whatever was put in them
    for table, columns in (("sessions", "routine, title, started_at, planned_seconds, duration,"
                            " status, level, speed, pid, host, updated_at"),
                           ("measurements", "taken_at, side, er_degrees, ir_degrees")):
        store.db.execute("PRAGMA foreign_keys = OFF")
        store.db.execute(f"DROP TABLE {table}")
        store.db.execute(f"CREATE TABLE {table} (id, {columns})")
    store.db.execute("INSERT INTO sessions (id, routine, title, started_at, planned_seconds,"
                     " duration, status, level, speed) VALUES (2.5, 'a', 'A',"
                     " '2026-01-05T09:00:00+00:00', 60, 60, 'finished', 'easy', 1)")
    store.db.execute("INSERT INTO measurements VALUES (3.5, '2026-01-05T09:00:00+00:00',"
                     " 'left', 40, 30)")
    assert store.sessions() == [] and store.measurements() == []
    assert store.unreadable_notes() == [
        "1 session in the history cannot be read and is left out: #2.5: id 2.5 is not a whole "
        "number",
        "1 measurement in the history cannot be read and is left out: #3.5: id 3.5 is not a "
        "whole number"]


# measurements: (id, taken_at, side, ER, IR); the second row of each case is the odd one
@pytest.mark.parametrize("row,said", [
    ((2, "yesterday", "left", 40, 30), "#2: taken_at 'yesterday' is not a date and time"),
    ((2, "2026-01-05T09:00:00+00:00", "up", 40, 30), "#2: side 'up' is not one of left, right"),
    ((2, "2026-01-05T09:00:00+00:00", "left", "wide", 30), "#2: er_degrees 'wide' is not a number"),
    ((2, "2026-01-05T09:00:00+00:00", "left", 40, "tight"), "#2: ir_degrees 'tight' is not a number"),
])
def test_a_measurement_that_makes_no_sense_is_left_out_and_named(tmp_path, row, said):
    store = loose_store(tmp_path / "h.sqlite3")
    insert = "INSERT INTO measurements (id, taken_at, side, er_degrees, ir_degrees) VALUES (?, ?, ?, ?, ?)"
    store.db.execute(insert, (1, "2026-01-04T09:00:00+00:00", "right", 45, 35))
    store.db.execute(insert, row)
    found = store.measurements()
    assert [(m.id, m.taken_at, m.side, m.er_degrees, m.ir_degrees) for m in found] == \
        [(1, "2026-01-04T09:00:00+00:00", "right", 45, 35)]
    assert store.unreadable_notes() == [
        f"1 measurement in the history cannot be read and is left out: {said}"]


def updated_at(store, sid):
    return store.fetch("SELECT updated_at FROM sessions WHERE id = ?", [sid])[0][0]


def test_recording_steps_notes_when_the_session_was_last_written(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    sid = begin(store, started_at="2026-01-05T09:00:00+01:00")
    assert updated_at(store, sid) == "2026-01-05T09:00:00+01:00"  # begun: its start
    store.record_steps(sid, [step(sid, 0)], duration=20.0, status=None,
                       updated_at="2026-01-05T09:00:25+01:00")
    assert updated_at(store, sid) == "2026-01-05T09:00:25+01:00"
    assert store.fetch("SELECT status FROM sessions") == [("running",)]  # no status: as it was


# -- records kept in the journal, added when the history is next opened --------------------
def journal_rows(*steps):
    from dataclasses import astuple
    return [list(astuple(s)) for s in steps]  # as the writer queues them (JSON lists)


def test_journalled_records_are_added_in_order_when_the_history_is_next_opened(tmp_path):
    from hipcli.history import journal
    from hipcli.history.checkins import CheckIn, checkins
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    earlier = begin(store, routine="earlier", started_at="2026-01-05T08:00:00+01:00")  # id 1
    store.close()
    fields = {"routine": "tiny", "title": "Tiny", "started_at": "2026-01-05T09:00:00+01:00",
              "planned_seconds": 60.0, "level": "easy", "speed": 1.0}
    journal.append(path, [
        {"op": "begin", "key": "k", "fields": fields},
        {"op": "steps", "key": "k", "rows": journal_rows(step(0, 0)), "duration": 20.0,
         "status": None, "updated_at": "2026-01-05T09:00:20+01:00"},
        # a session whose row was never kept: its records are passed over, the rest go in
        {"op": "steps", "key": "lost", "rows": journal_rows(step(0, 0)), "duration": 1.0,
         "status": "finished", "updated_at": "2026-01-05T09:00:21+01:00"},
        {"op": "checkin", "key": "lost", "pain": 9, "effort": "hard",
         "taken_at": "2026-01-05T09:00:22+01:00"},
        {"op": "steps", "key": "k", "rows": journal_rows(step(0, 1, skipped=True)),
         "duration": 40.0, "status": "finished", "updated_at": "2026-01-05T09:00:40+01:00"},
        {"op": "checkin", "key": "k", "pain": 3, "effort": "hard",
         "taken_at": "2026-01-05T09:01:00+01:00"},
        # the earlier session's row was written: its records name it by id
        {"op": "steps", "key": "gone-process", "id": earlier, "rows": journal_rows(step(0, 0)),
         "duration": 20.0, "status": "partial", "updated_at": "2026-01-05T08:00:20+01:00"},
    ])
    again = HistoryStore.open(path)
    assert not journal.journal_path(path).exists()  # merged, then removed
    [first, second] = again.sessions()
    assert (first.id, first.status, first.duration, first.done, first.skipped) == \
        (earlier, "partial", 20.0, 1, 0)
    # the journal's session: step 0 done, step 1 skipped, finished after 40 s
    assert (second.id, second.routine, second.status, second.duration, second.done,
            second.skipped) == (2, "tiny", "finished", 40.0, 1, 1)
    assert [(s.session_id, s.seq, s.skipped) for s in again.steps()] == \
        [(earlier, 0, False), (2, 0, False), (2, 1, True)]
    assert updated_at(again, earlier) == "2026-01-05T08:00:20+01:00"
    assert updated_at(again, 2) == "2026-01-05T09:00:40+01:00"
    assert checkins(again) == {2: CheckIn(2, 3, "hard")}
    assert [row[0] for row in again.fetch("SELECT taken_at FROM checkins")] == \
        ["2026-01-05T09:01:00+01:00"]


def test_applied_records_give_the_ids_of_the_sessions_they_began(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    known = begin(store)  # id 1, begun by an earlier batch
    fields = {"routine": "tiny", "title": "Tiny", "started_at": "2026-01-05T09:00:00+01:00",
              "planned_seconds": 60.0, "level": "easy"}
    began = store.apply([{"op": "begin", "key": "a", "fields": fields},
                         {"op": "begin", "key": "b", "fields": fields}], known={"old": known})
    assert began == {"a": 2, "b": 3}  # ids 2 and 3 follow 1; the known key is not repeated
    assert [s.speed for s in store.sessions()] == [1.0, 1.0, 1.0]  # no speed given: normal


@pytest.mark.parametrize("pid", [None, 0, -1])
def test_a_pid_that_names_no_single_process_is_not_alive(pid):
    from hipcli.history.store import pid_alive
    # kill(0, 0) and kill(-1, 0) reach a whole group of processes and succeed: a session row
    # holding such a pid must not read as running forever.
    assert pid_alive(pid) is False


def test_a_process_of_another_user_is_alive_though_it_may_not_be_signalled():
    import os
    from hipcli.history.store import pid_alive
    root = os.getuid() == 0
    if root:  # as nobody (root kept as the saved id, to come back to), kill(1, 0) is refused
        os.setresuid(65534, 65534, 0)
    try:
        with pytest.raises(PermissionError):
            os.kill(1, 0)
        assert pid_alive(1)  # process 1 runs as long as the system does
    finally:
        if root:
            os.setresuid(0, 0, 0)


# -- faults met in this process: no one may write, another program holds it, no room left ---
IMMUTABLE = 0x10  # FS_IMMUTABLE_FL
GET_FLAGS, SET_FLAGS = 0x80086601, 0x40086602  # FS_IOC_GETFLAGS, FS_IOC_SETFLAGS


def _immutable(path, on: bool) -> None:
    import array
    import fcntl
    fd = os.open(path, os.O_RDONLY)
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, GET_FLAGS, flags, True)
        flags[0] = flags[0] | IMMUTABLE if on else flags[0] & ~IMMUTABLE
        fcntl.ioctl(fd, SET_FLAGS, flags, True)
    finally:
        os.close(fd)


@contextmanager
def unwritable(*paths):
    """Files and folders no one may write, root included, as on a read-only mount: for root,
    whom permissions do not stop, the immutable attribute; for anyone else, permissions."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in paths}
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    if sys.platform != "linux":
        pytest.skip("root stopped from writing needs Linux's immutable attribute")
    made = []
    try:
        for path in paths:
            try:
                _immutable(path, True)
            except OSError as exc:
                pytest.skip(f"this file system keeps no immutable attribute ({exc.strerror})")
            made.append(path)
        yield
    finally:
        for path in made:
            _immutable(path, False)


def a_history(folder, *, version=SCHEMA_VERSION):
    """A history with one session (at the current schema), or an empty one at an older
    schema, or one stamped as written by a newer hipcli; closed, as another run left it."""
    from hipcli.history.store import MIGRATIONS
    path = folder / "history.sqlite3"
    if version < SCHEMA_VERSION:
        old = sqlite3.connect(path, isolation_level=None)
        old.execute("PRAGMA journal_mode=WAL")
        for statement in [s for statements in MIGRATIONS[:version] for s in statements]:
            old.execute(statement)
        old.execute(f"PRAGMA user_version = {version}")
        old.close()
        return path
    store = HistoryStore.open(path)
    begin(store)
    if version > SCHEMA_VERSION:
        store.db.execute(f"PRAGMA user_version = {version}")
    store.close()
    return path


def read_only_message(path):
    return (f"the history database {path} is read-only (attempt to write a readonly database);"
            " check the permissions of the file and its folder")


def test_a_history_folder_no_one_may_write_is_refused_before_anything_is_made(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    with unwritable(folder), pytest.raises(HistoryError) as caught:
        HistoryStore.open(folder / "history.sqlite3")
    assert str(caught.value) == f"cannot write in the history folder {folder}: permission denied"
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("folder_too", [False, True], ids=["file", "file-and-folder"])
def test_a_read_only_history_is_read_and_a_write_says_why_not(tmp_path, folder_too):
    path = a_history(tmp_path)
    with unwritable(path, *([tmp_path] if folder_too else [])):
        store = HistoryStore.open_existing(path)
        assert [(s.id, s.routine) for s in store.sessions()] == [(1, "tiny")]
        with pytest.raises(HistoryError) as caught:
            begin(store, routine="another")
        assert (str(caught.value), caught.value.kind) == (read_only_message(path), "read-only")
        assert store.count_sessions() == 1
        store.close()


@pytest.mark.parametrize("folder_too", [False, True], ids=["file", "file-and-folder"])
def test_an_older_read_only_history_reads_as_none_yet(tmp_path, folder_too):
    path = a_history(tmp_path, version=3)  # would gain exercise_doses, but cannot be changed
    with unwritable(path, *([tmp_path] if folder_too else [])):
        assert HistoryStore.open_existing(path) is None


def test_a_newer_history_on_a_read_only_mount_is_refused(tmp_path):
    path = a_history(tmp_path, version=SCHEMA_VERSION + 1)
    with unwritable(path, tmp_path), pytest.raises(HistoryError) as caught:
        HistoryStore.open_existing(path)
    assert str(caught.value) == (f"the history database {path} was written by a newer hipcli "
                                 f"(schema {SCHEMA_VERSION + 1}, this one knows {SCHEMA_VERSION})")


def test_a_history_cut_short_on_a_read_only_mount_is_reported_and_left_alone(tmp_path):
    path = a_history(tmp_path)
    path.write_bytes(path.read_bytes()[:100])  # the header alone: every page after it is gone
    with unwritable(path, tmp_path):
        refused_as_damaged(path, "database disk image is malformed", HistoryStore.open_existing)


def test_a_history_another_program_holds_says_so_and_waits_as_told(tmp_path):
    from hipcli.errors import HistoryBusy
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    sid = begin(store)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        busy = (f"the history database {path} is locked by another program (database is "
                "locked); try again when it has finished")
        with pytest.raises(HistoryBusy) as caught:  # wait_ms=0: the answer comes at once
            store.begin_session(routine="b", title="B", started_at="2026-01-05T10:00:00+01:00",
                                planned_seconds=60.0, level="easy", wait_ms=0)
        assert (str(caught.value), caught.value.kind) == (busy, "locked")
        with pytest.raises(HistoryBusy) as caught:
            store.record_steps(sid, [step(sid, 0)], duration=20.0, status="finished",
                               updated_at="2026-01-05T09:01:00+01:00", wait_ms=0)
        assert str(caught.value) == busy
        # the wait was for those writes only: the next ones wait the full 15 s again
        assert store.db.execute("PRAGMA busy_timeout").fetchone() == (15000,)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [(s.id, s.done) for s in store.sessions()] == [(sid, 0)]  # nothing half-written


def test_a_history_with_no_room_left_says_so_and_keeps_what_it_had(tmp_path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    sid = begin(store)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
    with pytest.raises(HistoryError) as caught:
        store.record_steps(sid, [step(sid, n) for n in range(500)], duration=1.0,
                           status="finished", updated_at="2026-01-05T09:30:00+01:00")
    assert (str(caught.value), caught.value.kind) == (
        f"the disk holding the history database {path} is full; free some space and try again",
        "full")
    assert store.steps() == [] and store.sessions()[0].duration == 0.0  # all or nothing


# -- waiting, threads, and what a write replaces ------------------------------------------------
def test_a_store_waits_as_long_as_it_was_opened_to(tmp_path):
    path = tmp_path / "h.sqlite3"
    timeout = lambda store: store.db.execute("PRAGMA busy_timeout").fetchone()[0]
    assert timeout(HistoryStore.open(path)) == 15000  # 15 s unless told
    assert timeout(HistoryStore.open(path, busy_ms=1234)) == 1234


def test_a_journal_waits_while_another_program_holds_the_history(tmp_path):
    from hipcli.history import journal
    path = tmp_path / "history.sqlite3"
    HistoryStore.open(path).close()
    fields = {"routine": "tiny", "title": "Tiny", "started_at": "2026-01-05T09:00:00+01:00",
              "planned_seconds": 60.0, "level": "easy"}
    journal.append(path, [{"op": "begin", "key": "k", "fields": fields}])
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        store = HistoryStore.open(path, busy_ms=5000)  # the merge gives up after 0.2 s
        assert journal.journal_path(path).exists()  # kept for next time
        assert store.db.execute("PRAGMA busy_timeout").fetchone() == (5000,)  # its own again
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.count_sessions() == 0
    store.close()
    assert [s.routine for s in HistoryStore.open(path).sessions()] == ["tiny"]  # now merged
    assert not journal.journal_path(path).exists()


def test_a_store_opened_in_one_thread_is_written_from_another(tmp_path):
    import threading
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    done = []
    writer = threading.Thread(target=lambda: done.append(begin(store)))
    writer.start()
    writer.join()
    assert done == [1] and store.count_sessions() == 1


def test_a_step_recorded_again_replaces_the_first_and_its_dose(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    sid = begin(store)
    store.record_steps(sid, [step(sid, 0, skipped=True)], duration=0.0, status=None,
                       updated_at="2026-01-05T09:00:10+01:00")
    store.record_steps(sid, [step(sid, 0)], duration=20.0, status="finished",
                       updated_at="2026-01-05T09:00:30+01:00")
    assert [(s.seq, s.skipped, s.seconds) for s in store.steps()] == [(0, False, 20.0)]
    # the session's dose of "ex" on the left: a 20 s hold, 1 set, done in full
    assert store.fetch("SELECT exercise_id, side, amount, sets, completed FROM exercise_doses"
                       " WHERE session_id = ?", [sid]) == [("ex", "left", 20.0, 1, 1)]


def test_whether_any_session_came_before_another(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    assert not store.has_sessions()
    begin(store, started_at="2026-01-05T09:00:00+00:00")  # id 1
    begin(store, started_at="2026-01-05T09:00:00+00:00")  # id 2: the same moment
    first, second = store.sessions()
    assert store.has_sessions()
    assert not store.has_sessions(before=first)  # id 2 shares its moment but came after
    assert store.has_sessions(before=second)  # id 1: the same moment, and first
    begin(store, started_at="2026-01-04T09:00:00+00:00")  # id 3: a day earlier
    assert store.has_sessions(before=first)
    assert not store.has_sessions(before=store.sessions()[0])  # nothing before the 4th


def test_a_history_folder_whose_name_is_too_long_to_look_in(tmp_path):
    folder = tmp_path / ("d" * 300)  # one name longer than the 255 bytes a file system takes
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open_existing(folder / "history.sqlite3")
    message = str(caught.value)
    assert message.startswith(f"cannot look in the history folder {str(folder)[:50]}...")
    assert message.endswith(f" ({len(str(folder)):,} characters): File name too long")


def test_a_folder_where_the_history_file_should_be(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(path)
    assert (str(caught.value), caught.value.kind) == (
        f"the history database {path} cannot be opened or created (unable to open database "
        "file); check that its folder exists and is writable", "missing")
    assert list(path.iterdir()) == []


def test_a_history_another_program_is_creating_is_waited_for(tmp_path):
    """Two programs making the file at once: the second is told "locked" at once, without the
    busy timeout, when it switches to WAL, and tries again until the first has finished."""
    import threading
    path = tmp_path / "history.sqlite3"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE early (x)")  # its first statements, not yet committed
    finishing = threading.Timer(0.05, lambda: other.execute("ROLLBACK"))
    finishing.start()
    try:
        store = HistoryStore.open(path, busy_ms=0)  # no busy timeout: only the retries wait
    finally:
        finishing.join()
        other.close()
    assert store.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert store.version() == SCHEMA_VERSION


def test_sessions_read_without_their_steps_counted(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    sid = begin(store)
    store.record_steps(sid, [step(sid, 0), step(sid, 1, skipped=True)], duration=20.0,
                       status="finished", updated_at="2026-01-05T09:01:00+01:00")
    assert [(s.done, s.skipped) for s in store.iter_sessions()] == [(1, 1)]
    assert [(s.done, s.skipped) for s in store.iter_sessions(counts=False)] == [(0, 0)]


def test_the_history_folder_cannot_be_made_where_a_file_is(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(tmp_path / "a-file" / "data" / "history.sqlite3")
    assert str(caught.value) == (f"cannot create the history folder {tmp_path}/a-file/data: "
                                 "Not a directory")


def test_without_a_path_the_data_folder_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(tmp_path / "data"))
    assert HistoryStore.open_existing() is None  # nothing recorded yet
    begin(HistoryStore.open(), routine="here")
    assert [s.routine for s in HistoryStore.open_existing().sessions()] == ["here"]


def test_a_database_that_cannot_use_wal_is_refused(tmp_path, monkeypatch):
    from pathlib import Path
    monkeypatch.chdir(tmp_path)
    with pytest.raises(HistoryError) as caught:  # SQLite's name for a database in memory
        HistoryStore.open(Path(":memory:"))
    assert str(caught.value) == "the history database :memory: cannot use WAL mode (memory)"
    assert list(tmp_path.iterdir()) == []


# -- switching a file to WAL while another program holds it: retried on a fake clock --------
@pytest.fixture
def fake_time(monkeypatch):
    """time.monotonic and time.sleep on a clock that moves only when slept on."""
    import time
    clock = {"now": 100.0, "sleeps": []}

    def sleep(seconds):
        clock["sleeps"].append(seconds)
        clock["now"] += seconds
        if len(clock["sleeps"]) > 10_000:  # fail, rather than wait on a retry that never ends
            raise AssertionError(f"still waiting after {len(clock['sleeps'])} sleeps")
    monkeypatch.setattr(time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(time, "sleep", sleep)
    return clock


def test_switching_to_wal_is_retried_every_10_ms_for_15_s_while_the_file_is_held(tmp_path,
                                                                                  fake_time):
    path = tmp_path / "history.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)  # a file still in rollback mode,
    holder.execute("CREATE TABLE t (x)")  # whose writer holds it: WAL cannot be switched on
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryError, match="locked|busy"):
            HistoryStore.open(path, busy_ms=0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    sleeps = fake_time["sleeps"]
    # Retried every 10 ms until 15 s have gone by: 15 / 0.01 = 1500 waits, one more when
    # adding up 0.01 in floating point falls a hair short of 15.
    assert set(sleeps) == {0.01} and 1500 <= len(sleeps) <= 1501


def test_a_file_that_cannot_be_written_is_refused_at_once_not_retried(tmp_path, fake_time):
    path = tmp_path / "history.sqlite3"
    made = sqlite3.connect(path)
    made.execute("CREATE TABLE t (x)")  # rollback mode: switching to WAL means writing
    made.commit()
    made.close()
    with unwritable(path, tmp_path):
        with pytest.raises(HistoryError):
            HistoryStore.open(path, busy_ms=0)
    assert fake_time["sleeps"] == []  # not "locked": no reason to wait and try again

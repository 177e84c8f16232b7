"""The tally `hipcli stats` reads instead of every session (history/tally.py): kept right by
every way hipcli writes, given up for any row another program wrote, and giving the figures
that reading each session gives. Figures come from the real command on a real SQLite file."""

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.history import tally
from hipcli.history.store import HistoryStore, default_path
from tests.examples import examples
from tests.history_helpers import without_the_tally


def stats(*args, today="2026-01-10"):
    result = CliRunner().invoke(app, ["stats", *args], env={"HIPCLI_TODAY": today})
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def figures(today="2026-01-10", weeks=1):
    return json.loads(stats("--json", "--weeks", str(weeks), today=today).stdout)


def session(store, started_at, *, routine="hip-cuff", minutes=10, status="finished"):
    sid = store.begin_session(routine=routine, title="Title", started_at=started_at,
                              planned_seconds=600.0, level="normal")
    if status != "running":
        store.record_steps(sid, [], duration=minutes * 60, status=status, updated_at=started_at)
    return sid


def on(day: int, time="08:30:00+01:00", month=1) -> str:
    return f"2026-{month:02d}-{day:02d}T{time}"


def streak(today="2026-01-10"):
    found = figures(today)
    return found["current_streak_days"], found["longest_streak_days"], found["sessions"]


def test_runs_of_days_join_whatever_order_the_days_come_in():
    """Today is Saturday 10 January; the current run ends today or yesterday (the 9th)."""
    store = HistoryStore.open()
    for day in (1, 2, 3, 6, 7):
        session(store, on(day))
    assert streak() == (0, 3, 5)  # runs 1-3 and 6-7; nothing on the 9th or 10th
    session(store, on(5))
    assert streak() == (0, 3, 6)  # 5 joins the run after it: 5-7, three days
    session(store, on(4))
    assert streak() == (0, 7, 7)  # 4 joins 1-3 and 5-7: 1-7
    session(store, on(9, "07:00:00+01:00"))
    session(store, on(9, "19:00:00+01:00"))
    assert streak() == (1, 7, 9)  # two sessions on the 9th: one day, and yesterday counts
    session(store, on(8))
    assert streak() == (9, 9, 10)  # 8 joins 1-7 and 9: 1-9
    session(store, on(2, "18:00:00+01:00"))
    assert streak() == (9, 9, 11)  # a day already in a run changes nothing
    session(store, on(10))
    session(store, on(11))  # a day after today (a clock ahead): in the longest run only
    assert streak() == (10, 11, 13)  # 1-11: today is day 10 of it
    session(store, on(31, month=12).replace("2026", "2025"))
    assert streak() == (11, 12, 14)  # 31 December joins the run that begins on 1 January
    assert streak(today="2026-01-13") == (0, 12, 14)  # the 12th missed: the run is over


def test_a_day_is_the_one_the_start_time_was_written_on():
    """Late evening west of Greenwich is the next day in UTC, early morning east of it the day
    before: neither moves a session to another day or week. Today is Wednesday 7 January."""
    store = HistoryStore.open()
    session(store, "2026-01-03T12:00:00+00:00", minutes=10)  # Saturday
    session(store, "2026-01-04T23:59:59-05:00", minutes=20)  # Sunday; Monday 04:59 in UTC
    session(store, "2026-01-05T00:00:00+14:00", minutes=5)   # Monday; Sunday 10:00 in UTC
    session(store, "2026-01-06T00:30:00+02:00", minutes=7)   # Tuesday; Monday 22:30 in UTC
    found = figures(today="2026-01-07", weeks=2)
    # Days 3, 4, 5 and 6: one run, up to yesterday (in UTC: 3, 4 and 5 only).
    assert (found["current_streak_days"], found["longest_streak_days"]) == (4, 4)
    assert found["weeks"] == [
        {"week_of": "2025-12-29", "sessions": 2, "minutes": 30},  # 10 + 20
        {"week_of": "2026-01-05", "sessions": 2, "minutes": 12}]  # 5 + 7


def test_the_chart_begins_on_the_first_monday_shown_and_the_totals_on_the_first_session():
    """Two weeks shown on Wednesday 14 January: from Monday the 5th at midnight on."""
    store = HistoryStore.open()
    session(store, "2026-01-04T23:59:59+01:00", minutes=10, routine="old-routine-deleted")
    session(store, "2026-01-05T00:00:00+01:00", minutes=20)
    session(store, "2026-01-13T12:00:00+01:00", minutes=7)
    found = figures(today="2026-01-14", weeks=2)
    assert found["weeks"] == [{"week_of": "2026-01-05", "sessions": 1, "minutes": 20},
                              {"week_of": "2026-01-12", "sessions": 1, "minutes": 7}]
    assert (found["sessions"], found["minutes"]) == (3, 37)  # 10 + 20 + 7
    assert found["routines"] == {"hip-cuff": 2, "old-routine-deleted": 1}


def test_totals_count_each_ending_and_a_session_whose_program_is_gone_as_partial():
    store = HistoryStore.open()
    session(store, on(5), minutes=11, routine="b")
    session(store, on(6), minutes=3, status="partial", routine="a")
    session(store, on(7), routine="c", status="running")  # begun by this test: not hipcli
    session(store, on(8), routine="b\x1b")
    session(store, on(8, "09:00:00+01:00"), routine="b\\x1b")
    # 11 + 3 + 0 (still running when it was left) + 10 + 10 = 34 min; the escape is shown as
    # the text \x1b, so the last two routines are one name; ties in count go by name.
    assert stats(today="2026-01-09").stdout.splitlines()[:3] == [
        "Sessions: 5 (3 finished, 2 partial), 34 min in all",
        "Streak: 4 days now, longest 4 days",
        "Per routine: b\\x1b 2, a 1, b 1, c 1"]


def test_every_way_hipcli_writes_a_session_keeps_it_tallied(tmp_path):
    from hipcli.history.checkins import CheckIn, save_checkin
    store = HistoryStore.open()
    sid = session(store, on(5))
    save_checkin(store, CheckIn(sid, 2, "right"), on(5, "09:00:00+01:00"))
    session(store, on(6), status="running")
    known = store.apply([
        {"op": "begin", "key": "k", "fields": {
            "routine": "hip-cuff", "title": "Title", "started_at": on(7),
            "planned_seconds": 600.0, "level": "normal"}},
        {"op": "steps", "key": "k", "rows": [], "duration": 300.0, "status": "finished",
         "updated_at": on(7)}], known={})
    assert list(known) == ["k"]
    assert tally.every_row_counted(store)
    found = figures(today="2026-01-07")
    # 10 + 0 + 5 minutes; 5, 6 and 7 January in a row
    assert (found["sessions"], found["minutes"], found["current_streak_days"]) == (3, 15, 3)


def three_days() -> None:
    """Sessions 1, 2 and 3 on the 7th, 8th and 9th, 10 minutes each, written by hipcli."""
    store = HistoryStore.open()
    for day in (7, 8, 9):
        session(store, on(day))
    store.close()


def another_program(statement: str, *params) -> None:
    with sqlite3.connect(default_path()) as db:
        db.execute(statement, params)


def drop_session(sid: int) -> None:
    another_program("DELETE FROM sessions WHERE id = ?", sid)


def add_by_hand(started_at: str, routine="by-hand") -> None:
    another_program("INSERT INTO sessions (routine, title, started_at, planned_seconds, duration,"
                    " status, level) VALUES (?, 'T', ?, 600, 120, 'finished', 'easy')",
                    routine, started_at)


def test_a_session_another_program_changed_is_counted_as_it_now_stands():
    three_days()
    another_program("UPDATE sessions SET routine = 'renamed', duration = 60 WHERE id = 2")
    found = figures()
    assert found["routines"] == {"hip-cuff": 2, "renamed": 1}
    assert found["minutes"] == 21  # 10 + 1 + 10


def test_a_session_another_program_removed_is_not_counted():
    three_days()
    drop_session(2)
    assert streak() == (1, 1, 2)  # the 8th is gone: 7 and 9 stand alone


def test_a_session_another_program_added_is_counted():
    store = HistoryStore.open()
    session(store, on(7))
    add_by_hand(on(8))
    assert streak() == (0, 2, 2)
    assert figures()["routines"] == {"by-hand": 1, "hip-cuff": 1}


def test_a_session_removed_and_another_added_by_hand_is_not_mistaken_for_it():
    """The same number of sessions as the tally holds, but not the same sessions."""
    three_days()
    drop_session(1)
    add_by_hand(on(2))  # id 4: a new row, far from the 7th
    found = figures()
    assert (found["current_streak_days"], found["longest_streak_days"]) == (2, 2)  # 8-9
    assert found["routines"] == {"by-hand": 1, "hip-cuff": 2}
    assert found["minutes"] == 22  # 10 + 10 + 2


def test_a_session_another_program_wrote_over_is_counted_as_it_now_stands():
    """INSERT OR REPLACE: the same id, the same number of sessions, another row."""
    three_days()
    another_program("INSERT OR REPLACE INTO sessions (id, routine, title, started_at,"
                    " planned_seconds, duration, status, level) VALUES (2, 'other', 'T', ?,"
                    " 600, 180, 'partial', 'easy')", on(3))
    found = figures()
    assert (found["current_streak_days"], found["longest_streak_days"]) == (1, 1)  # 3, 7, 9
    assert (found["finished"], found["partial"], found["minutes"]) == (2, 1, 23)  # 10 + 3 + 10
    assert found["routines"] == {"hip-cuff": 2, "other": 1}


@pytest.mark.parametrize("started_at, read", [
    ("2026-01-08 08:30:00", True),             # not hipcli's form, but a time Python reads
    ("2026-01-08T08:30:00Z", True),
    ("2026-02-30T08:30:00+01:00", False),       # no such day
    ("2026-01-08T24:00:00+01:00", False),       # no such hour
    ("2026-01-08T08:30:60+01:00", False),
    ("2026-01-08T08:30:00+24:00", False),       # an offset of a whole day
    ("0000-01-08T08:30:00+01:00", False),       # no year 0
])
def test_a_start_time_only_python_can_judge_is_left_to_it(started_at, read):
    """Each of these rows is read and checked by Python, as before the tally: counted when it
    reads, else named as unreadable and left out."""
    store = HistoryStore.open()
    session(store, on(9))
    session(store, started_at)
    assert not tally.every_row_counted(store)
    result = stats("--json")
    found = json.loads(result.stdout)
    assert found["sessions"] == (2 if read else 1)
    assert found["longest_streak_days"] == (2 if read else 1)  # the 8th and the 9th
    assert ("1 session in the history cannot be read" in result.stderr) is not read


def test_a_history_from_before_the_tally_gets_it_when_opened():
    store = HistoryStore.open()
    for day in (1, 2, 3, 9):
        session(store, on(day))
    session(store, on(5, "00:30:00+02:00"))  # the 4th in UTC, which would join 1-3
    session(store, on(9, "10:00:00+01:00"), status="running")
    without_the_tally(store)
    store.close()
    store = HistoryStore.open()
    assert tally.every_row_counted(store)
    assert store.fetch("SELECT first, last, days FROM day_runs ORDER BY first") == [
        ("2026-01-01", "2026-01-03", 3), ("2026-01-05", "2026-01-05", 1),
        ("2026-01-09", "2026-01-09", 1)]
    found = figures()
    assert (found["sessions"], found["finished"], found["partial"]) == (6, 5, 1)
    assert (found["current_streak_days"], found["longest_streak_days"]) == (1, 3)


# -- which start times SQLite vouches for ------------------------------------------------------
def counted(started_at) -> bool:
    db = sqlite3.connect(":memory:")
    return bool(db.execute(
        f"SELECT {tally.COUNTED} FROM (SELECT 'r' AS routine, 't' AS title, 'l' AS level,"
        " 'finished' AS status, 1.0 AS planned_seconds, 1.0 AS duration, 1.0 AS speed,"
        " ? AS started_at)", (started_at,)).fetchone()[0])


def python_reads(started_at: str) -> bool:
    try:
        datetime.fromisoformat(started_at)
        date.fromisoformat(started_at[:10])
    except ValueError:
        return False
    return True


def two(top):
    return st.integers(0, top).map(lambda n: f"{n:02d}")


LIKE_A_TIME = st.builds(
    lambda y, mo, d, h, mi, s, sign, oh, om: f"{y:04d}-{mo}-{d}T{h}:{mi}:{s}{sign}{oh}:{om}",
    st.integers(0, 9999), two(13), two(32), two(25), two(61), two(61), st.sampled_from("+-"),
    two(25), two(61))


@settings(max_examples=examples(300), deadline=None)
@given(LIKE_A_TIME)
def test_a_start_time_sqlite_counts_is_one_python_reads_on_the_same_day(started_at):
    if counted(started_at):
        assert python_reads(started_at)


@settings(max_examples=examples(200), deadline=None)
@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
       st.integers(-23 * 60 - 59, 23 * 60 + 59))
def test_every_start_time_hipcli_writes_is_counted(moment, offset_minutes):
    zone = timezone(timedelta(minutes=offset_minutes))
    assert counted(moment.replace(tzinfo=zone).isoformat(timespec="seconds"))

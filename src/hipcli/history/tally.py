"""What `hipcli stats` counts over the whole history, kept up to date as sessions are written so
that the command's cost does not grow with the history.

Two tables, written by the store in the transaction that writes a session row:
`session_tally`, one row per session (routine, status, duration), from which SQLite adds
up totals and counts per routine; and `day_runs`, the runs of consecutive days with a session
(first day, last day, length), from which the streaks are read in a lookup or two.

The tally holds only the rows SQLite can vouch for itself: the types a session row promises, a
status hipcli writes and a start time in the form hipcli writes (2026-01-05T08:30:00+01:00, a
day and time that exist). Any write to a session row takes its tally away (two triggers), and
the store tallies the rows it writes again: a row written by hand or by another program stays
untallied. When the tally does not hold every session, stats reads and checks each one instead.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, timedelta

from hipcli.history import rows
from hipcli.records import record

_MOMENT = ("'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]"
           "[+-][0-9][0-9]:[0-5][0-9]'")
# BETWEEN, not abs(): abs() of the smallest integer fails with "integer overflow".
_FINITE = "typeof({0}) IN ('integer', 'real') AND {0} BETWEEN -1e308 AND 1e308"
COUNTED = " AND ".join([
    "typeof(routine) || typeof(title) || typeof(level) || typeof(started_at) = 'texttexttexttext'",
    "status IN ('running', 'finished', 'partial')",
    *(_FINITE.format(column) for column in ("planned_seconds", "duration", "speed")),
    f"started_at GLOB {_MOMENT}", "started_at >= '0001'", "substr(started_at, 21, 2) < '24'",
    # a day and time that exist: SQLite moves 2026-02-30 on to March, Python refuses it
    "strftime('%Y-%m-%dT%H:%M:%S', substr(started_at, 1, 19), '+0 days')"
    " = substr(started_at, 1, 19)"])


def _tally(sessions: str) -> str:
    """The statement that (re)writes the tally of the sessions picked by the condition."""
    return ("INSERT OR REPLACE INTO session_tally (session_id, routine, status, duration)"
            " SELECT id, routine, status, duration FROM sessions"
            f" WHERE {sessions} AND {COUNTED}")


# Days less their rank among all days give one number per run of consecutive days.
_RUNS = ("SELECT min(day), max(day), count(*) FROM (SELECT day,"
         " julianday(day) - row_number() OVER (ORDER BY day) AS run FROM"
         " (SELECT DISTINCT substr(started_at, 1, 10) AS day FROM sessions"
         "  WHERE id IN (SELECT session_id FROM session_tally))) GROUP BY run")

# Short statements: the whole schema must stay small (it lives on the database's first page).
MIGRATION: tuple[str, ...] = (
    "CREATE TABLE session_tally (session_id INTEGER PRIMARY KEY, routine TEXT NOT NULL,"
    " status TEXT NOT NULL, duration REAL NOT NULL) STRICT",
    "CREATE TABLE day_runs (first TEXT PRIMARY KEY, last TEXT NOT NULL, days INTEGER NOT NULL)"
    " STRICT, WITHOUT ROWID",
    "CREATE TRIGGER untally_new AFTER INSERT ON sessions BEGIN"
    " DELETE FROM session_tally WHERE session_id = NEW.id; END",
    "CREATE TRIGGER untally_changed AFTER UPDATE ON sessions BEGIN"
    " DELETE FROM session_tally WHERE session_id IN (OLD.id, NEW.id); END",
    _tally("1"),  # the sessions recorded before the tally existed
    f"INSERT INTO day_runs (first, last, days) {_RUNS}",
)


# -- written with each session -------------------------------------------------------------
def count_session(db: sqlite3.Connection, session_id: int) -> None:
    """Tally a session whose row was just written (begun, or brought up to date with its steps),
    in the caller's transaction; its day joins the runs of days."""
    if db.execute(_tally("id = ?"), (session_id,)).rowcount:
        started = db.execute("SELECT started_at FROM sessions WHERE id = ?",
                             (session_id,)).fetchone()[0]
        add_day(db, date.fromisoformat(started[:10]))


def add_day(db: sqlite3.Connection, day: date) -> None:
    """A day with a session: nothing if a run holds it already, else it extends the run that
    ends the day before and joins the one that begins the day after, or starts its own."""
    shown = day.isoformat()
    before = db.execute("SELECT first, last, days FROM day_runs WHERE first <= ?"
                        " ORDER BY first DESC LIMIT 1", (shown,)).fetchone()
    if before and before[1] >= shown:
        return
    first, last, days = shown, shown, 1
    if before and day > date.min and before[1] == (day - timedelta(days=1)).isoformat():
        first, days = before[0], before[2] + 1
    after = (day + timedelta(days=1)).isoformat() if day < date.max else None
    following = db.execute("SELECT last, days FROM day_runs WHERE first = ?", (after,)).fetchone()
    if following:
        last, days = following[0], days + following[1]
        db.execute("DELETE FROM day_runs WHERE first = ?", (after,))
    db.execute("INSERT OR REPLACE INTO day_runs (first, last, days) VALUES (?, ?, ?)",
               (first, last, days))


# -- read by stats ---------------------------------------------------------------------------
@record
class Totals:
    sessions: int
    seconds: float
    finished: int
    partial: int
    running: int  # still marked running: partial unless their process is alive (the store says)


def every_row_counted(store) -> bool:
    """Whether the tally holds every session and no other, so that the figures below are the
    whole story. A session deleted by another program leaves its tally behind: the counts, or
    the last ids when a new session took its place, differ."""
    every, tallied, last, last_tallied = store.fetch(
        "SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM session_tally),"
        " (SELECT max(id) FROM sessions), (SELECT max(session_id) FROM session_tally)")[0]
    return every == tallied and last == last_tallied


def totals(store) -> Totals:
    """Sessions, seconds and how many ended which way."""
    count, seconds, finished, partial, running = store.fetch(
        "SELECT count(*), total(duration), total(status = 'finished'), total(status = 'partial'),"
        " total(status = 'running') FROM session_tally")[0]
    return Totals(count, seconds, int(finished), int(partial), int(running))


def running_ids(store) -> list[int]:
    """The sessions still marked running."""
    return [row[0] for row in store.fetch(
        "SELECT session_id FROM session_tally WHERE status = 'running'")]


def per_routine(store) -> Counter[str]:
    """Sessions per routine, named as `hipcli history` shows them (control characters made
    visible, so two names may become one)."""
    found: Counter[str] = Counter()
    for routine, count in store.fetch(
            "SELECT routine, count(*) FROM session_tally GROUP BY routine"):
        found[rows.text(routine, "routine")] += count
    return found


def streaks(store, *, today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with a session, as stats.streaks counts them:
    the current run ends today, or yesterday while today's session may still come."""
    latest = store.fetch("SELECT first, last FROM day_runs WHERE first <= ?"
                         " ORDER BY first DESC LIMIT 1", (today.isoformat(),))
    longest = store.fetch("SELECT max(days) FROM day_runs")[0][0] or 0
    if not latest:
        return 0, longest
    first, last = (date.fromisoformat(day) for day in latest[0])
    end = min(last, today)
    return ((end - first).days + 1 if end >= today - timedelta(days=1) else 0), longest


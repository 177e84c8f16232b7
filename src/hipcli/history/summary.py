"""What each session did with each exercise and side, kept as one row per exercise, side and
session (`exercise_doses`) by the store's writes of steps, so that planning reads a few rows
instead of every step ever recorded.

A row holds what history/progression.py's `past_doses` works out from the steps: the amount of
the first work step (hold or reps, 0 when missing), the sets (the most any step says, at least
1) and whether every set was done in full. Only steps SQLite finds well-typed count, as when
the steps are read one by one.
"""

from __future__ import annotations

from hipcli.doses import WORK_KINDS

_KINDS = ", ".join(f"'{kind}'" for kind in WORK_KINDS)  # fixed words, not user text
_SOUND = ("typeof(exercise_id) = 'text' AND typeof(kind) = 'text' AND typeof(set_no) = 'integer' AND typeof(set_count) = 'integer'"
          " AND typeof(skipped) = 'integer' AND typeof(seq) = 'integer'"
          " AND typeof(reps) IN ('integer', 'null')"
          " AND (hold IS NULL OR (typeof(hold) IN ('integer', 'real') AND abs(hold) < 1e308))"
          " AND typeof(planned_seconds) IN ('integer', 'real') AND abs(planned_seconds) < 1e308"
          " AND typeof(seconds) IN ('integer', 'real') AND abs(seconds) < 1e308")


def _summarise(sessions: str) -> str:
    """The rows of the sessions picked by the condition `sessions` (on the steps table)."""
    each_step = (
        "SELECT session_id, exercise_id, side,"
        " first_value(CASE kind WHEN 'hold' THEN hold ELSE reps END) OVER ("
        "   PARTITION BY session_id, exercise_id, side ORDER BY seq) AS amount,"
        " max(set_count) OVER (PARTITION BY session_id, exercise_id, side) AS top,"
        " CASE WHEN skipped = 0 AND seconds >= planned_seconds - 0.5"
        "   THEN CASE set_no WHEN 0 THEN 1 ELSE set_no END END AS done_set"
        f" FROM steps WHERE {sessions} AND kind IN ({_KINDS}) AND exercise_id <> ''"
        f" AND {_SOUND}")
    sets = "CASE top WHEN 0 THEN 1 ELSE top END"
    return (
        "INSERT INTO exercise_doses (session_id, exercise_id, side, started_at, speed, level,"
        " amount, sets, completed)"
        " SELECT w.session_id, w.exercise_id, w.side, s.started_at, s.speed, s.level,"
        f" coalesce(w.amount, 0), {sets},"
        f" count(DISTINCT CASE WHEN done_set BETWEEN 1 AND {sets} THEN done_set END) >= {sets}"
        f" FROM ({each_step}) w JOIN sessions s ON s.id = w.session_id"
        " GROUP BY w.session_id, w.exercise_id, w.side")


def refresh(session_id: int) -> tuple[str, str, tuple[int]]:
    """The statements that bring one session's rows up to date after its steps changed: run
    by the store in the transaction that wrote the steps."""
    return ("DELETE FROM exercise_doses WHERE session_id = ?",
            _summarise("session_id = ?"), (session_id,))


# Short statements: the whole schema must stay small (it lives on the database's first page).
MIGRATION: tuple[str, ...] = (
    "CREATE TABLE exercise_doses (session_id INTEGER NOT NULL REFERENCES sessions (id)"
    " ON DELETE CASCADE, exercise_id TEXT NOT NULL, side TEXT, started_at TEXT NOT NULL,"
    " speed REAL NOT NULL, level TEXT NOT NULL, amount REAL NOT NULL, sets INTEGER NOT NULL,"
    " completed INTEGER NOT NULL) STRICT",
    "CREATE INDEX exercise_doses_by_key ON exercise_doses"
    " (exercise_id, side, started_at, session_id)",
    "CREATE INDEX exercise_doses_by_id ON exercise_doses (exercise_id, session_id)",
    "CREATE INDEX exercise_doses_by_session ON exercise_doses (session_id)",
    _summarise("1"),  # the sessions recorded before this table existed
)

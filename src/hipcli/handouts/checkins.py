"""Pain and effort check-ins, read from the history when it has them.

Older histories have no check-in table; the report then says none were recorded. The table is
found by name and its pain/effort columns by name, so a history that gains them later shows
them without a change here.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from typing import Optional

from hipcli.history.store import HistoryStore

TABLES = ("checkins", "check_ins", "checkin")
TIME_COLUMNS = ("taken_at", "recorded_at", "created_at", "at")


@dataclass(frozen=True)
class CheckIn:
    at: str
    pain: Optional[float]
    effort: Optional[float]


def read_checkins(store: Optional[HistoryStore], since: Optional[str]) -> Optional[list[CheckIn]]:
    """Check-ins from `since` on, oldest first; None when the history keeps none."""
    if store is None:
        return None
    try:
        return _read(store.db, since)
    except sqlite3.Error:
        return None


def _read(db: sqlite3.Connection, since: Optional[str]) -> Optional[list[CheckIn]]:
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    table = next((name for name in TABLES if name in names), None)
    if table is None:
        return None
    columns = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
    if not columns & {"pain", "effort"}:
        return None
    if "session_id" in columns:
        when = "(SELECT started_at FROM sessions WHERE sessions.id = c.session_id)"
    else:
        found = next((name for name in TIME_COLUMNS if name in columns), None)
        if found is None:
            return None
        when = f'c."{found}"'
    pain = "c.pain" if "pain" in columns else "NULL"
    effort = "c.effort" if "effort" in columns else "NULL"
    rows = db.execute(f'SELECT {when} AS at, {pain}, {effort} FROM "{table}" c '
                      "WHERE at IS NOT NULL AND (? IS NULL OR at >= ?) ORDER BY at",
                      (since, since)).fetchall()
    return [CheckIn(str(at), _score(p), _score(e)) for at, p, e in rows]


def _score(value: object) -> Optional[float]:
    """A number, or None for anything else (text, NaN, infinity)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None

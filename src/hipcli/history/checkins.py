"""Check-ins: how much the hip hurt (0-10) and how hard the session felt, one per session."""

from __future__ import annotations

from typing import Optional

from hipcli.choices import EFFORTS
from hipcli.history.store import CHECKIN_INSERT, HistoryStore, placeholders
from hipcli.records import record

RISE_THAT_HOLDS = 2  # pain up this much since the session before: no dose goes up


@record
class CheckIn:
    session_id: int
    pain: Optional[int]
    effort: Optional[str]

    @property
    def given(self) -> bool:
        return self.pain is not None or self.effort is not None

    def words(self) -> str:
        parts = []
        if self.pain is not None:
            parts.append(f"pain {self.pain}/10")
        if self.effort is not None:
            parts.append(f"effort {self.effort}")
        return ", ".join(parts) or "no check-in"


def save_checkin(store: HistoryStore, checkin: CheckIn, taken_at: str) -> None:
    if not checkin.given:
        return
    store.write([(CHECKIN_INSERT, (checkin.session_id, checkin.pain, checkin.effort,
                                    taken_at))])


def checkins(store: HistoryStore, session_ids: Optional[list[int]] = None) -> dict[int, CheckIn]:
    """Session id -> its check-in."""
    query = "SELECT session_id, pain, effort FROM checkins"
    params: list[object] = []
    if session_ids is not None:
        query += f" WHERE session_id IN ({placeholders(session_ids)})"
        params = list(session_ids)
    return {row[0]: CheckIn(*row) for row in store.fetch(query, params)}


def effort_rank(effort: str) -> int:
    return EFFORTS.index(effort)  # type: ignore[arg-type]


def pain_hold(pains: list[int], ceiling: Optional[int]) -> Optional[str]:
    """Why no dose may go up, from the pain of the latest check-ins (oldest first), or None."""
    if not pains:
        return None
    last = pains[-1]
    if ceiling is not None and last > ceiling:
        return f"pain {last}/10 last time is above the ceiling of {ceiling}"
    if len(pains) >= 2 and last - pains[-2] >= RISE_THAT_HOLDS:
        return f"pain rose from {pains[-2]} to {last} since the session before"
    return None

"""Pain and effort check-ins for the report, read from the history's check-in table.

Effort is kept as a word; the report averages it as a score: easy 1, right 2, hard 3. Check-ins
of sessions run sped up (previews) are left out, as the sessions are.
"""

from __future__ import annotations

from typing import Optional

from hipcli.history.store import HistoryStore
from hipcli.records import record

EFFORT_SCORES = {"easy": 1.0, "right": 2.0, "hard": 3.0}
EFFORT_SCALE = "effort: 1 easy, 2 right, 3 hard"


@record
class CheckIn:
    at: str
    pain: Optional[float]
    effort: Optional[float]


def read_checkins(store: Optional[HistoryStore], since: Optional[str]) -> Optional[list[CheckIn]]:
    """Check-ins from `since` on, oldest first; None when there is no history yet."""
    from hipcli.history.checkins import checkins
    if store is None:
        return None
    sessions = [s for s in store.sessions(since=since) if s.speed <= 1]
    given = checkins(store, [s.id for s in sessions]) if sessions else {}
    return [CheckIn(s.started_at, None if c.pain is None else float(c.pain),
                    EFFORT_SCORES.get(c.effort or ""))
            for s in sessions if (c := given.get(s.id)) is not None]

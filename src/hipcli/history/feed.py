"""What the history tells planning: past doses of exercises, the clean sessions exercise
progressions count, and whether pain holds doses back. Each answer is a few indexed rows of the
per-session summary (summary.py), whatever the size of the history; previews (sessions sped
up, sessions at a --level or with --hold, --reps or --rest) count for nothing."""

from __future__ import annotations

from typing import Optional

from hipcli.doses import Dose, Key
from hipcli.history.checkins import pain_hold
from hipcli.history.progression import SESSIONS_TO_RISE, PastDose
from hipcli.history.store import HistoryStore, placeholders
from hipcli.model import Goal
from hipcli.planning import PROGRESSION


class StoreFeed:
    """Answers planning's questions from an open history database."""

    def __init__(self, store: HistoryStore):
        self.store = store

    def past_doses(self, keys: list[Key]) -> dict[Key, list[PastDose]]:
        """Per exercise and side, newest first, the last sessions that dosed it (an amount
        above 0): all that deciding its next dose looks at."""
        found: dict[Key, list[PastDose]] = {}
        for exercise, side in dict.fromkeys(keys):
            rows = self.store.fetch(
                "SELECT session_id, amount, sets, completed FROM exercise_doses"
                " WHERE exercise_id = ? AND side IS ? AND speed <= 1 AND level = ? AND amount > 0"
                " ORDER BY started_at DESC, session_id DESC LIMIT ?",
                (exercise, side, PROGRESSION, SESSIONS_TO_RISE))
            if rows:
                found[(exercise, side)] = [PastDose(session, Dose(float(amount), int(sets)),
                                                    bool(completed))
                                           for session, amount, sets, completed in rows]
        return found

    def clean_sessions(self, exercise_id: str, goal: Goal, *,
                       leaving_out: Optional[int] = None) -> list[bool]:
        """Per session with the exercise, newest (highest id) first, over the whole history:
        every side done at the goal in full. `leaving_out`: a session not to count."""
        rows = self.store.fetch(
            "SELECT min(completed AND amount >= ? AND sets >= ?) FROM exercise_doses"
            " WHERE exercise_id = ? AND speed <= 1 AND level = ? AND session_id IS NOT ?"
            " GROUP BY session_id ORDER BY session_id DESC",
            (goal.reps, goal.sets, exercise_id, PROGRESSION, leaving_out))
        return [bool(clean) for (clean,) in rows]

    def latest_session(self, exercise_ids: list[str]) -> Optional[int]:
        """The highest id of a session that did any of these exercises."""
        rows = self.store.fetch(
            "SELECT max(session_id) FROM exercise_doses WHERE speed <= 1 AND level = ?"
            f" AND exercise_id IN ({placeholders(exercise_ids)})", [PROGRESSION, *exercise_ids])
        return rows[0][0] if rows else None

    def pain_hold(self, routine: str) -> Optional[str]:
        """From the pain of the last two check-ins of sessions that count (finished, not
        previews)."""
        rows = self.store.fetch(
            "SELECT c.pain FROM checkins c JOIN sessions s ON s.id = c.session_id"
            " WHERE s.status = 'finished' AND s.speed <= 1 AND c.pain IS NOT NULL"
            " ORDER BY s.started_at DESC, s.id DESC LIMIT 2")
        return pain_hold([pain for (pain,) in reversed(rows)], self._ceiling(routine))

    def _ceiling(self, routine: str) -> Optional[int]:
        """The ceiling of the program under way, when this routine is one of its."""
        from hipcli.history.runs import program_for
        program = program_for(self.store, routine)
        return program.pain_ceiling if program else None


def feed(store: Optional[HistoryStore]) -> Optional[StoreFeed]:
    """A feed from the store, or None when there is no history file yet."""
    return StoreFeed(store) if store is not None else None

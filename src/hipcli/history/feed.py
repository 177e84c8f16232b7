"""What the history tells planning: past doses of exercises, and whether pain holds them."""

from __future__ import annotations

from typing import Optional

from hipcli.doses import Key
from hipcli.history.checkins import checkins, pain_hold
from hipcli.history.progression import PastDose, past_doses
from hipcli.history.stages import counts
from hipcli.history.store import HistoryStore


class StoreFeed:
    """Answers planning's questions from an open history database; previews (sessions sped
    up) are left out."""

    def __init__(self, store: HistoryStore):
        self.store = store

    def past_doses(self, keys: list[Key]) -> dict[Key, list[PastDose]]:
        """What each exercise did in every session that followed progression (not previews at
        a faster speed, nor sessions at a --level or with --hold, --reps or --rest): exercise
        progressions count clean sessions over the whole history."""
        from hipcli.planning import PROGRESSION
        counted = [session.id for session in self.store.iter_sessions(counts=False)
                   if session.speed <= 1 and session.level == PROGRESSION]
        wanted = set(counted)
        rows = [row for row in self.store.steps(exercises=sorted({k[0] for k in keys}))
                if row.session_id in wanted]
        return past_doses(rows, counted)

    def pain_hold(self, routine: str) -> Optional[str]:
        sessions = [s for s in self.store.sessions() if counts(s)]
        given = checkins(self.store, [s.id for s in sessions]) if sessions else {}
        pains = [c.pain for s in sessions if (c := given.get(s.id)) and c.pain is not None]
        return pain_hold(pains, self._ceiling(routine))

    def _ceiling(self, routine: str) -> Optional[int]:
        """The ceiling of the program under way, when this routine is one of its."""
        from hipcli.history.coaching import program_for
        program = program_for(self.store, routine)
        return program.pain_ceiling if program else None


def feed(store: Optional[HistoryStore]) -> Optional[StoreFeed]:
    """A feed from the store, or None when there is no history file yet."""
    return StoreFeed(store) if store is not None else None

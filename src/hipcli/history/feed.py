"""What the history tells planning: past doses of exercises, and whether a phase was passed."""

from __future__ import annotations

from typing import Optional

from hipcli.doses import Key
from hipcli.history.programs import PhasePassed, phase_passed
from hipcli.history.progression import PastDose, past_doses
from hipcli.history.store import HistoryStore
from hipcli.programs import Phase


class StoreFeed:
    """Answers planning's questions from an open history database."""

    def __init__(self, store: HistoryStore):
        self.store = store

    def past_doses(self, exercises: list[str]) -> dict[Key, list[PastDose]]:
        rows = self.store.steps(exercises=exercises)
        return past_doses(rows, [session.id for session in self.store.sessions()])

    def phase_passed(self, phase: Phase, keys: list[Key]) -> Optional[PhasePassed]:
        return phase_passed(self.store, phase, keys)


def feed(store: Optional[HistoryStore]) -> Optional[StoreFeed]:
    """A feed from the store, or None when there is no history file yet."""
    return StoreFeed(store) if store is not None else None

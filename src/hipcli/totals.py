"""How long routines take as `start` would run them without options (doses as far as the
history has earned them): the one total `validate`, `routines` and `show` agree on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from hipcli.errors import HipcliError

if TYPE_CHECKING:
    from hipcli.loading import LoadedRoutine
    from hipcli.planning import HistoryFeed
    from hipcli.timeline import Timeline


def planned_totals(paths: dict[str, Path]) -> dict[str, Optional[float]]:
    """Seconds each routine takes, by name; None for a routine that does not load."""
    from hipcli.history.feed import feed
    from hipcli.history.store import HistoryStore
    from hipcli.loading import load_path
    try:
        store = HistoryStore.open_existing()
    except HipcliError:  # a listing still lists: these totals then start from the bottom
        store = None
    totals: dict[str, Optional[float]] = {}
    try:
        history = feed(store)
        for name, path in paths.items():
            try:
                totals[name] = planned_timeline(load_path(path), history).total
            except HipcliError:
                totals[name] = None
    finally:
        if store is not None:
            store.close()
    return totals


def planned_timeline(loaded: "LoadedRoutine", history: "Optional[HistoryFeed]") -> "Timeline":
    """The routine as `start` without options would run it."""
    from hipcli.launch import prepare
    from hipcli.timeline import Options
    _, timeline = prepare(loaded, Options(), level=None, history=history)
    return timeline

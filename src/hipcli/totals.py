"""How long routines take as `start` would run them without options (doses as far as the
history has earned them): the one total `validate`, `routines` and `show` agree on.

Working the totals out means loading, planning and compiling every routine: several times
what the rest of `routines` costs. The listing keeps them in the cache folder with what they
were worked out from and works them out again only when one of those has changed: the bytes
of every routine file and of the library (a checksum), the history database with its
write-ahead log and journal (size, modification time and the headers SQLite rewrites as it
commits and checkpoints) and hipcli's own modules (size and modification time).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from hipcli.errors import HipcliError
from hipcli.paths import HISTORY_FILE, JOURNAL_FILE, data_dir, library_file, validated_dir

if TYPE_CHECKING:
    from hipcli.loading import LoadedRoutine
    from hipcli.planning import HistoryFeed
    from hipcli.timeline import Timeline


PACKAGE = Path(__file__).resolve().parent
ENTRY = "routine-totals.marshal"
HISTORY_FILES = (HISTORY_FILE, f"{HISTORY_FILE}-wal", JOURNAL_FILE)
WHOLE = -1
HEADER = 100  # SQLite's database header (its change counter) and the log's (salts per reset)


def listed_totals(paths: dict[str, Path]) -> dict[str, Optional[float]]:
    """`planned_totals`, from the cache folder when nothing they depend on has changed."""
    key = inputs_key(paths)
    entry = validated_dir() / ENTRY
    try:
        stored_key, totals = marshal.loads(entry.read_bytes())  # load(file): 10x slower
        if stored_key == key:
            return {name: totals[name] for name in paths}
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        pass  # none yet, stale or damaged: work them out again
    totals = planned_totals(paths)
    _store(entry, (inputs_key(paths), totals))
    return totals


def inputs_key(paths: dict[str, Path]) -> list:
    """What the totals are worked out from, as it is now: routine files and the library with
    a checksum of their bytes, the history with one of its headers, hipcli's modules by size
    and time."""
    sources = [*sorted(paths.items()), ("library", library_file())]
    history = [(name, data_dir() / name) for name in HISTORY_FILES]
    return [list(sys.version_info[:2]),
            *([name, str(path), *_stamp(path, read=WHOLE)] for name, path in sources),
            *([name, str(path), *_stamp(path, read=HEADER)] for name, path in history),
            *([name, str(path), *_stamp(path)] for name, path in _modules())]


def _modules() -> list[tuple[str, Path]]:
    """hipcli's own modules (os.walk: a third of what pathlib's rglob costs here)."""
    found = []
    for folder, subfolders, names in os.walk(PACKAGE):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        found += [(name, Path(folder, name)) for name in sorted(names) if name.endswith(".py")]
    return found


def _stamp(path: Path, *, read: int = 0) -> tuple[int, int, int]:
    """Size, modification time and a checksum of the first `read` bytes (WHOLE: all of them),
    so that an edit within the file system's time resolution that keeps the size still shows."""
    try:
        found = os.stat(path)
        checksum = 0
        if read:
            with open(path, "rb") as stream:
                checksum = zlib.crc32(stream.read(read if read > 0 else -1))
    except OSError:
        return (-1, -1, 0)  # missing (no history yet): a file appearing changes the key
    return (found.st_size, found.st_mtime_ns, checksum)


def _store(entry: Path, content: tuple) -> None:
    """Write the entry whole or not at all (marshal: built in, so reading it back loads no
    module); a cache that cannot be written is no error."""
    from hipcli.files import replace_whole
    try:
        replace_whole(entry, marshal.dumps(content))
    except (OSError, ValueError):
        pass


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

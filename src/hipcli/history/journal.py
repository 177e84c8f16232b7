"""Records a session could not write to a busy or failing database, kept beside it until later.

When a session ends with records still unwritten (another program held the database the whole
time, the disk was full), they are appended to `history-unsaved.jsonl` next to the database,
one JSON object a line; the check-in given after such a session follows them there. The next
run that writes the history adds them, in order, in one transaction, and then removes the file:
nothing recorded is lost.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from hipcli.paths import JOURNAL_FILE as JOURNAL_NAME


def journal_path(database: Path) -> Path:
    return database.with_name(JOURNAL_NAME)


@contextmanager
def locked(database: Path) -> Iterator[None]:
    """Hold the database folder's lock, so two runs never merge or extend a journal at once
    (where there is no flock, as on Windows, two sessions ending at the same moment are rare
    enough to go without)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(database.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def append(database: Path, operations: Iterable[dict[str, Any]]) -> Path:
    """Add operations to the journal beside `database`, flushed to disk; returns its path."""
    import json  # here, not at the top: opening the history only asks whether a journal exists
    path = journal_path(database)
    lines = "".join(json.dumps(op, ensure_ascii=True) + "\n" for op in operations)
    with locked(database), open(path, "a", encoding="ascii") as handle:
        handle.write(lines)
        handle.flush()
        os.fsync(handle.fileno())
    return path


def read(database: Path) -> list[dict[str, Any]]:
    """The journal's operations in order; a line cut short by a crash is skipped."""
    import json
    path = journal_path(database)
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return []
    found = []
    for line in text.splitlines():
        try:
            op = json.loads(line)
        except ValueError:
            continue
        if isinstance(op, dict) and op.get("op") in ("begin", "steps", "checkin"):
            found.append(op)
    return found


def remove(database: Path) -> None:
    journal_path(database).unlink(missing_ok=True)

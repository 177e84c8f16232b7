"""What went wrong with the history database, each fault in its own words.

A read-only file, a lock held by another program, a full disk, a missing folder and a damaged
file call for different things from the user, so each gets its own message, always one line.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from hipcli.errors import HistoryError
from hipcli.text import one_line, shown_path

QUICK_CHECK_SHOWN = 1


def fault_kind(exc: BaseException) -> str:
    """read-only, locked, full, missing, io, damaged or refused, from SQLite's error code or text."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if isinstance(exc, sqlite3.IntegrityError):
        return "refused"
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return "read-only"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return "locked"
    if name == "SQLITE_FULL" or "is full" in text:
        return "full"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return "missing"
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return "io"
    if name.startswith("SQLITE_PERM") or "permission" in text:
        return "read-only"
    return "damaged"


def history_fault(path: Path, exc: BaseException) -> HistoryError:
    """One HistoryError for one SQLite (or file) failure, naming the file and what to do;
    its `kind` says which fault it was."""
    error = _fault_message(path, exc)
    error.kind = _final_kind(path, exc)
    return error


def _final_kind(path: Path, exc: BaseException) -> str:
    kind = fault_kind(exc)
    if kind == "missing" and _read_only(Path(path)):
        return "read-only"  # SQLite cannot open what it may not write, e.g. on a read-only mount
    if kind == "io" and _nearly_full(Path(path)):
        return "full"  # a write that failed for want of space can come back as an I/O error
    return kind


def _fault_message(path: Path, exc: BaseException) -> HistoryError:
    where = shown_path(path)
    detail = one_line(str(exc))
    kind = _final_kind(path, exc)
    if kind == "refused":
        return HistoryError(f"the history database {where} refused a value ({detail})")
    if kind == "read-only":
        return HistoryError(f"the history database {where} is read-only ({detail}); "
                            "check the permissions of the file and its folder")
    if kind == "locked":
        return HistoryError(f"the history database {where} is locked by another program "
                            f"({detail}); try again when it has finished")
    if kind == "full":
        return HistoryError(f"the disk holding the history database {where} is full; "
                            "free some space and try again")
    if kind == "missing":
        return HistoryError(f"the history database {where} cannot be opened or created "
                            f"({detail}); check that its folder exists and is writable")
    if kind == "io":
        return HistoryError(f"the history database {where} could not be written or read "
                            f"({detail}: a full disk, a file size limit or a failing disk)")
    return damaged(path, detail)


def _read_only(path: Path) -> bool:
    """Whether the database file, or the folder it needs for its journal, cannot be written."""
    try:
        if path.exists() and not os.access(path, os.W_OK):
            return True
        return path.parent.is_dir() and not os.access(path.parent, os.W_OK)
    except OSError:
        return False


def _nearly_full(path: Path, room: int = 256 * 1024) -> bool:
    """Whether the disk holding `path` has less than `room` bytes left for it."""
    try:
        disk = os.statvfs(path.parent)
    except OSError:
        return False
    return disk.f_bavail * disk.f_frsize < room


def damaged(path: Path, detail: str) -> HistoryError:
    return HistoryError(f"the history database {shown_path(path)} cannot be read ({detail}); "
                        "it was left untouched: move it aside to start a new history")


def check_summary(rows: list[str]) -> str:
    """`PRAGMA quick_check` output (hundreds of problems, over one or many rows) as one short
    text: the first problem and how many more there are."""
    problems = [line for row in rows for line in str(row).splitlines()
                if line.strip() and not line.startswith("***")]
    if not problems:
        return "the check found problems"
    first = one_line(problems[0])[:200]
    more = len(problems) - QUICK_CHECK_SHOWN
    return first + (f" and {more} more problem{'s' if more != 1 else ''}" if more > 0 else "")


def folder_fault(folder: Path, exc: OSError, *, doing: str = "create") -> HistoryError:
    """The data folder could not be made (or looked in): say which folder and why."""
    return HistoryError(f"cannot {doing} the history folder {shown_path(folder)}: "
                        f"{exc.strerror or exc}")

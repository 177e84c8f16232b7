"""Reading the files a user names: regular files only, never more than a set size; writing
files whole or not at all.

A routine path that is a FIFO, a device such as /dev/zero or a directory is refused at once,
instead of blocking forever or filling memory; every OSError becomes a few plain words.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from hipcli.errors import RoutineError

MAX_FILE_BYTES = 1 << 20  # 1 MiB
# Open without waiting for a FIFO's writer or taking a terminal (flags POSIX has, Windows not).
_NO_WAIT = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def read_capped(path: Path, shown: str, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is a located error.

    The file is opened without blocking and checked before reading, so a FIFO, a device such
    as /dev/zero or a directory is refused at once instead of hanging or filling memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NO_WAIT)
    except OSError as exc:
        raise RoutineError(shown, 1, 1, file_problem(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RoutineError(shown, 1, 1, f"is {_file_kind(info.st_mode)} "
                               "(expected a regular file)")
        if info.st_size > limit:
            raise RoutineError(shown, 1, 1, f"file is {info.st_size:,} bytes "
                               f"(expected at most {_size_words(limit)})")
        if _NO_WAIT:
            os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise RoutineError(shown, 1, 1, file_problem(exc)) from None
    finally:
        os.close(fd)
    if total > limit:
        raise RoutineError(shown, 1, 1, f"file grew past {_size_words(limit)} while being read "
                           f"(expected at most {_size_words(limit)})")
    return b"".join(chunks)


def file_problem(exc: OSError) -> str:
    """What went wrong opening or reading a file, in a few plain words."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory (expected a regular file)"
    if isinstance(exc, PermissionError):
        return "permission denied (expected a readable file)"
    return f"cannot read file: {exc.strerror or exc}"


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size_words(limit: int) -> str:
    return "1 MiB" if limit == 1 << 20 else f"{limit:,} bytes"


def replace_whole(path: Path, data: bytes, *, make_folder: bool = True) -> None:
    """Write `data` as `path`, whole or not at all: into a hidden file beside it, then renamed
    over it, so a crash never leaves half a file. Raises OSError, leaving nothing behind.
    `make_folder`: create the folders on the way (hipcli's own), else a missing one is an error
    (a folder the user named)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise

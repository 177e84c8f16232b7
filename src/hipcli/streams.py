"""Standard output and error as they really are: closed, full, cut off, or ASCII only.

`prepare()` runs before any command: a closed stdout is reported at once (and its descriptor
kept from being reused by a file hipcli opens); streams that cannot encode a character get an
ASCII stand-in for it (`·` `.`, `█` `#`, `→` `->`) instead of an encoding error. `output_fault`
turns a failed write (full disk, broken pipe, closed descriptor) into one line.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
import unicodedata
from typing import Optional, TextIO

ERRORS = "hipcli-ascii"
STAND_INS = {
    "·": ".", "•": "*", "█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "#", "▍": "#", "▎": "#",
    "▏": "#", "░": ".", "▒": ":", "▓": "#", "▀": "#", "▄": "#", "→": "->", "←": "<-",
    "↑": "^", "↓": "v", "°": " deg", "—": "-", "–": "-", "×": "x", "…": "...", "’": "'",
    "‘": "'", "“": '"', "”": '"', "─": "-", "━": "-", "│": "|", "┃": "|", "✓": "ok",
}
OUTPUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG,
                 errno.EDQUOT, errno.ECONNRESET}


def _stand_in(char: str) -> str:
    if char in STAND_INS:
        return STAND_INS[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 in a file name
        return f"\\x{code - 0xDC00:02x}"
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return plain or "?"


def _replace(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_stand_in(c) for c in exc.object[exc.start:exc.end]), exc.end


codecs.register_error(ERRORS, _replace)


def fit(text: str, stream: Optional[TextIO]) -> str:
    """`text` as `stream` can carry it: characters its encoding lacks become ASCII stand-ins."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, ERRORS).decode(encoding)
    except LookupError:
        return text


def utf_capable(stream: Optional[TextIO]) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    return encoding.startswith("utf")


def can_draw(stream: Optional[TextIO]) -> bool:
    """Whether `stream` is a terminal able to show the live view (not TERM=dumb)."""
    try:
        terminal = stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False
    return terminal and os.environ.get("TERM", "") != "dumb"


def stdout_gone() -> bool:
    """Whether standard output is a pipe whose reader has gone away."""
    import select
    try:
        poller = select.poll()
        poller.register(1, select.POLLOUT)
        return any(mask & select.POLLERR for _, mask in poller.poll(0))
    except (OSError, ValueError, AttributeError):  # no poll(), as on Windows
        return False


def prepare() -> Optional[str]:
    """Make the standard streams safe to write; a message when stdout cannot be written at all."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            _occupy(fd)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=ERRORS)
            except (ValueError, OSError):
                pass
    if sys.stdout is None or sys.stdout.closed:
        return "standard output is closed (nothing can be shown)"
    return None


def _occupy(fd: int) -> None:
    """Put /dev/null on a closed standard descriptor, so no file hipcli opens lands on it."""
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def output_fault(exc: BaseException) -> Optional[str]:
    """One line for a write to stdout that failed, or None when `exc` is something else."""
    if isinstance(exc, OSError) and exc.filename is None and exc.errno in OUTPUT_ERRNOS:
        if exc.errno == errno.EPIPE:
            return "output stopped: the program reading it has gone (broken pipe)"
        return f"cannot write the output: {exc.strerror or exc}"
    if isinstance(exc, (AttributeError, ValueError)) and (sys.stdout is None or sys.stdout.closed):
        return "standard output is closed (nothing can be shown)"
    return None


def drop_pending_output() -> None:
    """After a failed write, send what is still buffered to /dev/null, so leaving is quiet."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass

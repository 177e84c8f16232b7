"""The check-in after a live session: one key for pain, one for effort, either skippable."""

from __future__ import annotations

import os
from typing import Callable, TextIO

PAIN_KEYS = {str(n): n for n in range(10)} | {"x": 10}
EFFORT_KEYS = {"e": "easy", "r": "right", "h": "hard"}
PAIN_PROMPT = "Pain now, 0-9 (x for 10), any other key to skip: "
EFFORT_PROMPT = "How hard was it? e easy, r right, h hard, any other key to skip: "


def read_checkin(read_key: Callable[[], str], out: TextIO):
    """Ask both questions, one key each; a key that is not an answer skips that question."""
    from hipcli.launch import CheckinAnswers
    out.write(PAIN_PROMPT)
    out.flush()
    pain_key = read_key()
    pain = PAIN_KEYS.get(pain_key)
    out.write(f"{pain if pain is not None else 'skipped'}\n{EFFORT_PROMPT}")
    out.flush()
    effort = EFFORT_KEYS.get(read_key().lower())
    out.write(f"{effort or 'skipped'}\n")
    out.flush()
    return CheckinAnswers(pain, effort)


def ask_checkin(out: TextIO):
    """On the terminal, one key at a time; with no terminal to read, nothing is asked."""
    from hipcli.launch import CheckinAnswers
    from hipcli.ui.live import tty_fd
    fd = tty_fd()
    if fd is None:
        return CheckinAnswers()
    return read_checkin(lambda: _one_key(fd), out)


def _one_key(fd: int) -> str:
    import termios
    import tty
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        data = os.read(fd, 8)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    return (data or b"").decode("utf-8", "replace")[:1]

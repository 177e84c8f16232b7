"""The check-in after a live session: one key for pain, one for effort, either skippable."""

from __future__ import annotations

from typing import Callable, Optional, TextIO

from hipcli.ui.keys import Keymap

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
    """On the terminal, one key at a time, through the platform's key reader; with no
    keyboard to read, nothing is asked."""
    from hipcli.clock import SystemClock
    from hipcli.launch import CheckinAnswers
    from hipcli.ui.keys import open_key_reader
    from hipcli.ui.live import tty_fd
    reader = open_key_reader(tty_fd(), EveryKey())
    if reader is None:
        return CheckinAnswers()
    clock = SystemClock()
    with reader:
        return read_checkin(lambda: reader.wait(clock, None) or "", out)


class EveryKey(Keymap):
    """Each key is its own answer: nothing is a command here, q and ? included."""

    def press(self, key: str) -> tuple[Optional[str], bool]:
        return key, False

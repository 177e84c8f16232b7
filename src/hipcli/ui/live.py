"""Own the terminal for a live session, and always give it back as it was.

`live_terminal(console=...)` switches to the alternate screen, hides the cursor and reads keys
without echo where the platform lets it (ui/keys.py picks the reader); it yields a Listener
that redraws on events and an Input for the run loop. Without a key reader the session still
runs, and the footer says the keys are off.
Redraws happen only when the picture changes (events, keys, resize), never on a timer. On
every way out (the end, quit, Ctrl-C, SIGTERM, SIGHUP, an exception) the terminal settings,
the cursor and the normal screen come back, with signals held off while that happens.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator, Optional

from rich.console import Console

from hipcli.engine import Engine, Event
from hipcli.records import record
from hipcli.session import Input, NoInput
from hipcli.ui.keys import Keymap, open_key_reader
from hipcli.ui.state import ViewState, view_state
from hipcli.ui.view import render

RESTORE_CODES = "\x1b[?25h\x1b[?1049l"  # show the cursor, leave the alternate screen
# SIGTTOU too: putting the terminal back from the background (Ctrl-Z, then kill %1) must not
# stop the process again ("Stopped (tty output)") before it can end.
HELD_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT",
                                                   "SIGWINCH", "SIGTSTP", "SIGTTOU")
                if hasattr(signal, name)}  # Windows has only the first two


class LiveView:
    """A Listener that redraws the screen when what it shows has changed."""

    def __init__(self, live, keymap: Keymap, *, keys: bool = True,
                 digit_scale: Optional[int] = None, notices: Optional[list[str]] = None):
        self.live = live
        self.digit_scale = digit_scale
        self.keys = keys  # a key reader also reports resizes; without one, look at each redraw
        self.notices = notices if notices is not None else []
        self.console: Console = live.console
        self.keymap = keymap
        self.engine: Optional[Engine] = None
        self.last: Optional[ViewState] = None
        self.broken = False
        self.released = False

    def on_events(self, events: list[Event], engine: Engine, now: float) -> None:
        self.engine = engine
        self.redraw(now)

    def redraw(self, now: float, *, resized: bool = False) -> None:
        if self.engine is None or self.broken or self.released:
            return
        if resized or not self.keys:
            resized = self.measure() or resized
        state = view_state(self.engine, now, asking=self.keymap.asking, help=self.keymap.help,
                           keys=self.keys, notices=tuple(self.notices))
        if state == self.last and not resized:
            return
        self.last = state
        try:
            self.live.update(render(state, digit_scale=self.digit_scale), refresh=True)
        except OSError:
            self.broken = True  # the terminal went away (hang-up): stop drawing, keep counting

    def running(self) -> bool:
        return self.engine is not None and not (self.engine.paused or self.engine.finished)

    def release(self) -> None:
        """Show the normal screen and the cursor (before the process stops for Ctrl-Z);
        nothing is drawn until `take`, so a session ended while stopped leaves the shell's
        screen alone."""
        self.released = True
        _quietly(lambda: self.console.set_alt_screen(False))
        _quietly(lambda: self.console.show_cursor(True))

    def take(self) -> None:
        """Back on the alternate screen after a suspend."""
        self.released = False
        _quietly(lambda: self.console.set_alt_screen(True))
        _quietly(lambda: self.console.show_cursor(False))

    def measure(self) -> bool:
        """Read the terminal size afresh (COLUMNS and LINES may be stale after a resize);
        True when it changed."""
        try:
            size = os.get_terminal_size(self.console.file.fileno())
        except (OSError, ValueError, AttributeError):
            return False
        changed = tuple(self.console.size) != (size.columns, size.lines)
        self.console.size = (size.columns, size.lines)
        return changed


@record(frozen=False)
class LiveTerminal:
    """What a session gets from the live screen: who to tell about events, where keys come from."""

    listener: LiveView
    keys: Input


@contextmanager
def live_terminal(*, console: Console, keys_fd: Optional[int] = None,
                  digit_scale: Optional[int] = None,
                  notices: Optional[list[str]] = None) -> Iterator[LiveTerminal]:
    """Take over the terminal for a session; restore it on every way out. `digit_scale` fixes
    the size of the countdown's digits (None: they grow with the terminal). Lines added to
    `notices` show under the view from its next redraw.

    SIGTERM and SIGHUP are the caller's to handle (`session.signals_end_session`).
    """
    from rich.live import Live
    live = Live(console=console, screen=True, auto_refresh=False, redirect_stdout=False,
                redirect_stderr=False)
    keymap = Keymap()
    view = LiveView(live, keymap, digit_scale=digit_scale, notices=notices)
    keys = open_key_reader(keys_fd, keymap, display=view)
    view.keys = keys is not None
    entered = False
    terminals = {fd for fd in (1, 2) if os.isatty(fd)}
    try:
        if keys is not None:
            keys.__enter__()
            entered = True
        view.measure()
        live.start()
        yield LiveTerminal(listener=view, keys=keys or NoInput())
    finally:
        with _signals_held():
            try:
                live.stop()
            except (OSError, ValueError):
                _quietly(lambda: _write_raw(console, RESTORE_CODES))
            if entered and keys is not None:
                _quietly(keys.__exit__)
            _quietly(lambda: _silence_hung_up(terminals))


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold signals off so a second Ctrl-C or kill cannot cut the restoring short."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _silence_hung_up(terminals: set[int]) -> None:
    """After a hang-up the terminal is gone: later output (the summary) goes to /dev/null
    instead of failing on it."""
    for fd in terminals:
        if not os.isatty(fd):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)


def _write_raw(console: Console, codes: str) -> None:
    """Belt and braces: the restoring codes straight to the terminal, past any buffer."""
    if console.is_terminal:
        os.write(console.file.fileno(), codes.encode())


def _quietly(action) -> None:
    """Run one restoring step; a dead terminal must not stop the others."""
    try:
        action()
    except (OSError, ValueError):
        pass


def tty_fd() -> Optional[int]:
    """The keyboard's file descriptor, or None when input is not a terminal."""
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, ValueError, OSError):
        return None
    return fd if os.isatty(fd) else None

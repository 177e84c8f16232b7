"""Keyboard input for the live view: single key presses without echo, with wake-ups on resize.

`Keymap` is the pure part: key names in, commands out, plus the two things keys change on
screen (the quit question and the help panel). `KeyInput` reads the terminal with select(),
so the run loop sleeps until a key, a resize or the next deadline, never polling.
"""

from __future__ import annotations

import os
import select
import signal
import termios
from collections import deque
from dataclasses import dataclass
from typing import Callable, Optional, Protocol

from hipcli.clock import Clock
from hipcli.session import SessionEnded

COMMAND_KEYS = {" ": "pause", "n": "skip", "N": "skip", "right": "skip", "b": "back",
                "B": "back", "left": "back", "+": "longer", "=": "longer", "-": "shorter",
                "_": "shorter"}
ARROWS = {"C": "right", "D": "left", "A": "up", "B": "down"}
READ_BYTES = 64


@dataclass
class Keymap:
    """Turns key names into commands; remembers whether quit is being asked and help is shown."""

    asking: bool = False
    help: bool = False

    def press(self, key: str) -> tuple[Optional[str], bool]:
        """(command or None, whether the picture changed) for one key."""
        if self.asking:
            self.asking = False
            return ("quit" if key in ("y", "Y") else None), True
        if key in ("q", "Q"):
            self.asking = True
            return None, True
        if key == "?":
            self.help = not self.help
            return None, True
        return COMMAND_KEYS.get(key), False


def decode(data: str) -> list[str]:
    """Key names in what a terminal sent: characters, and "left"/"right"/... for arrows.

    Other escape sequences (function keys, Alt+key) are dropped whole.
    """
    keys, i = [], 0
    while i < len(data):
        if data[i] == "\x1b":
            key, i = _escape(data, i)
        else:
            key, i = data[i], i + 1
        if key:
            keys.append(key)
    return keys


def _escape(data: str, i: int) -> tuple[Optional[str], int]:
    """The escape sequence starting at data[i]: (arrow name or None, where the next key starts)."""
    kind = data[i + 1:i + 2]
    if kind == "[":  # CSI: parameter bytes, then one final byte
        j = i + 2
        while j < len(data) and not "\x40" <= data[j] <= "\x7e":
            j += 1
        return (ARROWS.get(data[j:j + 1]) if j == i + 2 else None), j + 1
    if kind == "O" and i + 2 < len(data):  # SS3: exactly one more byte
        return ARROWS.get(data[i + 2]), i + 3
    return None, i + 1 + len(kind)  # ESC alone, or Alt+key


class Display(Protocol):
    """What the keyboard tells the screen about: a changed picture, a resize, a suspend."""

    def redraw(self, now: float, *, resized: bool = False) -> None: ...

    def running(self) -> bool: ...

    def release(self) -> None: ...

    def take(self) -> None: ...


class KeyInput:
    """The Input of a live session: waits for a key, a resize or a deadline, whichever is first.

    Use as a context manager: entering puts the terminal in cbreak mode without echo and
    listens for SIGWINCH (resize) and SIGTSTP (Ctrl-Z); leaving puts everything back.
    """

    def __init__(self, fd: int, keymap: Keymap, *, display: Optional[Display] = None):
        self.fd = fd
        self.keymap = keymap
        self.display = display
        self._pending: deque[str] = deque()
        self._saved: Optional[list] = None
        self._wake_r = self._wake_w = -1
        self._previous: dict[int, signal.Handlers | int | None | Callable] = {}
        self._reading = True
        self._resized = False
        self._suspend = False
        self._terminal = os.isatty(fd)

    # -- terminal and signals ------------------------------------------------------------------
    def __enter__(self) -> "KeyInput":
        self._saved = termios.tcgetattr(self.fd)
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._previous[signal.SIGWINCH] = signal.signal(signal.SIGWINCH, self._on_resize)
        self._previous[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, self._on_suspend)
        self.cbreak()
        return self

    def __exit__(self, *exc) -> None:
        self.restore()
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
        for fd in (self._wake_r, self._wake_w):
            if fd >= 0:
                os.close(fd)
        self._wake_r = self._wake_w = -1

    def cbreak(self) -> None:
        """Keys arrive one at a time and are not echoed; Ctrl-C still interrupts."""
        mode = termios.tcgetattr(self.fd)
        mode[3] &= ~(termios.ECHO | termios.ICANON)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(self.fd, termios.TCSADRAIN, mode)

    def restore(self) -> None:
        """The terminal settings exactly as they were before."""
        if self._saved is not None:
            try:
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
            except termios.error:
                pass  # the terminal is gone (hang-up): nothing left to restore

    def _on_resize(self, signum, frame) -> None:
        self._resized = True
        self._wake()

    def _on_suspend(self, signum, frame) -> None:
        self._suspend = True
        self._wake()

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"!")
        except OSError:
            pass  # the pipe is full: a wake-up is already waiting

    # -- the Input protocol --------------------------------------------------------------------
    def wait(self, clock: Clock, deadline: Optional[float]) -> Optional[str]:
        """The next command, or None once `deadline` (session time) has come."""
        while not self._pending:
            if self._suspend:
                self._handle_suspend(clock)
                continue
            timeout = None if deadline is None else clock.real_seconds(deadline - clock.now())
            if not self._poll(timeout, clock):
                if deadline is not None:
                    clock.sleep_until(deadline)
                return None
        return self._pending.popleft()

    def _poll(self, timeout: Optional[float], clock: Clock) -> bool:
        """Wait up to `timeout` real seconds; False if nothing at all happened."""
        watched = [self._wake_r] + ([self.fd] if self._reading else [])
        ready, _, _ = select.select(watched, [], [], timeout)
        if not ready:
            return False
        if self._wake_r in ready:
            self._drain()
        if self.fd in ready:
            self._read(clock)
        if self._resized:
            self._resized = False
            self._tell(clock, resized=True)
        return True

    def _drain(self) -> None:
        try:
            while os.read(self._wake_r, READ_BYTES):
                pass
        except BlockingIOError:
            pass

    def _read(self, clock: Clock) -> None:
        try:
            data = os.read(self.fd, READ_BYTES)
        except OSError:
            data = b""
        if not data:
            if self._terminal:
                raise SessionEnded(signal.SIGHUP)  # a terminal only ends when it hangs up
            self._reading = False  # end of piped input: keep counting, stop listening
            return
        changed = False
        for key in decode(data.decode("utf-8", "ignore")):
            command, redraw = self.keymap.press(key)
            changed |= redraw
            if command:
                self._pending.append(command)
        if changed and not self._pending:
            self._tell(clock)

    def _tell(self, clock: Clock, *, resized: bool = False) -> None:
        if self.display is not None:
            self.display.redraw(clock.now(), resized=resized)

    def _handle_suspend(self, clock: Clock) -> None:
        """Ctrl-Z: pause first, then hand the terminal back and stop until continued."""
        if self.display is not None and self.display.running():
            self._pending.append("pause")
            return
        self._suspend = False
        if self.display is not None:
            self.display.release()
        self.restore()
        os.kill(os.getpid(), signal.SIGSTOP)
        self.cbreak()
        if self.display is not None:
            self.display.take()
            self._tell(clock, resized=True)

"""Keyboard input on POSIX terminals (Linux, macOS): key presses without echo, wake-ups on resize.

The reader sleeps in select() until a key, a resize or the next deadline, never polling.
Imported only by the live view, and only where `termios` exists.
"""

from __future__ import annotations

import os
import select
import signal
import termios
from collections import deque
from typing import Callable, Optional

from hipcli.clock import Clock
from hipcli.session import SessionEnded
from hipcli.ui.keys import Display, Keymap, decode

READ_BYTES = 64


class PosixKeyReader:
    """Keys from a POSIX terminal: waits for a key, a resize or a deadline, whichever is first.

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
    def __enter__(self) -> "PosixKeyReader":
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
    def push(self, command: str) -> None:
        """Queue a command as if its key had been pressed."""
        self._pending.append(command)
        self._wake()

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

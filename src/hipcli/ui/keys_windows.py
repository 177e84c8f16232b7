"""Keyboard input on the Windows console, through the standard library's `msvcrt`.

The console has no select() on key presses and no resize signal, so the reader looks for a
key (and a new window size) every POLL_SECONDS and sleeps no later than the next deadline.
Imported only by the live view, and only on Windows.
"""

from __future__ import annotations

import shutil
import time
from collections import deque
from typing import Callable, Optional

from hipcli.clock import Clock
from hipcli.ui.keys import Display, Keymap

POLL_SECONDS = 0.05
# getwch() gives a special key as two characters: a prefix, then a scan code.
SPECIAL_PREFIXES = ("\x00", "\xe0")
SCAN_CODES = {"H": "up", "P": "down", "K": "left", "M": "right"}
CTRL_C = "\x03"


def decode_console(chars: str) -> list[str]:
    """Key names in what getwch() returned: characters, and "left"/"right"/... for arrows.

    Other special keys (function keys, Home, Delete) and Escape are dropped.
    """
    keys, i = [], 0
    while i < len(chars):
        ch = chars[i]
        if ch in SPECIAL_PREFIXES:
            name = SCAN_CODES.get(chars[i + 1:i + 2])
            if name:
                keys.append(name)
            i += 2
            continue
        if ch != "\x1b":
            keys.append(ch)
        i += 1
    return keys


class WindowsKeyReader:
    """Keys from the Windows console: waits for a key, a resize or a deadline."""

    def __init__(self, keymap: Keymap, *, display: Optional[Display] = None, console=None,
                 size: Callable[[], tuple[int, int]] = shutil.get_terminal_size,
                 pause: Callable[[float], None] = time.sleep):
        if console is None:
            import msvcrt as console
        self.console = console
        self.keymap = keymap
        self.display = display
        self._size = size
        self._pause = pause
        self._pending: deque[str] = deque()
        self._last_size: Optional[tuple[int, ...]] = None

    def __enter__(self) -> "WindowsKeyReader":
        self._last_size = tuple(self._size())
        return self

    def __exit__(self, *exc) -> None:
        pass  # getwch() neither echoes nor changes the console's mode: nothing to put back

    def push(self, command: str) -> None:
        self._pending.append(command)

    def wait(self, clock: Clock, deadline: Optional[float]) -> Optional[str]:
        """The next command, or None once `deadline` (session time) has come."""
        while not self._pending:
            self._read(clock)
            self._check_size(clock)
            if self._pending:
                break
            if deadline is not None and clock.now() >= deadline:
                clock.sleep_until(deadline)
                return None
            left = POLL_SECONDS if deadline is None else clock.real_seconds(deadline - clock.now())
            self._pause(min(POLL_SECONDS, max(left, 0.0)))
        return self._pending.popleft()

    def _read(self, clock: Clock) -> None:
        chars = ""
        while self.console.kbhit():
            chars += self.console.getwch()
        if not chars:
            return
        if chars[-1] in SPECIAL_PREFIXES:  # the scan code is on its way
            chars += self.console.getwch()
        changed = False
        for key in decode_console(chars):
            if key == CTRL_C:
                raise KeyboardInterrupt
            command, redraw = self.keymap.press(key)
            changed |= redraw
            if command:
                self._pending.append(command)
        if changed and not self._pending and self.display is not None:
            self.display.redraw(clock.now())

    def _check_size(self, clock: Clock) -> None:
        size = tuple(self._size())
        if size != self._last_size:
            self._last_size = size
            if self.display is not None:
                self.display.redraw(clock.now(), resized=True)

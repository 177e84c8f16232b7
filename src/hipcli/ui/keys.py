"""Keyboard input for the live view: what keys mean, and a reader for the platform at hand.

`Keymap` is the pure part: key names in, commands out, plus the two things keys change on
screen (the quit question and the help panel). `decode` names the keys in what a terminal
sent. A `KeyReader` turns presses into commands for the run loop; `open_key_reader` picks
the POSIX one (termios) or the Windows one (msvcrt) at run time, or none where neither can
be had, and imports only the one it picks.
"""

from __future__ import annotations

import sys
from typing import Optional, Protocol

from hipcli.clock import Clock
from hipcli.records import record

COMMAND_KEYS = {" ": "pause", "n": "skip", "N": "skip", "right": "skip", "b": "back",
                "B": "back", "left": "back", "+": "longer", "=": "longer", "-": "shorter",
                "_": "shorter"}
ARROWS = {"C": "right", "D": "left", "A": "up", "B": "down"}


@record(frozen=False)
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




class KeyReader(Protocol):
    """A keyboard for a session: a context manager that gives commands to the run loop."""

    def __enter__(self) -> "KeyReader": ...

    def __exit__(self, *exc) -> None: ...

    def wait(self, clock: Clock, deadline: Optional[float]) -> Optional[str]:
        """The next command, or None once `deadline` (session time) has come."""

    def push(self, command: str) -> None:
        """Queue a command as if its key had been pressed."""


def open_key_reader(fd: Optional[int], keymap: Keymap, *,
                    display: Optional[Display] = None) -> Optional[KeyReader]:
    """The key reader for this platform, or None when there is no keyboard or no way to read it."""
    if fd is None:
        return None
    if sys.platform == "win32":
        try:
            from hipcli.ui.keys_windows import WindowsKeyReader
        except ImportError:
            return None
        return WindowsKeyReader(keymap, display=display)
    try:
        from hipcli.ui.keys_posix import PosixKeyReader
    except ImportError:  # a POSIX-like system without termios
        return None
    return PosixKeyReader(fd, keymap, display=display)

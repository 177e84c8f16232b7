"""The Windows console key reader, driven by a fake `msvcrt` that hands out scripted key presses."""

import pytest

from hipcli.ui.keys import Keymap
from hipcli.ui.keys_windows import POLL_SECONDS, WindowsKeyReader, decode_console
from tests.conftest import FakeClock


class FakeMsvcrt:
    """kbhit()/getwch() over a queue of what the console would return, as msvcrt does."""

    def __init__(self, chars: str = ""):
        self.chars = list(chars)

    def type(self, chars: str) -> None:
        self.chars.extend(chars)

    def kbhit(self) -> bool:
        return bool(self.chars)

    def getwch(self) -> str:
        return self.chars.pop(0)


class FakeDisplay:
    def __init__(self):
        self.redraws = []

    def redraw(self, now, *, resized=False):
        self.redraws.append((now, resized))


def reader(console, clock, *, display=None, sizes=None, keymap=None):
    """A reader whose pauses advance the fake clock; `sizes` yields the window size per look."""
    sizes = iter(sizes or [])
    last = [(80, 24)]

    def size():
        last[0] = next(sizes, last[0])
        return last[0]
    keys = WindowsKeyReader(keymap or Keymap(), display=display, console=console, size=size,
                            pause=clock.advance)
    return keys.__enter__()


def test_decoding_characters_and_arrow_scan_codes():
    # getwch() returns an arrow as a prefix ("\xe0" or "\x00") and a scan code:
    # H up, P down, K left, M right.
    assert decode_console("n b") == ["n", " ", "b"]
    assert decode_console("\xe0M\xe0K") == ["right", "left"]
    assert decode_console("\x00H\x00P") == ["up", "down"]


def test_decoding_drops_other_special_keys_and_escape():
    assert decode_console("\x00;n") == ["n"]  # F1 (scan code ";"), then n
    assert decode_console("\xe0S+") == ["+"]  # Delete
    assert decode_console("\x1b-") == ["-"]
    assert decode_console("\xe0") == []  # a prefix with its scan code missing


def test_a_key_press_comes_back_as_its_command():
    clock = FakeClock()
    keys = reader(FakeMsvcrt(" \xe0M"), clock)
    assert keys.wait(clock, None) == "pause"
    assert keys.wait(clock, None) == "skip"  # both keys arrived in one read
    assert clock.time == 0.0  # nothing waited


def test_a_scan_code_not_yet_announced_is_read_with_its_prefix():
    console = FakeMsvcrt("\xe0K")
    take, after_prefix = console.getwch, [False]

    def getwch():
        ch = take()
        after_prefix[0] = ch == "\xe0"
        return ch
    console.getwch = getwch
    # Right after the prefix, kbhit() does not yet report the scan code that follows it.
    console.kbhit = lambda: bool(console.chars) and not after_prefix[0]
    clock = FakeClock()
    keys = reader(console, clock)
    assert keys.wait(clock, 1.0) == "back"


def test_no_key_waits_until_the_deadline_in_short_looks():
    clock = FakeClock()
    keys = reader(FakeMsvcrt(), clock)
    assert keys.wait(clock, 0.12) is None
    # Looks at 0, 0.05 and 0.10 find nothing; the last pause is the 0.02 left, not a whole poll.
    assert clock.time == pytest.approx(0.12)
    assert POLL_SECONDS == 0.05


def test_a_deadline_already_past_returns_at_once():
    clock = FakeClock(start=5.0)
    keys = reader(FakeMsvcrt(), clock)
    assert keys.wait(clock, 4.0) is None
    assert clock.time == 5.0


def test_the_quit_question_redraws_then_y_quits():
    console, clock, display, keymap = FakeMsvcrt("q"), FakeClock(), FakeDisplay(), Keymap()
    keys = reader(console, clock, display=display, keymap=keymap)
    assert keys.wait(clock, 0.0) is None
    assert keymap.asking and display.redraws == [(0.0, False)]
    console.type("y")
    assert keys.wait(clock, None) == "quit"


def test_ctrl_c_read_as_a_character_interrupts():
    clock = FakeClock()
    keys = reader(FakeMsvcrt("\x03"), clock)
    with pytest.raises(KeyboardInterrupt):
        keys.wait(clock, 1.0)


def test_a_new_window_size_redraws_at_the_new_size():
    clock, display = FakeClock(), FakeDisplay()
    # Entering reads 80x24; the first look still sees it, the second sees 120x40.
    keys = reader(FakeMsvcrt(), clock, display=display, sizes=[(80, 24), (80, 24), (120, 40)])
    assert keys.wait(clock, 0.2) is None
    assert display.redraws == [(pytest.approx(0.05), True)]


def test_a_pushed_command_ends_the_wait():
    clock = FakeClock()
    keys = reader(FakeMsvcrt(), clock)
    keys.push("skip")
    assert keys.wait(clock, None) == "skip"

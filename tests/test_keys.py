"""Key input: decoding what a terminal sends, the key map, and the POSIX reader on a pseudo-terminal."""

import os
import signal
import termios

import pytest

from hipcli.session import SessionEnded
from hipcli.ui.keys import Keymap, decode
from hipcli.ui.keys_posix import PosixKeyReader
from tests.conftest import FakeClock


def test_decode_reads_characters_and_arrow_keys():
    assert decode("n b") == ["n", " ", "b"]
    assert decode("\x1b[C\x1b[D") == ["right", "left"]
    assert decode("\x1bOC\x1bOD") == ["right", "left"]  # application cursor mode


def test_decode_drops_other_escape_sequences_whole():
    assert decode("\x1b[15~n") == ["n"]  # F5, then n
    assert decode("\x1b[1;5C+") == ["+"]  # Ctrl+Right is not an arrow press
    assert decode("\x1bx-") == ["-"]  # Alt+x
    assert decode("\x1b") == []


@pytest.mark.parametrize("key,command", [(" ", "pause"), ("n", "skip"), ("right", "skip"),
                                         ("b", "back"), ("left", "back"), ("+", "longer"),
                                         ("=", "longer"), ("-", "shorter"), ("x", None)])
def test_keymap_commands(key, command):
    assert Keymap().press(key) == (command, False)


def test_quit_asks_first_and_only_y_quits():
    keymap = Keymap()
    assert keymap.press("q") == (None, True) and keymap.asking
    assert keymap.press("n") == (None, True)  # cancels the question, does not skip
    assert not keymap.asking
    keymap.press("q")
    assert keymap.press("y") == ("quit", True)


def test_question_mark_toggles_help():
    keymap = Keymap()
    assert keymap.press("?") == (None, True) and keymap.help
    keymap.press("?")
    assert not keymap.help


class FakeDisplay:
    """Records redraws; on a resize it can press a key on the terminal (`press_fd`)."""

    def __init__(self):
        self.redraws = []
        self.press_fd = None

    def redraw(self, now, *, resized=False):
        self.redraws.append((now, resized))
        if resized and self.press_fd is not None:
            os.write(self.press_fd, b"n")  # n: skip

    def running(self):
        return True

    def release(self):
        pass

    def take(self):
        pass


@pytest.fixture
def pty_pair():
    master, slave = os.openpty()
    yield master, slave
    os.close(master)
    os.close(slave)


@pytest.mark.terminal
def test_terminal_is_in_cbreak_without_echo_and_restored_exactly(pty_pair):
    master, slave = pty_pair
    before = termios.tcgetattr(slave)
    with PosixKeyReader(slave, Keymap()):
        inside = termios.tcgetattr(slave)
        assert not inside[3] & termios.ECHO
        assert not inside[3] & termios.ICANON
        assert inside[3] & termios.ISIG  # Ctrl-C still interrupts
    assert termios.tcgetattr(slave) == before


@pytest.mark.terminal
def test_a_key_press_comes_back_as_its_command(pty_pair):
    master, slave = pty_pair
    clock = FakeClock()
    with PosixKeyReader(slave, Keymap()) as keys:
        os.write(master, b" \x1b[C")
        assert keys.wait(clock, None) == "pause"
        assert keys.wait(clock, None) == "skip"  # both keys arrived in one read
    assert clock.sleeps == []


@pytest.mark.terminal
def test_no_key_by_the_deadline_sleeps_until_it(pty_pair):
    master, slave = pty_pair
    clock = FakeClock(start=5.0)
    with PosixKeyReader(slave, Keymap()) as keys:
        assert keys.wait(clock, 5.0) is None
    assert clock.sleeps == [5.0]


@pytest.mark.terminal
def test_the_quit_question_redraws_then_y_quits(pty_pair):
    master, slave = pty_pair
    display = FakeDisplay()
    keymap = Keymap()
    with PosixKeyReader(slave, keymap, display=display) as keys:
        os.write(master, b"q")
        assert keys.wait(FakeClock(), 0.0) is None
        assert keymap.asking and display.redraws == [(0.0, False)]
        os.write(master, b"y")
        assert keys.wait(FakeClock(), None) == "quit"


@pytest.mark.terminal
def test_a_resize_wakes_the_wait_and_redraws(pty_pair):
    master, slave = pty_pair
    display = FakeDisplay()
    with PosixKeyReader(slave, Keymap(), display=display) as keys:
        display.press_fd = master
        os.kill(os.getpid(), signal.SIGWINCH)
        # No deadline: only the resize can end this wait (through the key the display presses).
        assert keys.wait(FakeClock(), None) == "skip"
    assert display.redraws == [(0.0, True)]
    assert signal.getsignal(signal.SIGWINCH) == signal.SIG_DFL


def test_closed_input_keeps_counting_without_spinning():
    reader, writer = os.pipe()
    os.close(writer)
    clock = FakeClock()
    keys = PosixKeyReader(reader, Keymap())
    keys._wake_r, keys._wake_w = os.pipe()
    try:
        assert keys.wait(clock, 0.0) is None  # end of input is noticed...
        clock.time = 1.0
        assert keys.wait(clock, 1.0) is None  # ...and later waits no longer watch it
        assert clock.sleeps == [0.0, 1.0]
        assert not keys._reading
    finally:
        for fd in (reader, keys._wake_r, keys._wake_w):
            os.close(fd)


@pytest.mark.terminal
def test_a_terminal_hanging_up_ends_the_session_like_sighup():
    master, slave = os.openpty()
    try:
        with PosixKeyReader(slave, Keymap()) as keys:
            os.close(master)
            with pytest.raises(SessionEnded) as ended:
                keys.wait(FakeClock(), None)
        assert ended.value.signum == signal.SIGHUP
    finally:
        os.close(slave)

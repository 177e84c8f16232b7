"""live_terminal on a real pseudo-terminal: frames only on change, and a full restore on errors."""

import fcntl
import os
import select
import signal
import struct
import termios

import pytest
from rich.console import Console

from hipcli.engine import Engine
from hipcli.session import SessionEnded, run_session, signals_end_session
from hipcli.timeline import compile_timeline
from hipcli.ui.live import live_terminal
from tests.conftest import FakeClock, ScriptedKeys
from tests.routine_factory import LIBRARY, PAIR, routine

HOME = b"\x1b[H"
pytestmark = pytest.mark.terminal


class Pty:
    """A pseudo-terminal pair: the program's side (slave) and what the terminal received."""

    def __init__(self, columns=80, rows=24):
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.file = open(self.slave, "w", encoding="utf-8", closefd=False)
        self.received = b""

    def console(self) -> Console:
        return Console(file=self.file, force_terminal=True, highlight=False)

    def drainer(self):
        """A listener that empties the terminal's buffer after each redraw, as a screen would."""
        terminal = self

        class Drainer:
            def on_events(self, events, engine, now):
                terminal.read()

        return Drainer()

    def read(self) -> bytes:
        while select.select([self.master], [], [], 0)[0]:
            self.received += os.read(self.master, 65536)
        return self.received

    def close(self):
        self.file.close()
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def pty():
    terminal = Pty()
    yield terminal
    terminal.close()


def test_a_whole_session_draws_once_per_change_and_restores_everything(pty):
    before = termios.tcgetattr(pty.slave)
    hold = {"exercise": "test-stretch", "hold": 11, "sides": "left"}
    engine = Engine(compile_timeline(routine([hold], prepare=2), LIBRARY))
    clock = FakeClock()
    with live_terminal(console=pty.console(), keys_fd=pty.slave) as screen:
        assert not termios.tcgetattr(pty.slave)[3] & termios.ECHO
        run_session(engine, clock, [screen.listener, pty.drainer()], ScriptedKeys([]))
    output = pty.read()
    assert termios.tcgetattr(pty.slave) == before
    assert output.startswith(b"\x1b[?1049h")  # alternate screen
    assert b"\x1b[?25l" in output  # cursor hidden while running
    assert output.rstrip(b"\r\n").endswith(b"\x1b[?25h\x1b[?1049l")  # shown, normal screen
    # Frames: 0:00, 0:01 (get ready 2, 1), 0:02 to 0:12 (hold 11 down to 1), 0:13 (done) = 14,
    # plus the empty one of taking the screen: 15. The halfway moment at 7.5 s still to go
    # reads 8, as at 0:05, so it draws nothing; nor does the loop's first look at 0:00.
    assert output.count(HOME) == 15


def test_an_error_inside_the_session_still_restores_the_terminal(pty):
    before = termios.tcgetattr(pty.slave)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGWINCH, signal.SIGTSTP)}
    with pytest.raises(ZeroDivisionError):
        with live_terminal(console=pty.console(), keys_fd=pty.slave):
            assert signal.getsignal(signal.SIGWINCH) != handlers[signal.SIGWINCH]
            1 / 0
    assert termios.tcgetattr(pty.slave) == before
    assert pty.read().rstrip(b"\r\n").endswith(b"\x1b[?25h\x1b[?1049l")
    assert {s: signal.getsignal(s) for s in handlers} == handlers


def test_sigterm_while_live_ends_the_session_and_restores(pty):
    before = termios.tcgetattr(pty.slave)
    with pytest.raises(SessionEnded):
        with signals_end_session(), live_terminal(console=pty.console(), keys_fd=pty.slave):
            os.kill(os.getpid(), signal.SIGTERM)
            select.select([], [], [], 5)  # the handler interrupts this wait at once
    assert termios.tcgetattr(pty.slave) == before
    assert pty.read().rstrip(b"\r\n").endswith(b"\x1b[?25h\x1b[?1049l")


def test_without_a_keyboard_the_session_still_runs(pty):
    engine = Engine(compile_timeline(routine([PAIR]), LIBRARY))
    with live_terminal(console=pty.console(), keys_fd=None) as screen:
        run_session(engine, FakeClock(), [screen.listener, pty.drainer()], screen.keys)
    assert engine.finished and not engine.quit
    assert b"Test Lift" in pty.read()

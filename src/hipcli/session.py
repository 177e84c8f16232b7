"""The run loop: feed clock readings and commands to the engine, and its events to listeners."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator, Optional, Protocol

from hipcli.clock import Clock
from hipcli.engine import Engine, Event

ADJUST_SECONDS = 5.0


class Listener(Protocol):
    """Anything that reacts to a session: the screen, the speaker, the history log."""

    def on_events(self, events: list[Event], engine: Engine, now: float) -> None: ...


class Input(Protocol):
    """A source of commands: returns one, or None when `deadline` comes first."""

    def wait(self, clock: Clock, deadline: Optional[float]) -> Optional[str]: ...


class NoInput:
    """No keyboard: just wait for the next moment."""

    def wait(self, clock: Clock, deadline: Optional[float]) -> Optional[str]:
        if deadline is not None:
            clock.sleep_until(deadline)
        return None


class SessionEnded(Exception):
    """Raised by a signal handler so the loop can record the session and leave cleanly."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class OutputClosed(SessionEnded):
    """The program reading hipcli's output went away (`hipcli start | head`): the session
    ends as if stopped, quietly, with what was done kept."""

    def __init__(self) -> None:
        super().__init__(0)


def apply_command(engine: Engine, command: str, now: float) -> list[Event]:
    """Turn a command name into engine events."""
    actions = {
        "pause": engine.toggle_pause,
        "resume": engine.resume,
        "skip": engine.skip,
        "back": engine.back,
        "quit": engine.stop,
        "longer": lambda t: engine.adjust(t, ADJUST_SECONDS),
        "shorter": lambda t: engine.adjust(t, -ADJUST_SECONDS),
    }
    action = actions.get(command)
    return action(now) if action else []


def run_session(engine: Engine, clock: Clock, listeners: list[Listener],
                keys: Input | None = None) -> Engine:
    """Run until the timeline is done or the user quits; an interrupt is recorded, then re-raised."""
    keys = keys or NoInput()

    def emit(events: list[Event]) -> None:
        now = clock.now()
        for listener in listeners:
            listener.on_events(events, engine, now)

    try:
        emit(engine.start(clock.now()))
        emit(engine.advance(clock.now()))
        while not engine.finished:
            command = keys.wait(clock, engine.next_deadline())
            now = clock.now()
            events = apply_command(engine, command, now) if command else []
            emit(events + engine.advance(now))
    except (KeyboardInterrupt, SessionEnded):
        emit(engine.stop(clock.now()))
        raise
    return engine


ENDING_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
_ending = {"signal": 0}


@contextmanager
def signals_end_session() -> Iterator[None]:
    """SIGTERM, SIGHUP and SIGQUIT end the session through the same path as Ctrl-C, while inside.

    The first of them ends the session; any later one is ignored, even after leaving, so a
    second kill a moment after the first cannot cut short the recording, the terminal's
    restoring or the summary.
    """
    _ending["signal"] = 0

    def handler(signum, frame):
        if _ending["signal"]:
            return
        _ending["signal"] = signum
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SessionEnded(signum)
    previous = {}
    for name in ENDING_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, signal.SIG_IGN if _ending["signal"] else old)

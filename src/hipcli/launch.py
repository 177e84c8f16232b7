"""Assemble and run a session: load, plan, compile, then clock, screen, sound and history
wired together, each closed again however the session ends."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from dataclasses import field
from typing import TYPE_CHECKING, Optional, TextIO, cast

from hipcli import collector
from hipcli.clock import Clock
from hipcli.engine import Engine
from hipcli.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT
from hipcli.records import record
from hipcli.session import Input, Listener, OutputClosed, SessionEnded, run_session
from hipcli.timeline import Level, Options, Timeline

if TYPE_CHECKING:
    from hipcli.loading import LoadedRoutine
    from hipcli.planning import HistoryFeed, Plan


@record
class CheckinAnswers:
    """Pain 0-10 and effort (easy, right, hard) after a session; either may be left out."""

    pain: Optional[int] = None
    effort: Optional[str] = None

    @property
    def given(self) -> bool:
        return self.pain is not None or self.effort is not None


@record(frozen=False)
class SessionSetup:
    """Everything a session runs with; the CLI builds the real ones, tests build fakes."""

    clock: Clock
    listeners: list[Listener] = field(default_factory=list)
    keys: Optional[Input] = None


def prepare(loaded: "LoadedRoutine", options: Options, *, level: Optional[Level],
            history: "Optional[HistoryFeed]") -> tuple["Plan", Timeline]:
    """Plan the doses (from the history, unless `level` is given), then compile once."""
    from hipcli.planning import plan_session
    from hipcli.timeline import compile_timeline
    plan = plan_session(loaded, options, level=level, history=history)
    return plan, compile_timeline(loaded.routine, plan.library or loaded.library, plan.options,
                                  plan.doses)


def with_program_side(options: Options, store, routine: str) -> Options:
    """Without --affected, a routine of the program under way takes the program's side."""
    from dataclasses import replace
    from hipcli.history.runs import program_side
    if options.affected is not None:
        return options
    return replace(options, affected=program_side(store, routine))


def exit_code_for(signum: int) -> int:
    return 128 + signum


def run(engine: Engine, setup: SessionSetup) -> int:
    """Run to the end or until interrupted; returns the exit code (the engine keeps the rest)."""
    collector.resume()
    try:
        run_session(engine, setup.clock, setup.listeners, setup.keys)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OutputClosed:
        return EXIT_OUTPUT
    except SessionEnded as ended:
        return exit_code_for(ended.signum)
    return EXIT_INTERRUPTED if engine.quit else EXIT_OK


def summary_line(engine: Engine) -> str:
    from hipcli.durations import format_duration
    from hipcli.engine import work_outcomes
    done, skipped = work_outcomes(engine.records)
    seconds = sum(r.seconds for r in engine.records)
    state = "finished" if not engine.quit else "stopped early"
    return (f"{engine.timeline.title}: {state} after {format_duration(seconds)}; "
            f"{done} exercise steps done, {skipped} skipped")


def print_summary(engine: Engine, out: TextIO) -> None:
    from hipcli.text import one_line
    out.write(one_line(summary_line(engine)) + "\n")
    out.flush()


def _tell(line: str, notices: TextIO) -> None:
    from hipcli.text import one_line
    notices.write(one_line(line) + "\n")
    notices.flush()


class Notices:
    """Where notices go while the live view has the screen: kept, shown under the view, and
    printed once the terminal is back (a stream for `write`, a list for the view)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        self.lines += [line for line in text.splitlines() if line.strip()]
        return len(text)

    def flush(self) -> None:
        pass

    def print_to(self, stream: TextIO) -> None:
        """Print the notices kept so far, once."""
        for line in self.lines:
            _tell(line, stream)
        self.lines.clear()


def run_live(engine: Engine, setup: SessionSetup, out: TextIO, *,
             digit_scale: Optional[int] = None, color: str = "auto",
             notices: Optional[Notices] = None) -> int:
    """Run on the live screen; the terminal is back to normal before this returns.
    `digit_scale` fixes the countdown's size (None: it grows with the terminal); `color` is
    auto, always or never; `notices` show under the view."""
    from hipcli.ui.console import SafeConsole
    from hipcli.ui.live import live_terminal, tty_fd
    console = SafeConsole(file=out, highlight=False, no_color=color == "never" or None,
                      force_terminal=True if color == "always" else None)
    try:
        with live_terminal(console=console, keys_fd=tty_fd(), digit_scale=digit_scale,
                           notices=notices.lines if notices else None) as screen:
            setup.listeners.append(screen.listener)
            setup.keys = setup.keys or screen.keys
            return run(engine, setup)
    except (KeyboardInterrupt, SessionEnded) as stopped:  # while the screen was set up or put back
        engine.stop(setup.clock.now() if engine.started else 0.0)
        if isinstance(stopped, SessionEnded):
            return exit_code_for(stopped.signum)
        return EXIT_INTERRUPTED


def start_session(name: str, options: Options, *, level: Optional[Level] = "normal", plain: bool,
                  speed: float, audio: str = "auto", voice: bool = False,
                  digit_scale: Optional[int] = None, color: str = "auto",
                  out: Optional[TextIO] = None, notices: Optional[TextIO] = None,
                  checkin: CheckinAnswers = CheckinAnswers()) -> int:
    """`hipcli start`: load, plan from the history, compile, run with the real clock, screen
    and sound, record, and report. `level` None: doses follow the history. A check-in not
    given as answers is asked for after a live session."""
    from hipcli.audio.setup import open_session_audio
    from hipcli.clock import SystemClock
    from hipcli.history.feed import StoreFeed
    from hipcli.history.recorder import HistoryRecorder
    from hipcli.history.store import HistoryStore
    from hipcli.history.tracking import SessionHistory, print_lines
    from hipcli.history.writer import HistoryWriter
    from hipcli.loading import load
    from hipcli.session import signals_end_session
    from hipcli.streams import can_draw
    from hipcli.ui.plain import PlainOutput
    out, notices = out or sys.stdout, notices or sys.stderr
    loaded = load(name)
    live = not plain and can_draw(out)
    held = Notices() if live else None  # the live view shows them, then they are printed
    told = cast(TextIO, held) if held is not None else notices
    with ExitStack() as resources:
        store = HistoryStore.open()
        resources.callback(store.close)
        if held is not None:  # on any way out, what the view was showing is printed
            resources.callback(held.print_to, notices)
        options = with_program_side(options, store, loaded.routine.name)
        plan, timeline = prepare(loaded, options, level=level, history=StoreFeed(store))
        # The session hands its records to a thread of their own: the clock never waits on
        # the disk, and whatever happens the writer is closed and what is left kept.
        writer = HistoryWriter(store.path, notify=lambda line: _tell(line, told))
        resources.callback(writer.close)
        history = SessionHistory(store, plan, HistoryRecorder(writer, level=plan.recorded_level,
                                                              speed=speed, warn=told), writer,
                                 loaded.routine.name)
        print_lines(history.before_lines(), out)
        sound = open_session_audio(audio, voice=voice, timeline=timeline, speed=speed,
                                   out=out, notices=told)
        resources.callback(sound.close)
        setup = SessionSetup(clock=SystemClock(speed))
        setup.listeners.append(sound.listener)  # first: a cue never waits for a redraw or a write
        setup.listeners.append(history.recorder)
        engine = Engine(timeline)
        with signals_end_session():
            if not live:
                setup.listeners.append(PlainOutput(out))
                code = run(engine, setup)
            else:
                code = run_live(engine, setup, out, digit_scale=digit_scale, color=color,
                                notices=held)
        if held is not None:
            held.print_to(notices)  # the screen is back: what the view showed stays in sight
        if code == EXIT_OUTPUT:
            quiet_output(out)  # nothing more can be read; the session is kept as stopped
            return code
        print_summary(engine, out)
        for line in history.close():  # the session's row is written before the check-in
            _tell(line, notices)
        if live and code == EXIT_OK and speed <= 1 and not checkin.given:
            from hipcli.ui.checkin import ask_checkin
            checkin = ask_checkin(out)
        print_lines(history.after_lines(checkin.pain, checkin.effort), out)
        print_lines(history.preview_note(), notices)
        return code


def quiet_output(out: TextIO) -> None:
    """Send what is left for a closed output to nowhere, so that leaving does not fail."""
    import os
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, out.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass

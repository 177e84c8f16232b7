"""Assemble and run a session: timeline, clock, screen, sound and history wired together."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Optional, TextIO

from hipcli.catalog import find_routine
from hipcli.clock import Clock
from hipcli.engine import Engine
from hipcli.errors import EXIT_INTERRUPTED, EXIT_OK
from hipcli.library import load_library
from hipcli.routine import load_routine
from hipcli.session import (Input, Listener, SessionEnded, install_signal_handlers,
                            restore_signal_handlers, run_session)
from hipcli.timeline import Options, Timeline, compile_timeline


@dataclass
class SessionSetup:
    """Everything a session runs with; the CLI builds the real ones, tests build fakes."""

    clock: Clock
    listeners: list[Listener] = field(default_factory=list)
    keys: Optional[Input] = None


def build_timeline(name: str, options: Options) -> Timeline:
    """Find, load and compile a routine by name or path."""
    found = find_routine(name)
    library = load_library()
    routine = load_routine(found.path, library=library)
    return compile_timeline(routine, library, options)


def exit_code_for(signum: int) -> int:
    return 128 + signum


def run(timeline: Timeline, setup: SessionSetup) -> tuple[int, Engine]:
    """Run to the end or until interrupted; returns the exit code and the final engine state."""
    engine = Engine(timeline)
    previous = install_signal_handlers()
    try:
        run_session(engine, setup.clock, setup.listeners, setup.keys)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED, engine
    except SessionEnded as ended:
        return exit_code_for(ended.signum), engine
    finally:
        restore_signal_handlers(previous)
    return (EXIT_INTERRUPTED if engine.quit else EXIT_OK), engine


def summary_line(engine: Engine) -> str:
    from hipcli.durations import format_duration
    done = sum(1 for r in engine.records if r.step.is_work and not r.skipped)
    skipped = sum(1 for r in engine.records if r.step.is_work and r.skipped)
    seconds = sum(r.seconds for r in engine.records)
    state = "finished" if not engine.quit else "stopped early"
    return (f"{engine.timeline.title}: {state} after {format_duration(seconds)}; "
            f"{done} exercise steps done, {skipped} skipped")


def print_summary(engine: Engine, out: TextIO = sys.stdout) -> None:
    out.write(summary_line(engine) + "\n")
    out.flush()


def run_live(timeline: Timeline, setup: SessionSetup) -> tuple[int, Engine]:
    """Run on the live screen; the terminal is back to normal before this returns."""
    from rich.console import Console
    from hipcli.ui.live import live_terminal, tty_fd
    try:
        with live_terminal(console=Console(highlight=False), keys_fd=tty_fd()) as screen:
            setup.listeners.append(screen.listener)
            setup.keys = setup.keys or screen.keys
            return run(timeline, setup)
    except (KeyboardInterrupt, SessionEnded) as stopped:  # while the screen was set up or put back
        engine = Engine(timeline)
        engine.stop(0.0)
        if isinstance(stopped, SessionEnded):
            return exit_code_for(stopped.signum), engine
        return EXIT_INTERRUPTED, engine


def start_session(name: str, options: Options, *, plain: bool, speed: float,
                  audio: str = "auto", voice: bool = False) -> int:
    """`hipcli start`: build the real clock, screen, sound and history, run, and report."""
    from hipcli.audio.setup import open_session_audio
    from hipcli.clock import SystemClock
    from hipcli.history.tracking import open_for_session, print_lines
    from hipcli.ui.plain import PlainOutput
    history = open_for_session(name, options, speed=speed)  # a damaged file stops here
    timeline = history.plan.timeline
    print_lines(history.before_lines(), sys.stdout)
    sound = open_session_audio(audio, voice=voice, timeline=timeline, speed=speed,
                               out=sys.stdout, notices=sys.stderr)
    setup = SessionSetup(clock=SystemClock(speed))
    setup.listeners.append(sound.listener)  # first: a cue never waits for a redraw or a write
    setup.listeners.append(history.recorder)
    if plain or not sys.stdout.isatty():
        setup.listeners.append(PlainOutput(sys.stdout))
        code, engine = run(timeline, setup)
    else:
        code, engine = run_live(timeline, setup)
    print_summary(engine)
    print_lines(history.after_lines(), sys.stdout)
    sound.close()
    return code

"""A short routine with every kind of cue, and how to time its sounds in a recording.

Used by the sound-server tests and by bench/cue_latency: run the routine for real, record the
sink, and line each sound heard up with the cue it should be, at the moment it was due.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from hipcli.audio import tones
from tests.soundcheck import Found, find_sounds, name_of

ROUTINE = """\
name: cue-check
title: Cue check
prepare: 2
switch: 2
blocks:
  - exercise: figure-four-stretch
    hold: 4s
    sides: left
  - exercise: clamshell
    reps: 2
    phases: [{name: lift, seconds: 0.5}, {name: lower, seconds: 0.5}]
    sides: left
  - rest: 2s
  - exercise: clamshell
    reps: 2
    tempo: 1s
    sides: right
"""

# (sound, session second it is due): prepare 2 s, hold 4 s, prepare 2 s, 2 reps of
# lift/lower, rest 2 s, switch 2 s, 2 reps of 1 s, then the end.
EXPECTED = [
    ("get-ready", 0.0), ("countdown", 1.0),
    ("go", 2.0), ("countdown", 3.0), ("countdown", 4.0), ("countdown", 5.0),
    ("get-ready", 6.0), ("countdown", 7.0),
    ("go", 8.0), ("phase-down", 8.5), ("phase-up", 9.0), ("phase-down", 9.5),
    ("rest", 10.0), ("countdown", 11.0),
    ("switch", 12.0), ("countdown", 13.0),
    ("go", 14.0), ("tick", 15.0),
    ("complete", 16.0),
]
PITCHES = {sound.name: sound.pitch for sound in tones.SOUNDS}


def write_routine(folder: Path) -> Path:
    path = folder / "cue-check.yaml"
    path.write_text(ROUTINE)
    return path


@dataclass(frozen=True)
class Heard:
    name: str | None
    due: float  # session seconds
    error: float  # seconds late (negative: early)
    found: Found


def line_up(recording, *, session_t0: float,
            expected: list[tuple[str, float]] = EXPECTED) -> list[Heard]:
    """Pair each sound heard with the cue expected in the same place, in order."""
    found = find_sounds(recording.pcm)
    start = recording.start
    return [Heard(name_of(f, PITCHES), due, recording.heard_at(f.onset, start) - session_t0 - due,
                  f)
            for f, (_, due) in zip(found, expected)]


def traced_clock_class(real, origins: list[float]):
    """A subclass of the real SystemClock that notes the monotonic time of its session zero."""
    class Traced(real):
        def __init__(self, speed: float = 1.0):
            super().__init__(speed)
            origins.append(time.monotonic() - self.now() / self.speed)
    return Traced


# A long session: rounds of dense cues (a rep every 2 s) and sparse ones (a 60-s hold, heard
# at its start, halfway and last three seconds), each round 5 + 50 + 5 + 60 = 120 s.
LONG_ROUND_SECONDS = 120
LONG_HEAD = """\
name: cue-long
title: Long cue check
prepare: 5
blocks:
"""
LONG_ROUND = """\
  - exercise: clamshell
    reps: 25
    tempo: 2s
    sides: left
  - exercise: figure-four-stretch
    hold: 60s
    sides: left
"""
LONG_SHORT_ROUND = """\
  - exercise: clamshell
    reps: 15
    tempo: 2s
    sides: left
  - exercise: figure-four-stretch
    hold: 20s
    sides: left
"""


def write_long_routine(folder: Path, minutes: float) -> Path:
    """Whole 120-s rounds, plus one 60-s round (5 + 30 + 5 + 20) when half a round is left."""
    rounds, rest = divmod(round(minutes * 60), LONG_ROUND_SECONDS)
    body = LONG_ROUND * rounds + (LONG_SHORT_ROUND if rest >= LONG_ROUND_SECONDS / 2 else "")
    path = folder / "cue-long.yaml"
    path.write_text(LONG_HEAD + body)
    return path


def compile_routine(routine: Path):
    """The timeline `hipcli start ROUTINE` runs (at its default level)."""
    from hipcli.launch import prepare
    from hipcli.loading import load
    from hipcli.timeline import Options
    return prepare(load(str(routine)), Options(), level="normal", history=None)[1]


def schedule(timeline) -> list[tuple[str, float]]:
    """(sound, session second) of every cue of a timeline, as the engine schedules them."""
    from hipcli.audio.cues import choose
    from hipcli.engine import Engine
    engine = Engine(timeline)
    batches = [engine.start(0.0)]
    while (deadline := engine.next_deadline()) is not None:
        batches.append(engine.advance(deadline))
    return [(chosen[0], chosen[1].at) for chosen in map(choose, batches) if chosen]


@dataclass(frozen=True)
class Timed:
    """One scheduled cue and the sound found for it."""

    name: str
    due: float  # session seconds
    late: float  # seconds, by Recording.heard_at
    late_by_samples: float  # seconds, counting samples from the recording's first


def time_cues(recording, expected: list[tuple[str, float]], session_t0: float,
              found: list[Found] | None = None) -> tuple[list[Timed], list[str]]:
    """Pair each scheduled cue with the next sound heard from 50 ms before it to 300 ms after,
    which must have its pitch; returns the timed cues and a line per cue missing or sound
    unexpected."""
    found = find_sounds(recording.pcm) if found is None else found
    start = recording.start
    heard = [recording.heard_at(f.onset, start) for f in found]
    timed: list[Timed] = []
    problems: list[str] = []
    index = 0
    for name, due in expected:
        due_at = session_t0 + due
        while index < len(found) and heard[index] < due_at - 0.05:
            problems.append(f"unexpected sound at {heard[index] - session_t0:.3f} s")
            index += 1
        if index == len(found) or heard[index] > due_at + 0.3 \
                or name_of(found[index], PITCHES) != name:
            problems.append(f"{name} due at {due:.2f} s not heard")
            continue
        timed.append(Timed(name, due, heard[index] - due_at, start + found[index].onset - due_at))
        index += 1
    problems += [f"unexpected sound at {t - session_t0:.3f} s" for t in heard[index:]]
    return timed, problems

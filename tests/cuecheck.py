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


def line_up(pcm: bytes, *, recording_t0: float, session_t0: float,
            expected: list[tuple[str, float]] = EXPECTED) -> list[Heard]:
    """Pair each sound heard with the cue expected in the same place, in order."""
    found = find_sounds(pcm)
    return [Heard(name_of(f, PITCHES), due, recording_t0 + f.onset - session_t0 - due, f)
            for f, (_, due) in zip(found, expected)]


def traced_clock_class(real, origins: list[float]):
    """A subclass of the real SystemClock that notes the monotonic time of its session zero."""
    class Traced(real):
        def __init__(self, speed: float = 1.0):
            super().__init__(speed)
            origins.append(time.monotonic() - self.now() / self.speed)
    return Traced

"""The cue sounds, synthesized in code: short soft bell-like notes, each led by its own pitch.

Every sound is 16-bit mono PCM at 48 kHz. Each has one dominant pitch, far enough from every
other sound's that a listener (or a recording) can tell them apart, and fades in and out over a
few milliseconds so it never clicks.
"""

from __future__ import annotations

import array
import math
import sys
from functools import lru_cache
from typing import Optional
from hipcli.records import record

RATE = 48000
SAMPLE_BYTES = 2
PEAK = 12000  # about -9 dBFS: clear but not harsh, with room to mix two sounds
ATTACK = 0.005
RELEASE = 0.012
TABLE_SIZE = 4096
HARMONICS = (1.0, 0.22, 0.07)  # a soft, slightly bell-like timbre


@record
class Note:
    """One part of a sound: a pitch (optionally gliding to another) held for `seconds`."""

    hz: float
    seconds: float
    to_hz: Optional[float] = None
    level: float = 1.0
    decay: float = 0.0  # seconds for the level to fall by about two thirds; 0 holds it level


@record
class Sound:
    """A named cue: what it means, its dominant pitch and the notes that make it."""

    name: str
    meaning: str
    pitch: float
    notes: tuple[Note, ...]
    tremolo: float = 0.0  # Hz of a gentle amplitude wobble, 0 for none

    @property
    def seconds(self) -> float:
        return sum(note.seconds for note in self.notes)


SOUNDS: tuple[Sound, ...] = (
    Sound("get-ready", "get into position: the next exercise is about to begin", 349.2,
          (Note(261.6, 0.07, level=0.6), Note(349.2, 0.26, decay=0.35))),
    Sound("go", "work starts: hold or begin the reps now", 880.0,
          (Note(880.0, 0.30, decay=0.25),)),
    Sound("countdown", "one of the last three seconds of a step", 1046.5,
          (Note(1046.5, 0.11, decay=0.12),)),
    Sound("halfway", "half of the hold is done", 440.0,
          (Note(440.0, 0.09), Note(440.0, 0.16, decay=0.2))),
    Sound("tick", "a new rep begins", 1975.5,
          (Note(1975.5, 0.04, decay=0.02),)),
    Sound("phase-up", "a rising part of a rep: lift, raise, pull in", 1244.5,
          (Note(830.6, 0.06, to_hz=1244.5, level=0.7), Note(1244.5, 0.11, decay=0.12))),
    Sound("phase-down", "a falling part of a rep: lower, drop, push out", 523.3,
          (Note(784.0, 0.06, to_hz=523.3, level=0.7), Note(523.3, 0.11, decay=0.12))),
    Sound("phase-hold", "a still part of a rep: hold the position", 622.3,
          (Note(622.3, 0.15, level=0.8, decay=0.3),)),
    Sound("switch", "change to the other side", 740.0,
          (Note(740.0, 0.36, decay=0.5),), tremolo=9.0),
    Sound("rest", "rest: relax until the next part", 261.6,
          (Note(261.6, 0.5, level=0.9, decay=0.45),)),
    Sound("complete", "the routine is complete", 1568.0,
          (Note(784.0, 0.08, level=0.7), Note(1046.5, 0.08, level=0.7),
           Note(1318.5, 0.08, level=0.7), Note(1568.0, 0.45, decay=0.3))),
)
SOUND_NAMES = tuple(sound.name for sound in SOUNDS)
_BY_NAME = {sound.name: sound for sound in SOUNDS}


def sound(name: str) -> Sound:
    """The sound called `name`; KeyError for an unknown name."""
    return _BY_NAME[name]


@lru_cache(maxsize=None)
def _wave_table() -> array.array:
    """One cycle of the timbre, so each sample costs a table look-up instead of three sines."""
    scale = 1.0 / sum(HARMONICS)
    return array.array("d", (
        scale * sum(level * math.sin(2 * math.pi * (k + 1) * i / TABLE_SIZE)
                    for k, level in enumerate(HARMONICS))
        for i in range(TABLE_SIZE)))


def _fade(position: int, length: int) -> float:
    """A raised-cosine ramp from 0 to 1 over `length` samples."""
    if position >= length:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * position / length)


def _note_samples(note: Note, phase: float, tremolo: float, out: list[float]) -> float:
    """Append one note's samples to `out` and return the oscillator phase it ends on."""
    table = _wave_table()
    count = int(round(note.seconds * RATE))
    attack, release = int(ATTACK * RATE), int(RELEASE * RATE)
    start_hz = note.hz
    end_hz = note.to_hz if note.to_hz is not None else note.hz
    for i in range(count):
        hz = start_hz + (end_hz - start_hz) * i / count
        phase = (phase + hz * TABLE_SIZE / RATE) % TABLE_SIZE
        level = note.level * _fade(i, attack) * _fade(count - 1 - i, release)
        if note.decay:
            level *= math.exp(-i / (note.decay * RATE))
        if tremolo:
            level *= 0.75 + 0.25 * math.cos(2 * math.pi * tremolo * i / RATE)
        out.append(level * table[int(phase)])
    return phase


def synthesize(target: Sound) -> bytes:
    """Render a sound as little-endian 16-bit mono PCM at RATE."""
    samples: list[float] = []
    phase = 0.0
    for note in target.notes:
        phase = _note_samples(note, phase, target.tremolo, samples)
    pcm = array.array("h", (int(PEAK * value) for value in samples))
    if pcm.itemsize != SAMPLE_BYTES:
        raise RuntimeError("16-bit samples are needed")
    return _little_endian(pcm)


def _little_endian(pcm: array.array) -> bytes:
    if sys.byteorder == "big":
        pcm.byteswap()
    return pcm.tobytes()


@lru_cache(maxsize=None)
def pcm(name: str) -> bytes:
    """The rendered PCM of the sound called `name`, made once per process."""
    return synthesize(sound(name))


def all_pcm(names: tuple[str, ...] = SOUND_NAMES) -> dict[str, bytes]:
    """Every named sound, rendered: build this before a session so no cue waits for synthesis."""
    return {name: pcm(name) for name in names}


def silence(seconds: float) -> bytes:
    """PCM silence of the given length."""
    return bytes(SAMPLE_BYTES * max(int(round(seconds * RATE)), 0))


def duration(data: bytes) -> float:
    """Seconds of audio in a PCM buffer."""
    return len(data) / (SAMPLE_BYTES * RATE)

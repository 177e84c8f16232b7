"""Find the sounds in a recording: where each starts, how long it lasts, and its pitch.

The envelope is the mean absolute level over 1 ms; a sound starts where it rises above the
threshold and ends after `gap` seconds below it. Its pitch is the peak of its spectrum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RATE = 48000


@dataclass(frozen=True)
class Found:
    onset: float  # seconds from the start of the recording
    seconds: float
    pitch: float  # Hz, strongest component over the whole sound
    first_pitch: float  # Hz, over its first 30 ms
    last_pitch: float  # Hz, over its last 60 ms


def samples(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2").astype(float)


def peak_hz(segment: np.ndarray) -> float:
    if len(segment) == 0:
        return 0.0
    size = 1 << 16
    spectrum = np.abs(np.fft.rfft(segment * np.hanning(len(segment)), n=size))
    return float(np.argmax(spectrum) * RATE / size)


def find_sounds(pcm: bytes, *, threshold: float = 400.0, gap: float = 0.05) -> list[Found]:
    x = samples(pcm)
    if len(x) == 0:
        return []
    envelope = np.convolve(np.abs(x), np.ones(48) / 48, mode="same")
    loud = np.flatnonzero(envelope > threshold)
    found: list[Found] = []
    if len(loud) == 0:
        return found
    breaks = np.flatnonzero(np.diff(loud) > gap * RATE)
    starts = np.concatenate(([loud[0]], loud[breaks + 1]))
    ends = np.concatenate((loud[breaks], [loud[-1]]))
    for start, end in zip(starts, ends):
        segment = x[start:end + 1]
        found.append(Found(onset=start / RATE, seconds=len(segment) / RATE,
                           pitch=peak_hz(segment[:int(0.8 * RATE)]),
                           first_pitch=peak_hz(segment[:int(0.03 * RATE)]),
                           last_pitch=peak_hz(segment[-int(0.06 * RATE):])))
    return found


def name_of(found: Found, pitches: dict[str, float], tolerance: float = 0.04) -> str | None:
    """The sound whose dominant pitch the found one has, or None."""
    for name, pitch in pitches.items():
        if abs(found.pitch - pitch) <= tolerance * pitch:
            return name
    return None

"""Mixes queued sounds into one stream, a block at a time, for a device that pulls audio.

`add` is called from the session's thread and `read` from the audio device's thread; a lock
keeps the two apart. A block with one sound in it is a plain slice, so the usual case costs
almost nothing; overlapping sounds are summed and clipped. A stopped sound fades out over a
few milliseconds instead of being cut off mid-wave.
"""

from __future__ import annotations

import array
import sys
import threading
import time

SAMPLE_BYTES = 2
STOP_FADE_SAMPLES = 240  # 5 ms at 48 kHz


class Playing:
    """A sound being mixed: where it has got to, and whether it was asked to stop."""

    def __init__(self, data: bytes):
        self.data = data
        self.position = 0
        self.stopping = False

    @property
    def done(self) -> bool:
        return self.position >= len(self.data)

    def stop(self) -> None:
        self.stopping = True


class Mixer:
    """A set of sounds under way, read out as one 16-bit mono stream."""

    def __init__(self, clock=time.monotonic):
        self._playing: list[Playing] = []
        self._lock = threading.Lock()
        self._zeros = b""
        self._clock = clock
        self._last_sound = clock()
        self.reads = 0  # blocks the device has asked for so far

    def add(self, data: bytes) -> Playing:
        playing = Playing(bytes(data))
        with self._lock:
            self._playing.append(playing)
        return playing

    def read(self, frames: int) -> bytes:
        """The next `frames` samples of the mix (silence when nothing plays)."""
        size = frames * SAMPLE_BYTES
        with self._lock:
            self.reads += 1
            for playing in self._playing:
                if playing.stopping:
                    _begin_fade(playing)
            blocks = [_take(playing, size) for playing in self._playing]
            self._playing = [p for p in self._playing if not p.done]
            if blocks:
                self._last_sound = self._clock()
        blocks = [b for b in blocks if b]
        if not blocks:
            return self._silence(size)
        if len(blocks) == 1:
            block = blocks[0]
            return block + self._silence(size - len(block)) if len(block) < size else block
        return _sum(blocks, frames)

    def _silence(self, size: int) -> bytes:
        if len(self._zeros) < size:
            self._zeros = bytes(size)
        return self._zeros[:size]

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._playing)

    def quiet_for(self) -> float:
        """Seconds since the mix last carried sound (0 while something plays)."""
        with self._lock:
            return 0.0 if self._playing else self._clock() - self._last_sound


def _take(playing: Playing, size: int) -> bytes:
    block = playing.data[playing.position:playing.position + size]
    playing.position += len(block)
    return block


def _begin_fade(playing: Playing) -> None:
    """Cut a stopping sound to a short fade from where it is now."""
    start = playing.position
    tail = array.array("h")
    tail.frombytes(playing.data[start:start + STOP_FADE_SAMPLES * SAMPLE_BYTES])
    _native(tail)
    count = len(tail)
    for i in range(count):
        tail[i] = int(tail[i] * (count - i) / count)
    _native(tail)
    playing.data = playing.data[:start] + tail.tobytes()
    playing.stopping = False


def _sum(blocks: list[bytes], frames: int) -> bytes:
    total = [0] * frames
    for block in blocks:
        samples = array.array("h")
        samples.frombytes(block)
        _native(samples)
        for i, value in enumerate(samples):
            total[i] += value
    mixed = array.array("h", (max(-32768, min(32767, v)) for v in total))
    _native(mixed)
    return mixed.tobytes()


def _native(samples: array.array) -> None:
    """Swap little-endian PCM to the machine's order and back (a no-op on most machines)."""
    if sys.byteorder == "big":
        samples.byteswap()

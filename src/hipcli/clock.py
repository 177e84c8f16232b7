"""Clocks: the monotonic system clock, a sped-up one for previews, and the Clock protocol."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Session time in seconds; `sleep_until` returns at or just after `deadline`."""

    def now(self) -> float: ...

    def sleep_until(self, deadline: float) -> None: ...

    def real_seconds(self, session_seconds: float) -> float: ...


class SystemClock:
    """The monotonic clock, optionally running `speed` times faster than real time."""

    def __init__(self, speed: float = 1.0):
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._origin = time.monotonic()

    def now(self) -> float:
        return (time.monotonic() - self._origin) * self.speed

    def real_seconds(self, session_seconds: float) -> float:
        return max(session_seconds, 0.0) / self.speed

    def sleep_until(self, deadline: float) -> None:
        # Sleep most of the way, then re-check: sleep() may wake a little early or late,
        # and each wake-up is measured against the deadline, never against the last wake-up.
        while True:
            remaining = self.real_seconds(deadline - self.now())
            if remaining <= 0:
                return
            time.sleep(remaining if remaining > 0.002 else 0.0005)

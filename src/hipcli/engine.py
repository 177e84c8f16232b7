"""The session engine: walks a timeline against clock readings and says what happens when.

It never reads a clock itself. `advance(now)` reports every moment passed since the last call;
`next_deadline()` says when the next one is due. Every moment is scheduled from the start of
its step (second k ends at start + k), so slow redraws or late wake-ups never add up to drift.
"""

from __future__ import annotations

from dataclasses import field
from typing import Optional

from hipcli.records import record
from hipcli.timeline import Step, Timeline

BACK_GRACE_SECONDS = 2.0
MIN_HOLD_SECONDS = 5.0
COUNTDOWN_FROM = 3
HALFWAY_MIN_SECONDS = 10.0


@record
class Event:
    """Something that happened in a session, at session time `at`."""

    kind: str  # started, step, tick, countdown, halfway, rep, phase, step_end, paused,
    #            resumed, skipped, back, adjusted, finished, quit
    at: float
    step: Step
    value: object = None
    rep: int = 0


@record(frozen=False)
class StepRecord:
    """What became of one step: done or skipped, and for how long it ran."""

    step: Step
    seconds: float
    skipped: bool


@record(frozen=False)
class Engine:
    """The state of a running session."""

    timeline: Timeline
    index: int = 0
    step_started: float = 0.0
    extra: float = 0.0
    paused_at: Optional[float] = None
    finished: bool = False
    quit: bool = False
    started_at: float = 0.0
    started: bool = False
    records: list[StepRecord] = field(default_factory=list)
    _moments: list[tuple[float, str, object, int]] = field(default_factory=list)
    _cursor: int = 0

    # -- reading the state -------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.timeline.steps[self.index]

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def step_seconds(self) -> float:
        return self.step.seconds + self.extra

    def elapsed_in_step(self, now: float) -> float:
        moment = self.paused_at if self.paused_at is not None else now
        return min(max(moment - self.step_started, 0.0), self.step_seconds)

    def remaining_in_step(self, now: float) -> float:
        return self.step_seconds - self.elapsed_in_step(now)

    def remaining_total(self, now: float) -> float:
        later = sum(s.seconds for s in self.timeline.steps[self.index + 1:])
        return self.remaining_in_step(now) + later

    def current_rep(self, now: float) -> tuple[int, str]:
        """(rep number, phase name) under way at `now` in a reps step, else (0, "")."""
        rep, phase = 0, ""
        elapsed = self.elapsed_in_step(now)
        for offset, rep_no, name in self.step.rep_moments():
            if offset > elapsed + 1e-9:
                break
            rep, phase = rep_no, name
        return rep, phase

    def next_deadline(self) -> Optional[float]:
        """Session time of the next moment, or None while paused or finished."""
        if self.finished or self.paused:
            return None
        if self._cursor < len(self._moments):
            return self.step_started + self._moments[self._cursor][0]
        return self.step_started + self.step_seconds

    # -- driving it ----------------------------------------------------------------------
    def start(self, now: float) -> list[Event]:
        self.started_at, self.started = now, True
        return [Event("started", now, self.step)] + self._enter(0, now)

    def advance(self, now: float) -> list[Event]:
        """Every moment due by `now`, in order, crossing into later steps as needed."""
        events: list[Event] = []
        while not self.finished and not self.paused:
            deadline = self.next_deadline()
            if deadline is None or deadline > now + 1e-9:
                break
            if self._cursor < len(self._moments):
                offset, kind, value, rep = self._moments[self._cursor]
                self._cursor += 1
                events.append(Event(kind, deadline, self.step, value, rep))
            else:
                events += self._leave(deadline, skipped=False)
                events += self._enter(self.index + 1, deadline)
        return events

    def pause(self, now: float) -> list[Event]:
        if self.paused or self.finished:
            return []
        self.paused_at = now
        return [Event("paused", now, self.step)]

    def resume(self, now: float) -> list[Event]:
        if self.paused_at is None:
            return []
        self.step_started += now - self.paused_at
        self.paused_at = None
        return [Event("resumed", now, self.step)]

    def toggle_pause(self, now: float) -> list[Event]:
        return self.resume(now) if self.paused else self.pause(now)

    def skip(self, now: float) -> list[Event]:
        if self.finished:
            return []
        at = self._paused_or(now)
        self.paused_at = None
        events = [Event("skipped", now, self.step)] + self._leave(at, skipped=True)
        return events + self._enter(self.index + 1, now)

    def back(self, now: float) -> list[Event]:
        """Restart this step, or go to the one before when this one has only just begun."""
        if self.finished:
            return []
        early = self.elapsed_in_step(now) < BACK_GRACE_SECONDS
        target = self.index - 1 if early and self.index > 0 else self.index
        self.paused_at = None
        return [Event("back", now, self.step, target)] + self._enter(target, now)

    def adjust(self, now: float, delta: float) -> list[Event]:
        """Lengthen or shorten the current hold; it never ends before now or below 5 s."""
        if self.step.kind != "hold" or self.finished:
            return []
        elapsed = self.elapsed_in_step(now)
        floor = max(MIN_HOLD_SECONDS, elapsed + 1.0)
        self.extra = max(self.step.seconds + self.extra + delta, floor) - self.step.seconds
        self._moments = _moments(self.step, self.step_seconds)
        self._cursor = sum(1 for m in self._moments if m[0] <= elapsed + 1e-9)
        return [Event("adjusted", now, self.step, self.step_seconds)]

    def stop(self, now: float) -> list[Event]:
        """End the session early (quit, Ctrl-C, a signal): the current step counts as skipped."""
        if self.finished:
            return []
        events = self._leave(self._paused_or(now), skipped=True)
        self.finished = self.quit = True
        self.paused_at = None
        return events + [Event("quit", now, self.step)]

    # -- internals -----------------------------------------------------------------------
    def _enter(self, index: int, at: float) -> list[Event]:
        self.index = min(index, len(self.timeline.steps) - 1)
        self.step_started = at
        self.extra = 0.0
        self._moments = _moments(self.step, self.step_seconds)
        self._cursor = 0
        if self.step.kind == "done":
            self.finished = True
            return [Event("finished", at, self.step)]
        return [Event("step", at, self.step)]

    def _paused_or(self, now: float) -> float:
        """When the clock stopped for this step: the pause, if paused, else `now`."""
        return now if self.paused_at is None else self.paused_at

    def _leave(self, at: float, *, skipped: bool) -> list[Event]:
        ran = min(max(at - self.step_started, 0.0), self.step_seconds)
        self.records.append(StepRecord(self.step, ran, skipped))
        return [] if skipped else [Event("step_end", at, self.step)]


def work_outcomes(records: list[StepRecord]) -> tuple[int, int]:
    """(done, skipped) exercise steps: a step gone back to and run again counts once, done if
    it was ever done; so the two never add up to more than the routine's exercise steps."""
    done = {r.step.index for r in records if r.step.is_work and not r.skipped}
    seen = {r.step.index for r in records if r.step.is_work}
    return len(done), len(seen - done)


def _moments(step: Step, seconds: float) -> list[tuple[float, str, object, int]]:
    """(offset, kind, value, rep) of every moment inside a step, in time order."""
    moments: list[tuple[float, str, object, int]] = []
    whole = int(seconds)
    for k in range(1, whole + (0 if whole == seconds else 1)):
        remaining = seconds - k
        counting = step.kind != "reps" and remaining <= COUNTDOWN_FROM and remaining == int(remaining)
        kind = "countdown" if counting else "tick"
        moments.append((float(k), kind, int(-(-remaining // 1)), 0))
    if step.kind == "hold" and seconds >= HALFWAY_MIN_SECONDS:
        moments.append((seconds / 2, "halfway", None, 0))
    for offset, rep, phase in step.rep_moments():
        moments.append((offset, "phase" if phase else "rep", phase or rep, rep))
    order = {"rep": 0, "phase": 1, "halfway": 2, "countdown": 3, "tick": 3}
    moments.sort(key=lambda m: (m[0], order[m[1]]))
    return moments

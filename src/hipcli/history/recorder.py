"""A session listener that writes the session to the history as it goes.

The session row is written when the first exercise step ends (done or skipped), and brought
up to date after every step that ends or is skipped, each in its own commit: a crash or
`kill -9` loses at most the step under way, and the row left "running" reads as partial
afterwards. A session stopped before any exercise step ended is not written at all: it did
nothing worth counting towards streaks, minutes or progression. While another program holds
the file, steps are kept and written at a later step's end: the session never waits on the lock
for longer than MID_SESSION_WAIT_MS; only its last write waits the full busy timeout.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Iterable, Optional, Protocol, TextIO

from hipcli.engine import Engine, Event, StepRecord
from hipcli.errors import HistoryBusy, HistoryError
from hipcli.history.store import BUSY_TIMEOUT_MS, StepRow

MID_SESSION_WAIT_MS = 100
from hipcli.text import one_line


class RecordSink(Protocol):
    """Where records go: a HistoryStore writes them at once (its key is the row id), a
    HistoryWriter queues them for its own thread (its key names the row to come)."""

    def begin_session(self, *, routine: str, title: str, started_at: str,
                      planned_seconds: float, level: str, speed: float = 1.0,
                      wait_ms: int = BUSY_TIMEOUT_MS) -> Any: ...

    def record_steps(self, session_id: Any, steps: Iterable[StepRow], *, duration: float,
                     status: Optional[str], updated_at: str,
                     wait_ms: int = BUSY_TIMEOUT_MS) -> None: ...


def wall_clock_now() -> str:
    """Local wall-clock time with its UTC offset, to the second (on HIPCLI_TODAY when set)."""
    from hipcli.days import now_stamp
    return now_stamp()


def step_row(session_id: Any, seq: int, record: StepRecord) -> StepRow:
    step = record.step
    return StepRow(
        session_id=session_id, seq=seq, step_index=step.index, exercise_id=step.exercise_id,
        side=step.side, kind=step.kind, set_no=step.set_no, set_count=step.set_count,
        hold=step.seconds if step.kind == "hold" else None,
        reps=step.reps if step.kind == "reps" else None,
        planned_seconds=step.seconds, seconds=round(record.seconds, 3), skipped=record.skipped)


class HistoryRecorder:
    """Listener: records the session's start, each step's end, and how the session ended.

    `store` takes the records: a HistoryStore writes them at once (tests), a HistoryWriter
    queues them for its own thread (a real session), so the clock never waits on the disk.
    """

    def __init__(self, store: RecordSink, *, level: str, speed: float = 1.0,
                 now: Callable[[], str] = wall_clock_now, warn: Optional[TextIO] = None):
        self.store = store
        self.level = level
        self.speed = speed
        self.now = now
        self.warn = warn if warn is not None else sys.stderr
        self.session_id: Any = None  # the sink's key for this session, once begun
        self.started_at: Optional[str] = None
        self.failed = False
        self.busy_told = False
        self._written = 0

    def on_events(self, events: list[Event], engine: Engine, now: float) -> None:
        if self.failed:
            return
        kinds = {event.kind for event in events}
        if self.started_at is None and "started" in kinds:
            self.started_at = self.now()
        try:
            if self.session_id is None and _worth_keeping(engine, kinds):
                self._begin(engine, ending=_status(kinds) is not None)
            if self.session_id is not None:
                self._update(engine, _status(kinds))
        except HistoryBusy as exc:
            if _status(kinds) is not None:
                self._give_up(exc)
            elif not self.busy_told:
                self.busy_told = True
                self._say("the history database is busy (another program is writing to it); "
                          "steps are kept and written once it is free")
        except HistoryError as exc:
            self._give_up(exc)

    def _give_up(self, exc: HistoryError) -> None:
        self.failed = True
        self._say(f"this session is not being recorded: {exc}")

    def _say(self, text: str) -> None:
        self.warn.write(one_line(f"hipcli: {text}") + "\n")
        self.warn.flush()

    def _begin(self, engine: Engine, *, ending: bool) -> None:
        """Write the session's row; mid-session, waiting on another writer no longer than
        the clock can spare (a busy file is tried again at the next step's end)."""
        timeline = engine.timeline
        started_at = self.started_at or self.now()
        self.session_id = self.store.begin_session(
            routine=timeline.routine, title=timeline.title, started_at=started_at,
            planned_seconds=timeline.total, level=self.level, speed=self.speed,
            wait_ms=BUSY_TIMEOUT_MS if ending else MID_SESSION_WAIT_MS)

    def _update(self, engine: Engine, status: Optional[str]) -> None:
        records = engine.records
        if self.session_id is None or (len(records) == self._written and status is None):
            return
        fresh = [step_row(self.session_id, seq, records[seq])
                 for seq in range(self._written, len(records))]
        wait = BUSY_TIMEOUT_MS if status is not None else MID_SESSION_WAIT_MS
        self.store.record_steps(self.session_id, fresh, status=status, updated_at=self.now(),
                                duration=round(sum(r.seconds for r in records), 3), wait_ms=wait)
        self._written = len(records)


def _worth_keeping(engine: Engine, kinds: set[str]) -> bool:
    """Whether an exercise step has ended, done or skipped, or the session has finished.
    The step a quit cuts short does not count."""
    if "finished" in kinds and not engine.quit:
        return True
    ended = engine.records[:-1] if "quit" in kinds else engine.records
    return any(record.step.is_work for record in ended)


def _status(kinds: set[str]) -> Optional[str]:
    if "quit" in kinds:
        return "partial"
    if "finished" in kinds:
        return "finished"
    return None

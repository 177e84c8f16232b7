"""Writing a session's history off the timing path: a thread of its own with a queue.

The session hands each record (the session began, these steps ended) to `HistoryWriter` and
carries on at once; the writer thread does the SQLite work. A database locked by another
program, slow or full delays nothing on screen or in sound: the writer says so once, keeps the
records and tries again. What is still unwritten when the session closes is kept in a journal
beside the database (journal.py), which the next run adds to the history.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import deque
from dataclasses import astuple
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from hipcli.errors import HistoryError
from hipcli.history import journal
from hipcli.history.store import HistoryStore, StepRow
from hipcli.text import shown_path

RETRY_FIRST = 0.25
RETRY_LONGEST = 2.0
WRITER_BUSY_MS = 200
CLOSE_WAIT = 3.0  # for the last records, when the database has been taking them
BUSY_CLOSE_WAIT = 0.5  # when it has been holding them up: do not keep the user waiting
RETRIED = {"locked", "full", "io"}  # faults that pass; others (read-only, damaged) do not
PASSING = {"locked": "is locked by another program", "full": "is on a full disk",
           "io": "cannot be written just now"}


class HistoryWriter:
    """Takes records from the session without ever blocking it; writes them on its own thread."""

    def __init__(self, path: Path, *, notify: Callable[[str], None],
                 open_store: Optional[Callable[[Path], HistoryStore]] = None):
        self.path = Path(path)
        self.notify = notify
        self.open_store = open_store or (lambda p: HistoryStore.open(p, busy_ms=WRITER_BUSY_MS))
        self._pending: deque[dict[str, Any]] = deque()
        self._ids: dict[str, int] = {}
        self._lock = threading.Condition()
        self._closing = False
        self._stopped = False
        self._writing = False
        self._given_up: Optional[HistoryError] = None
        self._told = False
        self._delayed = False
        self._keys = itertools.count(1)
        self._thread = threading.Thread(target=self._run, name="hipcli-history", daemon=True)
        self._thread.start()

    # -- the session's side: never waits -------------------------------------------------
    def begin_session(self, **fields: Any) -> str:
        """Queue a new session row; returns the key later records name it by."""
        fields.pop("wait_ms", None)  # the writer's own thread does the waiting
        key = f"{os.getpid()}-{time.time_ns()}-{next(self._keys)}"
        self._put({"op": "begin", "key": key, "fields": fields})
        return key

    def record_steps(self, key: str, steps: Iterable[StepRow], *, duration: float,
                     status: Optional[str], updated_at: str, wait_ms: int = 0) -> None:
        """Queue finished steps; never waits (`wait_ms` is for a store written directly)."""
        rows = [list(astuple(step)) for step in steps]
        self._put({"op": "steps", "key": key, "rows": rows, "duration": duration,
                   "status": status, "updated_at": updated_at})

    def session_id(self, key: Any) -> Optional[int]:
        """The database id of a session once its row is written, else None."""
        with self._lock:
            return self._ids.get(key) if key is not None else None

    def _put(self, op: dict[str, Any]) -> None:
        with self._lock:
            self._pending.append(op)
            self._lock.notify()

    # -- closing -------------------------------------------------------------------------
    def close(self, wait: Optional[float] = None) -> list[str]:
        """Let the thread write what it can for a moment, journal the rest, and say what
        happened when anything did not go as usual."""
        if self._stopped:
            return []  # closed already
        wait = wait if wait is not None else (BUSY_CLOSE_WAIT if self._delayed else CLOSE_WAIT)
        deadline = time.monotonic() + wait
        with self._lock:
            self._closing = True
            self._lock.notify_all()
            while self._pending and self._given_up is None and time.monotonic() < deadline:
                self._lock.wait(max(deadline - time.monotonic(), 0.0))
            self._stopped = True
            while self._writing and self._thread.is_alive():  # ends within one busy timeout
                self._lock.wait(0.05)
            left = [self._with_id(op) for op in self._pending]
            self._pending.clear()
        if not left:
            return ["hipcli: the history database was busy for a while; everything was "
                    "written in the end"] if self._delayed else []
        try:
            kept = journal.append(self.path, left)
        except OSError as exc:
            return [f"hipcli: {len(left)} history records could not be written or kept "
                    f"({exc.strerror or exc}); this session is missing from the history"]
        return [f"hipcli: the history database could not take this session yet; it is kept in "
                f"{kept} and will be added to the history next time"]

    def _with_id(self, op: dict[str, Any]) -> dict[str, Any]:
        """A steps record whose session row is already written names that row's id."""
        if op["op"] == "steps" and op["key"] in self._ids:
            return {**op, "id": self._ids[op["key"]]}
        return op

    # -- the thread ----------------------------------------------------------------------
    def _run(self) -> None:
        stores: list[HistoryStore] = []
        try:
            self._write_all(stores)
        finally:
            for store in stores:
                store.close()

    def _write_all(self, stores: list[HistoryStore]) -> None:
        """Apply records in order until closed; a failed one is tried again after a pause."""
        wait = RETRY_FIRST
        while True:
            with self._lock:
                while not self._pending and not self._closing:
                    self._lock.wait()
                if not self._pending or self._stopped:
                    return
                op = self._pending[0]
                self._writing = True
            try:
                if not stores:
                    stores.append(self.open_store(self.path))
                self._apply(stores[0], op)
            except Exception as exc:  # a HistoryError; anything else must not end in silence
                problem = exc if isinstance(exc, HistoryError) else \
                    HistoryError(f"the history could not be written ({exc})")
                with self._lock:
                    self._writing = False
                    self._lock.notify_all()
                if not self._trouble(problem):
                    return
                with self._lock:
                    if not self._stopped:
                        self._lock.wait(wait)
                wait = min(wait * 2, RETRY_LONGEST)
                continue
            wait = RETRY_FIRST
            with self._lock:
                self._writing = False
                self._pending.popleft()
                self._lock.notify_all()

    def _trouble(self, problem: HistoryError) -> bool:
        """Tell the user once; whether trying again could help."""
        self._delayed = True
        retry = getattr(problem, "kind", "") in RETRIED
        if not self._told:
            self._told = True
            self.notify(self._notice(problem, retry))
        if not retry:
            with self._lock:
                self._given_up = problem
                self._lock.notify_all()
        return retry

    def _notice(self, problem: HistoryError, retry: bool) -> str:
        if not retry:
            return f"hipcli: {problem}; this session's records are kept beside it for next time"
        what = PASSING.get(problem.kind, "cannot take records just now")
        return (f"hipcli: the history database {shown_path(self.path)} {what}; the session "
                "goes on, and is recorded as soon as the database can take it")

    def _apply(self, store: HistoryStore, op: dict[str, Any]) -> None:
        ids = store.apply([self._with_id(op)], known=dict(self._ids))
        with self._lock:
            self._ids.update(ids)

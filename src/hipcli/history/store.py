"""The history database: one SQLite file, versioned with PRAGMA user_version, safe to share.

WAL mode lets a reader look while a session writes; a busy timeout makes a second writer wait
instead of failing; every write is its own short transaction, so a killed process loses at most
the write it was in. A damaged file is reported, never repaired, replaced or deleted.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from hipcli.doses import WORK_KINDS
from hipcli.errors import HistoryBusy, HistoryError

FILE_NAME = "history.sqlite3"
BUSY_TIMEOUT_MS = 15000
WORK_KINDS_SQL = ", ".join(f"'{kind}'" for kind in WORK_KINDS)  # fixed words, not user text

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # version 1
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            routine TEXT NOT NULL,
            title TEXT NOT NULL,
            started_at TEXT NOT NULL,
            planned_seconds REAL NOT NULL,
            duration REAL NOT NULL DEFAULT 0,
            status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'partial')),
            level TEXT NOT NULL,
            speed REAL NOT NULL DEFAULT 1,
            pid INTEGER,
            host TEXT,
            updated_at TEXT
        )""",
        "CREATE INDEX sessions_by_start ON sessions (started_at)",
        """CREATE TABLE steps (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            step_index INTEGER NOT NULL,
            exercise_id TEXT,
            side TEXT,
            kind TEXT NOT NULL,
            set_no INTEGER NOT NULL DEFAULT 0,
            set_count INTEGER NOT NULL DEFAULT 0,
            hold REAL,
            reps INTEGER,
            planned_seconds REAL NOT NULL,
            seconds REAL NOT NULL,
            skipped INTEGER NOT NULL CHECK (skipped IN (0, 1)),
            PRIMARY KEY (session_id, seq)
        )""",
        "CREATE INDEX steps_by_exercise ON steps (exercise_id, side)",
        """CREATE TABLE measurements (
            id INTEGER PRIMARY KEY,
            taken_at TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('left', 'right')),
            er_degrees REAL NOT NULL CHECK (er_degrees BETWEEN 0 AND 90),
            ir_degrees REAL NOT NULL CHECK (ir_degrees BETWEEN 0 AND 90)
        )""",
        "CREATE INDEX measurements_by_time ON measurements (taken_at)",
    ),
    (  # version 2: check-ins after sessions, and the programs followed over weeks
        """CREATE TABLE checkins (
            session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            pain INTEGER CHECK (pain BETWEEN 0 AND 10),
            effort TEXT CHECK (effort IN ('easy', 'right', 'hard')),
            taken_at TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE program_runs (
            id INTEGER PRIMARY KEY,
            program TEXT NOT NULL,
            affected TEXT CHECK (affected IN ('left', 'right')),
            started_on TEXT NOT NULL,
            stopped_on TEXT
        ) STRICT""",
        """CREATE TABLE program_stages (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES program_runs (id) ON DELETE CASCADE,
            stage INTEGER NOT NULL CHECK (stage >= 0),
            started_on TEXT NOT NULL,
            how TEXT NOT NULL CHECK (how IN ('start', 'criteria', 'advance', 'back'))
        ) STRICT""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class SessionRow:
    """One recorded session, with its steps counted."""

    id: int
    routine: str
    title: str
    started_at: str
    planned_seconds: float
    duration: float
    status: str
    level: str
    speed: float
    done: int = 0
    skipped: int = 0

    @property
    def day(self) -> str:
        return self.started_at[:10]


@dataclass(frozen=True)
class StepRow:
    """One step of a recorded session: what was planned and what became of it."""

    session_id: int
    seq: int
    step_index: int
    exercise_id: Optional[str]
    side: Optional[str]
    kind: str
    set_no: int
    set_count: int
    hold: Optional[float]
    reps: Optional[int]
    planned_seconds: float
    seconds: float
    skipped: bool

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_KINDS

    @property
    def completed(self) -> bool:
        """Done in full: not skipped, and not cut short."""
        return not self.skipped and self.seconds >= self.planned_seconds - 0.5


@dataclass(frozen=True)
class Measurement:
    taken_at: str
    side: str
    er_degrees: float
    ir_degrees: float


def default_path() -> Path:
    from hipcli.paths import data_dir
    return data_dir() / FILE_NAME


def _damaged(path: Path, exc: Exception) -> HistoryError:
    return HistoryError(f"the history database {path} cannot be read ({exc}); it was left "
                        "untouched: move it aside to start a new history")


def host_name() -> str:
    """This machine's name, as the socket module gives it, without loading that module (a
    start writes it before its first line): the platform module, which the command line has
    loaded already, asks the system the same way."""
    import platform
    return platform.node()


def pid_alive(pid: Optional[int]) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class HistoryStore:
    """A connection to the history database; every method turns SQLite errors into HistoryError."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self.db = connection
        self.path = path

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | None = None, *, check: bool = False) -> "HistoryStore":
        """Open (creating if needed) and bring the schema up to date; `check` verifies every page."""
        path = Path(path) if path is not None else default_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(f"cannot create the history folder {path.parent}: "
                               f"{exc.strerror or exc}") from None
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise HistoryError(f"cannot write in the history folder {path.parent}: "
                               "permission denied")
        store = cls(_connect(path), path)
        with store._guard():
            store._prepare(check=check)
        return store

    @classmethod
    def open_existing(cls, path: Path | None = None) -> Optional["HistoryStore"]:
        """Open for reading, or None when no history has been recorded yet."""
        path = Path(path) if path is not None else default_path()
        if not path.exists() or path.stat().st_size == 0:
            return None
        return cls.open(path)

    def close(self) -> None:
        self.db.close()

    def _prepare(self, *, check: bool) -> None:
        mode = self._enable_wal()
        if mode.lower() != "wal":
            raise HistoryError(f"the history database {self.path} cannot use WAL mode ({mode})")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        if check:
            problem = self.db.execute("PRAGMA quick_check").fetchone()[0]
            if problem != "ok":
                raise _damaged(self.path, problem)
        self._migrate()

    def _enable_wal(self) -> str:
        """Switch to WAL, retrying: SQLite answers "locked" at once, without waiting on the busy
        timeout, when two processes create the file at the same moment."""
        import time
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                return self.db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _migrate(self) -> None:
        if self.version() == SCHEMA_VERSION:
            return
        with self._write():
            version = self.version()  # again, now that no one else can be migrating
            if version > SCHEMA_VERSION:
                raise HistoryError(f"the history database {self.path} was written by a newer "
                                   f"hipcli (schema {version}, this one knows {SCHEMA_VERSION})")
            for number, statements in enumerate(MIGRATIONS[version:], version + 1):
                for statement in statements:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={number}")

    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- transactions ----------------------------------------------------------------------
    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise HistoryBusy(f"the history database {self.path} stayed busy too long "
                                   f"({exc}); try again") from None
            raise _damaged(self.path, exc) from None
        except sqlite3.IntegrityError as exc:
            raise HistoryError(f"the history database {self.path} refused a value ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.path, exc) from None

    @contextmanager
    def _waiting(self, wait_ms: int) -> Iterator[None]:
        """Wait at most `wait_ms` for another writer's lock, for the statements inside."""
        self.db.execute(f"PRAGMA busy_timeout={int(wait_ms)}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One IMMEDIATE transaction: rolled back on any exception, Ctrl-C included."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- sessions --------------------------------------------------------------------------
    def begin_session(self, *, routine: str, title: str, started_at: str, planned_seconds: float,
                      level: str, speed: float = 1.0, wait_ms: int = BUSY_TIMEOUT_MS) -> int:
        """Record a session as running, straight away, and return its id; HistoryBusy when
        another writer holds the file for more than `wait_ms`."""
        with self._guard(), self._waiting(wait_ms), self._write():
            cursor = self.db.execute(
                "INSERT INTO sessions (routine, title, started_at, planned_seconds, status, level,"
                " speed, pid, host, updated_at) VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)",
                (routine, title, started_at, planned_seconds, level, speed, os.getpid(),
                 host_name(), started_at))
            return int(cursor.lastrowid or 0)

    def record_steps(self, session_id: int, steps: Iterable[StepRow], *, duration: float,
                     status: Optional[str], updated_at: str,
                     wait_ms: int = BUSY_TIMEOUT_MS) -> None:
        """Add finished steps and bring the session's duration (and status) up to date, atomically;
        HistoryBusy when another writer holds the file for more than `wait_ms`."""
        rows = [(session_id, s.seq, s.step_index, s.exercise_id, s.side, s.kind, s.set_no,
                 s.set_count, s.hold, s.reps, s.planned_seconds, s.seconds, int(s.skipped))
                for s in steps]
        with self._guard(), self._waiting(wait_ms), self._write():
            self.db.executemany("INSERT OR REPLACE INTO steps VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self.db.execute("UPDATE sessions SET duration = ?, updated_at = ?,"
                            " status = COALESCE(?, status) WHERE id = ?",
                            (duration, updated_at, status, session_id))

    def sessions(self, *, since: Optional[str] = None, routine: Optional[str] = None,
                 ids: Optional[list[int]] = None) -> list[SessionRow]:
        """Sessions, oldest first; a session still "running" whose process is gone shows as partial."""
        where: list[str] = []
        params: list[object] = []
        if since:
            where.append("s.started_at >= ?")
            params.append(since)
        if routine:
            where.append("s.routine = ?")
            params.append(routine)
        if ids is not None:
            where.append(f"s.id IN ({placeholders(ids)})")
            params += ids
        query = (
            "SELECT s.id, s.routine, s.title, s.started_at, s.planned_seconds, s.duration,"
            " s.status, s.level, s.speed, s.pid, s.host,"
            f" COALESCE(SUM(st.kind IN ({WORK_KINDS_SQL}) AND st.skipped = 0), 0),"
            f" COALESCE(SUM(st.kind IN ({WORK_KINDS_SQL}) AND st.skipped = 1), 0)"
            " FROM sessions s LEFT JOIN steps st ON st.session_id = s.id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " GROUP BY s.id ORDER BY s.started_at, s.id")
        with self._guard():
            rows = self.db.execute(query, params).fetchall()
        return [_session_row(row) for row in rows]

    def steps(self, session_ids: Optional[list[int]] = None, *,
              exercises: Optional[list[str]] = None) -> list[StepRow]:
        """Step rows in recorded order, for some sessions or some exercises."""
        where: list[str] = []
        params: list[object] = []
        if session_ids is not None:
            where.append(f"session_id IN ({placeholders(session_ids)})")
            params += session_ids
        if exercises is not None:
            where.append(f"exercise_id IN ({placeholders(exercises)})")
            params += exercises
        query = ("SELECT session_id, seq, step_index, exercise_id, side, kind, set_no, set_count,"
                 " hold, reps, planned_seconds, seconds, skipped FROM steps"
                 + (" WHERE " + " AND ".join(where) if where else "")
                 + " ORDER BY session_id, seq")
        with self._guard():
            rows = self.db.execute(query, params).fetchall()
        return [StepRow(*[*row[:-1], bool(row[-1])]) for row in rows]

    def has_sessions(self) -> bool:
        with self._guard():
            return self.db.execute("SELECT 1 FROM sessions LIMIT 1").fetchone() is not None

    # -- plain reads and writes, for the modules that own the other tables ------------------
    def fetch(self, query: str, params: Iterable[object] = ()) -> list[tuple]:
        with self._guard():
            return self.db.execute(query, tuple(params)).fetchall()

    def write(self, statements: Iterable[tuple[str, Iterable[object]]]) -> Optional[int]:
        """Run statements in one transaction; the last one's new row id."""
        last = None
        with self._guard(), self._write():
            for query, params in statements:
                last = self.db.execute(query, tuple(params)).lastrowid
        return last

    # -- measurements ------------------------------------------------------------------------
    def add_measurements(self, taken_at: str, readings: Iterable[tuple[str, float, float]]) -> None:
        """One row per side: (side, ER degrees, IR degrees), all with the same time."""
        with self._guard(), self._write():
            self.db.executemany("INSERT INTO measurements (taken_at, side, er_degrees, ir_degrees)"
                                " VALUES (?, ?, ?, ?)",
                                [(taken_at, side, er, ir) for side, er, ir in readings])

    def measurements(self) -> list[Measurement]:
        with self._guard():
            rows = self.db.execute("SELECT taken_at, side, er_degrees, ir_degrees FROM"
                                   " measurements ORDER BY taken_at, id").fetchall()
        return [Measurement(*row) for row in rows]


def placeholders(values: list) -> str:
    """"?, ?, ?" for an `IN (...)` of these values."""
    return ", ".join("?" * len(values))


def _connect(path: Path) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from None
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return db


def _session_row(row) -> SessionRow:
    (id_, routine, title, started, planned, duration, status, level, speed, pid, host,
     done, skipped) = row
    if status == "running" and not _still_running(pid, host):
        status = "partial"
    return SessionRow(id_, routine, title, started, planned, duration, status, level, speed,
                      int(done), int(skipped))


def _still_running(pid: Optional[int], host: Optional[str]) -> bool:
    """Whether the process that wrote a "running" session is still alive and still hipcli."""
    if host != host_name() or not pid_alive(pid):
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc to ask: trust the live process id
    return any(arg == b"hipcli" or arg.endswith(b"/hipcli") for arg in command.split(b"\0"))

"""The history database: one SQLite file, versioned with PRAGMA user_version, safe to share.

WAL mode lets a reader look while a session writes; a busy timeout makes a second writer wait
instead of failing; every write is its own short transaction, so a killed process loses at most
the write it was in. A damaged file is reported, never repaired, replaced or deleted.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional

from hipcli.doses import WORK_KINDS
from hipcli.errors import HistoryBusy, HistoryError
from hipcli.history import rows, summary, tally
from hipcli.history.faults import (check_summary, damaged, folder_fault,
                                   history_fault, shown_path)
from hipcli.history.rows import RowProblem, unreadable_note
from hipcli.paths import HISTORY_FILE as FILE_NAME
from hipcli.records import record
from hipcli.text import has_control

BUSY_TIMEOUT_MS = 15000
WORK_KINDS_SQL = ", ".join(f"'{kind}'" for kind in WORK_KINDS)  # fixed words, not user text
JOURNAL_BUSY_MS = 200
STATUSES = ("running", "finished", "partial")

# Databases made before tables were STRICT keep their loose tables: every row read is checked
# (rows.py) rather than trusted.
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
        ) STRICT""",
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
        ) STRICT""",
        "CREATE INDEX steps_by_exercise ON steps (exercise_id, side)",
        """CREATE TABLE measurements (
            id INTEGER PRIMARY KEY,
            taken_at TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('left', 'right')),
            er_degrees REAL NOT NULL CHECK (er_degrees BETWEEN 0 AND 90),
            ir_degrees REAL NOT NULL CHECK (ir_degrees BETWEEN 0 AND 90)
        ) STRICT""",
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
    (  # version 3: the sessions of one routine without a scan
        "CREATE INDEX sessions_by_routine ON sessions (routine, started_at)",
    ),
    summary.MIGRATION,  # version 4: each session's dose of each exercise, kept up to date
    tally.MIGRATION,  # version 5: what stats counts of each session, kept in start order
)
SCHEMA_VERSION = len(MIGRATIONS)
CHECKIN_INSERT = ("INSERT OR REPLACE INTO checkins (session_id, pain, effort, taken_at)"
                  " VALUES (?, ?, ?, ?)")


@record
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


@record
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


@record
class Measurement:
    id: int
    taken_at: str
    side: str
    er_degrees: float
    ir_degrees: float


def default_path() -> Path:
    from hipcli.paths import data_dir
    return data_dir() / FILE_NAME


def host_name() -> str:
    """This machine's name, as the socket module gives it, without loading that module (a
    start writes it before its first line): the platform module, which the command line has
    loaded already, asks the system the same way."""
    import platform
    return platform.node()


def pid_alive(pid: Optional[int]) -> bool:
    if pid is None or pid <= 0:  # 0 and below name process groups, not one process
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
        self.unreadable: dict[str, list[str]] = {}
        self.busy_ms = BUSY_TIMEOUT_MS

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | None = None, *, check: bool = False,
             busy_ms: int = BUSY_TIMEOUT_MS) -> "HistoryStore":
        """Open (creating if needed) and bring the schema up to date; `check` verifies every page.

        `busy_ms`: how long a statement waits for another program's lock before giving up.
        """
        path = Path(path) if path is not None else default_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise folder_fault(path.parent, exc) from None
        if not path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
            raise _Unwritable(f"cannot write in the history folder {shown_path(path.parent)}: "
                              "permission denied")
        store = cls(_connect(path, busy_ms), path)
        store.busy_ms = busy_ms
        with store._guard():
            store._prepare(check=check)
        return store

    @classmethod
    def open_existing(cls, path: Path | None = None) -> Optional["HistoryStore"]:
        """Open for reading, or None when no history has been recorded yet.

        A database that cannot be written (a read-only file or mount) is still read.
        """
        path = Path(path) if path is not None else default_path()
        try:
            if not path.is_file() or path.stat().st_size == 0:
                return None
        except OSError as exc:
            raise folder_fault(path.parent, exc, doing="look in") from None
        try:
            return cls.open(path)
        except _Unwritable:
            return cls._open_read_only(path)

    @classmethod
    def _open_read_only(cls, path: Path) -> Optional["HistoryStore"]:
        """A connection that never writes; `immutable` when even the WAL index cannot be made
        (a read-only mount, where no one else can be writing either)."""
        from urllib.parse import quote
        last: Exception = sqlite3.OperationalError("unable to open database file")
        for options in ("mode=ro", "mode=ro&immutable=1"):
            try:
                db = sqlite3.connect(f"file:{quote(str(path))}?{options}", uri=True,
                                     isolation_level=None)
                version = db.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.Error as exc:
                last = exc
                continue
            if version > SCHEMA_VERSION:
                raise _newer(path, version)
            return cls(db, path) if version == SCHEMA_VERSION else None
        raise history_fault(path, last)

    def close(self) -> None:
        self.db.close()

    @staticmethod
    @contextmanager
    def existing(path: Path | None = None) -> Iterator[Optional["HistoryStore"]]:
        """`open_existing` for a `with` block: the file is closed when the block ends (a
        command run in a process that goes on, as in a test, keeps no file open)."""
        store = HistoryStore.open_existing(path)
        try:
            yield store
        finally:
            if store is not None:
                store.close()

    def _prepare(self, *, check: bool) -> None:
        mode = self._enable_wal()
        if mode.lower() != "wal":
            raise HistoryError(f"the history database {self.path} cannot use WAL mode ({mode})")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        if check:
            self.check()
        self._migrate()
        self._merge_journal()

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
                raise _newer(self.path, version)
            for number, statements in enumerate(MIGRATIONS[version:], version + 1):
                for statement in statements:
                    # one line: the schema is kept in the file as written, on its first page
                    self.db.execute(" ".join(statement.split()))
                self.db.execute(f"PRAGMA user_version={number}")

    def _merge_journal(self) -> None:
        """Records an earlier session could not write (journal.py) go in first, in one
        transaction; while the database stays busy they wait for a later run."""
        from hipcli.history import journal
        if not journal.journal_path(self.path).exists():
            return
        self.db.execute(f"PRAGMA busy_timeout={JOURNAL_BUSY_MS}")
        try:
            with journal.locked(self.path):
                earlier = journal.read(self.path)
                if earlier:
                    self.apply(earlier, known={})
                journal.remove(self.path)
        except (HistoryError, OSError):
            pass  # still busy, or not ours to change: the journal stays for next time
        finally:
            self.db.execute(f"PRAGMA busy_timeout={self.busy_ms}")

    def check(self) -> None:
        """Read every page (`PRAGMA quick_check`): a damaged file raises one summarised line.
        Costs a read of the whole file, so only `hipcli doctor` asks for it."""
        with self._guard():
            problems = [row[0] for row in self.db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise damaged(self.path, check_summary(problems))

    def count_sessions(self) -> int:
        with self._guard():
            return self.db.execute("SELECT count(*) FROM sessions").fetchone()[0]

    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- transactions ----------------------------------------------------------------------
    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            fault = history_fault(self.path, exc)
            if fault.kind in ("read-only", "missing"):
                unwritable = _Unwritable(fault.message)
                unwritable.kind = fault.kind
                raise unwritable from None
            if fault.kind == "locked":
                busy = HistoryBusy(fault.message)
                busy.kind = fault.kind
                raise busy from None
            raise fault from None

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

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see the history as it was at the first of them, whatever is written
        meanwhile (a session under way in another terminal)."""
        with self._guard():
            self.db.execute("BEGIN")
        try:
            yield
        finally:
            with self._guard():
                self.db.execute("COMMIT")

    # -- sessions --------------------------------------------------------------------------
    def begin_session(self, *, routine: str, title: str, started_at: str, planned_seconds: float,
                      level: str, speed: float = 1.0, wait_ms: int = BUSY_TIMEOUT_MS) -> int:
        """Record a session as running, straight away, and return its id; HistoryBusy when
        another writer holds the file for more than `wait_ms`."""
        with self._guard(), self._waiting(wait_ms), self._write():
            return self._insert_session(routine=routine, title=title, started_at=started_at,
                                        planned_seconds=planned_seconds, level=level, speed=speed)

    def record_steps(self, session_id: int, steps: Iterable[StepRow], *, duration: float,
                     status: Optional[str], updated_at: str,
                     wait_ms: int = BUSY_TIMEOUT_MS) -> None:
        """Add finished steps and bring the session's duration (and status) up to date, atomically;
        HistoryBusy when another writer holds the file for more than `wait_ms`."""
        with self._guard(), self._waiting(wait_ms), self._write():
            self._insert_steps(session_id, steps, duration=duration, status=status,
                               updated_at=updated_at)

    def apply(self, operations: list[dict], *, known: dict[str, int]) -> dict[str, int]:
        """Queued or journalled records (history/writer.py), all in one transaction; returns
        the database ids of the sessions they began, by key."""
        ids = dict(known)
        with self._guard(), self._write():
            for op in operations:
                if op["op"] == "begin":
                    ids[op["key"]] = self._insert_session(**op["fields"])
                    continue
                session_id = op.get("id") or ids.get(op["key"])
                if session_id is None:
                    continue  # its session row was never kept: nothing to attach this to
                if op["op"] == "checkin":
                    self.db.execute(CHECKIN_INSERT, (session_id, op["pain"], op["effort"],
                                                     op["taken_at"]))
                    continue
                steps = [StepRow(*[session_id, *row[1:-1], bool(row[-1])]) for row in op["rows"]]
                self._insert_steps(session_id, steps, duration=op["duration"],
                                   status=op["status"], updated_at=op["updated_at"])
        return {key: value for key, value in ids.items() if key not in known}

    def _insert_session(self, *, routine: str, title: str, started_at: str,
                        planned_seconds: float, level: str, speed: float = 1.0) -> int:
        cursor = self.db.execute(
            "INSERT INTO sessions (routine, title, started_at, planned_seconds, status, level,"
            " speed, pid, host, updated_at) VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)",
            (routine, title, started_at, float(planned_seconds), level, float(speed),
             os.getpid(), host_name(), started_at))
        session_id = int(cursor.lastrowid or 0)
        tally.count_session(self.db, session_id)
        return session_id

    def _insert_steps(self, session_id: int, steps: Iterable[StepRow], *, duration: float,
                      status: Optional[str], updated_at: str) -> None:
        rows = [(session_id, s.seq, s.step_index, s.exercise_id, s.side, s.kind, s.set_no,
                 s.set_count, s.hold, s.reps, s.planned_seconds, s.seconds, int(s.skipped))
                for s in steps]
        self.db.executemany(
            "INSERT OR REPLACE INTO steps (session_id, seq, step_index, exercise_id, side,"
            " kind, set_no, set_count, hold, reps, planned_seconds, seconds, skipped)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        clear, summarise, params = summary.refresh(session_id)
        self.db.execute(clear, params)
        self.db.execute(summarise, params)
        self.db.execute("UPDATE sessions SET duration = ?, updated_at = ?,"
                        " status = COALESCE(?, status) WHERE id = ?",
                        (duration, updated_at, status, session_id))
        tally.count_session(self.db, session_id)

    def sessions(self, *, since: Optional[str] = None, routine: Optional[str] = None,
                 ids: Optional[list[int]] = None, last: Optional[int] = None) -> list[SessionRow]:
        """Sessions, oldest first (only the `last` few when given); a session still "running"
        whose process is gone shows as partial."""
        return list(self.iter_sessions(since=since, routine=routine, ids=ids, last=last))

    def iter_sessions(self, *, since: Optional[str] = None, routine: Optional[str] = None,
                      ids: Optional[list[int]] = None, last: Optional[int] = None,
                      counts: bool = True) -> Iterator[SessionRow]:
        """`sessions`, one at a time from the cursor, so any number of them costs no memory.

        Each session's steps are counted through the steps table's primary key, never by a
        scan. A step recorded more than once (gone back to, skipped again) counts once: done
        if it was ever done, else skipped; so done + skipped never exceed the routine's steps.
        """
        where: list[str] = []
        params: list[object] = []
        if since:
            where.append("started_at >= ?")
            params.append(since)
        if routine:
            where.append("routine = ?")
            params.append(routine)
        if ids is not None:
            where.append(f"id IN ({placeholders(ids)})")
            params += ids
        chosen = "SELECT * FROM sessions" + (" WHERE " + " AND ".join(where) if where else "")
        if last is not None:
            chosen += " ORDER BY started_at DESC, id DESC LIMIT ?"
            params.append(int(last))
        work = "SELECT COUNT(DISTINCT step_index) FROM steps WHERE session_id = s.id" \
               f" AND kind IN ({WORK_KINDS_SQL})"
        tally = f"({work} AND skipped = 0), ({work})" if counts else "0, 0"
        query = (f"SELECT s.id, s.routine, s.title, s.started_at, s.planned_seconds, s.duration,"
                 f" s.status, s.level, s.speed, s.pid, s.host, {tally}, {SOUND_SESSION}"
                 f" FROM ({chosen}) s ORDER BY s.started_at, s.id")
        with self._guard():
            cursor = self.db.execute(query, params)
        while True:
            with self._guard():
                batch = cursor.fetchmany(500)
            if not batch:
                return
            yield from self._checked(batch, _session_row, "session")

    def _checked(self, rows, decode, what: str, label=lambda row: f"#{row[0]!r}") -> list:
        """Rows decoded one by one; those that make no sense are noted (by id) and left out."""
        found = []
        for row in rows:
            try:
                found.append(decode(row))
            except RowProblem as problem:
                self.unreadable.setdefault(what, []).append(f"{label(row)}: {problem}")
        return found

    def unreadable_notes(self) -> list[str]:
        """One line per kind of row that could not be read, naming the rows."""
        notes = (unreadable_note(what, problems) for what, problems in self.unreadable.items())
        return [note for note in notes if note]

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
                 f" hold, reps, planned_seconds, seconds, skipped, {SOUND_STEP} FROM steps"
                 + (" WHERE " + " AND ".join(where) if where else "")
                 + " ORDER BY session_id, seq")
        with self._guard():
            rows = self.db.execute(query, params).fetchall()
        return self._checked(rows, _step_row, "step",
                             label=lambda row: f"session #{row[0]!r} step {row[1]!r}")

    def has_sessions(self, *, before: Optional[SessionRow] = None) -> bool:
        """Whether any session is recorded (that started before `before`, when given)."""
        query, params = "SELECT 1 FROM sessions", []
        if before is not None:
            query += " WHERE started_at < ? OR (started_at = ? AND id < ?)"
            params = [before.started_at, before.started_at, before.id]
        with self._guard():
            return self.db.execute(query + " LIMIT 1", params).fetchone() is not None

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
            rows = self.db.execute("SELECT id, taken_at, side, er_degrees, ir_degrees FROM"
                                   " measurements ORDER BY id").fetchall()
        return self._checked(rows, _measurement, "measurement")


def placeholders(values: list) -> str:
    """"?, ?, ?" for an `IN (...)` of these values."""
    return ", ".join("?" * len(values))


class _Unwritable(HistoryError):
    """The database (or its folder) cannot be written: reading may still work."""


def _newer(path: Path, version: int) -> HistoryError:
    return HistoryError(f"the history database {shown_path(path)} was written by a newer "
                        f"hipcli (schema {version}, this one knows {SCHEMA_VERSION})")


def _connect(path: Path, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(str(path), timeout=busy_ms / 1000, isolation_level=None,
                             check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    except sqlite3.Error as exc:
        raise history_fault(path, exc) from None
    return db


def _session_row(row) -> SessionRow:
    (id_, routine, title, started, planned, duration, status, level, speed, pid, host,
     done, work, sound) = row
    status = rows.choice(status, "status", STATUSES)
    if status == "running" and not _still_running(pid, host):
        status = "partial"
    if sound and not has_control(f"{routine}{title}{level}"):
        return SessionRow(id_, routine, title, rows.moment(started, "started_at"), planned,
                          duration, status, level, speed, done, work - done)
    return SessionRow(rows.whole(id_, "id"), rows.text(routine, "routine"),
                      rows.text(title, "title"), rows.moment(started, "started_at"),
                      rows.number(planned, "planned_seconds"), rows.number(duration, "duration"),
                      status, rows.text(level, "level"), rows.number(speed, "speed"),
                      int(done), int(work) - int(done))


# SQLite checks each step row's types itself (fast, in C); only a row it finds wrong goes
# through the checks below, which say what is wrong with it.
_FINITE = "(typeof({0}) IN ('integer', 'real') AND abs({0}) < 1e308)"
SOUND_STEP = " AND ".join([
    *(f"typeof({c}) = 'integer'" for c in ("session_id", "seq", "step_index", "set_no",
                                           "set_count", "skipped")),
    "typeof(exercise_id) IN ('text', 'null')", "typeof(side) IN ('text', 'null')",
    "typeof(kind) = 'text'", "typeof(reps) IN ('integer', 'null')",
    f"(hold IS NULL OR {_FINITE.format('hold')})", _FINITE.format("planned_seconds"),
    _FINITE.format("seconds")])
SOUND_SESSION = " AND ".join([
    "typeof(s.id) = 'integer'",
    *(f"typeof(s.{c}) = 'text'" for c in ("routine", "title", "level")),
    *(_FINITE.format(f"s.{c}") for c in ("planned_seconds", "duration", "speed"))])


def _step_row(row) -> StepRow:
    (session_id, seq, index, exercise, side, kind, set_no, set_count, hold, reps, planned,
     seconds, skipped, sound) = row
    if sound and not has_control(f"{exercise}{side}{kind}"):
        return StepRow(session_id, seq, index, exercise, side, kind, set_no, set_count, hold,
                       reps, planned, seconds, bool(skipped))
    return StepRow(rows.whole(session_id, "session_id"), rows.whole(seq, "seq"),
                   rows.whole(index, "step_index"), rows.or_none(rows.text, exercise,
                                                                 "exercise_id"),
                   rows.or_none(rows.text, side, "side"), rows.text(kind, "kind"),
                   rows.whole(set_no, "set_no"), rows.whole(set_count, "set_count"),
                   rows.or_none(rows.number, hold, "hold"),
                   rows.or_none(rows.whole, reps, "reps"), rows.number(planned, "planned_seconds"),
                   rows.number(seconds, "seconds"), bool(rows.whole(skipped, "skipped")))


def _measurement(row) -> Measurement:
    id_, taken_at, side, er, ir = row
    return Measurement(rows.whole(id_, "id"), rows.moment(taken_at, "taken_at"),
                       rows.choice(side, "side", ("left", "right")),
                       rows.number(er, "er_degrees"), rows.number(ir, "ir_degrees"))


def _still_running(pid: Optional[int], host: Optional[str]) -> bool:
    """Whether the process that wrote a "running" session is still alive and still hipcli."""
    if host != host_name() or not pid_alive(pid):
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc to ask: trust the live process id
    return any(arg == b"hipcli" or arg.endswith(b"/hipcli") for arg in command.split(b"\0"))

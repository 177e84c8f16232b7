"""The history listener on a hand-advanced clock, writing to a real SQLite file."""

import pytest

from hipcli.engine import Engine
from hipcli.errors import HistoryError
from hipcli.history.recorder import HistoryRecorder
from hipcli.history.store import HistoryStore
from hipcli.loading import load
from hipcli.session import run_session
from hipcli.timeline import compile_timeline
from tests.conftest import FakeClock, ScriptedKeys
from tests.history_helpers import Days, write_routine


@pytest.fixture
def store(tmp_path):
    return HistoryStore.open(tmp_path / "history.sqlite3")


@pytest.fixture
def timeline(tmp_path):
    loaded = load(str(write_routine(tmp_path)))
    return compile_timeline(loaded.routine, loaded.library)


def test_a_finished_session_is_recorded_with_every_step(store, timeline):
    recorder = HistoryRecorder(store, level="normal", now=Days().next_session())
    engine = run_session(Engine(timeline), FakeClock(), [recorder])
    [session] = store.sessions()
    assert (session.routine, session.title, session.status, session.level) == \
        ("tiny", "Tiny routine", "finished", "normal")
    assert session.started_at == "2026-01-01T09:00:00+00:00"
    assert session.duration == session.planned_seconds == timeline.total
    steps = store.steps([session.id])
    assert len(steps) == len(timeline.steps) - 1  # all but "done"
    work = [s for s in steps if s.is_work]
    assert session.done == len(work) == len(timeline.work_steps) and session.skipped == 0
    first = work[0]
    assert (first.exercise_id, first.side, first.kind, first.set_no, first.set_count,
            first.hold, first.seconds) == ("tiny-hold", "left", "hold", 1, 2, 15.0, 15.0)
    assert len(engine.records) == len(steps)


def test_each_step_is_committed_as_it_ends(store, timeline, tmp_path):
    """Another connection sees the session once its first exercise step has ended, and
    every step as soon as it ends."""
    seen = []

    class Peek:
        def on_events(self, events, engine, now):
            other = HistoryStore.open(tmp_path / "history.sqlite3")
            worked = any(record.step.is_work for record in engine.records)
            seen.append((len(engine.records) if worked else 0, len(other.steps())))
            other.close()

    run_session(Engine(timeline), FakeClock(), [HistoryRecorder(store, level="normal"), Peek()])
    assert seen[0] == (0, 0) and seen[-1][0] > 0
    assert all(recorded == stored for recorded, stored in seen)


def test_quit_and_skip_are_recorded(store, timeline):
    hold = timeline.work_steps[0]
    keys = ScriptedKeys([(hold.start + 1, "skip"), (18.0, "quit")])  # set 2 runs 4 s to 19 s
    run_session(Engine(timeline), FakeClock(), [HistoryRecorder(store, level="easy")], keys)
    [session] = store.sessions()
    assert session.status == "partial"
    assert session.level == "easy"
    work = [s for s in store.steps() if s.is_work]
    assert [(s.set_no, s.skipped) for s in work] == [(1, True), (2, True)]
    assert [s.seconds for s in work] == [1.0, 14.0] and not work[1].completed
    assert session.duration == 18.0 and session.skipped == 2 and session.done == 0


class InterruptAt:
    def __init__(self, seconds):
        self.seconds = seconds

    def wait(self, clock, deadline):
        if clock.now() >= self.seconds:
            raise KeyboardInterrupt
        clock.sleep_until(deadline)


def test_ctrl_c_leaves_a_partial_session(store, timeline):
    # normal level: prepare 0-1 s, the first 15 s hold 1-16 s, a 2 s rest 16-18 s
    with pytest.raises(KeyboardInterrupt):
        run_session(Engine(timeline), FakeClock(), [HistoryRecorder(store, level="normal")],
                    InterruptAt(17))
    [session] = store.sessions()
    assert session.status == "partial" and session.duration == 17.0


def test_ctrl_c_before_the_first_exercise_ends_keeps_nothing(store, timeline):
    with pytest.raises(KeyboardInterrupt):
        run_session(Engine(timeline), FakeClock(), [HistoryRecorder(store, level="normal")],
                    InterruptAt(5))
    assert store.sessions() == []


def test_a_failing_database_warns_once_and_the_session_goes_on(store, timeline):
    class Broken:
        def begin_session(self, **fields):
            raise HistoryError("disk full")

    out = []

    class Warn:
        def write(self, text):
            out.append(text)

        def flush(self):
            pass

    engine = run_session(Engine(timeline), FakeClock(),
                         [HistoryRecorder(Broken(), level="normal", warn=Warn())])
    assert engine.finished and not engine.quit
    assert out == ["hipcli: this session is not being recorded: disk full\n"]

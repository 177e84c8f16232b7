"""A session owns what it opens: the history file and the sound are closed however it ends,
and a Ctrl-C while the screen is put back reports the session that really ran."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest

from hipcli import launch
from hipcli.audio.setup import SessionAudio
from hipcli.engine import Engine
from hipcli.history.store import HistoryStore
from hipcli.loading import load
from hipcli.session import NoInput
from hipcli.timeline import compile_timeline
from hipcli.ui import live
from tests.conftest import FakeClock, Recorder
from tests.history_helpers import write_routine


def test_ctrl_c_while_the_screen_is_put_back_reports_the_session_that_ran(tmp_path, monkeypatch):
    screen = Recorder()

    @contextmanager
    def screen_interrupted_on_leaving(**_):
        yield live.LiveTerminal(listener=screen, keys=NoInput())
        raise KeyboardInterrupt  # as if Ctrl-C came while the terminal was being restored
    monkeypatch.setattr(live, "live_terminal", screen_interrupted_on_leaving)
    monkeypatch.setattr(live, "tty_fd", lambda: None)
    loaded = load(str(write_routine(tmp_path)))
    engine = Engine(compile_timeline(loaded.routine, loaded.library))
    setup = launch.SessionSetup(clock=FakeClock())
    code = launch.run_live(engine, setup, out=open(tmp_path / "screen", "w"))
    assert code == 130 and screen.events[-1].kind == "finished"
    # At the normal level: holds of 15 s (10-20), 2 sets (1-3), 3 reps (2-4) of 1 s. Left and
    # right: prepare 1 + 15 + rest 2 + 15 + switch 1 + 15 + 2 + 15, then prepare 1 + 3 +
    # switch 1 + 3 = 74 s, in 6 exercise steps.
    assert launch.summary_line(engine) == ("Tiny routine: finished after 1 min 14 s; "
                                           "6 exercise steps done, 0 skipped")


def test_the_history_file_and_the_sound_are_closed_when_the_session_fails(tmp_path, monkeypatch):
    opened, closed = [], []
    real_open, real_close = HistoryStore.open, SessionAudio.close
    monkeypatch.setattr(HistoryStore, "open",
                        classmethod(lambda cls, *a, **k: opened.append(real_open(*a, **k))
                                    or opened[-1]))
    monkeypatch.setattr(SessionAudio, "close", lambda self: closed.append(self) or real_close(self))

    def failing_run(engine, setup):
        raise RuntimeError("a fault inside the session")
    monkeypatch.setattr(launch, "run", failing_run)
    with pytest.raises(RuntimeError):
        launch.start_session(str(write_routine(tmp_path)), launch.Options(), plain=True,
                             speed=1.0, audio="off")
    [store] = opened
    with pytest.raises(sqlite3.ProgrammingError):  # closed: no query goes through
        store.db.execute("SELECT 1")
    assert len(closed) == 1


def test_a_session_runs_with_the_collector_on_though_start_up_held_it_off(tmp_path):
    """`hipcli` starts with the garbage collector off; a half-hour session must not run so."""
    import gc

    from hipcli import collector

    class CollectorWatch:
        seen: list[bool] = []

        def on_events(self, events, engine, now):
            self.seen.append(gc.isenabled())
    loaded = load(str(write_routine(tmp_path)))
    engine = Engine(compile_timeline(loaded.routine, loaded.library))
    watch = CollectorWatch()
    collector.hold()
    try:
        assert not gc.isenabled()
        code = launch.run(engine, launch.SessionSetup(clock=FakeClock(), listeners=[watch]))
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
        gc.enable()
    assert code == 0 and watch.seen and all(watch.seen)
    assert frozen > 10_000  # what start-up made is out of the collector's way

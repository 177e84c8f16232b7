"""Programs come from data files: which phase follows which, and the target that passes each."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hipcli.engine import Engine
from hipcli.errors import RoutineError
from hipcli.history.feed import StoreFeed
from hipcli.history.recorder import HistoryRecorder
from hipcli.history.store import HistoryStore
from hipcli.launch import SessionSetup, prepare, run
from hipcli.loading import load
from hipcli.programs import load_programs, phases
from hipcli.timeline import Options
from tests.conftest import FakeClock
from tests.history_helpers import Days, write_routine

STAGES = """\
name: two-stages
phases:
  - routine: stage-a
    target: {sets: 2, reps: 4}
  - routine: stage-b
    target:
      sets: 3
      reps: 10
"""

STAGE_A = """\
name: stage-a
prepare: 1
blocks:
  - exercise:
      id: tiny-bridge
      name: Tiny bridge
      kind: strength
      position: supine
      dose: {reps: 4, tempo: 1s, sets: 2, per_side: false, rest: 1s}
"""


def test_the_shipped_piriformis_program_runs_its_three_phases_in_order_at_3_by_15():
    found = phases(load_programs())
    order = [(name, found[name].next_routine, found[name].target.sets, found[name].target.reps)
             for name in ("piriformis-phase-1", "piriformis-phase-2", "piriformis-phase-3")]
    assert order == [("piriformis-phase-1", "piriformis-phase-2", 3, 15),
                     ("piriformis-phase-2", "piriformis-phase-3", 3, 15),
                     ("piriformis-phase-3", None, 3, 15)]


def test_a_program_file_sets_the_target_and_the_phase_it_unlocks(tmp_path):
    (tmp_path / "programs").mkdir()
    (tmp_path / "programs" / "two-stages.yaml").write_text(STAGES)
    phase = phases(load_programs(tmp_path / "programs"))["stage-a"]
    loaded = replace(load(str(write_routine(tmp_path / "routines", STAGE_A, "stage-a"))),
                     phase=phase)
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    plan, timeline = prepare(loaded, Options(), level=None, history=StoreFeed(store))
    assert plan.passed is None
    recorder = HistoryRecorder(store, level=plan.level, now=Days().next_session())
    run(Engine(timeline), SessionSetup(clock=FakeClock(), listeners=[recorder]))
    plan, _ = prepare(loaded, Options(), level=None, history=StoreFeed(store))
    # 2 sets of 4 reps were done: the 2 x 4 target from the file, not the built-in 3 x 15.
    assert plan.passed.message() == ("stage-a passed (every exercise done at 2 x 4 on "
                                     "2026-01-01): stage-b is unlocked.")


def test_a_bad_program_file_is_one_located_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(STAGES.replace("sets: 3", "sets: 0"))
    with pytest.raises(RoutineError) as error:
        load_programs(tmp_path)
    assert str(error.value).startswith(f"{path}:7:13: ")  # line 7 "      sets: 0", column of 0

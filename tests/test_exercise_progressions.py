"""Exercise progressions from the library data: the clamshell takes the band after a session at
3 x 15 in full, the forward lunge gives way to the lateral lunge, phase-3 reps get quicker;
`show` says why, and pain rising holds them back."""

from __future__ import annotations

import json

import pytest

from hipcli.errors import RoutineError
from hipcli.history.checkins import CheckIn, save_checkin
from hipcli.history.store import HistoryStore
from hipcli.library import library_from_source
from hipcli.yamlsource import parse_source
from tests.conftest import ScriptedKeys
from tests.history_helpers import Days, plan_session, run_recorded


@pytest.fixture
def store(tmp_path):
    return HistoryStore.open(tmp_path / "data" / "history.sqlite3")


def exercises_of(planned) -> list[str]:
    return list(dict.fromkeys(step.exercise_id for step in planned.timeline.work_steps))


def test_the_clamshell_takes_the_band_after_one_session_at_3_by_15_in_full(store):
    days = Days()
    first = plan_session("piriformis-phase-1", store=store)
    assert exercises_of(first) == ["band-bridge", "clamshell"]
    assert first.plan.progress_lines == (
        "Clamshell stays: Clamshell with band comes after 3 x 15 in full",)
    run_recorded("piriformis-phase-1", store, now=days)
    assert exercises_of(plan_session("piriformis-phase-1", store=store))[1] == "band-clamshell"


def test_a_skipped_clamshell_set_keeps_the_band_off(store):
    days = Days()
    run_recorded("piriformis-phase-1", store, now=days, keys=skip_a_clamshell_set(store))
    again = plan_session("piriformis-phase-1", store=store)
    assert exercises_of(again) == ["band-bridge", "clamshell"]
    run_recorded("piriformis-phase-1", store, now=days)
    moved = plan_session("piriformis-phase-1", store=store)
    assert exercises_of(moved) == ["band-bridge", "band-clamshell"]
    assert moved.plan.progress_lines == (
        "Clamshell gives way to Clamshell with band: 3 x 15 in full last time",)
    assert "Exercise progressions:" in moved.plan.show_lines()
    # Once moved on, it stays: the clamshell's last session is still the clean one.
    run_recorded("piriformis-phase-1", store, now=days)
    assert exercises_of(plan_session("piriformis-phase-1", store=store))[1] == "band-clamshell"


def test_lunges_move_on_then_reps_get_quicker_every_two_clean_sessions(store):
    days = Days()
    tempo = lambda planned, ex: next(s.rep_seconds for s in planned.timeline.work_steps
                                     if s.exercise_id == ex)
    assert exercises_of(plan_session("piriformis-phase-3", store=store))[0] == "forward-lunge"
    run_recorded("piriformis-phase-3", store, now=days)
    second = plan_session("piriformis-phase-3", store=store)
    assert exercises_of(second)[0] == "lateral-lunge-45"
    # One clean session of the jumps: no notch yet (one per two), 3 s a rep as in the library.
    assert tempo(second, "jump-two-foot-landing") == 3.0
    run_recorded("piriformis-phase-3", store, now=days)
    third = plan_session("piriformis-phase-3", store=store)
    # Two clean sessions: 3 s x 0.9 = 2.7 s; the lateral lunge has had one: still 3 s.
    assert tempo(third, "jump-two-foot-landing") == 2.7
    assert tempo(third, "lateral-lunge-45") == 3.0
    assert ("Two-foot jump with two-foot landing: 2.7 s a rep, down from 3 s (2 sessions at "
            "3 x 15 in full)") in third.plan.progress_lines
    for _ in range(12):
        run_recorded("piriformis-phase-3", store, now=days)
    # 14 clean sessions: 7 notches, 3 x 0.9^7 = 1.43 s, below the 1.5 s floor: 1.5 s.
    assert tempo(plan_session("piriformis-phase-3", store=store), "jump-two-foot-landing") == 1.5


def skip_a_clamshell_set(store) -> ScriptedKeys:
    planned = plan_session("piriformis-phase-1", store=store)
    clam = next(s for s in planned.timeline.steps if s.exercise_id == "clamshell"
                and s.kind == "reps")
    return ScriptedKeys([(clam.start + 1.0, "skip")])


def test_pain_rising_holds_a_progression_not_yet_made(store):
    days = Days()
    run_recorded("piriformis-phase-1", store, now=days, keys=skip_a_clamshell_set(store))
    run_recorded("piriformis-phase-1", store, now=days)
    first, second = (s.id for s in store.sessions())
    save_checkin(store, CheckIn(first, 1, "right"), "2026-01-01T10:00:00+00:00")
    save_checkin(store, CheckIn(second, 3, "right"), "2026-01-02T10:00:00+00:00")
    # The second session was clean at 3 x 15, but pain went 1 -> 3: the band waits.
    held = plan_session("piriformis-phase-1", store=store)
    assert held.plan.progress_lines == (
        "Clamshell stays: Clamshell with band comes after 3 x 15 in full",
        "No exercise moves on now: pain rose from 1 to 3 since the session before")
    assert exercises_of(held)[1] == "clamshell"
    save_checkin(store, CheckIn(second, 2, "right"), "2026-01-02T10:00:00+00:00")  # +1 only
    assert exercises_of(plan_session("piriformis-phase-1", store=store))[1] == "band-clamshell"


def test_a_progression_to_an_unknown_exercise_is_a_located_error():
    text = ("exercises:\n  - id: a-move\n    name: A move\n    kind: strength\n"
            "    position: standing\n    dose: {reps: 10}\n"
            "    progression: {after: {sets: 3, reps: 15}, to: b-move}\n")
    with pytest.raises(RoutineError) as error:
        library_from_source(parse_source(text, "lib.yaml"))
    assert str(error.value) == "lib.yaml:7:51: a progression cannot lead to no exercise 'b-move'"


def test_exercise_pages_say_how_an_exercise_moves_on():
    from typer.testing import CliRunner
    from hipcli.cli import app
    runner = CliRunner()
    page = runner.invoke(app, ["exercise", "clamshell"], env={"COLUMNS": "120"}).stdout
    assert "Moves on: to band-clamshell once a session does 3 x 15 in full" in page
    data = json.loads(runner.invoke(app, ["exercise", "lateral-lunge-45", "--json"]).stdout)
    assert data["progression"] == {"after": {"sets": 3, "reps": 15}, "quicken": 0.9,
                                   "fastest": 1.5}

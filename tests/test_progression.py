"""Progression over a sequence of recorded sessions: bottom first, a notch up after two full
sessions, capped at the top of the range, then more sets; held back by pain; previews ignored."""

import json

import pytest

from hipcli.doses import Dose
from hipcli.history.checkins import CheckIn, save_checkin
from hipcli.history.progression import (DoseRange, PastDose, decide, dose_ranges, dose_words,
                                        past_doses)
from hipcli.history.store import HistoryStore, StepRow
from hipcli.timeline import Options
from tests.conftest import ScriptedKeys
from tests.history_helpers import (OTHER, TINY, Days, plan_session, run_recorded, work_doses,
                                   write_routine)

HOLD_LEFT = ("tiny-hold", "left")
LIFT_RIGHT = ("tiny-lift", "right")
HOLD_RIGHT = ("tiny-hold", "right")


@pytest.fixture
def store(tmp_path):
    return HistoryStore.open(tmp_path / "data" / "history.sqlite3")


@pytest.fixture
def tiny(tmp_path):
    return write_routine(tmp_path / "routines")


NEW = "start of its range: no sessions yet"


@pytest.mark.parametrize("has_file", [True, False])
def test_no_history_starts_every_exercise_and_side_at_the_bottom(store, tiny, has_file):
    plan = plan_session(str(tiny), store=store if has_file else None)
    assert plan.level == "progression"
    assert work_doses(plan) == {HOLD_LEFT: (10.0, 1), ("tiny-hold", "right"): (10.0, 1),
                                ("tiny-lift", "left"): (2, 1), LIFT_RIGHT: (2, 1)}
    assert [(d.reason, d.previous, d.rose) for d in plan.decisions.values()] == \
        [(NEW, None, False)] * 4


def test_doses_climb_to_the_top_then_sets_rise_then_stop(store, tiny, tmp_path):
    days = Days()
    run_recorded(write_routine(tmp_path / "routines", OTHER, "other"), store, now=days)
    doses = []
    for _ in range(11):
        plan, engine = run_recorded(tiny, store, now=days)
        assert engine.finished and not engine.quit
        doses.append((work_doses(plan)[HOLD_LEFT], work_doses(plan)[LIFT_RIGHT]))
    holds, lifts = zip(*doses)
    assert list(holds) == [(10, 1), (10, 1), (15, 1), (15, 1), (20, 1), (20, 1),
                           (20, 2), (20, 2), (20, 3), (20, 3), (20, 3)]
    assert list(lifts) == [(2, 1), (2, 1), (3, 1), (3, 1), (4, 1), (4, 1),
                           (4, 1), (4, 1), (4, 1), (4, 1), (4, 1)]  # its sets range is just 1
    assert {s.level for s in store.sessions(routine="tiny")} == {"progression"}


def test_the_first_session_runs_at_the_bottom_and_two_full_ones_raise_it(store, tiny):
    days = Days()
    first, _ = run_recorded(tiny, store, now=days)
    second, _ = run_recorded(tiny, store, now=days)
    third, _ = run_recorded(tiny, store, now=days)
    assert first.level == second.level == third.level == "progression"
    assert [work_doses(p)[HOLD_LEFT] for p in (first, second, third)] == [(10, 1), (10, 1), (15, 1)]
    assert [p.decisions[HOLD_LEFT].reason for p in (first, second, third)] == [
        NEW, "same as last time: done in full once so far at this dose",
        "up from 10 s: done in the last 2 sessions"]


def test_a_skipped_set_holds_the_dose_back(store, tiny):
    days = Days()
    run_recorded(tiny, store, now=days)
    plan = plan_session(str(tiny), store=store)
    first_hold = plan.timeline.work_steps[0]
    assert (first_hold.side, first_hold.seconds) == ("left", 10)
    run_recorded(tiny, store, now=days, keys=ScriptedKeys([(first_hold.start + 2, "skip")]))
    plan, _ = run_recorded(tiny, store, now=days)
    assert work_doses(plan)[HOLD_LEFT] == (10, 1)  # not raised: skipped in the last session
    assert plan.decisions[HOLD_LEFT].reason == "same as last time: not done in full last time"
    assert work_doses(plan)[("tiny-hold", "right")] == (15, 1)  # the right side was done twice
    plan, _ = run_recorded(tiny, store, now=days)
    assert work_doses(plan)[HOLD_LEFT] == (10, 1)  # one full session since the skip
    plan, _ = run_recorded(tiny, store, now=days)
    assert work_doses(plan)[HOLD_LEFT] == (15, 1)


TWO_SETS = TINY.replace("dose: {hold: 10-20s, sets: 1-3,", "dose: {hold: 10-20s, sets: 2,")


def test_a_session_with_one_set_of_two_skipped_does_not_raise_the_dose(store, tmp_path):
    routine = write_routine(tmp_path / "routines", TWO_SETS)
    days = Days()
    # get ready 0-1 s, left set 1 1-11 s, rest 11-13 s, left set 2 13-23 s: a skip at 15 s
    # leaves set 1 of the left hold done in full and set 2 skipped, twice in a row.
    first, _ = run_recorded(routine, store, now=days, keys=ScriptedKeys([(15.0, "skip")]))
    assert [(s.side, s.set_no, s.start) for s in first.timeline.work_steps[:2]] == [
        ("left", 1, 1), ("left", 2, 13)]
    run_recorded(routine, store, now=days, keys=ScriptedKeys([(15.0, "skip")]))
    plan = plan_session(str(routine), store=store)
    assert work_doses(plan)[HOLD_LEFT] == (10, 2)  # one set of two skipped: not done in full
    assert plan.decisions[HOLD_LEFT].reason == "same as last time: not done in full last time"
    # the right side did both sets of 10 s in both sessions: 10 + 5 = 15 s, still 2 sets
    assert work_doses(plan)[HOLD_RIGHT] == (15, 2)
    assert plan.decisions[HOLD_RIGHT].reason == "up from 2 x 10 s: done in the last 2 sessions"


def test_a_session_quit_before_an_exercise_does_not_count_for_it(store, tiny):
    days = Days()
    run_recorded(tiny, store, now=days)
    # prepare 0-1 s, left hold 1-11 s, switch 11-12 s, right hold 12-22 s: quit at 16 s
    run_recorded(tiny, store, now=days, keys=ScriptedKeys([(16.0, "quit")]))
    plan, _ = run_recorded(tiny, store, now=days)
    assert work_doses(plan)[LIFT_RIGHT] == (2, 1)  # the quit session never reached it:
    assert plan.decisions[LIFT_RIGHT].reason == ("same as last time: done in full once so far "
                                                 "at this dose")
    assert work_doses(plan)[HOLD_RIGHT] == (10, 1)  # but it cut the right hold short
    assert plan.decisions[HOLD_RIGHT].reason == "same as last time: not done in full last time"
    assert work_doses(plan)[HOLD_LEFT] == (15, 1)  # 10 s done in full twice: 5 s more
    plan, _ = run_recorded(tiny, store, now=days)
    assert work_doses(plan)[LIFT_RIGHT] == (3, 1)  # the first and third sessions, both full
    assert work_doses(plan)[HOLD_RIGHT] == (10, 1)


def test_a_session_quit_before_its_first_exercise_ends_is_not_kept(store, tiny):
    days = Days()
    run_recorded(tiny, store, now=days)
    run_recorded(tiny, store, now=days, keys=ScriptedKeys([(3.0, "quit")]))  # hold: 1-11 s
    assert [s.status for s in store.sessions()] == ["finished"]
    plan, _ = run_recorded(tiny, store, now=days)
    assert plan.decisions[HOLD_LEFT].reason == ("same as last time: done in full once so far "
                                                "at this dose")


def test_routines_lists_the_total_the_history_has_earned_after_each_session(store, tmp_path):
    from tests.entry import run_main
    mine = write_routine(tmp_path / "user-routines")

    def listed() -> float:
        result = run_main("routines", "--json")
        return {r["name"]: r["total_seconds"] for r in json.loads(result.stdout)}["tiny"]
    before = listed()
    days = Days()
    run_recorded(mine, store, now=days)
    assert listed() == before  # one full session raises nothing yet
    run_recorded(mine, store, now=days)
    # Two full sessions raise each dose a notch: the hold 10 -> 15 s on each of 2 sides
    # (+10 s) and the lift 2 -> 3 reps at 1 s a rep on each side (+2 s).
    assert listed() == before + 12
    assert json.loads(run_main("show", "tiny", "--json").stdout)["total_seconds"] == before + 12


def test_an_explicit_level_wins_and_is_recorded(store, tiny):
    days = Days()
    run_recorded(tiny, store, now=days)
    plan, _ = run_recorded(tiny, store, now=days, level="hard")
    assert plan.level == "hard" and plan.decisions == {}
    assert work_doses(plan)[HOLD_LEFT] == (20, 3)
    assert store.sessions()[-1].level == "hard"


def test_show_lines_say_why(store, tiny):
    days = Days()
    plans = [run_recorded(tiny, store, now=days)[0] for _ in range(3)]
    assert plans[0].show_lines() == [
        "",
        "Doses to start with (--level overrides them):",
        "  Tiny hold left: 10 s (start of its range: no sessions yet)",
        "  Tiny hold right: 10 s (start of its range: no sessions yet)",
        "  Tiny lift left: 2 reps (start of its range: no sessions yet)",
        "  Tiny lift right: 2 reps (start of its range: no sessions yet)",
    ]
    assert plans[2].show_lines() == [
        "",
        "Doses from your history (--level overrides them):",
        "  Tiny hold left: 15 s (up from 10 s: done in the last 2 sessions)",
        "  Tiny hold right: 15 s (up from 10 s: done in the last 2 sessions)",
        "  Tiny lift left: 3 reps (up from 2 reps: done in the last 2 sessions)",
        "  Tiny lift right: 3 reps (up from 2 reps: done in the last 2 sessions)",
    ]
    plan = plan_session(str(tiny), store=store)
    assert plan.dose_lines()[0] == ("Tiny hold left: 15 s "
                                    "(same as last time: done in full once so far at this dose)")


@pytest.mark.parametrize("past, expected", [
    ([], Dose(10, 1)),
    ([PastDose(2, Dose(10, 1), True)], Dose(10, 1)),
    ([PastDose(2, Dose(10, 1), True), PastDose(1, Dose(10, 1), True)], Dose(15, 1)),
    ([PastDose(2, Dose(10, 1), True), PastDose(1, Dose(10, 1), False)], Dose(10, 1)),
    ([PastDose(2, Dose(18, 1), True), PastDose(1, Dose(18, 1), True)], Dose(20, 1)),
    ([PastDose(2, Dose(20, 2), True), PastDose(1, Dose(20, 2), True)], Dose(20, 2)),
    ([PastDose(2, Dose(60, 9), True), PastDose(1, Dose(60, 9), True)], Dose(20, 2)),
    ([PastDose(2, Dose(5, 1), False)], Dose(10, 1)),
])
def test_decide(past, expected):
    limits = DoseRange("hold", 10, 20, 1, 2, "Hold")
    assert decide(("hold", "left"), limits, past).dose == expected


def test_pain_rising_by_two_holds_the_dose_that_would_have_risen(store, tiny):
    days = Days()
    run_recorded(tiny, store, now=days)
    run_recorded(tiny, store, now=days)
    first, second = (s.id for s in store.sessions())
    save_checkin(store, CheckIn(first, 2, "right"), "2026-01-01T10:00:00+00:00")
    save_checkin(store, CheckIn(second, 4, "right"), "2026-01-02T10:00:00+00:00")
    plan = plan_session(str(tiny), store=store)
    # Two full sessions at 10 s would raise the hold to 15 s, but pain went 2 -> 4 (+2).
    assert work_doses(plan)[HOLD_LEFT] == (10.0, 1)
    assert plan.decisions[HOLD_LEFT].reason == ("held at 10 s: pain rose from 2 to 4 since "
                                                "the session before")
    save_checkin(store, CheckIn(second, 3, "right"), "2026-01-02T10:00:00+00:00")  # +1 only
    assert work_doses(plan_session(str(tiny), store=store))[HOLD_LEFT] == (15.0, 1)


def test_previews_count_for_nothing_in_progression(store, tiny):
    days = Days()
    for _ in range(3):
        run_recorded(tiny, store, now=days, speed=20)
    plan = plan_session(str(tiny), store=store)
    assert work_doses(plan)[HOLD_LEFT] == (10.0, 1)
    assert plan.decisions[HOLD_LEFT].reason == NEW


def two_set_hold(session_id: int, *, second_set: str) -> list[StepRow]:
    """Set 1 held 30 of 30 s; set 2 "done", "skipped" or "cut" short (20 of 30 s)."""
    seconds, skipped = {"done": (30.0, False), "skipped": (4.0, True), "cut": (20.0, False)}[
        second_set]
    return [StepRow(session_id, 1, 1, "ex", "left", "hold", 1, 2, 30.0, None, 30.0, 30.0, False),
            StepRow(session_id, 2, 2, None, None, "rest", 0, 0, None, None, 15.0, 15.0, False),
            StepRow(session_id, 3, 3, "ex", "left", "hold", 2, 2, 30.0, None, 30.0, seconds,
                    skipped)]


@pytest.mark.parametrize("second_set, expected", [
    ("done", Dose(35, 2)),      # both sets in full twice: 30 s + 5 s notch
    ("skipped", Dose(30, 2)),   # set 2 skipped each time: not done in full
    ("cut", Dose(30, 2)),       # set 2 ended 10 s early each time (more than the 0.5 s slack)
])
def test_only_sessions_with_every_set_done_in_full_raise_the_dose(second_set, expected):
    rows = two_set_hold(1, second_set=second_set) + two_set_hold(2, second_set=second_set)
    history = past_doses(rows, [1, 2])
    assert [p.session_id for p in history[("ex", "left")]] == [2, 1]  # newest first
    assert [p.dose for p in history[("ex", "left")]] == [Dose(30, 2), Dose(30, 2)]
    limits = DoseRange("hold", 30, 60, 2, 3, "Ex")
    assert decide(("ex", "left"), limits, history[("ex", "left")]).dose == expected


def test_decisions_name_the_dose_they_come_from():
    limits = DoseRange("reps", 1, 3, 1, 2, "Lift")
    done, cut = (lambda n: PastDose(n, Dose(3, 2), True)), (lambda n: PastDose(n, Dose(1, 1), False))
    top = decide(("lift", None), limits, [done(2), done(1)])
    assert (top.dose, top.previous, top.reason) == (
        Dose(3, 2), Dose(3, 2), "top of the range: done in the last 2 sessions")
    held = decide(("lift", None), limits, [cut(2), done(1)])
    assert (held.dose, held.previous, held.reason) == (
        Dose(1, 1), Dose(1, 1), "same as last time: not done in full last time")
    # one rep is a dose like any other; a recorded amount of 0 means nothing was done
    one = decide(("lift", None), limits, [PastDose(2, Dose(1, 1), True), PastDose(1, Dose(1, 1), True)])
    assert one.dose == Dose(2, 1)
    nothing = decide(("lift", None), limits, [PastDose(2, Dose(0, 1), True)])
    assert (nothing.dose, nothing.reason) == (Dose(1, 1), NEW)


def test_dose_words():
    assert dose_words("hold", Dose(35, 1)) == "35 s"
    assert dose_words("reps", Dose(15, 2)) == "2 x 15 reps"
    assert dose_words("reps", Dose(15, 3)) == "3 x 15 reps"


def test_sessions_missing_from_the_order_count_as_the_oldest():
    rows = [row for sid in (3, 1, 2) for row in two_set_hold(sid, second_set="done")]
    assert [p.session_id for p in past_doses(rows, [1, 2])[("ex", "left")]] == [2, 1, 3]


def test_ranges_follow_the_chosen_side_and_the_affected_dose():
    from tests.routine_factory import LIBRARY, routine
    block = {"exercise": "test-lift", "reps": "2-4", "sets": "1-2",
             "affected": {"reps": "5-6", "sets": 3}}
    ranges = dose_ranges(routine([block]), LIBRARY, Options(affected="left"))
    # left is the affected side: reps 5-6, 3 sets; right keeps 2-4 reps in 1-2 sets
    assert {key: (r.low, r.high, r.sets_low, r.sets_high) for key, r in ranges.items()} == {
        ("test-lift", "left"): (5, 6, 3, 3), ("test-lift", "right"): (2, 4, 1, 2)}
    only_right = dose_ranges(routine([block]), LIBRARY, Options(side="right"))
    assert list(only_right) == [("test-lift", "right")]


def test_a_dose_that_leaves_out_sets_ranges_over_one_set():
    from tests.routine_factory import LIBRARY, routine
    # test-stretch holds 4-8 s and names no sets: easy and hard both do one set
    ranges = dose_ranges(routine([{"exercise": "test-stretch", "sides": "left"}]), LIBRARY)
    assert {key: (r.low, r.high, r.sets_low, r.sets_high) for key, r in ranges.items()} == {
        ("test-stretch", "left"): (4, 8, 1, 1)}


def test_a_get_ready_step_does_not_count_as_the_dose_done():
    # the recorded get-ready of "ex" comes first; the dose is the hold's 30 s in 1 set
    prepare = StepRow(1, 1, 1, "ex", "left", "prepare", 0, 0, None, None, 5.0, 5.0, False)
    hold = StepRow(1, 2, 2, "ex", "left", "hold", 1, 1, 30.0, None, 30.0, 30.0, False)
    assert past_doses([prepare, hold], [1]) == {("ex", "left"): [PastDose(1, Dose(30, 1), True)]}

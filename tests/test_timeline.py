"""The timeline compiler: steps, order, doses and totals."""

from hypothesis import given, settings, strategies as st

from hipcli.doses import Dose
from hipcli.timeline import Options, compile_timeline
from tests.examples import examples
from tests.routine_factory import LIBRARY, PAIR, routine


def shape(timeline):
    return [(s.kind, s.exercise_id, s.side, s.seconds) for s in timeline.steps]


def test_pair_runs_stretch_then_strength_per_side():
    timeline = compile_timeline(routine([PAIR]), LIBRARY)
    assert shape(timeline) == [
        ("prepare", "test-stretch", "left", 2), ("hold", "test-stretch", "left", 6),
        ("prepare", "test-lift", "left", 2), ("reps", "test-lift", "left", 6),
        ("prepare", "test-stretch", "right", 2), ("hold", "test-stretch", "right", 6),
        ("prepare", "test-lift", "right", 2), ("reps", "test-lift", "right", 6),
        ("done", None, None, 0),
    ]
    assert timeline.total == 32
    assert [s.start for s in timeline.steps][:3] == [0, 2, 8]


def test_levels_pick_bottom_middle_top():
    holds = {level: compile_timeline(routine([PAIR]), LIBRARY, Options(level=level)).steps[1].seconds
             for level in ("easy", "normal", "hard")}
    assert holds == {"easy": 4, "normal": 6, "hard": 8}


def test_sides_each_alternates_and_both_groups():
    each = compile_timeline(routine([{"exercise": "test-lift", "sets": 2, "sides": "each"}]), LIBRARY)
    both = compile_timeline(routine([{"exercise": "test-lift", "sets": 2, "sides": "both"}]), LIBRARY)
    assert [s.side for s in each.work_steps] == ["left", "right", "left", "right"]
    assert [s.side for s in both.work_steps] == ["left", "left", "right", "right"]
    assert [s.kind for s in both.steps] == ["prepare", "reps", "rest", "reps", "switch", "reps",
                                            "rest", "reps", "done"]


def test_side_option_keeps_one_side_and_affected_side_gets_its_dose():
    block = {"exercise": "test-lift", "reps": 20, "sets": 2, "affected": {"sets": 3}}
    one = compile_timeline(routine([block]), LIBRARY, Options(side="right"))
    assert {s.side for s in one.work_steps} == {"right"}
    rehab = compile_timeline(routine([block]), LIBRARY, Options(affected="left"))
    sets = [(s.side, s.set_no, s.set_count) for s in rehab.work_steps]
    assert sets == [("left", 1, 3), ("left", 2, 3), ("left", 3, 3), ("right", 1, 2), ("right", 2, 2)]


def test_overrides_apply_to_every_step():
    timeline = compile_timeline(routine([PAIR, {"rest": 30}]), LIBRARY,
                                Options(hold=45, reps=3, rest=10))
    assert {s.seconds for s in timeline.steps if s.kind == "hold"} == {45}
    assert {s.reps for s in timeline.steps if s.kind == "reps"} == {3}
    assert {s.seconds for s in timeline.steps if s.kind == "rest"} == {10}


def test_phases_set_the_rep_length_and_moments():
    timeline = compile_timeline(routine([{"exercise": "test-kinetic", "sides": "left"}]), LIBRARY)
    step = timeline.work_steps[0]
    assert (step.reps, step.rep_seconds, step.seconds) == (2, 3, 6)
    assert step.rep_moments() == [(0, 1, "in"), (1, 1, "out"), (3, 2, "in"), (4, 2, "out")]


def test_bilateral_exercise_ignores_sides_and_circuits_do_one_set_a_round():
    timeline = compile_timeline(routine([{"circuit": {"rounds": 3, "rest": 5, "blocks": [
        {"exercise": "test-bridge"}, {"exercise": "test-lift", "sides": "left"}]}}]), LIBRARY)
    work = [(s.exercise_id, s.side, s.round_no) for s in timeline.work_steps]
    assert work == [(ex, side, r) for r in (1, 2, 3)
                    for ex, side in (("test-bridge", None), ("test-lift", "left"))]
    assert sum(1 for s in timeline.steps if s.title == "Rest between rounds") == 2


BLOCKS = st.one_of(
    st.just(PAIR),
    st.builds(lambda sets, sides: {"exercise": "test-lift", "sets": sets, "sides": sides},
              st.integers(1, 3), st.sampled_from(["both", "each", "left", "right"])),
    st.builds(lambda s: {"rest": s}, st.integers(1, 60)),
    st.builds(lambda r: {"circuit": {"rounds": r, "blocks": [{"exercise": "test-bridge"}]}},
              st.integers(1, 3)),
)
OPTIONS = st.builds(Options, level=st.sampled_from(["easy", "normal", "hard"]),
                    side=st.sampled_from([None, "left", "right"]),
                    affected=st.sampled_from([None, "left", "right"]))


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(BLOCKS, min_size=1, max_size=6), OPTIONS)
def test_properties_of_any_timeline(blocks, options):
    timeline = compile_timeline(routine(blocks), LIBRARY, options)
    steps = timeline.steps
    assert timeline.total == sum(s.seconds for s in steps)
    assert all(a.end == b.start for a, b in zip(steps, steps[1:]))
    assert steps[-1].kind == "done" and all(s.seconds > 0 for s in steps[:-1])
    if options.side:
        assert {s.side for s in timeline.work_steps} <= {options.side, None}
    pairs = [s for s in timeline.work_steps if s.exercise_id in ("test-stretch",)]
    for stretch in pairs:
        follower = next(s for s in steps[stretch.index + 1:] if s.is_work)
        assert follower.exercise_id == "test-lift" and follower.side == stretch.side


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4), st.sampled_from(["both", "each"]))
def test_every_set_once_per_side(sets, sides):
    timeline = compile_timeline(routine([{"exercise": "test-lift", "sets": sets, "sides": sides}]),
                                LIBRARY)
    seen = sorted((s.side, s.set_no) for s in timeline.work_steps)
    assert seen == sorted((side, n) for side in ("left", "right") for n in range(1, sets + 1))


def test_a_side_switch_takes_the_switch_time_not_the_prepare_time():
    timeline = compile_timeline(routine([{"exercise": "test-stretch", "hold": 6, "sides": "both"}],
                                        prepare=10, switch=3), LIBRARY)
    assert shape(timeline) == [
        ("prepare", "test-stretch", "left", 10), ("hold", "test-stretch", "left", 6),
        ("switch", "test-stretch", "right", 3), ("hold", "test-stretch", "right", 6),
        ("done", None, None, 0),
    ]
    assert timeline.total == 25  # 10 get ready + 6 left + 3 switch + 6 right


def test_the_rest_option_replaces_rests_between_sets_rounds_and_rest_blocks():
    # test-bridge: 3 reps at the default 3 s tempo = 9 s a set, 2 sets, its own rest 3 s.
    blocks = [{"exercise": "test-bridge"}, {"rest": 30},
              {"circuit": {"rounds": 2, "rest": 20, "blocks": [{"exercise": "test-lift",
                                                                "reps": 2, "sides": "left"}]}}]
    timeline = compile_timeline(routine(blocks), LIBRARY, Options(rest=7))
    assert [(s.kind, s.title, s.seconds) for s in timeline.steps if s.kind == "rest"] == [
        ("rest", "Rest between sets", 7), ("rest", "Rest", 7), ("rest", "Rest between rounds", 7)]
    # 2 get ready + 9 + 7 + 9, rest 7, then per round 2 get ready + 2 reps x 2 s, 7 between
    assert timeline.total == (2 + 9 + 7 + 9) + 7 + (2 + 4) + 7 + (2 + 4)
    planned = compile_timeline(routine(blocks), LIBRARY)
    assert [s.seconds for s in planned.steps if s.kind == "rest"] == [3, 30, 20]


def test_a_pair_takes_each_side_its_own_dose_and_sets():
    doses = {("test-stretch", "left"): Dose(7, 2)}
    timeline = compile_timeline(routine([PAIR]), LIBRARY, Options(), doses)
    assert [(s.exercise_id, s.side, s.seconds, s.set_no, s.set_count)
            for s in timeline.work_steps] == [
        ("test-stretch", "left", 7, 1, 2), ("test-stretch", "left", 7, 2, 2),
        ("test-lift", "left", 6, 1, 1),
        ("test-stretch", "right", 6, 1, 1), ("test-lift", "right", 6, 1, 1)]


def test_a_bilateral_exercise_in_a_pair_is_done_once():
    pair = {"pair": {"stretch": "test-stretch", "strengthen": "test-bridge"}}
    timeline = compile_timeline(routine([pair]), LIBRARY)
    # bridge: 2 sets of 3 reps x 3 s = 9 s with its 3 s rest, after the left stretch only
    assert shape(timeline) == [
        ("prepare", "test-stretch", "left", 2), ("hold", "test-stretch", "left", 6),
        ("prepare", "test-bridge", None, 2), ("reps", "test-bridge", None, 9),
        ("rest", None, None, 3), ("reps", "test-bridge", None, 9),
        ("prepare", "test-stretch", "right", 2), ("hold", "test-stretch", "right", 6),
        ("done", None, None, 0)]
    assert timeline.total == 2 + 6 + 2 + 9 + 3 + 9 + 2 + 6


def test_a_hold_given_to_a_reps_exercise_and_reps_given_to_a_hold():
    blocks = [{"exercise": "test-lift", "hold": 20, "sides": "left"},
              {"exercise": "test-stretch", "reps": 5, "sides": "left"}]
    timeline = compile_timeline(routine(blocks, prepare=0), LIBRARY)
    # reps without a tempo of their own take the default 3 s: 5 x 3 = 15 s
    assert [(s.kind, s.seconds, s.reps) for s in timeline.work_steps] == [
        ("hold", 20, 0), ("reps", 15, 5)]


def test_zero_get_ready_switch_and_rest_leave_those_steps_out():
    blocks = [{"exercise": "test-bridge"}, {"rest": 30},
              {"exercise": "test-stretch", "sides": "both"}]
    timeline = compile_timeline(routine(blocks), LIBRARY, Options(prepare=0, switch=0, rest=0))
    assert [s.kind for s in timeline.steps] == ["reps", "reps", "hold", "hold", "done"]
    longer = compile_timeline(routine(blocks), LIBRARY, Options(prepare=4, switch=3))
    assert [(s.kind, s.seconds) for s in longer.steps if s.kind in ("prepare", "switch")] == [
        ("prepare", 4), ("prepare", 4), ("switch", 3)]


def test_the_side_option_drops_a_block_for_the_other_side():
    blocks = [{"exercise": "test-lift", "sides": "right"}, {"exercise": "test-stretch",
                                                           "sides": "left"}]
    timeline = compile_timeline(routine(blocks), LIBRARY, Options(side="left"))
    assert [(s.exercise_id, s.side) for s in timeline.work_steps] == [("test-stretch", "left")]


def test_a_bilateral_exercise_first_in_a_pair_leaves_the_other_side_of_its_partner():
    pair = {"pair": {"stretch": "test-bridge", "strengthen": "test-lift"}}
    timeline = compile_timeline(routine([pair]), LIBRARY)
    # bridge once: 2 sets of 3 reps x 3 s = 9 s, its own 3 s rest between; then the lift
    # (3 reps x 2 s = 6 s) on the left, a 1 s switch, and the lift on the right
    assert shape(timeline) == [
        ("prepare", "test-bridge", None, 2), ("reps", "test-bridge", None, 9),
        ("rest", None, None, 3), ("reps", "test-bridge", None, 9),
        ("prepare", "test-lift", "left", 2), ("reps", "test-lift", "left", 6),
        ("switch", "test-lift", "right", 1), ("reps", "test-lift", "right", 6),
        ("done", None, None, 0)]
    assert timeline.total == 2 + 9 + 3 + 9 + 2 + 6 + 1 + 6

"""The engine and run loop on a hand-advanced clock: exact events, pause, skip, back, no drift."""

from hypothesis import given, settings, strategies as st

from hipcli.engine import Engine
from hipcli.session import run_session
from hipcli.timeline import compile_timeline
from tests.conftest import FakeClock, Recorder, ScriptedKeys
from tests.examples import examples
from tests.routine_factory import LIBRARY, PAIR, routine


def timeline_of(blocks, **fields):
    return compile_timeline(routine(blocks, **fields), LIBRARY)


def run(timeline, presses=()):
    clock, recorder = FakeClock(), Recorder()
    engine = Engine(timeline)
    run_session(engine, clock, [recorder], ScriptedKeys(list(presses)))
    return engine, recorder, clock


def brief(events):
    return [(e.at, e.kind, e.value) for e in events]


def test_exact_event_sequence_of_a_small_routine():
    timeline = timeline_of([{"exercise": "test-lift", "reps": 2, "sides": "left"}])
    _, recorder, clock = run(timeline)
    assert brief(recorder.events) == [
        (0, "started", None), (0, "step", None),          # prepare, 2 s
        (1, "countdown", 1),
        (2, "step_end", None), (2, "step", None),          # 2 reps x 2 s: reps, no 3-2-1
        (2, "rep", 1), (3, "tick", 3), (4, "rep", 2), (4, "tick", 2), (5, "tick", 1),
        (6, "step_end", None), (6, "finished", None),
    ]
    assert clock.time == timeline.total == 6


def test_hold_has_halfway_and_a_three_two_one():
    timeline = timeline_of([{"exercise": "test-stretch", "hold": 10, "sides": "left"}], prepare=0)
    _, recorder, _ = run(timeline)
    marks = [(e.at, e.kind, e.value) for e in recorder.events if e.kind in ("halfway", "countdown")]
    assert marks == [(5, "halfway", None), (7, "countdown", 3), (8, "countdown", 2),
                     (9, "countdown", 1)]


def test_pause_freezes_the_remaining_time():
    timeline = timeline_of([{"exercise": "test-stretch", "hold": 10, "sides": "left"}], prepare=0)
    engine, recorder, clock = run(timeline, [(3.5, "pause"), (100, "pause")])
    assert [e.kind for e in recorder.events if e.kind in ("paused", "resumed")] == ["paused", "resumed"]
    assert clock.time == 100 + 6.5
    assert not [e for e in recorder.events if 3.5 < e.at < 100]


def test_skip_and_back_move_between_steps():
    timeline = timeline_of([PAIR])
    engine, recorder, _ = run(timeline, [(3, "skip"), (3.5, "back"), (10, "back")])
    steps = [e.step.index for e in recorder.events if e.kind == "step"]
    # skip hold(1) -> prepare(2); back within 2 s -> hold(1); it ends at 9.5 -> prepare(2);
    # back 0.5 s later -> hold(1) again
    assert steps[:6] == [0, 1, 2, 1, 2, 1]
    assert [r.skipped for r in engine.records[:1]] == [False]
    assert engine.records[1].skipped


def test_adjust_lengthens_a_hold_but_not_below_five_seconds():
    timeline = timeline_of([{"exercise": "test-stretch", "hold": 20, "sides": "left"}], prepare=0)
    presses = [(0.5, "longer"), (1.0, "shorter"), (1.5, "shorter"), (2.0, "shorter"),
               (2.5, "shorter"), (3.0, "shorter")]
    engine, recorder, clock = run(timeline, presses)
    lengths = [e.value for e in recorder.events if e.kind == "adjusted"]
    # 20 + 5 = 25, then 20, 15, 10, 5 (10 - 5); the last press, 3 s in, asks for 0 s: the
    # one-more-second floor would give 3 + 1 = 4 s, so only the 5 s floor holds it at 5 s.
    assert lengths == [25, 20, 15, 10, 5, 5]
    assert clock.time == 5
    assert engine.records[0].seconds == 5


def test_adjust_never_ends_a_hold_before_one_more_second():
    timeline = timeline_of([{"exercise": "test-stretch", "hold": 10, "sides": "left"}], prepare=0)
    _, recorder, clock = run(timeline, [(7.5, "shorter")])
    # 10 - 5 = 5 s is already behind 7.5 s: the hold ends 1 s after the key, at 8.5 s.
    assert [e.value for e in recorder.events if e.kind == "adjusted"] == [8.5]
    assert clock.time == 8.5


def test_plus_and_minus_leave_reps_get_ready_and_rest_alone():
    timeline = timeline_of([{"exercise": "test-bridge", "reps": 2}])
    # get ready 2 s, 2 reps x 3 s, rest 3 s, 2 reps x 3 s: 2 + 6 + 3 + 6 = 17 s
    presses = [(0.5, "longer"), (1.0, "shorter"), (3.0, "longer"), (4.0, "shorter"),
               (9.0, "longer"), (10.0, "shorter")]
    engine, recorder, clock = run(timeline, presses)
    assert "adjusted" not in recorder.kinds()
    assert clock.time == timeline.total == 17
    assert [r.seconds for r in engine.records] == [2, 6, 3, 6]


def test_total_left_counts_this_step_and_every_later_one():
    engine = Engine(timeline_of([PAIR]))
    # get ready 2, hold 6, get ready 2, reps 6, get ready 2, hold 6, get ready 2, reps 6: 32 s
    engine.start(0.0)
    engine.advance(3.0)
    assert (engine.index, engine.remaining_in_step(3.0)) == (1, 5)
    assert engine.remaining_total(3.0) == 29  # 5 left of the hold + 2 + 6 + 2 + 6 + 2 + 6
    engine.advance(31.0)
    assert (engine.index, engine.remaining_total(31.0)) == (7, 1)


def test_quit_records_the_step_in_progress_as_skipped():
    timeline = timeline_of([PAIR])
    engine, recorder, _ = run(timeline, [(4, "quit")])
    assert recorder.kinds()[-1] == "quit"
    assert engine.quit and engine.finished
    assert [(r.step.index, r.skipped, r.seconds) for r in engine.records] == [(0, False, 2), (1, True, 2)]


def test_deadlines_are_absolute_so_late_wakeups_never_add_up():
    class LateClock(FakeClock):
        def sleep_until(self, deadline):
            self.time = max(self.time, deadline) + 0.3  # every wake-up 300 ms late

    timeline = timeline_of([{"exercise": "test-stretch", "hold": 60, "sides": "left"}], prepare=0)
    clock, recorder = LateClock(), Recorder()
    run_session(Engine(timeline), clock, [recorder])
    ends = [e.at for e in recorder.events if e.kind == "finished"]
    assert ends == [60.0]
    ticks = [e.at for e in recorder.events if e.kind in ("tick", "countdown")]
    assert ticks == [float(k) for k in range(1, 60)]


COMMANDS = st.lists(st.tuples(st.floats(0, 40), st.sampled_from(["pause", "skip", "back"])),
                    max_size=8)


@settings(max_examples=examples(150), deadline=None)
@given(COMMANDS)
def test_commands_never_lose_or_repeat_a_step_by_accident(presses):
    timeline = timeline_of([PAIR, {"rest": 5}, {"exercise": "test-lift", "sides": "each"}])
    presses = sorted(presses) + [(1e6, "resume")]  # resume anything left paused
    engine, recorder, _ = run(timeline, presses)
    assert engine.finished and not engine.quit
    entered = [e.step.index for e in recorder.events if e.kind in ("step", "finished")]
    backs = sum(1 for e in recorder.events if e.kind == "back")
    # Without 'back' the steps are visited in order, each exactly once.
    if backs == 0:
        assert entered == list(range(len(timeline.steps)))
    # Every entry is left once, done, skipped or by going back; the last one is "done".
    assert len(engine.records) == len(entered) - 1 - backs
    assert entered[-1] == len(timeline.steps) - 1
    assert set(range(len(timeline.steps))) <= set(entered)


def test_back_pause_skip_adjust_and_quit_event_by_event():
    timeline = timeline_of([{"exercise": "test-stretch", "hold": 10, "sides": "both"}],
                           prepare=2, switch=1)
    # steps: 0 get ready 2 s, 1 left hold 10 s, 2 switch 1 s, 3 right hold 10 s, 4 done
    presses = [(0.5, "back"), (4.0, "back"), (8.0, "back"), (9.0, "pause"), (11.0, "skip"),
               (13.5, "longer"), (20.5, "pause"), (21.0, "quit")]
    engine, recorder, _ = run(timeline, presses)
    events = [(e.at, e.kind, e.step.index, e.value) for e in recorder.events]
    assert events == [
        (0, "started", 0, None), (0, "step", 0, None),
        (0.5, "back", 0, 0), (0.5, "step", 0, None),        # at the first step: restart it
        (1.5, "countdown", 0, 1),
        (2.5, "step_end", 0, None), (2.5, "step", 1, None),
        (3.5, "tick", 1, 9),
        (4.0, "back", 1, 0), (4.0, "step", 0, None),        # 1.5 s in: back to get ready
        (5.0, "countdown", 0, 1),
        (6.0, "step_end", 0, None), (6.0, "step", 1, None),
        (7.0, "tick", 1, 9),
        (8.0, "back", 1, 1), (8.0, "step", 1, None),        # 2 s in: restart the hold
        (9.0, "paused", 1, None),
        (11.0, "skipped", 1, None), (11.0, "step", 2, None),  # skipped while paused
        (12.0, "step_end", 2, None), (12.0, "step", 3, None),
        (13.0, "tick", 3, 9),
        (13.5, "adjusted", 3, 15),                          # 10 + 5 s
        (14.0, "tick", 3, 13), (15.0, "tick", 3, 12), (16.0, "tick", 3, 11),
        (17.0, "tick", 3, 10), (18.0, "tick", 3, 9), (19.0, "tick", 3, 8),
        (19.5, "halfway", 3, None), (20.0, "tick", 3, 7),   # halfway of 15 s: 12 + 7.5
        (20.5, "paused", 3, None),
        (21.0, "quit", 3, None),
    ]
    # what ran: get ready 2 s (twice), the left hold 9.0 - 8.0 = 1 s before the pause, the
    # switch 1 s, the right hold 20.5 - 12 = 8.5 s before the pause
    assert [(r.step.index, r.seconds, r.skipped) for r in engine.records] == [
        (0, 2, False), (0, 2, False), (1, 1, True), (2, 1, False), (3, 8.5, True)]
    assert engine.finished and engine.quit and not engine.paused
    assert engine.remaining_in_step(30.0) == 0  # no pause left behind to freeze it


def test_pausing_twice_or_after_the_end_changes_nothing():
    engine = Engine(timeline_of([{"exercise": "test-stretch", "hold": 10, "sides": "left"}]))
    engine.start(0.0)
    assert [e.kind for e in engine.pause(1.0)] == ["paused"]
    assert engine.pause(3.0) == [] and engine.paused_at == 1.0
    assert [e.kind for e in engine.resume(4.0)] == ["resumed"] and engine.resume(5.0) == []
    engine.advance(100.0)
    assert engine.finished and engine.pause(101.0) == [] and not engine.paused


def test_the_rep_and_phase_under_way():
    engine = Engine(timeline_of([{"exercise": "test-kinetic", "sides": "left"}]))
    # get ready 2 s, then 2 reps of "in" 1 s and "out" 2 s: rep 1 at 2-5 s, rep 2 at 5-8 s
    engine.start(0.0)
    assert engine.current_rep(1.0) == (0, "")  # not a reps step
    engine.advance(2.0)
    found = {now: engine.current_rep(now) for now in (2.0, 2.5, 3.0, 4.9, 5.0, 6.0, 7.9)}
    assert found == {2.0: (1, "in"), 2.5: (1, "in"), 3.0: (1, "out"), 4.9: (1, "out"),
                     5.0: (2, "in"), 6.0: (2, "out"), 7.9: (2, "out")}


def test_nothing_is_due_while_paused():
    engine = Engine(timeline_of([{"exercise": "test-stretch", "hold": 10, "sides": "left"}],
                                prepare=0))
    engine.start(0.0)
    engine.advance(2.0)
    engine.pause(2.5)
    assert engine.next_deadline() is None
    assert engine.advance(50.0) == []  # 47.5 s later: still nothing, still the hold
    assert (engine.index, engine.remaining_in_step(50.0)) == (0, 7.5)
    engine.resume(50.0)
    assert engine.next_deadline() == 50.5  # the 3rd second was 0.5 s away at the pause


def test_moments_of_a_step_that_is_not_whole_seconds_and_of_a_ten_second_hold():
    odd = timeline_of([{"exercise": "test-lift", "reps": 3, "tempo": "1.5s", "sides": "left"}],
                      prepare=0)
    _, recorder, _ = run(odd)
    # 3 reps x 1.5 s = 4.5 s: ticks at 1-4 s showing 3.5, 2.5, 1.5, 0.5 rounded up
    assert [(e.at, e.kind, e.value, e.rep) for e in recorder.events
            if e.kind in ("tick", "countdown")] == [
        (1, "tick", 4, 0), (2, "tick", 3, 0), (3, "tick", 2, 0), (4, "tick", 1, 0)]
    ten = timeline_of([{"exercise": "test-stretch", "hold": 10, "sides": "left"}], prepare=0)
    _, recorder, _ = run(ten)
    at_five = [(e.kind, e.rep) for e in recorder.events if e.at == 5]
    assert at_five == [("halfway", 0), ("tick", 0)]  # halfway is said before the tick


def test_a_step_skipped_half_a_second_in_ran_half_a_second():
    engine, _, _ = run(timeline_of([PAIR]), [(0.5, "skip")])
    assert (engine.records[0].seconds, engine.records[0].skipped) == (0.5, True)


def test_an_engine_says_when_it_was_started():
    # an interrupted live session stops the engine at "now" only once it has started
    engine = Engine(timeline_of([{"exercise": "test-stretch", "hold": 4, "sides": "left"}]))
    assert (engine.started, engine.started_at) == (False, 0.0)
    engine.start(12.5)
    assert (engine.started, engine.started_at) == (True, 12.5)

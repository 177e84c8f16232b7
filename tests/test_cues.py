"""Which sound each event calls for, and when it is played, on a hand-advanced clock."""

from __future__ import annotations


import pytest

from hipcli.audio import tones
from hipcli.audio.cues import CueListener, choose, cue_for, phase_sound, sounding_offsets
from hipcli.engine import Engine, Event
from hipcli.session import run_session
from hipcli.timeline import RepPhase, Step, Timeline, assemble
from tests.conftest import FakeClock, FakePlayer, ScriptedKeys

SOUNDS = tones.all_pcm()
LIFT_LOWER = (RepPhase("lift", 1.0), RepPhase("lower", 1.0))


def timeline(*steps: Step) -> Timeline:
    return assemble("cue-test", "Cue test", list(steps))


SESSION = timeline(
    Step("prepare", 3.0, "Get ready", side="left"),
    Step("hold", 10.0, "Stretch", side="left"),
    Step("switch", 2.0, "Switch sides", side="right"),
    Step("reps", 4.0, "Lift", side="right", reps=2, rep_seconds=2.0, phases=LIFT_LOWER),
    Step("rest", 2.0, "Rest"),
    Step("reps", 2.0, "Bridge", reps=2, rep_seconds=1.0),
)


def play(session: Timeline, presses=()):
    clock = FakeClock()
    player = FakePlayer(clock, SOUNDS)
    engine = Engine(session)
    run_session(engine, clock, [CueListener(player, sounds=SOUNDS)], ScriptedKeys(list(presses)))
    return player


def test_a_session_sounds_each_cue_at_its_scheduled_moment():
    assert play(SESSION).played == [
        ("get-ready", 0), ("countdown", 1), ("countdown", 2),
        ("go", 3), ("halfway", 8), ("countdown", 10), ("countdown", 11), ("countdown", 12),
        ("switch", 13), ("countdown", 14),
        ("go", 15), ("phase-down", 16), ("phase-up", 17), ("phase-down", 18),
        ("rest", 19), ("countdown", 20),
        ("go", 21), ("tick", 22),
        ("complete", 23),
    ]


def test_a_pause_moves_the_cues_after_it_and_a_skip_sounds_the_next_step_at_once():
    played = play(SESSION, [(4.5, "pause"), (6.0, "pause"), (9.0, "skip")]).played
    assert played[:6] == [("get-ready", 0), ("countdown", 1), ("countdown", 2),
                          ("go", 3), ("switch", 9), ("countdown", 10)]


def test_the_first_rep_of_a_reps_step_is_its_go():
    step = SESSION.steps[3]
    together = [Event("step_end", 15, SESSION.steps[2]), Event("step", 15, step),
                Event("phase", 15, step, "lift", 1)]
    assert choose(together) == ("go", together[1])


def test_a_late_batch_sounds_only_its_latest_moment():
    step = SESSION.steps[1]
    late = [Event("countdown", 10, step, 3), Event("countdown", 11, step, 2)]
    assert choose(late) == ("countdown", late[1])


def test_silent_events_choose_nothing():
    step = SESSION.steps[1]
    assert choose([Event(kind, 5, step) for kind in
                   ("tick", "paused", "resumed", "step_end", "adjusted", "quit")]) is None


@pytest.mark.parametrize("kind, sound", [("prepare", "get-ready"), ("hold", "go"),
                                         ("reps", "go"), ("switch", "switch"), ("rest", "rest")])
def test_step_kinds_open_with_their_own_sound(kind, sound):
    assert cue_for(Event("step", 0, Step(kind, 5.0, "x"))) == sound


@pytest.mark.parametrize("phase, sound", [
    ("lift", "phase-up"), ("rise", "phase-up"), ("pull in", "phase-up"),
    ("lower", "phase-down"), ("drop", "phase-down"), ("push out", "phase-down"),
    ("hold", "phase-hold"), ("squeeze", "phase-hold"), ("", "phase-hold")])
def test_rep_phases_rise_fall_or_stay_level(phase, sound):
    assert phase_sound(phase) == sound


def test_sounding_offsets_are_the_moments_a_tone_will_play():
    hold, reps, switch = SESSION.steps[1], SESSION.steps[3], SESSION.steps[2]
    assert sounding_offsets(hold) == [5.0, 7.0, 8.0, 9.0, 10.0]
    assert sounding_offsets(reps) == [1.0, 2.0, 3.0, 4.0]
    assert sounding_offsets(switch) == [1.0, 2.0]


def test_a_bell_or_silent_player_gets_no_synthesized_sound():
    class Bell:
        name, plays_pcm = "bell", False
    listener = CueListener(Bell())
    assert set(listener.sounds.values()) == {b""}


def test_the_session_sounds_cues_before_anything_else_reacts(monkeypatch, tmp_path):
    from hipcli import launch
    from hipcli.timeline import Options
    from hipcli.ui.plain import PlainOutput
    seen = []

    def run(engine, setup):
        seen.extend(setup.listeners)
        engine.stop(0.0)
        return 0
    monkeypatch.setattr(launch, "run", run)
    # the bell: a player that needs no sound device (with the sound off no cue is worked out)
    launch.start_session("desk-break", Options(), plain=True, speed=1.0, audio="bell")
    assert isinstance(seen[0], CueListener)
    assert any(isinstance(listener, PlainOutput) for listener in seen[1:])

"""Spoken wording: numbers in words and the phrase offered for each kind of step."""

from __future__ import annotations

import pytest

from hipcli.audio.words import duration_words, number_words, speakable, step_phrases
from hipcli.timeline import Step


@pytest.mark.parametrize("n, words", [
    (0, "zero"), (7, "seven"), (13, "thirteen"), (20, "twenty"), (45, "forty-five"),
    (90, "ninety"), (100, "one hundred"), (120, "one hundred twenty"),
    (999, "nine hundred ninety-nine"), (2500, "two thousand five hundred")])
def test_number_words(n, words):
    assert number_words(n) == words


@pytest.mark.parametrize("text, said", [
    ("90/90 hip external rotation stretch", "ninety-ninety hip external rotation stretch"),
    ("Seated 90-90 stretch", "Seated ninety-ninety stretch"),
    ("Figure 4 stretch", "Figure four stretch"),
    ("Lateral lunge at 45 degrees", "Lateral lunge at forty-five degrees"),
    ("tempo 2.5 s", "tempo two point five s"),
    ("Clamshell", "Clamshell")])
def test_speakable_spells_out_every_number(text, said):
    assert speakable(text) == said


@pytest.mark.parametrize("seconds, words", [
    (1, "one second"), (45, "forty-five seconds"), (60, "one minute"), (90, "ninety seconds"),
    (120, "two minutes"), (150, "two minutes thirty seconds"), (29.6, "thirty seconds")])
def test_duration_words(seconds, words):
    assert duration_words(seconds) == words


def test_a_hold_is_announced_with_side_name_and_length_then_shorter():
    step = Step("hold", 45.0, "90/90 hip external rotation stretch", side="left")
    assert step_phrases(step) == [
        "Left side. Ninety-ninety hip external rotation stretch. Hold forty-five seconds.",
        "Left side. Hold forty-five seconds.",
        "Hold forty-five seconds."]


def test_reps_both_sides_switch_rest_and_the_end():
    assert step_phrases(Step("reps", 24.0, "Clamshell", reps=8))[0] == "Clamshell. Eight reps."
    assert step_phrases(Step("reps", 3.0, "Bridge", reps=1))[-1] == "One rep."
    assert step_phrases(Step("switch", 5.0, "Switch sides", side="right"))[-1] == "Switch sides."
    assert step_phrases(Step("rest", 30.0, "Rest")) == ["Rest, thirty seconds.", "Rest."]
    assert step_phrases(Step("done", 0.0, "Done"))[0] == "Routine complete. Well done."
    assert step_phrases(Step("prepare", 5.0, "Get ready")) == []


def test_a_get_ready_says_the_set_up_with_the_leg_a_side_names():
    step = Step("prepare", 12.0, "Get ready", side="left", side_means="back leg",
                setup="Sit in 90/90 with the back shin out to the side.")
    assert step_phrases(step) == [
        "Left side, back leg. Sit in ninety-ninety with the back shin out to the side.",
        "Sit in ninety-ninety with the back shin out to the side.",
        "Left side, back leg."]
    both = Step("prepare", 12.0, "Get ready", setup="Lie on your back.")
    assert step_phrases(both) == ["Lie on your back."]


def test_voice_makes_room_to_say_the_set_up_unless_get_ready_was_set():
    from hipcli.audio.voice import with_room_to_speak
    from hipcli.timeline import Options
    assert with_room_to_speak(Options()).prepare == 12
    assert with_room_to_speak(Options(prepare=4)).prepare == 4

"""The synthesized cue sounds: format, length, soft edges, and a pitch of their own each."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from hipcli.audio import tones
from tests.soundcheck import find_sounds, peak_hz, samples


@pytest.mark.parametrize("name", tones.SOUND_NAMES)
def test_each_sound_is_short_16_bit_mono_pcm(name):
    pcm = tones.pcm(name)
    assert len(pcm) % tones.SAMPLE_BYTES == 0
    assert 0.03 <= tones.duration(pcm) <= 0.8
    assert tones.duration(pcm) == pytest.approx(tones.sound(name).seconds, abs=1e-3)
    x = samples(pcm)
    assert 5000 < np.max(np.abs(x)) < 16000  # clearly audible, room left to mix two


@pytest.mark.parametrize("name", tones.SOUND_NAMES)
def test_each_sound_fades_in_and_out_without_a_click(name):
    x = samples(tones.pcm(name))
    assert abs(x[0]) < 50 and abs(x[-1]) < 50
    # The steepest step between samples is what the highest note itself needs, no more:
    # a cut or a jump in level would show as a far larger step.
    highest = max(max(n.hz, n.to_hz or 0) for n in tones.sound(name).notes)
    steepest_wave = 2 * np.pi * highest / tones.RATE * tones.PEAK * 1.6
    assert np.max(np.abs(np.diff(x))) < steepest_wave


@pytest.mark.parametrize("name", tones.SOUND_NAMES)
def test_each_sound_is_led_by_its_stated_pitch(name):
    pitch = peak_hz(samples(tones.pcm(name)))
    assert pitch == pytest.approx(tones.sound(name).pitch, rel=0.01)


def test_every_pair_of_sounds_is_at_least_three_semitones_apart():
    for a, b in itertools.combinations(tones.SOUNDS, 2):
        low, high = sorted((a.pitch, b.pitch))
        assert high / low >= 2 ** (2.99 / 12), (a.name, b.name)


def test_each_sound_is_heard_as_one_sound_by_the_onset_finder():
    for name in tones.SOUND_NAMES:
        found = find_sounds(tones.silence(0.2) + tones.pcm(name) + tones.silence(0.2))
        assert len(found) == 1, name
        assert found[0].onset == pytest.approx(0.2, abs=0.004), name


def test_rep_phase_sounds_rise_and_fall():
    up = find_sounds(tones.pcm("phase-up"))[0]
    down = find_sounds(tones.pcm("phase-down"))[0]
    assert up.first_pitch < up.last_pitch
    assert down.first_pitch > down.last_pitch


def test_silence_and_duration_agree():
    assert tones.duration(tones.silence(0.25)) == pytest.approx(0.25)
    assert set(tones.silence(0.01)) == {0}

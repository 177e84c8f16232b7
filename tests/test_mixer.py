"""The mixer a playback device pulls from: silence, one sound, overlapping sounds, a stop."""

from __future__ import annotations

import array

from hipcli.audio.mixer import STOP_FADE_SAMPLES, Mixer


def pcm(*values: int) -> bytes:
    return array.array("h", values).tobytes()


def read(mixer: Mixer, frames: int) -> list[int]:
    return list(array.array("h", mixer.read(frames)))


def test_idle_mixer_gives_silence_of_the_size_asked():
    mixer = Mixer()
    assert read(mixer, 4) == [0, 0, 0, 0]
    assert not mixer.busy


def test_one_sound_is_passed_through_block_by_block_then_padded():
    mixer = Mixer()
    mixer.add(pcm(1, 2, 3, 4, 5))
    assert mixer.busy
    assert read(mixer, 3) == [1, 2, 3]
    assert read(mixer, 3) == [4, 5, 0]
    assert not mixer.busy


def test_overlapping_sounds_are_summed_and_clipped():
    mixer = Mixer()
    mixer.add(pcm(100, 30000, -30000, 7))
    mixer.add(pcm(1, 30000, -30000))
    assert read(mixer, 4) == [101, 32767, -32768, 7]


def test_a_stopped_sound_fades_out_within_a_few_milliseconds():
    mixer = Mixer()
    playing = mixer.add(pcm(*([10000] * 48000)))
    read(mixer, 480)
    playing.stop()
    tail = read(mixer, 4800)
    assert tail[0] == 10000
    assert all(a >= b for a, b in zip(tail, tail[1:]))
    assert tail[STOP_FADE_SAMPLES:] == [0] * (4800 - STOP_FADE_SAMPLES)
    assert not mixer.busy

"""Cues through a real sound server: each heard in order, at its pitch, within 30 ms of its moment.

A private PulseAudio server with a null sink is started for this module and its monitor is
recorded (fixtures in soundfixtures.py); `-m "not audio"` leaves these tests out.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from hipcli import clock as clock_module
from hipcli import launch
from hipcli.audio import tones
from hipcli.timeline import Options
from tests.cuecheck import EXPECTED, PITCHES, line_up, traced_clock_class, write_routine
from tests.soundcheck import find_sounds, name_of, samples
from tests.soundfixtures import needs, unavailable

pytestmark = pytest.mark.audio

TOLERANCE = 0.030


def describe(heard) -> str:
    return "\n".join(f"{h.due:6.2f}s {h.name or '?':11s} {h.found.pitch:7.1f} Hz "
                     f"{h.error * 1000:+6.1f} ms" for h in heard)


@pytest.mark.parametrize("mode", ["miniaudio", "simpleaudio"])
def test_each_cue_is_heard_in_order_at_its_pitch_and_on_time(heard_by, monkeypatch, tmp_path,
                                                             capsys, mode):
    needs(mode)
    origins: list[float] = []
    monkeypatch.setattr(clock_module, "SystemClock",
                        traced_clock_class(clock_module.SystemClock, origins))
    routine = write_routine(tmp_path)
    with heard_by.recording() as recording:
        code = launch.start_session(str(routine), Options(), plain=True, speed=1.0, audio=mode)
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "done  Cue check" in out
    heard = line_up(recording, session_t0=origins[0])
    report = describe(heard)
    report += f"\nrecording began {recording.late_start * 1000:+.1f} ms after parec was started"
    assert len(find_sounds(recording.pcm)) == len(EXPECTED), report
    assert [h.name for h in heard] == [name for name, _ in EXPECTED], report
    assert max(abs(h.error) for h in heard) <= TOLERANCE, report
    for h in heard:
        if h.name == "phase-up":
            assert h.found.first_pitch < h.found.last_pitch, report
        if h.name == "phase-down":
            assert h.found.first_pitch > h.found.last_pitch, report


def run_hipcli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hipcli", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, **env})


def test_sounds_command_plays_every_sound_once_in_order_after_its_name(server):
    with server.recording() as recording:
        result = run_hipcli("sounds", env=server.env)
    assert (result.returncode, result.stderr) == (0, "hipcli: sound: miniaudio\n")  # auto's pick
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(tones.SOUND_NAMES)
    found = find_sounds(recording.pcm)
    assert [name_of(f, PITCHES) for f in found] == list(tones.SOUND_NAMES), found
    for f, name in zip(found, tones.SOUND_NAMES):
        assert f.seconds == pytest.approx(tones.sound(name).seconds, abs=0.06), name
    gaps = [b.onset - (a.onset + a.seconds) for a, b in zip(found, found[1:])]
    assert min(gaps) > 0.4


VOICE_ROUTINE = """\
name: voice-check
title: Voice check
prepare: 3
blocks:
  - exercise: figure-four-stretch
    hold: 10s
    sides: left
"""


def test_spoken_cue_falls_between_the_go_tone_and_the_next_tone(server, tmp_path):
    from hipcli.audio.voice import find_program
    if find_program() is None:
        unavailable("espeak-ng is not installed")
    routine = tmp_path / "voice-check.yaml"
    routine.write_text(VOICE_ROUTINE)
    env = {**server.env, "HIPCLI_CACHE_DIR": str(tmp_path / "cache")}
    with server.recording() as recording:
        result = run_hipcli("start", str(routine), "--plain", "--audio", "miniaudio", "--voice",
                        env=env)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    x = np.abs(samples(recording.pcm))
    found = find_sounds(recording.pcm)
    # the spoken words may hold pitches like a tone's, so take the halfway tone as the last
    # sound in its pitch (only the end tone, in another pitch, follows it) and the go tone as
    # the one nearest 5 s before it
    halfway = [f for f in found if name_of(f, PITCHES) == "halfway"][-1]
    go = min((f for f in found if name_of(f, PITCHES) == "go"),
             key=lambda f: abs(halfway.onset - 5.0 - f.onset))
    assert halfway.onset - go.onset == pytest.approx(5.0, abs=0.03)

    def loudness(start: float, end: float) -> float:
        return float(np.max(x[int(start * tones.RATE):int(end * tones.RATE)], initial=0.0))
    go_ends = go.onset + tones.sound("go").seconds
    assert loudness(go_ends + 0.02, go_ends + 0.1) < 400  # a breath before the words
    assert loudness(go_ends + 0.1, halfway.onset - 0.1) > 3000  # the words
    assert loudness(halfway.onset - 0.1, halfway.onset - 0.003) < 400  # done before the tone
    # --voice makes the get-ready 12 s: the set-up is spoken after its tone, done before the
    # 3-2-1 count (which starts 3 s before go; each cue may be heard a few ms apart from its
    # schedule, so the count is found in the recording rather than reckoned from go)
    ready = go.onset - 12.0
    assert loudness(ready + 1.0, ready + 3.0) > 3000
    count = min((f for f in found if name_of(f, PITCHES) == "countdown"),
                key=lambda f: abs(go.onset - 3.0 - f.onset))  # its "3", heard on its own
    assert loudness(count.onset - 0.1, count.onset - 0.003) < 400
    assert "get ready  left (crossed leg)  Figure 4 stretch" in result.stdout
    assert len(list((tmp_path / "cache" / "voice").glob("*.wav"))) >= 3

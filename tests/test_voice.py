"""Spoken cues: fitted between tones on a hand-advanced clock; rendered by the real espeak-ng."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hipcli.audio import tones
from hipcli.audio.cues import CueListener
from hipcli.audio.players import NullPlayer
from hipcli.audio.voice import (GAP_AFTER_TONE, INSTALL_HINT, Renderer, Voice, decode,
                                find_program, open_voice, phrases_for)
from hipcli.engine import Engine
from hipcli.session import run_session
from hipcli.timeline import RepPhase, Step, Timeline, assemble
from tests.conftest import FakeClock, FakePlayer, ScriptedKeys
from tests.soundserver import audio_required

SOUNDS = tones.all_pcm()


def timeline(*steps: Step) -> Timeline:
    return assemble("voice-test", "Voice test", list(steps))


HOLD = Step("hold", 10.0, "Figure 4 stretch", side="left")
QUICK_REPS = Step("reps", 2.0, "Lift", reps=2, rep_seconds=1.0,
                  phases=(RepPhase("lift", 0.5), RepPhase("lower", 0.5)))
SESSION = timeline(Step("prepare", 3.0, "Get ready", side="left"), HOLD, QUICK_REPS)


def fake_phrases(session: Timeline, seconds: dict[str, float]) -> dict[str, bytes]:
    """Stand-in speech: a quiet hum of a chosen length for each phrase (1 s unless given)."""
    hum = tones.pcm("rest")[:200] * 10000
    return {text: hum[:int(seconds.get(text, 1.0) * tones.RATE) * 2]
            for text in phrases_for(session)}


def run_with_voice(session: Timeline, phrases: dict[str, bytes], presses=(), speed=1.0):
    clock = FakeClock()
    player = FakePlayer(clock, SOUNDS)
    voice = Voice(player, phrases, speed=speed)
    listener = CueListener(player, sounds=SOUNDS, voice=voice)
    run_session(Engine(session), clock, [listener], ScriptedKeys(list(presses)))
    return player, voice


def test_the_longest_wording_that_ends_before_the_next_tone_is_spoken_after_the_go_tone():
    full = "Left side. Figure four stretch. Hold ten seconds."
    phrases = fake_phrases(SESSION, {full: 4.8, "Left side. Hold ten seconds.": 2.0})
    player, voice = run_with_voice(SESSION, phrases)
    # 10 s hold: the next tone is halfway at 5 s; 4.8 s of speech after the tone does not fit.
    assert voice.spoken[0] == "Left side. Hold ten seconds."
    index = player.pcm.index(next(p for p in player.pcm if p.endswith(phrases[voice.spoken[0]])))
    assert player.played[index][1] == 3.0 and player.played[index - 1] == ("go", 3.0)
    lead = len(player.pcm[index]) - len(phrases[voice.spoken[0]])
    speech_starts = 3.0 + tones.duration(bytes(lead))
    speech_ends = 3.0 + tones.duration(player.pcm[index])
    assert speech_starts >= 3.0 + tones.sound("go").seconds + GAP_AFTER_TONE - 1e-9
    assert set(player.pcm[index][:lead]) == {0}
    assert speech_ends < 3.0 + 5.0  # before the halfway tone


def test_no_wording_is_spoken_where_none_fits_and_the_end_is_always_announced():
    _, voice = run_with_voice(SESSION, fake_phrases(SESSION, {}))
    # Half-second rep phases leave no room at all; the hold and the end have room.
    assert voice.spoken == ["Left side. Figure four stretch. Hold ten seconds.",
                            "Routine complete. Well done."]


def test_at_a_faster_clock_less_fits():
    _, voice = run_with_voice(SESSION, fake_phrases(SESSION, {}), speed=4.0)
    assert voice.spoken == ["Routine complete. Well done."]


def test_a_pause_cuts_the_phrase_short():
    player, voice = run_with_voice(SESSION, fake_phrases(SESSION, {}),
                                   presses=[(3.5, "pause"), (4.0, "pause")])
    assert player.stopped == [3.5]


def test_without_espeak_the_voice_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_program() is None
    voice, notice = open_voice(NullPlayer(), SESSION, speed=1.0, cache=tmp_path)
    assert voice is None and notice == INSTALL_HINT
    assert "apt-get install espeak-ng" in notice


@pytest.mark.terminal
def test_start_with_voice_but_no_espeak_says_so_once_and_runs_to_the_end(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "hipcli", "start", "desk-break", "--plain",
                             "--speed", "200", "--audio", "off", "--voice"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"hipcli: {INSTALL_HINT}"]
    assert "done  Desk break" in result.stdout


@pytest.fixture
def espeak():
    program = find_program()
    if program is None:
        if audio_required():
            pytest.fail("espeak-ng is not installed")
        pytest.skip("espeak-ng is not installed")
    return program


@pytest.mark.audio
def test_phrases_are_rendered_once_and_then_read_from_the_cache(espeak, tmp_path):
    renderer = Renderer(espeak, tmp_path / "voice")
    path = renderer.wav("Switch sides.")
    first = path.stat().st_mtime_ns
    assert renderer.wav("Switch sides.") == path
    assert path.stat().st_mtime_ns == first
    assert [p.name for p in (tmp_path / "voice").iterdir()] == [path.name]


@pytest.mark.audio
def test_a_rendered_phrase_decodes_to_trimmed_48_khz_speech(espeak, tmp_path):
    pcm = decode(Renderer(espeak, tmp_path).wav("Left side. Hold forty-five seconds."))
    import numpy as np
    x = np.frombuffer(pcm, dtype="<i2").astype(float)
    assert 1.2 < tones.duration(pcm) < 4.0
    assert abs(x[0]) < 100 and abs(x[-1]) < 100
    assert np.max(np.abs(x[:int(0.03 * tones.RATE)])) > 300  # leading silence is gone


@pytest.mark.audio
def test_open_voice_renders_every_wording_of_a_routine_into_the_cache(espeak, tmp_path):
    class Device(NullPlayer):
        plays_pcm = True
    voice, notice = open_voice(Device(), SESSION, speed=1.0, cache=tmp_path)
    assert notice is None
    assert set(voice.phrases) == set(phrases_for(SESSION))
    assert len(list(tmp_path.glob("*.wav"))) == len(phrases_for(SESSION))

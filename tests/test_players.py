"""Choosing a player, the bell and silent players, the sound tour, and a machine with no device."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from hipcli.audio import tones
from hipcli.audio.players import (NO_DEVICE_NOTICE, BellPlayer, NullPlayer, open_player)
from hipcli.audio.tour import play_tour
from hipcli.cli import app

runner = CliRunner()


def no_device_env(tmp_path) -> dict[str, str]:
    """A machine with no sound server and no ALSA device, whatever this one has."""
    alsa = tmp_path / "asound.conf"
    alsa.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULSE_", "JACK_"))}
    return {**env, "PULSE_SERVER": f"unix:{tmp_path}/no-server", "ALSA_CONFIG_PATH": str(alsa),
            "XDG_RUNTIME_DIR": str(tmp_path), "AUDIODEV": "/nonexistent"}


def test_off_and_bell_need_no_device():
    player, notice = open_player("off")
    assert isinstance(player, NullPlayer) and notice is None
    out = io.StringIO()
    player, notice = open_player("bell", out=out)
    assert isinstance(player, BellPlayer) and notice is None
    player.play(tones.pcm("go")).stop()
    player.close()
    assert out.getvalue() == "\a"


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        open_player("loud")


def test_the_tour_names_each_sound_then_plays_it_and_waits_for_it():
    out, waits = io.StringIO(), []
    play_tour(BellPlayer(out), out, wait=waits.append)
    lines = out.getvalue().split("\a")
    assert len(lines) == len(tones.SOUND_NAMES) + 1
    assert [line.split()[0] for line in lines[:-1]] == list(tones.SOUND_NAMES)
    assert waits == [pytest.approx(tones.sound(n).seconds + 0.6) for n in tones.SOUND_NAMES]


def test_sounds_command_lists_every_sound_with_its_meaning():
    result = runner.invoke(app, ["sounds", "--audio", "off"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(tones.SOUND_NAMES)
    assert "work starts" in lines[tones.SOUND_NAMES.index("go")]


@pytest.mark.parametrize("command", [["start", "desk-break", "--audio", "loud"],
                                     ["sounds", "--audio", "loud"]])
def test_an_unknown_audio_mode_is_one_line_and_exit_2(command):
    result = subprocess.run([sys.executable, "-m", "hipcli", *command], capture_output=True,
                            text=True, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "hipcli: --audio 'loud' is not one of auto, miniaudio, simpleaudio, bell, off"]


SHORT_ROUTINE = """\
name: short
title: Short
prepare: 3
blocks:
  - exercise: figure-four-stretch
    hold: 10s
  - exercise: clamshell
    reps: 3
"""


@pytest.mark.terminal
def test_auto_with_no_device_runs_silently_with_one_notice(tmp_path):
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT_ROUTINE)
    result = subprocess.run([sys.executable, "-m", "hipcli", "start", str(routine), "--plain",
                             "--speed", "50"], capture_output=True, text=True, timeout=120,
                            env=no_device_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"hipcli: {NO_DEVICE_NOTICE}"]
    assert "done  Short" in result.stdout


@pytest.mark.parametrize("mode", ["miniaudio", "simpleaudio"])
def test_a_named_player_with_no_device_says_why_in_one_line(tmp_path, mode):
    result = subprocess.run([sys.executable, "-m", "hipcli", "sounds", "--audio", mode],
                            capture_output=True, text=True, timeout=60, env=no_device_env(tmp_path))
    assert (result.returncode, result.stdout) == (1, "")  # nothing to hear: the tour is pointless
    [notice] = result.stderr.splitlines()
    assert notice.startswith(f"hipcli: nothing can play the sounds: {mode} found no output "
                             "device (")

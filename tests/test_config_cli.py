"""Settings through the real command line: `hipcli config`, and flag > environment > file >
default as `show` and `start` apply them."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hipcli.cli import app
from tests.entry import run_main
from tests.program_helpers import InstantClock

runner = CliRunner()


def config_file() -> Path:
    return Path(os.environ["HIPCLI_CONFIG_DIR"]) / "config.toml"


def hipcli(*args: str, env: dict | None = None):
    result = runner.invoke(app, list(args), env={"COLUMNS": "120", **(env or {})})
    return result


def prepare_seconds(*args: str, env: dict | None = None) -> set[float]:
    """The get-ready lengths `show` plans for desk-break, which has 4 exercise steps."""
    result = hipcli("show", "desk-break", "--level", "easy", "--json", *args, env=env)
    assert result.exit_code == 0, result.output
    return {s["seconds"] for s in json.loads(result.stdout)["steps"] if s["kind"] == "prepare"}


def test_config_path_is_in_the_config_folder():
    result = hipcli("config", "path")
    assert result.stdout == f"{config_file()}\n"


def test_set_then_show_names_where_each_value_comes_from():
    assert hipcli("config", "set", "audio", "bell").stdout == f'audio = "bell" in {config_file()}\n'
    assert hipcli("config", "set", "prepare", "1m").exit_code == 0
    shown = hipcli("config", "show", env={"HIPCLI_PREPARE": "4"}).stdout.splitlines()
    assert shown[0] == f"config file: {config_file()}"
    rows = {line.split()[0]: line.split(maxsplit=2)[1:] for line in shown[1:]}
    assert rows["audio"] == ['"bell"', "config file"]
    assert rows["prepare"] == ["4", "environment (HIPCLI_PREPARE)"]
    assert rows["voice"] == ["false", "default"]
    assert config_file().read_text().splitlines()[1:] == ['audio = "bell"', "prepare = 60"]


def test_get_ready_time_flag_beats_environment_beats_file_beats_routine():
    # desk-break leaves prepare out, so the routine format's default of 5 s applies.
    assert prepare_seconds() == {5.0}
    config_file().parent.mkdir(parents=True)
    config_file().write_text("prepare = 3\n")
    assert prepare_seconds() == {3.0}
    assert prepare_seconds(env={"HIPCLI_PREPARE": "2s"}) == {2.0}
    assert prepare_seconds("--prepare", "1", env={"HIPCLI_PREPARE": "2s"}) == {1.0}


def test_the_level_in_the_file_picks_from_each_range():
    config_file().parent.mkdir(parents=True)
    config_file().write_text('level = "hard"\n')
    result = hipcli("show", "desk-break", "--json")
    holds = [s["seconds"] for s in json.loads(result.stdout)["steps"] if s["kind"] == "hold"]
    # desk-break holds 1-2m and 15-30s: hard is the top of each, 120 s and 30 s.
    assert holds == [120, 30] * 4
    result = hipcli("show", "desk-break", "--json", "--level", "easy")
    holds = [s["seconds"] for s in json.loads(result.stdout)["steps"] if s["kind"] == "hold"]
    assert holds == [60, 15] * 4


@pytest.mark.parametrize("args,env,message", [
    (["--digits", "11"], {}, "hipcli: --digits '11': expected auto or a size from 1 to 8, got '11'"),
    ([], {"HIPCLI_VOICE": "maybe"}, "hipcli: HIPCLI_VOICE='maybe': expected true or false, "
                                    "got 'maybe'"),
])
def test_a_bad_flag_or_variable_is_one_line_and_exit_2(args, env, message):
    result = run_main("start", "desk-break", "--plain", "--speed", "1000", *args, env=env)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")


def test_a_bad_file_stops_start_and_show_at_its_line():
    config_file().parent.mkdir(parents=True)
    config_file().write_text('audio = "off"\n\nlevle = "hard"\n')
    expected = f"hipcli: {config_file()}:3:1: unknown key 'levle' (did you mean 'level'?)\n"
    for args in (["start", "desk-break", "--plain", "--speed", "1000"], ["show", "desk-break"],
                 ["config", "show"]):
        result = run_main(*args)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", expected)


def run_start(env: dict | None = None) -> subprocess.CompletedProcess:
    return run_main("start", "desk-break", "--plain", "--speed", "1000", env=env)


def test_start_takes_its_sound_and_level_from_the_file(monkeypatch):
    monkeypatch.setattr("hipcli.clock.SystemClock", InstantClock)  # no waiting on real time
    config_file().parent.mkdir(parents=True)
    config_file().write_text('audio = "bell"\nlevel = "easy"\nprepare = 1\n')
    result = run_start()
    assert result.returncode == 0, result.stderr
    assert "\a" in result.stdout  # the bell rings on each cue
    lines = result.stdout.replace("\a", "").splitlines()
    # prepare 1 s, then the easy hold of 1-2m (60 s): the hold starts at 00:01.
    assert next(line for line in lines if "get ready" in line).startswith("00:00  get ready  left")
    assert next(line for line in lines if line[5:].startswith("  left  ")).startswith(
        "00:01  left  Seated leg to chest")
    assert any("hold 60 s" in line for line in lines)
    quiet = run_start({"HIPCLI_AUDIO": "off"})  # the environment beats the file
    assert quiet.returncode == 0 and "\a" not in quiet.stdout

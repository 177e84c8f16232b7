"""Hostile routine files and arguments: escape codes, option-like names, pipes, devices, NaN.

Each case runs the real command (its entry point in this process, or a subprocess where a read
could block for ever or a whole session runs) and checks the one thing that went wrong before:
text that reached the terminal as a command, a read that never ended, a traceback, a number
that was not a number.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.entry import run_main
from tests.test_validate import assert_one_located_line

HIPCLI = [sys.executable, "-m", "hipcli"]
# Window title, clipboard write (OSC 52) and clear screen, each as a YAML double-quoted escape.
ATTACKS = {
    "title": r'"Hips\e]0;owned\a"',
    "clipboard": r'"Hips\e]52;c;ZWNobyBvd25lZA==\a"',
    "clear": r'"Hips\e[2J\e[H"',
    "csi-c1": r'"Hips\x9b2J"',
    "nul": r'"Hips\0"',
}
RAW_CONTROLS = ("\x1b", "\x07", "\x00", "\x9b")


def hipcli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command in this process."""
    return run_main(*args, cwd=cwd, env={"COLUMNS": "120", **(env or {})})


def in_a_process(*args: str, cwd: Path, env: dict | None = None, timeout: float = 30,
                 stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """The command in a child process, which the timeout ends if a read never does."""
    full_env = {**os.environ, "PYTHONWARNINGS": "ignore", "COLUMNS": "120", **(env or {})}
    return subprocess.run([*HIPCLI, *args], capture_output=True, text=True, cwd=cwd,
                          env=full_env, timeout=timeout, stdin=stdin)


def routine_with_title(folder: Path, title: str, name: str = "sneaky") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(f"name: {name}\ntitle: {title}\nblocks:\n  - rest: 3\n", encoding="utf-8")
    return path


def assert_no_raw_controls(text: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in text, (char, text)


@pytest.mark.terminal  # runs the real `start` too
@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_escape_codes_in_a_title_are_a_located_error(tmp_path, attack):
    path = routine_with_title(tmp_path, ATTACKS[attack])
    # `title: "Hips...` : the quoted text starts on line 2, column 8 (after "title: ").
    for command in ("validate", "show", "start"):
        extra = ["--plain", "--audio", "off"] if command == "start" else []
        result = in_a_process(command, str(path), *extra, cwd=tmp_path)
        stderr = result.stderr.removeprefix("hipcli: ")
        assert_one_located_line(subprocess.CompletedProcess(result.args, result.returncode,
                                                            result.stdout, stderr),
                                str(path), 2, 8, ["control character", "U+00"])
        assert_no_raw_controls(result.stdout + result.stderr)


def test_escape_codes_in_an_exercise_step_are_a_located_error(tmp_path):
    path = tmp_path / "inline.yaml"
    path.write_text("name: inline\nblocks:\n  - exercise:\n      id: odd\n      name: Odd\n"
                    "      kind: stretch\n      position: seated\n"
                    '      steps: ["fine", "bad \\e[2J"]\n'
                    "      dose: {hold: 10s}\n", encoding="utf-8")
    # The second item starts at line 8, column 23: `      steps: ["fine", ` is 22 wide.
    assert_one_located_line(hipcli("validate", str(path), cwd=tmp_path), str(path), 8, 23,
                            ["U+001B (ESC)"])


def test_routines_listing_escapes_a_title_it_cannot_validate(tmp_path):
    folder = tmp_path / "mine"
    routine_with_title(folder, ATTACKS["title"])
    result = hipcli("routines", cwd=tmp_path, env={"HIPCLI_ROUTINES_DIR": str(folder)})
    assert result.returncode == 0, result.stderr
    assert "Hips\\x1b]0;owned\\x07" in result.stdout
    assert_no_raw_controls(result.stdout)
    result = hipcli("routines", "--json", cwd=tmp_path, env={"HIPCLI_ROUTINES_DIR": str(folder)})
    assert_no_raw_controls(result.stdout)


def hostile_history(data: Path) -> None:
    """A history whose session row holds escape codes, as another program might have left it."""
    from hipcli.history.store import HistoryStore
    store = HistoryStore.open(data / "history.sqlite3")
    sid = store.begin_session(routine="r", title="t", started_at="2026-01-05T08:30:00+00:00",
                              planned_seconds=60.0, level="normal")
    store.close()
    db = sqlite3.connect(data / "history.sqlite3")
    db.execute("UPDATE sessions SET routine = ?, title = ?, status = 'finished' WHERE id = ?",
               ("evil\x1b]0;owned\x07\x9b2J", "T\x00\x1b[2J", sid))
    db.commit()
    db.close()


@pytest.mark.parametrize("args", [("history",), ("history", "--format", "csv"),
                                  ("history", "--json"), ("stats",), ("stats", "--json"),
                                  ("report", "--format", "md"), ("report", "--format", "html")])
def test_text_from_the_database_never_reaches_the_terminal_raw(tmp_path, args):
    from typer.testing import CliRunner
    from hipcli.cli import app
    hostile_history(tmp_path / "data")  # the data folder every test gets (conftest.py)
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    assert "evil" in result.stdout
    assert_no_raw_controls(result.stdout + result.stderr)


def test_the_live_console_escapes_text_but_keeps_its_own_colours():
    import io
    from rich.table import Table
    from hipcli.ui.console import safe_console
    out = io.StringIO()
    console = safe_console(file=out, force_terminal=True, color_system="standard", width=60)
    table = Table()
    table.add_column("name", style="bold")
    table.add_row("x\x1b]0;owned\x07y")
    console.print(table)
    text = out.getvalue()
    assert "x\\x1b]0;owned" in text  # (Rich drops the BEL itself)
    assert "\x1b]" not in text and "\x07" not in text
    assert "\x1b[1m" in text  # the bold style Rich adds is still a real escape


def test_plain_lines_escape_titles_that_bypassed_loading(clock):
    import io
    from hipcli.engine import Engine
    from hipcli.session import run_session
    from hipcli.timeline import Step, assemble
    from hipcli.ui.plain import PlainOutput
    steps = [Step("hold", 2.0, "Reach", label="Reach\x9b", side="left")]
    timeline = assemble("r", "Bad\x1b[2J", steps)
    out = io.StringIO()
    run_session(Engine(timeline), clock, [PlainOutput(out)])
    assert "Bad\\x1b[2J" in out.getvalue() and "Reach\\x9b" in out.getvalue()
    assert_no_raw_controls(out.getvalue())


# -- espeak-ng gets data, not options -----------------------------------------------------------
needs_espeak = pytest.mark.skipif(
    not any(os.access(os.path.join(d, n), os.X_OK) for d in os.environ["PATH"].split(":")
            for n in ("espeak-ng", "espeak")), reason="needs espeak-ng")


@needs_espeak
def test_a_phrase_that_looks_like_an_option_is_spoken_not_obeyed(tmp_path):
    from hipcli.audio.voice import Renderer, find_program
    target = tmp_path / "elsewhere.wav"
    renderer = Renderer(find_program(), tmp_path / "cache")
    wav = renderer.wav(f"-w{target}")
    assert not target.exists()  # before: espeak-ng wrote its WAV there
    assert wav.parent == tmp_path / "cache" and wav.stat().st_size > 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


@needs_espeak
def test_a_cache_folder_that_cannot_be_made_is_one_reason(tmp_path):
    from hipcli.audio.voice import Renderer, VoiceError, find_program
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(VoiceError) as caught:
        Renderer(find_program(), blocker / "voice").wav("Left side.")
    assert str(blocker / "voice") in str(caught.value) and "\n" not in str(caught.value)


# -- only regular files, of a sane size ---------------------------------------------------------
@pytest.mark.terminal  # runs the real `start` too
def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "routine.fifo"
    os.mkfifo(fifo)
    for command in (["start", str(fifo), "--plain", "--audio", "off"], ["validate", str(fifo)]):
        result = in_a_process(*command, cwd=tmp_path, timeout=20)  # before: blocked for ever
        assert result.returncode == 2, result.stderr
        assert "named pipe" in result.stderr and "Traceback" not in result.stderr


def test_a_device_is_refused_without_reading_it(tmp_path):
    result = in_a_process("validate", "/dev/zero", cwd=tmp_path, timeout=20)  # before: 3.5 GB on
    assert_one_located_line(result, "/dev/zero", 1, 1, ["a device", "regular"])


def test_a_directory_and_an_empty_name(tmp_path):
    (tmp_path / "folder.yaml").mkdir()
    assert_one_located_line(hipcli("validate", str(tmp_path / "folder.yaml"), cwd=tmp_path),
                            str(tmp_path / "folder.yaml"), 1, 1, ["a directory"])
    result = hipcli("start", "", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "hipcli: a routine name cannot be empty (see `hipcli routines`)\n"


def test_an_oversized_file_names_the_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (1 << 20) + b"\n")
    assert_one_located_line(hipcli("validate", str(path), cwd=tmp_path), str(path), 1, 1,
                            ["1,048,579 bytes", "at most 1 MiB"])


# -- numbers are finite -------------------------------------------------------------------------
NAN_CASES = {
    # field: (YAML lines of the block, line, column of the bad value)
    "tempo": ("  - exercise: clamshell\n    reps: 5\n    tempo: .nan\n", 5, 12, "a tempo"),
    "hold": ("  - exercise: figure-four-stretch\n    hold: .nan\n", 4, 11, "a hold"),
    "phase": ("  - exercise: clamshell\n    reps: 5\n"
              "    phases: [{name: up, seconds: .nan}]\n", 5, 34, "a phase"),
    "rest": ("  - rest: .inf\n", 3, 11, "a rest"),
    "block-rest": ("  - exercise: clamshell\n    rest: -.inf\n", 4, 11, "a rest"),
}


@pytest.mark.parametrize("case", sorted(NAN_CASES))
def test_nan_and_infinity_are_located_errors(tmp_path, case):
    block, line, col, what = NAN_CASES[case]
    path = tmp_path / f"{case}.yaml"
    path.write_text(f"name: odd\nblocks:\n{block}", encoding="utf-8")
    assert_one_located_line(hipcli("validate", str(path), cwd=tmp_path), str(path), line, col,
                            [what, "finite number"])


@pytest.mark.parametrize("key", ["prepare", "switch"])
def test_nan_pauses_are_not_silently_dropped(tmp_path, key):
    path = tmp_path / "pause.yaml"
    path.write_text(f"name: odd\n{key}: .nan\nblocks:\n  - rest: 3\n", encoding="utf-8")
    # `prepare: .nan`: the value starts after "prepare: " (9 wide), `switch: ` is 8 wide.
    col = len(key) + 3
    assert_one_located_line(hipcli("validate", str(path), cwd=tmp_path), str(path), 2, col,
                            ["a pause", "finite number", "nan"])


def test_a_config_file_that_is_a_fifo_or_holds_nan_is_a_located_error(tmp_path):
    folder = tmp_path / "config"
    folder.mkdir()
    os.mkfifo(tmp_path / "pipe")
    (folder / "config.toml").symlink_to(tmp_path / "pipe")
    env = {"HIPCLI_CONFIG_DIR": str(folder)}
    result = in_a_process("config", "show", cwd=tmp_path, env=env, timeout=20)  # before: blocked
    assert_one_located_line(subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout, result.stderr.removeprefix("hipcli: ")),
        str(folder / "config.toml"), 1, 1, ["named pipe"])
    (folder / "config.toml").unlink()
    (folder / "config.toml").write_text("prepare = nan\n")
    result = hipcli("config", "show", cwd=tmp_path, env=env)
    # `prepare = nan`: the value starts at column 11.
    assert result.returncode == 2
    assert result.stderr.startswith(f"hipcli: {folder / 'config.toml'}:1:11: prepare:")
    assert "nan" in result.stderr

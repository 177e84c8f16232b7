"""What a new user meets in the first hour, each through the real command line: errors that
say where and what, choices that are choices, only real sessions counting, one total."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hipcli.audio import tones
from hipcli.history.store import HistoryStore, default_path
from hipcli.paths import builtin_dir, library_file
from tests.entry import run_main
from tests.processes import OnTerminal
from tests.test_players import no_device_env
from tests.yamlfiles import read_yaml

HIPCLI = [sys.executable, "-m", "hipcli"]


def run(*args: str, cwd: Path | None = None, input: str | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    """The command in this process (`env` adds to the test's environment)."""
    return run_main(*args, cwd=cwd, input=input, env=env)


def in_a_process(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command in a child process, for what is read when it starts: sound devices, home."""
    return subprocess.run(HIPCLI + list(args), capture_output=True, text=True, env=env,
                          timeout=60)


# -- errors that teach ---------------------------------------------------------------------

THREE_MISTAKES = """\
name: three
titel: Three mistakes
blocks:
  - exercise: clamshel
    reps: 5
  - pair:
      stretch: ninety-ninety-er-stretch
      strengthen:
        exercise: active-ninety-ninety-er
        rpes: 5
"""


def test_validate_reports_every_mistake_in_file_order(tmp_path):
    (tmp_path / "three.yaml").write_text(THREE_MISTAKES)
    result = run("validate", "three.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "three.yaml:2:1: unknown key 'titel' (did you mean 'title'?)",
        "three.yaml:4:15: unknown exercise 'clamshel' (did you mean 'clamshell'?)",
        "three.yaml:10:9: unknown key 'rpes' (did you mean 'reps'?)",  # not 'rest'
    ]


def test_a_key_is_suggested_only_from_the_keys_allowed_there(tmp_path):
    # 'steps' is a key of library exercises, never of a routine's top level
    (tmp_path / "bad.yaml").write_text("name: bad\nsteps:\n  - rest: 5s\n")
    result = run("validate", "bad.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("bad.yaml:2:1: key 'steps' does not belong here (expected one of: "
                             "name, title, description, frequency, prepare, switch, blocks)\n")


def test_errors_are_capped_at_twenty_per_file(tmp_path):
    blocks = "".join(f"  - exercise: clamshell\n    rps{n}: 5\n" for n in range(25))
    (tmp_path / "many.yaml").write_text("name: many\nblocks:\n" + blocks)
    result = run("validate", "many.yaml", cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and len(lines) == 21
    assert lines[0] == "many.yaml:4:5: unknown key 'rps0' (did you mean 'reps'?)"
    assert lines[19].startswith("many.yaml:42:5: unknown key 'rps19'")  # block 20: 4 + 19*2
    assert lines[20] == "many.yaml: 5 more problems not shown (fix these first)"


@pytest.mark.parametrize("text, where", [
    ("name: x\ntitle foo\nblocks:\n  - rest: 5s\n", "2:1: YAML syntax error: missing ':' after "
                                                     "'title'"),
    ("name: x\nblocks:\n  - exercise clamshell\n    reps: 5\n", "3:5: YAML syntax error: "
                                                                "missing ':' after 'exercise'"),
    ("name: x\nblocks\n  - rest: 5s\n", "2:1: YAML syntax error: missing ':' after 'blocks'"),
])
def test_a_missing_colon_is_reported_on_its_own_line(tmp_path, text, where):
    (tmp_path / "colon.yaml").write_text(text)
    result = run("validate", "colon.yaml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"colon.yaml:{where} (expected key: value)\n")


def test_validate_takes_a_routine_name_and_gives_the_total_show_gives():
    result = run("validate", "external-rotation")
    assert (result.returncode, result.stderr) == (0, "")
    # the bottom of each range, as progression starts: the same as show's first line
    assert result.stdout == "external-rotation: ok (12 exercise steps, 10 min 32 s)\n"
    shown = run("show", "external-rotation")
    assert shown.stdout.splitlines()[0].rstrip() == "External rotation: 10 min 32 s"
    unknown = run("validate", "external-rotatoin")
    assert (unknown.returncode, unknown.stderr) == (
        2, "no routine 'external-rotatoin' (did you mean 'external-rotation'?)\n")


# -- choices are choices -------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["exercises", "--kind", "strech"], "hipcli: --kind 'strech' is not one of stretch, "
     "strength, mobility, plyometric, test (did you mean 'stretch'?)"),
    (["exercises", "--position", "supin"], "hipcli: --position 'supin' is not one of seated, "
     "supine, prone, side-lying, quadruped, standing, kneeling (did you mean 'supine'?)"),
    (["show", "desk-break", "--level", "hrad"], "hipcli: --level 'hrad' is not one of easy, "
     "normal, hard (did you mean 'hard'?)"),
    (["show", "desk-break", "--side", "lfet"], "hipcli: --side 'lfet' is not one of left, "
     "right (did you mean 'left'?)"),
    (["sounds", "--audio", "xyz"], "hipcli: --audio 'xyz' is not one of auto, miniaudio, "
     "simpleaudio, bell, off"),  # nothing close: no guess
])
def test_a_wrong_choice_lists_the_choices_and_the_nearest(args, message):
    result = run(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")


def test_help_lists_the_choices():
    out = run("exercises", "--help").stdout
    assert "--kind [stretch|strength|mobility|plyometric|test]" in out
    assert "--position [seated|supine|prone|side-lying|quadruped|standing|kneeling]" in out


def test_a_free_text_filter_matching_nothing_says_so():
    result = run("exercises", "--muscle", "glutx")
    assert (result.returncode, result.stdout) == (0, "No exercise matches those filters.\n")
    assert result.stderr == ("hipcli: --muscle 'glutx' matches no muscle an exercise works "
                             "(`hipcli exercises --json` lists them)\n")
    result = run("exercises", "--equipment", "rope")
    assert result.stderr.startswith("hipcli: --equipment 'rope' matches no exercise's "
                                    "equipment (known: band, ")
    both = run("exercises", "--muscle", "glute", "--kind", "test")  # each matches something
    assert both.stderr == ""


# -- only real sessions count ----------------------------------------------------------------

LIFTS = """\
name: lifts
prepare: 1
blocks:
  - exercise:
      id: tiny-lift
      name: Tiny lift
      kind: strength
      position: seated
      dose: {reps: 2-6, tempo: 0.5s, per_side: false}
"""


def planned_reps(routine: Path) -> tuple[float, str]:
    [decision] = json.loads(run("show", str(routine), "--json").stdout)["progression"]
    return decision["reps"], decision["reason"]


def session(routine: Path, *options: str) -> None:
    """A real session on the real clock (a sped-up one is a preview, which never counts)."""
    result = run("start", str(routine), "--plain", "--audio", "off", *options)
    assert result.returncode == 0, result.stderr


@pytest.mark.terminal
def test_sessions_at_doses_the_user_chose_never_move_progression(tmp_path):
    routine = tmp_path / "lifts.yaml"
    routine.write_text(LIFTS)
    for _ in range(2):
        session(routine)
    assert planned_reps(routine) == (3, "up from 2 reps: done in the last 2 sessions")
    for _ in range(2):
        session(routine, "--reps", "1")
    for _ in range(2):
        session(routine, "--level", "hard")
    session(routine, "--rest", "5")
    # still 3: neither dropped to 2 ("same as last time") nor raised to 6 ("top of the range")
    assert planned_reps(routine) == (3, "up from 2 reps: done in the last 2 sessions")
    store = HistoryStore.open()
    levels = [s.level for s in store.sessions()]
    store.close()
    assert levels == ["progression"] * 2 + ["custom"] * 2 + ["hard"] * 2 + ["custom"]
    stats = run("stats").stdout.splitlines()
    assert stats[0].startswith("Sessions: 7 (7 finished, 0 partial), ")  # all count there


def closed_early(routine: Path, lines: int) -> tuple[int, str]:
    """`hipcli start ROUTINE --plain | head -LINES`: the exit code and what went to stderr."""
    proc = subprocess.Popen(HIPCLI + ["start", str(routine), "--plain", "--audio", "off"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    for _ in range(lines):
        proc.stdout.readline()
    proc.stdout.close()
    code = proc.wait(timeout=60)
    return code, proc.stderr.read()


@pytest.mark.terminal
def test_a_session_stopped_before_its_first_exercise_ends_is_not_kept(tmp_path):
    routine = tmp_path / "lifts.yaml"
    routine.write_text(LIFTS.replace("prepare: 1", "prepare: 5"))
    # the output is closed by its reader during the preparation, as `| head -1` does; the
    # next line, the 3 of the 3-2-1 at 0:02, finds no reader and ends the session there
    assert closed_early(routine, 1) == (74, "")  # quietly, with the code the README gives
    assert run("history").stdout.startswith("No sessions recorded yet:")
    assert default_path().exists() is True  # the history was opened, nothing was kept


@pytest.mark.terminal
def test_output_closed_after_an_exercise_keeps_what_was_done(tmp_path):
    routine = tmp_path / "sets.yaml"
    # prepare 0-1 s; set 1: 2 reps of 1 s, 1-3 s; rest 3-5 s; set 2: 5-7 s
    routine.write_text(LIFTS.replace("{reps: 2-6, tempo: 0.5s, per_side: false}",
                                     "{reps: 2, tempo: 1s, sets: 2, rest: 2s, "
                                     "per_side: false}"))
    # the lines: start, get ready, set 1, rep 1, rep 2, rest: then set 1 has ended
    assert closed_early(routine, 6) == (74, "")
    [session] = json.loads(run("history", "--format", "json").stdout)
    assert session["status"] == "partial"
    done = [(s["set"], s["skipped"]) for s in session["steps"] if s["exercise"]]
    assert done[0] == (1, False)


# -- no silent surprises -------------------------------------------------------------------

def test_new_refuses_to_replace_a_built_in_routine_and_says_how(tmp_path):
    result = run("new", "external-rotation")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "hipcli: 'external-rotation' is a built-in routine: a routine of yours with that name "
        "would replace it in start, show and routines. Pick another name (`hipcli new "
        "my-external-rotation --from external-rotation` starts from a copy), or add --force "
        "to replace it\n")
    assert not (tmp_path / "user-routines").exists()
    forced = run("new", "external-rotation", "--force")
    mine = tmp_path / "user-routines" / "external-rotation.yaml"
    assert (forced.returncode, forced.stdout) == (0, f"Created {mine}\nIt replaces the built-in "
                                                     "'external-rotation'; delete it to have "
                                                     "the built-in back.\n")


def test_new_from_copies_a_routine_under_the_new_name(tmp_path):
    result = run("new", "my-er", "--from", "external-rotation")
    copy = tmp_path / "user-routines" / "my-er.yaml"
    assert (result.returncode, result.stdout) == (0, f"Created {copy} from external-rotation\n")
    builtin = run("show", "external-rotation").stdout.splitlines()
    mine = run("show", "my-er").stdout.splitlines()
    assert mine == builtin  # the same steps, doses and total
    assert "name: my-er\n" in copy.read_text() and "# " in copy.read_text()  # comments kept
    again = run("new", "second", "--from", "my-er")  # a routine of yours works too
    assert again.returncode == 0
    assert (tmp_path / "user-routines" / "second.yaml").read_text() == \
        copy.read_text().replace("name: my-er\n", "name: second\n")
    missing = run("new", "third", "--from", "no-such")
    assert (missing.returncode, missing.stderr) == (
        2, "hipcli: no routine 'no-such' (see `hipcli routines`)\n")


def test_a_routine_is_known_by_its_file_name_everywhere(tmp_path):
    folder = tmp_path / "user-routines"
    folder.mkdir()
    (folder / "evening.yaml").write_text(LIFTS)  # says `name: lifts` inside
    result = run("start", "evening", "--plain", "--speed", "50", "--audio", "off")
    assert result.returncode == 0, result.stderr
    store = HistoryStore.open()
    [stored] = store.sessions()
    store.close()
    assert stored.routine == "evening"
    assert len(run("history", "--routine", "evening").stdout.splitlines()) == 2  # head, row
    assert run("validate", "evening").stdout.startswith("evening: ok")


# -- prompts and devices ---------------------------------------------------------------------

def test_measure_without_a_terminal_names_what_it_would_ask_for():
    result = run("measure", "--left-er", "40", input="")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("hipcli: no terminal to ask for --left-ir, --right-er, --right-ir "
                             "(give every reading as an option, e.g. --left-er 40)\n")


def test_ctrl_c_at_a_measure_prompt_exits_130_quietly_and_keeps_nothing():
    terminal = OnTerminal(["measure"])
    terminal.read_until("Left ER in degrees (0-90): ")
    terminal.reading()
    terminal.type("\x03")
    code, out = terminal.finish()
    assert code == 130
    assert "Aborted" not in out and "Traceback" not in out
    assert not default_path().exists()


def test_sounds_with_nothing_to_play_on_exits_1_saying_so(tmp_path):
    result = in_a_process("sounds", env=no_device_env(tmp_path))  # auto, output a pipe: no bell either
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("hipcli: nothing can play the sounds: no sound device answered, "
                             "and the output is not a terminal whose bell could ring\n")
    named = in_a_process("sounds", "--audio", "miniaudio", env=no_device_env(tmp_path))
    assert named.returncode == 1
    assert named.stderr.startswith("hipcli: nothing can play the sounds: miniaudio ")


@pytest.mark.terminal  # the tour plays at its real pace
def test_auto_falls_back_to_the_terminal_bell_and_says_so(tmp_path):
    terminal = OnTerminal(["sounds"], env=no_device_env(tmp_path))
    code, out = terminal.finish(timeout=60)
    assert code == 0
    assert out.startswith("hipcli: sound: the terminal bell (no sound device answered)\r\n")
    assert out.count("\a") == len(tones.SOUND_NAMES)  # one ring per sound


def test_doctor_shows_on_one_screen_what_is_used_and_that_it_works(tmp_path):
    (tmp_path / "cache" / "voice").mkdir(parents=True)
    (tmp_path / "cache" / "voice" / "a.wav").write_bytes(b"x" * 2048)
    env = {**no_device_env(tmp_path), "TERM": "xterm-256color"}
    terminal = OnTerminal(["doctor"], env=env)
    code, out = terminal.finish(timeout=60)
    lines = out.replace("\r\n", "\n").splitlines()
    assert code == 0, out
    assert len(lines) <= 24 and max(map(len, lines)) <= 200
    assert lines[0].startswith("hipcli ")
    body = {line.split()[0]: line for line in lines[1:]}
    assert body["sound"] == "sound     ok    the terminal bell (no sound device answered)"
    assert body["terminal"] == "terminal  ok    80x24, 256 colours, TERM=xterm-256color"
    shipped = [p for p in builtin_dir().glob("*.yaml") if p.stem != "exercises"]
    exercises = read_yaml(library_file())["exercises"]
    assert body["routines"] == (f"routines  ok    {len(shipped)} built-in, 0 yours in "
                                f"{tmp_path}/user-routines (not made yet); "
                                f"{len(exercises)} exercises")
    assert body["history"] == (f"history   ok    none yet; the first session makes "
                               f"{tmp_path}/data/history.sqlite3")
    cached = sum(p.stat().st_size for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert cached >= 2048  # the cue planted above, and the routines checked for the listing
    assert body["cache"] == (f"cache     ok    spoken cues and checked routines in "
                             f"{tmp_path}/cache ({cached / 1024:.1f} KB)")
    assert body["settings"] == (f"settings  ok    none set ({os.environ['HIPCLI_CONFIG_DIR']}"
                                "/config.toml would hold them)")
    assert "voice" in body


def test_doctor_exits_1_naming_what_is_needed_and_broken(tmp_path):
    (tmp_path / "a-file").write_text("")
    env = {**no_device_env(tmp_path), "HIPCLI_DATA_DIR": str(tmp_path / "a-file" / "data")}
    result = in_a_process("doctor", env=env)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"history   FAIL  cannot write in {tmp_path}/a-file/data" in lines
    assert lines[-1] == "Needed and not working: history."
    assert "sound     --    none: no sound device answered" in result.stdout  # not needed


# -- what starts a session is seen; keys -----------------------------------------------------

REPS_FIRST = """\
name: reps-first
prepare: 3
blocks:
  - exercise:
      id: slow-lift
      name: Slow lift
      kind: strength
      position: seated
      dose: {reps: 20, tempo: 3s, per_side: false}
"""


@pytest.fixture
def term(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("needs tmux")
    from tests.test_live_terminal import Terminal
    terminal = Terminal(tmp_path)
    yield terminal
    subprocess.run(["tmux", "-S", str(terminal.socket), "kill-server"], capture_output=True)


def quiet_machine(tmp_path) -> dict[str, str]:
    """The variables that make this machine one without a sound device."""
    everything = no_device_env(tmp_path)
    return {name: everything[name] for name in ("PULSE_SERVER", "ALSA_CONFIG_PATH", "AUDIODEV")}


@pytest.mark.terminal
def test_a_notice_at_the_start_stays_on_screen_under_the_live_view(term, tmp_path):
    term.start(text=REPS_FIRST, env=quiet_machine(tmp_path))
    notice = "hipcli: sound: the terminal bell (no sound device answered)"
    screen = term.shows("GET READY", notice)
    lines = screen.rstrip("\n").split("\n")
    assert lines[-1] == notice and lines[-2].startswith("space pause")  # under the keys
    screen = term.shows("REPS", "rep 1/20")  # still there once the exercise runs
    assert notice in screen
    assert "+/- holds only" in screen  # on a rep step the keys say they change holds only
    term.keys("+")
    time.sleep(0.3)
    assert "rep 1/20" in term.screen() or "rep 2/20" in term.screen()  # nothing else moved
    term.keys("q")
    term.shows("Quit? y/n")
    term.keys("y")
    assert term.exit_code() == 130
    after = term.screen()
    assert notice in after  # and printed again once the normal screen is back
    term.assert_restored()


@pytest.mark.terminal
def test_ctrl_z_gives_the_shell_back_and_fg_returns_to_the_paused_view(term, tmp_path):
    routine = tmp_path / "reps-first.yaml"
    routine.write_text(REPS_FIRST)
    term.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "live",
              "env PS1='$ ' bash --norc --noprofile -i")
    term.shows("$")
    term.keys(f"{sys.executable} -m hipcli start {routine} --audio off", "Enter")
    term.shows("REPS", "rep 1/20")
    term.keys("C-z")
    shell = term.shows("Stopped")  # the shell has the terminal back, the normal screen shown
    assert "REPS" not in shell and term.pane("alternate_on") == "0"
    term.keys("fg; echo exit=$?", "Enter")
    paused = term.shows("PAUSED · space to resume")
    assert "rep 1/20" in paused or "rep 2/20" in paused  # where it stopped, the clock held
    term.keys("Space")
    term.until(lambda text: "PAUSED" not in text and "REPS" in text, "the session going on")
    term.keys("q")
    term.shows("Quit? y/n")
    term.keys("y")
    done = term.until(lambda text: re.search(r"exit=\d", text), "the exit code")
    assert "exit=130" in done and "reps-first: stopped early after " in done


# -- every file where the folders say ----------------------------------------------------------

@pytest.mark.audio
def test_every_file_hipcli_writes_is_in_the_folders_hipcli_dirs_move(tmp_path, monkeypatch):
    from hipcli.audio.voice import find_program
    from tests.soundserver import SoundServer, SoundServerMissing
    if find_program() is None:
        pytest.skip("espeak-ng is not installed")
    server = SoundServer(tmp_path / "sound")
    try:
        server.start()
    except SoundServerMissing as exc:
        pytest.skip(f"no sound server: {exc}")
    try:
        home = tmp_path / "home"
        home.mkdir()
        env = {**os.environ, **server.env, "HOME": str(home),
               "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local"),
               "XDG_CACHE_HOME": str(home / ".cache"), "XDG_STATE_HOME": str(home / ".state")}
        routine = tmp_path / "lifts.yaml"
        routine.write_text(LIFTS)
        for args in (["new", "mine", "--from", str(routine)],
                     ["start", "mine", "--plain", "--speed", "20", "--voice"],
                     ["measure", "--left-er", "40", "--left-ir", "30", "--right-er", "42",
                      "--right-ir", "31"]):
            result = in_a_process(*args, env=env)
            assert result.returncode == 0, result.stderr
    finally:
        server.stop()
    written = {path.relative_to(tmp_path).parts[0]
               for path in tmp_path.rglob("*") if path.is_file()}
    # the sound system's client library keeps its own key there for every program it serves
    pulse = home / ".config" / "pulse"
    strays = sorted(str(p.relative_to(tmp_path)) for p in home.rglob("*")
                    if p.is_file() and pulse not in p.parents)
    assert strays == []  # nothing of hipcli's under the home folder
    assert written - {"sound", "lifts.yaml", "home"} == {"user-routines", "data", "cache"}
    # (no settings were set, so the config folder stays empty)
    assert list((tmp_path / "cache" / "voice").glob("*.wav"))  # the spoken words were kept
    assert (tmp_path / "data" / "history.sqlite3").is_file()


# -- the README's reference ------------------------------------------------------------------

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def readme_table(heading: str, first_column: str) -> dict[str, str]:
    """The rows of the README table under `heading` whose header starts with
    `first_column`, as {first cell: second cell}."""
    section = README.split(heading, 1)[1]
    lines = section.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"| {first_column} |"))
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows[cells[0]] = cells[1]
    return rows


def test_the_readme_lists_every_key_the_live_view_reads():
    from hipcli.ui.keys import COMMAND_KEYS
    keys = readme_table("### The live view", "key")
    named = " ".join(keys)
    # every command a key gives is in the table, under its key
    spelled = {" ": "space", "right": "→", "left": "←"}
    for key, command in COMMAND_KEYS.items():
        if key.isupper() or key in "=_":
            continue  # the same command as the lower-case or unshifted key
        assert spelled.get(key, key) in named, (key, command)
    assert {"space", "`q`", "`?`", "Ctrl-Z", "Ctrl-C"} <= set(keys)
    assert "holds only" in keys["`+` / `-`"]
    assert "`fg`" in keys["Ctrl-Z"] and "paused" in keys["Ctrl-Z"]  # as the tmux test shows


def test_the_readme_lists_every_exit_code_hipcli_gives():
    from hipcli import errors
    codes = readme_table("### The live view", "exit code")
    constants = {errors.EXIT_OK, errors.EXIT_FAILURE, errors.EXIT_USAGE, errors.EXIT_OUTPUT,
                 errors.EXIT_INTERRUPTED}
    signals = {128 + 1, 128 + 3, 128 + 15}  # SIGHUP, SIGQUIT (Ctrl-\\), SIGTERM
    assert {int(code) for code in codes} == constants | signals
    assert "doctor" in codes["1"] and "sounds" in codes["1"]
    assert "measure" in codes["130"] and "head" in codes["74"]


def test_the_readme_names_the_folder_each_hipcli_dir_moves():
    folders = readme_table("## Folders", "folder")
    assert folders == {"config": "`~/.config/hipcli`", "routines": "`~/.config/hipcli/routines`",
                       "data": "`~/.local/share/hipcli`", "cache": "`~/.cache/hipcli`"}
    source = "".join(path.read_text() for path in
                     (Path(__file__).resolve().parents[1] / "src" / "hipcli").rglob("*.py"))
    variables = sorted(set(re.findall(r'"(HIPCLI_[A-Z]+_DIR)"', source)))
    assert variables == ["HIPCLI_CACHE_DIR", "HIPCLI_CONFIG_DIR", "HIPCLI_DATA_DIR",
                         "HIPCLI_ROUTINES_DIR"]
    for variable in variables:
        assert f"| `{variable}` |" in README.split("## Folders", 1)[1].split("##", 1)[0]


# -- one total -------------------------------------------------------------------------------

def test_routines_lists_the_time_show_and_validate_give_and_where_each_is_from(tmp_path):
    folder = tmp_path / "user-routines"
    folder.mkdir()
    (folder / "lifts.yaml").write_text(LIFTS)
    (folder / "broken.yaml").write_text("name: broken\nblocks: []\n")
    listing = json.loads(run("routines", "--json").stdout)
    by_name = {entry["name"]: entry for entry in listing}
    # lifts: prepare 1 s, then 2 reps of 0.5 s at the bottom of 2-6 = 2 s
    assert (by_name["lifts"]["total_seconds"], by_name["lifts"]["origin"]) == (2.0, "user")
    assert by_name["broken"]["total_seconds"] is None
    for name in ("desk-break", "external-rotation"):
        shown = run("show", name).stdout.splitlines()[0].rstrip()
        total = shown.split(": ", 1)[1]
        assert run("validate", name).stdout.endswith(f", {total})\n")
        assert by_name[name]["origin"] == "built-in"
        table = run("routines", env={**os.environ, "COLUMNS": "120"}).stdout
        row = next(line for line in table.splitlines() if line.startswith(name + " "))
        assert f"  {total}  " in row
    row = next(line for line in run("routines", env={**os.environ, "COLUMNS": "120"})
               .stdout.splitlines() if line.startswith("broken "))
    assert "  ?  " in row


# -- tables for 80 columns -------------------------------------------------------------------

@pytest.mark.parametrize("command, names, dropped", [
    ("exercises", lambda: [ex["id"] for ex in json.loads(run("exercises", "--json").stdout)],
     "position"),
    ("routines", lambda: [r["name"] for r in json.loads(run("routines", "--json").stdout)],
     None),
])
def test_listings_fit_80_columns_and_never_break_a_name(command, names, dropped):
    out = run(command, env={**os.environ, "COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert max(map(len, lines)) <= 80
    firsts = [line.split("  ")[0] for line in lines[1:] if line[:1] != " "]
    assert firsts == names()  # each on its own line, whole, to be copied as it is
    if dropped:  # the least useful column went first, rather than cutting words
        assert dropped not in lines[0] and dropped in run(
            command, env={**os.environ, "COLUMNS": "160"}).stdout.splitlines()[0]


def test_a_word_is_never_cut_to_fit_a_column():
    from hipcli.ui.columns import table_lines
    rows = [("a-very-long-identifier", "words that wrap")]
    # 22 for the id, 2 apart: "words that wrap" gets 10 and wraps at spaces only
    assert table_lines(("id", "name"), rows, width=34, whole=(0,)) == [
        "id                      name      ",
        "a-very-long-identifier  words that",
        "                        wrap      ",
    ]
    # too narrow for both: the name column goes rather than a word being cut
    assert table_lines(("id", "name", "x"), [(*rows[0], "1")], width=26, whole=(0,),
                       drop=(1,)) == ["id                      x", "a-very-long-identifier  1"]

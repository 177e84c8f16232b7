"""Each command through the real command line: CliRunner for output, the entry point for errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from hipcli import __version__
from hipcli.cli import _complete_exercise, _complete_routine, app, app_for
from hipcli.paths import builtin_dir
from tests.entry import run_main

runner = CliRunner()
WIDE = {"COLUMNS": "130"}
BUILTIN_TITLES = [
    ("desk-break", "Desk break", "Daily, when sitting long"),
    ("er-strength", "External rotator strength", "Not set by the source"),
    ("er-stretches", "External rotator stretches", "Not set by the source"),
    ("external-rotation", "External rotation", "Three or four times a week"),
    ("hip-cuff", "Hip cuff", "With glute or leg workouts"),
    ("hip-rotation", "Hip rotation (external + internal)", "Three or four times a week"),
    ("hip-strength", "Hip strength (full gym session)", "Whole, or split over 2 days"),
    ("hip-strength-day-a", "Hip strength (split, day A)", "Once or twice a week"),
    ("hip-strength-day-b", "Hip strength (split, day B)", "Once or twice a week"),
    ("hip-strength-warm-up", "Hip strength warm-up", "Before any workout"),
    ("iliopsoas", "Iliopsoas rehab (weeks 1-2)", "Daily, weeks 1-2"),
    ("iliopsoas-month-1", "Iliopsoas rehab (from month 1)", "Two or three times a week"),
    ("iliopsoas-weeks-3-4", "Iliopsoas rehab (weeks 3-4)", "Daily, weeks 3-4"),
    ("internal-rotation", "Internal rotation", "Three or four times a week"),
    ("piriformis-phase-1", "Piriformis rehab - phase 1 (weeks 0-4)", "Weeks 0-4, until 3x15"),
    ("piriformis-phase-2", "Piriformis rehab - phase 2 (weeks 4-9)", "Weeks 4-9, until 3x15"),
    ("piriformis-phase-3", "Piriformis rehab - phase 3 (weeks 9-14)", "Weeks 9-14"),
    ("rotation-test", "Hip rotation self-test", "Now and then, to compare"),
    ("runners-hips", "Runner's hips", "Cross-training days"),
]


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), env=WIDE)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def hipcli(*args: str) -> subprocess.CompletedProcess:
    """The entry point a user runs, with its one-line errors, in this process."""
    return run_main(*args, env=WIDE)


def assert_usage_error(result: subprocess.CompletedProcess, message: str) -> None:
    assert "Traceback" not in result.stderr
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [message]


def table(rows: list[tuple[str, str, str, str]]) -> str:
    """The routines table: the time each takes is the total `show --json` gives it."""
    header = ("name", "title", "time", "how often", "origin")
    rows = [(name, title, shown_total(name), often, origin)
            for name, title, often, origin in rows]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in [header, *rows]]
    return "\n".join(lines) + "\n"


def shown_total(name: str) -> str:
    from hipcli.durations import format_duration
    return format_duration(json.loads(invoke("show", name, "--json"))["total_seconds"])


def routines_listing() -> str:
    """`hipcli routines` wide enough for every column unwrapped."""
    result = runner.invoke(app, ["routines"], env={"COLUMNS": "150"})
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@pytest.fixture
def user_dir() -> Path:
    folder = Path(os.environ["HIPCLI_ROUTINES_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# routines

def test_routines_lists_the_builtins():
    rows = [(name, title, often, "built-in") for name, title, often in BUILTIN_TITLES]
    assert routines_listing() == table(rows)


def test_routines_json():
    data = json.loads(invoke("routines", "--json"))
    assert [(r["name"], r["title"], r["frequency"]) for r in data] == BUILTIN_TITLES
    assert {r["origin"] for r in data} == {"built-in"}
    assert all(Path(r["path"]) == builtin_dir() / f"{r['name']}.yaml" for r in data)
    assert not any(r["overrides_builtin"] for r in data)


def test_a_user_routine_replaces_the_builtin_of_the_same_name(user_dir):
    mine = user_dir / "hip-cuff.yaml"
    mine.write_text("# Mine.\nname: hip-cuff\ntitle: My hip cuff\nblocks:\n  - rest: 10s\n")
    (user_dir / "morning.yaml").write_text("name: morning\ntitle: Morning\nblocks:\n"
                                           "  - exercise: clamshell\n")
    rows = [(name, title, often, "built-in") for name, title, often in BUILTIN_TITLES]
    rows[4] = ("hip-cuff", "My hip cuff", "", "user (replaces built-in)")
    rows.insert(14, ("morning", "Morning", "", "user"))  # after internal-rotation
    assert routines_listing() == table(rows) + "Your own file replaces the built-in: hip-cuff\n"
    data = {r["name"]: r for r in json.loads(invoke("routines", "--json"))}
    assert data["hip-cuff"] == {"name": "hip-cuff", "title": "My hip cuff", "frequency": "",
                                "origin": "user", "overrides_builtin": True,
                                "path": str(mine), "total_seconds": 10.0}  # the one rest
    shown = json.loads(invoke("show", "hip-cuff", "--json"))
    assert shown["title"] == "My hip cuff" and shown["total_seconds"] == 10


def listed_total(name: str) -> float:
    return {r["name"]: r["total_seconds"] for r in json.loads(invoke("routines", "--json"))}[name]


def test_routines_lists_the_new_total_of_a_routine_edited_since_its_last_listing(user_dir):
    mine = user_dir / "morning.yaml"
    mine.write_text("name: morning\nblocks:\n  - rest: 10s\n  - rest: 20s\n")
    assert listed_total("morning") == 30  # 10 s + 20 s of rest
    assert listed_total("morning") == 30  # again, from what the first listing kept
    stamp = mine.stat()
    mine.write_text("name: morning\nblocks:\n  - rest: 10s\n  - rest: 50s\n")
    os.utime(mine, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same time: a
    assert mine.stat().st_size == stamp.st_size  # file system that keeps whole seconds
    assert listed_total("morning") == 60  # 10 s + 50 s: the edit is seen by its bytes
    mine.unlink()
    assert "morning" not in {r["name"] for r in json.loads(invoke("routines", "--json"))}


def test_routines_lists_a_broken_user_file_without_failing(user_dir):
    (user_dir / "oops.yaml").write_text("name: [oops\n")
    (user_dir / "listed.yaml").write_text("- just a list\n")
    titles = {r["name"]: r["title"] for r in json.loads(invoke("routines", "--json"))}
    assert titles["oops"] == "(cannot be read: run `hipcli validate`)"
    assert titles["listed"] == "(not a routine: run `hipcli validate`)"


@pytest.mark.parametrize("text,title", [
    ("title: Plain words  # a comment\nname: t\n", "Plain words"),
    ('title: "Quoted: with a colon"\nname: t\n', "Quoted: with a colon"),
    ("title: Two\n  lines\nname: t\n", "Two lines"),
    ("title: >-\n  Folded\n  title\nname: t\n", "Folded title"),
    ("name: t\ndescription: |\n  title: not this one\n", "t"),
    ("blocks: []\n", "untitled"),
])
def test_routines_reads_titles_as_yaml_would(user_dir, text, title):
    (user_dir / "untitled.yaml").write_text(text)
    titles = {r["name"]: r["title"] for r in json.loads(invoke("routines", "--json"))}
    assert titles["untitled"] == title == str((yaml.safe_load(text) or {}).get("title")
                                              or (yaml.safe_load(text) or {}).get("name")
                                              or "untitled")


# show

def test_show_json_total_is_the_sum_of_its_steps():
    data = json.loads(invoke("show", "external-rotation", "--level", "normal", "--json"))
    assert data["routine"] == "external-rotation"
    steps = data["steps"]
    assert data["total_seconds"] == sum(s["seconds"] for s in steps)
    for before, after in zip(steps, steps[1:]):
        assert after["start"] == before["start"] + before["seconds"]
    assert steps[-1]["kind"] == "done"


def test_show_table_has_the_total_and_every_step():
    data = json.loads(invoke("show", "external-rotation", "--level", "normal", "--json"))
    out = invoke("show", "external-rotation", "--level", "normal").splitlines()
    assert out[0].rstrip() == "External rotation: 11 min 26 s"
    assert data["total_seconds"] == 11 * 60 + 26
    rows = [line.split() for line in out[2:] if line[:3].strip().isdigit()]
    shown = [s for s in data["steps"] if s["kind"] != "done"]
    assert [int(r[0]) for r in rows] == [s["index"] + 1 for s in shown]
    assert [r[2] for r in rows] == [s["kind"] for s in shown]
    assert out[1].split() == ["#", "at", "step", "side", "exercise", "dose", "length"]
    assert out[3].split() == ["2", "00:05", "hold", "left", "90/90", "ER", "stretch", "hold",
                              "45", "s", "45", "s"]


def test_show_an_unknown_routine():
    assert_usage_error(hipcli("show", "iliopsas"),
                       "hipcli: no routine 'iliopsas' (did you mean 'iliopsoas'?)")


# exercises

def test_exercises_table_with_a_filter():
    out = invoke("exercises", "--position", "prone").splitlines()
    assert [line.split()[0] for line in out] == ["id", "prone-hip-er", "plank-pike",
                                                 "prone-rotation-test"]
    assert out[1].split() == ["prone-hip-er", "Prone", "hip", "external", "rotation", "strength",
                              "prone", "20-30", "reps", "each", "side"]


def test_exercises_json_with_filters():
    data = json.loads(invoke("exercises", "--kind", "test", "--json"))
    assert [ex["id"] for ex in data] == ["prone-rotation-test"]
    assert data[0]["dose"] == {"per_side": True, "sets": "1", "hold": "10s"}


def test_exercises_without_a_match():
    assert invoke("exercises", "--muscle", "eyebrows") == "No exercise matches those filters.\n"


# exercise

def test_exercise_shows_its_steps_and_cues():
    data = json.loads(invoke("exercise", "clamshell", "--json"))
    out = invoke("exercise", "clamshell")
    assert "Clamshell (clamshell)" in out
    assert "Dose: 20-30 reps each side" in out
    for number, step in enumerate(data["steps"], 1):
        assert f"{number}. {step}" in out
    for cue in data["cues"]:
        assert f"• {cue}" in out
    assert 3 <= len(data["steps"]) <= 6 and 2 <= len(data["cues"]) <= 4


def test_exercise_unknown_id():
    assert_usage_error(hipcli("exercise", "nope"),
                       "hipcli: no exercise 'nope' (see `hipcli exercises`)")
    assert_usage_error(hipcli("exercise", "clamshel"),
                       "hipcli: no exercise 'clamshel' (did you mean 'clamshell'?)")


# start

def test_start_an_unknown_routine():
    assert_usage_error(hipcli("start", "nope"), "hipcli: no routine 'nope' (see `hipcli routines`)")
    assert_usage_error(hipcli("start", "piriformis"),
                       "hipcli: no routine 'piriformis' (did you mean 'piriformis-phase-1', "
                       "'piriformis-phase-2' or 'piriformis-phase-3'?)")


def test_start_a_broken_file():
    broken = Path(__file__).parent / "broken" / "unknown-key-hodl.yaml"
    assert_usage_error(hipcli("start", "--plain", str(broken)),
                       f"hipcli: {broken}:5:5: unknown key 'hodl' (did you mean 'hold'?)")


# validate

def test_validate_ok_and_failing(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("name: good\nblocks:\n  - exercise: figure-four-stretch\n    hold: 20s\n")
    assert invoke("validate", str(good)) == f"{good}: ok (2 exercise steps, 50 s)\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nblocks:\n  - exercise: figure-four-stretch\n    hold: 20 years\n")
    result = runner.invoke(app, ["validate", str(good), str(bad)])
    assert result.exit_code == 2
    assert result.stdout == f"{good}: ok (2 exercise steps, 50 s)\n"
    assert result.stderr == f"{bad}:4:11: unknown unit 'years' in '20 years' (expected s, m or h)\n"


def test_validate_the_exercise_library():
    library = builtin_dir() / "exercises.yaml"
    assert invoke("validate", str(library)) == f"{library}: ok (64 exercises)\n"


# new

def test_new_writes_a_routine_that_validates_as_written(user_dir):
    assert invoke("new", "my-routine") == f"Created {user_dir / 'my-routine.yaml'}\n"
    path = user_dir / "my-routine.yaml"
    text = path.read_text()
    assert text.startswith("# ")
    assert invoke("validate", str(path)).startswith(f"{path}: ok (")
    schema = json.loads(invoke("schema"))
    assert list(Draft202012Validator(schema).iter_errors(yaml.safe_load(text))) == []
    listed = {r["name"]: r for r in json.loads(invoke("routines", "--json"))}
    assert (listed["my-routine"]["title"], listed["my-routine"]["origin"]) == ("My routine", "user")
    assert json.loads(invoke("show", "my-routine", "--json"))["routine"] == "my-routine"


def test_new_refuses_to_overwrite(user_dir):
    path = user_dir / "my-routine.yaml"
    path.write_text("name: my-routine\nblocks:\n  - rest: 5s\n")
    before = path.read_bytes()
    assert_usage_error(hipcli("new", "my-routine"),
                       f"hipcli: {path} already exists (edit it, or pick another name)")
    assert path.read_bytes() == before


def test_new_refuses_a_bad_name(user_dir):
    assert_usage_error(hipcli("new", "My_Routine"),
                       "hipcli: 'My_Routine' is not a routine name "
                       "(expected lowercase words joined by dashes, e.g. morning-hips)")
    assert list(user_dir.iterdir()) == []


# schema, version, help

def test_schema_is_a_json_schema():
    for args in (["schema"], ["schema", "--library"]):
        schema = json.loads(invoke(*args))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


def test_version():
    assert invoke("--version") == f"hipcli {__version__}\n"


@pytest.mark.parametrize("args", [["start", "--help"], ["config", "--help"], ["config", "set", "--help"],
                                  ["routines", "--bogus"], ["stats", "--weeks", "x"],
                                  ["config", "nosuch"], ["show"], ["--version"]])
def test_the_app_for_one_command_answers_as_the_whole_app(args):
    # main() hands typer only the command named first; help, usage errors and exit codes are
    # those of the whole app
    whole, only = runner.invoke(app, args), runner.invoke(app_for(args), args)
    assert (only.exit_code, only.output) == (whole.exit_code, whole.output)


def test_the_app_for_one_command_holds_only_that_command():
    group = typer.main.get_command(app_for(["routines", "--json"]))
    assert list(group.commands) == ["routines"]  # type: ignore[attr-defined]
    assert list(typer.main.get_command(app_for(["config", "show"])).commands) == ["config"]  # type: ignore[attr-defined]
    assert app_for(["--help"]) is app and app_for(["nosuch"]) is app and app_for([]) is app


def test_every_command_and_option_has_help():
    group = typer.main.get_command(app)
    assert group.help
    missing = [f"hipcli {p.name}" for p in group.params if not (p.help or "").strip()]
    for name, command in group.commands.items():
        if not (command.help or "").strip():
            missing.append(name)
        for param in command.params:
            if param.name != "help" and not (getattr(param, "help", None) or "").strip():
                missing.append(f"{name} {param.name}")
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.stdout, name
    assert missing == []


# completion

def test_completion_functions_offer_names_for_a_prefix(user_dir):
    assert _complete_routine("piri") == ["piriformis-phase-1", "piriformis-phase-2",
                                         "piriformis-phase-3"]
    assert _complete_routine("zzz") == []
    (user_dir / "hips-at-home.yaml").write_text("name: hips-at-home\nblocks:\n  - rest: 5s\n")
    assert _complete_routine("hips") == ["hips-at-home"]
    assert _complete_exercise("clam") == ["clamshell"]
    assert _complete_exercise("ninety-ninety-i") == ["ninety-ninety-ir-stretch"]


@pytest.mark.parametrize("words,expected", [
    ("hipcli start piri", ["piriformis-phase-1", "piriformis-phase-2", "piriformis-phase-3"]),
    ("hipcli show external-", ["external-rotation"]),
    ("hipcli exercise fire", ["fire-hydrant"]),
])
def test_shell_completion_through_the_entry_point(words, expected):
    env = {**os.environ, "_HIPCLI_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - 1)}
    exe = shutil.which("hipcli", path=str(Path(sys.executable).parent))
    result = subprocess.run([exe], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected

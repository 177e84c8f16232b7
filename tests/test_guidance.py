"""The guidance reaches the user: `show` prints each built-in routine's description, how often
to do it and every safety note of its exercises, and no library exercise is left unused.

Expected text is read straight from the YAML files, not from hipcli's model, so a note the
code drops or garbles is caught.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.paths import builtin_dir
from tests.yamlfiles import read_yaml

runner = CliRunner()
BUILTINS = sorted(p for p in builtin_dir().glob("*.yaml") if p.stem != "exercises")
LIBRARY = {ex["id"]: ex for ex in read_yaml(builtin_dir() / "exercises.yaml")["exercises"]}
GENERAL = "see a physiotherapist"


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "100"})
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def used_exercises(name: str, *options: str) -> list[str]:
    """The library ids a routine's timeline works through, in order, from `show --json`."""
    steps = json.loads(invoke("show", name, "--level", "normal", "--json", *options))["steps"]
    return list(dict.fromkeys(s["exercise"] for s in steps if s["kind"] in ("hold", "reps")))


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", BUILTINS, ids=[p.stem for p in BUILTINS])
def test_show_prints_the_description_frequency_and_every_safety_note(path):
    raw = read_yaml(path)
    out = invoke("show", path.stem, "--level", "normal")
    assert one_line(raw["description"]) in out
    assert f"How often: {raw['frequency']}" in out
    notes = [LIBRARY[i]["safety"] for i in used_exercises(path.stem) if "safety" in LIBRARY[i]]
    for note in notes:
        assert note in out, note
    assert GENERAL in out


def test_routines_that_use_safety_notes_exist():
    # the test above must have notes to check: the kinetic stretch, the strap stretch, the
    # hamstring wall stretch, the jumps and the swing all carry one
    noted = {i for p in BUILTINS for i in used_exercises(p.stem) if "safety" in LIBRARY[i]}
    assert {"er-kinetic-stretch", "strap-er-stretch", "hamstring-wall-stretch",
            "jump-two-foot-landing", "kettlebell-swing"} <= noted


def test_show_json_carries_the_same_guidance():
    data = json.loads(invoke("show", "er-stretches", "--level", "normal", "--json"))
    raw = read_yaml(builtin_dir() / "er-stretches.yaml")
    assert data["description"] == one_line(raw["description"])
    assert data["frequency"] == raw["frequency"]
    assert data["safety"] == {"Strap ER stretch": LIBRARY["strap-er-stretch"]["safety"]}
    assert GENERAL in data["general_note"]


def test_every_library_exercise_is_used_by_a_routine_or_marked_standalone():
    used = {i for p in BUILTINS for i in used_exercises(p.stem)}
    # An exercise a used one progresses to is used too (the band clamshell, the lateral lunge).
    used |= {LIBRARY[i]["progression"]["to"] for i in used
             if LIBRARY[i].get("progression", {}).get("to")}
    standalone = {i for i, ex in LIBRARY.items() if ex.get("standalone")}
    assert set(LIBRARY) - used == standalone  # and nothing marked standalone is in a routine
    assert standalone  # the sources' one-off exercises (pigeon, pelvic drop, ...) are marked


@pytest.mark.parametrize("exercise_id", sorted(i for i, ex in LIBRARY.items()
                                               if "90/90" in ex["name"]))
def test_every_90_90_move_says_which_leg_a_side_names(exercise_id):
    # external rotation moves: the side is the front leg; internal rotation moves: the back leg
    name = LIBRARY[exercise_id]["name"]
    expected = "front leg" if "external rotation" in name else "back leg"
    assert LIBRARY[exercise_id]["side_means"] == expected
    assert f'"left" or "right" names your {expected}' in invoke("exercise", exercise_id)


def test_show_names_the_leg_each_side_means():
    out = invoke("show", "hip-rotation", "--level", "normal")
    assert "  - 90/90 ER stretch: your front leg" in out
    assert "  - Active 90/90 IR: your back leg" in out


def test_a_stretch_names_the_muscles_it_lengthens_and_a_strength_move_those_it_works():
    # the weighted stretch sits in a butterfly: it lengthens the inner thigh and the hip's
    # internal rotators; the clamshell works the outer hip
    assert "Stretches: adductors, hip internal rotators" in invoke("exercise",
                                                                   "weighted-er-stretch")
    assert "Works: glute medius, hip external rotators" in invoke("exercise", "clamshell")

"""The exercise library holds every exercise the source material names, complete and filterable.

The list below is the full inventory of exercises in the source material (name, the kind the
inventory gives, whether its dose is per side, and the library id it is filed under).
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.paths import library_file

# (inventory name, inventory kind, dose per side in the inventory, library id)
INVENTORY = [
    ("90/90 hip ER kinetic stretch", "kinetic", True, "er-kinetic-stretch"),
    ("90/90 hip ER flexion lift-offs", "strength", True, "er-flexion-lift-off"),
    ("90/90 hip IR abduction lift-off", "strength", True, "ir-abduction-lift-off"),
    ("90/90 hip ER stretch", "stretch", True, "ninety-ninety-er-stretch"),
    ("active 90/90 ER (hinge forward and back up)", "strength", True, "active-ninety-ninety-er"),
    ("90/90 hip IR stretch", "stretch", True, "ninety-ninety-ir-stretch"),
    ("active 90/90 IR (rear heel lift)", "strength", True, "active-ninety-ninety-ir"),
    ("clamshell", "strength", True, "clamshell"),
    ("prone (lying-on-stomach) hip ER", "strength", True, "prone-hip-er"),
    ("fire hydrant", "strength", True, "fire-hydrant"),
    ("figure 4 stretch", "stretch", True, "figure-four-stretch"),
    ("seated 90-90 stretch (lean forward)", "stretch", True, "seated-ninety-ninety-stretch"),
    ("supine hip ER stretch with strap", "stretch", True, "strap-er-stretch"),
    ("bench/table ER stretch (contract-relax)", "stretch", True, "bench-er-stretch"),
    ("pigeon pose", "stretch", True, "pigeon-pose"),
    ("weighted ER stretch (weight on knees)", "stretch", False, "weighted-er-stretch"),
    ("side-lying hip ER (bottom leg 90/90, raise foot)", "strength", True, "side-lying-hip-er"),
    ("quadruped hip abduction", "strength", True, "quadruped-hip-abduction"),
    ("single-leg glute bridge", "strength", True, "single-leg-glute-bridge"),
    ("external hip raise (side-lying, knees bent)", "strength", True, "external-hip-raise"),
    ("lateral band walk", "strength", True, "lateral-band-walk"),
    ("rotational medicine ball throw", "power", True, "rotational-med-ball-throw"),
    ("seated elastic hip IR strengthening", "strength", True, "seated-band-hip-ir"),
    ("seated elastic hip ER strengthening", "strength", True, "seated-band-hip-er"),
    ("side-lying abduction/ER with band (eccentric lowering)", "strength", True,
     "side-lying-band-abduction"),
    ("weight-bearing single-leg mini-squats at wall", "strength", True, "wall-mini-squat"),
    ("hip flexor stretch", "stretch", True, "hip-flexor-stretch"),
    ("quadriceps stretch", "stretch", True, "quadriceps-stretch"),
    ("lateral hip / piriformis stretch", "stretch", True, "lateral-hip-stretch"),
    ("hamstring stretch (straight-leg raise, heel on wall)", "stretch", True,
     "hamstring-wall-stretch"),
    ("bridge with band (abduct/ER)", "strength", False, "band-bridge"),
    ("clamshell with band", "strength", True, "band-clamshell"),
    ("squat with band", "strength", False, "band-squat"),
    ("side-step with band", "strength", True, "band-side-step"),
    ("single-limb sit to stand", "strength", True, "single-leg-sit-to-stand"),
    ("step down (heel touch)", "strength", True, "step-down"),
    ("forward lunge", "strength", False, "forward-lunge"),
    ("lateral lunge at 45 degrees", "strength", False, "lateral-lunge-45"),
    ("jumps: double-limb take-off, double-limb landing", "plyometric", False,
     "jump-two-foot-landing"),
    ("jumps: double-limb take-off, single-limb landing", "plyometric", False,
     "jump-one-foot-landing"),
    ("pelvic drop", "strength", True, "pelvic-drop"),
    ("double banded pull-through", "warm-up", False, "banded-pull-through"),
    ("side plank with knee drive", "warm-up", True, "side-plank-knee-drive"),
    ("banded hip march", "warm-up", True, "banded-hip-march"),
    ("Bulgarian split squat", "strength", True, "bulgarian-split-squat"),
    ("step up to reverse lunge", "strength", True, "step-up-reverse-lunge"),
    ("dumbbell sumo squat", "strength", False, "sumo-squat"),
    ("kickstand Romanian deadlift", "strength", True, "kickstand-rdl"),
    ("explosive sprinter lunge", "plyometric", True, "sprinter-lunge"),
    ("banded jump squat", "plyometric", False, "banded-jump-squat"),
    ("kettlebell swing", "power", False, "kettlebell-swing"),
    ("lateral lunge", "strength", False, "lateral-lunge"),
    ("banded marching hip bridge", "strength", False, "banded-marching-bridge"),
    ("leg cycle with resistance band", "strength", True, "band-leg-cycle"),
    ("reverse leg cycle with band", "strength", True, "band-reverse-leg-cycle"),
    ("pike (plank to pike)", "strength", False, "plank-pike"),
    ("elevated glute bridge", "strength", False, "elevated-glute-bridge"),
    ("banded monster walk", "strength", False, "monster-walk"),
    ("single-leg deadlift", "strength", True, "single-leg-deadlift"),
    ("single-leg squat to bench", "strength", True, "single-leg-squat-to-bench"),
    ("seated leg to chest", "stretch", True, "seated-leg-to-chest"),
    ("seated leg opener (active)", "strength", True, "seated-leg-opener"),
    ("standing banded hip rotation", "strength", True, "standing-band-hip-rotation"),
    ("prone hip rotation self-test", "test", True, "prone-rotation-test"),
]
# The inventory's words for a kind, in the library's five kinds.
KINDS = {"stretch": "stretch", "strength": "strength", "kinetic": "mobility",
         "warm-up": "mobility", "power": "plyometric", "plyometric": "plyometric", "test": "test"}
# Exercises that cannot be done without a band (those where the band is optional are not here).
NEEDS_A_BAND = {
    "lateral-band-walk", "seated-band-hip-ir", "seated-band-hip-er", "side-lying-band-abduction",
    "band-bridge", "band-clamshell", "band-squat", "band-side-step", "banded-pull-through",
    "banded-hip-march", "banded-jump-squat", "banded-marching-bridge", "band-leg-cycle",
    "band-reverse-leg-cycle", "monster-walk", "standing-band-hip-rotation",
}
# A few doses straight from the inventory.
DOSES = {
    "ninety-ninety-er-stretch": {"hold": "30-60s"},
    "active-ninety-ninety-er": {"reps": "5-10"},
    "ninety-ninety-ir-stretch": {"hold": "30-60s"},
    "active-ninety-ninety-ir": {"reps": "5-10"},
    "clamshell": {"reps": "20-30"},
    "prone-hip-er": {"reps": "20-30"},
    "fire-hydrant": {"reps": "10-20"},
    "figure-four-stretch": {"hold": "30s"},
    "quadruped-hip-abduction": {"reps": "8-12"},
    "rotational-med-ball-throw": {"reps": "8"},
    "band-bridge": {"reps": "15", "sets": "3"},
    "hamstring-wall-stretch": {"hold": "10s", "sets": "4"},
    "bulgarian-split-squat": {"reps": "12-15", "sets": "3"},
    "sumo-squat": {"reps": "8-10", "sets": "3"},
    "band-leg-cycle": {"reps": "20", "sets": "3"},
    "seated-leg-to-chest": {"hold": "60-120s"},
}

runner = CliRunner()


def exercises_json(*args: str) -> list[dict]:
    result = runner.invoke(app, ["exercises", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def library() -> dict[str, dict]:
    return {ex["id"]: ex for ex in exercises_json()}


def test_the_inventory_is_complete_and_ids_are_unique():
    shipped = re.findall(r"^  - id: (\S+)$", library_file().read_text(encoding="utf-8"), re.M)
    listed = [ex["id"] for ex in exercises_json()]
    assert len(shipped) == len(set(shipped)) == 64  # the file as written: 64 distinct ids
    assert sorted(listed) == sorted(shipped)  # each listed once, none dropped or added
    assert set(listed) == {entry[3] for entry in INVENTORY}


def test_the_library_holds_exactly_the_inventory(library):
    assert sorted(library) == sorted(entry[3] for entry in INVENTORY)


@pytest.mark.parametrize("name,kind,per_side,exercise_id", INVENTORY,
                         ids=[entry[3] for entry in INVENTORY])
def test_each_inventory_exercise_is_complete(library, name, kind, per_side, exercise_id):
    ex = library[exercise_id]
    assert 3 <= len(ex["steps"]) <= 6, name
    assert 2 <= len(ex["cues"]) <= 4, name
    assert all(len(cue) <= 70 for cue in ex["cues"]), name
    assert len(ex.get("short", ex["name"])) <= 28
    dose = ex["dose"]
    assert ("hold" in dose) != ("reps" in dose), name
    assert dose["sets"]
    assert ex["kind"] == KINDS[kind], name
    assert dose["per_side"] is per_side, name


@pytest.mark.parametrize("exercise_id", sorted(DOSES))
def test_doses_follow_the_inventory(library, exercise_id):
    dose = library[exercise_id]["dose"]
    for key, value in DOSES[exercise_id].items():
        assert dose[key] == value, (exercise_id, key)


def test_filter_by_kind(library):
    found = exercises_json("--kind", "stretch")
    expected = [e[3] for e in INVENTORY if e[1] == "stretch"]
    assert [ex["id"] for ex in found] == expected
    assert len(found) == 13


def test_filter_by_position(library):
    found = [ex["id"] for ex in exercises_json("--position", "prone")]
    assert found == [i for i, ex in library.items() if ex["position"] == "prone"]
    assert {"prone-hip-er", "prone-rotation-test"} <= set(found)
    assert "clamshell" not in found


def test_filter_by_equipment(library):
    found = exercises_json("--equipment", "band")
    assert {ex["id"] for ex in found} == NEEDS_A_BAND
    assert all(any("band" in item for item in ex["equipment"]) for ex in found)


def test_filter_for_no_equipment(library):
    found = [ex["id"] for ex in exercises_json("--equipment", "none")]
    assert found == [i for i, ex in library.items() if not ex["equipment"]]
    assert {"clamshell", "fire-hydrant", "figure-four-stretch", "pigeon-pose"} <= set(found)
    assert not set(found) & NEEDS_A_BAND


def test_filter_by_muscle(library):
    found = [ex["id"] for ex in exercises_json("--muscle", "glute")]
    assert found == [i for i, ex in library.items()
                     if any("glute" in m for m in ex["muscles"])]
    assert {"clamshell", "single-leg-glute-bridge", "fire-hydrant"} <= set(found)
    assert "hamstring-wall-stretch" not in found


def test_filters_combine(library):
    found = [ex["id"] for ex in exercises_json("--kind", "stretch", "--position", "supine")]
    assert found == [i for i, ex in library.items()
                     if ex["kind"] == "stretch" and ex["position"] == "supine"]
    assert "figure-four-stretch" in found


def test_a_filter_that_matches_nothing():
    result = runner.invoke(app, ["exercises", "--kind", "stretch", "--equipment", "kettlebell"])
    assert result.exit_code == 0
    assert result.stdout == "No exercise matches those filters.\n"
    assert exercises_json("--kind", "stretch", "--equipment", "kettlebell") == []

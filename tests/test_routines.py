"""The built-in routines: they load, match the published JSON Schema, and dose as the sources do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.model import PairBlock
from hipcli.paths import builtin_dir
from hipcli.loading import load_path
from tests.yamlfiles import read_yaml

runner = CliRunner()
BUILTINS = sorted(p for p in builtin_dir().glob("*.yaml") if p.stem != "exercises")
BROKEN = Path(__file__).parent / "broken"
REQUIRED = {
    "external-rotation", "internal-rotation", "hip-rotation", "er-stretches", "er-strength",
    "hip-cuff", "piriformis-phase-1", "piriformis-phase-2", "piriformis-phase-3", "iliopsoas",
    "runners-hips", "hip-strength", "hip-strength-warm-up", "desk-break", "rotation-test",
}


def cli_json(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def routine_schema() -> Draft202012Validator:
    schema = cli_json("schema")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def work_steps(timeline: dict, exercise_id: str | None = None) -> list[dict]:
    return [s for s in timeline["steps"] if s["kind"] in ("hold", "reps")
            and (exercise_id is None or s["exercise"] == exercise_id)]


def test_every_program_in_the_sources_is_built_in():
    assert REQUIRED <= {p.stem for p in BUILTINS}


@pytest.mark.parametrize("path", BUILTINS, ids=[p.stem for p in BUILTINS])
def test_builtin_loads_and_is_named_after_its_file(path):
    routine = load_path(path).routine
    assert routine.name == path.stem
    assert routine.title and routine.description


@pytest.mark.parametrize("path", BUILTINS, ids=[p.stem for p in BUILTINS])
def test_builtin_matches_the_schema(path, routine_schema):
    errors = [e.message for e in routine_schema.iter_errors(read_yaml(path))]
    assert errors == []


@pytest.mark.parametrize("path", BUILTINS, ids=[p.stem for p in BUILTINS])
def test_builtin_starts_with_a_comment(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 10


def test_the_library_matches_its_schema():
    schema = cli_json("schema", "--library")
    Draft202012Validator.check_schema(schema)
    data = read_yaml(builtin_dir() / "exercises.yaml")
    assert list(Draft202012Validator(schema).iter_errors(data)) == []


@pytest.mark.parametrize("name", [
    "unknown-key-hodl.yaml", "unknown-top-key.yaml", "affected-unknown-key.yaml",
    "block-without-kind.yaml", "blocks-empty.yaml", "circuit-rounds-zero.yaml",
    "circuit-with-pair.yaml", "exercise-list.yaml", "kind-unknown.yaml", "missing-blocks.yaml",
    "name-is-list.yaml", "pair-missing-strengthen.yaml", "pair-sides-middle.yaml",
    "sides-middle.yaml", "id-upper-case.yaml", "top-level-list.yaml", "sets-is-text.yaml",
])
def test_the_schema_refuses_what_the_loader_refuses(name, routine_schema):
    data = yaml.safe_load((BROKEN / name).read_text(encoding="utf-8"))
    assert list(routine_schema.iter_errors(data))


def test_the_schema_accepts_a_pair_given_as_bare_ids(routine_schema, tmp_path):
    text = ("name: short-pair\nblocks:\n  - pair:\n      stretch: ninety-ninety-er-stretch\n"
            "      strengthen: active-ninety-ninety-er\n")
    (tmp_path / "short-pair.yaml").write_text(text)
    assert load_path(tmp_path / "short-pair.yaml").routine.blocks
    assert list(routine_schema.iter_errors(yaml.safe_load(text))) == []


def test_external_rotation_pairs_the_er_stretch_with_active_er():
    routine = load_path(builtin_dir() / "external-rotation.yaml").routine
    pair = routine.blocks[0]
    assert isinstance(pair, PairBlock)
    assert pair.pair.stretch.exercise == "ninety-ninety-er-stretch"
    assert pair.pair.strengthen.exercise == "active-ninety-ninety-er"
    assert pair.sides == ["left", "right"]
    easy = cli_json("show", "external-rotation", "--level", "easy", "--json")
    hard = cli_json("show", "external-rotation", "--level", "hard", "--json")
    for timeline, hold, reps in ((easy, 30, 5), (hard, 60, 10)):
        first_four = [(s["exercise"], s["side"]) for s in work_steps(timeline)[:4]]
        assert first_four == [("ninety-ninety-er-stretch", "left"),
                              ("active-ninety-ninety-er", "left"),
                              ("ninety-ninety-er-stretch", "right"),
                              ("active-ninety-ninety-er", "right")]
        assert {s["seconds"] for s in work_steps(timeline, "ninety-ninety-er-stretch")} == {hold}
        assert {s["reps"] for s in work_steps(timeline, "active-ninety-ninety-er")} == {reps}


@pytest.mark.parametrize("affected,other", [("left", "right"), ("right", "left")])
def test_iliopsoas_gives_the_affected_side_three_sets_and_the_other_two(affected, other):
    timeline = cli_json("show", "iliopsoas", "--affected", affected, "--json")
    for exercise_id in ("seated-band-hip-ir", "seated-band-hip-er"):
        steps = work_steps(timeline, exercise_id)
        by_side = {side: [s for s in steps if s["side"] == side] for side in (affected, other)}
        assert len(by_side[affected]) == 3 and len(by_side[other]) == 2
        assert {s["sets"] for s in by_side[affected]} == {3}
        assert {s["sets"] for s in by_side[other]} == {2}
        assert {s["reps"] for s in steps} == {20}


LATER_ILIOPSOAS = [("iliopsoas-weeks-3-4", "side-lying-band-abduction"),
                   ("iliopsoas-month-1", "wall-mini-squat")]


@pytest.mark.parametrize("routine,exercise_id",
                         [("iliopsoas", "seated-band-hip-ir"), *LATER_ILIOPSOAS])
def test_iliopsoas_without_an_affected_side_gives_both_sides_three_sets(routine, exercise_id):
    steps = work_steps(cli_json("show", routine, "--json"), exercise_id)
    assert [s["side"] for s in steps] == ["left"] * 3 + ["right"] * 3
    assert {s["reps"] for s in steps} == {20}


@pytest.mark.parametrize("routine,exercise_id", LATER_ILIOPSOAS)
def test_later_iliopsoas_stages_dose_the_affected_side_three_sets_and_the_other_two(routine,
                                                                                  exercise_id):
    steps = work_steps(cli_json("show", routine, "--affected", "right", "--json"), exercise_id)
    assert [s["side"] for s in steps] == ["left"] * 2 + ["right"] * 3


def test_every_iliopsoas_stretch_gives_the_affected_side_more():
    # hamstring: 4 holds of 10 s a side, doubled to 8 on the affected side; the others 1 -> 2
    steps = work_steps(cli_json("show", "iliopsoas", "--affected", "left", "--json"))
    counts = {}
    for s in steps:
        counts[(s["exercise"], s["side"])] = counts.get((s["exercise"], s["side"]), 0) + 1
    for stretch, other in (("hip-flexor-stretch", 1), ("quadriceps-stretch", 1),
                           ("lateral-hip-stretch", 1), ("hamstring-wall-stretch", 4)):
        assert (counts[(stretch, "left")], counts[(stretch, "right")]) == (2 * other, other)


@pytest.mark.parametrize("level,rounds", [("easy", 2), ("normal", 3), ("hard", 3)])
def test_the_hip_strength_warm_up_is_two_or_three_rounds(level, rounds):
    # rounds 2-3: easy takes the bottom, normal the middle (2.5, rounded half up), hard the top
    steps = work_steps(cli_json("show", "hip-strength-warm-up", "--level", level, "--json"))
    assert {s["round"] for s in steps} == set(range(1, rounds + 1))


@pytest.mark.parametrize("phase", ["piriformis-phase-1", "piriformis-phase-2",
                                   "piriformis-phase-3"])
def test_piriformis_phases_are_three_sets_of_fifteen(phase):
    steps = work_steps(cli_json("show", phase, "--json"))
    assert steps
    assert {(s["reps"], s["sets"]) for s in steps} == {(15, 3)}

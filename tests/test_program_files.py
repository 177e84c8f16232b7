"""Program files: the shipped ones load, their frequencies read as meant, and every broken
program file in tests/broken-programs/ gets one located line on stderr and exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.programs import Frequency, load_program, load_programs, parse_due
from tests.test_validate import (assert_one_located_line, refused, run_validate,
                                 validate_in_process)

BROKEN = Path(__file__).parent / "broken-programs"

# file: (line, column, text at that spot, words the message must contain)
CASES: dict[str, tuple[int, int, str, list[str]]] = {
    "due-unknown.yaml": (7, 14, "twice daily", ["'twice daily'", "not a frequency",
                                                "'N-M a week'"]),
    "due-reversed.yaml": (7, 14, "4-3 a week", ["'4-3 a week'", "more to fewer"]),
    "due-per-fortnight.yaml": (7, 14, "3-4 a fortnight", ["not a frequency"]),
    "routine-unknown.yaml": (6, 18, "hip-rotatoin", ["no routine 'hip-rotatoin'",
                                                     "did you mean 'hip-rotation'"]),
    "until-misspelt.yaml": (9, 5, "untill", ["unknown key 'untill'", "did you mean 'until'"]),
    "full-sessions-text.yaml": (10, 22, "lots", ["whole number", "'lots'"]),
    "length-weeks.yaml": (8, 23, "weeks", ["unknown key 'weeks'"]),
    "pain-ceiling-eleven.yaml": (3, 15, "11", ["'pain_ceiling'", "at most 10", "got 11"]),
    "effort-unknown.yaml": (10, 23, "medium", ["'medium'", "'easy', 'right' or 'hard'"]),
    "dose-sets-zero.yaml": (10, 20, "0", ["'sets'", "at least 1", "got 0"]),
    "stages-empty.yaml": (2, 9, "[]", ["'stages'", "at least 1 item"]),
    "stage-without-routines.yaml": (3, 5, "name", ["missing key 'routines'"]),
    "stage-named-twice.yaml": (11, 11, "first", ["stage 'first' is named twice"]),
}


def test_every_broken_program_has_a_case():
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_program_file(name):
    line, col, token, words = CASES[name]
    result = validate_in_process(Path("tests") / "broken-programs" / name, cwd=BROKEN.parents[1])
    assert_one_located_line(result, f"tests/broken-programs/{name}", line, col, words)
    text = (BROKEN / name).read_text(encoding="utf-8").splitlines()
    assert text[line - 1][col - 1:].startswith(token), text[line - 1]


def test_a_stage_name_is_checked_like_a_routine_name(tmp_path):
    # a stage's name is an id two levels down: the message still calls it a name;
    # the value starts after "  - name: " (10 characters)
    path = tmp_path / "p.yaml"
    assert refused(path, "name: my-plan\nstages:\n  - name: First Week\n    routines:\n"
                         "      - routine: hip-rotation\n        due: daily\n") == [
        f"{path}:3:11: 'First Week' is not a valid name (expected lowercase words joined by "
        "dashes, e.g. my-stretch)"]


def test_a_broken_program_as_a_real_command():
    result = run_validate(Path("tests") / "broken-programs" / "due-unknown.yaml",
                          cwd=BROKEN.parents[1])
    assert_one_located_line(result, "tests/broken-programs/due-unknown.yaml", 7, 14,
                            ["not a frequency"])


def test_a_broken_program_of_yours_stops_program_start_with_its_location(tmp_path):
    mine = tmp_path / "user-routines" / "programs"
    mine.mkdir(parents=True)
    (mine / "my-plan.yaml").write_text((BROKEN / "due-reversed.yaml").read_text())
    result = CliRunner().invoke(app, ["program", "start", "my-plan"])
    assert result.exit_code != 0
    assert str(result.exception).startswith(f"{mine / 'my-plan.yaml'}:7:14: ")


@pytest.mark.parametrize("text, frequency", [
    ("daily", Frequency("day", 1, 1)),
    ("2 a day", Frequency("day", 2, 2)),
    ("3-4 a week", Frequency("week", 3, 4)),
    ("2-3 a week", Frequency("week", 2, 3)),
    ("as often as possible", Frequency("free")),
])
def test_frequencies_read_as_written(text, frequency):
    assert parse_due(text) == frequency
    assert parse_due(text).words() == text


def test_the_shipped_programs_and_their_stages():
    found = {p.name: [(s.name, [(r.routine, r.due) for r in s.routines]) for s in p.stages]
             for p in load_programs()}
    assert found["iliopsoas"] == [("weeks-1-2", [("iliopsoas", "daily")]),
                                  ("weeks-3-4", [("iliopsoas-weeks-3-4", "daily")]),
                                  ("month-1", [("iliopsoas-month-1", "2-3 a week")])]
    assert [stage for stage, _ in found["piriformis"]] == ["phase-1", "phase-2", "phase-3"]
    assert found["hip-rotation"] == [("ongoing", [("hip-rotation", "3-4 a week")])]
    assert found["gym"] == [("ongoing", [("hip-strength", "2-3 a week")])]
    assert found["gym-split"] == [("ongoing", [("hip-strength-day-a", "1-2 a week"),
                                               ("hip-strength-day-b", "1-2 a week")])]
    phase = load_program("piriformis").stages[0].until
    assert (phase.dose.sets, phase.dose.reps, phase.pain_at_most) == (3, 15, 3)


def test_schema_program_describes_the_format():
    result = CliRunner().invoke(app, ["schema", "--program"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "hipcli program"
    assert set(schema["properties"]) >= {"name", "stages", "pain_ceiling"}
    stage = schema["$defs"]["Stage"]["properties"]
    assert set(stage) == {"name", "title", "routines", "length", "until"}

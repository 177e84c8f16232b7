"""`hipcli validate` on broken files: one located line on stderr, exit code 2, no traceback.

Each file in tests/broken/ has exactly one problem. For each, the table below says where the
problem is (line, column, and the text found at that spot) and which words the message must use.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.entry import run_main

BROKEN = Path(__file__).parent / "broken"

# file: (line, column, text at that spot or None, words the message must contain)
CASES: dict[str, tuple[int, int, str | None, list[str]]] = {
    # YAML syntax
    "yaml-bad-indent.yaml": (5, 10, ":", ["YAML syntax error", "indentation"]),
    "yaml-unclosed-quote.yaml": (3, 8, '"Morning', ["YAML syntax error", "quote", "never closed"]),
    "yaml-tab-indent.yaml": (4, 1, "\t", ["YAML syntax error", "tab", "spaces"]),
    "duplicate-key.yaml": (6, 5, "reps: 12", ["duplicate key 'reps'"]),
    "empty.yaml": (1, 1, None, ["empty"]),
    "whitespace-only.yaml": (1, 1, None, ["empty"]),
    "not-utf8.yaml": (3, 11, None, ["0xe9", "UTF-8"]),
    "alias-bomb.yaml": (8, 8, "*e", ["alias", "100,000"]),
    "python-tag.yaml": (3, 8, "!!python", ["'!!python/object/apply:os.system'", "not allowed"]),
    "top-level-list.yaml": (2, 1, "- name", ["expected a mapping", "got a list"]),
    "control-character.yaml": (3, 15, "\x07", ["U+0007", "not allowed"]),
    "int-tag-not-a-number.yaml": (5, 11, "!!int", ["'three'", "not a valid !!int"]),
    # unknown and missing keys
    "unknown-key-hodl.yaml": (5, 5, "hodl", ["unknown key 'hodl'", "did you mean 'hold'"]),
    "unknown-top-key.yaml": (3, 1, "titel", ["unknown key 'titel'", "did you mean 'title'"]),
    "affected-unknown-key.yaml": (6, 7, "sest", ["unknown key 'sest'", "did you mean 'sets'"]),
    "phase-unknown-key.yaml": (7, 23, "secnds", ["unknown key 'secnds'",
                                                 "did you mean 'seconds'"]),
    "missing-blocks.yaml": (2, 1, "name", ["missing key 'blocks'"]),
    "pair-missing-strengthen.yaml": (4, 5, "pair:", ["missing key 'strengthen'", "'pair'"]),
    "inline-missing-dose.yaml": (4, 5, "exercise:", ["missing key 'dose' under 'exercise'"]),
    "block-without-kind.yaml": (5, 5, "sets: 3", ["pair, exercise, circuit or rest"]),
    "blocks-empty.yaml": (3, 9, "[]", ["'blocks'", "at least 1"]),
    # wrong types
    "sets-is-text.yaml": (5, 11, "three", ["'three'", "not a count"]),
    "name-is-list.yaml": (2, 7, "[morning", ["expected text", "got a list"]),
    "reps-is-mapping.yaml": (5, 11, "{low", ["reps", "whole number", "got a mapping"]),
    "exercise-list.yaml": (4, 15, "[clamshell", ["exercise id", "got a list"]),
    "pair-sides-text.yaml": (7, 12, "both", ["expected a list", "'both'"]),
    "per-side-text.yaml": (9, 35, "sometimes", ["true or false", "'sometimes'"]),
    "circuit-with-pair.yaml": (8, 11, "pair:", ["circuit", "exercise blocks only"]),
    # durations, counts and ranges
    "hold-zero.yaml": (5, 11, "0s", ["hold", "between 1 and 3600 seconds", "got 0"]),
    "hold-negative.yaml": (5, 11, "-5s", ["hold", "negative", "'-5s'"]),
    "hold-absurd.yaml": (5, 11, "99h", ["hold", "3600 seconds", "got 356400"]),
    "tempo-zero.yaml": (6, 12, "0", ["tempo", "between 0.5 and 60 seconds", "got 0"]),
    "hold-range-reversed.yaml": (5, 11, "60-30s", ["'60-30s'", "backwards"]),
    "reps-range-reversed.yaml": (5, 11, "10-5", ["'10-5'", "backwards"]),
    "reps-zero.yaml": (5, 11, "0", ["reps", "between 1 and 500", "got 0"]),
    "sets-absurd.yaml": (5, 11, "1000", ["sets", "between 1 and 20", "got 1000"]),
    "rest-bad-duration.yaml": (5, 11, "30 parsecs", ["unknown unit 'parsecs'"]),
    "prepare-bad.yaml": (3, 10, "soon", ["'soon'", "not a duration"]),
    "circuit-rounds-zero.yaml": (5, 15, "0", ["rounds", "between 1 and 20", "got 0"]),
    "phase-zero.yaml": (5, 34, "0", ["a phase", "between 0.5 and 60 seconds", "got 0"]),
    "step-empty.yaml": (9, 18, '""', ["item 2 of 'steps'", "at least 1 character"]),
    # choices and patterns
    "sides-middle.yaml": (5, 12, "middle", ["'middle'", "'both', 'each', 'left' or 'right'"]),
    "pair-sides-middle.yaml": (7, 19, "middle", ["'middle'", "'left' or 'right'"]),
    "kind-unknown.yaml": (7, 13, "yoga", ["'yoga'", "'stretch'"]),
    "id-upper-case.yaml": (5, 11, "My_Stretch", ["'My_Stretch'", "not a valid id", "lowercase"]),
    "name-bad-pattern.yaml": (2, 7, "Morning Hips", ["'Morning Hips'", "not a valid name"]),
    # doses that contradict themselves
    "hold-with-tempo.yaml": (11, 9, "tempo", ["tempo", "reps", "hold"]),
    "dose-hold-and-reps.yaml": (11, 9, "reps", ["hold", "reps", "not both"]),
    "tempo-on-hold-exercise.yaml": (6, 5, "tempo", ["tempo", "'figure-four-stretch'", "hold"]),
    # exercise references
    "unknown-exercise.yaml": (4, 15, "clamshel", ["unknown exercise 'clamshel'",
                                                  "did you mean 'clamshell'"]),
    "unknown-exercise-in-pair.yaml": (6, 19, "active-ninety-ninety-err",
                                      ["unknown exercise", "did you mean 'active-ninety-ninety-er'"]),
    "unknown-exercise-in-circuit.yaml": (8, 21, "side-plank-knee-driv",
                                         ["unknown exercise",
                                          "did you mean 'side-plank-knee-drive'"]),
    "duplicate-inline-id.yaml": (11, 11, "my-stretch", ["'my-stretch'", "already used on line 5"]),
    "inline-id-clashes-library.yaml": (5, 11, "clamshell", ["'clamshell'",
                                                            "already a library exercise"]),
}


def validate_in_process(path: Path | str, *, cwd: Path) -> subprocess.CompletedProcess:
    """`hipcli validate PATH` through the real entry point, in this process (no interpreter
    start-up per case); the same exit code and the same two streams as the command."""
    return run_main("validate", str(path), cwd=cwd, env={"COLUMNS": "200"})


def refused(path: Path, text: str) -> list[str]:
    """Write `text` to `path` and validate it: it must be refused (exit 2, nothing on stdout);
    returns the lines of the error."""
    path.write_text(text)
    result = validate_in_process(path, cwd=path.parent)
    assert (result.returncode, result.stdout) == (2, "")
    return result.stderr.splitlines()


def run_validate(path: Path | str, *, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m hipcli validate PATH` with the test interpreter, as a user would run it."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "hipcli", "validate", str(path)],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=60)


def assert_one_located_line(result: subprocess.CompletedProcess, shown: str,
                            line: int, col: int | None, words: list[str]) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    prefix = f"{shown}:{line}:" + (f"{col}: " if col is not None else "")
    assert lines[0].startswith(prefix), lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def test_every_broken_file_has_a_case():
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(CASES)
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file(name):
    line, col, token, words = CASES[name]
    path = BROKEN / name
    result = validate_in_process(Path("tests") / "broken" / name, cwd=BROKEN.parents[1])
    assert_one_located_line(result, f"tests/broken/{name}", line, col, words)
    if token is not None:
        text = path.read_bytes().decode("utf-8").splitlines()
        assert text[line - 1][col - 1:].startswith(token), text[line - 1]


@pytest.mark.parametrize("name", ["yaml-bad-indent.yaml", "unknown-key-hodl.yaml"])
def test_broken_file_as_a_real_command(name):
    line, col, _, words = CASES[name]
    result = run_validate(Path("tests") / "broken" / name, cwd=BROKEN.parents[1])
    assert_one_located_line(result, f"tests/broken/{name}", line, col, words)


def test_non_utf8_bytes_written_here(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: latin1\nblocks:\n  - exercise: clamshell\n    note: caf\xe9\n")
    result = run_validate(path, cwd=tmp_path)
    assert_one_located_line(result, str(path), 4, 14, ["0xe9", "not UTF-8"])


def test_a_directory(tmp_path):
    folder = tmp_path / "routine.yaml"
    folder.mkdir()
    result = validate_in_process(folder, cwd=tmp_path)
    assert_one_located_line(result, str(folder), 1, 1, ["directory"])


def test_a_file_over_one_megabyte(tmp_path):
    path = tmp_path / "huge.yaml"
    filler = "# " + "x" * 98 + "\n"
    path.write_text("name: huge\nblocks:\n  - exercise: clamshell\n" + filler * 10_500)
    assert path.stat().st_size > 1_000_000
    result = validate_in_process(path, cwd=tmp_path)
    assert_one_located_line(result, str(path), 1, 1, ["bytes", "at most 1 MiB"])


def test_a_missing_file(tmp_path):
    result = validate_in_process(tmp_path / "nowhere.yaml", cwd=tmp_path)
    assert_one_located_line(result, str(tmp_path / "nowhere.yaml"), 1, 1, ["no such file"])


def test_a_valid_routine_passes(tmp_path):
    path = tmp_path / "fine.yaml"
    path.write_text("# A fine routine.\nname: fine\nblocks:\n  - exercise: clamshell\n"
                    "    reps: 10\n")
    result = validate_in_process(path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"{path}: ok (")


def test_each_file_is_reported_and_the_exit_code_says_any_failed(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("name: good\nblocks:\n  - rest: 30s\n")
    bad = BROKEN / "unknown-key-hodl.yaml"
    result = run_main("validate", str(good), str(bad))
    assert result.returncode == 2
    assert result.stdout.splitlines() == [f"{good}: ok (0 exercise steps, 30 s)"]
    assert result.stderr.splitlines() == [
        f"{bad}:5:5: unknown key 'hodl' (did you mean 'hold'?)"]


EXERCISE = "  - exercise:\n      id: my-reach\n      name: My reach\n      kind: stretch\n" \
           "      position: seated\n"
EXACT = {
    # a list too short, a list too long, a text too short, a text too long
    "name: t\nblocks: []\n": "2:9: 'blocks' needs at least 1 item, got 0",
    "name: t\nblocks:\n  - pair: {stretch: figure-four-stretch, strengthen: clamshell}\n"
    "    sides: [left, right, left]\n": "4:12: 'sides' needs at most 2 items, got 3",
    "name: t\nblocks:\n" + EXERCISE.replace("My reach", '""') + "      dose: {hold: 30s}\n":
        "5:13: 'name' needs at least 1 character",
    "name: t\nblocks:\n" + EXERCISE + "      short: Twenty-nine characters long!!\n"
    "      dose: {hold: 30s}\n": "8:14: 'short' needs at most 28 characters",
    # the union's own message, begun in lower case like every other
    "name: t\nblocks:\n  - sets: 3\n": "3:5: a block must have one of pair, exercise, "
                                       "circuit or rest",
    # a key of the format in the wrong place is not a misspelling
    "name: t\nblocks:\n  - exercise: clamshell\n    note: later\n":
        "4:5: key 'note' does not belong here (expected one of: hold, reps, sets, tempo, "
        "phases, rest, exercise, sides, affected, unaffected)",
    # a key far from every known one gets no guess, only the keys an exercise block takes
    "name: t\nblocks:\n  - exercise: clamshell\n    sets: 2\n    zzqx: 1\n":
        "5:5: unknown key 'zzqx' (expected one of: hold, reps, sets, tempo, phases, rest, "
        "exercise, sides, affected, unaffected)",
    # an exercise takes 15 keys, more than the 12 worth listing: a far-off key gets no list;
    # the key sits on line 8, column 7 (six spaces in)
    "name: t\nblocks:\n" + EXERCISE + "      zzqx: 1\n      steps: [a]\n      dose: {hold: 30s}\n":
        "8:7: unknown key 'zzqx'",
    # a key of the format one letter from a key allowed here is a misspelling, not out of place:
    # "steps" (an exercise's) is "sets" with a "t" more
    "name: t\nblocks:\n  - exercise: clamshell\n    steps: 2\n":
        "4:5: unknown key 'steps' (did you mean 'sets'?)",
    # what was found instead, in words: an empty value sits just after "blocks:" (7 characters)
    "name: t\nblocks:\n": "2:8: expected a list, got nothing",
    "name: t\ntitle: true\nblocks:\n  - rest: 30s\n": "2:8: expected text, got true",
    "name: t\ntitle: {a: 1}\nblocks:\n  - rest: 30s\n": "2:8: expected text, got a mapping",
    # a text is quoted up to 39 characters, and named only from 40 on; the value starts at
    # column 6 + len("dose: ") 6 + len("{hold: 30s, ") 12 + len("per_side: ") 10 + 1 = 35
    "name: t\nblocks:\n" + EXERCISE + "      steps: [a]\n"
    "      dose: {hold: 30s, per_side: " + "a" * 39 + "}\n":
        "9:35: expected true or false, got the text '" + "a" * 39 + "'",
    "name: t\nblocks:\n" + EXERCISE + "      steps: [a]\n"
    "      dose: {hold: 30s, per_side: " + "a" * 40 + "}\n":
        "9:35: expected true or false, got a long text",
    # "id" doubles as a tag of the block union, so the location stops at the key above it
    "name: t\nblocks:\n  - exercise:\n      name: My reach\n      kind: stretch\n"
    "      position: seated\n      steps: [a]\n      dose: {hold: 30s}\n":
        "3:5: missing key 'id' under 'exercise' (it is required)",
    # the value starts after "      id: " (10 characters)
    "name: t\nblocks:\n  - exercise:\n      id: My_Stretch\n      name: My stretch\n"
    "      kind: stretch\n      position: seated\n      steps: [a]\n      dose: {hold: 30s}\n":
        "4:11: 'My_Stretch' is not a valid id (expected lowercase words joined by dashes, "
        "e.g. my-stretch)",
    # a dose with neither hold nor reps: located at its key "dose", 6 spaces in (column 7)
    "name: t\nblocks:\n" + EXERCISE + "      steps: [a]\n      dose: {sets: 2}\n":
        "9:7: a dose needs hold or reps (expected one of them)",
}


@pytest.mark.parametrize("text", list(EXACT))
def test_exact_messages(tmp_path, text):
    path = tmp_path / "r.yaml"
    assert refused(path, text) == [f"{path}:{EXACT[text]}"]


def test_keys_in_a_circuit_block_are_weighed_against_the_circuit_not_a_pair(tmp_path):
    # "sides" is a key of a pair block too, but the block is a circuit (its tag, "circuit",
    # is there): "rset" is checked against a circuit's keys, and "sides" has no place here
    path = tmp_path / "r.yaml"
    assert refused(path, "name: t\nblocks:\n  - circuit:\n      rounds: 2\n      rset: 1\n"
                         "      blocks:\n        - exercise: clamshell\n    sides: both\n") == [
        f"{path}:5:7: unknown key 'rset' (did you mean 'rest'?)",
        f"{path}:8:5: key 'sides' does not belong here (expected one of: circuit)"]

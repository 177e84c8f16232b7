"""Whatever bytes a routine file holds, loading it succeeds or raises `RoutineError`, nothing else.

Three sources of input: random bytes, random text built from YAML's own punctuation and the
format's words, and random edits (to the text and to the parsed data) of the built-in routines.
A file that loads must also compile into a timeline, as `hipcli validate` and `show` do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcli.checkfile import check_file
from hipcli.errors import RoutineError
from hipcli.library import load_library
from hipcli.routine import routine_from_source
from hipcli.timeline import compile_timeline
from hipcli.yamlsource import read_source

from tests.examples import examples

ROUTINES = Path(__file__).resolve().parents[1] / "routines"
VALID = sorted(p.read_text(encoding="utf-8") for p in ROUTINES.glob("*.yaml")
               if p.stem != "exercises")
LIBRARY = load_library()
FUZZ = settings(max_examples=examples(300), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TOKENS = [
    ":", ": ", "- ", "-", " ", "  ", "\n", "\n  ", "\n    - ", "\t", "[", "]", "{", "}", ",",
    "'", '"', "#", "|", ">", "? ", "&a ", "*a", "&b ", "*b", "!!str ", "!!int ", "!!map ",
    "!!python/object/apply:os.system ", "!custom ", "---\n", "...\n", "%YAML 1.1\n", "<<: *a",
    "name", "title", "blocks", "exercise", "pair", "stretch", "strengthen", "circuit", "rounds",
    "rest", "hold", "reps", "sets", "tempo", "phases", "seconds", "sides", "affected", "id",
    "kind", "position", "dose", "per_side", "note", "prepare", "switch", "left", "right",
    "both", "each", "clamshell", "figure-four-stretch", "ninety-ninety-er-stretch",
    "active-ninety-ninety-er", "30s", "30-60s", "60-30s", "1:30", "5-10", "0", "-5", "1e9",
    "99h", ".inf", "null", "~", "true", "no", "2024-01-01", "0x1F", "\u00e9", "\ufeff", "\x00",
]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "routine.yaml"




def load_or_refuse(path: Path, data: bytes) -> None:
    """Load `data` as a routine: a `RoutineError`, or a routine that compiles."""
    path.write_bytes(data)
    try:
        routine = routine_from_source(read_source(path), LIBRARY)
    except RoutineError as exc:
        assert exc.line >= 1 and exc.col >= 1
        lines = str(exc).split("\n")
        located = lines[:20]  # up to 20 problems, each on one line at its place
        assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: \S", line) for line in located)
        assert lines[20:] in ([], [f"{path}: {len(getattr(exc, 'errors', [])) - 20} more problems "
                                   "not shown (fix these first)"])
        return
    compile_timeline(routine, LIBRARY)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes(scratch, data):
    load_or_refuse(scratch, data)


@FUZZ
@given(parts=st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=80))
def test_random_yaml_like_text(scratch, parts):
    load_or_refuse(scratch, "".join(parts).encode("utf-8", "surrogatepass"))


@st.composite
def text_edits(draw) -> str:
    """A built-in routine with a few characters or lines deleted, inserted or moved."""
    text = draw(st.sampled_from(VALID))
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "swap-lines", "dup-line"]))
        if action == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 12)):]
        elif action == "insert":
            text = text[:where] + draw(st.sampled_from(TOKENS)) + text[where:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if action == "swap-lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(j, lines[i])
            text = "\n".join(lines)
    return text


@FUZZ
@given(text=text_edits())
def test_edited_builtin_text(scratch, text):
    load_or_refuse(scratch, text.encode("utf-8", "surrogatepass"))


SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
           | st.sampled_from(TOKENS) | st.text(max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(TOKENS) | st.text(max_size=6), inner,
                                        max_size=3), max_leaves=8)


def _paths(data, at=()):
    yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, at + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, at + (index,))


def _set(data, at, value):
    if not at:
        return value
    parent = data
    for part in at[:-1]:
        parent = parent[part]
    parent[at[-1]] = value
    return data


@st.composite
def data_edits(draw) -> str:
    """A built-in routine, parsed, with values replaced, keys dropped or keys added."""
    data = yaml.safe_load(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.sampled_from(list(_paths(data))))
        action = draw(st.sampled_from(["replace", "drop", "add-key"]))
        target = data
        for part in at:
            target = target[part]
        if action == "replace":
            data = _set(data, at, draw(VALUES))
        elif action == "drop" and at:
            parent = data
            for part in at[:-1]:
                parent = parent[part]
            del parent[at[-1]]
        elif action == "add-key" and isinstance(target, dict):
            target[draw(st.sampled_from(TOKENS))] = draw(VALUES)
    return yaml.safe_dump(data, allow_unicode=True)


@FUZZ
@given(text=data_edits())
def test_edited_builtin_data(scratch, text):
    load_or_refuse(scratch, text.encode("utf-8", "surrogatepass"))


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_edits())
def test_check_file_refuses_cleanly(scratch, text):
    """The `validate` path (which also reads exercise libraries) raises only `RoutineError`."""
    scratch.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        check_file(scratch)
    except RoutineError:
        pass


TITLE_CHARS = st.sampled_from(list("ab Z9:#-'\"[]{}&*!|>%@`,?~.\t") + ["\u00e9", ": ", " #"])


@settings(max_examples=examples(500), deadline=None)
@given(title=st.lists(TITLE_CHARS, min_size=1, max_size=12).map("".join),
       after=st.sampled_from(["", "\n", "\n  more", "\n\n  more", "\n# note", "\n  # note"]))
def test_listing_reads_a_title_as_yaml_does(scratch, title, after):
    """`hipcli routines` reads titles without YAML where it can; it must agree with YAML."""
    from hipcli.catalog import read_title
    text = f"title: {title}{after}\nname: some-name\n"
    scratch.write_text(text, encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    if isinstance(data, dict):
        expected = str(data.get("title") or data.get("name") or scratch.stem)
        assert read_title(scratch) == expected

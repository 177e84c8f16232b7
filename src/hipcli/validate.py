"""Turn parsed YAML into a typed model, translating the first problem into one located message."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from hipcli.errors import RoutineError
from hipcli.yamlsource import Source

M = TypeVar("M", bound=BaseModel)

KNOWN_KEYS = sorted({
    "name", "title", "description", "prepare", "switch", "blocks", "pair", "stretch",
    "strengthen", "sides", "sets", "rest", "exercise", "circuit", "rounds", "note", "hold",
    "reps", "tempo", "phases", "seconds", "affected", "id", "short", "kind", "position",
    "equipment", "muscles", "steps", "cues", "dose", "per_side", "safety", "source", "exercises",
})
_TYPE_NAMES = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "bool_type": "true or false", "bool_parsing": "true or false",
    "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
    "model_attributes_type": "a mapping", "float_type": "a number", "float_parsing": "a number",
}


def build_model(source: Source, model: type[M]) -> M:
    """Validate `source.data` as `model`, or raise `RoutineError` for its first problem."""
    if not isinstance(source.data, dict):
        raise source.error((), f"expected a mapping of keys at the top, got {_kind(source.data)}")
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        raise translate(source, exc.errors()[0]) from None


def translate(source: Source, error: dict[str, Any]) -> RoutineError:
    """One pydantic error as a `RoutineError` at the line and column it concerns."""
    location = data_path(source.data, error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        return source.error(location, f"unknown key {key!r}{_suggest(key)}", key=True)
    if kind == "missing":
        key = str(error["loc"][-1])
        return source.error(location[:-1] if location and location[-1] == key else location,
                            f"missing key {key!r} (it is required here)")
    if kind in _TYPE_NAMES:
        return source.error(location, f"expected {_TYPE_NAMES[kind]}, got {_kind(value)}")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return source.error(location, f"{value!r} is not allowed (expected one of {expected})")
    if kind == "string_pattern_mismatch":
        return source.error(location, f"{value!r} is not a valid id "
                            "(expected lowercase words joined by dashes, e.g. my-stretch)")
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return source.error(location, _lower_first(error["msg"]))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return source.error(location, f"{_lower_first(error['msg'])}, got {value!r}")
    if kind == "value_error":
        return source.error(location, str(error.get("ctx", {}).get("error", error["msg"])))
    return source.error(location, _lower_first(error["msg"]))


def data_path(data: Any, loc: tuple) -> tuple:
    """The part of a pydantic location that names real keys and indexes in `data`."""
    path: list = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and part not in _TAGS:
            path.append(part)
            break
        else:
            continue
        path.append(part)
    return tuple(path)


_TAGS = {"id", "inline", "pair", "circuit", "exercise", "rest"}


def _suggest(key: str) -> str:
    close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else " (check the spelling)"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 40 else "a long text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]

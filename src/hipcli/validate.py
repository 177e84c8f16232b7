"""Turn parsed YAML into a typed model, translating each problem into one located message."""

from __future__ import annotations

from typing import Any, Optional, TypeVar

from pydantic import ValidationError

from hipcli.errors import RoutineError, raise_all
from hipcli.modeltypes import adapter
from hipcli.suggest import closest
from hipcli.yamlsource import Source

M = TypeVar("M")

_TYPE_NAMES = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "bool_type": "true or false", "bool_parsing": "true or false",
    "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
    "model_attributes_type": "a mapping", "dataclass_type": "a mapping",
    "dataclass_args_type": "a mapping", "float_type": "a number", "float_parsing": "a number",
}


def build_model(source: Source, model: type[M]) -> M:
    """Validate `source.data` as `model`, or raise its problems, each located (`RoutineErrors`
    when there are several)."""
    if not isinstance(source.data, dict):
        raise source.error((), f"expected a mapping of keys at the top, got {_kind(source.data)}")
    try:
        return adapter(model).validate_python(source.data)
    except ValidationError as exc:
        found = relevant_errors(_plain_kinds([dict(e) for e in exc.errors()]))
        schema = adapter(model).json_schema()
        raise_all([translate(source, error, schema) for error in found])
        raise  # not reached: pydantic reports at least one error


def validated(model: type[M], data: Any) -> M:
    """`data` (already plain Python) validated as `model`; pydantic's error if it is not."""
    return adapter(model).validate_python(data)


# Dataclasses report keys in their own words; these are the same problems as for a mapping.
_KIND_ALIASES = {"unexpected_keyword_argument": "extra_forbidden",
                 "missing_keyword_only_argument": "missing", "missing_argument": "missing"}


def _plain_kinds(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**error, "type": _KIND_ALIASES.get(error["type"], error["type"])}
            for error in errors]


def relevant_errors(errors: list[Any]) -> list[dict[str, Any]]:
    """The errors worth reporting: a key reported missing is left out when a misspelt key
    beside it stands for it."""
    misspelt = {tuple(e["loc"][:-1]) for e in errors if e["type"] == "extra_forbidden"}
    return [e for e in errors
            if not (e["type"] == "missing" and tuple(e["loc"][:-1]) in misspelt)]


def translate(source: Source, error: dict[str, Any],
              schema: Optional[dict[str, Any]] = None) -> RoutineError:
    """One pydantic error as a `RoutineError` at the line and column it concerns; `schema`
    (the model's JSON Schema) tells which keys a misspelt one could have meant."""
    location = data_path(source.data, error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        allowed = allowed_keys(schema, source.data, location[:-1]) if schema else []
        if key in _format_keys(schema) and not closest(key, allowed):
            # a real key of the format, in the wrong place: not a misspelling
            return source.error(location, f"key {key!r} does not belong here"
                                f"{_suggest(key, allowed)}", key=True)
        return source.error(location, f"unknown key {key!r}{_suggest(key, allowed)}", key=True)
    if kind == "missing":
        key = str(error["loc"][-1])
        parent = location[:-1] if location and location[-1] == key else location
        under = f" under {parent[-1]!r}" if parent and isinstance(parent[-1], str) else ""
        return source.error(parent, f"missing key {key!r}{under} (it is required)", key=True)
    if kind in _TYPE_NAMES:
        return source.error(location, f"expected {_TYPE_NAMES[kind]}, got {_kind(value)}")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return source.error(location, f"{value!r} is not allowed (expected one of {expected})")
    if kind == "string_pattern_mismatch":
        what = "name" if location[-1:] == ("name",) else "id"
        return source.error(location, f"{value!r} is not a valid {what} "
                            "(expected lowercase words joined by dashes, e.g. my-stretch)")
    if kind in _SIZE_LIMITS:
        return source.error(location, _size_message(kind, error.get("ctx", {}), _field(location)))
    if kind in _BOUNDS:
        limit = next(iter(error.get("ctx", {}).values()), "")
        return source.error(location, f"{_field(location)} must be {_BOUNDS[kind]} {limit}, "
                            f"got {value!r}")
    if kind == "exercise_ref":
        return source.error(location, f"{error['msg']}, got {_kind(value)}")
    if kind == "dose_conflict":
        key = error.get("ctx", {}).get("key")
        if key and location + (key,) in source.keys:
            return source.error(location + (key,), error["msg"], key=True)
        return source.error(location, error["msg"], key=True)
    if kind == "value_error":
        return source.error(location, str(error.get("ctx", {}).get("error", error["msg"])))
    return source.error(location, _lower_first(error["msg"]))


def data_path(data: Any, loc: tuple) -> tuple:
    """The part of a pydantic location that names real keys and indexes in `data`.

    A tagged union adds its tag to the location ("exercise", "pair", ...). A tag is skipped
    when the part after it is a key of the same mapping, so a tag that is also a key name
    ("exercise: clamshell") is not mistaken for that key.
    """
    path: list = []
    current = data
    for index, part in enumerate(loc):
        following = loc[index + 1] if index + 1 < len(loc) else None
        if isinstance(current, dict) and part in _TAGS and following in current:
            continue
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
_BOUNDS = {"greater_than_equal": "at least", "less_than_equal": "at most",
           "greater_than": "more than", "less_than": "less than"}
_SIZE_LIMITS = {"too_short", "too_long", "string_too_short", "string_too_long"}


def _field(location: tuple) -> str:
    """What a location names, for messages: "'rounds'", or "item 2 of 'steps'"."""
    named = [part for part in location if isinstance(part, str)]
    name = repr(named[-1]) if named else "this value"
    if location and isinstance(location[-1], int):
        return f"item {location[-1] + 1} of {name}"
    return name


def _size_message(kind: str, ctx: dict[str, Any], field: str) -> str:
    text = kind.startswith("string")
    unit = "character" if text else "item"
    if kind.endswith("too_short"):
        limit, word = ctx.get("min_length", 1), "at least"
    else:
        limit, word = ctx.get("max_length", 0), "at most"
    got = f", got {ctx['actual_length']}" if "actual_length" in ctx else ""
    plural = "" if limit == 1 else "s"
    return f"{field} needs {word} {limit} {unit}{plural}{got}"


def _suggest(key: str, allowed: list[str]) -> str:
    """The closest allowed key, or the allowed keys when none is close and they are few."""
    close = closest(key, allowed)
    if close:
        return f" (did you mean {close!r}?)"
    if allowed and len(allowed) <= 12:
        return f" (expected one of: {', '.join(allowed)})"
    return ""


def _format_keys(schema: Optional[dict[str, Any]]) -> set[str]:
    """Every key the format has anywhere (from the JSON Schema)."""
    if not schema:
        return set()
    nodes = [schema, *schema.get("$defs", {}).values()]
    return {key for node in nodes for key in node.get("properties", {})}


def allowed_keys(schema: dict[str, Any], data: Any, location: tuple) -> list[str]:
    """The keys the JSON Schema allows in the mapping at `location` of `data`."""
    node = _branch(schema, schema, data)
    for part in location:
        data = data[part]
        if isinstance(part, int):
            node = _branch(schema, node.get("items", {}), data)
        else:
            node = _branch(schema, node.get("properties", {}).get(part, {}), data)
    return list(node.get("properties", {}))


def _branch(root: dict[str, Any], node: dict[str, Any], data: Any) -> dict[str, Any]:
    """`node` with references followed and, of alternatives, the list one for a list, or for
    a mapping the first whose required keys `data` has (the member a block's tag picks), else
    the one sharing most keys with `data`."""
    while True:
        if "$ref" in node:
            node = root.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[-1], {})
            continue
        options = node.get("anyOf") or node.get("oneOf")
        if not options:
            return node
        branches = [_branch(root, option, data) for option in options]
        if isinstance(data, list):
            return next((b for b in branches if "items" in b), node)
        mappings = [b for b in branches if "properties" in b]
        if not mappings:
            return node
        keys = set(data) if isinstance(data, dict) else set()
        tagged = [m for m in mappings if set(m.get("required", ())) <= keys]
        return tagged[0] if tagged else max(mappings,
                                            key=lambda m: len(keys & set(m["properties"])))


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

"""Read a YAML file safely into plain data, remembering the line and column of every value.

Only plain YAML is accepted: mappings, sequences and scalars. Tags that would build objects,
duplicate keys, oversized files, non-UTF-8 bytes and alias bombs all become a `RoutineError`
located to the offending line.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any, Optional, cast

import yaml

from hipcli.errors import RoutineError
from hipcli.files import MAX_FILE_BYTES, read_capped
from hipcli.records import record
from hipcli.text import describe_control, first_control

MAX_NODES = 100_000
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[Any, ...]


@record(frozen=False)
class Source:
    """Parsed data plus where each value and each mapping key stood in the file."""

    path: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, location: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `location`, or of the nearest parent."""
        table = self.keys if key else self.values
        loc = tuple(location)
        while loc:
            if loc in table:
                return table[loc]
            if key and loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def error(self, location: Path_, detail: str, *, key: bool = False) -> RoutineError:
        line, col = self.where(location, key=key)
        return RoutineError(self.path, line, col, detail)


def read_source(path: Path, *, display: str | None = None) -> Source:
    """Load `path` into a `Source`, or raise `RoutineError` saying what is wrong and where."""
    shown = display or str(path)
    text = _read_text(path, shown)
    if not text.strip():
        raise RoutineError(shown, 1, 1, "the file is empty (expected a YAML mapping)")
    return parse_source(text, shown)


def parse_source(text: str, shown: str) -> Source:
    """Parse YAML text (already read) into a `Source`."""
    try:
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, shown) from None
    except yaml.reader.ReaderError as exc:
        raise _character_error(exc, text, shown) from None
    except yaml.YAMLError as exc:
        raise RoutineError(shown, 1, 1, "YAML syntax error: " + " ".join(str(exc).split())) from None
    if node is None:
        raise RoutineError(shown, 1, 1, "the file holds only comments (expected a YAML mapping)")
    source = Source(shown, None)
    builder = _Builder(source, text)
    source.data = builder.build(node, ())
    return source


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, shown: str) -> RoutineError:
    """A YAML syntax error at its cause, with a hint for the usual slips."""
    problem = exc.problem or exc.context or "invalid YAML"
    mark: Any = exc.problem_mark or exc.context_mark
    if (exc.context or "").startswith("while scanning a quoted scalar") and exc.context_mark:
        mark, problem = exc.context_mark, "this quote is never closed (expected a closing quote)"
    elif mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        problem = "a tab character (indent with spaces, not tabs)"
    elif problem.startswith("could not find expected ':'") and exc.context_mark:
        mark = exc.context_mark  # the scanner notices only on a later line
        problem = _missing_colon(text, mark.line)
    elif problem.startswith("mapping values are not allowed"):
        lacking = _line_lacking_colon(text, mark.line) if mark is not None else None
        if lacking is not None:
            mark, problem = lacking
        else:
            problem = ("unexpected ':' (check this line's indentation, "
                       "or put text containing ': ' in quotes)")
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return RoutineError(shown, line, col, f"YAML syntax error: {problem}")


def _missing_colon(text: str, line: int) -> str:
    words = _code_of(text, line).lstrip(" -").split()
    key = f" after {words[0]!r}" if words else ""
    return f"missing ':'{key} (expected key: value)"


def _line_lacking_colon(text: str, line: int) -> Optional[tuple[Any, str]]:
    """When a ':' is refused on `line` because the line before it lacks one ("exercise
    clamshell" above "reps: 5"), that line and a message for it."""
    before = line - 1
    while before >= 0 and not _code_of(text, before).strip():
        before -= 1
    code = _code_of(text, before) if before >= 0 else ""
    if not code.strip() or ":" in code or code.lstrip().startswith(("'", '"', "[", "{")):
        return None
    column = len(code) - len(code.lstrip(" -"))
    return _Mark(before, column), _missing_colon(text, before)


@record
class _Mark:
    line: int
    column: int


def _code_of(text: str, line: int) -> str:
    """A line without its comment."""
    lines = text.splitlines()
    return lines[line].split(" #", 1)[0] if 0 <= line < len(lines) else ""


def _character_error(exc: yaml.reader.ReaderError, text: str, shown: str) -> RoutineError:
    """A character YAML does not allow (a control character, say), at its line and column."""
    code = exc.character if isinstance(exc.character, int) else None
    index = text.find(chr(code)) if code is not None else -1
    index = index if index >= 0 else max(0, min(int(exc.position or 0), len(text)))
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    what = f"character U+{code:04X}" if code is not None else "a character"
    return RoutineError(shown, line, col, f"{what} is not allowed (expected printable text)")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column:column + 1] if line < len(lines) else ""


def _read_text(path: Path, shown: str) -> str:
    raw = read_capped(path, shown)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RoutineError(shown, line, col, f"byte 0x{raw[exc.start]:02x} is not UTF-8 "
                           "(expected a UTF-8 text file)") from None


class _Builder:
    """Turns a composed node graph into plain data, refusing anything but plain YAML."""

    def __init__(self, source: Source, text: str):
        self.source = source
        self.text = text
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()
        self.built: set[int] = set()
        self.alias_depth = 0
        self.aliases_used = 0

    def build(self, node: yaml.Node, location: Path_) -> Any:
        """Plain data for `node`; a node met a second time is an alias being expanded."""
        reused = id(node) in self.built
        self.built.add(id(node))
        if reused and not self.alias_depth:
            self.aliases_used += 1
        self.alias_depth += reused
        try:
            return self._build(node, location)
        finally:
            self.alias_depth -= reused

    def _build(self, node: yaml.Node, location: Path_) -> Any:
        self.count += 1
        mark = node.start_mark
        if self.count > MAX_NODES:
            raise self._too_many(mark)
        self.source.values[location] = (mark.line + 1, mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise RoutineError(self.source.path, mark.line + 1, mark.column + 1,
                               f"tag {tag!r} is not allowed (expected plain YAML values)")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, location + (i,)) for i, item in enumerate(node.value)]
        value = self._scalar(cast(yaml.ScalarNode, node))
        return value.isoformat() if hasattr(value, "isoformat") else value

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """A scalar's value; an explicit tag on text that does not fit it (`!!int x`) is refused,
        and so is text holding a control character (written as an escape such as "\\e")."""
        try:
            value = self.scalars.construct_object(node)
        except (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError,
                yaml.YAMLError):
            mark = node.start_mark
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise RoutineError(self.source.path, mark.line + 1, mark.column + 1,
                               f"{node.value!r} is not a valid {tag} value "
                               "(remove the tag or fix the value)") from None
        if isinstance(value, str):
            self._check_text(value, node.start_mark)
        return value

    def _check_text(self, value: str, mark) -> None:
        index = first_control(value)
        if index is not None:
            raise RoutineError(self.source.path, mark.line + 1, mark.column + 1,
                               f"control character {describe_control(value[index])} in this "
                               f"text (character {index + 1}); expected printable text, "
                               "tabs and newlines only")

    def _too_many(self, mark) -> RoutineError:
        """Too many values: located at the alias being expanded, when there is one."""
        if not self.alias_depth:
            return RoutineError(self.source.path, mark.line + 1, mark.column + 1,
                                f"more than {MAX_NODES:,} values (expected a plain routine)")
        aliases = (event.start_mark for event in yaml.parse(self.text, Loader=_SAFE_LOADER)
                   if isinstance(event, yaml.AliasEvent))
        for _ in range(self.aliases_used):
            mark = next(aliases, mark)
        return RoutineError(self.source.path, mark.line + 1, mark.column + 1,
                            f"this alias expands to more than {MAX_NODES:,} values "
                            "(expected a plain routine, not nested aliases)")

    def _mapping(self, node: yaml.MappingNode, location: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise RoutineError(self.source.path, mark.line + 1, mark.column + 1,
                                   "a key must be a plain word (expected e.g. name:)")
            key = self._scalar(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise RoutineError(self.source.path, mark.line + 1, mark.column + 1,
                                   f"duplicate key {key!r} (each key may appear once)")
            self.source.keys[location + (key,)] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, location + (key,))
        return result

"""Find routines: the built-in ones and the user's own, where a user's file wins over a built-in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from hipcli.errors import NotFoundError
from hipcli.paths import builtin_dir, user_routines_dir

LIBRARY_STEM = "exercises"


class RoutineFile(NamedTuple):
    """A routine on disk: its name, its file, where it came from and what it hides. (A named
    tuple: the listings load no dataclass machinery.)"""

    name: str
    path: Path
    origin: str  # "built-in" or "user"
    overrides_builtin: bool = False


def _yaml_files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    return {p.stem: p for p in files if p.stem != LIBRARY_STEM and p.is_file()}


def list_routines() -> list[RoutineFile]:
    """Every routine by name, sorted; a user routine replaces the built-in of the same name."""
    builtins = _yaml_files(builtin_dir())
    users = _yaml_files(user_routines_dir())
    found = {name: RoutineFile(name, path, "built-in") for name, path in builtins.items()}
    for name, path in users.items():
        found[name] = RoutineFile(name, path, "user", overrides_builtin=name in builtins)
    return [found[name] for name in sorted(found)]


def find_routine(name_or_path: str) -> RoutineFile:
    """A routine by name, or a YAML file given by path."""
    if not name_or_path.strip():
        raise NotFoundError("a routine name cannot be empty (see `hipcli routines`)")
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or _exists(candidate):
        return RoutineFile(candidate.stem, candidate, "file")
    routines = {r.name: r for r in list_routines()}
    if name_or_path in routines:
        return routines[name_or_path]
    raise NotFoundError(f"no routine {_shown(name_or_path)}{_hint(name_or_path, list(routines))}")


def _exists(path: Path) -> bool:
    """Whether a path exists; a name too long (or otherwise impossible) for a path does not."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _shown(name: str, limit: int = 80) -> str:
    """A name as an error quotes it: in quotes, and cut short when very long."""
    return repr(name) if len(name) <= limit else f"{name[:limit]!r}... ({len(name):,} characters)"


def _hint(name: str, names: list[str]) -> str:
    """Every name the text begins (when a few do), else the closest one, else where to look."""
    starts = [n for n in names if n.startswith(name)] if name else []
    if 1 < len(starts) <= 4:
        return f" (did you mean {', '.join(map(repr, starts[:-1]))} or {starts[-1]!r}?)"
    import difflib  # only when a name is not found
    close = starts or difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else " (see `hipcli routines`)"


def builtin_names() -> set[str]:
    return set(_yaml_files(builtin_dir()))


def routine_names() -> list[str]:
    return [r.name for r in list_routines()]


def read_title(path: Path) -> str:
    """A routine's title without validating the whole file (fast, for listings)."""
    return read_heading(path)[0]


def read_heading(path: Path) -> tuple[str, str]:
    """A routine's title and how often it is meant to be done, without validating the file.

    A plain one-line `title:` or `frequency:` at the top level is read directly, without
    loading YAML; anything else (quotes, a missing title, a value over several lines) goes
    through YAML.
    """
    from hipcli.errors import RoutineError
    from hipcli.text import printable
    from hipcli.files import read_capped
    try:
        text = read_capped(path, str(path)).decode("utf-8")
    except (RoutineError, UnicodeDecodeError):
        return "(cannot be read: run `hipcli validate`)", ""
    title = _plain_value(text, "title")
    frequency = _plain_value(text, "frequency") if _has_key(text, "frequency") else ""
    if title is None or frequency is None:
        title, frequency = _yaml_heading(text, path)
    return printable(title), printable(frequency)


def _has_key(text: str, key: str) -> bool:
    return re.search(rf"^{key}:", text, flags=re.M) is not None


def _plain_value(text: str, key: str) -> str | None:
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not line.startswith((f"{key}: ", f"{key}:\t")):
            continue
        value = re.split(r"[ \t]#", line[len(key) + 1:], maxsplit=1)[0].strip(" \t")
        following = next((later for later in lines[index + 1:] if later.strip(" \t")), "")
        continued = following[:1] in (" ", "\t") and not following.lstrip(" \t").startswith("#")
        if value and not continued and _PLAIN_TEXT.match(value) and not _NOT_TEXT.match(value):
            return value
        return None
    return None


# A one-line title YAML reads as this very text: no quotes, flow, anchors, tags or ": ", and
# not something YAML would read as a number, a date, true/false or nothing.
_PLAIN_TEXT = re.compile(r"^[^-?:,\[\]{}#&*!|>'\"%@`\s](?:(?!: |:$)[^\t])*$")
_NOT_TEXT = re.compile(r"^(?:[-+.\d~].*|(?i:null|true|false|yes|no|on|off|y|n))$")


def _yaml_heading(text: str, path: Path) -> tuple[str, str]:
    import yaml
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return "(cannot be read: run `hipcli validate`)", ""
    if not isinstance(data, dict):
        return "(not a routine: run `hipcli validate`)", ""
    return str(data.get("title") or data.get("name") or path.stem), str(data.get("frequency") or "")

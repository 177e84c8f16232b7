"""Load a routine with the exercise library it draws on: the one way `start`, `show` and
`validate` read a routine file."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from hipcli.library import Library, library_from_source, load_library
from hipcli.model import ID_PATTERN, Routine
from hipcli.paths import library_file
from hipcli.records import record
from hipcli.routine import routine_from_source

if TYPE_CHECKING:
    from hipcli.programs import Program
    from hipcli.yamlsource import Source


@record
class LoadedRoutine:
    """A validated routine and the library its exercise ids refer to."""

    routine: Routine
    library: Library


def load(name_or_path: str) -> LoadedRoutine:
    """A routine by name (yours, else built-in) or by path, checked against the library."""
    from hipcli.catalog import find_routine
    return load_path(find_routine(name_or_path).path)


def load_path(path: Path) -> LoadedRoutine:
    """A routine file checked against the shipped library; it comes from the cache of
    validated files when neither file has changed since it was last validated."""
    from hipcli.shipcache import cached, entry_name
    library = load_library()

    def validate() -> Routine:
        from hipcli.yamlsource import read_source
        return routine_from_source(read_source(path), library)
    routine = cached(entry_name(path), [path, library_file()], validate)
    return _named_after(path, LoadedRoutine(routine, library))


def from_source(source: Source) -> LoadedRoutine:
    library = load_library()
    return LoadedRoutine(routine_from_source(source, library), library)


def load_any(path: Path) -> "LoadedRoutine | Library | Program":
    """A file the user names: an exercise library (it has `exercises:`), a program (it has
    `stages:`) or a routine."""
    from hipcli.programs import program_from_source
    from hipcli.yamlsource import read_source
    source = read_source(path)
    if isinstance(source.data, dict) and "exercises" in source.data:
        return library_from_source(source)
    if isinstance(source.data, dict) and "stages" in source.data:
        return program_from_source(source)
    return _named_after(path, from_source(source))


def _named_after(path: Path, loaded: LoadedRoutine) -> LoadedRoutine:
    """The file name wins over a different `name:` inside (when it is a valid name): a
    routine is started, shown, stored and found in the history by the one name."""
    name = path.stem if re.fullmatch(ID_PATTERN, path.stem) else loaded.routine.name
    if loaded.routine.name == name:
        return loaded
    return LoadedRoutine(replace(loaded.routine, name=name), loaded.library)

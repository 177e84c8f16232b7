"""Validated routines, programs and the shipped exercise library, kept in the cache folder.

The shipped files are validated by the tests, and a routine of the user's rarely changes;
parsing them with line and column positions and validating them with pydantic on every run
would cost more than the rest of a start, and pydantic alone more memory than the live view.
The first load keeps the validated objects (pickled) in the cache folder under a key of the
package version, the Python version and the very bytes of every file they were built from and
of the modules that define their classes. A later load uses an entry only when its key matches
the files as they are now, byte for byte, so an edited or upgraded file is validated afresh; a
missing, stale or damaged entry is rebuilt. (Comparing the bytes is exact, and cheaper than a
hash: loading hashlib's OpenSSL alone costs more than reading and comparing the files.) Only successes are kept: a file with an error is read with
positions every time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, TypeVar

from hipcli import __version__
from hipcli.errors import RoutineError
from hipcli.files import read_capped, replace_whole
from hipcli.paths import builtin_dir, validated_dir

try:  # the C unpickler alone: the pickle module around it costs more to import than a read
    from _pickle import UnpicklingError, loads
except ImportError:  # an interpreter without it
    from pickle import UnpicklingError, loads

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent
# The modules that define the cached classes, and those whose rules decide what is valid (a
# stricter check must not be skipped for a file that passed an older one).
CLASS_MODULES = [PACKAGE / name for name in ("model.py", "durations.py", "library.py",
                                              "programs.py", "modeltypes.py", "yamlsource.py",
                                              "text.py", "files.py")]
# What a damaged or foreign entry can raise while being read; any of them means "rebuild".
UNREADABLE = (OSError, EOFError, UnpicklingError, AttributeError, ImportError,
              IndexError, TypeError, ValueError)


def entry_name(path: Path) -> str:
    """The cache entry of a routine file: by name if shipped, else by where it is."""
    if is_shipped(path):
        return f"routine-{path.stem}"
    import hashlib
    where = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    return f"file-{where}"


def is_shipped(path: Path) -> bool:
    """Whether `path` is one of the files shipped inside the package."""
    try:
        return path.resolve().parent == builtin_dir().resolve()
    except OSError:
        return False


def cached(name: str, files: list[Path], build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when it was built from these very files."""
    try:
        key = cache_key(files)
    except (OSError, RoutineError):
        return build()  # an unreadable file (or a FIFO, a device): let the build report it
    entry = validated_dir() / f"{name}.pickle"
    try:
        stored_key, value = loads(entry.read_bytes())
        if stored_key == key:
            return value
    except UNREADABLE:
        pass
    value = build()
    _store(entry, (key, value))
    return value


def cache_key(files: list[Path]) -> tuple:
    """What an entry must have been built from: this version, and these very files and classes
    (an entry pickled from other classes would not load right), byte for byte."""
    contents = tuple(read_capped(path, str(path)) for path in [*files, *CLASS_MODULES])
    return __version__, sys.version_info[:2], contents


def _store(entry: Path, content: tuple) -> None:
    """Write the entry whole or not at all; a cache that cannot be written is no error."""
    import pickle
    try:
        replace_whole(entry, pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError):
        pass

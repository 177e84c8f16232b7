"""Where hipcli keeps things: built-in routines, the user's routines, data and cache folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "hipcli"
HISTORY_FILE = "history.sqlite3"
JOURNAL_FILE = "history-unsaved.jsonl"  # records a session could not write yet
# Linux's folders by the XDG rule: the variable when it holds an absolute path, else the default.
XDG = {"config": ("XDG_CONFIG_HOME", "~/.config"), "data": ("XDG_DATA_HOME", "~/.local/share"),
       "cache": ("XDG_CACHE_HOME", "~/.cache")}


def builtin_dir() -> Path:
    """The shipped routines folder: inside the installed package, or the source tree's."""
    packaged = Path(__file__).resolve().parent / "routines"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "routines"


def library_file() -> Path:
    return builtin_dir() / "exercises.yaml"


def user_routines_dir() -> Path:
    """The user's own routines; `HIPCLI_ROUTINES_DIR` overrides the platform's config folder."""
    override = os.environ.get("HIPCLI_ROUTINES_DIR")
    if override:
        return Path(override)
    return user_folder("config") / "routines"


def data_dir() -> Path:
    """Where the history database lives; `HIPCLI_DATA_DIR` overrides the platform's data folder."""
    override = os.environ.get("HIPCLI_DATA_DIR")
    if override:
        return Path(override)
    return user_folder("data")


def cache_dir() -> Path:
    """Rendered voice cues; `HIPCLI_CACHE_DIR` overrides the platform's cache folder."""
    override = os.environ.get("HIPCLI_CACHE_DIR")
    if override:
        return Path(override)
    return user_folder("cache")


def validated_dir() -> Path:
    """Where checked routines, programs and the library are kept, with what is worked out
    from them (shipcache.py, totals.py)."""
    return cache_dir() / "validated"


def user_folder(kind: str) -> Path:
    """hipcli's config, data or cache folder where this platform keeps them. On Linux the XDG
    rule, as platformdirs applies it, without loading platformdirs: it imports tempfile and
    random, about a tenth of what a start costs before its first line."""
    if sys.platform.startswith("linux"):
        variable, default = XDG[kind]
        base = os.environ.get(variable, "")
        return Path(base if os.path.isabs(base) else os.path.expanduser(default)) / APP
    import platformdirs
    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP))

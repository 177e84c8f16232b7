"""Where hipcli keeps things: built-in routines, the user's routines, data and cache folders."""

from __future__ import annotations

import os
from pathlib import Path

APP = "hipcli"


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
    from platformdirs import user_config_path
    return user_config_path(APP) / "routines"


def data_dir() -> Path:
    """Where the history database lives; `HIPCLI_DATA_DIR` overrides the platform's data folder."""
    override = os.environ.get("HIPCLI_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path
    return user_data_path(APP)


def cache_dir() -> Path:
    """Rendered voice cues; `HIPCLI_CACHE_DIR` overrides the platform's cache folder."""
    override = os.environ.get("HIPCLI_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path
    return user_cache_path(APP)

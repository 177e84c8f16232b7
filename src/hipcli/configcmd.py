"""`hipcli config show` and `hipcli config set`: what is in force, and changing the file.

Setting a key rewrites the file through tomlkit, which keeps the person's comments, blank
lines and key order; a file that is not there yet is created with a short header.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hipcli.config import (KEYS, BadValue, ConfigFile, Setting, load_toml, suggest_key,
                           config_path)
from hipcli.errors import HipcliError
from hipcli.files import read_capped, replace_whole

HEADER = "hipcli settings: `hipcli config show` lists the keys, `hipcli config set KEY VALUE` sets one."


def show_lines(settings: dict[str, Setting], config: ConfigFile) -> list[str]:
    """One line per key: name, value, where it came from; the file first."""
    state = "" if config.path.exists() else " (not created yet)"
    lines = [f"config file: {config.path}{state}"]
    width = max(len(name) for name in KEYS)
    values = {name: toml_text(setting.value) for name, setting in settings.items()}
    value_width = max(len(text) for text in values.values())
    for name, setting in settings.items():
        lines.append(f"{name:<{width}}  {values[name]:<{value_width}}  {setting.source}")
    return lines


def toml_text(value: Any) -> str:
    """A value as it would be written in the file; "(unset)" for none."""
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str) and value.isdigit():
        return value
    return f'"{value}"'


def set_value(name: str, raw: str, *, path: Path | None = None) -> tuple[Path, Any]:
    """Check `raw` for `name` and write it to the config file; returns the file and the value."""
    path = path or config_path()
    key = KEYS.get(name)
    if key is None:
        raise HipcliError(f"unknown key {name!r}{suggest_key(name)}")
    try:
        value = key.parse(raw)
    except BadValue as exc:
        raise HipcliError(f"{name}: {exc}") from None
    import tomlkit
    if path.exists():
        text = _read(path)
        load_toml(text, str(path))  # a syntax error is reported at its line, the file untouched
        document = tomlkit.parse(text)
    else:
        document = tomlkit.document()
        document.add(tomlkit.comment(HEADER))
    document[name] = _file_value(value)
    _write(path, tomlkit.dumps(document))
    return path, value


def _file_value(value: Any) -> Any:
    """The TOML value to write: sizes and whole seconds as integers."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _read(path: Path) -> str:
    from hipcli.errors import RoutineError
    try:
        return read_capped(path, str(path)).decode("utf-8")
    except RoutineError as exc:
        raise HipcliError(f"{path}: cannot be read ({exc.detail})") from None
    except UnicodeDecodeError as exc:
        raise HipcliError(f"{path}: cannot be read ({exc})") from None


def _write(path: Path, text: str) -> None:
    """Replace the file whole, so a crash never leaves half a config behind."""
    try:
        replace_whole(path, text.encode("utf-8"))
    except OSError as exc:
        raise HipcliError(f"{path}: cannot be written ({exc.strerror or exc})") from None

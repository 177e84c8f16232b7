"""Settings a person chooses once: `config.toml`, the environment, and which of them wins.

Every `start` option worth keeping has a key here. `resolve` is the one place that decides a
value: a flag on the command line, else its HIPCLI_* environment variable, else the config
file, else the built-in default; each value remembers where it came from. The file lives in
the platform's config folder (`HIPCLI_CONFIG_DIR` moves it) and is read with the standard
library's tomllib; a bad file is reported as FILE:LINE:COL, an unknown key with the closest
known one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from hipcli.choices import AUDIO_MODES, COLORS, LEVELS, SIDES
from hipcli.errors import HipcliError, RoutineError
from hipcli.records import record

FILE_NAME = "config.toml"
MAX_LEAD_SECONDS = 600
MAX_DIGIT_SCALE = 8


class ConfigError(RoutineError):
    """A config file that cannot be used, located to file, line and column."""


class BadValue(ValueError):
    """A value that does not fit its key; the message says what was expected."""


# -- what each key accepts ----------------------------------------------------------------------
def _choice(*options: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if isinstance(value, str) and value.strip().lower() in options:
            return value.strip().lower()
        raise BadValue(f"expected one of {', '.join(options)}, got {_shown(value)}")
    return parse


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    words = {"true": True, "yes": True, "on": True, "1": True,
             "false": False, "no": False, "off": False, "0": False}
    if isinstance(value, str) and value.strip().lower() in words:
        return words[value.strip().lower()]
    raise BadValue(f"expected true or false, got {_shown(value)}")


def _seconds(value: Any) -> float:
    """Seconds as a number or a duration such as "5s" or "1:30", from 0 to 10 minutes."""
    from hipcli.durations import parse_duration
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise BadValue(f"expected a number of seconds, got {_shown(value)}")
    try:
        seconds = parse_duration(value)  # NaN and infinities are refused there
    except ValueError:
        raise BadValue(f"expected a number of seconds such as 5 or \"5s\", got {_shown(value)}") \
            from None
    if not 0 <= seconds <= MAX_LEAD_SECONDS:
        raise BadValue(f"expected 0 to {MAX_LEAD_SECONDS} seconds, got {seconds:g}")
    return seconds


def _digits(value: Any) -> str:
    """"auto" (grow with the terminal) or a fixed size, 1 (5 rows high) to MAX_DIGIT_SCALE."""
    text = str(value).strip().lower() if not isinstance(value, bool) else ""
    if text == "auto" or (text.isdigit() and 1 <= int(text) <= MAX_DIGIT_SCALE
                          and not isinstance(value, float)):
        return text
    raise BadValue(f"expected auto or a size from 1 to {MAX_DIGIT_SCALE}, got {_shown(value)}")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


@record
class Key:
    """One setting: its name in the file, its environment variable, default and parser."""

    name: str
    parse: Callable[[Any], Any]
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "HIPCLI_" + self.name.upper()


KEYS: dict[str, Key] = {key.name: key for key in (
    Key("audio", _choice(*AUDIO_MODES), "auto", "how cues sound: " + ", ".join(AUDIO_MODES)),
    Key("voice", _boolean, False, "also speak each step (true or false)"),
    Key("affected", _choice(*SIDES), None, "the side that gets the extra dose: left or right"),
    Key("level", _choice(*LEVELS), None,
        "easy, normal or hard; unset, doses follow your progress"),
    Key("prepare", _seconds, None, "get-ready seconds before each exercise (unset: the routine's)"),
    Key("switch", _seconds, None, "seconds to change sides (unset: the routine's)"),
    Key("digits", _digits, "auto", "countdown digit size: auto or 1 (5 rows) to 8"),
    Key("color", _choice(*COLORS), "auto", "colour on screen: auto, always or never"),
)}


# -- where the file is, and reading it ----------------------------------------------------------
def config_dir() -> Path:
    """The config folder; `HIPCLI_CONFIG_DIR` overrides the platform's."""
    override = os.environ.get("HIPCLI_CONFIG_DIR")
    if override:
        return Path(override)
    from hipcli.paths import user_folder
    return user_folder("config")


def config_path() -> Path:
    return config_dir() / FILE_NAME


@record
class ConfigFile:
    """The keys a config file sets, already checked, with the file they came from."""

    path: Path
    values: Mapping[str, Any]


def read_config(path: Optional[Path] = None) -> ConfigFile:
    """The config file's values; no file means no values. Any problem is a ConfigError."""
    from hipcli.files import read_capped
    path = path or config_path()
    if not os.path.lexists(path):
        return ConfigFile(path, {})
    try:  # a regular file of at most 1 MiB: a FIFO or a device is refused, not read for ever
        text = read_capped(path, str(path)).decode("utf-8")
    except RoutineError as exc:
        raise ConfigError(str(path), 1, 1, exc.detail) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), 1, 1, f"cannot be read ({_reason(exc)})") from None
    return ConfigFile(path, parse_config(text, str(path)))


def parse_config(text: str, shown: str) -> dict[str, Any]:
    """Check TOML text key by key; errors are located at the key or value at fault."""
    data = load_toml(text, shown)
    values = {}
    for name, raw in data.items():
        key = KEYS.get(name)
        if key is None:
            line, col = key_position(text, name)
            if isinstance(raw, dict):
                raise ConfigError(shown, line, col, f"settings are keys at the top of the file, "
                                                    f"not in a [{name}] table")
            raise ConfigError(shown, line, col, f"unknown key {name!r}{suggest_key(name)}")
        try:
            values[name] = key.parse(raw)
        except BadValue as exc:
            line, col = value_position(text, name)
            raise ConfigError(shown, line, col, f"{name}: {exc}") from None
    return values


def load_toml(text: str, shown: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef, import-not-found]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line, col = (int(where.group(1)), int(where.group(2))) if where else (1, 1)
        detail = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        if "end of document" in message:
            line, col = text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1
        repeated = _repeated_key(text, line) if detail.startswith("Cannot overwrite") else None
        if repeated:
            col, detail = repeated[0], f"{repeated[1]!r} is set twice"
        raise ConfigError(shown, line, col, f"TOML syntax error: {_lower_first(detail)}") \
            from None


def _repeated_key(text: str, line: int):
    """(column, key) of the key set on `line`, which tomllib found set before."""
    lines = text.splitlines()
    match = re.match(r"^(\s*)([A-Za-z0-9_-]+)\s*=", lines[line - 1]) if line <= len(lines) else None
    return (len(match.group(1)) + 1, match.group(2)) if match else None


def key_position(text: str, name: str) -> tuple[int, int]:
    """Line and column where `name` is set at the top level (1, 1 if it cannot be found)."""
    for number, line in enumerate(text.splitlines(), 1):
        match = _assignment(name).match(line)
        if match:
            return number, match.start("key" if match.group("key") else "table") + 1
    return 1, 1


def value_position(text: str, name: str) -> tuple[int, int]:
    """Line and column of the value given to `name`."""
    for number, line in enumerate(text.splitlines(), 1):
        match = _assignment(name).match(line)
        if match:
            return number, match.end() + 1
    return key_position(text, name)


def _assignment(name: str) -> re.Pattern:
    """`name = ` at the start of a line (bare or quoted), or a `[name]` table header."""
    quoted = re.escape(name)
    return re.compile(rf"^\s*(?:(?P<key>{quoted}|\"{quoted}\"|'{quoted}')\s*=\s*"
                      rf"|\[+\s*(?P<table>{quoted})\s*\]+)")


def suggest_key(name: str) -> str:
    import difflib  # only when a name is not found
    close = difflib.get_close_matches(name, list(KEYS), n=1, cutoff=0.6)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f" (known keys: {', '.join(KEYS)})"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


# -- precedence ---------------------------------------------------------------------------------
@record
class Setting:
    """A value and where it came from: "flag", "environment (HIPCLI_...)", "config file" or
    "default"."""

    value: Any
    source: str


def resolve(flags: Mapping[str, Any], *, env: Mapping[str, str],
            config: ConfigFile) -> dict[str, Setting]:
    """Every key's value: flag, else environment, else config file, else default.

    A flag counts when it was given (not None); an environment variable when it is set and not
    empty. A flag or environment value that does not fit its key is a HipcliError naming it.
    """
    settings = {}
    for name, key in KEYS.items():
        flag = flags.get(name)
        if flag is not None:
            settings[name] = Setting(_checked(key, flag, f"--{name} {flag!r}"), "flag")
        elif env.get(key.env, "").strip():
            settings[name] = Setting(_checked(key, env[key.env], f"{key.env}={env[key.env]!r}"),
                                     f"environment ({key.env})")
        elif name in config.values:
            settings[name] = Setting(config.values[name], "config file")
        else:
            settings[name] = Setting(key.default, "default")
    return settings


def _checked(key: Key, raw: Any, shown: str) -> Any:
    """`raw` parsed for `key`, or a one-line HipcliError that starts with `shown`."""
    try:
        return key.parse(raw)
    except BadValue as exc:
        raise HipcliError(f"{shown}: {exc}") from None


def current(flags: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
    """The value of every key for this process: its flags, its environment, its config file."""
    return {name: setting.value for name, setting in
            resolve(flags or {}, env=os.environ, config=read_config()).items()}


def digit_scale(value: str) -> Optional[int]:
    """The live view's digit size from a `digits` value: None grows them with the terminal."""
    return None if value == "auto" else int(value)

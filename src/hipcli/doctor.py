"""`hipcli doctor`: one screen on what hipcli would use here and whether each works: the
sound player and device, the voice, the terminal, and the folders it reads and writes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator, Optional
from hipcli.records import record

OK, MISSING, FAILED = "ok", "--", "FAIL"


@record
class Check:
    """One thing looked at: its name, how it went, what was found, and whether hipcli
    cannot run its sessions without it."""

    name: str
    status: str  # OK, MISSING (optional and absent) or FAILED
    detail: str
    needed: bool = False

    @property
    def fails(self) -> bool:
        return self.needed and self.status != OK


def checks() -> list[Check]:
    return [sound(), voice(), terminal(), settings(), routines(), history(), cache()]


def report(found: list[Check]) -> list[str]:
    width = max(len(check.name) for check in found)
    from hipcli import __version__
    lines = [f"hipcli {__version__}, Python {sys.version.split()[0]}, {sys.platform}"]
    lines += [f"{check.name:<{width}}  {check.status:<4}  {check.detail}" for check in found]
    failed = [check.name for check in found if check.fails]
    if failed:
        lines.append(f"Needed and not working: {', '.join(failed)}.")
    return lines


def sound() -> Check:
    from hipcli.audio.players import AudioUnavailable, choose_player
    try:
        player, _ = choose_player("auto", out=sys.stdout)
    except AudioUnavailable as exc:
        return Check("sound", MISSING, f"none: {exc}; sessions run silently")
    try:
        device = getattr(player, "device", None)
        if player.name == "bell":
            return Check("sound", OK, "the terminal bell (no sound device answered)")
        return Check("sound", OK, player.name + (f", {device}" if device else ""))
    finally:
        player.close()


def voice() -> Check:
    from hipcli.audio.voice import find_program
    program = find_program()
    if program is None:
        return Check("voice", MISSING, "espeak-ng not found: --voice speaks nothing "
                     "(optional; Debian or Ubuntu: apt install espeak-ng)")
    return Check("voice", OK, f"{program} (for --voice)")


def terminal() -> Check:
    if not sys.stdout.isatty():
        return Check("terminal", MISSING, "output is not a terminal: start prints one line "
                     "per step instead of the live view")
    size = os.get_terminal_size(sys.stdout.fileno())
    from rich.console import Console
    colours = Console().color_system or "no colour"
    term = os.environ.get("TERM", "unset")
    return Check("terminal", OK, f"{size.columns}x{size.lines}, {colours} colours, TERM={term}")


def settings() -> Check:
    from hipcli.config import config_path, read_config
    from hipcli.errors import HipcliError
    path = config_path()
    if not path.exists():
        return Check("settings", OK, f"none set ({path} would hold them)", needed=True)
    try:
        found = read_config(path)
    except HipcliError as exc:
        return Check("settings", FAILED, str(exc), needed=True)
    return Check("settings", OK, f"{len(found.values)} set in {path}", needed=True)


def routines() -> Check:
    from hipcli.catalog import list_routines
    from hipcli.errors import HipcliError
    from hipcli.library import load_library
    from hipcli.paths import user_routines_dir
    folder = user_routines_dir()
    try:
        exercises = len(load_library().exercises)
    except HipcliError as exc:
        return Check("routines", FAILED, f"the exercise library does not load: {exc}", True)
    found = list_routines()
    yours = sum(1 for r in found if r.origin == "user")
    detail = (f"{len(found) - yours} built-in, {yours} yours in {_folder(folder)}; "
              f"{exercises} exercises")
    return Check("routines", OK if _usable(folder) else FAILED,
                 detail if _usable(folder) else f"cannot write {folder}", needed=True)


def history() -> Check:
    from hipcli.errors import HipcliError
    from hipcli.history.store import HistoryStore, default_path
    path = default_path()
    if not _usable(path.parent):
        return Check("history", FAILED, f"cannot write in {path.parent}", needed=True)
    try:
        store = HistoryStore.open_existing(path)
    except HipcliError as exc:
        return Check("history", FAILED, str(exc), needed=True)
    if store is None:
        return Check("history", OK, f"none yet; the first session makes {path}", needed=True)
    try:
        store.check()
        count = store.count_sessions()
    except HipcliError as exc:
        return Check("history", FAILED, str(exc), needed=True)
    finally:
        store.close()
    return Check("history", OK, f"{count:,} sessions in {_folder(path.parent)}, every page read"
                 + _journal_words(path), needed=True)


def _journal_words(path: Path) -> str:
    """Records a session could not write, waiting in the journal for the next session."""
    from hipcli.history import journal
    waiting = journal.read(path)
    if not waiting:
        return ""
    return (f"; {len(waiting)} records wait in {journal.journal_path(path)} "
            "for the next session to add them")


def cache() -> Check:
    from hipcli.paths import cache_dir
    folder = cache_dir()
    if not _usable(folder):
        return Check("cache", MISSING, f"cannot write in {folder}: spoken cues and checked "
                     "routines are not kept, so each start checks again")
    return Check("cache", OK, f"spoken cues and checked routines in {_folder(folder)}")


def _folder(path: Path) -> str:
    """A folder and the room its files take, or that it is still to be made."""
    if not path.exists():
        return f"{path} (not made yet)"
    return f"{path} ({_size(sum(_file_sizes(path)))})"


def _file_sizes(folder: Path) -> Iterator[int]:
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                yield os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue


def _size(count: int) -> str:
    value: float = count
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def _usable(folder: Path) -> bool:
    """Whether hipcli can write in `folder`, or make it (nothing is made to find out)."""
    existing: Optional[Path] = folder
    while existing is not None and not existing.exists():
        existing = existing.parent if existing.parent != existing else None
    return existing is not None and existing.is_dir() and os.access(existing, os.W_OK | os.X_OK)

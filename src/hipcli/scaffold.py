"""Write a new routine file the user can edit, which validates as written: a commented
template, or a copy of a routine under a new name."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Optional

from hipcli.errors import HipcliError
from hipcli.text import shown_path

TEMPLATE = """\
# {name}: a hipcli routine. Check it with `hipcli validate {path}`,
# preview it with `hipcli show {name}`, run it with `hipcli start {name}`.
# Exercise ids: `hipcli exercises`. Editor completion: `hipcli schema > hipcli.schema.json`.
name: {name}
title: {title}
description: My own routine.
frequency: Three times a week   # how often it is meant to be done; `hipcli routines` shows it
prepare: 5s        # time to get into position before each exercise
switch: 5s         # time to change sides
blocks:
  # A pairing: a stretch, then its strengthening partner, on one side, then the other.
  - pair:
      stretch:
        exercise: ninety-ninety-er-stretch
        hold: 30-60s          # a range: --level easy|normal|hard picks bottom, middle, top
      strengthen:
        exercise: active-ninety-ninety-er
        reps: 5-10
    sides: [left, right]
  - rest: 30s
  # A single exercise: sides both (all sets left, then right), each (alternate), left, right.
  - exercise: clamshell
    reps: 20
    sets: 2
    rest: 20s
    sides: each
"""


def new_routine(name: str, folder: Path, *, copy_of: Optional[Path] = None) -> Path:
    """Create `folder/name.yaml` from the template, or as a copy of the routine file
    `copy_of` under the new name; never overwrite an existing file."""
    check_name(name)
    path = folder / f"{name}.yaml"
    try:
        if copy_of is not None:
            text = renamed(copy_of.read_text(encoding="utf-8"), name)
        else:
            title = name.replace("-", " ").capitalize()
            text = TEMPLATE.format(name=name, title=title, path=path)
        _make_folder(folder)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise HipcliError(f"{shown_path(path)} already exists (edit it, or pick another name)"
                          ) from None
    except OSError as exc:
        raise HipcliError(f"cannot write {shown_path(exc.filename or path)}: "
                          f"{exc.strerror or exc}") from None
    return path


def check_name(name: str) -> None:
    """A routine name as the routine format allows it, and not the exercise library's."""
    from hipcli.catalog import LIBRARY_STEM
    from hipcli.model import ID_MAX_LENGTH
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        shown = repr(name) if len(name) <= 80 else f"{name[:80]!r}..."
        raise HipcliError(f"{shown} is not a routine name "
                          "(expected lowercase words joined by dashes, e.g. morning-hips)")
    if len(name) > ID_MAX_LENGTH:
        raise HipcliError(f"a routine name has at most {ID_MAX_LENGTH} characters, "
                          f"this one has {len(name)}")
    if name == LIBRARY_STEM:
        raise HipcliError(f"{name!r} is the name of the exercise library file "
                          "(pick another name)")


def _make_folder(folder: Path) -> None:
    """The routines folder, made if missing; a link to nowhere is named as such."""
    if folder.is_symlink() and not folder.exists():
        raise HipcliError(f"the routines folder {shown_path(folder)} is a symbolic link to "
                          f"{shown_path(os.readlink(folder))}, which does not exist")
    if folder.exists() and not folder.is_dir():
        raise HipcliError(f"the routines folder {shown_path(folder)} is not a folder")
    folder.mkdir(parents=True, exist_ok=True)


def renamed(text: str, name: str) -> str:
    """A routine's text with its top-level `name:` set to `name`, comments and all kept."""
    line = f"name: {name}"
    changed, count = re.subn(r"(?m)^name:[^\n]*$", line, text, count=1)
    return changed if count else f"{line}\n{text}"


def shadow_refusal(name: str) -> HipcliError:
    """Why `new NAME` does not quietly hide the built-in routine of that name."""
    return HipcliError(
        f"{name!r} is a built-in routine: a routine of yours with that name would replace it "
        f"in start, show and routines. Pick another name (`hipcli new my-{name} --from "
        f"{name}` starts from a copy), or add --force to replace it")

"""The README's command and option tables, checked against the real commands: every command is
listed, and every option a table names exists on its command with the choices it names."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import typer.main

from hipcli.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
OPTION = re.compile(r"(--[a-z-]+)(?: ([a-z-]+(?:\\\|[a-z-]+)+))?")


def commands() -> dict:
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def table_rows(heading: str) -> list[list[str]]:
    """The cells of the first table after `heading`, header and rule left out."""
    lines = README.split(heading, 1)[1].splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("|"))
    block = list(itertools.takewhile(lambda line: line.startswith("|"), lines[first:]))
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in block[2:]]


def options_of(command) -> dict[str, object]:
    return {opt: param for param in command.params
            for opt in [*param.opts, *getattr(param, "secondary_opts", [])] if opt.startswith("--")}


def choices_of(param) -> list[str]:
    """The words an option takes, as its help shows them ("[easy|normal|hard]")."""
    return (param.metavar or "").strip("[]").split("|")


def check_options(cell: str, command_names: list[str]) -> None:
    for flag, words in OPTION.findall(cell):
        for name in command_names:
            known = options_of(commands()[name])
            assert flag in known, f"README names {flag} for `hipcli {name}`, which has no such option"
            if words:
                assert words.split("\\|") == choices_of(known[flag]), (name, flag)


def test_the_commands_table_lists_every_command_and_no_other():
    listed = [re.match(r"`hipcli ([a-z]+)", row[0]).group(1)
              for row in table_rows("## Commands")]
    assert sorted(listed) == sorted(commands())


@pytest.mark.parametrize("row", table_rows("## Commands"), ids=lambda row: row[0])
def test_options_named_in_the_commands_table_exist_with_those_choices(row):
    name = re.match(r"`hipcli ([a-z]+)", row[0]).group(1)
    check_options(row[1], [name])


@pytest.mark.parametrize("row", table_rows("### Options of `start` and `show`"),
                         ids=lambda row: row[0])
def test_start_and_show_options_exist_with_those_choices(row):
    only = re.search(r"\((start|show)\)", row[0])
    check_options(row[0], [only.group(1)] if only else ["start", "show"])


@pytest.mark.parametrize("name", ["start", "show"])
def test_every_option_of_start_and_show_is_described(name):
    missing = [flag for flag in options_of(commands()[name])
               if flag != "--help" and not re.search(re.escape(flag) + r"\b", README)]
    assert missing == []

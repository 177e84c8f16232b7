"""Plain listing tables: widths, wrapping to the terminal, and no escape codes from files."""

from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.ui.columns import table_lines


def test_columns_are_as_wide_as_their_widest_cell_two_spaces_apart():
    assert table_lines(("id", "name"), [("a", "Clam"), ("long-id", "B")], width=80) == [
        "id       name",
        "a        Clam",
        "long-id  B   ",
    ]


def test_a_table_too_wide_wraps_its_widest_column_to_fit():
    rows = [("clamshell", "Side-lying clamshell with a band above the knees")]
    lines = table_lines(("id", "name"), rows, width=30)
    # "clamshell" keeps its 9 columns; the name gets 30 - 9 - 2 = 19 and wraps at words.
    assert lines == [
        "id         name               ",
        "clamshell  Side-lying         ",
        "           clamshell with a   ",
        "           band above the     ",
        "           knees              ",
    ]
    assert all(len(line) <= 30 for line in lines)


def test_control_characters_never_reach_the_terminal():
    lines = table_lines(("title",), [("Red\x1b[31m alert\x07",)], width=80)
    assert lines == ["title        ", "Red[31m alert"]


def test_a_header_is_bold_only_when_asked():
    assert table_lines(("id",), [("a",)], width=80, bold_header=True)[0] == "\x1b[1mid\x1b[0m"


def test_a_routine_title_with_an_escape_code_is_listed_without_it(tmp_path, monkeypatch):
    folder = tmp_path / "user-routines"
    folder.mkdir()
    (folder / "sneaky.yaml").write_text("name: sneaky\ntitle: Sneaky \x1b]0;pwned\x07 title\n"
                                        "blocks:\n  - rest: 10s\n")
    result = CliRunner().invoke(app, ["routines"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    # The escape codes are shown as visible text, so it is plain something was in the file.
    assert "sneaky  " in result.stdout and "Sneaky \\x1b]0;pwned\\x07 title" in result.stdout

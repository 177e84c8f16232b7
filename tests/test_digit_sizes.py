"""The countdown's digits grow with the terminal, in a real terminal (tmux) at four sizes.

Each test pauses the session so the screen holds still, then reads it back: the height of the
big digits, a whole panel exactly as wide as the terminal with the legend right below it, the
rest of the view in its place, and nothing past the last row.
"""

import shutil
import subprocess

import pytest

from tests.bigdigits import BLOCKS, find_big
from tests.test_live_terminal import Terminal, _framed, term  # noqa: F401  (term is a fixture)

pytestmark = [pytest.mark.terminal,
              pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")]


def paused_screen(term: Terminal, width: int, height: int, *options: str) -> list[str]:
    term.start(*options, width=width, height=height)
    term.shows("HOLD · LEFT")
    term.keys("Space")
    term.shows("PAUSED")
    return term.lines()


def stop(term: Terminal) -> None:
    term.keys("q", "y")
    assert term.exit_code() == 130
    term.assert_restored()


# Digits may take a third of the height, in steps of 5 rows, as long as they fit:
#   80x24:  24 / 3 = 8 rows  -> one step:   5 rows
#  120x40:  40 / 3 = 13 rows -> two steps: 10 rows
#  200x60:  60 / 3 = 20 rows -> four steps: 20 rows (two glyphs of "59" at that scale are
#           2 x 3 pixels x 8 columns + a 4-column gap = 52 columns, well inside 196)
@pytest.mark.parametrize("width,height,rows", [(80, 24, 5), (120, 40, 10), (200, 60, 20)])
def test_digits_grow_with_the_terminal_and_nothing_overlaps(term, width, height, rows):
    lines = paused_screen(term, width, height)
    assert len(lines) <= height
    assert _framed(lines, width), "\n".join(lines)
    big = find_big("\n".join(lines))
    assert big is not None and big.rows == rows, "\n".join(lines)
    assert big.text in ("1:00", "59", "58")
    # The lines above and below the digits are the view's own, untouched by blocks.
    assert "HOLD · LEFT" in lines[1] and "Seated reach stretch" in lines[2]
    assert "PAUSED" in lines[big.top - 1]
    assert not set(lines[big.top - 1]) & BLOCKS and not set(lines[big.top + rows]) & BLOCKS
    below = "\n".join(lines[big.top + rows:])
    for words in ("Sit tall", "step", "total", "next up"):
        assert words in below
    stop(term)


def test_a_tiny_terminal_gets_plain_lines_that_fit(term):
    lines = paused_screen(term, 40, 12)
    assert len(lines) <= 12 and all(len(line) <= 40 for line in lines)
    assert find_big("\n".join(lines)) is None  # no room for big digits at 40x12
    head = lines[0]
    assert head.startswith("HOLD · LEFT ") and head.split()[-1] in ("1:00", "59", "58")
    assert any("PAUSED" in line for line in lines)
    assert any(line.startswith("space pause") for line in lines)
    stop(term)


def test_a_fixed_size_from_the_flag_or_the_settings_file(term, tmp_path):
    # At 120x40 the digits would grow to 10 rows; size 1 keeps them at 5 rows, size 3 is 15.
    lines = paused_screen(term, 120, 40, "--digits", "1")
    assert find_big("\n".join(lines)).rows == 5 and _framed(lines, 120)
    stop(term)
    subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], capture_output=True)
    # A server of its own: the one just killed may still be leaving that socket.
    term.socket = term.socket.with_name("second.sock")
    folder = tmp_path / "settings"
    folder.mkdir()
    (folder / "config.toml").write_text("digits = 3\n")
    term.files["code"].unlink()
    term.start(width=120, height=40, env={"HIPCLI_CONFIG_DIR": str(folder)})
    term.shows("HOLD · LEFT")
    term.keys("Space")
    lines = term.until(lambda text: "PAUSED" in text, "the pause").rstrip("\n").split("\n")
    assert find_big("\n".join(lines)).rows == 15 and _framed(lines, 120)
    stop(term)

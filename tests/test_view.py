"""The live view as text: render(state) printed by a real Rich console at several sizes."""

import io
from dataclasses import replace
import pytest
from rich.console import Console

from hipcli.engine import Engine
from hipcli.library import Library
from hipcli.timeline import compile_timeline
from hipcli.ui import digits
from hipcli.ui.state import CUE_SECONDS, view_state
from hipcli.ui.view import countdown_text, render
from tests.bigdigits import find_big, read_big
from tests.routine_factory import LIBRARY, PAIR, exercise, routine

KINETIC = {"exercise": "test-kinetic", "sides": "left", "reps": 4}


def engine_at(blocks, seconds: float, **fields) -> Engine:
    engine = Engine(compile_timeline(routine(blocks, **fields), LIBRARY))
    engine.start(0.0)
    engine.advance(seconds)
    return engine


def screen(state, *, width=80, height=24, color=False) -> str:
    console = Console(file=io.StringIO(), width=width, height=height, force_terminal=color,
                      color_system="standard" if color else None, highlight=False)
    console.print(render(state))
    return console.file.getvalue()


def test_a_hold_at_80_columns_shows_everything_the_user_needs():
    engine = engine_at([PAIR], 2.0 + 1.0, prepare=2)  # one second into the left stretch hold
    text = screen(view_state(engine, 3.0))
    lines = text.splitlines()
    assert lines[0].startswith("╭─ test ─")
    assert "HOLD · LEFT" in lines[1] and "exercise 1/4" in lines[1]
    assert "Test Stretch" in lines[2]
    assert "hold 6 s" in lines[3]
    assert read_big(text) == "5"
    assert "Stay tall." in text
    # Bars are 60 cells: 80 - "│ " - "total " - " 0:29 left" - " │". The step: 1 s of 6 gone,
    # 60 / 6 = 10 cells, 5 s left; the session: 3 s of 32 gone (2 + 6 + 2 + 6 for each side),
    # 60 x 3 / 32 = 5.6 -> 6 cells, 29 s left.
    assert lines[13] == "│ step  " + "█" * 10 + "░" * 50 + " 0:05 left │"
    assert lines[14] == "│ total " + "█" * 6 + "░" * 54 + " 0:29 left │"
    assert "next up left · Test Lift · 3 reps" in text
    assert lines[-1].startswith("space pause  n/→ skip  b/← back  q quit  +/- hold  ? help")
    assert max(len(line) for line in lines) == 80
    assert len(lines) <= 24


def test_the_big_digits_follow_the_countdown_and_switch_to_minutes():
    engine = engine_at([{"exercise": "test-stretch", "hold": "90s", "sides": "left"}], 2.0)
    assert read_big(screen(view_state(engine, 2.0))) == "1:30"
    engine.advance(33.0)
    assert read_big(screen(view_state(engine, 33.0))) == "59"
    engine.advance(91.5)
    assert read_big(screen(view_state(engine, 91.5))) == "1"


def test_the_font_draws_each_digit_from_the_table():
    assert digits.big("10") == [
        "  ██   ██████",
        "████   ██  ██",
        "  ██   ██  ██",
        "  ██   ██  ██",
        "██████ ██████",
    ]
    assert digits.small("10") == ["▄█  █▀█", " █  █ █", "▀▀▀ ▀▀▀"]
    assert digits.width("1:30", size="big") == len(digits.big("1:30")[0])
    assert countdown_text(125) == "2:05" and countdown_text(59) == "59"


def test_at_40_columns_the_view_narrows_and_nothing_spills():
    engine = engine_at([PAIR], 3.0)
    text = screen(view_state(engine, 3.0), width=40, height=20)
    lines = text.splitlines()
    assert max(len(line) for line in lines) == 40
    assert lines[0].startswith("╭─ test ─") and lines[0].endswith("╮")
    assert "HOLD · LEFT" in text and "Test Stretch" in text
    assert read_big(text) == "5"
    assert lines[-1] == "space pause  n/→ skip  b/← back  q quit"
    assert len(lines) <= 20


def test_a_short_terminal_gets_small_digits_and_fewer_lines():
    engine = engine_at([PAIR], 3.0)
    text = screen(view_state(engine, 3.0), width=40, height=15)
    lines = text.splitlines()
    assert len(lines) <= 15
    assert read_big(text) == "5"
    assert "▀" in text  # the half-block font
    assert "Test Stretch" in text and "next up" in text


def test_a_tiny_terminal_gets_plain_lines():
    engine = engine_at([PAIR], 3.0)
    text = screen(view_state(engine, 3.0), width=30, height=8)
    lines = text.splitlines()
    assert lines[0] == "HOLD · LEFT 5"
    assert lines[1] == "Test Stretch"
    assert read_big(text) is None
    assert all(len(line) <= 30 for line in lines)


def test_a_rep_step_shows_rep_and_phase():
    engine = engine_at([KINETIC], 2.0 + 3.0 + 1.5)  # rep 2, one and a half seconds in
    text = screen(view_state(engine, 6.5))
    assert "REPS · LEFT" in text
    assert "rep 2/4 · out" in text
    assert read_big(text) == "8"  # 7.5 s of the 12 s step left


def test_sets_and_rounds_are_counted():
    blocks = [{"circuit": {"rounds": 2, "blocks": [{"exercise": "test-bridge", "sets": 2}]}}]
    engine = engine_at(blocks, 2.5)
    text = screen(view_state(engine, 2.5))
    assert "set 1/2 · round 1/2" in text


def test_lead_in_steps_name_what_comes_and_use_their_own_colour():
    engine = engine_at([PAIR], 0.5)
    state = view_state(engine, 0.5)
    text = screen(state)
    assert "GET READY · LEFT" in text and "Test Stretch" in text and "hold 6 s" in text
    assert "next up left · Test Lift" in text
    coloured = screen(state, color=True)
    assert "\x1b[1;33mGET READY · LEFT" in coloured  # yellow
    both = engine_at([{"exercise": "test-stretch", "sides": "both"}], 2.0 + 6.0 + 0.5)
    switching = view_state(both, 8.5)
    assert switching.kind == "switch"
    assert "\x1b[1;35mSWITCH SIDES · RIGHT" in screen(switching, color=True)  # magenta


def test_work_and_rest_colours():
    engine = engine_at([PAIR, {"rest": "10s"}, PAIR], 3.0)
    assert "\x1b[1;32mHOLD · LEFT" in screen(view_state(engine, 3.0), color=True)  # green
    rest_start = next(s.start for s in engine.timeline.steps if s.kind == "rest")
    engine.advance(rest_start + 1)
    text = screen(view_state(engine, rest_start + 1), color=True)
    assert "\x1b[1;34mREST" in text  # blue


def test_the_cue_changes_every_eight_seconds_and_wraps_round():
    blocks = [{"exercise": "test-stretch", "hold": "30s", "sides": "left"}]
    engine = engine_at(blocks, 2.0)
    cues = [view_state(engine, 2.0 + k * CUE_SECONDS).cue for k in range(3)]
    assert cues == ["Stay tall.", "Breathe out.", "Stay tall."]


def test_paused_shows_a_banner_and_the_time_stands_still():
    engine = engine_at([PAIR], 3.0)
    engine.pause(3.0)
    before = view_state(engine, 3.0)
    later = view_state(engine, 9.0)
    assert later == before
    text = screen(later)
    assert "PAUSED · space to resume" in text
    assert read_big(text) == "5"


def test_the_quit_question_replaces_the_banner_and_the_legend():
    engine = engine_at([PAIR], 3.0)
    text = screen(view_state(engine, 3.0, asking=True))
    lines = text.splitlines()
    assert "Quit? y/n" in lines[4]
    assert lines[-1].startswith("Quit? y/n  any other key keeps going")


def test_help_lists_every_key():
    engine = engine_at([PAIR], 3.0)
    text = screen(view_state(engine, 3.0, help=True))
    for words in ("space  pause or resume", "skip to the next step", "5 s longer or shorter",
                  "quit (asks first)", "hide this help"):
        assert words in text
    assert "next up" not in text


def test_snapshots_within_one_second_are_equal_so_nothing_is_redrawn():
    engine = engine_at([PAIR], 3.0)
    assert view_state(engine, 3.0) == view_state(engine, 3.9)
    assert view_state(engine, 3.0) != view_state(engine, 4.0)


def test_the_last_exercise_says_the_end_is_next():
    engine = engine_at([{"exercise": "test-stretch", "sides": "left"}], 3.0)
    assert "next up the end" in screen(view_state(engine, 3.0))


LONG = replace(exercise("test-long", hold="20s"),
               name="A rather long exercise name that cannot fit in a narrow terminal",
               cues=["A long cue that has to wrap onto a second line, or a third, in a narrow "
                     "view."])


@pytest.mark.parametrize("width,height", [(80, 24), (60, 20), (40, 20), (40, 14), (30, 10),
                                          (24, 6)])
def test_every_size_fits_its_terminal(width, height):
    library = Library({**LIBRARY.exercises, LONG.id: LONG})
    engine = Engine(compile_timeline(routine([{"exercise": "test-long", "sides": "left"}]),
                                     library))
    engine.start(0.0)
    engine.advance(3.0)
    for state, last in ((view_state(engine, 3.0, asking=True), "Quit? y/n"),
                        (view_state(engine, 3.0, help=True), "space pause"),
                        (view_state(engine, 3.0), "space pause")):
        text = screen(state, width=width, height=height)
        lines = text.splitlines()
        assert len(lines) <= height
        assert all(len(line) <= width for line in lines)
        assert "A rather long" in text
        assert lines[-1].startswith(last)  # the legend is never cut off


NOTED = replace(exercise("test-noted", hold="20s"),
                steps=["Sit in 90/90 with the front shin across your body.", "Lean in."],
                safety="Stop at once if the knee hurts; a stretch is never a sharp pain.",
                side_means="front leg")
NOTED_LIBRARY = Library({**LIBRARY.exercises, NOTED.id: NOTED})


def noted_engine(seconds: float) -> Engine:
    engine = Engine(compile_timeline(routine([{"exercise": "test-noted", "sides": "both"}]),
                                     NOTED_LIBRARY))
    engine.start(0.0)
    engine.advance(seconds)
    return engine


def test_get_ready_shows_the_set_up_and_the_safety_note_then_the_cues_take_over():
    ready = screen(view_state(noted_engine(0.5), 0.5))  # inside the 2 s get-ready
    assert "GET READY · LEFT (front leg)" in ready
    assert "Sit in 90/90 with the front shin across your body." in ready
    assert "Safety: Stop at once if the knee hurts; a stretch is never a sharp pain." in ready
    assert "Stay tall." not in ready
    holding = screen(view_state(noted_engine(3.0), 3.0))  # 1 s into the left hold
    assert "HOLD · LEFT (front leg)" in holding
    assert "Safety:" not in holding and "Sit in 90/90" not in holding
    assert "Stay tall." in holding
    # switching sides repeats neither: the set-up and the note were given once, at get-ready
    switching = view_state(noted_engine(2.0 + 20.0 + 0.5), 22.5)
    assert switching.kind == "switch" and not switching.safety and not switching.setup
    assert "SWITCH SIDES · RIGHT (front leg)" in screen(switching)


@pytest.mark.parametrize("width,height", [(80, 24), (80, 20), (40, 20), (40, 14), (30, 10)])
def test_a_long_safety_note_fits_and_keeps_the_legend(width, height):
    long_note = replace(NOTED, safety="Stop " + "and rest a while " * 12 + "now.")
    engine = Engine(compile_timeline(routine([{"exercise": "test-noted", "sides": "left"}]),
                                     Library({**LIBRARY.exercises, NOTED.id: long_note})))
    engine.start(0.0)
    engine.advance(0.5)
    for state in (view_state(engine, 0.5), view_state(engine, 0.5, asking=True)):
        lines = screen(state, width=width, height=height).splitlines()
        assert len(lines) <= height and all(len(line) <= width for line in lines)
        assert lines[-1].startswith(("space pause", "Quit? y/n"))
    if height >= 14:
        assert "Safety: Stop and rest" in screen(view_state(engine, 0.5), width=width,
                                                   height=height)


@pytest.mark.parametrize("width,height,wanted,rows", [
    (120, 40, None, 10),  # a third of 40 is 13 rows: two 5-row steps
    (120, 40, 1, 5),      # a fixed size is kept even where more would fit
    (120, 40, 4, 20),     # ... and may go past a third when asked for
    (80, 24, 3, 5),       # 24 rows leave 9 for digits (24 - 13 others - 2 cue): only 5 fit
    (200, 60, None, 20),  # a third of 60 is 20 rows
])
def test_digit_size_grows_with_the_screen_or_stays_as_asked(width, height, wanted, rows):
    engine = engine_at([{"exercise": "test-stretch", "hold": "90s", "sides": "left"}], 2.0)
    console = Console(file=io.StringIO(), width=width, height=height, highlight=False)
    console.print(render(view_state(engine, 2.0), digit_scale=wanted))
    lines = console.file.getvalue().splitlines()
    found = find_big("\n".join(lines))
    assert found.text == "1:30" and found.rows == rows
    assert len(lines) <= height


def test_scaled_digits_keep_their_proportions():
    # "1" at scale 2: every pixel 4 columns wide and 2 rows high, 10 rows in all.
    rows = digits.big("1", 2)
    assert len(rows) == 10 and rows[0] == rows[1] == "    ████    "
    assert rows[8] == "████████████"
    assert digits.width("1:30", size="big", scale=3) == len(digits.big("1:30", 3)[0]) == 69

"""Plain output in this process: a small routine's exact lines, key presses, and `show`.

These run the entry point on the real clock at the top speed, or the engine on a hand-advanced
clock; the real `start` in child processes is in test_start_plain.py.
"""

import contextlib
import io
import json
import os

import pytest

from hipcli.engine import Engine
from hipcli.session import OutputClosed, run_session
from hipcli.timeline import compile_timeline
from hipcli.ui.plain import PlainOutput
from tests.conftest import FakeClock, Recorder, ScriptedKeys
from tests.entry import run_main
from tests.routine_factory import LIBRARY, routine

SMALL = """\
name: plain-check
title: Plain check
prepare: 2s
switch: 1s
blocks:
  - exercise:
      id: wall-hold
      name: Wall hold
      kind: stretch
      position: standing
      dose: {hold: 4s, per_side: true}
    sides: both
  - rest: 3s
  - circuit:
      rounds: 2
      rest: 2s
      blocks:
        - exercise:
            id: knee-lift
            name: Knee lift
            kind: strength
            position: standing
            dose: {reps: 2, rest: 1s, per_side: false,
                   phases: [{name: lift, seconds: 1}, {name: lower, seconds: 1}]}
          sets: 2
"""

# Worked out by hand from the README's rules. Steps: get ready 2 s, left hold 4 s (0:02-0:06),
# switch 1 s, right hold 4 s (0:07-0:11), rest 3 s (0:11-0:14); then each round: get ready 2 s,
# set 1 of 2 reps x (1 s lift + 1 s lower) = 4 s, 1 s rest between sets, set 2 (4 s); 2 s rest
# between rounds. 2+4+1+4+3 = 14, round 1 ends at 14+2+4+1+4 = 25, round 2 at 25+2+2+4+1+4 = 38.
# A 3-2-1 counts the last whole seconds of every step but reps; the 1 s switch and rest have none.
SMALL_LINES = """\
00:00  start  Plain check  38 s
00:00  get ready  left  Wall hold
00:01  left  Wall hold  1
00:02  left  Wall hold  hold 4 s
00:03  left  Wall hold  3
00:04  left  Wall hold  2
00:05  left  Wall hold  1
00:06  switch sides  right  Wall hold
00:07  right  Wall hold  hold 4 s
00:08  right  Wall hold  3
00:09  right  Wall hold  2
00:10  right  Wall hold  1
00:11  rest  3 s
00:12  rest  2
00:13  rest  1
00:14  get ready  both  Knee lift
00:15  both  Knee lift  1
00:16  both  Knee lift  2 reps  set 1/2  round 1/2
00:16  both  Knee lift  rep 1/2 lift
00:17  both  Knee lift  rep 1/2 lower
00:18  both  Knee lift  rep 2/2 lift
00:19  both  Knee lift  rep 2/2 lower
00:20  rest  1 s
00:21  both  Knee lift  2 reps  set 2/2  round 1/2
00:21  both  Knee lift  rep 1/2 lift
00:22  both  Knee lift  rep 1/2 lower
00:23  both  Knee lift  rep 2/2 lift
00:24  both  Knee lift  rep 2/2 lower
00:25  rest  2 s
00:26  rest between rounds  1
00:27  get ready  both  Knee lift
00:28  both  Knee lift  1
00:29  both  Knee lift  2 reps  set 1/2  round 2/2
00:29  both  Knee lift  rep 1/2 lift
00:30  both  Knee lift  rep 1/2 lower
00:31  both  Knee lift  rep 2/2 lift
00:32  both  Knee lift  rep 2/2 lower
00:33  rest  1 s
00:34  both  Knee lift  2 reps  set 2/2  round 2/2
00:34  both  Knee lift  rep 1/2 lift
00:35  both  Knee lift  rep 1/2 lower
00:36  both  Knee lift  rep 2/2 lift
00:37  both  Knee lift  rep 2/2 lower
00:38  done  Plain check
Plain check: finished after 38 s; 6 exercise steps done, 0 skipped
"""


def test_plain_output_of_a_small_routine_line_by_line(tmp_path):
    path = tmp_path / "plain-check.yaml"
    path.write_text(SMALL)
    result = run_main("start", str(path), "--plain", "--speed", "1000", "--level", "normal",
                      "--audio", "off")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == SMALL_LINES



def test_plain_lines_for_keys_and_a_single_round():
    blocks = [{"circuit": {"rounds": 1, "blocks": [{"exercise": "test-stretch", "hold": 10,
                                                     "sides": "left"}]}}]
    timeline = compile_timeline(routine(blocks, prepare=0), LIBRARY)
    out = io.StringIO()
    presses = [(1.5, "longer"), (2.5, "pause"), (4.5, "pause"), (5.5, "skip")]
    run_session(Engine(timeline), FakeClock(), [PlainOutput(out)], ScriptedKeys(presses))
    # one round of one: no "round 1/1"; 10 + 5 s = 15 s; the pause holds 2 s (2.5 to 4.5);
    # nothing else is due before the skip at 5.5 s (halfway comes at 7.5 + 2 = 9.5 s)
    assert out.getvalue().splitlines() == [
        "00:00  start  test  10 s",
        "00:00  left  Test Stretch  hold 10 s",
        "00:01  left  Test Stretch  hold now 15 s",
        "00:02  left  Test Stretch  paused",
        "00:04  left  Test Stretch  resumed",
        "00:05  left  Test Stretch  skipped",
        "00:05  done  test",
    ]


def test_plain_times_count_from_the_session_start_not_the_clock_origin():
    timeline = compile_timeline(routine([{"exercise": "test-stretch", "hold": 4,
                                          "sides": "left"}], prepare=0), LIBRARY)
    out = io.StringIO()
    run_session(Engine(timeline), FakeClock(start=1000.0), [PlainOutput(out)])
    assert out.getvalue().splitlines() == [
        "00:00  start  test  4 s", "00:00  left  Test Stretch  hold 4 s",
        "00:01  left  Test Stretch  3", "00:02  left  Test Stretch  2",
        "00:03  left  Test Stretch  1", "00:04  done  test"]


def test_show_lists_the_same_steps_with_their_titles_and_start_times(tmp_path):
    path = tmp_path / "plain-check.yaml"
    path.write_text(SMALL)
    shown = run_main("show", str(path), "--json", "--level", "normal")
    assert shown.returncode == 0, shown.stderr
    steps = [(s["title"], s["start"], s["seconds"]) for s in json.loads(shown.stdout)["steps"]]
    # the same times as the plain lines above
    assert steps == [
        ("Get ready: Wall hold", 0, 2), ("Wall hold", 2, 4), ("Switch sides", 6, 1),
        ("Wall hold", 7, 4), ("Rest", 11, 3),
        ("Get ready: Knee lift", 14, 2), ("Knee lift", 16, 4), ("Rest between sets", 20, 1),
        ("Knee lift", 21, 4), ("Rest between rounds", 25, 2),
        ("Get ready: Knee lift", 27, 2), ("Knee lift", 29, 4), ("Rest between sets", 33, 1),
        ("Knee lift", 34, 4), ("Done", 38, 0)]
    rounds = [(s["round"], s["rounds"]) for s in json.loads(shown.stdout)["steps"]
              if s["kind"] in ("hold", "reps")]
    assert rounds == [(0, 0), (0, 0), (1, 2), (1, 2), (2, 2), (2, 2)]  # 0: not in a circuit


def test_plain_get_ready_names_the_leg_and_gives_set_up_and_safety():
    from hipcli.library import Library
    from hipcli.model import Exercise
    from hipcli.validate import validated
    lean = validated(Exercise, {
        "id": "wall-lean", "name": "Wall lean", "short": "Lean", "kind": "stretch",
        "position": "standing", "steps": ["Stand with your back to a wall.", "Lean."],
        "safety": "Stop if the knee pinches.", "side_means": "front leg",
        "dose": {"hold": "2s", "per_side": True}})
    library = Library({**LIBRARY.exercises, "wall-lean": lean})
    blocks = [{"exercise": "wall-lean", "sides": "left"},
              {"exercise": "test-stretch", "hold": 2, "sides": "left"}]
    timeline = compile_timeline(routine(blocks, prepare=1), library)
    out = io.StringIO()
    run_session(Engine(timeline), FakeClock(), [PlainOutput(out)])
    # get ready 1 s + hold 2 s, twice: 6 s; a 2 s hold counts down only its last second;
    # test-stretch has no safety note and no leg to explain, so its set-up stands alone
    assert out.getvalue().splitlines() == [
        "00:00  start  test  6 s",
        "00:00  get ready  left (front leg)  Lean",
        "00:00  set-up: Stand with your back to a wall.  safety: Stop if the knee pinches.",
        "00:01  left  Lean  hold 2 s",
        "00:02  left  Lean  1",
        "00:03  get ready  left  Test Stretch",
        "00:03  set-up: Sit.",
        "00:04  left  Test Stretch  hold 2 s",
        "00:05  left  Test Stretch  1",
        "00:06  done  test"]


def test_plain_reps_without_phases_count_each_rep():
    timeline = compile_timeline(routine([{"exercise": "test-lift", "reps": 2, "sides": "left"}],
                                        prepare=0), LIBRARY)
    out = io.StringIO()
    run_session(Engine(timeline), FakeClock(), [PlainOutput(out)])
    # 2 reps at test-lift's 2 s tempo: reps start at 0 and 2 s, the step ends at 4 s;
    # reps get no 3-2-1 and seconds ticks are not written
    assert out.getvalue().splitlines() == [
        "00:00  start  test  4 s",
        "00:00  left  Test Lift  2 reps",
        "00:00  left  Test Lift  rep 1/2",
        "00:02  left  Test Lift  rep 2/2",
        "00:04  done  test"]


def test_show_gives_empty_words_for_a_description_and_frequency_the_routine_lacks(tmp_path):
    path = tmp_path / "plain-check.yaml"
    path.write_text(SMALL)  # no description, no frequency
    shown = run_main("show", str(path), "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert (data["description"], data["frequency"]) == ("", "")


def test_once_the_reader_goes_away_plain_output_stays_quiet_for_the_listeners_after_it():
    # a pipe whose reading end is closed, as after `| head -1`: a write raises BrokenPipeError
    read_end, write_end = os.pipe()
    os.close(read_end)
    timeline = compile_timeline(routine([{"exercise": "test-stretch", "hold": 4,
                                          "sides": "left"}], prepare=0), LIBRARY)
    recorder = Recorder()
    closed = open(write_end, "w")
    try:
        with pytest.raises(OutputClosed):
            run_session(Engine(timeline), FakeClock(), [PlainOutput(closed), recorder])
    finally:
        with contextlib.suppress(BrokenPipeError):  # what was left unwritten cannot go
            closed.close()
    # the first write fails at the start, before the recorder hears it; the stop that
    # follows reaches the recorder, as plain output writes nothing more once the pipe broke
    assert recorder.kinds() == ["quit"]

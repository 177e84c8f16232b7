"""`hipcli history`, `stats`, `measure` and `show` through the real command line (CliRunner)."""

import json
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.history.checkins import CheckIn, save_checkin
from hipcli.history.store import HistoryStore, StepRow, default_path
from tests.entry import run_main
from tests.processes import OnTerminal
from tests.history_helpers import Days, run_recorded, write_routine

runner = CliRunner()


def invoke(*args, input=None):
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def add_session(store, *, routine, started_at, seconds, status, done=1, skipped=0):
    sid = store.begin_session(routine=routine, title=routine.title(), started_at=started_at,
                              planned_seconds=600.0, level="normal")
    steps = [StepRow(sid, n, n, "clamshell", "left", "reps", n + 1, done + skipped, None, 20,
                     60.0, 0.0 if n >= done else 60.0, n >= done)
             for n in range(done + skipped)]
    store.record_steps(sid, steps, duration=seconds, status=status, updated_at=started_at)
    return sid


@pytest.fixture
def recorded():
    store = HistoryStore.open()
    add_session(store, routine="external-rotation", started_at="2026-01-05T08:30:00+01:00",
                seconds=660, status="finished", done=2)
    add_session(store, routine="hip-cuff", started_at="2026-01-06T19:05:00+01:00",
                seconds=125, status="partial", done=1, skipped=1)
    add_session(store, routine="external-rotation", started_at="2026-01-08T07:00:00+01:00",
                seconds=90, status="running")
    return store


def test_history_before_any_session():
    assert invoke("history") == ("No sessions recorded yet: they are kept from your first "
                                 "`hipcli start` on.\n")
    assert json.loads(invoke("history", "--json")) == []
    assert not default_path().exists()


def test_history_table(recorded):
    assert invoke("history").splitlines() == [
        "#  started           routine             time  planned  status    done  skipped",
        "1  2026-01-05 08:30  external-rotation  11:00    10:00  finished     2        0",
        "2  2026-01-06 19:05  hip-cuff           02:05    10:00  partial      1        1",
        "3  2026-01-08 07:00  external-rotation  01:30    10:00  partial      1        0",
    ]


def test_history_filters(recorded):
    lines = invoke("history", "--routine", "external-rotation", "--since", "2026-01-06").splitlines()
    assert [line.split()[0] for line in lines] == ["#", "3"]
    assert invoke("history", "--routine", "desk-break") == "No sessions match those filters.\n"


def test_history_csv(recorded):
    save_checkin(recorded, CheckIn(2, 4, "hard"), "2026-01-06T19:30:00+01:00")
    assert invoke("history", "--format", "csv", "--since", "2026-01-06").splitlines() == [
        "id,started_at,routine,title,status,level,duration_seconds,planned_seconds,"
        "steps_done,steps_skipped,speed,pain,effort",
        "2,2026-01-06T19:05:00+01:00,hip-cuff,Hip-Cuff,partial,normal,125.0,600.0,1,1,1.0,4,hard",
        "3,2026-01-08T07:00:00+01:00,external-rotation,External-Rotation,partial,normal,"
        "90.0,600.0,1,0,1.0,,",
    ]


def test_history_json_has_each_steps_dose(recorded):
    data = json.loads(invoke("history", "--format", "json", "--routine", "hip-cuff"))
    assert [(s["id"], s["status"], s["duration_seconds"]) for s in data] == [(2, "partial", 125.0)]
    assert data[0]["steps"] == [
        {"exercise": "clamshell", "side": "left", "kind": "reps", "set": 1, "sets": 2,
         "reps": 20, "seconds": 60.0, "skipped": False},
        {"exercise": "clamshell", "side": "left", "kind": "reps", "set": 2, "sets": 2,
         "reps": 20, "seconds": 0.0, "skipped": True},
    ]
    assert invoke("history", "--json") == invoke("history", "--format", "json")
    assert data[0]["checkin"] is None
    save_checkin(recorded, CheckIn(2, 0, None), "2026-01-06T19:30:00+01:00")
    data = json.loads(invoke("history", "--json", "--routine", "hip-cuff"))
    assert data[0]["checkin"] == {"pain": 0, "effort": None}


def noon(day: date) -> str:
    return f"{day.isoformat()}T12:00:00+00:00"


def test_stats():
    this_week = date.today() - timedelta(days=date.today().weekday())  # Monday is weekday 0
    two_back, one_back = this_week - timedelta(weeks=2), this_week - timedelta(weeks=1)
    store = HistoryStore.open()
    # Two weeks back: Monday to Wednesday, 10 + 10 + 20 min; last week: Monday 7 min and a
    # partial 2 min on Tuesday; nothing this week.
    for day, minutes, routine in ((two_back, 10, "hip-cuff"),
                                  (two_back + timedelta(days=1), 10, "hip-cuff"),
                                  (two_back + timedelta(days=2), 20, "external-rotation"),
                                  (one_back, 7, "hip-cuff"),
                                  (one_back + timedelta(days=1), 2, "desk-break")):
        add_session(store, routine=routine, started_at=noon(day), seconds=minutes * 60,
                    status="partial" if minutes == 2 else "finished")
    # The longest week (40 min) fills all 30 characters; 9 min is 9/40 x 30 x 8 = 54 eighths:
    # 6 full characters and 6 eighths (▊).
    assert invoke("stats", "--weeks", "3").splitlines() == [
        "Sessions: 5 (4 finished, 1 partial), 49 min in all",
        "Streak: 0 days now, longest 3 days",
        "Per routine: hip-cuff 3, desk-break 1, external-rotation 1",
        "",
        "Minutes per week (weeks start on Monday)",
        f"{two_back.isoformat()}  {'█' * 30}    40 min  3 sessions",
        f"{one_back.isoformat()}  {'██████▊':<30}     9 min  2 sessions",
        f"{this_week.isoformat()}  {'':<30}     0 min  0 sessions",
    ]
    data = json.loads(invoke("stats", "--json", "--weeks", "2"))
    assert (data["sessions"], data["current_streak_days"], data["longest_streak_days"]) == (5, 0, 3)
    assert data["routines"] == {"hip-cuff": 3, "desk-break": 1, "external-rotation": 1}
    assert data["weeks"] == [{"week_of": one_back.isoformat(), "sessions": 2, "minutes": 9},
                             {"week_of": this_week.isoformat(), "sessions": 0, "minutes": 0}]


@pytest.mark.parametrize("days_ago, streak", [
    ((1, 2, 3), 3),       # no session yet today: the run up to yesterday still counts
    ((0, 1, 2, 3), 4),    # today's session extends it
    ((0,), 1),
    ((2, 3), 0),          # yesterday was missed: the run is over
])
def test_the_current_streak_waits_for_today(days_ago, streak):
    store = HistoryStore.open()
    for n in days_ago:
        add_session(store, routine="hip-cuff", started_at=noon(date.today() - timedelta(days=n)),
                    seconds=600, status="finished")
    data = json.loads(invoke("stats", "--json"))
    assert data["current_streak_days"] == streak
    assert data["longest_streak_days"] == max(streak, 2 if days_ago == (2, 3) else 0)


def test_stats_before_any_session():
    assert invoke("stats").startswith("No sessions recorded yet")
    assert json.loads(invoke("stats", "--json")) == {"sessions": 0}


def test_measure_from_options():
    out = invoke("measure", "--left-er", "40", "--left-ir", "35", "--right-er", "45",
                 "--right-ir", "30")
    assert out.splitlines() == [
        "Recorded: left ER 40°, IR 35°; right ER 45°, IR 30°.",
        "Left external rotation 40°: short of the 45° mark of a good range.",
        "Right external rotation 45°: at or past the 45° mark of a good range.",
        "Left and right are within 10° of each other.",
    ]
    rows = HistoryStore.open().measurements()
    assert [(m.side, m.er_degrees, m.ir_degrees) for m in rows] == [("left", 40, 35), ("right", 45, 30)]


def test_measure_asks_for_what_is_missing_and_asks_again_when_out_of_range():
    terminal = OnTerminal(["measure", "--right-ir", "30"])
    for prompt, answer in [("Left ER in degrees (0-90): ", "28"), ("(0-90): ", "91"),
                           ("from 0 to 90.", "33"), ("Right ER in degrees (0-90): ", "50")]:
        terminal.read_until(prompt)
        terminal.type(answer + "\n")
    code, out = terminal.finish()
    assert code == 0
    out = out.replace("\r\n", "\n")
    assert out.startswith("Prone hip rotation self-test: one leg at a time, lying face down.\n")
    assert "let the shin drop inward, across the other leg: that angle is external rotation" in out
    assert "let it drop outward, away from the other leg: that is internal rotation" in out
    assert out.count("Left IR in degrees (0-90):") == 2  # 91 was refused
    assert ("External rotation differs by 22° between sides (more than 10°): add sets for the "
            "left side, e.g. `hipcli start external-rotation --side left` after your usual "
            "routine (in its 90/90 moves the side named is your front leg).") in out
    [reading] = invoke("measure", "--history", "--json") and \
        json.loads(invoke("measure", "--history", "--json"))
    assert reading["left"] == {"er": 28, "ir": 33} and reading["right"] == {"er": 50, "ir": 30}
    assert reading["er_tighter_side"] == "left" and reading["ir_tighter_side"] is None


def test_measure_history_table_and_chart():
    store = HistoryStore.open()
    store.add_measurements("2026-01-01T09:00:00+00:00", [("left", 30, 35), ("right", 45, 30)])
    store.add_measurements("2026-02-01T09:00:00+00:00", [("left", 40, 34), ("right", 46, 36)])
    assert invoke("measure", "--history").splitlines() == [
        "date        left ER  right ER  ER diff         left IR  right IR  IR diff",
        "2026-01-01       30        45  15 (left less)       35        30  5      ",
        "2026-02-01       40        46  6                    34        36  2      ",
        "",
        "External rotation, 0 to 90° ('|' marks 45°)",
        "2026-01-01  left   ██████████     |                30°",
        "            right  ███████████████|                45°",
        "2026-02-01  left   █████████████▍ |                40°",
        "            right  ███████████████▍                46°",
        "",
        "A difference over 10° between sides suggests extra sets on the side that moves less.",
    ]


@pytest.mark.parametrize("args, message", [
    (["measure", "--left-er", "95", "--left-ir", "1", "--right-er", "1", "--right-ir", "1"],
     "hipcli: --left-er must be between 0 and 90 degrees, got 95"),
    (["measure", "--left-er", "40", "--left-ir", "-3", "--right-er", "1", "--right-ir", "1"],
     "hipcli: --left-ir must be between 0 and 90 degrees, got -3"),
    (["history", "--since", "last tuesday"],
     "hipcli: --since 'last tuesday' is not a date (expected YYYY-MM-DD)"),
    (["history", "--format", "xml"], "hipcli: --format 'xml' is not one of table, csv, json"),
])
def test_bad_input_is_one_line_and_exit_2(args, message):
    result = run_main(*args)
    assert (result.returncode, result.stderr.splitlines(), result.stdout) == (2, [message], "")
    assert not default_path().exists()


def test_show_tells_the_progressed_doses(tmp_path):
    tiny = write_routine(tmp_path / "routines")
    store, days = HistoryStore.open(), Days()
    for _ in range(3):
        run_recorded(tiny, store, now=days)
    out = invoke("show", str(tiny))
    assert "Tiny routine: 40 s" in out and "hold 15 s" in out and "3 reps" in out
    assert out.splitlines()[-5:] == [
        "Doses from your history (--level overrides them):",
        "  Tiny hold left: 15 s (same as last time: done in full once so far at this dose)",
        "  Tiny hold right: 15 s (same as last time: done in full once so far at this dose)",
        "  Tiny lift left: 3 reps (same as last time: done in full once so far at this dose)",
        "  Tiny lift right: 3 reps (same as last time: done in full once so far at this dose)",
    ]
    explicit = invoke("show", str(tiny), "--level", "easy")
    assert "hold 10 s" in explicit and "Doses from your history" not in explicit
    data = json.loads(invoke("show", str(tiny), "--json"))
    assert data["progression"][0] == {"exercise": "tiny-hold", "side": "left", "hold": 15.0,
                                      "sets": 1, "risen": False,
                                      "reason": "same as last time: done in full once so far "
                                                "at this dose"}


def test_show_without_history_starts_at_the_bottom_and_writes_nothing():
    out = invoke("show", "external-rotation")
    assert "hold 30 s" in out and "hold 45 s" not in out  # 30-60 s: bottom, not middle
    assert out.splitlines()[-9:-6] == [
        "Doses to start with (--level overrides them):",
        "  90/90 ER stretch left: 30 s (start of its range: no sessions yet)",
        "  Active 90/90 ER left: 5 reps (start of its range: no sessions yet)",
    ]
    data = json.loads(invoke("show", "external-rotation", "--json"))
    assert data["progression"][-1] == {"exercise": "er-flexion-lift-off", "side": "right",
                                       "reps": 5, "sets": 2, "risen": False,
                                       "reason": "start of its range: no sessions yet"}
    explicit = invoke("show", "external-rotation", "--level", "normal")
    assert "hold 45 s" in explicit and "Doses to start with" not in explicit
    assert not default_path().exists()


def history_files_held_open() -> list[str]:
    """The history database and its WAL files among this process's open files."""
    import os
    folder = str(default_path().parent)
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # the listing's own descriptor, closed by now
            continue
        if target.startswith(folder):
            held.append(target)
    return held


@pytest.mark.parametrize("args", [
    ["history"], ["history", "--json"], ["history", "--format", "csv"], ["stats"],
    ["report", "--format", "md"], ["measure", "--history"],
    ["measure", "--left-er", "40", "--left-ir", "35", "--right-er", "45", "--right-ir", "30"],
    ["show", "external-rotation"], ["today"]])
def test_a_command_leaves_no_file_of_the_history_open(recorded, args):
    """Run in a process that goes on (a test, a program using hipcli), a command closes the
    history it read: each left open would cost three files (database, WAL, index)."""
    recorded.close()
    assert history_files_held_open() == []
    invoke(*args)
    assert history_files_held_open() == []

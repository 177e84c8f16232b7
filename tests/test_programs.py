"""Program commands on a fresh history: one program at a time, moving by hand, previews and
hard sessions that do not end a stage, and `today` with no program."""

from __future__ import annotations

import json
from datetime import date, timedelta

from typer.testing import CliRunner

from hipcli.cli import app
from tests.program_helpers import cli, first_due  # noqa: F401 (cli is a fixture)

MONDAY = date(2026, 3, 2)


def test_today_with_no_program_suggests_one(cli):
    out = cli(MONDAY, "today")
    assert out.splitlines()[0] == ("No program is under way. Start one with "
                                   "`hipcli program start NAME`:")
    assert "  piriformis     Piriformis rehab" in out.splitlines()
    assert cli(MONDAY).startswith(out)  # `hipcli` alone shows today


def test_one_program_at_a_time_then_stop(cli):
    cli(MONDAY, "program", "start", "hip-rotation")
    second = CliRunner().invoke(app, ["program", "start", "piriformis"])
    assert "the hip-rotation program is under way: stop it first" in str(second.exception)
    assert cli(MONDAY, "program", "stop") == "Stopped hip-rotation.\n"
    assert first_due(cli(MONDAY, "program", "start", "piriformis")) == ("due",
                                                                        "piriformis-phase-1")


def test_advance_and_back_move_by_hand_and_stop_at_the_ends(cli):
    cli(MONDAY, "program", "start", "piriformis")
    assert "Stage 2 of 3: phase-2" in cli(MONDAY, "program", "advance")
    assert "Stage 3 of 3: phase-3" in cli(MONDAY, "program", "advance")
    at_end = CliRunner().invoke(app, ["program", "advance"])
    assert str(at_end.exception) == "piriformis is already at its last stage"
    assert "Stage 2 of 3: phase-2" in cli(MONDAY, "program", "back")
    assert first_due(cli(MONDAY, "today")) == ("due", "piriformis-phase-2")


def run_days(cli, days, *extra) -> str:
    """Phase 1 on each day; the last session's output."""
    out = ""
    for day in days:
        out = cli(day, "start", "piriformis-phase-1", "--plain", "--audio", "off", *extra)
    return out


def test_previews_and_hard_sessions_do_not_end_a_stage(cli):
    cli(MONDAY, "program", "start", "piriformis")
    days = [MONDAY + timedelta(days=n) for n in (0, 2, 4, 7, 9, 11)]
    run_days(cli, days, "--speed", "50", "--pain", "1", "--effort", "right")
    later = MONDAY + timedelta(days=14)
    preview = CliRunner().invoke(app, ["start", "piriformis-phase-1", "--plain", "--audio",
                                       "off", "--speed", "50"])
    assert preview.stderr == ("hipcli: a preview (--speed 50) counts for nothing in doses or "
                              "program stages\n")
    status = cli(later, "program", "status")
    assert "  [ ] at least 4 sessions: 0 so far" in status  # six previews, none counted
    # Four real sessions, but the last two felt hard: "with control" is not met yet.
    run_days(cli, [later + timedelta(days=n) for n in range(2)], "--pain", "1", "--effort", "right")
    run_days(cli, [later + timedelta(days=n) for n in (2, 3)], "--pain", "1", "--effort", "hard")
    status = cli(later + timedelta(days=3), "program", "status")
    assert "Stage 1 of 3: phase-1" in status
    assert ("  [ ] effort no harder than right in the last 2 check-ins: last hard, hard"
            in status)
    assert "  [x] at least 14 days: day 18, begun 2026-03-02" in status
    # One session felt right: the last two are hard, right; still not.
    run_days(cli, [later + timedelta(days=4)], "--pain", "1", "--effort", "right")
    assert "Stage 1 of 3" in cli(later + timedelta(days=4), "program", "status")
    out = run_days(cli, [later + timedelta(days=5)], "--pain", "1", "--effort", "easy")
    assert out.splitlines()[-2].startswith("Stage phase-1 is done: every criterion met")
    assert out.splitlines()[-1] == "Now Piriformis rehab, stage 2 of 3: Phase 2 - standing strength."
    assert "Stage 2 of 3: phase-2" in cli(later + timedelta(days=5), "program", "status")


def test_a_session_ending_a_stage_says_so(cli):
    cli(MONDAY, "program", "start", "hip-rotation")
    out = cli(MONDAY, "start", "hip-rotation", "--plain", "--audio", "off", "--pain", "2")
    assert out.splitlines()[-1] == "Check-in kept: pain 2/10."
    today = cli(MONDAY, "today").splitlines()
    assert today[2].startswith("  done     hip-rotation: 3-4 a week, done today; 1 of 3-4 "
                               "this week; last done Mon 2026-03-02")
    assert today[-1] == "Nothing more is due today."


def test_a_program_started_with_a_side_doses_its_routines_for_that_side(cli):
    before = cli(MONDAY, "show", "iliopsoas", "--json")
    # No program: 3 x 20 on both sides, the program's baseline.
    sets = lambda shown: {(s["exercise"], s["side"]): s["sets"]
                          for s in json.loads(shown)["progression"]}
    assert sets(before)[("seated-band-hip-ir", "right")] == 3
    cli(MONDAY, "program", "start", "iliopsoas", "--affected", "left")
    after = sets(cli(MONDAY, "show", "iliopsoas", "--json"))
    # Left is the sore side: 3 x 20 there, 2 x 20 on the right.
    assert (after[("seated-band-hip-ir", "left")], after[("seated-band-hip-ir", "right")]) == (3, 2)


ONE_SESSION_PLAN = """\
name: quick-plan
stages:
  - name: first
    routines:
      - routine: desk-break
        due: daily
    length: {sessions: 1}
    until: {full_sessions: 1}
  - name: second
    routines:
      - routine: hip-rotation
        due: 3-4 a week
"""


def test_a_stage_never_ends_on_one_session_whatever_the_file_says(cli, tmp_path):
    mine = tmp_path / "user-routines" / "programs"
    mine.mkdir(parents=True)
    (mine / "quick-plan.yaml").write_text(ONE_SESSION_PLAN)
    cli(MONDAY, "program", "start", "quick-plan")
    once = cli(MONDAY, "start", "desk-break", "--plain", "--audio", "off")
    assert "is done" not in once
    assert "  [ ] at least 2 sessions: 1 so far" in cli(MONDAY, "program", "status")
    twice = cli(MONDAY, "start", "desk-break", "--plain", "--audio", "off")
    assert twice.splitlines()[-2].startswith("Stage first is done: every criterion met")

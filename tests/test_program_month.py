"""A month of two programs from a fresh history, day by day, through the real command line:
sessions run with --plain on a set date (HIPCLI_TODAY) with check-ins, and `today` asked each
morning. Stages must end on the very day their criteria are met, never a day before."""

from __future__ import annotations

import json
from pathlib import Path
from datetime import date, timedelta

from tests.program_helpers import cli, first_due  # noqa: F401 (cli is a fixture)

START = date(2026, 1, 5)  # a Monday


def test_piriformis_month_moves_on_only_when_each_phase_is_passed(cli):
    # Sessions Mon, Wed, Fri and Sat: 4 a week, the top of "3-4 a week".
    session_days = {0, 2, 4, 5}
    # Pain 2 each time, but 5 on Fri 16 Jan: above the ceiling of 3, so phase 1 cannot end
    # on Mon 19 Jan (day 15, the first day past its 14) until a session with pain 2 follows.
    spike = date(2026, 1, 16)
    assert cli(START, "program", "start", "piriformis").startswith("Today, Mon 2026-01-05")
    seen = {}
    for offset in range(30):  # Mon 5 Jan .. Tue 3 Feb
        day = START + timedelta(days=offset)
        morning = cli(day, "today")
        seen[day] = (first_due(morning), "is done" in morning)
        if day.weekday() in session_days:
            routine = first_due(morning)[1]
            out = cli(day, "start", routine, "--plain", "--audio", "off",
                      "--pain", "5" if day == spike else "2", "--effort", "right")
            seen[day] += ("is done" in out,)
    phase = lambda day: seen[day][0][1]
    # Phase 1 from 5 Jan. 19 Jan: 14 days have gone by (19 - 5), 9 full sessions, but the last
    # two pains are 5 and 2; the session that morning (pain 2, after 2) ends the phase.
    assert {phase(START + timedelta(days=n)) for n in range(15)} == {"piriformis-phase-1"}
    assert seen[date(2026, 1, 19)] == (("due", "piriformis-phase-1"), False, True)
    # Phase 2 from 19 Jan: sessions 21, 23, 24, 26, 28, 30, 31 Jan; 14 days have gone by on
    # 2 Feb (19 + 14), so `today` that morning ends it, and not on 1 Feb.
    assert {phase(date(2026, 1, d)) for d in range(20, 32)} == {"piriformis-phase-2"}
    # Sun 1 Feb: Mon 26, Wed 28, Fri 30 and Sat 31 make 4, the top of 3-4: nothing more due.
    assert seen[date(2026, 2, 1)][0] == ("done", "piriformis-phase-2")
    assert seen[date(2026, 2, 2)][:2] == (("due", "piriformis-phase-3"), True)
    assert seen[date(2026, 2, 3)][0] == ("due", "piriformis-phase-3")  # Mon done, 1 of 3-4


def test_iliopsoas_month_names_each_stage_routine_day_by_day(cli):
    # Daily sessions, weekends of the first week off: Sat 10 and Sun 11 Jan.
    rest_days = {date(2026, 1, 10), date(2026, 1, 11)}
    cli(START, "program", "start", "iliopsoas", "--affected", "left")
    mornings = {}
    for offset in range(30):
        day = START + timedelta(days=offset)
        morning = cli(day, "today")
        mornings[day] = first_due(morning)
        if day not in rest_days:
            command = morning.splitlines()[-1].removeprefix("Start it: hipcli ").split()
            assert command[-2:] == ["--affected", "left"]
            cli(day, *command, "--plain", "--audio", "off", "--pain", "1", "--effort", "right")
            assert first_due(cli(day, "today"))[0] in ("done", "optional")
    # Weeks 1-2: 5..18 Jan, 12 sessions (14 days less 2 rest days) >= 10; on 19 Jan 14 days
    # have gone by and `today` moves on. Weeks 3-4: 19 Jan..1 Feb; 2 Feb is 19 + 14.
    assert {mornings[START + timedelta(days=n)] for n in range(14)} == {("due", "iliopsoas")}
    assert {mornings[date(2026, 1, d)] for d in range(19, 32)} == {("due", "iliopsoas-weeks-3-4")}
    assert mornings[date(2026, 2, 1)] == ("due", "iliopsoas-weeks-3-4")
    assert mornings[date(2026, 2, 2)] == ("due", "iliopsoas-month-1")
    # Tue 3 Feb: one month-1 session done this week (Mon), target 2-3: still due.
    assert mornings[date(2026, 2, 3)] == ("due", "iliopsoas-month-1")
    status = cli(date(2026, 2, 3), "program", "status")
    assert "Stage 3 of 3: month-1" in status and "affected side left" in status
    # Adherence per week against the target of the stage under way that Monday: daily is 7;
    # week of 5 Jan lost Sat and Sun; from 2 Feb month-1 asks 2-3 a week, so at least 2.
    weeks = json.loads(cli(date(2026, 2, 3), "stats", "--json"))["adherence"]["weeks"]
    assert [(w["week_of"], w["sessions"], w["target"]) for w in weeks] == [
        ("2026-01-05", 5, 7), ("2026-01-12", 7, 7), ("2026-01-19", 7, 7), ("2026-01-26", 7, 7),
        ("2026-02-02", 2, 2)]
    assert cli(date(2026, 2, 3), "stats").splitlines()[-1] == "2026-02-02  2 of 2  this week"


def readme_block(after: str) -> str:
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = text.index("```", text.index(after))
    start = text.index("\n", start) + 1
    return text[start:text.index("```", start)]


def test_the_readme_shows_real_today_and_status_output(cli):
    cli(START, "program", "start", "iliopsoas", "--affected", "left")
    for n, pain in enumerate([3, 2, 2, 1, 2, 1, 1, 2, 1]):  # nine days, 5 to 13 January
        cli(START + timedelta(days=n), "start", "iliopsoas", "--affected", "left", "--plain",
            "--audio", "off", "--pain", str(pain), "--effort", "right")
    day = date(2026, 1, 15)
    shown = (f"$ hipcli today\n{cli(day, 'today')}\n"
             f"$ hipcli program status\n{cli(day, 'program', 'status')}")
    assert readme_block("with nine sessions done:") == shown
    stats = cli(day, "stats").split("\n\n")[-1]
    assert readme_block("carries it as `adherence`:") == stats


def test_the_readme_program_example_is_valid(tmp_path):
    from hipcli.checkfile import check_file
    path = tmp_path / "my-knee-plan.yaml"
    path.write_text(readme_block("is replaced). `hipcli schema --program`"), encoding="utf-8")
    assert check_file(path) == "a program: 2 stages, 2 routines"

"""`hipcli sheet` and `hipcli report` through the real command line, on real history files."""

import json
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.handouts.frequency import frequency
from hipcli.handouts.text import md
from hipcli.history.checkins import CheckIn, save_checkin
from hipcli.history.store import HistoryStore, StepRow, default_path
from tests.entry import run_main
from tests.handout_history import fill_year, level_for, record_session, timelines
from tests.history_helpers import write_routine

runner = CliRunner()

HOSTILE = """\
name: hostile
title: "Hips <script>alert(1)</script> & *bold*"
description: "Do it twice a week. | pipe [link](http://x)"
blocks:
  - exercise:
      id: odd-one
      name: "Odd <b>one</b>"
      kind: stretch
      position: prone
      steps: ["# not a heading", "<img src=x onerror=alert(1)>"]
      dose: {hold: 20s, per_side: true}
    sides: each
"""


def invoke(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def report_json(*args):
    return json.loads(invoke("report", "--format", "json", *args))


# -- sheet -------------------------------------------------------------------------------------
def test_sheet_markdown_names_every_exercise_in_order_with_its_level_dose():
    text = invoke("sheet", "external-rotation", "--format", "md", "--level", "normal")
    # normal is the middle of each range: hold 30-60s -> 45 s; reps 5-10 -> 7.5, rounded up to 8;
    # the kinetic stretch is fixed at 2 sets of 8, the lift-off at 2 sets of 5
    expected = ["## 1. 90/90 hip external rotation stretch", "**Dose:** 1 x 45 s hold each side",
                "## 2. Active 90/90 hip external rotation", "**Dose:** 1 x 8 reps each side",
                "## 3. 90/90 hip external rotation kinetic stretch",
                "**Dose:** 2 x 8 reps each side",
                "## 4. 90/90 hip external rotation flexion lift-off",
                "**Dose:** 2 x 5 reps each side"]
    positions = [text.index(line) for line in expected]
    assert positions == sorted(positions)
    # external-rotation says "three or four times a week": one box for each of up to 4 sessions
    assert "**Total time:**" in text and "This week: " + " ".join(["[ ]"] * 4) + "\n" in text
    assert "**How often:** Three or four times a week" in text


def test_sheet_uses_current_doses_from_history():
    store = HistoryStore.open(default_path())
    hard = timelines()["hard"]
    for day in (1, 2):
        record_session(store, hard, date(2026, 1, day), level="progression")
    text = invoke("sheet", "external-rotation", "--format", "md")
    # two sessions done in full at the top of each range (60 s hold, 10 reps, 1 set): the dose
    # stays there (no sets range to climb), where a new history would start at 30 s and 5 reps
    assert "**Dose:** 1 x 60 s hold each side" in text
    assert "**Dose:** 1 x 10 reps each side" in text
    assert "your current ones, earned from the sessions in your history" in text


def test_sheet_without_history_starts_at_the_bottom_of_each_range():
    text = invoke("sheet", "external-rotation", "--format", "md")
    assert "**Dose:** 1 x 30 s hold each side" in text  # bottom of 30-60s
    assert "**Dose:** 1 x 5 reps each side" in text  # bottom of 5-10
    assert "starting ones" in text


def test_sheet_gives_the_affected_side_its_extra_dose():
    text = invoke("sheet", "iliopsoas", "--format", "md", "--affected", "right")
    # the rehab doses the affected side 3 x 20 and the other 2 x 20
    assert "**Dose:** left 2 x 20 reps, right 3 x 20 reps." in text


def test_sheet_html_is_self_contained_with_a_drawing_per_exercise(tmp_path):
    out = tmp_path / "sheet.html"
    runner.invoke(app, ["sheet", "hip-cuff", "-o", str(out)])
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert page.count("<section class=\"exercise\">") == page.count('class="position ')
    assert page.count("<section class=\"exercise\">") == 5  # the five hip-cuff exercises


def test_a_sheet_of_a_routine_with_escape_codes_is_a_located_error(isolated_user_dirs):
    folder = isolated_user_dirs / "user-routines"
    write_routine(folder, HOSTILE.replace("[link](http://x)", "[link](http://x) \\e[31m"),
                  name="hostile")
    done = run_main("sheet", "hostile")
    # The description's quoted text starts on line 3, column 14 (after `description: `).
    assert done.returncode == 2 and "\x1b" not in done.stdout + done.stderr
    assert done.stderr.startswith(f"hipcli: {folder / 'hostile.yaml'}:3:14: control character")


def test_sheet_escapes_text_from_the_routine_file(isolated_user_dirs):
    write_routine(isolated_user_dirs / "user-routines", HOSTILE, name="hostile")
    page = invoke("sheet", "hostile")
    assert "<script" not in page and "<img" not in page and "<b>one" not in page
    assert "Hips &lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold*" in page
    assert "\x1b" not in page
    assert "2 times a week" in page  # "twice a week" read from the description
    text = invoke("sheet", "hostile", "--format", "md")
    assert "# Hips &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*bold\\*" in text
    assert "\\| pipe \\[link\\](http://x)" in text
    assert "1. \\# not a heading" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "\x1b" not in text
    assert "[ ] [ ]\n" in text and "[ ] [ ] [ ]" not in text  # twice a week: two boxes


@pytest.mark.parametrize("args, message", [
    (["sheet", "external-rotation", "--format", "pdf"], "--format 'pdf' is not one of html, md"),
    (["sheet", "external-rotation", "--level", "max"], "--level 'max' is not one of easy"),
    (["sheet", "no-such-routine"], "no-such-routine"),
    (["report", "--since", "last week"], "--since 'last week' is not a date"),
    (["report", "--format", "csv"], "--format 'csv' is not one of html, md, json"),
    (["report", "-o", "/nonexistent-folder/r.html"], "cannot write /nonexistent-folder/r.html"),
])
def test_bad_options_get_one_line_and_exit_2(args, message):
    done = run_main(*args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


# -- report ------------------------------------------------------------------------------------
def test_report_on_no_history_says_so():
    data = report_json()
    assert data["sessions"] == 0 and data["weeks"] == [] and data["checkins"] is None
    text = invoke("report", "--format", "md")
    assert "## Pain and effort after sessions\n\nNone recorded." in text
    assert "No sessions recorded yet." in text


def test_report_one_stopped_session():
    store = HistoryStore.open(default_path())
    yesterday = date.today() - timedelta(days=1)
    easy = timelines()["easy"]
    record_session(store, easy, yesterday, level="easy", stopped=True)
    data = report_json()
    assert data["sessions"] == 1 and data["finished"] == 0
    assert [s["status"] for s in data["stopped"]] == ["partial"]
    # the first half of the easy timeline: the 90/90 stretch (30 s) was done on the left
    doses = {d["exercise"]: d["sides"] for d in data["doses"]}
    assert doses["ninety-ninety-er-stretch"]["left"][0]["amount"] == 30
    assert sum(w["sessions"] for w in data["weeks"]) == 1


def test_report_shows_checkins_when_the_history_has_them():
    store = HistoryStore.open(default_path())
    sid = record_session(store, timelines()["easy"], date.today(), level="easy")
    sid2 = record_session(store, timelines()["easy"], date.today(), level="easy")
    save_checkin(store, CheckIn(sid, 2, "hard"), "2026-01-01T10:00:00+00:00")
    save_checkin(store, CheckIn(sid2, 5, None), "2026-01-01T11:00:00+00:00")
    data = report_json()
    # one week: pain (2 + 5) / 2 = 3.5; effort 3 (hard; the other check-in has none), 2 check-ins
    assert [(c["pain"], c["effort"], c["count"]) for c in data["checkins"]] == [(3.5, 3.0, 2)]
    page = invoke("report")
    assert "<td>3.5</td><td>3</td><td>2</td>" in page and "None recorded." not in page


def test_report_weeks_against_the_routines_stated_frequency():
    store = HistoryStore.open(default_path())
    monday = date.today() - timedelta(days=date.today().weekday() + 14)
    for offset in (0, 2, 4, 7):  # three sessions two weeks ago, one last week
        sid = store.begin_session(routine="hip-rotation", title="Hip rotation",
                                  started_at=f"{monday + timedelta(days=offset)}T08:00:00+00:00",
                                  planned_seconds=600, level="easy")
        store.record_steps(sid, [], duration=600, status="finished", updated_at="x")
    text = invoke("report", "--format", "md")
    # hip-rotation says 3-4 times a week: 3 meets it, 1 and 0 do not; 600 s = 10 minutes each
    assert "- **Target:** 3-4 times a week (hip-rotation)" in text
    assert f"| {monday} | 3 | 30 | yes |" in text
    assert f"| {monday + timedelta(days=7)} | 1 | 10 | no |" in text
    assert report_json()["target"] == {"routine": "hip-rotation", "per_week_low": 3,
                                       "per_week_high": 4}


def test_sped_up_previews_are_left_out_of_the_report():
    store = HistoryStore.open(default_path())
    easy = timelines()["easy"]
    record_session(store, easy, date.today(), level="easy")
    preview = store.begin_session(routine="external-rotation", title="External rotation",
                                  started_at=f"{date.today()}T10:00:00+00:00",
                                  planned_seconds=easy.total, level="easy", speed=20)
    store.record_steps(preview, [], duration=easy.total, status="finished", updated_at="x")
    data = report_json()
    # 632 s of the easy routine = 10.5 minutes, the preview's equal time not added
    assert (data["sessions"], data["previews_left_out"], data["minutes"]) == (1, 1, 10.5)
    assert "- **Sped-up previews left out:** 1" in invoke("report", "--format", "md")


def test_report_escapes_text_from_the_history():
    store = HistoryStore.open(default_path())
    sid = store.begin_session(routine="<script>x</script>", title="t", started_at=
                              f"{date.today().isoformat()}T08:00:00+00:00", planned_seconds=60,
                              level="easy")
    store.record_steps(sid, [StepRow(sid, 0, 0, "<img src=x>", "left", "reps", 1, 1, None, 5,
                                     10.0, 4.0, False)],
                       duration=4.0, status="partial", updated_at="x")
    page = invoke("report")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "&lt;img src=x&gt;" in page
    text = invoke("report", "--format", "md")
    assert "<script>" not in text and "&lt;img src=x&gt;" in text


def test_report_since_a_day_to_come_is_empty_not_an_error():
    data = report_json("--since", (date.today() + timedelta(days=30)).isoformat())
    assert data["sessions"] == 0 and len(data["weeks"]) == 1


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "r.md"
    result = runner.invoke(app, ["report", "--format", "md", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text().startswith("# Hip mobility progress report")
    assert list(tmp_path.iterdir()) == [out]  # no partial file left beside it


@pytest.fixture(scope="module")
def year_history(tmp_path_factory):
    folder = tmp_path_factory.mktemp("year")
    fill_year(folder / "history.sqlite3", first=date.today() - timedelta(days=365)).close()
    return folder


def test_report_a_year_of_daily_sessions(year_history, monkeypatch):
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(year_history))
    data = report_json()
    # sessions n = 0..364; n % 7 == 6 stopped: 6, 13, ..., 363 -> (363 - 6) / 7 + 1 = 52
    assert (data["sessions"], data["finished"], len(data["stopped"])) == (365, 313, 52)
    assert data["period"] == "month"
    stretch = next(d for d in data["doses"] if d["exercise"] == "ninety-ninety-er-stretch")
    # easy (30 s) for the first 122 days, normal (45 s) to day 243, hard (60 s) after
    assert stretch["sides"]["left"][0]["amount"] == 30
    assert stretch["sides"]["right"][-1]["amount"] == 60
    assert {p["amount"] for p in stretch["sides"]["left"]} == {30, 45, 60}
    # each month shows its last session's dose: the level of the last day n in that month
    first = date.today() - timedelta(days=365)
    last_day = {}
    for n in range(365):
        last_day[(first + timedelta(days=n)).isoformat()[:7]] = n
    hold = {"easy": 30, "normal": 45, "hard": 60}
    assert [(p["period"], p["amount"]) for p in stretch["sides"]["left"]] == [
        (month, hold[level_for(n)]) for month, n in last_day.items()]
    # self-tests on days 0, 28, ..., 364: 14; left ER 25 + k against right 45
    rotation = data["rotation"]
    assert len(rotation) == 14
    assert (rotation[0]["left_er"], rotation[0]["er_gap"]) == (25, -20)
    assert (rotation[-1]["left_er"], rotation[-1]["er_gap"]) == (38, -7)
    assert all(w["sessions"] == 7 for w in data["weeks"][1:-1])  # every full week in between
    since = (date.today() - timedelta(days=14)).isoformat()
    recent = report_json("--since", since)
    assert recent["sessions"] == 14 and recent["period"] == "week"


def test_report_markdown_of_a_year_has_the_tables(year_history, monkeypatch):
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(year_history))
    text = invoke("report", "--format", "md")
    assert "- **Sessions:** 365 (313 finished, 52 stopped early)" in text
    assert "| date | left ER | right ER | ER gap |" in text
    assert "ER: left tighter" in text  # 20 degrees apart at the first test


def test_frequency_words():
    assert frequency("repeat it 3-4 times a week").words() == "3-4 times a week"
    assert frequency("done daily for two weeks").words() == "every day"
    assert frequency("Roughly ten minutes") is None


def test_markdown_escape_keeps_figures_plain():
    assert md("3843.3") == "3843.3"
    assert md("1. step", line_start=True) == "\\1. step"


def test_a_period_shows_the_dose_of_its_last_session_and_sets_done():
    from hipcli.handouts.report import dose_tracks

    def reps(session, seq, amount, skipped=False):
        return StepRow(session, seq, seq, "clamshell", "left", "reps", seq + 1, 3, None, amount,
                       30.0, 30.0, skipped)
    steps = [reps(1, 0, 10), reps(1, 1, 10), reps(2, 0, 12), reps(2, 1, 12), reps(2, 2, 12, True),
             reps(3, 0, 15)]
    tracks = dose_tracks(steps, {1: "2026-01", 2: "2026-01", 3: "2026-02"},
                         ["2026-01", "2026-02"], {"clamshell": "Clamshell"})
    # January: session 2 came last, 2 sets of 12 done (the third skipped); February: 1 x 15
    assert [(t.name, t.values) for t in tracks] == [
        ("Clamshell", {"left": [(12, 2), (15, 1)]})]


def test_every_position_has_its_own_drawing():
    from typing import get_args

    from hipcli.handouts.drawings import FIGURES, figure_for
    from hipcli.model import Position
    assert set(get_args(Position)) <= set(FIGURES)
    assert figure_for("seated", "ninety-ninety-er-stretch", "x") == "ninety-ninety"
    assert figure_for("prone", "prone-hip-er", "Prone hip ER") == "prone"
    shapes = {repr(shape) for shape in FIGURES.values()}
    assert len(shapes) == len(FIGURES)  # no two positions drawn alike

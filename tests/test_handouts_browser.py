"""The hand-outs in a real browser: headless Chromium prints them to PDF and a PNG, and the
figures are read back from the PDF text (poppler's pdftotext)."""

import re
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from hipcli.cli import app
from hipcli.history.store import HistoryStore, default_path
from tests import browser
from tests.handout_history import fill_year, record_session, timelines

pytestmark = pytest.mark.browser
runner = CliRunner()


def write(tmp_path, *args) -> "Path":
    out = tmp_path / f"{args[0]}.html"
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, (result.output, result.exception)
    return out


def check_fits(page, pdf, paper):
    """The page lays out within A4's printable width, and no word runs off the printed paper."""
    scroll, client = browser.overflow(page, browser.A4_CONTENT_PX)
    assert scroll <= client, f"{scroll} px of content in a {client} px wide page"
    pages, (width, height) = browser.pdf_pages(pdf)
    assert (round(width), round(height)) == browser.PAPER_POINTS[paper]
    # 15 mm margin = 15 / 25.4 * 72 = 42.5 pt on each side
    assert browser.words_right_edge(pdf) <= width - 42.5 + 1
    return pages


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_sheet_prints_on_a4_and_letter_with_every_exercise_and_dose(tmp_path):
    page = write(tmp_path, "sheet", "external-rotation", "--level", "normal")
    for paper in ("A4", "Letter"):
        pdf = browser.print_pdf(page, paper)
        assert check_fits(page, pdf, paper) <= 2
        text = flat(browser.pdf_text(pdf))
        # normal: middle of 30-60 s = 45 s; middle of 5-10 reps = 7.5, rounded up to 8
        for words in ("External rotation", "1. 90/90 hip external rotation stretch",
                      "1 x 45 s hold each side", "2. Active 90/90 hip external rotation",
                      "1 x 8 reps each side", "2 x 8 reps each side", "2 x 5 reps each side",
                      "4. 90/90 hip external rotation flexion lift-off", "Total time:"):
            assert words in text, words
    width, height = browser.screenshot(page, tmp_path / "sheet.png")
    assert (width, height) == (800, 1130)
    assert (tmp_path / "sheet.png").stat().st_size > 20_000  # drawn, not blank


def test_sheet_of_every_position_fits(tmp_path):
    page = write(tmp_path, "sheet", "runners-hips")
    pdf = browser.print_pdf(page, "A4")
    check_fits(page, pdf, "A4")
    assert page.read_text().count('class="position ') == len(
        re.findall(r'<section class="exercise">', page.read_text()))


def test_report_of_no_history_prints(tmp_path):
    page = write(tmp_path, "report")
    pdf = browser.print_pdf(page, "A4")
    assert check_fits(page, pdf, "A4") == 1
    text = flat(browser.pdf_text(pdf))
    assert "Sessions: 0 (0 finished, 0 stopped early)" in text
    assert "Pain and effort after sessions None recorded." in text


def test_report_of_one_session_prints(tmp_path):
    store = HistoryStore.open(default_path())
    record_session(store, timelines()["normal"], date.today() - timedelta(days=1), level="normal")
    store.add_measurements("2026-01-02T09:00:00+00:00", [("left", 32, 30), ("right", 47, 36)])
    page = write(tmp_path, "report", "--since", "2026-01-01")
    pdf = browser.print_pdf(page, "Letter")
    check_fits(page, pdf, "Letter")
    text = flat(browser.pdf_text(pdf))
    assert "Sessions: 1 (1 finished, 0 stopped early)" in text
    # left 32 - right 47 = -15 ER (over 10: left tighter); IR 30 - 36 = -6
    assert "2026-01-02 32 47 -15 30 36 -6 ER: left tighter" in text
    assert "1 x 45 s" in text  # the 90/90 stretch at normal: middle of 30-60 s


@pytest.fixture(scope="module")
def year_history(tmp_path_factory):
    folder = tmp_path_factory.mktemp("year")
    fill_year(folder / "history.sqlite3", first=date.today() - timedelta(days=365)).close()
    return folder


def test_report_of_a_year_prints(tmp_path, year_history, monkeypatch):
    monkeypatch.setenv("HIPCLI_DATA_DIR", str(year_history))
    page = write(tmp_path, "report")
    pdf = browser.print_pdf(page, "A4")
    pages = check_fits(page, pdf, "A4")
    assert 2 <= pages <= 12
    text = flat(browser.pdf_text(pdf))
    # 365 daily sessions, every 7th (n % 7 == 6) stopped halfway: 52 stopped, 313 finished
    assert "Sessions: 365 (313 finished, 52 stopped early)" in text
    # the first self-test: left ER 25, right 45, gap -20; IR 30 and 35, gap -5
    first = (date.today() - timedelta(days=365)).isoformat()
    assert f"{first} 25 45 -20 30 35 -5 ER: left tighter" in text
    assert text.count("stopped early") >= 52
    assert browser.screenshot(page, tmp_path / "report.png") == (800, 1130)

"""Headless Chromium and poppler for the hand-out tests: print to PDF, screenshot, measure.

The pages under test have no scripts; to measure layout, a copy gets one small script that
writes the page's scroll width into its title, which `--dump-dom` then shows.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

REQUIRE_ENV = ("HIPCLI_REQUIRE_AUDIO", "CI")
BASE = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
# printable width inside 15 mm margins: A4 is 210 - 30 = 180 mm, Letter 215.9 - 30 = 185.9 mm;
# at 96 px to the inch, 180 mm = 180 / 25.4 * 96 = 680 px
A4_CONTENT_PX = 680
PAPER_POINTS = {"A4": (595, 842), "Letter": (612, 792)}


def need_chromium() -> str:
    """The chromium command, or skip the test (fail instead where the packages must be there)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = ([] if found else ["chromium"]) + [
        tool for tool in ("pdftotext", "pdfinfo") if not shutil.which(tool)]
    if not missing:
        return found
    reason = f"needs chromium and poppler-utils (missing: {', '.join(missing)})"
    if any(os.environ.get(name) for name in REQUIRE_ENV):
        pytest.fail(reason)
    pytest.skip(reason)


def _run(args: list[str], tmp: Path) -> str:
    profile = tmp / "chromium-profile"
    done = subprocess.run([need_chromium(), *BASE, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _variant(page: Path, suffix: str, extra_head: str = "", extra_body: str = "") -> Path:
    text = page.read_text(encoding="utf-8")
    text = text.replace("</head>", extra_head + "</head>", 1)
    text = text.replace("</body>", extra_body + "</body>", 1)
    copy = page.with_name(f"{page.stem}-{suffix}.html")
    copy.write_text(text, encoding="utf-8")
    return copy


def print_pdf(page: Path, paper: str) -> Path:
    """Print as a person would on `paper`; the page itself leaves the paper size to the printer."""
    copy = _variant(page, paper, extra_head=f"<style>@page {{ size: {paper}; }}</style>")
    pdf = page.with_name(f"{page.stem}-{paper}.pdf")
    _run([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", copy.as_uri()], page.parent)
    assert pdf.exists() and pdf.stat().st_size > 1000
    return pdf


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_pages(pdf: Path) -> tuple[int, tuple[float, float]]:
    """(page count, page size in points)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    return pages, (float(size[1]), float(size[2]))


def words_right_edge(pdf: Path) -> float:
    """The right edge of the rightmost word on any page, in points."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return max(float(x) for x in re.findall(r'xMax="([\d.]+)"', html))


def overflow(page: Path, width_px: int) -> tuple[int, int]:
    """(scroll width, client width) of the page laid out `width_px` wide."""
    probe = ('<script>addEventListener("load", () => { const e = document.documentElement; '
             'document.title = "W" + e.scrollWidth + "/" + e.clientWidth; });</script>')
    copy = _variant(page, f"probe{width_px}", extra_body=probe)
    dom = _run([f"--window-size={width_px},1200", "--dump-dom", copy.as_uri()], page.parent)
    found = re.search(r"<title>W(\d+)/(\d+)</title>", dom)
    assert found, dom[:500]
    return int(found[1]), int(found[2])


def screenshot(page: Path, png: Path, *, width: int = 800, height: int = 1130,
               scale: float = 1.0) -> tuple[int, int]:
    """A PNG of the top of the page; returns its pixel size, read from the PNG header."""
    _run([f"--screenshot={png}", f"--window-size={width},{height}",
          f"--force-device-scale-factor={scale}", page.as_uri()], page.parent)
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])

"""The HTML page around a hand-out: one self-contained file, no scripts, printable on A4 and Letter."""

from __future__ import annotations

from hipcli.handouts.text import h

# Width is capped at what A4 leaves inside 15 mm margins (180 mm), which Letter also fits;
# everything inside shrinks to that width rather than spilling past the paper's edge.
STYLE = """
@page { margin: 15mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { font: 10.5pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       max-width: 180mm; margin: 0 auto; padding: 0; overflow-wrap: anywhere; }
@media screen { body { padding: 12px; } }
h1 { font-size: 17pt; margin: 0 0 4px; }
h2 { font-size: 13pt; margin: 14px 0 4px; border-bottom: 1.5px solid #000; }
h3 { font-size: 11.5pt; margin: 0 0 2px; }
p { margin: 3px 0; }
.facts { display: flex; flex-wrap: wrap; gap: 2px 18px; margin: 6px 0; }
.facts b { font-weight: 700; }
table { border-collapse: collapse; font-size: 9pt; }
th, td { border: 1px solid #000; padding: 1px 5px; text-align: right; vertical-align: top; }
th { background: #e6e6e6; }
td.text, th.text { text-align: left; }
svg { max-width: 100%; height: auto; }
.chart { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px 14px;
         margin: 6px 0 10px; break-inside: avoid-page; }
.chart .figures { flex: 1 1 90mm; min-width: 0; }
.chart figure { margin: 0 0 6px; }
.chart table { flex: 0 1 auto; }
.exercise { display: flex; gap: 10px; border-top: 1px solid #000; padding: 6px 0;
            break-inside: avoid; }
.exercise .drawing { flex: 0 0 34mm; text-align: center; font-size: 8pt; }
.exercise .words { flex: 1 1 auto; min-width: 0; }
.exercise ol, .exercise ul { margin: 2px 0 2px 18px; padding: 0; }
.safety { border: 1.5px solid #000; padding: 2px 6px; margin-top: 3px; }
.ticks td { width: 20mm; height: 9mm; }
.muted { font-size: 9pt; }
"""


def document(title: str, body: str) -> str:
    """A whole HTML page; `title` is escaped here, `body` must already be safe HTML."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{h(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


def table(headers: list[str], rows: list[list[str]], *, text_columns: int = 1,
          caption: str = "") -> str:
    """An HTML table of already-escaped cells; the first `text_columns` align left."""
    def cell(tag: str, index: int, value: str) -> str:
        css = ' class="text"' if index < text_columns else ""
        return f"<{tag}{css}>{value}</{tag}>"
    head = "".join(cell("th", i, v) for i, v in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>"
                   for row in rows)
    title = f"<caption>{caption}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table of already-escaped cells."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]

"""Make text from routine files and the history safe to place in HTML or Markdown."""

from __future__ import annotations

import html
import math
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^([#+\-=>]|\d+[.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: object) -> str:
    """One line of text: control characters (escape codes included) dropped, whitespace folded."""
    return " ".join(_CONTROL.sub("", str(text)).split())


def h(text: object) -> str:
    """Text as HTML character data or an attribute value."""
    return html.escape(plain(text), quote=True)


def md(text: object, *, line_start: bool = False) -> str:
    """Text as Markdown that renders as the same words: markup characters and raw HTML disarmed
    (and, for text that begins a line, anything that would make it a heading, list or quote)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START.sub(r"\\\1", escaped) if line_start else escaped


def number(value: object, digits: int = 1) -> str:
    """A figure for a table: at most `digits` decimals, no trailing zeros; '-' for none or NaN."""
    if value is None or not isinstance(value, (int, float)) or not math.isfinite(value):
        return "-"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text

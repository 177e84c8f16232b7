"""The check-in after a live session: one key for pain, one for effort, any other key skips."""

from __future__ import annotations

import io

import pytest

from hipcli.ui.checkin import EFFORT_PROMPT, PAIN_PROMPT, read_checkin


@pytest.mark.parametrize("keys, pain, effort", [
    ("3r", 3, "right"), ("0e", 0, "easy"), ("xh", 10, "hard"), ("9H", 9, "hard"),
    ("\r\r", None, None), ("q2", None, None), ("7 ", 7, None),
])
def test_one_key_each_and_skippable(keys, pain, effort):
    pressed = iter(keys)
    out = io.StringIO()
    answers = read_checkin(lambda: next(pressed), out)
    assert (answers.pain, answers.effort) == (pain, effort)
    shown_pain = "skipped" if pain is None else str(pain)
    assert out.getvalue() == f"{PAIN_PROMPT}{shown_pain}\n{EFFORT_PROMPT}{effort or 'skipped'}\n"

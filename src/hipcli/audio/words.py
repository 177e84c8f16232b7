"""Spoken wording: numbers spelled out, exercise names made speakable, and the cue phrases.

A speech synthesizer reads "90/90" as "ninety slash ninety" and "45" however it likes; the
phrases here spell every number out so the cue sounds the same on every machine.
"""

from __future__ import annotations

import re

from hipcli.timeline import Step

ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_PAIR = re.compile(r"\b(\d+)\s*[/-]\s*(\d+)\b")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def number_words(n: int) -> str:
    """0 to 999,999 in words: 45 -> "forty-five", 120 -> "one hundred twenty"."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")
    return str(n)


def _decimal_words(text: str) -> str:
    whole, _, fraction = text.partition(".")
    words = number_words(int(whole))
    if fraction.strip("0"):
        words += " point " + " ".join(ONES[int(d)] for d in fraction.rstrip("0"))
    return words


def speakable(text: str) -> str:
    """Text with every number in words: "90/90 hip stretch" -> "ninety-ninety hip stretch"."""
    text = _PAIR.sub(lambda m: f"{number_words(int(m[1]))}-{number_words(int(m[2]))}", text)
    return _NUMBER.sub(lambda m: _decimal_words(m[0]), text)


def plural(count: int, one: str, many: str) -> str:
    return f"{number_words(count)} {one if count == 1 else many}"


def duration_words(seconds: float) -> str:
    """45 -> "forty-five seconds", 60 -> "one minute", 150 -> "two minutes thirty seconds"."""
    whole = int(seconds + 0.5)
    if whole < 120 and whole != 60:
        return plural(whole, "second", "seconds")
    minutes, rest = divmod(whole, 60)
    words = plural(minutes, "minute", "minutes")
    return words + (f" {plural(rest, 'second', 'seconds')}" if rest else "")


def dose_phrase(step: Step) -> str:
    if step.kind == "hold":
        return f"Hold {duration_words(step.seconds)}."
    return f"{plural(step.reps, 'rep', 'reps').capitalize()}."


def _sentence(text: str) -> str:
    text = speakable(text).strip().rstrip(".")
    return text[:1].upper() + text[1:] + "."


def _side_words(step: Step) -> str:
    """ "Left side, front leg. " for a get-ready; nothing when both sides work together."""
    if not step.side:
        return ""
    means = f", {step.side_means}" if step.side_means else ""
    return f"{step.side.capitalize()} side{means}. "


def step_phrases(step: Step) -> list[str]:
    """What to say as a step starts, longest first; the speaker uses the longest that fits.

    A get-ready says the exercise's set-up once, when the exercise first comes up.
    """
    if step.is_work:
        side = f"{step.side.capitalize()} side. " if step.side else ""
        dose = dose_phrase(step)
        return [f"{side}{_sentence(step.title)} {dose}", f"{side}{dose}", dose]
    if step.kind == "prepare" and step.setup:
        side, setup = _side_words(step), _sentence(step.setup)
        return [f"{side}{setup}", setup, side.strip()] if side else [setup]
    if step.kind == "switch":
        return [f"Switch sides. {step.side.capitalize()} side now." if step.side else
                "Switch sides.", "Switch sides."]
    if step.kind == "rest":
        return [f"Rest, {duration_words(step.seconds)}.", "Rest."]
    if step.kind == "done":
        return ["Routine complete. Well done.", "Well done."]
    return []

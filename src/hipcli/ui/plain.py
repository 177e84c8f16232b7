"""One line per event, for pipes, scripts and screen readers."""

from __future__ import annotations

from typing import TextIO, cast

from hipcli.durations import format_duration, format_elapsed
from hipcli.engine import Engine, Event
from hipcli.session import OutputClosed
from hipcli.text import one_line
from hipcli.timeline import Step

QUIET_KINDS = {"tick", "step_end"}


def describe(event: Event, engine: Engine) -> str | None:
    """The text of one event (a get-ready adds a second line), or None for frequent events."""
    step, kind = event.step, event.kind
    if kind in QUIET_KINDS:
        return None
    if kind == "started":
        total = engine.timeline.total
        return f"start  {engine.timeline.title}  {format_duration(total)}"
    if kind == "step":
        return _step_line(step)
    if kind == "finished":
        return f"done  {engine.timeline.title}"
    return f"{_subject(step)}  {_detail(event)}"


def _detail(event: Event) -> str:
    step, kind = event.step, event.kind
    if kind == "rep":
        return f"rep {event.value}/{step.reps}"
    if kind == "phase":
        return f"rep {event.rep}/{step.reps} {event.value}"
    if kind == "countdown":
        return str(event.value)
    if kind == "adjusted":
        return f"hold now {format_duration(cast(float, event.value))}"
    return kind


def _subject(step: Step) -> str:
    if step.kind in ("rest", "done"):
        return step.title.lower()
    return f"{step.side or 'both'}  {step.label}"


def _step_line(step: Step) -> str:
    if step.kind == "prepare":
        return f"get ready  {_side(step)}  {step.label}" + _guidance(step)
    if step.kind == "switch":
        return f"switch sides  {_side(step)}  {step.label}"
    if step.kind == "rest":
        return f"rest  {format_duration(step.seconds)}"
    sets = f"  set {step.set_no}/{step.set_count}" if step.set_count > 1 else ""
    rounds = f"  round {step.round_no}/{step.round_count}" if step.round_count > 1 else ""
    return f"{step.side or 'both'}  {step.label}  {step.dose_text}{sets}{rounds}"


def _side(step: Step) -> str:
    """ "left", or "left (front leg)" where the position makes the side need explaining."""
    side = step.side or "both"
    return f"{side} ({step.side_means})" if step.side and step.side_means else side


def _guidance(step: Step) -> str:
    """The set-up and safety note, on a line of their own under the get-ready line."""
    words = []
    if step.setup:
        words.append(f"set-up: {step.setup}")
    if step.safety:
        words.append(f"safety: {step.safety}")
    return "\n" + "  ".join(words) if words else ""


class PlainOutput:
    """A listener that writes a timestamped line per event and flushes it at once."""

    def __init__(self, out: TextIO):
        self.out = out
        self.gone = False

    def on_events(self, events: list[Event], engine: Engine, now: float) -> None:
        if self.gone:
            return
        try:
            for event in events:
                text = describe(event, engine)
                if text is not None:
                    at = format_elapsed(event.at - engine.started_at)
                    self.out.writelines(f"{at}  {one_line(line)}\n"
                                        for line in text.splitlines())
            self.out.flush()
        except BrokenPipeError:  # the reader went away (`| head`): end as if stopped
            self.gone = True
            raise OutputClosed() from None

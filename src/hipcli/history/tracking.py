"""History around one `hipcli start`: what to say before and after, and the recorder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from hipcli.history.programs import phase_passed
from hipcli.history.recorder import HistoryRecorder
from hipcli.history.store import HistoryStore
from hipcli.planning import Plan


@dataclass
class SessionHistory:
    """The store, the plan made from it and the listener that records the session."""

    store: HistoryStore
    plan: Plan
    recorder: HistoryRecorder

    def before_lines(self) -> list[str]:
        """What to say before starting: a phase already passed, and doses that went up."""
        lines = [self.plan.passed.message()] if self.plan.passed else []
        risen = self.plan.dose_lines(only_risen=True)
        return lines + [f"Up a notch: {line}" for line in risen]

    def after_lines(self) -> list[str]:
        """A phase passed for the first time in the session that just ended."""
        phase = self.plan.phase
        if (phase is None or self.plan.passed or self.recorder.session_id is None
                or self.recorder.failed):
            return []
        passed = phase_passed(self.store, phase, self.plan.keys)
        if passed and passed.session.id == self.recorder.session_id:
            return [passed.message()]
        return []


def print_lines(lines: list[str], out: TextIO) -> None:
    for line in lines:
        out.write(line + "\n")
    out.flush()

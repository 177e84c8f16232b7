"""History around one `hipcli start`: open the database, plan the doses, record, report unlocks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from hipcli.history.plan import Plan, plan_session
from hipcli.history.programs import phase_passed
from hipcli.history.recorder import HistoryRecorder
from hipcli.history.store import HistoryStore
from hipcli.timeline import Options


@dataclass
class SessionHistory:
    """The store, the plan it produced and the listener that records the session."""

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
        if self.plan.passed or self.recorder.session_id is None or self.recorder.failed:
            return []
        passed = phase_passed(self.store, self.plan.timeline.routine, self.plan.keys)
        if passed and passed.session.id == self.recorder.session_id:
            return [passed.message()]
        return []


def open_for_session(name: str, options: Options, *, speed: float) -> SessionHistory:
    """Open (checking it is sound) the history, and plan the session from it."""
    store = HistoryStore.open(check=True)
    plan = plan_session(name, options, store=store)
    return SessionHistory(store, plan, HistoryRecorder(store, level=plan.level, speed=speed))


def print_lines(lines: list[str], out: TextIO) -> None:
    for line in lines:
        out.write(line + "\n")
    out.flush()

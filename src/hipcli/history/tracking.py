"""History around one `hipcli start`: what to say before and after, the recorder and the
writer thread it hands records to, the check-in, and the program stage the session may end."""

from __future__ import annotations

from typing import Optional, TextIO

from hipcli.history.checkins import CheckIn, save_checkin
from hipcli.history.recorder import HistoryRecorder
from hipcli.history.store import HistoryStore
from hipcli.history.writer import HistoryWriter
from hipcli.planning import Plan
from hipcli.records import record
from hipcli.text import printable


@record(frozen=False)
class SessionHistory:
    """The store, the plan it produced, the listener that records the session and the writer
    thread that takes the records off the timing path."""

    store: HistoryStore
    plan: Plan
    recorder: HistoryRecorder
    writer: HistoryWriter
    plan_routine: str = ""

    def before_lines(self) -> list[str]:
        """What to say before starting: doses that went up or were held."""
        lines = [f"Up a notch: {line}" for line in self.plan.dose_lines(only_risen=True)]
        held = [d for d in self.plan.decisions.values() if d.reason.startswith("held at")]
        moved = [f"Moved on: {line}" for line in self.plan.moved]
        return moved + lines + [f"Not up: {d.label} {d.reason}" for d in held[:1]]

    def after_lines(self, pain: Optional[int], effort: Optional[str]) -> list[str]:
        """Keep the check-in, then end the program's stage if this session met its criteria."""
        from hipcli.days import today
        from hipcli.history.coaching import refresh
        from hipcli.history.recorder import wall_clock_now
        session = self.writer.session_id(self.recorder.session_id)
        if session is None:  # the session waits in the journal: its check-in joins it there
            return self._journal_checkin(CheckIn(0, pain, effort), wall_clock_now())
        checkin = CheckIn(session, pain, effort)
        save_checkin(self.store, checkin, wall_clock_now())
        lines = [f"Check-in kept: {checkin.words()}."] if checkin.given else []
        return lines + refresh(self.store, today())[1]

    def _journal_checkin(self, checkin: CheckIn, taken_at: str) -> list[str]:
        from hipcli.history import journal
        if not checkin.given or self.recorder.session_id is None:
            return []
        try:
            journal.append(self.writer.path, [{
                "op": "checkin", "key": self.recorder.session_id, "pain": checkin.pain,
                "effort": checkin.effort, "taken_at": taken_at}])
        except OSError:
            return [f"The check-in ({checkin.words()}) could not be kept either."]
        return [f"Check-in kept with the session, for the history next time: "
                f"{checkin.words()}."]

    def preview_note(self) -> list[str]:
        """For stderr: a sped-up session of the program under way counts for nothing."""
        from hipcli.history.runs import program_for
        if (self.recorder.speed <= 1 or self.recorder.session_id is None
                or program_for(self.store, self.plan_routine) is None):
            return []
        return [f"hipcli: a preview (--speed {self.recorder.speed:g}) counts for nothing in "
                "doses or program stages"]


    def close(self) -> list[str]:
        """Wait (briefly) for the writer; what it says when the database held it up."""
        return self.writer.close()


def print_lines(lines: list[str], out: TextIO) -> None:
    for line in lines:
        out.write(printable(line) + "\n")
    out.flush()

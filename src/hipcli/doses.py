"""The dose chosen for each exercise and side of one session: an amount and a number of sets."""

from __future__ import annotations

from typing import Literal, Mapping, Optional
from hipcli.records import record

WorkKind = Literal["hold", "reps"]
WORK_KINDS: tuple[WorkKind, ...] = ("hold", "reps")
Key = tuple[str, Optional[str]]  # (exercise id, side or None)


@record
class Dose:
    """Seconds of hold or a rep count (`amount`), done `sets` times."""

    amount: float
    sets: int

    def covers(self, other: "Dose") -> bool:
        """At least as much as `other` in both amount and sets."""
        return self.amount >= other.amount and self.sets >= other.sets


Doses = Mapping[Key, Dose]

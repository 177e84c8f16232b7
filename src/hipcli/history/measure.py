"""The prone hip rotation self-test: check readings, and say what they and their trend mean."""

from __future__ import annotations

from typing import Optional

from hipcli.choices import SIDES
from hipcli.errors import HipcliError
from hipcli.history.store import Measurement
from hipcli.records import record

MAX_DEGREES = 90.0
GOOD_ER_DEGREES = 45.0
ASYMMETRY_DEGREES = 10.0
READINGS = (("left", "er"), ("left", "ir"), ("right", "er"), ("right", "ir"))
DIRECTION = {"er": "external rotation", "ir": "internal rotation"}
ROUTINE = {"er": "external-rotation", "ir": "internal-rotation"}
SIDE_MEANS = {"er": "in its 90/90 moves the side named is your front leg",
              "ir": "in its 90/90 moves the side named is your back leg"}

GUIDE = [
    "Prone hip rotation self-test: one leg at a time, lying face down.",
    "1. Lie on your front, both hip bones resting on the floor.",
    "2. Bend one knee to 90 degrees so the foot points at the ceiling.",
    "3. Relax and let the shin drop inward, across the other leg: that angle is external rotation (ER).",
    "4. Bring it back up, then let it drop outward, away from the other leg: that is internal rotation (IR).",
    "5. Read each angle between the shin and vertical (a phone level app helps), then switch legs.",
]


def check_degrees(value: float, *, name: str) -> float:
    """A reading between 0 and 90 degrees, or a clear error."""
    if value != value or not 0 <= value <= MAX_DEGREES:
        raise HipcliError(f"{name} must be between 0 and {MAX_DEGREES:g} degrees, got {value:g}")
    return float(value)


def option_name(side: str, direction: str) -> str:
    return f"--{side}-{direction}"


@record
class Reading:
    """One test: ER and IR degrees for both sides."""

    taken_at: str
    left_er: float
    left_ir: float
    right_er: float
    right_ir: float

    @property
    def er_gap(self) -> float:
        return self.left_er - self.right_er

    @property
    def ir_gap(self) -> float:
        return self.left_ir - self.right_ir

    def rows(self) -> list[tuple[str, float, float]]:
        return [("left", self.left_er, self.left_ir), ("right", self.right_er, self.right_ir)]


def readings(measurements: list[Measurement]) -> list[Reading]:
    """One reading per test, oldest first: a test is stored as a left row and the right row
    written next to it (ids one apart), so two tests in the same second stay two."""
    by_id = {m.id: m for m in measurements}
    found = []
    for left in sorted(measurements, key=lambda m: m.id):
        right = by_id.get(left.id + 1)
        if left.side == "left" and right is not None and right.side == "right" \
                and right.taken_at == left.taken_at:
            found.append(Reading(left.taken_at, left.er_degrees, left.ir_degrees,
                                 right.er_degrees, right.ir_degrees))
    return found


def advice(reading: Reading) -> list[str]:
    """What one test says: each side's ER against the 45 degree mark, and any gap over 10."""
    lines = []
    for side, er, _ in reading.rows():
        verdict = ("at or past" if er >= GOOD_ER_DEGREES else "short of")
        lines.append(f"{side.capitalize()} external rotation {er:g}°: {verdict} the "
                     f"{GOOD_ER_DEGREES:g}° mark of a good range.")
    for direction, gap in (("er", reading.er_gap), ("ir", reading.ir_gap)):
        tighter = tighter_side(gap)
        if tighter:
            lines.append(f"{DIRECTION[direction].capitalize()} differs by {abs(gap):g}° between "
                         f"sides (more than {ASYMMETRY_DEGREES:g}°): add sets for the {tighter} "
                         f"side, e.g. `hipcli start {ROUTINE[direction]} --side {tighter}` "
                         f"after your usual routine ({SIDE_MEANS[direction]}).")
    if len(lines) == 2:
        lines.append(f"Left and right are within {ASYMMETRY_DEGREES:g}° of each other.")
    return lines


def tighter_side(gap: float) -> Optional[str]:
    """The side that moves less, when left minus right is beyond the asymmetry mark."""
    if abs(gap) <= ASYMMETRY_DEGREES:
        return None
    return "left" if gap < 0 else "right"

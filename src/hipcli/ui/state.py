"""What the live view shows at one moment: a small frozen snapshot of a running session.

Every field is already rounded to what the screen can show (whole seconds, rep numbers), so
two snapshots compare equal exactly when the picture would be the same, and the live screen
can skip a redraw that would change nothing.
"""

from __future__ import annotations

import math
from typing import Optional

from hipcli.engine import Engine
from hipcli.records import record
from hipcli.timeline import Step

CUE_SECONDS = 8.0
LEAD_IN_KINDS = ("prepare", "switch")


@record
class ViewState:
    """A session as the screen sees it."""

    routine: str
    kind: str
    name: str
    side: Optional[str] = None
    set_no: int = 0
    set_count: int = 0
    round_no: int = 0
    round_count: int = 0
    rep: int = 0
    reps: int = 0
    phase: str = ""
    dose_text: str = ""
    left: int = 0
    seconds: float = 0.0
    total_left: int = 0
    total: float = 0.0
    cue: str = ""
    side_means: str = ""
    setup: str = ""
    safety: str = ""
    next_up: str = ""
    work_no: int = 0
    work_count: int = 0
    paused: bool = False
    asking: bool = False
    help: bool = False
    keys: bool = True
    notices: tuple[str, ...] = ()


def view_state(engine: Engine, now: float, *, asking: bool = False, help: bool = False,
               keys: bool = True, notices: tuple[str, ...] = ()) -> ViewState:
    """Snapshot `engine` at session time `now`; `asking` and `help` come from the keyboard,
    `keys` says whether there is one, `notices` are lines hipcli has to tell while the screen
    is taken (sound, history)."""
    step = engine.step
    steps = engine.timeline.steps
    target = _target(steps, engine.index)
    rep, phase = engine.current_rep(now) if step.kind == "reps" else (0, "")
    elapsed = engine.elapsed_in_step(now)
    return ViewState(
        routine=engine.timeline.title,
        kind=step.kind,
        name=_name(step, target),
        side=step.side,
        set_no=step.set_no, set_count=step.set_count,
        round_no=step.round_no, round_count=step.round_count,
        rep=rep, reps=step.reps, phase=phase,
        dose_text=(target.dose_text if target is not None else ""),
        left=_whole(engine.remaining_in_step(now)),
        seconds=engine.step_seconds,
        total_left=_whole(engine.remaining_total(now)),
        total=max(engine.timeline.total + engine.extra, 0.0),
        cue=_cue(target, elapsed),
        side_means=(target.side_means if target is not None and step.side else ""),
        setup=(step.setup if step.kind == "prepare" else ""),
        safety=(step.safety if step.kind == "prepare" else ""),
        next_up=_next_up(steps, engine.index, target),
        work_no=_work_no(steps, target),
        work_count=len(engine.timeline.work_steps),
        paused=engine.paused,
        asking=asking,
        help=help,
        keys=keys,
        notices=notices,
    )


def _whole(seconds: float) -> int:
    """Seconds as a countdown shows them: 44.2 left reads 45, so 0 only at the very end."""
    return max(math.ceil(seconds - 1e-6), 0)


def _target(steps: tuple[Step, ...], index: int) -> Optional[Step]:
    """The exercise step this one is about: itself, or the one a get-ready or switch leads into."""
    step = steps[index]
    if step.is_work:
        return step
    if step.kind in LEAD_IN_KINDS and index + 1 < len(steps) and steps[index + 1].is_work:
        return steps[index + 1]
    return None


def _name(step: Step, target: Optional[Step]) -> str:
    if step.kind in LEAD_IN_KINDS and target is not None:
        return target.title
    return step.title


def _cue(target: Optional[Step], elapsed: float) -> str:
    if target is None or not target.cues:
        return ""
    return target.cues[int(elapsed // CUE_SECONDS) % len(target.cues)]


def _next_up(steps: tuple[Step, ...], index: int, target: Optional[Step]) -> str:
    after = target.index if target is not None else index
    for step in steps[after + 1:]:
        if step.is_work:
            side = f"{step.side} · " if step.side else ""
            return f"{side}{step.label or step.title} · {step.dose_text}"
    return "the end"


def _work_no(steps: tuple[Step, ...], target: Optional[Step]) -> int:
    if target is None:
        return 0
    return sum(1 for step in steps[: target.index + 1] if step.is_work)

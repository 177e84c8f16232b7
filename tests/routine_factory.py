"""Small routines built in code, independent of the shipped library's content."""

from hipcli.library import Library
from hipcli.model import Exercise, Routine
from hipcli.validate import validated


def exercise(id, kind="stretch", *, hold=None, reps=None, per_side=True, **dose) -> Exercise:
    amount = {"hold": hold} if hold is not None else {"reps": reps}
    return validated(Exercise, {
        "id": id, "name": id.replace("-", " ").title(), "kind": kind, "position": "seated",
        "steps": ["Sit.", "Move.", "Breathe."], "cues": ["Stay tall.", "Breathe out."],
        "dose": {**amount, "per_side": per_side, **dose},
    })


LIBRARY = Library({ex.id: ex for ex in [
    exercise("test-stretch", hold="4-8s"),
    exercise("test-lift", "strength", reps="2-4", tempo="2s"),
    exercise("test-kinetic", "mobility", reps=2, phases=[{"name": "in", "seconds": 1},
                                                         {"name": "out", "seconds": 2}]),
    exercise("test-bridge", "strength", reps=3, per_side=False, sets=2, rest="3s"),
]})


def routine(blocks, **fields) -> Routine:
    return validated(Routine, {"name": "test", "prepare": 2, "switch": 1,
                                   "blocks": blocks, **fields})


PAIR = {"pair": {"stretch": "test-stretch", "strengthen": "test-lift"}}

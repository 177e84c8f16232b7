"""Records behave as the frozen dataclasses they stand in for: each check builds the same
class both ways and compares what a caller sees."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import field

import pytest

from hipcli.records import record


def both(frozen: bool = True, kw_only: bool = False):
    """The class `Point` as a dataclass and as a record."""
    def build(decorate):
        @decorate
        class Point:
            x: int
            y: int = 0
            tags: list = field(default_factory=list)

            def __post_init__(self) -> None:
                if self.x < 0:
                    raise ValueError("x below 0")
        return Point
    return (build(dataclasses.dataclass(frozen=frozen, kw_only=kw_only)),
            build(record(frozen=frozen, kw_only=kw_only)))


def outcome(action):
    try:
        return ("value", action())
    except Exception as exc:  # the kind of error is what must match
        return ("error", type(exc).__name__)


@pytest.mark.parametrize("args,kwargs", [
    ((1,), {}), ((1, 2), {}), ((), {"x": 1, "y": 2}), ((1,), {"y": 5}), ((1, 2, [3]), {}),
    ((), {}), ((1, 2, [], 4), {}), ((1,), {"x": 2}), ((1,), {"z": 3}), ((-1,), {}),
])
def test_arguments_defaults_and_post_init_match_dataclass(args, kwargs):
    reference, mine = both()
    expected = outcome(lambda: dataclasses.astuple(reference(*args, **kwargs)))
    assert outcome(lambda: dataclasses.astuple(mine(*args, **kwargs))) == expected


def test_keyword_only_fields_refuse_positions():
    reference, mine = both(kw_only=True)
    assert outcome(lambda: mine(1)) == outcome(lambda: reference(1)) == ("error", "TypeError")
    assert dataclasses.astuple(mine(x=1)) == (1, 0, [])


def test_frozen_refuses_assignment_and_deletion_mutable_allows_it():
    _, frozen = both()
    point = frozen(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.y
    _, mutable = both(frozen=False)
    moving = mutable(1)
    moving.x = 2
    assert moving.x == 2
    with pytest.raises(TypeError):
        hash(moving)  # compared by value and mutable: unhashable, as dataclass makes it


def test_equality_hash_repr_and_defaults_are_a_dataclasses():
    reference, mine = both()
    a, b = mine(1, 2), mine(1, 2)
    assert a == b and a != mine(1, 3) and a != reference(1, 2)  # another class is never equal
    assert outcome(lambda: hash(a)) == outcome(lambda: hash(reference(1, 2))) == \
        ("error", "TypeError")  # a list among the fields: unhashable both ways
    assert hash(Stored("hold", 30.0)) == hash(("hold", 30.0))  # the fields' values, in order
    assert repr(a) == repr(reference(1, 2)) == (
        "both.<locals>.build.<locals>.Point(x=1, y=2, tags=[])")
    assert mine(1).tags is not mine(1).tags  # a fresh list each time


def test_replace_fields_asdict_and_pickle_work_on_records():
    _, mine = both()
    point = mine(1, 2, ["a"])
    assert dataclasses.replace(point, y=9) == mine(1, 9, ["a"])
    assert [f.name for f in dataclasses.fields(point)] == ["x", "y", "tags"]
    assert dataclasses.asdict(point) == {"x": 1, "y": 2, "tags": ["a"]}
    assert outcome(lambda: dataclasses.replace(point, x=-1)) == ("error", "ValueError")


@record
class Stored:
    name: str
    amount: float = 1.0


def test_a_record_survives_pickling_as_the_cache_stores_it():
    again = pickle.loads(pickle.dumps(Stored("hold", 30.0)))
    assert again == Stored("hold", 30.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.amount = 0

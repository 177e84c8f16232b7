"""The per-session summary planning reads gives the same doses and clean-session counts as
working them out from every recorded step, on a real SQLite file."""

from __future__ import annotations

import random

from hipcli.doses import Dose
from hipcli.history.feed import StoreFeed
from hipcli.history.progression import SESSIONS_TO_RISE, PastDose, past_doses
from hipcli.history.store import HistoryStore, StepRow
from hipcli.model import Goal
from tests.history_helpers import without_the_tally


def work(session_id, seq, exercise, side, *, reps=8, set_no=1, sets=1, done=True,
         skipped=False):
    """A reps step of 10 s planned: done in full, cut short (`done` False) or skipped."""
    return StepRow(session_id, seq, seq, exercise, side, "reps", set_no, sets, None, reps,
                   10.0, 10.0 if done and not skipped else 4.0, skipped)


def record(store, day: int, steps, *, speed=1.0, level="progression") -> int:
    session = store.begin_session(routine="r", title="R", started_at=f"2026-01-{day:02d}T08:00:00",
                                  planned_seconds=60.0, level=level, speed=speed)
    store.record_steps(session, steps(session),
                       duration=60.0, status="finished", updated_at="x")
    return session


# -- the slow way: every step read, as planning did before the summary ---------------------
def slow_doses(store) -> dict:
    counted = [s.id for s in store.sessions() if s.speed <= 1 and s.level == "progression"]
    rows = [r for r in store.steps() if r.session_id in set(counted)]
    return past_doses(rows, counted)


def slow_clean(past: dict, exercise_id: str, goal: Goal, leaving_out=None) -> list[bool]:
    by_session: dict[int, bool] = {}
    for (exercise, _), doses in past.items():
        for done in doses:
            if exercise == exercise_id and done.session_id != leaving_out:
                clean = done.completed and done.dose.amount >= goal.reps and \
                    done.dose.sets >= goal.sets
                by_session[done.session_id] = by_session.get(done.session_id, True) and clean
    return [by_session[s] for s in sorted(by_session, reverse=True)]


def last_dosed(doses: list[PastDose]) -> list[PastDose]:
    return [d for d in doses if d.dose.amount > 0][:SESSIONS_TO_RISE]


def test_a_small_history_worked_out_by_hand(tmp_path):
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    # Day 1: lunge 2 x 8 both sides, all done.                   -> clean at 2 x 8
    record(store, 1, lambda s: [work(s, 0, "lunge", "left", set_no=1, sets=2),
                                work(s, 1, "lunge", "left", set_no=2, sets=2),
                                work(s, 2, "lunge", "right", set_no=1, sets=2),
                                work(s, 3, "lunge", "right", set_no=2, sets=2)])
    # Day 2: left 2 x 9 done (its second set says 8: the first set's reps are the dose);
    # right's second set skipped.                                -> not clean (right)
    record(store, 2, lambda s: [work(s, 0, "lunge", "left", reps=9, set_no=1, sets=2),
                                work(s, 1, "lunge", "left", reps=8, set_no=2, sets=2),
                                work(s, 2, "lunge", "right", reps=9, set_no=1, sets=2),
                                work(s, 3, "lunge", "right", reps=9, set_no=2, sets=2,
                                     skipped=True)])
    # Day 3: a preview at 10x speed: counts for nothing.
    record(store, 3, lambda s: [work(s, 0, "lunge", "left", reps=30)], speed=10.0)
    # Day 4: left with no reps recorded (0), right 1 x 10 done. -> not clean (left 0 reps)
    record(store, 4, lambda s: [work(s, 0, "lunge", "left", reps=0),
                                work(s, 1, "lunge", "right", reps=10)])
    feed = StoreFeed(store)
    found = feed.past_doses([("lunge", "left"), ("lunge", "right")])
    # left: day 4 has 0 reps, so the last two dosed are day 2 (2 x 9, done) and day 1 (2 x 8)
    assert found[("lunge", "left")] == [PastDose(2, Dose(9, 2), True), PastDose(1, Dose(8, 2), True)]
    # right: day 4 (1 x 10, done), day 2 (2 x 9, set 2 skipped)
    assert found[("lunge", "right")] == [PastDose(4, Dose(10, 1), True),
                                         PastDose(2, Dose(9, 2), False)]
    # Clean at 2 x 8, newest first: day 4 no (left 0 reps, 1 set), day 2 no (skip), day 1 yes
    assert feed.clean_sessions("lunge", Goal(sets=2, reps=8)) == [False, False, True]
    # At 1 x 8: day 4 still no (left had 0 reps), day 2 no (skip), day 1 yes
    assert feed.clean_sessions("lunge", Goal(sets=1, reps=8)) == [False, False, True]
    assert feed.clean_sessions("lunge", Goal(sets=2, reps=8), leaving_out=4) == [False, True]
    assert feed.latest_session(["lunge"]) == 4 and feed.latest_session(["squat"]) is None
    # ... and the slow way agrees.
    slow = slow_doses(store)
    assert {k: last_dosed(v) for k, v in slow.items()} == found
    assert slow_clean(slow, "lunge", Goal(sets=2, reps=8)) == [False, False, True]


def many_sessions(store, count: int, seed: int) -> None:
    """Sessions of two exercises, doses, skips and cut-short sets varying at random; a few
    previews and sessions at doses the user chose, which count for nothing."""
    chance = random.Random(seed)
    for n in range(count):
        def steps(s):
            rows, seq = [], 0
            for exercise in ("lunge", "clam"):
                for side in ("left", "right"):
                    sets, reps = chance.randint(1, 3), chance.choice([0, 6, 8, 10])
                    for set_no in range(1, sets + 1):
                        rows.append(work(s, seq, exercise, side, set_no=set_no,
                                         reps=reps - chance.randint(0, 1) * (set_no > 1),
                                         sets=sets, done=chance.random() > 0.15,
                                         skipped=chance.random() < 0.05))
                        seq += 1
            return rows
        record(store, 1 + n % 28, steps, speed=10.0 if chance.random() < 0.1 else 1.0,
               level=chance.choice(["progression"] * 8 + ["custom", "hard"]))


def agrees_with_the_slow_way(store) -> None:
    feed, slow = StoreFeed(store), slow_doses(store)
    keys = [(e, s) for e in ("lunge", "clam") for s in ("left", "right")]
    assert feed.past_doses(keys) == {k: last_dosed(slow[k]) for k in keys}
    latest = feed.latest_session(["lunge", "clam"])
    assert latest == max(d.session_id for v in slow.values() for d in v)
    for exercise in ("lunge", "clam"):
        for goal in (Goal(sets=1, reps=6), Goal(sets=2, reps=8), Goal(sets=1, reps=10)):
            counted = feed.clean_sessions(exercise, goal)
            assert counted == slow_clean(slow, exercise, goal) and any(counted)
            assert feed.clean_sessions(exercise, goal, leaving_out=latest) == \
                slow_clean(slow, exercise, goal, leaving_out=latest)


def test_many_sessions_give_the_same_doses_and_clean_sessions_as_every_step(tmp_path):
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    many_sessions(store, 400, seed=7)
    agrees_with_the_slow_way(store)


def test_a_history_recorded_before_the_summary_gets_it_when_opened(tmp_path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    many_sessions(store, 120, seed=11)
    without_the_tally(store)
    store.db.execute("DROP TABLE exercise_doses")  # as the schema stood before the summary
    store.db.execute("PRAGMA user_version = 3")
    store.close()
    agrees_with_the_slow_way(HistoryStore.open(path))

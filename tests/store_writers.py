"""Sessions written straight to the history store, light enough to import in a child process
(a spawned writer imports this module, not the test module with pytest behind it)."""

from hipcli.history.store import HistoryStore, StepRow


def step(session_id, seq, *, skipped=False, kind="hold", exercise="ex", side="left", set_no=1):
    return StepRow(session_id, seq, seq, exercise, side, kind, set_no, 1,
                   20.0 if kind == "hold" else None, 5 if kind == "reps" else None,
                   20.0, 0.0 if skipped else 20.0, skipped)


def begin(store, routine="tiny", started_at="2026-01-05T09:00:00+01:00"):
    return store.begin_session(routine=routine, title=routine.title(), started_at=started_at,
                               planned_seconds=60.0, level="normal")


def write_sessions(path, worker, sessions, start):
    """In a child process: wait for `start`, then write `sessions` finished sessions of five
    steps, one commit per step."""
    start.wait()
    store = HistoryStore.open(path)
    for n in range(sessions):
        sid = begin(store, f"worker-{worker}", f"2026-01-01T09:{n:02d}:00+00:00")
        for seq in range(5):
            store.record_steps(sid, [step(sid, seq)], duration=20.0 * (seq + 1),
                               status="finished" if seq == 4 else None, updated_at="x")
    store.close()

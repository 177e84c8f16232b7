"""Two minutes of cues through a real sound server: the last are heard no later than the first.

A player whose sounds fall behind a little more with every second is on time in a 16-s check
and half a second late after 20 minutes. This runs one 2-minute round of the long routine in
tests/cuecheck.py at real speed for each player, times every cue by the recorder's reads and
compares the first minute with the last. `-m "not audio"` leaves it out (4 minutes).
"""

from __future__ import annotations

import statistics

import pytest

from hipcli import clock as clock_module
from hipcli import launch
from hipcli.timeline import Options
from tests.cuecheck import (compile_routine, schedule, time_cues, traced_clock_class,
                            write_long_routine)
from tests.soundfixtures import needs

pytestmark = pytest.mark.audio

DRIFT_LIMIT = 0.010  # the last minute's median lateness may exceed the first's by at most this


@pytest.mark.parametrize("mode", ["miniaudio", "simpleaudio"])
def test_cues_are_as_late_in_the_last_minute_as_in_the_first(heard_by, monkeypatch, tmp_path,
                                                            capsys, mode):
    needs(mode)
    routine = write_long_routine(tmp_path, minutes=2)
    expected = schedule(compile_routine(routine))
    # One round: get ready 0-5 s (countdown 2, 3, 4), 25 reps of 2 s from 5 s (a tick at 7,
    # 9, ..., 53), get ready 55-60 s, a 60-s hold from 60 s (halfway 90, countdown 117-119),
    # done at 5 + 25 * 2 + 5 + 60 = 120 s.
    assert len(expected) == 1 + 3 + 1 + 24 + 1 + 3 + 1 + 1 + 3 + 1
    assert expected[-1] == ("complete", 120.0)
    origins: list[float] = []
    monkeypatch.setattr(clock_module, "SystemClock",
                        traced_clock_class(clock_module.SystemClock, origins))
    with heard_by.recording() as recording:
        code = launch.start_session(str(routine), Options(), plain=True, speed=1.0, audio=mode)
    assert code == 0 and capsys.readouterr().err == ""
    timed, problems = time_cues(recording, expected, origins[0])
    report = "\n".join([f"{t.due:6.1f}s {t.name:10s} {t.late * 1000:+6.1f} ms" for t in timed]
                       + problems)
    # A busy machine can make the sink drop or split the odd sound; the drift is the point,
    # so a few may go astray, but each minute must keep most of its cues (33 and 6 of them).
    first = [t.late for t in timed if t.due < 60]
    last = [t.late for t in timed if t.due >= 60]
    assert len(first) >= 30 and len(last) >= 5, report
    assert statistics.median(last) - statistics.median(first) <= DRIFT_LIMIT, report

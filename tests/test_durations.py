"""Parsing and formatting of durations, counts and ranges."""

import pytest
from hypothesis import given, strategies as st

from hipcli.durations import (Range, format_clock, format_duration, format_range,
                              parse_count_range, parse_duration, parse_duration_range)


@pytest.mark.parametrize("text,seconds", [
    ("45", 45), ("45s", 45), ("2m", 120), ("1m30s", 90), ("1:30", 90), (30, 30),
    ("1 min", 60), ("1.5m", 90), ("1h", 3600),
])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "5 parsecs", "1:75", "s", True])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize("text,low,high", [
    ("30-60s", 30, 60), ("1-2m", 60, 120), ("30s-1m", 30, 60), ("45s", 45, 45), ("1:30", 90, 90),
])
def test_parse_duration_range(text, low, high):
    assert parse_duration_range(text) == Range(low, high)


def test_reversed_range_is_an_error():
    with pytest.raises(ValueError, match="backwards"):
        parse_duration_range("60-30s")
    with pytest.raises(ValueError, match="backwards"):
        parse_count_range("10-5")


def test_count_ranges():
    assert parse_count_range("5-10") == Range(5, 10)
    assert parse_count_range(8) == Range(8, 8)
    with pytest.raises(ValueError):
        parse_count_range(2.5)


def test_pick_by_level():
    value = Range(30, 60)
    assert [value.pick(level) for level in ("easy", "normal", "hard")] == [30, 45, 60]


def test_formatting():
    assert format_clock(0.2) == "00:01"
    assert format_clock(59) == "00:59"
    assert format_clock(3725) == "1:02:05"
    assert format_duration(90) == "1 min 30 s"
    assert format_duration(45) == "45 s"
    assert format_range(Range(30, 60), "s") == "30-60s"
    assert format_range(Range(8, 8)) == "8"


@given(st.integers(min_value=0, max_value=5999))
def test_clock_text_round_trips(seconds):
    assert parse_duration(format_clock(seconds)) == seconds

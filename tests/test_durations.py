"""Parsing and formatting of durations, counts and ranges."""

import pytest
from hypothesis import given, strategies as st

from hipcli.durations import (Range, finite, format_clock, format_duration, format_elapsed, format_range,
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


@pytest.mark.parametrize("call, value, message", [
    (parse_duration, True, "expected a duration such as 45s or 1:30"),
    (parse_duration, "5 parsecs", "unknown unit 'parsecs' in '5 parsecs' (expected s, m or h)"),
    (parse_duration, "abc", "'abc' is not a duration (expected e.g. 45s, 2m, 1m30s or 1:30)"),
    (parse_duration_range, "60-30s",
     "range '60-30s' runs backwards (expected low-high, e.g. 30-60s)"),
    (parse_count_range, True, "expected a whole number such as 8 or a range such as 5-10"),
    (parse_count_range, 2.5, "expected a whole number such as 8 or a range such as 5-10"),
    (parse_count_range, "eight", "'eight' is not a count (expected e.g. 8 or 5-10)"),
    (parse_count_range, "10-5", "range '10-5' runs backwards (expected low-high, e.g. 30-60s)"),
])
def test_each_refusal_says_what_was_expected(call, value, message):
    # these words reach the user as the message of `hipcli validate`
    with pytest.raises(ValueError) as refused:
        call(value)
    assert str(refused.value) == message


def test_a_range_of_one_value_and_a_count_given_as_text():
    assert parse_count_range("8") == Range(8, 8)
    assert parse_count_range("8-8") == Range(8, 8)
    assert parse_duration_range("30-30s") == Range(30, 30)


@pytest.mark.parametrize("seconds, text", [
    (59.4, "59 s"), (59.6, "1 min"), (60, "1 min"), (61, "1 min 1 s"), (3599, "59 min 59 s"),
    (3600, "1 h"), (3660, "1 h 1 min"), (3601, "1 h 1 s"), (7325, "2 h 2 min 5 s"),
])
def test_durations_read_in_hours_minutes_and_seconds(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize("seconds, text", [(-2.5, "00:00"), (0, "00:00"), (59.01, "01:00"),
                                           (3600, "1:00:00")])
def test_a_countdown_never_shows_less_than_nothing(seconds, text):
    assert format_clock(seconds) == text


@pytest.mark.parametrize("seconds, text", [
    (59.99, "00:59"),   # rounds down: 59 whole seconds gone
    (60, "01:00"),      # 60 = 1 x 60 + 0
    (61.5, "01:01"),
    (3599, "59:59"),    # 59 x 60 + 59
    (3600, "60:00"),    # time gone by stays in minutes, past the hour too
    (-3, "00:00"),      # a moment before the start reads as the start
])
def test_time_gone_by_in_minutes_and_seconds(seconds, text):
    assert format_elapsed(seconds) == text


@pytest.mark.parametrize("value,shown", [(float("nan"), "nan"), (float("inf"), "inf")])
def test_nan_and_infinity_are_refused_by_name(value, shown):
    # a number handed straight to parse_duration is named "a duration" in the refusal;
    # finite() on its own names it "a number"
    with pytest.raises(ValueError) as refused:
        parse_duration(value)
    assert str(refused.value) == \
        f"a duration must be a finite number, got {shown} (expected e.g. 30 or 1:30)"
    with pytest.raises(ValueError) as refused:
        finite(-value)
    assert str(refused.value) == \
        f"a number must be a finite number, got {-value!r} (expected e.g. 30 or 1:30)"

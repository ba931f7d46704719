"""Times of the schedule: parsing, half-days, ordering, overlaps in one place."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.rules.schedule import (
    Slot, clock_words, half_of, moment_words, order_key, overlaps, parse_time, printed_time,
)

DAY = dt.date(2023, 12, 21)


def test_times_are_parsed_and_printed_as_the_seed_prints_them():
    assert parse_time("8:30") == "08:30"
    assert parse_time("14：30") == "14:30"
    assert parse_time("") == ""
    assert parse_time("25:00") is None and parse_time("8点半") is None
    assert printed_time("08:30") == "8:30" and printed_time("14:30") == "14:30"
    assert (half_of("08:30"), half_of("14:30"), half_of("19:00")) == ("上午", "下午", "晚上")


def test_a_meeting_of_unknown_time_goes_last_that_day():
    assert order_key(DAY, "上午", "08:30") < order_key(DAY, "下午", "14:30") < order_key(DAY, "", "")
    assert order_key(DAY, "", "") < order_key(DAY + dt.timedelta(days=1), "上午", "08:00")


def test_overlaps_need_the_same_day_and_place():
    a = Slot(1, DAY, "上午", "08:30", "11:30", "金银湖厅")
    b = Slot(2, DAY, "上午", "11:00", "", "金银湖厅")
    c = Slot(3, DAY, "上午", "11:30", "", "金银湖厅")  # starts when a ends
    d = Slot(4, DAY, "上午", "09:00", "", "巨龙湖厅")
    e = Slot(5, DAY, "上午", "09:00", "", "")  # place unknown: nothing to compare
    found = overlaps([a, b, c, d, e])
    assert {(x.key, y.key) for x, y in found} == {(1, 2), (2, 3)}
    tomorrow = Slot(6, DAY + dt.timedelta(days=1), "上午", "09:00", "", "金银湖厅")
    assert overlaps([a, tomorrow]) == []


@pytest.mark.parametrize("hour, minute, words", [
    (11, 0, "上午11:00"),  # seed 000: 规定为2023年12月22日上午11:00时
    (8, 30, "上午8:30"),
    (12, 0, "中午12:00"),  # never 下午12:00
    (12, 30, "中午12:30"),
    (16, 30, "下午4:30"),  # never 下午16:30
    (13, 5, "下午1:05"),
    (19, 0, "晚上7:00"),
    (0, 30, "凌晨0:30"),
])
def test_a_time_of_day_is_worded_as_a_secretariat_writes_it(hour, minute, words):
    assert clock_words(hour, minute) == words


@pytest.mark.parametrize("time, words", [
    ("08:52", "2023年12月21日上午8:52时"),  # 截至… as the chair's attendance report
    ("11:00", "2023年12月21日上午11:00时"),  # seed 000: 截止2023年12月22日上午11:00时
    ("12:00", "2023年12月21日中午12:00时"),
    ("15:30", "2023年12月21日下午3:30时"),
    ("8:30", "2023年12月21日上午8:30时"),
    ("", "2023年12月21日"),  # no time known: the day alone
    ("明早", "2023年12月21日"),
])
def test_a_moment_is_dated_as_a_secretariat_dates_it(time, words):
    assert moment_words(DAY, time) == words

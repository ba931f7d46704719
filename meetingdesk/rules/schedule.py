"""Times of the schedule: ordering meetings and finding the ones that overlap in one place."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from meetingdesk.rules.numerals import chinese_date

HALVES = ("上午", "下午", "晚上")
# Where a meeting gives no end time it is taken to last until the end of its half-day:
# the clerk knows the plenary and the delegation meetings of one half-day do not share a hall.
HALF_BOUNDS = {"上午": ("08:00", "12:00"), "下午": ("12:00", "18:00"), "晚上": ("18:00", "23:59"),
               "": ("00:00", "23:59")}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


def parse_time(text: str) -> str | None:
    """'8:30' / '08：30' → '08:30'; '' stays ''; anything else is None (not a time)."""
    text = text.strip()
    if not text:
        return ""
    match = _TIME.match(text)
    if not match:
        return None
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def half_of(time: str) -> str:
    """The half-day a start time falls in."""
    if not time:
        return ""
    if time < "12:00":
        return "上午"
    if time < "18:00":
        return "下午"
    return "晚上"


def clock_words(hour: int, minute: int) -> str:
    """A time of day as a secretariat writes it in a decision, the half-day and the 12-hour
    clock: 上午11:00 (the seed's 截止时间), 中午12:00, 下午4:30, 晚上7:00 — never 下午12:00 or
    下午16:30. The papers follow it with 时 as the seed does (上午11:00时)."""
    if hour < 6:
        half = "凌晨"
    elif hour < 12:
        half = "上午"
    elif hour < 13:
        half = "中午"
    elif hour < 18:
        half = "下午"
    else:
        half = "晚上"
    shown = hour - 12 if hour > 12 else hour
    return f"{half}{shown}:{minute:02d}"


def moment_words(day: dt.date, time: str = "") -> str:
    """A day and a time as the secretariat dates a count or a deadline: 2023年12月21日上午8:30时
    (the seed's 截止2023年12月22日上午11:00时); the day alone, 2023年12月21日, when TIME ("08:30")
    is "" or not a time."""
    date = chinese_date(day)
    parsed = parse_time(time) if time else ""
    if not parsed:
        return date
    hour, minute = parsed.split(":")
    return f"{date}{clock_words(int(hour), int(minute))}时"


def printed_time(time: str) -> str:
    """'08:30' → '8:30', as the seed's schedule prints it."""
    return time[1:] if time.startswith("0") else time


def order_key(date: dt.date, half: str, start: str, position: int = 0) -> tuple:
    # A meeting of unknown time (a presidium meeting the record only dates) goes last that day.
    rank = HALVES.index(half) if half in HALVES else len(HALVES)
    return (date, rank, start or "", position)


@dataclass(frozen=True)
class Slot:
    key: object  # the caller's id of the meeting
    date: dt.date
    half: str
    start: str
    end: str
    place: str

    def interval(self) -> tuple[str, str]:
        low, high = HALF_BOUNDS.get(self.half or half_of(self.start), HALF_BOUNDS[""])
        return (self.start or low, self.end or high)


def overlaps(slots: Sequence[Slot]) -> list[tuple[Slot, Slot]]:
    """Pairs of meetings on one day in one place whose times overlap (unknown places skipped)."""
    found = []
    items = [s for s in slots if s.place.strip()]
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if a.date != b.date or a.place.strip() != b.place.strip():
                continue
            (a0, a1), (b0, b1) = a.interval(), b.interval()
            if a0 < b1 and b0 < a1:
                found.append((a, b))
    return found

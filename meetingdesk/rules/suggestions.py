"""Suggestions (建议) after the session: their numbering, the rounds of a unit's replies, when a
reply is overdue, and the figures of the 办理情况报告. Pure Python: the services ask these rules
with what they read.

The words are the standing committees' own (seeds 001, 002, 003): 会议期间 / 闭会期间 建议, 主办 /
协办 单位, the three results of a reply, the delegate's 满意 / 基本满意 / 不满意, 办复率, and the
percentages to one decimal ("占总数的 17.3%", "办复率 100%").
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PERIODS = ("会议期间", "闭会期间")
SESSION, BETWEEN = PERIODS
SCREENINGS = ("受理", "退回修改")
ACCEPTED, RETURNED = SCREENINGS
RESULTS = ("已解决或基本解决", "列入计划逐步解决", "因条件限制留作参考")
RATINGS = ("满意", "基本满意", "不满意")
SATISFIED, BASIC, UNSATISFIED = RATINGS
ROLES = ("主办", "协办")
LEAD, ASSIST = ROLES
# The states a suggestion passes through, in order; 逾期 is 办理中 past a unit's due date.
STATES = ("退回修改", "未交办", "办理中", "逾期", "已答复", "已评价")
RETURNED_STATE, UNASSIGNED, HANDLING, OVERDUE, ANSWERED, RATED = STATES
# Seed 003's fields (涉及经济发展、城建城管、社会管理、文教民生方面的建议): the list a session starts
# with; the session may keep another.
FIELDS = ("经济发展", "城建城管", "社会管理", "文教民生")
UNCLASSIFIED = "未分类"

# Due dates when the session has set none: a number of days after the assignment. Three months
# is the span the rules on handling delegates' suggestions commonly give a lead unit; an
# assisting unit answers the lead's month before it (seed 001: 协办 by 6/30, 主办 by 7/31).
DEFAULT_DAYS = {LEAD: 90, ASSIST: 60}
REDO_DAYS = 30  # a reply rated 不满意 is redone and answered again within about a month
UNRATED_DAYS = 30  # a reply still unrated this long after it came is followed up


def number_words(period: str, number: int) -> str:
    """建议第12号 (made during the session) / 闭会第3号 (between sessions)."""
    return f"闭会第{number}号" if period == BETWEEN else f"建议第{number}号"


def percent(part: int, whole: int) -> str:
    """17.3% — one decimal, rounded half up, as the reports print it; a whole number without its
    decimal (100%, 0%). Nothing to divide by gives 0%."""
    if whole <= 0:
        return "0%"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{value:f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def overdue(due: dt.date | None, replied: dt.date | None, today: dt.date) -> bool:
    """Whether a round's reply is overdue on TODAY: not in, and its due date has passed."""
    return due is not None and replied is None and today > due


def late(due: dt.date | None, replied: dt.date | None) -> bool:
    """Whether a reply came after its round's due date."""
    return due is not None and replied is not None and replied > due


def current_round(ratings: Sequence[str]) -> int:
    """The round open now, from the ratings of the replies so far in round order: a reply rated
    不满意 opens the next one; without replies, round 1."""
    if not ratings:
        return 1
    return len(ratings) + 1 if ratings[-1] == UNSATISFIED else len(ratings)


def answered(ratings: Sequence[str]) -> bool:
    """Whether the round open now has its reply (the last reply was not rated 不满意)."""
    return bool(ratings) and ratings[-1] != UNSATISFIED


def due_from(rule: dt.date | int | None, role: str, assigned_on: dt.date) -> dt.date:
    """The due date of an assignment made on ASSIGNED_ON: RULE is a fixed date (seed 001: 协办 by
    6/30) or a number of days after the assignment; a fixed date already past when the unit gets
    the suggestion gives it the default span instead of a date it could never meet."""
    if isinstance(rule, dt.date) and rule >= assigned_on:
        return rule
    days = rule if isinstance(rule, int) and not isinstance(rule, bool) and rule > 0 else DEFAULT_DAYS[role]
    return assigned_on + dt.timedelta(days=days)


def state(returned: bool, assigned: bool, overdue_units: bool, lead_answered: bool, lead_rating: str) -> str:
    """A suggestion's state (one of STATES): 退回修改, 未交办, then 逾期 while any unit's open round
    is past due, then by the lead unit's reply (已答复 / 已评价), else 办理中."""
    if returned:
        return RETURNED_STATE
    if not assigned:
        return UNASSIGNED
    if overdue_units:
        return OVERDUE
    if lead_answered:
        return RATED if lead_rating in (SATISFIED, BASIC) else ANSWERED
    return HANDLING


def not_taken_over(kind: str, decision: str | None, withdrawn: bool, merged: bool) -> str | None:
    """Why an item of the motion register is not (or no longer) a suggestion to take over, None if
    it is one: a 建议, or a 议案 the review turned into one (转为代表建议); neither withdrawn nor merged."""
    if withdrawn:
        return "已撤回"
    if merged:
        return "已并案"
    if kind == "议案" and decision != "转为代表建议":
        return f"审查意见已改为“{decision or '待审查'}”"
    return None


def turned_numbers(own: Sequence[tuple[int, int]], turned: Sequence[tuple[int, int]],
                   highest: int) -> dict[int, int]:
    """The numbers of the suggestions taken over from the motion register: OWN are (motion id,
    建议 number) of 建议, which keep their numbers; TURNED are (motion id, 议案 number) of motions
    the review turned into suggestions, numbered after HIGHEST (the highest number of the period
    or of the register's 建议) in the order of their 议案 numbers. Returns motion id -> number."""
    found = {motion_id: number for motion_id, number in own}
    top = max([highest, *found.values()])
    for motion_id, _ in sorted(turned, key=lambda t: (t[1], t[0])):
        top += 1
        found[motion_id] = top
    return found


# ---------------------------------------------------------------- the figures of the report


@dataclass(frozen=True)
class Ratings:
    """The delegates' ratings of the suggestions of a group, one each (the lead unit's latest
    reply), and the rates on those rated (seed 002: 满意 176 件，占 90.7%；基本满意 18 件，占 9.3%)."""

    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0
    unrated: int = 0  # answered, not rated yet

    @property
    def rated(self) -> int:
        return self.satisfied + self.basic + self.unsatisfied

    @property
    def satisfied_rate(self) -> str:
        return percent(self.satisfied, self.rated)

    @property
    def basic_rate(self) -> str:
        return percent(self.basic, self.rated)

    @property
    def unsatisfied_rate(self) -> str:
        return percent(self.unsatisfied, self.rated)

    @property
    def content_rate(self) -> str:
        """满意和基本满意率 (seed 002: 100%)."""
        return percent(self.satisfied + self.basic, self.rated)


def count_ratings(ratings: Iterable[str]) -> Ratings:
    """Ratings of answered suggestions ("" for one not rated yet)."""
    found = {rating: 0 for rating in (*RATINGS, "")}
    for rating in ratings:
        found[rating if rating in found else ""] += 1
    return Ratings(found[SATISFIED], found[BASIC], found[UNSATISFIED], found[""])


@dataclass(frozen=True)
class FieldShare:
    """经济发展方面的建议 17 件，占总数的 17.3% (seed 003)."""

    name: str
    count: int
    percent: str


def field_shares(counts: Sequence[tuple[str, int]], total: int) -> tuple[FieldShare, ...]:
    """Each field's count and share of TOTAL, in the order given; fields without any left out."""
    return tuple(FieldShare(name, n, percent(n, total)) for name, n in counts if n)

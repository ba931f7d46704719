"""Motions and nominations at their boundaries: 9 and 10 signers, the deadline's minute, ratios."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.rules.elections import candidate_range, count_problem, needs_preliminary
from meetingdesk.rules.motions import count_signers, is_late, motion_problem, signed_while_serving

DEADLINE = dt.datetime(2023, 12, 22, 11, 0)
MINUTE = dt.timedelta(minutes=1)


def test_signers_count_once_and_only_while_serving():
    assert count_signers([(1, True), (1, True), (2, True), (3, False)]) == 2


def test_a_signature_counts_if_the_signer_served_when_the_paper_came():
    received = dt.datetime(2023, 12, 22, 10, 30)
    assert signed_while_serving(True, None, received)
    assert signed_while_serving(False, dt.date(2023, 12, 23), received)  # ended after: still counts
    assert not signed_while_serving(False, dt.date(2023, 12, 22), received)  # ends on its end date
    assert not signed_while_serving(False, dt.date(2023, 12, 21), received)
    assert not signed_while_serving(False, None, received)


def test_ten_signers_make_a_motion_nine_do_not():
    on_time = DEADLINE - MINUTE
    assert motion_problem("议案", "代表联名", 10, on_time, DEADLINE) is None
    assert "须有 10 名以上在任代表，现只有 9 名" in motion_problem("议案", "代表联名", 9, on_time, DEADLINE)
    assert motion_problem("议案", "主席团", 0, on_time, DEADLINE) is None  # a body needs no signers
    assert motion_problem("建议", "代表联名", 1, DEADLINE + dt.timedelta(days=3), DEADLINE) is None


def test_the_deadline_minute():
    assert not is_late(DEADLINE, DEADLINE)
    assert not is_late(DEADLINE - MINUTE, DEADLINE)
    assert is_late(DEADLINE + MINUTE, DEADLINE)
    assert not is_late(DEADLINE + MINUTE, None)
    assert "可以登记为建议" in motion_problem("议案", "代表联名", 12, DEADLINE + MINUTE, DEADLINE)
    assert motion_problem("议案", "代表联名", 12, DEADLINE, DEADLINE) is None


@pytest.mark.parametrize("rule, seats, expected", [
    ("常委会委员", 7, (8, 8)),  # seed 000: 7 seats, 8 candidates
    ("常委会委员", 10, (11, 12)),
    ("常委会委员", 3, (4, 4)),  # a fraction of a person still means one more
    ("正职", 1, (1, 2)),
    ("副职", 2, (3, 5)),
    ("上级人大代表", 10, (12, 15)),
    ("补选代表", 2, (2, None)),
])
def test_candidate_ranges(rule, seats, expected):
    assert candidate_range(rule, seats) == expected


def test_counts_at_their_limits():
    assert count_problem("常委会委员", "差额", 7, 8) is None
    assert "至少 8 人，现为 7 人" in count_problem("常委会委员", "差额", 7, 7)
    assert "至多 8 人，现为 9 人" in count_problem("常委会委员", "差额", 7, 9)
    assert count_problem("正职", "等额", 1, 1) is None
    assert "等于应选名额 1 人" in count_problem("正职", "等额", 1, 2)
    assert "不能等额选举" in count_problem("常委会委员", "等额", 7, 7)
    assert count_problem("补选代表", "等额", 2, 2) is None
    assert count_problem("补选代表", "差额", 2, 9) is None


def test_more_nominees_than_the_ratio_allows_need_a_preliminary_vote():
    assert not needs_preliminary("常委会委员", "差额", 7, 8)
    assert needs_preliminary("常委会委员", "差额", 7, 9)
    assert needs_preliminary("正职", "等额", 1, 2)
    assert not needs_preliminary("补选代表", "差额", 2, 30)

"""rules.suggestions: numbering, rounds, due dates and the report's figures, as the seeds print them."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.rules import suggestions as rules

D = dt.date


def test_numbers_per_period():
    assert rules.number_words("会议期间", 12) == "建议第12号"
    assert rules.number_words("闭会期间", 3) == "闭会第3号"


@pytest.mark.parametrize(("part", "whole", "text"), [
    (17, 98, "17.3%"), (42, 98, "42.9%"), (12, 98, "12.2%"), (27, 98, "27.6%"),  # seed 003 line 509
    (176, 194, "90.7%"), (18, 194, "9.3%"),  # seed 002 line 968
    (116, 118, "98.3%"), (2, 118, "1.7%"),  # seed 003 line 485
    (279, 279, "100%"), (0, 5, "0%"), (1, 2, "50%"), (1, 8, "12.5%"),
    (1, 0, "0%"),  # nothing to divide by
    (3, 8, "37.5%"), (1, 6, "16.7%"), (1, 40, "2.5%"), (1, 400, "0.3%"),  # half up, not to even
])
def test_percent_as_the_reports_print_it(part, whole, text):
    assert rules.percent(part, whole) == text


def test_seed_003_fields_add_up_to_the_whole():
    shares = rules.field_shares([("经济发展", 17), ("城建城管", 42), ("社会管理", 12), ("文教民生", 27),
                                 (rules.UNCLASSIFIED, 0)], 98)
    assert [(s.name, s.count, s.percent) for s in shares] == [
        ("经济发展", 17, "17.3%"), ("城建城管", 42, "42.9%"), ("社会管理", 12, "12.2%"), ("文教民生", 27, "27.6%")]


def test_ratings_and_their_rates():
    seed_002 = rules.count_ratings(["满意"] * 176 + ["基本满意"] * 18)
    assert (seed_002.satisfied, seed_002.basic, seed_002.unsatisfied, seed_002.rated) == (176, 18, 0, 194)
    assert (seed_002.satisfied_rate, seed_002.basic_rate, seed_002.content_rate) == ("90.7%", "9.3%", "100%")
    waiting = rules.count_ratings(["满意", "", "不满意", "基本满意"])
    assert waiting.unrated == 1 and waiting.rated == 3 and waiting.unsatisfied_rate == "33.3%"
    assert rules.count_ratings([]).satisfied_rate == "0%"


def test_rounds_open_after_an_unsatisfied_rating():
    assert rules.current_round([]) == 1 and not rules.answered([])
    assert rules.current_round([""]) == 1 and rules.answered([""])
    assert rules.current_round(["不满意"]) == 2 and not rules.answered(["不满意"])
    assert rules.current_round(["不满意", "满意"]) == 2 and rules.answered(["不满意", "满意"])
    assert rules.current_round(["不满意", "不满意"]) == 3


def test_overdue_and_late():
    due = D(2024, 7, 31)
    assert not rules.overdue(due, None, D(2024, 7, 31))  # the due date itself is in time
    assert rules.overdue(due, None, D(2024, 8, 1))
    assert not rules.overdue(due, D(2024, 8, 5), D(2024, 9, 1))  # in, if late
    assert not rules.overdue(None, None, D(2030, 1, 1))  # no due date, never overdue
    assert rules.late(due, D(2024, 8, 1)) and not rules.late(due, due) and not rules.late(None, D(2024, 8, 1))


def test_due_dates_from_a_fixed_date_or_a_span():
    # seed 001: 协办 by 6/30, 主办 by 7/31
    assert rules.due_from(D(2024, 6, 30), "协办", D(2024, 1, 10)) == D(2024, 6, 30)
    assert rules.due_from(D(2024, 7, 31), "主办", D(2024, 7, 31)) == D(2024, 7, 31)
    # a fixed date already past when the unit gets it: the default span instead
    assert rules.due_from(D(2024, 7, 31), "主办", D(2024, 9, 1)) == D(2024, 9, 1) + dt.timedelta(days=90)
    assert rules.due_from(60, "主办", D(2024, 3, 1)) == D(2024, 4, 30)
    assert rules.due_from(None, "协办", D(2024, 3, 1)) == D(2024, 3, 1) + dt.timedelta(days=60)


def test_states_in_their_order():
    assert rules.state(True, True, True, True, "满意") == "退回修改"
    assert rules.state(False, False, False, False, "") == "未交办"
    assert rules.state(False, True, True, True, "满意") == "逾期"
    assert rules.state(False, True, False, True, "") == "已答复"
    assert rules.state(False, True, False, True, "基本满意") == "已评价"
    assert rules.state(False, True, False, False, "不满意") == "办理中"  # redone in the next round
    assert rules.STATES == ("退回修改", "未交办", "办理中", "逾期", "已答复", "已评价")


def test_taken_over_numbers():
    # 建议 keep their numbers; 议案 turned into suggestions follow the highest, in 议案 order
    found = rules.turned_numbers([(20, 1), (21, 2)], [(7, 7), (3, 2), (5, 5)], highest=3)
    assert found == {20: 1, 21: 2, 3: 4, 5: 5, 7: 6}
    assert rules.turned_numbers([], [(9, 9)], highest=0) == {9: 1}
    assert rules.turned_numbers([(1, 8)], [], highest=3) == {1: 8}


def test_not_taken_over_says_why_an_item_of_the_register_is_no_suggestion():
    assert rules.not_taken_over("建议", None, False, False) is None
    assert rules.not_taken_over("议案", "转为代表建议", False, False) is None
    assert rules.not_taken_over("议案", "列为大会议案", False, False) == "审查意见已改为“列为大会议案”"
    assert rules.not_taken_over("议案", None, False, False) == "审查意见已改为“待审查”"
    assert rules.not_taken_over("建议", None, True, False) == "已撤回"
    assert rules.not_taken_over("议案", "转为代表建议", False, True) == "已并案"

"""The count's rules at their boundaries: half of all delegates, returned vs issued, ties, quorum."""
from __future__ import annotations

import pytest

from meetingdesk.rules.counting import (
    Votes,
    ballot_valid,
    check_round,
    decide_election,
    decide_item,
    majority,
    quorum_met,
    quorum_needed,
    quorum_text,
)

ALL = 210


def _v(name, yes):
    return Votes(name, name, yes)


def test_more_than_half_of_all_delegates_not_of_those_present():
    assert majority(210) == 106 and majority(211) == 106 and majority(1) == 1
    outcome = decide_election([_v("甲", 105), _v("乙", 106)], 2, ALL)
    assert [v.name for v in outcome.elected] == ["乙"] and outcome.vacancies == 1
    assert "缺额 1 人" in outcome.lines[-1]
    assert outcome.lines[0] == "全体代表 210 人，过半数为 106 票；应选 2 人。"


def test_returned_equal_to_issued_stands_one_more_voids_the_round():
    assert check_round(200, 200).valid
    assert check_round(200, 199).valid
    void = check_round(200, 201)
    assert not void.valid and "收回多于发出，本次投票无效" in void.text


def test_a_ballot_naming_more_than_the_seats_is_void():
    assert ballot_valid(7, 7) and not ballot_valid(8, 7)


def test_more_winners_than_seats_the_most_votes_win():
    outcome = decide_election([_v("甲", 150), _v("乙", 190), _v("丙", 120), _v("丁", 180)], 2, ALL)
    assert [v.name for v in outcome.elected] == ["乙", "丁"] and not outcome.revote


def test_a_two_way_tie_at_the_cut_off_is_voted_again():
    outcome = decide_election([_v("甲", 190), _v("乙", 150), _v("丙", 150), _v("丁", 100)], 2, ALL)
    assert [v.name for v in outcome.elected] == ["甲"]
    assert [v.name for v in outcome.revote] == ["乙", "丙"] and outcome.revote_seats == 1
    assert "再次投票" in outcome.lines[-1]


def test_a_three_way_tie_for_two_seats():
    outcome = decide_election([_v("甲", 150), _v("乙", 150), _v("丙", 150)], 2, ALL)
    assert outcome.elected == () and len(outcome.revote) == 3 and outcome.revote_seats == 2


def test_a_tie_below_the_majority_needs_no_revote():
    outcome = decide_election([_v("甲", 190), _v("乙", 100), _v("丙", 100)], 2, ALL)
    assert [v.name for v in outcome.elected] == ["甲"] and outcome.vacancies == 1 and not outcome.revote


def test_items_pass_with_more_than_half_of_all_delegates():
    assert not decide_item("决议", 105, 0, 0, ALL).passed
    passed = decide_item("关于议案的决议（草案）", 106, 50, 10, ALL)
    assert passed.passed and passed.text.endswith("过半数为 106 票，通过。")


@pytest.mark.parametrize("all_delegates, rule, need", [
    (210, "超过三分之二", 141), (210, "三分之二以上", 140),
    (211, "超过三分之二", 141), (211, "三分之二以上", 141),
    (3, "超过三分之二", 3), (3, "三分之二以上", 2),
])
def test_quorum_at_exactly_two_thirds(all_delegates, rule, need):
    assert quorum_needed(all_delegates, rule) == need
    assert quorum_met(need, all_delegates, rule) and not quorum_met(need - 1, all_delegates, rule)


def test_quorum_is_stated_in_words():
    assert quorum_text(140, 210) == ("全体代表 210 人，到会代表必须超过全体代表的三分之二，即至少 141 人；"
                                     "到会 140 人，不足法定人数。")
    assert quorum_text(140, 210, "三分之二以上").endswith("符合法定人数。")
    assert quorum_text(None, 210).endswith("即至少 141 人；尚未填写到会人数。")


def test_a_preliminary_vote_needs_more_than_half_of_the_delegation():
    from meetingdesk.rules.counting import preliminary_quorum_met

    assert not preliminary_quorum_met(9, 18) and preliminary_quorum_met(10, 18)
    assert preliminary_quorum_met(9, 17) and not preliminary_quorum_met(8, 17)


def test_the_preliminary_vote_fixes_the_most_voted_and_votes_again_on_a_tie():
    from meetingdesk.rules.counting import decide_preliminary

    fixed = decide_preliminary([_v("甲", 90), _v("乙", 120), _v("丙", 30), _v("丁", 80)], 3)
    assert [v.name for v in fixed.elected] == ["乙", "甲", "丁"] and not fixed.revote
    tie = decide_preliminary([_v("甲", 90), _v("乙", 120), _v("丙", 80), _v("丁", 80)], 3)
    assert [v.name for v in tie.elected] == ["乙", "甲"]
    assert {v.name for v in tie.revote} == {"丙", "丁"} and tie.revote_seats == 1
    assert "再次预选" in tie.lines[-1]
    # no majority of all delegates applies: a handful of votes can still fix a candidate
    assert [v.name for v in decide_preliminary([_v("甲", 3), _v("乙", 1)], 1).elected] == ["甲"]

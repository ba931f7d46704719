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
    assert "再次预选" in tie.lines[-1] and tie.lines[-1].endswith("确定 1 人。")  # no article unless the 办法 numbers it
    cited = decide_preliminary([_v("甲", 90), _v("乙", 120), _v("丙", 80), _v("丁", 80)], 3, SEED)
    assert cited.lines[-1].endswith("确定 1 人（办法第九条）。")
    # no majority of all delegates applies: a handful of votes can still fix a candidate
    assert [v.name for v in decide_preliminary([_v("甲", 3), _v("乙", 1)], 1).elected] == ["甲"]


# ---------------------------------------------------------------- figures that cannot be (each at its edge)

from meetingdesk.rules.bylaw import SEED, Bylaw  # noqa: E402
from meetingdesk.rules.counting import ElectionFigures, Row, impossible, sort_write_ins  # noqa: E402


def _box(*, returned=70, issued=70, void=0, yes=(61,) * 8, no=9, seats=7, item=(68, 1, 1, 0), present=70,
         all_delegates=ALL):
    rows = tuple(Row(("c", i), f"候选人{i}", y, no if y == 61 else 70 - y - void) for i, y in enumerate(yes))
    election = ElectionFigures("e", "委员", seats, void, rows)
    items = [Row("i", "决议", *item)]
    papers = {"选票": (issued, returned), "表决票": (issued, returned)}
    return impossible(papers, [election], items, all_delegates, present)


def _errors(found):
    return [(f.key, f.column) for f in found if f.error]


def test_possible_figures_pass_at_every_edge():
    # 61 × 7 + 63 = 490 = 7 seats × 70 valid ballots; every candidate's row sums to 70
    assert _errors(_box(yes=(61,) * 7 + (63,))) == []
    assert _errors(_box(yes=(70,) * 7 + (0,), no=0)) == []
    assert _errors(_box(item=(68, 1, 1, 0))) == [] and _errors(_box(item=(67, 1, 1, 1))) == []


def test_one_more_than_possible_is_an_error_with_its_place():
    assert ("e", "yes") in _errors(_box(yes=(70,) * 7 + (1,), no=0))  # 491 marks > 7 × 70
    assert (("c", 0), "yes") in _errors(_box(yes=(61,) * 8, no=10))  # 61 + 10 > 70 valid
    assert ("i", "yes") in _errors(_box(item=(68, 1, 1, 1)))  # 71 > 70 returned
    assert ("e", "void") in _errors(_box(void=71, yes=(0,) * 8, no=0))  # void above returned
    assert ("选票", "returned") in _errors(_box(present=69))  # 70 back from 69 present
    assert _errors(_box(present=70)) == []


def test_issued_above_present_is_only_a_notice():
    found = _box(issued=72, present=70)
    assert _errors(found) == [] and [(f.key, f.column) for f in found if not f.error] == [
        ("选票", "issued"), ("表决票", "issued")]


def test_a_figure_above_all_delegates_is_an_error():
    found = _box(returned=70, all_delegates=69, present=None)
    assert ("选票", "returned") in _errors(found)
    assert "多于全体代表 69 人" in next(f.message for f in found if f.key == "选票" and f.column == "returned")
    assert _errors(_box(all_delegates=70, present=None)) == []


# ---------------------------------------------------------------- each decision by its own rule


def test_an_item_not_entered_is_not_lost_and_a_void_paper_voids_it():
    assert decide_item("决议", 0, 0, 0, ALL, entered=False).state == "未录入"
    assert not decide_item("决议", 0, 0, 0, ALL, entered=False).passed
    void = decide_item("决议", 200, 0, 0, ALL, void_reason="收回多于发出。")
    assert void.state == "无效" and not void.passed
    assert decide_item("决议", 106, 0, 0, ALL).state == "通过" and decide_item("决议", 105, 0, 0, ALL).state == "未通过"


def test_a_revote_by_most_votes_needs_no_majority_and_a_new_tie_is_voted_again():
    outcome = decide_election([_v("甲", 40), _v("乙", 30)], 1, ALL, SEED, revote=True)
    assert [v.name for v in outcome.elected] == ["甲"] and "以得票多的当选（办法第十五条）" in outcome.lines[0]
    tie = decide_election([_v("甲", 40), _v("乙", 40)], 1, ALL, SEED, revote=True)
    assert tie.elected == () and len(tie.revote) == 2 and tie.revote_seats == 1
    by_majority = decide_election([_v("甲", 40), _v("乙", 30)], 1, ALL, Bylaw(revote_rule="过半数"), revote=True)
    assert by_majority.elected == () and by_majority.vacancies == 1


def test_citations_come_from_the_bylaw_never_fixed_text():
    short = decide_election([_v("甲", 150), _v("乙", 20)], 2, ALL, Bylaw())
    assert short.lines[-1] == "获得过半数赞成票的 1 人，少于应选名额，缺额 1 人。"
    cited = decide_election([_v("甲", 150), _v("乙", 20)], 2, ALL, Bylaw(articles={"当选": "第九条"}))
    assert cited.lines[-1].endswith("缺额 1 人（办法第九条）。")
    further = decide_election([_v("甲", 150), _v("乙", 20)], 2, ALL, Bylaw(vacancy_rule="另行选举"))
    assert further.lines[-1].endswith("不足的 1 个名额另行选举。")


def test_write_ins_set_aside_by_rule():
    candidates = [_v("甲", 100), _v("乙", 90)]
    write_ins = [Votes(("另选", "甲"), "甲（另选人）", 5), Votes(("另选", "丙"), "丙（另选人）", 7),
                 Votes(("另选", "丁"), "丁（另选人）", 3)]
    counted, lines = sort_write_ins(candidates, write_ins, Bylaw(), frozenset({"甲", "乙", "丙"}))
    assert [v.name for v in counted] == ["甲", "乙", "丙（另选人）"] and counted[0].yes == 100
    assert "另选人“甲”与候选人同名" in lines[0] and "（5 票不计）" in lines[0]
    assert "另选人“丁”不是本级人民代表大会代表" in lines[1]
    counted, lines = sort_write_ins(candidates, write_ins, Bylaw(write_in_listed="计入候选人"), None)
    assert counted[0].yes == 105 and [v.name for v in counted][-2:] == ["丙（另选人）", "丁（另选人）"]

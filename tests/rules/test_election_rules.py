"""The organ of an office, who may stand for it, and which offices one person may not combine."""
from __future__ import annotations

import pytest

from meetingdesk.rules.elections import (
    BODIES, DEPUTY_RULES, RULE_LABELS, RULE_TEXT, RULES, body_of, candidate_range, count_problem, decided_problem,
    delegates_only, incompatible, legal_range, most_candidates, needs_preliminary,
)


@pytest.mark.parametrize("office, body", [
    ("东西湖区第十一届人民代表大会常务委员会委员", "常委会"),  # seed 000
    ("东西湖区第十一届人民代表大会常务委员会主任", "常委会"),
    ("东西湖区人大常委会副主任", "常委会"),
    ("东西湖区人民法院院长", "法院"),  # seed 000
    ("东西湖区人民检察院检察长", "检察院"),
    ("东西湖区监察委员会主任", "监察委员会"),
    ("东西湖区人民政府区长", "政府"),
    ("东西湖区副区长", "政府"),
    ("东西湖区区长", "政府"),
    ("东西湖区出席武汉市第十五届人民代表大会代表", "上级人大"),  # seed 000
    ("  东西湖区人民 法院院长 ", "法院"),  # spaces typed by hand
    ("大会副秘书长", ""),
    ("", ""),
])
def test_the_organ_is_read_from_the_office(office, body):
    assert body_of(office) == body
    assert body in BODIES


def test_standing_committee_members_hold_no_administrative_supervisory_judicial_or_procuratorial_office():
    for other in ("政府", "监察委员会", "法院", "检察院"):
        assert incompatible("常委会", other) and incompatible(other, "常委会")
    assert not incompatible("常委会", "常委会")  # 主任 and 委员 are both 常委会组成人员
    assert not incompatible("常委会", "上级人大")
    assert not incompatible("法院", "")
    assert not incompatible("", "")


def test_only_the_standing_committee_is_elected_from_the_delegates():
    assert delegates_only("常委会")
    assert not any(delegates_only(b) for b in BODIES if b != "常委会")


# ---------------------------------------------------------------- the 办法's number of candidates

def test_the_legal_range_by_mode():
    assert legal_range("常委会委员", "差额", 7) == (8, 8)
    assert legal_range("副职", "差额", 2) == (3, 5)
    assert legal_range("正职", "差额", 1) == (2, 2)  # 差额: one more at least
    assert legal_range("正职", "等额", 1) == (1, 1)
    assert legal_range("补选代表", "差额", 2) == (3, None)


def test_the_number_the_banfa_decides_lies_in_the_legal_range():
    assert decided_problem("常委会委员", "差额", 7, 8) is None  # seed 000: 8 for 7 seats
    assert decided_problem("常委会委员", "差额", 7, None) is None
    assert "候选人数应为 8 人" in decided_problem("常委会委员", "差额", 7, 9)
    assert "不能是 7 人" in decided_problem("常委会委员", "差额", 7, 7)
    assert decided_problem("副职", "差额", 2, 3) is None and decided_problem("副职", "差额", 2, 5) is None
    assert "应为 3 至 5 人" in decided_problem("副职", "差额", 2, 6)
    assert "应为 3 至 5 人" in decided_problem("副职", "差额", 2, 2)
    assert decided_problem("正职", "等额", 1, 1) is None
    assert "应为 1 人" in decided_problem("正职", "等额", 1, 2)
    assert decided_problem("补选代表", "差额", 2, 40) is None
    assert "3 人以上" in decided_problem("补选代表", "差额", 2, 2)


def test_a_decided_number_replaces_the_legal_maximum():
    # 副职, 2 seats: the law allows 3 to 5; the 办法 decides 4
    assert most_candidates("副职", "差额", 2) == 5 and most_candidates("副职", "差额", 2, 4) == 4
    assert not needs_preliminary("副职", "差额", 2, 5) and needs_preliminary("副职", "差额", 2, 5, 4)
    assert not needs_preliminary("副职", "差额", 2, 4, 4)
    assert count_problem("副职", "差额", 2, 4, 4) is None
    assert "办法决定候选人为 4 人，现为 3 人" in count_problem("副职", "差额", 2, 3, 4)
    assert "办法决定候选人为 4 人，现为 5 人" in count_problem("副职", "差额", 2, 5, 4)
    assert count_problem("副职", "差额", 2, 3) is None  # without a number, any within the range
    # 补选代表 has no upper limit, until the 办法 sets one
    assert not needs_preliminary("补选代表", "差额", 2, 30)
    assert needs_preliminary("补选代表", "差额", 2, 4, 3) and most_candidates("补选代表", "差额", 2, 3) == 3
    # a number outside the range (never stored) is ignored
    assert most_candidates("副职", "差额", 2, 9) == 5


# ---------------------------------------------------------------- 补选 of officers

def test_a_by_election_of_officers_is_single_or_multi_candidate_without_upper_limit():
    assert candidate_range("补选", 1) == (1, None)
    assert legal_range("补选", "差额", 1) == (2, None)
    assert count_problem("补选", "等额", 1, 1) is None
    assert count_problem("补选", "差额", 2, 12) is None
    assert "至少 3 人，现为 2 人" in count_problem("补选", "差额", 2, 2)
    assert not needs_preliminary("补选", "差额", 1, 20)
    assert "补选" not in DEPUTY_RULES and "补选代表" in DEPUTY_RULES
    assert set(RULE_TEXT) == set(RULES) == set(RULE_LABELS)

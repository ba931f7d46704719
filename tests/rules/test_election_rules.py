"""The organ of an office, who may stand for it, and which offices one person may not combine."""
from __future__ import annotations

import pytest

from meetingdesk.rules.elections import BODIES, body_of, delegates_only, incompatible


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

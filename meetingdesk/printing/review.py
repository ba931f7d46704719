"""议案审查委员会名单: 主任委员, 副主任委员, then the 委员 in stroke order, four a line."""
from __future__ import annotations

from reportlab.platypus import Flowable

from meetingdesk.services import presidium

from .bodies import adopted_paper, gap, labelled, name_rows, printed_people, section
from .frame import Paper

KIND = "review"
TITLE = "议案审查委员会名单"
COLUMNS = 4


def prepare() -> Paper:
    chair = presidium.list_roles("审查委员会主任委员")
    vice = presidium.list_roles("审查委员会副主任委员")
    members = presidium.sort_people(presidium.list_roles("审查委员会委员"))  # the one stroke order

    def body() -> list[Flowable]:
        return [*labelled("主任委员：", chair), *labelled("副主任委员：", vice), gap(),
                section("委员：（以姓名笔画为序）", name_rows(members, COLUMNS), "委员（续）：")]

    printed = [*printed_people(chair, "审查委员会主任委员"), *printed_people(vice, "审查委员会副主任委员"),
               *printed_people(members, "审查委员会委员")]
    return adopted_paper(KIND, TITLE, printed, body)

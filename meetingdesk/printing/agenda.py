"""议程: the session's agenda, "一、听取和审查东西湖区人民政府工作报告。" item by item.

Set as body text of an official paper: 三号 Song, each item a paragraph indented two
characters, its further lines back at the margin.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus import Flowable

from meetingdesk.services import schedule

from .bodies import UNSETTLED, adopted_paper
from .coverage import Printed
from .frame import Paper, para, style

KIND = "agenda"
TITLE = "议程"
SIZE = 16  # 三号
ITEM = style("agenda-item", size=SIZE, leading=30, align=TA_JUSTIFY, first_indent=2 * SIZE, space_after=4)


def prepare() -> Paper:
    items = schedule.list_agenda()
    texts = [f"{row.number}、{row.text}" for row in items]

    def body() -> list[Flowable]:
        return [para(text, ITEM) for text in texts or [UNSETTLED]]

    return adopted_paper(KIND, TITLE, [Printed(t, "议程") for t in texts], body)

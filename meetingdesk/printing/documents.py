"""What the motion desk's papers share: body text set as an official paper, and their wording.

Seed 000 prints the 决定, the 审查报告 and the 决议 as prose under the session's title:
三号 Song, each paragraph indented two characters. The wording that recurs (the organic
law, the titles of motions in 《》, 区人民政府) is built here once.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus import Flowable, Paragraph

from meetingdesk.services import motions
from meetingdesk.services.motions import MotionRow
from meetingdesk.services.session import SessionInfo

from .bodies import headed_paper
from .coverage import Printed
from .frame import Paper, para, style

SIZE = 16  # 三号
BODY = style("document-body", size=SIZE, leading=30, align=TA_JUSTIFY, first_indent=2 * SIZE, space_after=2)
ADDRESS = style("document-address", size=SIZE, leading=30, align=TA_JUSTIFY, space_after=2)  # 各位主席团成员：

ORGANIC_LAW = "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》"
ACCEPTED = "列为大会议案"
CONVERTED = "转为代表建议"
OTHER = "其他"
CONGRESS = "人民代表大会"


def paragraphs(texts: Sequence[str]) -> list[Flowable]:
    return [para(text, BODY) for text in texts]


def prose_paper(kind: str, title: str, line: str, texts: list[str], printed: list[Printed], *,
                adopted: bool = False) -> Paper:
    """A paper that is paragraphs of body text under its heading (LINE: the adopted-by line or "";
    ADOPTED as bodies.headed_paper)."""
    def body() -> list[Flowable]:
        return paragraphs(texts)

    return headed_paper(kind, title, line, printed, body, adopted=adopted)


def address(text: str) -> Paragraph:
    return para(text, ADDRESS)


def split_title(title: str) -> tuple[str, str]:
    """东西湖区第十一届人民代表大会 | 第三次会议: the seed breaks a session's title after
    人民代表大会 (its signatures, the 公告's heading), not where a width would."""
    cut = title.find(CONGRESS)
    cut = cut + len(CONGRESS) if cut >= 0 else len(title)
    return title[:cut], title[cut:]


def level(info: SessionInfo) -> str:
    """区 of 东西湖区 (县, 市 …): the seed's 区人民政府, 区人大常委会 name the session's own level."""
    return info.region[-1:]


def quoted(rows: Sequence[MotionRow]) -> str:
    """《甲的议案》、《乙的议案》"""
    return "、".join(f"《{row.title}》" for row in rows)


def printed_titles(rows: Sequence[MotionRow]) -> list[Printed]:
    return [Printed(row.title, row.register_no) for row in rows]


def motions_received() -> list[MotionRow]:
    """The motions (not suggestions) the review report and the resolution speak of: not withdrawn."""
    return [row for row in motions.list_motions("议案") if row.withdrawn_at is None]


def accepted(rows: Sequence[MotionRow]) -> list[MotionRow]:
    """列为大会议案 — whatever their handling since (办理中, 已答复 …), not merged into another."""
    return [row for row in rows if row.merged_into_id is None and row.decision == ACCEPTED]

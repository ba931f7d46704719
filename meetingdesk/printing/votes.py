"""表决票: the items put to the vote (the session's resolutions), one sheet for every delegate.

Seed 000's 选举和表决办法 第十三条 (third paragraph): for each item the delegate marks the box
to the right of it — "○" for, "×" against, no mark abstains; a mark that cannot be read voids
the vote on that item. So each item has one box, as each candidate on the 选票 has, and no
write-ins. 第十二条: the 表决票 goes into the same box as the 选票, so it takes the same
copies, spares, serial numbers and boxes (copy N of both goes to the same box).
"""
from __future__ import annotations

from reportlab.lib.units import mm

from meetingdesk.services import session, voting
from meetingdesk.services.errors import ServiceError

from .ballot_sheet import (
    MARK_HEADING, PAD, Density, Sheet, ballot_paper, copies_of, fitted, heading, instructions, printed_boxes,
)
from .coverage import Printed
from .fonts import HEI, SONG
from .frame import FRAME_WIDTH, GridRow, Paper
from .tables import lines_cell

KIND = "votes"
TITLE = "表决票"
ITEM_HEADING = "表决事项"
NUMBER_HEADING = "序号"
NUMBER_WIDTH = 12 * mm
# pairs unused: one item a row; a box tall enough for a title of two lines
DENSITIES = (Density(1, 14 * mm, 12, 10.5, 8 * mm), Density(1, 12 * mm, 12, 10.5, 7 * mm),
             Density(1, 10 * mm, 10.5, 9, 6 * mm))
NOTES = [
    "对表决事项表示赞成的，在该事项右边对应框内画“○”；表示反对的，画“×”；表示弃权的，不作任何标记。",
    "符号画得不清的，该张表决票对该事项的表决无效。",
]


def item_row(number: str, text: str, d: Density, *, head: bool = False) -> GridRow:
    """序号 | 表决事项 | its box; HEAD: the column headings in 黑体."""
    size, font = (d.label, HEI) if head else (d.size, SONG)
    leading = size * 1.3
    width = FRAME_WIDTH - NUMBER_WIDTH - d.box
    cells = [lines_cell(0, NUMBER_WIDTH, number, size, font=font),
             lines_cell(NUMBER_WIDTH, width, text, size, font=font, align="center" if head else "left",
                        pad=2 * PAD),
             lines_cell(NUMBER_WIDTH + width, d.box, MARK_HEADING if head else "", size, font=font)]
    lines = max(len(c.lines) for c in cells)
    return GridRow(cells, size=size, leading=leading,
                   min_height=max(d.label_height if head else d.box, lines * leading + 2 * PAD))


def prepare(copies: int | None = None, spares: int = 0, serial: bool = False, box: str | None = None) -> Paper:
    """As the 选票: COPIES (default: one per serving delegate), SPARES, SERIAL, BOX (a name or "cycle")."""
    info = session.session_info()
    items = voting.list_vote_items()
    if not items:
        raise ServiceError("本次会议还没有表决事项，没有表决票可印。")
    plan = copies_of(TITLE, copies, spares, serial, box, info.delegates)
    marked = plan.serial or bool(plan.boxes)

    def build(d: Density) -> Sheet:
        rows = [item_row(NUMBER_HEADING, ITEM_HEADING, d, head=True),
                *(item_row(str(item.number), item.title, d) for item in items)]
        return Sheet([*heading(info, TITLE), *rows, *instructions(NOTES)], marked=marked)

    sheet = fitted(TITLE, f"{len(items)} 项表决事项", build, DENSITIES)
    printed = [Printed(item.title, f"表决事项 {item.number}") for item in items]
    return ballot_paper(KIND, TITLE, info, [(sheet, plan)], printed + printed_boxes(plan))

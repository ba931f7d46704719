"""表决票: the items put to the vote (the session's resolutions), one sheet for every delegate.

By default each item has three boxes, 赞成 | 反对 | 弃权, and the delegate marks one with "○"
(an unmarked item abstains). MARKS="one" prints the layout of seed 000's 选举和表决办法
第十三条 (third paragraph) instead: one box right of the item — "○" for, "×" against, no mark
abstains. Either way a mark that cannot be read voids the vote on that item, and no write-ins. 第十二条: the 表决票 goes into the same box as the 选票, so it takes the same
copies, spares, serial numbers and boxes (copy N of both goes to the same box).
"""
from __future__ import annotations

from reportlab.lib.units import mm

from meetingdesk.services import session, voting
from meetingdesk.services.errors import ServiceError

from .ballot_sheet import (
    MARK_HEADING, PAD, Density, Sheet, ballot_paper, copies_of, delegates_for, fitted, heading, instructions,
    printed_boxes,
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
MARKS = ("three", "one")
CHOICES = ("赞成", "反对", "弃权")
NOTES = {
    "one": ["对表决事项表示赞成的，在该事项右边对应框内画“○”；表示反对的，画“╳”；表示弃权的，不作任何标记。",
            "符号画得不清的，该张表决票对该事项的表决无效。"],
    "three": ["对每一表决事项，在“赞成”“反对”“弃权”三栏中选择一栏，在对应框内画“○”；不画的视为弃权。",
              "一个事项画两个以上“○”或符号画得不清的，该张表决票对该事项的表决无效。"],
}


def item_row(number: str, text: str, d: Density, *, head: bool = False, marks: str = "three") -> GridRow:
    """序号 | 表决事项 | its box or boxes; HEAD: the column headings in 黑体."""
    size, font = (d.label, HEI) if head else (d.size, SONG)
    leading = size * 1.3
    boxes = CHOICES if marks == "three" else (MARK_HEADING,)
    width = FRAME_WIDTH - NUMBER_WIDTH - d.box * len(boxes)
    cells = [lines_cell(0, NUMBER_WIDTH, number, size, font=font),
             lines_cell(NUMBER_WIDTH, width, text, size, font=font, align="center" if head else "left",
                        pad=2 * PAD)]
    cells += [lines_cell(NUMBER_WIDTH + width + i * d.box, d.box, label if head else "", size, font=font)
              for i, label in enumerate(boxes)]
    lines = max(len(c.lines) for c in cells)
    return GridRow(cells, size=size, leading=leading,
                   min_height=max(d.label_height if head else d.box, lines * leading + 2 * PAD))


def prepare(copies: int | None = None, spares: int = 0, serial: bool = False, box: str | None = None,
            marks: str = "three", meeting: str | None = None) -> Paper:
    """As the 选票: COPIES (default: one per serving delegate, or per delegate present at MEETING), SPARES, SERIAL, BOX (a name or "cycle");
    MARKS "three" (赞成/反对/弃权 boxes) or "one" (the seed 办法's single box)."""
    if marks not in MARKS:
        raise ServiceError("表决票的格式只能是 three（赞成、反对、弃权三栏）或 one（一栏，画○或╳）。")
    info = session.session_info()
    items = voting.list_vote_items()
    if not items:
        raise ServiceError("本次会议还没有表决事项，没有表决票可印。")
    plan = copies_of(TITLE, copies, spares, serial, box, delegates_for(info, meeting, copies))
    marked = plan.serial or bool(plan.boxes)

    def build(d: Density) -> Sheet:
        rows = [item_row(NUMBER_HEADING, ITEM_HEADING, d, head=True, marks=marks),
                *(item_row(str(item.number), item.title, d, marks=marks) for item in items)]
        return Sheet([*heading(info, TITLE), *rows, *instructions(NOTES[marks])], marked=marked)

    sheet = fitted(TITLE, f"{len(items)} 项表决事项", build, DENSITIES)
    printed = [Printed(item.title, f"表决事项 {item.number}") for item in items]
    return ballot_paper(KIND, TITLE, info, [(sheet, plan)], printed + printed_boxes(plan))

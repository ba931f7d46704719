"""表决票: the items put to the vote (the session's resolutions), one sheet for every delegate.

By default the sheet follows the session's 办法 (seed 000 第十三条, third paragraph): one box
right of each item, marked with the session's marks (`session.bylaw()`; seed 000: "○" for,
"×" against, no mark abstains), and the 说明 printed from them and the article that sets them.
MARKS="three" prints 赞成 | 反对 | 弃权 boxes instead, one of them marked with the 办法's mark
for 赞成. Either way a mark that cannot be read voids the vote on that item, and no write-ins.
第十二条: the 表决票 goes into the same box as the 选票, so it takes the same copies, spares,
serial numbers and boxes (copy N of both goes to the same box).
"""
from __future__ import annotations

from reportlab.lib.units import mm

from meetingdesk.rules.bylaw import Bylaw
from meetingdesk.services import session, voting
from meetingdesk.services.errors import ServiceError

from .ballot_sheet import (
    MARK_HEADING, PAD, Density, Sheet, ballot_paper, copies_of, delegates_for, fitted, heading, how_to_mark,
    instructions, marking, printed_boxes, printed_marks,
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
MARKS = ("one", "three")  # one: the 办法's box right of each item (the default); three: 赞成/反对/弃权
CHOICES = ("赞成", "反对", "弃权")
UNCLEAR = "符号画得不清的，该张表决票对该事项的表决无效。"


def notes(bylaw: Bylaw, marks: str = "one") -> list[str]:
    """The 说明 under the items, from the session's marks (办法 第十三条)."""
    if marks == "one":
        return [f"对表决事项，{how_to_mark('该事项', bylaw)}", UNCLEAR]
    if not bylaw.yes_mark:
        raise ServiceError("三栏格式的表决票要在所选的一栏内作标记，但本次会议的选举和表决办法规定赞成不作标记。"
                           "请改用一栏格式，或在“会议 › 选举和表决办法”中设定赞成的标记。", "marks")
    blank = "；不画的视为弃权" if not bylaw.abstain_mark else ""  # only where the 办法 says 弃权 is no mark
    return [f"对每一表决事项，在“赞成”“反对”“弃权”三栏中选择一栏，在对应框内{marking(bylaw.yes_mark)}{blank}。",
            f"一个事项画两个以上“{bylaw.yes_mark}”或符号画得不清的，该张表决票对该事项的表决无效。"]


def item_row(number: str, text: str, d: Density, *, head: bool = False, marks: str = "one") -> GridRow:
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
            marks: str = "one", meeting: str | None = None) -> Paper:
    """As the 选票: COPIES (default: one per serving delegate, or per delegate present at MEETING), SPARES, SERIAL, BOX (a name or "cycle");
    MARKS "one" (the 办法's single box, the default) or "three" (赞成/反对/弃权 boxes)."""
    if marks not in MARKS:
        raise ServiceError(f"表决票的格式“{marks}”不认识：只能是 one（一栏，按选举和表决办法的标记）"
                           "或 three（赞成、反对、弃权三栏）。", "marks")
    info = session.session_info()
    bylaw = session.bylaw()
    said = notes(bylaw, marks)
    items = voting.list_vote_items()
    if not items:
        raise ServiceError("本次会议还没有表决事项，没有表决票可印。")
    plan = copies_of(TITLE, copies, spares, serial, box, delegates_for(info, meeting, copies))
    marked = plan.serial or bool(plan.boxes)

    def build(d: Density) -> Sheet:
        rows = [item_row(NUMBER_HEADING, ITEM_HEADING, d, head=True, marks=marks),
                *(item_row(str(item.number), item.title, d, marks=marks) for item in items)]
        return Sheet([*heading(info, TITLE), *rows, *instructions(said)], marked=marked)

    sheet = fitted(TITLE, f"{len(items)} 项表决事项", build, DENSITIES)
    printed = [Printed(item.title, f"表决事项 {item.number}") for item in items]
    return ballot_paper(KIND, TITLE, info, [(sheet, plan)], printed + printed_marks(bylaw) + printed_boxes(plan))

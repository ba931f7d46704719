"""议案和建议登记表: every item the desk registered, in register order, as one ruled table.

One row per item — 编号, 类别, 标题, 提出者, 领衔代表, 联名人数, 代表团, 收到时间, 状态 —
withdrawn items kept (状态 已撤回: the register never loses a number), and under the
table the counts: "议案 14 件，建议 0 件；其中撤回 0 件".
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from meetingdesk.rules.motions import KINDS
from meetingdesk.rules.words import Role
from meetingdesk.services import motions
from meetingdesk.services.motions import MotionRow

from .bodies import headed_paper, text_row
from .coverage import Printed
from .frame import Paper
from .names import padded
from .tables import Column, Text, table

KIND = "motions"
TITLE = "议案和建议登记表"
SIZE = 9  # 小五: nine columns on a portrait page
LEADING = 12
# Widths fit 议案原案, a three-character name, 吴家山街, 12月21日 and 转为代表 on a line;
# the title takes what is left and wraps (a portrait page: the frame has no landscape).
COLUMNS = (
    Column("编号", 44), Column("类别", 25), Column("标题", align="left"), Column("提出者", 79, "left"),
    Column(("领衔", Role.DELEGATE), 34), Column(("联名", "人数"), 25), Column("代表团", 44),
    Column(("收到", "时间"), 52), Column("状态", 44),
)


def cells(row: MotionRow) -> list[Text]:
    kind_part, _, number = row.register_no.partition("第")  # 议案原案 / 第14号: break before 第
    return [
        (kind_part, "第" + number), row.kind, row.title, row.submitter_text,
        padded(row.lead.name) if row.lead else "", str(len(row.signers)) if row.signers else "",
        [d.removesuffix("代表团") for d in row.delegations],  # the column says 代表团
        (f"{row.received_at.month}月{row.received_at.day}日", f"{row.received_at:%H:%M}"), row.state,
    ]


def counts_text(rows: list[MotionRow]) -> str:
    """议案 14 件，建议 0 件；其中撤回 0 件 — of the rows printed, withdrawn ones included."""
    by_kind = "，".join(f"{kind} {sum(1 for r in rows if r.kind == kind)} 件" for kind in KINDS)
    withdrawn = sum(1 for r in rows if r.withdrawn_at is not None)
    return f"{by_kind}；其中撤回 {withdrawn} 件"


def prepare() -> Paper:
    rows = motions.list_motions()
    texts = [cells(row) for row in rows]
    footer = counts_text(rows)
    printed = [Printed(text, row.register_no) for row, line in zip(rows, texts)
               for text in (row.title, row.submitter_text, *line[6])]

    def body() -> list[Flowable]:
        return [table(COLUMNS, texts, size=SIZE, leading=LEADING), Spacer(1, 6), text_row(footer, size=12, leading=18)]

    return headed_paper(KIND, TITLE, "", printed, body)

"""议案和建议统计表: what each delegation led, and how many items stand in each state.

Two ruled tables. The first counts per delegation, in the roster's order, the motions and
suggestions its delegates led (withdrawn ones and those of the presidium or other bodies,
which no delegate leads, left out — as services.motions.counts_by_delegation counts them),
with a 合计 line. The second counts every registered item by kind and state, withdrawn
ones included, in the order an item passes through the states. In both a 议案 the review
turned into a suggestion (转为代表建议) counts as a 建议, as the 办理情况报告 counts it.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from meetingdesk.rules.motions import KINDS
from meetingdesk.services import motions

from .bodies import gap, headed_paper, text_row
from .coverage import Printed
from .fonts import HEI
from .frame import FRAME_WIDTH, Paper
from .tables import Column, table

KIND = "motion_counts"
TITLE = "议案和建议统计表"
SIZE = 12
LEADING = 16
TABLE_WIDTH = 340
X = (FRAME_WIDTH - TABLE_WIDTH) / 2  # both tables centred under the title
COUNT = 80
BY_DELEGATION = (Column("代表团"), Column("领衔议案", COUNT), Column("领衔建议", COUNT))
BY_STATE = (Column("状态"), *(Column(kind, COUNT * 3 / 4) for kind in KINDS), Column("合计", COUNT * 3 / 4))
TOTAL = "合计"


def delegation_rows(counts: list[tuple[str, int, int]]) -> list[list[str]]:
    rows = [[name, str(a), str(b)] for name, a, b in counts]
    return rows + [[TOTAL, str(sum(c[1] for c in counts)), str(sum(c[2] for c in counts))]]


def state_rows(items: list[motions.MotionRow]) -> list[list[str]]:
    """One line per state that occurs, in motions.STATES order, then the totals."""
    def line(label: str, chosen: list[motions.MotionRow]) -> list[str]:
        return [label, *(str(sum(1 for r in chosen if r.counted_kind == kind)) for kind in KINDS), str(len(chosen))]

    rows = [line(state, [r for r in items if r.state == state]) for state in motions.STATES]
    return [row for row in rows if row[-1] != "0"] + [line(TOTAL, items)]


def heading(text: str) -> Flowable:
    return text_row(text, x=X, font=HEI, size=14, leading=24)


def prepare() -> Paper:
    by_delegation = delegation_rows(motions.counts_by_delegation())
    by_state = state_rows(motions.list_motions())
    printed = [Printed(row[0], "代表团名称") for row in by_delegation]

    def body() -> list[Flowable]:
        return [heading("一、各代表团领衔提出的议案和建议"),
                text_row("（按领衔代表所在代表团统计，不含已撤回的议案和建议）", x=X, size=10.5, leading=18),
                table(BY_DELEGATION, by_delegation, size=SIZE, leading=LEADING, x=X, total=TABLE_WIDTH),
                gap(), heading("二、按类别和状态统计"),
                table(BY_STATE, by_state, size=SIZE, leading=LEADING, x=X, total=TABLE_WIDTH)]

    return headed_paper(KIND, TITLE, "", printed, body)

"""代表团团长、副团长名单: each delegation in its order with its 团长, then its 副团长.

Seed 001 (line 446) lists it among the papers the 常委会 approves before the session: "大会筹备
办公室草拟了…代表团团长、副团长名单"; seed 000 prints the same people in each delegation's
编团名单 ("团　长：李　平", "副团长：陶　勇"). One line a delegation — its name, 团　长, 副团长 —
names padded with their (女) markers as the roster sets them; several 副团长 in their order,
going on under one another. A delegation without a head says "（尚未确定）".
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from meetingdesk.services import roster
from meetingdesk.services.roster import DelegationRow

from .bodies import GAP, LEADING, MARK, SIZE, UNSETTLED, headed_paper, printed_people
from .coverage import Printed
from .fonts import runs, runs_width
from .frame import FRAME_WIDTH, Cell, ContinuedBlock, GridRow, Paper
from .names import name_grid, name_runs

KIND = "leaders"
TITLE = "代表团团长、副团长名单"

HEAD_LABEL = "团　长："
DEPUTY_LABEL = "副团长："
NAME_WIDTH = 5 * SIZE  # 王　烁(女)


def _layout(delegations: list[DelegationRow]) -> tuple[float, float, float]:
    """(x of 团长, x of 副团长, width of one 副团长 column): the widest delegation name sets them."""
    widest = max([runs_width(runs(d.name, SIZE)) for d in delegations] + [4 * SIZE])
    head_x = widest + 2 * SIZE
    deputy_x = head_x + runs_width(runs(HEAD_LABEL, SIZE)) + NAME_WIDTH + SIZE
    return head_x, deputy_x, NAME_WIDTH + GAP


def delegation_rows(d: DelegationRow, head_x: float, deputy_x: float, column: float) -> list[GridRow]:
    """The delegation's line: its name, 团　长：…, 副团长：… (more 副团长 on the lines below)."""
    label = runs(DEPUTY_LABEL, SIZE)
    names_x = deputy_x + runs_width(label)
    columns = max(1, int((FRAME_WIDTH - names_x) // column))
    head = name_runs(d.head, SIZE, MARK) if d.head is not None else runs(UNSETTLED, SIZE)
    lead = [Cell(0, head_x, runs(d.name, SIZE)),
            Cell(head_x, deputy_x - head_x, runs(HEAD_LABEL, SIZE) + head)]
    deputies = name_grid(list(d.deputies), columns=columns, x=names_x, column=column, size=SIZE, mark=MARK,
                         leading=LEADING, gap=GAP) if d.deputies else []
    first_cells = [*lead, *([Cell(deputy_x, names_x - deputy_x, label)] if d.deputies else []),
                   *(deputies[0].cells if deputies else [])]
    rows = [GridRow(first_cells, size=SIZE, leading=LEADING), *deputies[1:]]
    for row in rows[:-1]:
        row.keep_with_next = True  # a delegation is never parted at a page break
    return rows


def prepare() -> Paper:
    delegations = roster.list_delegations()  # in their order, with 团长 and 副团长 in theirs
    printed: list[Printed] = [Printed(d.name, "代表团名称") for d in delegations]
    for d in delegations:
        printed += printed_people([d.head] if d.head else [], f"{d.name} 团长")
        printed += printed_people(list(d.deputies), f"{d.name} 副团长")

    def body() -> list[Flowable]:
        if not delegations:
            return [GridRow([Cell(0, FRAME_WIDTH, runs(UNSETTLED, SIZE))], size=SIZE, leading=LEADING)]
        head_x, deputy_x, column = _layout(delegations)
        rows = [row for d in delegations for row in delegation_rows(d, head_x, deputy_x, column)]
        return [ContinuedBlock(lambda more: [], rows, min_rows=2)]

    return headed_paper(KIND, TITLE, "", printed, body)

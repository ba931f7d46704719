"""代表团编团名单: the delegations with their heads, delegates, attendees, staff and rooms.

The structure of seed 000 (its section 代表团编团名单): the totals under the title, then per
delegation its name, its counts, 团　长, 副团长, 代　表, 列　席, 工作人员 (names in four
aligned columns, stroke order) and 讨论地点.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from meetingdesk.services import roster, session
from meetingdesk.services.roster import DelegationRow, MemberRow
from meetingdesk.rules.words import Role

from .coverage import Printed
from .delegations import chosen_delegations
from .fonts import runs
from .frame import FRAME_WIDTH, HEADING, HEADING_NOTE, Cell, ContinuedBlock, GridRow, Paper, para, title_block
from .names import ROLES, name_grid, printed

KIND = "roster"
TITLE = "代表团编团名单"

SIZE = 14  # 四号
MARK = 9  # (女) and notes
LEADING = 24
COLUMNS = 4
LABEL_WIDTH = 5 * SIZE + 6  # 工作人员：
COLUMN = (FRAME_WIDTH - LABEL_WIDTH) / COLUMNS
GAP = 6

LABELS = {"团长": "团　长：", "副团长": "副团长：", Role.DELEGATE: "代　表：", Role.ATTENDEE: "列　席：",
          Role.STAFF: "工作人员：", "讨论地点": "讨论地点："}


def totals_text(counts: dict[str, int]) -> str:
    """（代表 210 人，列席 160 人，工作人员 36 人，按姓名笔画排序）"""
    parts = [f"{role} {counts.get(role, 0)} 人" for role in ROLES]
    return "（" + "，".join(parts) + "，按姓名笔画排序）"


def name_rows(label: str, people: list[MemberRow]) -> list[GridRow]:
    """The names of one section in four columns; a long entry takes two."""
    return name_grid(people, columns=COLUMNS, x=LABEL_WIDTH, column=COLUMN, size=SIZE, mark=MARK,
                     leading=LEADING, gap=GAP, label_cell=Cell(0, LABEL_WIDTH, runs(label, SIZE)))


def room_row(room: str) -> GridRow:
    return GridRow([Cell(LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH, runs(room, SIZE))],
                   size=SIZE, leading=LEADING, label_cell=Cell(0, LABEL_WIDTH, runs(LABELS["讨论地点"], SIZE)))


def delegation_block(d: DelegationRow, members: dict[str, list[MemberRow]]) -> ContinuedBlock:
    rows: list[Flowable] = []
    if d.head is not None:
        rows += name_rows(LABELS["团长"], [d.head])
    if d.deputies:
        rows += name_rows(LABELS["副团长"], list(d.deputies))
    for role in ROLES:
        if members.get(role):
            rows += name_rows(LABELS[role], members[role])
    if d.room:
        rows.append(room_row(d.room))

    def heading(continued: bool) -> list[Flowable]:
        if continued:
            return [para(f"{d.name}（续）", HEADING), Spacer(1, 4)]
        return [para(d.name, HEADING), para(f"（{d.counts_text}）", HEADING_NOTE), Spacer(1, 6)]

    return ContinuedBlock(heading, rows, min_rows=3, space_before=16)


def prepare(*, delegation_id: int | None = None) -> Paper:
    info = session.session_info()
    delegations = chosen_delegations(delegation_id)
    members = roster.members_by_delegation(delegation_id)
    counts = info.counts if delegation_id is None else delegations[0].counts

    items = [Printed(info.full_title, "会议名称")]
    for d in delegations:
        items.append(Printed(d.name, "代表团名称"))
        items.append(Printed(d.room, f"{d.name} 讨论地点"))
        for group in members.get(d.delegation_id, {}).values():
            items += [printed(m) for m in group]

    def story() -> list[Flowable]:
        out: list[Flowable] = title_block(info.full_title, TITLE, totals_text(counts))
        out += [delegation_block(d, members.get(d.delegation_id, {})) for d in delegations]
        return out

    return Paper(KIND, TITLE, info.full_title, items, story)

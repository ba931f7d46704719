"""人员核对名单: one line per person (姓名, 性别, 代表团, 身份, 备注), for checking the roster.

Ordered by delegation, then role, then stroke order (the roster's order), or with
`order="name"` by stroke order of all names; options `delegation_id` and `role` narrow it.
The column headings repeat on every page.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from meetingdesk.services import roster, session
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.roster import MemberRow

from .coverage import Printed
from .fonts import HEI, runs
from .frame import FRAME_WIDTH, Cell, ContinuedBlock, GridRow, Paper, title_block
from .names import ROLES, padded, printed

KIND = "people"
TITLE = "人员核对名单"
ORDERS = ("delegation", "name")

SIZE = 11
LEADING = 15
ROW_HEIGHT = 18
COLUMNS = [("序号", 34), ("姓名", 86), ("性别", 34), ("代表团", 112), ("身份", 58)]
COLUMNS.append(("备注", FRAME_WIDTH - sum(w for _, w in COLUMNS)))


def _cells(texts: list[str], font: str | None = None) -> list[Cell]:
    cells, x = [], 0.0
    for (heading, width), text in zip(COLUMNS, texts):
        left = heading in ("姓名", "代表团", "备注") and font is None
        content = runs(text, SIZE, font) if font else runs(text, SIZE)
        cells.append(Cell(x, width, content, align="left" if left else "center", pad=4, boxed=True))
        x += width
    return cells


def header_row() -> GridRow:
    return GridRow(_cells([h for h, _ in COLUMNS], HEI), size=SIZE, leading=LEADING, min_height=ROW_HEIGHT)


def person_row(number: int, m: MemberRow) -> GridRow:
    texts = [str(number), padded(m.name), m.gender, m.delegation, m.role, m.note]
    return GridRow(_cells(texts), size=SIZE, leading=LEADING, min_height=ROW_HEIGHT)


def subtitle(counts: dict[str, int], order: str) -> str:
    parts = "，".join(f"{role} {counts.get(role, 0)} 人" for role in ROLES if counts.get(role))
    how = "按姓名笔画排序" if order == "name" else "按代表团、身份、姓名笔画排序"
    return f"（{parts or '无人员'}，{how}）"


def prepare(*, delegation_id: int | None = None, role: str | None = None,
            order: str = "delegation") -> Paper:
    if order not in ORDERS:
        raise ServiceError(f"排列方式只能是“delegation”（按代表团）或“name”（按姓名笔画），不能是“{order}”。")
    if role is not None and role not in ROLES:
        raise ServiceError(f"身份只能是代表、列席或工作人员，不能是“{role}”。")
    info = session.session_info()
    delegations = roster.list_delegations()
    if delegation_id is not None and not any(d.delegation_id == delegation_id for d in delegations):
        raise ServiceError("找不到要打印的代表团（可能已被删除）。")
    members = roster.list_members(delegation_id, role=role)  # stroke order
    if order == "delegation":
        position = {d.delegation_id: i for i, d in enumerate(delegations)}
        rank = {r: i for i, r in enumerate(ROLES)}
        members = sorted(members, key=lambda m: (position.get(m.delegation_id, 0), rank[m.role]))  # stable
    counts = {r: sum(1 for m in members if m.role == r) for r in ROLES}

    items = [Printed(info.full_title, "会议名称")]
    items += [Printed(d.name, "代表团名称") for d in delegations]
    items += [printed(m) for m in members]

    def story() -> list[Flowable]:
        rows = [person_row(i, m) for i, m in enumerate(members, start=1)]
        block = ContinuedBlock(lambda continued: [header_row()], rows, min_rows=1)
        return [*title_block(info.full_title, TITLE, subtitle(counts, order)), block]

    return Paper(KIND, TITLE, info.full_title, items, story)

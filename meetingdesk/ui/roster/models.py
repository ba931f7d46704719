"""The roster's table models: delegations and members."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from meetingdesk.rules import mandates
from meetingdesk.rules.words import Role
from meetingdesk.services.roster import ROLE_ORDER, DelegationRow, MemberRow, sort_members
from meetingdesk.ui.common.models import FilteredRowsModel, RowsModel


class DelegationsModel(RowsModel):
    headers = ("代表团", "代表", "列席", "工作人员", "团长", "讨论地点")  # headings, shown as they read
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole})
    ALL = None  # the first row, 全部, stands for every delegation

    def set_rows(self, rows: list[DelegationRow]) -> None:
        super().set_rows([self.ALL] + list(rows))

    def text(self, row: DelegationRow | None, column: int) -> str:
        if row is None:
            totals = [sum(r.count(role) for r in self._rows[1:]) for role in Role]
            return ["全部代表团", *map(str, totals), "", ""][column]
        head = row.head.display if row.head else "（未定）"
        return [row.name, str(row.count(Role.DELEGATE)), str(row.count(Role.ATTENDEE)),
                str(row.count(Role.STAFF)), head, row.room][column]

    def sort_value(self, position: int, row, column: int):
        if column == 0 or row is None:
            return position
        if 1 <= column <= 3:
            return int(self.text(row, column))
        return self.text(row, column)

    def extra(self, row, column, role):
        if role == Qt.ItemDataRole.TextAlignmentRole and 1 <= column <= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row is not None and column == 4 and row.head is None:
            return QBrush(QColor("#b00020"))
        return None


UNPLACED = "（未编团）"  # a member whose mandate ended before the delegations were formed


def _date(day) -> str:
    return f"{day:%Y-%m-%d}" if day else "日期不详"


def mandate_text(row: MemberRow) -> str:
    """The 资格 column: 在任, 补选 2023-11-29, 终止 2023-12-14 因工作调整辞去代表职务."""
    if not row.serving:  # seed 000's eight who left before this session: no date known
        day = f"{row.ended_on:%Y-%m-%d}" if row.ended_on else ""
        return " ".join(x for x in ("终止", day, row.end_reason) if x)
    if row.start_reason == mandates.BY_ELECTION:
        return f"{mandates.BY_ELECTION} {_date(row.started_on)}"
    return row.status


def _long_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（日期不详）"


def mandate_detail(row: MemberRow, ended_offices: list[str] = ()) -> str:
    """The mandate in full, for the line under the list: how it started and how it ended."""
    parts = []
    if row.start_reason == mandates.BY_ELECTION:
        said = [x for x in (row.constituency, f"{row.confirmed_by}确认" if row.confirmed_by else "") if x]
        parts.append(f"补选，{_long_date(row.started_on)}起" + (f"（{'，'.join(said)}）" if said else ""))
    elif row.role == Role.DELEGATE:
        parts.append("换届选举产生")
    if not row.serving:
        decision = f"（{row.end_decision}）" if row.end_decision else "（终止决定未填）"
        when = f"{_long_date(row.ended_on)}资格终止" if row.ended_on else "资格终止（日期不详）"
        parts.append(f"{when}：{row.end_reason}{decision}")
        if ended_offices:
            parts.append(f"同时相应终止：{'、'.join(ended_offices)}")
    return f"{row.display}（{row.delegation or '未编团'} {row.role}）　" + "；".join(parts) if parts else ""


def _role_rank(role: str, position: int) -> int:
    """代表, 列席, 工作人员, each in the service's (stroke) order."""
    return ROLE_ORDER.get(role, 9) * 100000 + position


class MembersModel(FilteredRowsModel):
    NAME, GENDER, ROLE, DELEGATION, LEADER, MANDATE, TITLE, NOTE = range(8)
    STATUS = MANDATE
    headers = ("姓名", "性别", "身份", "代表团", "团内职务", "资格", "工作职务", "备注")
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole})
    RANK_COLUMNS = frozenset({NAME})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._delegation_order: dict[int, int] = {}
        self._role: str | None = None

    def set_delegation_order(self, order: dict[int, int]) -> None:
        self._delegation_order = order
        self._keys.pop(self.DELEGATION, None)

    def text(self, row: MemberRow, column: int) -> str:
        return [row.name, row.gender, row.role, row.delegation or UNPLACED, row.leader_title,
                mandate_text(row), row.work_title, row.note][column]

    def sort_value(self, position: int, row: MemberRow, column: int):
        # Rows arrive in stroke order from the service, so the position is the stroke rank.
        if column == self.NAME:
            return position
        if column == self.ROLE:
            return _role_rank(row.role, position)
        if column == self.DELEGATION:  # those without a delegation last
            return self._delegation_order.get(row.delegation_id, 99999) * 100000 + position
        if column == self.MANDATE:  # serving first, then by the date it started or ended
            day = row.ended_on if not row.serving else row.started_on
            return f"{int(not row.serving)}{row.start_reason}{day.isoformat() if day else ''}{position:06d}"
        return self.text(row, column)

    def column_keys(self, column: int) -> list[tuple]:
        if column == self.ROLE:  # the column the roster opens sorted by: one pass, no call per row
            return [(1, _role_rank(r.role, i)) for i, r in enumerate(self._all)]  # _sortable's int
        return super().column_keys(column)

    def filter_text(self, row: MemberRow) -> str:
        return f"{row.name} {row.note} {row.work_title}"

    def service_order(self, rows: list) -> list:
        return sort_members(rows)  # stroke order, as roster.list_members gives them

    def same_place(self, old: MemberRow, new: MemberRow) -> bool:
        # sort_members orders by name, then note: nothing else moves a member
        return (old.name, old.note) == (new.name, new.note)

    def set_role(self, role: str | None) -> None:
        """Only the members of ROLE (None: every role)."""
        self._role = role
        self.refilter()

    def accepts(self, row: MemberRow) -> bool:
        return self._role is None or row.role == self._role

    def extra(self, row: MemberRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not row.serving:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.MANDATE:
                return mandate_detail(row) or row.display
            # a cell the column's width elides (a long delegation, work title or note), whole
            return self.text(row, column) if column > 0 and self.text(row, column) else row.display
        return None

    def index_of_member(self, member_id: int) -> QModelIndex:
        return self.index_by("member_id", member_id)

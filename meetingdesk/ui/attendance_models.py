"""Qt models of the 到会 page: the roll of one meeting, earlier sessions' absences, the flagged.

The roll is re-read from the services after every write; when the same people come back in
the same order (a check-in, a leave) only the changed rows are repainted, so the clerk's
selection and scroll position stay.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from meetingdesk.services import attendance
from meetingdesk.services.attendance import PriorRow, RollRow, SessionLine
from meetingdesk.services.roster import ROLE_ORDER
from meetingdesk.store import PRESENT_STATUSES

from .models import RowsModel, RowsProxy, _Index
from .views import RED

GREEN = "#1b5e20"
AMBER = "#a05a00"
GREY = "#777777"
STATUS_ORDER = {"": 0, "出席": 1, "迟到": 2, "早退": 3, "请假": 4, "缺席": 5}
STATUS_COLORS = {"": GREY, "出席": GREEN, "迟到": AMBER, "早退": AMBER, "请假": "#1f4e9a", "缺席": RED}

# The status filter: (label, test of a row's status)
STATUS_FILTERS: tuple[tuple[str, object], ...] = (
    ("全部状态", None),
    ("未签到", lambda s: s == ""),
    ("出席", lambda s: s in PRESENT_STATUSES),
    ("请假", lambda s: s == "请假"),
    ("缺席", lambda s: s == "缺席"),
    ("迟到早退", lambda s: s in ("迟到", "早退")),
)


class RollModel(RowsModel):
    DELEGATION, NAME, ROLE, STATUS, CARD = range(5)
    headers = ("代表团", "姓名", "身份", "到会情况", "证号")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._team_order: dict[int, int] = {}
        self._name_rank: dict[str, int] = {}
        self._position: dict[int, int] = {}  # member id → row

    def update(self, rows: list[RollRow], team_order: dict[int, int] | None = None) -> None:
        """New rows of the same people in the same order repaint; any other change resets."""
        if team_order is not None:
            self._team_order = team_order
        if [r.member_id for r in rows] != [r.member_id for r in self._rows]:
            # sort values must be plain numbers: the rank of each name in the session's stroke order
            self._name_rank = {r.name + r.note: i for i, r in enumerate(attendance.in_stroke_order(rows))}
            self.set_rows(rows)
            self._position = {r.member_id: i for i, r in enumerate(self._rows)}
            return
        changed = [i for i, (old, new) in enumerate(zip(self._rows, rows)) if old != new]
        self._rows = list(rows)
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(self.headers) - 1))

    def row_of(self, member_id: int) -> RollRow | None:
        at = self._position.get(member_id)
        return None if at is None else self._rows[at]

    def index_of(self, member_id: int) -> QModelIndex:
        at = self._position.get(member_id)
        return self.index(at, 0) if at is not None else QModelIndex()

    def text(self, row: RollRow, column: int) -> str:
        return [row.delegation, row.display, row.leader_title and f"{row.role}（{row.leader_title}）" or row.role,
                row.status_text, row.card][column]

    def sort_value(self, position: int, row: RollRow, column: int):
        # Rows arrive by role, delegation, then strokes: POSITION keeps that order within a column's ties.
        if column == self.DELEGATION:
            return self._team_order.get(row.delegation_id, 0) * 100000 + position
        if column == self.NAME:
            return self._name_rank.get(row.name + row.note, 0) * 100000 + position
        if column == self.ROLE:
            return ROLE_ORDER.get(row.role, 9) * 100000 + position
        if column == self.STATUS:
            return STATUS_ORDER.get(row.status, 9) * 100000 + position
        return row.member_id

    def extra(self, row: RollRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QBrush(QColor(STATUS_COLORS.get(row.status, GREY)))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STATUS and row.status:
                return f"{row.status_text}（{row.source}）" if row.source else row.status_text
            return row.display
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CARD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RollProxy(RowsProxy):
    """Filters by delegation, status, role and what is typed on the check-in line."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._delegation: int | None = None
        self._status = None
        self._role: str | None = None
        self._query = ""

    def _set(self, name: str, value) -> None:
        if getattr(self, name) == value:
            return
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_delegation(self, delegation_id: int | None) -> None:
        self._set("_delegation", delegation_id)

    def set_status(self, test) -> None:
        self._set("_status", test)

    def set_role(self, role: str | None) -> None:
        self._set("_role", role)

    def set_query(self, text: str) -> None:
        self._set("_query", text.strip().lower().replace(" ", ""))

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        row: RollRow = self.sourceModel().row_at(source_row)
        if self._delegation is not None and row.delegation_id != self._delegation:
            return False
        if self._role is not None and row.role != self._role:
            return False
        if self._status is not None and not self._status(row.status):
            return False
        return not self._query or attendance.matches(row, self._query, card_start=True)


class PriorModel(RowsModel):
    NAME, SESSION, NOTE = range(3)
    headers = ("姓名", "未经批准缺席的会议", "备注")

    def text(self, row: PriorRow, column: int) -> str:
        return [row.name, row.session, row.note][column]


class FlagsModel(RowsModel):
    """Delegates who missed two sessions without leave, in red."""

    DELEGATION, NAME, PRIOR, HERE = range(4)
    headers = ("代表团", "姓名", "往次未经批准缺席", "本次会议")

    def text(self, row: SessionLine, column: int) -> str:
        return [row.row.delegation, row.row.display, "、".join(row.prior),
                "未经批准缺席" if row.unexcused_here else ""][column]

    def extra(self, row: SessionLine, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(RED))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "两次未经批准不出席本级人民代表大会会议"
        return None

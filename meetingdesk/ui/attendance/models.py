"""Qt models of the 到会 page: the roll of one meeting, earlier sessions' absences, the flagged.

The roll is read once when the meeting is chosen (or something else changed); the desk's writes
come back as the rows written, and only those rows are replaced (one dataChanged), so the clerk's
selection and scroll position stay and nothing measures or re-reads 5,000 rows per check-in.
Sorting is the model's own: one Python sort over keys computed once per row — the proxy keeps
the model's order and never calls back into Python per pair of rows. What a typed text names is
worked out once per text, narrowed from the text before it as the clerk types.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from meetingdesk.rules.words import PRESENT_STATUSES, AttendanceStatus
from meetingdesk.services import attendance
from meetingdesk.services.attendance import PriorRow, RollRow, SessionLine
from meetingdesk.services.roster import ROLE_ORDER
from meetingdesk.ui.common.models import RowsModel, RowsProxy, _Index
from meetingdesk.ui.common.views import RED

GREEN = "#1b5e20"
AMBER = "#a05a00"
GREY = "#777777"
STATUS_ORDER = {
    "": 0,
    AttendanceStatus.PRESENT: 1,
    AttendanceStatus.LATE: 2,
    AttendanceStatus.LEFT_EARLY: 3,
    AttendanceStatus.LEAVE: 4,
    AttendanceStatus.ABSENT: 5,
}
STATUS_COLORS = {
    "": GREY,
    AttendanceStatus.PRESENT: GREEN,
    AttendanceStatus.LATE: AMBER,
    AttendanceStatus.LEFT_EARLY: AMBER,
    AttendanceStatus.LEAVE: "#1f4e9a",
    AttendanceStatus.ABSENT: RED,
}
MATCHES_KEPT = 256  # typed texts whose matches are remembered (a check-in line's worth of typing)

# The status filter: (label, test of a row's status)
STATUS_FILTERS: tuple[tuple[str, object], ...] = (
    ("全部状态", None),
    ("未签到", lambda s: s == ""),
    (AttendanceStatus.PRESENT, lambda s: s in PRESENT_STATUSES),
    (AttendanceStatus.LEAVE, lambda s: s == AttendanceStatus.LEAVE),
    (AttendanceStatus.ABSENT, lambda s: s == AttendanceStatus.ABSENT),
    ("迟到早退", lambda s: s in (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)),
)


def typed(text: str) -> str:
    """A text typed on the check-in line as it is matched: no spaces, lower case."""
    return text.strip().lower().replace(" ", "")


def _card_text(text: str) -> bool:
    return text.isdigit() and text.isascii()


class RollModel(RowsModel):
    """The roll of the chosen meeting, held in memory: `update` shows a roll as read,
    `replace_rows` the rows a write returned; `sort` orders it by a column."""

    DELEGATION, NAME, ROLE, STATUS, CARD = range(5)
    headers = ("代表团", "姓名", "身份", "到会情况", "证号")
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._team_order: dict[int, int] = {}
        self._name_rank: dict[str, int] | None = None  # stroke rank of each name, when first sorted by name
        self._order: list[int] = []  # member ids in the service's order (by role, delegation, strokes)
        self._service: dict[int, int] = {}  # member id → place in that order
        self._position: dict[int, int] = {}  # member id → row of this model
        self._sort = (-1, Qt.SortOrder.AscendingOrder)
        self._matches: dict[str, frozenset[int]] = {}

    # ------------------------------------------------------------ the rows

    def update(self, rows: list[RollRow], team_order: dict[int, int] | None = None) -> bool:
        """A roll as read: the same people in the same order repaint the rows that changed; any
        other roll replaces the rows (a reset: returns True)."""
        teams_changed = team_order is not None and team_order != self._team_order
        if team_order is not None:
            self._team_order = team_order
        if [r.member_id for r in rows] != self._order:
            self._reset(rows)
            return True
        self.replace_rows(rows)
        if teams_changed and self._sort[0] == self.DELEGATION:
            self._resort()
        return False

    def _reset(self, rows: list[RollRow]) -> None:
        self._order = [r.member_id for r in rows]
        self._service = {m: i for i, m in enumerate(self._order)}
        self._name_rank = None
        self._matches = {}
        self.beginResetModel()
        self._rows = self._sorted(list(rows))
        self._position = {r.member_id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def replace_rows(self, rows: list[RollRow]) -> int:
        """Rows a write returned take the place of the same people's rows: one dataChanged over
        the rows changed (or, sorted by 到会情况, the rows re-sorted). Returns how many changed."""
        changed = []
        for row in rows:
            at = self._position.get(row.member_id)
            if at is not None and self._rows[at] != row:
                old, self._rows[at] = self._rows[at], row
                changed.append(at)
                if (old.name, old.note) != (row.name, row.note):  # renamed: match and rank names again
                    self._matches, self._name_rank = {}, None
        if not changed:
            return 0
        if self._sort[0] == self.STATUS:
            self._resort()
        else:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(self.headers) - 1))
        return len(changed)

    def row_of(self, member_id: int) -> RollRow | None:
        at = self._position.get(member_id)
        return None if at is None else self._rows[at]

    def index_of(self, member_id: int) -> QModelIndex:
        at = self._position.get(member_id)
        return self.index(at, 0) if at is not None else QModelIndex()

    def service_place(self, row: RollRow) -> int:
        """ROW's place in the roll as the service gives it (by role, delegation and strokes)."""
        return self._service.get(row.member_id, len(self._service))

    def in_order(self) -> list[RollRow]:
        """The rows in the service's order, whatever the sort shown."""
        return [self._rows[self._position[m]] for m in self._order]

    # ------------------------------------------------------------ what is typed

    def matching(self, text: str) -> frozenset[int]:
        """The member ids of the rows TEXT (as `typed`) names while the list filters: the start of
        a card number, characters of a name, its pinyin (attendance.matches with card_start).

        Once per text: a longer text of letters or characters is matched only among those the
        shorter one found, as the clerk types a name letter by letter."""
        found = self._matches.get(text)
        if found is not None:
            return found
        among = self._rows
        if not _card_text(text):  # a card's start is not narrowed: "12" names card 12, "1" does not
            for end in range(len(text) - 1, 0, -1):
                shorter = self._matches.get(text[:end])
                if shorter is not None and not _card_text(text[:end]):
                    among = [self._rows[self._position[m]] for m in shorter]
                    break
        found = frozenset(r.member_id for r in among if attendance.matches(r, text, card_start=True))
        if len(self._matches) >= MATCHES_KEPT:
            self._matches.clear()
        self._matches[text] = found
        return found

    def find(self, text: str) -> list[RollRow]:
        """Those TEXT names as the check-in line takes it on Enter (attendance.find, in the roll
        held here): a whole card number, or characters or pinyin of a name; in the roll's order."""
        text = text.strip()
        if not text:
            return []
        if _card_text(text):
            row = self.row_of(int(text))
            return [row] if row is not None else []
        if _card_text(typed(text)):  # digits with spaces between: no card, and no name
            return []
        found = [self._rows[self._position[m]] for m in self.matching(typed(text))]
        return sorted(found, key=self.service_place)

    # ------------------------------------------------------------ sorting

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by COLUMN (-1: the service's order); ties keep the service's order."""
        self._sort = (column, order)
        self._resort()

    def sort_column(self) -> int:
        return self._sort[0]

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        self._rows = self._sorted(old)
        self._position = {r.member_id: i for i, r in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(persistent, [
            self.index(self._position[old[i.row()].member_id], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def _sorted(self, rows: list[RollRow]) -> list[RollRow]:
        column, order = self._sort
        if column < 0:
            return sorted(rows, key=self.service_place)
        if column == self.NAME and self._name_rank is None:
            # the rank of each name in the session's stroke order, once per roll
            self._name_rank = {r.name + r.note: i for i, r in enumerate(attendance.in_stroke_order(rows))}
        keys = {r.member_id: self._key(r, column) for r in rows}
        return sorted(rows, key=lambda r: keys[r.member_id], reverse=order == Qt.SortOrder.DescendingOrder)

    def _key(self, row: RollRow, column: int) -> tuple[int, int]:
        # the column's value, then the service's order (by role, delegation, then strokes) for ties
        if column == self.DELEGATION:
            value = self._team_order.get(row.delegation_id, 0)
        elif column == self.NAME:
            value = self._name_rank.get(row.name + row.note, 0) if self._name_rank else 0
        elif column == self.ROLE:
            value = ROLE_ORDER.get(row.role, 9)
        elif column == self.STATUS:
            value = STATUS_ORDER.get(row.status, 9)
        else:
            return (row.member_id, 0)
        return (value, self.service_place(row))

    def sort_value(self, position: int, row: RollRow, column: int):
        """SORT_ROLE: the key the rows are sorted by, one number (for any proxy that asks)."""
        if column == self.NAME and self._name_rank is None:
            return self.service_place(row)
        first, then = self._key(row, column)
        return first * 100000 + then

    # ------------------------------------------------------------ cells

    def text(self, row: RollRow, column: int) -> str:
        return [row.delegation, row.display, row.leader_title and f"{row.role}（{row.leader_title}）" or row.role,
                row.status_text, row.card][column]

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
    """Filters by delegation, status, role and what is typed on the check-in line; sorting is
    the model's (`sort` passes it on), so the proxy keeps the model's order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._model: RollModel | None = None
        self._delegation: int | None = None
        self._status = None
        self._role: str | None = None
        self._query = ""

    def setSourceModel(self, model) -> None:
        self._model = model
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model.sort(column, order)

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
        self._set("_query", typed(text))

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self._model
        row: RollRow = model._rows[source_row]
        if self._query:  # the model works out once what the text names, then each row is a lookup
            named = model._matches.get(self._query)
            if row.member_id not in (named if named is not None else model.matching(self._query)):
                return False
        if self._delegation is not None and row.delegation_id != self._delegation:
            return False
        if self._role is not None and row.role != self._role:
            return False
        return self._status is None or self._status(row.status)


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

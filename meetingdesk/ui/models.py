"""Qt table models over service results; widgets keep no data of their own."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from meetingdesk.rules import mandates
from meetingdesk.services.roster import ROLE_ORDER, DelegationRow, MemberRow, sort_members

# Carries a value that sorts correctly: the stroke-order rank for names.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The row object itself, for the views to act on.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class Headed:
    """Column headings from the class's `headers`, for any of our item models."""

    headers: tuple[str, ...] = ()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class RowsModel(Headed, QAbstractTableModel):
    """A read-only table of dataclass rows; subclasses name the columns."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def rows(self) -> list:
        return list(self._rows)

    def rows_view(self) -> list:
        """The rows themselves, not copied (for a proxy computing its sort keys)."""
        return self._rows

    def index_by(self, attribute: str, value) -> QModelIndex:
        """The first cell of the row whose ATTRIBUTE is VALUE (an id), or an invalid index."""
        for i, r in enumerate(self._rows):
            if getattr(r, attribute) == value:
                return self.index(i, 0)
        return QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)


    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == SORT_ROLE:
            return self.sort_value(index.row(), row, index.column())
        if role == FILTER_ROLE:
            return self.filter_text(row)
        return self.extra(row, index.column(), role)

    def text(self, row, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, position: int, row, column: int):
        return self.text(row, column)

    def filter_text(self, row) -> str:
        return ""

    def extra(self, row, column: int, role: int):
        return None


class FilteredRowsModel(RowsModel):
    """A RowsModel that filters and sorts itself, for tables of thousands of rows.

    A QSortFilterProxyModel over a Python model calls back into Python for every comparison and
    every index it checks: at 5,000 people a refresh took a second and each key in the filter
    half of one. Here the filter is one list comprehension over texts lowered once per row, and a
    sort one Python sort over keys computed once per row and column. The model is its own proxy:
    mapToSource / mapFromSource are the identity, row_at and index_by see the rows shown."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list = []
        self._search: list[str] = []
        self._text = ""
        self._column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._keys: dict[int, list[tuple]] = {}
        self._positions: list[int] = []

    # ------------------------------------------------ what is shown

    def set_rows(self, rows: list) -> None:
        self._all = list(rows)
        self._search = [self.filter_text(r).lower() for r in self._all]
        self._keys = {}
        self._show()

    def all_rows(self) -> list:
        return list(self._all)

    def put_row(self, attribute: str, key, row) -> None:
        """Replace the row whose ATTRIBUTE is KEY by ROW (None: remove it; not there: add it),
        then order the rows as the service would (service_order) and show them again — one
        row changed costs one pass over the rows, not a re-read of them all."""
        at = next((i for i, r in enumerate(self._all) if getattr(r, attribute) == key), None)
        if row is None:
            if at is not None:
                del self._all[at]
        elif at is None:
            self._all.append(row)
        else:
            self._all[at] = row
        self._all = self.service_order(self._all)
        self._search = [self.filter_text(r).lower() for r in self._all]
        self._keys = {}
        self._show()

    def service_order(self, rows: list) -> list:
        """The rows in the order the service gives them (the position sort_value ranks by)."""
        return rows

    def accepts(self, row) -> bool:
        """Subclasses filter by more than the typed text (a role chosen)."""
        return True

    def setFilterFixedString(self, text: str) -> None:
        self.set_filter(text)

    def set_filter(self, text: str) -> None:
        text = text.strip().lower()
        if text != self._text:
            self._text = text
            self._show()

    def refilter(self) -> None:
        self._show()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._order = column, order
        self._show()

    def sortColumn(self) -> int:
        return self._column

    def _show(self) -> None:
        text = self._text
        chosen = [i for i, r in enumerate(self._all)
                  if (not text or text in self._search[i]) and self.accepts(r)]
        if self._column >= 0:
            keys = self._keys.get(self._column)
            if keys is None:
                keys = self._keys[self._column] = [_sortable(self.sort_value(i, r, self._column))
                                                   for i, r in enumerate(self._all)]
            chosen.sort(key=keys.__getitem__, reverse=self._order == Qt.SortOrder.DescendingOrder)
        self.beginResetModel()
        self._rows = [self._all[i] for i in chosen]
        self._positions = chosen
        self.endResetModel()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == SORT_ROLE and index.isValid():  # the rank in the service's order, as sorting used it
            return self.sort_value(self._positions[index.row()], self._rows[index.row()], index.column())
        return super().data(index, role)

    # ------------------------------------------------ as its own proxy

    def mapToSource(self, index: QModelIndex) -> QModelIndex:
        return index

    def mapFromSource(self, index: QModelIndex) -> QModelIndex:
        return index

    def sourceModel(self):
        return self


class DelegationsModel(RowsModel):
    headers = ("代表团", "代表", "列席", "工作人员", "团长", "讨论地点")
    ALL = None  # the first row, 全部, stands for every delegation

    def set_rows(self, rows: list[DelegationRow]) -> None:
        super().set_rows([self.ALL] + list(rows))

    def text(self, row: DelegationRow | None, column: int) -> str:
        if row is None:
            totals = [sum(r.count(role) for r in self._rows[1:]) for role in ("代表", "列席", "工作人员")]
            return ["全部代表团", *map(str, totals), "", ""][column]
        head = row.head.display if row.head else "（未定）"
        return [row.name, str(row.count("代表")), str(row.count("列席")),
                str(row.count("工作人员")), head, row.room][column]

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
    elif row.role == "代表":
        parts.append("换届选举产生")
    if not row.serving:
        decision = f"（{row.end_decision}）" if row.end_decision else "（终止决定未填）"
        when = f"{_long_date(row.ended_on)}资格终止" if row.ended_on else "资格终止（日期不详）"
        parts.append(f"{when}：{row.end_reason}{decision}")
        if ended_offices:
            parts.append(f"同时相应终止：{'、'.join(ended_offices)}")
    return f"{row.display}（{row.delegation or '未编团'} {row.role}）　" + "；".join(parts) if parts else ""


class MembersModel(FilteredRowsModel):
    NAME, GENDER, ROLE, DELEGATION, LEADER, MANDATE, TITLE, NOTE = range(8)
    STATUS = MANDATE
    headers = ("姓名", "性别", "身份", "代表团", "团内职务", "资格", "工作职务", "备注")

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
            return ROLE_ORDER.get(row.role, 9) * 100000 + position
        if column == self.DELEGATION:  # those without a delegation last
            return self._delegation_order.get(row.delegation_id, 99999) * 100000 + position
        if column == self.MANDATE:  # serving first, then by the date it started or ended
            day = row.ended_on if not row.serving else row.started_on
            return f"{int(not row.serving)}{row.start_reason}{day.isoformat() if day else ''}{position:06d}"
        return self.text(row, column)

    def filter_text(self, row: MemberRow) -> str:
        return f"{row.name} {row.note} {row.work_title}"

    def service_order(self, rows: list) -> list:
        return sort_members(rows)  # stroke order, as roster.list_members gives them

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
            return row.display
        return None

    def index_of_member(self, member_id: int) -> QModelIndex:
        return self.index_by("member_id", member_id)


def _sortable(value) -> tuple:
    """A key that orders any two values a model gives: numbers before texts, None first."""
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)):
        return (1, value)
    return (2, str(value))


class RowsProxy(QSortFilterProxyModel):
    """Sorts by the model's sort_value (stroke rank for names) and filters on FILTER_ROLE as typed.

    The keys of the sorted column are computed once per row when the rows or the column change,
    by one pass in Python over the model's rows; a comparison is then two list lookups, not two
    calls back into the model's data() (at 5,000 people that was most of a second per refresh)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._keys: list[tuple] | None = None
        self._keys_column = -1

    def setSourceModel(self, model) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal in (old.modelAboutToBeReset, old.rowsAboutToBeInserted, old.rowsAboutToBeRemoved,
                           old.layoutAboutToBeChanged, old.dataChanged):
                try:
                    signal.disconnect(self._forget_keys)
                except (RuntimeError, TypeError):
                    pass
        super().setSourceModel(model)
        for signal in (model.modelAboutToBeReset, model.rowsAboutToBeInserted, model.rowsAboutToBeRemoved,
                       model.layoutAboutToBeChanged, model.dataChanged):
            signal.connect(self._forget_keys)

    def _forget_keys(self, *args) -> None:
        self._keys = None

    def _key_list(self, column: int) -> list[tuple] | None:
        model = self.sourceModel()
        if not isinstance(model, RowsModel):
            return None
        if self._keys is None or self._keys_column != column or len(self._keys) != model.rowCount():
            self._keys = [_sortable(model.sort_value(i, r, column)) for i, r in enumerate(model.rows_view())]
            self._keys_column = column
        return self._keys

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        keys = self._key_list(left.column())
        if keys is None:
            return super().lessThan(left, right)
        return keys[left.row()] < keys[right.row()]


class MembersProxy(RowsProxy):
    """Filter by typed text (name, note, title) and by role; sort through SORT_ROLE."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._role: str | None = None

    def set_role(self, role: str | None) -> None:
        self.beginFilterChange()
        self._role = role
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._role is not None:
            row = self.sourceModel().row_at(source_row)
            if row.role != self._role:
                return False
        return super().filterAcceptsRow(source_row, source_parent)

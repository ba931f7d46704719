"""Qt table models over service results; widgets keep no data of their own."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

# Carries a value that sorts correctly: the stroke-order rank for names.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The row object itself, for the views to act on.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3
# Roles a view asks of every cell it paints that no table of the program answers (no icons, no
# sizes of their own): answered at once, not through each model's text and extra (a quarter of
# the calls from painting a table).
UNANSWERED = frozenset({Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.SizeHintRole})
DISPLAY = int(Qt.ItemDataRole.DisplayRole)  # compared as a plain int: the enum's lookup, per cell, adds up

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


    # The roles extra() answers (None: it is asked for every role not answered here). Painting a
    # table asks each cell for eight roles; a model that names its own is not called for the rest.
    EXTRA_ROLES: frozenset | None = None

    def data(self, index: _Index, role: int = DISPLAY):
        if role in UNANSWERED or not index.isValid():
            return None
        if role == DISPLAY:
            return self.text(self._rows[index.row()], index.column())
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self.sort_value(self._position(index.row()), row, index.column())
        if role == FILTER_ROLE:
            return self.filter_text(row)
        extra = self.EXTRA_ROLES
        if extra is not None and role not in extra:
            return None
        return self.extra(row, index.column(), role)

    def _position(self, line: int) -> int:
        """The place in the service's order of the row on LINE (what sort_value ranks by)."""
        return line

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

    # Columns whose sort_value is the row's position (the service's own order, a name's stroke
    # rank): sorted by them, the rows are shown as they came, with no key computed per row.
    RANK_COLUMNS: frozenset[int] = frozenset()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list = []
        self._search: list[str] | None = []  # each row's filter text, lowered; None until a filter asks
        self._text = ""
        self._column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._keys: dict[int, list[tuple]] = {}
        self._positions: list[int] = []

    # ------------------------------------------------ what is shown

    def set_rows(self, rows: list) -> None:
        self._all = list(rows)
        self._search = None  # made when a filter is first typed, not with the window
        self._keys = {}
        self._show()

    def all_rows(self) -> list:
        return list(self._all)

    def put_row(self, attribute: str, key, row) -> None:
        """Replace the row whose ATTRIBUTE is KEY by ROW (None: remove it; not there: add it),
        then order the rows as the service would (service_order) and show them again — one
        row changed costs one pass over the rows, not a re-read of them all."""
        at = next((i for i, r in enumerate(self._all) if getattr(r, attribute) == key), None)
        if at is not None and row is not None and self._replace_in_place(at, row):
            return
        if row is None:
            if at is not None:
                del self._all[at]
        elif at is None:
            self._all.append(row)
        else:
            self._all[at] = row
        self._all = self.service_order(self._all)
        self._search = None
        self._keys = {}
        self._show()

    def service_order(self, rows: list) -> list:
        """The rows in the order the service gives them (the position sort_value ranks by)."""
        return rows

    def same_place(self, old, new) -> bool:
        """Whether NEW takes OLD's place in service_order (subclasses that know say so)."""
        return False

    def _replace_in_place(self, at: int, row) -> bool:
        """Put ROW at AT and repaint its one line, when that is all an edit changes: the same place
        in the service's order, shown or hidden as before, the same key in the column sorted by.
        An edit of one person at 5,000 people is then a line repainted, not a model reset."""
        old = self._all[at]
        if not self.same_place(old, row):
            return False
        search = self.filter_text(row).lower()
        text = self._text
        line = self._positions.index(at) if at in self._positions else None  # its line shown, if any
        shown_now = (not text or text in search) and self.accepts(row)
        if (line is not None) != shown_now:
            return False
        new_keys = {column: _sortable(self.sort_value(at, row, column)) for column in self._keys}
        if self._column in new_keys and new_keys[self._column] != self._keys[self._column][at]:
            return False
        self._all[at] = row
        if self._search is not None:
            self._search[at] = search
        for column, value in new_keys.items():
            self._keys[column][at] = value
        if line is not None:
            self._rows[line] = row
            self.dataChanged.emit(self.index(line, 0), self.index(line, self.columnCount() - 1))
        return True

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

    def _show(self) -> None:
        text = self._text
        if text and self._search is None:
            self._search = [self.filter_text(r).lower() for r in self._all]
        search = self._search
        chosen = [i for i, r in enumerate(self._all) if (not text or text in search[i]) and self.accepts(r)]
        if self._column in self.RANK_COLUMNS:  # the rows' own order: no key to compute or sort by
            if self._order == Qt.SortOrder.DescendingOrder:
                chosen.reverse()
        elif self._column >= 0:
            keys = self._keys.get(self._column)
            if keys is None:
                keys = self._keys[self._column] = self.column_keys(self._column)
            chosen.sort(key=keys.__getitem__, reverse=self._order == Qt.SortOrder.DescendingOrder)
        self.beginResetModel()
        self._rows = [self._all[i] for i in chosen]
        self._positions = chosen
        self.endResetModel()

    def column_keys(self, column: int) -> list[tuple]:
        """Every row's sort key in COLUMN, in the rows' order: _sortable(sort_value(…)) of each
        (a subclass may compute the same keys in one pass)."""
        return [_sortable(self.sort_value(i, r, column)) for i, r in enumerate(self._all)]

    def _position(self, line: int) -> int:
        return self._positions[line]  # the rank in the service's order, as sorting used it

    # ------------------------------------------------ as its own proxy

    def mapToSource(self, index: QModelIndex) -> QModelIndex:
        return index

    def mapFromSource(self, index: QModelIndex) -> QModelIndex:
        return index

    def sourceModel(self):
        return self


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



"""Small building blocks the presidium pages share: a read-only table, a sort proxy, a question box."""
from __future__ import annotations

from PySide6.QtCore import (QAbstractItemModel, QEvent, QItemSelectionModel, QModelIndex, QObject, QSortFilterProxyModel,
                            Qt, QTimer)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMessageBox, QStyle, QTableView, QWidget

from meetingdesk.ui.common.models import RowsProxy

RED = "#b00020"


def table_view(model: QAbstractItemModel, *, sortable: bool = True, fitted: bool = True) -> QTableView:
    """Rows selected whole, never edited in place, columns as wide as their text (FITTED: by
    fit_columns whenever the rows change; False for a page that sizes its columns itself)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if fitted:
        _ColumnFitter(view)
    if sortable:
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a header is clicked
    return view


FIT_ROWS = 40  # more rows than a table shows on a 1,080-pixel screen


def fit_columns(view: QTableView) -> None:
    """Size VIEW's columns to their heading and the texts of FIT_ROWS rows from the top one on
    screen, no wider than the header's maximumSectionSize.

    table_view calls it each time the rows are set, sorted or changed, not at every layout as
    ResizeToContents measures: at 5,000 people that measured every cell on screen two or three
    times while the first window was laid out, eight calls into the model's Python per cell, a
    tenth of the first window. Here a column is one pass over its texts. The user may drag a
    column wider; a text wider than its column is elided, whole on hover (the models' tooltips)."""
    model = view.model()
    if model is None:
        return
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    # as Qt measures a cell: the text's margins either side, the grid line, a pixel of rounding
    pad = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    pad += 2 if view.showGrid() else 1
    top = max(view.rowAt(0), 0)
    rows = range(top, min(model.rowCount(), top + FIT_ROWS))  # not the rows on screen: unknown before a layout
    most = header.maximumSectionSize()
    for column in range(model.columnCount()):  # a hidden one too: Qt keeps its size for when shown
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            continue  # stretched, or sized by Qt as the page chose
        width = header.sectionSizeHint(column)
        for row in rows:
            text = model.index(row, column).data()
            if text:
                width = max(width, metrics.horizontalAdvance(str(text)) + pad)
        width = min(width, most)
        if width != header.sectionSize(column):  # each resize lays the header out again
            header.resizeSection(column, width)


class _ColumnFitter(QObject):
    """Fits its view's columns when the model's rows are set or sorted, and once after any number
    of rows changed (a mark of 3,000 people on the roll is one fit, not 3,000). A hidden view is
    fitted when it is shown, once, whatever happened to its rows meanwhile. A child of the view,
    so that a model outliving the view no longer calls it."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.pending = True
        self.later = QTimer(self)
        self.later.setSingleShot(True)
        self.later.setInterval(0)
        self.later.timeout.connect(self.fit)
        view.installEventFilter(self)
        model = view.model()
        model.modelReset.connect(self.fit)
        model.layoutChanged.connect(self.fit)
        model.dataChanged.connect(self.fit_later)
        model.rowsInserted.connect(self.fit_later)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.pending:
            self.fit()
        return False

    def fit_later(self) -> None:
        if self.view.isVisible():
            self.later.start()
        else:
            self.pending = True

    def fit(self) -> None:
        self.later.stop()
        if not self.view.isVisible():
            self.pending = True
            return
        self.pending = False
        fit_columns(self.view)


def sort_proxy(model: QAbstractItemModel, parent: QObject) -> QSortFilterProxyModel:
    """Sorts through SORT_ROLE (stroke rank for names) and filters on FILTER_ROLE as typed."""
    proxy = RowsProxy(parent)
    proxy.setSourceModel(model)
    return proxy


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "确定",
            icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> bool:
    """A yes/no question with Chinese buttons (tests patch this function)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


def select_row(view: QAbstractItemView, index: QModelIndex) -> None:
    """Make INDEX's row the view's current and only selected row."""
    view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def current_row(view: QAbstractItemView):
    """The service row under the view's current index (through its sort proxy), or None."""
    index = view.currentIndex()
    if not index.isValid():
        return None
    model = view.model()
    if isinstance(model, QSortFilterProxyModel):
        index, model = model.mapToSource(index), model.sourceModel()
    return model.row_at(index.row())


def open_adding(tab, dialog):
    """Open DIALOG, which adds a row (its `added`): on OK, TAB says it changed and selects it."""

    def done() -> None:
        tab.changed.emit()
        if dialog.added is not None:
            tab.select(dialog.added)

    dialog.accepted.connect(done)
    dialog.open()
    return dialog

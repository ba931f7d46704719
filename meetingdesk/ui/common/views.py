"""Small building blocks the presidium pages share: a read-only table, a sort proxy, a question box."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMessageBox, QTableView, QWidget

from meetingdesk.ui.common.models import RowsProxy

RED = "#b00020"


def table_view(model: QAbstractItemModel, *, sortable: bool = True) -> QTableView:
    """Rows selected whole, never edited in place, columns as wide as their text."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # sized by the rows on screen, not by measuring every row (5,000 people: seconds per refresh)
    header.setResizeContentsPrecision(0)
    header.setStretchLastSection(True)
    if sortable:
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a header is clicked
    return view


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

"""Choosing one person from a long list by typing part of the name (search as you type)."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from meetingdesk.services import ServiceError
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.models import FILTER_ROLE, RowsModel
from meetingdesk.ui.common.views import sort_proxy


class ChoicesModel(RowsModel):
    """(id, label) pairs as the services' *_choices() return them."""

    headers = ("姓名",)

    def text(self, row: tuple[int, str], column: int) -> str:
        return row[1]

    def filter_text(self, row: tuple[int, str]) -> str:
        return row[1]


class PickerDialog(CheckedDialog):
    """A filter line over a list of choices; more fields may follow through add_field.

    KEY is the ServiceError field the choice answers to, so a refusal shows under the list.
    """

    def __init__(self, title: str, choices: list[tuple[int, str]], *, key: str = "person",
                 label: str = "人员", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.key = key
        self.choices = ChoicesModel(self)
        self.choices.set_rows(choices)
        self.proxy = sort_proxy(self.choices, self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("输入姓名或代表团中的字筛选")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumHeight(260)
        self.list.doubleClicked.connect(self._try_accept)
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.filter)
        inner.addWidget(self.list)
        self.add_field(key, label, box)
        self.resize(460, 460)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() and not self.list.currentIndex().isValid():
            self.list.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def chosen_id(self) -> int | None:
        index = self.list.currentIndex()
        if not index.isValid() or not self.list.selectionModel().isSelected(index):
            return None
        return self.choices.row_at(self.proxy.mapToSource(index).row())[0]

    def required_id(self) -> int:
        """The chosen id, or the refusal shown under the list."""
        chosen = self.chosen_id()
        if chosen is None:
            raise ServiceError("请在列表中选择一人（可先输入姓名中的字筛选）。", self.key)
        return chosen

    def filter_texts(self) -> list[str]:
        """The labels shown now (tests)."""
        return [self.proxy.index(r, 0).data(FILTER_ROLE) for r in range(self.proxy.rowCount())]

"""任职 tab: the posts people hold (区委书记, 区人大常委会副主任 …) that the presidium rule reads."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from meetingdesk.services import ServiceError, presidium
from meetingdesk.services.presidium import OfficeRow
from meetingdesk.store import OFFICE_BODIES
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.models import RowsModel
from meetingdesk.ui.common.pickers import PickerDialog
from meetingdesk.ui.common.views import open_adding, select_row, table_view


class OfficesModel(RowsModel):
    headers = ("姓名", "任职机构", "职务")

    def text(self, row: OfficeRow, column: int) -> str:
        return [row.display, row.body, row.title][column]


class OfficeDialog(PickerDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("登记任职", presidium.person_choices(), parent=parent)
        self.body = self.add_field("body", "任职机构", QComboBox())
        self.body.addItems(list(OFFICE_BODIES))
        self.title = self.add_field("title", "职务", QLineEdit())
        self.title.setPlaceholderText("如：书记、常委、副主任、委员、主席")
        self.added: int | None = None
        self.submit = self._submit

    def _submit(self) -> None:
        self.added = presidium.add_office(self.required_id(), self.body.currentText(), self.title.text())


class OfficesTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OfficesModel(self)
        self.view = table_view(self.model, sortable=False)
        explain = QLabel("“按规则建议”主席团成员时依据这里登记的任职：区委书记、区委常委（不在区政府、区监委任职）、"
                         "区人大常委会组成人员、区政协主席。")
        explain.setWordWrap(True)
        self.add_button = QPushButton("登记任职…")
        self.remove_button = QPushButton("删除")
        self.add_button.clicked.connect(self.add_office)
        self.remove_button.clicked.connect(self.remove_office)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)

    def refresh(self) -> None:
        current = self.current()
        self.model.set_rows(presidium.list_offices())
        if current is not None:
            self.select(current.office_id)
        self._update_buttons()

    def current(self) -> OfficeRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, office_id: int) -> None:
        for i, r in enumerate(self.model.rows()):
            if r.office_id == office_id:
                select_row(self.view, self.model.index(i, 0))
                return

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.current() is not None)

    def add_office(self) -> OfficeDialog:
        return open_adding(self, OfficeDialog(self))

    def remove_office(self) -> None:
        row = self.current()
        if row is None:
            return
        try:
            presidium.remove_office(row.office_id)
        except ServiceError as exc:
            warn(self, "无法删除任职", exc.message)
            return
        self.changed.emit()

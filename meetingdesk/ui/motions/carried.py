"""续办议案: the motions of earlier sessions this session orders handled further (the tab of the
议案 page). The 关于议案的决议（草案） names them; the list is short, the tab small."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from meetingdesk.services import ServiceError, motions, session
from meetingdesk.services.motions import CarriedInput, CarriedRow
from meetingdesk.ui.common import views
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.models import RowsModel
from meetingdesk.ui.common.views import current_row, select_row, table_view

NOTE = ("以往会议确定、本次会议决定继续办理的议案。“关于议案的决议（草案）”据此写明"
        "“同时，……须继续办理”和“本次会议确定的议案和续办议案的办理情况……”；没有续办议案时不写。")


class CarriedModel(RowsModel):
    headers = ("提出会议", "标题", "领衔代表")
    EXTRA_ROLES = frozenset()

    def text(self, row: CarriedRow, column: int) -> str:
        return (row.session_text, row.title, row.lead)[column]


def _spin(prefix: str, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 999)
    spin.setPrefix(prefix)
    spin.setSuffix(suffix)
    spin.setSpecialValueText("（未填）")
    return spin


class CarriedDialog(CheckedDialog):
    """添加 or 修改 one 续办议案: its title, the session that made it, its 领衔代表."""

    def __init__(self, term: int, number: int, row: CarriedRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("修改续办议案" if row else "添加续办议案", parent)
        self.title = self.add_field("title", "标题", QLineEdit(row.title if row else ""))
        self.title.setPlaceholderText("如：加快推进中西部地区产城融合发展的议案（不加书名号）")
        self.term = self.add_field("term", "提出的会议", _spin("第 ", " 届人民代表大会"))
        self.number = self.add_field("number", "", _spin("第 ", " 次会议"))
        # by default the same term's first session, which a 续办议案 most often comes from
        self.term.setValue(row.term if row else term)
        self.number.setValue(row.number if row else (1 if number > 1 else 0))
        self.lead = self.add_field("lead", "领衔代表", QLineEdit(row.lead if row else ""))
        self.lead.setPlaceholderText("不知道时留空")
        self.resize(620, self.sizeHint().height())

    def value(self) -> CarriedInput:
        return CarriedInput(self.title.text(), self.term.value() or None, self.number.value() or None,
                            self.lead.text())


class CarriedTab(QWidget):
    """The list with 添加 / 修改 / 删除; `changed` follows every write."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writable = True  # the page follows this desk's rights
        self.model = CarriedModel(self)
        self.view = table_view(self.model, sortable=False)
        self.view.doubleClicked.connect(self.edit)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.add_button = QPushButton("添加…")
        self.edit_button = QPushButton("修改…")
        self.remove_button = QPushButton("删除")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        note = QLabel(NOTE)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self) -> None:
        chosen = self.current()
        self.model.set_rows(motions.list_carried())
        if chosen is not None:
            self.select(chosen.carried_id)
        self._update_buttons()

    def current(self) -> CarriedRow | None:
        return current_row(self.view)

    def select(self, carried_id: int) -> bool:
        index = self.model.index_by("carried_id", carried_id)
        if index.isValid():
            select_row(self.view, index)
        return index.isValid()

    def _update_buttons(self, *_) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _written(self, carried_id: int | None = None) -> None:
        self.refresh()
        if carried_id is not None:
            self.select(carried_id)  # the view's current row moves: the buttons follow
        self.changed.emit()

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def add(self) -> CarriedDialog:
        info = session.session_info()
        dialog = CarriedDialog(info.term, info.number, parent=self)
        added: list[int] = []
        dialog.submit = lambda: added.append(motions.add_carried(dialog.value()))
        dialog.accepted.connect(lambda: self._written(added[-1] if added else None))
        dialog.open()
        return dialog

    def edit(self, *_) -> CarriedDialog | None:
        row = self.current()
        if row is None or not self.writable:  # a double-click too
            return None
        info = session.session_info()
        dialog = CarriedDialog(info.term, info.number, row, parent=self)
        dialog.submit = lambda: motions.update_carried(row.carried_id, dialog.value(), seen=row)
        dialog.accepted.connect(lambda: self._written(row.carried_id))
        dialog.open()
        return dialog

    def remove(self) -> None:
        row = self.current()
        if row is None:
            return
        if not views.confirm(self, "删除续办议案", f"删除续办议案《{row.title}》？\n"
                             "关于议案的决议（草案）将不再写它须继续办理。", "删除"):
            return
        try:
            motions.remove_carried(row.carried_id)
        except ServiceError as exc:
            warn(self, "无法删除", exc.message)
        self._written()

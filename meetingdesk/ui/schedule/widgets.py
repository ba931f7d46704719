"""Parts of the 议程日程 page: an ordered item list with its buttons, and a paper's 通过会议."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, schedule
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.views import select_row
from meetingdesk.ui.schedule import meeting_dialog
from meetingdesk.ui.schedule.meeting_dialog import TextDialog
from meetingdesk.ui.schedule.models import OrderedRowsModel


class PaddedDelegate(QStyledItemDelegate):
    """Rows a little taller than the text: Chinese lines packed tight are hard to read."""

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 8)


class WrappingTable(QTableView):
    """A table whose rows grow to their wrapped text, also after the view is resized."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()


@dataclass(frozen=True)
class ItemOps:
    """The service calls behind one list: the agenda, or the items of one meeting."""

    what: str  # 议程 / 会议事项
    add: Callable[[str], int]
    update: Callable[..., None]  # (item id, text, seen=the text as read)
    remove: Callable[[int], None]
    move: Callable[[int, int], None]
    placeholder: str = ""


class ItemsPanel(QWidget):
    """A numbered list with 添加 / 修改 / 删除 / 上移 / 下移 and drag to reorder.

    The panel writes through its ItemOps and then emits `written`; the page re-reads
    everything and hands the rows back with `set_rows`. A refused write emits `stale`
    instead: nothing changed here, but another window may have changed the list.
    """

    written = Signal()
    stale = Signal()

    def __init__(self, model: OrderedRowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.ops: ItemOps | None = None
        self.writable = True  # the page follows this desk's rights (set_writable)
        self._wanted: int | None = None  # the row to select after the next re-read
        self.view = WrappingTable()
        self.view.setModel(model)
        self.view.setItemDelegate(PaddedDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(True)  # long agenda items wrap rather than being cut
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDragDropOverwriteMode(False)
        self.view.doubleClicked.connect(self.edit)
        model.move_requested.connect(self.move_to)

        self.add_button = QPushButton("添加…")
        self.edit_button = QPushButton("修改…")
        self.remove_button = QPushButton("删除")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.step(-1))
        self.down_button.clicked.connect(lambda: self.step(1))
        self.hint = QLabel("可拖动调整次序")
        self.hint.setStyleSheet("color: #777777")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    # ------------------------------------------------------------ reading

    def set_rows(self, rows: list, ops: ItemOps | None) -> None:
        current = self.current()
        wanted = self._wanted if self._wanted is not None else (current.item_id if current else None)
        self._wanted = None
        self.ops = ops
        self.model.set_rows(rows)
        self.view.resizeRowsToContents()
        if wanted is not None:
            self.select_item(wanted)
        self._update_buttons()

    def select_item(self, item_id: int) -> None:
        index = self.model.index_of_item(item_id)
        if index.isValid():
            select_row(self.view, index)
            self.view.scrollTo(index)

    def current(self):
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self.current()
        count = self.model.rowCount()
        self.add_button.setEnabled(self.ops is not None)
        for b in (self.edit_button, self.remove_button):
            b.setEnabled(self.ops is not None and row is not None)
        self.up_button.setEnabled(self.ops is not None and row is not None and row.position > 0)
        self.down_button.setEnabled(self.ops is not None and row is not None and row.position < count - 1)

    # ------------------------------------------------------------ writing

    def _written(self, item_id: int | None, ok: bool = True) -> None:
        self._wanted = item_id
        (self.written if ok else self.stale).emit()

    def edit_controls(self) -> list[QWidget]:
        return [self.add_button, self.edit_button, self.remove_button, self.up_button, self.down_button]

    def set_writable(self, writable: bool) -> None:
        """Its buttons are the page's (Page.edit_controls); the list is neither dragged nor
        double-clicked into a dialog where the desk may not write."""
        self.writable = writable
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove if writable
                                  else QAbstractItemView.DragDropMode.NoDragDrop)

    def add(self) -> TextDialog | None:
        ops = self.ops
        if ops is None or not self.writable:
            return None
        dialog = TextDialog(f"添加{ops.what}", "内容", placeholder=ops.placeholder, parent=self)
        added: list[int] = []

        def submit() -> None:
            added.append(ops.add(dialog.value()))

        dialog.submit = submit
        dialog.accepted.connect(lambda: self._written(added[-1] if added else None))
        dialog.open()
        return dialog

    def edit(self) -> TextDialog | None:
        ops, row = self.ops, self.current()
        if ops is None or row is None or not self.writable:
            return None
        dialog = TextDialog(f"修改{ops.what}", "内容", row.text, ops.placeholder, self)
        dialog.submit = lambda: ops.update(row.item_id, dialog.value(), seen=row.text)
        dialog.accepted.connect(lambda: self._written(row.item_id))
        dialog.open()
        return dialog

    def remove(self) -> None:
        ops, row = self.ops, self.current()
        if ops is None or row is None:
            return
        shown = self.model.text(row, 0)
        if not meeting_dialog.confirm(self, f"删除{ops.what}", f"删除{ops.what}“{shown}”？"):
            return
        neighbour = self.model.row_at(row.position + 1) if row.position + 1 < self.model.rowCount() else (
            self.model.row_at(row.position - 1) if row.position > 0 else None)
        self._call(lambda: ops.remove(row.item_id), neighbour.item_id if neighbour else None)

    def step(self, step: int) -> None:
        row = self.current()
        if row is not None:
            self.move_to(row.item_id, row.position + step)

    def move_to(self, item_id: int, index: int) -> None:
        ops = self.ops
        if ops is None or not self.writable or not 0 <= index < self.model.rowCount():
            return
        self._call(lambda: ops.move(item_id, index), item_id)

    def _call(self, write: Callable[[], None], select: int | None) -> None:
        try:
            write()
        except ServiceError as exc:
            warn(self, "无法修改", exc.message)
            self._written(select, ok=False)
            return
        self._written(select)


class AdoptionBar(QWidget):
    """Which meeting adopted a paper, with its verb, and the line printed under its title."""

    written = Signal()

    def __init__(self, paper: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paper = paper
        self.meeting = QComboBox()
        self.meeting.setMinimumContentsLength(18)
        self.verb = QComboBox()
        self.verb.addItems(list(schedule.VERBS))
        self.line = QLabel()
        self.line.setWordWrap(True)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meeting.activated.connect(self.save)
        self.verb.activated.connect(self.save)
        title, _ = schedule.ADOPTED_PAPERS[paper]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(f"{title}由"))
        layout.addWidget(self.meeting)
        layout.addWidget(self.verb)
        layout.addWidget(self.line, 1)

    def refresh(self) -> None:
        row = schedule.adoption(self.paper)
        for box in (self.meeting, self.verb):
            box.blockSignals(True)
        self.meeting.clear()
        self.meeting.addItem("（未定通过会议）", None)
        for meeting_id, label in schedule.meeting_choices():
            self.meeting.addItem(label, meeting_id)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(row.meeting_id)))
        self.verb.setCurrentText(row.verb)
        for box in (self.meeting, self.verb):
            box.blockSignals(False)
        self.line.setText(f"标题下印：{row.line}" if row.line else "标题下不印通过会议")

    def save(self) -> None:
        try:
            schedule.set_adoption(self.paper, self.meeting.currentData(), self.verb.currentText())
        except ServiceError as exc:
            warn(self, "无法修改通过会议", exc.message)
            self.refresh()
            return
        self.written.emit()

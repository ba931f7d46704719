"""票箱和表决事项: the session's ballot boxes and the items put to the vote, opened from the 计票
page. Every change goes through services.voting at once; a refusal shows in red under its table."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, session, voting
from meetingdesk.services.voting import BoxRow, PollUse, VoteItemRow
from meetingdesk.store import VOTE_ITEM_KINDS
from meetingdesk.ui.common import views
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.models import RowsModel
from meetingdesk.ui.common.views import RED, current_row, select_row, table_view


def uses_text(uses: list[PollUse]) -> str:
    return "、".join(u.title + ("（已确认）" if u.confirmed else "") for u in uses)


class BoxesModel(RowsModel):
    NUMBER, NAME, PLACE, USED = range(4)
    headers = ("序号", "票箱", "放置位置", "已录入票数的投票")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.uses: dict[int, list[PollUse]] = {}

    def set_rows(self, rows: list[BoxRow], uses: dict[int, list[PollUse]] | None = None) -> None:
        self.uses = uses or {}
        super().set_rows(rows)

    def text(self, row: BoxRow, column: int) -> str:
        return [str(row.number), row.name, row.place, uses_text(self.uses.get(row.box_id, []))][column]

    def extra(self, row: BoxRow, column: int, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.box_id in self.uses:
            return "已录入票数的票箱不能删除，可以改名。"
        return None


class ItemsModel(RowsModel):
    NUMBER, KIND, TITLE, USED = range(4)
    headers = ("序号", "类别", "表决事项", "已列入的投票")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.uses: dict[int, list[PollUse]] = {}

    def set_rows(self, rows: list[VoteItemRow], uses: dict[int, list[PollUse]] | None = None) -> None:
        self.uses = uses or {}
        super().set_rows(rows)

    def confirmed(self, item_id: int) -> list[str]:
        return [u.title for u in self.uses.get(item_id, []) if u.confirmed]

    def text(self, row: VoteItemRow, column: int) -> str:
        return [str(row.number), row.kind, row.title, uses_text(self.uses.get(row.item_id, []))][column]

    def extra(self, row: VoteItemRow, column: int, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.title if column == self.TITLE else None
        return None


class BoxDialog(CheckedDialog):
    def __init__(self, row: BoxRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__("修改票箱" if row else "添加票箱", parent)
        self.name = self.add_field("name", "票箱名称", QLineEdit(row.name if row else ""))
        self.name.setPlaceholderText("如：主席团票箱、会场1号票箱")
        self.place = self.add_field("place", "放置位置", QLineEdit(row.place if row else ""))
        self.place.setPlaceholderText("如：主席台、会场东侧（可不填）")
        self.resize(460, self.sizeHint().height())

    def value(self) -> tuple[str, str]:
        return self.name.text(), self.place.text()


class ItemDialog(CheckedDialog):
    """An item's title and kind; a title a confirmed result printed is shown but not editable."""

    def __init__(self, row: VoteItemRow | None = None, confirmed: list[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__("修改表决事项" if row else "添加表决事项", parent)
        self.title = self.add_field("title", "表决事项", QLineEdit(row.title if row else ""))
        self.title.setPlaceholderText("如：关于东西湖区人民政府工作报告的决议（草案）")
        self.title.setCursorPosition(0)
        self.kind = self.add_field("kind", "类别", QComboBox())
        self.kind.addItems(list(VOTE_ITEM_KINDS))
        if row is not None:
            self.kind.setCurrentText(row.kind)
        if confirmed:
            self.title.setReadOnly(True)
            note = QLabel(f"已在{'、'.join(f'“{t}”' for t in confirmed)}中表决，主席团已确认的结果印有这一名称，"
                          "名称不能再改。")
            note.setWordWrap(True)
            note.setStyleSheet("color: #555555")
            self.form.addRow(note)
        self.resize(760, self.sizeHint().height())

    def value(self) -> tuple[str, str]:
        return self.title.text(), self.kind.currentText()


class _Section(QWidget):
    """One table with its buttons (添加… 修改… 上移 下移 删除…) and its error line."""

    def __init__(self, caption: str, model: RowsModel, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view: QTableView = table_view(model, sortable=False)  # the order is the session's, moved by hand
        self.view.horizontalHeader().setStretchLastSection(False)
        self.add_button = QPushButton(f"添加{noun}…")
        self.edit_button = QPushButton("修改…")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.remove_button = QPushButton("删除…")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {RED}")
        self.error.hide()
        label = QLabel(caption)
        label.setStyleSheet("font-weight: bold")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.view.selectionModel().currentRowChanged.connect(self.update_buttons)
        self.view.doubleClicked.connect(lambda *_: self.edit_button.click())
        self.update_buttons()

    def current(self):
        return current_row(self.view)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def select(self, attribute: str, value) -> None:
        index = self.model.index_by(attribute, value)
        if index.isValid():
            select_row(self.view, index)
            self.view.scrollTo(index)
        self.update_buttons()

    def update_buttons(self, *_) -> None:
        row = self.current()
        count = self.model.rowCount()
        for b in (self.edit_button, self.remove_button):
            b.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row.position > 0)
        self.down_button.setEnabled(row is not None and row.position < count - 1)


class CountingSetupDialog(QDialog):
    """Boxes above, items below; `changed` follows every write, `refresh()` re-reads both."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("票箱和表决事项")
        intro = QLabel("投票按票箱计票，每张表决票列出所选的表决事项。已录入票数的票箱、已列入投票的表决事项"
                       "不能删除；主席团已确认的表决事项名称不能再改。")
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555555")
        self.boxes = _Section("票箱", BoxesModel(self), "票箱")
        self.items = _Section("表决事项（按表决票上的顺序）", ItemsModel(self), "表决事项")
        header = self.boxes.view.horizontalHeader()
        header.setSectionResizeMode(BoxesModel.USED, QHeaderView.ResizeMode.Stretch)
        header = self.items.view.horizontalHeader()
        header.setSectionResizeMode(ItemsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ItemsModel.USED, QHeaderView.ResizeMode.Fixed)  # not fitted to its texts
        header.resizeSection(ItemsModel.USED, 220)
        self.items.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.boxes, 2)
        layout.addSpacing(10)
        layout.addWidget(self.items, 3)
        layout.addWidget(buttons)

        self.boxes.add_button.clicked.connect(lambda *_: self.add_box())
        self.boxes.edit_button.clicked.connect(lambda *_: self.edit_box())
        self.boxes.up_button.clicked.connect(lambda *_: self.move_box(-1))
        self.boxes.down_button.clicked.connect(lambda *_: self.move_box(1))
        self.boxes.remove_button.clicked.connect(lambda *_: self.remove_box())
        self.items.add_button.clicked.connect(lambda *_: self.add_item())
        self.items.edit_button.clicked.connect(lambda *_: self.edit_item())
        self.items.up_button.clicked.connect(lambda *_: self.move_item(-1))
        self.items.down_button.clicked.connect(lambda *_: self.move_item(1))
        self.items.remove_button.clicked.connect(lambda *_: self.remove_item())
        self.refresh()
        self.resize(1040, 660)  # inside a 1366×768 screen with its task bar

    # ------------------------------------------------------------ reading

    def refresh(self, box_id: int | None = None, item_id: int | None = None) -> None:
        """Re-read both tables, keeping (or moving to) the chosen rows."""
        box = self.boxes.current()
        item = self.items.current()
        self.boxes.model.set_rows(voting.list_boxes(), voting.box_uses())
        self.items.model.set_rows(voting.list_vote_items(), voting.item_uses())
        self.boxes.select("box_id", box_id if box_id is not None else (box.box_id if box else None))
        self.items.select("item_id", item_id if item_id is not None else (item.item_id if item else None))

    def _run(self, section: _Section, write: Callable[[], object]) -> bool:
        """WRITE through the services; a refusal shows under SECTION's table."""
        section.show_error("")
        try:
            write()
        except ServiceError as exc:
            section.show_error(exc.message)
            self.refresh()  # what was refused may be gone already
            return False
        return True

    def _written(self, **chosen) -> None:
        self.refresh(**chosen)
        self.changed.emit()

    # ------------------------------------------------------------ boxes

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def add_box(self) -> BoxDialog:
        dialog = BoxDialog(parent=self)
        added: list[int] = []
        dialog.submit = lambda: added.append(voting.add_box(*dialog.value()))
        dialog.accepted.connect(lambda: self._written(box_id=added[-1]))
        self.boxes.show_error("")
        dialog.open()
        return dialog

    def edit_box(self) -> BoxDialog | None:
        row = self.boxes.current()
        if row is None:
            return None
        dialog = BoxDialog(row, self)
        dialog.submit = lambda: voting.rename_box(row.box_id, *dialog.value())
        dialog.accepted.connect(lambda: self._written(box_id=row.box_id))
        self.boxes.show_error("")
        dialog.open()
        return dialog

    def move_box(self, step: int) -> None:
        row = self.boxes.current()
        if row is not None and self._run(self.boxes, lambda: voting.move_box(row.box_id, row.position + step)):
            self._written(box_id=row.box_id)

    def remove_box(self) -> None:
        row = self.boxes.current()
        if row is None or not self._run(self.boxes, lambda: voting.check_box_removable(row.box_id)):
            return
        if views.confirm(self, "删除票箱", f"删除票箱“{row.name}”？", "删除") \
                and self._run(self.boxes, lambda: voting.remove_box(row.box_id)):
            self._written()

    # ------------------------------------------------------------ items

    def add_item(self) -> ItemDialog:
        dialog = ItemDialog(parent=self)
        added: list[int] = []
        dialog.submit = lambda: added.append(voting.add_vote_item(*dialog.value()))
        dialog.accepted.connect(lambda: self._written(item_id=added[-1]))
        self.items.show_error("")
        dialog.open()
        return dialog

    def edit_item(self) -> ItemDialog | None:
        row = self.items.current()
        if row is None:
            return None
        dialog = ItemDialog(row, self.items.model.confirmed(row.item_id), self)
        dialog.submit = lambda: voting.update_vote_item(row.item_id, *dialog.value(), seen=row)
        dialog.accepted.connect(lambda: self._written(item_id=row.item_id))
        self.items.show_error("")
        dialog.open()
        return dialog

    def move_item(self, step: int) -> None:
        row = self.items.current()
        if row is not None and self._run(self.items, lambda: voting.move_vote_item(row.item_id, row.position + step)):
            self._written(item_id=row.item_id)

    def remove_item(self) -> None:
        row = self.items.current()
        if row is None or not self._run(self.items, lambda: voting.check_item_removable(row.item_id)):
            return
        if views.confirm(self, "删除表决事项", f"删除第 {row.number} 项表决事项“{row.title}”？", "删除") \
                and self._run(self.items, lambda: voting.remove_vote_item(row.item_id)):
            self._written()


def open_counting_setup(page) -> CountingSetupDialog | None:
    """The dialog over PAGE (the 计票 page), which re-reads and tells the window after each change."""
    if not session.is_open():
        return None
    dialog = CountingSetupDialog(page)
    dialog.changed.connect(page.refresh)
    dialog.changed.connect(lambda: page.changed.emit())
    dialog.open()
    return dialog

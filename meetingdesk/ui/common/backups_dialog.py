"""文件 ▸ 恢复备份…: the session's snapshots with time and reason; restoring keeps the present."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, backups
from meetingdesk.ui.common import views
from meetingdesk.ui.common.messages import warn

HEADERS = ("时间", "原因", "大小")


class BackupsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[backups.Backup] = []

    def load(self, rows: list[backups.Backup]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        b = self.rows[index.row()]
        return (f"{b.time:%Y-%m-%d %H:%M:%S}", b.reason, f"{max(1, b.size // 1024)} KB")[index.column()]


class BackupsDialog(QDialog):
    """Lists the open session's backups; 恢复 makes the session what the chosen one holds."""

    def __init__(self, parent: QWidget | None = None, readonly: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复备份")
        self.resize(760, 480)
        self.restored = False
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("导入、读入计票数、确认和更正结果、升级数据格式之前，以及编辑时每隔几分钟，"
                                "程序都会把会议文件另存一份备份。恢复时先把现在的内容也存为备份，可以再恢复回来。"))
        layout.itemAt(0).widget().setWordWrap(True)
        self.model = BackupsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.view.verticalHeader().hide()
        self.view.doubleClicked.connect(self.restore_selected)
        layout.addWidget(self.view, 1)
        self.empty = QLabel("还没有备份。")
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox()
        self.backup_button = QPushButton("立即备份")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("恢复所选备份…")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        for button in (self.backup_button, self.restore_button):
            button.setEnabled(not readonly)
            if readonly:
                button.setToolTip("会议以只读方式打开，不能备份或恢复。")
        self.refresh()

    def refresh(self) -> None:
        self.model.load(backups.listing())
        self.empty.setVisible(not self.model.rows)
        if self.model.rows:
            self.view.selectRow(0)

    def selected(self) -> backups.Backup | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def backup_now(self) -> None:
        try:
            backups.before(backups.MANUAL)
        except ServiceError as exc:
            warn(self, "无法备份", exc.message)
        self.refresh()

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not self.restore_button.isEnabled():
            return
        if not views.confirm(self, "恢复备份",
                             f"把会议恢复为 {chosen.time:%Y-%m-%d %H:%M:%S} 的备份（{chosen.reason}）？\n"
                             "此后所做的修改将不在会议中；现在的内容先另存为一个备份，需要时可以再恢复回来。",
                             "恢复"):
            return
        try:
            backups.restore(chosen)
        except ServiceError as exc:
            warn(self, "无法恢复备份", exc.message)
            return
        self.restored = True
        self.accept()

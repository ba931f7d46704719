"""The import dialogs' shared shape: 选择文件 → 预览 → 导入. The file's path with 选择文件… and
重新读取, what the file should hold, an error line, the plan's counts and columns, its rows in
a table filtered by what each row would do, a hint and 导入 / 关闭.

A dialog names its texts and kinds (class attributes), gives the model of its plan's rows, and
does the reading (`load`), the showing (`_show_plan`, `_update_buttons`) and the writing
(`do_import`); it may put widgets of its own before the hint (`bottom_widgets`)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import session
from meetingdesk.ui.common.models import FILTER_ROLE, RowsModel


class ImportPreviewDialog(QDialog):
    """选择文件 → 预览 → 导入."""

    imported = Signal()

    TITLE = ""
    PLACEHOLDER = ""  # in the empty path line
    HELP = ""  # what the file holds
    KINDS: tuple[str, ...] = ()  # what a row may do, for 只显示…
    CHOOSE_TITLE = ""  # the file dialog's title
    FILE_FILTER = ""
    WIDTHS: tuple[tuple[int, int], ...] = ()  # (column, width); the last column takes the rest
    SIZE = (980, 620)

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.TITLE)
        self.plan = None
        self._path: Path | None = None

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.PLACEHOLDER)
        self.choose_button = QPushButton("选择文件…")
        self.choose_button.clicked.connect(self.choose_file)
        self.reload_button = QPushButton("重新读取")
        self.reload_button.setToolTip("在 Excel 中改正文件并保存后，点此重新读取")
        self.reload_button.clicked.connect(self.reload)
        help_label = QLabel(self.HELP)
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #555555")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.hide()
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.counts_label.setStyleSheet("font-size: 12pt; font-weight: bold")
        self.columns_label = QLabel()
        self.columns_label.setWordWrap(True)
        self.columns_label.setStyleSheet("color: #555555")
        self.show_kind = QComboBox()
        self.show_kind.addItem("显示全部行", "")
        for kind in self.KINDS:
            self.show_kind.addItem(f"只显示{kind}", kind)
        self.show_kind.currentIndexChanged.connect(
            lambda: self.proxy.setFilterFixedString(self.show_kind.currentData()))

        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column, width in self.WIDTHS:
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.import_button = QPushButton("导入")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.do_import)
        self.close_button = QPushButton("关闭")
        self.close_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel("文件"))
        top.addWidget(self.path_edit, 1)
        top.addWidget(self.choose_button)
        top.addWidget(self.reload_button)
        counts = QHBoxLayout()
        counts.addWidget(self.counts_label, 1)
        counts.addWidget(self.show_kind)
        bottom = QHBoxLayout()
        for widget in self.bottom_widgets():
            bottom.addWidget(widget)
        bottom.addWidget(self.hint_label, 1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(help_label)
        layout.addWidget(self.error_label)
        layout.addLayout(counts)
        layout.addWidget(self.columns_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.resize(*self.SIZE)
        self._show_plan(None)

    def bottom_widgets(self) -> list[QWidget]:
        """Widgets of the dialog's own, before the hint (built before the first _show_plan)."""
        return []

    # ------------------------------------------------------------ reading

    def choose_file(self) -> None:
        folder = str(self._path.parent) if self._path else str(Path(session.current_path() or ".").parent)
        path, _ = QFileDialog.getOpenFileName(self, self.CHOOSE_TITLE, folder, self.FILE_FILTER)
        if path:
            self.load(path)

    def reload(self) -> None:
        if self._path is not None:
            self.load(self._path)

    def load(self, path: str | Path) -> bool:
        raise NotImplementedError

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _show_plan(self, plan) -> None:
        raise NotImplementedError

    def do_import(self) -> bool:
        raise NotImplementedError

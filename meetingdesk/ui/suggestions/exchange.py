"""导出交办清单 and 导入答复: the .xlsx the government's 督查室 gets, and its replies read back with
the roster import's pattern — choose a file, preview row by row (行号, 编号, 承办单位, what the
row would do or why it is refused), import; nothing is written while any row is bad.

services.suggestion_exchange does the work."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, output, session, suggestion_exchange
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.models import FILTER_ROLE, RowsModel

IMPORT_FILTER = "答复文件 (*.xlsx *.csv);;Excel 文件 (*.xlsx);;CSV 文件 (*.csv);;所有文件 (*)"
EXPORT_FILTER = "Excel 文件 (*.xlsx)"
FORMAT_HELP = ("导入督查室填回的交办清单（.xlsx，或 UTF-8、GBK 编码的 .csv）。第一行是列名，顺序不限："
               "编号、承办单位、答复日期、办理结果必填；答复内容、代表评价、评价日期可选。"
               "已登记的答复不会被改写；一行有错，整个文件都不导入。")
COLOURS = {"新增答复": "#1b7f3b", "新增评价": "#1f5fa8", "错误": "#b00020", "不变": "#777777", "未答复": "#777777"}


def export_assignments(parent: QWidget | None, path: str | Path | None = None) -> Path | None:
    """导出交办清单: ask where (unless PATH is given), write the .xlsx; the path or None."""
    if path is None:
        info = session.session_info()
        folder = Path(info.path).parent if info.path else Path.home()
        chosen, _ = QFileDialog.getSaveFileName(parent, "导出交办清单",
                                                str(folder / (output.safe_name(f"{info.title}建议交办清单") + ".xlsx")),
                                                EXPORT_FILTER)
        if not chosen:
            return None
        path = chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx"
    path = Path(path)
    try:
        count = suggestion_exchange.export_assignments(path)
    except ServiceError as exc:
        warn(parent, "无法导出交办清单", exc.message)
        return None
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(f"已导出交办清单 {count} 行：{path}", 8000)
    notice = getattr(parent, "notice", None)
    if isinstance(notice, QLabel):
        notice.setText(f"已导出交办清单 {count} 行：{path}")
    return path


class ReplyPlanModel(RowsModel):
    """The preview: one line per row of the file."""

    LINE, NUMBER, UNIT, CHANGE = range(4)
    headers = ("行号", "编号", "承办单位", "导入后")

    def text(self, row, column: int) -> str:
        return [str(row.line), row.number, row.unit, row.change_text][column]

    def filter_text(self, row) -> str:
        return row.kind

    def extra(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CHANGE:
            return QBrush(QColor(COLOURS.get(row.kind, "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CHANGE:
            return row.change_text
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ReplyImportDialog(QDialog):
    """选择文件 → 预览 → 导入 (the roster import's pattern)."""

    imported = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入答复")
        self.plan = None
        self.written = 0
        self._path: Path | None = None

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("请选择督查室填回的 .xlsx 或 .csv 文件")
        self.choose_button = QPushButton("选择文件…")
        self.choose_button.clicked.connect(self.choose_file)
        self.reload_button = QPushButton("重新读取")
        self.reload_button.setToolTip("在 Excel 中改正文件并保存后，点此重新读取")
        self.reload_button.clicked.connect(self.reload)
        help_label = QLabel(FORMAT_HELP)
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
        for kind in COLOURS:
            self.show_kind.addItem(f"只显示{kind}", kind)
        self.show_kind.currentIndexChanged.connect(
            lambda: self.proxy.setFilterFixedString(self.show_kind.currentData()))

        self.model = ReplyPlanModel(self)
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
        for column, width in ((ReplyPlanModel.LINE, 56), (ReplyPlanModel.NUMBER, 100), (ReplyPlanModel.UNIT, 200)):
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
        self.resize(980, 620)
        self._show_plan(None)

    # ------------------------------------------------------------ reading

    def choose_file(self) -> None:
        folder = str(self._path.parent) if self._path else str(Path(session.current_path() or ".").parent)
        path, _ = QFileDialog.getOpenFileName(self, "选择答复文件", folder, IMPORT_FILTER)
        if path:
            self.load(path)

    def reload(self) -> None:
        if self._path is not None:
            self.load(self._path)

    def load(self, path: str | Path) -> bool:
        """Read PATH and show what importing it would do; writes nothing."""
        self._path = Path(path)
        self.path_edit.setText(str(self._path))
        self.error_label.hide()
        try:
            plan = suggestion_exchange.plan_reply_import(self._path)
        except ServiceError as exc:
            self._show_plan(None)
            self._show_error(exc.message)
            return False
        self._show_plan(plan)
        return True

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _show_plan(self, plan) -> None:
        self.plan = plan
        self.model.set_rows(plan.rows if plan else [])
        self.reload_button.setEnabled(self._path is not None)
        if plan is None:
            self.counts_label.setText("")
            self.columns_label.setText("")
        else:
            self.counts_label.setText(plan.summary())
            text = f"识别的列：{'、'.join(plan.columns)}"
            if plan.ignored_columns:
                text += f"；未使用的列：{'、'.join(plan.ignored_columns)}"
            flagged = sum(1 for r in plan.rows if r.warnings)
            if flagged:
                text += f"\n{flagged} 行有提示（见“导入后”列）。"
            self.columns_label.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        plan = self.plan
        errors = sum(1 for r in plan.rows if r.errors) if plan else 0
        self.import_button.setEnabled(bool(plan and plan.has_changes and not errors))
        if plan is None:
            hint = ""
        elif errors:
            hint = f"有 {errors} 行错误，整个文件都不会导入。请在文件中改正后点“重新读取”。"
        elif not plan.has_changes:
            hint = "文件中没有新的答复或评价，不需要导入。"
        else:
            hint = f"将写入 {len(plan.changing)} 行的答复或评价；已有的答复和评价不会被改写。"
        self.hint_label.setText(hint)
        self.hint_label.setStyleSheet("color: #b00020" if errors else "")

    # ------------------------------------------------------------ writing

    def do_import(self) -> bool:
        if self.plan is None:
            return False
        try:
            self.written = suggestion_exchange.apply_reply_import(self.plan)
        except ServiceError as exc:
            self._show_error(exc.message)
            return False
        self.imported.emit()
        self.accept()
        return True

    def summary(self) -> str:
        return f"已导入 {self._path.name if self._path else ''}：{self.written} 行答复或评价。" if self.written else ""

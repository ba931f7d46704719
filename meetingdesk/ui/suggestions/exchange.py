"""导出交办清单 and 导入答复: the .xlsx the government's 督查室 gets, and its replies read back with
the roster import's pattern — choose a file, preview row by row (行号, 编号, 承办单位, what the
row would do or why it is refused), import; nothing is written while any row is bad.

services.suggestion_exchange does the work."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QWidget

from meetingdesk.services import ServiceError, output, session, suggestion_exchange
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.import_preview import ImportPreviewDialog
from meetingdesk.ui.common.models import RowsModel

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


class ReplyImportDialog(ImportPreviewDialog):
    """选择文件 → 预览 → 导入 (the roster import's pattern)."""

    TITLE = "导入答复"
    PLACEHOLDER = "请选择督查室填回的 .xlsx 或 .csv 文件"
    HELP = FORMAT_HELP
    KINDS = tuple(COLOURS)
    CHOOSE_TITLE = "选择答复文件"
    FILE_FILTER = IMPORT_FILTER
    WIDTHS = ((ReplyPlanModel.LINE, 56), (ReplyPlanModel.NUMBER, 100), (ReplyPlanModel.UNIT, 200))
    SIZE = (980, 620)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.written = 0
        super().__init__(ReplyPlanModel(), parent)
        self.model.setParent(self)

    # ------------------------------------------------------------ reading

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

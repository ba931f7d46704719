"""导入 and 导出 of the roster: choose a file, preview what would change, import; export to .xlsx.

`ImportDialog(parent)` emits `imported` after a successful import (connect it to the main
window's refresh). `export_roster(parent)` asks for a file name and writes the roster.
Reading and planning run as a generator of progress behind a QProgressDialog on the GUI
thread, so the window stays responsive and the clerk can cancel; nothing is written before
the clerk clicks 导入.
"""
from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMainWindow, QProgressDialog, QWidget

from meetingdesk.services import ServiceError, exporter, importer, output, session
from meetingdesk.services.importer import ERROR, KINDS, NEW, UPDATED, ImportPlan, PlanRow
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.import_preview import ImportPreviewDialog
from meetingdesk.ui.common.models import RowsModel

IMPORT_FILTER = "名单文件 (*.xlsx *.csv);;Excel 文件 (*.xlsx);;CSV 文件 (*.csv);;所有文件 (*)"
EXPORT_FILTER = "Excel 文件 (*.xlsx)"
FORMAT_HELP = ("可导入 Excel（.xlsx）或 CSV（UTF-8 或 GBK 编码）。第一行是列名，顺序不限："
               "姓名、代表团、身份（代表/列席/工作人员）必填；性别、职务、备注可选；"
               "团长、副团长可在“团内职务”列中填写，或用“团长”“副团长”两列打 ✓（或填“是”、1）。"
               "代表资格可用“状态”（在任/终止）、“资格开始方式”（换届/补选）、“资格开始日期”、“选区”、"
               "“资格确认会议”、“终止日期”、“终止原因”、“终止决定”各列（导出的文件都有）。"
               "空白的性别、职务、备注和资格各列不会清除已有内容。")
KIND_COLOURS = {NEW: "#1b7f3b", UPDATED: "#1f5fa8", ERROR: "#b00020", importer.UNCHANGED: "#777777"}


def run_steps(parent: QWidget | None, steps: Generator, title: str):
    """Run a generator of importer.Progress behind a progress dialog; None if cancelled.

    Runs on the GUI thread, handing control back to Qt at every step, so it is also
    synchronous in tests.
    """
    dialog = QProgressDialog(title, "取消", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    try:
        while True:
            try:
                progress = next(steps)
            except StopIteration as stop:
                return stop.value
            if progress.total:
                dialog.setMaximum(progress.total)
                dialog.setValue(min(progress.done, progress.total))
            dialog.setLabelText(progress.text)
            QCoreApplication.processEvents()  # keeps the window drawn; lets the dialog show and cancel
            if dialog.wasCanceled():
                steps.close()
                return None
    finally:
        dialog.close()
        dialog.deleteLater()


class PlanModel(RowsModel):
    """The preview: one line per row of the file."""

    LINE, NAME, DELEGATION, ROLE, CHANGE = range(5)
    headers = ("行号", "姓名", "代表团", "身份", "变化")

    def text(self, row: PlanRow, column: int) -> str:
        return [str(row.line), row.name, row.delegation, row.role, row.change_text][column]

    def filter_text(self, row: PlanRow) -> str:
        return row.kind

    def extra(self, row: PlanRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CHANGE:
            return QBrush(QColor(KIND_COLOURS[row.kind]))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CHANGE:
            return row.change_text
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ImportDialog(ImportPreviewDialog):
    """选择文件 → 预览 → 导入."""

    TITLE = "导入名单"
    PLACEHOLDER = "请选择要导入的 .xlsx 或 .csv 文件"
    HELP = FORMAT_HELP
    KINDS = tuple(KINDS)
    CHOOSE_TITLE = "选择要导入的名单"
    FILE_FILTER = IMPORT_FILTER
    WIDTHS = ((PlanModel.LINE, 56), (PlanModel.NAME, 110), (PlanModel.DELEGATION, 170), (PlanModel.ROLE, 80))
    SIZE = (980, 640)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.result: importer.ImportResult | None = None
        super().__init__(PlanModel(), parent)
        self.model.setParent(self)
        self.plan: ImportPlan | None

    def bottom_widgets(self) -> list[QWidget]:
        self.good_rows_only = QCheckBox("只导入无误的行（有错误的行跳过）")
        self.good_rows_only.toggled.connect(self._update_buttons)
        return [self.good_rows_only]

    # ------------------------------------------------------------ reading

    def load(self, path: str | Path) -> bool:
        """Read PATH and show what importing it would change; writes nothing."""
        self._path = Path(path)
        self.path_edit.setText(str(self._path))
        self.error_label.hide()
        try:
            plan = run_steps(self, importer.plan_import_steps(self._path), f"正在读取 {self._path.name}")
        except ServiceError as exc:
            self._show_plan(None)
            self._show_error(exc.message)
            return False
        self._show_plan(plan)
        if plan is None:
            self._show_error("已取消读取。")
        return plan is not None

    def _show_plan(self, plan: ImportPlan | None) -> None:
        self.plan = plan
        self.model.set_rows(plan.rows if plan else [])
        self.reload_button.setEnabled(self._path is not None)
        if plan is None:
            self.counts_label.setText("")
            self.columns_label.setText("")
        else:
            c = plan.counts
            self.counts_label.setText("　".join(f"{kind} {c[kind]}" for kind in KINDS))
            text = f"识别的列：{'、'.join(plan.columns)}"
            if plan.ignored_columns:
                text += f"；未使用的列：{'、'.join(plan.ignored_columns)}"
            # which sheet was read, what hidden sheets and rows were left out, names to look at
            notes = list(plan.notices)
            flagged = sum(1 for r in plan.rows if r.warnings)
            if flagged:
                notes.append(f"{flagged} 行有提示（见“变化”列）")
            if notes:
                text += "\n" + "；".join(notes) + "。"
            self.columns_label.setText(text)
        self.good_rows_only.setChecked(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        plan = self.plan
        errors = plan.count(ERROR) if plan else 0
        self.good_rows_only.setEnabled(errors > 0)
        ready = bool(plan and plan.has_changes and (not errors or self.good_rows_only.isChecked()))
        self.import_button.setEnabled(ready)
        if plan is None:
            hint = ""
        elif errors and not self.good_rows_only.isChecked():
            hint = f"有 {errors} 行错误，不会写入任何内容。请在文件中改正后点“重新读取”，或勾选左边的选项。"
        elif not plan.has_changes:
            hint = "文件与本次会议的名单一致，没有需要导入的变化。"
        else:
            hint = f"将新增 {plan.count(NEW)} 人、更新 {plan.count(UPDATED)} 人" + (
                f"，跳过 {errors} 行错误。" if errors else "。")
        self.hint_label.setText(hint)
        self.hint_label.setStyleSheet("color: #b00020" if errors and not self.good_rows_only.isChecked() else "")

    # ------------------------------------------------------------ writing

    def do_import(self) -> None:
        if self.plan is None:
            return
        try:
            self.result = importer.apply_import(self.plan, good_rows_only=self.good_rows_only.isChecked())
        except ServiceError as exc:
            self._show_error(exc.message)
            return
        self.imported.emit()
        self.accept()

    def summary(self) -> str:
        """What the import did, for the status bar."""
        r = self.result
        if r is None:
            return ""
        skipped = f"，跳过有错误的 {r.skipped} 行" if r.skipped else ""
        return f"已导入 {self._path.name}：新增 {r.new} 人，更新 {r.updated} 人{skipped}。"


def export_roster(parent: QWidget | None, path: str | Path | None = None) -> Path | None:
    """导出: write the roster to .xlsx (asking where, unless PATH is given); the path or None."""
    if path is None:
        info = session.session_info()
        folder = Path(info.path).parent if info.path else Path.home()
        chosen, _ = QFileDialog.getSaveFileName(parent, "导出名单", str(folder / (output.safe_name(f"{info.title}名单") + ".xlsx")),
                                                EXPORT_FILTER)
        if not chosen:
            return None
        path = chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx"
    path = Path(path)
    try:
        count = exporter.export_roster(path)
    except ServiceError as exc:
        warn(parent, "无法导出名单", exc.message)
        return None
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(f"已导出 {count} 人：{path}", 8000)
    return path

"""The list of rules the session breaks, as `meetingdesk check` prints it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from meetingdesk.services import checks
from meetingdesk.services.checks import Problem
from meetingdesk.ui.common.models import RowsModel


class ProblemsModel(RowsModel):
    headers = ("类别", "位置", "问题")

    def text(self, row: Problem, column: int) -> str:
        return [row.severity, f"{row.area} › {row.where}", row.message][column]

    def extra(self, row: Problem, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and row.severity == checks.ERROR:
            return QBrush(QColor("#b00020"))
        return None


class ProblemsDialog(QDialog):
    """Double-click a line to go where it can be fixed."""

    jump = Signal(object)  # Problem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("检查会议")
        self.model = ProblemsModel(self)
        self.summary = QLabel()
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.doubleClicked.connect(lambda index: self.jump.emit(self.model.row_at(index.row())))
        self.view = view
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(view)
        self.resize(900, 420)
        self.refresh()

    def refresh(self) -> None:
        problems = checks.check_session()
        self.model.set_rows(problems)
        errors = sum(p.severity == checks.ERROR for p in problems)
        if not problems:
            self.summary.setText("没有发现问题。")
        else:
            self.summary.setText(f"共 {errors} 个错误、{len(problems) - errors} 个提示。双击一行可跳到相应位置。")

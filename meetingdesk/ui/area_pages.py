"""Pages of the areas later issues build: each shows what the session already holds."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from meetingdesk.services import session


class AreaPage(QWidget):
    def __init__(self, title: str, describe, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._describe = describe
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.body, 1)

    def refresh(self) -> None:
        self.body.setText(self._describe())


def describe_attendance() -> str:
    info = session.session_info()
    return (f"本会议尚未记录到会情况。\n\n应到代表 {info.delegates} 人"
            f"（法定名额 {info.statutory_delegates} 人）；列席 {info.counts.get('列席', 0)} 人，"
            f"工作人员 {info.counts.get('工作人员', 0)} 人不计入法定人数。")

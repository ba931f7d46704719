"""Pages of the areas later issues build: each shows what the session already holds."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from meetingdesk.services import roster, session


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


def describe_presidium() -> str:
    teams = roster.list_delegations()
    heads = [t.head.display for t in teams if t.head]
    text = "本会议尚未录入主席团、常务主席和执行主席分组。\n\n"
    text += f"按惯例，各代表团团长是主席团成员。已确定的团长 {len(heads)} 人：\n" + "、".join(heads)
    missing = [t.name for t in teams if not t.head]
    if missing:
        text += "\n\n尚未确定团长的代表团：" + "、".join(missing)
    return text


def describe_motions() -> str:
    info = session.session_info()
    return (f"本会议尚未登记议案和建议。\n\n在任代表 {info.delegates} 人；"
            "代表提出议案须有 10 名以上代表联名。")


def describe_elections() -> str:
    info = session.session_info()
    half = info.delegates // 2 + 1
    return (f"本会议尚未录入选举事项。\n\n在任代表 {info.delegates} 人；"
            f"当选须获得全体代表的过半数赞成票，即至少 {half} 票。")


def describe_attendance() -> str:
    info = session.session_info()
    return (f"本会议尚未记录到会情况。\n\n应到代表 {info.delegates} 人"
            f"（法定名额 {info.statutory_delegates} 人）；列席 {info.counts.get('列席', 0)} 人，"
            f"工作人员 {info.counts.get('工作人员', 0)} 人不计入法定人数。")

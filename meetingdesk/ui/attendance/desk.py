"""The check-in desk's widgets: the running count, read across the hall, and the check-in line."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from meetingdesk.rules.words import Role
from meetingdesk.services.attendance import Counts
from meetingdesk.ui.attendance.models import GREEN, GREY
from meetingdesk.ui.common.views import RED

BANNER_PT = 34
SMALLEST_BANNER_PT = 18  # still read across a room; below it the counts wrap to a second line
LOG_LINES = 40  # check-ins kept in the visible log (the record itself is in the file)


def counts_text(c: Counts) -> str:
    """应到 210 人　实到 141 人　请假 3 人　未签到 66 人 while check-in goes on; once those missing
    are written down (结束签到, or marked 缺席): 应到 210 人　实到 141 人　请假 3 人　缺席 66 人."""
    parts = [f"应到 {c.expected} 人", f"实到 {c.present} 人", f"请假 {c.leave} 人"]
    if c.absent or not c.unchecked:
        parts.append(f"缺席 {c.absent} 人")
    if c.unchecked:
        parts.append(f"未签到 {c.unchecked} 人")
    return "　　".join(parts)


def others_text(c: Counts) -> str:
    """What is not read as the delegates' count: how those not checked in are reported,
    late-comers, attendees, staff."""
    parts = [f"报告到会情况时未签到的计为缺席，即缺席 {c.absent_total} 人" if c.unchecked
             else "全部代表已签到或已记录"]
    if c.late or c.early:
        parts.append(f"迟到 {c.late} 人、早退 {c.early} 人（计入实到）")
    others = []
    for role, (present, expected) in ((Role.ATTENDEE, c.attendees), (Role.STAFF, c.staff)):
        if expected:
            others.append(f"{role} {present}/{expected} 人")
    if others:
        parts.append("　".join(others) + "（不计入法定人数）")
    return "；".join(parts)


def basis_text(c: Counts) -> str:
    """"" or: the 应到 recorded when attendance was first taken is not what the roster now gives."""
    if not c.basis_changed:
        return ""
    return (f"首次签到时记录的应到为 {c.recorded} 人，按现在的名单该日为 {c.expected} 人："
            "名单在会后被改动，请核对有关代表资格的日期。")


class FittingLabel(QLabel):
    """A line in large type that takes the size the window gives it: the type shrinks (down to
    SMALLEST) until the text fits on one line, and the text wraps below that; it never asks for
    more width than that (at 5,000 people four-digit counts at 34 pt would widen the window past
    a 1,366-pixel screen)."""

    def __init__(self, largest: int, smallest: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._largest, self._smallest = largest, smallest
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSize(largest)
        self.setFont(font)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(QFontMetrics(self.font()).horizontalAdvance("应到 0000 人"), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.minimumSizeHint().width(), super().sizeHint().height())

    def _fit(self) -> None:
        width = self.contentsRect().width()
        size = self._largest
        font = QFont(self.font())
        while size > self._smallest:
            font.setPointSize(size)
            if QFontMetrics(font).horizontalAdvance(self.text()) <= width:
                break
            size -= 2
        if size != self.font().pointSize():
            font.setPointSize(size)
            self.setFont(font)
            self.updateGeometry()


class CountsBanner(QFrame):
    """应到 / 实到 / 请假 / 缺席 in large type, the quorum verdict in green or red, the rest small."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countsBanner")
        self.setStyleSheet("#countsBanner { background: #f7f7f2; border: 1px solid #d0d0c8; border-radius: 6px; }")
        self.counts = FittingLabel(BANNER_PT, SMALLEST_BANNER_PT)
        self.counts.setStyleSheet("color: #1a1a1a")
        self.verdict = QLabel()
        self.rule = QLabel()
        self.rule.setStyleSheet("font-size: 13pt; color: #333333")
        self.rule.setWordWrap(True)
        self.others = QLabel()
        self.others.setStyleSheet(f"font-size: 12pt; color: {GREY}")
        self.others.setWordWrap(True)
        self.basis = QLabel()
        self.basis.setStyleSheet(f"font-size: 12pt; color: {RED}")
        self.basis.setWordWrap(True)
        self.basis.hide()
        for label in (self.counts, self.verdict, self.rule, self.others, self.basis):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.counts)
        layout.addWidget(self.verdict)
        layout.addWidget(self.rule)
        layout.addWidget(self.others)
        layout.addWidget(self.basis)

    def show_counts(self, c: Counts | None, kind: str = "") -> None:
        if c is None:
            self.counts.setText("日程中还没有会议")
            for label in (self.verdict, self.rule, self.others, self.basis):
                label.setText("")
            self.basis.hide()
            return
        self.counts.setText(counts_text(c))
        if c.quorum_applies:
            color = GREEN if c.met else RED
            self.verdict.setText(c.verdict)
            self.verdict.setStyleSheet(f"font-size: {BANNER_PT - 6}pt; font-weight: bold; color: {color}")
            self.rule.setText(f"{c.rule_text}；实到 {c.present} 人" + (
                "" if c.met else f"，还差 {c.need - c.present} 人"))
        else:
            self.verdict.setText("")
            self.verdict.setStyleSheet("")
            self.rule.setText(f"{kind}不核对法定人数")
        self.verdict.setVisible(c.quorum_applies)
        self.others.setText(others_text(c))
        self.basis.setText(basis_text(c))
        self.basis.setVisible(c.basis_changed)

    def text(self) -> str:
        """The banner as one line (tests, the clerk's copy)."""
        return "　".join(t for t in (self.counts.text(), self.verdict.text(), self.rule.text(),
                                     self.others.text(), self.basis.text()) if t)


class CheckInLine(QLineEdit):
    """Where names, pinyin initials and scanned card numbers are typed; ↓ goes to the list."""

    down = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("输入姓名、拼音首字母（如 ljg）或扫描证件条码，按回车签到")
        self.setClearButtonEnabled(True)
        self.setStyleSheet("font-size: 18pt; padding: 4px")
        self.setMinimumWidth(420)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)


class CheckInLog(QListWidget):
    """The last check-ins, newest on top: what the clerk just did, not the record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setStyleSheet("QListWidget { font-size: 11pt; }")
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)

    def add(self, text: str, color: str = "") -> None:
        self.insertItem(0, text)
        if color:
            self.item(0).setForeground(QBrush(QColor(color)))
        while self.count() > LOG_LINES:
            self.takeItem(self.count() - 1)

    def lines(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


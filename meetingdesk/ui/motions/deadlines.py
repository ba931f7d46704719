"""The deadlines the presidium fixes (提出议案 / 提名候选人): a banner with the time left, and their dialog.

Both the motions page and the elections page show a banner; one dialog sets both deadlines,
because the presidium decides them together.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from meetingdesk.services import motions, schedule, session
from meetingdesk.store import DEADLINE_KINDS
from meetingdesk.ui.common.dialogs import CheckedDialog

REFRESH_MS = 30_000  # the banner counts minutes; every 30 s keeps it within one
PAST_STYLE = "color: #b00020; font-weight: bold"
OPEN_STYLE = "color: #1b5e20; font-weight: bold"
DEFAULT_TIMES = {"议案": QTime(11, 0), "提名": QTime(9, 0)}


class DeadlineBanner(QFrame):
    """提出议案截止时间 2023年12月22日上午11:00，还有 2 小时 0 分 — red once it has passed.

    CLOCK gives the time now (the page's `now`, which tests replace); `note` is the page's
    own line beside it (how many items came after the deadline).
    """

    changed = Signal()  # a deadline was set through the dialog

    def __init__(self, kind: str, clock: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.clock = clock
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.note = QLabel()
        self.note.setStyleSheet("color: #555555")
        self.button = QPushButton("截止时间…")
        self.button.clicked.connect(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text)
        layout.addSpacing(16)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.button)
        self.past = False
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.update_text)
        self.timer.start()

    def update_text(self) -> None:
        if not session.is_open():
            return  # the timer may fire while no session is open
        now = self.clock()
        deadline = motions.get_deadline(self.kind)
        text = motions.describe_time_left(self.kind, now)
        if deadline is not None and deadline.meeting_name:
            text += f"（{deadline.meeting_name}确定）"
        self.past = deadline is not None and deadline.at < now
        self.text.setText(text)
        self.text.setStyleSheet(PAST_STYLE if self.past else (OPEN_STYLE if deadline else ""))

    def set_note(self, text: str) -> None:
        self.note.setText(text)

    def edit(self) -> DeadlineDialog:
        """Open the dialog of both deadlines (returned so tests can fill it in)."""
        dialog = DeadlineDialog(self.clock(), self.window())
        dialog.accepted.connect(self.update_text)
        dialog.accepted.connect(self.changed)
        dialog.open()
        return dialog


class DeadlineDialog(CheckedDialog):
    """Both deadlines: date, time, and the meeting (usually a presidium meeting) that fixed them."""

    def __init__(self, now: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__("截止时间", parent)
        intro = QLabel("截止时间由主席团决定。提出议案截止时间以后收到的议案只能作为建议；"
                       "提名候选人截止时间以后收到的提名（无论由谁提出）无效，截止以前不能确定候选人名单。")
        intro.setWordWrap(True)
        self.form.addRow(intro)
        info = session.session_info()
        default_day = info.start_date + dt.timedelta(days=1) if info.start_date else now.date()
        meetings = schedule.meeting_choices()
        self.seen = motions.deadlines_state()  # what the form shows, compared on OK
        self.enabled: dict[str, QCheckBox] = {}
        self.dates: dict[str, QDateEdit] = {}
        self.times: dict[str, QTimeEdit] = {}
        self.meetings: dict[str, QComboBox] = {}
        for kind in DEADLINE_KINDS:
            row = motions.get_deadline(kind)
            enabled = QCheckBox("设定")
            date = QDateEdit(QDate(row.at.date() if row else default_day))
            date.setCalendarPopup(True)
            date.setDisplayFormat("yyyy年M月d日")
            time = QTimeEdit(QTime(row.at.hour, row.at.minute) if row else DEFAULT_TIMES[kind])
            time.setDisplayFormat("HH:mm")
            box = QWidget()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(enabled)
            line.addWidget(date)
            line.addWidget(time)
            line.addStretch()
            self.add_field(kind, motions.DEADLINE_TITLES[kind], box)
            meeting = self.add_field(f"{kind}.meeting", "　由哪次会议确定", QComboBox())
            meeting.addItem("（不注明）", None)
            for mid, label in meetings:
                meeting.addItem(label, mid)
            meeting.setCurrentIndex(max(0, meeting.findData(row.meeting_id if row else None)))
            enabled.toggled.connect(date.setEnabled)
            enabled.toggled.connect(time.setEnabled)
            enabled.toggled.connect(meeting.setEnabled)
            enabled.setChecked(True)
            enabled.setChecked(row is not None)
            self.enabled[kind], self.dates[kind], self.times[kind], self.meetings[kind] = \
                enabled, date, time, meeting
        self.submit = self._submit
        self.resize(520, self.sizeHint().height())

    def value(self, kind: str) -> tuple[dt.datetime | None, int | None]:
        if not self.enabled[kind].isChecked():
            return None, None
        at = dt.datetime.combine(self.dates[kind].date().toPython(), self.times[kind].time().toPython())
        return at, self.meetings[kind].currentData()

    def set_value(self, kind: str, at: dt.datetime | None, meeting_id: int | None = None) -> None:
        """Fill one deadline in (tests and the pages' defaults)."""
        self.enabled[kind].setChecked(at is not None)
        if at is not None:
            self.dates[kind].setDate(QDate(at.date()))
            self.times[kind].setTime(QTime(at.hour, at.minute))
        self.meetings[kind].setCurrentIndex(max(0, self.meetings[kind].findData(meeting_id)))

    def _submit(self) -> None:
        # One transaction; the error's field names the deadline's own row.
        motions.set_deadlines({kind: self.value(kind) for kind in DEADLINE_KINDS}, seen=self.seen)

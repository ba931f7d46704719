"""座次图 of the 签到 tab: the hall (ui.seating's drawing, read-only) with each seat coloured by
its person's 到会情况 in the chosen meeting, in the roll's own colours.

The arrangement is read when the map is first shown for a meeting (or after the page re-read);
statuses come from the rows the desk holds: a check-in repaints that one seat."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from meetingdesk.rules.words import AttendanceStatus
from meetingdesk.services import ServiceError, schedule, seating
from meetingdesk.services.attendance import RollRow
from meetingdesk.ui.attendance.models import STATUS_COLORS
from meetingdesk.ui.seating.colors import tint
from meetingdesk.ui.seating.hall_view import HallView

# the roll's colours, light enough to read a name on
FILLS = {status: tint(color, 0.8 if status == "" else 0.62) for status, color in STATUS_COLORS.items()}
LEGEND = ((AttendanceStatus.PRESENT, AttendanceStatus.PRESENT),
          (f"{AttendanceStatus.LATE}、{AttendanceStatus.LEFT_EARLY}", AttendanceStatus.LATE),
          (AttendanceStatus.LEAVE, AttendanceStatus.LEAVE), (AttendanceStatus.ABSENT, AttendanceStatus.ABSENT),
          ("未签到", ""))


class SeatMap(QWidget):
    """`show_rows(meeting, rows)` after the roll is read, `update_rows(rows)` after a write;
    `mark_stale()` when the hall or the arrangement may have changed."""

    clicked = Signal(object)  # member id or None
    activated = Signal(int)  # member id double-clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = HallView(editable=False)
        self.view.setObjectName("attendance_hall_view")
        self.view.hall.status_fills = FILLS
        self.view.clicked.connect(self.clicked)
        self.view.activated.connect(self.activated)
        self._statuses: dict[int, str] = {}
        self.view.hall.status_of = lambda member: self._statuses.get(member, "")
        self._meeting_id: int | None = None
        self._stale = True
        self.note = QLabel()
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("font-size: 13pt; color: #555555")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.note)
        # the colours and the zoom, for the tab's row of filters while the map is shown
        self.bar = QWidget()
        legend = QHBoxLayout(self.bar)
        legend.setContentsMargins(0, 0, 0, 0)
        for text, status in LEGEND:
            swatch = QLabel()
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: {FILLS[status]}; border: 1px solid #7a7a7a")
            legend.addWidget(swatch)
            legend.addWidget(QLabel(text))
            legend.addSpacing(6)
        hint = QLabel("双击座位即签到")
        hint.setStyleSheet("color: #555555")
        legend.addWidget(hint)
        legend.addSpacing(6)
        for text, slot, tip in (("−", self.view.zoom_out, "缩小（Ctrl+滚轮）"), ("+", self.view.zoom_in, "放大"),
                                ("适合窗口", self.view.fit, "")):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            legend.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)

    def mark_stale(self) -> None:
        self._stale = True

    def show_rows(self, meeting_id: int | None, rows: list[RollRow]) -> None:
        """The roll of MEETING_ID as read: every seat's colour (the hall read again when the
        meeting is another, or the map is stale, once it is on screen)."""
        self._statuses = {r.member_id: r.status for r in rows}
        if meeting_id != self._meeting_id:
            self._meeting_id, self._stale = meeting_id, True
        if self.isVisible() and self._stale:
            self._read()
        else:
            self.view.viewport().update()

    def update_rows(self, rows: list[RollRow]) -> None:
        """ROWS as a write returned them: their seats repainted, nothing read."""
        hall = self.view.hall
        for row in rows:
            self._statuses[row.member_id] = row.status
            hall.repaint_member(row.member_id)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._read()

    def _read(self) -> None:
        self._stale = False
        meeting_id = self._meeting_id
        if meeting_id is None:
            self._say("日程中还没有会议。")
            return
        if seating.get_hall() is None:
            self._say("还没有设置会场：请在“座次”页设置会场后，在此按座次查看到会情况。")
            return
        try:
            kind = schedule.get_meeting(meeting_id).kind
            arrangement = seating.arrangement(meeting_id, keep=False)
            podium = seating.podium(meeting_id) if kind in seating.SEATED_KINDS else None
        except ServiceError as exc:
            self._say(exc.message)
            return
        if kind not in seating.SEATED_KINDS:
            self._say(f"{kind}不在会场举行，没有座次图。")
            return
        self.view.hall.show_hall(arrangement.hall, arrangement.seats, arrangement.sides, podium)
        self.view.seats_changed()
        self.stack.setCurrentWidget(self.view)
        if self.view.auto_fit:
            self.view.fit()

    def _say(self, text: str) -> None:
        self.view.hall.clear_hall()
        self.note.setText(text)
        self.stack.setCurrentWidget(self.note)

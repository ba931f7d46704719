"""到会 page: the check-in desk of one meeting — the running count read across the hall, a line
for names, pinyin initials and scanned cards, the roll with leave, absence and late-comers, a
delegation's roll call or sign-in sheet, 结束签到, and earlier sessions' absences.

Every act is written at once through services.attendance; the page re-reads the roll after it.
Other pages hear of check-ins once the desk has been quiet a moment (or the page is left), so
a queue of delegates is not held up by the whole window re-reading the session.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from meetingdesk.rules.counting import QUORUM_RULES
from meetingdesk.services import ServiceError, attendance, roster, session
from meetingdesk.services.attendance import RollRow
from meetingdesk.services.schedule import MeetingRow
from meetingdesk.ui.attendance.desk import CountsBanner
from meetingdesk.ui.attendance.prior import PriorTab, flags_text
from meetingdesk.ui.attendance.roll import RollTab
from meetingdesk.ui.common import page, views
from meetingdesk.ui.common.page_heading import PageHeading
from meetingdesk.ui.common.views import RED

# The papers of this page; a paper not yet in printing.PAPERS shows disabled.
PAPERS = (("attendance", "代表到会情况报告"), ("absences", "代表请假和缺席名单"),
          ("attendance_table", "代表出席情况统计表"), ("badges", "证件"))
MEETING_PAPERS = ("attendance", "absences")  # they take the meeting chosen here
NOTIFY_MS = 4000  # quiet time at the desk before the other pages re-read (leaving the page: at once)


class AttendancePage(page.Page):
    """`refresh()` re-reads everything; `changed` follows writes (check-ins a moment later);
    `now` is the clock."""
    TITLE = "到会"
    SHOWS = frozenset({page.ATTENDANCE, page.ROSTER, page.SCHEDULE, page.PRESIDIUM, page.SESSION, page.SEATING})
    CHANGES = frozenset({page.ATTENDANCE})

    TARGETS = ("attendance", "attendance_member", "prior")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        self._echo = False  # our own `changed` coming back through the window's refresh
        self._meetings: dict[int, MeetingRow] = {}  # the chooser's meetings by id
        self._teams: list[tuple[int, str]] = []
        self._team_order: dict[int, int] = {}
        self._notify = QTimer(self)
        self._notify.setSingleShot(True)
        self._notify.setInterval(NOTIFY_MS)
        self._notify.timeout.connect(self._emit_changed)

        self.heading = PageHeading("代表到会情况", PAPERS, self, options=self.paper_options)
        self.print_button, self.print_menu = self.heading.print_button, self.heading.print_menu
        self.meeting = QComboBox()
        self.meeting.setMinimumWidth(260)
        self.meeting.currentIndexChanged.connect(self._meeting_chosen)
        self.rule = QComboBox()
        for rule, sentence in QUORUM_RULES.items():
            self.rule.addItem(rule, rule)
            self.rule.setItemData(self.rule.count() - 1, sentence, Qt.ItemDataRole.ToolTipRole)
        self.rule.setToolTip("法定人数的计算规则，适用于本次会议的预备会议和各次全体会议")
        self.rule.currentIndexChanged.connect(self.set_rule)
        self.close_button = QPushButton("结束签到…")
        self.close_button.setToolTip("把尚未签到的代表记为缺席；之后到会的仍可签到")
        self.close_button.clicked.connect(self.close_roll)
        top = QHBoxLayout()
        top.addWidget(QLabel("会议"))
        top.addWidget(self.meeting)
        top.addSpacing(16)
        top.addWidget(QLabel("法定人数"))
        top.addWidget(self.rule)
        self.retake_button = QPushButton("按名单更新应到…")
        self.retake_button.setToolTip("代表名单在会后被改动：核对无误后，按现在的名单更新该会议记录的应到人数")
        self.retake_button.clicked.connect(self.retake_expected)
        self.retake_button.hide()
        top.addStretch()
        top.addWidget(self.retake_button)
        top.addWidget(self.close_button)

        self.banner = CountsBanner()
        self.flag_notice = QLabel()
        self.flag_notice.setStyleSheet(f"color: {RED}; font-weight: bold")
        self.flag_notice.setWordWrap(True)
        self.flag_notice.hide()

        self.tabs = QTabWidget()
        self.desk_tab = RollTab(self)
        # the tab holds the roll: after a write there its rows and their count are up to date
        self.desk_tab.written.connect(lambda flags: self._written(flags=flags, reread=False))
        self.desk_tab.counted.connect(self._show_counts)
        # the tab's parts, reached through the page as on the other pages
        desk = self.desk_tab
        self.line, self.message, self.log, self.say = desk.line, desk.message, desk.log, desk.say
        self.model, self.proxy, self.view = desk.model, desk.proxy, desk.view
        self.prior_tab = PriorTab()
        self.prior_tab.written.connect(self._prior_written)
        self.prior_tab.message.connect(lambda text: self.say(text, RED))
        self.tabs.addTab(self.desk_tab, "签到")
        self.tabs.addTab(self.prior_tab, "往次缺席")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.flag_notice)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.line)

    def edit_controls(self) -> list:
        # earlier absences are set up before the session, by a desk that writes everything
        return [*self.desk_tab.edit_controls(), self.close_button, self.retake_button,
                page.Edit(self.rule, page.SESSION, lock=True),
                *(page.Edit(b, page.SETUP) for b in (self.prior_tab.add_button, self.prior_tab.remove_button))]

    def set_rights(self, may_write) -> None:
        super().set_rights(may_write)
        self.desk_tab.writable = self.writable
        self.prior_tab.writable = self.may_write(page.SETUP)

    # ------------------------------------------------------------ reading

    def refresh(self) -> None:
        """Re-read the schedule's meetings, the delegations, the rule, the roll and the flags."""
        if not session.is_open() or self._echo:
            return
        chosen = self.meeting_id()
        rows = attendance.meetings()
        self._meetings = {m.meeting_id: m for m in rows}
        if chosen not in self._meetings:
            chosen = attendance.default_meeting(self.now().date())
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for m in rows:
            self.meeting.addItem(m.label, m.meeting_id)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(chosen)))
        self.meeting.blockSignals(False)

        teams = roster.list_delegations()
        self._team_order = {d.delegation_id: d.position for d in teams}
        self._teams = [(d.delegation_id, d.name) for d in teams]
        self.desk_tab.set_teams(self._teams)
        self.desk_tab.seat_map.mark_stale()  # the hall or who sits where may have changed

        self.rule.blockSignals(True)
        self.rule.setCurrentIndex(max(0, self.rule.findData(session.quorum_rule())))
        self.rule.blockSignals(False)
        self._reload(flags=True, teams=True)

    def _reload(self, *, flags: bool = False, teams: bool = False) -> None:
        """The roll and the count of the chosen meeting (one roll() read, by the tab, whose
        `counted` shows the count); FLAGS also re-reads the earlier absences and who has now
        missed two."""
        meeting_id = self.meeting_id()
        self.desk_tab.load(meeting_id, self._team_order if teams else None)
        self.desk_tab.set_enabled(meeting_id is not None)
        if flags:
            self._reload_flags()

    def _show_counts(self, counts: attendance.Counts | None) -> None:
        """The banner and the buttons that follow the count of the rows the tab holds."""
        chosen = self._meetings.get(self.meeting_id())
        self.banner.show_counts(counts, chosen.kind if chosen else "")
        self.close_button.setEnabled(counts is not None and counts.unchecked > 0)
        self.retake_button.setVisible(counts is not None and counts.basis_changed and self.writable)

    def _reload_flags(self) -> None:
        """The earlier absences and who has now missed two sessions without leave."""
        found = attendance.unexcused_flags()
        self.prior_tab.refresh(found)
        self.flag_notice.setText(flags_text(found))
        self.flag_notice.setVisible(bool(found))
        self.tabs.setTabText(1, f"往次缺席（{len(found)} 人需注意）" if found else "往次缺席")

    def focus(self, target: tuple[str, object] | None) -> bool:
        """Show a problem's target: ("attendance", meeting_id), ("prior", person_id) or
        ("attendance_member", member_id) — the last two open that delegate's earlier absences."""
        if not target or target[0] not in self.TARGETS or not isinstance(target[1], int):
            return False
        kind, value = target
        if kind == "attendance":
            self.tabs.setCurrentWidget(self.desk_tab)
            return self.select_meeting(value)
        if kind == "attendance_member":
            row = self.model.row_of(value)
            try:
                value = row.person_id if row else roster.get_member(value).person_id
            except ServiceError:
                return False
        self.tabs.setCurrentWidget(self.prior_tab)
        return self.prior_tab.select_person(value)

    def select_meeting(self, meeting_id: int) -> bool:
        index = self.meeting.findData(meeting_id)
        if index < 0:
            return False
        self.meeting.setCurrentIndex(index)
        return True

    def meeting_id(self) -> int | None:
        return self.meeting.currentData()

    def meeting_name(self) -> str:
        chosen = self._meetings.get(self.meeting_id())
        return chosen.name if chosen else ""

    def teams(self) -> list[tuple[int, str]]:
        """(id, name) of the delegations, in their order."""
        return list(self._teams)

    def watched(self, rows: list[RollRow]) -> bool:
        """Can writing ROWS change who is flagged: anyone with an earlier absence noted."""
        noted = {r.person_id for r in self.prior_tab.prior.rows()}
        return any(r.person_id in noted for r in rows)

    def _meeting_chosen(self) -> None:
        self.log.clear()
        self.say("")
        self._reload()
        self.line.setFocus()

    def close_roll(self) -> int:
        """结束签到: those not checked in are written down as 缺席."""
        meeting_id = self.meeting_id()
        if meeting_id is None or not self.writable:
            return 0
        missing = self.desk_tab.counts().unchecked
        if not missing:
            self.say("所有代表都已签到或已记录。")
            return 0
        if not views.confirm(self, "结束签到", f"结束{self.meeting_name()}的签到？\n尚未签到的 {missing} 名代表将记为缺席；"
                             "之后到会的仍可签到。", "结束签到"):
            return 0
        try:
            written = attendance.close_roll(meeting_id, now=self.now())
        except ServiceError as exc:
            self.say(exc.message, RED)
            return 0
        self.say(f"已结束签到：{written} 名未签到的代表记为缺席。")
        self._written(flags=True, now=True)
        return written

    def retake_expected(self) -> int | None:
        """按名单更新应到: the roster for the meeting's date was edited after attendance was taken."""
        meeting_id = self.meeting_id()
        if meeting_id is None or not self.writable:
            return None
        c = attendance.counts(meeting_id)
        if not c.basis_changed:
            return None
        if not views.confirm(self, "按名单更新应到", f"{self.meeting_name()}首次签到时记录的应到为 {c.recorded} 人，"
                             f"按现在的名单该日为 {c.expected} 人。\n请先核对有关代表资格的开始和终止日期；"
                             f"确属当时名单有误的，把记录的应到更新为 {c.expected} 人？", "更新"):
            return None
        try:
            taken = attendance.retake_expected(meeting_id)
        except ServiceError as exc:
            self.say(exc.message, RED)
            return None
        self.say(f"已按现在的名单把{self.meeting_name()}记录的应到更新为 {taken} 人。")
        self._written(now=True)
        return taken

    def set_rule(self) -> None:
        rule = self.rule.currentData()
        if rule is None or rule == session.quorum_rule() or not self.may_write(page.SESSION):
            return
        try:
            attendance.set_quorum_rule(rule)
        except ServiceError as exc:
            self.say(exc.message, RED)
            self.rule.blockSignals(True)
            self.rule.setCurrentIndex(max(0, self.rule.findData(session.quorum_rule())))
            self.rule.blockSignals(False)
            return
        self._written(now=True)

    # ------------------------------------------------------------ telling the other pages

    def _written(self, *, flags: bool = False, now: bool = False, reread: bool = True) -> None:
        """After a write: REREAD the roll (the tab's own writes need not), FLAGS the flagged."""
        if reread:
            self._reload(flags=flags)
        elif flags:
            self._reload_flags()
        if now:
            self._notify.stop()
            self._emit_changed()
        else:
            self._notify.start()

    def _prior_written(self) -> None:
        self._reload(flags=True)
        self._notify.stop()
        self._emit_changed()

    def _emit_changed(self) -> None:
        if not session.is_open():  # the window closed the session meanwhile
            return
        self._echo = True
        try:
            self.changed.emit()
        finally:
            self._echo = False

    def flush(self) -> None:
        """Tell the other pages now of writes not yet told."""
        if self._notify.isActive():
            self._notify.stop()
            self._emit_changed()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.line, self.line.setFocus)  # the clerk types at once

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)

    # ------------------------------------------------------------ papers

    def paper_options(self, kind: str) -> dict:
        """The chosen meeting for its report and list; the delegation (and role) shown for the table
        and the badges. None stands for all: the preview leaves it out."""
        meeting_id = self.meeting_id()
        if kind in MEETING_PAPERS and meeting_id is not None:
            try:
                return {"meeting": attendance.meeting_key(meeting_id)}
            except ServiceError:  # removed since: the preview asks for a meeting
                return {}
        delegation_id = self.desk_tab.delegation_filter.currentData()
        if kind == "badges":
            return {"role": self.desk_tab.role_filter.currentData(), "delegation_id": delegation_id}
        if kind == "attendance_table":
            return {"delegation_id": delegation_id}
        return {}

    def print_paper(self, kind: str) -> QWidget | None:
        return self.heading.print_paper(kind)

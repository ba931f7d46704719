"""签到 tab of the 到会 page: the check-in line, the roll of the chosen meeting with its filters,
and the acts on its chosen rows — each written at once through services.attendance.

The roll is read once (`load`) and held by the model. A check-in finds the name among the rows
held, the service writes that one row and returns it, and the tab replaces it and counts the
rows again in memory (`counted`); marking a selection — up to every delegate — is one service
call, one transaction and one model update. Nothing re-reads or measures the roll per act."""
from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules.words import AttendanceStatus, Role
from meetingdesk.services import ServiceError, attendance
from meetingdesk.services.attendance import CheckIn, Counts, RollRow
from meetingdesk.ui.attendance.desk import LOG_LINES, CheckInLine, CheckInLog
from meetingdesk.ui.attendance.dialogs import LeaveDialog, TickDialog, TimeDialog, who
from meetingdesk.ui.attendance.models import AMBER, GREEN, STATUS_FILTERS, RollModel, RollProxy
from meetingdesk.ui.attendance.seat_map import SeatMap
from meetingdesk.ui.common import views
from meetingdesk.ui.common.views import RED, select_row, table_view


class Desk(Protocol):
    """What the tab asks of its page: the meeting chosen, the clock, the delegations, and
    whether writing some rows can change who is flagged."""

    now: Callable

    def meeting_id(self) -> int | None: ...

    def meeting_name(self) -> str: ...

    def teams(self) -> list[tuple[int, str]]: ...

    def watched(self, rows: list[RollRow]) -> bool: ...


# Column widths, in characters of the view's font beyond the text measured (no 5,000 rows measured)
PAD = 2
# the widest the delegation and name columns grow, in ems (a Chinese character)
WIDEST_EM = {RollModel.DELEGATION: 11, RollModel.NAME: 9}


class RollTab(QWidget):
    """`load()` reads the chosen meeting's roll (`show_rows()` shows one read elsewhere);
    `counted(counts)` follows every change of the rows held, with their count for the banner;
    `written(flags)` follows every write, FLAGS when it may change who has missed two sessions.
    The rows held are already up to date when `written` comes: there is nothing to re-read."""

    written = Signal(bool)
    counted = Signal(object)  # Counts of the rows held, or None without a meeting

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.writable = True  # this desk may record attendance (the page follows its rights)

        self.line = CheckInLine()
        self.line.returnPressed.connect(self.check_in_typed)
        self.line.textChanged.connect(self._typed)
        self.line.down.connect(self._to_list)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.fontMetrics().height() * 2 + 6)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = RollModel(self)
        self.proxy = RollProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = table_view(self.proxy, fitted=False)  # _size_columns
        self.view.setSelectionMode(self.view.SelectionMode.ExtendedSelection)
        self.view.setObjectName("roll_view")
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        # widths from the headings and the few texts of each column, never by measuring the rows
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RollModel.STATUS, QHeaderView.ResizeMode.Stretch)
        self._size_columns([])
        self.view.doubleClicked.connect(self.check_in_clicked)
        self.view.installEventFilter(self)  # Enter on a highlighted row checks that person in
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.line.setObjectName("checkin_line")

        self.delegation_filter = QComboBox()
        self.delegation_filter.currentIndexChanged.connect(self._filter)
        self.status_filter = QComboBox()
        for label, test in STATUS_FILTERS:
            self.status_filter.addItem(label, test)
        self.status_filter.setItemData(2, "出席，含迟到、早退", Qt.ItemDataRole.ToolTipRole)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.role_filter = QComboBox()
        self.role_filter.addItem("全部身份", None)
        for role in Role:
            self.role_filter.addItem(role, role)
        self.role_filter.currentIndexChanged.connect(self._filter)
        self.shown_count = QLabel()
        self.tick_button = QPushButton("按代表团点名 / 录入签到表…")
        self.tick_button.clicked.connect(lambda: self.tick_delegation())
        # the roll as a list, or as the hall's seats coloured by 到会情况 (ui.attendance.seat_map)
        self.seat_map = SeatMap()
        self.seat_map.clicked.connect(lambda member: member is not None and self.select_member(member))
        self.seat_map.activated.connect(self.check_in_member)
        self.as_list, self.as_map = QToolButton(), QToolButton()
        self.as_list.setObjectName("roll_as_list")
        self.as_map.setObjectName("roll_as_map")
        shown_as = QButtonGroup(self)
        for button, text in ((self.as_list, "名单"), (self.as_map, "座次图")):
            button.setText(text)
            button.setCheckable(True)
            shown_as.addButton(button)
        self.as_list.setChecked(True)
        self.as_map.toggled.connect(self.show_map)
        filters = QHBoxLayout()
        filters.addWidget(self.as_list)
        filters.addWidget(self.as_map)
        filters.addSpacing(8)
        filters.addWidget(self.delegation_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.role_filter)
        filters.addSpacing(8)
        filters.addWidget(self.shown_count)
        self.seat_map.bar.hide()
        filters.addWidget(self.seat_map.bar)
        filters.addStretch()
        filters.addWidget(self.tick_button)

        self.present_button = QPushButton("签到（出席）")
        self.leave_button = QPushButton("请假…")
        self.absent_button = QPushButton(AttendanceStatus.ABSENT)
        self.late_button = QPushButton("迟到…")
        self.early_button = QPushButton("早退…")
        self.clear_button = QPushButton("撤销")
        self.clear_button.setToolTip("改回未签到（签错了人时）")
        self._actions = ((self.present_button, self.mark_present), (self.leave_button, self.leave),
                         (self.absent_button, self.mark_absent),
                         (self.late_button, lambda: self.mark_time(AttendanceStatus.LATE)),
                         (self.early_button, lambda: self.mark_time(AttendanceStatus.LEFT_EARLY)),
                         (self.clear_button, self.clear))
        buttons = QHBoxLayout()
        for button, slot in self._actions:
            button.clicked.connect(lambda _=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch()
        self.hint = QLabel("可多选；双击一人即签到")
        buttons.addWidget(self.hint)

        self.log = CheckInLog()
        log_box = QWidget()
        log_layout = QVBoxLayout(log_box)
        log_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("最近签到")
        caption.setStyleSheet("font-weight: bold")
        log_layout.addWidget(caption)
        log_layout.addWidget(self.log, 1)
        roll_box = QWidget()
        roll_layout = QVBoxLayout(roll_box)
        roll_layout.setContentsMargins(0, 0, 0, 0)
        roll_layout.addLayout(filters)
        self.shown_as = QStackedWidget()
        self.shown_as.addWidget(self.view)
        self.shown_as.addWidget(self.seat_map)
        roll_layout.addWidget(self.shown_as, 1)
        roll_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(roll_box)
        splitter.addWidget(log_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([840, 340])

        layout = QVBoxLayout(self)
        line_row = QHBoxLayout()
        self.line_caption = QLabel("签到")
        self.line_caption.setStyleSheet("font-size: 16pt; font-weight: bold")
        line_row.addWidget(self.line_caption)
        line_row.addWidget(self.line, 1)
        layout.addLayout(line_row)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # ------------------------------------------------------------ the rows shown

    def selected_rows(self) -> list[RollRow]:
        """The rows chosen, in the roll's order."""
        proxy, model = self.proxy, self.model
        rows = [model.row_at(proxy.mapToSource(i).row()) for i in self.view.selectionModel().selectedRows()]
        return sorted(rows, key=model.service_place)

    def select_member(self, member_id: int) -> bool:
        index = self.proxy.mapFromSource(self.model.index_of(member_id))
        if not index.isValid():
            return False
        select_row(self.view, index)
        self.view.scrollTo(index)
        return True

    def _update_buttons(self, *_) -> None:
        any_rows = self.view.selectionModel().hasSelection()
        for button, _slot in self._actions:
            button.setEnabled(any_rows)

    def _filter(self) -> None:
        self.proxy.set_delegation(self.delegation_filter.currentData())
        self.proxy.set_status(self.status_filter.currentData())
        self.proxy.set_role(self.role_filter.currentData())
        self._show_shown()

    def _show_shown(self) -> None:
        """How many rows the filters and the typed name leave; not tied to the proxy's row signals,
        which come once per removed run of rows (hundreds as a name narrows 3,000 to one)."""
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown_count.setText(f"显示 {shown} 人" if shown == total else f"显示 {shown} / {total} 人")

    def say(self, text: str, color: str = "") -> None:
        """A line under the check-in field: what was just done, or why not."""
        self.message.setText(text)
        self.message.setStyleSheet(f"font-size: 13pt; color: {color}" if color else "font-size: 13pt")

    # ------------------------------------------------------------ the check-in line

    def _typed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._show_shown()

    def _to_list(self) -> None:
        if self.proxy.rowCount():
            self.view.setFocus()
            select_row(self.view, self.proxy.index(0, 0))

    def check_in_typed(self) -> CheckIn | None:
        """Enter on the line: one person found is checked in; else the page says why and the
        list shows those found, to double-click the one meant."""
        text = self.line.text().strip()
        meeting_id = self.desk.meeting_id()
        if not text or meeting_id is None or not self.writable:
            return None
        try:
            result = attendance.check_in_text(meeting_id, text, now=self.desk.now(), found=self.model.find(text))
        except ServiceError as exc:
            self.say(exc.message, RED)
            if not self.proxy.rowCount():
                self.line.selectAll()  # nobody found: the next name replaces this one
            self.line.setFocus()
            return None
        self._checked_in(result)
        return result

    def check_in_clicked(self, index=None) -> CheckIn | None:
        """A double-click on a row of the list checks that person in."""
        if index is None or not index.isValid():
            return None
        return self.check_in_member(self.model.row_at(self.proxy.mapToSource(index).row()).member_id)

    def check_in_member(self, member_id: int) -> CheckIn | None:
        """Check one person in (a row or a seat double-clicked)."""
        meeting_id = self.desk.meeting_id()
        if meeting_id is None or not self.writable:
            return None
        try:
            result = attendance.check_in(meeting_id, member_id, source="签到", now=self.desk.now())
        except ServiceError as exc:
            self.say(exc.message, RED)
            return None
        self._checked_in(result)
        return result

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.check_in_clicked(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _checked_in(self, result: CheckIn) -> None:
        color = GREEN if result.changed else AMBER
        self.say(result.message, color)
        self.log.add(f"{self.desk.now():%H:%M:%S}　{result.message}", color)
        self.line.clear()
        if result.changed:
            self._apply([result.row], [result.row])
        self.line.setFocus()

    # ------------------------------------------------------------ acting on the chosen rows

    def _all(self, write: Callable[[], list[RollRow]]) -> list[RollRow] | None:
        """WRITE, which writes all the chosen rows or none and returns them as written; a refusal
        is said (None)."""
        try:
            return write()
        except ServiceError as exc:
            self.say(exc.message, RED)
            return None

    def _apply(self, rows: list[RollRow], chosen: list[RollRow]) -> None:
        """ROWS as a write returned them replace the rows held, the count follows; then
        `written`, flagged when any of the CHOSEN may change who has missed two sessions."""
        self.model.replace_rows(rows)
        self.seat_map.update_rows(rows)
        self._recount()
        self.written.emit(self.desk.watched(chosen))

    def mark_present(self) -> None:
        rows, meeting_id = self.selected_rows(), self.desk.meeting_id()
        if not rows or meeting_id is None or not self.writable:
            return
        try:
            results = attendance.check_in_rows(meeting_id, rows, source="手工", now=self.desk.now())
        except ServiceError as exc:
            self.say(exc.message, RED)
            return
        for result in results[-LOG_LINES:]:  # the log keeps no more
            self.log.add(f"{self.desk.now():%H:%M:%S}　{result.message}", GREEN if result.changed else AMBER)
        self.say(results[-1].message if len(results) == 1 else f"已签到 {len(results)} 人。", GREEN)
        self._apply([r.row for r in results if r.changed], rows)

    def mark_absent(self) -> None:
        rows, meeting_id = self.selected_rows(), self.desk.meeting_id()
        if not rows or meeting_id is None or not self.writable:
            return
        done = self._all(lambda: attendance.mark_rows(meeting_id, rows, AttendanceStatus.ABSENT, now=self.desk.now()))
        if done is not None:
            self.say(f"{who(rows)}记为缺席。", RED)
            self._apply(done, rows)

    def clear(self) -> None:
        rows, meeting_id = self.selected_rows(), self.desk.meeting_id()
        rows = [r for r in rows if r.status]
        if not rows or meeting_id is None or not self.writable:
            return
        leave = [r for r in rows if r.status == AttendanceStatus.LEAVE]
        if (len(rows) > 1 or leave) and not views.confirm(
                self, "撤销", f"把{who(rows)}改回未签到？" + ("\n请假事由和批准人一并删除。" if leave else ""), "撤销"):
            return
        done = self._all(lambda: attendance.clear_rows(meeting_id, rows))
        if done is not None:
            self.say(f"{who(rows)}已改回未签到。")
            self._apply(done, rows)

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def leave(self) -> LeaveDialog | None:
        rows, meeting_id = self.selected_rows(), self.desk.meeting_id()
        if not rows or meeting_id is None or not self.writable:
            return None
        dialog = LeaveDialog(rows, self.desk.meeting_name(), self)
        written: list[RollRow] = []

        def submit() -> None:
            reason, approver = dialog.value()
            written[:] = attendance.mark_rows(meeting_id, rows, AttendanceStatus.LEAVE, reason=reason, approver=approver,
                                              now=self.desk.now())

        def done() -> None:
            self.say(f"{who(rows)}请假（{dialog.value()[0].strip()}）。")
            self._apply(written, rows)

        dialog.submit = submit
        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def mark_time(self, status: str) -> TimeDialog | None:
        rows, meeting_id = self.selected_rows(), self.desk.meeting_id()
        if not rows or meeting_id is None or not self.writable:
            return None
        dialog = TimeDialog(rows, status, self.desk.meeting_name(), f"{self.desk.now():%H:%M}", self)
        written: list[RollRow] = []

        def submit() -> None:
            written[:] = attendance.mark_rows(meeting_id, rows, status, time=dialog.value(), now=self.desk.now())

        def done() -> None:
            self.say(f"{who(rows)}{status} {dialog.value().strip()}。", AMBER)
            self._apply(written, rows)

        dialog.submit = submit
        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def tick_delegation(self, delegation_id: int | None = None) -> TickDialog | None:
        meeting_id = self.desk.meeting_id()
        if meeting_id is None or not self.writable:
            return None
        if delegation_id is None:
            chosen = self.selected_rows()
            delegation_id = self.delegation_filter.currentData() or (chosen[0].delegation_id if chosen else None)
        dialog = TickDialog(self.desk.teams(), lambda did: attendance.roll(meeting_id, role=Role.DELEGATE, delegation_id=did),
                            self.desk.meeting_name(), delegation_id, self)
        changes: list[int] = []

        def submit() -> None:
            members, present, source = dialog.value()
            changes.append(attendance.tick(meeting_id, members, present, source=source, now=self.desk.now()))

        def done() -> None:
            self.say(f"{dialog.delegation.currentText()}（{dialog.source()}）：到会 {len(dialog.ticked())} 人，"
                     f"改动 {changes[-1] if changes else 0} 人。", GREEN)
            # the delegation's delegates as now recorded: a few dozen rows read, not the roll
            did = dialog.delegation.currentData()
            now_rows = attendance.roll(meeting_id, role=Role.DELEGATE, delegation_id=did) if did is not None else []
            self._apply(now_rows, dialog.rows)

        dialog.submit = submit
        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def _context_menu(self, at: QPoint) -> None:
        if not self.selected_rows() or not self.writable:
            return
        menu = QMenu(self)
        for button, slot in self._actions:
            menu.addAction(button.text(), slot)
        menu.addSeparator()
        menu.addAction("按代表团点名 / 录入签到表…", lambda: self.tick_delegation())
        menu.exec(self.view.viewport().mapToGlobal(at))

    # ------------------------------------------------------------ the page's part

    def load(self, meeting_id: int | None, team_order: dict[int, int] | None = None) -> Counts | None:
        """Read the roll of MEETING_ID (None: no meeting) once and show it; `counted` follows."""
        rows = attendance.roll(meeting_id) if meeting_id is not None else []
        self.show_rows(rows, team_order)
        return self._recount()

    def show_rows(self, rows: list[RollRow], team_order: dict[int, int] | None = None) -> None:
        """Show ROWS, the roll of the chosen meeting as just read."""
        if self.model.update(rows, team_order):
            self._size_columns(rows)
        self.seat_map.show_rows(self.desk.meeting_id(), rows)
        self._show_shown()
        self._update_buttons()

    def counts(self) -> Counts | None:
        """The count of the rows held (应到, 实到 …) for the chosen meeting."""
        meeting_id = self.desk.meeting_id()
        return attendance.counts(meeting_id, self.model.rows()) if meeting_id is not None else None

    def _recount(self) -> Counts | None:
        counts = self.counts()
        self.counted.emit(counts)
        return counts

    def _size_columns(self, rows: list[RollRow]) -> None:
        """Widths from the headings, the delegations' names, the roles and the longest name —
        a few dozen texts measured, not the 5,000 rows (the 到会情况 column takes the rest)."""
        metrics = self.view.fontMetrics()
        em = metrics.horizontalAdvance("中")
        model = self.model
        longest = max(rows, key=lambda r: len(r.display), default=None)
        samples = {
            RollModel.DELEGATION: {r.delegation for r in rows},
            RollModel.NAME: {longest.display} if longest else {"欧阳某某（女）"},
            RollModel.ROLE: {model.text(r, RollModel.ROLE) for r in rows if r.leader_title} | set(Role),
            RollModel.CARD: {"0" * attendance.CARD_DIGITS},
        }
        header = self.view.horizontalHeader()
        for column, texts in samples.items():
            widest = max((metrics.horizontalAdvance(t) for t in texts | {model.headers[column]}), default=0)
            cap = WIDEST_EM.get(column)
            if cap is not None:
                # a long delegation or a long name (阿卜杜热合曼·买买提依明) is elided, whole on
                # hover, rather than pushing 到会情况 and the card number off a 1,366-pixel screen
                widest = min(widest, cap * em)
            header.resizeSection(column, widest + PAD * em)

    def show_map(self, shown: bool = True) -> None:
        """座次图 (SHOWN) or 名单: the roll as the hall's seats or as the list."""
        self.as_map.setChecked(shown)
        self.as_list.setChecked(not shown)
        self.shown_as.setCurrentWidget(self.seat_map if shown else self.view)
        # the filters choose rows of the list; the map shows everyone, with its colours
        for widget in (self.delegation_filter, self.status_filter, self.role_filter, self.shown_count):
            widget.setVisible(not shown)
        self.seat_map.bar.setVisible(shown)

    def set_teams(self, teams: list[tuple[int, str]]) -> None:
        """The delegation filter's choices, keeping the one chosen."""
        current = self.delegation_filter.currentData()
        self.delegation_filter.blockSignals(True)
        self.delegation_filter.clear()
        self.delegation_filter.addItem("全部代表团", None)
        for did, name in teams:
            self.delegation_filter.addItem(name, did)
        self.delegation_filter.setCurrentIndex(max(0, self.delegation_filter.findData(current)))
        self.delegation_filter.blockSignals(False)
        self.proxy.set_delegation(self.delegation_filter.currentData())

    def edit_controls(self) -> list[QWidget]:
        """The check-in line and the marking buttons: a desk that may not record attendance
        reads the roll and its filters only."""
        return [self.line_caption, self.line, self.tick_button, self.hint,
                *(button for button, _slot in self._actions)]

    def set_enabled(self, enabled: bool) -> None:
        self.line.setEnabled(enabled)
        self.tick_button.setEnabled(enabled)

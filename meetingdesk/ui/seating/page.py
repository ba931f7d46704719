"""座次 page: the hall drawn with who sits where, for the whole session or one sitting (its 主席台
and, when delegations rotate at each plenary, its own arrangement).

A person dragged onto another swaps their seats, onto an empty seat moves there; a right-click
pins a seat. Those edits are written at once and move just their seats on the map (no re-read
of the arrangement); the hall, a re-arrangement or a 主席台 list re-read it. Every edit is a
command on the window's undo stack (ui.seating.commands)."""
from __future__ import annotations

import time

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules.seating import Rotation
from meetingdesk.services import ServiceError, attendance, schedule, seating, session
from meetingdesk.services.seating import SEATED_KINDS, Arrangement
from meetingdesk.ui.common import page, views
from meetingdesk.ui.common.page_heading import PageHeading
from meetingdesk.ui.common.views import RED
from meetingdesk.ui.seating.commands import EditHall, MoveSeat, PinSeat, Rearrange, SeatCommand, SetPodium, SwapSeats
from meetingdesk.ui.seating.dialogs import HallDialog, PodiumDialog
from meetingdesk.ui.seating.hall_scene import Seat
from meetingdesk.ui.seating.hall_view import HallView
from meetingdesk.ui.seating.side_panel import SidePanel

# The papers of this page; with a sitting chosen, each is printed for it (its 主席台, its seats).
PAPERS = (("seating", "会场座次图"), ("podium", "主席台座次表"), ("seat_list", "座次表"), ("tent_cards", "桌签"))
WHOLE = "本次会议（全部）"
HINT = "拖动一人到另一人处交换座位，拖到空座即移过去；右键固定座位。Ctrl+滚轮缩放，拖动空白处平移。"
FOUND_LISTED = 5


class SeatingPage(page.Page):
    TITLE = "座次"
    SHOWS = frozenset({page.SEATING, page.ROSTER, page.PRESIDIUM, page.SCHEDULE, page.SESSION})
    CHANGES = frozenset({page.SEATING})
    TARGETS = ("seating",)  # services.seating_checks: ("seating", meeting id or None)

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.arrangement: Arrangement | None = None
        self._local: frozenset[int] | None = None  # members whose seats the page itself just moved
        self._found: list[int] = []
        self._found_at = 0
        self.refreshes = 0
        self.last_refresh = 0.0  # seconds the last refresh took (the benchmark reads it)

        self.heading = PageHeading("会场座次", PAPERS, self, options=self.paper_options)
        self.meeting = QComboBox()
        self.meeting.setObjectName("seat_meeting")
        self.meeting.setMinimumWidth(230)
        self.meeting.setToolTip("全部：本次会议的基本座次；选一次会议：该次的主席台，及轮换时该次的座次")
        self.meeting.currentIndexChanged.connect(lambda _i: self.refresh())
        self.hall_button = QPushButton("设置会场…")
        self.hall_button.clicked.connect(lambda: self.edit_hall())
        self.rearrange_button = QPushButton("重新排座…")
        self.rearrange_button.setToolTip("按代表团顺序重新排定全部座位（固定的座位不动）")
        self.rearrange_button.clicked.connect(lambda: self.rearrange())
        self.podium_button = QPushButton("主席台名单…")
        self.podium_button.clicked.connect(lambda: self.edit_podium())
        self.find = QLineEdit()
        self.find.setObjectName("seat_find")
        self.find.setPlaceholderText("查找：姓名或拼音首字母")
        self.find.setClearButtonEnabled(True)
        self.find.setFixedWidth(190)
        self.find.textChanged.connect(self._find)
        self.find.returnPressed.connect(self.next_found)
        self.view = HallView(editable=True)
        zoom_out, zoom_in = QToolButton(), QToolButton()
        zoom_out.setText("−")
        zoom_out.setToolTip("缩小（Ctrl+滚轮）")
        zoom_in.setText("+")
        zoom_in.setToolTip("放大（Ctrl+滚轮）")
        zoom_out.clicked.connect(self.view.zoom_out)
        zoom_in.clicked.connect(self.view.zoom_in)
        fit = QToolButton()
        fit.setText("适合窗口")
        fit.clicked.connect(self.view.fit)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(44)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z:.0%}"))
        top = QHBoxLayout()
        top.addWidget(QLabel("会议"))
        top.addWidget(self.meeting)
        top.addSpacing(8)
        for button in (self.hall_button, self.rearrange_button, self.podium_button):
            top.addWidget(button)
        top.addStretch()
        top.addWidget(self.find)
        top.addSpacing(8)
        self.zoom_buttons = (zoom_out, zoom_in, fit)
        for button in self.zoom_buttons:
            top.addWidget(button)
        top.addWidget(self.zoom_label)

        self.view.dropped.connect(self._dropped)
        self.view.menu_requested.connect(self._menu)
        self.side = SidePanel()
        self.side.delegation_chosen.connect(self.show_delegation)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-size: 13pt; color: #333333")
        self.empty_button = QPushButton("设置会场…")
        self.empty_button.setObjectName("hall_setup")
        self.empty_button.clicked.connect(lambda: self.edit_hall())
        empty_box = QWidget()
        empty_layout = QVBoxLayout(empty_box)
        empty_layout.addStretch()
        empty_layout.addWidget(self.empty)
        row = QHBoxLayout()
        row.addWidget(self.empty_button)
        row.addStretch()
        empty_layout.addLayout(row)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        map_box = QWidget()
        map_layout = QHBoxLayout(map_box)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.addWidget(self.view, 1)
        map_layout.addWidget(self.side)
        self.stack.addWidget(map_box)
        self.stack.addWidget(empty_box)
        self.message = QLabel(HINT)
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)

    # ------------------------------------------------------------ reading

    def edit_controls(self) -> list:
        return [self.hall_button, self.rearrange_button, self.podium_button, self.empty_button]

    def set_rights(self, may_write) -> None:
        super().set_rights(may_write)
        self.view.editable = self.writable  # no seat dragged onto another

    def refresh(self) -> None:
        """The sittings, the hall, the arrangement of the sitting chosen and its 主席台, anew."""
        if not session.is_open():
            return
        started = time.perf_counter()
        self.refreshes += 1
        self._fill_meetings()
        hall = seating.get_hall()
        if hall is None:
            self._show_empty("本次会议还没有设置会场。\n\n设置会场的各区、每排座位数和主席台后，"
                             "代表、列席人员和工作人员按代表团顺序自动排座；之后可拖动调整。")
            return
        meeting_id = self.meeting_id()
        try:
            arrangement = seating.arrangement(meeting_id)
        except ServiceError as exc:
            self._show_empty(exc.message)
            return
        podium, podium_note = None, "选择一次会议以显示名单"
        if meeting_id is not None:
            try:
                podium = seating.podium(meeting_id)
                podium_note = self.meeting.currentText()
            except ServiceError as exc:
                podium_note = exc.message
        same_hall = self.arrangement is not None and self.arrangement.hall == hall and not self.view.auto_fit
        centre, zoom = self.view.center_point(), self.view.zoom()
        self.arrangement = arrangement
        self.view.hall.show_hall(arrangement.hall, arrangement.seats, arrangement.sides, podium, podium_note)
        self.view.seats_changed()
        self.view.warm_names()
        self.stack.setCurrentIndex(0)
        if same_hall:
            self.view.set_zoom(zoom)
            self.view.centerOn(centre)
        else:
            self.view.fit()
        self.side.show_arrangement(arrangement, self.view.hall, self._rotation_note(hall, meeting_id))
        self._update_buttons()
        if self.find.text().strip():
            self._found = [s.member_id for s in self.view.find(self.find.text())]
        self.last_refresh = time.perf_counter() - started

    def _fill_meetings(self) -> None:
        chosen = self.meeting_id()
        self.meeting.blockSignals(True)
        self.meeting.clear()
        self.meeting.addItem(WHOLE, None)
        for m in schedule.list_meetings():
            if m.kind in SEATED_KINDS:
                self.meeting.addItem(m.label, m.meeting_id)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(chosen)))
        self.meeting.blockSignals(False)

    def _show_empty(self, text: str) -> None:
        self.arrangement = None
        self.view.hall.clear_hall()
        self.side.clear()
        self.empty.setText(text)
        self.stack.setCurrentIndex(1)
        self.say("")
        self.message.setText("")  # the hint on dragging has no map to speak of
        self._update_buttons()

    @staticmethod
    def _rotation_note(hall, meeting_id: int | None) -> str:
        if hall.rotation == Rotation.PLENARY:
            if meeting_id is None:
                return "代表团每次全体会议轮换座区：这里是基本座次，各次全体会议的座次请在上方选择该次会议。"
            return "代表团每次全体会议轮换座区：这里是该次会议的座次（预备会议用基本座次）。"
        if hall.rotation == Rotation.SESSION:
            return "代表团每次大会轮换座区：下次会议从本次结转时按轮换移动。"
        return ""

    def _update_buttons(self) -> None:
        has_hall = self.arrangement is not None
        self.rearrange_button.setEnabled(has_hall)
        self.podium_button.setEnabled(has_hall and self.meeting_id() is not None)
        self.podium_button.setToolTip("" if self.meeting_id() is not None else "先在左边选择一次会议")
        for widget in (self.find, *self.zoom_buttons):
            widget.setEnabled(has_hall)
        if not has_hall:
            self.zoom_label.setText("")

    def meeting_id(self) -> int | None:
        return self.meeting.currentData()

    def select_meeting(self, meeting_id: int | None) -> bool:
        index = self.meeting.findData(meeting_id)
        if index < 0:
            return False
        self.meeting.setCurrentIndex(index)
        return True

    def focus(self, target: tuple[str, object] | None) -> bool:
        """("seating", meeting id or None): that sitting's arrangement."""
        if not target or target[0] != "seating":
            return False
        return self.select_meeting(target[1] if isinstance(target[1], int) else None)

    def members_changed(self, member_ids: tuple[int, ...]) -> None:
        """The seats the page itself just moved are shown already; any other change re-reads."""
        mine, self._local = self._local, None
        if mine is not None and frozenset(member_ids) == mine:
            return
        self.mark_stale()

    def say(self, text: str, color: str = "") -> None:
        self.message.setText(text or HINT)
        self.message.setStyleSheet(f"color: {color}" if color else "")

    # ------------------------------------------------------------ finding

    def _find(self, text: str) -> None:
        self._found = [s.member_id for s in self.view.find(text)]
        self._found_at = 0
        if not text.strip():
            self.say("")
            return
        if not self._found:
            self.say(f"座次图中没有“{text.strip()}”。", RED)
            return
        self.view.show_member(self._found[0])
        self.say(self._found_text())

    def _found_text(self) -> str:
        hall = self.view.hall
        listed = "、".join(f"{hall.sitters[m].display}（{hall.label(hall.place[m])}）" for m in self._found[:FOUND_LISTED])
        more = f" 等 {len(self._found)} 人" if len(self._found) > FOUND_LISTED else ""
        return f"找到 {len(self._found)} 人：{listed}{more}" + ("；按回车看下一个" if len(self._found) > 1 else "")

    def next_found(self) -> None:
        if self._found:
            self._found_at = (self._found_at + 1) % len(self._found)
            self.view.show_member(self._found[self._found_at])

    def show_delegation(self, delegation_id: int | None) -> None:
        """Mark a delegation's seats (the legend clicked) and show the first."""
        hall = self.view.hall
        members = sorted((m for m, s in hall.sitters.items() if s.delegation_id == delegation_id), key=hall.place.get)
        hall.set_found(members)
        self._found, self._found_at = members, 0
        if members:
            self.view.show_member(members[0])
            self.say(f"{hall.sitters[members[0]].delegation}：{len(members)} 人，已在图中标出。")

    # ------------------------------------------------------------ seats: swap, move, pin

    def _dropped(self, source: Seat, target: Seat) -> None:
        hall = self.view.hall
        a, b = hall.sitter_at(source), hall.sitter_at(target)
        if a is None or not self.writable:
            return
        meeting_id = self.meeting_id()
        try:
            if b is None:
                block = hall.spec.blocks[target[0]].name
                after = (block, target[1], target[2])
                text = f"把 {a.name} 移到 {hall.label(target)}"
                before = seating.move(a.member_id, *after, meeting_id)
                hall.move(a.member_id, target)
                command: SeatCommand = MoveSeat(meeting_id, a.member_id, before, after, text, self._stepped)
            else:
                seating.swap(a.member_id, b.member_id, meeting_id)
                hall.swap(a.member_id, b.member_id)
                command = SwapSeats(meeting_id, a.member_id, b.member_id, (a.name, b.name), self._stepped)
        except ServiceError as exc:
            self.say(exc.message, RED)
            return
        self._push_local(command)
        self.say(f"已{command.text()}。可撤销（Ctrl+Z）。")

    def swap(self, a: int, b: int) -> None:
        """Swap two people's seats as a drag of A onto B does."""
        hall = self.view.hall
        self._dropped(hall.place[a], hall.place[b])

    def pin(self, member_id: int, pinned: bool) -> None:
        sitter = self.view.hall.sitters.get(member_id)
        if sitter is None or not self.writable:
            return
        meeting_id = self.meeting_id()
        try:
            before = seating.set_pinned(member_id, pinned, meeting_id)
        except ServiceError as exc:
            self.say(exc.message, RED)
            return
        self.view.hall.set_pinned(member_id, pinned)
        command = PinSeat(meeting_id, member_id, pinned, before, sitter.name, self._stepped)
        self._push_local(command)
        self.say(f"已{command.text()}" + ("：重新排座时此座不动。" if pinned else "。"))

    def seat_menu(self, seat: Seat) -> QMenu:
        hall = self.view.hall
        menu = QMenu(self)
        sitter = hall.sitter_at(seat)
        title = menu.addAction(f"{hall.label(seat)}　{sitter.display if sitter else '空座'}")
        title.setEnabled(False)
        if sitter is not None and self.writable:
            menu.addSeparator()
            if sitter.pinned:
                menu.addAction("取消固定", lambda m=sitter.member_id: self.pin(m, False))
            else:
                menu.addAction("固定座位", lambda m=sitter.member_id: self.pin(m, True))
        return menu

    def _menu(self, seat: Seat, at: QPoint) -> None:
        self.seat_menu(seat).exec(at)

    def _push_local(self, command: SeatCommand) -> None:
        """Push an edit the map already shows: the window's notice of it is not a re-read."""
        self._local = frozenset(command.members())
        self.undo_stack.push(command)
        self._local = None
        self._seats_moved()

    def _stepped(self, command: SeatCommand, undone: bool) -> None:
        """撤销/重做 of a seat edit was written: move its seats on the map, if the map shows that
        sitting (else the window's notice makes the page re-read)."""
        hall = self.view.hall
        if self.stale or hall.spec is None or command.meeting_id != self.meeting_id():
            return
        if isinstance(command, SwapSeats):
            hall.swap(command.a, command.b)
        elif isinstance(command, MoveSeat):
            block, row, column = command.before if undone else command.after
            index = next((i for i, b in enumerate(hall.spec.blocks) if b.name == block), None)
            if index is None:
                return
            hall.move(command.member_id, (index, row, column))
        elif isinstance(command, PinSeat):
            hall.set_pinned(command.member_id, command.before if undone else command.pinned)
        self._local = frozenset(command.members())
        QTimer.singleShot(0, self._forget_local)  # outside a window nobody takes the notice
        self._seats_moved()
        self.say(f"已{'撤销' if undone else '重做'}：{command.text()}。")

    def _forget_local(self) -> None:
        self._local = None

    def _seats_moved(self) -> None:
        self.view.seats_changed()
        self.side.seats_moved(self.view.hall)

    # ------------------------------------------------------------ the hall, the arrangement, the 主席台

    def _pushed(self, command) -> None:
        """Push an edit that changes much: the page reads again (the window's notice does it
        when the page is in a window; else here)."""
        before = self.refreshes
        self.undo_stack.push(command)
        if self.refreshes == before:
            self.refresh()

    def edit_hall(self) -> HallDialog:
        """设置会场… (opened, returned)."""
        current = seating.get_hall()
        counts = session.session_info().counts
        dialog = HallDialog(current, dict(counts), self)
        done: list = []

        def submit() -> None:
            spec = dialog.value()
            if current is not None and spec == current:
                return
            done.append((seating.set_hall(spec), spec))

        def accepted() -> None:
            if done:
                before, spec = done[-1]
                self._pushed(EditHall(before, spec))
                self.say(f"已{'设置' if before.spec else '新建'}会场“{spec.name}”。可撤销（Ctrl+Z）。")

        dialog.submit = submit
        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def rearrange(self) -> bool:
        """重新排座 of the sitting chosen, after asking."""
        meeting_id = self.meeting_id()
        where = self.meeting.currentText() if meeting_id is not None else "本次会议"
        if self.arrangement is None:
            return False
        if meeting_id is not None and self.arrangement.key is None:
            where = "本次会议"  # the sittings share the session's arrangement
        if not views.confirm(self, "重新排座", f"按代表团顺序重新排定{where}的全部座位？\n固定的座位不动，其他人可能换座；"
                             "可以撤销。", "重新排座"):
            return False
        try:
            before = seating.rearrange(meeting_id)
        except ServiceError as exc:
            self.say(exc.message, RED)
            return False
        self._pushed(Rearrange(meeting_id, before, where))
        self.say(f"已重新排座（{where}）。可撤销（Ctrl+Z）。")
        return True

    def edit_podium(self) -> PodiumDialog | None:
        """主席台名单… of the sitting chosen (opened, returned)."""
        meeting_id = self.meeting_id()
        if meeting_id is None:
            self.say("请先选择一次会议，再编排它的主席台名单。", RED)
            return None
        try:
            podium = seating.podium(meeting_id)
        except ServiceError as exc:
            self.say(exc.message, RED)
            return None
        name = self.meeting.currentText().split(" ", 1)[-1]
        dialog = PodiumDialog(name, podium, seating.podium_choices(), self)
        done: list = []

        def submit() -> None:
            value = dialog.value()
            if value is not None and podium.custom and value == [s.person_id for s in podium.seats]:
                return
            if value is None and not podium.custom:
                return
            done.append((seating.set_podium_people(meeting_id, value), value))

        def accepted() -> None:
            if done:
                before, value = done[-1]
                self._pushed(SetPodium(meeting_id, before, value, name))
                self.say(f"已{'恢复' if value is None else '修改'}{name}主席台名单。可撤销（Ctrl+Z）。")

        dialog.submit = submit
        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    # ------------------------------------------------------------ papers

    def paper_options(self, kind: str) -> dict:
        meeting_id = self.meeting_id()
        if meeting_id is None:
            return {}
        try:
            return {"meeting": attendance.meeting_key(meeting_id)}
        except ServiceError:
            return {}

"""执行主席分组 tab: the groups side by side, filled and reordered by drag and drop.

Each list (one per group, and one of the members in no group) is a GroupMembersModel
(chair_group_models), which carries out a drop through the presidium service.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, presidium, presidium_checks, schedule
from meetingdesk.services.presidium import GroupRow
from meetingdesk.services.problem import ERROR, NOTICE, Problem
from meetingdesk.ui.common import views
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.views import RED
from meetingdesk.ui.presidium.chair_group_models import (
    GROUPS_WHERE,
    HOST_MARK,
    STANDING_MARK,
    GroupMembersModel,
    group_problems,
    member_list,
)
from meetingdesk.ui.presidium.members import group_name

AMBER = "#9a6700"  # a notice: worth a look, not wrong


def box_style(focused: bool = False) -> str:
    border = "2px solid #1565c0" if focused else "1px solid #bbbbbb"
    return (f"QGroupBox {{ font-weight: bold; border: {border}; border-radius: 4px;"
            " margin-top: 1.4em; padding-top: 4px; }"
            "QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }")


class GroupBox(QGroupBox):
    """One group: its plenary, its host, its members; the tab carries out what is chosen here."""

    def __init__(self, tab: ChairGroupsTab) -> None:
        super().__init__()
        self.tab = tab
        self.group_id: int | None = None
        self.model = GroupMembersModel(None, self)
        self.view = member_list(self.model)
        self.meeting = QComboBox()
        self.host = QComboBox()
        for combo in (self.meeting, self.host):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.delete_button = QPushButton("删除本组")
        self.meeting.activated.connect(lambda: tab.set_meeting(self.group_id, self.meeting.currentData()))
        self.host.activated.connect(lambda: tab.set_host(self.group_id, self.host.currentData()))
        self.delete_button.clicked.connect(lambda: tab.delete_group(self.group_id))
        form = QFormLayout()
        form.addRow("会议", self.meeting)
        form.addRow("主持人", self.host)
        foot = QHBoxLayout()
        foot.addStretch()
        foot.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addLayout(foot)
        self.setMinimumWidth(280)
        self.setMaximumWidth(420)
        self.set_focused(False)

    def show_group(self, group: GroupRow, plenaries: list[tuple[int, str]]) -> None:
        self.group_id = group.group_id
        self.setTitle(f"{group_name(group.position)}　{len(group.members)} 人")
        self.model.set_group(group.group_id, list(group.members), group.host_id)
        self.meeting.clear()
        self.meeting.addItem("（未指定）", None)
        for mid, label in plenaries:
            self.meeting.addItem(label, mid)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(group.meeting_id)))
        self.host.clear()
        self.host.addItem("（未定）", None)
        for m in group.members:
            self.host.addItem(f"{m.display}{STANDING_MARK if m.standing else ''}", m.presidium_id)
        self.host.setCurrentIndex(max(0, self.host.findData(group.host_id)))

    def set_focused(self, focused: bool) -> None:
        """The group a check-list problem pointed at is outlined in blue."""
        self.setStyleSheet(box_style(focused))


class SplitDialog(CheckedDialog):
    """自动分组: replaces every group with COUNT balanced ones; the warning is the confirmation."""

    def __init__(self, members: int, groups: int, plenaries: int, parent: QWidget | None = None) -> None:
        super().__init__("自动分组", parent)
        intro = QLabel(f"把主席团 {members} 人平均分成若干组：常务主席先轮流分到各组并担任大会主持人，"
                       "其余成员按姓名笔画依次分配；各组按日程顺序主持全体会议。")
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.count = self.add_field("count", "分组数", QSpinBox())
        self.count.setRange(1, max(1, members))
        self.count.setValue(plenaries or groups or 1)
        self.count.setSuffix(" 组")
        if groups:
            warning = QLabel(f"现有的 {groups} 个执行主席组（含大会主持人和主持的会议）将被全部替换。")
            warning.setStyleSheet(f"color: {RED}")
            warning.setWordWrap(True)
            self.form.addRow(warning)
            self.buttons.button(self.buttons.StandardButton.Ok).setText("替换并分组")
        self.submit = lambda: presidium.split_groups(self.count.value())
        self.resize(460, self.sizeHint().height())


class ChairGroupsTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writable = True  # the page follows this desk's rights; the boxes are made by refresh
        self.boxes: list[GroupBox] = []
        self.focused_group_id: int | None = None
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)
        legend = QLabel(f"{STANDING_MARK} 常务主席　{HOST_MARK} 大会主持人　"
                        "拖动姓名可在组间调整、在组内排序；拖回“未分组”即移出该组。")
        legend.setStyleSheet("color: #555555")
        self.split_button = QPushButton("自动分组…")
        self.new_button = QPushButton("新建组")
        self.split_button.clicked.connect(self.auto_split)
        self.new_button.clicked.connect(self.new_group)

        self.unassigned = GroupMembersModel(None, self)
        self.unassigned_view = member_list(self.unassigned)
        self.unassigned_box = QGroupBox()
        inner = QVBoxLayout(self.unassigned_box)
        inner.addWidget(self.unassigned_view)
        self.unassigned_box.setFixedWidth(190)
        self.unassigned_box.setStyleSheet(box_style())
        self._connect(self.unassigned)

        self.strip = QHBoxLayout()
        self.strip.setContentsMargins(0, 0, 0, 0)
        self.strip.setAlignment(Qt.AlignmentFlag.AlignLeft)
        holder = QWidget()
        holder.setLayout(self.strip)
        self.scroll = QScrollArea()
        self.scroll.setWidget(holder)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        buttons = QHBoxLayout()
        buttons.addWidget(legend, 1)
        buttons.addWidget(self.split_button)
        buttons.addWidget(self.new_button)
        body = QHBoxLayout()
        body.addWidget(self.unassigned_box)
        body.addWidget(self.scroll, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        layout.addLayout(body, 1)

    def _connect(self, model: GroupMembersModel) -> None:
        model.moved.connect(self.changed)
        model.failed.connect(lambda message: warn(self, "无法调整分组", message))

    # ------------------------------------------------------------ reading

    def refresh(self) -> None:
        groups = presidium.list_groups()
        members = presidium.list_presidium()
        plenaries = schedule.meeting_choices("全体会议")
        # Boxes are kept and reused: a drop refreshes while its own view is still handling the event.
        while len(self.boxes) < len(groups):
            box = GroupBox(self)
            self._connect(box.model)
            self.strip.insertWidget(len(self.boxes), box)
            self.boxes.append(box)
        while len(self.boxes) > len(groups):
            box = self.boxes.pop()
            box.hide()
            box.deleteLater()
        for box, group in zip(self.boxes, groups):
            box.show_group(group, plenaries)
        self.follow_rights()
        grouped = {m.presidium_id for g in groups for m in g.members}
        rest = [m for m in members if m.presidium_id not in grouped]
        self.unassigned.set_group(None, rest)
        self.unassigned_box.setTitle(f"未分组（{len(rest)} 人）")
        problems = group_problems(groups, members, plenaries)
        if not groups:
            problems.insert(0, Problem(NOTICE, presidium_checks.AREA, GROUPS_WHERE,
                                       "还没有执行主席分组。可用“自动分组…”按全体会议次数平均分组。"))
        if problems:
            self.problems.setText("<br>".join(
                f'<span style="color: {RED if p.severity == ERROR else AMBER}">● {html.escape(p.message)}</span>'
                for p in problems))
        else:
            self.problems.setText(f'<span style="color: #2e7d32">分组完整：{len(groups)} 组，每位主席团成员都在'
                                  "且只在一个组中，各组都有大会主持人和主持的全体会议。</span>")
        self._show_focus()

    def follow_rights(self) -> None:
        """A desk that may not write the groups reads them: no drag, no choosing, no deleting."""
        mode = QAbstractItemView.DragDropMode.DragDrop if self.writable else QAbstractItemView.DragDropMode.NoDragDrop
        self.unassigned_view.setDragDropMode(mode)
        for box in self.boxes:
            box.view.setDragDropMode(mode)
            box.meeting.setEnabled(self.writable)
            box.host.setEnabled(self.writable)
            box.delete_button.setVisible(self.writable)

    def box_of(self, group_id: int) -> GroupBox | None:
        return next((b for b in self.boxes if b.group_id == group_id), None)

    def show_group(self, group_id: int) -> bool:
        """Bring GROUP_ID into view and outline it (a focus target of the session check)."""
        self.focused_group_id = group_id
        box = self._show_focus()
        if box is None:
            return False
        # Once the strip has its new width (a box added by this refresh has no place yet).
        QTimer.singleShot(0, box, lambda: self.scroll.ensureWidgetVisible(box))
        box.view.setFocus()
        return True

    def _show_focus(self) -> GroupBox | None:
        for b in self.boxes:
            b.set_focused(b.group_id == self.focused_group_id)
        return self.box_of(self.focused_group_id) if self.focused_group_id is not None else None

    # ------------------------------------------------------------ editing

    def _call(self, title: str, fn, *args) -> None:
        try:
            fn(*args)
        except ServiceError as exc:
            warn(self, title, exc.message)
            self.refresh()  # the combos go back to what is stored
            return
        self.changed.emit()

    def set_meeting(self, group_id: int | None, meeting_id: int | None) -> None:
        if group_id is not None:
            self._call("无法指定会议", presidium.set_group_meeting, group_id, meeting_id)

    def set_host(self, group_id: int | None, presidium_id: int | None) -> None:
        if group_id is not None:
            self._call("无法指定大会主持人", presidium.set_host, group_id, presidium_id)

    def auto_split(self) -> SplitDialog:
        dialog = SplitDialog(len(presidium.list_presidium()), len(self.boxes),
                             len(schedule.meeting_choices("全体会议")), self)
        dialog.accepted.connect(self.changed)
        dialog.open()
        return dialog

    def new_group(self) -> None:
        """A new empty group, given the first plenary that has no group yet."""
        taken = {g.meeting_id for g in presidium.list_groups()}
        free = next((mid for mid, _ in schedule.meeting_choices("全体会议") if mid not in taken), None)
        self._call("无法新建组", presidium.add_group, free)

    def delete_group(self, group_id: int | None) -> None:
        box = self.box_of(group_id) if group_id is not None else None
        if box is None:
            return
        size = box.model.rowCount()
        if size and not views.confirm(self, "删除执行主席组",
                                      f"删除{box.title()}？组内 {size} 人将回到“未分组”。", "删除"):
            return
        self._call("无法删除组", presidium.remove_group, group_id)

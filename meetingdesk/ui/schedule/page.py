"""议程日程 page: the agenda (一、二、…) and the schedule (days → meetings → their items).

Everything shown is re-read from the services after each write, because the services
number the plenaries and presidium meetings by date: adding one renumbers the others.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, presidium, schedule, session
from meetingdesk.services.presidium import GroupRow
from meetingdesk.services.schedule import MeetingRow
from meetingdesk.ui.common import page
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.page_heading import PageHeading
from meetingdesk.ui.common.views import select_row
from meetingdesk.ui.schedule import meeting_dialog
from meetingdesk.ui.schedule.meeting_dialog import MeetingDialog
from meetingdesk.ui.schedule.models import AgendaModel, MeetingItemsModel, ScheduleModel, host_text, time_text
from meetingdesk.ui.schedule.widgets import AdoptionBar, ItemOps, ItemsPanel, PaddedDelegate

PAPERS = (("agenda", "议程"), ("schedule", "日程"))
AGENDA_OPS = ItemOps("议程", schedule.add_agenda_item, schedule.update_agenda_item,
                     schedule.remove_agenda_item, schedule.move_agenda_item,
                     "如：听取和审查东西湖区人民政府工作报告。")


def group_label(group: GroupRow) -> str:
    """第1组（15人，主持人徐贻功）"""
    host = f"主持人{group.host.name}" if group.host else "主持人未定"
    return f"第{group.position + 1}组（{len(group.members)}人，{host}）"


def _meeting_ops(meeting_id: int) -> ItemOps:
    return ItemOps("会议事项", lambda text: schedule.add_item(meeting_id, text), schedule.update_item,
                   schedule.remove_item, schedule.move_item, "如：听取东西湖区人民政府工作报告")


class SchedulePage(page.Page):
    TITLE = "议程日程"
    SHOWS = frozenset({page.SCHEDULE, page.PRESIDIUM, page.ROSTER, page.SESSION})
    CHANGES = frozenset({page.SCHEDULE})
    TARGETS = ("meeting", "agenda", "schedule")  # the Problem targets focus() shows

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wanted_meeting: int | None = None

        self.heading = PageHeading("议程和日程", PAPERS, self)
        self.print_button, self.print_menu = self.heading.print_button, self.heading.print_menu

        self.tabs = QTabWidget()
        self.agenda_tab = self._build_agenda()
        self.schedule_tab = self._build_schedule()
        self.tabs.addTab(self.agenda_tab, "议程")
        self.tabs.addTab(self.schedule_tab, "日程")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self._show_meeting()

    # ------------------------------------------------------------ building

    def _build_agenda(self) -> QWidget:
        self.agenda_adoption = AdoptionBar("agenda")
        self.agenda = AgendaModel(self)
        self.agenda_panel = ItemsPanel(self.agenda)
        for part in (self.agenda_adoption, self.agenda_panel):
            part.written.connect(self._written)
        self.agenda_panel.stale.connect(self.refresh)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.agenda_adoption)
        layout.addWidget(QLabel("大会议程（双击修改）"))
        layout.addWidget(self.agenda_panel, 1)
        return tab

    def _build_schedule(self) -> QWidget:
        self.schedule_adoption = AdoptionBar("schedule")
        self.schedule_adoption.written.connect(self._written)

        self.meetings = ScheduleModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.meetings)
        self.tree.setItemDelegate(PaddedDelegate(self.tree))
        self.tree.setIndentation(14)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemsExpandable(False)  # days always show their meetings
        self.tree.setRootIsDecorated(False)
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ScheduleModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.doubleClicked.connect(lambda index: self.meetings.row_at(index) and self.edit_meeting())
        self.tree.selectionModel().currentRowChanged.connect(self._show_meeting)

        self.new_button = QPushButton("新建会议…")
        self.edit_button = QPushButton("修改会议…")
        self.remove_button = QPushButton("删除会议")
        self.new_button.clicked.connect(self.new_meeting)
        self.edit_button.clicked.connect(self.edit_meeting)
        self.remove_button.clicked.connect(self.remove_meeting)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("会议（灰色的不印入日程；双击修改）"))
        left_layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch()
        left_layout.addLayout(buttons)

        self.meeting_heading = QLabel()
        self.meeting_heading.setStyleSheet("font-size: 15pt; font-weight: bold")
        self.meeting_info = QLabel()
        self.meeting_info.setWordWrap(True)
        self.group_combo = QComboBox()
        self.group_combo.setMinimumContentsLength(24)
        self.group_combo.activated.connect(lambda i: self.link_group(self.group_combo.itemData(i)))
        self.group_hint = QLabel("大会主持人和组员在主席团页的执行主席分组中确定。")
        self.group_hint.setStyleSheet("color: #555555")
        self.group_hint.setWordWrap(True)
        self.group_row = QWidget()
        group_layout = QVBoxLayout(self.group_row)
        group_layout.setContentsMargins(0, 0, 0, 0)
        combo_row = QHBoxLayout()
        combo_row.addWidget(QLabel("执行主席组"))
        combo_row.addWidget(self.group_combo, 1)
        group_layout.addLayout(combo_row)
        group_layout.addWidget(self.group_hint)
        self.items_caption = QLabel("会议事项（双击修改）")
        self.items = MeetingItemsModel(self)
        self.items_panel = ItemsPanel(self.items)
        self.items_panel.written.connect(self._written)
        self.items_panel.stale.connect(self.refresh)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.meeting_heading)
        right_layout.addWidget(self.meeting_info)
        right_layout.addWidget(self.group_row)
        right_layout.addWidget(self.items_caption)
        right_layout.addWidget(self.items_panel, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 480])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.schedule_adoption)
        layout.addWidget(splitter, 1)
        return tab

    # ------------------------------------------------------------ reading

    def edit_controls(self) -> list:
        panels = (self.agenda_panel, self.items_panel)
        bars = (self.agenda_adoption, self.schedule_adoption)
        return [self.new_button, self.edit_button, self.remove_button,
                *(b for panel in panels for b in panel.edit_controls()),
                *(page.Edit(c, lock=True) for c in (self.group_combo, *(w for bar in bars for w in (bar.meeting, bar.verb))))]

    def set_rights(self, may_write) -> None:
        super().set_rights(may_write)
        for panel in (self.agenda_panel, self.items_panel):
            panel.set_writable(self.writable)

    def refresh(self) -> None:
        """Re-read the agenda, the meetings and the adoptions; keep what was selected."""
        if not session.is_open():
            return
        chosen = self._wanted_meeting or self.current_meeting_id()
        self._wanted_meeting = None
        self.agenda_panel.set_rows(schedule.list_agenda(), AGENDA_OPS)
        self.meetings.set_rows(schedule.list_meetings())
        for day in range(self.meetings.rowCount()):
            self.tree.setFirstColumnSpanned(day, QModelIndex(), True)
        self.tree.expandAll()
        for bar in (self.agenda_adoption, self.schedule_adoption):
            bar.refresh()
        if chosen is not None and self.meetings.index_of(chosen).isValid():
            self.select_meeting(chosen)
        else:
            self._show_meeting()

    def focus(self, target: tuple[str, object]) -> None:
        """Show a problem's target: ("meeting", meeting_id) or ("agenda", None)."""
        kind, value = target
        if kind == "agenda":
            self.tabs.setCurrentWidget(self.agenda_tab)
        elif kind == "meeting":
            self.tabs.setCurrentWidget(self.schedule_tab)
            if isinstance(value, int):
                self.select_meeting(value)
        elif kind == "schedule":
            self.tabs.setCurrentWidget(self.schedule_tab)

    def select_meeting(self, meeting_id: int) -> None:
        index = self.meetings.index_of(meeting_id)
        if not index.isValid():
            return
        same = self.tree.currentIndex() == index
        select_row(self.tree, index)
        self.tree.scrollTo(index)
        if same:  # no currentRowChanged: show it anyway, it may have been re-read
            self._show_meeting()

    def current_meeting(self) -> MeetingRow | None:
        return self.meetings.row_at(self.tree.currentIndex())

    def current_meeting_id(self) -> int | None:
        row = self.current_meeting()
        return row.meeting_id if row else None

    def _show_meeting(self, *_) -> None:
        row = self.current_meeting()
        self.edit_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.group_row.setVisible(row is not None and row.kind == "全体会议")
        self.items_caption.setVisible(row is not None)
        self.items_panel.setVisible(row is not None)
        if row is None:
            self.meeting_heading.setText("")
            self.meeting_info.setText("请在左边选择一个会议，查看和编排它的会议事项。")
            self.items_panel.set_rows([], None)
            return
        self.meeting_heading.setText(row.name)
        lines = [f"{row.day_heading}　{time_text(row) or '时间未定'}",
                 f"地点：{row.place or '（未定）'}",
                 f"主持人：{host_text(row) or '（未定）'}"]
        if not row.printed:
            lines.append("不印入日程")
        self.meeting_info.setText("\n".join(lines))
        if row.kind == "全体会议":
            self._fill_groups(row)
        self.items_panel.set_rows(list(row.items), _meeting_ops(row.meeting_id))

    def _fill_groups(self, row: MeetingRow) -> None:
        groups = presidium.list_groups()
        labels = {m.meeting_id: m.label for m in self.meetings.rows()}
        self.group_combo.clear()
        self.group_combo.setEnabled(bool(groups))
        if not groups:
            self.group_combo.addItem("（尚未分组：请在主席团页划分执行主席组）", None)
            return
        self.group_combo.addItem("（未分配执行主席组）", None)
        for group in groups:
            text = group_label(group)
            if group.meeting_id not in (None, row.meeting_id):
                # Choosing it moves the group here; say where it is now.
                text += f"　现属{labels.get(group.meeting_id, '其他会议')}"
            self.group_combo.addItem(text, group.group_id)
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(row.chair_group_id)))

    # ------------------------------------------------------------ writing

    def _written(self) -> None:
        self.refresh()
        self.changed.emit()

    def _default_date(self) -> dt.date:
        day = self.meetings.day_of(self.tree.currentIndex())
        return day or session.session_info().start_date or dt.date.today()

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def new_meeting(self) -> MeetingDialog:
        dialog = MeetingDialog(presidium.person_choices(), date=self._default_date(), parent=self)

        def submit() -> None:
            self._wanted_meeting = schedule.add_meeting(dialog.value(), attendance_item=dialog.attendance_item())

        dialog.submit = submit
        dialog.accepted.connect(self._written)
        dialog.open()
        return dialog

    def edit_meeting(self) -> MeetingDialog | None:
        row = self.current_meeting()
        if row is None or not self.writable:  # a double-click too
            return None
        dialog = MeetingDialog(presidium.person_choices(), row=row, parent=self)
        dialog.submit = lambda: schedule.update_meeting(row.meeting_id, dialog.value(), seen=row)
        dialog.accepted.connect(self._written)
        dialog.open()
        return dialog

    def remove_meeting(self) -> None:
        row = self.current_meeting()
        if row is None:
            return
        text = f"删除“{row.label}”？"
        if row.items:
            text += f"\n它的 {len(row.items)} 项会议事项将一并删除。"
        if row.chair_group_id is not None:
            text += "\n它的执行主席组将不再与任何会议关联（组员不变）。"
        adopted = [title for paper, (title, _) in schedule.ADOPTED_PAPERS.items()
                   if schedule.adoption(paper).meeting_id == row.meeting_id]
        if adopted:
            text += f"\n以下文件将不再注明通过会议：{'、'.join(adopted)}。"
        if not meeting_dialog.confirm(self, "删除会议", text):
            return
        try:
            schedule.remove_meeting(row.meeting_id)
        except ServiceError as exc:
            warn(self, "无法删除会议", exc.message)
            self.refresh()
            return
        self._written()

    def link_group(self, group_id: int | None) -> None:
        """Make GROUP_ID the executive-chair group of the chosen plenary (None: no group)."""
        row = self.current_meeting()
        if row is None or row.kind != "全体会议" or group_id == row.chair_group_id:
            return
        try:
            if group_id is None:
                presidium.set_group_meeting(row.chair_group_id, None)
            else:
                presidium.set_group_meeting(group_id, row.meeting_id)
        except ServiceError as exc:
            warn(self, "无法指定执行主席组", exc.message)
            self.refresh()
            return
        self._written()

    # ------------------------------------------------------------ papers

    def print_paper(self, kind: str) -> QWidget | None:
        return self.heading.print_paper(kind)


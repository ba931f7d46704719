"""代表团 page: the delegations with their counts, and the people of the chosen one."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

import shiboken6
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk import printing
from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, presidium, roster
from meetingdesk.services.roster import MemberRow
from meetingdesk.store import ROLES
from meetingdesk.store.models import MANDATE_BODIES
from meetingdesk.ui.common import page, views
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.models import SORT_ROLE
from meetingdesk.ui.common.print_preview import show_print_preview
from meetingdesk.ui.common.views import current_row, select_row, table_view
from meetingdesk.ui.roster import commands
from meetingdesk.ui.roster.dialogs import DelegationDialog, EndDialog, MemberDialog, NewDelegationDialog
from meetingdesk.ui.roster.import_dialog import ImportDialog, export_roster
from meetingdesk.ui.roster.models import DelegationsModel, MembersModel, mandate_detail

# The papers of this page; the presidium and schedule pages offer their own.
ROSTER_PAPERS = ("roster", "signin", "people")


TEAM_CAPTION = "代表团（双击修改团长、副团长和讨论地点）"

class RosterPage(page.Page):
    TITLE = "代表团"
    SHOWS = frozenset({page.ROSTER, page.SESSION})
    CHANGES = frozenset({page.ROSTER})

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack

        self.delegations = DelegationsModel(self)
        self.delegation_sort = QSortFilterProxyModel(self)
        self.delegation_sort.setSourceModel(self.delegations)
        self.delegation_sort.setSortRole(SORT_ROLE)
        self.delegation_view = table_view(self.delegation_sort)
        self.delegation_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.delegation_view.doubleClicked.connect(self.edit_delegation)

        self.members = MembersModel(self)
        self.proxy = self.members  # the model filters and sorts itself (thousands of rows)
        self.member_view = table_view(self.members)
        self.member_view.setObjectName("member_view")
        # no column wider than 8 characters: a long delegation (中国人民解放军和中国人民武装警察部队
        # 代表团) or work title is elided, whole on hover, and every column stays on a 1,366-pixel screen
        em = self.member_view.fontMetrics().horizontalAdvance("中")
        self.member_view.horizontalHeader().setMaximumSectionSize(8 * em + 12)
        # As the papers print them: 代表, 列席, 工作人员, each in stroke order.
        self.member_view.sortByColumn(MembersModel.ROLE, Qt.SortOrder.AscendingOrder)
        self.member_view.doubleClicked.connect(self.edit_member)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("按姓名筛选（输入姓名中的字）")
        self.filter.setClearButtonEnabled(True)
        self.filter.setObjectName("roster_filter")
        self.filter.textChanged.connect(self.members.set_filter)
        self.role_filter = QComboBox()
        self.role_filter.addItem("全部身份", None)
        for role in ROLES:
            self.role_filter.addItem(role, role)
        self.role_filter.currentIndexChanged.connect(
            lambda: self.members.set_role(self.role_filter.currentData()))
        self.show_ended = QCheckBox("显示已终止资格的人员")
        self.show_ended.toggled.connect(self.refresh_members)

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold")
        self.leaders = QLabel()
        self.leaders.setWordWrap(True)
        # the chosen person's mandate in full: how it started, how it ended, what ended with it
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # what the last ending or reinstating did, while it is the last step on the undo stack
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #1b5e20")
        self.notice.hide()
        self._notice_command = None

        self.add_button = QPushButton("添加人员…")
        self.edit_button = QPushButton("修改…")
        self.move_button = QComboBox()
        self.end_button = QPushButton("终止资格…")
        self.reinstate_button = QPushButton("恢复资格")
        self.team_button = QPushButton("代表团设置…")
        self.new_team_button = QPushButton("新建代表团…")
        self.import_button = QPushButton("导入…")
        self.export_button = QPushButton("导出…")
        self.print_button = QToolButton()
        self.print_button.setText("打印")
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        for kind, title in printing.kinds():
            if kind in ROSTER_PAPERS:
                print_menu.addAction(title, lambda k=kind: self.print_paper(k))
        self.print_button.setMenu(print_menu)
        self.import_button.clicked.connect(self.import_roster)
        self.export_button.clicked.connect(lambda: export_roster(self))
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_member)
        self.end_button.clicked.connect(self.end_member)
        self.reinstate_button.clicked.connect(self.reinstate_member)
        self.team_button.clicked.connect(self.edit_delegation)
        self.new_team_button.clicked.connect(self.new_delegation)
        self.move_button.activated.connect(self._move_chosen)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.delegations_caption = QLabel(TEAM_CAPTION)
        left_layout.addWidget(self.delegations_caption)
        left_layout.addWidget(self.delegation_view)
        buttons_left = QHBoxLayout()
        buttons_left.addWidget(self.team_button)
        buttons_left.addWidget(self.new_team_button)
        buttons_left.addStretch()
        buttons_left.addWidget(self.import_button)
        buttons_left.addWidget(self.export_button)
        buttons_left.addWidget(self.print_button)
        left_layout.addLayout(buttons_left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.leaders)
        tools = QHBoxLayout()
        tools.addWidget(self.filter, 2)
        tools.addWidget(self.role_filter)
        tools.addWidget(self.show_ended)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.member_view)
        right_layout.addWidget(self.detail)
        actions = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.move_button, self.end_button,
                  self.reinstate_button):
            actions.addWidget(w)
        actions.addStretch()
        right_layout.addLayout(actions)
        right_layout.addWidget(self.notice)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([520, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.delegation_view.selectionModel().currentRowChanged.connect(self.refresh_members)
        self.member_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.undo_stack.indexChanged.connect(self._show_notice)

    def edit_controls(self) -> list:
        return [self.add_button, self.edit_button, self.move_button, self.end_button, self.reinstate_button,
                self.team_button, self.new_team_button, self.import_button]

    # ------------------------------------------------------------ reading

    def refresh(self) -> None:
        # a desk that may not edit the roster is not told to double-click for an edit
        self.delegations_caption.setText(TEAM_CAPTION if self.writable else "代表团")
        chosen = self.current_delegation_id()
        rows = roster.list_delegations()
        self.delegations.set_rows(rows)
        self.members.set_delegation_order({r.delegation_id: r.position for r in rows})
        self.move_button.clear()
        self.move_button.addItem("调整到代表团…", None)
        for r in rows:
            self.move_button.addItem(r.name, r.delegation_id)
        self.select_delegation(chosen)

    def select_delegation(self, delegation_id: int | None) -> None:
        before = self.delegation_view.currentIndex()
        for proxy_row in range(self.delegation_sort.rowCount()):
            source = self.delegation_sort.mapToSource(self.delegation_sort.index(proxy_row, 0))
            row = self.delegations.row_at(source.row())
            if (row.delegation_id if row else None) == delegation_id:
                select_row(self.delegation_view, self.delegation_sort.index(proxy_row, 0))
                break
        if self.delegation_view.currentIndex() == before:
            self.refresh_members()  # the current row did not move: nothing refreshed the members yet

    def current_delegation(self):
        return current_row(self.delegation_view)

    def current_delegation_id(self) -> int | None:
        row = self.current_delegation()
        return row.delegation_id if row else None

    def members_changed(self, member_ids: tuple[int, ...]) -> None:
        """An edit (or its undo) changed only these members: their rows and the delegations'
        counts are read again, not the whole roster (5,000 people: 10 ms instead of 100)."""
        if not self.isVisible() or self.stale:
            self.mark_stale()
            return
        current = self.current_member()
        found: dict[int, MemberRow | None] = {}
        for member_id in member_ids:
            try:
                found[member_id] = roster.get_member(member_id)
            except ServiceError:
                found[member_id] = None  # undone: the member is gone
        shown = {r.member_id: r for r in self.members.all_rows() if r.member_id in found}
        if not all(_same_for_delegations(shown.get(m), row) for m, row in found.items()):
            self._delegations_changed()
        team = self.current_delegation()
        for member_id, row in found.items():
            if row is not None and ((team is not None and row.delegation_id != team.delegation_id)
                                    or (not row.serving and not self.show_ended.isChecked())):
                row = None  # not in the list shown
            self.members.put_row("member_id", member_id, row)
        self._show_heading(team, self.members.all_rows())
        if current is not None:
            self._select(current.member_id)
        self._update_buttons()
        self._show_notice()

    def _delegations_changed(self) -> None:
        """The delegations' table read again (its counts, its 团长), the one chosen kept."""
        chosen = self.current_delegation_id()
        rows = roster.list_delegations()
        selection = self.delegation_view.selectionModel()
        selection.blockSignals(True)  # the members are updated by the caller, not re-read
        try:
            self.delegations.set_rows(rows)
            self.members.set_delegation_order({r.delegation_id: r.position for r in rows})
            for proxy_row in range(self.delegation_sort.rowCount()):
                index = self.delegation_sort.index(proxy_row, 0)
                row = self.delegations.row_at(self.delegation_sort.mapToSource(index).row())
                if (row.delegation_id if row else None) == chosen:
                    select_row(self.delegation_view, index)
                    break
        finally:
            selection.blockSignals(False)
        self.delegation_view.viewport().update()

    def refresh_members(self) -> None:
        current = self.current_member()
        team = self.current_delegation()
        rows = roster.list_members(team.delegation_id if team else None,
                                   include_ended=self.show_ended.isChecked())
        self.members.set_rows(rows)
        self._show_heading(team, rows)
        if current is not None:
            self._select(current.member_id)
        self._update_buttons()
        self._show_notice()

    def _show_heading(self, team, rows: list[MemberRow]) -> None:
        self.member_view.setColumnHidden(MembersModel.DELEGATION, team is not None)
        ended = [r for r in rows if not r.serving]
        ended_text = ""
        if ended:
            unplaced = sum(1 for r in ended if r.delegation_id is None)
            ended_text = f"　已终止资格 {len(ended)} 人" + (f"（其中未编团 {unplaced} 人）" if unplaced else "")
        if team is None:
            self.heading.setText("全部代表团")
            serving = Counter(r.role for r in rows if r.serving)  # one pass over 5,000 rows, not one per role
            counts = {role: serving[role] for role in ROLES}
            self.leaders.setText("、".join(f"{role} {n} 人" for role, n in counts.items()) + ended_text)
        else:
            self.heading.setText(team.name)
            head = team.head.display if team.head else "（未定）"
            deputies = "、".join(d.display for d in team.deputies) or "（未定）"
            self.leaders.setText(f"（{team.counts_text}）　团长：{head}　副团长：{deputies}　"
                                 f"讨论地点：{team.room or '（未定）'}{ended_text}")

    def select_member(self, member_id: int) -> bool:
        """Select a member in the list; one whose mandate ended is shown by ticking
        显示已终止资格的人员 (a check-list problem about an ended mandate points at him)."""
        if self._select(member_id):
            return True
        if not self.show_ended.isChecked():
            try:
                serving = roster.get_member(member_id).serving
            except ServiceError:
                return False
            if not serving:
                self.show_ended.setChecked(True)  # re-reads the list
                return self._select(member_id)
        return False

    def _select(self, member_id: int) -> bool:
        source = self.members.index_of_member(member_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # filtered out by the name or role typed
            return False
        select_row(self.member_view, index)
        self.member_view.scrollTo(index)
        return True

    def current_member(self) -> MemberRow | None:
        return current_row(self.member_view)

    def _update_buttons(self) -> None:
        row = self.current_member()
        for w in (self.edit_button, self.move_button):
            w.setEnabled(row is not None)
        self.end_button.setEnabled(row is not None and row.serving)
        self.reinstate_button.setEnabled(row is not None and not row.serving)
        self.team_button.setEnabled(self.current_delegation() is not None)
        self._show_detail(row)

    def _show_detail(self, row: MemberRow | None) -> None:
        ended = roster.ended_with(row.member_id) if row is not None and not row.serving else []
        text = mandate_detail(row, ended) if row is not None else ""
        self.detail.setText(text)
        self.detail.setVisible(bool(text))

    def _show_notice(self) -> None:
        """What the last 终止资格 or 恢复资格 of this page did, while it is the step 撤销 would
        take back (undone, the line goes; redone, it comes back)."""
        command = self._notice_command
        if command is None or not shiboken6.isValid(self.undo_stack):  # the window closing
            self.notice.hide()
            return
        last = self.undo_stack.command(self.undo_stack.index() - 1) if self.undo_stack.index() > 0 else None
        if command is None or last is not command:
            self.notice.hide()
            return
        if isinstance(command, commands.EndMember):
            text = f"已终止 {command.name} 的资格（{command.ended_on:%Y-%m-%d}，{command.reason}）。"
            if command.offices:
                text += command.offices_text + "。"
        else:
            text = f"已恢复 {command.name} 的资格。"
            if command.offices:
                text += f"同时恢复：{'、'.join(command.offices)}。"
        self.notice.setText(text)
        self.notice.show()

    # ------------------------------------------------------------ editing

    def _push(self, command) -> None:
        self.undo_stack.push(command)

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def add_member(self) -> MemberDialog | None:
        if not self.writable:
            return None
        dialog = MemberDialog(roster.delegation_choices(), delegation_id=self.current_delegation_id(),
                              parent=self)
        added: list[int] = []

        def submit() -> None:
            data = dialog.value()
            added.append(roster.add_member(data))
            self._push(commands.AddMember(added[-1], data))

        dialog.submit = submit
        dialog.accepted.connect(lambda: added and self.select_member(added[-1]))
        dialog.open()
        return dialog

    def edit_member(self) -> MemberDialog | None:
        row = self.current_member()
        if row is None or not self.writable:
            return None
        dialog = MemberDialog(roster.delegation_choices(), row=row, parent=self)
        before = roster.MemberInput.of(row)

        def submit() -> None:
            after = dialog.value()
            roster.update_member(row.member_id, after, seen=before)
            self._push(commands.EditMember(row.member_id, before, after))

        dialog.submit = submit
        dialog.open()
        return dialog

    def _move_chosen(self, index: int) -> None:
        target = self.move_button.itemData(index)
        self.move_button.setCurrentIndex(0)
        row = self.current_member()
        if target is None or row is None or not self.writable or target == row.delegation_id:
            return
        self.move_member(row, target)

    def move_member(self, row: MemberRow, delegation_id: int) -> None:
        before = roster.MemberInput.of(row)
        after = replace(before, delegation_id=delegation_id)
        try:
            roster.update_member(row.member_id, after, seen=before)
        except ServiceError as exc:
            warn(self, "无法调整代表团", exc.message)
            return
        self._push(commands.EditMember(row.member_id, before, after, f"把 {row.name} 调到其他代表团"))

    def end_member(self) -> EndDialog | None:
        row = self.current_member()
        if row is None or not row.serving or not self.writable:
            return None
        ending = []
        if row.role == Role.DELEGATE:  # the offices only a delegate may hold end with the mandate
            ending = [f"{o.body}{o.title}" for o in presidium.list_offices()
                      if o.person_id == row.person_id and o.body in MANDATE_BODIES]
        dialog = EndDialog(row, ending, self)

        def submit() -> None:
            ended_on, reason, decision = dialog.value()
            offices = roster.end_member(row.member_id, ended_on, reason, decision)
            command = commands.EndMember(row.member_id, row.name, ended_on, reason.strip(),
                                         decision.strip(), offices)
            self._notice_command = command
            self._push(command)
            self._show_notice()

        dialog.submit = submit
        dialog.open()
        return dialog

    def reinstate_member(self) -> None:
        row = self.current_member()
        if row is None or row.serving or not self.writable:
            return
        if row.ended_on is None and not views.confirm(
                self, "恢复资格",
                f"{row.name} 的资格终止没有日期（在本次会议以前终止）。恢复后，撤销将无法照原样再次终止，"
                "须用“终止资格…”重新填写。确定恢复其资格吗？", "恢复资格"):
            return
        offices = roster.ended_with(row.member_id)
        roster.reinstate_member(row.member_id)
        command = commands.ReinstateMember(row.member_id, row.name, row.ended_on, row.end_reason,
                                           row.end_decision, offices)
        self._notice_command = command
        self._push(command)
        self._show_notice()

    def edit_delegation(self) -> DelegationDialog | None:
        team = self.current_delegation()
        if team is None or not self.writable:
            return None
        delegates = roster.list_members(team.delegation_id, role=Role.DELEGATE)
        dialog = DelegationDialog(team, delegates, self)
        before = {"name": team.name, "room": team.room,
                  "head_id": team.head.member_id if team.head else None,
                  "deputy_ids": [d.member_id for d in team.deputies]}

        def submit() -> None:
            after = dialog.value()
            roster.update_delegation(team.delegation_id, **after, seen=before)
            self._push(commands.EditDelegation(team.delegation_id, before, after))

        dialog.submit = submit
        dialog.open()
        return dialog

    def new_delegation(self) -> NewDelegationDialog | None:
        if not self.writable:
            return None
        dialog = NewDelegationDialog(self)

        def submit() -> None:
            name, room = dialog.name.text(), dialog.room.text()
            did = roster.add_delegation(name, room)
            self._push(commands.AddDelegation(did, name.strip(), room.strip()))

        dialog.submit = submit
        dialog.open()
        return dialog

    # ------------------------------------------------------------ papers and files

    def print_paper(self, kind: str):
        """The paper of the chosen delegation (or all) in the in-program preview."""
        return show_print_preview(self, kind, delegation_id=self.current_delegation_id(),
                                  role=self.role_filter.currentData())

    def import_roster(self) -> ImportDialog | None:
        if not self.writable:
            return None
        dialog = ImportDialog(self)
        # An import is not undoable; the edits before it can no longer be undone safely.
        dialog.imported.connect(self.undo_stack.clear)
        dialog.imported.connect(self.changed)
        dialog.open()
        return dialog


def _same_for_delegations(before: MemberRow | None, after: MemberRow | None) -> bool:
    """Whether an edit from BEFORE to AFTER leaves the delegations' table as it was: the same
    delegation, role and standing (its counts), the same name as its 团长 would show. A member not
    in the list shown (BEFORE None) may have been anywhere: the table is read again."""
    if before is None or after is None:
        return False
    fields = ("delegation_id", "role", "status", "name", "gender", "note", "leader_title")
    return all(getattr(before, f) == getattr(after, f) for f in fields)

"""选举 page: the session's elections and the nomination of their candidates.

Ballots and counting come later; this page ends where the presidium fixes the candidate list.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, elections, motions, preliminary, session
from meetingdesk.services.elections import ElectionRow, NominationRow
from meetingdesk.ui.common import page, views
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.page_heading import PageHeading
from meetingdesk.ui.common.views import RED, current_row, select_row, sort_proxy, table_view
from meetingdesk.ui.elections.dialogs import (
    ElectionDialog,
    FixListDialog,
    NominationDialog,
    WithdrawNominationDialog,
    WithdrawNomineeDialog,
)
from meetingdesk.ui.elections.models import (
    CandidatesModel,
    ElectionsModel,
    NominationsModel,
    chinese_date,
    status_text,
)
from meetingdesk.ui.elections.preliminary_dialog import PreliminaryDialog
from meetingdesk.ui.elections.signing import GroupWordingDialog
from meetingdesk.ui.motions.deadlines import DeadlineBanner
from meetingdesk.ui.motions.dialogs import value_of
from meetingdesk.ui.schedule.widgets import PaddedDelegate

# The papers of this page; a paper not yet in printing.PAPERS shows disabled.
PAPERS = (("candidates", "正式候选人名单"), ("ballots", "选票"), ("votes", "表决票"), ("preballots", "预选选票"),
          ("preliminary_report", "预选计票结果报告"))


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold")
    return label


class RowHeights(QObject):
    """Keeps a table's rows as tall as their wrapped text: re-measured once the table and its
    columns have settled (after a resize, a column change or new rows), not in between."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(view.resizeRowsToContents)
        view.installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(self.later)

    def later(self, *_) -> None:
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.later()
        return False


class ElectionsPage(page.Page):
    """`refresh()` re-reads everything; `changed` follows every write; `now` is the clock."""
    TITLE = "选举"
    SHOWS = frozenset({page.ELECTIONS, page.ROSTER, page.PRESIDIUM, page.MOTIONS, page.SCHEDULE, page.COUNTING})
    CHANGES = frozenset({page.ELECTIONS})

    TARGETS = ("election",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        self._wanted: int | None = None

        self.heading = PageHeading("选举：选举事项和候选人提名", PAPERS, self)
        self.print_button, self.print_menu = self.heading.print_button, self.heading.print_menu
        self.banner = DeadlineBanner("提名", lambda: self.now())
        self.banner.changed.connect(self._written)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_elections())
        splitter.addWidget(self._build_nominations())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self._show_election()

    # ------------------------------------------------------------ building

    def _build_elections(self) -> QWidget:
        self.elections = ElectionsModel(self)
        self.election_sort = sort_proxy(self.elections, self)
        self.election_view = table_view(self.election_sort)
        self.election_view.setWordWrap(False)  # one line a row; the tooltip has the whole text
        self.election_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.election_view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (ElectionsModel.OFFICE, ElectionsModel.RULE, ElectionsModel.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.election_view.doubleClicked.connect(self.edit_election)
        self.election_view.selectionModel().currentRowChanged.connect(self._show_election)

        self.new_button = QPushButton("新建…")
        self.edit_button = QPushButton("修改…")
        self.remove_button = QPushButton("删除")
        self.new_button.clicked.connect(self.new_election)
        self.edit_button.clicked.connect(self.edit_election)
        self.remove_button.clicked.connect(self.remove_election)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch()
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_caption("选举事项（双击修改）"))
        layout.addWidget(self.election_view, 1)
        layout.addLayout(buttons)
        return part

    def _build_nominations(self) -> QWidget:
        self.election_heading = QLabel()
        self.election_heading.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.election_status = QLabel()
        self.election_status.setWordWrap(True)

        self.nominations = NominationsModel(self)
        self.nomination_view = table_view(self.nominations, sortable=False)
        self.nomination_view.setWordWrap(True)  # a presidium's paper names many people
        self.nomination_view.setItemDelegate(PaddedDelegate(self.nomination_view))
        self._row_heights = RowHeights(self.nomination_view)
        header = self.nomination_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NominationsModel.NOMINEES, QHeaderView.ResizeMode.Stretch)
        self.nomination_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.nominate_button = QPushButton("提名…")
        self.withdraw_nominee_button = QPushButton("撤回被提名人…")
        self.withdraw_nomination_button = QPushButton("撤回整份提名…")
        self.nominate_button.clicked.connect(self.nominate)
        self.withdraw_nominee_button.clicked.connect(self.withdraw_nominee)
        self.withdraw_nomination_button.clicked.connect(self.withdraw_nomination)
        left_buttons = QHBoxLayout()
        for b in (self.nominate_button, self.withdraw_nominee_button, self.withdraw_nomination_button):
            left_buttons.addWidget(b)
        left_buttons.addStretch()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_caption("提名"))
        left_layout.addWidget(self.nomination_view, 1)
        left_layout.addLayout(left_buttons)

        self.candidates = CandidatesModel(self)
        self.candidate_view = table_view(self.candidates, sortable=False)
        self.candidate_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.candidate_count = _caption("候选人")
        self.fix_button = QPushButton("确定候选人名单…")
        self.fix_button.clicked.connect(self.fix_or_reopen)
        self.preliminary_button = QPushButton("预选计票…")
        self.preliminary_button.setToolTip("被提名人多于办法规定的候选人数时，先以代表团为单位预选，按得票多少确定正式候选人")
        self.preliminary_button.clicked.connect(self.count_preliminary)
        self.wording_button = QPushButton("名单措辞…")
        self.wording_button.setToolTip("正式候选人名单中每组候选人的说法，如“区级政党、人民团体提名”")
        self.wording_button.clicked.connect(self.word_groups)
        right_buttons = QHBoxLayout()
        right_buttons.addWidget(self.fix_button)
        right_buttons.addWidget(self.preliminary_button)
        right_buttons.addWidget(self.wording_button)
        right_buttons.addStretch()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.candidate_count)
        right_layout.addWidget(self.candidate_view, 1)
        right_layout.addLayout(right_buttons)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([860, 400])
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.election_heading)
        layout.addWidget(self.election_status)
        layout.addWidget(splitter, 1)
        return part

    # ------------------------------------------------------------ reading

    def edit_controls(self) -> list:
        return [self.banner.button, self.new_button, self.edit_button, self.remove_button, self.nominate_button,
                self.withdraw_nominee_button, self.withdraw_nomination_button, self.fix_button,
                self.preliminary_button, self.wording_button]

    def refresh(self) -> None:
        """Re-read the elections and their nominations; keep the chosen election."""
        if not session.is_open():
            return
        chosen = self._wanted or self.current_id()
        self._wanted = None
        rows = elections.list_elections()
        self.elections.set_rows(rows)
        late = sum(1 for e in rows for n in e.nominations if n.late)
        self.banner.set_note(f"截止时间以后收到提名 {late} 份（无效）" if late else "")
        self.banner.update_text()
        if chosen is None and rows:
            chosen = rows[0].election_id
        if chosen is None or not self.select(chosen):
            self._show_election()

    def focus(self, target: tuple[str, object] | None) -> bool:
        """Show a problem's target: ("election", election_id)."""
        if not target or target[0] != "election" or not isinstance(target[1], int):
            return False
        return self.select(target[1])

    def select(self, election_id: int) -> bool:
        source = self.elections.index_of(election_id)
        if not source.isValid():
            return False
        index = self.election_sort.mapFromSource(source)
        select_row(self.election_view, index)
        self.election_view.scrollTo(index)
        self._show_election()
        return True

    def current(self) -> ElectionRow | None:
        return current_row(self.election_view)

    def current_id(self) -> int | None:
        row = self.current()
        return row.election_id if row else None

    def current_nomination(self) -> NominationRow | None:
        index = self.nomination_view.currentIndex()
        return self.nominations.row_at(index.row()) if index.isValid() else None

    def _show_election(self, *_) -> None:
        row = self.current()
        chosen = self.current_nomination()
        self.nominations.set_rows(list(row.nominations) if row else [])
        self.nomination_view.resizeRowsToContents()
        self._row_heights.later()  # again once the columns have taken the new text's widths
        self.candidates.set_election(row)
        if row is None:
            self.election_heading.setText("")
            self.election_status.setText("请在上面选择一项选举，查看和登记它的提名。" if self.elections.rowCount()
                                         else "尚未录入选举事项：点“新建…”。")
            self.candidate_count.setText("候选人")
        else:
            self.election_heading.setText(f"{row.office}（应选 {row.seats} 人）")
            self.election_status.setText(f"{row.range_text}。{status_text(row)}")
            bad = row.count_problem or row.needs_preliminary
            self.election_status.setStyleSheet(f"color: {RED}" if bad else "")
            self.candidate_count.setText(f"候选人 {len(row.candidates)} 人")
            if chosen is not None:
                index = self.nominations.index_of(chosen.nomination_id)
                if index.isValid():
                    self.nomination_view.setCurrentIndex(index)
        self._update_buttons()

    def _update_buttons(self, *_) -> None:
        row = self.current()
        nomination = self.current_nomination()
        for b in (self.edit_button, self.remove_button, self.nominate_button, self.fix_button):
            b.setEnabled(row is not None)
        self.wording_button.setEnabled(row is not None and bool(row.candidates))
        # A fixed list still lets these open: the services explain why they refuse.
        self.withdraw_nominee_button.setEnabled(
            row is not None and any(n.active_nominees for n in row.nominations))
        self.withdraw_nomination_button.setEnabled(nomination is not None and nomination.withdrawn_at is None)
        self.fix_button.setText("重新开放提名…" if row is not None and row.fixed_on else "确定候选人名单…")
        self.preliminary_button.setEnabled(row is not None and (row.needs_preliminary
                                                                or bool(preliminary.rounds(row.election_id))))

    # ------------------------------------------------------------ writing

    def _written(self, election_id: int | None = None) -> None:
        self._wanted = election_id
        self.refresh()
        self.changed.emit()

    def _deadline(self) -> dt.datetime | None:
        deadline = motions.get_deadline("提名")
        return deadline.at if deadline else None

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def new_election(self) -> ElectionDialog:
        dialog = ElectionDialog(parent=self)
        added: list[int] = []
        dialog.submit = lambda: added.append(elections.add_election(**dialog.value()))
        dialog.accepted.connect(lambda: self._written(added[-1] if added else None))
        dialog.open()
        return dialog

    def edit_election(self, *_) -> ElectionDialog | None:
        row = self.current()
        if row is None or not self.writable:  # a double-click too
            return None
        dialog = ElectionDialog(row, self)
        dialog.submit = lambda: elections.update_election(row.election_id, **dialog.value(), seen=row)
        dialog.accepted.connect(lambda: self._written(row.election_id))
        dialog.open()
        return dialog

    def remove_election(self) -> None:
        row = self.current()
        if row is None:
            return
        text = f"删除选举事项“{row.office}”？"
        if row.nominations:
            text += f"\n它的 {len(row.nominations)} 份提名将一并删除。"
        if not views.confirm(self, "删除选举事项", text, "删除"):
            return
        try:
            elections.remove_election(row.election_id)
        except ServiceError as exc:
            warn(self, "无法删除选举事项", exc.message)
        self._written()

    def nominate(self) -> NominationDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = NominationDialog(row, self.now(), self._deadline(), self)
        dialog.submit = lambda: elections.add_nomination(dialog.value(), self.now())
        dialog.accepted.connect(lambda: self._written(row.election_id))
        dialog.open()
        return dialog

    def withdraw_nominee(self) -> WithdrawNomineeDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = WithdrawNomineeDialog(row, self.now(), self._chosen_nominee(row), self)

        def submit() -> None:
            nomination_id, person_id = dialog.chosen()
            elections.withdraw_nominee(nomination_id, person_id, value_of(dialog.at), dialog.reason.text())

        dialog.submit = submit
        dialog.accepted.connect(lambda: self._written(row.election_id))
        dialog.open()
        return dialog

    def _chosen_nominee(self, row: ElectionRow) -> tuple[int, int] | None:
        """The candidate chosen on the right (in their first nomination), else the chosen nomination's first."""
        index = self.candidate_view.currentIndex()
        if index.isValid():
            person = self.candidates.row_at(index.row()).person_id
            for n in row.nominations:
                if any(p.person_id == person for p in n.active_nominees):
                    return n.nomination_id, person
        nomination = self.current_nomination()
        if nomination is not None and nomination.active_nominees:
            return nomination.nomination_id, nomination.active_nominees[0].person_id
        return None

    def withdraw_nomination(self) -> WithdrawNominationDialog | None:
        row, nomination = self.current(), self.current_nomination()
        if row is None or nomination is None:
            return None
        dialog = WithdrawNominationDialog(nomination, self.now(), self)
        dialog.submit = lambda: elections.withdraw_nomination(nomination.nomination_id, value_of(dialog.at))
        dialog.accepted.connect(lambda: self._written(row.election_id))
        dialog.open()
        return dialog

    def fix_or_reopen(self) -> FixListDialog | None:
        row = self.current()
        if row is None:
            return None
        if row.fixed_on is not None:
            self.reopen()
            return None
        return self.fix_list()

    def fix_list(self) -> FixListDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = FixListDialog(row, self.now().date(), self)
        dialog.submit = lambda: elections.fix_candidates(row.election_id, dialog.value(), self.now())
        dialog.accepted.connect(lambda: self._written(row.election_id))
        dialog.open()
        return dialog

    def count_preliminary(self) -> PreliminaryDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = PreliminaryDialog(row.election_id, row.office, lambda: self.now(), self)
        dialog.written.connect(lambda: self._written(row.election_id))
        dialog.open()
        return dialog

    def word_groups(self) -> GroupWordingDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = GroupWordingDialog(row, self)
        dialog.accepted.connect(lambda: self._written(row.election_id))
        dialog.open()
        return dialog

    def reopen(self) -> None:
        row = self.current()
        if row is None or row.fixed_on is None:
            return
        if not views.confirm(self, "重新开放提名",
                             f"主席团已于{chinese_date(row.fixed_on)}确定“{row.office}”的候选人名单。\n"
                             "重新开放后可以再接受提名和撤回提名。确定重新开放？", "重新开放"):
            return
        try:
            elections.fix_candidates(row.election_id, None)
        except ServiceError as exc:
            warn(self, "无法重新开放提名", exc.message)
        self._written(row.election_id)

    # ------------------------------------------------------------ papers

    def _fill_print_menu(self) -> None:
        self.heading.fill_print_menu()

    def print_paper(self, kind: str) -> QWidget | None:
        return self.heading.print_paper(kind)

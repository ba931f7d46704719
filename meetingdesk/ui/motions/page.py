"""议案 page: the desk of the 大会议案组 — the deadline, the register of motions and suggestions,
and what happens to each item (withdrawal, the review's decision, handling units and replies)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, motions, output, roster, session, suggestions
from meetingdesk.services.motions import MotionInput, MotionRow
from meetingdesk.ui.common import page, views
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.page_heading import PageHeading
from meetingdesk.ui.common.views import current_row, select_row, sort_proxy, table_view
from meetingdesk.ui.motions.carried import CarriedTab
from meetingdesk.ui.motions.deadlines import DeadlineBanner
from meetingdesk.ui.motions.dialogs import HandlingDialog, MotionDialog, ReviewDialog, WithdrawDialog
from meetingdesk.ui.motions.models import DelegationCountsModel, MotionsModel, MotionsProxy, details_html

# The papers of this page; the printing engineer adds them to printing.PAPERS one by one.
PAPERS = (("motion_deadline", "关于提出议案截止时间的决定"), ("motions", "议案登记表"),
          ("motion_review", "议案审查报告"), ("motion_resolution", "关于议案的决议草案"),
          ("motion_counts", "议案和建议统计"))
NOTICE_STYLE = "color: #1b5e20"


def late_offer(parent: QWidget, write: Callable[[MotionInput], object], data: MotionInput) -> object:
    """Write DATA; a motion refused as late may, if the clerk agrees, go in as a suggestion."""
    try:
        return write(data)
    except ServiceError as exc:
        if exc.field != "kind" or data.kind != "议案":
            raise
        if not views.confirm(parent, "截止时间以后收到", f"{exc.message}\n\n是否登记为建议？", "登记为建议"):
            raise
        return write(replace(data, kind="建议"))


class MotionsPage(page.Page):
    """`refresh()` re-reads everything; `changed` follows every write; `now` is the clock."""
    TITLE = "议案"
    SHOWS = frozenset({page.MOTIONS, page.ROSTER, page.SCHEDULE})
    CHANGES = frozenset({page.MOTIONS})

    TARGETS = ("motion",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        self._wanted: int | None = None

        self.heading = PageHeading("议案和建议", PAPERS, self)
        self.print_button, self.print_menu = self.heading.print_button, self.heading.print_menu
        self.banner = DeadlineBanner("议案", lambda: self.now())
        self.banner.changed.connect(self._written)

        self.tabs = QTabWidget()
        self.register_tab = self._build_register()
        self.tabs.addTab(self.register_tab, "登记簿")
        self.tabs.addTab(self._build_counts(), "按代表团统计")
        self.carried_tab = CarriedTab()
        self.carried_tab.changed.connect(self.changed.emit)
        self.tabs.addTab(self.carried_tab, "续办议案")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self._fill_print_menu()
        self._show_current()

    # ------------------------------------------------------------ building

    def _build_register(self) -> QWidget:
        self.model = MotionsModel(self)
        self.proxy = MotionsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = table_view(self.proxy)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MotionsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.doubleClicked.connect(self.edit)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)

        self.kind_filter = QComboBox()
        self.kind_filter.addItem("全部类别", None)
        for kind in ("议案", "建议"):
            self.kind_filter.addItem(kind, kind)
        self.kind_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_kind(self.kind_filter.currentData()))
        self.state_filter = QComboBox()
        self.state_filter.addItem("全部状态", None)
        for state in motions.STATES:
            self.state_filter.addItem(state, state)
        self.state_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_state(self.state_filter.currentData()))
        self.search = QLineEdit()
        self.search.setPlaceholderText("按编号、标题、代表姓名或代表团查找")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.counts = QLabel()
        self.counts.setStyleSheet("font-weight: bold")
        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.search, 1)
        filters.addSpacing(12)
        filters.addWidget(self.counts)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 170])

        self.register_button = QPushButton("登记…")
        self.edit_button = QPushButton("修改…")
        self.withdraw_button = QPushButton("撤回…")
        self.undo_withdraw_button = QPushButton("取消撤回")
        self.review_button = QPushButton("审查意见…")
        self.handling_button = QPushButton("交办和答复…")
        self.attachment_button = QPushButton("另存附件…")
        self.register_button.clicked.connect(self.register)
        self.edit_button.clicked.connect(self.edit)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.undo_withdraw_button.clicked.connect(self.undo_withdrawal)
        self.review_button.clicked.connect(self.review)
        self.handling_button.clicked.connect(self.handle)
        self.attachment_button.clicked.connect(lambda: self.save_attachment())
        self.notice = QLabel()
        self.notice.setStyleSheet(NOTICE_STYLE)
        buttons = QHBoxLayout()
        for b in (self.register_button, self.edit_button, self.withdraw_button, self.undo_withdraw_button,
                  self.review_button, self.handling_button, self.attachment_button):
            buttons.addWidget(b)
        buttons.addSpacing(12)
        buttons.addWidget(self.notice, 1)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        return tab

    def _build_counts(self) -> QWidget:
        self.team_counts = DelegationCountsModel(self)
        self.team_sort = sort_proxy(self.team_counts, self)
        self.team_view = table_view(self.team_sort)
        self.team_view.horizontalHeader().setMinimumSectionSize(120)
        self.team_view.setFixedWidth(540)  # four short columns read badly stretched over the page
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel("按领衔代表所在代表团统计，不含已撤回的。点列标题可排序。"))
        layout.addWidget(self.team_view, 1, Qt.AlignmentFlag.AlignLeft)
        return tab

    # ------------------------------------------------------------ reading

    def edit_controls(self) -> list:
        carried = self.carried_tab
        return [self.banner.button, self.register_button, self.edit_button, self.withdraw_button,
                self.undo_withdraw_button, self.review_button, self.handling_button,
                carried.add_button, carried.edit_button, carried.remove_button]

    def set_rights(self, may_write) -> None:
        super().set_rights(may_write)
        self.carried_tab.writable = self.writable

    def refresh(self) -> None:
        """Re-read the register, the counts and the deadline; keep the chosen item."""
        if not session.is_open():
            return
        chosen = self._wanted or self.current_id()
        self._wanted = None
        rows = motions.list_motions()
        teams = roster.list_delegations()
        self.model.set_data(rows, {t.name: t.position for t in teams})
        counts = motions.counts_by_kind()
        withdrawn = sum(1 for r in rows if r.withdrawn_at is not None)
        self.counts.setText("、".join(f"{kind} {n} 件" for kind, n in counts.items())
                            + (f"（另有已撤回 {withdrawn} 件）" if withdrawn else ""))
        self.team_counts.set_rows(motions.counts_by_delegation())
        self.carried_tab.refresh()
        late = [r for r in rows if r.late and r.withdrawn_at is None]
        late_motions = sum(1 for r in late if r.kind == "议案")
        note = f"截止时间以后收到 {len(late)} 件" if late else "截止时间以后没有收到议案、建议"
        if late_motions:  # only possible when the deadline was moved earlier since
            note += f"，其中 {late_motions} 件登记为议案，不能作为议案"
        self.banner.set_note(note)
        self.banner.update_text()
        if chosen is not None:
            self.select(chosen)
        self._show_current()

    def focus(self, target: tuple[str, object] | None) -> bool:
        """Show a problem's target: ("motion", motion_id)."""
        if not target or target[0] != "motion" or not isinstance(target[1], int):
            return False
        self.tabs.setCurrentWidget(self.register_tab)
        return self.select(target[1])

    def select(self, motion_id: int) -> bool:
        source = self.model.index_of(motion_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # hidden by the filters: show everything again
            self.kind_filter.setCurrentIndex(0)
            self.state_filter.setCurrentIndex(0)
            self.search.clear()
            index = self.proxy.mapFromSource(source)
        select_row(self.view, index)
        self.view.scrollTo(index)
        self._show_current()
        return True

    def current(self) -> MotionRow | None:
        return current_row(self.view)

    def current_id(self) -> int | None:
        row = self.current()
        return row.motion_id if row else None

    def _show_current(self, *_) -> None:
        row = self.current()
        numbers = {r.motion_id: r.register_no for r in self.model.rows()}
        self.details.setHtml(details_html(row, numbers) if row else
                             "<span style='color:#555555'>选择一件议案或建议，查看联名代表、内容和办理情况。</span>")
        self._update_buttons(row)

    def _update_buttons(self, row: MotionRow | None) -> None:
        """Each action only where the services allow it; the tooltip says why not."""
        def allow(button: QPushButton, why_not: str) -> None:
            button.setEnabled(row is not None and not why_not)
            button.setToolTip(why_not)

        self.attachment_button.setEnabled(row is not None and bool(row.attachment))
        buttons = {"edit": self.edit_button, "withdraw": self.withdraw_button,
                   "undo_withdrawal": self.undo_withdraw_button, "review": self.review_button,
                   "handle": self.handling_button}
        if row is None:
            for button in buttons.values():
                allow(button, "")
            return
        withdrawn = row.withdrawn_at is not None
        self.withdraw_button.setVisible(not withdrawn and self.writable)
        self.undo_withdraw_button.setVisible(withdrawn and self.writable)
        for action, why_not in motions.allowed_actions(row).items():
            allow(buttons[action], why_not or "")

    # ------------------------------------------------------------ writing

    def _written(self, motion_id: int | None = None) -> None:
        self._wanted = motion_id
        self.refresh()
        self.changed.emit()

    def _deadline(self) -> dt.datetime | None:
        deadline = motions.get_deadline("议案")
        return deadline.at if deadline else None

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def register(self) -> MotionDialog:
        dialog = MotionDialog(self.now(), self._deadline(), parent=self)
        added: list[int] = []

        def submit() -> None:
            added.append(late_offer(dialog, lambda data: motions.register_motion(data, self.now()),
                                    dialog.value()))

        def done() -> None:
            self._written(added[-1])
            row = self.current()
            if row is not None:
                self.notice.setText(f"已登记为{row.register_no}：{row.title}")

        dialog.submit = submit
        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def edit(self, *_) -> MotionDialog | None:
        row = self.current()
        if row is None or not self.writable:  # a double-click too
            return None
        dialog = MotionDialog(self.now(), self._deadline(), row=row, parent=self)
        dialog.submit = lambda: late_offer(dialog, lambda data: motions.update_motion(row.motion_id, data, seen=row),
                                           dialog.value())

        def done() -> None:
            self._written(row.motion_id)
            now = self.current()
            if now is not None and now.register_no != row.register_no:
                self.notice.setText(f"{row.register_no}已改为{now.register_no}")

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def withdraw(self) -> WithdrawDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = WithdrawDialog(row, self.now(), self)
        dialog.submit = lambda: motions.withdraw_motion(row.motion_id, *dialog.value())
        dialog.accepted.connect(lambda: self._written(row.motion_id))
        dialog.open()
        return dialog

    def undo_withdrawal(self) -> None:
        row = self.current()
        if row is None or row.withdrawn_at is None:
            return
        if not views.confirm(self, "取消撤回", f"取消{row.register_no}的撤回？",
                             "取消撤回"):
            return
        try:
            motions.undo_withdrawal(row.motion_id)
        except ServiceError as exc:
            warn(self, "无法取消撤回", exc.message)
        self._written(row.motion_id)

    def review(self) -> ReviewDialog | None:
        row = self.current()
        if row is None:
            return None
        others = [r for r in self.model.rows() if r.withdrawn_at is None and r.merged_into_id is None]
        dialog = ReviewDialog(row, others, self)
        dialog.submit = lambda: motions.review_motion(row.motion_id, *dialog.value(), seen=row)
        dialog.accepted.connect(lambda: self._written(row.motion_id))
        dialog.open()
        return dialog

    def handle(self) -> HandlingDialog | None:
        row = self.current()
        if row is None:
            return None
        # the session's list of units (services.suggestions keeps it; a name typed anew joins it)
        known = [u.name for u in suggestions.list_units()]
        dialog = HandlingDialog(row, known, self.now().date(), self)

        dialog.submit = lambda: motions.record_handling(row.motion_id, dialog.units.value(), *dialog.reply())
        dialog.accepted.connect(lambda: self._written(row.motion_id))
        dialog.open()
        return dialog

    def save_attachment(self, target: str | None = None) -> bool:
        """Write the chosen item's attachment out (to TARGET, or where the clerk chooses)."""
        row = self.current()
        if row is None or not row.attachment:
            return False
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, "另存附件", output.safe_name(Path(row.attachment).name))
            if not target:
                return False
        try:
            motions.save_attachment(row.motion_id, target)
        except ServiceError as exc:
            warn(self, "无法另存附件", exc.message)
            return False
        self.notice.setText(f"{row.register_no}的附件已另存为 {target}")
        return True

    # ------------------------------------------------------------ papers

    def _fill_print_menu(self) -> None:
        self.heading.fill_print_menu()

    def print_paper(self, kind: str) -> QWidget | None:
        return self.heading.print_paper(kind)

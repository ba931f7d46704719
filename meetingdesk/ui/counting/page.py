"""计票 page: the polls of the session, two clerks' entry of each box's tally sheet, and the check
and result — decided by the services and the rules, confirmed by the presidium, then corrected
only with a reason. What follows a result (再次投票 for a tie, 重新投票 for a void paper or a
missing quorum, 另行选举 for vacancies where the 办法 says so) is offered only where it applies."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from meetingdesk import printing
from meetingdesk.rules.words import Quorum
from meetingdesk.services import ServiceError, counting, drafts, elections, roster, schedule, session, voting
from meetingdesk.services.counting import PollResult, PollRow
from meetingdesk.ui.common import page, views
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.page_heading import PageHeading
from meetingdesk.ui.common.views import RED, current_row, select_row, sort_proxy, table_view
from meetingdesk.ui.counting.dialogs import CorrectionDialog, FurtherRoundDialog, NewPollDialog
from meetingdesk.ui.counting.entry import EntryTab
from meetingdesk.ui.counting.models import ActLine, ActsModel, PollLine, PollsModel, poll_state, short_time
from meetingdesk.ui.counting.report import names, quorum_text, result_html
from meetingdesk.ui.counting.setup import open_counting_setup

# The papers of this page; a paper not yet in printing.PAPERS shows disabled.
PAPERS = (("tally_report", "计票结果报告单"), ("announcements", "公告"), ("vote_results", "表决结果"))


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold")
    return label


class CountingPage(page.Page):
    """`refresh()` re-reads everything; `changed` follows every write; `now` is the clock."""
    TITLE = "计票"
    SHOWS = frozenset({page.COUNTING, page.ELECTIONS, page.ROSTER, page.ATTENDANCE, page.SCHEDULE, page.SESSION, page.PRESIDIUM})
    CHANGES = frozenset({page.COUNTING, page.ELECTIONS})

    TARGETS = ("poll",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        self._wanted: int | None = None
        self._refreshing = False
        self._reverting = False
        self._rule = Quorum.MORE_THAN_TWO_THIRDS
        self._write_ins: dict[int, bool] = {}  # by election: does its ballot have 另选人 rows
        self._path = None  # the session last read (current_location): another one starts afresh

        self.heading = PageHeading("计票", PAPERS, self, options=self.paper_options)
        self.print_button, self.print_menu = self.heading.print_button, self.heading.print_menu
        self.tabs = QTabWidget()
        self.entry_tab = EntryTab()
        self.entry_tab.now = lambda: self.now()
        self.entry_tab.saved.connect(self._written)
        # the entry tab's parts, reached through the page as on the other pages
        self.form, self.box, self.entry_group = self.entry_tab.form, self.entry_tab.box, self.entry_tab.entry_group
        self.save_button, self.save_entry = self.entry_tab.save_button, self.entry_tab.save_entry
        self.discard_button = self.entry_tab.discard_button
        self.entry_state, self.entry_error = self.entry_tab.entry_state, self.entry_tab.entry_error
        self.lock_note, self.progress = self.entry_tab.lock_note, self.entry_tab.progress
        self.result_tab = self._build_result()
        self.tabs.addTab(self.entry_tab, "录入")
        self.tabs.addTab(self.result_tab, "核对和结果")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_polls())
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([130, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        if session.is_open():  # the window builds its pages before a session opens
            self._show_poll()

    # ------------------------------------------------------------ building

    def _build_polls(self) -> QWidget:
        self.polls = PollsModel(self)
        self.poll_sort = sort_proxy(self.polls, self)
        self.poll_view = table_view(self.poll_sort)
        header = self.poll_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(PollsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.poll_view.selectionModel().currentRowChanged.connect(self._poll_chosen)

        self.new_button = QPushButton("新建投票…")
        self.remove_button = QPushButton("删除")
        self.new_button.clicked.connect(self.new_poll)
        self.remove_button.clicked.connect(self.remove_poll)
        self.present = QSpinBox()
        self.present.setRange(0, 99999)
        self.present.setSpecialValueText("未填")
        self.present.setToolTip("投票开始时到会的代表人数，用于核对法定人数；改后按回车或离开即保存")
        self.present.valueChanged.connect(self._show_quorum)
        self.present.editingFinished.connect(self.save_present)
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self.vote_time = QLineEdit()
        self.vote_time.setPlaceholderText("10:30")
        self.vote_time.setFixedWidth(64)
        self.vote_time.setToolTip("投票开始的时间，如 10:30：在此以前早退的代表不算到会；改后按回车或离开即保存")
        self.vote_time.editingFinished.connect(self.save_vote_time)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.remove_button)
        self.setup_button = QPushButton("票箱和表决事项…")
        self.setup_button.clicked.connect(lambda *_: open_counting_setup(self))
        row.addWidget(self.setup_button)
        row.addSpacing(24)
        row.addWidget(QLabel("投票时间"))
        row.addWidget(self.vote_time)
        row.addSpacing(12)
        self.present_label = QLabel("到会人数")
        row.addWidget(self.present_label)
        row.addWidget(self.present)
        row.addWidget(self.quorum, 1)
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_caption("投票（每次投票一张选票、一张表决票，按票箱计票）"))
        layout.addWidget(self.poll_view, 1)
        layout.addLayout(row)
        return part

    def _build_result(self) -> QWidget:
        self.result = QTextBrowser()
        self.result.setOpenLinks(False)
        self.confirm_button = QPushButton("确认结果…")
        self.revote_button = QPushButton("安排再次投票")
        self.new_vote_button = QPushButton("安排重新投票")
        self.further_button = QPushButton("另行选举…")
        self.correct_button = QPushButton("更正…")
        self.confirm_button.clicked.connect(self.confirm_result)
        self.revote_button.clicked.connect(self.arrange_revote)
        self.new_vote_button.clicked.connect(self.arrange_new_vote)
        self.further_button.clicked.connect(self.arrange_further_round)
        self.correct_button.clicked.connect(self.correct)
        self.result_state = QLabel()
        self.result_state.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in self._result_buttons():
            buttons.addWidget(b)
        buttons.addSpacing(12)
        buttons.addWidget(self.result_state, 1)
        # 全体代表 recorded with the first entry, against the roster for the day of the vote now
        self.delegates_note = QLabel()
        self.delegates_note.setWordWrap(True)
        self.delegates_note.setStyleSheet(f"color: {RED}")
        self.delegates_button = QPushButton("按名单更新全体代表人数")
        self.delegates_button.setToolTip("把本次投票的全体代表改为代表名单按投票当日计算的人数；"
                                         "过半数和法定人数随之重算。只在确认以前可以更新。")
        self.delegates_button.clicked.connect(self.refresh_all_delegates)
        delegates = QHBoxLayout()
        delegates.addWidget(self.delegates_note, 1)
        delegates.addWidget(self.delegates_button)
        self.delegates_bar = QWidget()
        self.delegates_bar.setLayout(delegates)
        delegates.setContentsMargins(0, 0, 0, 0)
        self.delegates_bar.hide()

        self.acts = ActsModel(self)
        self.act_view = table_view(self.acts, sortable=False)
        self.act_view.setWordWrap(True)
        log = QWidget()
        log_layout = QVBoxLayout(log)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.addWidget(_caption("确认和更正记录"))
        log_layout.addWidget(self.act_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.result)
        splitter.addWidget(log)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 110])

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addWidget(self.delegates_bar)
        layout.addWidget(splitter, 1)
        return tab

    def edit_controls(self) -> list:
        """Entering, confirming and arranging votes are the 计票 right's; 票箱和表决事项 are set
        up beforehand by a desk that writes everything. The form is kept, locked, to be read."""
        entry = self.entry_tab
        counts = [self.new_button, self.remove_button, *self._result_buttons(), self.delegates_button,
                  entry.save_button, entry.discard_button]
        return [*(page.Edit(b, page.COUNTING) for b in counts),
                *(page.Edit(f, page.COUNTING, lock=True) for f in (self.present, self.vote_time, entry.form)),
                page.Edit(self.setup_button, page.SETUP)]

    def set_rights(self, may_write) -> None:
        super().set_rights(may_write)
        self.entry_tab.writable = self.may_write(page.COUNTING)

    def _result_buttons(self) -> tuple[QPushButton, ...]:
        return (self.confirm_button, self.revote_button, self.new_vote_button, self.further_button,
                self.correct_button)

    # ------------------------------------------------------------ reading

    def refresh(self) -> None:
        """Re-read the polls; keep the chosen poll and, while unsaved, what the clerk typed."""
        if not session.is_open():
            return
        if session.current_location() != self._path:
            # another session file: nothing of the last one's polls is kept, and a pass typed
            # and not saved in this one (a draft) is shown first
            self._path = session.current_location()
            self._wanted = None
            self.entry_tab.reset()
            chosen = self._draft_poll()
        else:
            chosen = self._wanted or self.current_id()
        self._wanted = None
        self._rule = session.quorum_rule()
        self._write_ins = {e.election_id: e.write_ins for e in elections.list_elections()}
        meetings = dict(schedule.meeting_choices("全体会议"))
        lines = []
        for poll in counting.list_polls():
            outcome = counting.result(poll.poll_id)
            troubled = poll.confirmed_at is None and bool(
                outcome.differences or outcome.problems or (outcome.decided and not outcome.standing))
            lines.append(PollLine(poll, meetings.get(poll.meeting_id, ""), poll_state(outcome), troubled))
        self._refreshing = True
        try:
            self.polls.set_rows(lines)
        finally:
            self._refreshing = False
        # else the latest poll: it is the one being counted
        if not (chosen is not None and self.select(chosen)) and not (lines and self.select(lines[-1].poll_id)):
            self._show_poll()

    @staticmethod
    def _draft_poll() -> int | None:
        """The poll of the latest pass typed and not saved; drafts that can no longer become a
        pass (their poll deleted or confirmed) are removed."""
        try:
            drafts.prune_tally_drafts()
        except ServiceError:
            pass  # a file that refuses the write (read-only): the stale drafts are passed over anyway
        found = drafts.tally_drafts()
        return found[0].poll_id if found else None

    # ------------------------------------------------------------ unsaved work (unsaved.confirm_leave)

    def unsaved(self) -> list[str]:
        """The counting passes typed and not saved (each kept as a draft in the session file)."""
        return self.entry_tab.unsaved()

    def save_unsaved(self) -> bool:
        return self.entry_tab.save_unsaved()

    def discard_unsaved(self) -> None:
        self.entry_tab.discard_unsaved()

    def focus(self, target: tuple[str, object] | None) -> bool:
        """Show a problem's target: ("poll", poll_id)."""
        if not target or target[0] != "poll" or not isinstance(target[1], int):
            return False
        return self.select(target[1])

    def select(self, poll_id: int) -> bool:
        source = self.polls.index_of(poll_id)
        if not source.isValid():
            return False
        index = self.poll_sort.mapFromSource(source)
        self._refreshing = True  # shown once below, not on each selection signal
        try:
            select_row(self.poll_view, index)
        finally:
            self._refreshing = False
        self.poll_view.scrollTo(index)
        self._show_poll()
        return True

    def current_line(self) -> PollLine | None:
        return current_row(self.poll_view)

    def current(self) -> PollRow | None:
        line = self.current_line()
        return line.poll if line else None

    def current_id(self) -> int | None:
        poll = self.current()
        return poll.poll_id if poll else None

    def _poll_chosen(self, current, previous) -> None:
        if self._refreshing or self._reverting:
            return
        if not self.entry_tab.may_leave():
            self._reverting = True
            try:
                self.poll_view.selectionModel().setCurrentIndex(
                    previous, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
            finally:
                self._reverting = False
            return
        self._show_poll()

    def _show_poll(self) -> None:
        poll = self.current()
        self.remove_button.setEnabled(poll is not None and poll.confirmed_at is None)
        # once attendance is taken at the poll's meeting, its count decides, not a figure typed here
        by_roll = poll is not None and (poll.attendance is not None or poll.confirmed_at is not None)
        self.present.setEnabled(poll is not None and not by_roll)
        self.present_label.setText(f"到会人数（{poll.present_source}）" if by_roll else "到会人数")
        self.present.blockSignals(True)
        self.present.setValue((poll.present_used or 0) if poll else 0)
        self.present.blockSignals(False)
        self.vote_time.setEnabled(poll is not None and poll.confirmed_at is None)
        self.vote_time.setText(poll.vote_time if poll else "")
        self._show_quorum()
        self.entry_tab.show_poll(poll, self.form_write_ins(poll) if poll else {})
        self._show_result(poll)

    def _show_quorum(self, *_) -> None:
        if self.current() is None:
            self.quorum.setText("")
            return
        text, met = quorum_text(self.present.value() or None, counting.all_delegates_of(self.current()), self._rule)
        self.quorum.setText(text)
        missing = not self.present.value()
        self.quorum.setStyleSheet("color: #555555" if missing else ("" if met else f"color: {RED}"))

    # ------------------------------------------------------------ check and result

    def _show_result(self, poll: PollRow | None) -> None:
        self.acts.set_rows([] if poll is None else [ActLine(*a) for a in counting.acts(poll.poll_id)])
        self.act_view.resizeRowsToContents()
        if poll is None:
            self.result.setHtml("<p style='color:#555555'>请先在上面新建或选择一次投票。</p>")
            for b in self._result_buttons():
                b.setVisible(b is self.confirm_button and self.may_write(page.COUNTING))
                b.setEnabled(False)
            self.delegates_bar.hide()
            self.result_state.setText("")
            return
        outcome = counting.result(poll.poll_id)
        whole = outcome.all_delegates or counting.all_delegates_of(poll)
        self.result.setHtml(result_html(outcome, quorum_text(poll.present_used, whole, self._rule)))
        confirmed = poll.confirmed_at is not None
        children = [line.poll for line in self.polls.rows() if line.poll.parent_id == poll.poll_id]
        self._show_confirm(outcome, confirmed)
        self._show_revote(outcome, children)
        self._show_new_vote(outcome, children)
        self._show_further_round(outcome, confirmed, children)
        self.correct_button.setVisible(confirmed and self.may_write(page.COUNTING))
        self.correct_button.setEnabled(confirmed)
        self.correct_button.setToolTip("主席团确认以后发现票数有误：按票箱改正，写明理由，记入记录")
        self._show_all_delegates(poll)
        if confirmed:
            state = f"主席团已于{short_time(poll.confirmed_at)}确认，已锁定。"
        elif not outcome.complete:
            state = "两遍录入全部一致以后才有结果。"
        elif outcome.problems:
            state = "票数不可能成立，改正录入以后才有结果。"
        elif not outcome.standing:
            state = "本次投票无效，不能确认，应重新投票。"
        else:
            state = "两遍录入一致，结果待主席团确认。"
        for child in children:
            state += f"已安排{child.kind}：{child.title}。"
        self.result_state.setText(state)

    def _show_confirm(self, outcome: PollResult, confirmed: bool) -> None:
        self.confirm_button.setVisible(not confirmed and self.may_write(page.COUNTING))
        self.confirm_button.setEnabled(not confirmed and outcome.standing)
        if not outcome.complete:
            tip = "两遍录入全部一致以后才能确认"
        elif outcome.problems:
            tip = "票数不可能成立，改正录入以前不能确认"
        elif not outcome.standing:
            tip = "本次投票无效（不足法定人数，或选票、表决票均无效），不能确认，应重新投票"
        else:
            tip = "主席团确认计票结果；确认后锁定，只能以更正方式修改"
        self.confirm_button.setToolTip(tip)

    def _show_revote(self, outcome: PollResult, children: list[PollRow]) -> None:
        """再次投票: candidates tied at the cut-off are voted on again, for the seats left open."""
        tied = [r for r in outcome.elections if r.outcome.revote] if outcome.decided else []
        applies = bool(tied) and not any(c.kind == "再次投票" for c in children)
        self._offer(self.revote_button, applies, "；".join(
            f"{r.office}：{names(r.outcome.revote)} 得票相等，不能确定当选人，就票数相等的人再次投票，"
            f"选出 {r.outcome.revote_seats} 人" for r in tied))

    def _show_new_vote(self, outcome: PollResult, children: list[PollRow]) -> None:
        """重新投票: a paper that did not stand, or a missing quorum, is voted again in full."""
        if not outcome.decided or any(c.kind == "重新投票" for c in children):
            self._offer(self.new_vote_button, False)
            return
        void = [paper for paper, check in outcome.rounds.items() if not check.valid]
        if outcome.quorum_met is False:
            tip = ("到会代表不足法定人数，本次投票无效：新建一次重新投票，选举和表决事项全部重新投票，"
                   "候选人和应选名额不变")
        elif void:
            what = {"选票": "选票上的选举事项", "表决票": "表决票上的表决事项"}
            tip = "".join(outcome.rounds[p].text for p in void)
            tip += f"新建一次重新投票，只就{'和'.join(what[p] for p in void)}重新投票，候选人和应选名额不变"
            kept = [p for p in outcome.rounds if p not in void]
            if kept:
                tip += f"；{'、'.join(kept)}有效，不受影响"
        else:
            tip = ""
        self._offer(self.new_vote_button, bool(tip), tip)

    def _further_choices(self, outcome: PollResult, confirmed: bool,
                         children: list[PollRow]) -> list[tuple[int, str, int]]:
        """(election_id, office, vacancies) of a confirmed poll whose seats left vacant are
        elected again, as the 办法 says (另行选举), and not yet arranged."""
        if not confirmed or session.bylaw().vacancy_rule != "另行选举":
            return []
        arranged = {pe.election_id for c in children if c.kind == "另行选举" for pe in c.elections}
        return [(pe.election_id, pe.office, r.outcome.vacancies)
                for pe, r in zip(outcome.poll.elections, outcome.elections, strict=True)
                if r.outcome.vacancies and pe.election_id not in arranged]

    def _show_further_round(self, outcome: PollResult, confirmed: bool, children: list[PollRow]) -> None:
        choices = self._further_choices(outcome, confirmed, children)
        self._offer(self.further_button, bool(choices), "选举和表决办法规定缺额另行选举：" + "；".join(
            f"{office}缺额 {n} 人" for _, office, n in choices) + "。选定候选人，新建一次另行选举")

    def _offer(self, button: QPushButton, applies: bool, tip: str = "") -> None:
        """A button shown only where it applies, with its reason as the tooltip."""
        button.setVisible(applies and self.may_write(page.COUNTING))
        button.setEnabled(applies)
        button.setToolTip(tip if applies else "")

    def _show_all_delegates(self, poll: PollRow) -> None:
        """The 全体代表 recorded with the first entry differs from the roster for the day of the
        vote (a mandate's end entered late): offer to take the roster's figure, before confirming."""
        today = None
        if poll.confirmed_at is None and poll.all_delegates is not None:
            today = roster.delegates_on(poll.vote_date)
        if today is None or today == poll.all_delegates:
            self.delegates_bar.hide()
            return
        self.delegates_note.setText(
            f"录入时记下的全体代表为 {poll.all_delegates} 人；代表名单按投票当日（{poll.vote_date.month}月"
            f"{poll.vote_date.day}日）现为 {today} 人。两者不同，不能确认：请核对代表名单，确属当日人数有误的，"
            "按名单更新后再确认。")
        self.delegates_bar.show()

    def refresh_all_delegates(self) -> None:
        poll = self.current()
        if poll is None or not views.confirm(
                self, "更新全体代表人数", f"把“{poll.title}”的全体代表由 {poll.all_delegates} 人改为代表名单按"
                f"投票当日计算的 {roster.delegates_on(poll.vote_date)} 人？\n过半数和法定人数随之重算。", "更新"):
            return
        try:
            counting.refresh_all_delegates(poll.poll_id)
        except ServiceError as exc:
            warn(self, "无法更新全体代表人数", exc.message)
        self._written(poll.poll_id)

    def confirm_result(self) -> None:
        poll = self.current()
        if poll is None or not views.confirm(
                self, "确认计票结果", f"确认“{poll.title}”的计票结果？\n确认后锁定，只能以更正方式修改。", "确认"):
            return
        try:
            counting.confirm(poll.poll_id, self.now())
        except ServiceError as exc:
            warn(self, "无法确认", exc.message)
        self._written(poll.poll_id)

    def arrange_revote(self) -> int | None:
        poll = self.current()
        if poll is None:
            return None
        try:
            new = counting.create_revote(poll.poll_id, self.now())
        except ServiceError as exc:
            warn(self, "无法安排再次投票", exc.message)
            return None
        self._written(new)
        self.tabs.setCurrentWidget(self.entry_tab)
        return new

    def arrange_new_vote(self) -> int | None:
        poll = self.current()
        if poll is None:
            return None
        try:
            new = counting.create_new_vote(poll.poll_id, self.now())
        except ServiceError as exc:
            warn(self, "无法安排重新投票", exc.message)
            return None
        self._written(new)
        self.tabs.setCurrentWidget(self.entry_tab)
        return new

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def correct(self) -> CorrectionDialog | None:
        poll = self.current()
        if poll is None or poll.confirmed_at is None:
            return None
        dialog = CorrectionDialog(poll, self.form_write_ins(poll), voting.list_boxes(),
                                  lambda box_id: counting.entered(poll.poll_id, box_id, 1), self)

        def submit() -> None:
            box_id, papers, figures, reason = dialog.value()
            counting.correct(poll.poll_id, box_id, papers, figures, reason, self.now())

        dialog.submit = submit
        dialog.accepted.connect(lambda: self._written(poll.poll_id))
        dialog.open()
        return dialog

    def arrange_further_round(self) -> FurtherRoundDialog | None:
        poll = self.current()
        if poll is None:
            return None
        outcome = counting.result(poll.poll_id)
        children = [line.poll for line in self.polls.rows() if line.poll.parent_id == poll.poll_id]
        choices = self._further_choices(outcome, poll.confirmed_at is not None, children)
        if not choices:
            return None
        dialog = FurtherRoundDialog([(eid, office) for eid, office, _ in choices],
                                    lambda eid: counting.further_round_candidates(poll.poll_id, eid),
                                    counting.further_round_least, self)
        added: list[int] = []

        def submit() -> None:
            election_id, person_ids = dialog.value()
            added.append(counting.create_further_round(poll.poll_id, election_id, person_ids, self.now()))

        dialog.submit = submit
        dialog.accepted.connect(lambda: self._arranged(added[-1] if added else None))
        dialog.open()
        return dialog

    def _arranged(self, poll_id: int | None) -> None:
        self._written(poll_id)
        self.tabs.setCurrentWidget(self.entry_tab)

    def form_write_ins(self, poll: PollRow) -> dict[int, bool]:
        """Which of POLL's elections get 另选人 rows: as the election says, never in a re-vote,
        which is among the tied candidates only."""
        return {pe.poll_election_id: poll.kind != "再次投票" and self._write_ins.get(pe.election_id, False)
                for pe in poll.elections}

    # ------------------------------------------------------------ polls

    def _written(self, poll_id: int | None = None) -> None:
        self._wanted = poll_id
        self.refresh()
        self.changed.emit()

    def _default_meeting(self) -> int | None:
        """The first plenary from today on, else the last one: elections close a session."""
        plenaries = [m for m in schedule.list_meetings() if m.kind == "全体会议"]
        today = self.now().date()
        upcoming = [m for m in plenaries if m.date >= today]
        chosen = upcoming[0] if upcoming else (plenaries[-1] if plenaries else None)
        return chosen.meeting_id if chosen else None

    def new_poll(self) -> NewPollDialog | None:
        if not self.entry_tab.may_leave():
            return None
        dialog = NewPollDialog(elections.list_elections(), voting.list_vote_items(),
                               [m for m in schedule.list_meetings() if m.kind == "全体会议"],
                               self._default_meeting(), self)
        added: list[int] = []

        def submit() -> None:
            title, election_ids, item_ids, meeting_id, vote_time = dialog.value()
            added.append(counting.create_poll(title, election_ids, item_ids, meeting_id=meeting_id,
                                              vote_time=vote_time, now=self.now()))

        dialog.submit = submit
        dialog.accepted.connect(lambda: self._written(added[-1] if added else None))
        dialog.open()
        return dialog

    def remove_poll(self) -> None:
        poll = self.current()
        if poll is None:
            return
        if not views.confirm(self, "删除投票", f"删除投票“{poll.title}”？\n已录入的各票箱票数一并删除。", "删除"):
            return
        try:
            counting.remove_poll(poll.poll_id)
            drafts.discard_tally(poll.poll_id)  # a pass typed and not saved goes with its poll
        except ServiceError as exc:
            warn(self, "无法删除投票", exc.message)
        self.form.mark_clean()
        self._written()

    def save_present(self) -> None:
        poll = self.current()
        if poll is None or not self.may_write(page.COUNTING):
            return
        present = self.present.value() or None
        if present == poll.present:
            return
        try:
            counting.set_present(poll.poll_id, present)
        except ServiceError as exc:
            warn(self, "无法修改到会人数", exc.message)
        self._written(poll.poll_id)

    def save_vote_time(self) -> None:
        poll = self.current()
        if poll is None or poll.confirmed_at is not None or not self.may_write(page.COUNTING):
            return
        text = self.vote_time.text()
        if text.strip() == poll.vote_time:
            return
        try:
            counting.set_vote_time(poll.poll_id, text)
        except ServiceError as exc:
            warn(self, "无法修改投票时间", exc.message)
            self.vote_time.setText(poll.vote_time)
            return
        self._written(poll.poll_id)

    # ------------------------------------------------------------ papers

    def _fill_print_menu(self) -> None:
        self.heading.fill_print_menu()

    def paper_options(self, kind: str) -> dict:
        """The chosen poll's paper (the 公告 are the session's, whichever poll is chosen)."""
        return {"poll": self.current_id()} if "poll" in _options_of(kind) and self.current_id() else {}

    def print_paper(self, kind: str) -> QWidget | None:
        return self.heading.print_paper(kind)


def _options_of(kind: str) -> list[str]:
    return printing.options_of(kind) if kind in printing.PAPERS else []

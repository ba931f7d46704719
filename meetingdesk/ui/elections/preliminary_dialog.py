"""预选计票: each delegation's report typed twice, the sums and what they decide, and the
official candidates fixed from them. Every 保存 writes at once; the dialog keeps only what is
being typed into the open sheet."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, preliminary
from meetingdesk.services.preliminary import DelegationLine, RoundResult, RoundRow, SheetInput
from meetingdesk.ui.common import views
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.models import RowsModel
from meetingdesk.ui.common.views import RED, current_row, select_row, table_view
from meetingdesk.ui.counting.entry_table import number_spin
from meetingdesk.ui.elections.signing import PreScrutineersDialog


class DelegationLinesModel(RowsModel):
    headers = ("代表团", Role.DELEGATE, "参加", "录入情况")

    def text(self, row: DelegationLine, column: int) -> str:
        present = str(row.sheet.present) if row.sheet else ""
        state = row.state + ("（无效）" if row.problems else "")
        return [row.delegation, str(row.delegates), present, state][column]

    def extra(self, row: DelegationLine, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and (row.problems or row.state == "两遍不一致"):
            return QColor(RED)
        return None


class PreliminaryDialog(QDialog):
    """The preliminary vote of one election."""

    written = Signal()

    def __init__(self, election_id: int, office: str, now: Callable[[], dt.datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"预选计票 — {office}")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(1100, 680)
        self.election_id = election_id
        self.now = now

        self.round_choice = QComboBox()
        self.round_choice.currentIndexChanged.connect(self._show_round)
        self.start_button = QPushButton("开始预选")
        self.start_button.clicked.connect(self.start)
        self.revote_button = QPushButton("就得票相等者再次预选")
        self.revote_button.clicked.connect(self.revote)
        self.adopt_button = QPushButton("按预选得票确定正式候选人…")
        self.adopt_button.clicked.connect(self.adopt)
        self.scrutineers_button = QPushButton("预选监票人…")
        self.scrutineers_button.setToolTip("各代表团从不是预选候选人的代表中推定，在预选计票结果报告上签字")
        self.scrutineers_button.clicked.connect(self.scrutineers)
        top = QHBoxLayout()
        top.addWidget(QLabel("轮次"))
        top.addWidget(self.round_choice, 1)
        top.addWidget(self.start_button)
        top.addWidget(self.revote_button)
        top.addWidget(self.adopt_button)
        top.addWidget(self.scrutineers_button)

        self.lines = DelegationLinesModel(self)
        self.line_view = table_view(self.lines, sortable=False)
        self.line_view.selectionModel().currentRowChanged.connect(self._show_sheet)

        self.entry_group = QButtonGroup(self)
        entry_row = QHBoxLayout()
        for entry in preliminary.ENTRIES:
            button = QRadioButton(f"第 {entry} 遍")
            self.entry_group.addButton(button, entry)
            entry_row.addWidget(button)
        self.entry_group.button(1).setChecked(True)
        self.entry_group.idToggled.connect(lambda _id, on: on and self._show_sheet())
        entry_row.addStretch()
        self.sheet_title = QLabel()
        self.present, self.issued, self.returned, self.void = (number_spin() for _ in range(4))
        figures = QFormLayout()
        figures.addRow("参加预选人数", self.present)
        figures.addRow("发出预选选票", self.issued)
        figures.addRow("收回预选选票", self.returned)
        figures.addRow("无效票", self.void)
        self.votes_form = QFormLayout()
        votes_box = QWidget()
        votes_box.setLayout(self.votes_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(votes_box)
        self.vote_spins: dict[int, object] = {}
        self.save_button = QPushButton("保存本遍")
        self.save_button.clicked.connect(self.save)
        sheet = QWidget()
        sheet_layout = QVBoxLayout(sheet)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_layout.addWidget(self.sheet_title)
        sheet_layout.addLayout(entry_row)
        sheet_layout.addLayout(figures)
        sheet_layout.addWidget(QLabel("各候选人得票"))
        sheet_layout.addWidget(scroll, 1)
        sheet_layout.addWidget(self.save_button)

        self.report = QTextBrowser()
        splitter = QSplitter()
        splitter.addWidget(self.line_view)
        splitter.addWidget(sheet)
        splitter.addWidget(self.report)
        splitter.setSizes([330, 330, 440])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._outcome: RoundResult | None = None
        self.refresh()

    # ------------------------------------------------------------ reading

    def rounds(self) -> list[RoundRow]:
        return preliminary.rounds(self.election_id)

    def current_round(self) -> RoundRow | None:
        return self.round_choice.currentData(Qt.ItemDataRole.UserRole + 1)

    def refresh(self, round_id: int | None = None) -> None:
        found = self.rounds()
        wanted = round_id or (self.current_round().round_id if self.current_round() else None)
        self.round_choice.blockSignals(True)
        self.round_choice.clear()
        for r in found:
            self.round_choice.addItem(r.title)
            self.round_choice.setItemData(self.round_choice.count() - 1, r, Qt.ItemDataRole.UserRole + 1)
        at = next((i for i, r in enumerate(found) if r.round_id == wanted), len(found) - 1)
        self.round_choice.setCurrentIndex(at)
        self.round_choice.blockSignals(False)
        self.start_button.setVisible(not found)
        self._show_round()

    def _show_round(self, *_) -> None:
        row = self.current_round()
        chosen = current_row(self.line_view)
        while self.votes_form.rowCount():
            self.votes_form.removeRow(0)
        self.vote_spins = {}
        if row is None:
            self._outcome = None
            self.lines.set_rows([])
            self.report.setHtml("<p>尚未开始预选。点“开始预选”，按全部被提名人和办法规定的候选人数建立第一轮。</p>")
            self._enable(False)
            return
        for c in row.candidates:
            spin = number_spin()
            self.vote_spins[c.person_id] = spin
            self.votes_form.addRow(c.display, spin)
        self._outcome = preliminary.result(row.round_id)
        self.lines.set_rows(list(self._outcome.lines))
        index = self.lines.index_by("delegation_id", chosen.delegation_id) if chosen else self.lines.index(0, 0)
        if index.isValid():
            select_row(self.line_view, index)
        self.report.setHtml(report_html(self._outcome))
        last = self.rounds()[-1]
        open_ = row.adopted_at is None
        self._enable(open_)
        o = self._outcome.outcome
        self.revote_button.setEnabled(open_ and row.round_id == last.round_id and o is not None and bool(o.revote))
        self.adopt_button.setEnabled(open_ and row.round_id == last.round_id and o is not None and not o.revote)
        self._show_sheet()

    def _enable(self, on: bool) -> None:
        for w in (self.save_button, self.present, self.issued, self.returned, self.void, *self.vote_spins.values()):
            w.setEnabled(on)
        if not on:
            self.revote_button.setEnabled(False)
            self.adopt_button.setEnabled(False)

    def entry(self) -> int:
        return self.entry_group.checkedId()

    def _show_sheet(self, *_) -> None:
        row, line = self.current_round(), current_row(self.line_view)
        if row is None or line is None:
            self.sheet_title.setText("")
            return
        self.sheet_title.setText(f"<b>{escape(line.delegation)}</b>（在任代表 {line.delegates} 人）")
        sheet = preliminary.entered(row.round_id, line.delegation_id, self.entry())
        values = sheet or SheetInput(0, 0, 0, 0, {})  # nothing pre-filled: each clerk copies the report
        for spin, value in ((self.present, values.present), (self.issued, values.issued),
                            (self.returned, values.returned), (self.void, values.void)):
            spin.setValue(value)
        for pid, spin in self.vote_spins.items():
            spin.setValue(values.votes.get(pid, 0))

    # ------------------------------------------------------------ writing

    def value(self) -> SheetInput:
        return SheetInput(self.present.value(), self.issued.value(), self.returned.value(), self.void.value(),
                          {pid: spin.value() for pid, spin in self.vote_spins.items()})

    def save(self) -> bool:
        row, line = self.current_round(), current_row(self.line_view)
        if row is None or line is None:
            return False
        try:
            preliminary.enter(row.round_id, line.delegation_id, self.entry(), self.value())
        except ServiceError as exc:
            warn(self, "无法保存预选计票", exc.message)
            return False
        self._after_write(row.round_id)
        self._next_sheet(line.delegation_id)
        return True

    def _next_sheet(self, done: int) -> None:
        """After a save, on to the next delegation still waiting for this clerk's entry."""
        rows = self.lines.rows()
        at = next((i for i, r in enumerate(rows) if r.delegation_id == done), 0)
        select_row(self.line_view, self.lines.index((at + 1) % max(len(rows), 1), 0))
        self._show_sheet()
        self.present.setFocus()

    def _after_write(self, round_id: int | None = None) -> None:
        self.refresh(round_id)
        self.written.emit()

    def start(self) -> None:
        try:
            round_id = preliminary.start(self.election_id, self.now())
        except ServiceError as exc:
            warn(self, "无法开始预选", exc.message)
            return
        self._after_write(round_id)

    def revote(self) -> None:
        row = self.current_round()
        if row is None:
            return
        try:
            round_id = preliminary.create_revote(row.round_id, self.now())
        except ServiceError as exc:
            warn(self, "无法安排再次预选", exc.message)
            return
        self._after_write(round_id)

    def scrutineers(self) -> PreScrutineersDialog:
        """The delegations' 预选监票人 (opened window-modal and returned, for the tests)."""
        dialog = PreScrutineersDialog(self)
        dialog.accepted.connect(self.written.emit)
        dialog.open()
        return dialog

    def adopt(self) -> None:
        try:
            chosen, lines = preliminary.official(self.election_id)
        except ServiceError as exc:
            warn(self, "不能确定正式候选人", exc.message)
            return
        names = "、".join(c.display for r in self.rounds() for c in r.candidates if c.person_id in chosen)
        if not views.confirm(self, "确定正式候选人",
                             f"按预选得票多少的顺序，确定正式候选人 {len(chosen)} 人：{names}。\n"
                             "其余被提名人不再列为候选人（记录原因和得票）。确定？", "确定正式候选人"):
            return
        try:
            preliminary.adopt(self.election_id, self.now())
        except ServiceError as exc:
            warn(self, "不能确定正式候选人", exc.message)
            return
        self._after_write()


def report_html(outcome: RoundResult) -> str:
    row = outcome.round
    parts = [f"<h3>{escape(row.title)}</h3>",
             f"<p>应确定正式候选人 {row.places} 人；各代表团的预选计票两遍录入一致、参加人数过半、"
             "收回不多于发出，方可汇总。</p>"]
    waiting = [line.delegation for line in outcome.lines if line.state != "两遍一致"]
    if waiting:
        parts.append(f"<p>尚待录入或核对：{escape('、'.join(waiting))}。</p>")
    if outcome.differences:
        parts.append(f"<p style='color:{RED}'>两遍录入不一致：</p><ul style='color:{RED}'>"
                     + "".join(f"<li>{escape(d)}</li>" for d in outcome.differences) + "</ul>")
    if outcome.problems:
        parts.append(f"<ul style='color:{RED}'>" + "".join(f"<li>{escape(p)}</li>" for p in outcome.problems)
                     + "</ul>")
    names = {c.person_id: c.display for c in row.candidates}
    ranked = sorted(outcome.totals.items(), key=lambda kv: -kv[1])
    parts.append("<p>已核对的代表团合计得票：</p><table cellpadding='2'>"
                 + "".join(f"<tr><td>{escape(names[pid])}</td><td align='right'>{votes} 票</td></tr>"
                           for pid, votes in ranked) + "</table>")
    if outcome.outcome is not None:
        parts.append("<p><b>结果</b></p><ul>" + "".join(f"<li>{escape(line)}</li>"
                                                         for line in outcome.outcome.lines) + "</ul>")
    if row.adopted_at is not None:
        parts.append(f"<p>主席团已于 {row.adopted_at:%Y-%m-%d %H:%M} 按预选结果确定正式候选人。</p>")
    return "".join(parts)

"""The form a clerk fills in from one box's tally sheet: ballots issued and returned, each
candidate's and each item's figures, with the running sums beside them.

Built for typing numbers fast (entry_table): Tab or Enter moves to the next number cell, across
the tables and the spins; a digit typed on a cell replaces its number.

Every change is checked by the service (counting.check_entry) as it is typed: a figure that
cannot be turns its cell red, one to be looked at amber, each with its message as the tooltip,
and all are listed under the form; the service refuses to save while any cannot be.
"""
from __future__ import annotations

import dataclasses
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules.counting import COLUMNS, Impossible
from meetingdesk.services import ServiceError, counting
from meetingdesk.services.counting import Figure, PollElectionRow, PollItemRow, PollRow
from meetingdesk.ui.common.views import RED
from meetingdesk.ui.counting.entry_table import MOST, EntryTable, number_spin, show_mark
from meetingdesk.ui.counting.models import Line, SheetModel

AMBER = "#8a5a00"  # the text of a notice: may be right, should be looked at
FIGURE_COLUMNS = {"yes": 1, "no": 2, "abstain": 3, "void": 4}  # a Figure's field: its column in a sheet
SHOWN = 6  # problems listed under the form; the rest are counted


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold")
    return label


def _counts(values, n: int) -> list[int]:
    """N figures from a draft's list, each a whole number from 0 to MOST (anything else: 0)."""
    values = values if isinstance(values, list) else []
    found = []
    for i in range(n):
        v = values[i] if i < len(values) else 0
        found.append(v if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MOST else 0)
    return found


def _merge(mark: tuple[bool, str] | None, found: Impossible) -> tuple[bool, str]:
    """One cell's mark with FOUND added: an error outweighs a notice; every message is kept."""
    if mark is None:
        return found.error, found.message
    return mark[0] or found.error, mark[1] + "\n" + found.message


class ElectionSheet(QWidget):
    """One election on the 选票: its candidates (and 另选人), then the void ballots."""

    def __init__(self, election: PollElectionRow, write_ins: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # the column's stretch takes the rest
        self.election = election
        self.returned = 0
        self.whole_mark: tuple[bool, str] | None = None  # of the 废票 line: the election as a whole
        self.model = SheetModel(("姓名", "赞成", "反对", "弃权"), "有效选票", self)
        self.table = EntryTable(self.model)
        self.void = number_spin()
        self.void.valueChanged.connect(self._update_expected)
        self.valid_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel("废票"))
        row.addWidget(self.void)
        row.addWidget(self.valid_label, 1)
        self.add_button = self.remove_button = None
        if write_ins:
            # kept out of the Tab order: typing figures should not stop on buttons
            self.add_button = QPushButton("添加另选人")
            self.remove_button = QPushButton("删除另选人")
            self.add_button.setToolTip("另选他人的，加一行填写另选人姓名和赞成票数")
            for button in (self.add_button, self.remove_button):
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                row.addWidget(button)
            self.add_button.clicked.connect(self.add_write_in)
            self.remove_button.clicked.connect(self.remove_write_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(_caption(f"{election.office}（应选 {election.seats} 人）"))
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.clear()

    def clear(self) -> None:
        self.model.set_lines([Line(c.display, [0, 0, 0], person_id=c.person_id) for c in self.election.candidates])
        self.void.setValue(0)

    def load(self, figures: list[Figure]) -> None:
        mine = [f for f in figures if f.poll_election_id == self.election.poll_election_id and f.poll_item_id is None]
        by_person = {f.person_id: f for f in mine if f.person_id is not None}
        lines = []
        for c in self.election.candidates:
            f = by_person.get(c.person_id)
            lines.append(Line(c.display, [f.yes, f.no, f.abstain] if f else [0, 0, 0], person_id=c.person_id))
        lines += [Line(f.write_in, [f.yes, f.no, f.abstain], write_in=True, checked=False)
                  for f in mine if f.person_id is None and f.write_in]
        self.model.set_lines(lines)
        self.void.setValue(sum(f.void for f in mine if f.person_id is None and not f.write_in))

    def draft(self) -> dict:
        """Every row as typed, for a draft: a write-in without a name, or a name twice, too."""
        lines = self.model.lines()
        return {"candidates": {str(line.person_id): list(line.values) for line in lines if not line.write_in},
                "write_ins": [[line.name, *line.values] for line in lines if line.write_in],
                "void": self.void.value()}

    def restore(self, data: dict) -> None:
        """Show a draft of this election: the candidates found in it get its figures."""
        data = data if isinstance(data, dict) else {}
        candidates = data.get("candidates") if isinstance(data.get("candidates"), dict) else {}
        lines = [Line(c.display, _counts(candidates.get(str(c.person_id)), 3), person_id=c.person_id)
                 for c in self.election.candidates]
        write_ins = data.get("write_ins") if isinstance(data.get("write_ins"), list) else []
        lines += [Line(w[0] if isinstance(w[0], str) else "", _counts(w[1:], 3), write_in=True, checked=False)
                  for w in write_ins if isinstance(w, list) and w]
        self.model.set_lines(lines)
        self.void.setValue(_counts([data.get("void")], 1)[0])

    def figures(self, strict: bool = True) -> list[Figure]:
        """The figures as counting.enter takes them. STRICT: a write-in row with figures and no
        name, or a name twice, is refused; else (checking while the clerk types) passed over."""
        peid = self.election.poll_election_id
        found = []
        names: set[str] = set()
        write_in = 0
        for line in self.model.lines():
            yes, no, abstain = line.values
            if not line.write_in:
                found.append(Figure(peid, line.person_id, yes=yes, no=no, abstain=abstain))
                continue
            write_in += 1
            if not line.name:
                if any(line.values) and strict:
                    raise ServiceError(f"{self.election.office}：第 {write_in} 行另选人有票数，请填写姓名。", "figures")
                continue  # an empty row added by mistake
            if line.name in names:
                if strict:
                    raise ServiceError(f"{self.election.office}：另选人“{line.name}”填了两行，请合并为一行。",
                                       "figures")
                continue
            names.add(line.name)
            found.append(Figure(peid, write_in=line.name, yes=yes, no=no, abstain=abstain))
        found.append(Figure(peid, void=self.void.value()))
        return found

    def row_of(self, key: tuple) -> int | None:
        """The table row of a Figure.key of this election (None: the 废票 line or not ours)."""
        _, person_id, write_in, _ = key
        for row, line in enumerate(self.model.lines()):
            if (person_id is not None and line.person_id == person_id) or (
                    write_in and line.write_in and line.name == write_in):
                return row
        return None

    def show_found(self, found: list[Impossible]) -> None:
        """Mark the cells of FOUND (this election's figures only); what concerns the election as a
        whole (its 废票, more marks than seats allow) goes to the 废票 field."""
        marks: dict[tuple[int, int], tuple[bool, str]] = {}
        whole = None
        for f in found:
            row = self.row_of(f.key)
            if row is None:
                whole = _merge(whole, f)
            else:
                cell = (row, FIGURE_COLUMNS[f.column])
                marks[cell] = _merge(marks.get(cell), f)
        self.model.set_marks(marks)
        self.whole_mark = whole
        self._update_expected()

    def set_returned(self, returned: int) -> None:
        self.returned = returned
        self._update_expected()

    def _update_expected(self, *_) -> None:
        valid = self.returned - self.void.value()
        self.model.set_expected(valid)
        self.valid_label.setText(f"有效选票 = 收回 {self.returned} − 废票 {self.void.value()} = {valid} 张")
        self.valid_label.setStyleSheet(f"color: {RED}" if valid < 0 else "color: #555555")
        show_mark(self.void, self.whole_mark)

    def add_write_in(self) -> None:
        index = self.model.add_write_in()
        self.table.setFocus()
        self.table.open(index)

    def remove_write_in(self) -> None:
        index = self.table.currentIndex()
        rows = [r for r in range(self.model.rowCount()) if self.model.line(r).write_in]
        if not rows:
            return
        self.model.remove_write_in(index.row() if index.isValid() and index.row() in rows else rows[-1])


class ItemsSheet(QWidget):
    """The 表决票: each item's 赞成, 反对, 弃权 and 无效, which together make the returned papers."""

    def __init__(self, items: tuple[PollItemRow, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # the column's stretch takes the rest
        self.items = items
        self.model = SheetModel(("表决事项", "赞成", "反对", "弃权", "无效"), "收回表决票", self)
        self.table = EntryTable(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(_caption(f"表决票（{len(items)} 项）"))
        layout.addWidget(self.table)
        self.clear()

    def clear(self) -> None:
        self.load([])

    def load(self, figures: list[Figure]) -> None:
        by_item = {f.poll_item_id: f for f in figures if f.poll_item_id is not None}
        lines = []
        for number, item in enumerate(self.items, start=1):
            f = by_item.get(item.poll_item_id)
            values = [f.yes, f.no, f.abstain, f.void] if f else [0, 0, 0, 0]
            lines.append(Line(f"{number}. {item.title}", values, poll_item_id=item.poll_item_id, tooltip=item.title))
        self.model.set_lines(lines)

    def draft(self) -> dict:
        return {str(line.poll_item_id): list(line.values) for line in self.model.lines()}

    def restore(self, data: dict) -> None:
        data = data if isinstance(data, dict) else {}
        self.model.set_lines([Line(f"{number}. {item.title}", _counts(data.get(str(item.poll_item_id)), 4),
                                   poll_item_id=item.poll_item_id, tooltip=item.title)
                              for number, item in enumerate(self.items, start=1)])

    def figures(self) -> list[Figure]:
        return [Figure(poll_item_id=line.poll_item_id, yes=line.values[0], no=line.values[1],
                       abstain=line.values[2], void=line.values[3]) for line in self.model.lines()]

    def show_found(self, found: list[Impossible]) -> None:
        rows = {line.poll_item_id: row for row, line in enumerate(self.model.lines())}
        marks: dict[tuple[int, int], tuple[bool, str]] = {}
        for f in found:
            if f.key[3] in rows:
                cell = (rows[f.key[3]], FIGURE_COLUMNS[f.column])
                marks[cell] = _merge(marks.get(cell), f)
        self.model.set_marks(marks)

    def set_returned(self, returned: int) -> None:
        self.model.set_expected(returned)


class SheetForm(QWidget):
    """One box's figures for one poll. `dirty` says something was typed since the last load;
    `edited` follows every change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.poll: PollRow | None = None
        self._check_poll: PollRow | None = None  # POLL with its 全体代表 filled in, read once
        self.found: list[Impossible] = []  # what cannot be (or should be looked at) in the figures typed
        self.papers: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        self.elections: list[ElectionSheet] = []
        self.items_sheet: ItemsSheet | None = None
        self.dirty = False
        self._loading = False
        self.papers_row = QHBoxLayout()
        self.papers_row.setContentsMargins(0, 0, 0, 0)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.problems = QLabel()  # the figures that cannot be, listed under the form
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)
        self.problems.hide()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.viewport().setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        papers = QWidget()
        papers.setLayout(self.papers_row)
        layout.addWidget(papers)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.problems)
        QApplication.instance().focusChanged.connect(self._follow_focus)

    # ------------------------------------------------------------ building

    def set_poll(self, poll: PollRow | None, write_ins: dict[int, bool] | None = None) -> None:
        """Lay out the form for POLL's papers, elections and items (WRITE_INS by poll_election_id)."""
        self._set_row(poll)
        write_ins = write_ins or {}
        while self.papers_row.count():
            item = self.papers_row.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone at once, not when the event loop deletes it
                item.widget().deleteLater()
        self.papers = {}
        for paper in poll.papers if poll else ():
            issued, returned = number_spin(), number_spin()
            self.papers[paper] = (issued, returned)
            self.papers_row.addWidget(_caption(paper))
            for text, spin in (("发出", issued), ("收回", returned)):
                self.papers_row.addWidget(QLabel(text))
                self.papers_row.addWidget(spin)
                spin.valueChanged.connect(self._changed)
            self.papers_row.addSpacing(24)
        self.papers_row.addStretch()

        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 8, 0)
        self.elections = []
        if poll and poll.elections:
            left = QVBoxLayout()
            for pe in poll.elections:
                sheet = ElectionSheet(pe, write_ins.get(pe.poll_election_id, False))
                self.elections.append(sheet)
                left.addWidget(sheet)
                left.addSpacing(10)
                sheet.void.valueChanged.connect(self._changed)
                self._watch(sheet.model)
            left.addStretch()
            columns.addLayout(left, 4)
        self.items_sheet = None
        if poll and poll.items:
            self.items_sheet = ItemsSheet(poll.items)
            self._watch(self.items_sheet.model)
            right = QVBoxLayout()
            right.addWidget(self.items_sheet)
            right.addStretch()
            columns.addLayout(right, 7)
        elif poll and poll.elections:
            columns.addStretch(5)  # a 选票 alone keeps its tables narrow
        old = self.scroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self.scroll.setWidget(content)
        content.setAutoFillBackground(False)  # setWidget turns it on: keep the tab's background
        self.scroll.setVisible(poll is not None)
        self._update_sums()
        self.dirty = False

    def set_poll_row(self, poll: PollRow) -> None:
        """POLL read again with the same papers (its present or 全体代表 changed): check again."""
        self._set_row(poll)
        self._update_sums()

    def _set_row(self, poll: PollRow | None) -> None:
        self.poll = poll
        # 全体代表 as the service will take it, read once rather than at every keystroke
        self._check_poll = None if poll is None else dataclasses.replace(
            poll, all_delegates=counting.all_delegates_of(poll))

    def _watch(self, model: SheetModel) -> None:
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._changed)

    # ------------------------------------------------------------ values

    def clear(self) -> None:
        self.load({}, [])

    def load(self, papers: dict[str, tuple[int, int]], figures: list[Figure]) -> None:
        """Show what was entered (nothing: zeros); the form is clean afterwards."""
        self._loading = True
        try:
            for paper, (issued, returned) in self.papers.items():
                values = papers.get(paper, (0, 0))
                issued.setValue(values[0])
                returned.setValue(values[1])
            for sheet in self.elections:
                sheet.load(figures)
            if self.items_sheet is not None:
                self.items_sheet.load(figures)
        finally:
            self._loading = False
        self._update_sums()
        self.dirty = False

    def value(self) -> tuple[dict[str, tuple[int, int]], list[Figure]]:
        """(papers, figures) as counting.enter takes them; a write-in without a name is refused."""
        papers = {paper: (issued.value(), returned.value()) for paper, (issued, returned) in self.papers.items()}
        figures = [f for sheet in self.elections for f in sheet.figures()]
        if self.items_sheet is not None:
            figures += self.items_sheet.figures()
        return papers, figures

    def draft(self) -> dict:
        """Everything typed, as a draft keeps it (JSON): unlike value(), nothing is refused."""
        papers = {paper: [issued.value(), returned.value()] for paper, (issued, returned) in self.papers.items()}
        return {"papers": papers,
                "elections": {str(s.election.poll_election_id): s.draft() for s in self.elections},
                "items": self.items_sheet.draft() if self.items_sheet is not None else {}}

    def restore(self, data: dict) -> None:
        """Show a draft: what matches this poll's papers and rows is filled in, the rest is passed
        over. The form is dirty afterwards: a draft is not a saved pass."""
        data = data if isinstance(data, dict) else {}
        papers = data.get("papers") if isinstance(data.get("papers"), dict) else {}
        elections = data.get("elections") if isinstance(data.get("elections"), dict) else {}
        self._loading = True
        try:
            for paper, (issued, returned) in self.papers.items():
                values = _counts(papers.get(paper), 2)
                issued.setValue(values[0])
                returned.setValue(values[1])
            for sheet in self.elections:
                sheet.restore(elections.get(str(sheet.election.poll_election_id)))
            if self.items_sheet is not None:
                self.items_sheet.restore(data.get("items"))
        finally:
            self._loading = False
        self._update_sums()
        self.dirty = True

    def mark_clean(self) -> None:
        self.dirty = False

    def errors(self) -> list[Impossible]:
        """The figures typed that cannot be: saving is refused while there are any."""
        return [f for f in self.found if f.error]

    def focus_first_error(self) -> None:
        """Put the cursor on the first figure that cannot be, so the clerk can correct it."""
        for f in self.errors():
            if isinstance(f.key, str):
                if f.key in self.papers:
                    self.papers[f.key][1 if f.column == "returned" else 0].setFocus()
                    return
                continue
            if f.key[3] is not None and self.items_sheet is not None:
                rows = [line.poll_item_id for line in self.items_sheet.model.lines()]
                if f.key[3] in rows:
                    table = self.items_sheet.table
                    table.setFocus()
                    table.open(self.items_sheet.model.index(rows.index(f.key[3]), FIGURE_COLUMNS[f.column]))
                    return
            for sheet in self.elections:
                if sheet.election.poll_election_id != f.key[0]:
                    continue
                row = sheet.row_of(f.key)
                if row is None:
                    sheet.void.setFocus()
                else:
                    sheet.table.setFocus()
                    sheet.table.open(sheet.model.index(row, FIGURE_COLUMNS[f.column]))
                return

    def mismatches(self) -> int:
        models = [s.model for s in self.elections] + ([self.items_sheet.model] if self.items_sheet else [])
        return sum(m.mismatches() for m in models)

    # ------------------------------------------------------------ sums

    def _changed(self, *_) -> None:
        self._update_sums()
        if not self._loading:
            self.dirty = True
            self.edited.emit()

    def _update_sums(self) -> None:
        returned = {paper: spins[1].value() for paper, spins in self.papers.items()}
        for sheet in self.elections:
            sheet.set_returned(returned.get("选票", 0))
        if self.items_sheet is not None:
            self.items_sheet.set_returned(returned.get("表决票", 0))
        self._check()
        problems = []
        for paper, (issued, back) in self.papers.items():
            if back.value() > issued.value():
                problems.append(f"{paper}收回多于发出，该票无效")
        if self.poll is None:
            self.totals.setText("")
            return
        bad = self.mismatches()
        if bad:
            problems.append(f"{bad} 行赞成、反对、弃权（无效）之和与有效票数不符，已标红")
        parts = [f"{paper}发出 {i.value()} 张、收回 {r.value()} 张" for paper, (i, r) in self.papers.items()]
        text = "本票箱：" + "；".join(parts) + "。" if parts else ""
        self.totals.setText(text + ("　" + "；".join(problems) + "。" if problems else "　各行合计相符。"))
        self.totals.setStyleSheet(f"color: {RED}" if problems else "color: #1b5e20")

    def _check(self) -> None:
        """Ask the service what in the figures typed cannot be, and show it at its cell and
        under the form: at every change, so the clerk sees it while typing."""
        if self._check_poll is None:
            self.found = []
        else:
            papers = {paper: (issued.value(), back.value()) for paper, (issued, back) in self.papers.items()}
            figures = [f for sheet in self.elections for f in sheet.figures(strict=False)]
            if self.items_sheet is not None:
                figures += self.items_sheet.figures()
            self.found = counting.check_entry(self._check_poll, papers, figures)
        for paper, spins in self.papers.items():
            for column, spin in zip(("issued", "returned"), spins, strict=True):
                mark = None
                for f in self.found:
                    if f.key == paper and f.column == column:
                        mark = _merge(mark, f)
                over = column == "returned" and spin.value() > spins[0].value()
                show_mark(spin, mark, RED if over else "")
        for sheet in self.elections:
            sheet.show_found([f for f in self.found if isinstance(f.key, tuple)
                              and f.key[0] == sheet.election.poll_election_id and f.key[3] is None])
        if self.items_sheet is not None:
            self.items_sheet.show_found([f for f in self.found if isinstance(f.key, tuple) and f.key[3] is not None])
        self._list_found()

    def _list_found(self) -> None:
        errors = self.errors()
        notices = [f for f in self.found if not f.error]
        if not self.found:
            self.problems.hide()
            self.problems.setText("")
            return
        lines = []
        if errors:
            lines.append(f"<b style='color:{RED}'>票数不可能成立（{len(errors)} 处，已在格中标红，"
                         "改正以前不能保存）：</b>")
        shown = (errors + notices)[:SHOWN]
        for f in shown:
            colour = RED if f.error else AMBER
            what = "" if f.error else "请核对："
            lines.append(f"<span style='color:{colour}'>· {what}“{COLUMNS[f.column]}”列：{escape(f.message)}</span>")
        rest = len(self.found) - len(shown)
        if rest:
            lines.append(f"<span style='color:{RED}'>另有 {rest} 处，见标色的格（鼠标停在格上可看说明）。</span>")
        self.problems.setText("<br>".join(lines))
        self.problems.show()

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep the cell being typed in on screen: the tables do not scroll, the form does."""
        content = self.scroll.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 10, 30)

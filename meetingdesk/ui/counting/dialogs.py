"""Dialogs of the 计票 page: a new poll, a correction after the presidium's confirmation, and the
candidates of a further round (另行选举) for seats left vacant."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from meetingdesk.services import session
from meetingdesk.services.counting import Figure, PollRow
from meetingdesk.services.elections import ElectionRow
from meetingdesk.services.schedule import MeetingRow
from meetingdesk.services.voting import BoxRow, VoteItemRow
from meetingdesk.ui.common import views
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.counting.form import SheetForm

Entered = tuple[dict[str, tuple[int, int]], list[Figure]]


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555")
    return label


def _checked_list(rows: list[tuple[str, int, bool, str]]) -> QListWidget:
    """(text, id, enabled, tooltip) rows, each a checkbox, the enabled ones checked."""
    widget = QListWidget()
    for text, key, enabled, tip in rows:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setCheckState(Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked)
        if not enabled:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        item.setToolTip(tip or text)
        widget.addItem(item)
    return widget


def checked_ids(widget: QListWidget) -> list[int]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


class NewPollDialog(CheckedDialog):
    """新建投票: its name, the plenary it belongs to, the elections on its 选票 (fixed lists only)
    and the items on its 表决票 — all of them to start with, as one plenary usually votes them all."""

    def __init__(self, elections: list[ElectionRow], items: list[VoteItemRow], meetings: list[MeetingRow],
                 meeting_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("新建投票", parent)
        self.form.addRow(_note("一次投票发一张选票（所选的选举事项）和一张表决票（所选的表决事项），"
                               f"投入同一票箱，分别计票{session.bylaw().cite('分别计票')}。"))
        self.meeting = self.add_field("meeting", "全体会议", QComboBox())
        self.meeting.addItem("（不指定）", None)
        self._names: dict[int, str] = {}
        for m in meetings:
            self.meeting.addItem(m.label, m.meeting_id)
            self._names[m.meeting_id] = m.name
        self.vote_time = self.add_field("vote_time", "投票时间", QLineEdit())
        self.vote_time.setPlaceholderText("如 10:30，可以以后再填")
        self.vote_time.setToolTip("投票开始的时间：在此以前早退的代表不算到会")
        self.vote_time.setMaximumWidth(200)
        self.title = self.add_field("title", "投票名称", QLineEdit())
        self.title.setPlaceholderText("如：第三次全体会议选举和表决")
        self._auto_title = ""
        self.elections = self.add_field("elections", "选举事项（选票）", _checked_list(
            [(e.office + ("" if e.fixed_on else "（候选人名单尚未确定）"), e.election_id, e.fixed_on is not None,
              f"应选 {e.seats} 人，候选人 {len(e.candidates)} 人") for e in elections]))
        self.items = self.add_field("items", "表决事项（表决票）", _checked_list(
            [(f"{i.number}. {i.title}", i.item_id, True, i.title) for i in items]))
        for widget in (self.elections, self.items):  # every row in sight: they are all checked
            row = max(widget.sizeHintForRow(0), widget.fontMetrics().height() + 6)
            widget.setFixedHeight(row * max(widget.count(), 1) + 2 * widget.frameWidth() + 6)
        self.meeting.currentIndexChanged.connect(self._suggest_title)
        if meeting_id is not None:
            self.meeting.setCurrentIndex(max(0, self.meeting.findData(meeting_id)))
        self._suggest_title()
        self.resize(920, self.sizeHint().height())

    def _suggest_title(self, *_) -> None:
        """Name the poll after its meeting, until the clerk writes a name of their own."""
        if self.title.text() not in ("", self._auto_title):
            return
        name = self._names.get(self.meeting.currentData())
        self._auto_title = f"{name}选举和表决" if name else ""
        self.title.setText(self._auto_title)

    def value(self) -> tuple[str, list[int], list[int], int | None, str]:
        return (self.title.text(), checked_ids(self.elections), checked_ids(self.items), self.meeting.currentData(),
                self.vote_time.text())


class CorrectionDialog(CheckedDialog):
    """更正 a confirmed result, box by box: both entries take the corrected figures and the log
    keeps the old ones with the reason."""

    def __init__(self, poll: PollRow, write_ins: dict[int, bool], boxes: list[BoxRow],
                 entered: Callable[[int], Entered], parent: QWidget | None = None) -> None:
        super().__init__(f"更正：{poll.title}", parent)
        self._entered = entered
        self.form.addRow(_note("主席团已确认本次计票结果。更正时选择票箱，改正其中的票数并写明理由；"
                               "两遍录入一并改为更正后的数，原来的数和理由记入记录。"))
        self.box = self.add_field("box", "票箱", QComboBox())
        for b in boxes:
            self.box.addItem(b.name, b.box_id)
        self.sheet = SheetForm()
        self.sheet.set_poll(poll, write_ins)
        self.sheet.setMinimumHeight(430)
        self.form.addRow(self.sheet)
        self.reason = self.add_field("reason", "更正理由", QLineEdit())
        self.reason.setPlaceholderText("如：监票人复核，主席团票箱一张反对票误记为赞成")
        self._box_id: int | None = None
        self.box.currentIndexChanged.connect(self._choose_box)
        self._choose_box()
        self.resize(1100, 680)

    def _choose_box(self, *_) -> None:
        box_id = self.box.currentData()
        if self.sheet.dirty and box_id != self._box_id and not views.confirm(
                self, "切换票箱", "本票箱改过的票数尚未更正，切换后将不保留。确定切换？", "切换"):
            self.box.blockSignals(True)
            self.box.setCurrentIndex(self.box.findData(self._box_id))
            self.box.blockSignals(False)
            return
        self._box_id = box_id
        if box_id is not None:
            self.sheet.load(*self._entered(box_id))

    def value(self) -> tuple[int, dict[str, tuple[int, int]], list[Figure], str]:
        papers, figures = self.sheet.value()
        return self.box.currentData(), papers, figures, self.reason.text()


class FurtherRoundDialog(CheckedDialog):
    """另行选举: the seats an election left vacant are elected again on a ballot of their own, as
    the session's 办法 says. The candidates are chosen here: those not elected, most votes first,
    the top ones checked (as many as the law's 差额 needs)."""

    def __init__(self, choices: list[tuple[int, str]], candidates: Callable[[int], tuple[int, list]],
                 default_count: Callable[[int, int], int], parent: QWidget | None = None) -> None:
        super().__init__("另行选举", parent)
        self._candidates, self._default_count = candidates, default_count
        self.form.addRow(_note("主席团确认的结果有缺额，本次会议的选举和表决办法规定缺额另行选举。另行选举单独印选票，"
                               "当选仍须获得全体代表的过半数选票。候选人按原得票多少排列，默认勾选得票多的几人。"))
        self.election = self.add_field("election", "选举事项", QComboBox())
        for election_id, office in choices:
            self.election.addItem(office, election_id)
        self.seats = QLabel()
        self.form.addRow("缺额", self.seats)
        self.candidates = self.add_field("candidates", "候选人", QListWidget())
        self.candidates.setMinimumHeight(160)
        self.election.currentIndexChanged.connect(self._fill)
        self._fill()
        self.resize(560, self.sizeHint().height())

    def _fill(self, *_) -> None:
        election_id = self.election.currentData()
        self.candidates.clear()
        if election_id is None:
            return
        seats, ranked = self._candidates(election_id)
        self.seats.setText(f"{seats} 人")
        default = self._default_count(election_id, seats)
        for position, (person_id, name, votes) in enumerate(ranked):
            item = QListWidgetItem(f"{name}（原得 {votes} 票）")
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setCheckState(Qt.CheckState.Checked if position < default else Qt.CheckState.Unchecked)
            self.candidates.addItem(item)

    def value(self) -> tuple[int, list[int]]:
        return self.election.currentData(), checked_ids(self.candidates)

"""Qt models of the 计票 page: the polls, one box's sheet as a clerk enters it, the log.

A sheet is edited in the model only; nothing reaches the services until the clerk saves.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from meetingdesk.services.counting import PollResult, PollRow
from meetingdesk.ui.common.models import Headed, RowsModel
from meetingdesk.ui.common.views import RED
from meetingdesk.ui.counting.entry_table import ERROR_BACK, NOTICE_BACK

_Index = QModelIndex | QPersistentModelIndex
PALE_RED = QColor("#fde7ea")
GREY = QColor("#888888")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def short_time(at: dt.datetime | None) -> str:
    return "" if at is None else f"{at.month}月{at.day}日 {at.hour:02d}:{at.minute:02d}"


# ---------------------------------------------------------------- polls


@dataclass(frozen=True)
class PollLine:
    """One poll as the list shows it: its state is worked out by the page from the entries."""

    poll: PollRow
    meeting: str
    state: str
    troubled: bool = False  # the two entries differ, or figures cannot be, or the vote is void

    @property
    def poll_id(self) -> int:
        return self.poll.poll_id


def poll_state(outcome: PollResult) -> str:
    """Where a poll stands, from its result: what keeps it from a result first."""
    poll = outcome.poll
    if poll.confirmed_at is not None:
        return f"已确认（{short_time(poll.confirmed_at)}）"
    if outcome.differences:
        return "两遍不一致"
    if outcome.missing:
        return "录入中"
    if outcome.problems:
        return "票数有误"
    if not outcome.standing:
        return "无效，应重新投票"
    return "待确认"


class PollsModel(RowsModel):
    TITLE, KIND, MEETING, STATE = range(4)
    headers = ("投票", "类别", "会议", "状态")

    def text(self, row: PollLine, column: int) -> str:
        return [row.poll.title, row.poll.kind, row.meeting, row.state][column]

    def sort_value(self, position: int, row: PollLine, column: int):
        return position if column == self.TITLE else self.text(row, column)

    def extra(self, row: PollLine, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE and row.troubled:
            return QBrush(QColor(RED))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return row.poll.title
        return None

    def index_of(self, poll_id: int) -> QModelIndex:
        return self.index_by("poll_id", poll_id)


# ---------------------------------------------------------------- the log


@dataclass(frozen=True)
class ActLine:
    act: str
    reason: str
    at: dt.datetime
    detail: str


class ActsModel(RowsModel):
    AT, ACT, REASON, DETAIL = range(4)
    headers = ("时间", "事项", "理由", "内容")

    def text(self, row: ActLine, column: int) -> str:
        return [short_time(row.at), row.act, row.reason, row.detail][column]

    def extra(self, row: ActLine, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DETAIL:
            return row.detail
        return None


# ---------------------------------------------------------------- one box's sheet


@dataclass
class Line:
    """One row of a sheet: a candidate, a write-in (另选人) or a vote item, with its figures.

    `checked` lines must add up to the sheet's expected total (valid ballots); a write-in
    only gets 赞成 — its other figures are kept as loaded but not edited.
    """

    name: str
    values: list[int]
    person_id: int | None = None
    poll_item_id: int | None = None
    write_in: bool = False
    checked: bool = True
    tooltip: str = ""
    extra: dict = field(default_factory=dict)


class SheetModel(Headed, QAbstractTableModel):
    """Editable figures of one election or of the items: name, the figures, and their sum
    (red when it differs from `expected`, the ballots that should be behind every row)."""

    NAME = 0

    def __init__(self, headers: tuple[str, ...], what: str, parent=None) -> None:
        super().__init__(parent)
        self.headers = headers + ("合计",)
        self.what = what  # how the tooltip names the expected total, e.g. 有效选票
        self.figures = len(headers) - 1
        self.total_column = len(headers)
        self._lines: list[Line] = []
        self.expected = 0
        self._marks: dict[tuple[int, int], tuple[bool, str]] = {}  # (row, column): (error, message)

    # ------------------------------------------------------------ the rows

    def set_lines(self, lines: list[Line]) -> None:
        self.beginResetModel()
        self._lines = lines
        self._marks = {}
        self.endResetModel()

    def set_marks(self, marks: dict[tuple[int, int], tuple[bool, str]]) -> None:
        """Figures that cannot be (error True) or should be looked at, by (row, column), with the
        words to show at the cell. Each changed cell is announced alone, so the editor open on it
        takes its colour too."""
        changed = set(marks.items()) ^ set(self._marks.items())
        self._marks = dict(marks)
        for row, column in sorted({cell for cell, _ in changed}):
            if row < len(self._lines):
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    def mark(self, row: int, column: int) -> tuple[bool, str] | None:
        return self._marks.get((row, column))

    def lines(self) -> list[Line]:
        return list(self._lines)

    def line(self, row: int) -> Line:
        return self._lines[row]

    def add_write_in(self) -> QModelIndex:
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(Line("", [0] * self.figures, write_in=True, checked=False))
        self.endInsertRows()
        return self.index(row, self.NAME)

    def remove_write_in(self, row: int) -> bool:
        if not (0 <= row < len(self._lines)) or not self._lines[row].write_in:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        self._marks = {}  # the form checks again at once
        self.endRemoveRows()
        return True

    def set_expected(self, expected: int) -> None:
        if expected != self.expected:
            self.expected = expected
            if self._lines:
                self.dataChanged.emit(self.index(0, self.total_column),
                                      self.index(len(self._lines) - 1, self.total_column))

    def total(self, row: int) -> int:
        return sum(self._lines[row].values)

    def adds_up(self, row: int) -> bool:
        line = self._lines[row]
        return not line.checked or sum(line.values) == self.expected

    def mismatches(self) -> int:
        return sum(1 for r in range(len(self._lines)) if not self.adds_up(r))

    # ------------------------------------------------------------ Qt

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def editable(self, index: _Index) -> bool:
        if not index.isValid():
            return False
        line, column = self._lines[index.row()], index.column()
        if line.write_in:
            return column in (self.NAME, 1)  # a write-in is a name and its 赞成
        return 1 <= column <= self.figures

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable(index) else flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line, column = self._lines[index.row()], index.column()
        if column == self.NAME:
            if role == Qt.ItemDataRole.DisplayRole and line.write_in:
                return f"{line.name}（另选人）" if line.name else "（另选人姓名）"
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return line.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return line.tooltip or line.name or None
            if role == Qt.ItemDataRole.ForegroundRole and line.write_in and not line.name:
                return QBrush(GREY)
            return None
        if column == self.total_column:
            return self._total_data(index.row(), role)
        value = line.values[column - 1]
        mark = self._marks.get((index.row(), column))
        if mark is not None and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(ERROR_BACK if mark[0] else NOTICE_BACK))
        if mark is not None and role == Qt.ItemDataRole.ToolTipRole:
            return mark[1]
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if line.write_in and column > 1 and not value else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        return None

    def _total_data(self, row: int, role: int):
        line = self._lines[row]
        if not line.checked:
            return None
        total = sum(line.values)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(total)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and total != self.expected:
            return QBrush(QColor(RED))
        if role == Qt.ItemDataRole.BackgroundRole and total != self.expected:
            return QBrush(PALE_RED)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = "+".join(self.headers[1:self.total_column])
            verdict = "相符" if total == self.expected else "不符"
            return f"{parts} = {total}，{self.what} {self.expected} 张，{verdict}"
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.editable(index):
            return False
        line, column = self._lines[index.row()], index.column()
        if column == self.NAME:
            text = "".join(str(value or "").split())  # a name never holds spaces
            if text == line.name:
                return False
            line.name = text
        else:
            number = max(0, int(value or 0))
            if number == line.values[column - 1]:
                return False
            line.values[column - 1] = number
        # the edited cell alone, so an open editor is not rewritten; then the row's sum
        self.dataChanged.emit(index, index)
        total = self.index(index.row(), self.total_column)
        self.dataChanged.emit(total, total)
        return True

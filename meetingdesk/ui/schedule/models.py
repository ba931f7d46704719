"""Qt models of the 议程日程 page: ordered item lists (drag to reorder) and the day → meeting tree."""
from __future__ import annotations

import datetime as dt
from itertools import groupby

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from meetingdesk.rules.schedule import printed_time
from meetingdesk.services.schedule import AgendaRow, ItemRow, MeetingRow
from meetingdesk.ui.common.models import ROW_ROLE, Headed, RowsModel, _Index

ROW_MIME = "application/x-meetingdesk-row"
GREY = QColor("#888888")
RED = QColor("#b00020")


class OrderedRowsModel(RowsModel):
    """A one-column list of numbered rows that can be dragged into a new order.

    The model never writes: a drop only emits `move_requested(item_id, index)` with the
    index as the services' move functions mean it (the place among the other rows), and
    the page carries it out and re-reads.
    """

    move_requested = Signal(int, int)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # only between rows, never onto one
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(ROW_MIME, QByteArray(str(rows[0]).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: _Index) -> bool:
        if not data.hasFormat(ROW_MIME):
            return False
        source = int(bytes(data.data(ROW_MIME).data()).decode())
        if not 0 <= source < len(self._rows):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        # `row` is a gap in the full list; the service counts places without the moved row.
        target = row - 1 if source < row else row
        if target != source:
            self.move_requested.emit(self._rows[source].item_id, target)
        return False  # nothing for the view to remove: the page re-reads after the move

    def index_of_item(self, item_id: int) -> QModelIndex:
        return self.index_by("item_id", item_id)

    def extra(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.text
        return None


class AgendaModel(OrderedRowsModel):
    headers = ("议程",)

    def text(self, row: AgendaRow, column: int) -> str:
        return f"{row.number}、{row.text}"


class MeetingItemsModel(OrderedRowsModel):
    headers = ("会议事项",)

    def text(self, row: ItemRow, column: int) -> str:
        return f"{row.number}. {row.text}"


def host_text(row: MeetingRow) -> str:
    """Who hosts: a plenary's host comes from its executive-chair group."""
    if row.kind == "全体会议" and not row.host_name:
        return "（未分配执行主席组）" if row.chair_group_id is None else "（执行主席组未定主持人）"
    return row.host_name


def time_text(row: MeetingRow) -> str:
    """上午 8:30—11:30"""
    return row.when + (f"—{printed_time(row.end)}" if row.end else "")


class ScheduleModel(Headed, QAbstractItemModel):
    """Days (12月21日(星期四)) with their meetings in time order, as the services number them.

    A day's index has internal id 0; a meeting's has its day's row + 1.
    """

    TIME, NAME, PLACE, HOST = range(4)
    headers = ("时间", "会议", "地点", "主持人")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._days: list[tuple[dt.date, str, list[MeetingRow]]] = []

    def set_rows(self, rows: list[MeetingRow]) -> None:
        self.beginResetModel()
        self._days = []
        for date, meetings in groupby(rows, key=lambda r: r.date):
            meetings = list(meetings)
            self._days.append((date, meetings[0].day_heading, meetings))
        self.endResetModel()

    def rows(self) -> list[MeetingRow]:
        return [m for _, _, meetings in self._days for m in meetings]

    def day_headings(self) -> list[str]:
        return [heading for _, heading, _ in self._days]

    def day_of(self, index: _Index) -> dt.date | None:
        if not index.isValid():
            return None
        day = index.internalId() - 1 if index.internalId() else index.row()
        return self._days[day][0]

    def row_at(self, index: _Index) -> MeetingRow | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._days[index.internalId() - 1][2][index.row()]

    def index_of(self, meeting_id: int) -> QModelIndex:
        for d, (_, _, meetings) in enumerate(self._days):
            for m, row in enumerate(meetings):
                if row.meeting_id == meeting_id:
                    return self.createIndex(m, 0, d + 1)
        return QModelIndex()

    # ------------------------------------------------------------ Qt interface

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._days[parent.row()][2])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index)
        if row is None:  # a day heading, spanning the row
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return self._days[index.row()][1]
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == self.HOST and row.kind == "全体会议" and not row.host_name:
                return QBrush(RED)
            if not row.printed:
                return QBrush(GREY)
        if role == Qt.ItemDataRole.ToolTipRole and not row.printed:
            return "此会议不印入日程（只用于各名单、文件注明的通过会议）"
        return None

    def text(self, row: MeetingRow, column: int) -> str:
        name = row.name + ("　（不印入日程）" if not row.printed else "")
        return [time_text(row), name, row.place, host_text(row)][column]

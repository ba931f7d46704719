"""Qt models of the 日志 page: the log's records, and the selected record's fields before and
after. Both hold the service's rows and nothing else."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from meetingdesk.services.changelog import ChangeRow, FieldChange
from meetingdesk.ui.common.models import RowsModel


class ChangesModel(RowsModel):
    """One line per record, in the service's order (newest first); the page does not sort: the
    log is read a page at a time, and a sort would order only the page read."""

    AT, DESK, USER, TABLE, ACTION, SUMMARY = range(6)
    headers = ("时间", "工作台", "用户", "类别", "操作", "内容")
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.ToolTipRole})

    def text(self, row: ChangeRow, column: int) -> str:
        if column == self.AT:
            return row.at_text
        if column == self.DESK:
            return row.desk
        if column == self.USER:
            return row.user
        if column == self.TABLE:
            return row.table_label
        if column == self.ACTION:
            return row.action_label
        return row.summary()

    def extra(self, row: ChangeRow, column: int, role: int):
        if column == self.SUMMARY:  # the line is cut at the column's edge; the tooltip has it whole
            return row.summary()
        return None

    def append_rows(self, rows: list[ChangeRow]) -> None:
        """The next page of older records, after those shown (the selection stays)."""
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()


class FieldsModel(RowsModel):
    """The selected record's columns: 项目, 修改前, 修改后 (a new row has no 修改前, a deleted one
    no 修改后)."""

    LABEL, BEFORE, AFTER = range(3)
    headers = ("项目", "修改前", "修改后")
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.ToolTipRole})

    def text(self, row: FieldChange, column: int) -> str:
        return (row.label, row.before, row.after)[column]

    def extra(self, row: FieldChange, column: int, role: int):
        if column != self.LABEL:
            return self.text(row, column) or None
        return None

"""Qt models of the 议案 page: the register of motions and suggestions, and the counts by delegation."""
from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from meetingdesk.rules.collation import sort_names
from meetingdesk.services.motions import MotionRow
from meetingdesk.ui.common.models import ROW_ROLE, RowsModel, RowsProxy, _Index

RED = QColor("#b00020")
GREY = QColor("#888888")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def short_time(at: dt.datetime | None) -> str:
    """12月21日 14:00 — the session lasts days, not years."""
    return "" if at is None else f"{at.month}月{at.day}日 {at.hour:02d}:{at.minute:02d}"


def long_time(at: dt.datetime | None) -> str:
    return "" if at is None else f"{at.year}年{at.month}月{at.day}日 {at.hour:02d}:{at.minute:02d}"


class MotionsModel(RowsModel):
    NUMBER, KIND, TITLE, LEAD, SIGNERS, DELEGATIONS, RECEIVED, STATE = range(8)
    headers = ("编号", "类别", "标题", "领衔代表", "联名人数", "代表团", "收到时间", "状态")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._team_order: dict[str, int] = {}
        self._lead_rank: dict[str, int] = {}

    def set_data(self, rows: list[MotionRow], team_order: dict[str, int]) -> None:
        self._team_order = team_order
        # Sort values must be plain numbers or strings for the proxy: rank the leads by strokes once.
        leads = sort_names({r.lead.name for r in rows if r.lead})
        self._lead_rank = {name: i for i, name in enumerate(leads)}
        self.set_rows(rows)

    def text(self, row: MotionRow, column: int) -> str:
        lead = row.lead.display if row.lead else row.submitter
        signers = str(row.serving_signers) if row.signers else ""
        return [row.register_no, row.kind, row.title, lead, signers, "、".join(row.delegations),
                short_time(row.received_at), row.state][column]

    def sort_value(self, position: int, row: MotionRow, column: int):
        # Rows arrive in register order (motions, then suggestions, by number): POSITION breaks ties.
        if column == self.NUMBER:
            return position
        if column == self.LEAD:
            return (self._lead_rank[row.lead.name] + 1 if row.lead else 0) * 10000 + position
        if column == self.SIGNERS:
            return row.serving_signers * 10000 + position
        if column == self.DELEGATIONS:
            first = row.delegations[0] if row.delegations else ""
            return self._team_order.get(first, 999) * 10000 + position
        if column == self.RECEIVED:
            return row.received_at.isoformat() + f"{position:06d}"
        return f"{self.text(row, column)}{position:06d}"

    def filter_text(self, row: MotionRow) -> str:
        signers = " ".join(s.name for s in row.signers)
        return f"{row.register_no} {row.title} {row.submitter} {' '.join(row.delegations)} {signers}"

    def extra(self, row: MotionRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.SIGNERS and row.problem:
                return QBrush(RED)
            if row.withdrawn_at is not None or row.merged_into_id is not None:
                return QBrush(GREY)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.SIGNERS and row.problem:
                return row.problem
            if column in (self.TITLE, self.DELEGATIONS):
                return self.text(row, column)
            if column == self.RECEIVED and row.late:
                return "截止时间以后收到"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIGNERS:
            return RIGHT
        return None

    def index_of(self, motion_id: int) -> QModelIndex:
        return self.index_by("motion_id", motion_id)


class MotionsProxy(RowsProxy):
    """Filters by kind, by state and by typed text (number, title, signers, delegations)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._kind: str | None = None
        self._state: str | None = None

    def set_kind(self, kind: str | None) -> None:
        self.beginFilterChange()
        self._kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_state(self, state: str | None) -> None:
        self.beginFilterChange()
        self._state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        row = self.sourceModel().index(source_row, 0).data(ROW_ROLE)
        if self._kind is not None and row.kind != self._kind:
            return False
        if self._state is not None and row.state != self._state:
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class DelegationCountsModel(RowsModel):
    """(delegation, motions led, suggestions led), with a total line at the end."""

    headers = ("代表团", "领衔提出议案", "领衔提出建议", "合计")
    TOTAL = "合计"

    def set_rows(self, rows: list[tuple[str, int, int]]) -> None:
        total = (self.TOTAL, sum(r[1] for r in rows), sum(r[2] for r in rows))
        super().set_rows(list(rows) + [total])

    def text(self, row: tuple[str, int, int], column: int) -> str:
        name, motions, suggestions = row
        return [name, str(motions), str(suggestions), str(motions + suggestions)][column]

    def sort_value(self, position: int, row, column: int):
        last = 10 ** 9 if row[0] == self.TOTAL else 0  # the total stays at the bottom when ascending
        if column == 0:
            return last + position
        return last + int(self.text(row, column)) * 1000 + position

    def extra(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and row[0] == self.TOTAL:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row[1] + row[2] == 0:
            return QBrush(GREY)
        return None


def details_html(row: MotionRow, numbers: dict[int, str]) -> str:
    """Everything recorded about one item, for the pane under the register.

    NUMBERS maps motion ids to register numbers, to name the motion it was merged into.
    """
    lines = [f"<b>{escape(row.register_no)}　{escape(row.title)}</b>"]

    def add(label: str, text: str, colour: str = "") -> None:
        if text:
            style = f' style="color:{colour}"' if colour else ""
            lines.append(f"<span{style}><b>{label}：</b>{escape(text)}</span>")

    add("提出者", row.submitter_text)
    if row.signers:
        signers = "、".join(s.display + ("（领衔）" if row.lead and s.member_id == row.lead.member_id else "")
                           + ("（已终止代表资格）" if not s.serving else "") for s in row.signers)
        add(f"联名代表 {len(row.signers)} 人（在任 {row.serving_signers} 人）", signers)
    add("收到时间", long_time(row.received_at) + ("（截止时间以后）" if row.late else "")
        + (f"　接收人员：{row.clerk}" if row.clerk else ""))
    add("问题", row.problem or "", RED.name())
    add("案由", row.reason)
    add("案据", row.basis)
    add("方案", row.plan)
    add("附件", row.attachment)
    if row.withdrawn_at is not None:
        add("已撤回", long_time(row.withdrawn_at) + (f"，{row.withdraw_reason}" if row.withdraw_reason else ""))
    if row.decision:
        add("审查意见", row.decision + (f"（{row.decision_reason}）" if row.decision_reason else ""))
    if row.merged_into_id is not None:
        add("并入", numbers.get(row.merged_into_id, ""))
    if row.merged_ids:
        add("并入本件的", "、".join(numbers.get(i, "") for i in row.merged_ids))
    if row.units:
        add("承办单位", "、".join(f"{u.unit}（{'主办' if u.lead else '协办'}）" for u in row.units))
    if row.reply_date:
        add("答复日期", f"{row.reply_date.year}年{row.reply_date.month}月{row.reply_date.day}日")
    add("代表测评", row.rating)
    return "<br>".join(lines)

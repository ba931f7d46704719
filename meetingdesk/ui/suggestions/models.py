"""Qt models of the 建议办理 page: the suggestions, and the selected one's units with their replies
round by round. Both hold the services' rows and nothing else."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from meetingdesk.rules import suggestions as rules
from meetingdesk.rules.collation import sort_names
from meetingdesk.services.suggestions import AssignmentRow, ReplyRow, SuggestionRow
from meetingdesk.ui.common.models import FilteredRowsModel, RowsModel

RED = QColor("#b00020")
GREY = QColor("#888888")
GREEN = QColor("#1b5e20")
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def day(value: dt.date | None) -> str:
    """2024-07-31 — the handling lasts months; the year matters."""
    return "" if value is None else f"{value:%Y-%m-%d}"


def long_day(value: dt.date | None) -> str:
    return "" if value is None else f"{value.year}年{value.month}月{value.day}日"


def units_text(row: SuggestionRow) -> str:
    """区交通运输局（主办）、区公安分局 — the lead first, as the service orders them."""
    return "、".join(a.unit + ("（主办）" if a.lead else "") for a in row.assignments)


def open_due(row: SuggestionRow) -> AssignmentRow | None:
    """The assignment whose reply is due first among those waiting for one (else the lead's)."""
    waiting = [a for a in row.assignments if not a.answered and a.due is not None]
    if waiting:
        return min(waiting, key=lambda a: (a.due, not a.lead))
    return row.lead_assignment


class SuggestionsModel(FilteredRowsModel):
    """One line per suggestion, in the service's order (会议期间 first, by number).

    It filters (期间, 承办单位, 状态 with 逾期 among them, typed text) and sorts itself, as the
    roster's members do: at a few thousand suggestions a QSortFilterProxyModel calling back into
    Python for every comparison took most of a second per click on a heading; here a filter is one
    pass over the rows and a sort one Python sort over keys computed once per column. The page
    uses it as its own proxy (mapToSource / mapFromSource are the identity)."""

    NUMBER, PERIOD, TITLE, LEAD, DELEGATION, FIELD, KEY, UNITS, DUE, STATE, RATING = range(11)
    headers = ("编号", "期间", "标题", "领衔代表", "代表团", "领域", "重点", "承办单位", "答复期限", "状态", "评价")
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
                             Qt.ItemDataRole.TextAlignmentRole})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        self._lead_rank: dict[str, int] = {}
        self._period: str | None = None
        self._unit: int | None = None
        self._state: str | None = None

    # ------------------------------------------------ the rows

    def set_data(self, rows: list[SuggestionRow], today: dt.date) -> None:
        self.today = today
        self._rank(rows)
        self.set_rows(rows)

    def _rank(self, rows: list[SuggestionRow]) -> None:
        # sort values must be plain numbers or strings: the leads ranked by strokes once
        names = sort_names({r.lead_name for r in rows if r.lead_name})
        self._lead_rank = {name: i for i, name in enumerate(names)}
        self._keys.pop(self.LEAD, None)

    def replace(self, rows: list[SuggestionRow]) -> bool:
        """Put these rows (read again after an edit) in place of theirs: a line repainted where
        that is all that changed, else the rows shown again in one pass. False when one is not
        here (the page then reads everything)."""
        held = {r.suggestion_id for r in self._all}
        if any(r.suggestion_id not in held for r in rows):
            return False
        if any(r.lead_name and r.lead_name not in self._lead_rank for r in rows):
            self._rank(self._all + rows)
        for r in rows:
            self.put_row("suggestion_id", r.suggestion_id, r)
        return True

    def service_order(self, rows: list) -> list:
        return sorted(rows, key=lambda r: (r.period == rules.BETWEEN, r.number))

    def same_place(self, old: SuggestionRow, new: SuggestionRow) -> bool:
        return (old.period, old.number) == (new.period, new.number)

    def index_of(self, suggestion_id: int) -> QModelIndex:
        """The line shown for SUGGESTION_ID, or an invalid index (not there, or filtered out)."""
        return self.index_by("suggestion_id", suggestion_id)

    def holds(self, suggestion_id: int) -> bool:
        return any(r.suggestion_id == suggestion_id for r in self._all)

    # ------------------------------------------------ the filters

    def _change(self, name: str, value) -> None:
        if getattr(self, name) != value:
            setattr(self, name, value)
            self.refilter()

    def set_period(self, period: str | None) -> None:
        self._change("_period", period)

    def set_unit(self, unit_id: int | None) -> None:
        self._change("_unit", unit_id)

    def set_state(self, state: str | None) -> None:
        self._change("_state", state)

    def filtering(self) -> bool:
        return bool(self._period or self._unit is not None or self._state or self._text)

    def accepts(self, row: SuggestionRow) -> bool:
        if self._period is not None and row.period != self._period:
            return False
        if self._state is not None and row.state != self._state:
            return False
        return self._unit is None or any(a.unit_id == self._unit for a in row.assignments)

    # ------------------------------------------------ the cells

    def text(self, row: SuggestionRow, column: int) -> str:
        if column == self.NUMBER:
            return row.number_words
        if column == self.PERIOD:
            return row.period
        if column == self.TITLE:
            return row.title
        if column == self.LEAD:
            return row.lead_display or row.submitter
        if column == self.DELEGATION:
            return row.lead_delegation
        if column == self.FIELD:
            return row.field
        if column == self.KEY:
            return "重点" if row.key else ""
        if column == self.UNITS:
            return units_text(row)
        if column == self.DUE:
            a = open_due(row)
            return day(a.due) if a is not None else ""
        if column == self.STATE:
            return row.state
        if column == self.RATING:
            return row.rating
        return ""

    def sort_value(self, position: int, row: SuggestionRow, column: int):
        # rows arrive in the service's order: POSITION keeps it among equals
        if column == self.NUMBER:
            return position
        if column == self.LEAD:
            return (self._lead_rank.get(row.lead_name, -1) + 1) * 100000 + position
        if column == self.KEY:
            return (0 if row.key else 1) * 100000 + position
        if column == self.STATE:
            return rules.STATES.index(row.state) * 100000 + position if row.state in rules.STATES else position
        if column == self.RATING:
            order = (*rules.RATINGS, "")
            return order.index(row.rating) * 100000 + position if row.rating in order else position
        if column == self.DUE:
            text = self.text(row, column)
            return f"{text or '9999'}{position:06d}"
        return f"{self.text(row, column)}{position:06d}"

    def filter_text(self, row: SuggestionRow) -> str:
        return " ".join((row.number_words, row.source, row.title, row.lead_name, row.lead_delegation, row.field,
                         row.submitter, " ".join(a.unit for a in row.assignments), row.key_leader))

    def extra(self, row: SuggestionRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.STATE and row.state == rules.OVERDUE:
                return QBrush(RED)
            if column == self.DUE:
                a = open_due(row)
                if a is not None and a.overdue_on(self.today):
                    return QBrush(RED)
                if a is not None and a.answered:
                    return QBrush(GREY)
            if column == self.RATING and row.rating == rules.UNSATISFIED:
                return QBrush(RED)
            if row.returned:
                return QBrush(GREY)
            if column == self.KEY and row.key:
                return QBrush(GREEN)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (self.TITLE, self.DELEGATION, self.UNITS):
                return self.text(row, column)
            if column == self.NUMBER and row.source:
                return f"由{row.source}{'（议案转为建议）' if row.source.startswith('议案') else ''}"
            if column == self.KEY and row.key:
                return f"督办领导：{row.key_leader}" + (f"；{row.key_committee}" if row.key_committee else "")
            if column == self.DUE and row.assignments:
                return "\n".join(due_line(a, self.today) for a in row.assignments)
            if column == self.STATE and row.returned:
                return f"退回修改：{row.returned_reason}"
            if column == self.LEAD and row.lead_name and not row.lead_serving:
                return "领衔代表现已不是在任代表（建议照常办理）"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.KEY, self.PERIOD):
            return CENTRE
        return None


def due_line(a: AssignmentRow, today: dt.date) -> str:
    """区民政局（主办）第1轮 答复期限 2025-02-10，逾期 12 天"""
    line = f"{a.unit}（{a.role}）第{a.round}轮 答复期限 {day(a.due) or '未定'}"
    if a.answered:
        return line + "，已答复"
    if a.overdue_on(today):
        return line + f"，逾期 {a.days_overdue(today)} 天"
    return line


# ---------------------------------------------------------------- the selected one's handling


@dataclass(frozen=True)
class HistoryLine:
    """One round of one unit: its reply (as given, never written over), or the round still open."""

    assignment: AssignmentRow
    reply: ReplyRow | None  # None: the round open now, waiting for the unit's reply
    first: bool  # the unit's first line (its name and role are shown there)

    @property
    def round(self) -> int:
        return self.reply.round if self.reply is not None else self.assignment.round


def history_lines(row: SuggestionRow | None) -> list[HistoryLine]:
    """Each unit (主办 first), its replies round by round, then its open round if any."""
    lines: list[HistoryLine] = []
    for a in row.assignments if row is not None else ():
        first = True
        for reply in a.replies:
            lines.append(HistoryLine(a, reply, first))
            first = False
        if not a.answered:
            lines.append(HistoryLine(a, None, first))
    return lines


class HistoryModel(RowsModel):
    UNIT, ROLE, ROUND, DUE, REPLIED, RESULT, RATING, RATED, ATTACHMENT = range(9)
    headers = ("承办单位", "主办/协办", "轮次", "答复期限", "答复日期", "办理结果", "代表评价", "评价日期", "附件")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()

    def set_suggestion(self, row: SuggestionRow | None, today: dt.date) -> None:
        self.today = today
        self.set_rows(history_lines(row))

    def text(self, line: HistoryLine, column: int) -> str:
        a, r = line.assignment, line.reply
        if column == self.UNIT:
            if r is not None and r.unit != a.unit:
                return f"{a.unit if line.first else ''}（答复时名为{r.unit}）".lstrip()
            return a.unit if line.first else ""
        if column == self.ROLE:
            return a.role if line.first else ""
        if column == self.ROUND:
            return f"第{line.round}轮"
        if column == self.DUE:
            return day(r.due if r is not None else a.due)
        if r is None:
            if column == self.REPLIED:
                if a.overdue_on(self.today):
                    return f"逾期 {a.days_overdue(self.today)} 天"
                return "待答复"
            return ""
        if column == self.REPLIED:
            return day(r.replied_on) + ("（逾期答复）" if r.late else "")
        if column == self.RESULT:
            return r.result
        if column == self.RATING:
            return r.rating or "待评价"
        if column == self.RATED:
            return day(r.rated_on)
        if column == self.ATTACHMENT:
            return r.attachment
        return ""

    def sort_value(self, position: int, row, column: int):
        return position  # the history reads in its own order

    def extra(self, line: HistoryLine, column: int, role: int):
        r = line.reply
        if role == Qt.ItemDataRole.ForegroundRole:
            if r is None and column == self.REPLIED:
                return QBrush(RED if line.assignment.overdue_on(self.today) else GREY)
            if r is not None and column == self.RATING:
                if r.rating == rules.UNSATISFIED:
                    return QBrush(RED)
                if not r.rating:
                    return QBrush(GREY)
        if role == Qt.ItemDataRole.ToolTipRole and r is not None and column in (self.RESULT, self.REPLIED):
            text = r.text if len(r.text) <= 400 else r.text[:399] + "…"
            entered = f"（{r.entered_at:%Y-%m-%d %H:%M} 录入）" if r.entered_at else ""
            return (text or "（无答复内容，见附件）" if r.attachment else text or "") + entered
        return None


def details_html(row: SuggestionRow) -> str:
    """What is recorded about one suggestion, beside its handling."""
    lines = [f"<b>{escape(row.number_words)}　{escape(row.title)}</b>"]

    def add(label: str, text: str, colour: str = "") -> None:
        if text:
            style = f' style="color:{colour}"' if colour else ""
            lines.append(f"<span{style}><b>{label}：</b>{escape(text)}</span>")

    add("来源", f"{row.source}（{'议案转为建议' if row.source.startswith('议案') else '会议期间提出'}）"
        if row.source else "闭会期间提出")
    if row.submitter != "代表联名":
        add("提出者", row.submitter)
    if row.lead_name:
        add("领衔代表", f"{row.lead_display}（{row.lead_delegation}）"
            + ("" if row.lead_serving else "　现已不是在任代表"))
    add("收到日期", long_day(row.received_on))
    if row.returned:
        add("审查", f"退回修改：{row.returned_reason}", RED.name())
    else:
        add("审查", row.screening)
    add("领域", row.field or rules.UNCLASSIFIED)
    if row.key:
        add("重点建议", f"督办领导 {row.key_leader}" + (f"，{row.key_committee}督办" if row.key_committee else ""))
    add("状态", row.state + (f"，代表评价{row.rating}" if row.rating else ""))
    return "<br>".join(lines)

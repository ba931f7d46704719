"""Qt models of the 选举 page: the elections, the nominations of one, and its candidates."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from meetingdesk.rules.elections import MIN_NOMINATORS, RULE_TEXT
from meetingdesk.services.elections import ElectionRow, NominationRow, NomineeRow
from meetingdesk.ui.common.models import RowsModel
from meetingdesk.ui.motions.models import short_time

RED = QColor("#b00020")
AMBER = QColor("#a05a00")
GREY = QColor("#888888")
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
NOMINATOR_TEXT = {"主席团": "主席团提名", "代表联名": "代表联名提名", "政党团体": "政党、人民团体提名"}


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def status_text(row: ElectionRow) -> str:
    """候选人名单已确定（2023年12月22日）/ 须先进行预选：… / the count problem / 候选人数符合规定."""
    parts = []
    if row.fixed_on is not None:
        parts.append(f"候选人名单已确定（{chinese_date(row.fixed_on)}）")
    problem = row.count_problem
    if row.needs_preliminary:
        parts.append("须先进行预选" + (f"：{problem}" if problem else ""))
    elif problem:
        parts.append(problem)
    elif row.fixed_on is None:
        parts.append("候选人数符合规定")
    return "；".join(parts)


class ElectionsModel(RowsModel):
    OFFICE, SEATS, MODE, RULE, RANGE, CANDIDATES, STATUS = range(7)
    headers = ("选举事项", "应选", "方式", "候选人数规则", "候选人数", "候选人", "状态")

    def text(self, row: ElectionRow, column: int) -> str:
        return [row.office, str(row.seats), row.mode, RULE_TEXT.get(row.rule, row.rule), row.range_text,
                str(len(row.candidates)), status_text(row)][column]

    def sort_value(self, position: int, row: ElectionRow, column: int):
        if column in (self.OFFICE, self.RULE, self.RANGE):
            return position
        if column in (self.SEATS, self.CANDIDATES):
            return int(self.text(row, column)) * 1000 + position
        return f"{self.text(row, column)}{position:04d}"

    def extra(self, row: ElectionRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.STATUS, self.CANDIDATES):
            if row.needs_preliminary:
                return QBrush(AMBER)
            if row.count_problem:
                return QBrush(RED)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SEATS, self.MODE, self.CANDIDATES):
            return CENTRE
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.OFFICE:
                return f"{row.office}\n任职机构：{row.body_text}" + (
                    "（候选人须是本级人民代表大会的在任代表）" if row.delegates_only else "")
            return self.text(row, column)
        return None

    def index_of(self, election_id: int) -> QModelIndex:
        return self.index_by("election_id", election_id)


def nominee_text(nominee: NomineeRow) -> str:
    return nominee.display + ("（已撤回）" if nominee.withdrawn_at is not None else "")


def nomination_state(row: NominationRow) -> str:
    if row.withdrawn_at is not None:
        return f"已撤回（{short_time(row.withdrawn_at)}）"
    if row.late:
        return "截止时间以后收到，无效"
    if row.nominator == "代表联名" and row.serving_signers < MIN_NOMINATORS:
        return f"在任联名代表只有 {row.serving_signers} 人"
    withdrawn = sum(1 for n in row.nominees if n.withdrawn_at is not None)
    return "有效" + (f"（撤回 {withdrawn} 人）" if withdrawn else "")


class NominationsModel(RowsModel):
    NOMINATOR, BY, RECEIVED, NOMINEES, STATE = range(5)
    headers = ("提名方式", "提名人", "收到时间", "被提名人", "状态")

    def text(self, row: NominationRow, column: int) -> str:
        return [NOMINATOR_TEXT.get(row.nominator, row.nominator), row.by, short_time(row.received_at),
                "、".join(nominee_text(n) for n in row.nominees), nomination_state(row)][column]

    def extra(self, row: NominationRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.withdrawn_at is None and (row.late or (
                    row.nominator == "代表联名" and row.serving_signers < MIN_NOMINATORS)):
                return QBrush(RED)
            if row.withdrawn_at is not None:
                return QBrush(GREY)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.BY and row.signers:
                return f"联名代表 {len(row.signers)} 人（在任 {row.serving_signers} 人）：" + \
                    "、".join(s.display for s in row.signers)
            if column == self.NOMINEES:
                return "\n".join(f"{n.display}：{short_time(n.withdrawn_at)}撤回，{n.withdraw_reason}"
                                 for n in row.nominees if n.withdrawn_at is not None) or None
        return None

    def index_of(self, nomination_id: int) -> QModelIndex:
        return self.index_by("nomination_id", nomination_id)


class CandidatesModel(RowsModel):
    """The candidates still standing, in stroke order, with who nominated them."""

    headers = ("候选人（以姓名笔画为序）", "提名")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._by: dict[int, str] = {}

    def set_election(self, row: ElectionRow | None) -> None:
        by: dict[int, list[str]] = {}
        for n in row.nominations if row else ():
            if n.late:
                continue
            for person in n.active_nominees:
                by.setdefault(person.person_id, []).append(n.by)
        self._by = {pid: "、".join(names) for pid, names in by.items()}
        self.set_rows(list(row.candidates) if row else [])

    def text(self, row: NomineeRow, column: int) -> str:
        return [row.display, self._by.get(row.person_id, "")][column]

    def sort_value(self, position: int, row: NomineeRow, column: int):
        return position if column == 0 else f"{self.text(row, column)}{position:04d}"

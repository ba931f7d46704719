"""The suggestions' exchange with the government's 督查室: the 交办清单 as .xlsx, and the units'
replies imported back from it.

`export_assignments(out)` writes one row per assignment (a unit's part in a suggestion), in the
suggestions' order (会议期间 by number, then 闭会期间), the 主办 unit first:

    编号 期间 标题 领衔代表 代表团 领域 重点 承办单位 主办/协办 答复期限 | 答复日期 办理结果 答复内容 代表评价 评价日期

The columns after 答复期限 are the government's to fill. Where the unit's open round is answered
already they carry that reply and its rating, so the file shows what the desk holds and comes
back unchanged; a round reopened after 不满意 leaves them empty for the redo. Every cell is text
(services.exporter's cells: never a formula), dates as 2024-07-31. The file is written through
services.output (atomically, never over a session file). 大会议案 are not in it: only suggestions
(建议第N号 / 闭会第N号) go to the 督查室 this way.

`plan_reply_import(path)` reads the replies back from .xlsx or .csv (UTF-8, GBK …, as the roster
import reads them: services.importer's readers and limits) and works out, row by row, what
importing would do — 新增答复, 新增评价, 不变, 未答复 (the row holds no reply), or 错误 with file,
row, column and reason — writing nothing. Columns, by name in any order (spaces, full-width forms
and a trailing ：or * in the headers ignored): 编号, 承办单位, 答复日期, 办理结果 required; 答复内容,
代表评价, 评价日期 optional (评价日期 defaults to the day of the import); the export's other
columns are read only to warn when 标题 or 主办/协办 differ from the desk's (and a bare 编号 takes its 期间);
the others are passed over, and any other column is named as not used.

A row is checked against the unit's history of replies (services.suggestions keeps every round):

* the reply of a round on record (same 答复日期 and 办理结果; 答复内容 the same or left empty) is
  不变 — the same file imported twice writes nothing the second time;
* a reply while the unit's round is open (never answered, or reopened after 不满意) is that round's
  reply (新增答复);
* a different reply while the round has its reply is refused: replies are never written over;
* a 代表评价 rates the reply of its row (a reply on record or the row's new one); a rating on
  record is never changed, and only the latest round is rated; 不满意 reopens the unit for the next
  round, due as the service sets it;
* an unknown 编号, a unit not on the list or not assigned that suggestion, a bad date, a result
  or rating not of rules.suggestions' words, and a second row for the same suggestion and unit
  are errors.

`apply_reply_import(plan)` refuses a plan with any bad row (the whole file: nothing is written) or
made before the session changed, keeps a backup, then writes every row through
services.suggestions (record_reply, rate) in ONE transaction: a failure leaves nothing.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from meetingdesk import store
from meetingdesk.rules import suggestions as rules
from meetingdesk.rules.suggestions import BETWEEN, PERIODS, RATINGS, RESULTS, SESSION

from . import backups, output, suggestions
from .errors import ServiceError
from .exporter import MAX_CELL, _UNWRITABLE, write_xlsx
from .importer import (
    _CONTROL, PlanTally, RowError, RowOutcome, TableShape, _clip, _stamp, _Table, header_columns, parse_date,
    read_table, run,
)
from .suggestions import AssignmentRow, ReplyInput, ReplyRow, SuggestionRow

__all__ = [
    "COLUMNS", "REQUIRED", "OPTIONAL", "KINDS", "NEW_REPLY", "NEW_RATING", "UNCHANGED", "BLANK", "ERROR",
    "RowError", "ReplyPlanRow", "ReplyPlan", "export_rows", "export_assignments", "plan_reply_import",
    "apply_reply_import",
]

# ---- the columns
NUMBER, PERIOD, TITLE, LEAD, DELEGATION, FIELD, KEY = "编号", "期间", "标题", "领衔代表", "代表团", "领域", "重点"
UNIT, ROLE, DUE = "承办单位", "主办/协办", "答复期限"
REPLIED_ON, RESULT, TEXT, RATING, RATED_ON = "答复日期", "办理结果", "答复内容", "代表评价", "评价日期"
ASSIGNMENT_COLUMNS = (NUMBER, PERIOD, TITLE, LEAD, DELEGATION, FIELD, KEY, UNIT, ROLE, DUE)
REPLY_COLUMNS = (REPLIED_ON, RESULT, TEXT, RATING, RATED_ON)  # the government fills these
COLUMNS = ASSIGNMENT_COLUMNS + REPLY_COLUMNS  # the export's, in order
REQUIRED = (NUMBER, UNIT, REPLIED_ON, RESULT)
OPTIONAL = (TEXT, RATING, RATED_ON)
CHECKED = (PERIOD, TITLE, ROLE)  # read to number a bare 编号 and to warn of a row that looks misnumbered
KNOWN = REQUIRED + OPTIONAL + CHECKED
SHOWN = (LEAD, DELEGATION, FIELD, KEY, DUE)  # the export's columns for reading only: not "unused"
DATE_COLUMNS = (REPLIED_ON, RATED_ON)
ALIASES = {"建议编号": NUMBER, "建议号": NUMBER, "序号编号": NUMBER, "承办单位名称": UNIT, "单位": UNIT,
           "主办单位/协办单位": ROLE, "主办协办": ROLE, "承办方式": ROLE, "办理方式": ROLE, "建议标题": TITLE,
           "案由": TITLE, "答复时间": REPLIED_ON, "办复日期": REPLIED_ON, "办复时间": REPLIED_ON,
           "办理结果分类": RESULT, "办理类别": RESULT, "答复类别": RESULT, "答复意见": TEXT, "答复正文": TEXT,
           "代表满意度": RATING, "代表测评": RATING, "测评意见": RATING, "代表意见": RATING, "评价": RATING,
           "评价时间": RATED_ON, "测评日期": RATED_ON}
# the result categories as the government's forms often write them (A类: 所提问题已经解决或基本解决 …)
RESULT_ALIASES = {"A": RESULTS[0], "A类": RESULTS[0], "B": RESULTS[1], "B类": RESULTS[1],
                  "C": RESULTS[2], "C类": RESULTS[2], "已解决": RESULTS[0], "基本解决": RESULTS[0],
                  "已经解决或基本解决": RESULTS[0], "所提问题已经解决或基本解决": RESULTS[0],
                  "列入计划解决": RESULTS[1], "留作参考": RESULTS[2], "因条件限制或其他原因留作参考": RESULTS[2]}
TEXT_LIMITS = {NUMBER: 30, UNIT: suggestions.MAX_NAME, REPLIED_ON: 30, RESULT: 30, TEXT: suggestions.MAX_TEXT,
               RATING: 10, RATED_ON: 30, PERIOD: 10, TITLE: 1000, ROLE: 10}
WIDTHS = {NUMBER: 12, PERIOD: 10, TITLE: 44, LEAD: 10, DELEGATION: 16, FIELD: 10, KEY: 6, UNIT: 24, ROLE: 10,
          DUE: 12, REPLIED_ON: 12, RESULT: 18, TEXT: 40, RATING: 10, RATED_ON: 12}
KEY_MARK = "是"

# ---- what a row does
NEW_REPLY, NEW_RATING, UNCHANGED, BLANK, ERROR = "新增答复", "新增评价", "不变", "未答复", "错误"
KINDS = (NEW_REPLY, NEW_RATING, UNCHANGED, BLANK, ERROR)

_NUMBER = re.compile(r"(建议|闭会|会议期间|闭会期间)?第?(\d{1,6})号?")


def _day(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


# ---------------------------------------------------------------- the export


def _lead_text(row: SuggestionRow) -> str:
    return row.lead_name or row.submitter


def _open_reply(a: AssignmentRow) -> ReplyRow | None:
    """The reply of the unit's round open now, when it has one (None: the round waits for it)."""
    return a.latest if a.answered else None


def export_rows() -> list[tuple[str, ...]]:
    """The rows the export writes, in COLUMNS order: every assignment of every suggestion."""
    out = []
    for s in suggestions.list_suggestions():
        for a in s.assignments:
            reply = _open_reply(a)
            filled = ((_day(reply.replied_on), reply.result, reply.text, reply.rating, _day(reply.rated_on))
                      if reply is not None else ("",) * len(REPLY_COLUMNS))
            out.append((s.number_words, s.period, s.title, _lead_text(s), s.lead_delegation, s.field,
                        KEY_MARK if s.key else "", a.unit, a.role, _day(a.due), *filled))
    return out


def export_assignments(out: str | Path) -> int:
    """The 交办清单 for the government's 督查室 as .xlsx at OUT; returns the rows written."""
    path = output.check(out, ".xlsx")
    rows = export_rows()
    if not rows:
        raise ServiceError("还没有交办给承办单位的建议，没有可导出的交办清单。请先在建议办理页交办。")
    for row in rows:  # before the workbook exists: a refusal leaves nothing half-made behind
        for value, column in zip(row, COLUMNS):
            _check_cell(value, row[0], row[7], column)
    write_xlsx(path, "交办清单", COLUMNS, WIDTHS, rows)
    return len(rows)


def _check_cell(text: str, number: str, unit: str, column: str) -> None:
    bad = _UNWRITABLE.search(text)
    if bad:
        raise ServiceError(f"{number}（{unit}）的{column}中有 Excel 无法保存的控制字符（U+{ord(bad.group()):04X}），"
                           f"未导出。请先改正后再导出。")
    if len(text) > MAX_CELL:
        raise ServiceError(f"{number}（{unit}）的{column}有 {len(text)} 个字，超过 Excel 一个单元格最多 {MAX_CELL} 个字，"
                           "未导出。")


# ---------------------------------------------------------------- reading the file back


def _header_key(text: str) -> str:
    key = "".join(unicodedata.normalize("NFKC", text).split()).strip("*＊:：")
    key = key.replace("／", "/")
    return ALIASES.get(key, key)


def _header(line: int, cells: list[str], source: str) -> tuple[int, dict[str, int], list[str]] | None:
    """LINE as the header row if it names 编号 and 承办单位; ServiceError if it is one but incomplete."""
    keys = [_header_key(c) for c in cells]
    if NUMBER not in keys or UNIT not in keys:
        return None
    return header_columns(line, cells, keys, source, KNOWN, REQUIRED, OPTIONAL, SHOWN)


def _no_header(source: str, hint: str = "") -> ServiceError:
    return ServiceError(f"{source} 中找不到表头：应有一行列名，如“{'、'.join(REQUIRED + OPTIONAL)}”"
                        f"（导出的交办清单即是这样）。{hint}")


REPLY_SHAPE = TableShape(_header, _no_header, "答复清单")


# ---------------------------------------------------------------- the plan


@dataclass
class ReplyPlanRow(RowOutcome):
    """One row of the file and what importing it would do."""

    line: int
    number: str  # as written
    unit: str  # as written
    kind: str = UNCHANGED
    changes: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # what it writes
    suggestion_id: int | None = None
    assignment_id: int | None = None
    reply: ReplyInput | None = None  # a new reply, the round open now
    rate_reply_id: int | None = None  # a reply on record the row rates
    rating: str = ""
    rated_on: dt.date | None = None


@dataclass
class ReplyPlan(PlanTally):
    source: str
    rows: list[ReplyPlanRow]
    columns: list[str]  # the recognised columns
    ignored_columns: list[str]
    stamp: tuple
    today: dt.date
    sheet: str = ""
    notices: list[str] = field(default_factory=list)
    KINDS = KINDS

    @property
    def warnings(self) -> list[str]:
        return [f"{self.source} 第 {r.line} 行：{w}" for r in self.rows for w in r.warnings]

    @property
    def changing(self) -> list[ReplyPlanRow]:
        return [r for r in self.rows if r.kind in (NEW_REPLY, NEW_RATING)]

    @property
    def has_changes(self) -> bool:
        return bool(self.changing)

    def summary(self) -> str:
        c = self.counts
        text = "，".join(f"{kind} {c[kind]}" for kind in KINDS)
        rated = sum(1 for r in self.rows if r.ok and r.kind == NEW_REPLY and r.rating)
        extra = list(self.notices)
        if rated:
            extra.append(f"新增答复中同时评价 {rated} 件")
        reopened = sum(1 for r in self.rows if r.ok and r.rating == rules.UNSATISFIED and r.kind != UNCHANGED)
        if reopened:
            extra.append(f"评价为不满意、重新办理 {reopened} 件")
        return text + (f"（{'；'.join(extra)}）" if extra else "")


def _token(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _cell_problem(column: str, value: str, odd: tuple[str, str] | None) -> str | None:
    """Why a cell cannot be taken before its meaning is looked at; None if it can."""
    if odd is not None:
        kind, shown = odd
        if kind == "formula":
            return ("是公式，但文件中没有公式的计算结果（文件保存前没有在 Excel 中计算过）。"
                    "请在 Excel 或 WPS 中打开此文件、保存后再导入，或把公式改为文字。")
        if kind == "error":
            return f"是错误值“{_clip(shown)}”（公式出错），请在 Excel 中改正。"
        if kind == "date" and column not in DATE_COLUMNS:
            return f"应填文字，这里却是日期（{shown}）。"
        if kind in ("number", "bool") and column in DATE_COLUMNS:
            return f"应填日期，这里却是{'数字' if kind == 'number' else '逻辑值'} {_clip(shown)}。请填写如 2024-06-20。"
    if _CONTROL.search(value):
        return "含有控制字符（不可见的特殊字符），请删去后再导入。"
    limit = TEXT_LIMITS.get(column)
    if limit and len(value) > limit:
        return f"内容过长：{len(value)} 个字，最多 {limit} 个字。"
    return None


@dataclass
class _Session:
    """What the plan compares the file with, read once."""

    by_number: dict[tuple[str, int], SuggestionRow]
    units: dict[str, int]  # the name as _token writes it -> unit id
    unit_names: dict[int, str]

    @classmethod
    def load(cls) -> _Session:
        rows = suggestions.list_suggestions()
        listed = suggestions.list_units()
        return cls({(r.period, r.number): r for r in rows}, {_token(u.name): u.unit_id for u in listed},
                   {u.unit_id: u.name for u in listed})


def _number_of(text: str, period_text: str) -> tuple[tuple[str, int] | None, str]:
    """(period, number) of a 编号 (建议第3号 / 闭会第3号; a bare 3 takes the 期间 column), or None and why."""
    found = _NUMBER.fullmatch(_token(text))
    if not found:
        return None, f"看不懂的编号“{_clip(text)}”。请填写如“建议第3号”或“闭会第1号”。"
    prefix, number = found.group(1), int(found.group(2))
    if prefix in ("闭会", BETWEEN):
        return (BETWEEN, number), ""
    if prefix in ("建议", SESSION):
        return (SESSION, number), ""
    period = _token(period_text)
    if period in PERIODS:
        return (period, number), ""
    return None, f"编号“{_clip(text)}”没有说明是会议期间还是闭会期间的建议。请填写如“建议第3号”或“闭会第1号”。"


def _same(reply: ReplyRow, day: dt.date, result: str, text: str) -> bool:
    """Whether the file's reply is this one on record (a cell left empty says nothing)."""
    return reply.replied_on == day and (not result or reply.result == result) and (not text or reply.text == text)


def _describe_reply(reply: ReplyRow) -> str:
    return f"{_day(reply.replied_on)}，{reply.result or '未写办理结果'}"


def _plan_row(cells: list[str], odd: dict[int, tuple[str, str]], line: int, table: _Table, snap: _Session,
              today: dt.date) -> ReplyPlanRow:
    cols = table.columns
    blocked: dict[str, str] = {}
    for column, i in cols.items():
        problem = _cell_problem(column, cells[i] if i < len(cells) else "", odd.get(i))
        if problem:
            blocked[column] = problem

    def get(column: str) -> str:
        i = cols.get(column)
        if i is None or column in blocked or i >= len(cells):
            return ""
        return cells[i]

    def shown(column: str) -> str:
        i = cols.get(column)
        return _clip(cells[i]) if i is not None and i < len(cells) else ""

    row = ReplyPlanRow(line, shown(NUMBER), shown(UNIT))

    def bad(column: str, reason: str) -> None:
        row.errors.append(RowError(table.source, line, column, reason))

    for column in KNOWN:
        if column in blocked:
            bad(column, blocked[column])

    # which suggestion, which unit
    s = a = None
    if NUMBER not in blocked:
        if not get(NUMBER):
            bad(NUMBER, "缺少编号（如“建议第3号”）。")
        else:
            key, why = _number_of(get(NUMBER), get(PERIOD))
            if key is None:
                bad(NUMBER, why)
            else:
                s = snap.by_number.get(key)
                if s is None:
                    bad(NUMBER, f"没有{rules.number_words(*key)}。请核对编号。")
                else:
                    row.number, row.suggestion_id = s.number_words, s.suggestion_id
    if UNIT not in blocked:
        name = " ".join(get(UNIT).split())
        if not name:
            bad(UNIT, "缺少承办单位。")
        else:
            unit_id = snap.units.get(_token(name))
            if unit_id is None:
                bad(UNIT, f"“{_clip(name)}”不在本次会议的承办单位名单中。")
            elif s is not None:
                row.unit = snap.unit_names[unit_id]
                a = next((x for x in s.assignments if x.unit_id == unit_id), None)
                if a is None:
                    held = "、".join(f"{x.unit}（{x.role}）" for x in s.assignments)
                    bad(UNIT, f"{s.number_words}没有交办给{row.unit}" + (f"；其承办单位是{held}。" if held else "，尚未交办。"))
                else:
                    row.assignment_id = a.assignment_id
    if s is not None and TITLE in cols and get(TITLE) and _token(get(TITLE)) != _token(s.title):
        row.warnings.append(f"标题与{s.number_words}登记的“{_clip(s.title, 30)}”不同，请核对编号。")
    if a is not None and ROLE in cols and get(ROLE) and _token(get(ROLE)) not in (a.role, a.role + "单位"):
        row.warnings.append(f"{row.unit}登记为{a.role}单位，文件中为“{_clip(get(ROLE))}”（导入答复不改变主办、协办）。")

    # the reply and the rating, as the file gives them
    day = rated_on = None
    if REPLIED_ON not in blocked and get(REPLIED_ON):
        day, why = parse_date(get(REPLIED_ON))
        if day is None:
            bad(REPLIED_ON, why)
    result = ""
    if RESULT not in blocked and get(RESULT):
        token = _token(get(RESULT))
        result = RESULT_ALIASES.get(token.upper(), token)
        if result not in RESULTS:
            bad(RESULT, f"办理结果只能是{'、'.join(RESULTS)}之一（或 A、B、C 类），不能是“{_clip(get(RESULT))}”。")
            result = ""
    text = get(TEXT).replace("\r\n", "\n").replace("\r", "\n").strip()
    rating = ""
    if RATING not in blocked and get(RATING):
        rating = _token(get(RATING))
        if rating not in RATINGS:
            bad(RATING, f"代表评价只能是{'、'.join(RATINGS)}之一，不能是“{_clip(get(RATING))}”。")
            rating = ""
    if RATED_ON not in blocked and get(RATED_ON):
        rated_on, why = parse_date(get(RATED_ON))
        if rated_on is None:
            bad(RATED_ON, why)
        elif not rating and RATING not in blocked and not get(RATING):
            bad(RATED_ON, "填写了评价日期，却没有代表评价。")
    if REPLIED_ON not in blocked and not get(REPLIED_ON):
        given = [c for c, v in ((RESULT, get(RESULT)), (TEXT, text), (RATING, get(RATING))) if v]
        if given:
            what = "代表评价须对应一次答复" if given == [RATING] else f"填写了{'、'.join(given)}"
            bad(REPLIED_ON, f"{what}，却没有答复日期。请填写该次答复的日期。")
    if row.errors or a is None or day is None:
        if not row.errors and day is None:
            row.kind = BLANK
        return _finish(row)

    # against the unit's history
    label = f"{s.number_words}的{row.unit}"
    matches = [r for r in a.replies if _same(r, day, result, text)]
    if matches:
        reply = matches[-1]
        later = reply is not a.replies[-1]
        if rating and rating != reply.rating:
            if reply.rating:
                bad(RATING, f"{label}第{reply.round}轮答复（{_describe_reply(reply)}）已评价为{reply.rating}；评价不再改写。")
            elif later:
                bad(RATING, f"{label}第{reply.round}轮之后已有第{a.replies[-1].round}轮答复；只评价最近一轮。")
            else:
                on = rated_on or today
                if _check_rated_on(on, reply.replied_on, today, bad):
                    row.rate_reply_id, row.rating, row.rated_on = reply.reply_id, rating, on
                    row.changes.append(_rating_change(reply.round, rating, on, a))
        if not row.errors:
            row.kind = NEW_RATING if row.rate_reply_id else UNCHANGED
        return _finish(row)
    same_day = next((r for r in a.replies if r.replied_on == day), None)
    if same_day is not None:  # a round on record that day, said otherwise: a correction, not a new round
        column = RESULT if result and same_day.result != result else TEXT
        bad(column, f"{label}第{same_day.round}轮的答复（{_describe_reply(same_day)}）也是这一天，与文件中的不同；"
                    "答复不再改写。如是新一轮的答复，请核对答复日期。")
        return _finish(row)
    if a.answered:
        latest = a.latest
        column = REPLIED_ON if latest.replied_on != day else RESULT if result and latest.result != result else TEXT
        bad(column, f"{label}第{latest.round}轮已有答复（{_describe_reply(latest)}），与文件中的不同；答复不再改写，"
                    "代表评价为不满意后才有下一轮答复。")
        return _finish(row)
    # the round open now: its reply
    round_no = a.round
    if not result:
        if RESULT not in blocked:
            bad(RESULT, f"新的答复须填写办理结果：{'、'.join(RESULTS)}之一。")
    if day > today:
        bad(REPLIED_ON, f"答复日期 {_day(day)} 晚于今天。")
    if s.received_on is not None and day < s.received_on:
        bad(REPLIED_ON, f"答复日期 {_day(day)} 早于收到建议的日期 {_day(s.received_on)}。")
    if a.replies and day < a.replies[-1].replied_on:
        bad(REPLIED_ON, f"答复日期 {_day(day)} 早于第{a.replies[-1].round}轮的答复日期 {_day(a.replies[-1].replied_on)}。")
    on = None
    if rating:
        on = rated_on or today
        _check_rated_on(on, day, today, bad)
    if row.errors:
        return _finish(row)
    row.reply = ReplyInput(day, result, text)
    row.kind = NEW_REPLY
    row.changes.append(f"第{round_no}轮答复：{_day(day)}，{result}" + (f"（晚于答复期限 {_day(a.due)}）" if rules.late(a.due, day) else ""))
    if rating:
        row.rating, row.rated_on = rating, on
        row.changes.append(_rating_change(round_no, rating, on, a))
    return _finish(row)


def _check_rated_on(on: dt.date, replied_on: dt.date, today: dt.date, bad) -> bool:
    if on < replied_on:
        bad(RATED_ON, f"评价日期 {_day(on)} 早于答复日期 {_day(replied_on)}。")
        return False
    if on > today:
        bad(RATED_ON, f"评价日期 {_day(on)} 晚于今天。")
        return False
    return True


def _rating_change(round_no: int, rating: str, on: dt.date, a: AssignmentRow) -> str:
    text = f"第{round_no}轮代表评价：{rating}（{_day(on)}）"
    if rating == rules.UNSATISFIED:
        due = on + dt.timedelta(days=suggestions.due_defaults().redo_days)
        text += f"，{a.unit}重新办理，第{round_no + 1}轮答复期限 {_day(due)}"
    return text


def _finish(row: ReplyPlanRow) -> ReplyPlanRow:
    if row.errors:
        row.kind = ERROR
        row.reply, row.rate_reply_id, row.rating, row.rated_on = None, None, "", None
    return row


def _find_duplicates(rows: list[ReplyPlanRow], source: str) -> None:
    """A second row for the same suggestion and unit: the file answers each assignment once."""
    seen: dict[int, int] = {}
    for row in rows:
        if row.assignment_id is None:
            continue
        first = seen.setdefault(row.assignment_id, row.line)
        if first != row.line:
            row.errors.append(RowError(source, row.line, UNIT,
                                       f"与第 {first} 行重复（{row.number}、{row.unit}）：每件建议的每个承办单位只填一行。"))
            _finish(row)


def plan_reply_import(path: str | Path, *, today: dt.date | None = None) -> ReplyPlan:
    """Work out what importing the replies of PATH would do (TODAY: the day of the import, which
    dates a rating without 评价日期). Writes nothing."""
    today = today or dt.date.today()
    table = run(read_table(path, REPLY_SHAPE))
    stamp = _stamp()
    snap = _Session.load()
    rows = [_plan_row(cells, odd, line, table, snap, today) for line, cells, odd in table.rows]
    _find_duplicates(rows, table.source)
    columns = [c for c in KNOWN if c in table.columns]
    return ReplyPlan(table.source, rows, columns, table.ignored, stamp, today, table.sheet, table.notices)


# ---------------------------------------------------------------- writing


def apply_reply_import(plan: ReplyPlan) -> int:
    """Write the plan's replies and ratings in one transaction, through services.suggestions;
    returns the rows that wrote something. Refused whole while any row is bad."""
    if plan.has_errors:
        raise ServiceError(f"{plan.source} 有 {plan.count(ERROR)} 行错误，未导入任何内容。请改正后重新导入。")
    if _stamp() != plan.stamp:
        raise ServiceError("预览之后会议文件已有改动，请重新选择文件预览后再导入。")
    todo = plan.changing
    if not todo:
        return 0
    backups.before(backups.IMPORT, plan.source)
    now = dt.datetime.now().replace(microsecond=0)
    try:
        with store.database.atomic():
            for row in todo:
                try:
                    reply_id = row.rate_reply_id
                    if row.reply is not None:
                        reply_id = suggestions.record_reply(row.assignment_id, row.reply, now=now)
                    if row.rating:
                        suggestions.rate(reply_id, row.rating, row.rated_on)
                except ServiceError as exc:
                    raise ServiceError(f"{plan.source} 第 {row.line} 行（{row.number}、{row.unit}）：{exc.message}"
                                       "未导入任何内容。", exc.field) from exc
    except BaseException:
        plan.stamp = _stamp()  # rolled back: the session is as planned
        raise
    return len(todo)

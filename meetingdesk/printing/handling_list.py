"""交办清单: the suggestions handed to each handling unit, unit by unit, as the 督查室 sends them out.

The units in the session's list order (services.suggestions.list_units), each that has a part
under its name with its counts — "区住房和城乡建设局（主办4件，协办1件）" — over a ruled table: the
suggestions it leads (主办) first, then those it assists (协办), each in the suggestions' order
(会议期间 by number, then 闭会期间): 编号 (重点 marked), 标题, 领衔代表, 主办/协办, the other
units of that suggestion, and the unit's 答复期限 — the open round's: after a reply rated 不满意 the
redo's. At the top the totals: how many suggestions of each period went to how many units.
Suggestions only (建议第N号 / 闭会第N号): a 大会议案's handling is not on this list.
"""
from __future__ import annotations

import datetime as dt

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable

from meetingdesk.rules.suggestions import BETWEEN, SESSION
from meetingdesk.rules.words import Role
from meetingdesk.services import suggestions
from meetingdesk.services.suggestions import AssignmentRow, SuggestionRow

from .bodies import headed_paper
from .coverage import Printed
from .fonts import HEI
from .frame import ContinuedBlock, Paper, para, style
from .names import padded
from .tables import Column, Text, table

KIND = "handling_list"
TITLE = "交办清单"
SIZE = 10.5  # 五号
LEADING = 14
NOTE = style("handling-note", size=14, leading=24, align=TA_LEFT, first_indent=28)
CAPTION = style("handling-caption", font=HEI, size=14, leading=26, align=TA_LEFT)
# 编号 holds 闭会第12号 over （重点）; 其他承办单位 a unit's name a line; the title takes what is left.
COLUMNS = (Column("序号", 26), Column("编号", 50), Column("标　题", align="left"), Column(("领衔", Role.DELEGATE), 40),
           Column(("承办", "方式"), 30), Column("其他承办单位", 140, "left"), Column(("答复", "期限"), 50))
KEY = "（重点）"


def day_lines(day: dt.date | None) -> Text:
    """2024年 / 7月31日 — a date over two lines of a narrow column; "" when there is none."""
    return (f"{day.year}年", f"{day.month}月{day.day}日") if day else ""


def number_lines(row: SuggestionRow) -> Text:
    """建议 / 第12号 (/ （重点）): the number breaks before 第, as the register's."""
    kind, _, rest = row.number_words.partition("第")
    return (kind, "第" + rest, *((KEY,) if row.key else ()))


def others(row: SuggestionRow, unit_id: int) -> list[str]:
    """The suggestion's other units, the lead first, each with its part: 区财政局（主办）."""
    return [f"{a.unit}（{a.role}）" for a in row.assignments if a.unit_id != unit_id]


def unit_rows(unit_id: int, rows: list[SuggestionRow]) -> list[tuple[SuggestionRow, AssignmentRow]]:
    """The unit's parts: those it leads, then those it assists, each in the suggestions' order."""
    mine = [(r, a) for r in rows for a in r.assignments if a.unit_id == unit_id]
    return [p for p in mine if p[1].lead] + [p for p in mine if not p[1].lead]


def cells(i: int, row: SuggestionRow, a: AssignmentRow) -> list[Text]:
    lead = padded(row.lead_name) if row.lead_name else row.submitter
    return [str(i), number_lines(row), row.title, lead, a.role, others(row, a.unit_id), day_lines(a.due)]


def counts_text(parts: list[tuple[SuggestionRow, AssignmentRow]]) -> str:
    """主办4件，协办1件 (a part left out when there is none)."""
    lead = sum(1 for _, a in parts if a.lead)
    words = [f"主办{lead}件" if lead else "", f"协办{len(parts) - lead}件" if len(parts) > lead else ""]
    return "，".join(w for w in words if w)


def summary_text(rows: list[SuggestionRow], units: int) -> str:
    """The totals over the lists: 交办代表建议18件（会议期间13件，闭会期间5件），承办单位27个。"""
    assigned = [r for r in rows if r.assignments]
    if not assigned:
        return "尚未交办代表建议。"
    by = [(period, sum(1 for r in assigned if r.period == period)) for period in (SESSION, BETWEEN)]
    parts = "，".join(f"{period}{n}件" for period, n in by if n)
    return (f"交办代表建议{len(assigned)}件（{parts}），承办单位{units}个。"
            "以承办单位为序，各单位先列主办、后列协办的建议。")


def unit_block(name: str, parts: list[tuple[SuggestionRow, AssignmentRow]]) -> ContinuedBlock:
    heading = f"{name}（{counts_text(parts)}）"

    def caption(continued: bool) -> list[Flowable]:
        return [para(f"{name}（续）" if continued else heading, CAPTION)]

    return table(COLUMNS, [cells(i, r, a) for i, (r, a) in enumerate(parts, start=1)], size=SIZE, leading=LEADING,
                 caption=caption, min_rows=2, space_before=10)


def prepare() -> Paper:
    rows = suggestions.list_suggestions()
    units = [(u.name, unit_rows(u.unit_id, rows)) for u in suggestions.list_units()]
    units = [(name, parts) for name, parts in units if parts]
    summary = summary_text(rows, len(units))
    items = [Printed(name, "承办单位") for name, _ in units]
    items += [Printed(r.title, r.number_words) for r in rows if r.assignments]
    items += [Printed(r.lead_name or r.submitter, f"{r.number_words} 领衔代表") for r in rows if r.assignments]

    def body() -> list[Flowable]:
        return [para(summary, NOTE), *(unit_block(name, parts) for name, parts in units)]

    return headed_paper(KIND, TITLE, "", items, body)

"""Exporting the roster to .xlsx in the import's columns, so that re-importing changes nothing.

Rows come in printing order: delegation order, then 代表, 列席, 工作人员, then the stroke
order of the names (the roster service's order; names are never sorted here). The ended
mandates follow the serving people, in the same order (one who ended before the delegations were
formed last), with 状态 终止, so that the mandate's record comes back in whole: every member has
its 状态, 资格开始方式 (换届/补选 for a delegate), 资格开始日期, 选区, 资格确认会议, and an ended
one its 终止日期, 终止原因, 终止决定. Dates are written as text, 2023-11-29.

Every cell is written as text (an inline string), never as a formula or an error value: a
职务 or 备注 that starts with = + - @ (or a tab or a line break), such as
`=HYPERLINK("http://…")`, stays the same text in Excel, and reading the file back with
openpyxl or importing it gives the same string. Such cells also carry Excel's “quote prefix”
(the leading apostrophe that is not part of the text), so that editing them in Excel keeps them
text. A character no .xlsx can hold (control characters) is refused with the person and the
field, rather than dropped.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from meetingdesk.services import output, roster
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.importer import COLUMNS, REELECTED_WORD
from meetingdesk.rules.words import Role


MAX_CELL = 32_767  # Excel's limit for one cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML 1.0 (and openpyxl) cannot hold
WIDTHS = {"姓名": 12, "性别": 6, "代表团": 20, "身份": 10, "职务": 36, "备注": 30, "团内职务": 10,
          "状态": 8, "资格开始方式": 12, "资格开始日期": 13, "选区": 24, "资格确认会议": 30,
          "终止日期": 12, "终止原因": 30, "终止决定": 30}


def _date(day) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def roster_rows() -> list[tuple[str, ...]]:
    """The rows the export writes, in COLUMNS order: the serving people, then the ended mandates."""
    order = {did: i for i, (did, _) in enumerate(roster.delegation_choices())}
    members = roster.list_members(include_ended=True)  # stroke order; the sort below is stable
    members.sort(key=lambda m: (not m.serving, order.get(m.delegation_id, len(order)), roster.ROLE_ORDER[m.role]))
    return [(m.name, m.gender, m.delegation, m.role, m.work_title, m.note, m.leader_title, m.status,
             m.start_reason or (REELECTED_WORD if m.role == Role.DELEGATE else ""), _date(m.started_on),
             m.constituency, m.confirmed_by, _date(m.ended_on), m.end_reason, m.end_decision)
            for m in members]


def export_roster(path: str | Path) -> int:
    """Write the roster to PATH (.xlsx); returns the number of rows written (ended mandates too)."""
    path = output.check(path, ".xlsx")
    rows = roster_rows()
    for row in rows:  # before the workbook exists: a refusal leaves nothing half-made behind
        for value, column in zip(row, COLUMNS):
            _check_text("" if value is None else str(value), row[0], column)
    write_xlsx(path, "名单", COLUMNS, WIDTHS, rows)
    return len(rows)


def write_xlsx(path: Path, title: str, columns, widths: dict[str, int], rows) -> None:
    """One sheet TITLE at PATH (checked by output.check): the header COLUMNS frozen, each column as wide
    as WIDTHS says (12 otherwise), then ROWS; every cell text (_text_cell), written through output."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(column, 12)
    sheet.append([_text_cell(sheet, c) for c in columns])
    for row in rows:
        sheet.append([_text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    output.write(path, ".xlsx", lambda tmp: Path(tmp).write_bytes(buffer.getvalue()))


def _check_text(text: str, name: str, column: str) -> None:
    bad = _UNWRITABLE.search(text)
    if bad:
        raise ServiceError(f"“{name}”的{column}中有 Excel 无法保存的控制字符（U+{ord(bad.group()):04X}），"
                           f"未导出。请先在名单中改正{column}后再导出。")
    if len(text) > MAX_CELL:
        raise ServiceError(f"“{name}”的{column}有 {len(text)} 个字，超过 Excel 一个单元格最多 {MAX_CELL} 个字，"
                           f"未导出。请先在名单中改短后再导出。")


def _text_cell(sheet, value):
    """VALUE as a cell that Excel and openpyxl read as this very text, never as a formula."""
    from openpyxl.cell import WriteOnlyCell

    text = "" if value is None else str(value)
    cell = WriteOnlyCell(sheet)
    cell.value = text  # openpyxl guesses a formula (=…) or an error value (#N/A) here …
    cell.data_type = "s"  # … and this makes it text, whatever it starts with
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell

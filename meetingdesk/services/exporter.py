"""Exporting the roster to .xlsx in the import's columns, so that re-importing changes nothing.

Rows come in printing order: delegation order, then 代表, 列席, 工作人员, then the stroke
order of the names (the roster service's order; names are never sorted here).
Only serving members are written; ended mandates stay in the session file.
"""
from __future__ import annotations

import io
from pathlib import Path

from meetingdesk.services import output, roster
from meetingdesk.services.importer import COLUMNS


WIDTHS = {"姓名": 12, "性别": 6, "代表团": 20, "身份": 10, "职务": 36, "备注": 30, "团内职务": 10}


def roster_rows() -> list[tuple[str, ...]]:
    """The rows the export writes, in COLUMNS order."""
    order = {did: i for i, (did, _) in enumerate(roster.delegation_choices())}
    members = roster.list_members()  # stroke order; the sort below is stable and keeps it
    members.sort(key=lambda m: (order[m.delegation_id], roster.ROLE_ORDER[m.role]))
    return [(m.name, m.gender, m.delegation, m.role, m.work_title, m.note, m.leader_title)
            for m in members]


def export_roster(path: str | Path) -> int:
    """Write the roster to PATH (.xlsx); returns the number of people written."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    path = output.check(path, ".xlsx")
    rows = roster_rows()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.freeze_panes = "A2"
    for i, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(column, 12)
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    output.write(path, ".xlsx", lambda tmp: Path(tmp).write_bytes(buffer.getvalue()))
    return len(rows)

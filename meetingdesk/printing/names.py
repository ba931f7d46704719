"""How a person's name is set on paper: padded, with small markers after it."""
from __future__ import annotations

import math

from meetingdesk.rules import people as people_rules
from meetingdesk.services.roster import ROLE_ORDER, MemberRow

from .coverage import Printed
from .fonts import SONG, Run, runs, runs_width

PAD = "\u3000"  # full-width space
ROLES = tuple(ROLE_ORDER)  # 代表, 列席, 工作人员: the order of the sections


def padded(name: str) -> str:
    """王烁 -> 王　烁: a two-character name takes the width of three (typography only)."""
    return name[0] + PAD + name[1] if len(name) == 2 else name


def person_text(row: MemberRow) -> str:
    """The name as the clerk entered it, with its distinguishing note: 王超(区融媒体中心主任)."""
    return people_rules.display_name(row.name, "", row.note)


def printed(row: MemberRow) -> Printed:
    return Printed(person_text(row), f"{row.delegation} {row.role}")


def name_runs(row: MemberRow, size: float, mark_size: float, *, font: str = SONG) -> list[Run]:
    """王　烁 then the note and (女) as small markers: 王　超(区消防救援大队大队长), 刘　君(女)."""
    out = runs(padded(row.name), size, font)
    marks = ""
    if row.note:
        marks += f"({row.note})"
    if row.gender == "女":
        marks += "(女)"
    if marks:
        out += runs(marks, mark_size, font)
    return out


def span_of(items: list[Run], column: float, gap: float) -> int:
    """How many grid columns an entry takes (a long note spills into the next one)."""
    return max(1, math.ceil((runs_width(items) + gap) / column))

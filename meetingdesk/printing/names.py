"""How a person's name is set on paper: padded, with small markers after it."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from meetingdesk.rules import people as people_rules
from meetingdesk.services.roster import ROLE_ORDER, MemberRow

from .coverage import Printed
from .fonts import SONG, Run, runs, runs_width
from .frame import Cell, GridRow

PAD = "\u3000"  # full-width space
ROLES = tuple(ROLE_ORDER)  # 代表, 列席, 工作人员: the order of the sections


class Named(Protocol):
    """What a paper needs of a person: a roster member, a presidium member or an officer."""

    name: str
    gender: str
    note: str


def namesakes(people: Sequence) -> set[str]:
    """The names two or more of PEOPLE share: they print their notes, to be told apart."""
    seen = Counter(p.name for p in people)
    return {name for name, n in seen.items() if n > 1}


def padded(name: str) -> str:
    """王烁 -> 王　烁: a two-character name takes the width of three (typography only)."""
    return name[0] + PAD + name[1] if len(name) == 2 else name


def person_text(row: Named) -> str:
    """The name as the clerk entered it, with its distinguishing note: 王超(区融媒体中心主任)."""
    return people_rules.display_name(row.name, "", row.note)


def printed(row: MemberRow | Named, where: str = "") -> Printed:
    """For the coverage check; WHERE defaults to a roster member's delegation and role."""
    return Printed(person_text(row), where or f"{row.delegation} {row.role}")


def name_runs(row: Named, size: float, mark_size: float, *, font: str = SONG,
              pad: bool = True) -> list[Run]:
    """王　烁 then the note and (女) as small markers: 王　超(区消防救援大队大队长), 刘　君(女).

    PAD False for a name run into a line ("总监票人：肖毅"): padding only aligns columns.
    """
    out = runs(padded(row.name) if pad else row.name, size, font)
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


def name_grid(people: Sequence[Named], *, columns: int, x: float, column: float, size: float,
              mark: float, leading: float, gap: float, label_cell: Cell | None = None) -> list[GridRow]:
    """PEOPLE in COLUMNS aligned columns from X, left to right then down; a long entry takes two.

    LABEL_CELL ("代　表：") shows on the first row, and again if a page break falls inside.
    """
    rows: list[list[Cell]] = [[]]
    col = 0
    for person in people:
        content = name_runs(person, size, mark)
        span = min(columns, span_of(content, column, gap))
        if col + span > columns:
            rows.append([])
            col = 0
        rows[-1].append(Cell(x + col * column, span * column, content))
        col += span
    return [GridRow(cells, size=size, leading=leading, label_cell=label_cell, show_label=(i == 0))
            for i, cells in enumerate(rows)]

"""Ruled tables of the motion desk's papers: boxed cells, the column headings on every page.

A4 portrait only (the frame has no landscape page), so a wide table wraps its long
cells within their width rather than cutting them off; where a cell has a natural break
(议案原案 / 第14号, a date over its time, one delegation a line) it breaks there first.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from .fonts import HEI, SONG, runs
from .frame import FRAME_WIDTH, Cell, ContinuedBlock, GridRow, wrap_runs

PAD = 3  # inside a cell, left and right
V_PAD = 3  # above and below the lines of a row

# A cell's text: one string (wrapped where the width ends) or its lines (each wrapped further).
Text = str | Sequence[str]


@dataclass(frozen=True)
class Column:
    heading: Text
    width: float = 0  # 0: whatever the other columns leave
    align: str = "center"


def lines_cell(x: float, width: float, text: Text, size: float, *, font: str = SONG,
               align: str = "center", pad: float = PAD, boxed: bool = True) -> Cell:
    """A cell of TEXT; given as lines, it breaks after each, and wraps a line still too wide where
    prose would (frame.wrap_runs: no "（" ending a line, no "）" starting one, numbers whole)."""
    parts = [text] if isinstance(text, str) else list(text)
    lines = [line for part in parts for line in wrap_runs(runs(part, size, font), width - 2 * pad)]
    return Cell(x, width, [run for line in lines for run in line], align=align, pad=pad, boxed=boxed,
                lines=lines or [[]])


def _widths(columns: Sequence[Column], total: float) -> list[float]:
    rest = total - sum(c.width for c in columns)
    return [c.width or rest for c in columns]


def table_row(columns: Sequence[Column], texts: Sequence[Text], *, size: float, leading: float,
              x: float = 0, total: float = FRAME_WIDTH, font: str = SONG, heading: bool = False) -> GridRow:
    """One row of boxed cells from X; headings are centred, the body aligned as its column says."""
    cells, at = [], x
    for column, width, text in zip(columns, _widths(columns, total), texts):
        cells.append(lines_cell(at, width, text, size, font=font,
                                align="center" if heading else column.align))
        at += width
    lines = max(len(c.lines) for c in cells)
    return GridRow(cells, size=size, leading=leading, min_height=lines * leading + 2 * V_PAD)


def table(columns: Sequence[Column], rows: Sequence[Sequence[Text]], *, size: float, leading: float,
          x: float = 0, total: float = FRAME_WIDTH, space_before: float = 0,
          caption: Callable[[bool], list[Flowable]] | None = None, min_rows: int = 1) -> ContinuedBlock:
    """The headings (in 黑体) over the rows; on a page break the headings come again.

    CAPTION(continued) gives the lines above the headings (the table's title, "（续）" after a
    break), so a title never stays behind at a page foot without its table; MIN_ROWS rows at
    least go on each side of a break.
    """
    def head(continued: bool) -> list[Flowable]:
        return [*(caption(continued) if caption else []),
                table_row(columns, [c.heading for c in columns], size=size, leading=leading, x=x,
                          total=total, font=HEI, heading=True)]

    body = [table_row(columns, texts, size=size, leading=leading, x=x, total=total) for texts in rows]
    return ContinuedBlock(head, body, min_rows=min_rows, space_before=space_before)

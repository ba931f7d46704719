"""日程: the printed meetings day by day, each with its time, name and items.

Seed 000: "12月21日(星期四)", then "上午 8:30 第一次全体会议" and its items
"1.报告代表到会情况" … Meetings marked not printed (预备会议, 主席团会议) stay off the paper;
the plenary's 大会主持人 is on the 执行主席分组, not here. A place, where one is entered,
follows the meeting's name.
"""
from __future__ import annotations

from itertools import groupby

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable

from meetingdesk.services import schedule
from meetingdesk.services.schedule import MeetingRow

from .bodies import SIZE, UNSETTLED, adopted_paper, text_row
from .coverage import Printed
from .fonts import HEI, SONG, runs, runs_width
from .frame import FRAME_WIDTH, Cell, ContinuedBlock, GridRow, Paper, para, style

KIND = "schedule"
TITLE = "日程"
INDENT = 2 * SIZE  # meetings under their day
HALF_WIDTH = 2 * SIZE  # 上午
CLOCK_WIDTH = 3 * SIZE  # 14:30 (half-width digits), right-aligned
WHEN_WIDTH = HALF_WIDTH + CLOCK_WIDTH + SIZE  # the names of the meetings line up after it
ITEM_INDENT = INDENT + WHEN_WIDTH  # items under the meeting's name
# Tighter than the lists of names: the seed's three days fit one page.
DAY_LEADING = 24
MEETING_LEADING = 22
ITEM_LEADING = 19
DAY_SPACE = 8


def meeting_line(m: MeetingRow) -> str:
    return f"{m.name}　地点：{m.place}" if m.place else m.name


def meeting_row(m: MeetingRow) -> GridRow:
    """上午 8:30 第一次全体会议 — the clock right-aligned, so 8:30 and 14:30 line up."""
    clock = m.when[len(m.half):].strip()
    cells = [Cell(INDENT, HALF_WIDTH, runs(m.half, SIZE)),
             Cell(INDENT + HALF_WIDTH, CLOCK_WIDTH, runs(clock, SIZE), align="right"),
             Cell(INDENT + WHEN_WIDTH, FRAME_WIDTH - INDENT - WHEN_WIDTH, runs(meeting_line(m), SIZE))]
    return GridRow(cells, size=SIZE, leading=MEETING_LEADING, keep_with_next=bool(m.items))


def item_para(number: int, text: str) -> Flowable:
    """1.报告代表到会情况 — a long item wraps under its text, not under its number."""
    mark = f"{number}."
    width = runs_width(runs(mark, SIZE))
    st = style(f"schedule-item-{number}", font=SONG, size=SIZE, leading=ITEM_LEADING, align=TA_LEFT,
               left_indent=ITEM_INDENT + width, first_indent=-width)
    return para(mark + text, st)


def day_block(heading: str, meetings: list[MeetingRow]) -> ContinuedBlock:
    rows: list[Flowable] = []
    for m in meetings:
        rows.append(meeting_row(m))
        rows += [item_para(item.number, item.text) for item in m.items]

    def head(continued: bool) -> list[Flowable]:
        return [text_row(heading + ("（续）" if continued else ""), font=HEI, leading=DAY_LEADING)]

    return ContinuedBlock(head, rows, min_rows=2, space_before=DAY_SPACE)


def prepare() -> Paper:
    meetings = schedule.list_meetings(printed_only=True)
    days = [(heading, list(group)) for heading, group in groupby(meetings, key=lambda m: m.day_heading)]
    printed = [Printed(text, "日程") for m in meetings
               for text in (meeting_line(m), *(item.text for item in m.items))]

    def body() -> list[Flowable]:
        if not days:
            return [text_row(UNSETTLED)]
        return [day_block(heading, group) for heading, group in days]

    return adopted_paper(KIND, TITLE, printed, body)

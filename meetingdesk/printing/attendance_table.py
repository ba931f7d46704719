"""代表出席情况统计表: every delegate across the session's meetings, one column a meeting.

Per delegation (in their order, stroke order within), one row a delegate: a column for each
meeting `attendance.session_table` shows (the voting ones, and any other with records), headed
short — 预备会议, 一次全会, 主席团一次 — over its date, each cell "√" 出席, "迟" 迟到, "退" 早退,
"假" 请假, "缺" 缺席, blank where nothing is recorded, "—" where the person was not a delegate on
the meeting's date; then the earlier sessions missed without leave, and 备注: "★两次未经批准不出席"
for whom this session's and earlier unexcused absences make two, and which sessions. A delegate
whose mandate ended during the session stays, the meetings from the end marked "—" and 备注
"资格终止于12月22日"; a 补选 delegate is listed with the meetings before the start marked "—" and
备注 "12月22日起补选" — never 缺席 there. The column headings come again on every page; a legend and the
list of those flagged close the paper. Dated by the last meeting it counts (截至 the close of its
roll that day, else its start: `attendance.count_time`), never by the computer's clock. Option
`delegation_id`: one delegation.

A4 portrait, as every paper (the frame has no landscape page): past four meetings the columns
narrow, their headings broken into short lines and set smaller — ten meetings still fit.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable, Spacer

from meetingdesk.rules.numerals import chinese_number
from meetingdesk.rules.words import AttendanceStatus
from meetingdesk.services import attendance, roster
from meetingdesk.services.attendance import SessionLine
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.schedule import MeetingRow

from .attendance_report import as_of, named_row
from .bodies import headed_paper
from .coverage import Printed
from .fonts import HEI, runs
from .frame import FRAME_WIDTH, Cell, ContinuedBlock, GridRow, Paper, para, style
from .names import name_grid, printed
from .tables import PAD, Column, table_row

KIND = "attendance_table"
TITLE = "代表出席情况统计表"
SIZE = 10  # 五号 and a little: a row per delegate
MARK = 7
LEADING = 13
NUMBER_W = 26
NAME_W = 74
PRIOR_W = 48  # 往次 / 未经批准 / 缺席
NOTE_MIN = 96  # 备注 keeps room for "★两次未经批准不出席" on two lines
MEETING_W = 52  # 一次全会 / 12月21日 on a line each, at most
# Past four meetings the columns narrow: less room for the others, the headings smaller.
NARROW_NUMBER_W = 22
NARROW_PRIOR_W = 30
NARROW_NOTE_MIN = 80
SMALLEST_HEAD = 6.5
MARKS = {
    AttendanceStatus.PRESENT: "√",
    AttendanceStatus.LATE: "迟",
    AttendanceStatus.LEFT_EARLY: "退",
    AttendanceStatus.LEAVE: "假",
    AttendanceStatus.ABSENT: "缺",
    "": "",
}
OUTSIDE = "—"  # not a delegate on the meeting's date: before a 补选 start, from a mandate's end
FLAG = "★"
FLAGGED = "两次未经批准不出席"
HERE = "本次会议未经批准缺席"
CAPTION = style("attendance-table-caption", font=HEI, size=13, leading=24, align=TA_LEFT)
LEGEND = style("attendance-table-legend", size=10.5, leading=16, align=TA_LEFT)
AS_OF = style("attendance-table-as-of", size=12, leading=18)
LIST_HEADING = style("attendance-table-list", font=HEI, size=12, leading=22, align=TA_LEFT)
NAMES = 4  # columns of the flagged delegates' names
NO_DELEGATION = "未编入代表团"


def short_name(m: MeetingRow) -> tuple[str, ...]:
    """预备会议 / 一次全会 / 主席团一次 / 代表团会议 — a column heading, in the pieces a narrow
    column sets a line each."""
    if m.kind == "全体会议" and m.number:
        return f"{chinese_number(m.number)}次", "全会"
    if m.kind == "主席团会议" and m.number:
        return "主席团", f"{chinese_number(m.number)}次"
    if m.name.endswith("会议") and len(m.name) > 2:
        return m.name[:-2], "会议"
    return (m.name,)


@dataclass(frozen=True)
class Layout:
    """The columns, and the size the headings are set at (smaller when the meetings are many)."""

    columns: list[Column]
    head_size: float

    @property
    def head_leading(self) -> float:
        return self.head_size * 1.3


def layout(shown: list[MeetingRow]) -> Layout:
    """序号 | 姓名 | a column a meeting | 往次 | 备注: a meeting's heading on two lines (一次全会 over
    12月21日) while the page has room; past that the columns share what the others leave, and
    their headings are broken into short lines set as small as it takes to fit."""
    room = FRAME_WIDTH - NUMBER_W - NAME_W - PRIOR_W - NOTE_MIN
    if not shown or room / len(shown) >= MEETING_W:
        meetings = [Column(("".join(short_name(m)), f"{m.date.month}月{m.date.day}日"), MEETING_W) for m in shown]
        return Layout([Column("序号", NUMBER_W), Column("姓　名", NAME_W, "left"), *meetings,
                       Column(("往次", "未经批准", AttendanceStatus.ABSENT), PRIOR_W), Column("备　注", align="left")], SIZE)
    room = FRAME_WIDTH - NARROW_NUMBER_W - NAME_W - NARROW_PRIOR_W - NARROW_NOTE_MIN
    width = room / len(shown)
    headings = [(*short_name(m), f"{m.date.month}月", f"{m.date.day}日") for m in shown]
    chars = max(len(line) for lines in headings for line in lines)
    size = max(SMALLEST_HEAD, min(SIZE, (width - 2 * PAD) / chars))
    return Layout([Column("序号", NARROW_NUMBER_W), Column("姓　名", NAME_W, "left"),
                   *(Column(lines, width) for lines in headings),
                   Column(("往次", AttendanceStatus.ABSENT), NARROW_PRIOR_W), Column("备　注", align="left")], size)


def month_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def mandate_notes(line: SessionLine) -> list[str]:
    """12月22日起补选 / 资格终止于12月22日: why some meetings are "—" in the row."""
    out = []
    if line.started_during is not None:
        out.append(f"{month_day(line.started_during)}起补选")
    if line.ended_during is not None:
        out.append(f"资格终止于{month_day(line.ended_during)}")
    return out


def notes(line: SessionLine) -> list[str]:
    """★两次未经批准不出席, 往次：the earlier sessions missed, 本次会议未经批准缺席, the mandate's
    start or end within the session — a line each."""
    out = [FLAG + FLAGGED] if line.unexcused_total >= 2 else []
    if line.prior:
        out.append("往次：" + "、".join(line.prior))
    if line.unexcused_here:
        out.append(HERE)
    return out + mandate_notes(line)


def marks(line: SessionLine) -> list[str]:
    return [MARKS.get(s, s) if line.in_mandate(i) else OUTSIDE for i, s in enumerate(line.statuses)]


def cells(number: int, line: SessionLine) -> list:
    return [str(number), "", *marks(line), str(len(line.prior)) if line.prior else "", notes(line)]


def partial(line: SessionLine) -> bool:
    """Not a delegate at every meeting shown."""
    return not all(line.in_mandate(i) for i in range(len(line.statuses)))


def legend_text(outside: bool = False) -> str:
    marks = "，".join(f"“{mark}”{status}" for status, mark in MARKS.items() if status)
    dash = (f"“{OUTSIDE}”为该次会议时尚未补选为代表或代表资格已经终止，不计应到，见备注。"
            if outside else "")
    return (f"说明：{marks}，空白为未记录。{dash}“往次”一栏为以往各次会议未经批准不出席的次数；"
            f"{HERE}，指本次会议有缺席记录且没有出席任何一次预备会议或全体会议。"
            f"“{FLAG}”为往次与本次合计，未经批准两次不出席本级人民代表大会会议。")


def changes_text(lines: list[SessionLine]) -> str:
    """其中会议期间资格终止1人、补选1人 — "" when everyone was a delegate at every meeting."""
    ended = sum(line.ended_during is not None for line in lines)
    started = sum(line.started_during is not None for line in lines)
    parts = [f"{word} {n} 人" for word, n in (("资格终止", ended), ("补选", started)) if n]
    return f"其中会议期间{'、'.join(parts)}" if parts else ""


def line_row(columns: list[Column], number: int, line: SessionLine) -> GridRow:
    """A delegate's row; the marks in 黑体, the Song face's "√" being thin and small."""
    row = named_row(columns, cells(number, line), 1, line.row, size=SIZE, leading=LEADING, mark=MARK)
    for i, mark in enumerate(marks(line), start=2):
        old = row.cells[i]
        row.cells[i] = Cell(old.x, old.width, runs(mark, SIZE, HEI), align="center", pad=old.pad, boxed=True)
    return row


def delegation_block(name: str, lines: list[tuple[int, SessionLine]], shape: Layout) -> ContinuedBlock:
    columns = shape.columns
    rows = [line_row(columns, number, line) for number, line in lines]
    count = len(lines)
    changes = changes_text([line for _, line in lines])

    def head(continued: bool) -> list[Flowable]:
        text = f"{name}（续）" if continued else f"{name}（代表 {count} 人{'，' + changes if changes else ''}）"
        return [para(text, CAPTION),
                table_row(columns, [c.heading for c in columns], size=shape.head_size, leading=shape.head_leading,
                          font=HEI, heading=True)]

    return ContinuedBlock(head, rows, min_rows=3, space_before=6)


def prepare(*, delegation_id: int | None = None) -> Paper:
    shown, lines = attendance.session_table()
    if delegation_id is not None:
        if not any(d.delegation_id == delegation_id for d in roster.list_delegations()):
            raise ServiceError("找不到要打印的代表团（可能已被删除）。")
        lines = [line for line in lines if line.row.delegation_id == delegation_id]
    if not lines:
        raise ServiceError("没有在任的代表，无法打印出席情况统计表。")
    shape = layout(shown)
    groups: dict[str, list[tuple[int, SessionLine]]] = {}
    for number, line in enumerate(lines, start=1):
        groups.setdefault(line.row.delegation or NO_DELEGATION, []).append((number, line))
    flagged = [line for line in lines if line.unexcused_total >= 2]
    outside = any(partial(line) for line in lines)
    last = attendance.last_counted(shown)  # dated by the last meeting it counts, not the clock
    when = attendance.count_time(last) if last is not None else None
    changes = changes_text(lines)
    subtitle = f"（代表 {len(lines)} 人{'，' + changes if changes else ''}，以代表团为序，团内以姓名笔画为序）"
    counted = f"（{as_of(when, last.name if last is not None else '')}）"  # a line of its own, as on the report
    items = [Printed(m.name, "会议") for m in shown]
    items += [Printed(name, "代表团名称") for name in groups]
    items += [printed(line.row, f"{line.row.delegation} 代表") for line in lines]
    items += [Printed(text, f"{line.row.display} 往次缺席") for line in lines for text in line.prior]

    def body() -> list[Flowable]:
        out: list[Flowable] = [para(counted, AS_OF), Spacer(1, 4)]
        out += [delegation_block(name, group, shape) for name, group in groups.items()]
        out += [Spacer(1, 10), para(legend_text(outside), LEGEND), Spacer(1, 8)]
        if flagged:
            rows = name_grid([line.row for line in flagged], columns=NAMES, x=0, column=FRAME_WIDTH / NAMES,
                             size=12, mark=8, leading=20, gap=6)

            def head(continued: bool) -> list[Flowable]:
                more = "（续）" if continued else f"（{len(flagged)} 人）："
                return [para(f"{FLAG}{FLAGGED}的代表{more}", LIST_HEADING)]

            out.append(ContinuedBlock(head, rows, min_rows=1))
        else:
            out.append(para(f"没有{FLAGGED}的代表。", LIST_HEADING))
        return out

    return headed_paper(KIND, TITLE, subtitle, items, body)

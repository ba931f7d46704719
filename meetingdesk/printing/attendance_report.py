"""代表到会情况报告: what the presiding chair reads out as the first item of every plenary.

Under the session title and the meeting ("（2023年12月21日上午第一次全体会议）") and the time
of the count — the meeting's, never the computer's: "截至2023年12月21日上午8:52时" when its roll
was closed that day (结束签到, when the chair's figures are said), else its start time from the
schedule (`attendance.count_time`); only a meeting the schedule gives no time, its roll not
closed, is counted to the time of printing, and the paper says so — the sentence exactly as services.attendance words
it — "本次会议应到代表210人，实到198人，请假9人，缺席3人，符合法定人数。" — then, for the
meetings that vote, the quorum rule in force with the number it needs; a small table of the
figures (迟到, 早退 and 未签到 only when there are any); 列席 and 工作人员 apart, never counted
toward the quorum; and the names on leave and absent, in stroke order (a long list is left
to the 代表请假和缺席名单); 大会秘书处 signs under the meeting's day. Option `meeting`: its number in the schedule or its name, as
`attendance.find_meeting` takes it; by default today's or the next plenary.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.platypus import Flowable, Spacer

from meetingdesk.rules.numerals import chinese_date
from meetingdesk.rules.schedule import moment_words
from meetingdesk.rules.words import AttendanceStatus, Role
from meetingdesk.services import attendance
from meetingdesk.services.attendance import CountTime, Counts, RollRow
from meetingdesk.services.schedule import MeetingRow

from .bodies import headed_paper
from .coverage import Printed
from .documents import ADDRESS, BODY
from .fonts import HEI, runs, runs_width
from .frame import FRAME_WIDTH, Cell, ContinuedBlock, GridRow, Paper, para, style
from .names import Named, name_grid, name_runs, printed
from .tables import PAD, V_PAD, Column, Text, lines_cell, table, table_row

KIND = "attendance"
TITLE = "代表到会情况报告"
SIZE = 14  # 四号: the rule, the other figures and the names
MARK = 9
LEADING = 24
RULE = style("attendance-rule", size=SIZE, leading=LEADING, align=TA_JUSTIFY, first_indent=2 * SIZE, space_after=2)
AS_OF = style("attendance-as-of", size=12, leading=18)
LABEL = style("attendance-label", font=HEI, size=SIZE, leading=LEADING, align=TA_LEFT)
TABLE_SIZE = 14
TABLE_LEADING = 18
FIGURE_WIDTH = 64  # a column of the figures' table, wider where its heading needs it
NAME_COLUMNS = 5
LIST_LIMIT = 40  # more names than this (eight rows) are left to the 代表请假和缺席名单
SIGNER = "大会秘书处"
NOT_TAKEN = "（本次会议尚未签到：以上按全部未到会计。）"
LISTS = "代表请假和缺席名单"  # absences.TITLE: where a long list of names is left to


def now() -> dt.datetime:
    """The computer's clock: what a paper is counted to only when the meeting gives no time (a
    function, so tests can move it)."""
    return dt.datetime.now().replace(second=0, microsecond=0)


def as_of(when: CountTime | None, meeting: str = "本次会议") -> str:
    """截至2023年12月21日上午8:52时 — WHEN's day and time; without a time (MEETING has no start
    in the schedule, or there is no meeting: WHEN None), the time of printing, saying so."""
    if when is not None and when.time:
        return f"截至{moment_words(when.day, when.time)}"
    clock = now()
    why = f"日程中没有{meeting}的开始时间" if when is not None else "尚无到会记录"
    return f"截至打印时{moment_words(clock.date(), f'{clock:%H:%M}')}，{why}"


def meeting_line(m: MeetingRow) -> str:
    """（2023年12月21日上午第一次全体会议）"""
    return f"（{chinese_date(m.date)}{m.half}{m.name}）"


def named_row(columns: Sequence[Column], texts: Sequence[Text], at: int, person: Named, *, size: float,
              leading: float, mark: float) -> GridRow:
    """A table row whose column AT is PERSON's name as the lists set it: padded, (女) small."""
    cells = list(table_row(columns, texts, size=size, leading=leading).cells)
    old = cells[at]
    cells[at] = Cell(old.x, old.width, name_runs(person, size, mark), align="left", pad=PAD, boxed=True)
    lines = max(len(cell.lines) for cell in cells)
    return GridRow(cells, size=size, leading=leading, min_height=lines * leading + 2 * V_PAD)


def figures(c: Counts) -> tuple[list[Column], list[str]]:
    """应到 实到 请假 缺席, then 其中迟到 / 其中早退 / 其中未签到 where there are any."""
    pairs = [("应到", c.expected), ("实到", c.present), (AttendanceStatus.LEAVE, c.leave),
             (AttendanceStatus.ABSENT, c.absent_total)]
    pairs += [(f"其中{label}", n) for label, n in (
        (AttendanceStatus.LATE, c.late), (AttendanceStatus.LEFT_EARLY, c.early), ("未签到", c.unchecked)) if n]
    columns = [Column(label, max(FIGURE_WIDTH, runs_width(runs(label, TABLE_SIZE, HEI)) + 2 * PAD + 4))
               for label, _ in pairs]
    return columns, [f"{n}" for _, n in pairs]


def others_text(c: Counts) -> str:
    """列席人员应到160人，实到150人；工作人员应到36人，实到36人。不计入法定人数。"""
    parts = [f"{label}应到{expected}人，实到{present}人"
             for label, (present, expected) in (("列席人员", c.attendees), (Role.STAFF, c.staff)) if expected]
    if not parts:
        return ""
    return "；".join(parts) + "。列席人员和工作人员不计入法定人数。"


def names_block(label: str, people: list[RollRow], paper: str) -> list[Flowable]:
    """请假代表（2人，以姓名笔画为序）： over the names, never parted from them; a long list is
    left to the other paper."""
    if not people:
        return []
    if len(people) > LIST_LIMIT:
        return [Spacer(1, 10), para(f"{label}{len(people)}人，名单见《{paper}》。", LABEL)]
    column = FRAME_WIDTH / NAME_COLUMNS
    rows = name_grid(people, columns=NAME_COLUMNS, x=0, column=column, size=SIZE, mark=MARK,
                     leading=LEADING, gap=SIZE / 2)

    def head(continued: bool) -> list[Flowable]:
        return [para(f"{label}（续）" if continued else f"{label}（{len(people)}人，以姓名笔画为序）：", LABEL)]

    return [ContinuedBlock(head, rows, min_rows=2, space_before=10)]


def signature(day: dt.date) -> GridRow:
    """大会秘书处 over the date (the meeting's day), centred on each other, two characters from the right edge."""
    lines = [SIGNER, chinese_date(day)]
    width = max(runs_width(runs(line, SIZE)) for line in lines)
    cell = lines_cell(FRAME_WIDTH - width - 2 * SIZE, width, lines, SIZE, align="center", pad=0, boxed=False)
    return GridRow([cell], size=SIZE, leading=LEADING)


def prepare(meeting: str | None = None) -> Paper:
    """MEETING: its number in the schedule ("3") or its name; by default today's or the next plenary."""
    m = attendance.chosen_meeting(meeting)
    rows = attendance.roll(m.meeting_id)
    c = attendance.counts(m.meeting_id, rows)
    sentence = attendance.report_text(m.meeting_id)
    when = attendance.count_time(m)
    expected = [r for r in rows if r.role == Role.DELEGATE]
    leave = attendance.in_stroke_order([r for r in expected if r.status == AttendanceStatus.LEAVE])
    absent = attendance.in_stroke_order([r for r in expected if r.status in (AttendanceStatus.ABSENT, "")])
    columns, values = figures(c)
    wide = sum(column.width for column in columns)
    others = others_text(c)
    person = attendance.expected_word(m)

    printed_items = [Printed(m.name, "会议"), *(printed(r, f"{r.delegation} {r.status_text}") for r in leave + absent)]

    def body() -> list[Flowable]:
        out: list[Flowable] = [para(f"（{as_of(when)}）", AS_OF), Spacer(1, 14),
                               para(f"各位{person}：", ADDRESS), para(sentence, BODY)]
        if not c.taken:
            out.append(para(NOT_TAKEN, RULE))
        if c.quorum_applies:
            out += [Spacer(1, 6), para(f"法定人数：{c.rule_text}。", RULE)]
        out += [Spacer(1, 12), table(columns, [values], size=TABLE_SIZE, leading=TABLE_LEADING,
                                     x=(FRAME_WIDTH - wide) / 2, total=wide)]
        if others:
            out += [Spacer(1, 12), para(others, RULE)]
        for label, people in ((f"请假{person}", leave), (f"缺席{person}", absent)):
            out += names_block(label, people, LISTS)
        out += [Spacer(1, 30), signature(m.date)]
        return out

    return headed_paper(KIND, TITLE, meeting_line(m), printed_items, body)


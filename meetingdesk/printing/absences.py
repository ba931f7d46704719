"""代表请假和缺席名单: who was missing from one meeting, delegation by delegation.

Approved leave (请假) and unexcused absence (缺席) are kept apart — two unexcused absences end
a delegate's mandate. Per delegation, in the delegations' order and stroke order within each:
those on leave with the reason and who approved it, then those absent; a delegate never checked
in counts as absent, and says so ("缺席（未签到）"). Then each delegation's figures and the
totals. A meeting with nobody missing prints a line saying so. Counted to the meeting's time, as
the 代表到会情况报告 (截至 the close of its roll that day, else its start). Option `meeting`, as
for the 代表到会情况报告.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable, KeepTogether, Spacer

from meetingdesk.services import attendance
from meetingdesk.services.attendance import RollRow
from meetingdesk.rules.words import AttendanceStatus, Role

from .attendance_report import as_of, meeting_line, named_row
from .bodies import headed_paper
from .coverage import Printed
from .fonts import HEI
from .frame import ContinuedBlock, Paper, para, style
from .names import printed
from .tables import Column, table, table_row

KIND = "absences"
TITLE = "代表请假和缺席名单"
SIZE = 12  # 小四
MARK = 8
LEADING = 16
SUMMARY_SIZE = 11
SUMMARY_LEADING = 15
AS_OF = style("absences-as-of", size=12, leading=18)
NOTE = style("absences-note", size=14, leading=24, align=TA_LEFT, first_indent=28)
CAPTION = style("absences-caption", font=HEI, size=14, leading=26, align=TA_LEFT)
# 情况 holds 缺席（未签到）, 批准人 区人大常委会主任 on a line; the reason takes what is left.
COLUMNS = (Column("序号", 30), Column("姓　名", 84, "left"), Column("情　况", 92),
           Column("请假事由", align="left"), Column("批准人", 108, "left"))
SUMMARY = (Column("代表团", align="left"), Column("应到", 52), Column("实到", 52), Column(AttendanceStatus.LEAVE, 52),
           Column(AttendanceStatus.ABSENT, 52), Column(("其中", "未签到"), 60))
NOT_CHECKED = "缺席（未签到）"
TOTAL = "合计"


def state(r: RollRow) -> str:
    return NOT_CHECKED if not r.status else r.status


def counts_text(leave: int, absent: int, unchecked: int) -> str:
    """请假2人，缺席1人，其中未签到1人 — worded as the report read to the hall."""
    text = f"请假{leave}人，缺席{absent}人"
    return text + (f"，其中未签到{unchecked}人" if unchecked else "")


def delegation_block(name: str, leave: list[RollRow], absent: list[RollRow]) -> ContinuedBlock:
    unchecked = sum(1 for r in absent if not r.status)
    heading = f"{name}（{counts_text(len(leave), len(absent), unchecked)}）"
    rows = [named_row(COLUMNS, [str(i), "", state(r), r.reason, r.approver], 1, r, size=SIZE, leading=LEADING,
                      mark=MARK) for i, r in enumerate(leave + absent, start=1)]

    def head(continued: bool) -> list[Flowable]:
        return [para(f"{name}（续）" if continued else heading, CAPTION),
                table_row(COLUMNS, [c.heading for c in COLUMNS], size=SIZE, leading=LEADING, font=HEI, heading=True)]

    return ContinuedBlock(head, rows, min_rows=2, space_before=10)


def summary_rows(rows: list[RollRow]) -> list[list[str]]:
    """代表团 | 应到 | 实到 | 请假 | 缺席 | 未签到, every delegation in order, then the totals."""
    by: dict[str, list[RollRow]] = {}
    for r in rows:
        by.setdefault(r.delegation, []).append(r)

    def line(name: str, group: list[RollRow]) -> list[str]:
        figures = (len(group), sum(r.present for r in group), sum(r.status == AttendanceStatus.LEAVE for r in group),
                   sum(r.status in (AttendanceStatus.ABSENT, "") for r in group), sum(not r.status for r in group))
        return [name, *(str(n) for n in figures)]

    return [line(name, group) for name, group in by.items()] + [line(TOTAL, rows)]


def prepare(meeting: str | None = None) -> Paper:
    """MEETING: its number in the schedule ("3") or its name; by default today's or the next plenary."""
    m = attendance.chosen_meeting(meeting)
    rows = attendance.roll(m.meeting_id, role=Role.DELEGATE)
    groups = attendance.absences_by_delegation(m.meeting_id)
    when = attendance.count_time(m)  # the meeting's time, not the computer's
    person = attendance.expected_word(m)
    leave = sum(len(g[1]) for g in groups)
    absent = sum(len(g[2]) for g in groups)
    unchecked = sum(1 for g in groups for r in g[2] if not r.status)
    totals = summary_rows(rows)
    items = [Printed(m.name, "会议"), *(Printed(name, "代表团名称") for name, _, _ in groups)]
    items += [printed(r, f"{r.delegation} {state(r)}") for _, lv, ab in groups for r in lv + ab]
    items += [Printed(r.reason, f"{r.display} 请假事由") for _, lv, _ in groups for r in lv]
    items += [Printed(r.approver, f"{r.display} 批准人") for _, lv, _ in groups for r in lv]

    def body() -> list[Flowable]:
        out: list[Flowable] = [para(f"（{as_of(when)}）", AS_OF), Spacer(1, 10)]
        if not groups:
            out.append(para(f"本次会议应到{person}{len(rows)}人，全部到会，没有请假和缺席的{person}。", NOTE))
        else:
            out.append(para(f"本次会议应到{person}{len(rows)}人，{counts_text(leave, absent, unchecked)}。"
                            "以代表团为序，团内以姓名笔画为序。", NOTE))
            out += [delegation_block(name, lv, ab) for name, lv, ab in groups]

        def caption(continued: bool) -> list[Flowable]:
            return [para("各代表团到会人数" + ("（续）" if continued else ""), CAPTION)]

        # the table of counts on one page: it starts a page of its own rather than break, unless it
        # is longer than a page (a session of many delegations), when it goes on under （续）
        out += [Spacer(1, 6), KeepTogether([table(SUMMARY, totals, size=SUMMARY_SIZE, leading=SUMMARY_LEADING,
                                                  caption=caption, min_rows=2, space_before=10)])]
        return out

    return headed_paper(KIND, TITLE, meeting_line(m), items, body)


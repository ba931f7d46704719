"""签到表: per delegation, each person's name and a box to sign in, in stroke order.

Each delegation starts on a new page under its own heading; a delegation that runs over
a page goes on under "XX代表团签到表（续）" with the column headings repeated. Options:
one delegation (`delegation_id`), one role (`role`), and the meeting's name (`meeting`,
otherwise a line to fill in by hand).

When the session has a hall, each line also gives the person's seat (一区3排5号): of the meeting
named, when it is one of the schedule's held in the hall (its own arrangement when delegations
rotate), else of the session (none when they rotate: the seat changes at each plenary). A
meeting held elsewhere (代表团会议) gets no seats. Without a hall the sheet is as before.
"""
from __future__ import annotations

import datetime as dt

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable, PageBreak, Spacer

from meetingdesk.rules.numerals import chinese_date
from meetingdesk.services import attendance, roster, seating, session
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.roster import DelegationRow, MemberRow

from .coverage import Printed
from .delegations import chosen_delegations
from .fonts import HEI, runs, runs_width
from .frame import TITLE as TITLE_STYLE
from .frame import (
    FRAME_WIDTH, HEADING_NOTE, TITLE_SESSION, Cell, ContinuedBlock, GridRow, Paper, para, style,
)
from .names import ROLES, name_runs, printed

KIND = "signin"
TITLE = "签到表"

SIZE = 14
MARK = 9
ROW_HEIGHT = 27  # room for a signature (9.5 mm)
HALF = FRAME_WIDTH / 2
NUMBER_W = 30
NAME_W = 100
SIGN_W = HALF - NUMBER_W - NAME_W
MEETING_LINE = style("signin-meeting", size=12, leading=20, align=TA_LEFT)
# with seats: the seat takes its column from the number, the name and the signature (still 22 mm)
SEATED_NUMBER_W = 26
SEATED_NAME_W = 88
SEAT_W = 58
SEAT_SIZE = 9.5
SEATED_SIGN_W = HALF - SEATED_NUMBER_W - SEATED_NAME_W - SEAT_W


def _half(x0: float, number: str, name: list, *, header: bool = False, seat: list | None = None) -> list[Cell]:
    sign = runs("签　名", SIZE, HEI) if header else []
    if seat is None:
        return [Cell(x0, NUMBER_W, number, align="center", boxed=True),
                Cell(x0 + NUMBER_W, NAME_W, name, align="center" if header else "left", pad=8, boxed=True),
                Cell(x0 + NUMBER_W + NAME_W, SIGN_W, sign, align="center", boxed=True)]
    at = x0 + SEATED_NUMBER_W + SEATED_NAME_W
    return [Cell(x0, SEATED_NUMBER_W, number, align="center", boxed=True),
            Cell(x0 + SEATED_NUMBER_W, SEATED_NAME_W, name, align="center" if header else "left", pad=6, boxed=True),
            Cell(at, SEAT_W, seat, align="center", pad=2, boxed=True),
            Cell(at + SEAT_W, SEATED_SIGN_W, sign, align="center", boxed=True)]


def header_row(seated: bool = False) -> GridRow:
    cells = []
    for x0 in (0, HALF):
        cells += _half(x0, runs("序号", 11, HEI), runs("姓　名", SIZE, HEI), header=True,
                       seat=runs("座位", 12, HEI) if seated else None)
    return GridRow(cells, size=SIZE, leading=20, min_height=22)


def section_row(role: str, n: int) -> GridRow:
    return GridRow([Cell(0, FRAME_WIDTH, runs(f"{role}（{n} 人）", 12, HEI), pad=8, boxed=True)],
                   size=12, leading=20, min_height=22, keep_with_next=True)


def seat_runs(label: str) -> list:
    """The seat on one line, smaller if it must: 二区10排10号 in the seat column."""
    items = runs(label, SEAT_SIZE)
    wide = runs_width(items)
    inner = SEAT_W - 4
    return items if wide <= inner else runs(label, SEAT_SIZE * inner / wide)


def person_rows(people: list[MemberRow], seats: dict[int, str] | None = None) -> list[GridRow]:
    """Two to a line; SEATS (member -> 一区3排5号), when given, adds the seat column."""
    rows = []
    for i in range(0, len(people), 2):
        cells: list[Cell] = []
        for j, x0 in ((i, 0), (i + 1, HALF)):
            if j < len(people):
                seat = None if seats is None else seat_runs(seats.get(people[j].member_id, ""))
                cells += _half(x0, runs(str(j + 1), 11), name_runs(people[j], SIZE, MARK), seat=seat)
            else:
                cells += _half(x0, [], [], seat=None if seats is None else [])
        rows.append(GridRow(cells, size=SIZE, leading=20, min_height=ROW_HEIGHT))
    return rows


def counts_text(d: DelegationRow, roles: tuple[str, ...]) -> str:
    return "（" + "、".join(f"{r} {d.count(r)} 人" for r in roles) + "，按姓名笔画排序）"


def delegation_block(full_title: str, meeting: str, d: DelegationRow,
                     groups: dict[str, list[MemberRow]], roles: tuple[str, ...],
                     seats: dict[int, str] | None = None, day: dt.date | None = None) -> ContinuedBlock:
    rows: list[Flowable] = []
    for role in roles:
        people = groups.get(role, [])
        if not people:
            continue
        if len(roles) > 1:
            rows.append(section_row(role, len(people)))
        rows += person_rows(people, seats)
    title = d.name + ("" if roles == ROLES else roles[0]) + TITLE
    meeting_line = f"会议：{meeting}" if meeting else "会议：＿＿＿＿＿＿＿＿＿＿＿＿"
    # the meeting's own day when the schedule has it, never the computer's: a sheet printed the
    # evening before is dated for the morning it is signed
    meeting_line += f"　　日期：{chinese_date(day)}" if day else "　　日期：＿＿＿＿年＿＿月＿＿日"

    def heading(continued: bool) -> list[Flowable]:
        if continued:
            return [para(f"{title}（续）", style("signin-cont", font=HEI, size=16, leading=24)),
                    Spacer(1, 6), header_row(seats is not None)]
        return [para(full_title, TITLE_SESSION), para(title, TITLE_STYLE),
                para(counts_text(d, roles), HEADING_NOTE), Spacer(1, 4),
                para(meeting_line, MEETING_LINE), Spacer(1, 6), header_row(seats is not None)]

    return ContinuedBlock(heading, rows, min_rows=2)


def signin_seats(meeting: str) -> dict[int, str] | None:
    """member -> 一区3排5号 for the sheet of MEETING (a name, or a schedule number); None when the
    sheet has no seat column: no hall, a meeting not held in the hall, or no meeting of the
    schedule named while the delegations rotate at each plenary."""
    hall = seating.get_hall()
    if hall is None:
        return None
    row = None
    if meeting and meeting.strip():
        try:
            row = attendance.find_meeting(meeting)
        except ServiceError:  # a name typed by hand, not in the schedule, or one several meetings share
            named = attendance.meetings_named(meeting)
            if named and all(m.kind not in seating.SEATED_KINDS for m in named):
                return None  # 代表团会议, whichever day: held in the delegations' rooms
            row = None
    if row is not None and row.kind not in seating.SEATED_KINDS:
        return None
    if row is None and hall.rotation == seating.Rotation.PLENARY:
        return None
    return seating.seat_labels(row.meeting_id if row is not None else None) or None


def prepare(*, delegation_id: int | None = None, role: str | None = None, meeting: str = "") -> Paper:
    info = session.session_info()
    if role is not None and role not in ROLES:
        raise ServiceError(f"身份只能是代表、列席或工作人员，不能是“{role}”。")
    roles = ROLES if role is None else (role,)
    delegations = chosen_delegations(delegation_id)
    members = roster.members_by_delegation(delegation_id, role=role)
    delegations = [d for d in delegations if d.delegation_id in members]
    if not delegations:
        raise ServiceError("没有可以打印签到表的人员。")

    seats = signin_seats(meeting)
    day = None
    if meeting and meeting.strip():
        try:
            # `--meeting 3` is the schedule's third meeting (refused when there is none): its name
            # is printed, not the number, and its day
            row = attendance.find_meeting(meeting)
            meeting, day = row.name, row.date
        except ServiceError:
            if meeting.strip().isdigit():
                raise
            # a name typed by hand, not in the schedule, or one several meetings share (代表团会议):
            # printed as typed, the day left to fill in
    items = [Printed(info.full_title, "会议名称"), Printed(meeting, "会议")]
    items += [Printed(label, "座位") for label in dict.fromkeys((seats or {}).values())]
    for d in delegations:
        items.append(Printed(d.name, "代表团名称"))
        for group in members[d.delegation_id].values():
            items += [printed(m) for m in group]

    def story() -> list[Flowable]:
        out: list[Flowable] = []
        for i, d in enumerate(delegations):
            if i:
                out.append(PageBreak())
            out.append(delegation_block(info.full_title, meeting, d, members[d.delegation_id], roles, seats, day))
        return out

    return Paper(KIND, TITLE, info.full_title, items, story, running_header=False)

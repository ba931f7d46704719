"""座次表: per delegation, where each of its people sits in the hall — 区、排、号.

Each delegation starts a page of its own (it is handed to the delegation): under its heading the
代表, then the 列席 (then the 工作人员, when the hall seats them), each in stroke order (the
roster's sort), two to a line: 序号, 姓名, 座位. A person the hall has no seat for is listed with
“未排座位”. Options: one delegation (`delegation_id`; all by default) and the sitting (`meeting`: a
预备会议 or 全体会议, whose own arrangement counts when delegations rotate at each plenary).
"""
from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer

from meetingdesk.rules.words import Role
from meetingdesk.services import roster, seating, session
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.seating import Arrangement, SeatRow

from .coverage import Printed
from .delegations import chosen_delegations
from .fonts import HEI, SONG, runs
from .frame import TITLE as TITLE_STYLE
from .frame import FRAME_WIDTH, HEADING_NOTE, TITLE_SESSION, Cell, ContinuedBlock, GridRow, Paper, para, style
from .hall_drawing import chosen_meeting
from .names import ROLES, name_runs, person_text

KIND = "seat_list"
TITLE = "座次表"

SIZE = 13
MARK = 8.5
ROW_HEIGHT = 22
HALF = FRAME_WIDTH / 2
NUMBER_W = 30
NAME_W = 112
SEAT_W = HALF - NUMBER_W - NAME_W
NO_SEAT = "未排座位"


def seat_text(seat: SeatRow | None) -> str:
    """一区 3排5号"""
    return NO_SEAT if seat is None else f"{seat.block} {seat.row_no}排{seat.number}号"


def _half(x0: float, number: list, name: list, seat: list, *, header: bool = False) -> list[Cell]:
    return [Cell(x0, NUMBER_W, number, align="center", boxed=True),
            Cell(x0 + NUMBER_W, NAME_W, name, align="center" if header else "left", pad=8, boxed=True),
            Cell(x0 + NUMBER_W + NAME_W, SEAT_W, seat, align="center", pad=4, boxed=True)]


def header_row() -> GridRow:
    cells = []
    for x0 in (0, HALF):
        cells += _half(x0, runs("序号", 11, HEI), runs("姓　名", 12, HEI), runs("座　位", 12, HEI), header=True)
    return GridRow(cells, size=12, leading=18, min_height=22)


def section_row(role: str, n: int) -> GridRow:
    return GridRow([Cell(0, FRAME_WIDTH, runs(f"{role}（{n} 人）", 12, HEI), pad=8, boxed=True)],
                   size=12, leading=18, min_height=22, keep_with_next=True)


def person_rows(people: list, seats: dict[int, SeatRow]) -> list[GridRow]:
    rows = []
    for i in range(0, len(people), 2):
        cells: list[Cell] = []
        for j, x0 in ((i, 0), (i + 1, HALF)):
            if j < len(people):
                person = people[j]
                seat = seats.get(person.member_id)
                cells += _half(x0, runs(str(j + 1), 11), name_runs(person, SIZE, MARK),
                               runs(seat_text(seat), 12, HEI if seat is not None else SONG))
            else:
                cells += _half(x0, [], [], [])
        rows.append(GridRow(cells, size=SIZE, leading=18, min_height=ROW_HEIGHT))
    return rows


def groups_of(a: Arrangement) -> dict[int, dict[str, list]]:
    """delegation -> role -> its people (seated or not), in the roster's stroke order; the
    工作人员 only when the hall has seats for them."""
    found: dict[int, dict[str, list]] = {}
    for person in [*a.seats, *a.unseated]:
        if person.delegation_id is None or (person.role == Role.STAFF and Role.STAFF in a.unzoned):
            continue
        found.setdefault(person.delegation_id, {}).setdefault(person.role, []).append(person)
    for roles in found.values():
        for role, people in roles.items():
            roles[role] = roster.sort_members(people)
    return found


def subtitle(hall: str, meeting: str, groups: dict[str, list]) -> str:
    counts = "、".join(f"{role} {len(groups[role])} 人" for role in ROLES if role in groups)
    return f"（{meeting + '　' if meeting else ''}{hall}；{counts}，按姓名笔画排序）"


def delegation_block(full_title: str, name: str, line: str, groups: dict[str, list],
                     seats: dict[int, SeatRow]) -> ContinuedBlock:
    rows: list[Flowable] = []
    for role in ROLES:
        if groups.get(role):
            rows.append(section_row(role, len(groups[role])))
            rows += person_rows(groups[role], seats)
    title = name + TITLE

    def heading(continued: bool) -> list[Flowable]:
        if continued:
            return [para(f"{title}（续）", style("seat-list-cont", font=HEI, size=16, leading=24)),
                    Spacer(1, 6), header_row()]
        return [para(full_title, TITLE_SESSION), para(title, TITLE_STYLE), para(line, HEADING_NOTE),
                Spacer(1, 8), header_row()]

    return ContinuedBlock(heading, rows, min_rows=2)


def prepare(*, delegation_id: int | None = None, meeting: str | None = None) -> Paper:
    info = session.session_info()
    delegations = chosen_delegations(delegation_id)
    row = chosen_meeting(meeting, TITLE)
    a = seating.arrangement(row.meeting_id if row is not None else None)
    seats = {s.member_id: s for s in a.seats}
    groups = groups_of(a)
    delegations = [d for d in delegations if d.delegation_id in groups]
    if not delegations:
        raise ServiceError("没有可以打印座次表的人员。")
    meeting_name = row.name if row is not None else ""
    lines = {d.delegation_id: subtitle(a.hall.name, meeting_name, groups[d.delegation_id]) for d in delegations}

    items = [Printed(info.full_title, "会议名称")]
    for d in delegations:
        items += [Printed(d.name, "代表团名称"), Printed(lines[d.delegation_id], f"{d.name} 说明")]
        for people in groups[d.delegation_id].values():
            items += [Printed(person_text(p), f"{d.name} {p.role}") for p in people]
            items += [Printed(seat_text(seats.get(p.member_id)), f"{person_text(p)}的座位") for p in people]

    def story() -> list[Flowable]:
        out: list[Flowable] = []
        for i, d in enumerate(delegations):
            if i:
                out.append(PageBreak())
            out.append(delegation_block(info.full_title, d.name, lines[d.delegation_id], groups[d.delegation_id],
                                        seats))
        return out

    return Paper(KIND, TITLE, info.full_title, items, story, running_header=False)

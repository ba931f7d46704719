"""Rules of the seating (area 座次): more people than seats, a person without a seat, a seat given
twice, a delegation split across blocks, a 主席台 short of seats for a sitting's chairs.

Read only: the arrangement is computed as the window would show it, never kept from here (the
check runs on files opened read-only too)."""
from __future__ import annotations

from peewee import fn

from meetingdesk.rules.words import Role
from meetingdesk.store import Block, Hall, Meeting, SeatAssignment

from . import seating
from .errors import ServiceError
from .problem import ERROR, NOTICE, Problem

AREA = "座次"
LISTED = 5  # names given in a message; the rest are counted


def _names(rows) -> str:
    names = [r.display for r in rows[:LISTED]]
    more = f"等 {len(rows)} 人" if len(rows) > LISTED else ""
    return "、".join(names) + more


def check() -> list[Problem]:
    if Hall.select().first() is None:
        return []  # seating is optional: a session without a hall has nothing to check here
    found = _given_twice()
    sittings = [None]
    hall = seating.get_hall()
    if hall.rotation == seating.Rotation.PLENARY:
        sittings += [m for (m,) in Meeting.select(Meeting.id).where(Meeting.kind == "全体会议").tuples()]
    for meeting_id in sittings:
        try:
            arrangement = seating.arrangement(meeting_id, keep=False)
        except ServiceError as exc:
            found.append(Problem(ERROR, AREA, "会场", str(exc), target=("seating", meeting_id)))
            continue
        found += _seats(arrangement, _sitting_name(meeting_id))
    found += _podiums(hall)
    return found


def _sitting_name(meeting_id: int | None) -> str:
    if meeting_id is None:
        return ""
    from . import schedule

    return schedule.get_meeting(meeting_id).name


def _given_twice() -> list[Problem]:
    """The same seat stored for two people: only a second program or a damaged file does this."""
    twice = (SeatAssignment.select(SeatAssignment.meeting, Block.name, SeatAssignment.row, SeatAssignment.column,
                                   fn.COUNT(SeatAssignment.id))
             .join(Block).group_by(SeatAssignment.meeting, SeatAssignment.block, Block.name, SeatAssignment.row,
                                   SeatAssignment.column)
             .having(fn.COUNT(SeatAssignment.id) > 1).tuples())
    return [Problem(ERROR, AREA, name, f"{name}第 {row + 1} 排第 {column + 1} 列的座位同时分给了 {n} 人。"
                    "请在“座次”页重新排座或调换其中一人。", target=("seating", meeting))
            for meeting, name, row, column, n in twice]


def _seats(arrangement: seating.Arrangement, sitting: str) -> list[Problem]:
    found = []
    at = f"（{sitting}）" if sitting else ""
    hall = arrangement.hall
    target = ("seating", arrangement.meeting_id)
    for role, count in arrangement.unzoned.items():
        severity = ERROR if role == Role.DELEGATE else NOTICE
        found.append(Problem(severity, AREA, "会场", f"会场没有{role}座区：{role} {count} 人没有安排座位{at}。"
                             "请在“座次 ▸ 设置会场…”中添加该座区。", target=target))
    by_role: dict[str, list] = {}
    for row in arrangement.unseated:
        by_role.setdefault(row.role, []).append(row)
    for role, rows in by_role.items():
        seats = hall.capacity(role)
        people = sum(1 for s in arrangement.seats if s.role == role) + len(rows)
        if people > seats:
            text = f"{role}座区共 {seats} 个座位，{role} {people} 人，多出 {people - seats} 人{at}：{_names(rows)}没有座位。"
        else:
            text = f"{_names(rows)}没有座位{at}（座区中的空座已被固定的座位占用）。"
        found.append(Problem(ERROR if role == Role.DELEGATE else NOTICE, AREA, "会场", text, target=target))
    for delegation, blocks in arrangement.split_delegations().items():
        found.append(Problem(NOTICE, AREA, delegation, f"{delegation}的代表分坐在{'、'.join(blocks)}{at}。",
                             target=target))
    return found


def _podiums(hall: seating.HallSpec) -> list[Problem]:
    from . import schedule

    found = []
    for meeting in schedule.list_meetings():
        if meeting.kind not in seating.SEATED_KINDS:
            continue
        podium = seating.podium(meeting.meeting_id)
        if not podium.seats:
            continue
        short = podium.unseated
        if short:
            seats = sum(hall.podium_rows)
            found.append(Problem(
                ERROR if meeting.kind == "全体会议" else NOTICE, AREA, meeting.name,
                f"{meeting.name}主席台就座 {len(podium.seats)} 人，主席台只有 {seats} 个座位："
                f"{'、'.join(s.display for s in short[:LISTED])}{'等' if len(short) > LISTED else ''}没有座位。"
                "请在“座次 ▸ 设置会场…”中增加主席台座位，或在“主席台名单…”中调整。",
                target=("seating", meeting.meeting_id)))
    return found

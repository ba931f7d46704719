"""Rules of the mandates over time (area 代表团): what ended with an ended mandate, an office still
held without it, a 补选 delegate's missing start, an end before the start, an ending without the
decision that made it. Each problem names the member, so the roster page can open it."""
from __future__ import annotations

from meetingdesk.rules import mandates
from meetingdesk.rules.words import Role
from meetingdesk.store import models as store_models

from . import snapshot
from .problem import ERROR, NOTICE, Problem
from .snapshot import Mandate, Snapshot

AREA = "代表团"
DELEGATE = Role.DELEGATE
UNPLACED = "未编团"  # where a member without a delegation is said to be


def check(snap: Snapshot | None = None) -> list[Problem]:
    """The rules of the mandates, on SNAP (read now when not given): each member's problems, the
    members with any in stroke order (as the roster lists them)."""
    snap = snap or snapshot.read()
    held: dict[int, list[str]] = {}
    for person_id, offices in snap.held_offices.items():  # the offices held now
        for body, title in offices:
            if body in store_models.MANDATE_BODIES:
                held.setdefault(person_id, []).append(f"{body}{title}")
    found: dict[int, list[Problem]] = {}
    for row in snap.members.values():
        if row.serving and row.delegation_id is not None and row.start_reason != mandates.BY_ELECTION:
            continue  # placed, serving, not a 补选: nothing _check_member could find
        mine = _check_member(snap, row, held.get(row.person_id, []))
        if mine:
            found[row.member_id] = mine
    return [p for row in snap.sort([snap.members[member_id] for member_id in found]) for p in found[row.member_id]]


def _problem(severity: str, row: Mandate, message: str) -> Problem:
    return Problem(severity, AREA, row.delegation or UNPLACED, message, row.delegation_id, row.member_id)


def _day(day) -> str:
    return f"{day:%Y-%m-%d}" if day else "日期不详，在本次会议之前"


def _check_member(snap: Snapshot, row: Mandate, held: list[str]) -> list[Problem]:
    found = []
    if row.serving and row.delegation_id is None:
        found.append(_problem(ERROR, row, f"{row.role}“{row.display}”未编入代表团，请选择其所属代表团。"))
    if row.role != DELEGATE:
        return found
    if row.start_reason == mandates.BY_ELECTION:
        if row.started_on is None:
            found.append(_problem(ERROR, row, f"补选的代表“{row.display}”没有填写资格开始的日期"
                                              "（常委会确认其代表资格的日期），现按换届选举时起计入应到人数。"))
        if not row.confirmed_by:
            found.append(_problem(NOTICE, row, f"补选的代表“{row.display}”没有填写资格确认会议"
                                               "（常委会确认其代表资格的会议，如“区十一届人大常委会第十三次会议”）。"))
    if row.serving:
        return found
    wrong = mandates.check_dates(row.started_on, row.ended_on)
    if wrong:
        found.append(_problem(ERROR, row, f"“{row.display}”的{wrong}"))
    ended = snap.ended_with(row)
    if ended:
        found.append(_problem(NOTICE, row, f"{row.display} 代表资格终止（{_day(row.ended_on)}）："
                                           f"{'、'.join(ended)}职务相应终止。"))
    if held:
        # mended in 主席团 ▸ 任职, where the office is listed
        found.append(Problem(ERROR, AREA, row.delegation or UNPLACED,
                             f"“{row.display}”的代表资格已终止（{_day(row.ended_on)}），但仍登记为"
                             f"{'、'.join(held)}；该职务须由本级人大代表担任，应相应终止"
                             "（请在“主席团 ▸ 任职”中删除）。",
                             row.delegation_id, row.member_id, target=("offices", None)))
    if not row.end_decision:
        found.append(_problem(NOTICE, row, f"“{row.display}”的代表资格终止没有填写终止决定"
                                           "（常委会的决定或公告，如“区十一届人大常委会第十四次会议决定”）。"))
    return found

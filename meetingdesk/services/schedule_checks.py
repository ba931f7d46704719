"""Rules of the agenda and the schedule (area 议程日程)."""
from __future__ import annotations

from meetingdesk.rules import schedule as timing
from meetingdesk.rules.numerals import chinese_date

from . import schedule, snapshot
from .presidium_checks import AREA as PRESIDIUM_AREA
from .problem import ERROR, NOTICE, Problem
from .snapshot import Snapshot

AREA = "议程日程"


def check(snap: Snapshot | None = None) -> list[Problem]:
    """The rules of the agenda and the schedule, on SNAP (read now when not given)."""
    snap = snap or snapshot.read()
    meetings = snap.meetings
    found = []
    if not snap.agenda_ids:
        found.append(Problem(NOTICE, AREA, "议程", "尚未拟定会议议程。", target=("agenda", None)))
    if not meetings:
        found.append(Problem(NOTICE, AREA, "日程", "尚未安排会议日程。"))
        return found
    info = snap.info
    has_presidium = bool(snap.presidium)
    for m in meetings:
        target = ("meeting", m.meeting_id)
        where = m.label
        if info.start_date and m.date < info.start_date:
            found.append(Problem(ERROR, AREA, where, f"{m.name}安排在{chinese_date(m.date)}，早于会期开始"
                                 f"（{chinese_date(info.start_date)}）。", target=target))
        if info.end_date and m.date > info.end_date:
            found.append(Problem(ERROR, AREA, where, f"{m.name}安排在{chinese_date(m.date)}，晚于会期结束"
                                 f"（{chinese_date(info.end_date)}）。", target=target))
        if m.kind == "全体会议" and has_presidium and m.chair_group_id is None:
            found.append(Problem(ERROR, AREA, where, f"{m.name}没有执行主席组。", target=target))
    by_id = {m.meeting_id: m for m in meetings}
    slots = [timing.Slot(m.meeting_id, m.date, m.half, m.start, m.end, m.place) for m in meetings]
    for a, b in timing.overlaps(slots):
        first, second = by_id[a.key], by_id[b.key]
        found.append(Problem(ERROR, AREA, first.label,
                             f"{first.label}与{second.label}同在“{first.place}”，时间重叠。",
                             target=("meeting", first.meeting_id)))
    found += _check_adoptions(snap)
    return found


def _check_adoptions(snap: Snapshot) -> list[Problem]:
    """A paper with content but no adopting meeting prints without its 通过 line."""
    roles = snap.roles
    has_content = {
        "presidium": bool(snap.presidium),
        "chairs": bool(roles["常务主席"]),
        "groups": bool(snap.groups),
        "deputies": bool(roles["副秘书长"]),
        "review": bool(roles["审查委员会委员"]),
        "scrutineers": bool(roles["监票人"]),
        "motion_review": bool(snap.motions),
        "candidates": any(e.candidates for e in snap.elections),
        "agenda": bool(snap.agenda_ids),
        "schedule": bool(snap.meetings),
    }
    found = []
    for paper, (title, _) in schedule.ADOPTED_PAPERS.items():
        if has_content[paper] and snap.adoption(paper) is None:
            area = AREA if paper in ("agenda", "schedule") else PRESIDIUM_AREA
            found.append(Problem(NOTICE, area, title, f"{title}尚未登记由哪次会议通过，印出时标题下没有通过日期。",
                                 target=("adoption", paper)))
    return found


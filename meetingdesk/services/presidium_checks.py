"""Rules of the presidium, the officers and the 执行主席 groups (area 主席团)."""
from __future__ import annotations

from collections import Counter

from . import presidium, snapshot
from .problem import ERROR, NOTICE, Problem
from .snapshot import Snapshot

AREA = "主席团"


def check(snap: Snapshot | None = None) -> list[Problem]:
    """The rules of the presidium, on SNAP (the session read once; read now when not given)."""
    snap = snap or snapshot.read()
    members = snap.presidium
    found = _check_members(snap, members)
    found += _check_roles(snap, members)
    found += _check_groups(snap, members)
    return found


def _check_members(snap: Snapshot, members: list[presidium.PresidiumRow]) -> list[Problem]:
    found = []
    if not members:
        return [Problem(NOTICE, AREA, "主席团成员", "尚未确定主席团成员。", target=("presidium", None))]
    for m in members:
        if not m.serving:
            found.append(Problem(ERROR, AREA, "主席团成员",
                                 f"主席团成员“{m.display}”已不是在任代表，应移出主席团。",
                                 target=("presidium", m.presidium_id)))
    for p in snap.proposals:
        found.append(Problem(NOTICE, AREA, "主席团成员",
                             f"按主席团组成惯例，“{p.display}”（{p.delegation}，{p.reason}）应列入主席团，"
                             "目前不在名单中。", target=("presidium", None)))
    return found


def _check_roles(snap: Snapshot, members: list[presidium.PresidiumRow]) -> list[Problem]:
    found = []
    roles = snap.roles

    def problem(severity: str, kind: str, message: str) -> None:
        found.append(Problem(severity, AREA, presidium.role_label(kind), message, target=("role", kind)))

    if not roles["秘书长"]:
        problem(NOTICE, "秘书长", "尚未确定大会秘书长。")
    if members and not roles["常务主席"]:
        problem(NOTICE, "常务主席", "尚未推定主席团常务主席。")
    for kind in presidium.PRESIDIUM_ROLES:
        for r in roles[kind]:
            if not r.in_presidium:
                problem(ERROR, kind, f"{kind}“{r.display}”不是主席团成员。")
    for kind in presidium.DELEGATE_ROLES:
        for r in roles[kind]:
            if not r.delegate:
                problem(ERROR, kind, f"{presidium.role_label(kind)}“{r.display}”不是在任代表。")
    committee = roles["审查委员会副主任委员"] + roles["审查委员会委员"]
    if committee and not roles["审查委员会主任委员"]:
        problem(NOTICE, "审查委员会主任委员", "议案审查委员会尚无主任委员。")
    if roles["监票人"] and not roles["总监票人"]:
        problem(NOTICE, "总监票人", "已有监票人，尚未确定总监票人。")
    candidates = snap.candidate_person_ids
    for kind in ("总监票人", "监票人"):
        for r in roles[kind]:
            if r.person_id in candidates:
                problem(ERROR, kind, f"{kind}“{r.display}”是候选人；监票人须从不是候选人的代表中推选。")
    chief = {r.person_id for r in roles["总监票人"]}
    for r in roles["监票人"]:
        if r.person_id in chief:
            problem(ERROR, "监票人", f"“{r.display}”既是总监票人又是监票人。")
    review = [r for kind in ("审查委员会主任委员", "审查委员会副主任委员", "审查委员会委员") for r in roles[kind]]
    for person_id, n in Counter(r.person_id for r in review).items():
        if n > 1:
            who = next(r for r in review if r.person_id == person_id)
            problem(ERROR, "审查委员会委员", f"“{who.display}”在议案审查委员会中担任了两项职务。")
    return found


def _check_groups(snap: Snapshot, members: list[presidium.PresidiumRow]) -> list[Problem]:
    groups = snap.groups
    if not groups:
        return []
    found = []
    meetings = snap.meeting_by_id

    def name(group: presidium.GroupRow) -> str:
        meeting = meetings.get(group.meeting_id)
        return f"第{group.position + 1}组" + (f"（{meeting.name}）" if meeting else "")

    times = Counter(m.presidium_id for g in groups for m in g.members)
    for m in members:
        if times[m.presidium_id] == 0:
            found.append(Problem(ERROR, AREA, "执行主席分组", f"主席团成员“{m.display}”不在任何执行主席组中。",
                                 target=("presidium", m.presidium_id)))
        elif times[m.presidium_id] > 1:
            in_groups = "、".join(name(g) for g in groups if any(x.presidium_id == m.presidium_id for x in g.members))
            found.append(Problem(ERROR, AREA, "执行主席分组",
                                 f"“{m.display}”同时在{in_groups}中，每人只应在一个组。",
                                 target=("presidium", m.presidium_id)))
    for g in groups:
        target = ("group", g.group_id)
        if not g.members:
            found.append(Problem(ERROR, AREA, "执行主席分组", f"{name(g)}没有成员。", target=target))
        if g.host_id is None:
            found.append(Problem(ERROR, AREA, "执行主席分组", f"{name(g)}没有大会主持人。", target=target))
        elif g.host is None:
            found.append(Problem(ERROR, AREA, "执行主席分组", f"{name(g)}的大会主持人不是本组执行主席。",
                                 target=target))
        elif not g.host.standing:
            found.append(Problem(NOTICE, AREA, "执行主席分组",
                                 f"{name(g)}的大会主持人“{g.host.display}”不是常务主席（通常由常务主席主持）。",
                                 target=target))
        if g.meeting_id is None:
            found.append(Problem(NOTICE, AREA, "执行主席分组", f"{name(g)}还没有指定主持哪一次全体会议。",
                                 target=target))
    return found

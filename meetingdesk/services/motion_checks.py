"""Rules of the motion desk and of the nominations (areas 议案 and 选举)."""
from __future__ import annotations

from meetingdesk.rules.elections import MIN_NOMINATORS

from . import preliminary, snapshot
from .problem import ERROR, NOTICE, Problem
from .snapshot import Snapshot


def check(snap: Snapshot | None = None) -> list[Problem]:
    """The rules of the motions and the nominations, on SNAP (read now when not given)."""
    snap = snap or snapshot.read()
    return _check_motions(snap) + _check_elections(snap) + _check_scrutineers(snap)


def _check_motions(snap: Snapshot) -> list[Problem]:
    found = []
    for row in snap.motions:
        if row.problem and row.withdrawn_at is None and not row.decision:
            found.append(Problem(ERROR, "议案", row.register_no, f"{row.register_no}：{row.problem}",
                                 target=("motion", row.motion_id)))
    return found


def _check_elections(snap: Snapshot) -> list[Problem]:
    found = []
    for e in snap.elections:
        target = ("election", e.election_id)
        if e.count_problem:
            # Before the presidium fixes the list the count is still being gathered.
            severity = ERROR if e.fixed_on else NOTICE
            found.append(Problem(severity, "选举", e.office, f"{e.office}：{e.count_problem}", target=target))
        if e.needs_preliminary and not e.fixed_on:
            found.append(Problem(NOTICE, "选举", e.office,
                                 f"{e.office}的被提名人多于办法规定的候选人数，须先进行预选。", target=target))
        for n in e.nominations:
            if n.withdrawn_at is not None:
                continue
            if n.late:
                found.append(Problem(NOTICE, "选举", e.office,
                                     f"{n.by}的提名晚于提名候选人截止时间，无效，不计入候选人。", target=target))
            elif n.nominator == "代表联名" and n.serving_signers < MIN_NOMINATORS:
                found.append(Problem(ERROR, "选举", e.office,
                                     f"{n.by}的提名现只有 {n.serving_signers} 名在任代表（须 {MIN_NOMINATORS} 名以上）。",
                                     target=target))
    for e, message in snap.standing_problems:
        found.append(Problem(ERROR, "选举", e.office, message, target=("election", e.election_id)))
    return found


def _check_scrutineers(snap: Snapshot) -> list[Problem]:
    """A delegation's 预选监票人 chosen earlier who has left it, or stands as a candidate since
    (办法 第七条: chosen from its delegates who are not candidates). The few rows are read here."""
    return [Problem(ERROR, "选举", row.delegation, message, target=("scrutineers", row.delegation_id))
            for row, message in preliminary.scrutineer_problems(snap.elections)]

"""Rules of attendance (area 到会): a vote without its quorum, a roll left open, a mandate at stake."""
from __future__ import annotations

from . import attendance
from .problem import ERROR, NOTICE, Problem

AREA = "到会"


def check() -> list[Problem]:
    found = []
    for meeting in attendance.meetings():
        c = attendance.counts(meeting.meeting_id)
        if not c.taken:
            continue
        target = ("attendance", meeting.meeting_id)
        if c.quorum_applies and not c.met:
            found.append(Problem(ERROR, AREA, meeting.label,
                                 f"实到代表 {c.present} 人，不足法定人数（{c.rule_text}）。",
                                 target=target))
        if c.unchecked:
            found.append(Problem(NOTICE, AREA, meeting.label,
                                 f"还有 {c.unchecked} 名代表未签到，签到尚未结束。", target=target))
    for line in attendance.unexcused_flags():
        row = line.row
        missed = "、".join(line.prior + (("本次会议",) if line.unexcused_here else ()))
        found.append(Problem(ERROR, AREA, row.delegation,
                             f"{row.display}未经批准两次不出席本级人民代表大会会议（{missed}），"
                             "依照代表法，其代表资格终止，请报常委会。",
                             delegation_id=row.delegation_id, member_id=row.member_id,
                             target=("prior", row.person_id)))
    return found

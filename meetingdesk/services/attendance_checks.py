"""Rules of attendance (area 到会): a vote without its quorum, a roll left open, a mandate at stake,
a record whose basis was edited after the meeting."""
from __future__ import annotations

from meetingdesk.rules.numerals import chinese_date
from meetingdesk.rules.words import Role

from . import attendance, snapshot
from .attendance import Counts, Stray
from .problem import ERROR, NOTICE, Problem
from .schedule import MeetingRow
from .snapshot import Snapshot

AREA = "到会"
NAMED = 5  # people named in a sentence about an edited roll; more are counted


def check(snap: Snapshot | None = None) -> list[Problem]:
    """The rules of attendance, on SNAP (the session read once: the attendance grouped by meeting,
    who each meeting expected worked out once for each date; read now when not given)."""
    snap = snap or snapshot.read()
    found = []
    for meeting in snap.meetings:
        c = snap.counts(meeting.meeting_id)
        target = ("attendance", meeting.meeting_id)
        strays = snap.strays(meeting.meeting_id) if c.recorded is not None else []
        if c.basis_changed:
            found.append(Problem(ERROR, AREA, meeting.label, _basis_text(snap, meeting, c, strays),
                                 target=target))
        for stray in strays:
            m = stray.member
            why = f"但{stray.why}，" if stray.why else ""
            found.append(Problem(ERROR, AREA, meeting.label,
                                 f"{m.display}（{m.delegation or m.role}）在{meeting.name}（{chinese_date(meeting.date)}）"
                                 f"有“{stray.status}”的到会记录，{why}该日不在应到人员之中，这条记录不计入到会人数："
                                 "其资格的日期在记录之后被改动。请核对其资格的开始和终止日期。",
                                 delegation_id=m.delegation_id, member_id=m.member_id, target=target))
        if not c.taken:
            continue
        if c.quorum_applies and not c.met:
            found.append(Problem(ERROR, AREA, meeting.label,
                                 f"实到代表 {c.present} 人，不足法定人数（{c.rule_text}）。",
                                 target=target))
        if c.unchecked:
            found.append(Problem(NOTICE, AREA, meeting.label,
                                 f"还有 {c.unchecked} 名代表未签到，签到尚未结束。", target=target))
    for line in snap.unexcused_flags:
        row = line.row
        missed = "、".join(line.prior + (("本次会议",) if line.unexcused_here else ()))
        found.append(Problem(ERROR, AREA, row.delegation,
                             f"{row.display}未经批准两次不出席本级人民代表大会会议（{missed}），"
                             "依照代表法，其代表资格终止，请报常委会。",
                             delegation_id=row.delegation_id, member_id=row.member_id,
                             target=("prior", row.person_id)))
    return found


def _basis_text(snap: Snapshot, meeting: MeetingRow, c: Counts, strays: list[Stray]) -> str:
    """第一次全体会议记录的应到代表为 210 人，按现在的名单该日为 209 人：代表名单在会后被改动（…）。"""
    word = attendance.expected_word(meeting)
    changes = []
    gone = [s.member.display for s in strays if s.member.role == Role.DELEGATE]
    if gone:
        changes.append(f"有到会记录但该日已不在名单中的：{_names(gone)}")
    if snap.closed(meeting.meeting_id):
        # after 结束签到 everyone then expected has a record: one without is new to the roll
        added = [m.display for m in snap.unrecorded_delegates(meeting.meeting_id)]
        if added:
            changes.append(f"结束签到后才列入该日名单的：{_names(added)}")
    if not changes:
        changes.append("有代表资格的开始或终止日期、新增或删除的代表涉及该日")
    return (f"{meeting.name}记录的应到{word}为 {c.recorded} 人，按现在的名单该日为 {c.expected} 人"
            f"：{word}名单在会后被改动（{'；'.join(changes)}）。"
            "请核对有关代表资格的开始和终止日期；确属当时名单有误的，按现在的名单更新该会议记录的应到人数。")


def _names(names: list[str]) -> str:
    shown = "、".join(names[:NAMED])
    return shown + (f"等 {len(names)} 人" if len(names) > NAMED else "")

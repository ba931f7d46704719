"""Rules of the count (area 计票): what still stands between a vote and its announcement."""
from __future__ import annotations

from . import snapshot
from .problem import ERROR, NOTICE, Problem
from .snapshot import Snapshot

AREA = "计票"


def check(snap: Snapshot | None = None) -> list[Problem]:
    """The rules of the count, on SNAP (the session read once; read now when not given)."""
    snap = snap or snapshot.read()
    found = []
    polls = snap.polls
    revoted = {p.parent_id for p in polls if p.parent_id is not None}
    for poll in polls:
        target = ("poll", poll.poll_id)
        outcome = snap.result(poll)
        if outcome.differences:
            found.append(Problem(NOTICE, AREA, poll.title,
                                 f"两遍录入有 {len(outcome.differences)} 处不一致。", target=target))
        if poll.all_delegates is not None and poll.vote_date is not None:
            # the roster asked for the day of the vote: a later 补选 or ending leaves it as it was,
            # an edited start or end date (or a delegate added or removed outright) does not
            today = snap.delegates_on(poll.vote_date)
            if today != poll.all_delegates and poll.confirmed_at is None:
                found.append(Problem(ERROR, AREA, poll.title,
                                     f"录入时记下的全体代表 {poll.all_delegates} 人，与代表名单按投票当日计的 {today} 人不符，"
                                     "须核对后更新，才能确认。", target=target))
            elif today != poll.all_delegates:
                found.append(Problem(ERROR, AREA, poll.title,
                                     f"确认结果时的全体代表为 {poll.all_delegates} 人，代表名单现在按投票当日"
                                     f"（{poll.vote_date.year}年{poll.vote_date.month}月{poll.vote_date.day}日）"
                                     f"计为 {today} 人：代表名单在投票后被改动。已确认的结果不变；"
                                     "请核对有关代表资格的开始和终止日期。", target=target))
        if not outcome.complete:
            continue
        for problem in outcome.problems:
            found.append(Problem(ERROR, AREA, poll.title, problem, target=target))
        for notice in outcome.notices:
            found.append(Problem(NOTICE, AREA, poll.title, notice, target=target))
        if outcome.problems:
            continue
        missing = outcome.not_entered
        if missing:
            found.append(Problem(ERROR if poll.confirmed_at is None else NOTICE, AREA, poll.title,
                                 f"票数未录入：{'、'.join(missing)}。", target=target))
        for paper, check in outcome.rounds.items():
            if not check.valid:
                found.append(Problem(ERROR, AREA, poll.title, check.text, target=target))
        if outcome.quorum_met is False:
            found.append(Problem(ERROR, AREA, poll.title, outcome.quorum, target=target))
        if poll.present_used is None:
            found.append(Problem(NOTICE, AREA, poll.title, "尚未签到，也未填写到会代表人数，无法核对法定人数。",
                                 target=target))
        elif poll.attendance is not None and poll.present is not None and poll.present != poll.attendance:
            found.append(Problem(NOTICE, AREA, poll.title,
                                 f"填写的到会代表 {poll.present} 人与签到记录的 {poll.attendance} 人不符，"
                                 "以签到记录为准。", target=target))
        if poll.poll_id not in revoted and any(e.outcome.revote for e in outcome.elections):
            found.append(Problem(NOTICE, AREA, poll.title, "有候选人得票相等，须安排再次投票。",
                                 target=target))
        redone = any(p.parent_id == poll.poll_id and p.kind == "重新投票" for p in polls)
        if outcome.standing and not outcome.valid and not redone:
            void = "、".join(paper for paper, r in outcome.rounds.items() if not r.valid)
            found.append(Problem(NOTICE, AREA, poll.title, f"{void}无效，须重新投票。", target=target))
        if poll.confirmed_at is None and outcome.standing and not missing:
            found.append(Problem(NOTICE, AREA, poll.title, "计票已完成，待主席团确认。", target=target))
    return found + _preliminary(snap)


def _preliminary(snap: Snapshot) -> list[Problem]:
    found = []
    for election in snap.elections:
        found_rounds = snap.rounds(election.election_id)
        if not found_rounds or found_rounds[-1].adopted_at is not None:
            continue
        last = found_rounds[-1]
        outcome = snap.round_result(last)
        target = ("election", election.election_id)
        for problem in outcome.problems:
            found.append(Problem(ERROR, AREA, last.title, problem, target=target))
        if outcome.differences:
            found.append(Problem(NOTICE, AREA, last.title,
                                 f"两遍录入有 {len(outcome.differences)} 处不一致。", target=target))
        if outcome.complete and outcome.outcome.revote:
            found.append(Problem(NOTICE, AREA, last.title, "有候选人得票相等，须就得票相等者再次预选。",
                                 target=target))
        elif outcome.complete:
            found.append(Problem(NOTICE, AREA, last.title,
                                 "计票已完成，待主席团按得票多少确定正式候选人。", target=target))
    return found

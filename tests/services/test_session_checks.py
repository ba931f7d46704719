"""Each rule of the presidium and the schedule: broken, reported with its target, then mended."""
from __future__ import annotations

import datetime as dt
import re

from meetingdesk.services import checks, presidium, roster, schedule
from meetingdesk.services.schedule import MeetingInput


# What check says of the demo as built: seed 000's offices that ended with three mandates (相应终止,
# its line 77), one notice each; nothing else.
DEMO_NOTICES = [
    "冯善德 代表资格终止（2023-10-31）：区人大常委会委员职务相应终止。",
    "李勇 代表资格终止（日期不详，在本次会议之前）：区人大常委会委员职务相应终止。",
    "李黎 代表资格终止（2023-12-14）：区人大专门委员会社会建设委员会副主任委员职务相应终止。",
]
# and the reply the demo's seeds/suggestions.toml leaves overdue (the days counted to today)
DEMO_OVERDUE = re.compile(r"闭会第5号“关于在将军路街增设老年助餐点的建议”：区民政局（主办）的答复已逾期 \d+ 天"
                          r"（答复期限 2025-02-10）。")


def _demo_notice(p) -> bool:
    return p.severity == checks.NOTICE and (p.message in DEMO_NOTICES or bool(DEMO_OVERDUE.fullmatch(p.message)))


def _messages(area=None):
    """The problems found beyond the demo's own notices."""
    return [p for p in checks.check_session() if (area is None or p.area == area) and not _demo_notice(p)]


def _find(text):
    return [p for p in checks.check_session() if text in p.message]


def _pm(name):
    return next(r for r in presidium.list_presidium() if r.name == name)


def test_the_demo_session_breaks_no_rule(demo_session):
    assert _messages() == []
    found = checks.check_session()
    assert [p.message for p in found[:3]] == DEMO_NOTICES and {p.severity for p in found} == {checks.NOTICE}
    [overdue] = found[3:]
    assert DEMO_OVERDUE.fullmatch(overdue.message) and overdue.area == "建议" and overdue.where == "闭会第5号"


def test_an_ended_presidium_member(demo_session):
    member = _pm("向文")
    roster.end_member(member.member_id, dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    [problem] = _find("已不是在任代表")
    assert problem.severity == checks.ERROR and problem.target == ("presidium", member.presidium_id)
    presidium.remove_presidium_member(member.presidium_id)
    assert _find("已不是在任代表") == []


def test_a_head_missing_from_the_presidium(demo_session):
    head = _pm("李平")
    presidium.remove_presidium_member(head.presidium_id)
    problem = next(p for p in _find("应列入主席团"))
    assert "李平" in problem.message and problem.severity == checks.NOTICE
    presidium.add_proposed()
    assert _find("应列入主席团") == []


def test_a_member_in_no_group_or_in_two(demo_session):
    g1, g2, _ = presidium.list_groups()
    moved = g1.members[3]
    presidium.remove_from_group(moved.presidium_id, g1.group_id)
    [problem] = _find("不在任何执行主席组中")
    assert problem.target == ("presidium", moved.presidium_id)
    presidium.place_in_group(moved.presidium_id, g1.group_id)
    presidium.place_in_group(moved.presidium_id, g2.group_id)
    [problem] = _find("每人只应在一个组")
    assert "第1组（第一次全体会议）、第2组（第二次全体会议）" in problem.message
    presidium.remove_from_group(moved.presidium_id, g2.group_id)
    assert _find("执行主席组") == []


def test_a_group_without_host_or_meeting_and_a_plenary_without_group(demo_session):
    g1 = presidium.list_groups()[0]
    plenary = g1.meeting_id
    presidium.set_host(g1.group_id, None)
    presidium.set_group_meeting(g1.group_id, None)
    found = {p.message for p in _messages()}
    assert "第1组没有大会主持人。" in found
    assert "第1组还没有指定主持哪一次全体会议。" in found
    assert "第一次全体会议没有执行主席组。" in found
    presidium.set_group_meeting(g1.group_id, plenary)
    presidium.set_host(g1.group_id, g1.members[1].presidium_id)  # 彭涛, a standing chair
    assert _messages() == []
    presidium.set_host(g1.group_id, next(m for m in g1.members if not m.standing).presidium_id)
    [notice] = _messages()
    assert "不是常务主席" in notice.message and notice.severity == checks.NOTICE


def test_officers_who_are_no_longer_delegates(demo_session):
    scrutineer = next(r for r in roster.list_members(role="代表") if r.name == "高博")
    roster.end_member(scrutineer.member_id, dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    [problem] = _find("不是在任代表")
    assert problem.target == ("role", "监票人")
    presidium.remove_role("监票人", scrutineer.person_id)
    assert _messages("主席团") == []
    presidium.add_role("监票人", next(r for r in presidium.list_roles("总监票人")).person_id)
    assert _find("既是总监票人又是监票人")


def test_missing_officers_are_notices(demo_session):
    presidium.set_roles("秘书长", [])
    presidium.set_roles("总监票人", [])
    presidium.set_roles("审查委员会主任委员", [])
    found = {p.message: p for p in _messages()}
    assert found["尚未确定大会秘书长。"].severity == checks.NOTICE
    assert "已有监票人，尚未确定总监票人。" in found
    assert "议案审查委员会尚无主任委员。" in found


def test_meetings_outside_the_session_and_overlapping_in_one_place(demo_session):
    early = schedule.add_meeting(MeetingInput(dt.date(2023, 12, 19), "主席团会议", start="15:00", place="金银湖厅"))
    [problem] = _find("早于会期开始")
    assert problem.target == ("meeting", early) and problem.severity == checks.ERROR
    schedule.update_meeting(early, MeetingInput(dt.date(2023, 12, 21), "主席团会议", start="15:00",
                                                place="金银湖厅"))
    assert _find("会期") == []
    other = schedule.add_meeting(MeetingInput(dt.date(2023, 12, 21), "其他", start="16:00", title="座谈会",
                                              place="金银湖厅"))
    [problem] = _find("时间重叠")
    assert "金银湖厅" in problem.message
    schedule.update_meeting(other, MeetingInput(dt.date(2023, 12, 21), "其他", start="16:00", title="座谈会",
                                                place="巨龙湖厅"))
    assert _find("时间重叠") == []


def test_a_paper_without_its_adopting_meeting(demo_session):
    schedule.set_adoption("schedule", None)
    [notice] = _messages()
    assert notice.target == ("adoption", "schedule") and notice.area == "议程日程"


def test_an_empty_session_only_gets_notices(empty_session):
    problems = _messages()
    assert problems and {p.severity for p in problems} == {checks.NOTICE}


def test_meetingdesk_check_lists_where_to_fix_and_exits_non_zero(demo_file, capsys):
    from meetingdesk.cli.main import main
    from meetingdesk.services import session

    notices = [f"[提示] 代表团 › {where}：{text}" for where, text in
               zip(("东山街代表团", "未编团", "将军路街代表团"), DEMO_NOTICES)]
    assert main(["check", str(demo_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    overdue = out.pop(3)
    assert overdue.startswith("[提示] 建议 › 闭会第5号：") and DEMO_OVERDUE.fullmatch(overdue.split("：", 1)[1])
    assert out == [*notices, "共 0 个错误、4 个提示。"]
    session.open_session(demo_file)
    group = presidium.list_groups()[2]
    presidium.set_host(group.group_id, None)
    session.close_session()
    assert main(["check", str(demo_file)]) == 1
    out = capsys.readouterr().out.splitlines()
    del out[4]  # the overdue reply, as above
    assert out == ["[错误] 主席团 › 执行主席分组：第3组（第三次全体会议）没有大会主持人。", *notices,
                   "共 1 个错误、4 个提示。"]


def test_a_motion_whose_signer_ended_before_review(demo_session):
    from meetingdesk.services import motions

    ten = [r.member_id for r in roster.list_members(role="代表") if r.delegation == "吴家山街代表团"][:10]
    new = motions.register_motion(motions.MotionInput("议案", "关于修缮公园的议案", lead_member_id=ten[0],
                                                      signer_member_ids=tuple(ten),
                                                      received_at=dt.datetime(2023, 12, 21, 9, 0)))
    assert _messages() == []
    roster.end_member(ten[-1], dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    [problem] = _messages("议案")
    assert problem.target == ("motion", new) and "现只有 9 名" in problem.message
    motions.review_motion(new, "转为代表建议")
    assert _messages("议案") == []


def test_nomination_counts_are_errors_once_the_list_is_fixed(demo_session):
    from meetingdesk.services import elections

    committee = elections.list_elections()[0]
    paper = committee.nominations[0]
    elections.fix_candidates(committee.election_id, None)
    elections.withdraw_nominee(paper.nomination_id, paper.nominees[0].person_id, dt.datetime(2023, 12, 22),
                               "被提名人书面表示不愿被提名")
    [notice] = _messages("选举")
    assert notice.severity == checks.NOTICE and "办法决定候选人为 8 人，现为 7 人" in notice.message
    court = elections.list_elections()[1]
    # seats changed after the list was fixed: the list no longer fits
    elections.update_election(court.election_id, court.office, 2, "等额", court.rule)
    error = next(p for p in _messages("选举") if p.severity == checks.ERROR)
    assert error.target == ("election", court.election_id) and "等于应选名额 2 人" in error.message

"""Each rule of the mandates over time: broken, reported at the member, then mended."""
from __future__ import annotations

import datetime as dt

from meetingdesk.services import mandate_checks, presidium, roster
from meetingdesk.services.problem import ERROR, NOTICE
from meetingdesk.store import Member, Person

D = dt.date
DECISION = "区十一届人大常委会第十四次会议决定"


def _about(member_id: int):
    return [p for p in mandate_checks.check() if p.member_id == member_id]


def _plain_delegate(name: str = "丁哲") -> roster.MemberRow:
    return next(m for m in roster.list_members(role="代表") if m.name == name and not m.leader_title)


def _team() -> int:
    return roster.list_delegations()[0].delegation_id


def test_an_ending_lists_what_ended_with_it(demo_session):
    m = _plain_delegate()
    presidium.add_office(m.person_id, "区人大常委会", "委员")
    presidium.add_office(m.person_id, "区人民政府", "副区长")  # needs no mandate: stays
    roster.end_member(m.member_id, D(2023, 12, 14), "因工作调整辞去代表职务", DECISION)
    [problem] = _about(m.member_id)
    assert problem.severity == NOTICE and problem.area == "代表团"
    assert problem.message == "丁哲 代表资格终止（2023-12-14）：区人大常委会委员职务相应终止。"
    assert (problem.delegation_id, problem.member_id) == (m.delegation_id, m.member_id)
    assert problem.where == m.delegation


def test_an_office_entered_after_the_ending_is_an_error(demo_session):
    m = _plain_delegate()
    roster.end_member(m.member_id, D(2023, 12, 14), "因工作调整辞去代表职务", DECISION)
    office = presidium.add_office(m.person_id, "区人大专门委员会", "社会建设委员会副主任委员")
    [problem] = _about(m.member_id)
    assert problem.severity == ERROR and problem.target == ("offices", None)
    assert "丁哲" in problem.message and "区人大专门委员会社会建设委员会副主任委员" in problem.message
    assert "应相应终止" in problem.message
    presidium.remove_office(office)
    assert _about(m.member_id) == []


def test_an_ending_without_its_decision(demo_session):
    m = _plain_delegate()
    roster.end_member(m.member_id, D(2023, 12, 14), "因工作变动调离本行政区域")
    [problem] = _about(m.member_id)
    assert problem.severity == NOTICE and "没有填写终止决定" in problem.message
    Member.update(end_decision=DECISION).where(Member.id == m.member_id).execute()
    assert _about(m.member_id) == []


def test_only_a_delegate_needs_a_decision(demo_session):
    attendee = roster.list_members(role="列席")[0]
    roster.end_member(attendee.member_id, D(2023, 12, 14), "工作调动")
    assert _about(attendee.member_id) == []


def test_a_by_election_without_its_date_or_its_meeting(demo_session):
    mid = roster.add_member(roster.MemberInput(
        "新补选", "男", delegation_id=_team(), started_on=D(2023, 11, 29), start_reason="补选",
        constituency="第三选区", confirmed_by="区十一届人大常委会第十三次会议"))
    assert _about(mid) == []
    Member.update(started_on=None, confirmed_by="").where(Member.id == mid).execute()  # as an old import
    found = {p.severity: p for p in _about(mid)}
    assert set(found) == {ERROR, NOTICE}
    assert "没有填写资格开始的日期" in found[ERROR].message
    assert "没有填写资格确认会议" in found[NOTICE].message
    assert found[ERROR].member_id == mid and found[ERROR].delegation_id == _team()


def test_a_by_election_needs_no_constituency_to_pass(demo_session):
    """Seed 000's 公告 names no 选区 for its 23: nothing to report."""
    mid = roster.add_member(roster.MemberInput(
        "新补选", "男", delegation_id=_team(), started_on=D(2023, 11, 29), start_reason="补选",
        confirmed_by="区十一届人大常委会第十三次会议"))
    assert _about(mid) == []


def test_an_end_before_the_start(demo_session):
    mid = roster.add_member(roster.MemberInput(
        "新补选", "男", delegation_id=_team(), started_on=D(2023, 11, 29), start_reason="补选",
        constituency="第三选区", confirmed_by="区十一届人大常委会第十三次会议"))
    roster.end_member(mid, D(2023, 12, 14), "死亡", DECISION)
    assert _about(mid) == []
    Member.update(ended_on=D(2023, 11, 1)).where(Member.id == mid).execute()  # the service refuses this
    [problem] = _about(mid)
    assert problem.severity == ERROR and "早于资格开始的日期" in problem.message


def test_an_ended_member_without_a_delegation_is_fine_a_serving_one_is_not(demo_session):
    person = Person.create(name="张志刚", gender="男")
    member = Member.create(person=person, delegation=None, role="代表", status="终止",
                           ended_on=D(2022, 6, 30), end_reason="因工作变动调离本行政区域",
                           end_decision="区十一届人大常委会第五次会议决定")
    assert _about(member.id) == []
    roster.reinstate_member(member.id)
    [problem] = _about(member.id)
    assert problem.severity == ERROR and "未编入代表团" in problem.message
    assert problem.delegation_id is None and problem.where == "未编团"

"""Mandates over time: who counts on a day, and what ends with a mandate."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.rules import mandates
from meetingdesk.services import ServiceError, presidium, roster
from meetingdesk.store import Office

D = dt.date


@pytest.mark.parametrize("day, started, ended, ended_on, counts", [
    (D(2023, 12, 21), None, False, None, True),
    (D(2023, 12, 21), D(2023, 11, 29), False, None, True),
    (D(2023, 11, 28), D(2023, 11, 29), False, None, False),  # a 补选 delegate before the start
    (D(2023, 11, 29), D(2023, 11, 29), False, None, True),
    (D(2023, 12, 21), None, True, D(2023, 12, 22), True),  # ended the day after: still counted
    (D(2023, 12, 22), None, True, D(2023, 12, 22), False),  # on the end date: no longer
    (D(2023, 12, 21), None, True, None, False),  # ended, date unknown: before this session
])
def test_who_counts_on_a_day(day, started, ended, ended_on, counts):
    assert mandates.serving_on(day, started, ended, ended_on) is counts


def _team() -> int:
    return roster.list_delegations()[0].delegation_id


def test_a_by_election_counts_from_its_start(demo_session):
    before = roster.delegates_on(D(2023, 12, 21))
    mid = roster.add_member(roster.MemberInput(
        "新补选", "男", delegation_id=_team(), role="代表", started_on=D(2023, 12, 22),
        start_reason="补选", constituency="第三选区", confirmed_by="区十一届人大常委会第十五次会议"))
    assert roster.delegates_on(D(2023, 12, 21)) == before
    assert roster.delegates_on(D(2023, 12, 22)) == before + 1
    row = roster.get_member(mid)
    assert (row.start_reason, row.constituency, row.confirmed_by) == (
        "补选", "第三选区", "区十一届人大常委会第十五次会议")
    assert "新补选" not in {m.name for m in roster.members_on(D(2023, 12, 21))}
    assert "新补选" in {m.name for m in roster.members_on(D(2023, 12, 22))}


def test_a_by_election_needs_its_date(demo_session):
    with pytest.raises(ServiceError) as err:
        roster.add_member(roster.MemberInput("无日期", "男", delegation_id=_team(), start_reason="补选"))
    assert err.value.field == "started_on"


def test_an_ending_ends_the_offices_that_need_the_mandate(demo_session):
    member = next(m for m in roster.list_members(role="代表") if not m.leader_title)
    presidium.add_office(member.person_id, "区人大常委会", "委员")
    presidium.add_office(member.person_id, "区人民政府", "副区长")
    ended = roster.end_member(member.member_id, D(2023, 10, 31), "因工作调整辞去代表职务",
                              "区十一届人大常委会第十二次会议决定")
    assert ended == ["区人大常委会委员"]
    assert roster.ended_with(member.member_id) == ["区人大常委会委员"]
    assert roster.get_member(member.member_id).end_decision == "区十一届人大常委会第十二次会议决定"
    held = {(o.body, o.title) for o in presidium.list_offices() if o.person_id == member.person_id}
    assert held == {("区人民政府", "副区长")}
    roster.reinstate_member(member.member_id)
    assert Office.select().where((Office.person == member.person_id) & Office.ended_on.is_null()).count() == 2


def test_an_end_before_the_start_is_refused(demo_session):
    mid = roster.add_member(roster.MemberInput("晚来者", "女", delegation_id=_team(), started_on=D(2023, 11, 29),
                                               start_reason="补选"))
    with pytest.raises(ServiceError, match="早于"):
        roster.end_member(mid, D(2023, 11, 1), "死亡")


def test_a_signature_before_the_by_election_start_does_not_count():
    from meetingdesk.rules.motions import signed_while_serving

    received = dt.datetime(2023, 11, 20, 10, 0)
    assert not signed_while_serving(True, None, received, started_on=D(2023, 11, 29))
    assert signed_while_serving(True, None, received.replace(month=12), started_on=D(2023, 11, 29))
    assert signed_while_serving(False, D(2023, 11, 21), received)

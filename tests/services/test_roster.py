"""The roster service on the demo session: reading, checked edits, ended mandates."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.rules.collation import sort_names
from meetingdesk.services import ServiceError, roster
from meetingdesk.services.roster import MemberInput
from meetingdesk.store import Member, Person


def _team(name: str) -> roster.DelegationRow:
    return next(d for d in roster.list_delegations() if d.name == name)


def test_delegations_in_printing_order_with_counts_and_leaders(demo_session):
    teams = roster.list_delegations()
    assert len(teams) == 12
    assert teams[0].name == "吴家山街代表团"
    assert teams[0].counts_text == "代表 18 人、列席 15 人、工作人员 3 人"
    assert teams[0].head.name == "李平" and [d.name for d in teams[0].deputies] == ["陶勇"]
    assert teams[0].room == "临空港会展酒店码头潭厅 302"
    assert sum(t.count("代表") for t in teams) == 210


def test_members_come_in_stroke_order(demo_session):
    team = _team("吴家山街代表团")
    names = [m.name for m in roster.list_members(team.delegation_id, role="代表")]
    assert names[:4] == ["丁哲", "邢奇", "刘君", "江桥"]
    assert names == sort_names(names)


def test_ended_delegates_leave_counts_and_lists(demo_session):
    team = _team("径河街代表团")
    serving = [m.name for m in roster.list_members(team.delegation_id)]
    assert "冯宇" not in serving
    everyone = roster.list_members(team.delegation_id, include_ended=True)
    feng = next(m for m in everyone if m.name == "冯宇")
    assert feng.status == "终止" and feng.ended_on == dt.date(2023, 12, 14)


def test_add_member_checks_each_field(demo_session):
    team = _team("吴家山街代表团").delegation_id
    with pytest.raises(ServiceError) as err:
        roster.add_member(MemberInput(name="  ", delegation_id=team))
    assert err.value.field == "name" and "不能为空" in err.value.message
    with pytest.raises(ServiceError) as err:
        roster.add_member(MemberInput(name="王烁(女)", delegation_id=team))
    assert err.value.field == "name"
    with pytest.raises(ServiceError) as err:
        roster.add_member(MemberInput(name="张三", delegation_id=None))
    assert err.value.field == "delegation"
    # A second 王烁 needs a note that tells the two apart.
    with pytest.raises(ServiceError) as err:
        roster.add_member(MemberInput(name="王 烁", gender="女", delegation_id=team))
    assert err.value.field == "note" and "同名" in err.value.message
    mid = roster.add_member(MemberInput(name="王 烁", gender="女", note="区教育局干部",
                                        delegation_id=team, role="列席"))
    row = roster.get_member(mid)
    assert row.name == "王烁" and row.display == "王烁(区教育局干部)(女)"


def test_a_head_must_be_a_serving_delegate_of_the_team(demo_session):
    team = _team("吴家山街代表团")
    other = _team("慈惠街代表团")
    outsider = roster.list_members(other.delegation_id, role="代表")[0]
    attendee = roster.list_members(team.delegation_id, role="列席")[0]
    for wrong in (outsider, attendee):
        with pytest.raises(ServiceError) as err:
            roster.update_delegation(team.delegation_id, name=team.name, room=team.room,
                                     head_id=wrong.member_id, deputy_ids=[])
        assert err.value.field == "head" and "在任代表" in err.value.message
    assert _team("吴家山街代表团").head.name == "李平"  # nothing written


def test_leaders_cannot_be_moved_or_ended_silently(demo_session):
    team = _team("吴家山街代表团")
    with pytest.raises(ServiceError, match="团长"):
        roster.end_member(team.head.member_id, dt.date(2024, 1, 1), "调离")
    with pytest.raises(ServiceError, match="团长"):
        roster.move_member(team.head.member_id, _team("慈惠街代表团").delegation_id)


def test_end_and_reinstate(demo_session):
    team = _team("吴家山街代表团")
    member = next(m for m in roster.list_members(team.delegation_id, role="代表") if m.name == "丁哲")
    with pytest.raises(ServiceError) as err:
        roster.end_member(member.member_id, dt.date(2024, 1, 2), " ")
    assert err.value.field == "reason"
    roster.end_member(member.member_id, dt.date(2024, 1, 2), "因工作变动调离本行政区域")
    assert _team("吴家山街代表团").count("代表") == 17
    roster.reinstate_member(member.member_id)
    assert _team("吴家山街代表团").count("代表") == 18


def test_move_and_remove(demo_session):
    target = _team("慈惠街代表团")
    member = next(m for m in roster.list_members(_team("吴家山街代表团").delegation_id) if m.name == "丁哲")
    roster.move_member(member.member_id, target.delegation_id)
    assert roster.get_member(member.member_id).delegation == "慈惠街代表团"
    roster.remove_member(member.member_id)
    assert not Person.select().where(Person.name == "丁哲").exists()


def test_person_with_two_roles_stays_one_person(demo_session):
    huang = Person.get(Person.name == "黄玉莲")
    roles = sorted(m.role for m in Member.select().where(Member.person == huang))
    assert roles == ["代表", "列席"]
    # Removing one role keeps the person
    listed = next(m for m in roster.list_members(include_ended=True) if m.name == "黄玉莲" and m.role == "列席")
    roster.remove_member(listed.member_id)
    assert Person.get_or_none(Person.id == huang.id) is not None

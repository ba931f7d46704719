"""The roster service on the demo session: reading, checked edits, ended mandates."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.rules.collation import sort_names
from meetingdesk import store
from meetingdesk.services import ServiceError, roster
from meetingdesk.services import attendance, counting, elections, motions, preliminary, presidium, schedule, seating, voting
from meetingdesk.services import suggestions
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


# ---------------------------------------------------------------- what other areas recorded (issue 13)

BEFORE = dt.datetime(2023, 12, 21, 8, 0)  # before both deadlines of the demo
AFTER = dt.datetime(2023, 12, 22, 12, 0)  # after them


def record_everywhere(member_id: int) -> None:
    """Through each area's own service, record something about MEMBER_ID (a serving delegate of
    吴家山街代表团) or his person in every table that refers to a member, a person or a
    delegation: all that an undo removing him would have taken with it."""
    row = roster.get_member(member_id)
    pid, team = row.person_id, _team(row.delegation)
    mates = [m for m in roster.list_members(team.delegation_id, role="代表") if m.member_id != member_id]
    roster.update_delegation(team.delegation_id, name=team.name, room=team.room,
                             head_id=team.head.member_id, deputy_ids=[d.member_id for d in team.deputies] + [member_id])
    seat = presidium.add_presidium_member(member_id)
    presidium.place_in_group(seat, presidium.list_groups()[0].group_id)
    presidium.add_office(pid, "区委", "委员")
    presidium.add_role("监票人", pid)
    host = schedule.get_meeting(4)
    schedule.update_meeting(4, schedule.MeetingInput(host.date, host.kind, host.half, host.start, host.end,
                                                     host.title, host.place, pid, host.printed))
    attendance.check_in(3, member_id, now=dt.datetime(2023, 12, 21, 8, 10))
    attendance.add_prior(pid, "第十一届人民代表大会第二次会议")
    seating.set_podium_people(3, [pid])
    # his delegation's 预选监票人, chosen before he was nominated below
    preliminary.set_pre_scrutineers(team.delegation_id, [member_id])
    motions.register_motion(motions.MotionInput("建议", "关于修缮码头潭路的建议", lead_member_id=member_id,
                                                signer_member_ids=(mates[0].member_id,), received_at=BEFORE), now=BEFORE)
    motions.register_motion(motions.MotionInput("建议", "关于增设公交站点的建议", lead_member_id=mates[0].member_id,
                                                signer_member_ids=(member_id,), received_at=BEFORE), now=BEFORE)
    # a suggestion he made between sessions (闭会第7号: the demo has six)
    suggestions.register_between(suggestions.SuggestionInput("关于完善码头潭路照明的建议", member_id,
                                                             dt.date(2024, 3, 1)))
    # a vote with him as a candidate, counted
    court = elections.add_election("东西湖区人民法院副院长", 1, "差额", "副职")
    elections.add_nomination(elections.NominationInput(
        court, "代表联名", (pid,), tuple(m.member_id for m in mates[:9]) + (member_id,)), now=BEFORE)
    elections.add_nomination(elections.NominationInput(court, "主席团", (mates[10].person_id,)), now=BEFORE)
    elections.fix_candidates(court, AFTER.date(), now=AFTER)
    poll = counting.create_poll("第三次全体会议选举", [court], [], meeting_id=10, now=AFTER)
    pe = counting.get_poll(poll).elections[0].poll_election_id
    counting.enter(poll, voting.list_boxes()[0].box_id, 1, {"选票": (50, 50)},
                   [counting.Figure(pe, person_id=pid, yes=30), counting.Figure(pe, person_id=mates[10].person_id, yes=20)])
    # a preliminary vote with him among six nominees for five places, his delegation's count entered
    others = [m for t in roster.list_delegations() if t.delegation_id != team.delegation_id
              for m in roster.list_members(t.delegation_id, role="代表")]
    deputy = elections.add_election("东西湖区人民检察院副检察长", 2, "差额", "副职")
    nominees = [pid] + [m.person_id for m in others[20:25]]
    elections.add_nomination(elections.NominationInput(deputy, "主席团", tuple(nominees[:2])), now=BEFORE)
    for i in (2, 4):
        signers = tuple(m.member_id for m in others[(i - 2) * 5:(i - 2) * 5 + 10])
        elections.add_nomination(elections.NominationInput(deputy, "代表联名", tuple(nominees[i:i + 2]), signers),
                                 now=BEFORE)
    first = preliminary.start(deputy, now=AFTER)
    preliminary.enter(first, team.delegation_id, 1, preliminary.SheetInput(10, 10, 10, 0, {pid: 5}))


def test_every_table_naming_a_member_a_person_or_a_delegation_is_described():
    referring = {(k.model.__name__, k.name) for target in (store.Member, store.Person, store.Delegation)
                 for k in roster.referencing_keys(target)}
    every_key = {(m.__name__, f.name) for m in store.models.ALL_MODELS for f in m._meta.sorted_fields
                 if getattr(f, "rel_model", None) in (store.Member, store.Person, store.Delegation)}
    assert every_key == referring | roster.NOT_DEPENDENTS
    assert referring == set(roster.DESCRIPTIONS), "a table refers to a member, a person or a delegation " \
        "without a Chinese description in roster.DESCRIPTIONS"


def test_what_depends_on_a_member_is_read_from_every_referring_table(demo_session):
    team = _team("吴家山街代表团")
    mid = roster.add_member(MemberInput("丁一", "男", delegation_id=team.delegation_id))
    assert roster.member_dependents(mid) == []
    record_everywhere(mid)
    found = roster.member_dependents(mid)
    person_and_member = {(k.model.__name__, k.name) for target in (store.Member, store.Person)
                         for k in roster.referencing_keys(target)}
    assert {d.table for d in found} == {model for model, _ in person_and_member}
    texts = [d.text for d in found]
    # the demo took its 13 suggestions over as 建议第1–13号: his are 建议第14号 and 第15号
    for text in ("吴家山街代表团副团长", "主席团成员", "领衔建议第14号", "联名提出建议第15号",
                 "联名提名东西湖区人民法院副院长候选人", "第一次全体会议签到", "区委委员", "大会监票人",
                 "代表团会议的主持人", "被提名为东西湖区人民法院副院长候选人", "列入第三次全体会议选举的选票",
                 "第三次全体会议选举的得票", "以往缺席记录（第十一届人民代表大会第二次会议）",
                 "东西湖区人民检察院副检察长预选第一轮的候选人", "东西湖区人民检察院副检察长预选第一轮的得票",
                 "吴家山街代表团预选监票人", "领衔闭会第7号"):
        assert text in texts
    sentence = roster.dependents_sentence("丁一", found)
    assert sentence.startswith("丁一 已是吴家山街代表团副团长、主席团成员、吴家山街代表团预选监票人、区委委员、大会监票人，已领衔建议第14号、闭会第7号，"
                               "已联名提出建议第15号，")
    assert "已在第一次全体会议签到" in sentence and "已是代表团会议的主持人" in sentence
    # the team: its people, its leaders and the preliminary count entered for it
    assert {d.table for d in roster.delegation_dependents(team.delegation_id)} == {
        "Member", "Leader", "PreSheet", "PreScrutineer"}


def test_a_person_s_records_count_only_when_the_removal_takes_the_person(demo_session):
    huang = Person.get(Person.name == "黄玉莲")
    attendee = Member.get((Member.person == huang) & (Member.role == "列席"))
    presidium.add_office(huang.id, "区政协", "委员")
    assert roster.member_dependents(attendee.id) == []  # the person stays, with her other role
    assert [d.text for d in roster.member_dependents(attendee.id, person=True)] == ["区政协委员"]


def test_taking_back_an_added_member_refuses_while_anything_depends_on_him(demo_session):
    team = _team("吴家山街代表团")
    mid = roster.add_member(MemberInput("丁一", "男", delegation_id=team.delegation_id))
    seat = presidium.add_presidium_member(mid)
    attendance.check_in(3, mid, now=dt.datetime(2023, 12, 21, 8, 10))
    with pytest.raises(ServiceError) as err:
        roster.undo_add_member(mid)
    assert err.value.message == ("丁一 已是主席团成员，已在第一次全体会议签到，不能删除。"
                                 "请先在相应页面删除这些记录。")
    assert Member.get_or_none(Member.id == mid) is not None
    assert store.PresidiumMember.get_or_none(store.PresidiumMember.id == seat) is not None
    assert store.Attendance.select().where(store.Attendance.member == mid).count() == 1
    presidium.remove_presidium_member(seat)
    attendance.clear(3, mid)
    roster.undo_add_member(mid)
    assert not Person.select().where(Person.name == "丁一").exists()


def test_re_adding_gives_the_same_ids_back_unless_taken(demo_session, backend):
    team = _team("吴家山街代表团")
    data = MemberInput("丁一", "男", note="", work_title="某公司职员", delegation_id=team.delegation_id)
    mid = roster.add_member(data)
    pid = roster.get_member(mid).person_id
    roster.undo_add_member(mid)
    assert roster.add_member(data, member_id=mid, person_id=pid) == mid
    again = roster.get_member(mid)
    assert (again.person_id, MemberInput.of(again)) == (pid, data)
    roster.undo_add_member(mid)
    taken = presidium.add_outside_person("钱二")
    if backend == "postgresql":  # a server's ids come from a sequence: a freed id is never given again
        assert taken != pid
        assert roster.get_member(roster.add_member(data, member_id=mid, person_id=pid)).person_id == pid
        return
    assert taken == pid  # a file's next id is the highest + 1: a person added meanwhile takes the freed id
    new = roster.add_member(data, member_id=mid, person_id=pid)
    assert new == mid and roster.get_member(new).person_id != pid
    assert Person.get_by_id(pid).name == "钱二"


def test_a_delegation_is_removed_only_when_nothing_is_in_it(demo_session):
    did = roster.add_delegation("新设代表团", "302")
    assert roster.delegation_dependents(did) == []
    mid = roster.add_member(MemberInput("丁一", "男", delegation_id=did))
    with pytest.raises(ServiceError) as err:
        roster.remove_delegation(did)
    assert err.value.message.startswith("新设代表团 已有人员丁一（代表），不能删除。")
    roster.undo_add_member(mid)
    roster.remove_delegation(did)
    assert roster.add_delegation("新设代表团", "302", delegation_id=did) == did


def test_the_sentence_names_a_few_of_each_kind():
    found = [roster.Dependent("Attendance", i, "已在{}签到", f"会议{i}") for i in range(7)]
    found.append(roster.Dependent("PresidiumMember", 1, "已是{}", "主席团成员"))
    assert [d.text for d in found[-2:]] == ["会议6签到", "主席团成员"]
    assert roster.dependents_sentence("丁一", found) == \
        "丁一 已在会议0、会议1、会议2、会议3、会议4等 7 个会议签到，已是主席团成员"

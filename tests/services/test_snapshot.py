"""The snapshot `check_session` reads once answers as the services do: every view of
services.snapshot equals the service it stands for, on sessions in many states (attendance taken
and closed, rolls edited after, polls entered, differing, confirmed, preliminary rounds …). A
rule changed in a service and not in the snapshot fails here."""
from __future__ import annotations

import datetime as dt

from meetingdesk.services import (attendance, counting, elections, motions, preliminary, presidium, roster,
                                  schedule, session, snapshot, voting)
from meetingdesk.services.counting import Figure
from meetingdesk.services.preliminary import SheetInput
from meetingdesk.store import Member, Person

from ..data.builders import preliminary_election
from .test_attendance_over_time import BEFORE, mid, plain, take
from .test_count_trust import CONFIRMED, _enter, _poll


def assert_matches_services(snap: snapshot.Snapshot | None = None) -> None:
    snap = snap or snapshot.read()
    assert [snap.members[r.member_id].row for r in roster.list_members(include_ended=True)] == \
        roster.list_members(include_ended=True)
    assert [m.row for m in snap.sort(snap.serving)] == roster.list_members()
    assert [m.row for m in snap.sort(list(snap.members.values()))] == roster.list_members(include_ended=True)
    assert snap.info == session.session_info()
    assert snap.delegations == roster.list_delegations()
    assert snap.presidium == presidium.list_presidium()
    assert snap.proposals == presidium.propose_presidium()
    assert snap.roles == presidium.all_roles()
    assert snap.groups == presidium.list_groups()
    held: dict[int, list[tuple[str, str]]] = {}
    for office in presidium.list_offices():
        held.setdefault(office.person_id, []).append((office.body, office.title))
    assert snap.held_offices == held
    for m in snap.members.values():
        assert snap.ended_with(m) == roster.ended_with(m.member_id)
    assert snap.meetings == schedule.list_meetings()
    assert bool(snap.agenda_ids) == bool(schedule.list_agenda())
    for paper in schedule.ADOPTED_PAPERS:
        assert snap.adoption(paper) == schedule.adoption(paper).meeting_id
    assert [(m.motion_id, m.register_no, m.problem, m.withdrawn_at, m.decision) for m in snap.motions] == \
        [(m.motion_id, m.register_no, m.problem, m.withdrawn_at, m.decision)
         for m in motions.list_motions(kind="议案")]
    assert snap.elections == elections.list_elections()
    assert snap.standing_problems == elections.standing_problems()
    assert snap.candidate_person_ids == elections.candidate_person_ids()
    for e in snap.elections:
        assert snap.rounds(e.election_id) == preliminary.rounds(e.election_id)
        for r in snap.rounds(e.election_id):
            assert snap.round_result(r) == preliminary.result(r.round_id)
    assert snap.polls == counting.list_polls()
    for poll in snap.polls:
        assert snap.result(poll) == counting.result(poll.poll_id)
        assert snap.delegates_on(poll.vote_date) == roster.delegates_on(poll.vote_date)
        assert snap.delegate_names_on(poll.vote_date) == roster.delegate_names_on(poll.vote_date)
    for meeting in snap.meetings:
        assert snap.roll(meeting.meeting_id) == attendance.roll(meeting.meeting_id)
        assert snap.counts(meeting.meeting_id) == attendance.counts(meeting.meeting_id)
        assert snap.strays(meeting.meeting_id) == attendance.strays(meeting.meeting_id)
        assert snap.closed(meeting.meeting_id) == attendance.closed(meeting.meeting_id)
        assert snap.present_for_vote(meeting.meeting_id, "10:00") == \
            attendance.present_for_vote(meeting.meeting_id, "10:00")
        assert [r.display for r in attendance.roll(meeting.meeting_id) if r.role == "代表" and not r.status] == \
            [m.display for m in snap.unrecorded_delegates(meeting.meeting_id)]
    assert snap.recorded_meetings == attendance.recorded_meetings()
    assert snap.unexcused_flags == attendance.unexcused_flags()


def test_the_demo(demo_session):
    assert_matches_services()


def test_an_empty_session(empty_session):
    assert_matches_services()


def test_attendance_taken_and_the_roster_edited_after(demo_session):
    take("1", absent=2)
    take("3", absent=4)
    ids = [r.member_id for r in attendance.roll(mid("6"), role="代表")]
    attendance.tick(mid("6"), ids, ids[5:], now=BEFORE)
    attendance.mark(mid("6"), ids[6], "迟到", time="9:10")
    attendance.mark(mid("6"), ids[7], "早退", time="10:10")
    attendance.mark(mid("6"), ids[8], "请假", reason="病假", approver="王烁")
    attendance.close_roll(mid("主席团第一次会议"), now=BEFORE)
    rows = plain(attendance.roll(mid("3"), role="代表"))
    roster.end_member(rows[0].member_id, dt.date(2023, 12, 20), "因工作调整辞去代表职务")
    roster.end_member(rows[1].member_id, dt.date(2023, 12, 24), "因工作调整辞去代表职务")
    roster.add_member(roster.MemberInput("漏登甲", delegation_id=rows[2].delegation_id))
    roster.add_member(roster.MemberInput("补选甲", gender="女", delegation_id=rows[2].delegation_id,
                                         started_on=dt.date(2023, 12, 22), start_reason="补选"))
    pm = presidium.list_presidium()[5]
    presidium.remove_presidium_member(pm.presidium_id)
    absent = [r for r in attendance.roll(mid("3"), role="代表") if r.status == "缺席"]
    for r in absent[:2]:
        attendance.add_prior(r.person_id, "第十一届人民代表大会第二次会议")
    assert_matches_services()


def test_polls_entered_differing_and_confirmed(demo_session):
    take("10", absent=0)
    confirmed = _poll()
    counting.set_present(confirmed, 210)
    _enter(confirmed, yes={"李静": [36, 35, 35], "田志勇": [20, 20, 20]}, item_yes=(36, 35, 35))
    counting.confirm(confirmed, now=CONFIRMED)
    _enter_items(_poll(election_ids=[]), 66)
    _enter_items(_poll(election_ids=[], vote_time="10:30"), 60, second=59)  # the clerks differ
    attendance.mark(mid("10"), attendance.roll(mid("10"), role="代表")[3].member_id, "早退", time="10:10")
    _enter_items(_poll(election_ids=[], vote_time="10:30"), 60, boxes=1)  # a box not entered
    roster.end_member(plain(roster.list_members(role="代表"))[5].member_id, dt.date(2023, 12, 20), "辞职")
    assert_matches_services()


def _enter_items(poll_id: int, per_box: int, *, second: int | None = None, boxes: int = 3) -> None:
    """Both clerks enter the 表决票 of the first BOXES boxes, every item PER_BOX 赞成; the second
    clerk's first box says SECOND instead."""
    row = counting.get_poll(poll_id)
    for b, box in enumerate(voting.list_boxes()[:boxes]):
        for entry in (1, 2):
            yes = second if (second is not None and entry == 2 and b == 0) else per_box
            figures = [Figure(poll_item_id=pi.poll_item_id, yes=yes) for pi in row.items]
            counting.enter(poll_id, box.box_id, entry, {"表决票": (per_box, per_box)}, figures)


def test_a_preliminary_vote(demo_session):
    election = preliminary_election()
    round_id = preliminary.start(election.election_id, dt.datetime(2023, 12, 22, 12, 0))
    row = preliminary.get_round(round_id)
    for i, team in enumerate(roster.list_delegations()):
        n = team.count("代表")
        votes = {c.person_id: min(n, (10 - k) * n // 10) for k, c in enumerate(row.candidates)}
        for entry in (1, 2):
            if n and not (i == 0 and entry == 2):
                preliminary.enter(round_id, team.delegation_id, entry, SheetInput(n, n, n, 0, votes))
    assert_matches_services()


def test_people_without_a_delegation_or_a_decision(demo_session):
    person = Person.create(name="张志刚", gender="男")
    Member.create(person=person, delegation=None, role="代表", status="在任")
    team = roster.list_delegations()[1]
    Member.update(status="终止", ended_on=dt.date(2023, 12, 21)).where(Member.id == team.head.member_id).execute()
    session.update_session(single_name_first=True)
    assert_matches_services()

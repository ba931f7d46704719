"""`check_session`: each rule of the foundation triggered and cleared."""
from __future__ import annotations

from meetingdesk.services import checks, roster, session
from meetingdesk.services.roster import MemberInput
from meetingdesk.store import Person


def _errors():
    return [p for p in checks.check_session() if p.severity == checks.ERROR]


def test_demo_session_has_no_errors(demo_session):
    assert _errors() == []


def test_missing_head_is_flagged_and_cleared(demo_session):
    team = roster.list_delegations()[0]
    roster.update_delegation(team.delegation_id, name=team.name, room=team.room, head_id=None,
                             deputy_ids=[d.member_id for d in team.deputies])
    found = [p for p in _errors() if "没有团长" in p.message]
    assert found and found[0].delegation_id == team.delegation_id
    roster.update_delegation(team.delegation_id, name=team.name, room=team.room,
                             head_id=team.head.member_id, deputy_ids=[d.member_id for d in team.deputies])
    assert not [p for p in _errors() if "没有团长" in p.message]


def test_announced_count_mismatch_is_flagged(demo_session):
    team = roster.list_delegations()[0]
    roster.add_member(MemberInput(name="甲乙", delegation_id=team.delegation_id))
    assert any("两者不符" in p.message for p in _errors())


def test_equal_names_without_note_are_flagged(demo_session):
    # Data that bypassed the dialog (an old import, say): two 王烁 with no notes.
    Person.update(note="").where(Person.name == "王超").execute()
    found = [p for p in _errors() if "位“王超”" in p.message]
    assert found


def test_too_many_delegates_for_the_statutory_number(demo_session):
    session.update_session(statutory_delegates=200)
    assert any("超过法定名额" in p.message for p in _errors())

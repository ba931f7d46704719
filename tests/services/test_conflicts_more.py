"""The other form edits on a server with two desks: the session's information, its 办法 and
wordings, a delegation, a meeting and its items, a motion, a 续办议案, an election, a suggestion,
a 表决事项. Another desk's save in between refuses this desk's, naming the desk and what it is
now; the same change at both is no conflict; an undo does not take back another desk's change."""
from __future__ import annotations

from dataclasses import replace

import pytest

from meetingdesk.services import elections, motions, roster, schedule, session, settings, suggestions, voting
from meetingdesk.services.conflicts import ConflictError

from .desks import holding_at_desk, run_at_desk

OTHER = "签到台二"


def other_desk(url: str, code: str, desk: str = OTHER) -> None:
    """Run CODE as another desk (another program) on the session at URL."""
    run_at_desk(url, desk, code)


@pytest.fixture
def desk(demo_url):
    session.open_session(demo_url + "&desk=秘书组")
    yield demo_url
    session.close_session()


def refused(call, *words: str) -> ConflictError:
    with pytest.raises(ConflictError) as err:
        call()
    message = err.value.message
    assert f"已由{OTHER}" in message and "本次修改没有保存" in message, message
    for word in words:
        assert word in message, (word, message)
    assert err.value.by is not None and err.value.by.desk == OTHER
    return err.value


# ---------------------------------------------------------------- session information


def test_session_info(desk):
    before = session.editable_fields(session.session_info())
    other_desk(desk, """
        session.update_session(venue="区行政中心第一会议室")
    """)
    mine = dict(before, venue="区人大常委会会议室")
    error = refused(lambda: session.update_session(**mine, seen=before), "会议信息", "区行政中心第一会议室")
    assert error.current["venue"] == "区行政中心第一会议室"
    assert session.session_info().venue == "区行政中心第一会议室"
    # the same change at both: no conflict
    now = session.editable_fields(session.session_info())
    other_desk(desk, """
        session.update_session(announced_delegates=200)
    """)
    session.update_session(**dict(now, announced_delegates=200), seen=now)
    assert session.session_info().announced_delegates == 200


def test_session_info_undo_over_another_desks_change(desk):
    before = session.editable_fields(session.session_info())
    after = dict(before, venue="第一次修改")
    session.update_session(**after, seen=before)
    other_desk(desk, """
        session.update_session(venue="别处的修改")
    """)
    refused(lambda: session.update_session(**before, seen=after), "别处的修改")  # what the undo does
    assert session.session_info().venue == "别处的修改"
    # a SessionInfo as read does as well as the dict
    info = session.session_info()
    session.update_session(venue="再改", seen=info)
    assert session.session_info().venue == "再改"


def test_bylaw_and_wording(desk):
    before = session.bylaw()
    other_desk(desk, """
        session.set_bylaw(yes_mark="√")
    """)
    refused(lambda: session.set_bylaw(**dict(vars(before), no_mark="X"), seen=before), "选举和表决办法", "√")
    assert (session.bylaw().yes_mark, session.bylaw().no_mark) == ("√", before.no_mark)

    text = settings.get(settings.BY_ELECTION_WHERE)
    other_desk(desk, """
        settings.set_text(settings.BY_ELECTION_WHERE, "按照实施方案，共 15 个选区。")
    """)
    refused(lambda: settings.set_text(settings.BY_ELECTION_WHERE, "我的写法", seen=text), "补选情况",
            "按照实施方案，共 15 个选区。")
    assert settings.get(settings.BY_ELECTION_WHERE) == "按照实施方案，共 15 个选区。"
    settings.set_text(settings.BY_ELECTION_WHERE, "按照实施方案，共 15 个选区。", seen=text)  # the same


# ---------------------------------------------------------------- a delegation


def test_delegation(desk):
    team = roster.list_delegations()[0]
    before = {"name": team.name, "room": team.room, "head_id": team.head.member_id if team.head else None,
              "deputy_ids": [d.member_id for d in team.deputies]}
    other_desk(desk, f"""
        team = roster.get_delegation({team.delegation_id})
        roster.update_delegation(team.delegation_id, name=team.name, room="金山宾馆 3 楼",
                                 head_id=team.head.member_id if team.head else None,
                                 deputy_ids=[d.member_id for d in team.deputies])
    """)
    refused(lambda: roster.update_delegation(team.delegation_id, **dict(before, room="我的驻地"), seen=before),
            team.name, "金山宾馆 3 楼")
    assert roster.get_delegation(team.delegation_id).room == "金山宾馆 3 楼"
    now = roster.get_delegation(team.delegation_id)
    roster.update_delegation(team.delegation_id, **dict(before, room="金山宾馆 3 楼"), seen=now)  # the same


# ---------------------------------------------------------------- the schedule


def test_meeting(desk):
    row = schedule.list_meetings()[0]
    seen = schedule.MeetingInput.of(row)
    other_desk(desk, f"""
        row = schedule.get_meeting({row.meeting_id})
        schedule.update_meeting(row.meeting_id, replace(schedule.MeetingInput.of(row), place="区会议中心二楼"))
    """)
    error = refused(lambda: schedule.update_meeting(row.meeting_id, replace(seen, place="我的地点"), seen=row),
                    row.label, "地点区会议中心二楼")
    assert error.current.place == "区会议中心二楼"
    assert schedule.get_meeting(row.meeting_id).place == "区会议中心二楼"
    # the same change at both
    schedule.update_meeting(row.meeting_id, replace(seen, place="区会议中心二楼"), seen=seen)
    # an undo (what was written as SEEN, the old back as wanted) over another desk's change
    now = schedule.MeetingInput.of(schedule.get_meeting(row.meeting_id))
    mine = replace(now, place="第一次修改")
    schedule.update_meeting(row.meeting_id, mine, seen=now)
    other_desk(desk, f"""
        row = schedule.get_meeting({row.meeting_id})
        schedule.update_meeting(row.meeting_id, replace(schedule.MeetingInput.of(row), place="别处的修改"))
    """)
    refused(lambda: schedule.update_meeting(row.meeting_id, now, seen=mine), "别处的修改")
    assert schedule.get_meeting(row.meeting_id).place == "别处的修改"


def test_agenda_and_meeting_items(desk):
    item = schedule.list_agenda()[0]
    other_desk(desk, f"""
        schedule.update_agenda_item({item.item_id}, "别处改过的议程")
    """)
    refused(lambda: schedule.update_agenda_item(item.item_id, "我的议程", seen=item.text), "议程", "别处改过的议程")
    assert schedule.list_agenda()[0].text == "别处改过的议程"
    schedule.update_agenda_item(item.item_id, "别处改过的议程", seen=item.text)  # the same

    meeting = next(m for m in schedule.list_meetings() if m.items)
    line = meeting.items[0]
    other_desk(desk, f"""
        schedule.update_item({line.item_id}, "别处改过的事项")
    """)
    refused(lambda: schedule.update_item(line.item_id, "我的事项", seen=line.text), "会议事项", "别处改过的事项")


# ---------------------------------------------------------------- motions


def test_motion(desk):
    row = next(m for m in motions.list_motions() if m.withdrawn_at is None)
    seen = motions.MotionInput.of(row)
    other_desk(desk, f"""
        row = motions.get_motion({row.motion_id})
        motions.update_motion(row.motion_id, replace(motions.MotionInput.of(row), title="关于别处改过的标题的建议"))
    """)
    error = refused(lambda: motions.update_motion(row.motion_id, replace(seen, plan="我的办法"), seen=row),
                    row.register_no, "《关于别处改过的标题的建议》")
    assert error.current.title == "关于别处改过的标题的建议"
    now = motions.get_motion(row.motion_id)
    assert (now.title, now.plan) == ("关于别处改过的标题的建议", row.plan)
    # the same change at both
    motions.update_motion(row.motion_id, replace(seen, title="关于别处改过的标题的建议"), seen=seen)
    # an undo over another desk's change
    before = motions.MotionInput.of(motions.get_motion(row.motion_id))
    after = replace(before, plan="第一次修改")
    motions.update_motion(row.motion_id, after, seen=before)
    other_desk(desk, f"""
        row = motions.get_motion({row.motion_id})
        motions.update_motion(row.motion_id, replace(motions.MotionInput.of(row), plan="别处的修改"))
    """)
    refused(lambda: motions.update_motion(row.motion_id, before, seen=after))
    assert motions.get_motion(row.motion_id).plan == "别处的修改"


def test_motion_review(desk):
    row = next(r for r in motions.list_motions() if r.kind == "议案" and r.withdrawn_at is None)
    other_desk(desk, f"""
        motions.review_motion({row.motion_id}, "其他", "别处写的理由")
    """)
    refused(lambda: motions.review_motion(row.motion_id, "列为大会议案", seen=row),
            f"{row.register_no}的审查意见", "其他（别处写的理由）")
    assert motions.get_motion(row.motion_id).decision_reason == "别处写的理由"
    # the same decision at both: no conflict
    motions.review_motion(row.motion_id, "其他", "别处写的理由", seen=row)


def test_deadlines(desk):
    import datetime as dt

    seen = motions.deadlines_state()
    other_desk(desk, """
        import datetime as dt
        motions.set_deadline("议案", dt.datetime(2023, 12, 22, 17, 0))
    """)
    mine = {"议案": (dt.datetime(2023, 12, 23, 11, 0), None), "提名": seen["提名"]}
    refused(lambda: motions.set_deadlines(mine, seen=seen), "截止时间", "提出议案截止时间 2023-12-22 17:00")
    assert motions.get_deadline("议案").at == dt.datetime(2023, 12, 22, 17, 0)
    # the same change at both: no conflict
    motions.set_deadlines({"议案": (dt.datetime(2023, 12, 22, 17, 0), None), "提名": seen["提名"]}, seen=seen)


def test_carried(desk):
    info = session.session_info()
    carried_id = motions.add_carried(motions.CarriedInput("关于治理府河水环境的议案", info.term - 1, 1))
    row = next(c for c in motions.list_carried() if c.carried_id == carried_id)
    other_desk(desk, f"""
        motions.update_carried({carried_id}, motions.CarriedInput("关于治理府河水环境的议案", {info.term - 1}, 1,
                                                                   "李平"))
    """)
    refused(lambda: motions.update_carried(carried_id, motions.CarriedInput(row.title, row.term, row.number, "张三"),
                                           seen=row), "续办议案", "领衔代表李平")


# ---------------------------------------------------------------- elections


def test_election(desk):
    row = elections.list_elections()[0]
    keywords = dict(office=row.office, seats=row.seats, mode=row.mode, rule=row.rule, body=row.body,
                    candidates=row.decided_candidates)
    other_desk(desk, f"""
        row = elections.get_election({row.election_id})
        elections.update_election(row.election_id, "别处改过的职务", row.seats, row.mode, row.rule,
                                  body=row.body, candidates=row.decided_candidates)
    """)
    error = refused(lambda: elections.update_election(row.election_id, **dict(keywords, office="我的职务",
                                                                              write_ins=not row.write_ins),
                                                      seen=row), f"“{row.office}”的选举事项", "别处改过的职务")
    assert error.current["office"] == "别处改过的职务"
    now = elections.get_election(row.election_id)
    assert (now.office, now.write_ins) == ("别处改过的职务", row.write_ins)
    # the same change at both
    elections.update_election(row.election_id, **dict(keywords, office="别处改过的职务"), seen=row)
    # an undo over another desk's change
    before = dict(keywords, office="别处改过的职务")
    after = dict(before, office="第一次修改")
    elections.update_election(row.election_id, **after, seen=before)
    other_desk(desk, f"""
        row = elections.get_election({row.election_id})
        elections.update_election(row.election_id, "别处的修改", row.seats, row.mode, row.rule,
                                  body=row.body, candidates=row.decided_candidates)
    """)
    refused(lambda: elections.update_election(row.election_id, **before, seen=after), "别处的修改")
    assert elections.get_election(row.election_id).office == "别处的修改"


# ---------------------------------------------------------------- suggestions


def _between() -> suggestions.SuggestionRow:
    return next(s for s in suggestions.list_suggestions() if s.motion_id is None)


def test_suggestion(desk):
    row = _between()
    seen = suggestions.SuggestionInput(row.title, row.lead_member_id, row.received_on, row.field_id)
    other_desk(desk, f"""
        row = suggestions.get_suggestion({row.suggestion_id})
        suggestions.update_suggestion(row.suggestion_id, suggestions.SuggestionInput(
            "关于别处改过的标题的建议", row.lead_member_id, row.received_on, row.field_id))
    """)
    refused(lambda: suggestions.update_suggestion(row.suggestion_id, replace(seen, title="我的标题"), seen=row),
            row.number_words, "《关于别处改过的标题的建议》")
    assert suggestions.get_suggestion(row.suggestion_id).title == "关于别处改过的标题的建议"
    # the same change at both
    suggestions.update_suggestion(row.suggestion_id, replace(seen, title="关于别处改过的标题的建议"), seen=seen)


def test_suggestion_undo_over_another_desks_change(desk):
    row = _between()
    ids = [row.suggestion_id]
    before = suggestions.state(ids)
    suggestions.update_suggestion(row.suggestion_id, suggestions.SuggestionInput(
        "第一次修改", row.lead_member_id, row.received_on, row.field_id), seen=row)
    after = suggestions.state(ids)
    other_desk(desk, f"""
        row = suggestions.get_suggestion({row.suggestion_id})
        suggestions.update_suggestion(row.suggestion_id, suggestions.SuggestionInput(
            "别处的修改", row.lead_member_id, row.received_on, row.field_id))
    """)
    refused(lambda: suggestions.restore(before, seen=after), row.number_words, "《别处的修改》")  # the undo
    assert suggestions.get_suggestion(row.suggestion_id).title == "别处的修改"
    # with nobody in between, undo and redo go through
    now = suggestions.state(ids)
    suggestions.restore(before, seen=now)
    assert suggestions.get_suggestion(row.suggestion_id).title == row.title


# ---------------------------------------------------------------- a 表决事项


def test_vote_item(desk):
    item = voting.list_vote_items()[0]
    other_desk(desk, f"""
        item = next(i for i in voting.list_vote_items() if i.item_id == {item.item_id})
        voting.update_vote_item(item.item_id, "别处改过的表决事项", item.kind)
    """)
    refused(lambda: voting.update_vote_item(item.item_id, "我的表决事项", item.kind, seen=item), "别处改过的表决事项")
    voting.update_vote_item(item.item_id, "别处改过的表决事项", item.kind, seen=item)  # the same


# ---------------------------------------------------------------- a file


def test_a_file_compares_too(demo_file):
    """One program writes a file, but what the form read may still be stale (an undo after an edit
    the stack did not record): the same check, the same message."""
    session.open_session(demo_file)
    try:
        row = schedule.list_meetings()[0]
        schedule.update_meeting(row.meeting_id, replace(schedule.MeetingInput.of(row), place="改过的地点"))
        with pytest.raises(ConflictError, match="本次修改没有保存。现在的内容：.*改过的地点"):
            schedule.update_meeting(row.meeting_id, replace(schedule.MeetingInput.of(row), place="我的地点"),
                                    seen=row)
        assert schedule.get_meeting(row.meeting_id).place == "改过的地点"
        item = voting.list_vote_items()[0]
        voting.update_vote_item(item.item_id, "新的名称", item.kind, seen=item)
        assert voting.list_vote_items()[0].title == "新的名称"
    finally:
        session.close_session()


# ---------------------------------------------------------------- a suggestion's units (交办)


def _assigned() -> tuple[int, int, list[int], list[int]]:
    """A suggestion of the demo handed to its units: (its id, its lead unit, its 协办 units (they
    have replied: they stay), two other units)."""
    row = next(r for r in suggestions.list_suggestions() if r.lead_assignment is not None)
    lead = row.lead_assignment.unit_id
    assisting = [a.unit_id for a in row.assignments if a.unit_id != lead]
    others = [u.unit_id for u in suggestions.list_units() if u.unit_id not in {lead, *assisting}][:2]
    return row.suggestion_id, lead, assisting, others


def _units_of(sid: int) -> set[int]:
    return {a.unit_id for a in suggestions.get_suggestion(sid).assignments}


def test_assignment(desk):
    sid, lead, assisting, (theirs, mine) = _assigned()
    seen = suggestions.assignments_state([sid])  # as the 交办 dialog opened
    other_desk(desk, f"""
        suggestions.assign([{sid}], {lead}, {assisting + [theirs]})
    """)
    their_name = next(u.name for u in suggestions.list_units() if u.unit_id == theirs)
    error = refused(lambda: suggestions.assign([sid], lead, assisting + [mine], seen=seen),
                    "的交办", f"{their_name}（协办）")
    assert error.current == suggestions.assignments_state([sid]).rows
    assert theirs in _units_of(sid) and mine not in _units_of(sid)
    # read again, the desk's own assignment goes through
    suggestions.assign([sid], lead, assisting + [theirs, mine], seen=suggestions.assignments_state([sid]))
    assert {theirs, mine} <= _units_of(sid)


def test_assignment_undo_over_another_desks_change(desk):
    sid, lead, assisting, (theirs, mine) = _assigned()
    before = suggestions.assign([sid], lead, assisting + [mine], seen=suggestions.assignments_state([sid]))
    after = suggestions.assignments_state([sid])
    other_desk(desk, f"""
        suggestions.assign([{sid}], {lead}, {assisting + [mine, theirs]})
    """)
    refused(lambda: suggestions.restore_assignments(before, seen=after), "的交办")  # the undo
    assert theirs in _units_of(sid)
    # with nobody in between, undo and redo go through
    now = suggestions.assignments_state([sid])
    suggestions.restore_assignments(before, seen=now)
    assert suggestions.assignments_state([sid]).rows == before.rows


def test_two_desks_rating_one_reply_at_the_same_moment(desk):
    """Two desks rate the same reply at the same moment: the second waits for the first and is
    refused (a rating is not written over), never writing over it after the first commits."""
    import datetime as dt

    from meetingdesk.store import Reply

    reply = next(r for r in Reply.select().where(Reply.rating == "").order_by(Reply.id)
                 if not Reply.select().where((Reply.assignment == r.assignment_id) & (Reply.round > r.round)).exists())
    on = max(reply.replied_on, dt.date.today() - dt.timedelta(days=1))
    with holding_at_desk(desk, OTHER, f"""
        import datetime
        suggestions.rate({reply.id}, "满意", datetime.date.fromisoformat({on.isoformat()!r}))
    """):
        with pytest.raises(suggestions.ServiceError, match="已评价为满意；评价不再改写"):
            suggestions.rate(reply.id, "不满意", on)
    assert Reply.get_by_id(reply.id).rating == "满意"


def test_two_desks_entering_one_units_reply_at_the_same_moment(desk):
    """Two desks enter the same unit's reply at the same moment: the second waits for the first
    and is refused (a reply is never written over, no second reply of the round is made)."""
    import datetime as dt

    from meetingdesk.store import Assignment, Reply

    open_one = next(a for a in Assignment.select().where(Assignment.suggestion.is_null(False)).order_by(Assignment.id)
                    if not Reply.select().where(Reply.assignment == a.id).exists())
    day = dt.date.today()
    with holding_at_desk(desk, OTHER, f"""
        import datetime
        suggestions.record_reply({open_one.id}, suggestions.ReplyInput(
            datetime.date.fromisoformat({day.isoformat()!r}), "已解决或基本解决"))
    """):
        with pytest.raises(suggestions.ServiceError, match="答复不再改写"):
            suggestions.record_reply(open_one.id, suggestions.ReplyInput(day, "列入计划逐步解决"))
    assert [r.result for r in Reply.select().where(Reply.assignment == open_one.id)] == ["已解决或基本解决"]

"""Two desks editing the same thing on a server: the second save is refused, naming who changed
it and when, with what it is now; nothing is overwritten."""
from __future__ import annotations

from dataclasses import replace

import pytest

from meetingdesk.services import roster, session
from meetingdesk.services.conflicts import ConflictError
from meetingdesk.services.roster import MemberInput

from .desks import run_at_desk


def other_desk(url: str, desk: str, code: str) -> None:
    run_at_desk(url, desk, code)


def _someone() -> roster.MemberRow:
    return next(m for m in roster.list_members() if m.name == "王烁")


def test_a_save_over_another_desks_change_is_refused_with_who_and_what(demo_url):
    session.open_session(demo_url + "&desk=名单组")
    row = _someone()
    seen = MemberInput.of(row)
    other_desk(demo_url, "签到台二", f"""
        row = roster.get_member({row.member_id})
        roster.update_member(row.member_id, replace(MemberInput.of(row), note="区政协委员"))
    """)
    mine = replace(seen, work_title="区发改局局长")
    with pytest.raises(ConflictError) as err:
        roster.update_member(row.member_id, mine, seen=seen)
    assert "“王烁”的登记已由签到台二" in err.value.message and "备注“区政协委员”" in err.value.message
    assert "本次修改没有保存" in err.value.message
    assert err.value.current.note == "区政协委员" and err.value.by.desk == "签到台二"
    now = roster.get_member(row.member_id)
    assert (now.note, now.work_title) == ("区政协委员", row.work_title)  # the other desk's save stands
    # read again, the same edit saves
    roster.update_member(row.member_id, replace(mine, note="区政协委员"), seen=MemberInput.of(now))
    assert roster.get_member(row.member_id).work_title == "区发改局局长"
    session.close_session()


def test_an_undo_does_not_take_back_another_desks_change(demo_url):
    session.open_session(demo_url + "&desk=名单组")
    row = _someone()
    before = MemberInput.of(row)
    after = replace(before, note="第一次修改")
    roster.update_member(row.member_id, after, seen=before)
    other_desk(demo_url, "签到台二", f"""
        row = roster.get_member({row.member_id})
        roster.update_member(row.member_id, replace(MemberInput.of(row), note="别处的修改"))
    """)
    with pytest.raises(ConflictError, match="已由签到台二"):
        roster.update_member(row.member_id, before, seen=after)  # what the undo does
    assert roster.get_member(row.member_id).note == "别处的修改"
    session.close_session()


def test_the_same_change_at_two_desks_is_no_conflict(demo_url):
    session.open_session(demo_url)
    row = _someone()
    seen = MemberInput.of(row)
    other_desk(demo_url, "签到台二", f"""
        row = roster.get_member({row.member_id})
        roster.update_member(row.member_id, replace(MemberInput.of(row), note="同样的修改"))
    """)
    roster.update_member(row.member_id, replace(seen, note="同样的修改"), seen=seen)
    assert roster.get_member(row.member_id).note == "同样的修改"
    session.close_session()

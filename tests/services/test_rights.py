"""Rights of the desks on a server: 只读, 仅签到, 仅计票, 全部权限, given by `meetingdesk grant` as
PostgreSQL roles; the server refuses what a desk may not write, and the desk knows its rights."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from meetingdesk.cli.main import main
from meetingdesk.services import ServiceError, attendance, changelog, counting, roster, seating, server, session, voting
from meetingdesk.services.counting import Figure
from meetingdesk.services.roster import MemberInput
from meetingdesk.store import StorageError
from meetingdesk.store.server import Address


@pytest.fixture
def desks(demo_url, pg_cluster):
    """The demo on a server with four desk logins; returns a function giving a login's URL."""
    database = Address.parse(demo_url).database
    for user, right in (("signin1", "signin"), ("count1", "count"), ("viewer", "read"), ("clerk", "full")):
        server.grant(demo_url, user, right)

    def as_user(user: str, desk: str = "") -> str:
        return pg_cluster.url(database, user=user) + (f"&desk={desk}" if desk else "")

    yield as_user
    session.close_session()


def _member() -> roster.MemberRow:
    return next(m for m in roster.list_members() if m.name == "王烁")


def test_a_sign_in_desk_records_attendance_and_nothing_else(desks):
    session.open_session(desks("signin1", "签到台一"))
    access = session.access()
    assert access.rights_label == "仅签到" and access.may_write("attendance") and not access.may_write("roster")
    meeting = attendance.meetings()[0].meeting_id
    row = attendance.roll(meeting)[0]
    assert attendance.check_in(meeting, row.member_id).changed
    member = _member()
    with pytest.raises(StorageError, match="本工作台没有这项操作的权限") as err:
        roster.update_member(member.member_id, replace(MemberInput.of(member), note="改"))
    assert err.value.kind == "无权限"
    assert roster.get_member(member.member_id).note == member.note
    seating.arrangement()  # reading the hall writes nothing at a desk that may not seat
    [record] = changelog.list_changes(table="attendance", limit=1)
    assert (record.user, record.desk) == ("signin1", "签到台一")


def test_a_counting_desk_enters_counts_and_cannot_check_in(desks):
    session.open_session(desks("count1", "计票室一"))
    assert session.access().rights_label == "仅计票"
    poll = counting.create_poll("表决", [], [i.item_id for i in voting.list_vote_items()],
                                now=dt.datetime(2023, 12, 21, 10, 0))
    row = counting.get_poll(poll)
    box = voting.list_boxes()[0].box_id
    counting.enter(poll, box, 1, {"表决票": (70, 70)}, [Figure(poll_item_id=i.poll_item_id, yes=70) for i in row.items])
    meeting = attendance.meetings()[0].meeting_id
    with pytest.raises(StorageError, match="没有这项操作的权限"):
        attendance.check_in(meeting, attendance.roll(meeting)[0].member_id)


def test_a_read_only_desk_is_opened_read_only(desks):
    session.open_session(desks("viewer"))
    access = session.access()
    assert access.readonly and "只有查看的权限" in access.why and not access.may_write("attendance")
    meeting = attendance.meetings()[0].meeting_id
    with pytest.raises(StorageError):
        attendance.check_in(meeting, attendance.roll(meeting)[0].member_id)


def test_no_desk_writes_the_log_itself(desks):
    from meetingdesk import store

    session.open_session(desks("clerk"))
    assert session.access().rights_label == "全部权限"
    member = _member()
    roster.update_member(member.member_id, replace(MemberInput.of(member), note="全部权限的修改"))
    with pytest.raises(ServiceError):
        with store.database.atomic():
            store.database.execute_sql(
                "INSERT INTO change_log (at, desk, username, tbl, action, note) VALUES (now(), 'x', 'x', '', 'EVENT', '伪造')")
    assert changelog.list_changes(limit=1)[0].user == "clerk"


def test_grant_on_the_command_line(demo_url, capsys):
    assert main(["grant", demo_url, "signin2", "--rights", "signin"]) == 0
    assert "已新建登录名“signin2”：仅签到" in capsys.readouterr().out
    assert main(["grant", demo_url, "signin2", "--rights", "count"]) == 0  # a desk has one right
    assert main(["grant", demo_url, "--list"]) == 0
    assert "signin2\t仅计票" in capsys.readouterr().out
    assert main(["grant", demo_url, "x"]) == 1
    assert "--rights" in capsys.readouterr().err

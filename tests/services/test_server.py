"""A session on a server: publishing, pulling, every command on an address, several desks at
once, a server gone away, the log a desk cannot rewrite."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import psycopg
import pytest

from meetingdesk.cli.main import main
from meetingdesk.services import ServiceError, attendance, changelog, checks, roster, server, session
from meetingdesk.services.roster import MemberInput
from meetingdesk.store import StorageError
from meetingdesk.store.models import ALL_MODELS
from tests.conftest import new_database


def _rows() -> dict[str, list]:
    return {m._meta.table_name: list(m.select().order_by(m.id).tuples()) for m in ALL_MODELS
            if m._meta.table_name != "change_log"}


def test_publish_then_pull_gives_back_every_row(demo_file, pg_cluster, tmp_path):
    session.open_session(demo_file, session.READ)
    before = _rows()
    problems = [p.message for p in checks.check_session()]
    session.close_session()
    url = new_database(pg_cluster)
    copied = server.publish(demo_file, url)
    assert copied == sum(len(r) for r in before.values()) + _log_rows(demo_file)
    info = session.open_session(url)
    assert info.title == "东西湖区第十一届人民代表大会第三次会议" and session.is_server()
    assert _rows() == before
    assert [p.message for p in checks.check_session()] == problems
    assert session.current_path() is None and session.current_location().startswith("服务器 ")
    session.close_session()
    back = tmp_path / "存档.meetingdesk"
    server.pull(url, back)
    session.open_session(back)
    assert _rows() == before
    events = [c.note for c in changelog.list_changes(limit=None) if c.action == "EVENT"]
    assert events[0].startswith("从服务器取回") and events[1].startswith("发布到服务器")
    session.close_session()


def _log_rows(path) -> int:
    session.open_session(path, session.READ)
    try:
        return changelog.count()
    finally:
        session.close_session()


def test_publish_refuses_a_database_that_is_not_empty_and_writes_nothing(demo_file, pg_cluster):
    url = new_database(pg_cluster)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE payroll (id serial, amount integer)")
        conn.execute("INSERT INTO payroll (amount) VALUES (1)")
    with pytest.raises(ServiceError, match="不是空数据库"):
        server.publish(demo_file, url)
    with psycopg.connect(url) as conn:
        tables = [t for (t,) in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")]
    assert tables == ["payroll"]
    with pytest.raises(Exception, match="不是 MeetingDesk 的会议数据库"):
        session.open_session(url)


def test_an_empty_database_a_bad_address_and_no_server_are_said(pg_cluster, demo_file, tmp_path):
    url = new_database(pg_cluster)
    with pytest.raises(Exception, match="是空数据库，还没有会议"):
        session.open_session(url)
    with pytest.raises(Exception, match="没有写数据库名"):
        session.open_session("postgresql://someone@localhost")
    nowhere = "postgresql://someone@127.0.0.1:1/meeting?desk=签到台一"
    with pytest.raises(Exception, match="无法连接服务器 127.0.0.1:1/meeting：连接不上会议服务器"):
        session.open_session(nowhere)
    with pytest.raises(ServiceError, match="无法连接"):
        server.publish(demo_file, nowhere)
    assert not session.is_open()


def test_pull_never_overwrites_and_wants_a_session_name(demo_url, tmp_path):
    existing = tmp_path / "旧.meetingdesk"
    existing.write_bytes(b"keep")
    with pytest.raises(ServiceError, match="已经存在，不会被覆盖"):
        server.pull(demo_url, existing)
    assert existing.read_bytes() == b"keep"
    with pytest.raises(ServiceError, match="应以 .meetingdesk 结尾"):
        server.pull(demo_url, tmp_path / "存档.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["旧.meetingdesk"]


def test_the_commands_take_an_address(demo_url, demo_file, pg_cluster, tmp_path, capsys):
    assert main(["info", demo_url]) == 0
    assert "东西湖区第十一届人民代表大会第三次会议" in capsys.readouterr().out
    assert main(["print", "roster", demo_url, "-o", str(tmp_path / "名单.pdf")]) == 0
    assert (tmp_path / "名单.pdf").read_bytes().startswith(b"%PDF")
    assert main(["check", demo_url]) in (0, 1)
    assert main(["backups", demo_url]) == 1
    assert "pg_dump" in capsys.readouterr().err
    url = new_database(pg_cluster)
    assert main(["publish", str(demo_file), url]) == 0
    assert main(["pull", url, str(tmp_path / "回.meetingdesk")]) == 0
    assert "已从服务器" in capsys.readouterr().out


def test_the_log_cannot_be_rewritten_on_the_server(demo_url):
    session.open_session(demo_url)
    from meetingdesk import store

    with pytest.raises(Exception, match="变更日志只能追加"):
        with store.database.atomic():
            store.database.execute_sql('UPDATE "change_log" SET "desk" = %s', ("别处",))
    with pytest.raises(Exception, match="变更日志只能追加"):
        with store.database.atomic():
            store.database.execute_sql('DELETE FROM "change_log"')
    session.close_session()


def test_a_row_written_with_its_id_leaves_the_next_id_free(demo_url):
    """Redo re-creates a member with his old ids; the next member added (at this desk or another)
    must not collide with them."""
    session.open_session(demo_url)
    team = roster.delegation_choices()[0][0]
    data = MemberInput("丁一", "男", note="", work_title="", delegation_id=team)
    mid = roster.add_member(data)
    pid = roster.get_member(mid).person_id
    roster.undo_add_member(mid)
    assert roster.add_member(data, member_id=mid, person_id=pid) == mid
    other = roster.add_member(MemberInput("丁二", "男", note="", work_title="", delegation_id=team))
    assert other > mid
    session.close_session()


def test_the_server_gone_is_said_and_the_desk_reconnects(demo_url, pg_cluster):
    session.open_session(demo_url)
    meeting = attendance.meetings()[0].meeting_id
    person = attendance.roll(meeting)[0]
    database = demo_url.split("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (database,))
    with pytest.raises(StorageError, match="连接不上会议服务器") as err:
        attendance.check_in(meeting, person.member_id)
    assert err.value.kind == "服务器不可达"
    done = attendance.check_in(meeting, person.member_id)  # the next call connects again
    assert done.changed and attendance.roll(meeting)[0].present
    session.close_session()


DESK = textwrap.dedent("""
    import sys
    from meetingdesk.services import attendance, session
    url, meeting, first, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    session.open_session(url)
    roll = attendance.roll(meeting)
    print("ready", flush=True)
    sys.stdin.readline()
    for row in roll[first::step]:
        attendance.check_in(meeting, row.member_id)
    for row in roll[:40]:  # everyone also checks in the first forty: the same people at four desks
        attendance.check_in(meeting, row.member_id)
    print("done", flush=True)
""")


def test_four_desks_check_in_at_once_and_nobody_is_lost_or_doubled(demo_url):
    session.open_session(demo_url)
    meeting = attendance.meetings()[0].meeting_id
    expected = {r.member_id for r in attendance.roll(meeting)}
    session.close_session()
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    desks = [subprocess.Popen([sys.executable, "-c", DESK, demo_url + "&desk=签到台" + str(i) if "?" in demo_url
                               else demo_url + "?desk=签到台" + str(i), str(meeting), str(i), "4"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
             for i in range(4)]
    for d in desks:
        assert d.stdout.readline().strip() == "ready"
    for d in desks:  # all start together
        d.stdin.write("go\n")
        d.stdin.flush()
    for d in desks:
        assert d.stdout.readline().strip() == "done"
        assert d.wait(timeout=60) == 0
    session.open_session(demo_url)
    from meetingdesk.store import Attendance

    records = list(Attendance.select(Attendance.member).where(Attendance.meeting == meeting).tuples())
    assert sorted(m for (m,) in records) == sorted(expected)  # each once: none lost, none doubled
    desks_logged = {c.desk for c in changelog.list_changes(table="attendance", limit=None)}
    assert desks_logged == {f"签到台{i}" for i in range(4)}
    inserted = [c for c in changelog.list_changes(table="attendance", limit=None) if c.action == "INSERT"]
    assert len(inserted) == len(expected)
    session.close_session()

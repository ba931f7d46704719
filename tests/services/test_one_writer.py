"""One writer at a time; read-only opening; the file's refusals as Chinese messages."""
from __future__ import annotations

import json
import os
import sqlite3

import pytest

from meetingdesk import store
from meetingdesk.cli.main import main
from meetingdesk.services import ServiceError, checks, roster, session
from meetingdesk.store import lock as locks
from meetingdesk.store.errors import BUSY, FULL, READONLY, StorageError

from tests.conftest import hold

def _digest(path):
    con = sqlite3.connect(path)
    try:
        return [con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    finally:
        con.close()


def test_a_second_writer_is_refused_with_who_holds_it(held_elsewhere, demo_file):
    with pytest.raises(locks.SessionLockedError) as err:
        session.open_session(demo_file)
    holder = err.value.holder
    assert holder.pid == held_elsewhere.pid and holder.computer and holder.since
    assert "正由计算机" in err.value.message and "只读方式" in err.value.message
    assert session.current_path() is None


def test_reading_works_while_another_holds_it_and_writes_are_refused(held_elsewhere, demo_file, tmp_path):
    before = _digest(demo_file)
    info = session.open_session(demo_file, session.READ)
    assert info.counts["代表"] > 200
    access = session.access()
    assert access.readonly and "只读" in access.why and "正由计算机" in access.why
    member = roster.list_members()[0]
    with pytest.raises(StorageError) as err:
        roster.update_member(member.member_id, roster.MemberInput(
            name="改名", gender=member.gender, delegation_id=member.delegation_id, role=member.role))
    assert err.value.kind == READONLY and "没有保存" in err.value.message
    session.close_session()
    assert _digest(demo_file) == before
    # the reading commands
    assert main(["info", str(demo_file)]) == 0
    assert main(["check", str(demo_file)]) in (0, 1)
    assert main(["print", "roster", str(demo_file), "-o", str(tmp_path / "r.pdf")]) == 0
    assert main(["boxes", str(demo_file)]) == 0
    # a writing command is refused, naming the holder
    assert main(["boxes", str(demo_file), "add", "二号票箱"]) == 1
    assert _digest(demo_file) == before


def test_every_paper_prints_from_a_read_only_session(held_elsewhere, demo_file, tmp_path, capsys):
    from meetingdesk import printing

    failed = []
    for kind, _title in printing.kinds():
        status = main(["print", kind, str(demo_file), "-o", str(tmp_path / f"{kind}.pdf")])
        err = capsys.readouterr().err
        if status != 0 and "只读" in err:
            failed.append((kind, err))
    assert failed == []


def test_a_stale_lock_from_a_crash_is_taken_over(demo_file):
    proc = hold(demo_file)
    proc.kill()  # kill -9: no chance to remove its lock file
    proc.wait()
    assert locks.lock_path(demo_file).exists()
    assert locks.holder_of(demo_file) is None
    session.open_session(demo_file)
    assert session.access().stale is not None and session.access().stale.pid == proc.pid
    assert json.loads(locks.lock_path(demo_file).read_text())["pid"] == os.getpid()
    session.close_session()
    assert not locks.lock_path(demo_file).exists()


def test_the_lock_is_freed_on_closing_and_reopening_the_same_file_keeps_it(demo_file):
    session.open_session(demo_file)
    session.open_session(demo_file)  # the same window opening its own file again
    assert locks.holder_of(demo_file).pid == os.getpid()
    session.close_session()
    assert locks.holder_of(demo_file) is None


def test_a_refused_open_leaves_the_current_session_open(demo_file, tmp_path):
    session.open_session(demo_file)
    bad = tmp_path / "坏.meetingdesk"
    bad.write_bytes(b"")
    with pytest.raises(ServiceError, match="空文件"):
        session.open_session(bad)
    assert session.current_path() == demo_file
    assert roster.list_members()  # still reading the same file
    assert locks.holder_of(demo_file).pid == os.getpid()
    session.close_session()


def test_an_empty_or_foreign_file_is_refused_without_being_written(tmp_path):
    empty = tmp_path / "空.meetingdesk"
    empty.write_bytes(b"")
    with pytest.raises(ServiceError, match="0 字节"):
        session.open_session(empty)
    assert empty.read_bytes() == b""
    foreign = tmp_path / "别的.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    data = foreign.read_bytes()
    with pytest.raises(ServiceError, match="不是 MeetingDesk"):
        session.open_session(foreign)
    assert foreign.read_bytes() == data
    bare = tmp_path / "空库.db"
    sqlite3.connect(bare).execute("PRAGMA user_version = 0").connection.close()
    bare.write_bytes(bare.read_bytes())
    if bare.stat().st_size:
        with pytest.raises(ServiceError):
            session.open_session(bare)
    with pytest.raises(ServiceError, match="已存在"):
        session.create_session(empty, region="测试区", term=1, number=1)
    assert empty.read_bytes() == b""


def test_a_damaged_file_is_named_damaged_on_opening_and_by_check(demo_file, tmp_path):
    from tests.services.test_session import _flip_a_table_page

    damaged = tmp_path / "坏了.meetingdesk"
    damaged.write_bytes(demo_file.read_bytes())
    _flip_a_table_page(damaged)
    data = damaged.read_bytes()
    with pytest.raises(store.DamagedFileError, match="文件已损坏"):
        session.open_session(damaged)
    assert damaged.read_bytes() == data
    assert main(["check", str(damaged)]) == 1
    # damaged while open: check says so
    session.open_session(demo_file)
    con = sqlite3.connect(demo_file)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    con.close()
    with open(demo_file, "r+b") as fh:
        page = store.database.obj.execute_sql("PRAGMA page_size").fetchone()[0]
        fh.seek((root - 1) * page)
        fh.write(bytes(64))
    found = checks.check_session()
    session.close_session()
    assert found and "文件已损坏" in found[0].message


def test_a_full_disk_refuses_the_change_and_keeps_the_file(demo_session, demo_file):
    before = _digest(demo_file)
    pages = store.database.obj.execute_sql("PRAGMA page_count").fetchone()[0]
    store.database.obj.execute_sql(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageError) as err:
        with store.database.atomic():
            for i in range(2000):
                store.Person.create(name=f"新人{i}", note="x" * 200)
    assert err.value.kind == FULL and "磁盘已满" in err.value.message
    store.database.obj.execute_sql("PRAGMA max_page_count = 1073741823")
    session.close_session()
    assert _digest(demo_file) == before


def test_a_busy_file_says_try_again(demo_session, demo_file):
    other = sqlite3.connect(demo_file, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    store.database.obj.execute_sql("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StorageError) as err:
            store.Person.create(name="某某")
        assert err.value.kind == BUSY and "稍后重试" in err.value.message
    finally:
        other.rollback()
        other.close()


def test_a_file_that_cannot_be_written_opens_read_only(demo_file, monkeypatch):
    # chmod does not stop root (the CI's user): the file's answer to os.access is what is tested
    monkeypatch.setattr(session.os if hasattr(session, "os") else os, "access", lambda path, mode: False)
    with pytest.raises(session.NotWritableError, match="没有写入权限"):
        session.open_session(demo_file)
    assert not locks.lock_path(demo_file).exists()
    session.open_readonly_because(demo_file, "只读：文件没有写入权限。")
    assert session.access().readonly and session.access().why == "只读：文件没有写入权限。"
    session.close_session()


def test_a_network_drive_is_recognised(monkeypatch, tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(f"//server/share {tmp_path} cifs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n")
    real = locks.Path

    class FakePath(type(real())):
        def read_text(self, *a, **k):
            if str(self) == "/proc/mounts":
                return mounts.read_text()
            return super().read_text(*a, **k)

    monkeypatch.setattr(locks, "Path", FakePath)
    assert locks.network_drive(tmp_path / "会议.meetingdesk")
    assert not locks.network_drive(real("/usr/会议.meetingdesk"))


def test_the_cli_never_prints_a_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MEETINGDESK_DATA", str(tmp_path / "data"))
    from meetingdesk.cli import commands

    def broken(args):
        raise ZeroDivisionError("demo")

    monkeypatch.setattr(commands, "info", broken)
    parser_main = main
    status = parser_main(["info", str(tmp_path / "x.meetingdesk")])
    err = capsys.readouterr().err
    assert status == 70 and "Traceback" not in err and "程序内部错误" in err
    log = tmp_path / "data" / "logs" / "meetingdesk.log"
    assert str(log) in err and "ZeroDivisionError" in log.read_text(encoding="utf-8")

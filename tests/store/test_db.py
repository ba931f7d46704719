"""The session file: schema version, WAL, foreign keys, refusing foreign and newer files."""
from __future__ import annotations

import sqlite3

import pytest

from meetingdesk import store
from meetingdesk.store import SCHEMA_VERSION, SessionFileError, init_db


def _digest(path):
    return path.read_bytes()


def test_new_file_gets_schema_version_a_durable_journal_and_foreign_keys(tmp_path):
    path = tmp_path / "s.meetingdesk"
    db = init_db(path)
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store.close_db()
    init_db(path)  # reopening an existing session works
    assert set(store.database.get_tables()) >= {"session", "person", "delegation", "member", "leader"}
    store.close_db()


def test_newer_schema_is_refused_and_untouched(tmp_path):
    path = tmp_path / "future.meetingdesk"
    init_db(path)
    store.close_db()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(SessionFileError, match="较新版本"):
        init_db(path)
    assert _digest(path) == before


def test_a_text_file_is_not_a_session(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("王烁\n", encoding="utf-8")
    with pytest.raises(SessionFileError, match="不是 MeetingDesk 会议文件"):
        init_db(path)
    assert path.read_text(encoding="utf-8") == "王烁\n"


def test_another_programs_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(SessionFileError, match="不是 MeetingDesk 会议文件"):
        init_db(path)
    assert _digest(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_foreign_keys_are_enforced(tmp_path):
    init_db(tmp_path / "fk.meetingdesk")
    person = store.Person.create(name="王烁")
    with pytest.raises(Exception):
        store.Member.create(person=person, delegation=999, role="代表")
    store.close_db()


def test_a_copy_of_the_file_alone_while_open_has_every_committed_change(tmp_path):
    """As a clerk copies the session in Explorer while the program runs: no -wal beside it."""
    import shutil

    path = tmp_path / "s.meetingdesk"
    init_db(path)
    with store.database.atomic():
        store.Delegation.create(name="吴家山街代表团", position=1)
    assert not (tmp_path / "s.meetingdesk-wal").exists()
    shutil.copyfile(path, tmp_path / "copy.meetingdesk")
    store.close_db()
    con = sqlite3.connect(tmp_path / "copy.meetingdesk")
    assert con.execute("SELECT name FROM delegation").fetchall() == [("吴家山街代表团",)]
    con.close()


def test_a_session_left_in_wal_mode_by_an_older_version_opens_and_leaves_it(tmp_path):
    path = tmp_path / "old.meetingdesk"
    init_db(path)
    store.close_db()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode=wal").fetchone()[0] == "wal"
    con.execute("INSERT INTO delegation (name, position, room) VALUES ('径河街代表团', 1, '')")
    con.commit()
    con.close()
    db = init_db(path)
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert store.Delegation.get().name == "径河街代表团"
    store.close_db()
    assert not (tmp_path / "old.meetingdesk-wal").exists()

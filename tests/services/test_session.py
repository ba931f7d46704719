"""Creating, opening and describing sessions."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.services import ServiceError, session


def test_demo_session_is_the_seed_session(demo_session):
    info = demo_session
    assert info.title == "东西湖区第十一届人民代表大会第三次会议"
    assert info.full_title == "武汉市东西湖区第十一届人民代表大会第三次会议"
    assert info.counts == {"代表": 210, "列席": 160, "工作人员": 36}
    assert info.statutory_delegates == 214
    assert info.start_date == dt.date(2023, 12, 20)


def test_create_refuses_bad_fields_and_existing_files(tmp_path):
    with pytest.raises(ServiceError) as err:
        session.create_session(tmp_path / "a.meetingdesk", region=" ", term=1, number=1)
    assert err.value.field == "region"
    with pytest.raises(ServiceError, match="闭幕日期早于开幕日期"):
        session.create_session(tmp_path / "b.meetingdesk", region="测试区", term=1, number=1,
                               start_date=dt.date(2024, 1, 5), end_date=dt.date(2024, 1, 1))
    existing = tmp_path / "c.meetingdesk"
    existing.write_text("x")
    with pytest.raises(ServiceError, match="已存在"):
        session.create_session(existing, region="测试区", term=1, number=1)


def test_open_missing_file(tmp_path):
    with pytest.raises(ServiceError, match="找不到"):
        session.open_session(tmp_path / "nope.meetingdesk")


def test_save_copy_is_a_full_session(demo_session, tmp_path):
    target = tmp_path / "copy.meetingdesk"
    session.save_copy(target)
    session.close_session()
    info = session.open_session(target)
    assert info.counts["代表"] == 210


def test_update_session_checks_and_writes(empty_session):
    info = session.update_session(venue="区人民会堂", single_name_first=True)
    assert info.venue == "区人民会堂" and info.single_name_first
    with pytest.raises(ServiceError) as err:
        session.update_session(term=0)
    assert err.value.field == "term"
    assert session.session_info().term == 1


def test_an_old_demo_is_rebuilt_and_kept_beside(tmp_path):
    import sqlite3

    from meetingdesk import store
    from meetingdesk.services import demo, presidium

    path = tmp_path / demo.DEMO_FILENAME
    assert demo.refresh_demo(path) == (None, "") and path.exists()
    assert demo.refresh_demo(path) == (None, "")  # current: left alone
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    kept, why = demo.refresh_demo(path)
    assert kept == tmp_path / f"{demo.DEMO_FILENAME}.v1.bak" and kept.exists()
    assert "较早版本" in why and kept.name in why
    session.open_session(path)
    assert len(presidium.list_presidium()) == 46
    assert store.SCHEMA_VERSION > 1
    session.close_session()


@pytest.mark.parametrize("damage", ["empty", "newer", "garbage", "flipped"])
def test_a_damaged_or_newer_demo_is_rebuilt_and_kept(tmp_path, damage):
    import sqlite3

    from meetingdesk.services import demo

    path = tmp_path / demo.DEMO_FILENAME
    demo.refresh_demo(path)
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "garbage":
        path.write_bytes(b"PK\x03\x04 not a session" * 10)
    elif damage == "newer":
        con = sqlite3.connect(path)
        con.execute("PRAGMA user_version = 99")
        con.commit()
        con.close()
    else:
        _flip_a_table_page(path)
    old = path.read_bytes()
    kept, why = demo.refresh_demo(path)
    assert kept is not None and kept.read_bytes() == old and kept.name in why
    info = session.open_session(path)
    assert info.counts["代表"] > 200
    session.close_session()


def _flip_a_table_page(path):
    """Overwrite the middle of the person table's root page: quick_check sees the damage."""
    import sqlite3

    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start:start + 64] = bytes(64)  # a b-tree page with its header zeroed
    path.write_bytes(bytes(data))


@pytest.mark.file_only
def test_a_failed_save_copy_leaves_the_old_copy(demo_session, tmp_path, monkeypatch):
    import sqlite3

    (tmp_path / "copies").mkdir()
    target = tmp_path / "copies" / "副本.meetingdesk"
    session.save_copy(target)
    before = target.read_bytes()

    class Full:
        def backup(self, dst):
            raise sqlite3.OperationalError("database or disk is full")

    from meetingdesk.store import db

    monkeypatch.setattr(db.database.obj, "connection", lambda: Full())
    with pytest.raises(ServiceError, match="无法写入"):
        session.save_copy(target)
    monkeypatch.undo()
    assert target.read_bytes() == before and [p.name for p in target.parent.iterdir()] == ["副本.meetingdesk"]

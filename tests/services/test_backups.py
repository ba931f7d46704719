"""Snapshots before risky changes, listed and restored whole."""
from __future__ import annotations

import sqlite3

import pytest

from meetingdesk import store
from meetingdesk.services import ServiceError, backups, session
from meetingdesk.store import backups as snapshots


def _names(path):
    con = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM person"))
    finally:
        con.close()


def test_a_snapshot_is_a_whole_session_listed_with_its_reason(demo_session, demo_file):
    made = backups.before(backups.IMPORT, "名单.xlsx")
    assert made.path.parent == demo_file.with_name(demo_file.name + ".backups")
    assert _names(made.path) == _names(demo_file)
    [listed] = backups.listing()
    assert listed.path == made.path and listed.reason == "导入名单前：名单.xlsx"
    assert store.check_session_file(made.path)[1] == store.SCHEMA_VERSION


@pytest.mark.file_only
def test_only_the_last_of_each_kind_are_kept(demo_session):
    for i in range(snapshots.KEEP + 3):
        backups.before(backups.CONFIRM, f"第 {i} 次")
    backups.before(backups.IMPORT)
    kinds = [b.kind for b in backups.listing()]
    assert kinds.count(backups.CONFIRM) == snapshots.KEEP and kinds.count(backups.IMPORT) == 1
    assert backups.listing()[-1].detail == "第 3 次"  # the oldest three went


def test_restore_brings_back_the_snapshot_and_keeps_the_present_first(demo_session, demo_file):
    before = _names(demo_file)
    made = backups.before(backups.MANUAL)
    store.Person.update(name="改过的名字").where(store.Person.id == 1).execute()
    assert _names(demo_file) != before
    changed = _names(demo_file)
    backups.restore(made)
    assert _names(demo_file) == before
    assert session.current_path() == demo_file and not session.access().readonly
    present = [b for b in backups.listing() if b.kind == backups.RESTORE]
    assert len(present) == 1 and _names(present[0].path) == changed


def test_a_backup_that_cannot_be_written_stops_the_change(demo_session, demo_file, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshots.tempfile, "mkstemp", full)
    with pytest.raises(ServiceError, match="无法.*保存备份.*没有进行"):
        backups.before(backups.CONFIRM)


@pytest.mark.file_only
def test_the_timed_snapshot_needs_changes_and_time(demo_session, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(backups.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(backups, "_last_auto", (-1, 0.0))
    assert backups.periodic() is not None  # the first tick after opening
    assert backups.periodic() is None  # nothing changed
    store.Person.update(note="x").where(store.Person.id == 1).execute()
    assert backups.periodic() is None  # changed, but too soon
    clock[0] += backups.EVERY_MINUTES * 60
    assert backups.periodic().kind == backups.AUTO


def test_migration_keeps_a_snapshot_of_the_old_file(tmp_path):
    import shutil
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "fixtures" / "sessions" / "schema6.meetingdesk"
    path = tmp_path / "old.meetingdesk"
    shutil.copy(fixture, path)
    session.open_session(path)
    session.close_session()
    [kept] = backups.listing(path)
    assert kept.kind == backups.MIGRATE and "第 6 版" in kept.reason
    assert store.check_session_file(kept.path)[1] == 6
    assert _names(kept.path) == _names(fixture)

"""Faults injected in child processes: kill -9 in the middle of an import, a count and a
migration, at many points of each; a full disk; a flipped byte. Each time the session opens
afterwards, whole, with either exactly its old content or exactly the new one."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from meetingdesk import store
from meetingdesk.services import ServiceError, backups, session
from meetingdesk.store.errors import FULL, StorageError

from tests.services.test_tally_import import _csv as tally_csv

ROOT = Path(__file__).resolve().parents[2]
TRIED = {"kill -9": 0, "flipped byte": 0, "full disk": 0, "second writer": 0}  # the README's figures
LOST = {"data lost": 0}


def _run(kill_at: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.reliability.faults", str(kill_at), *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def _writes(done: subprocess.CompletedProcess) -> int:
    assert done.returncode == 0, done.stderr
    return int(done.stderr.rsplit("writes=", 1)[1].split()[0])


def _content(path: Path) -> list:
    """Every row of every table, opened as the program opens it (a crashed writer's journal is
    rolled back, its lock taken over)."""
    session.open_session(path)
    try:
        assert store.db.quick_check() == []
        db = store.database.obj
        tables = [t for (t,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        version = db.execute_sql("PRAGMA user_version").fetchone()[0]
        return [version] + [db.execute_sql(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables]
    finally:
        session.close_session()


def _points(total: int, count: int = 6) -> list[int]:
    return sorted({1, total} | {max(1, total * k // count) for k in range(1, count)})


def _roster_csv(path: Path, delegations: list[str], rows: int = 1500) -> None:
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞"
    lines = ["姓名,性别,代表团,身份,职务,备注"]
    for i in range(rows):
        name = surnames[i % len(surnames)] + given[(i // len(surnames)) % len(given)] + given[i % 7]
        lines.append(f"{name},{'男女'[i % 2]},{delegations[i % len(delegations)]},列席,,试验{i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _kill_everywhere(base: Path, tmp_path: Path, args_for) -> list[str]:
    """Run the command whole once, then killed at points across its writes; returns what each
    killed run left: 'old' or 'new'."""
    whole = tmp_path / "whole.meetingdesk"
    shutil.copy(base, whole)
    total = _writes(_run(0, *args_for(whole)))
    old, new = _content(base), _content(whole)
    assert old != new
    left = []
    for at in _points(total):
        target = tmp_path / f"killed-{at}.meetingdesk"
        shutil.copy(base, target)
        done = _run(at, *args_for(target))
        assert done.returncode == -9, (at, done.stderr)
        TRIED["kill -9"] += 1
        after = _content(target)
        LOST["data lost"] += after not in (old, new)
        assert after in (old, new), f"killed at write {at} of {total}: neither the old nor the new content"
        left.append("old" if after == old else "new")
    return left


def test_kill_during_an_import(demo_file, tmp_path):
    session.open_session(demo_file)
    teams = [d.name for d in __import__("meetingdesk.services.roster", fromlist=["x"]).list_delegations()]
    session.close_session()
    csv = tmp_path / "名单.csv"
    _roster_csv(csv, teams)
    left = _kill_everywhere(demo_file, tmp_path, lambda s: ("import", s, csv))
    assert "old" in left  # killed before its commit: nothing of it


def test_kill_during_a_count(demo_file, tmp_path):
    session.open_session(demo_file)
    text = tally_csv()
    session.close_session()
    csv = tmp_path / "计票.csv"
    csv.write_text(text, encoding="utf-8")
    left = _kill_everywhere(demo_file, tmp_path, lambda s: ("tally", s, csv, "--new", "第三次全体会议选举和表决"))
    assert "old" in left


FIXTURES = sorted((ROOT / "tests" / "fixtures" / "sessions").glob("schema*.meetingdesk"))


@pytest.mark.skipif(not FIXTURES, reason="no session files of earlier versions")
def test_kill_during_a_migration(tmp_path):
    oldest = tmp_path / "old.meetingdesk"
    shutil.copy(FIXTURES[0], oldest)
    with sqlite3.connect(oldest) as con:
        before = con.execute("PRAGMA user_version").fetchone()[0]
        people = con.execute("SELECT count(*) FROM person").fetchone()[0]
    whole = tmp_path / "whole.meetingdesk"
    shutil.copy(oldest, whole)
    total = _writes(_run(0, "boxes", whole, "add", "临时票箱"))
    for at in _points(total):
        target = tmp_path / f"killed-{at}.meetingdesk"
        shutil.copy(oldest, target)
        done = _run(at, "boxes", target, "add", "临时票箱")
        assert done.returncode == -9
        TRIED["kill -9"] += 1
        con = sqlite3.connect(target)  # the raw file first: the old version whole, or the new one
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
        assert version in (before, store.SCHEMA_VERSION)
        session.open_session(target)  # and it opens, upgraded, with its people
        assert store.Person.select().count() == people and store.db.quick_check() == []
        session.close_session()


def test_a_full_disk_during_an_import_keeps_the_session(demo_file, tmp_path):
    from meetingdesk.services import importer, roster

    session.open_session(demo_file)
    teams = [d.name for d in roster.list_delegations()]
    session.close_session()
    csv = tmp_path / "名单.csv"
    _roster_csv(csv, teams)
    before = _content(demo_file)
    session.open_session(demo_file)
    pages = store.database.obj.execute_sql("PRAGMA page_count").fetchone()[0]
    store.database.obj.execute_sql(f"PRAGMA max_page_count = {pages + 2}")
    plan = importer.plan_import(csv)
    with pytest.raises(StorageError) as err:
        importer.apply_import(plan)
    assert err.value.kind == FULL
    session.close_session()
    TRIED["full disk"] += 1
    assert _content(demo_file) == before


def test_a_second_program_cannot_write_while_one_imports(demo_file, tmp_path):
    from tests.conftest import hold

    proc = hold(demo_file)
    try:
        before = _raw(demo_file)
        csv = tmp_path / "名单.csv"
        _roster_csv(csv, ["吴家山街代表团"], rows=5)
        done = _run(0, "import", demo_file, csv)
        assert done.returncode == 1 and "正由计算机" in done.stderr and "Traceback" not in done.stderr
        TRIED["second writer"] += 1
        assert _raw(demo_file) == before
    finally:
        proc.kill()
        proc.wait()


def _raw(path: Path) -> list:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    finally:
        con.close()


def test_a_flipped_byte_anywhere_never_opens_as_a_wrong_text(demo_file, tmp_path):
    """Flip one byte at many places: the file is refused as damaged, or opens whole (a byte in
    free space or the unused part of a page changes nothing the clerk reads) — never a crash."""
    import random

    data = demo_file.read_bytes()
    rng = random.Random(13)
    outcomes = {"refused": 0, "whole": 0}
    for i in range(40):
        at = rng.randrange(100, len(data))
        flipped = bytearray(data)
        flipped[at] ^= 0xFF
        path = tmp_path / f"flip-{i}.meetingdesk"
        path.write_bytes(bytes(flipped))
        try:
            session.open_session(path)
        except ServiceError as exc:
            assert "损坏" in exc.message or "无法" in exc.message or "不是" in exc.message, exc.message
            outcomes["refused"] += 1
            continue
        try:
            from meetingdesk.services import checks

            found = checks.check_session()
            if found and "文件已损坏" in found[0].message:
                outcomes["refused"] += 1  # damaged text, found by check
            else:
                outcomes["whole"] += 1
        finally:
            session.close_session()
    TRIED["flipped byte"] = 40
    assert sum(outcomes.values()) == 40 and outcomes["refused"]


def test_backups_are_taken_before_the_risky_changes(demo_file, tmp_path):
    session.open_session(demo_file)
    text = tally_csv()
    session.close_session()
    csv = tmp_path / "计票.csv"
    csv.write_text(text, encoding="utf-8")
    assert _run(0, "tally", demo_file, csv, "--new", "选举").returncode == 0
    kinds = [b.kind for b in backups.listing(demo_file)]
    assert kinds == [backups.TALLY]


def test_a_damaged_text_in_what_opening_reads_is_refused_as_damaged(demo_file):
    """A member's 身份 whose bytes are no longer UTF-8 (a flipped byte found this): opening says the
    file is damaged and how to restore it, not a database error, and leaves no session open."""
    con = sqlite3.connect(demo_file)
    con.execute("UPDATE member SET role = CAST(x'ffbfbe' AS TEXT) WHERE id = (SELECT MIN(id) FROM member)")
    con.commit()
    con.close()
    with pytest.raises(ServiceError, match="文件已损坏") as raised:
        session.open_session(demo_file)
    assert "恢复备份" in raised.value.message
    assert session.current_path() is None

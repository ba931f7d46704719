"""Opening, creating and migrating session files.

A session file is an SQLite database marked with our application id; its schema
version is SQLite's user_version. Both are read through a read-only connection
before anything is written, so a foreign or newer file is never touched.
"""
from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from .models import ALL_MODELS, SCHEMA_2_MODELS, SCHEMA_3_MODELS, SCHEMA_4_MODELS, SCHEMA_5_MODELS, SCHEMA_7_MODELS, database

APPLICATION_ID = 0x4D44534B  # "MDSK"
SCHEMA_VERSION = 7
SQLITE_MAGIC = b"SQLite format 3\x00"


class SessionFileError(Exception):
    """A file that cannot be opened as a session; the message is for the user."""


# version -> function that upgrades a database from that version to the next one
def _to_2(db: SqliteDatabase) -> None:
    """Schema 2 adds the presidium, the session's officers and the schedule; nothing changes."""
    db.create_tables(SCHEMA_2_MODELS)


def _to_3(db: SqliteDatabase) -> None:
    """Schema 3 adds deadlines, motions and suggestions, elections and nominations."""
    db.create_tables(SCHEMA_3_MODELS)


def _to_4(db: SqliteDatabase) -> None:
    """Schema 4 adds the ballot boxes and the items put to the vote."""
    db.create_tables(SCHEMA_4_MODELS)


def _to_5(db: SqliteDatabase) -> None:
    """Schema 5 adds attendance, earlier sessions' absences, the session's quorum rule and the
    preliminary vote's count."""
    db.execute_sql("ALTER TABLE session ADD COLUMN quorum_rule VARCHAR(255) NOT NULL DEFAULT '超过三分之二'")
    db.create_tables(SCHEMA_5_MODELS)


def _to_6(db: SqliteDatabase) -> None:
    """Schema 6: the session's 选举和表决办法 settings, the 办法's number of candidates and the
    organ of each election, and each poll's 全体代表, time and confirmed result.

    The old rule "补选" meant a by-election of deputies to the higher congress; that is now
    "补选代表", and "补选" is the by-election of officers (正副职、委员)."""
    for table, column, ddl in (
        ("session", "bylaw", "TEXT NOT NULL DEFAULT '{}'"),
        ("election", "candidates", "INTEGER"),
        ("election", "body", "VARCHAR(255) NOT NULL DEFAULT ''"),
        ("poll", "all_delegates", "INTEGER"),
        ("poll", "vote_time", "VARCHAR(255) NOT NULL DEFAULT ''"),
        ("poll", "frozen", "TEXT NOT NULL DEFAULT ''"),
    ):
        # an older file's upgrade created these tables from today's models, columns included
        if column not in {c.name for c in db.get_columns(table)}:
            db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}")
    db.execute_sql("UPDATE election SET rule = '补选代表' WHERE rule = '补选'")


def _to_7(db: SqliteDatabase) -> None:
    """Schema 7 keeps drafts of half-typed forms in the file."""
    db.create_tables(SCHEMA_7_MODELS)


MIGRATIONS: dict[int, Callable[[SqliteDatabase], None]] = {
    1: _to_2, 2: _to_3, 3: _to_4, 4: _to_5, 5: _to_6, 6: _to_7}


def _inspect(path: Path) -> tuple[int, int] | None:
    """(application_id, user_version) of an existing file, None for a new or empty one."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.is_dir():
        raise SessionFileError(f"“{path}”是一个文件夹，不是会议文件。")
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise SessionFileError(f"“{path.name}”不是 MeetingDesk 会议文件（不是 SQLite 数据库）。文件未作任何改动。")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise SessionFileError(f"“{path.name}”无法读取：{exc}。文件未作任何改动。") from exc
    if app_id == 0 and version == 0 and tables == 0:
        return None
    return app_id, version


def check_session_file(path: str | Path) -> tuple[int, int] | None:
    """Raise SessionFileError unless PATH is a new file or a session this program can open.

    Returns (application_id, schema version) of an existing session, None for a new file.
    """
    path = Path(path)
    found = _inspect(path)
    if found is None:
        return None
    app_id, version = found
    if app_id != APPLICATION_ID:
        raise SessionFileError(f"“{path.name}”是 SQLite 数据库，但不是 MeetingDesk 会议文件。文件未作任何改动。")
    if version > SCHEMA_VERSION:
        raise SessionFileError(
            f"“{path.name}”由较新版本的 MeetingDesk 写入（数据格式第 {version} 版，本程序只认识到第 {SCHEMA_VERSION} 版）。"
            "请升级程序后再打开。文件未作任何改动。"
        )
    return found


def init_db(path: str | Path) -> SqliteDatabase:
    """Open (creating if new) the session file at PATH and bind the models to it."""
    path = Path(path)
    found = check_session_file(path)
    if database.obj is not None:
        close_db()
    db = SqliteDatabase(
        str(path),
        # A rollback journal, not WAL: every commit is in the session file itself, so a copy
        # taken in Explorer while the program is open has it; FULL syncs it to the disk before
        # the commit returns, so a power cut cannot take a committed change back (SQLite's
        # documentation: NORMAL in rollback mode is not durable across a power loss).
        pragmas={"journal_mode": "delete", "foreign_keys": 1, "synchronous": "full"},
    )
    database.initialize(db)
    db.connect()
    if found is None:
        with db.atomic():
            db.create_tables(ALL_MODELS)
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    else:
        _migrate(db, path, found[1])
    return db


def _migrate(db: SqliteDatabase, path: Path, version: int) -> None:
    if version >= SCHEMA_VERSION:
        return
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(path, path.with_name(f"{path.name}.v{version}.bak"))
    with db.atomic():
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](db)
            version += 1
            db.execute_sql(f"PRAGMA user_version = {version}")


def close_db() -> None:
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def save_copy(target: str | Path) -> None:
    """Write a consistent copy of the open session to TARGET (SQLite's own backup), first to a
    temporary file beside it, renamed over TARGET only when complete: a full disk or a crash
    leaves the old copy as it was."""
    import os
    import tempfile

    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".meetingdesk.tmp",
                               dir=target.parent if str(target.parent) else ".")
    os.close(fd)
    try:
        src = database.obj.connection()
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask

"""Opening, creating and migrating session files.

A session file is an SQLite database marked with our application id; its schema
version is SQLite's user_version. Both are read through a read-only connection
before anything is written, so a foreign or newer file is never touched.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from . import changelog, server
from .errors import DAMAGED, MESSAGES, SessionFileError, storage_error  # noqa: F401 (SessionFileError is ours to export)

from .models import ALL_MODELS, SCHEMA_2_MODELS, SCHEMA_3_MODELS, SCHEMA_4_MODELS, SCHEMA_5_MODELS, SCHEMA_7_MODELS, SCHEMA_9_MODELS, SCHEMA_10_MODELS, SCHEMA_11_MODELS, SCHEMA_12_MODELS, SCHEMA_13_MODELS, database

APPLICATION_ID = 0x4D44534B  # "MDSK"
SCHEMA_VERSION = 13
SQLITE_MAGIC = b"SQLite format 3\x00"


class DamagedFileError(SessionFileError):
    """A session file SQLite reads as damaged; its backups may still be whole."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"“{path.name}”{MESSAGES[DAMAGED]}（{detail}）")
        self.path = path


class SessionDatabase(SqliteDatabase):
    """SqliteDatabase whose failures a clerk can act on (read-only, busy, disk full, damaged)
    arrive as StorageError with a Chinese message; the transaction they hit is rolled back."""

    # The file as SQLite's quick_check found it whole when it was opened (see _whole_since), None
    # when that is not known (a new or upgraded file, a file in WAL mode, a change on the way).
    whole_at: _WholeAt | None = None

    def _translate(self, call, *args):
        try:
            return call(*args)
        except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
            error = storage_error(exc)
            if error is None:
                raise
            raise error from exc

    # Whether this program's writes are logged (store.changelog): the log's TEMP triggers are made
    # on the connection before its first write, not on opening — making 150 triggers takes 30 ms,
    # which a window that only reads (or a read-only command) need not wait for.
    logs_changes = False
    _log_ready = False

    def _initialize_connection(self, conn) -> None:
        super()._initialize_connection(conn)
        self._log_ready = False  # TEMP triggers belong to the connection

    def prepare_log(self) -> None:
        """Make the log's triggers now (the window calls it when idle, so the first edit is quick)."""
        if self.logs_changes and not self._log_ready:
            changelog.install_sqlite(self)
            self._log_ready = True

    def _before(self, sql: str) -> None:
        if self.logs_changes and not self._log_ready and sql.lstrip().split(None, 1)[0].upper() in _WRITES:
            self.prepare_log()

    def execute_sql(self, sql, params=None):
        self._before(sql)
        return self._translate(super().execute_sql, sql, params)

    def execute_many(self, sql: str, rows) -> None:
        """One statement for many rows (sqlite3's executemany): thousands of rows written without
        peewee building a statement per batch; failures arrive as StorageError as any other."""
        self._before(sql)
        return self._translate(self.connection().executemany, sql, rows)

    def begin(self, lock_type=None):
        return self._translate(super().begin, lock_type)

    def commit(self):
        return self._translate(super().commit)

    def rollback(self):
        # SQLite has already rolled back after a full disk or an I/O error; a second ROLLBACK
        # would fail and hide the error the clerk must be told about.
        conn = self._state.conn
        if conn is not None and not conn.in_transaction:
            return None
        return self._translate(super().rollback)


_WRITES = {"INSERT", "UPDATE", "DELETE", "REPLACE", "WITH"}  # the first word of a statement that may write


# version -> function that upgrades a database from that version to the next one
def _to_2(db: SqliteDatabase) -> None:
    """Schema 2 adds the presidium, the session's officers and the schedule; nothing changes."""
    db.create_tables(SCHEMA_2_MODELS)


def _to_3(db: SqliteDatabase) -> None:
    """Schema 3 adds deadlines, motions and suggestions, elections and nominations."""
    db.create_tables(SCHEMA_3_MODELS)


def _to_4(db: SqliteDatabase) -> None:
    """Schema 4 adds the ballot boxes and the items put to the vote, and whether an election's
    ballot has write-in lines (a column schema 4's model added to the schema-3 election table)."""
    db.create_tables(SCHEMA_4_MODELS)
    if "write_ins" not in {c.name for c in db.get_columns("election")}:
        db.execute_sql("ALTER TABLE election ADD COLUMN write_ins INTEGER NOT NULL DEFAULT 1")


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


def _to_8(db: SqliteDatabase) -> None:
    """Schema 8: mandates over time. A member's start (换届 or 补选: date, constituency, the
    confirming meeting) and the decision that ended it; an office's end (相应终止); a meeting's
    应到 as first taken. A member's delegation may be empty, which SQLite cannot loosen in place:
    the table is rebuilt (foreign keys are off during the migration, see _migrate)."""
    from .models import Member

    for table, column, ddl in (
        ("office", "ended_on", "DATE"),
        ("office", "end_reason", "VARCHAR(255) NOT NULL DEFAULT ''"),
        ("meeting", "expected", "INTEGER"),
    ):
        if column not in {c.name for c in db.get_columns(table)}:
            db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}")
    old = {c.name for c in db.get_columns("member")}
    if "started_on" in old:
        return  # an older file's upgrade created the table from today's model
    table = Member._meta.table_name
    Member._meta.set_table_name("member_new")
    try:
        Member._schema.create_table(safe=False)
    finally:
        Member._meta.set_table_name(table)
    db.execute_sql(
        "INSERT INTO member_new (id, person_id, delegation_id, role, status, ended_on, end_reason,"
        " started_on, start_reason, constituency, confirmed_by, end_decision)"
        " SELECT id, person_id, delegation_id, role, status, ended_on, end_reason, NULL, '', '', '', ''"
        " FROM member")
    db.execute_sql("DROP TABLE member")
    db.execute_sql("ALTER TABLE member_new RENAME TO member")
    Member._schema.create_indexes(safe=True)
    _backfill_expected(db)


def _backfill_expected(db: SqliteDatabase) -> None:
    """A meeting whose attendance was taken before schema 8 gets its 应到 as the older program
    showed it then (serving delegates and those ended after the meeting; a presidium meeting the
    presidium's), so that a later change to the roster for that day is reported by `check`."""
    delegates_that_day = (
        "SELECT count(*) FROM member m WHERE m.role = '代表'"
        " AND (m.status = '在任' OR (m.status = '终止' AND m.ended_on > meeting.date))")
    taken = "EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = meeting.id) AND expected IS NULL"
    db.execute_sql(f"UPDATE meeting SET expected = ({delegates_that_day}) WHERE kind != '主席团会议' AND {taken}")
    db.execute_sql(f"UPDATE meeting SET expected = ({delegates_that_day}"
                   " AND m.id IN (SELECT member_id FROM presidiummember))"
                   f" WHERE kind = '主席团会议' AND {taken}")


def _to_9(db: SqliteDatabase) -> None:
    """Schema 9 keeps settings of the session without a table of their own (the 常委会's wording
    of the 补选 for the 代表变动公告)."""
    db.create_tables(SCHEMA_9_MODELS)


def _to_10(db: SqliteDatabase) -> None:
    """Schema 10 seats the session: the hall, its blocks, who sits where, the 主席台's lists."""
    db.create_tables(SCHEMA_10_MODELS)


def _to_11(db: SqliteDatabase) -> None:
    """Schema 11: the motions an earlier session made that this one carries on (续办议案), the
    secretariat's wording of the 正式候选人名单's groups, the delegations' 预选监票人."""
    db.create_tables(SCHEMA_11_MODELS)


# the unit a reply is given when an older file kept a reply date for an item whose units were
# taken away since (schema 11 allowed it): the reply is kept, under this name, not dropped
UNKNOWN_UNIT = "承办单位未登记"


def _to_12(db: SqliteDatabase) -> None:
    """Schema 12: the suggestions after the session — the session's fields and handling units,
    the suggestions of both periods, each unit's assignment and its replies round by round.

    The handling schema 11 kept on the motion (HandlingUnit rows, Motion.reply_date and .rating)
    moves here, and those go: each unit becomes a Unit of the list and an Assignment; the reply
    date and the rating become round 1 of the lead unit's Reply. A 建议 or a 议案 turned into a
    suggestion is handled as a Suggestion: when the file holds the handling of any, every such
    item of the register is taken over at once (numbered as services.suggestions.take_over
    numbers them); a 大会议案's handling (and that of an item withdrawn or merged since) stays
    with the motion (Assignment.motion)."""
    from .models import Motion

    from meetingdesk.rules import suggestions as rules

    db.create_tables(SCHEMA_12_MODELS)
    tables = set(db.get_tables())
    motion_columns = {c.name for c in db.get_columns("motion")}
    if "handlingunit" not in tables and "reply_date" not in motion_columns:
        return  # an older file's upgrade created the motion table from today's model
    units = db.execute_sql(
        "SELECT motion_id, unit, lead FROM handlingunit ORDER BY motion_id, position, id").fetchall() \
        if "handlingunit" in tables else []
    replies = db.execute_sql(
        "SELECT id, reply_date, rating FROM motion WHERE reply_date IS NOT NULL").fetchall() \
        if "reply_date" in motion_columns else []
    motions = {row[0]: row[1:] for row in db.execute_sql(
        "SELECT id, kind, number, decision, withdrawn_at, merged_into_id FROM motion").fetchall()}

    def eligible(motion_id: int) -> bool:
        kind, _, decision, withdrawn_at, merged_into = motions[motion_id]
        return rules.not_taken_over(kind, decision, withdrawn_at is not None, merged_into is not None) is None

    by_motion: dict[int, list[tuple[str, bool]]] = {}
    for motion_id, unit, lead in units:
        by_motion.setdefault(motion_id, []).append((" ".join(unit.split()) or UNKNOWN_UNIT, bool(lead)))
    for motion_id, _, _ in replies:
        by_motion.setdefault(motion_id, [(UNKNOWN_UNIT, True)])
    suggestion_of: dict[int, int] = {}
    if any(eligible(m) for m in by_motion):
        own = [(m, row[1]) for m, row in motions.items() if row[0] == "建议" and eligible(m)]
        turned = [(m, row[1]) for m, row in motions.items() if row[0] == "议案" and eligible(m)]
        highest = max([row[1] for row in motions.values() if row[0] == "建议"], default=0)
        for motion_id, number in sorted(rules.turned_numbers(own, turned, highest).items(), key=lambda t: t[1]):
            cursor = db.execute_sql("INSERT INTO suggestion (period, number, motion_id, title, screening,"
                                    " returned_reason, \"key\", key_leader, key_committee)"
                                    " VALUES (?, ?, ?, '', '受理', '', 0, '', '')",
                                    (rules.SESSION, number, motion_id))
            suggestion_of[motion_id] = cursor.lastrowid
    unit_ids: dict[str, int] = {}
    lead_assignment: dict[int, tuple[int, str]] = {}
    for motion_id, rows in by_motion.items():
        named: dict[str, bool] = {}  # each unit once, in order (a name repeated once spaces are cut)
        for unit, lead in rows:
            named[unit] = named.get(unit, False) or lead
        # exactly one lead, as schema 11's desk required of any units given
        lead_unit = next((unit for unit, lead in named.items() if lead), next(iter(named)))
        for position, unit in enumerate(named):
            if unit not in unit_ids:
                unit_ids[unit] = db.execute_sql("INSERT INTO unit (name, position) VALUES (?, ?)",
                                                (unit, len(unit_ids) + 1)).lastrowid
            suggestion_id = suggestion_of.get(motion_id)
            cursor = db.execute_sql(
                "INSERT INTO assignment (suggestion_id, motion_id, unit_id, lead, position) VALUES (?, ?, ?, ?, ?)",
                (suggestion_id, None if suggestion_id else motion_id, unit_ids[unit], int(unit == lead_unit),
                 position))
            if unit == lead_unit:
                lead_assignment[motion_id] = (cursor.lastrowid, unit)
    for motion_id, reply_date, rating in replies:
        assignment_id, unit = lead_assignment[motion_id]
        db.execute_sql("INSERT INTO reply (assignment_id, round, unit_name, replied_on, result, text, attachment,"
                       " rating) VALUES (?, 1, ?, ?, '', '', '', ?)", (assignment_id, unit, reply_date, rating or ""))
    if "handlingunit" in tables:
        db.execute_sql("DROP TABLE handlingunit")
    if "reply_date" in motion_columns or "rating" in motion_columns:
        _rebuild(db, Motion)


def _rebuild(db: SqliteDatabase, model) -> None:
    """Re-create MODEL's table from today's model, keeping every row and every column today's
    model still has (SQLite's own procedure for dropping columns; foreign keys are off during a
    migration, and other tables' references name the table, which keeps its name)."""
    table = model._meta.table_name
    keep = [f.column_name for f in model._meta.sorted_fields
            if f.column_name in {c.name for c in db.get_columns(table)}]
    model._meta.set_table_name(f"{table}_new")
    try:
        model._schema.create_table(safe=False)
    finally:
        model._meta.set_table_name(table)
    columns = ", ".join(f'"{c}"' for c in keep)
    db.execute_sql(f'INSERT INTO "{table}_new" ({columns}) SELECT {columns} FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql(f'ALTER TABLE "{table}_new" RENAME TO "{table}"')
    model._schema.create_indexes(safe=True)


def _to_13(db: SqliteDatabase) -> None:
    """Schema 13: the change log (store.changelog), empty: what was written before is not known."""
    db.create_tables(SCHEMA_13_MODELS)


MIGRATIONS: dict[int, Callable[[SqliteDatabase], None]] = {
    1: _to_2, 2: _to_3, 3: _to_4, 4: _to_5, 5: _to_6, 6: _to_7, 7: _to_8, 8: _to_9, 9: _to_10, 10: _to_11,
    11: _to_12, 12: _to_13}


Stamp = tuple[int, int, int, int, int]


def _stamp(path: Path) -> Stamp | None:
    """What changes when anything writes the file: device, inode, size, modification and change
    times (a stat, no file opened: closing a file SQLite holds would drop its locks)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


@dataclass(frozen=True)
class Inspection:
    """What _inspect found of an existing file. STAMP is the file's stamp taken while SQLite's
    quick_check had just found it whole, its read lock still held (no writer came between);
    None when the stamp would not show a change (a file in WAL mode: commits go to the -wal)."""

    app_id: int
    version: int
    stamp: Stamp | None


@dataclass(frozen=True)
class _WholeAt:
    """The open connection's state when the file was last found whole by quick_check: while none
    of it has changed, nothing has written the file since and the check need not run again."""

    connection: sqlite3.Connection
    total_changes: int  # our own writes
    data_version: int  # commits of other connections
    path: Path
    stamp: Stamp  # anything else: DDL, a restored backup, a byte written by another program


def _inspect(path: Path) -> Inspection | None:
    """What an existing file is (application_id, user_version, its stamp when found whole), None
    when there is no file."""
    if not path.exists():
        return None
    if path.is_dir():
        raise SessionFileError(f"“{path}”是一个文件夹，不是会议文件。")
    if path.stat().st_size == 0:
        raise SessionFileError(f"“{path.name}”是空文件（0 字节），不是会议文件。文件未作任何改动。")
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise SessionFileError(f"“{path.name}”不是 MeetingDesk 会议文件（不是 SQLite 数据库）。文件未作任何改动。")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            # one read transaction: the stamp below is of the very file quick_check read
            con.execute("BEGIN")
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            # A damaged page is found here, before anything is closed or written, not later as a
            # crash or a wrong text.
            findings = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()] if app_id == APPLICATION_ID else ["ok"]
            whole = app_id == APPLICATION_ID and con.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
            stamp = _stamp(path) if whole else None
        finally:
            con.close()
    except UnicodeDecodeError as exc:  # the schema's own text is damaged
        raise DamagedFileError(path, str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        if storage_error(exc) is not None and storage_error(exc).kind == DAMAGED:
            raise DamagedFileError(path, str(exc)) from exc
        raise SessionFileError(f"“{path.name}”无法读取：{exc}。文件未作任何改动。") from exc
    if findings != ["ok"]:
        raise DamagedFileError(path, "；".join(findings[:3]))
    if app_id == 0 and version == 0 and tables == 0:
        raise SessionFileError(f"“{path.name}”是一个空的 SQLite 数据库，不是 MeetingDesk 会议文件。文件未作任何改动。")
    return Inspection(app_id, version, stamp)


def check_session_file(path: str | Path) -> tuple[int, int] | None:
    """Raise SessionFileError unless PATH is a new file or a session this program can open.

    Returns (application_id, schema version) of an existing session, None when PATH does not
    exist (a new file). An empty file or an empty database is not taken for a new one: it may be
    a session a failed copy left empty, and writing into it would hide that.
    """
    found = inspect_session_file(path)
    return None if found is None else (found.app_id, found.version)


def inspect_session_file(path: str | Path) -> Inspection | None:
    """check_session_file, with the stamp of the file found whole: init_db takes it, so that a
    file inspected just before it is opened is not read through a second time."""
    path = Path(path)
    found = _inspect(path)
    if found is None:
        return None
    app_id, version = found.app_id, found.version
    if app_id != APPLICATION_ID:
        raise SessionFileError(f"“{path.name}”是 SQLite 数据库，但不是 MeetingDesk 会议文件。文件未作任何改动。")
    if version > SCHEMA_VERSION:
        raise SessionFileError(
            f"“{path.name}”由较新版本的 MeetingDesk 写入（数据格式第 {version} 版，本程序只认识到第 {SCHEMA_VERSION} 版）。"
            "请升级程序后再打开。文件未作任何改动。"
        )
    return found


def init_db(path: str | Path, readonly: bool = False, inspection: Inspection | None = None) -> peewee.Database:
    """Open (creating if new) the session file at PATH and bind the models to it; PATH may be a
    server's address (store.server), a session published there.

    READONLY opens an existing file of the current version without ever writing to it (another
    program holds it); every write is then refused with StorageError(只读). INSPECTION is what
    inspect_session_file found of PATH a moment ago (services.session.open_session inspects the
    file before it closes the session open now): taken as it is while the file's stamp is the
    same, else PATH is inspected again."""
    if server.is_url(path):
        if database.obj is not None:
            close_db()
        db = server.open_server(path, readonly=readonly)
        database.initialize(db)
        return db
    path = Path(path)
    if inspection is None or inspection.stamp is None or _stamp(path) != inspection.stamp:
        inspection = inspect_session_file(path)
    found = None if inspection is None else (inspection.app_id, inspection.version)
    if readonly and found is None:
        raise SessionFileError(f"找不到会议文件“{path}”。")
    if readonly and found[1] < SCHEMA_VERSION:
        raise SessionFileError(
            f"“{path.name}”是较早版本的数据格式（第 {found[1]} 版），需要先以可修改方式打开一次完成升级，"
            "现在不能以只读方式打开。")
    if database.obj is not None:
        close_db()
    if readonly:
        db = SessionDatabase(f"{path.resolve().as_uri()}?mode=ro", uri=True, pragmas={"foreign_keys": 1})
    else:
        db = SessionDatabase(
            str(path),
            # A rollback journal, not WAL: every commit is in the session file itself, so a copy
            # taken in Explorer while the program is open has it; FULL syncs it to the disk before
            # the commit returns, so a power cut cannot take a committed change back (SQLite's
            # documentation: NORMAL in rollback mode is not durable across a power loss).
            pragmas={"journal_mode": "delete", "foreign_keys": 1, "synchronous": "full"},
        )
    database.initialize(db)
    try:
        db.connect()
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        database.initialize(None)
        error = storage_error(exc)
        if error is not None and error.kind == DAMAGED:
            raise DamagedFileError(path, str(exc)) from exc
        raise SessionFileError(f"“{path.name}”无法打开：{error.message if error else exc}") from exc
    if found is None:
        with db.atomic():
            db.create_tables(ALL_MODELS)
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    elif not readonly:
        _migrate(db, path, found[1])
    db.logs_changes = not readonly
    if found is not None and found[1] == SCHEMA_VERSION and inspection.stamp is not None:
        db.whole_at = _whole_since(db, path, inspection.stamp)
    return db


def _whole_since(db: SessionDatabase, path: Path, stamp: Stamp) -> _WholeAt | None:
    """The connection's state now, if the file is still the one the inspection found whole."""
    conn = db.connection()
    with db.atomic():  # one read transaction: no writer between the data version and the stamp
        version = db.execute_sql("PRAGMA data_version").fetchone()[0]
        if _stamp(path) != stamp:
            return None  # written since (another program's commit, a rolled back journal)
    return _WholeAt(conn, conn.total_changes, version, path, stamp)


def _unchanged(db: SessionDatabase) -> bool:
    """Whether nothing has written the open file since it was last found whole (called inside a
    read transaction, so that what is found stays so while the caller reads)."""
    known = db.whole_at
    if known is None:
        return False
    conn = db.connection()
    return (conn is known.connection and conn.total_changes == known.total_changes
            and db.execute_sql("PRAGMA data_version").fetchone()[0] == known.data_version
            and _stamp(known.path) == known.stamp)


def quick_check(read_by_caller: Mapping[str, Collection[str]] | None = None) -> list[str]:
    """SQLite's findings on the open file, [] when it is whole; every text of every table is
    read too, so a text whose bytes were damaged is found here and not on some page later.

    SQLite's own check is left out when it found the file whole on opening and nothing has
    written the file since (a `check` just after opening; the window may check hours later).
    READ_BY_CALLER names columns (table -> columns) the caller reads next, every row of them
    through sqlite3, which decodes each text as strictly as this: they are not read here too,
    and the caller must take a damage error of its own reading as this check would
    (services.checks: it calls quick_check() then, which names what it finds)."""
    db = database.obj
    if not isinstance(db, SqliteDatabase):
        return []  # a server keeps its own pages whole (checksums, WAL); nothing of ours to check
    skip = read_by_caller or {}
    try:
        with db.atomic():  # one read transaction: no writer between what is found and what is read
            if not _unchanged(db):
                rows = [r[0] for r in db.execute_sql("PRAGMA quick_check").fetchall()]
                if rows != ["ok"]:
                    return rows
            conn = db.connection()
            tables = [t for (t,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                columns = "*"
                if table in skip:
                    left = [c for (c,) in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
                            if c not in skip[table]]
                    if not left:
                        continue
                    columns = ", ".join(f'"{c}"' for c in left)
                for _row in conn.execute(f'SELECT {columns} FROM "{table}"'):
                    pass
    except (peewee.DatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        return [str(exc)]  # damaged beyond what quick_check can walk
    return []


def _migrate(db: SqliteDatabase, path: Path, version: int) -> None:
    if version >= SCHEMA_VERSION:
        return
    from . import backups

    backups.snapshot(path, backups.MIGRATE, f"第 {version} 版升级到第 {SCHEMA_VERSION} 版")
    # Rebuilding a table (schema 8) drops it; with foreign keys on, that would delete what refers
    # to it. SQLite's own procedure: keys off outside the transaction, checked before the commit.
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](db)
                version += 1
                db.execute_sql(f"PRAGMA user_version = {version}")
            broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise SessionFileError(f"“{path.name}”升级后有 {len(broken)} 处引用对不上（如表 {broken[0][0]}），"
                                       "升级已撤销，文件保持原样。")
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def is_server() -> bool:
    """Whether the open session is on a server (store.server), not in a file."""
    return isinstance(database.obj, server.ServerDatabase)


def placeholder() -> str:
    """The open database's parameter mark for hand-written SQL: ? (SQLite) or %s (PostgreSQL)."""
    return database.obj.param


def stored_date(value) -> dt.date | None:
    """A DateField's value read by hand-written SQL, made a date as peewee would: SQLite gives
    its ISO text, PostgreSQL a date already."""
    if isinstance(value, str):  # only text is converted: a date (or a test's stand-in for one) as it is
        return dt.date.fromisoformat(value[:10])
    return value


def max_parameters() -> int:
    """How many values one statement may bind on the open database."""
    if is_server():
        return 65535
    return 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999


def change_stamp() -> tuple:
    """What changes with every write to the session, by this program or another desk: compared
    before and after a preview (an import) to refuse writing a plan the session has outrun."""
    if is_server():
        return (database.obj.execute_sql('SELECT max("id") FROM "change_log"').fetchone()[0],)
    con = database.obj.connection()
    return (con.total_changes, database.obj.execute_sql("PRAGMA data_version").fetchone()[0])


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

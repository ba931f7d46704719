"""Copying a whole session between a file and a server: `publish` (file -> empty database) and
`pull` (server -> a new file, the archive). Every table of the models, every row, the ids kept,
in one transaction on the side written: a failure leaves the target as it was (an empty
database, no file)."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import peewee

from . import changelog, server
from .errors import SessionFileError, UserError
from .models import ALL_MODELS

Progress = Callable[[int, int, str], None]  # (tables done, tables, table name)


def _columns(model) -> list[str]:
    return [f.column_name for f in model._meta.sorted_fields]


def _read(db: peewee.Database, model) -> list[tuple]:
    columns = ", ".join(f'"{c}"' for c in _columns(model))
    return db.execute_sql(f'SELECT {columns} FROM "{model._meta.table_name}" ORDER BY "id"').fetchall()


def _for_sqlite(row: tuple) -> tuple:
    """A server's row as peewee writes it to SQLite: dates and times as ISO text, booleans as 0/1."""
    out = []
    for v in row:
        if isinstance(v, bool):
            v = int(v)
        elif isinstance(v, (dt.datetime, dt.date, dt.time)):
            v = str(v)
        elif isinstance(v, memoryview):
            v = bytes(v)
        out.append(v)
    return tuple(out)


def publish(source: peewee.Database, url: str, progress: Progress | None = None) -> int:
    """Copy the session open in SOURCE (a file's database) into the empty database at URL.
    Returns the rows copied. UserError when the database is not empty or cannot be reached."""
    from .db import SCHEMA_VERSION

    address = server.Address.parse(url)
    target = server.ServerDatabase(address)
    try:
        target.connect()
    except server.StorageError as exc:
        raise UserError(f"无法连接{address.describe()}：{exc.message}") from exc
    except peewee.DatabaseError as exc:
        raise UserError(f"无法连接{address.describe()}：{server.first_line(exc)}") from exc
    try:
        if server.user_tables(target):
            raise UserError(f"{address.describe()}不是空数据库（已有数据表），不能发布到这里：已有的内容不会被覆盖。"
                            "请让服务器管理员新建一个空数据库。")
        copied = 0
        with target.atomic():
            with target.bind_ctx(ALL_MODELS):
                target.create_tables(ALL_MODELS)
            server.write_meta(target, SCHEMA_VERSION)
            total = len(ALL_MODELS)
            with source.atomic():  # one read transaction: every table of the same moment
                for i, model in enumerate(ALL_MODELS):
                    if progress:
                        progress(i, total, model._meta.table_name)
                    rows = _read(source, model)
                    if rows:
                        _copy_into_server(target, model, rows)
                    copied += len(rows)
            for model in ALL_MODELS:
                table = model._meta.table_name
                target.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'COALESCE((SELECT MAX("id") FROM "{table}"), 0) + 1, false)')
            changelog.install_server(target)
            changelog.record_event(target, "发布到服务器", f"从会议文件发布，共 {copied} 行")
        if progress:
            progress(total, total, "")
        return copied
    finally:
        target.close()


def _copy_into_server(target: server.ServerDatabase, model, rows: list[tuple]) -> None:
    columns = ", ".join(f'"{c}"' for c in _columns(model))
    booleans = [i for i, f in enumerate(model._meta.sorted_fields) if isinstance(f, peewee.BooleanField)]
    conn = target.connection()
    with conn.cursor() as cur:
        with cur.copy(f'COPY "{model._meta.table_name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                if booleans:
                    row = list(row)
                    for i in booleans:
                        if row[i] is not None:
                            row[i] = bool(row[i])
                copy.write_row(row)


def pull(url: str, path: str | Path, progress: Progress | None = None) -> int:
    """Copy the session at URL into a new session file PATH (refused when PATH exists). Written
    to a temporary file beside PATH and renamed when complete. Returns the rows copied."""
    from .db import APPLICATION_ID, SCHEMA_VERSION

    path = Path(path)
    if path.exists():
        raise UserError(f"“{path}”已经存在，不会被覆盖。请给出一个新的文件名。")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"文件夹“{folder}”不存在。")
    source = server.open_server(url, readonly=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".meetingdesk.tmp", dir=folder)
    os.close(fd)
    copied = 0
    try:
        target = peewee.SqliteDatabase(tmp, pragmas={"journal_mode": "delete", "foreign_keys": 0})
        try:
            with target.bind_ctx(ALL_MODELS):
                target.create_tables(ALL_MODELS)
            total = len(ALL_MODELS)
            with target.atomic(), source.atomic():
                source.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                for i, model in enumerate(ALL_MODELS):
                    if progress:
                        progress(i, total, model._meta.table_name)
                    rows = _read(source, model)
                    columns = _columns(model)
                    marks = ", ".join("?" * len(columns))
                    names = ", ".join(f'"{c}"' for c in columns)
                    target.connection().executemany(
                        f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})',
                        [_for_sqlite(r) for r in rows])
                    copied += len(rows)
                broken = target.execute_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise SessionFileError(f"服务器上的会议有 {len(broken)} 处引用对不上（如表 {broken[0][0]}），没有取回。")
                target.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                target.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
            changelog.record_event(target, "从服务器取回", f"从{source.address.describe()}取回，共 {copied} 行")
        finally:
            target.close()
        os.replace(tmp, path)
    except sqlite3.Error as exc:
        raise UserError(f"无法写入“{path}”：{exc}") from exc
    except OSError as exc:
        raise UserError(f"无法写入“{path}”：{exc.strerror or exc}") from exc
    finally:
        source.close()
        if os.path.exists(tmp):
            os.unlink(tmp)
    if progress:
        progress(len(ALL_MODELS), len(ALL_MODELS), "")
    return copied

"""A session on a PostgreSQL server: several desks at once on the office network.

The same peewee models make the same tables; what SQLite keeps in PRAGMAs (the application id and
the schema version) a server keeps in the table `meetingdesk_meta`. An address is a libpq URL,
`postgresql://user:password@host:port/database`, with the desk's name as `?desk=…` (it is ours, not
libpq's, and taken off before connecting)."""
from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import peewee
from peewee import PostgresqlDatabase

from .errors import SessionFileError, StorageError, UserError

SCHEMES = ("postgresql", "postgres")
META_TABLE = "meetingdesk_meta"
APPLICATION = "MeetingDesk"

# What a clerk is told when the server refuses (psycopg's SQLSTATE classes)
UNREACHABLE = "服务器不可达"
DENIED = "无权限"
CONFLICT = "冲突"
MESSAGES = {
    UNREACHABLE: "连接不上会议服务器（网络中断或服务器未运行），本次修改没有保存。程序会自动重新连接；"
                 "填写的内容仍在窗口中，连接恢复后再保存。",
    DENIED: "本工作台没有这项操作的权限，本次修改没有保存。需要时请秘书处在服务器上调整本台的权限。",
    CONFLICT: "另一工作台同时在修改同一内容，本次修改没有保存。请重试。",
}


def is_url(text: object) -> bool:
    """Whether TEXT names a session on a server rather than a file."""
    return isinstance(text, str) and urlsplit(text).scheme in SCHEMES and "://" in text


@dataclass(frozen=True)
class Address:
    """Where a server session is: what `connect` needs, and what may be shown or remembered."""

    host: str
    port: int | None
    database: str
    user: str
    password: str = ""
    desk: str = ""
    socket_dir: str = ""  # a Unix socket's folder (?host=/path), for a server on this computer

    @classmethod
    def parse(cls, url: str) -> "Address":
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES:
            raise UserError(f"“{url}”不是服务器地址（应以 postgresql:// 开头）。")
        query = dict(parse_qsl(parts.query))
        database = unquote(parts.path.lstrip("/"))
        if not database:
            raise UserError(f"服务器地址“{shown(url)}”没有写数据库名（postgresql://主机/数据库名）。")
        try:
            port = parts.port
        except ValueError as exc:
            raise UserError(f"服务器地址“{shown(url)}”的端口号不对。") from exc
        return cls(host=parts.hostname or "", port=port, database=database,
                   user=unquote(parts.username or "") or getpass.getuser(),
                   password=unquote(parts.password or ""), desk=query.get("desk", ""),
                   socket_dir=query.get("host", ""))

    def url(self, password: bool = True, desk: bool = True) -> str:
        user = quote(self.user, safe="")
        if password and self.password:
            user += ":" + quote(self.password, safe="")
        host = self.host + (f":{self.port}" if self.port else "")
        query = {}
        if self.socket_dir:
            query["host"] = self.socket_dir
        if desk and self.desk:
            query["desk"] = self.desk
        return urlunsplit(("postgresql", f"{user}@{host}", "/" + quote(self.database), urlencode(query), ""))

    def describe(self) -> str:
        """For the title bar and messages: 服务器 host/database (no password)."""
        where = self.host or "本机"
        return f"服务器 {where}{':' + str(self.port) if self.port else ''}/{self.database}"

    def connect_kwargs(self) -> dict:
        kwargs: dict = {"user": self.user, "connect_timeout": 5, "application_name": "MeetingDesk"}
        if self.password:
            kwargs["password"] = self.password
        if self.socket_dir:
            kwargs["host"] = self.socket_dir
        elif self.host:
            kwargs["host"] = self.host
        if self.port:
            kwargs["port"] = self.port
        return kwargs

    def desk_name(self) -> str:
        return self.desk or socket.gethostname()


def shown(url: str) -> str:
    """URL with its password hidden, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def classify(exc: BaseException) -> str | None:
    """The kind of a server error a clerk can act on, None for a programming error."""
    import psycopg

    cause = exc
    while cause is not None and not isinstance(cause, psycopg.Error):
        cause = cause.__cause__ or cause.__context__
    if cause is None:
        return None
    state = getattr(cause, "sqlstate", None) or ""
    if isinstance(cause, psycopg.OperationalError) and (not state or state.startswith("08") or state == "57P01"):
        return UNREACHABLE
    if state == "42501":  # insufficient_privilege
        return DENIED
    if state in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return CONFLICT
    if isinstance(cause, psycopg.InterfaceError) and "closed" in str(cause):
        return UNREACHABLE
    return None


def server_error(exc: BaseException) -> StorageError | None:
    kind = classify(exc)
    if kind is None:
        return None
    return StorageError(kind, MESSAGES[kind] + f"（{first_line(exc)}）")


def first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


class ServerDatabase(PostgresqlDatabase):
    """PostgresqlDatabase whose failures a clerk can act on (the server gone, a right this desk
    lacks, a conflict) arrive as StorageError with a Chinese message. Each connection names its
    desk (`meetingdesk.desk`), which the change log's triggers record."""

    address: Address

    def __init__(self, address: Address, readonly: bool = False) -> None:
        self.address = address
        self.readonly = readonly
        self.dropped_callbacks: list = []  # called after a dead connection was dropped
        super().__init__(address.database, prefer_psycopg3=True, **address.connect_kwargs())

    def _initialize_connection(self, conn) -> None:
        with conn.cursor() as cur:
            cur.execute("SELECT set_config('meetingdesk.desk', %s, false)", (self.address.desk_name(),))
            if self.readonly:
                cur.execute("SET default_transaction_read_only = on")

    def _translate(self, call, *args):
        try:
            return call(*args)
        except (peewee.DatabaseError, peewee.InterfaceError, peewee.OperationalError) as exc:
            error = server_error(exc)
            if error is None:
                raise
            if error.kind == UNREACHABLE:
                self._drop_connection()
            raise error from exc

    def _drop_connection(self) -> None:
        """Forget a dead connection, so that the next statement connects again (autoconnect),
        and tell whoever watches (store.notify.on_dropped: the window's banner)."""
        try:
            if not self.is_closed():
                self.close()
        except Exception:  # noqa: BLE001 - a dead connection may fail to close; it is gone either way
            self._state.reset()
        for callback in list(self.dropped_callbacks):
            callback()

    def execute_sql(self, sql, params=None):
        return self._translate(super().execute_sql, sql, params)

    def execute_many(self, sql: str, rows) -> None:
        """One statement for many rows; SQL uses the backend's placeholder (`param`)."""
        def run():
            with self.connection().cursor() as cur:
                cur.executemany(sql, list(rows))
        return self._translate(run)

    def connect(self, reuse_if_open=False):
        return self._translate(super().connect, reuse_if_open)

    def begin(self, *args):
        return self._translate(super().begin, *args)

    def commit(self):
        return self._translate(super().commit)

    def rollback(self):
        try:
            return super().rollback()
        except (peewee.DatabaseError, peewee.InterfaceError, peewee.OperationalError):
            if self.in_transaction():
                raise
            return None  # the connection is gone; so is the transaction


def read_meta(db: ServerDatabase) -> dict[str, str] | None:
    """The marker table's rows, None when the database has no such table (empty or foreign)."""
    found = db.execute_sql("SELECT to_regclass(%s)", (META_TABLE,)).fetchone()[0]
    if found is None:
        return None
    return dict(db.execute_sql(f'SELECT "key", "value" FROM "{META_TABLE}"').fetchall())


def write_meta(db: ServerDatabase, version: int) -> None:
    db.execute_sql(f'CREATE TABLE IF NOT EXISTS "{META_TABLE}" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)')
    for key, value in (("application", APPLICATION), ("schema_version", str(version))):
        db.execute_sql(f'INSERT INTO "{META_TABLE}" ("key", "value") VALUES (%s, %s) '
                       'ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value"', (key, value))


def user_tables(db: ServerDatabase) -> list[str]:
    return [t for (t,) in db.execute_sql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE'").fetchall()]


def open_server(url: str, readonly: bool = False) -> ServerDatabase:
    """Connect to the session at URL (SessionFileError when it is no session of ours, or newer)."""
    address = Address.parse(url)
    db = ServerDatabase(address, readonly=readonly)
    try:
        db.connect()
        meta = read_meta(db)
    except StorageError as exc:
        db.close()
        raise SessionFileError(f"无法连接{address.describe()}：{exc.message}") from exc
    except peewee.DatabaseError as exc:
        db.close()
        raise SessionFileError(f"无法连接{address.describe()}：{first_line(exc)}") from exc
    if meta is None or meta.get("application") != APPLICATION:
        db.close()
        if meta is None and not user_tables(db):
            raise SessionFileError(f"{address.describe()}是空数据库，还没有会议。"
                                   "请先用“meetingdesk publish 会议文件 地址”把会议发布到服务器。")
        raise SessionFileError(f"{address.describe()}不是 MeetingDesk 的会议数据库。数据库未作任何改动。")
    from .db import SCHEMA_VERSION

    version = int(meta.get("schema_version", "0"))
    if version > SCHEMA_VERSION:
        db.close()
        raise SessionFileError(f"{address.describe()}由较新版本的 MeetingDesk 写入（数据格式第 {version} 版，"
                               f"本程序只认识到第 {SCHEMA_VERSION} 版）。请升级程序后再连接。")
    if version < SCHEMA_VERSION:
        db.close()
        raise SessionFileError(f"{address.describe()}是较早版本的数据格式（第 {version} 版）。"
                               "请用“meetingdesk pull”取回会议文件，升级后再发布。")
    return db

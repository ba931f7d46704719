"""The change log: every write to a session, with desk, user, time and the row before and after.

Written by the database itself (triggers), not by each service, so no write can go unrecorded:
a service's bulk statement, an import, an undo are logged as any edit. On a server the triggers
belong to the tables (PL/pgSQL) and also announce each change to the other desks (NOTIFY); in a
file they are TEMP triggers of this program's connection, made on opening, with the desk and the
user as SQL functions of that connection. The log is append-only: changing or deleting a record
of it is refused by a trigger on both (and, on a server, by the desks' rights).

Drafts (half-typed forms, saved while typing) are not logged: they are not the session's record."""
from __future__ import annotations

import functools
import getpass
import socket

import peewee

from .models import ALL_MODELS, Change, database

TABLE = Change._meta.table_name
CHANNEL = "meetingdesk"  # NOTIFY's channel; the payload is the table's name
NOT_LOGGED = {"draft", TABLE}
INSERT, UPDATE, DELETE, EVENT = "INSERT", "UPDATE", "DELETE", "EVENT"
ACTIONS = {INSERT: "新增", UPDATE: "修改", DELETE: "删除", EVENT: "事件"}
REFUSED = "变更日志只能追加，不能修改或删除。"

_identity: dict[str, str] = {}


def identity() -> tuple[str, str]:
    """(desk, user) a file session records: the computer's and the login's names unless set."""
    machine, login = _machine()
    return (_identity.get("desk") or machine, _identity.get("user") or login)


@functools.cache
def _machine() -> tuple[str, str]:
    """The computer's and the login's names, asked once: the log's triggers ask for every row
    written, and the login's lookup (the password database) was most of the time of marking
    3,000 delegates on the roll."""
    return socket.gethostname(), _login()


def set_identity(desk: str = "", user: str = "") -> None:
    """The desk and user a file session's writes are recorded with (from the settings)."""
    _identity["desk"] = desk
    _identity["user"] = user


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in a stripped environment
        return ""


def logged_models() -> list:
    return [m for m in ALL_MODELS if m._meta.table_name not in NOT_LOGGED]


def _blob_columns(model) -> set[str]:
    return {f.column_name for f in model._meta.sorted_fields if isinstance(f, peewee.BlobField)}


# ------------------------------------------------------------------ SQLite: TEMP triggers


def install_sqlite(db: peewee.SqliteDatabase) -> None:
    """Make this connection log its writes (call after the tables exist: on opening)."""
    conn = db.connection()
    conn.create_function("md_desk", 0, lambda: identity()[0], deterministic=False)
    conn.create_function("md_user", 0, lambda: identity()[1], deterministic=False)
    statements = []
    for model in logged_models():
        table = model._meta.table_name
        columns = [f.column_name for f in model._meta.sorted_fields if f.column_name not in _blob_columns(model)]

        def obj(side: str) -> str:
            return "json_object(" + ", ".join(f"'{c}', {side}.\"{c}\"" for c in columns) + ")"

        same = " AND ".join(f'OLD."{c}" IS NEW."{c}"' for c in columns)
        insert = (f'INSERT INTO "{TABLE}" ("at", "desk", "username", "tbl", "row_id", "action", '
                  f'"before", "after", "note") VALUES (strftime(\'%Y-%m-%d %H:%M:%f\', \'now\', \'localtime\'), '
                  f"md_desk(), md_user(), '{table}', ")
        statements += [
            f'CREATE TEMP TRIGGER IF NOT EXISTS "md_log_{table}_i" AFTER INSERT ON main."{table}" BEGIN '
            f"{insert}NEW.\"id\", '{INSERT}', NULL, {obj('NEW')}, ''); END",
            f'CREATE TEMP TRIGGER IF NOT EXISTS "md_log_{table}_u" AFTER UPDATE ON main."{table}" '
            f"WHEN NOT ({same}) BEGIN "
            f"{insert}NEW.\"id\", '{UPDATE}', {obj('OLD')}, {obj('NEW')}, ''); END",
            f'CREATE TEMP TRIGGER IF NOT EXISTS "md_log_{table}_d" AFTER DELETE ON main."{table}" BEGIN '
            f"{insert}OLD.\"id\", '{DELETE}', {obj('OLD')}, NULL, ''); END",
        ]
    for op in ("UPDATE", "DELETE"):
        statements.append(f'CREATE TEMP TRIGGER IF NOT EXISTS "md_log_append_only_{op.lower()}" BEFORE {op} '
                          f'ON main."{TABLE}" BEGIN SELECT RAISE(ABORT, \'{REFUSED}\'); END')
    for sql in statements:
        conn.execute(sql)


# ------------------------------------------------------------------ PostgreSQL: table triggers

_SERVER_FUNCTIONS = f"""
-- SECURITY DEFINER: the log is written as the session's owner, so a desk needs (and has) no right
-- to write it itself; session_user is still the desk's own login.
CREATE OR REPLACE FUNCTION meetingdesk_log() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE o jsonb; n jsonb;
BEGIN
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD) - 'attachment_data'; END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW) - 'attachment_data'; END IF;
  IF TG_OP = 'UPDATE' AND o = n THEN RETURN NULL; END IF;
  INSERT INTO "{TABLE}" ("at", "desk", "username", "tbl", "row_id", "action", "before", "after", "note")
  VALUES (clock_timestamp()::timestamp, coalesce(current_setting('meetingdesk.desk', true), ''), session_user,
          TG_TABLE_NAME, coalesce((n->>'id')::integer, (o->>'id')::integer), TG_OP, o::text, n::text, '');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION meetingdesk_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
  RETURN NULL;
END $$;

-- Rows written with their id (an import, a redo re-creating what was undone) leave the id's
-- sequence behind; the next row of another desk would take an id already used.
CREATE OR REPLACE FUNCTION meetingdesk_ids() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE seq text := pg_get_serial_sequence(format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), 'id');
        top bigint; at bigint;
BEGIN
  EXECUTE format('SELECT max(id) FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO top;
  EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %s', seq) INTO at;
  IF top > at THEN PERFORM setval(seq, top); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION meetingdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '{REFUSED}' USING ERRCODE = 'insufficient_privilege';
END $$;
"""


def install_server(db: peewee.Database) -> None:
    """The log's, the notices' and the ids' triggers on every table of a server session (at
    publishing). DDL goes to the driver as it is: peewee would take its % for placeholders."""
    statements = [_SERVER_FUNCTIONS]
    for model in ALL_MODELS:
        table = model._meta.table_name
        if table not in NOT_LOGGED:
            statements.append(f'CREATE TRIGGER "md_log" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                              "FOR EACH ROW EXECUTE FUNCTION meetingdesk_log()")
        if table != TABLE:
            statements.append(f'CREATE TRIGGER "md_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                              f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION meetingdesk_notify()')
            statements.append(f'CREATE TRIGGER "md_ids" AFTER INSERT ON "{table}" '
                              "FOR EACH STATEMENT EXECUTE FUNCTION meetingdesk_ids()")
    statements.append(f'CREATE TRIGGER "md_append_only" BEFORE UPDATE OR DELETE ON "{TABLE}" '
                      "FOR EACH ROW EXECUTE FUNCTION meetingdesk_append_only()")
    statements.append(f'CREATE TRIGGER "md_append_only_truncate" BEFORE TRUNCATE ON "{TABLE}" '
                      "FOR EACH STATEMENT EXECUTE FUNCTION meetingdesk_append_only()")
    with db.connection().cursor() as cur:
        for sql in statements:
            cur.execute(sql)


# ------------------------------------------------------------------ both


def record_event(db: peewee.Database | None = None, what: str = "", detail: str = "") -> None:
    """A record of something that is no row's change (published, pulled, a backup restored):
    its NOTE is "WHAT：DETAIL"."""
    db = db or database.obj
    p = db.param
    note = f"{what}：{detail}" if detail else what
    if isinstance(db, peewee.PostgresqlDatabase):
        desk, user = "coalesce(current_setting('meetingdesk.desk', true), '')", "session_user"
        at, params = "clock_timestamp()::timestamp", (note,)
    else:
        desk, user = p, p
        at = "strftime('%Y-%m-%d %H:%M:%f', 'now', 'localtime')"
        params = (*identity(), note)
    db.execute_sql(f'INSERT INTO "{TABLE}" ("at", "desk", "username", "tbl", "row_id", "action", "before", '
                   f'"after", "note") VALUES ({at}, {desk}, {user}, \'\', NULL, \'{EVENT}\', NULL, NULL, {p})',
                   params)

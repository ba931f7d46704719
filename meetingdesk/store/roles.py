"""What each desk may do on a server session, as PostgreSQL roles: the server refuses what a desk
may not write, whatever program it runs; the window only follows what the server says.

Four rights, each a group role of the session's database (`md_<database>_<right>`): 只读 reads;
签到 also records attendance; 计票 also enters and confirms counts; 全部 writes everything. A
desk logs in as a role of its own, member of one group. The change log and the ids' sequences
are written by SECURITY DEFINER triggers, so no desk can write the log itself."""
from __future__ import annotations

from dataclasses import dataclass

import peewee

from meetingdesk.rules.words import Area

from .models import ALL_MODELS

READ, SIGNIN, COUNT, FULL = "read", "signin", "count", "full"
LABELS = {READ: "只读", SIGNIN: "仅签到", COUNT: "仅计票", FULL: "全部权限"}
# What a desk of each right writes, as the window's areas (services.changelog's words) and the
# tables behind them. Drafts: a desk that types keeps its keystrokes.
AREAS = {READ: frozenset(), SIGNIN: frozenset({Area.ATTENDANCE}), COUNT: frozenset({Area.COUNTING}), FULL: None}
TABLES = {
    READ: {},
    SIGNIN: {"attendance": "INSERT, UPDATE, DELETE", "draft": "INSERT, UPDATE, DELETE",
             "meeting": "UPDATE (expected)"},  # the 应到 kept with the first check-in
    COUNT: {t: "INSERT, UPDATE, DELETE" for t in ("poll", "pollelection", "pollcandidate", "pollitem", "sheet",
                                                 "tally", "pollact", "draft")},
}


def group(database: str, right: str) -> str:
    return f"md_{database}_{right}"[:63]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def set_up(db: peewee.Database) -> None:
    """The four group roles of DB's session with their rights (again: harmless)."""
    database = db.database
    tables = [m._meta.table_name for m in ALL_MODELS]
    with db.connection().cursor() as cur:
        for right in (READ, SIGNIN, COUNT, FULL):
            role = group(database, right)
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if cur.fetchone() is None:
                cur.execute(f"CREATE ROLE {_quote(role)} NOLOGIN")
            cur.execute(f"GRANT CONNECT ON DATABASE {_quote(database)} TO {_quote(role)}")
            cur.execute(f"GRANT USAGE ON SCHEMA public TO {_quote(role)}")
            cur.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {_quote(role)}")
            if right == FULL:
                granted = ", ".join(_quote(t) for t in tables if t != "change_log")
                cur.execute(f"GRANT INSERT, UPDATE, DELETE ON {granted} TO {_quote(role)}")
                cur.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_quote(role)}")
                continue
            for table, what in TABLES[right].items():
                cur.execute(f"GRANT {what} ON {_quote(table)} TO {_quote(role)}")
                if "INSERT" in what:
                    cur.execute(f"GRANT USAGE, SELECT ON SEQUENCE {_quote(table + '_id_seq')} TO {_quote(role)}")


def grant(db: peewee.Database, user: str, right: str, password: str | None = None) -> bool:
    """Give USER (a login role, made when new) RIGHT on DB's session, and no other; True when
    the role was made."""
    if right not in LABELS:
        raise ValueError(right)
    set_up(db)
    database = db.database
    made = False
    with db.connection().cursor() as cur:
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,))
        if cur.fetchone() is None:
            cur.execute(f"CREATE ROLE {_quote(user)} LOGIN" + (f" PASSWORD {_literal(password)}" if password else ""))
            made = True
        elif password:
            cur.execute(f"ALTER ROLE {_quote(user)} PASSWORD {_literal(password)}")
        for other in LABELS:
            if other != right:
                cur.execute(f"REVOKE {_quote(group(database, other))} FROM {_quote(user)}")
        cur.execute(f"GRANT {_quote(group(database, right))} TO {_quote(user)}")
    return made


@dataclass(frozen=True)
class Rights:
    """What the connected desk may write: AREAS (None: everything)."""

    right: str
    areas: frozenset[str] | None

    @property
    def label(self) -> str:
        return LABELS[self.right]

    def may_write(self, area: str) -> bool:
        return self.areas is None or area in self.areas


EVERYTHING = Rights(FULL, None)


def rights_of(db: peewee.Database) -> Rights:
    """The connected user's rights, read from the server's grants: the owner or a superuser may do
    everything; a member of one of the groups what it grants; anyone else reads only."""
    cur = db.execute_sql(
        "SELECT rolsuper OR pg_has_role(current_user, (SELECT tableowner FROM pg_tables "
        "WHERE tablename = 'session' AND schemaname = current_schema()), 'MEMBER') FROM pg_roles "
        "WHERE rolname = current_user")
    row = cur.fetchone()
    if row and row[0]:
        return EVERYTHING
    for right in (FULL, COUNT, SIGNIN):
        cur = db.execute_sql("SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = %s",
                             (group(db.database, right),))
        found = cur.fetchone()
        if found and found[0]:
            return Rights(right, AREAS[right])
    return Rights(READ, AREAS[READ])


def listing(db: peewee.Database) -> list[tuple[str, str]]:
    """(user, right) of every login role given a right on DB's session."""
    rows = []
    for right in (FULL, COUNT, SIGNIN, READ):
        cur = db.execute_sql(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = %s ORDER BY m.rolname",
            (group(db.database, right),))
        rows += [(name, right) for (name,) in cur.fetchall()]
    return rows

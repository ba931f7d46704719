"""Reading the change log (store.changelog): who changed what, at which desk, when; before and
after. The log is written by the database; this only reads it, filtered, and says it in words."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from meetingdesk.store import Change
from meetingdesk.store import changelog as log

# The areas of the window (ui.common.page) each table's rows belong to: a change another desk
# announces refreshes the pages that show them. Held to every table by tests/services/test_changelog.py.
SESSION, ROSTER, PRESIDIUM, SCHEDULE = "session", "roster", "presidium", "schedule"
MOTIONS, ELECTIONS, COUNTING, ATTENDANCE, SEATING = "motions", "elections", "counting", "attendance", "seating"

TABLES: dict[str, tuple[str, frozenset[str]]] = {
    # table: (what a clerk calls its rows, the areas it belongs to)
    "session": ("会议信息", frozenset({SESSION})),
    "setting": ("设置", frozenset({SESSION, MOTIONS, ELECTIONS})),
    "person": ("人员", frozenset({ROSTER, PRESIDIUM, ATTENDANCE, SEATING, ELECTIONS, MOTIONS})),
    "delegation": ("代表团", frozenset({ROSTER, ATTENDANCE, SEATING, ELECTIONS})),
    "member": ("名单", frozenset({ROSTER, PRESIDIUM, ATTENDANCE, SEATING, ELECTIONS, MOTIONS, COUNTING})),
    "leader": ("团长、副团长", frozenset({ROSTER})),
    "office": ("职务", frozenset({ROSTER, PRESIDIUM})),
    "presidiummember": ("主席团成员", frozenset({PRESIDIUM, SEATING})),
    "sessionrole": ("大会职务", frozenset({PRESIDIUM, SEATING})),
    "meeting": ("会议日程", frozenset({SCHEDULE, ATTENDANCE, PRESIDIUM, SEATING, COUNTING})),
    "meetingitem": ("日程事项", frozenset({SCHEDULE})),
    "chairgroup": ("执行主席分组", frozenset({PRESIDIUM, SCHEDULE})),
    "chairgroupmember": ("执行主席", frozenset({PRESIDIUM, SCHEDULE})),
    "agendaitem": ("议程", frozenset({SCHEDULE})),
    "adoption": ("通过事项", frozenset({SCHEDULE})),
    "deadline": ("截止时间", frozenset({MOTIONS, ELECTIONS})),
    "motion": ("议案和建议", frozenset({MOTIONS})),
    "motionsigner": ("议案附议人", frozenset({MOTIONS})),
    "election": ("选举", frozenset({ELECTIONS, COUNTING})),
    "nomination": ("提名", frozenset({ELECTIONS})),
    "nominationsigner": ("提名联名人", frozenset({ELECTIONS})),
    "nominee": ("候选人", frozenset({ELECTIONS, COUNTING})),
    "ballotbox": ("票箱", frozenset({COUNTING})),
    "voteitem": ("表决事项", frozenset({COUNTING})),
    "poll": ("投票", frozenset({COUNTING})),
    "pollelection": ("投票的选举", frozenset({COUNTING})),
    "pollcandidate": ("投票的候选人", frozenset({COUNTING})),
    "pollitem": ("投票的表决事项", frozenset({COUNTING})),
    "sheet": ("计票单", frozenset({COUNTING})),
    "tally": ("计票数", frozenset({COUNTING})),
    "pollact": ("计票记录", frozenset({COUNTING})),
    "attendance": ("签到", frozenset({ATTENDANCE})),
    "priorabsence": ("以往缺席", frozenset({ATTENDANCE})),
    "preround": ("预选", frozenset({ELECTIONS})),
    "precandidate": ("预选候选人", frozenset({ELECTIONS})),
    "presheet": ("预选计票单", frozenset({ELECTIONS})),
    "prevote": ("预选票数", frozenset({ELECTIONS})),
    "draft": ("未保存的录入", frozenset()),
    "hall": ("会场", frozenset({SEATING})),
    "block": ("座区", frozenset({SEATING})),
    "seatassignment": ("座位", frozenset({SEATING})),
    "podiumperson": ("主席台", frozenset({SEATING})),
    "carriedmotion": ("续办议案", frozenset({MOTIONS})),
    "nominationgroup": ("候选人名单措辞", frozenset({ELECTIONS})),
    "prescrutineer": ("预选监票人", frozenset({ELECTIONS})),
    "suggestionfield": ("建议领域", frozenset({MOTIONS})),
    "unit": ("承办单位", frozenset({MOTIONS})),
    "suggestion": ("建议办理", frozenset({MOTIONS})),
    "assignment": ("交办", frozenset({MOTIONS})),
    "reply": ("答复", frozenset({MOTIONS})),
    "change_log": ("变更日志", frozenset()),
}

ACTIONS = log.ACTIONS  # INSERT -> 新增 …


def areas_of(tables: set[str] | frozenset[str]) -> frozenset[str]:
    """The window's areas rows of TABLES belong to (an unknown table: every area)."""
    found: set[str] = set()
    for table in tables:
        if table not in TABLES:
            return frozenset({SESSION, ROSTER, PRESIDIUM, SCHEDULE, MOTIONS, ELECTIONS, COUNTING, ATTENDANCE, SEATING})
        found |= TABLES[table][1]
    return frozenset(found)


def table_label(table: str) -> str:
    return TABLES.get(table, (table, None))[0]


@dataclass(frozen=True)
class ChangeRow:
    """One record of the log, as the 日志 page and `meetingdesk log` show it."""

    id: int
    at: dt.datetime
    desk: str
    user: str
    table: str
    row: int | None
    action: str  # INSERT / UPDATE / DELETE / EVENT
    before: dict | None
    after: dict | None
    note: str

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def table_label(self) -> str:
        return table_label(self.table) if self.table else ""

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(column, before, after) of each column that differs; every column for a new or
        deleted row."""
        before, after = self.before or {}, self.after or {}
        keys = list(after) if after else list(before)
        return [(k, before.get(k), after.get(k)) for k in keys
                if k != "id" and (not before or not after or before.get(k) != after.get(k))]

    def summary(self) -> str:
        """One line: 签到 #12：status 未签到→已签到 …"""
        if self.action == log.EVENT:
            return self.note
        parts = []
        for key, old, new in self.changed_fields()[:6]:
            if self.action == log.UPDATE:
                parts.append(f"{key} {_shown(old)}→{_shown(new)}")
            else:
                parts.append(f"{key} {_shown(new if self.action == log.INSERT else old)}")
        more = len(self.changed_fields()) - 6
        return f"{self.table_label} #{self.row}：" + "，".join(parts) + (f"，另 {more} 项" if more > 0 else "")


def _shown(value: object) -> str:
    if value is None or value == "":
        return "（空）"
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def _json(text: str | None) -> dict | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"?": value}


def list_changes(*, desk: str = "", user: str = "", table: str = "", since: dt.datetime | None = None,
                 until: dt.datetime | None = None, row: int | None = None, limit: int | None = 1000,
                 newest_first: bool = True) -> list[ChangeRow]:
    """The log's records matching every filter given, newest first (LIMIT of them, None: all)."""
    query = Change.select(Change.id, Change.at, Change.desk, Change.user, Change.table, Change.row,
                          Change.action, Change.before, Change.after, Change.note)
    if desk:
        query = query.where(Change.desk == desk)
    if user:
        query = query.where(Change.user == user)
    if table:
        query = query.where(Change.table == table)
    if row is not None:
        query = query.where(Change.row == row)
    if since is not None:
        query = query.where(Change.at >= since)
    if until is not None:
        query = query.where(Change.at < until)
    query = query.order_by(Change.id.desc() if newest_first else Change.id)
    if limit is not None:
        query = query.limit(limit)
    return [ChangeRow(i, _at(at), d, u, t, r, a, _json(b), _json(af), n)
            for i, at, d, u, t, r, a, b, af, n in query.tuples()]


def _at(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def count() -> int:
    return Change.select().count()


def desks() -> list[str]:
    """The desks that have written to the session (by name; a name is not a person's)."""
    return sorted({d for (d,) in Change.select(Change.desk).distinct().tuples() if d})


def users() -> list[str]:
    return sorted({u for (u,) in Change.select(Change.user).distinct().tuples() if u})


def last_change_of(table: str, row: int) -> ChangeRow | None:
    """The latest record of ROW of TABLE: who changed it last, and when."""
    found = list_changes(table=table, row=row, limit=1)
    return found[0] if found else None


def newest_id() -> int:
    """The id of the newest record (0 when the log is empty): what a desk has seen up to."""
    value = Change.select(Change.id).order_by(Change.id.desc()).limit(1).scalar()
    return value or 0

"""Reading the change log (store.changelog): who changed what, at which desk, when; before and
after. The log is written by the database; this only reads it, filtered, and says it in words."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property

import peewee

from meetingdesk.rules.words import Area
from meetingdesk.store import (
    BallotBox, Block, ChairGroup, Change, Delegation, Election, Member, Person, PresidiumMember, SuggestionField, Unit,
)
from meetingdesk.store import changelog as log

from .errors import ServiceError

# The areas of the window (ui.common.page) each table's rows belong to: a change another desk
# announces refreshes the pages that show them. Held to every table by tests/services/test_changelog.py.
SESSION, ROSTER, PRESIDIUM, SCHEDULE = Area.SESSION, Area.ROSTER, Area.PRESIDIUM, Area.SCHEDULE
MOTIONS, ELECTIONS, COUNTING, ATTENDANCE, SEATING = (Area.MOTIONS, Area.ELECTIONS, Area.COUNTING, Area.ATTENDANCE,
                                                     Area.SEATING)

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
EVENT_LABEL = "事件"  # what the 类别 column says of a record that is no row's change

# What a clerk calls each column of each logged table, for the 日志 page's details and the
# summaries. Held complete (every column of every logged table) by tests/services/test_changelog.py.
COLUMNS: dict[str, dict[str, str]] = {
    "session": {"city": "市", "region": "行政区", "term": "届次", "number": "会次", "start_date": "开幕日期",
                "end_date": "闭幕日期", "venue": "会址", "statutory_delegates": "法定代表名额",
                "announced_delegates": "公告代表人数", "single_name_first": "同姓单名在前",
                "quorum_rule": "法定人数规则", "bylaw": "选举和表决办法"},
    "setting": {"key": "设置项", "value": "内容"},
    "person": {"name": "姓名", "gender": "性别", "note": "备注", "work_title": "职务"},
    "delegation": {"name": "名称", "position": "顺序", "room": "讨论地点"},
    "member": {"person_id": "人员", "delegation_id": "代表团", "role": "身份", "status": "状态",
               "ended_on": "终止日期", "end_reason": "终止原因", "started_on": "起始日期",
               "start_reason": "产生方式", "constituency": "选区", "confirmed_by": "资格确认",
               "end_decision": "终止决定"},
    "leader": {"delegation_id": "代表团", "member_id": "人员", "title": "团内职务", "position": "顺序"},
    "office": {"person_id": "人员", "body": "机构", "title": "职务", "ended_on": "终止日期", "end_reason": "终止原因"},
    "presidiummember": {"member_id": "人员", "category": "类别", "position": "顺序"},
    "sessionrole": {"kind": "大会职务", "person_id": "人员", "position": "顺序"},
    "meeting": {"date": "日期", "half": "时段", "start": "开始时间", "end": "结束时间", "kind": "会议类型",
                "title": "名称", "place": "地点", "host_id": "主持人", "printed": "列入日程",
                "position": "顺序", "expected": "应到人数"},
    "meetingitem": {"meeting_id": "会议", "text": "事项", "position": "顺序"},
    "chairgroup": {"meeting_id": "会议", "host_id": "主持人", "position": "顺序"},
    "chairgroupmember": {"group_id": "执行主席分组", "presidium_member_id": "主席团成员", "position": "顺序"},
    "agendaitem": {"text": "议程", "position": "顺序"},
    "adoption": {"paper": "事项", "meeting_id": "会议", "verb": "用语"},
    "deadline": {"kind": "类别", "at": "截止时间", "meeting_id": "会议"},
    "motion": {"kind": "类别", "number": "编号", "title": "案由标题", "submitter": "提出者", "lead_id": "领衔代表",
               "received_at": "收到时间", "clerk": "经办人", "reason": "案由", "basis": "案据", "plan": "方案",
               "attachment": "附件", "withdrawn_at": "撤回时间", "withdraw_reason": "撤回理由",
               "decision": "审议结果", "decision_reason": "审议意见", "merged_into_id": "并入"},
    "motionsigner": {"motion_id": "议案", "member_id": "附议人", "position": "顺序"},
    "election": {"office": "职务", "seats": "应选名额", "mode": "选举方式", "rule": "当选规则", "position": "顺序",
                 "fixed_on": "确定候选人日期", "write_ins": "可另选他人", "candidates": "候选人数",
                 "body": "机构"},
    "nomination": {"election_id": "选举", "nominator": "提名方式", "organisation": "提名单位",
                   "received_at": "收到时间", "withdrawn_at": "撤回时间", "note": "备注"},
    "nominationsigner": {"nomination_id": "提名", "member_id": "联名人", "position": "顺序"},
    "nominee": {"nomination_id": "提名", "person_id": "候选人", "position": "顺序", "withdrawn_at": "退出时间",
                "withdraw_reason": "退出理由"},
    "ballotbox": {"name": "名称", "place": "位置", "position": "顺序"},
    "voteitem": {"title": "名称", "kind": "类别", "position": "顺序"},
    "poll": {"kind": "类别", "title": "名称", "meeting_id": "会议", "parent_id": "原投票", "present": "到会人数",
             "created_at": "建立时间", "confirmed_at": "确认时间", "all_delegates": "全体代表",
             "vote_time": "投票时间", "frozen": "确认的结果"},
    "pollelection": {"poll_id": "投票", "election_id": "选举", "seats": "应选名额", "position": "顺序"},
    "pollcandidate": {"poll_election_id": "投票的选举", "person_id": "候选人", "position": "顺序"},
    "pollitem": {"poll_id": "投票", "vote_item_id": "表决事项", "position": "顺序"},
    "sheet": {"poll_id": "投票", "box_id": "票箱", "entry": "遍次", "paper": "票种", "issued": "发出",
              "returned": "收回"},
    "tally": {"poll_id": "投票", "box_id": "票箱", "entry": "遍次", "poll_election_id": "投票的选举",
              "person_id": "候选人", "write_in": "另选人", "poll_item_id": "投票的表决事项", "yes": "赞成",
              "no": "反对", "abstain": "弃权", "void": "无效"},
    "pollact": {"poll_id": "投票", "act": "操作", "reason": "理由", "at": "时间", "detail": "内容"},
    "attendance": {"meeting_id": "会议", "member_id": "人员", "status": "到会情况", "reason": "请假事由",
                   "approver": "批准人", "time": "时间", "source": "方式", "at": "记录时间"},
    "priorabsence": {"person_id": "人员", "session": "会议", "note": "备注"},
    "preround": {"election_id": "选举", "number": "轮次", "places": "确定名额", "created_at": "建立时间",
                 "adopted_at": "确定时间"},
    "precandidate": {"round_id": "预选轮次", "person_id": "候选人", "position": "顺序"},
    "presheet": {"round_id": "预选轮次", "delegation_id": "代表团", "entry": "遍次", "present": "参加人数",
                 "issued": "发出", "returned": "收回", "void": "无效"},
    "prevote": {"sheet_id": "预选计票单", "person_id": "候选人", "yes": "赞成"},
    "hall": {"name": "名称", "podium_rows": "主席台各排座位", "precedence": "尊位", "direction": "排列方向",
             "rotation": "轮换", "rotation_step": "轮换步长", "rotation_start": "轮换起点"},
    "block": {"hall_id": "会场", "name": "名称", "position": "顺序", "band": "前后", "zone": "区域",
              "rows": "各排座位", "numbering": "编号方式", "first_number": "起始座号", "first_row": "起始排号",
              "aisles": "过道"},
    "seatassignment": {"member_id": "人员", "meeting_id": "会议", "block_id": "座区", "row": "排",
                       "column": "列", "pinned": "固定"},
    "podiumperson": {"meeting_id": "会议", "person_id": "人员", "position": "顺序"},
    "carriedmotion": {"title": "标题", "lead": "领衔代表", "term": "届次", "number": "会次", "position": "顺序"},
    "nominationgroup": {"election_id": "选举", "label": "分组", "wording": "措辞"},
    "prescrutineer": {"delegation_id": "代表团", "member_id": "监票人", "position": "顺序"},
    "suggestionfield": {"name": "名称", "position": "顺序"},
    "unit": {"name": "名称", "position": "顺序"},
    "suggestion": {"period": "期间", "number": "编号", "motion_id": "原议案或建议", "title": "标题",
                   "lead_id": "领衔代表", "received_on": "收到日期", "screening": "受理情况",
                   "returned_reason": "退回理由", "field_id": "领域", "key": "重点建议", "key_leader": "督办领导",
                   "key_committee": "督办机构"},
    "assignment": {"suggestion_id": "建议", "motion_id": "议案", "unit_id": "承办单位", "lead": "主办",
                   "due": "答复期限", "assigned_on": "交办日期", "position": "顺序"},
    "reply": {"assignment_id": "交办", "round": "轮次", "unit_name": "承办单位", "due": "答复期限",
              "replied_on": "答复日期", "result": "办理结果", "text": "答复内容", "attachment": "附件",
              "rating": "代表评价", "rated_on": "评价日期", "entered_at": "录入时间"},
}

SUMMARY_FIELDS = 6  # a summary names at most this many columns, then "另 N 项"
SHORT = 30  # a value longer than this is cut in a summary (whole in the details)
CHUNK = 500  # ids asked in one IN (…): well under SQLite's limit of variables


def areas_of(tables: set[str] | frozenset[str]) -> frozenset[str]:
    """The window's areas rows of TABLES belong to (an unknown table: every area)."""
    found: set[str] = set()
    for table in tables:
        if table not in TABLES:
            return frozenset(Area)
        found |= TABLES[table][1]
    return frozenset(found)


def table_label(table: str) -> str:
    return TABLES.get(table, (table, None))[0]


def column_label(table: str, column: str) -> str:
    """What a clerk calls COLUMN of TABLE (the column's own name when the program no longer has it)."""
    if column == "id":
        return "编号"
    return COLUMNS.get(table, {}).get(column, column)


def table_named(text: str) -> str:
    """The table TEXT names, by its label (名单) or its own name (member); a refusal listing the
    labels when none."""
    text = text.strip()
    if text in TABLES and text not in log.NOT_LOGGED:
        return text
    for table, (label, _areas) in TABLES.items():
        if label == text and table not in log.NOT_LOGGED:
            return table
    known = "、".join(label for t, (label, _a) in TABLES.items() if t not in log.NOT_LOGGED)
    raise ServiceError(f"没有名为“{text}”的类别。可用的类别：{known}。")


# ------------------------------------------------------------ the kinds of values, from the models


def _kinds() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(table, column) -> "bool" / "datetime" for values shown otherwise than as stored, and
    (table, column) -> the table a foreign key points at."""
    kinds: dict[tuple[str, str], str] = {}
    targets: dict[tuple[str, str], str] = {}
    for model in log.logged_models():
        table = model._meta.table_name
        for f in model._meta.sorted_fields:
            if isinstance(f, peewee.ForeignKeyField):
                targets[table, f.column_name] = f.rel_model._meta.table_name
            elif isinstance(f, peewee.BooleanField):
                kinds[table, f.column_name] = "bool"
            elif isinstance(f, peewee.DateTimeField):
                kinds[table, f.column_name] = "datetime"
    return kinds, targets


_KINDS, _TARGETS = _kinds()
# Rows named by a column of their own, in the order asked; person_id / member_id name a row by
# the person (the names are looked up for a whole page of records at once: _Names).
_OWN_NAME = ("name", "title", "office", "text", "key", "paper", "label")
_PEOPLE = ("person_id", "member_id", "lead_id", "presidium_member_id")
_VIA = {"presidiummember": (PresidiumMember, PresidiumMember.member, "member"),
        "chairgroup": (ChairGroup, ChairGroup.meeting, "meeting")}


class _Names:
    """The names of the people, delegations, meetings and units a batch of records points at,
    read with one query per kind (and one more of the log itself for people deleted since)."""

    def __init__(self, records: list[tuple]) -> None:
        wanted: dict[str, set[int]] = {}
        for table, row, before, after in records:
            if (table in ("member", "meeting", "person") or table in _VIA) and row is not None:
                wanted.setdefault(table, set()).add(row)
            for side in (before, after):
                for column, value in (side or {}).items():
                    target = _TARGETS.get((table, column))
                    if target is not None and isinstance(value, int):
                        wanted.setdefault(target, set()).add(value)
        self.members: dict[int, int] = {}  # member id -> person id
        self.names: dict[str, dict[int, str]] = {}
        # rows named by what they point at: a 主席团成员 by the member, an 执行主席分组 by its meeting
        self.via: dict[str, dict[int, int]] = {}
        for table, (model, column, target) in _VIA.items():
            if table in wanted:
                self.via[table] = {i: t for i, t in _in_chunks(model.select(model.id, column), model.id, wanted[table])
                                   if t is not None}
                wanted.setdefault(target, set()).update(self.via[table].values())
        if "member" in wanted:
            self.members = self._members(wanted["member"])
            wanted.setdefault("person", set()).update(self.members.values())
        if "person" in wanted:
            self.names["person"] = self._people(wanted["person"])
        for table, model, column in (("delegation", Delegation, Delegation.name), ("unit", Unit, Unit.name),
                                     ("ballotbox", BallotBox, BallotBox.name),
                                     ("election", Election, Election.office),
                                     ("block", Block, Block.name),
                                     ("suggestionfield", SuggestionField, SuggestionField.name)):
            if table in wanted:
                self.names[table] = dict(_in_chunks(model.select(model.id, column), model.id, wanted[table]))
        if "meeting" in wanted:
            from meetingdesk.services import schedule  # only when a record names a meeting

            self.names["meeting"] = {m.meeting_id: m.name for m in schedule.list_meetings()}

    @staticmethod
    def _members(ids: set[int]) -> dict[int, int]:
        found = dict(_in_chunks(Member.select(Member.id, Member.person), Member.id, ids))
        for member_id, side in _logged(ids - set(found), "member"):
            if isinstance(side.get("person_id"), int):
                found.setdefault(member_id, side["person_id"])
        return found

    @staticmethod
    def _people(ids: set[int]) -> dict[int, str]:
        """Names of the people, those deleted since as the log last had them."""
        found = dict(_in_chunks(Person.select(Person.id, Person.name), Person.id, ids))
        for person_id, side in _logged(ids - set(found), "person"):
            if side.get("name"):
                found.setdefault(person_id, side["name"])
        return found

    def person(self, column: str, value: object) -> str:
        if not isinstance(value, int):
            return ""
        if column == "person_id":
            return self.names.get("person", {}).get(value, "")
        person = self.members.get(value)
        return self.names.get("person", {}).get(person, "") if person is not None else ""

    def of(self, table: str, column: str, value: object) -> str:
        """VALUE of a foreign-key COLUMN as a name, "" when not known."""
        target = table if column == "id" else _TARGETS.get((table, column))
        if target is None or not isinstance(value, int):
            return ""
        if target in _VIA:
            value, target = self.via.get(target, {}).get(value), _VIA[target][2]
            if value is None:
                return ""
        if target == "member":
            return self.person("member_id", value)
        return self.names.get(target, {}).get(value, "")


def _in_chunks(query, column, ids: set[int]):
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield from query.where(column.in_(ids[start:start + CHUNK])).tuples()


def _logged(ids: set[int], table: str):
    """(row, JSON) of every record of TABLE's rows IDS, newest first: a row deleted since is
    named as the log last had it."""
    if not ids:
        return
    query = (Change.select(Change.row, Change.before, Change.after).where(Change.table == table)
             .order_by(Change.id.desc()))
    for row, before, after in _in_chunks(query, Change.row, ids):
        side = _json(after) or _json(before) or {}
        yield row, side


# ------------------------------------------------------------ one record


EMPTY = "（空）"  # an edited field that was, or became, empty


@dataclass(frozen=True)
class FieldChange:
    """One column of a record as the details show it: its label, before and after in words."""

    column: str
    label: str
    before: str
    after: str


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
    names: _Names | None = field(default=None, compare=False, repr=False)

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def table_label(self) -> str:
        if self.action == log.EVENT:
            return EVENT_LABEL
        return table_label(self.table) if self.table else ""

    @property
    def at_text(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(column, before, after) of each column that differs; every column for a new or
        deleted row."""
        before, after = self.before or {}, self.after or {}
        keys = list(after) if after else list(before)
        return [(k, before.get(k), after.get(k)) for k in keys
                if k != "id" and (not before or not after or before.get(k) != after.get(k))]

    def fields(self) -> list[FieldChange]:
        """The changed columns in words: labels, names for ids, 是/否, times without the T. An edit
        that fills or clears a field says （空） on that side: a blank would read as "no row"."""
        edit = bool(self.before) and bool(self.after)

        def side(column: str, value: object, present: bool) -> str:
            if not present:
                return ""
            return self.value(column, value) or (EMPTY if edit else "")

        return [FieldChange(k, column_label(self.table, k), side(k, old, bool(self.before)),
                            side(k, new, bool(self.after)))
                for k, old, new in self.changed_fields()]

    def value(self, column: str, value: object) -> str:
        """VALUE of COLUMN as a clerk reads it ("" for nothing)."""
        if value is None or value == "":
            return ""
        kind = _KINDS.get((self.table, column))
        if kind == "bool":
            return "是" if value in (1, True, "1", "true", "t") else "否"
        if kind == "datetime":
            return str(value).replace("T", " ")[:19]
        if (self.table, column) in _TARGETS:
            name = self.names.of(self.table, column, value) if self.names else ""
            return name or f"#{value}"
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    @property
    def subject(self) -> str:
        """What the row is, in a few words: 张三, 第一次全体会议, 议案第3号 …; "#id" when nothing says."""
        return self._subject[0]

    @cached_property
    def _subject(self) -> tuple[str, frozenset[str]]:
        """The subject, and the columns it says already (a new row's summary leaves them out)."""
        side = self.after or self.before or {}
        names = self.names
        if self.table == "meeting" and names and self.row in names.names.get("meeting", {}):
            return names.names["meeting"][self.row], frozenset()
        if self.table == "member" and names:
            name = names.person("member_id", self.row)
            if name:
                return name, frozenset({"person_id"})
        if self.table == "motion" and side.get("number") is not None:
            return f"{side.get('kind', '')}第{side['number']}号 {_short(str(side.get('title', '')))}", frozenset(
                {"kind", "number", "title"})
        if self.table == "suggestion" and side.get("number") is not None:
            return f"{side.get('period', '')}第{side['number']}号", frozenset({"period", "number"})
        if self.table == "session":
            return "", frozenset()
        if self.table in _VIA and names:
            name = names.of(self.table, "id", self.row)
            if name:
                return name, frozenset({_VIA[self.table][1].column_name})
        for column in _PEOPLE:
            name = names.of(self.table, column, side.get(column)) if names else ""
            if name:
                where = names.of(self.table, "meeting_id", side.get("meeting_id"))
                if where:
                    return f"{name}（{where}）", frozenset({column, "meeting_id"})
                return name, frozenset({column})
        if self.table == "meeting" and side.get("kind"):
            return f"{side.get('date', '')} {side.get('half', '')}{side.get('title') or side['kind']}", frozenset()
        for column in _OWN_NAME:
            if side.get(column):
                return _short(str(side[column])), frozenset({column})
        return (f"#{self.row}" if self.row is not None else ""), frozenset()

    def summary(self) -> str:
        """One line, the 类别 and 操作 aside: 张三（第一次全体会议）：到会情况 未签到→已签到 …"""
        return self._summary

    @cached_property
    def _summary(self) -> str:
        if self.action == log.EVENT:
            return self.note
        subject, said = self._subject
        table, value = self.table, self.value
        if self.action == log.UPDATE:
            shown = self.changed_fields()
            parts = [f"{column_label(table, k)} {_short(value(k, old)) or EMPTY}→{_short(value(k, new)) or EMPTY}"
                     for k, old, new in shown[:SUMMARY_FIELDS]]
        else:
            # a new or deleted row: its filled columns only, the value read once (5,000 a listing)
            side = self.after or self.before or {}
            shown = [k for k, v in side.items() if v is not None and v != "" and k != "id" and k not in said]
            parts = [f"{column_label(table, k)} {_short(value(k, side[k]))}" for k in shown[:SUMMARY_FIELDS]]
        more = len(shown) - SUMMARY_FIELDS
        text = "，".join(parts) + (f"，另 {more} 项" if more > 0 else "")
        if self.note:
            text += f"（{self.note}）"
        return f"{subject}：{text}" if subject and text else subject or text

    def search_text(self) -> str:
        """What the text filter looks in."""
        return "\n".join((self.summary(), self.note, self.desk, self.user)).lower()


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"


def _json(text: str | None) -> dict | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"?": value}


# ------------------------------------------------------------ reading


def _query(*, desk: str = "", user: str = "", table: str = "", since: dt.datetime | None = None,
           until: dt.datetime | None = None, row: int | None = None, action: str = ""):
    query = Change.select(Change.id, Change.at, Change.desk, Change.user, Change.table, Change.row,
                          Change.action, Change.before, Change.after, Change.note)
    if desk:
        query = query.where(Change.desk == desk)
    if user:
        query = query.where(Change.user == user)
    if table:
        query = query.where(Change.table == table)
    if action:
        query = query.where(Change.action == action)
    if row is not None:
        query = query.where(Change.row == row)
    if since is not None:
        query = query.where(Change.at >= since)
    if until is not None:
        query = query.where(Change.at < until)
    return query


def _rows(records: list[tuple]) -> list[ChangeRow]:
    parsed = [(i, _at(at), d, u, t, r, a, _json(b), _json(af), n) for i, at, d, u, t, r, a, b, af, n in records]
    names = _Names([(t, r, b, af) for _i, _at_, _d, _u, t, r, _a, b, af, _n in parsed])
    return [ChangeRow(*p, names=names) for p in parsed]


def list_changes(*, desk: str = "", user: str = "", table: str = "", since: dt.datetime | None = None,
                 until: dt.datetime | None = None, row: int | None = None, action: str = "", text: str = "",
                 older_than: int | None = None, limit: int | None = 1000,
                 newest_first: bool = True) -> list[ChangeRow]:
    """The log's records matching every filter given, newest first (LIMIT of them, None: all).

    TEXT is looked for in what the page shows of a record (its summary with the names, the note,
    desk, user); OLDER_THAN (an id) gives the page after one ending there, newest first. Names
    are read once per batch of records, never per record."""
    query = _query(desk=desk, user=user, table=table, since=since, until=until, row=row, action=action)
    order = Change.id.desc() if newest_first else Change.id
    if older_than is not None:
        query = query.where(Change.id < older_than)
    if not text.strip():
        query = query.order_by(order)
        if limit is not None:
            query = query.limit(limit)
        return _rows(list(query.tuples()))
    # The names a summary holds are not in the table: read in batches until LIMIT are found.
    wanted = text.strip().lower()
    found: list[ChangeRow] = []
    last: int | None = None
    batch = 2000
    while limit is None or len(found) < limit:
        page = query
        if last is not None:
            page = page.where(Change.id < last if newest_first else Change.id > last)
        records = list(page.order_by(order).limit(batch).tuples())
        if not records:
            break
        found += [r for r in _rows(records) if wanted in r.search_text()]
        last = records[-1][0]
    return found if limit is None else found[:limit]


def count_changes(*, desk: str = "", user: str = "", table: str = "", since: dt.datetime | None = None,
                  until: dt.datetime | None = None, action: str = "") -> int:
    """How many records the filters (without a text) match."""
    return _query(desk=desk, user=user, table=table, since=since, until=until, action=action).count()


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


def tables() -> list[tuple[str, str]]:
    """(table, label) of the tables the log has records of, in the order of TABLES."""
    present = {t for (t,) in Change.select(Change.table).distinct().tuples() if t}
    return [(t, label) for t, (label, _areas) in TABLES.items() if t in present]


def last_change_of(table: str, row: int) -> ChangeRow | None:
    """The latest record of ROW of TABLE: who changed it last, and when."""
    found = list_changes(table=table, row=row, limit=1)
    return found[0] if found else None


def newest_id() -> int:
    """The id of the newest record (0 when the log is empty): what a desk has seen up to."""
    value = Change.select(Change.id).order_by(Change.id.desc()).limit(1).scalar()
    return value or 0

"""Suggestions (建议) after the session: taken over from the motion register or registered between
sessions, screened, put in a field, marked 重点, handed to units of the session's list, answered
round by round and rated by the delegate; and the figures of the 办理情况报告.

The only writer of SuggestionField, Unit, Suggestion, Assignment and Reply (services.motions hands
its 交办和答复 to `set_motion_handling` here). Nothing of a unit's replies is ever written over: a
reply rated 不满意 opens the next round, whose reply is a row of its own. Every write is one
transaction; the writes the window undoes return, or have beside them, what undoes them
(`assignments_state` / `restore_assignments`, `remove_reply` / `restore_reply`, `reply_state` /
`restore_rating`, `state` / `restore`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from peewee import JOIN, ForeignKeyField, fn

from meetingdesk import store
from meetingdesk.rules import mandates
from meetingdesk.rules import people as people_rules
from meetingdesk.rules import suggestions as rules
from meetingdesk.rules.suggestions import (
    BETWEEN, FIELDS, PERIODS, RATINGS, RESULTS, SESSION, STATES, FieldShare, Ratings, number_words, percent,
)
from meetingdesk.rules.motions import register_no
from meetingdesk.rules.words import Role
from meetingdesk.store import (
    Assignment, Delegation, Member, Motion, Person, Reply, Setting, Suggestion, SuggestionField, Unit,
)

from . import attachments, conflicts
from .errors import ServiceError

__all__ = [
    "PERIODS", "RESULTS", "RATINGS", "STATES", "FIELDS", "FieldShare", "Ratings", "number_words", "percent",
    "FieldRow", "UnitRow", "ReplyRow", "AssignmentRow", "SuggestionRow", "SuggestionInput", "ReplyInput",
    "DueDefaults", "Overdue", "Unrated", "PeriodStats", "SuggestionStats",
    "SuggestionsState", "AssignmentsState", "ReplyState", "RatingState",
    "list_fields", "add_field", "rename_field", "remove_field",
    "list_units", "add_unit", "rename_unit", "remove_unit",
    "due_defaults", "set_due_defaults",
    "take_over", "register_between", "update_suggestion", "screen", "set_field", "set_key",
    "state", "restore",
    "assign", "assignments_state", "restore_assignments", "reopen",
    "record_reply", "remove_reply", "restore_reply", "rate", "reply_state", "restore_rating",
    "save_reply_attachment",
    "list_suggestions", "get_suggestion", "overdue", "unrated", "stats",
    "motion_assignments", "set_motion_handling",
]

MAX_NAME = 100
# a suggestion's own row, in the order `_rows` reads it and `state` / `restore` keep it
_SUGGESTION_COLUMNS = ("id", "period", "number", "motion", "title", "lead", "received_on", "screening",
                       "returned_reason", "field", "key", "key_leader", "key_committee")
MAX_TEXT = 20000
SETTING_PREFIX = "suggestions."


# ---------------------------------------------------------------- rows


@dataclass(frozen=True)
class FieldRow:
    field_id: int
    name: str
    position: int
    used: int  # suggestions in it


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    name: str
    position: int
    assigned: int  # assignments it holds (suggestions and 大会议案)


@dataclass(frozen=True)
class ReplyRow:
    """One round's reply of one unit, as it was given (never written over)."""

    reply_id: int
    assignment_id: int
    round: int
    unit: str  # the unit's name when it replied
    due: dt.date | None  # the due date that round had
    replied_on: dt.date
    result: str
    text: str
    attachment: str
    rating: str
    rated_on: dt.date | None
    entered_at: dt.datetime | None

    @property
    def late(self) -> bool:
        return rules.late(self.due, self.replied_on)


@dataclass(frozen=True)
class AssignmentRow:
    """A unit's part: 主办 or 协办, the open round's due date, every reply so far."""

    assignment_id: int
    suggestion_id: int | None
    motion_id: int | None  # a 大会议案's handling (no suggestion)
    unit_id: int
    unit: str  # its name now
    lead: bool
    due: dt.date | None
    assigned_on: dt.date | None
    replies: tuple[ReplyRow, ...] = ()

    @property
    def role(self) -> str:
        return rules.LEAD if self.lead else rules.ASSIST

    @property
    def round(self) -> int:
        """The round open now (a reply rated 不满意 opens the next)."""
        return rules.current_round([r.rating for r in self.replies])

    @property
    def answered(self) -> bool:
        """Whether the round open now has its reply."""
        return rules.answered([r.rating for r in self.replies])

    @property
    def latest(self) -> ReplyRow | None:
        return self.replies[-1] if self.replies else None

    def overdue_on(self, today: dt.date) -> bool:
        return not self.answered and rules.overdue(self.due, None, today)

    def days_overdue(self, today: dt.date) -> int:
        return (today - self.due).days if self.overdue_on(today) else 0


@dataclass(frozen=True)
class SuggestionRow:
    suggestion_id: int
    period: str
    number: int
    motion_id: int | None
    source: str  # the register's number of the item it came from: 建议第3号 / 议案原案第2号; "" between sessions
    title: str
    submitter: str  # 代表联名, or the body that submitted a motion turned into a suggestion
    lead_member_id: int | None
    lead_name: str
    lead_gender: str
    lead_delegation: str
    lead_serving: bool  # now; the suggestion stands whatever became of the mandate since
    received_on: dt.date | None
    screening: str
    returned_reason: str
    field_id: int | None
    field: str
    key: bool
    key_leader: str
    key_committee: str
    assignments: tuple[AssignmentRow, ...] = ()
    state: str = rules.UNASSIGNED

    @property
    def number_words(self) -> str:
        """建议第12号 / 闭会第3号"""
        return number_words(self.period, self.number)

    @property
    def lead_display(self) -> str:
        return people_rules.display_name(self.lead_name, self.lead_gender)

    @property
    def lead_assignment(self) -> AssignmentRow | None:
        return next((a for a in self.assignments if a.lead), None)

    @property
    def replied(self) -> bool:
        """办复: the lead unit has answered the delegate (in some round)."""
        lead = self.lead_assignment
        return lead is not None and bool(lead.replies)

    @property
    def rating(self) -> str:
        """The delegate's rating of the lead unit's latest reply, "" when not rated (yet)."""
        lead = self.lead_assignment
        return lead.replies[-1].rating if lead is not None and lead.replies else ""

    @property
    def returned(self) -> bool:
        return self.screening == rules.RETURNED


@dataclass(frozen=True)
class SuggestionInput:
    """A suggestion made between sessions (闭会期间), as the clerk registers it."""

    title: str
    lead_member_id: int | None
    received_on: dt.date | None
    field_id: int | None = None


@dataclass(frozen=True)
class ReplyInput:
    replied_on: dt.date | None
    result: str = ""
    text: str = ""
    attachment: str = ""  # a path to a file to keep with the reply, or ""


@dataclass(frozen=True)
class DueDefaults:
    """When replies are due, per period and role: a date (seed 001: 协办 by 6/30, 主办 by 7/31) or
    a number of days after the assignment; how long a 不满意 reply's redo takes; after how many
    days an unrated reply is followed up."""

    session_lead: dt.date | int = rules.DEFAULT_DAYS[rules.LEAD]
    session_assist: dt.date | int = rules.DEFAULT_DAYS[rules.ASSIST]
    between_lead: dt.date | int = rules.DEFAULT_DAYS[rules.LEAD]
    between_assist: dt.date | int = rules.DEFAULT_DAYS[rules.ASSIST]
    redo_days: int = rules.REDO_DAYS
    unrated_days: int = rules.UNRATED_DAYS

    def due(self, period: str, lead: bool, assigned_on: dt.date) -> dt.date:
        """The due date of a unit's part assigned on ASSIGNED_ON (rules.due_from over these settings)."""
        return rules.due_from(self.rule(period, lead), rules.LEAD if lead else rules.ASSIST, assigned_on)

    def redo_due(self, rated_on: dt.date) -> dt.date:
        """When a reply rated 不满意 on RATED_ON is due again, unless the clerk sets another day."""
        return rated_on + dt.timedelta(days=self.redo_days)

    def rule(self, period: str, lead: bool) -> dt.date | int:
        if period == BETWEEN:
            return self.between_lead if lead else self.between_assist
        return self.session_lead if lead else self.session_assist


class Overdue(NamedTuple):
    """A unit's reply not in by its due date."""

    label: str  # 建议第3号 / 闭会第1号 / 议案原案第1号
    title: str
    suggestion_id: int | None
    motion_id: int | None
    assignment: AssignmentRow
    days: int


class Unrated(NamedTuple):
    """A lead unit's reply the delegate has not rated this many days after it came."""

    label: str
    title: str
    suggestion_id: int | None
    motion_id: int | None
    assignment: AssignmentRow
    reply: ReplyRow
    days: int


@dataclass(frozen=True)
class PeriodStats:
    """The figures of one period (or of both: PERIOD 全部) for the 办理情况报告."""

    period: str
    total: int  # suggestions accepted (退回修改 ones are not counted until accepted)
    from_motions: int  # of them, 议案 the review turned into suggestions
    key: int  # 重点建议
    key_numbers: tuple[int, ...]
    fields: tuple[FieldShare, ...]  # the list's order, 未分类 last; shares of TOTAL
    units: int  # handling units with a part in them
    assigned: int
    replied: int  # 办复: the lead unit answered
    ratings: Ratings
    returned: int  # 退回修改, waiting to be rewritten

    @property
    def replied_rate(self) -> str:
        """办复率 (seed 002: 100%), on the suggestions of the period."""
        return percent(self.replied, self.total)


@dataclass(frozen=True)
class SuggestionStats:
    today: dt.date
    motions: int  # the session's 大会议案 (列为大会议案, not merged, not withdrawn)
    session: PeriodStats
    between: PeriodStats
    all: PeriodStats


# ---------------------------------------------------------------- settings


_DUE_KEYS = {"session_lead": "会议期间主办", "session_assist": "会议期间协办", "between_lead": "闭会期间主办",
             "between_assist": "闭会期间协办", "redo_days": "重新办理天数", "unrated_days": "评价催办天数"}


def _setting_key(name: str) -> str:
    return f"{SETTING_PREFIX}{name}"


def _parse_rule(text: str) -> dt.date | int | None:
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def due_defaults() -> DueDefaults:
    """The session's settings, the program's defaults where none is set."""
    stored = {row.key: row.value for row in Setting.select().where(Setting.key.startswith(SETTING_PREFIX))}
    values = {}
    for name in _DUE_KEYS:
        found = _parse_rule(stored.get(_setting_key(name), ""))
        if found is not None and (not name.endswith("_days") or isinstance(found, int)):
            values[name] = found
    return DueDefaults(**values)


def set_due_defaults(data: DueDefaults) -> None:
    """Keep DATA as the session's settings (the defaults are written too, so the file says what
    it was handled by)."""
    for name, words in _DUE_KEYS.items():
        value = getattr(data, name)
        if isinstance(value, bool) or not isinstance(value, (int, dt.date)):
            raise ServiceError(f"{words}须是日期或天数。", name)
        if isinstance(value, int) and not 1 <= value <= 3660:
            raise ServiceError(f"{words}的天数须在 1 至 3660 之间。", name)
        if name.endswith("_days") and not isinstance(value, int):
            raise ServiceError(f"{words}须是天数。", name)
    with store.database.atomic():
        for name in _DUE_KEYS:
            value = getattr(data, name)
            text = value.isoformat() if isinstance(value, dt.date) else str(value)
            Setting.insert(key=_setting_key(name), value=text).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: text}).execute()


# ---------------------------------------------------------------- the session's lists


def _clean_name(name: str, what: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise ServiceError(f"请填写{what}名称。", "name")
    if len(cleaned) > MAX_NAME:
        raise ServiceError(f"{what}名称过长（{len(cleaned)} 字，最多 {MAX_NAME} 字）。", "name")
    return cleaned


def list_fields() -> list[FieldRow]:
    """The session's fields in their order, with how many suggestions each holds."""
    used = dict(Suggestion.select(Suggestion.field, fn.COUNT(Suggestion.id))
                .where(Suggestion.field.is_null(False)).group_by(Suggestion.field).tuples())
    return [FieldRow(f.id, f.name, f.position, used.get(f.id, 0))
            for f in SuggestionField.select().order_by(SuggestionField.position, SuggestionField.id)]


def _add_named(model, what: str, name: str, row_id: int | None, position: int | None) -> int:
    """A new row of a named list (SuggestionField, Unit) at the end, or at POSITION; ROW_ID gives an
    undone one its id back. A name already on the list is refused."""
    name = _clean_name(name, what)
    with store.database.atomic():
        if model.select().where(model.name == name).exists():
            raise ServiceError(f"{what}“{name}”已在名单中。", "name")
        if position is None:
            position = (model.select(fn.MAX(model.position)).scalar() or 0) + 1
        if row_id is not None and model.get_or_none(id=row_id) is None:
            return model.insert(id=row_id, name=name, position=position).execute()
        return model.create(name=name, position=position).id


def _rename_named(model, what: str, row_id: int, name: str) -> None:
    name = _clean_name(name, what)
    with store.database.atomic():
        if model.get_or_none(id=row_id) is None:
            raise ServiceError(f"该{what}已不在名单中。")
        if model.select().where((model.name == name) & (model.id != row_id)).exists():
            raise ServiceError(f"{what}“{name}”已在名单中。", "name")
        model.update(name=name).where(model.id == row_id).execute()


def add_field(name: str, *, field_id: int | None = None, position: int | None = None) -> int:
    """Add a field at the end of the list (or at POSITION; FIELD_ID gives an undone one its id back)."""
    return _add_named(SuggestionField, "领域", name, field_id, position)


def rename_field(field_id: int, name: str) -> None:
    _rename_named(SuggestionField, "领域", field_id, name)


def remove_field(field_id: int) -> None:
    """Take a field off the list; refused while a suggestion is in it."""
    with store.database.atomic():
        row = SuggestionField.get_or_none(id=field_id)
        if row is None:
            raise ServiceError("该领域已不在名单中。")
        used = Suggestion.select().where(Suggestion.field == field_id).count()
        if used:
            raise ServiceError(f"领域“{row.name}”下有 {used} 件建议，不能删除；请先把它们改到其他领域。")
        row.delete_instance()


def list_units() -> list[UnitRow]:
    """The session's handling units in their order, with how many assignments each holds."""
    assigned = dict(Assignment.select(Assignment.unit, fn.COUNT(Assignment.id)).group_by(Assignment.unit).tuples())
    return [UnitRow(u.id, u.name, u.position, assigned.get(u.id, 0))
            for u in Unit.select().order_by(Unit.position, Unit.id)]


def add_unit(name: str, *, unit_id: int | None = None, position: int | None = None) -> int:
    """Add a unit at the end of the list (or at POSITION; UNIT_ID gives an undone one its id back)."""
    return _add_named(Unit, "承办单位", name, unit_id, position)


def rename_unit(unit_id: int, name: str) -> None:
    """A unit's new name (机构改革): its assignments follow it; replies keep the name they came under."""
    _rename_named(Unit, "承办单位", unit_id, name)


def remove_unit(unit_id: int) -> None:
    """Take a unit off the list; refused while it has anything assigned."""
    with store.database.atomic():
        row = Unit.get_or_none(id=unit_id)
        if row is None:
            raise ServiceError("该承办单位已不在名单中。")
        held = Assignment.select().where(Assignment.unit == unit_id).count()
        if held:
            raise ServiceError(f"承办单位“{row.name}”已承办 {held} 件，不能删除。")
        row.delete_instance()


def _unit_id(unit_id: int | None, what: str, field_name: str) -> int:
    if unit_id is None:
        raise ServiceError(f"请选择{what}。", field_name)
    if Unit.get_or_none(id=unit_id) is None:
        raise ServiceError(f"所选{what}已不在承办单位名单中。", field_name)
    return unit_id


def _unit_by_name(name: str) -> int:
    """The list's unit of that name, added to the list when it is not there (the motion desk's
    dialog lets the clerk type one)."""
    name = _clean_name(name, "承办单位")
    found = Unit.get_or_none(Unit.name == name)
    return found.id if found is not None else add_unit(name)


# ---------------------------------------------------------------- reading


def _replies(where=None) -> dict[int, list[ReplyRow]]:
    # plain tuples, not model instances: thousands of rows at NPC scale
    query = (Reply.select(Reply.id, Reply.assignment, Reply.round, Reply.unit_name, Reply.due, Reply.replied_on,
                          Reply.result, Reply.text, Reply.attachment, Reply.rating, Reply.rated_on, Reply.entered_at)
             .order_by(Reply.assignment, Reply.round))
    if where is not None:
        query = query.where(where)
    found: dict[int, list[ReplyRow]] = {}
    for row in query.tuples():
        found.setdefault(row[1], []).append(ReplyRow(*row))
    return found


def _assignments(where=None) -> list[AssignmentRow]:
    """Assignments (WHERE on Assignment) with their replies, lead first then in order."""
    query = (Assignment.select(Assignment.id, Assignment.suggestion, Assignment.motion, Assignment.unit, Unit.name,
                               Assignment.lead, Assignment.due, Assignment.assigned_on).join(Unit)
             .order_by(Assignment.lead.desc(), Assignment.position, Assignment.id))
    if where is not None:
        query = query.where(where)
    rows = list(query.tuples())
    # a subquery, not a list of ids: thousands of suggestions (NPC scale) would pass SQLite's limit
    replies = _replies(Reply.assignment.in_(Assignment.select(Assignment.id).where(where))) \
        if where is not None else _replies()
    return [AssignmentRow(aid, sid, mid, uid, name, lead, due, assigned_on, tuple(replies.get(aid, ())))
            for aid, sid, mid, uid, name, lead, due, assigned_on in rows]


def _members(ids: set[int]) -> dict[int, tuple[str, str, str, bool]]:
    """member id -> (name, gender, delegation, serving now)"""
    if not ids:
        return {}
    found = {}
    ids = sorted(ids)
    for start in range(0, len(ids), 500):  # within SQLite's limit of variables on any version
        query = (Member.select(Member.id, Person.name, Person.gender, Delegation.name, Member.status)
                 .join(Person).switch(Member).join(Delegation, JOIN.LEFT_OUTER)
                 .where(Member.id.in_(ids[start:start + 500])))
        found.update({mid: (name, gender, team or "", status == store.STATUS_SERVING)
                      for mid, name, gender, team, status in query.tuples()})
    return found


def _rows(where=None, today: dt.date | None = None) -> list[SuggestionRow]:
    today = today or dt.date.today()
    columns = [getattr(Suggestion, c) for c in _SUGGESTION_COLUMNS]
    query = Suggestion.select(*columns).order_by(Suggestion.period == BETWEEN, Suggestion.number)
    if where is not None:
        query = query.where(where)
    found = list(query.tuples())
    chosen = Suggestion.select(Suggestion.id)
    if where is not None:
        chosen = chosen.where(where)
    motions = {row[0]: row[1:] for row in Motion.select(
        Motion.id, Motion.kind, Motion.number, Motion.title, Motion.submitter, Motion.lead, Motion.received_at)
        .where(Motion.id.in_(Suggestion.select(Suggestion.motion).where(Suggestion.id.in_(chosen)))).tuples()}
    leads = {row[5] for row in found if row[5]} | {m[4] for m in motions.values() if m[4]}
    members = _members(leads)
    fields = {f.id: f.name for f in SuggestionField.select()}
    by_suggestion: dict[int, list[AssignmentRow]] = {}
    for a in _assignments(Assignment.suggestion.in_(chosen) if where is not None else Assignment.suggestion.is_null(False)):
        by_suggestion.setdefault(a.suggestion_id, []).append(a)
    rows = []
    for (sid, period, number, motion_id, own_title, own_lead, own_received, screening, returned_reason, field_id,
         key, key_leader, key_committee) in found:
        motion = motions.get(motion_id)
        if motion is not None:
            kind, motion_number, title, submitter, lead_id, received_at = motion
            source, received = register_no(kind, motion_number), received_at.date()
        else:
            source, title, submitter, lead_id, received = "", own_title, "代表联名", own_lead, own_received
        name, gender, team, serving = members.get(lead_id, ("", "", "", False))
        mine = tuple(by_suggestion.get(sid, ()))
        lead = next((a for a in mine if a.lead), None)
        status = rules.state(screening == rules.RETURNED, bool(mine), any(a.overdue_on(today) for a in mine),
                             lead is not None and lead.answered,
                             lead.replies[-1].rating if lead is not None and lead.replies else "")
        rows.append(SuggestionRow(
            sid, period, number, motion_id, source, title, submitter, lead_id, name, gender, team, serving,
            received, screening, returned_reason, field_id, fields.get(field_id, ""), bool(key), key_leader,
            key_committee, mine, status))
    return rows


def list_suggestions(period: str | None = None, unit_id: int | None = None, state: str | None = None,
                     today: dt.date | None = None) -> list[SuggestionRow]:
    """The suggestions, 会议期间 ones first, each by number, with their assignments and every reply;
    STATE (one of STATES) as of TODAY. UNIT_ID keeps those the unit has a part in."""
    if period is not None and period not in PERIODS:
        raise ServiceError(f"期间只能是{'、'.join(PERIODS)}之一。", "period")
    if state is not None and state not in STATES:
        raise ServiceError(f"状态只能是{'、'.join(STATES)}之一。", "state")
    where = None if period is None else Suggestion.period == period
    rows = _rows(where, today)
    return [r for r in rows if (unit_id is None or any(a.unit_id == unit_id for a in r.assignments))
            and (state is None or r.state == state)]


def get_suggestion(suggestion_id: int, today: dt.date | None = None) -> SuggestionRow:
    rows = _rows(Suggestion.id == suggestion_id, today)
    if not rows:
        raise ServiceError("该建议已不存在。")
    return rows[0]


def motion_assignments() -> dict[int, tuple[AssignmentRow, ...]]:
    """motion id -> its handling: a 大会议案's own assignments, or those of the suggestion it
    became (the motion desk shows both)."""
    found: dict[int, list[AssignmentRow]] = {}
    by_suggestion = dict(Suggestion.select(Suggestion.id, Suggestion.motion)
                         .where(Suggestion.motion.is_null(False)).tuples())
    for a in _assignments():
        motion_id = a.motion_id if a.motion_id is not None else by_suggestion.get(a.suggestion_id)
        if motion_id is not None:
            found.setdefault(motion_id, []).append(a)
    return {k: tuple(v) for k, v in found.items()}


# ---------------------------------------------------------------- taking over, registering


def _eligible(motion: Motion) -> bool:
    return rules.not_taken_over(motion.kind, motion.decision, motion.withdrawn_at is not None,
                                motion.merged_into_id is not None) is None


def take_over(now: dt.datetime | None = None) -> int:
    """Make the 会议期间 suggestions from the motion register, each once: every 建议 (its own
    number) and every 议案 turned into a suggestion (the next numbers after the highest, in the
    order of their 议案 numbers), neither withdrawn nor merged. Returns how many are new. NOW is
    the contract's (the window passes its clock); nothing of the take-over's time is kept."""
    with store.database.atomic():
        taken = {m for (m,) in Suggestion.select(Suggestion.motion).where(Suggestion.motion.is_null(False)).tuples()}
        register = list(Motion.select(Motion.id, Motion.kind, Motion.number, Motion.decision, Motion.withdrawn_at,
                                      Motion.merged_into))
        new = [m for m in register if _eligible(m) and m.id not in taken]
        if not new:
            return 0
        used = {n for (n,) in Suggestion.select(Suggestion.number).where(Suggestion.period == SESSION).tuples()}
        highest = max([m.number for m in register if m.kind == "建议"] + list(used), default=0)
        numbers = rules.turned_numbers([(m.id, m.number) for m in new if m.kind == "建议"],
                                       [(m.id, m.number) for m in new if m.kind == "议案"], highest)
        clash = sorted(n for n in numbers.values() if n in used)
        if clash:
            raise ServiceError(f"建议第{clash[0]}号已被已接收的建议占用，请在议案页核对建议的编号后再接收。")
        for motion_id, number in sorted(numbers.items(), key=lambda t: t[1]):
            Suggestion.create(period=SESSION, number=number, motion=motion_id)
        return len(numbers)


def _serving_delegate(member_id: int | None, day: dt.date) -> Member:
    if member_id is None:
        raise ServiceError("请选择领衔代表。", "lead")
    member = Member.get_or_none(id=member_id)
    if member is None:
        raise ServiceError("所选代表已不存在。", "lead")
    name = member.person.name
    if member.role != Role.DELEGATE:
        raise ServiceError(f"“{name}”是{member.role}人员，不是代表，不能领衔提出建议。", "lead")
    if not mandates.serving_on(day, member.started_on, member.status != store.STATUS_SERVING, member.ended_on):
        if member.started_on is not None and day < member.started_on:
            why = f"其代表资格自 {member.started_on:%Y-%m-%d} 起"
        elif member.ended_on is not None:
            why = f"其代表资格已于 {member.ended_on:%Y-%m-%d} 终止"
        else:
            why = "其代表资格已终止"
        raise ServiceError(f"{day:%Y-%m-%d} “{name}”不是在任代表（{why}），不能领衔提出建议。", "lead")
    return member


def _clean_input(data: SuggestionInput) -> SuggestionInput:
    title = " ".join(data.title.split())
    if not title:
        raise ServiceError("请填写建议的标题。", "title")
    if len(title) > 500:
        raise ServiceError(f"标题过长（{len(title)} 字，最多 500 字）。", "title")
    if data.received_on is None:
        raise ServiceError("请填写收到日期。", "received_on")
    if data.received_on > dt.date.today():
        raise ServiceError("收到日期晚于今天。", "received_on")
    if data.field_id is not None and SuggestionField.get_or_none(id=data.field_id) is None:
        raise ServiceError("所选领域已不在名单中。", "field")
    _serving_delegate(data.lead_member_id, data.received_on)
    return SuggestionInput(title, data.lead_member_id, data.received_on, data.field_id)


def register_between(data: SuggestionInput, *, suggestion_id: int | None = None) -> int:
    """A suggestion made between sessions (闭会第N号, the next number); its lead must be a serving
    代表 on the day it was received (services.mandates' rule). SUGGESTION_ID gives an undone one its
    id back."""
    data = _clean_input(data)
    with store.database.atomic():
        number = (Suggestion.select(fn.MAX(Suggestion.number)).where(Suggestion.period == BETWEEN).scalar() or 0) + 1
        values = dict(period=BETWEEN, number=number, title=data.title, lead=data.lead_member_id,
                      received_on=data.received_on, field=data.field_id)
        if suggestion_id is not None and Suggestion.get_or_none(id=suggestion_id) is None:
            return Suggestion.insert(id=suggestion_id, **values).execute()
        return Suggestion.create(**values).id


def _suggestion(suggestion_id: int) -> Suggestion:
    row = Suggestion.get_or_none(id=suggestion_id)
    if row is None:
        raise ServiceError("该建议已不存在。")
    return row


def update_suggestion(suggestion_id: int, data: SuggestionInput,
                      seen: SuggestionInput | SuggestionRow | None = None) -> None:
    """Correct a suggestion. One made during the session is the motion register's: only its field
    is kept here (its title, lead and date are corrected on the 议案 page). SEEN: the suggestion as
    the desk read it; conflicts.ConflictError when another desk changed it since."""
    row = _suggestion(suggestion_id)
    if isinstance(seen, SuggestionRow):
        seen = _suggestion_input(seen)
    if row.motion_id is not None:
        current = get_suggestion(suggestion_id)
        for value, now, name in ((" ".join(data.title.split()), current.title, "title"),
                                 (data.lead_member_id, current.lead_member_id, "lead"),
                                 (data.received_on, current.received_on, "received_on")):
            if value != now:
                raise ServiceError(f"{current.number_words}是会议期间的建议，标题、领衔代表和收到日期以议案页的登记为准，"
                                   "请在议案页修改。", name)
        if data.field_id is not None and SuggestionField.get_or_none(id=data.field_id) is None:
            raise ServiceError("所选领域已不在名单中。", "field")
        with store.database.atomic():
            # only the field is this page's to write, and only it is compared
            _guard_suggestion(suggestion_id, None if seen is None else seen.field_id, data.field_id,
                              lambda d: d.field_id)
            Suggestion.update(field=data.field_id).where(Suggestion.id == suggestion_id).execute()
        return
    data = _clean_input(data)
    with store.database.atomic():
        _guard_suggestion(suggestion_id, seen, data, lambda d: d)
        Suggestion.update(title=data.title, lead=data.lead_member_id, received_on=data.received_on,
                          field=data.field_id).where(Suggestion.id == suggestion_id).execute()


def _suggestion_input(row: SuggestionRow) -> SuggestionInput:
    return SuggestionInput(row.title, row.lead_member_id, row.received_on, row.field_id)


def _guard_suggestion(suggestion_id: int, seen, wanted, part) -> None:
    """conflicts.guard over PART of the suggestion's SuggestionInput."""
    if seen is None:
        return
    row = get_suggestion(suggestion_id)
    conflicts.guard(row.number_words, [(Suggestion, suggestion_id)],
                    lambda: part(_suggestion_input(get_suggestion(suggestion_id))), seen, wanted,
                    lambda _: _shown_suggestion(get_suggestion(suggestion_id)))


def _shown_suggestion(row: SuggestionRow) -> str:
    """《标题》，领衔代表…，收到日期，领域, as the conflict message says them."""
    parts = [f"《{row.title}》", f"领衔代表{row.lead_name}" if row.lead_name else "",
             (f"{row.received_on.year}年{row.received_on.month}月{row.received_on.day}日收到"
              if row.received_on else ""),
             f"领域“{row.field}”" if row.field else "未定领域",
             f"退回修改（{row.returned_reason}）" if row.returned else ""]
    return "，".join(p for p in parts if p)


def screen(suggestion_id: int, accepted: bool, reason: str = "") -> None:
    """受理, or 退回修改 with the reason (not 一事一议 …); a suggestion handed out is not returned."""
    row = _suggestion(suggestion_id)
    reason = " ".join(reason.split())
    label = number_words(row.period, row.number)
    if accepted:
        values = dict(screening=rules.ACCEPTED, returned_reason="")
    else:
        if not reason:
            raise ServiceError("退回修改须写明理由（如不符合一事一议）。", "reason")
        if len(reason) > 500:
            raise ServiceError(f"理由过长（{len(reason)} 字，最多 500 字）。", "reason")
        if Assignment.select().where(Assignment.suggestion == suggestion_id).exists():
            raise ServiceError(f"{label}已交办，不能退回修改。", "accepted")
        values = dict(screening=rules.RETURNED, returned_reason=reason)
    with store.database.atomic():
        Suggestion.update(**values).where(Suggestion.id == suggestion_id).execute()


def _ids(ids: Iterable[int]) -> list[int]:
    found = list(dict.fromkeys(ids))
    if not found:
        raise ServiceError("请先选择建议。", "ids")
    existing = {i for (i,) in Suggestion.select(Suggestion.id).where(Suggestion.id.in_(found)).tuples()}
    if len(existing) != len(found):
        raise ServiceError("所选建议中有的已不存在，请刷新后重试。", "ids")
    return found


def set_field(ids: Iterable[int], field_id: int | None) -> None:
    """Put the suggestions IDS in a field (None: unclassified), all or none."""
    chosen = _ids(ids)
    if field_id is not None and SuggestionField.get_or_none(id=field_id) is None:
        raise ServiceError("所选领域已不在名单中。", "field")
    with store.database.atomic():
        Suggestion.update(field=field_id).where(Suggestion.id.in_(chosen)).execute()


def set_key(suggestion_id: int, key: bool, leader: str = "", committee: str = "") -> None:
    """重点建议 with its 督办领导 (required) and the committee or office that supervises it."""
    row = _suggestion(suggestion_id)
    leader, committee = " ".join(leader.split()), " ".join(committee.split())
    if key and not leader:
        raise ServiceError("重点建议须写明督办领导。", "leader")
    for value, words, name in ((leader, "督办领导", "leader"), (committee, "督办机构", "committee")):
        if len(value) > MAX_NAME:
            raise ServiceError(f"{words}过长（{len(value)} 字，最多 {MAX_NAME} 字）。", name)
    if key and row.screening == rules.RETURNED:
        raise ServiceError(f"{number_words(row.period, row.number)}已退回修改，受理后才能列为重点建议。", "key")
    with store.database.atomic():
        Suggestion.update(key=key, key_leader=leader if key else "", key_committee=committee if key else "").where(
            Suggestion.id == suggestion_id).execute()


# ------------------------------------------------ undoing the suggestions' own writes




@dataclass(frozen=True)
class SuggestionsState:
    """Some suggestions' own rows as they stood (not their assignments): what `restore` puts back."""

    rows: tuple[tuple, ...] = ()  # values of _SUGGESTION_COLUMNS


def state(ids: Iterable[int]) -> SuggestionsState:
    """The rows of suggestions IDS as they stand now (those that exist)."""
    ids = list(ids)
    if not ids:
        return SuggestionsState()
    columns = [getattr(Suggestion, c) for c in _SUGGESTION_COLUMNS]
    return SuggestionsState(tuple(Suggestion.select(*columns).where(Suggestion.id.in_(ids)).tuples()))


def restore(before: SuggestionsState, drop: Iterable[int] = (), seen: SuggestionsState | None = None) -> None:
    """Put the rows of BEFORE back as they were (with their ids), and remove the suggestions DROP
    (an undone take-over or registration); refused while one of those has a unit. SEEN: the rows
    as this desk left them (an undo's after); conflicts.ConflictError when another desk changed
    one of them since."""
    drop = [i for i in drop if i not in {row[0] for row in before.rows}]
    with store.database.atomic():
        if seen is not None:
            ids = [row[0] for row in seen.rows]
            changed = [i for i in ids if Suggestion.get_or_none(id=i) is not None] or ids
            label = "、".join(number_words(r[1], r[2]) for r in seen.rows[:3]) + ("等" if len(seen.rows) > 3 else "")
            conflicts.guard(label, [(Suggestion, i) for i in changed], lambda: _sorted_state(state(ids)),
                            _sorted_state(seen), _sorted_state(before), _shown_state)
        if drop:
            held = Assignment.select(Assignment.suggestion).where(Assignment.suggestion.in_(drop)).first()
            if held is not None:
                row = Suggestion.get_by_id(held.suggestion_id)
                raise ServiceError(f"{number_words(row.period, row.number)}已交办，不能撤销；请先撤销交办。")
            Suggestion.delete().where(Suggestion.id.in_(drop)).execute()
        for values in before.rows:
            data = dict(zip(_SUGGESTION_COLUMNS, values))
            sid = data.pop("id")
            if Suggestion.get_or_none(id=sid) is None:
                Suggestion.insert(id=sid, **data).execute()
            else:
                Suggestion.update(**data).where(Suggestion.id == sid).execute()


def _sorted_state(found: SuggestionsState) -> SuggestionsState:
    return SuggestionsState(tuple(sorted(found.rows)))


def _shown_state(found: SuggestionsState) -> str:
    rows = [get_suggestion(r[0]) for r in found.rows if Suggestion.get_or_none(id=r[0]) is not None]
    return "；".join(f"{r.number_words}{_shown_suggestion(r)}" for r in rows) or "已删除"


# ---------------------------------------------------------------- assignment


def _label(s: Suggestion) -> str:
    return number_words(s.period, s.number)


@dataclass(frozen=True)
class AssignmentsState:
    """The assignments of some suggestions as they stood: what `restore_assignments` puts back."""

    suggestion_ids: tuple[int, ...] = ()
    rows: tuple[tuple, ...] = ()  # (id, suggestion id, unit id, lead, due, assigned_on, position)


def assignments_state(ids: Iterable[int]) -> AssignmentsState:
    ids = tuple(dict.fromkeys(ids))
    rows = tuple(Assignment.select(Assignment.id, Assignment.suggestion, Assignment.unit, Assignment.lead,
                                   Assignment.due, Assignment.assigned_on, Assignment.position)
                 .where(Assignment.suggestion.in_(list(ids))).order_by(Assignment.id).tuples()) if ids else ()
    return AssignmentsState(ids, rows)


def _drop_assignments(ids: list[int]) -> None:
    """Delete assignments; refused for one that has a reply (history is never dropped)."""
    if not ids:
        return
    answered = (Assignment.select(Assignment, Unit.name).join(Unit).switch(Assignment)
                .join(Reply).where(Assignment.id.in_(ids)).first())
    if answered is not None:
        where = _owner_label(answered)
        raise ServiceError(f"{where}的承办单位{answered.unit.name}已答复，答复记录须保留，不能撤下该单位。", "units")
    Assignment.delete().where(Assignment.id.in_(ids)).execute()


def _owner_label(a: Assignment) -> str:
    if a.suggestion_id is not None:
        return _label(Suggestion.get_by_id(a.suggestion_id))
    m = Motion.get_by_id(a.motion_id)
    return register_no(m.kind, m.number)


def _guard_assignments(ids: Sequence[int], seen: AssignmentsState | None,
                       wanted: AssignmentsState | None = None) -> None:
    """Inside the caller's transaction: refuse with conflicts.ConflictError when the units of the
    suggestions IDS are neither what this desk read (SEEN) nor already what it wants (WANTED):
    another desk assigned them in between. SEEN None: nothing is compared (a command line)."""
    if seen is None:
        return
    known = {row[0] for row in seen.rows} | {a for (a,) in Assignment.select(Assignment.id)
                                              .where(Assignment.suggestion.in_(list(ids))).tuples()}
    rows = [(Suggestion, i) for i in ids] + [(Assignment, a) for a in sorted(known)]
    label = "、".join(_label(s) for s in Suggestion.select().where(Suggestion.id.in_(list(ids[:3]))))
    conflicts.guard(f"{label}{'等' if len(ids) > 3 else ''}的交办", rows, lambda: assignments_state(ids).rows,
                    seen.rows, None if wanted is None else wanted.rows, lambda found: _shown_assignments(ids, found))


def _shown_assignments(ids: Sequence[int], rows: tuple[tuple, ...]) -> str:
    """建议第3号 区交通运输局（主办）、区公安分局（协办）; 未交办 — the assignments ROWS of the
    suggestions IDS, as the conflict message says them."""
    units = {u.id: u.name for u in Unit.select()}
    by: dict[int, list[str]] = {}
    for _aid, sid, unit_id, lead, _due, _on, _position in sorted(rows, key=lambda r: (r[1], r[6])):
        by.setdefault(sid, []).append(f"{units.get(unit_id, '（已删除的单位）')}（{'主办' if lead else '协办'}）")
    return "；".join(f"{_label(s)} {'、'.join(by.get(s.id, [])) or '未交办'}"
                    for s in Suggestion.select().where(Suggestion.id.in_(list(ids))))


def restore_assignments(before: AssignmentsState, seen: AssignmentsState | None = None) -> None:
    """Put the assignments of BEFORE's suggestions back as they were, with their ids (undo and redo
    of `assign`); refused when that would take away a unit that has replied since. SEEN: the
    assignments as this desk left them (the step's other side); conflicts.ConflictError when
    another desk changed them since."""
    with store.database.atomic():
        _guard_assignments(list(before.suggestion_ids), seen, before)
        keep = {row[0] for row in before.rows}
        now = [a for (a,) in Assignment.select(Assignment.id)
               .where(Assignment.suggestion.in_(list(before.suggestion_ids))).tuples()] if before.suggestion_ids else []
        _drop_assignments([a for a in now if a not in keep])
        for aid, sid, unit_id, lead, due, assigned_on, position in before.rows:
            if Suggestion.get_or_none(id=sid) is None or Unit.get_or_none(id=unit_id) is None:
                raise ServiceError("要恢复的建议或承办单位已不存在。")
            values = dict(suggestion=sid, unit=unit_id, lead=lead, due=due, assigned_on=assigned_on, position=position)
            if aid in now:
                Assignment.update(**values).where(Assignment.id == aid).execute()
            else:
                Assignment.insert(id=aid, **values).execute()


def assign(ids: Iterable[int], lead_unit_id: int | None, assisting_unit_ids: Sequence[int] = (),
           lead_due: dt.date | None = None, assist_due: dt.date | None = None,
           on: dt.date | None = None, seen: AssignmentsState | None = None) -> AssignmentsState:
    """交办 the suggestions IDS (bulk) to one 主办 and any 协办 units of the list: each gets exactly
    these units (a unit kept keeps its due date unless one is given or its role changes; a unit
    that has replied is never taken off). Due dates default from the settings (due_defaults) per
    the suggestion's period and the unit's role; ON is the day of the assignment (today).
    Refused for a suggestion returned for rewriting. SEEN: the suggestions' assignments as the
    desk read them (assignments_state); conflicts.ConflictError when another desk changed them
    since. Returns what undoes it."""
    chosen = _ids(ids)
    on = on or dt.date.today()
    lead_unit_id = _unit_id(lead_unit_id, "主办单位", "lead_unit")
    assisting = list(dict.fromkeys(assisting_unit_ids))
    for uid in assisting:
        _unit_id(uid, "协办单位", "assisting_units")
    if lead_unit_id in assisting:
        name = Unit.get_by_id(lead_unit_id).name
        raise ServiceError(f"{name}已是主办单位，不能同时是协办单位。", "assisting_units")
    for due, name in ((lead_due, "lead_due"), (assist_due, "assist_due")):
        if due is not None and due < on:
            raise ServiceError(f"答复期限 {due:%Y-%m-%d} 早于交办日期 {on:%Y-%m-%d}。", name)
    defaults = due_defaults()
    with store.database.atomic():
        _guard_assignments(chosen, seen)
        before = assignments_state(chosen)
        suggestions = {s.id: s for s in Suggestion.select().where(Suggestion.id.in_(chosen))}
        for sid in chosen:
            s = suggestions[sid]
            if s.screening == rules.RETURNED:
                raise ServiceError(f"{_label(s)}已退回修改（{s.returned_reason}），受理后才能交办。", "ids")
        for sid in chosen:
            s = suggestions[sid]
            wanted = [(lead_unit_id, True)] + [(uid, False) for uid in assisting]
            existing = {a.unit_id: a for a in Assignment.select().where(Assignment.suggestion == sid)}
            _drop_assignments([a.id for uid, a in existing.items() if uid not in dict(wanted)])
            for position, (uid, lead) in enumerate(wanted):
                given = lead_due if lead else assist_due
                a = existing.get(uid)
                if a is None:
                    due = given or defaults.due(s.period, lead, on)
                    Assignment.create(suggestion=sid, unit=uid, lead=lead, due=due, assigned_on=on, position=position)
                    continue
                due = a.due
                if given is not None:
                    due = given
                elif a.lead != lead:
                    due = defaults.due(s.period, lead, on)
                Assignment.update(lead=lead, due=due, position=position).where(Assignment.id == a.id).execute()
    return before


def _assignment(assignment_id: int) -> Assignment:
    row = Assignment.get_or_none(id=assignment_id)
    if row is None:
        raise ServiceError("该交办记录已不存在（可能已撤销交办），请刷新后重试。")
    return row


def _history(assignment_id: int) -> list[Reply]:
    return list(Reply.select(*[f for f in Reply._meta.sorted_fields if f.name != "attachment_data"])
                .where(Reply.assignment == assignment_id).order_by(Reply.round))


def reopen(assignment_id: int, due: dt.date) -> None:
    """The due date of the round open now (after a 不满意, the redo's): refused while that round
    is answered (there is nothing open to be due)."""
    a = _assignment(assignment_id)
    history = _history(assignment_id)
    if rules.answered([r.rating for r in history]):
        raise ServiceError(f"{a.unit.name}本轮已答复；代表评价为不满意后才重新办理。", "due")
    if due is None:
        raise ServiceError("请填写答复期限。", "due")
    if history and due < history[-1].replied_on:
        raise ServiceError(f"答复期限 {due:%Y-%m-%d} 早于上一轮答复日期 {history[-1].replied_on:%Y-%m-%d}。", "due")
    with store.database.atomic():
        Assignment.update(due=due).where(Assignment.id == assignment_id).execute()


# ---------------------------------------------------------------- replies and ratings


def _received_on(a: Assignment) -> dt.date | None:
    if a.suggestion_id is not None:
        s = Suggestion.get_by_id(a.suggestion_id)
        if s.motion_id is None:
            return s.received_on
        return Motion.get_by_id(s.motion_id).received_at.date()
    return Motion.get_by_id(a.motion_id).received_at.date()


def record_reply(assignment_id: int, data: ReplyInput, *, now: dt.datetime | None = None,
                 reply_id: int | None = None) -> int:
    """The unit's reply in the round open now (round 1, or the next after a 不满意): refused when
    that round has its reply already (a reply is never written over). REPLY_ID gives an undone
    one its id back. Returns the reply's id."""
    now = now or dt.datetime.now()
    a = _assignment(assignment_id)
    label = _owner_label(a)
    if data.replied_on is None:
        raise ServiceError("请填写答复日期。", "replied_on")
    if data.replied_on > now.date():
        raise ServiceError("答复日期晚于今天。", "replied_on")
    received = _received_on(a)
    if received is not None and data.replied_on < received:
        raise ServiceError(f"答复日期早于收到建议的日期 {received:%Y-%m-%d}。", "replied_on")
    if data.result and data.result not in RESULTS:
        raise ServiceError(f"办理结果只能是{'、'.join(RESULTS)}之一。", "result")
    text = data.text.strip()
    if len(text) > MAX_TEXT:
        raise ServiceError(f"答复内容过长（{len(text)} 字，最多 {MAX_TEXT} 字），请作为附件保存。", "text")
    name, content = attachments.read(data.attachment.strip())
    with store.database.atomic():
        # two desks entering the same unit's reply take turns: the second finds the first's
        conflicts.lock([(Assignment, assignment_id)])
        history = _history(assignment_id)
        ratings = [r.rating for r in history]
        if rules.answered(ratings):
            last = history[-1]
            raise ServiceError(f"{label}的{a.unit.name}第{last.round}轮已于 {last.replied_on:%Y-%m-%d} 答复；"
                               "答复不再改写，代表评价为不满意后才有下一轮答复。", "replied_on")
        if history and data.replied_on < history[-1].replied_on:
            raise ServiceError(f"答复日期早于上一轮答复日期 {history[-1].replied_on:%Y-%m-%d}。", "replied_on")
        values = dict(assignment=assignment_id, round=rules.current_round(ratings), unit_name=a.unit.name, due=a.due,
                      replied_on=data.replied_on, result=data.result, text=text, attachment=name,
                      attachment_data=content, entered_at=now.replace(microsecond=0))
        if reply_id is not None and Reply.get_or_none(id=reply_id) is None:
            return Reply.insert(id=reply_id, **values).execute()
        return Reply.create(**values).id


@dataclass(frozen=True)
class ReplyState:
    """A reply as it was, attachment included: what `restore_reply` puts back."""

    reply_id: int
    values: tuple[tuple[str, object], ...]


def _reply(reply_id: int) -> Reply:
    row = Reply.get_or_none(id=reply_id)
    if row is None:
        raise ServiceError("该答复记录已不存在，请刷新后重试。")
    return row


def _has_later_round(r: Reply) -> bool:
    """Whether R's unit has replied in a round after R's."""
    return Reply.select().where((Reply.assignment == r.assignment_id) & (Reply.round > r.round)).exists()


def remove_reply(reply_id: int) -> ReplyState:
    """Take back a reply entered by mistake (the undo of record_reply): only the latest of its
    unit, and only while unrated. Returns what puts it back."""
    r = _reply(reply_id)
    a = r.assignment
    if _has_later_round(r):
        raise ServiceError(f"{a.unit.name}第{r.round}轮之后已有答复，不能撤销第{r.round}轮的答复。")
    if r.rating:
        raise ServiceError(f"{a.unit.name}第{r.round}轮的答复已有代表评价（{r.rating}），请先撤销评价。")
    values = tuple((f.name, getattr(r, f"{f.name}_id" if isinstance(f, ForeignKeyField) else f.name))
                   for f in Reply._meta.sorted_fields if f.name != "id")
    with store.database.atomic():
        r.delete_instance()
    return ReplyState(reply_id, values)


def restore_reply(before: ReplyState) -> None:
    """Put a removed reply back with its id (redo of record_reply)."""
    values = dict(before.values)
    with store.database.atomic():
        if Assignment.get_or_none(id=values["assignment"]) is None:
            raise ServiceError("该答复的交办记录已不存在。")
        if Reply.select().where((Reply.assignment == values["assignment"]) & (Reply.round == values["round"])).exists():
            raise ServiceError(f"第{values['round']}轮已另有答复。")
        Reply.insert(id=before.reply_id, **values).execute()


def rate(reply_id: int, rating: str, on: dt.date | None, due: dt.date | None = None) -> None:
    """The delegate's rating of a unit's latest reply, given ON a day. 不满意 reopens the unit for
    the next round, due DUE (by default the settings' redo span after ON). A rating is not
    written over."""
    r = _reply(reply_id)
    a = r.assignment
    label = _owner_label(a)
    if rating not in RATINGS:
        raise ServiceError(f"代表评价只能是{'、'.join(RATINGS)}之一。", "rating")
    if on is None:
        raise ServiceError("请填写评价日期。", "rated_on")
    if on < r.replied_on:
        raise ServiceError(f"评价日期早于答复日期 {r.replied_on:%Y-%m-%d}。", "rated_on")
    if on > dt.date.today():
        raise ServiceError("评价日期晚于今天。", "rated_on")
    if rating == rules.UNSATISFIED:
        due = due or due_defaults().redo_due(on)
        if due < on:
            raise ServiceError(f"重新办理的答复期限 {due:%Y-%m-%d} 早于评价日期。", "due")
    with store.database.atomic():
        # read again under the lock: two desks rating the same reply take turns, the second is refused
        conflicts.lock([(Assignment, a.id)])
        r = _reply(reply_id)
        if r.rating:
            raise ServiceError(f"{label}的{a.unit.name}第{r.round}轮答复已评价为{r.rating}；评价不再改写。", "rating")
        if _has_later_round(r):
            raise ServiceError(f"这是{a.unit.name}第{r.round}轮的答复，已有以后各轮；只评价最近一轮。", "rating")
        Reply.update(rating=rating, rated_on=on).where(Reply.id == reply_id).execute()
        if rating == rules.UNSATISFIED:
            Assignment.update(due=due).where(Assignment.id == a.id).execute()


@dataclass(frozen=True)
class RatingState:
    """A reply's rating and its unit's due date as they stood: what `restore_rating` puts back."""

    reply_id: int
    rating: str
    rated_on: dt.date | None
    due: dt.date | None


def reply_state(reply_id: int) -> RatingState:
    r = _reply(reply_id)
    return RatingState(reply_id, r.rating, r.rated_on, r.assignment.due)


def restore_rating(before: RatingState) -> None:
    """Undo and redo of `rate`: the rating and the due date as BEFORE holds them; refused when the
    next round has been answered since (it answers that rating)."""
    r = _reply(before.reply_id)
    a = r.assignment
    if _has_later_round(r):
        raise ServiceError(f"{a.unit.name}已有第{r.round + 1}轮的答复，不能再改第{r.round}轮的评价；请先撤销那一轮的答复。")
    with store.database.atomic():
        Reply.update(rating=before.rating, rated_on=before.rated_on).where(Reply.id == r.id).execute()
        Assignment.update(due=before.due).where(Assignment.id == a.id).execute()


def save_reply_attachment(reply_id: int, target: str | Path) -> None:
    """Write a reply's attachment out, to open or print it."""
    r = Reply.get_or_none(id=reply_id)
    if r is None or r.attachment_data is None:
        raise ServiceError("该答复没有附件。")
    attachments.write(r.attachment_data, target)


# ---------------------------------------------------------------- the motion desk's handling


def _suggestion_of(motion: Motion) -> Suggestion | None:
    """The suggestion a 建议 or a 议案 turned into one is handled as (taking the register over
    first, so that the numbering is take_over's); None for a 大会议案."""
    if motion.kind == "议案" and motion.decision != "转为代表建议":
        return None
    found = Suggestion.get_or_none(Suggestion.motion == motion.id)
    if found is None:
        take_over()
        found = Suggestion.get_or_none(Suggestion.motion == motion.id)
    return found


def set_motion_handling(motion_id: int, units: Sequence[tuple[str, bool]], reply_date: dt.date | None,
                        rating: str = "", *, on: dt.date | None = None) -> None:
    """The motion desk's 交办和答复 of one item: its units by name (a name not on the list is added
    to it), and the lead unit's reply in the round open now with the delegate's rating. A reply
    given and a rating given are kept: they may be added, never changed or taken away here.
    Written whole or not at all."""
    on = on or dt.date.today()
    motion = Motion.get_or_none(id=motion_id)
    if motion is None:
        raise ServiceError("该议案或建议已不存在。")
    if rating and rating not in RATINGS:
        raise ServiceError(f"代表测评只能是{'、'.join(RATINGS)}之一。", "rating")
    cleaned: list[tuple[str, bool]] = []
    for name, lead in units:
        name = " ".join(name.split())
        if name:
            cleaned.append((name, lead))
    if cleaned and sum(1 for _, lead in cleaned if lead) != 1:
        raise ServiceError("须有且只有一个主办单位，其余为协办单位。", "units")
    if len({n for n, _ in cleaned}) != len(cleaned):
        raise ServiceError("承办单位有重复。", "units")
    if (reply_date or rating) and not cleaned:
        raise ServiceError("请先确定承办单位。", "units")
    if rating and reply_date is None:
        raise ServiceError("答复后才有代表测评，请先填写答复日期。", "reply_date")
    if reply_date and reply_date < motion.received_at.date():
        raise ServiceError("答复日期早于收到日期。", "reply_date")
    with store.database.atomic():
        suggestion = _suggestion_of(motion)
        owner = (Assignment.suggestion == suggestion.id) if suggestion else (Assignment.motion == motion_id)
        existing = {a.unit.name: a for a in Assignment.select(Assignment, Unit).join(Unit).where(owner)}
        wanted = sorted(cleaned, key=lambda u: not u[1])
        _drop_assignments([a.id for name, a in existing.items() if name not in dict(wanted)])
        defaults = due_defaults()
        lead_id = None
        for position, (name, lead) in enumerate(wanted):
            a = existing.get(name)
            if a is None:
                due = None
                if suggestion is not None:
                    due = defaults.due(suggestion.period, lead, on)
                aid = Assignment.create(suggestion=suggestion, motion=None if suggestion else motion_id,
                                        unit=_unit_by_name(name), lead=lead, due=due, assigned_on=on,
                                        position=position).id
            else:
                aid = a.id
                Assignment.update(lead=lead, position=position).where(Assignment.id == aid).execute()
            if lead:
                lead_id = aid
        if lead_id is None:
            return
        history = _history(lead_id)
        latest = history[-1] if history else None
        if reply_date is None:
            if latest is not None:
                raise ServiceError(f"第{latest.round}轮的答复（{latest.replied_on:%Y-%m-%d}）已登记，答复记录不删除。",
                                   "reply_date")
            return
        if latest is not None and reply_date == latest.replied_on:
            # the reply on record: only its rating may be added
            if rating == latest.rating:
                return
            if latest.rating:
                raise ServiceError(f"第{latest.round}轮的答复已测评为{latest.rating}，测评不再改写。", "rating")
            rate(latest.id, rating, max(latest.replied_on, min(on, dt.date.today())))
            return
        if latest is not None and rules.answered([r.rating for r in history]):
            raise ServiceError(f"第{latest.round}轮的答复日期已登记为 {latest.replied_on:%Y-%m-%d}，答复记录不再改写。",
                               "reply_date")
        reply_id = record_reply(lead_id, ReplyInput(reply_date))
        if rating:
            rate(reply_id, rating, max(reply_date, min(on, dt.date.today())))


# ---------------------------------------------------------------- supervision: overdue and unrated


def _labels() -> dict[tuple[str, int], tuple[str, str]]:
    """(kind, id) -> (label, title) of every suggestion and motion."""
    found = {}
    titles = {}
    for mid, kind, number, title in Motion.select(Motion.id, Motion.kind, Motion.number, Motion.title).tuples():
        found[("motion", mid)] = (register_no(kind, number), title)
        titles[mid] = title
    for sid, period, number, motion_id, title in Suggestion.select(
            Suggestion.id, Suggestion.period, Suggestion.number, Suggestion.motion, Suggestion.title).tuples():
        found[("suggestion", sid)] = (number_words(period, number), titles.get(motion_id, title))
    return found


def _owner(a: AssignmentRow) -> tuple[str, int]:
    return ("suggestion", a.suggestion_id) if a.suggestion_id is not None else ("motion", a.motion_id)


def overdue(today: dt.date | None = None) -> list[Overdue]:
    """Every unit's reply not in by its due date on TODAY, the longest overdue first."""
    today = today or dt.date.today()
    late = [a for a in _assignments() if a.overdue_on(today)]
    if not late:
        return []
    labels = _labels()
    rows = []
    for a in late:
        label, title = labels.get(_owner(a), ("", ""))
        rows.append(Overdue(label, title, a.suggestion_id, a.motion_id, a, a.days_overdue(today)))
    return sorted(rows, key=lambda r: (-r.days, r.assignment.assignment_id))


def unrated(today: dt.date | None = None, after_days: int | None = None) -> list[Unrated]:
    """The lead units' latest replies the delegate has not rated AFTER_DAYS (the settings' span)
    after they came, the oldest first."""
    today = today or dt.date.today()
    after_days = due_defaults().unrated_days if after_days is None else after_days
    waiting = [a for a in _assignments(Assignment.lead == True) if a.latest is not None  # noqa: E712
               and not a.latest.rating and (today - a.latest.replied_on).days > after_days]
    if not waiting:
        return []
    labels = _labels()
    rows = []
    for a in waiting:
        label, title = labels.get(_owner(a), ("", ""))
        rows.append(Unrated(label, title, a.suggestion_id, a.motion_id, a, a.latest,
                            (today - a.latest.replied_on).days))
    return sorted(rows, key=lambda r: (-r.days, r.assignment.assignment_id))


# ---------------------------------------------------------------- the figures of the report


def _period_stats(period: str, rows: list[SuggestionRow], fields: list[FieldRow]) -> PeriodStats:
    accepted = [r for r in rows if not r.returned]
    counts = {f.field_id: 0 for f in fields}
    unclassified = 0
    for r in accepted:
        if r.field_id in counts:
            counts[r.field_id] += 1
        else:
            unclassified += 1
    named = [(f.name, counts[f.field_id]) for f in fields] + [(rules.UNCLASSIFIED, unclassified)]
    answered = [r for r in accepted if r.replied]
    return PeriodStats(
        period=period, total=len(accepted), from_motions=sum(1 for r in accepted if r.source.startswith("议案")),
        key=sum(1 for r in accepted if r.key), key_numbers=tuple(r.number for r in accepted if r.key),
        fields=rules.field_shares(named, len(accepted)),
        units=len({a.unit_id for r in accepted for a in r.assignments}),
        assigned=sum(1 for r in accepted if r.assignments), replied=len(answered),
        ratings=rules.count_ratings(r.rating for r in answered), returned=len(rows) - len(accepted))


def stats(today: dt.date | None = None) -> SuggestionStats:
    """Everything the 办理情况报告 states (seeds 001, 002, 003): the session's 大会议案, and per
    period and for both the suggestions (议案 turned into suggestions counted as suggestions), the
    重点 ones, the fields with their shares, the units, 办复率, the ratings and their rates."""
    today = today or dt.date.today()
    rows = _rows(today=today)
    fields = list_fields()
    motions = Motion.select().where((Motion.kind == "议案") & (Motion.decision == "列为大会议案")
                                    & Motion.withdrawn_at.is_null() & Motion.merged_into.is_null()).count()
    return SuggestionStats(
        today, motions,
        _period_stats(SESSION, [r for r in rows if r.period == SESSION], fields),
        _period_stats(BETWEEN, [r for r in rows if r.period == BETWEEN], fields),
        _period_stats("全部", rows, fields))

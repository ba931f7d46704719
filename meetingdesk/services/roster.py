"""The roster: delegations and the people in them. The only writer of these tables."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from peewee import JOIN, ForeignKeyField, fn

from meetingdesk import store
from meetingdesk.rules import mandates
from meetingdesk.rules import people as people_rules
from meetingdesk.rules.collation import sort_names
from meetingdesk.rules.motions import register_no
from meetingdesk.rules.numerals import chinese_number
from meetingdesk.rules.suggestions import number_words
from meetingdesk.rules.words import AttendanceStatus, Role
from meetingdesk.store import Delegation, Leader, Member, Office, Person, Session
from meetingdesk.store import models as store_models

from . import conflicts
from .errors import ServiceError

ROLE_ORDER = {role: i for i, role in enumerate(store.ROLES)}


class MemberRow(NamedTuple):
    """One member as the roster lists it. A NamedTuple, not a frozen dataclass: the window reads
    5,000 of them when it opens, and a frozen dataclass takes four times as long to make."""

    member_id: int
    person_id: int
    name: str
    gender: str
    note: str
    work_title: str
    delegation_id: int | None  # None: ended before this session's delegations were formed
    delegation: str
    role: str
    status: str
    ended_on: dt.date | None = None
    end_reason: str = ""
    leader_title: str = ""  # 团长 / 副团长 / ""
    started_on: dt.date | None = None  # None: since the congress was elected
    start_reason: str = ""  # "" 换届 / "补选"
    constituency: str = ""
    confirmed_by: str = ""
    end_decision: str = ""

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)

    @property
    def serving(self) -> bool:
        return self.status == store.STATUS_SERVING

    def serving_on(self, day: dt.date) -> bool:
        return mandates.serving_on(day, self.started_on, not self.serving, self.ended_on)


@dataclass(frozen=True)
class MemberInput:
    """What a clerk enters for one person in one role."""

    name: str
    gender: str = ""
    note: str = ""
    work_title: str = ""
    delegation_id: int | None = None
    role: str = Role.DELEGATE
    started_on: dt.date | None = None  # a 补选 delegate's start; None since the congress was elected
    start_reason: str = ""  # "" 换届 / "补选"
    constituency: str = ""
    confirmed_by: str = ""

    @classmethod
    def of(cls, row: MemberRow) -> MemberInput:
        return cls(row.name, row.gender, row.note, row.work_title, row.delegation_id, row.role,
                   row.started_on, row.start_reason, row.constituency, row.confirmed_by)


@dataclass(frozen=True)
class DelegationRow:
    delegation_id: int
    name: str
    position: int
    room: str
    head: MemberRow | None = None
    deputies: tuple[MemberRow, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # serving members per role

    def count(self, role: str) -> int:
        return self.counts.get(role, 0)

    @property
    def counts_text(self) -> str:
        """代表 18 人、列席 15 人、工作人员 3 人 — the seed's heading."""
        return "、".join(f"{role} {self.count(role)} 人" for role in store.ROLES)


# ---------------------------------------------------------------- reading


def _single_name_first() -> bool:
    row = Session.get_or_none()
    return bool(row and row.single_name_first)


def _rows(query) -> list[MemberRow]:
    leaders = {m: t for m, t in Leader.select(Leader.member, Leader.title).tuples()}
    rows = []
    # the cursor's own tuples: peewee's row conversion was most of the time of a 5,000-row read
    for (mid, pid, name, gender, note, title, did, dname, role, status, ended, reason,
         started, start_reason, constituency, confirmed_by, decision) in store.database.execute(query):
        rows.append(MemberRow(mid, pid, name, gender, note, title, did, dname or "", role, status,
                              store.stored_date(ended), reason, leaders.get(mid, ""), store.stored_date(started), start_reason,
                              constituency, confirmed_by, decision))
    return rows


def _member_query():
    return (Member.select(Member.id, Person.id, Person.name, Person.gender, Person.note,
                          Person.work_title, Delegation.id, Delegation.name, Member.role,
                          Member.status, Member.ended_on, Member.end_reason, Member.started_on,
                          Member.start_reason, Member.constituency, Member.confirmed_by,
                          Member.end_decision)
            .join(Person).switch(Member).join(Delegation, JOIN.LEFT_OUTER))


def sort_members(rows: list[MemberRow]) -> list[MemberRow]:
    """Stroke order of the names, the note deciding between equal names."""
    return sort_names(rows, key=lambda r: r.name + r.note, single_name_first=_single_name_first())


def list_members(delegation_id: int | None = None, *, role: str | None = None,
                 include_ended: bool = False) -> list[MemberRow]:
    """Members of one delegation (or all), in stroke order."""
    query = _member_query()
    if delegation_id is not None:
        query = query.where(Member.delegation == delegation_id)
    if role is not None:
        query = query.where(Member.role == role)
    if not include_ended:
        query = query.where(Member.status == store.STATUS_SERVING)
    return sort_members(_rows(query))


def members_on(day: dt.date, delegation_id: int | None = None, *, role: str | None = None) -> list[MemberRow]:
    """Who was in the session on DAY, in stroke order: a mandate ended after DAY still counts, one
    that started later (补选) does not yet. The 应到 of a meeting is asked with its date."""
    query = _member_query().where(_serving_on(day))
    if delegation_id is not None:
        query = query.where(Member.delegation == delegation_id)
    if role is not None:
        query = query.where(Member.role == role)
    return sort_members(_rows(query))


def members_by_delegation(delegation_id: int | None = None, *,
                          role: str | None = None) -> dict[int, dict[str, list[MemberRow]]]:
    """Serving members grouped by delegation id, then role, each list in stroke order."""
    grouped: dict[int, dict[str, list[MemberRow]]] = {}
    for m in list_members(delegation_id, role=role):
        grouped.setdefault(m.delegation_id, {}).setdefault(m.role, []).append(m)
    return grouped


def get_member(member_id: int) -> MemberRow:
    rows = _rows(_member_query().where(Member.id == member_id))
    if not rows:
        raise ServiceError("该人员已不存在（可能已被撤销）。")
    return rows[0]


def list_delegations() -> list[DelegationRow]:
    counts: dict[int, dict[str, int]] = {}
    for did, role, n in (Member.select(Member.delegation, Member.role, fn.COUNT(Member.id))
                         .where(Member.status == store.STATUS_SERVING)
                         .group_by(Member.delegation, Member.role).tuples()):
        counts.setdefault(did, {})[role] = n
    leader_rows = {r.member_id: r for r in _rows(_member_query().join(
        Leader, on=(Leader.member == Member.id)))}
    heads: dict[int, MemberRow] = {}
    deputies: dict[int, list[MemberRow]] = {}
    for lead in Leader.select().order_by(Leader.position):
        row = leader_rows[lead.member_id]
        if lead.title == "团长":
            heads[lead.delegation_id] = row
        else:
            deputies.setdefault(lead.delegation_id, []).append(row)
    return [
        DelegationRow(d.id, d.name, d.position, d.room, heads.get(d.id),
                      tuple(deputies.get(d.id, ())), counts.get(d.id, {}))
        for d in Delegation.select().order_by(Delegation.position, Delegation.id)
    ]


def get_delegation(delegation_id: int) -> DelegationRow:
    for row in list_delegations():
        if row.delegation_id == delegation_id:
            return row
    raise ServiceError("该代表团已不存在。")


# ---------------------------------------------------------------- checking input


def _clean(data: MemberInput) -> MemberInput:
    return replace(data, name=people_rules.normalise_name(data.name), note=data.note.strip(),
                   work_title=data.work_title.strip(), gender=data.gender.strip(),
                   start_reason=data.start_reason.strip(), constituency=data.constituency.strip(),
                   confirmed_by=data.confirmed_by.strip())


def _mandate(data: MemberInput) -> dict:
    return {"started_on": data.started_on, "start_reason": data.start_reason,
            "constituency": data.constituency, "confirmed_by": data.confirmed_by}


def _validate(data: MemberInput, *, member_id: int | None = None) -> None:
    for err in (people_rules.check_name(data.name), people_rules.check_gender(data.gender)):
        if err:
            raise ServiceError(err.message, err.field)
    if data.role not in store.ROLES:
        raise ServiceError(f"身份只能是代表、列席或工作人员，不能是“{data.role}”。", "role")
    if data.delegation_id is None:
        # only a mandate that ended before the delegations were formed stays without one
        member = Member.get_or_none(Member.id == member_id) if member_id else None
        if not (member and member.delegation_id is None and member.status == store.STATUS_ENDED):
            raise ServiceError("请选择所属代表团。", "delegation")
    elif Delegation.get_or_none(Delegation.id == data.delegation_id) is None:
        raise ServiceError("请选择所属代表团。", "delegation")
    if data.start_reason not in mandates.START_REASONS:
        raise ServiceError(f"资格开始的方式只能是换届选举或补选，不能是“{data.start_reason}”。", "start_reason")
    if data.start_reason == mandates.BY_ELECTION and data.role == Role.DELEGATE and data.started_on is None:
        raise ServiceError("补选的代表请填写资格开始的日期（常委会确认代表资格的日期）。", "started_on")
    if data.start_reason == mandates.BY_ELECTION and data.role != Role.DELEGATE:
        raise ServiceError("只有代表才有补选。", "start_reason")
    person_id = Member.get_by_id(member_id).person_id if member_id else None
    others = (Person.select(Person.id, Person.note).where(Person.name == data.name))
    if person_id is not None:
        others = others.where(Person.id != person_id)
    others = list(others)
    if not others:
        return
    if not data.note:
        where = _where_is(others[0].id)
        raise ServiceError(
            f"本次会议已有同名人员“{data.name}”（{where}）。请在“备注”中填写区别说明，"
            "如工作单位和职务（“区消防救援大队大队长”）。", "note")
    if any(o.note == data.note for o in others):
        raise ServiceError(f"已有同名同备注的“{data.name}({data.note})”，请换一个能区别二人的备注。", "note")


def _where_is(person_id: int) -> str:
    m = (Member.select(Member, Delegation).join(Delegation)
         .where(Member.person == person_id).first())
    return f"{m.delegation.name} {m.role}" if m else "已登记"


def _check_not_leader(member: Member, action: str) -> None:
    lead = Leader.get_or_none(Leader.member == member.id)
    if lead:
        raise ServiceError(
            f"“{member.person.name}”是{member.delegation.name}的{lead.title}，不能{action}。"
            f"请先在代表团设置中另选{lead.title}。", "delegation")


# ---------------------------------------------------------------- writing


def add_member(data: MemberInput, *, member_id: int | None = None, person_id: int | None = None) -> int:
    """Register a person in a role; returns the new member id.

    Re-adding a member an undo removed (redo) passes the ids it had, so that the later commands
    and records naming those ids find the same person again; an id taken meanwhile is not reused."""
    data = _clean(data)
    _validate(data)
    ids: dict[str, dict] = {"person": {}, "member": {}}
    if person_id is not None and Person.get_or_none(Person.id == person_id) is None:
        ids["person"] = {"id": person_id}
    if member_id is not None and Member.get_or_none(Member.id == member_id) is None:
        ids["member"] = {"id": member_id}
    with store.database.atomic():
        person = Person.create(name=data.name, gender=data.gender, note=data.note,
                               work_title=data.work_title, **ids["person"])
        member = Member.create(person=person, delegation=data.delegation_id, role=data.role,
                               **_mandate(data), **ids["member"])
    return member.id


def update_member(member_id: int, data: MemberInput, seen: MemberInput | None = None) -> None:
    """Correct a person's entry: name, gender, note, title, delegation, role. SEEN: the entry as
    the desk read it; conflicts.ConflictError when another desk changed it since."""
    data = _clean(data)
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise ServiceError("该人员已不存在（可能已被撤销）。")
    _validate(data, member_id=member_id)
    if data.delegation_id != member.delegation_id:
        _check_not_leader(member, "调到其他代表团")
    if data.role != member.role:
        _check_not_leader(member, f"改为{data.role}")
        if Member.get_or_none((Member.person == member.person_id) & (Member.role == data.role)
                              & (Member.id != member_id)):
            raise ServiceError(f"“{data.name}”已有“{data.role}”身份的登记。", "role")
    with store.database.atomic():
        conflicts.guard(f"“{member.person.name}”的登记", [(Member, member_id), (Person, member.person_id)],
                        lambda: MemberInput.of(get_member(member_id)), seen, data, _shown_entry)
        Person.update(name=data.name, gender=data.gender, note=data.note,
                      work_title=data.work_title).where(Person.id == member.person_id).execute()
        Member.update(delegation=data.delegation_id, role=data.role, **_mandate(data)).where(
            Member.id == member_id).execute()


def _shown_entry(entry: MemberInput) -> str:
    """姓名、性别、代表团、身份、职务、备注, as the conflict message says them."""
    delegation = Delegation.get_or_none(Delegation.id == entry.delegation_id) if entry.delegation_id else None
    parts = [entry.name, entry.gender, delegation.name if delegation else "", entry.role, entry.work_title,
             f"备注“{entry.note}”" if entry.note else ""]
    return "，".join(p for p in parts if p)


def move_member(member_id: int, delegation_id: int) -> None:
    row = get_member(member_id)
    update_member(member_id, replace(MemberInput.of(row), delegation_id=delegation_id))


def end_member(member_id: int, ended_on: dt.date, reason: str, decision: str = "") -> list[str]:
    """End a mandate (辞职, 调离…) on ENDED_ON for REASON, by DECISION (the 常委会 decision or
    公告). The record stays: the person counts on every earlier day and on none from that day.
    The offices only a delegate may hold end with it (相应终止); returns them, worded."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise ServiceError("该人员已不存在（可能已被撤销）。")
    if not reason.strip():
        raise ServiceError("请填写终止原因（如“因工作调整辞去代表职务”）。", "reason")
    if ended_on is None:
        raise ServiceError("请填写终止日期。", "ended_on")
    wrong = mandates.check_dates(member.started_on, ended_on)
    if wrong:
        raise ServiceError(wrong, "ended_on")
    _check_not_leader(member, "终止其资格")
    ended: list[str] = []
    with store.database.atomic():
        Member.update(status=store.STATUS_ENDED, ended_on=ended_on, end_reason=reason.strip(),
                      end_decision=decision.strip()).where(Member.id == member_id).execute()
        if member.role == Role.DELEGATE:
            for office in (Office.select().where((Office.person == member.person_id)
                                                 & Office.body.in_(store_models.MANDATE_BODIES)
                                                 & Office.ended_on.is_null() & (Office.end_reason == ""))):
                office.ended_on, office.end_reason = ended_on, mandates.OFFICES_END_WITH
                office.save()
                ended.append(f"{office.body}{office.title}")
    return ended


def reinstate_member(member_id: int) -> None:
    """Undo an ended mandate entered by mistake, and the offices that ended with it."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        return
    with store.database.atomic():
        Office.update(ended_on=None, end_reason="").where(_ended_with(member)).execute()
        Member.update(status=store.STATUS_SERVING, ended_on=None, end_reason="", end_decision="").where(
            Member.id == member_id).execute()


def ended_with(member_id: int) -> list[str]:
    """The offices that ended with this member's mandate (相应终止), worded."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None or member.status != store.STATUS_ENDED:
        return []
    return [f"{o.body}{o.title}" for o in Office.select().where(_ended_with(member))]


def _ended_with(member: Member):
    """The offices of MEMBER's person that ended with the mandate (on its date, or both undated)."""
    same_day = (Office.ended_on.is_null() if member.ended_on is None else Office.ended_on == member.ended_on)
    return ((Office.person == member.person_id) & same_day
            & (Office.end_reason == mandates.OFFICES_END_WITH))


def remove_member(member_id: int) -> None:
    """Delete a role entered by mistake; the person goes too if it was their only role."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        return
    _check_not_leader(member, "删除")
    with store.database.atomic():
        person_id = member.person_id
        member.delete_instance()
        if not Member.select().where(Member.person == person_id).exists():
            Person.delete().where(Person.id == person_id).execute()


def undo_add_member(member_id: int) -> None:
    """Take back a member just added (撤销“添加 …”): refused while another area has recorded
    anything about the member, or about the person the removal would take too — deleting would
    take those records with it without a word."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise ServiceError("该人员已不存在（可能已被撤销）。")
    _check_not_leader(member, "删除")
    found = member_dependents(member_id)
    if found:
        raise ServiceError(f"{dependents_sentence(member.person.name, found)}，不能删除。{REMOVE_FIRST}")
    remove_member(member_id)


def add_delegation(name: str, room: str = "", *, delegation_id: int | None = None) -> int:
    """A new delegation, last in printing order. Re-adding one an undo removed (redo) passes the
    id it had, unless another delegation has taken it meanwhile."""
    name = name.strip()
    if not name:
        raise ServiceError("代表团名称不能为空。", "name")
    if Delegation.get_or_none(Delegation.name == name):
        raise ServiceError(f"已有名为“{name}”的代表团。", "name")
    same_id = {}
    if delegation_id is not None and Delegation.get_or_none(Delegation.id == delegation_id) is None:
        same_id = {"id": delegation_id}
    with store.database.atomic():
        last = Delegation.select(fn.MAX(Delegation.position)).scalar() or 0
        return Delegation.create(name=name, room=room.strip(), position=last + 1, **same_id).id


def update_delegation(delegation_id: int, *, name: str, room: str,
                      head_id: int | None, deputy_ids: list[int],
                      seen: dict | DelegationRow | None = None) -> None:
    """Rename a delegation, set its room, its 团长 and its 副团长 (in printing order). SEEN: the
    delegation as the desk read it (the row, or these keywords); conflicts.ConflictError when
    another desk changed it since."""
    name = name.strip()
    if not name:
        raise ServiceError("代表团名称不能为空。", "name")
    clash = Delegation.get_or_none((Delegation.name == name) & (Delegation.id != delegation_id))
    if clash:
        raise ServiceError(f"已有名为“{name}”的代表团。", "name")
    if head_id is not None and head_id in deputy_ids:
        raise ServiceError("团长不能同时是副团长。", "deputies")
    if len(set(deputy_ids)) != len(deputy_ids):
        raise ServiceError("副团长中有重复的人。", "deputies")
    for mid, field_name, title in [(head_id, "head", "团长")] + [(d, "deputies", "副团长") for d in deputy_ids]:
        if mid is None:
            continue
        m = Member.get_or_none(Member.id == mid)
        if m is None or m.delegation_id != delegation_id or m.role != Role.DELEGATE \
                or m.status != store.STATUS_SERVING:
            who = m.person.name if m else "所选人员"
            raise ServiceError(f"{title}必须是本代表团的在任代表，“{who}”不是。", field_name)
    with store.database.atomic():
        if seen is not None:
            conflicts.lock([(Delegation, delegation_id)])  # before its leaders are read: they are rewritten whole
            leaders = [(Leader, i) for (i,) in Leader.select(Leader.id).where(Leader.delegation == delegation_id)
                       .tuples()]
            named = seen.name if isinstance(seen, DelegationRow) else seen["name"].strip()  # as the form has it
            conflicts.guard(f"“{named}”的设置", [(Delegation, delegation_id)] + leaders,
                            lambda: _delegation_fields(get_delegation(delegation_id)),
                            _delegation_fields(seen) if isinstance(seen, DelegationRow) else _tidy_fields(seen),
                            _tidy_fields(dict(name=name, room=room, head_id=head_id, deputy_ids=deputy_ids)),
                            _shown_delegation)
        Delegation.update(name=name, room=room.strip()).where(Delegation.id == delegation_id).execute()
        Leader.delete().where(Leader.delegation == delegation_id).execute()
        if head_id is not None:
            Leader.create(delegation=delegation_id, member=head_id, title="团长", position=0)
        for i, mid in enumerate(deputy_ids, start=1):
            Leader.create(delegation=delegation_id, member=mid, title="副团长", position=i)


def _delegation_fields(row: DelegationRow) -> dict:
    """update_delegation's keywords as they stand for ROW."""
    return dict(name=row.name, room=row.room, head_id=row.head.member_id if row.head else None,
                deputy_ids=[d.member_id for d in row.deputies])


def _tidy_fields(fields: dict) -> dict:
    return dict(name=fields["name"].strip(), room=fields["room"].strip(), head_id=fields["head_id"],
                deputy_ids=list(fields["deputy_ids"]))


def _shown_delegation(fields: dict) -> str:
    """名称，驻地，团长，副团长, as the conflict message says them."""
    def name(member_id: int) -> str:
        member = Member.get_or_none(Member.id == member_id)
        return member.person.name if member else "（已不在名单中）"

    parts = [fields["name"], f"驻地{fields['room']}" if fields["room"] else "",
             f"团长{name(fields['head_id'])}" if fields["head_id"] is not None else "未定团长",
             "副团长" + "、".join(name(d) for d in fields["deputy_ids"]) if fields["deputy_ids"] else ""]
    return "，".join(p for p in parts if p)


def delegation_choices() -> list[tuple[int, str]]:
    return [(d.id, d.name) for d in Delegation.select().order_by(Delegation.position, Delegation.id)]


def remove_delegation(delegation_id: int) -> None:
    """Delete an empty delegation (one created by mistake): refused while it has people, leaders
    or anything another area recorded for it (a preliminary count)."""
    delegation = Delegation.get_or_none(Delegation.id == delegation_id)
    if delegation is None:
        return
    found = delegation_dependents(delegation_id)
    if found:
        raise ServiceError(f"{dependents_sentence(delegation.name, found)}，不能删除。"
                           "请先把人员调到其他代表团，并在相应页面删除这些记录。")
    with store.database.atomic():
        Delegation.delete().where(Delegation.id == delegation_id).execute()


def _serving_on(day: dt.date):
    """Members whose mandate (or role) covers DAY, as rules.mandates.serving_on: started on or
    before it (or since the congress was elected), and serving or ended after it."""
    started = Member.started_on.is_null() | (Member.started_on <= day)
    serving = Member.status == store.STATUS_SERVING
    ended_later = (Member.status == store.STATUS_ENDED) & (Member.ended_on > day)
    return started & (serving | ended_later)


def in_session(day: dt.date | None = None):
    """The condition on Member of who is in the session: on DAY (a meeting's date), or serving
    now when DAY is None. One statement of it, for every query that selects people by it."""
    return Member.status == store.STATUS_SERVING if day is None else _serving_on(day)


def _delegates_on(day: dt.date):
    """The delegates who count on DAY (a mandate ends on its end date: on that day the person no
    longer counts, as rules.motions.signed_while_serving)."""
    return (Member.role == Role.DELEGATE) & _serving_on(day)


def delegates_on(day: dt.date) -> int:
    """全体代表 on DAY, the base of every majority."""
    return Member.select().where(_delegates_on(day)).count()


def delegate_names_on(day: dt.date) -> frozenset[str]:
    """Names of the delegates on DAY (a write-in for a 常委会 office must be one of them)."""
    query = Person.select(Person.name).join(Member).where(_delegates_on(day)).tuples()
    return frozenset(name for (name,) in query)


# ---------------------------------------------------------------- what other areas recorded
#
# Every table with a foreign key to Member, Person or Delegation is read through the models'
# own foreign keys, so a table added later is found without being listed here; DESCRIPTIONS says
# in Chinese what one of its rows means for the person (a test requires one for every such
# table, and a table without one is still reported under its model's name).

REMOVE_FIRST = "请先在相应页面删除这些记录。"


@dataclass(frozen=True)
class Dependent:
    """One row of another area that names a member, a person or a delegation.

    GROUP and ITEM make the sentence: rows sharing a GROUP ("已在{}签到") are said once, their
    ITEMs joined ("已在第一次全体会议、第二次全体会议签到")."""

    table: str
    row_id: int
    group: str
    item: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.table, self.row_id)

    @property
    def text(self) -> str:
        """The row on its own: 主席团成员, 第一次全体会议签到, 领衔议案原案第3号."""
        said = self.group.replace("{}", self.item)
        for lead in ("已是", "已在", "已有", "已"):
            if said.startswith(lead):
                return said[len(lead):]
        return said


class _Names:
    """Names the descriptions share, read once per listing."""

    def __init__(self) -> None:
        self._meetings: dict[int, str] | None = None

    def meeting(self, meeting_id: int | None) -> str:
        if self._meetings is None:
            from . import schedule  # late: every service reads the roster, few need the schedule
            self._meetings = {m.meeting_id: m.name for m in schedule.list_meetings()}
        return self._meetings.get(meeting_id, "会议")


def _motion_no(motion) -> str:
    return register_no(motion.kind, motion.number)


def _pre_round(pre_round) -> str:
    return f"{pre_round.election.office}预选第{chinese_number(pre_round.number)}轮"


def _attendance(row, names: _Names) -> tuple[str, str]:
    word = row.status if row.status in (AttendanceStatus.LEAVE, AttendanceStatus.ABSENT) else "签到"
    return f"已在{{}}{word}", names.meeting(row.meeting_id)


def _signer(row, names: _Names) -> tuple[str, str]:
    if row.motion.lead_id == row.member_id:  # the lead signs too: said once, as 领衔
        return "已领衔{}", _motion_no(row.motion)
    return "已联名提出{}", _motion_no(row.motion)


# (model, foreign key) -> (row, names) -> (group, item)
DESCRIPTIONS = {
    # of a member
    ("Leader", "member"): lambda r, n: ("已是{}", f"{r.delegation.name}{r.title}"),
    ("PresidiumMember", "member"): lambda r, n: ("已是{}", "主席团成员"),
    ("Motion", "lead"): lambda r, n: ("已领衔{}", _motion_no(r)),
    ("MotionSigner", "member"): _signer,
    ("NominationSigner", "member"): lambda r, n: ("已联名提名{}", f"{r.nomination.election.office}候选人"),
    ("Attendance", "member"): _attendance,
    ("PreScrutineer", "member"): lambda r, n: ("已是{}", f"{r.delegation.name}预选监票人"),
    # a suggestion made between sessions (one made during the session is the motion's, above)
    ("Suggestion", "lead"): lambda r, n: ("已领衔{}", number_words(r.period, r.number)),
    # of a person
    ("Office", "person"): lambda r, n: ("已是{}", f"{r.body}{r.title}"),
    ("SessionRole", "person"): lambda r, n: ("已是{}", f"大会{r.kind}"),
    ("Meeting", "host"): lambda r, n: ("已是{}的主持人", n.meeting(r.id)),
    ("Nominee", "person"): lambda r, n: ("已被提名为{}候选人", r.nomination.election.office),
    ("PollCandidate", "person"): lambda r, n: ("已列入{}的选票", r.poll_election.poll.title),
    ("Tally", "person"): lambda r, n: ("已有{}的得票", r.poll.title),
    ("PriorAbsence", "person"): lambda r, n: ("已有以往缺席记录（{}）", r.session),
    ("PreCandidate", "person"): lambda r, n: ("已是{}的候选人", _pre_round(r.round)),
    ("PreVote", "person"): lambda r, n: ("已有{}的得票", _pre_round(r.sheet.round)),
    ("PodiumPerson", "person"): lambda r, n: ("已列入{}的主席台名单", n.meeting(r.meeting_id)),
    # of a delegation
    ("Member", "delegation"): lambda r, n: ("已有人员{}", f"{r.person.name}（{r.role}）"),
    ("Leader", "delegation"): lambda r, n: ("已有{}", f"{r.title}{r.member.person.name}"),
    ("PreSheet", "delegation"): lambda r, n: ("已有{}的票数", _pre_round(r.round)),
    ("PreScrutineer", "delegation"): lambda r, n: ("已有{}", f"预选监票人{r.member.person.name}"),
}
_UNITS = {"已有人员{}": "人", "已在{}签到": "个会议", "已在{}请假": "个会议", "已在{}缺席": "个会议"}
# Foreign keys that are not records of another area: a person's roles are the roster itself; a
# seat in the hall follows the roster (the arrangement re-flows around whoever leaves, and the
# seat goes with its member by the key's cascade).
NOT_DEPENDENTS = {("Member", "person"), ("SeatAssignment", "member")}


def referencing_keys(target) -> list:
    """Every foreign key of the session's tables that points at TARGET (Member, Person, Delegation)."""
    return [f for model in store_models.ALL_MODELS for f in model._meta.sorted_fields
            if isinstance(f, ForeignKeyField) and f.rel_model is target
            and (model.__name__, f.name) not in NOT_DEPENDENTS]


def _dependents(target, row_id: int, names: _Names) -> list[Dependent]:
    found = []
    for key in referencing_keys(target):
        model = key.model
        describe = DESCRIPTIONS.get((model.__name__, key.name))
        for row in model.select().where(key == row_id).order_by(model._meta.primary_key):
            # a table without a description is still never forgotten
            group, item = describe(row, names) if describe else ("已有{}", f"{model.__name__} 记录")
            found.append(Dependent(model.__name__, row.id, group, item))
    return found


def member_dependents(member_id: int, *, person: bool | None = None) -> list[Dependent]:
    """What other areas recorded about a member: his seat on the presidium, a check-in, a motion
    he leads or signed … With PERSON, also what they recorded about the person (a session role,
    a nomination, a ballot); by default when the member is the person's only role, that is when
    removing the member removes the person too."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        return []
    if person is None:
        person = not Member.select().where((Member.person == member.person_id)
                                           & (Member.id != member_id)).exists()
    names = _Names()
    found = _dependents(Member, member_id, names)
    if person:
        found += _dependents(Person, member.person_id, names)
    return found


def delegation_dependents(delegation_id: int) -> list[Dependent]:
    """What is in a delegation or was recorded for it: its people, its leaders, preliminary counts."""
    return _dependents(Delegation, delegation_id, _Names())


def dependents_sentence(name: str, found: list[Dependent], *, limit: int = 5) -> str:
    """丁一 已是主席团成员，已在第一次全体会议签到 — rows of one kind said once, at most LIMIT
    items of each named, without a full stop (the caller says what to do)."""
    groups: dict[str, list[str]] = {}
    for dep in found:
        items = groups.setdefault(dep.group, [])
        if dep.item not in items:
            items.append(dep.item)
    phrases = []
    for group, items in groups.items():
        shown = "、".join(i for i in items[:limit] if i)
        if len(items) > limit:
            shown += f"等 {len(items)} {_UNITS.get(group, '项')}"
        phrases.append(group.replace("{}", shown))
    return f"{name} " + "，".join(phrases)

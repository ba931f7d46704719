"""The roster: delegations and the people in them. The only writer of these tables."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from peewee import fn

from meetingdesk import store
from meetingdesk.rules import people as people_rules
from meetingdesk.rules.collation import sort_names
from meetingdesk.store import Delegation, Leader, Member, Person, Session

from .errors import ServiceError

ROLE_ORDER = {role: i for i, role in enumerate(store.ROLES)}


@dataclass(frozen=True)
class MemberRow:
    member_id: int
    person_id: int
    name: str
    gender: str
    note: str
    work_title: str
    delegation_id: int
    delegation: str
    role: str
    status: str
    ended_on: dt.date | None = None
    end_reason: str = ""
    leader_title: str = ""  # 团长 / 副团长 / ""

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)

    @property
    def serving(self) -> bool:
        return self.status == store.STATUS_SERVING


@dataclass(frozen=True)
class MemberInput:
    """What a clerk enters for one person in one role."""

    name: str
    gender: str = ""
    note: str = ""
    work_title: str = ""
    delegation_id: int | None = None
    role: str = "代表"

    @classmethod
    def of(cls, row: MemberRow) -> MemberInput:
        return cls(row.name, row.gender, row.note, row.work_title, row.delegation_id, row.role)


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
    for (mid, pid, name, gender, note, title, did, dname, role, status, ended, reason) in query.tuples():
        rows.append(MemberRow(mid, pid, name, gender, note, title, did, dname, role, status,
                              ended, reason, leaders.get(mid, "")))
    return rows


def _member_query():
    return (Member.select(Member.id, Person.id, Person.name, Person.gender, Person.note,
                          Person.work_title, Delegation.id, Delegation.name, Member.role,
                          Member.status, Member.ended_on, Member.end_reason)
            .join(Person).switch(Member).join(Delegation))


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
                   work_title=data.work_title.strip(), gender=data.gender.strip())


def _validate(data: MemberInput, *, member_id: int | None = None) -> None:
    for err in (people_rules.check_name(data.name), people_rules.check_gender(data.gender)):
        if err:
            raise ServiceError(err.message, err.field)
    if data.role not in store.ROLES:
        raise ServiceError(f"身份只能是代表、列席或工作人员，不能是“{data.role}”。", "role")
    if data.delegation_id is None or Delegation.get_or_none(Delegation.id == data.delegation_id) is None:
        raise ServiceError("请选择所属代表团。", "delegation")
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


def add_member(data: MemberInput) -> int:
    """Register a person in a role; returns the new member id."""
    data = _clean(data)
    _validate(data)
    with store.database.atomic():
        person = Person.create(name=data.name, gender=data.gender, note=data.note,
                               work_title=data.work_title)
        member = Member.create(person=person, delegation=data.delegation_id, role=data.role)
    return member.id


def update_member(member_id: int, data: MemberInput) -> None:
    """Correct a person's entry: name, gender, note, title, delegation, role."""
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
        Person.update(name=data.name, gender=data.gender, note=data.note,
                      work_title=data.work_title).where(Person.id == member.person_id).execute()
        Member.update(delegation=data.delegation_id, role=data.role).where(
            Member.id == member_id).execute()


def move_member(member_id: int, delegation_id: int) -> None:
    row = get_member(member_id)
    update_member(member_id, replace(MemberInput.of(row), delegation_id=delegation_id))


def end_member(member_id: int, ended_on: dt.date, reason: str) -> None:
    """End a mandate (辞职, 调离…): the record stays, the person leaves every count and list."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise ServiceError("该人员已不存在（可能已被撤销）。")
    if not reason.strip():
        raise ServiceError("请填写终止原因（如“因工作调整辞去代表职务”）。", "reason")
    if ended_on is None:
        raise ServiceError("请填写终止日期。", "ended_on")
    _check_not_leader(member, "终止其资格")
    with store.database.atomic():
        Member.update(status=store.STATUS_ENDED, ended_on=ended_on,
                      end_reason=reason.strip()).where(Member.id == member_id).execute()


def reinstate_member(member_id: int) -> None:
    """Undo an ended mandate entered by mistake."""
    with store.database.atomic():
        Member.update(status=store.STATUS_SERVING, ended_on=None, end_reason="").where(
            Member.id == member_id).execute()


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


def add_delegation(name: str, room: str = "") -> int:
    name = name.strip()
    if not name:
        raise ServiceError("代表团名称不能为空。", "name")
    if Delegation.get_or_none(Delegation.name == name):
        raise ServiceError(f"已有名为“{name}”的代表团。", "name")
    with store.database.atomic():
        last = Delegation.select(fn.MAX(Delegation.position)).scalar() or 0
        return Delegation.create(name=name, room=room.strip(), position=last + 1).id


def update_delegation(delegation_id: int, *, name: str, room: str,
                      head_id: int | None, deputy_ids: list[int]) -> None:
    """Rename a delegation, set its room, its 团长 and its 副团长 (in printing order)."""
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
        if m is None or m.delegation_id != delegation_id or m.role != "代表" \
                or m.status != store.STATUS_SERVING:
            who = m.person.name if m else "所选人员"
            raise ServiceError(f"{title}必须是本代表团的在任代表，“{who}”不是。", field_name)
    with store.database.atomic():
        Delegation.update(name=name, room=room.strip()).where(Delegation.id == delegation_id).execute()
        Leader.delete().where(Leader.delegation == delegation_id).execute()
        if head_id is not None:
            Leader.create(delegation=delegation_id, member=head_id, title="团长", position=0)
        for i, mid in enumerate(deputy_ids, start=1):
            Leader.create(delegation=delegation_id, member=mid, title="副团长", position=i)


def delegation_choices() -> list[tuple[int, str]]:
    return [(d.id, d.name) for d in Delegation.select().order_by(Delegation.position, Delegation.id)]


def remove_delegation(delegation_id: int) -> None:
    """Delete an empty delegation (one created by mistake)."""
    if Member.select().where(Member.delegation == delegation_id).exists():
        raise ServiceError("代表团中还有人员，不能删除。请先把人员调到其他代表团。")
    with store.database.atomic():
        Delegation.delete().where(Delegation.id == delegation_id).execute()


def _delegates_on(day: dt.date):
    """The delegates who count on DAY: serving, or their mandate ended after DAY. A mandate ends
    on its end date: on that day the person no longer counts (as rules.motions.signed_while_serving)."""
    serving = Member.status == store.STATUS_SERVING
    ended_later = (Member.status == store.STATUS_ENDED) & (Member.ended_on > day)
    return (Member.role == "代表") & (serving | ended_later)


def delegates_on(day: dt.date) -> int:
    """全体代表 on DAY, the base of every majority."""
    return Member.select().where(_delegates_on(day)).count()


def delegate_names_on(day: dt.date) -> frozenset[str]:
    """Names of the delegates on DAY (a write-in for a 常委会 office must be one of them)."""
    query = Person.select(Person.name).join(Member).where(_delegates_on(day)).tuples()
    return frozenset(name for (name,) in query)

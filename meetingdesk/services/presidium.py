"""The presidium, the session's officers and the 执行主席 groups. The only writer of these tables.

Presidium members are serving delegates (a Member with role 代表). The officers of
SESSION_ROLES refer to people: 副秘书长 need not be delegates at all.
"""
from __future__ import annotations

from dataclasses import dataclass

from meetingdesk import store
from meetingdesk.rules import grouping
from meetingdesk.rules import people as people_rules
from meetingdesk.rules.collation import sort_names
from meetingdesk.rules.words import Role
from meetingdesk.store import (
    ChairGroup,
    ChairGroupMember,
    Delegation,
    Leader,
    Member,
    Office,
    Person,
    PresidiumMember,
    SessionRole,
)

from . import roster
from .errors import ServiceError

# Roles held by delegates only, checked when saved and again by the session check.
DELEGATE_ROLES = ("常务主席", "审查委员会主任委员", "审查委员会副主任委员", "审查委员会委员", "总监票人", "监票人")
PRESIDIUM_ROLES = ("秘书长", "常务主席")
SINGLE_ROLES = ("秘书长", "审查委员会主任委员", "总监票人")


@dataclass(frozen=True)
class PresidiumRow:
    presidium_id: int
    member_id: int
    person_id: int
    name: str
    gender: str
    note: str
    delegation: str
    category: str
    serving: bool
    standing: bool  # 常务主席

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)


@dataclass(frozen=True)
class Proposal:
    """A delegate the customary composition puts on the presidium who is not on it yet."""

    member_id: int
    name: str
    display: str
    delegation: str
    category: str
    reason: str


@dataclass(frozen=True)
class OfficeRow:
    office_id: int
    person_id: int
    name: str
    note: str
    display: str
    body: str
    title: str


@dataclass(frozen=True)
class RoleRow:
    role_id: int
    kind: str
    person_id: int
    name: str
    gender: str
    note: str
    position: int
    delegate: bool  # a serving delegate
    delegation: str  # of the delegate role, else of any role, else ""
    in_presidium: bool

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)


@dataclass(frozen=True)
class GroupRow:
    group_id: int
    position: int
    meeting_id: int | None
    host_id: int | None  # presidium_id of the 大会主持人
    members: tuple[PresidiumRow, ...]  # in the order of the group

    @property
    def host(self) -> PresidiumRow | None:
        return next((m for m in self.members if m.presidium_id == self.host_id), None)


# ---------------------------------------------------------------- presidium


def _standing_people() -> set[int]:
    return {pid for (pid,) in SessionRole.select(SessionRole.person)
            .where(SessionRole.kind == "常务主席").tuples()}


def _presidium_rows() -> dict[int, PresidiumRow]:
    standing = _standing_people()
    rows = (PresidiumMember.select(PresidiumMember, Member, Person, Delegation)
            .join(Member).join(Person).switch(Member).join(Delegation))
    found = {}
    for pm in rows:
        member = pm.member
        person = member.person
        found[pm.id] = PresidiumRow(
            pm.id, member.id, person.id, person.name, person.gender, person.note,
            member.delegation.name, pm.category,
            member.status == store.STATUS_SERVING, person.id in standing)
    return found


def sort_people(rows):
    """Stroke order, the note deciding between equal names: the one order of every list."""
    return sort_names(rows, key=lambda r: r.name + r.note,
                      single_name_first=roster._single_name_first())


def list_presidium() -> list[PresidiumRow]:
    """The presidium in stroke order (主席团名单以姓名笔画为序)."""
    return sort_people(list(_presidium_rows().values()))


def presidium_choices() -> list[tuple[int, str]]:
    return [(r.presidium_id, f"{r.display}（{r.delegation}）") for r in list_presidium()]


def _check_category(category: str) -> None:
    if category not in store.PRESIDIUM_CATEGORIES:
        raise ServiceError(f"主席团成员的组成方面只能是{'、'.join(store.PRESIDIUM_CATEGORIES)}之一，"
                           f"不能是“{category}”。", "category")


def add_presidium_member(member_id: int, category: str = "其他") -> int:
    _check_category(category)
    member = Member.get_or_none(id=member_id)
    if member is None:
        raise ServiceError("该人员已不存在（可能已被撤销）。", "member")
    if member.role != Role.DELEGATE or member.status != store.STATUS_SERVING:
        raise ServiceError(f"“{member.person.name}”不是在任代表，不能担任主席团成员。", "member")
    if PresidiumMember.get_or_none(member=member) is not None:
        raise ServiceError(f"“{member.person.name}”已是主席团成员。", "member")
    with store.database.atomic():
        last = PresidiumMember.select().count()
        return PresidiumMember.create(member=member, category=category, position=last).id


def set_category(presidium_id: int, category: str) -> None:
    _check_category(category)
    with store.database.atomic():
        if PresidiumMember.update(category=category).where(PresidiumMember.id == presidium_id).execute() != 1:
            raise ServiceError("该主席团成员已不存在。")


def remove_presidium_member(presidium_id: int) -> None:
    """Leaves the presidium, its groups, and the standing chairs and 秘书长 with it."""
    pm = PresidiumMember.get_or_none(id=presidium_id)
    if pm is None:
        raise ServiceError("该主席团成员已不存在。")
    with store.database.atomic():
        SessionRole.delete().where(SessionRole.person == pm.member.person_id,
                                   SessionRole.kind.in_(PRESIDIUM_ROLES)).execute()
        pm.delete_instance()


def implied_category(member_id: int, offices: list[tuple[str, str]], is_head: bool) -> tuple[str, str] | None:
    """(category, reason) the customary composition gives a delegate, or None.

    The 说明 of seed 000: 区委书记; 区委常委 not leading the government or the supervisory
    commission; 区人大常委会组成人员; 区政协主席; 代表团团长.
    """
    bodies = {body for body, _ in offices}
    for body, title in offices:
        if body == "区委" and title == "书记":
            return "区委书记", "区委书记"
    for body, title in offices:
        if body == "区人大常委会":
            return "人大常委会组成人员", f"区人大常委会{title}"
    for body, title in offices:
        if body == "区政协" and title == "主席":
            return "政协主席", "区政协主席"
    if is_head:
        return "代表团团长", "代表团团长"
    for body, title in offices:
        if body == "区委" and title != "书记" and not bodies & {"区人民政府", "区监察委员会"}:
            return "区委常委", f"区委{title}"
    return None


def propose_presidium() -> list[Proposal]:
    """Serving delegates the rule puts on the presidium who are not on it, in stroke order."""
    on = {pm.member_id for pm in PresidiumMember.select(PresidiumMember.member)}
    heads = {m for (m,) in Leader.select(Leader.member).where(Leader.title == "团长").tuples()}
    offices: dict[int, list[tuple[str, str]]] = {}
    for person_id, body, title in (Office.select(Office.person, Office.body, Office.title)
                                   .where(_held()).tuples()):
        offices.setdefault(person_id, []).append((body, title))
    found = []
    for row in roster.list_members(role=Role.DELEGATE):
        if row.member_id in on:
            continue
        implied = implied_category(row.member_id, offices.get(row.person_id, []), row.member_id in heads)
        if implied:
            found.append(Proposal(row.member_id, row.name, row.display, row.delegation, *implied))
    return found


def add_proposed(member_ids: list[int] | None = None) -> int:
    """Put the proposed delegates (all, or those of MEMBER_IDS) on the presidium; returns how many."""
    proposals = [p for p in propose_presidium() if member_ids is None or p.member_id in member_ids]
    with store.database.atomic():
        for p in proposals:
            add_presidium_member(p.member_id, p.category)
    return len(proposals)


# ---------------------------------------------------------------- offices


def _held():
    """An office held now: not ended (an office that ended with a mandate of unknown date has
    its reason and no date)."""
    return Office.ended_on.is_null() & (Office.end_reason == "")


def list_offices() -> list[OfficeRow]:
    """The offices held now (an office that ended with a mandate is history: roster.ended_with)."""
    rows = []
    for office in Office.select(Office, Person).join(Person).where(_held()):
        p = office.person
        rows.append(OfficeRow(office.id, p.id, p.name, p.note, people_rules.display_name(p.name, p.gender, p.note),
                              office.body, office.title))
    bodies = {b: i for i, b in enumerate(store.OFFICE_BODIES)}
    ordered = sort_people(rows)
    return sorted(ordered, key=lambda r: bodies.get(r.body, len(bodies)))


def add_office(person_id: int, body: str, title: str) -> int:
    title = title.strip()
    if body not in store.OFFICE_BODIES:
        raise ServiceError(f"任职机构只能是{'、'.join(store.OFFICE_BODIES)}之一。", "body")
    if not title:
        raise ServiceError("请填写职务，如“副主任”“委员”“书记”。", "title")
    person = Person.get_or_none(id=person_id)
    if person is None:
        raise ServiceError("该人员已不存在。", "person")
    if Office.get_or_none(person=person, body=body, title=title) is not None:
        raise ServiceError(f"“{person.name}”已登记{body}{title}。", "title")
    with store.database.atomic():
        return Office.create(person=person, body=body, title=title).id


def remove_office(office_id: int) -> None:
    with store.database.atomic():
        Office.delete().where(Office.id == office_id).execute()


# ---------------------------------------------------------------- officers


def person_choices() -> list[tuple[int, str]]:
    """Everyone in the roster (any role) and anyone registered only as an officer."""
    seen: dict[int, str] = {}
    for row in roster.list_members():
        seen.setdefault(row.person_id, f"{row.display}（{row.delegation}{row.role}）")
    for p in Person.select().where(Person.id.not_in(list(seen)) if seen else True):
        seen[p.id] = people_rules.display_name(p.name, p.gender, p.note)
    return list(seen.items())


def _person_facts() -> dict[int, tuple[bool, str]]:
    """person id -> (is a serving delegate, delegation shown)."""
    facts: dict[int, tuple[bool, str]] = {}
    for member in Member.select(Member, Delegation).join(Delegation):
        delegate = member.role == Role.DELEGATE and member.status == store.STATUS_SERVING
        old = facts.get(member.person_id)
        if old is None or (delegate and not old[0]):
            facts[member.person_id] = (delegate, member.delegation.name)
    return facts


def list_roles(kind: str) -> list[RoleRow]:
    """The officers of one kind in their order (the paper decides whether to sort them)."""
    return all_roles()[kind]


def all_roles() -> dict[str, list[RoleRow]]:
    """Every kind of SESSION_ROLES with its officers, read at once (the pages and the check
    want them all, and who is a delegate is worked out once for everybody)."""
    facts = _person_facts()
    in_presidium = {pid for (pid,) in PresidiumMember.select(Member.person)
                    .join(Member).tuples()}
    found: dict[str, list[RoleRow]] = {kind: [] for kind in store.SESSION_ROLES}
    query = (SessionRole.select(SessionRole, Person).join(Person)
             .order_by(SessionRole.position, SessionRole.id))
    for role in query:
        p = role.person
        delegate, delegation = facts.get(p.id, (False, ""))
        found.setdefault(role.kind, []).append(
            RoleRow(role.id, role.kind, p.id, p.name, p.gender, p.note, role.position,
                    delegate, delegation, p.id in in_presidium))
    return found


def _check_role(kind: str, person: Person) -> None:
    if kind not in store.SESSION_ROLES:
        raise ServiceError(f"没有“{kind}”这一职务。")
    if kind in PRESIDIUM_ROLES:
        on = (PresidiumMember.select().join(Member)
              .where(Member.person == person).exists())
        if not on:
            raise ServiceError(f"{kind}须是主席团成员，“{person.name}”不是。请先把他列入主席团。", "person")
    elif kind in DELEGATE_ROLES:
        delegate, _ = _person_facts().get(person.id, (False, ""))
        if not delegate:
            raise ServiceError(f"{role_label(kind)}须是在任代表，“{person.name}”不是。", "person")


def role_label(kind: str) -> str:
    return kind.replace("审查委员会", "议案审查委员会")


def set_roles(kind: str, person_ids: list[int]) -> None:
    """Replace the officers of one kind with PERSON_IDS, in that order."""
    if len(set(person_ids)) != len(person_ids):
        raise ServiceError(f"{role_label(kind)}名单中有重复的人。", "person")
    if kind in SINGLE_ROLES and len(person_ids) > 1:
        raise ServiceError(f"{role_label(kind)}只能有一人。", "person")
    people = []
    for pid in person_ids:
        person = Person.get_or_none(id=pid)
        if person is None:
            raise ServiceError("所选人员已不存在。", "person")
        _check_role(kind, person)
        people.append(person)
    with store.database.atomic():
        SessionRole.delete().where(SessionRole.kind == kind).execute()
        for i, person in enumerate(people):
            SessionRole.create(kind=kind, person=person, position=i)


def add_role(kind: str, person_id: int) -> int:
    ids = [r.person_id for r in list_roles(kind)]
    if person_id in ids:
        person = Person.get_by_id(person_id)
        raise ServiceError(f"“{person.name}”已是{role_label(kind)}。", "person")
    set_roles(kind, ids + [person_id])
    return SessionRole.get(kind=kind, person=person_id).id


def remove_role(kind: str, person_id: int) -> None:
    set_roles(kind, [r.person_id for r in list_roles(kind) if r.person_id != person_id])


def move_role(kind: str, person_id: int, step: int) -> None:
    """Move one officer up (step −1) or down (+1) in the printing order."""
    ids = [r.person_id for r in list_roles(kind)]
    if person_id not in ids:
        return
    i = ids.index(person_id)
    j = max(0, min(len(ids) - 1, i + step))
    ids.insert(j, ids.pop(i))
    set_roles(kind, ids)


def add_outside_person(name: str, gender: str = "", note: str = "") -> int:
    """A person who is in no delegation (a 副秘书长 from the standing committee's staff)."""
    name = people_rules.normalise_name(name)
    for err in (people_rules.check_name(name), people_rules.check_gender(gender)):
        if err:
            raise ServiceError(err.message, err.field)
    note = note.strip()
    same = [p.note for p in Person.select(Person.note).where(Person.name == name)]
    if same and (not note or note in same):
        raise ServiceError(f"已有“{name}”，请直接选择；若是另一人，请在备注中写明区别（如工作单位职务）。",
                           "note" if note else "name")
    with store.database.atomic():
        return Person.create(name=name, gender=gender, note=note).id


# ---------------------------------------------------------------- executive-chair groups


def list_groups() -> list[GroupRow]:
    rows = _presidium_rows()
    groups = []
    for group in ChairGroup.select().order_by(ChairGroup.position, ChairGroup.id):
        members = (ChairGroupMember.select().where(ChairGroupMember.group == group)
                   .order_by(ChairGroupMember.position, ChairGroupMember.id))
        groups.append(GroupRow(group.id, group.position, group.meeting_id, group.host_id,
                               tuple(rows[m.presidium_member_id] for m in members)))
    return groups


def get_group(group_id: int) -> GroupRow:
    for group in list_groups():
        if group.group_id == group_id:
            return group
    raise ServiceError("该执行主席组已不存在。")


def _plenaries() -> list[int]:
    from . import schedule  # schedule reads groups too; import late to keep modules apart

    return [m.meeting_id for m in schedule.list_meetings() if m.kind == "全体会议"]


def split_groups(count: int | None = None) -> list[GroupRow]:
    """Replace all groups with COUNT balanced ones (default: one per plenary), linked to the
    plenaries in date order, each hosted by its first standing chair."""
    plenaries = _plenaries()
    count = count or len(plenaries)
    members = list_presidium()
    if count < 1:
        raise ServiceError("日程中还没有全体会议，请先安排全体会议，或填写分组数。", "count")
    if count > len(members):
        raise ServiceError(f"主席团只有 {len(members)} 人，不能分成 {count} 组。", "count")
    order = {r.presidium_id: r for r in members}
    standing = [order_id for order_id in (_presidium_id_of(r.person_id) for r in list_roles("常务主席"))
                if order_id in order]
    dealt = grouping.split([r.presidium_id for r in members], count, standing=standing)
    with store.database.atomic():
        ChairGroup.delete().execute()
        for i, ids in enumerate(dealt):
            host = next((pid for pid in ids if pid in standing), None)
            group = ChairGroup.create(position=i, meeting=plenaries[i] if i < len(plenaries) else None,
                                      host=host)
            for j, pid in enumerate(ids):
                ChairGroupMember.create(group=group, presidium_member=pid, position=j)
    return list_groups()


def _presidium_id_of(person_id: int) -> int | None:
    pm = PresidiumMember.select().join(Member).where(Member.person == person_id).first()
    return pm.id if pm else None


def add_group(meeting_id: int | None = None) -> int:
    with store.database.atomic():
        if meeting_id is not None:
            _free_meeting(meeting_id)
        last = ChairGroup.select().count()
        return ChairGroup.create(position=last, meeting=meeting_id).id


def remove_group(group_id: int) -> None:
    with store.database.atomic():
        ChairGroup.delete().where(ChairGroup.id == group_id).execute()
        for i, group in enumerate(ChairGroup.select().order_by(ChairGroup.position, ChairGroup.id)):
            group.position = i
            group.save()


def _free_meeting(meeting_id: int) -> None:
    from meetingdesk.store import Meeting

    meeting = Meeting.get_or_none(id=meeting_id)
    if meeting is None:
        raise ServiceError("所选会议已不存在。", "meeting")
    if meeting.kind != "全体会议":
        raise ServiceError("执行主席组只主持全体会议。", "meeting")
    ChairGroup.update(meeting=None).where(ChairGroup.meeting == meeting_id).execute()


def set_group_meeting(group_id: int, meeting_id: int | None) -> None:
    """Link a group to a plenary; a group already linked to it is unlinked."""
    with store.database.atomic():
        if meeting_id is not None:
            _free_meeting(meeting_id)
        ChairGroup.update(meeting=meeting_id).where(ChairGroup.id == group_id).execute()


def set_host(group_id: int, presidium_id: int | None) -> None:
    if presidium_id is not None and not ChairGroupMember.select().where(
            ChairGroupMember.group == group_id, ChairGroupMember.presidium_member == presidium_id).exists():
        raise ServiceError("大会主持人须是本组执行主席。", "host")
    with store.database.atomic():
        ChairGroup.update(host=presidium_id).where(ChairGroup.id == group_id).execute()


def _write_group_order(group_id: int, ids: list[int]) -> None:
    ChairGroupMember.delete().where(ChairGroupMember.group == group_id).execute()
    for i, pid in enumerate(ids):
        ChairGroupMember.create(group=group_id, presidium_member=pid, position=i)


def place_in_group(presidium_id: int, group_id: int, *, from_group_id: int | None = None,
                   index: int | None = None) -> None:
    """Put a member into a group at INDEX (end by default), taking them out of FROM_GROUP_ID.

    This is drag and drop: from another group (a move), from the presidium list (an add,
    FROM_GROUP_ID None) or within one group (a reorder). A host moved out stops hosting.
    """
    if PresidiumMember.get_or_none(id=presidium_id) is None:
        raise ServiceError("该主席团成员已不存在。")
    target = get_group(group_id)
    with store.database.atomic():
        if from_group_id is not None and from_group_id != group_id:
            source = get_group(from_group_id)
            _write_group_order(from_group_id, [m.presidium_id for m in source.members
                                               if m.presidium_id != presidium_id])
            if source.host_id == presidium_id:
                ChairGroup.update(host=None).where(ChairGroup.id == from_group_id).execute()
        ids = [m.presidium_id for m in target.members]
        old = ids.index(presidium_id) if presidium_id in ids else None
        if old is not None:
            ids.pop(old)
        if index is None or index > len(ids):
            index = len(ids)
        elif old is not None and old < index:
            index -= 1
        ids.insert(max(0, index), presidium_id)
        _write_group_order(group_id, ids)


def remove_from_group(presidium_id: int, group_id: int) -> None:
    group = get_group(group_id)
    with store.database.atomic():
        _write_group_order(group_id, [m.presidium_id for m in group.members if m.presidium_id != presidium_id])
        if group.host_id == presidium_id:
            ChairGroup.update(host=None).where(ChairGroup.id == group_id).execute()

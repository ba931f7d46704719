"""Carrying a roster forward: a new session file for the next session of the same congress,
started from the last one's roster.

`plan_carry(old_path, number=…)` reads the old session (read-only; nothing in it changes) and
says what would be carried; `carry_forward(old_path, new_path, number=…)` carries it: it creates
NEW (services.session.create_session) and fills it in one transaction, so that a failure leaves
no new file. On success the new session is the one open, as after create_session.

What is carried:

* the session's region, term, city, 法定代表名额, quorum rule, the 选举和表决办法 settings, the
  stroke-order convention and the venue (the number and the dates are the new session's own; the
  常委会's announced figure is not carried, it is announced again);
* the delegations in their order, with their rooms;
* the delegates serving now, with their mandate (a 补选 delegate keeps the start, the
  constituency and the confirming meeting; one confirmed after the old session ended is carried
  too, serving from that day), in the same delegations, and the 团长 and 副团长;
* their open offices (区人大常委会 … : the presidium proposal of the next session reads them);
* earlier sessions' unexcused absences: the old file's PriorAbsence rows and the old session's
  own, a delegate written down 缺席 at a plenary of the mandate and present at none (as the
  出席情况统计表 marks 本次会议未经批准缺席), so the next session's table and its check for two
  sessions missed without leave see them.

A delegate whose mandate ended stays in the old session only: the record of the mandate belongs
to the sessions it served in. 列席 and 工作人员 are invited per session and are carried only with
`include_others`. Members keep their ids (and so the numbers on their badges).
"""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from meetingdesk import store
from meetingdesk.rules.numerals import chinese_number, session_title
from meetingdesk.rules.words import Role
from meetingdesk.store import Member

from . import attendance, presidium, roster, seating, session
from .errors import ServiceError

DELEGATE = Role.DELEGATE
OTHERS = (Role.ATTENDEE, Role.STAFF)
NOTE_HERE = "据上次会议到会记录结转"  # the note of an absence the old session's own records show


@dataclass(frozen=True)
class CarriedDelegation:
    """One delegation of the new session as the carry makes it."""

    name: str
    room: str
    counts: dict[str, int]  # role -> members carried
    head: str = ""
    deputies: tuple[str, ...] = ()

    def count(self, role: str) -> int:
        return self.counts.get(role, 0)


@dataclass(frozen=True)
class Absence:
    name: str
    session: str  # 第十一届人民代表大会第三次会议
    note: str = ""


@dataclass(frozen=True)
class CarryPlan:
    """What carrying OLD forward makes, read from the old file; the carry writes exactly this."""

    old_path: str
    old_title: str
    title: str  # the new session's
    number: int
    start_date: dt.date | None
    end_date: dt.date | None
    include_others: bool
    delegations: tuple[CarriedDelegation, ...]
    absences: tuple[Absence, ...]
    ended_left: tuple[str, ...]  # delegates whose mandate ended: they stay in the old session
    others_left: dict[str, int]  # 列席 / 工作人员 not carried, per role
    offices: int
    # what is written
    settings: dict = field(repr=False, default_factory=dict)
    bylaw: dict = field(repr=False, default_factory=dict)
    rows: tuple[roster.DelegationRow, ...] = field(repr=False, default=())
    members: tuple[roster.MemberRow, ...] = field(repr=False, default=())
    office_rows: tuple[presidium.OfficeRow, ...] = field(repr=False, default=())
    prior: tuple[tuple[int, str, str], ...] = field(repr=False, default=())  # (person, session, note)
    hall: seating.HallSpec | None = field(repr=False, default=None)  # as the new session gets it
    pins: tuple[seating.SeatState, ...] = field(repr=False, default=())  # pinned seats of carried members

    def total(self, role: str) -> int:
        return sum(d.count(role) for d in self.delegations)

    def lines(self, others_hint: str = "需要时选择一并结转") -> list[str]:
        """What the carry makes, in words: per delegation, then the totals, what stays behind
        and the absences carried (the CLI prints these, the dialog shows them)."""
        out = []
        for d in self.delegations:
            counts = "、".join(f"{role} {d.count(role)} 人" for role in store.ROLES
                               if role == DELEGATE or self.include_others)
            leaders = "，".join(part for part in (f"团长 {d.head}" if d.head else "",
                                                  f"副团长 {'、'.join(d.deputies)}" if d.deputies else "") if part)
            out.append(f"{d.name}：{counts}" + (f"（{leaders}）" if leaders else ""))
        roles = store.ROLES if self.include_others else (DELEGATE,)
        out.append(f"共 {len(self.delegations)} 个代表团，" + "、".join(f"{r} {self.total(r)} 人" for r in roles) + "。")
        if self.ended_left:
            out.append(f"资格已终止的代表 {len(self.ended_left)} 人留在上次会议，不结转。")
        left = "、".join(f"{role} {n} 人" for role, n in self.others_left.items() if n)
        if left:
            out.append(f"未结转{left}（每次会议另行邀请；{others_hint}）。")
        if self.offices:
            out.append(f"结转现任职务 {self.offices} 项。")
        if self.hall is not None:
            turn = ("，代表团座区按“每次大会轮换”前移 " f"{self.hall.rotation_step} 个代表团"
                    if self.hall.rotation == seating.Rotation.SESSION else "")
            pins = f"，固定座位 {len(self.pins)} 个照旧" if self.pins else ""
            out.append(f"结转会场“{self.hall.name}”（{len(self.hall.blocks)} 个区、{self.hall.capacity()} 个座位），"
                       f"按规则重新排座{turn}{pins}。")
        if self.absences:
            shown = "；".join(f"{a.name}（{a.session}）" for a in self.absences[:10])
            more = f"等 {len(self.absences)} 条" if len(self.absences) > 10 else ""
            out.append(f"结转以往未经批准缺席 {len(self.absences)} 条：{shown}{more}。")
        else:
            out.append("没有以往未经批准缺席的记录需要结转。")
        return out


def prior_name(term: int, number: int) -> str:
    """How a PriorAbsence names a session: 第十一届人民代表大会第三次会议."""
    return f"第{chinese_number(term)}届人民代表大会第{chinese_number(number)}次会议"


def plan_carry(old_path: str | Path, *, number: int | None = None, start_date: dt.date | None = None,
               end_date: dt.date | None = None, include_others: bool = False) -> CarryPlan:
    """Read OLD and say what carrying it forward would make; nothing is written anywhere.
    NUMBER None: the session after OLD's.

    When OLD is the session open now it is read as it is open; otherwise it is opened read-only
    and closed again (the session open before is then closed: the caller reopens it). A file of
    an older version, or one a crashed program left with its journal, would be upgraded or
    rolled back by opening it: a copy is read instead, so the old file stays exactly as it is."""
    old_path = Path(old_path)
    current = session.current_path()
    if current is not None and _same(current, old_path):
        return _read(old_path, number, start_date, end_date, include_others)
    if not old_path.is_file():
        raise ServiceError(f"找不到上次会议的文件“{old_path}”。", "old_path")
    found = store.check_session_file(old_path)
    beside = [old_path.with_name(old_path.name + extra) for extra in ("-journal", "-wal")]
    beside = [f for f in beside if f.exists() and f.stat().st_size]
    if found is not None and (found[1] < store.SCHEMA_VERSION or beside):
        with tempfile.TemporaryDirectory(prefix="meetingdesk-carry-") as folder:
            copy = Path(folder) / old_path.name
            for f in [old_path, *beside]:  # with its journal: the copy is the file as it stands
                shutil.copy2(f, copy.with_name(f.name))
            return _read_closed(copy, old_path, number, start_date, end_date, include_others)
    return _read_closed(old_path, old_path, number, start_date, end_date, include_others)


def _read_closed(path: Path, old_path: Path, number, start_date, end_date, include_others) -> CarryPlan:
    """Open PATH read-only, read it as OLD_PATH, close it."""
    session.open_session(path, session.READ)
    try:
        return _read(old_path, number, start_date, end_date, include_others)
    finally:
        session.close_session()


def carry_forward(old_path: str | Path, new_path: str | Path, *, number: int,
                  start_date: dt.date | None = None, end_date: dt.date | None = None,
                  include_others: bool = False) -> CarryPlan:
    """Create NEW as the next session after OLD, with OLD's roster carried (see the module);
    returns what was carried. All or nothing: a failure leaves no file at NEW. The new session
    is left open; OLD is never written."""
    old_path, new_path = Path(old_path), Path(new_path)
    if new_path.exists() or _same(old_path, new_path):
        raise ServiceError(f"文件“{new_path.name}”已存在，不会覆盖。请另选新会议文件的文件名。", "new_path")
    plan = plan_carry(old_path, number=number, start_date=start_date, end_date=end_date,
                      include_others=include_others)
    _write(plan, new_path)
    return plan


# ---------------------------------------------------------------- reading the old session


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _read(old_path: Path, number: int | None, start_date, end_date, include_others: bool) -> CarryPlan:
    info = session.session_info()
    number = info.number + 1 if number is None else number
    _check(info, number, start_date, end_date)
    roles = store.ROLES if include_others else (DELEGATE,)
    everyone = roster.list_members(include_ended=True)
    members = [m for m in everyone if m.serving and m.role in roles]
    carried_people = {m.person_id for m in members}
    ended_left = tuple(m.display for m in everyone if m.role == DELEGATE and not m.serving)
    others_left = {role: sum(1 for m in everyone if m.role == role and m.serving)
                   for role in OTHERS if role not in roles}
    rows = tuple(roster.list_delegations())
    delegations = []
    for d in rows:
        counts: dict[str, int] = {}
        for m in members:
            if m.delegation_id == d.delegation_id:
                counts[m.role] = counts.get(m.role, 0) + 1
        delegations.append(CarriedDelegation(d.name, d.room, counts, d.head.name if d.head else "",
                                             tuple(x.name for x in d.deputies)))
    names = {m.person_id: m.display for m in members}
    prior = [(p.person_id, p.session, p.note) for p in attendance.list_prior() if p.person_id in carried_people]
    here = prior_name(info.term, info.number)
    for line in attendance.session_table()[1]:
        pid = line.row.person_id
        if line.unexcused_here and pid in carried_people and (pid, here) not in {(p, s) for p, s, _ in prior}:
            prior.append((pid, here, NOTE_HERE))
    offices = tuple(o for o in presidium.list_offices() if o.person_id in carried_people)
    bylaw = session.bylaw()
    hall = seating.get_hall()
    if hall is not None and hall.rotation == seating.Rotation.SESSION:
        hall = replace(hall, rotation_start=hall.rotation_start + hall.rotation_step)
    carried = {m.member_id for m in members}
    pins = tuple(s for s in seating.pinned_seats() if s.member_id in carried) if hall is not None else ()
    return CarryPlan(
        old_path=str(old_path), old_title=info.title, title=session_title(info.region, info.term, number),
        number=number, start_date=start_date, end_date=end_date, include_others=include_others,
        delegations=tuple(delegations),
        absences=tuple(Absence(names[pid], text, note) for pid, text, note in prior),
        ended_left=ended_left, others_left=others_left, offices=len(offices),
        settings={"region": info.region, "term": info.term, "city": info.city, "venue": info.venue,
                  "statutory_delegates": info.statutory_delegates,
                  "single_name_first": info.single_name_first, "quorum_rule": info.quorum_rule},
        bylaw={f.name: getattr(bylaw, f.name) for f in fields(bylaw)},
        rows=rows, members=tuple(members), office_rows=offices, prior=tuple(prior), hall=hall, pins=pins)


def _check(info: session.SessionInfo, number: int, start_date, end_date) -> None:
    if number <= info.number:
        raise ServiceError(f"上次会议是第{chinese_number(info.number)}次会议，新会议应是第"
                           f"{chinese_number(info.number + 1)}次或以后的会议（现为第 {number} 次）。", "number")
    if start_date is not None and info.end_date is not None and start_date <= info.end_date:
        raise ServiceError(f"新会议的开幕日期 {start_date:%Y-%m-%d} 不在上次会议闭幕"
                           f"（{info.end_date:%Y-%m-%d}）之后。", "start_date")
    if start_date is not None and end_date is not None and end_date < start_date:
        raise ServiceError("闭幕日期早于开幕日期。", "end_date")


# ---------------------------------------------------------------- writing the new session


def _write(plan: CarryPlan, new_path: Path) -> None:
    s = plan.settings
    session.create_session(new_path, region=s["region"], term=s["term"], number=plan.number, city=s["city"],
                           start_date=plan.start_date, end_date=plan.end_date, venue=s["venue"],
                           statutory_delegates=s["statutory_delegates"],
                           single_name_first=s["single_name_first"])
    try:
        with store.database.atomic():
            session.update_session(quorum_rule=s["quorum_rule"])
            session.set_bylaw(**plan.bylaw)
            _write_roster(plan)
    except BaseException:
        session.close_session()
        for extra in ("", "-journal", "-wal", "-shm"):  # ours, just made: half a session is none
            new_path.with_name(new_path.name + extra).unlink(missing_ok=True)
        raise


def _write_roster(plan: CarryPlan) -> None:
    delegations = {d.delegation_id: roster.add_delegation(d.name, d.room, delegation_id=d.delegation_id)
                   for d in plan.rows}
    people: dict[int, int] = {}  # old person -> new
    members: dict[int, int] = {}  # old member -> new
    # a person without a 备注 before a namesake with one: the roster's rule for equal names
    for m in sorted(plan.members, key=lambda m: bool(m.note)):
        data = roster.MemberInput(m.name, m.gender, m.note, m.work_title, delegations[m.delegation_id],
                                  m.role, m.started_on, m.start_reason, m.constituency, m.confirmed_by)
        if m.person_id in people:  # a second role of one person
            members[m.member_id] = Member.create(
                id=m.member_id, person=people[m.person_id], delegation=data.delegation_id, role=m.role,
                started_on=m.started_on, start_reason=m.start_reason, constituency=m.constituency,
                confirmed_by=m.confirmed_by).id
            continue
        members[m.member_id] = roster.add_member(data, member_id=m.member_id, person_id=m.person_id)
        people[m.person_id] = Member.get_by_id(members[m.member_id]).person_id
    for d in plan.rows:
        head = members.get(d.head.member_id) if d.head else None
        roster.update_delegation(delegations[d.delegation_id], name=d.name, room=d.room, head_id=head,
                                 deputy_ids=[members[x.member_id] for x in d.deputies if x.member_id in members])
    for o in plan.office_rows:
        presidium.add_office(people[o.person_id], o.body, o.title)
    for pid, text, note in plan.prior:
        attendance.add_prior(people[pid], text, note)
    if plan.hall is not None:
        seating.set_hall(plan.hall)
        seating.restore(None, tuple(replace(pin, member_id=members[pin.member_id]) for pin in plan.pins))
        seating.rearrange()

"""The session as `check_session` reads it: every table the rules look at, read once.

`read()` reads each table in one query (about forty queries whatever the number of people,
meetings or polls), inside one read transaction, so every check sees the same moment of the
file. The checks then work on this snapshot in memory: who was expected at each meeting, the
attendance grouped by meeting, the count of each poll, the mandates of everybody — never a query
per meeting, per person or per poll (the old check re-read the whole roster six times and the roll
once per meeting: 8 s at 50,000 people).

Each view answers as the service it stands for does — `roster.list_delegations`,
`presidium.all_roles`, `schedule.list_meetings`, `elections.list_elections`, `counting.result`,
`preliminary.result`, `attendance.counts`, `attendance.strays`, `attendance.unexcused_flags` … —
worked out from the rows read here; tests/services/test_snapshot.py holds every view equal to its
service on sessions in many states, so a rule changed in a service and not here is caught.

Members are kept in `Mandate`s (a MemberRow's fields, light enough for 50,000 people) in member
id order, the order the services' queries return them; only what a check reports is put in stroke
order (`sort`), which gives the order the full sorted list would: the stroke key is a total order
and ties keep the id order.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, namedtuple
from functools import cached_property

from peewee import BooleanField, DateField, DateTimeField

from meetingdesk import store
from meetingdesk.rules import bylaw as bylaw_rules
from meetingdesk.rules import counting as count_rules
from meetingdesk.rules import elections as election_rules
from meetingdesk.rules import mandates as mandate_rules
from meetingdesk.rules import motions as motion_rules
from meetingdesk.rules import people as people_rules
from meetingdesk.rules import schedule as timing
from meetingdesk.rules.collation import sort_names
from meetingdesk.rules.words import AttendanceStatus, Role
from meetingdesk.store import (
    AgendaItem,
    Adoption,
    Attendance,
    BallotBox,
    ChairGroup,
    ChairGroupMember,
    Deadline,
    Delegation,
    Election,
    Leader,
    Meeting,
    MeetingItem,
    Member,
    Motion,
    MotionSigner,
    Nomination,
    NominationSigner,
    Nominee,
    Office,
    Person,
    Poll,
    PollCandidate,
    PollElection,
    PollItem,
    PreCandidate,
    PreRound,
    PreSheet,
    PresidiumMember,
    PreVote,
    PriorAbsence,
    Session,
    SessionRole,
    Sheet,
    Tally,
    VoteItem,
)

from . import attendance, counting, elections, motions, preliminary, presidium, roster, schedule, session

SERVING = store.STATUS_SERVING
ENDED = store.STATUS_ENDED
DELEGATE = Role.DELEGATE
PRESIDIUM_MEETING = "主席团会议"


class Mandate:
    """One member with the mandate (or role) it holds: the fields of roster.MemberRow, made
    cheaply; `row` is the MemberRow itself, for what a service's function takes."""

    __slots__ = ("member_id", "person_id", "name", "gender", "note", "work_title", "delegation_id",
                 "delegation", "role", "status", "ended_on", "end_reason", "leader_title", "started_on",
                 "start_reason", "constituency", "confirmed_by", "end_decision", "steady")

    def __init__(self, member_id, person_id, name, gender, note, work_title, delegation_id, delegation, role,
                 status, ended_on, end_reason, leader_title, started_on, start_reason, constituency,
                 confirmed_by, end_decision):
        self.member_id = member_id
        self.person_id = person_id
        self.name = name
        self.gender = gender
        self.note = note
        self.work_title = work_title
        self.delegation_id = delegation_id
        self.delegation = delegation
        self.role = role
        self.status = status
        self.ended_on = ended_on
        self.end_reason = end_reason
        self.leader_title = leader_title
        self.started_on = started_on
        self.start_reason = start_reason
        self.constituency = constituency
        self.confirmed_by = confirmed_by
        self.end_decision = end_decision
        # serving on every day the session asks about: no start of its own, not ended
        self.steady = started_on is None and status == SERVING

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)

    @property
    def serving(self) -> bool:
        return self.status == SERVING

    def serving_on(self, day: dt.date) -> bool:
        """roster.members_on's condition: started on or before DAY, and serving or ended after it."""
        if self.started_on is not None and day < self.started_on:
            return False
        if self.status == SERVING:
            return True
        return self.status == ENDED and self.ended_on is not None and self.ended_on > day

    @property
    def row(self) -> roster.MemberRow:
        return roster.MemberRow(
            self.member_id, self.person_id, self.name, self.gender, self.note, self.work_title,
            self.delegation_id, self.delegation, self.role, self.status, self.ended_on, self.end_reason,
            self.leader_title, self.started_on, self.start_reason, self.constituency, self.confirmed_by,
            self.end_decision)

    def __repr__(self) -> str:
        return f"Mandate({self.member_id}, {self.name!r}, {self.role}, {self.status})"


@dataclasses.dataclass(frozen=True)
class MotionFacts:
    """What the check asks of a motion (motions.MotionRow's fields of the same names)."""

    motion_id: int
    register_no: str
    problem: str | None
    withdrawn_at: dt.datetime | None
    decision: str


# An attendance record is kept as SQLite gives it (90,000 records at 50,000 people are not made
# into objects): (meeting id, member id, status, reason, approver, time, source).
STATUS, REASON, APPROVER, TIME, SOURCE = 2, 3, 4, 5, 6
NO_RECORD = (None, None, "", "", "", "", "")


# The SQL of each query, made once per process (key -> sql, params, converters, row type): the
# SQL of forty queries costs more than their rows at 5,000 people.
_STATEMENTS: dict[tuple, tuple[str, tuple, tuple, type | None]] = {}
_CONVERTED = (DateField, DateTimeField, BooleanField)


def _select(key: str, build, *, convert: bool = True, named: bool = False) -> list:
    """The rows of the query BUILD() makes. CONVERT: each date, time and boolean as peewee gives
    it (False: as SQLite holds it, for the large tables; convert what is wanted). NAMED: rows with
    the columns' names (a foreign key as `host_id`), else plain tuples."""
    key = (key, type(store.database.obj))  # the SQL differs by backend (its placeholders)
    statement = _STATEMENTS.get(key)
    if statement is None:
        query = build()
        sql, params = query.sql()
        fields = query.selected_columns
        converters = tuple(f.python_value if isinstance(f, _CONVERTED) else None for f in fields)
        row = namedtuple(f"{key[0]}_row", [f.column_name for f in fields]) if named else None
        statement = _STATEMENTS[key] = (sql, tuple(params), converters, row)
    sql, params, converters, row = statement
    rows = store.database.execute_sql(sql, params).fetchall()
    if convert and any(converters):
        at = [(i, c) for i, c in enumerate(converters) if c is not None]
        converted = []
        for r in rows:
            r = list(r)
            for i, c in at:
                if r[i] is not None:
                    r[i] = c(r[i])
            converted.append(r)
        rows = converted
    if row is not None:
        return [row(*r) for r in rows]
    return [tuple(r) for r in rows] if convert and any(converters) else rows


# The tables read whole (every row, these columns): store.db.quick_check leaves their texts to this
# reading, which decodes each text as strictly (services.checks takes a damage error here as the
# check's own finding).
PERSON_COLUMNS = (Person.id, Person.name, Person.gender, Person.note, Person.work_title)
MEMBER_COLUMNS = (Member.id, Member.person, Member.delegation, Member.role, Member.status, Member.ended_on,
                  Member.end_reason, Member.started_on, Member.start_reason, Member.constituency, Member.confirmed_by,
                  Member.end_decision)
ATTENDANCE_COLUMNS = (Attendance.meeting, Attendance.member, Attendance.status, Attendance.reason,
                      Attendance.approver, Attendance.time, Attendance.source)
READ_WHOLE: dict[str, frozenset[str]] = {
    columns[0].model._meta.table_name: frozenset(f.column_name for f in columns)
    for columns in (PERSON_COLUMNS, MEMBER_COLUMNS, ATTENDANCE_COLUMNS)}


def _held(ended_on, end_reason) -> bool:
    """presidium._held: an office held now (one that ended with a mandate of unknown date has its
    reason and no date)."""
    return ended_on is None and end_reason == ""


def read() -> Snapshot:
    """The open session, read once."""
    with store.database.atomic():
        return Snapshot()


class Snapshot:
    """The session's tables as read once, and the services' views of them (see the module)."""

    def __init__(self) -> None:
        [s] = _select("session", lambda: Session.select().limit(1), named=True)
        self._session = s
        self.single_name_first = bool(s.single_name_first)
        self.bylaw = bylaw_rules.from_json(s.bylaw)
        # person id -> (id, name, gender, note, work title), as read
        self.persons: dict[int, tuple[int, str, str, str, str]] = {row[0]: row for row in _select(
            "person", lambda: Person.select(*PERSON_COLUMNS), convert=False)}
        self.delegation_rows: list[tuple[int, str, int, str]] = _select("delegation", lambda: Delegation.select(
            Delegation.id, Delegation.name, Delegation.position, Delegation.room).order_by(Delegation.position,
                                                                                           Delegation.id))
        self.leader_rows: list[tuple[int, int, int, str, int]] = _select("leader", lambda: Leader.select(
            Leader.id, Leader.delegation, Leader.member, Leader.title, Leader.position).order_by(Leader.id))
        self._read_members()
        self.office_rows = _select("office", lambda: Office.select(
            Office.id, Office.person, Office.body, Office.title, Office.ended_on, Office.end_reason).order_by(Office.id))
        self.presidium_rows_raw = _select("presidium", lambda: PresidiumMember.select(
            PresidiumMember.id, PresidiumMember.member, PresidiumMember.category))
        self.role_rows = _select("role", lambda: SessionRole.select(
            SessionRole.id, SessionRole.kind, SessionRole.person, SessionRole.position).order_by(
            SessionRole.position, SessionRole.id))
        self.meeting_rows = _select("meeting", lambda: Meeting.select().order_by(Meeting.id), named=True)
        self.item_rows = _select("item", lambda: MeetingItem.select(
            MeetingItem.id, MeetingItem.meeting, MeetingItem.text).order_by(MeetingItem.position, MeetingItem.id))
        self.group_rows = _select("group", lambda: ChairGroup.select(
            ChairGroup.id, ChairGroup.meeting, ChairGroup.host, ChairGroup.position).order_by(
            ChairGroup.position, ChairGroup.id))
        self.group_member_rows = _select("group_member", lambda: ChairGroupMember.select(
            ChairGroupMember.group, ChairGroupMember.presidium_member).order_by(
            ChairGroupMember.position, ChairGroupMember.id))
        self.agenda_ids = [i for (i,) in _select("agenda", lambda: AgendaItem.select(AgendaItem.id))]
        self.adoptions = dict(_select("adoption", lambda: Adoption.select(Adoption.paper, Adoption.meeting)))
        self.deadlines = dict(_select("deadline", lambda: Deadline.select(Deadline.kind, Deadline.at)))
        self.motion_rows = _select("motion", lambda: Motion.select(
            Motion.id, Motion.kind, Motion.number, Motion.submitter, Motion.received_at, Motion.withdrawn_at,
            Motion.decision).order_by(Motion.id))
        self.motion_signer_rows = _select("motion_signer", lambda: MotionSigner.select(
            MotionSigner.motion, MotionSigner.member).order_by(MotionSigner.position, MotionSigner.id))
        self.election_rows = _select("election", lambda: Election.select().order_by(Election.position, Election.id),
                                     named=True)
        self.nomination_rows = _select("nomination", lambda: Nomination.select(
            Nomination.id, Nomination.election, Nomination.nominator, Nomination.organisation,
            Nomination.received_at, Nomination.withdrawn_at).order_by(Nomination.received_at, Nomination.id))
        self.nomination_signer_rows = _select("nomination_signer", lambda: NominationSigner.select(
            NominationSigner.nomination, NominationSigner.member).order_by(NominationSigner.position,
                                                                           NominationSigner.id))
        self.nominee_rows = _select("nominee", lambda: Nominee.select(
            Nominee.nomination, Nominee.person, Nominee.withdrawn_at, Nominee.withdraw_reason).order_by(
            Nominee.position, Nominee.id))
        self.poll_rows_raw = _select("poll", lambda: Poll.select().order_by(Poll.created_at, Poll.id), named=True)
        self.poll_election_rows = _select("poll_election", lambda: PollElection.select(
            PollElection.id, PollElection.poll, PollElection.election, PollElection.seats).order_by(
            PollElection.position, PollElection.id))
        self.poll_candidate_rows = _select("poll_candidate", lambda: PollCandidate.select(
            PollCandidate.poll_election, PollCandidate.person).order_by(PollCandidate.position, PollCandidate.id))
        self.poll_item_rows = _select("poll_item", lambda: PollItem.select(
            PollItem.id, PollItem.poll, PollItem.vote_item).order_by(PollItem.position, PollItem.id))
        self.vote_item_titles = dict(_select("vote_item", lambda: VoteItem.select(VoteItem.id, VoteItem.title)))
        self.box_rows = _select("box", lambda: BallotBox.select(
            BallotBox.id, BallotBox.name, BallotBox.position).order_by(BallotBox.id))
        self.sheet_rows = _select("sheet", lambda: Sheet.select(
            Sheet.poll, Sheet.box, Sheet.entry, Sheet.paper, Sheet.issued, Sheet.returned).order_by(Sheet.id))
        self.tally_rows = _select("tally", lambda: Tally.select(
            Tally.poll, Tally.box, Tally.entry, Tally.poll_election, Tally.person, Tally.write_in, Tally.poll_item,
            Tally.yes, Tally.no, Tally.abstain, Tally.void).order_by(Tally.id))
        self.pre_round_rows = _select("pre_round", lambda: PreRound.select(
            PreRound.id, PreRound.election, PreRound.number, PreRound.places, PreRound.adopted_at).order_by(
            PreRound.number, PreRound.id))
        self.pre_candidate_rows = _select("pre_candidate", lambda: PreCandidate.select(
            PreCandidate.round, PreCandidate.person).order_by(PreCandidate.position, PreCandidate.id))
        self.pre_sheet_rows = _select("pre_sheet", lambda: PreSheet.select(
            PreSheet.id, PreSheet.round, PreSheet.delegation, PreSheet.entry, PreSheet.present, PreSheet.issued,
            PreSheet.returned, PreSheet.void).order_by(PreSheet.id))
        self.pre_vote_rows = _select("pre_vote", lambda: PreVote.select(
            PreVote.sheet, PreVote.person, PreVote.yes).order_by(PreVote.id))
        # the attendance, grouped by meeting: member id -> its record
        self.records: dict[int, dict[int, tuple]] = {}
        meeting_id, mine = None, {}
        for record in _select("attendance", lambda: (
                Attendance.select(*ATTENDANCE_COLUMNS).order_by(Attendance.id)),
                convert=False):
            if record[0] != meeting_id:
                meeting_id = record[0]
                mine = self.records.setdefault(meeting_id, {})
            mine[record[1]] = record
        self.prior: dict[int, list[str]] = {}
        for pid, text in _select("prior", lambda: PriorAbsence.select(PriorAbsence.person, PriorAbsence.session)
                                 .order_by(PriorAbsence.id)):
            self.prior.setdefault(pid, []).append(text)

    def _read_members(self) -> None:
        """Every member (ended ones too) with its person, its delegation's name and its leader's title:
        roster's MemberRow for each, as cheap Mandates."""
        names = {did: name for did, name, _, _ in self.delegation_rows}
        titles = {member_id: title for _, _, member_id, title, _ in self.leader_rows}
        persons = self.persons
        ended_value, started_value = Member.ended_on.python_value, Member.started_on.python_value
        members: dict[int, Mandate] = {}
        for (mid, pid, did, role, status, ended, reason, started, start_reason, constituency, confirmed_by,
             decision) in _select("member", lambda: Member.select(*MEMBER_COLUMNS).order_by(Member.id),
                                  convert=False):
            person = persons.get(pid)
            if person is None:
                continue  # roster's query joins Person: a member without one is not listed
            dname = names.get(did)
            members[mid] = Mandate(
                mid, pid, person[1], person[2], person[3], person[4], did if dname is not None else None,
                dname or "", role, status, None if ended is None else ended_value(ended), reason,
                titles.get(mid, ""), None if started is None else started_value(started), start_reason,
                constituency, confirmed_by, decision)
        self.members = members

    # ------------------------------------------------------------ people and the roster

    def sort(self, rows: list) -> list:
        """roster.sort_members: stroke order, the note deciding between equal names."""
        return sort_names(rows, key=lambda r: r.name + r.note, single_name_first=self.single_name_first)

    def person_display(self, person_id: int) -> str:
        _, name, gender, note, _ = self.persons[person_id]
        return people_rules.display_name(name, gender, note)

    @cached_property
    def serving(self) -> list[Mandate]:
        """roster.list_members(), in member id order."""
        return [m for m in self.members.values() if m.status == SERVING]

    @cached_property
    def info(self) -> session.SessionInfo:
        s = self._session
        counts = {role: 0 for role in store.ROLES}
        for m in self.serving:
            counts[m.role] = counts.get(m.role, 0) + 1
        return session.SessionInfo(
            path=str(session.current_path() or ""), city=s.city, region=s.region, term=s.term, number=s.number,
            start_date=s.start_date, end_date=s.end_date, venue=s.venue, statutory_delegates=s.statutory_delegates,
            announced_delegates=s.announced_delegates, single_name_first=s.single_name_first,
            quorum_rule=s.quorum_rule, counts=counts)

    @cached_property
    def positions(self) -> dict[int | None, int]:
        """attendance._positions: the delegations' printing order, no delegation last."""
        found: dict[int | None, int] = {did: pos for did, _, pos, _ in self.delegation_rows}
        found[None] = max(found.values(), default=0) + 1
        return found

    @cached_property
    def delegations(self) -> list[roster.DelegationRow]:
        """roster.list_delegations()."""
        counts: dict[int, dict[str, int]] = {}
        for m in self.serving:
            if m.delegation_id is not None:
                by_role = counts.setdefault(m.delegation_id, {})
                by_role[m.role] = by_role.get(m.role, 0) + 1
        heads: dict[int, roster.MemberRow] = {}
        deputies: dict[int, list[roster.MemberRow]] = {}
        for _, did, member_id, title, _ in sorted(self.leader_rows, key=lambda r: (r[4], r[0])):
            member = self.members.get(member_id)
            if member is None:
                continue
            if title == "团长":
                heads[did] = member.row
            else:
                deputies.setdefault(did, []).append(member.row)
        return [roster.DelegationRow(did, name, pos, room, heads.get(did), tuple(deputies.get(did, ())),
                                     counts.get(did, {}))
                for did, name, pos, room in self.delegation_rows]

    @cached_property
    def _steady(self) -> tuple[list[Mandate], list[Mandate]]:
        """(members who serve on every day, those whose start or end depends on the day)."""
        steady, changing = [], []
        for m in self.members.values():
            (steady if m.steady else changing).append(m)
        return steady, changing

    def members_on(self, day: dt.date) -> list[Mandate]:
        """roster.members_on(DAY), those serving every day first, each part in member id order."""
        steady, changing = self._steady
        return steady + [m for m in changing if m.serving_on(day)]

    @cached_property
    def _steady_roles(self) -> dict[str, int]:
        """Members per role among those serving every day."""
        found: dict[str, int] = {}
        for m in self._steady[0]:
            found[m.role] = found.get(m.role, 0) + 1
        return found

    def delegates_on(self, day: dt.date) -> int:
        """roster.delegates_on(DAY)."""
        return self._steady_roles.get(DELEGATE, 0) + sum(
            1 for m in self._steady[1] if m.role == DELEGATE and m.serving_on(day))

    def delegate_names_on(self, day: dt.date) -> frozenset[str]:
        """roster.delegate_names_on(DAY)."""
        return frozenset(m.name for m in self.members_on(day) if m.role == DELEGATE)

    @cached_property
    def by_person(self) -> dict[int, list[Mandate]]:
        found: dict[int, list[Mandate]] = {}
        for m in self.members.values():
            found.setdefault(m.person_id, []).append(m)
        return found

    # ------------------------------------------------------------ offices

    @cached_property
    def held_offices(self) -> dict[int, list[tuple[str, str]]]:
        """person id -> (body, title) of the offices held now, in presidium.list_offices' order."""
        bodies = {b: i for i, b in enumerate(store.OFFICE_BODIES)}
        found: dict[int, list[tuple[int, int, str, str]]] = {}
        for oid, pid, body, title, ended_on, reason in self.office_rows:
            if _held(ended_on, reason) and pid in self.persons:
                found.setdefault(pid, []).append((bodies.get(body, len(bodies)), oid, body, title))
        return {pid: [(body, title) for _, _, body, title in sorted(rows)] for pid, rows in found.items()}

    def ended_with(self, member: Mandate) -> list[str]:
        """roster.ended_with: the offices that ended with the member's mandate, worded."""
        if member.status != ENDED:
            return []
        return [f"{body}{title}" for _, _, body, title, ended_on, _ in self.ended_offices.get(member.person_id, ())
                if ended_on == member.ended_on]

    @cached_property
    def ended_offices(self) -> dict[int, list]:
        """person id -> the office rows that ended with a mandate."""
        found: dict[int, list] = {}
        for row in self.office_rows:
            if row[5] == mandate_rules.OFFICES_END_WITH:
                found.setdefault(row[1], []).append(row)
        return found

    # ------------------------------------------------------------ the presidium and the officers

    @cached_property
    def standing_people(self) -> set[int]:
        return {pid for _, kind, pid, _ in self.role_rows if kind == "常务主席"}

    @cached_property
    def presidium_by_id(self) -> dict[int, presidium.PresidiumRow]:
        """presidium._presidium_rows(): in the query's order (by member)."""
        found = {}
        for pm_id, member_id, category in sorted(self.presidium_rows_raw, key=lambda r: (r[1], r[0])):
            m = self.members.get(member_id)
            if m is None or m.delegation_id is None:
                continue  # the query joins Delegation: one in none is not listed
            found[pm_id] = presidium.PresidiumRow(
                pm_id, m.member_id, m.person_id, m.name, m.gender, m.note, m.delegation, category,
                m.status == SERVING, m.person_id in self.standing_people)
        return found

    @cached_property
    def presidium(self) -> list[presidium.PresidiumRow]:
        """presidium.list_presidium()."""
        return self.sort(list(self.presidium_by_id.values()))

    @cached_property
    def presidium_member_ids(self) -> set[int]:
        return {member_id for _, member_id, _ in self.presidium_rows_raw}

    @cached_property
    def proposals(self) -> list[presidium.Proposal]:
        """presidium.propose_presidium()."""
        heads = {member_id for _, _, member_id, title, _ in self.leader_rows if title == "团长"}
        offices: dict[int, list[tuple[str, str]]] = {}
        for _, pid, body, title, ended_on, reason in self.office_rows:
            if _held(ended_on, reason):
                offices.setdefault(pid, []).append((body, title))
        implied: dict[int, tuple[str, str]] = {}
        for m in self.serving:
            if m.role != DELEGATE or m.member_id in self.presidium_member_ids:
                continue
            if m.person_id not in offices and m.member_id not in heads:
                continue  # implied_category finds nothing without an office or the head's title
            found = presidium.implied_category(m.member_id, offices.get(m.person_id, []), m.member_id in heads)
            if found:
                implied[m.member_id] = found
        return [presidium.Proposal(m.member_id, m.name, m.display, m.delegation, *implied[m.member_id])
                for m in self.sort([self.members[member_id] for member_id in implied])]

    @cached_property
    def roles(self) -> dict[str, list[presidium.RoleRow]]:
        """presidium.all_roles()."""
        officers = {pid for _, _, pid, _ in self.role_rows}
        facts: dict[int, tuple[bool, str]] = {}
        for m in self.members.values():
            if m.delegation_id is None or m.person_id not in officers:
                continue  # the query joins Delegation; only the officers' facts are wanted
            delegate = m.role == DELEGATE and m.status == SERVING
            old = facts.get(m.person_id)
            if old is None or (delegate and not old[0]):
                facts[m.person_id] = (delegate, m.delegation)
        in_presidium = {self.members[member_id].person_id for _, member_id, _ in self.presidium_rows_raw
                        if member_id in self.members}
        found: dict[str, list[presidium.RoleRow]] = {kind: [] for kind in store.SESSION_ROLES}
        for role_id, kind, pid, position in self.role_rows:
            person = self.persons.get(pid)
            if person is None:
                continue
            delegate, delegation = facts.get(pid, (False, ""))
            found.setdefault(kind, []).append(presidium.RoleRow(
                role_id, kind, pid, person[1], person[2], person[3], position, delegate, delegation,
                pid in in_presidium))
        return found

    @cached_property
    def groups(self) -> list[presidium.GroupRow]:
        """presidium.list_groups()."""
        rows = self.presidium_by_id
        members: dict[int, list[int]] = {}
        for group_id, pm_id in self.group_member_rows:
            members.setdefault(group_id, []).append(pm_id)
        return [presidium.GroupRow(gid, position, meeting_id, host_id,
                                   tuple(rows[pm_id] for pm_id in members.get(gid, [])))
                for gid, meeting_id, host_id, position in self.group_rows]

    # ------------------------------------------------------------ the schedule

    @cached_property
    def meetings(self) -> list[schedule.MeetingRow]:
        """schedule.list_meetings()."""
        ordered = sorted(self.meeting_rows,
                         key=lambda m: timing.order_key(m.date, m.half, m.start, m.position) + (m.id,))
        items: dict[int, list[schedule.ItemRow]] = {}
        for item_id, meeting_id, text in self.item_rows:
            mine = items.setdefault(meeting_id, [])
            mine.append(schedule.ItemRow(item_id, len(mine), text))
        groups = {meeting_id: gid for gid, meeting_id, _, _ in self.group_rows if meeting_id is not None}
        presidium_members = {pm_id: member_id for pm_id, member_id, _ in self.presidium_rows_raw}
        host_names = {}
        for gid, _, host_id, _ in self.group_rows:
            member = self.members.get(presidium_members.get(host_id))
            if member is not None:
                host_names[gid] = member.name
        counters: dict[str, int] = {}
        rows = []
        for m in ordered:
            number = None
            if m.kind in ("全体会议", PRESIDIUM_MEETING):
                counters[m.kind] = number = counters.get(m.kind, 0) + 1
            group = groups.get(m.id)
            if m.kind == "全体会议":
                host_id = None
                host_name = host_names.get(group, "") if group else ""
            else:
                host_id = m.host_id
                host_name = self.persons[m.host_id][1] if m.host_id and m.host_id in self.persons else ""
            rows.append(schedule.MeetingRow(m.id, m.date, m.half, m.start, m.end, m.kind, number, m.title, m.place,
                                            host_id, host_name, m.printed, group,
                                            tuple(items.get(m.id, []))))
        return rows

    @cached_property
    def meeting_by_id(self) -> dict[int, schedule.MeetingRow]:
        return {m.meeting_id: m for m in self.meetings}

    @cached_property
    def recorded_expected(self) -> dict[int, int | None]:
        """Meeting.expected: the 应到 recorded when attendance was first taken."""
        return {m.id: m.expected for m in self.meeting_rows}

    def adoption(self, paper: str) -> int | None:
        """schedule.adoption(PAPER).meeting_id."""
        return self.adoptions.get(paper)

    # ------------------------------------------------------------ motions and elections

    def _signer(self, member: Mandate) -> motions.SignerRow:
        return motions.SignerRow(member.member_id, member.name, member.gender, member.delegation,
                                 member.status == SERVING, member.ended_on, member.started_on)

    @cached_property
    def motions(self) -> list[MotionFacts]:
        """motions.list_motions(kind="议案"): the register number, the rule broken, the state."""
        deadline = self.deadlines.get("议案")
        signers: dict[int, list[Mandate]] = {}
        for motion_id, member_id in self.motion_signer_rows:
            member = self.members.get(member_id)
            if member is not None:
                signers.setdefault(motion_id, []).append(member)
        rows = []
        for motion_id, kind, number, submitter, received_at, withdrawn_at, decision in self.motion_rows:
            if kind != "议案":
                continue
            problem = None
            if withdrawn_at is None:
                serving = motion_rules.count_signers(
                    (s.member_id, motion_rules.signed_while_serving(s.status == SERVING, s.ended_on, received_at,
                                                                    s.started_on))
                    for s in signers.get(motion_id, []))
                problem = motion_rules.motion_problem(kind, submitter, serving, received_at, deadline)
            rows.append((number, MotionFacts(motion_id, f"议案原案第{number}号", problem, withdrawn_at, decision)))
        rows.sort(key=lambda r: r[0])
        return [r[1] for r in rows]

    @cached_property
    def elections(self) -> list[elections.ElectionRow]:
        """elections.list_elections()."""
        deadline = self.deadlines.get("提名")
        signers: dict[int, list[motions.SignerRow]] = {}
        for nid, member_id in self.nomination_signer_rows:
            member = self.members.get(member_id)
            if member is not None:
                signers.setdefault(nid, []).append(self._signer(member))
        nominees: dict[int, list[elections.NomineeRow]] = {}
        for nid, pid, withdrawn_at, reason in self.nominee_rows:
            person = self.persons.get(pid)
            if person is not None:
                nominees.setdefault(nid, []).append(
                    elections.NomineeRow(pid, person[1], person[2], person[3], withdrawn_at, reason))
        nominations: dict[int, list[elections.NominationRow]] = {}
        for nid, eid, nominator, organisation, received_at, withdrawn_at in self.nomination_rows:
            late = motion_rules.is_late(received_at, deadline)
            nominations.setdefault(eid, []).append(elections.NominationRow(
                nid, eid, nominator, organisation, received_at, withdrawn_at, tuple(signers.get(nid, [])),
                tuple(nominees.get(nid, [])), late))
        rows = []
        for e in self.election_rows:
            mine = nominations.get(e.id, [])
            rows.append(elections.ElectionRow(e.id, e.office, e.seats, e.mode, e.rule, e.position, e.fixed_on,
                                              tuple(mine), self._candidates(mine), e.write_ins, e.candidates,
                                              e.body or election_rules.body_of(e.office)))
        return rows

    def _candidates(self, nominations: list[elections.NominationRow]) -> tuple[elections.NomineeRow, ...]:
        seen: dict[int, elections.NomineeRow] = {}
        for n in nominations:
            if n.late:
                continue
            for person in n.active_nominees:
                seen.setdefault(person.person_id, person)
        return tuple(self.sort(list(seen.values())))

    @cached_property
    def candidate_person_ids(self) -> set[int]:
        """elections.candidate_person_ids()."""
        return {c.person_id for e in self.elections for c in e.candidates}

    def _not_a_delegate(self, person_id: int) -> str | None:
        """elections._not_a_delegate."""
        roles = [(m.role, m.status) for m in self.by_person.get(person_id, [])]
        if any(role == DELEGATE and status == SERVING for role, status in roles):
            return None
        if any(role == DELEGATE for role, _ in roles):
            return "的代表资格已终止"
        if roles:
            return "是" + "、".join(dict.fromkeys(f"{role}人员" if role == Role.ATTENDEE else role for role, _ in roles)) + \
                "，不是代表"
        return "不是本级人民代表大会代表"

    @cached_property
    def standing_problems(self) -> list[tuple[elections.ElectionRow, str]]:
        """elections.standing_problems(), from what was read once."""
        serving = {m.person_id for m in self.serving if m.role == DELEGATE}
        return elections.standing_problems_of(self.elections, serving, self._not_a_delegate)

    @cached_property
    def _elections_by_id(self) -> dict:
        return {e.id: e for e in self.election_rows}

    def delegates_only(self, election_id: int) -> bool:
        """elections.delegates_only(ELECTION_ID)."""
        e = self._elections_by_id[election_id]
        return election_rules.delegates_only(e.body or election_rules.body_of(e.office))

    # ------------------------------------------------------------ attendance

    def expects(self, meeting: schedule.MeetingRow, member: Mandate | None) -> bool:
        """Whether MEETING's roll holds MEMBER (attendance._expected_members' rule): a presidium
        meeting its members, any other one every role; whoever served on the meeting's date."""
        if member is None:
            return False
        if meeting.kind == PRESIDIUM_MEETING:
            if member.role != DELEGATE or member.member_id not in self.presidium_member_ids:
                return False
        elif member.role not in store.ROLES:
            return False
        return member.steady or member.serving_on(meeting.date)

    def expected(self, meeting: schedule.MeetingRow) -> list[Mandate]:
        """attendance._expected_members(MEETING), in member id order."""
        if meeting.kind == PRESIDIUM_MEETING:
            candidates = sorted((self.members[m] for m in self.presidium_member_ids if m in self.members),
                                key=lambda m: m.member_id)
        else:
            candidates = self.members.values()
        return [m for m in candidates if self.expects(meeting, m)]

    def _roll_order(self, meeting: schedule.MeetingRow, members: list[Mandate]) -> list[Mandate]:
        """MEMBERS in the roll's order: by role, by delegation, in stroke order within it."""
        roles = attendance.expected_roles(meeting)
        positions = self.positions
        return sorted(self.sort(members), key=lambda m: (roles.index(m.role), positions.get(m.delegation_id, 0)))

    def roll(self, meeting_id: int) -> list[attendance.RollRow]:
        """attendance.roll(MEETING_ID)."""
        meeting = self.meeting_by_id[meeting_id]
        records = self.records.get(meeting_id, {})
        rows = []
        for m in self._roll_order(meeting, self.expected(meeting)):
            a = records.get(m.member_id)
            rows.append(attendance.RollRow(m.member_id, m.person_id, m.name, m.gender, m.note, m.delegation_id,
                                           m.delegation, m.role, m.leader_title,
                                           *(a[STATUS:] if a else ("", "", "", "", ""))))
        return rows

    def _expected_roles(self, meeting: schedule.MeetingRow) -> dict[str, int]:
        """How many of each role MEETING's roll holds."""
        if meeting.kind == PRESIDIUM_MEETING:
            return {DELEGATE: len(self.expected(meeting))} if self.expected(meeting) else {}
        found = dict(self._steady_roles)
        for m in self._steady[1]:
            if m.role in store.ROLES and m.serving_on(meeting.date):
                found[m.role] = found.get(m.role, 0) + 1
        return {role: n for role, n in found.items() if role in store.ROLES}

    def _expected_records(self, meeting: schedule.MeetingRow) -> list[tuple[Mandate, tuple]]:
        """(member, record) of each record of MEETING whose member its roll holds."""
        return self._sorted_records(meeting)[0]

    def _sorted_records(self, meeting: schedule.MeetingRow) -> tuple[list[tuple[Mandate, tuple]], list[Mandate]]:
        """(the records of MEETING whose member its roll holds, with the member; the members of
        the others), in the records' order; worked out once for each meeting."""
        found = self._records_by_meeting.get(meeting.meeting_id)
        if found is None:
            members, roles, day = self.members, store.ROLES, meeting.date
            on = self.presidium_member_ids if meeting.kind == PRESIDIUM_MEETING else None
            # any other meeting's roll holds these whatever its day: no more to ask of them
            always = self._on_every_roll if on is None else {}
            inside, outside = [], []
            for member_id, record in self.records.get(meeting.meeting_id, {}).items():
                m = always.get(member_id)
                if m is not None:
                    inside.append((m, record))
                    continue
                m = members.get(member_id)
                if m is None:
                    continue
                if on is None:
                    held = m.role in roles and (m.steady or m.serving_on(day))
                else:
                    held = m.role == DELEGATE and member_id in on and (m.steady or m.serving_on(day))
                if held:
                    inside.append((m, record))
                else:
                    outside.append(m)
            found = self._records_by_meeting[meeting.meeting_id] = (inside, outside)
        return found

    @cached_property
    def _on_every_roll(self) -> dict[int, Mandate]:
        """The members the roll of every meeting but a presidium meeting holds: serving every day,
        in a role a roll lists."""
        roles = store.ROLES
        return {m.member_id: m for m in self._steady[0] if m.role in roles}

    @cached_property
    def _records_by_meeting(self) -> dict[int, tuple[list[tuple[Mandate, tuple]], list[Mandate]]]:
        return {}

    def counts(self, meeting_id: int) -> attendance.Counts:
        """attendance.counts(MEETING_ID)."""
        meeting = self.meeting_by_id[meeting_id]
        per_role = self._expected_roles(meeting)
        statuses: dict[str, dict[str, int]] = {}
        # counted at once (Counter), not one record after another in Python
        pairs = Counter([(m.role, record[STATUS]) for m, record in self._expected_records(meeting)])
        for (role, status), n in pairs.items():
            statuses.setdefault(role, {})[status] = n
        delegates = statuses.get(DELEGATE, {})
        total = per_role.get(DELEGATE, 0)
        rule = self.info.quorum_rule

        def of_role(role: str) -> tuple[int, int]:
            mine = statuses.get(role, {})
            return sum(mine.get(s, 0) for s in store.PRESENT_STATUSES), per_role.get(role, 0)

        return attendance.Counts(
            meeting_id, meeting.name, total,
            present=sum(delegates.get(s, 0) for s in store.PRESENT_STATUSES),
            late=delegates.get(AttendanceStatus.LATE, 0), early=delegates.get(AttendanceStatus.LEFT_EARLY, 0),
            leave=delegates.get(AttendanceStatus.LEAVE, 0), absent=delegates.get(AttendanceStatus.ABSENT, 0),
            unchecked=total - sum(n for status, n in delegates.items() if status),
            rule=rule, quorum_applies=meeting.kind in attendance.QUORUM_KINDS,
            need=count_rules.quorum_needed(total, rule),
            attendees=of_role(Role.ATTENDEE), staff=of_role(Role.STAFF),
            recorded=self.recorded_expected.get(meeting_id))

    def not_expected_why(self, meeting: schedule.MeetingRow, member: Mandate) -> str:
        """attendance.not_expected_why, the presidium taken from the snapshot."""
        why = attendance.outside_reason(member.row, meeting.date)
        if why:
            return why
        if meeting.kind == PRESIDIUM_MEETING and member.role == DELEGATE:
            return "" if member.member_id in self.presidium_member_ids else "其不是主席团成员"
        return "" if member.role in attendance.expected_roles(meeting) else f"其身份为{member.role}"

    def strays(self, meeting_id: int) -> list[attendance.Stray]:
        """attendance.strays(MEETING_ID)."""
        meeting = self.meeting_by_id[meeting_id]
        records = self.records.get(meeting_id, {})
        outside = self._sorted_records(meeting)[1]
        return [attendance.Stray(m.row, records[m.member_id][STATUS], self.not_expected_why(meeting, m))
                for m in self.sort(outside)]

    def unrecorded_delegates(self, meeting_id: int) -> list[Mandate]:
        """The delegates in the meeting's roll without a record, in the roll's order."""
        meeting = self.meeting_by_id[meeting_id]
        records = self.records.get(meeting_id, {})
        missing = [m for m in self.expected(meeting)
                   if m.role == DELEGATE and not (records[m.member_id][STATUS] if m.member_id in records else "")]
        return self._roll_order(meeting, missing)

    def closed(self, meeting_id: int) -> bool:
        """attendance.closed(MEETING_ID)."""
        return any(r[SOURCE] == attendance.CLOSING for r in self.records.get(meeting_id, {}).values())

    def present_for_vote(self, meeting_id: int, vote_time: str = "") -> int | None:
        """attendance.present_for_vote(MEETING_ID, VOTE_TIME): from the meeting's records (a delegate
        without one is neither present nor anything else)."""
        meeting = self.meeting_by_id[meeting_id]
        records = [r for m, r in self._expected_records(meeting) if m.role == DELEGATE]
        statuses = Counter([r[STATUS] for r in records])
        if not any(statuses):
            return None
        late, early = AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY
        present = statuses[AttendanceStatus.PRESENT]
        if not vote_time:  # no time to compare with: the late count, those who left early not
            return present + statuses[late]
        for r in records:
            status, time = r[STATUS], r[TIME]
            if status == late:
                present += not (time and time > vote_time)
            elif status == early:
                present += bool(time and time > vote_time)
        return present

    @cached_property
    def recorded_meetings(self) -> list[schedule.MeetingRow]:
        """attendance.recorded_meetings()."""
        with_records = {meeting_id for meeting_id, records in self.records.items() if records}
        return [m for m in self.meetings if m.kind in attendance.QUORUM_KINDS or m.meeting_id in with_records]

    def session_line(self, member: Mandate, shown: list[schedule.MeetingRow]) -> attendance.SessionLine:
        """attendance.session_table()'s line of MEMBER."""
        serving = tuple(member.serving_on(m.date) for m in shown)
        row = attendance.RollRow(member.member_id, member.person_id, member.name, member.gender, member.note,
                                 member.delegation_id, member.delegation, member.role, member.leader_title, "")
        statuses = tuple((self.records.get(m.meeting_id, {}).get(member.member_id) or NO_RECORD)[STATUS]
                         if inside else "" for m, inside in zip(shown, serving))
        voting = [s for m, s, inside in zip(shown, statuses, serving) if inside and m.kind in attendance.QUORUM_KINDS]
        unexcused = AttendanceStatus.ABSENT in voting and not any(s in store.PRESENT_STATUSES for s in voting)
        return attendance.SessionLine(row, statuses, tuple(self.prior.get(member.person_id, ())), unexcused, serving,
                                      member.row)

    def in_session_table(self, member: Mandate) -> bool:
        """Whether attendance.session_table() has a line for MEMBER: a delegate of at least one
        meeting it shows (before any meeting: a serving delegate)."""
        if member.role != DELEGATE:
            return False
        shown = self.recorded_meetings
        if not shown:
            return member.status == SERVING
        return member.steady or any(member.serving_on(day) for day in {m.date for m in shown})

    def in_session_order(self, members: list[Mandate]) -> list[Mandate]:
        """MEMBERS as the session table lists them: by delegation, in stroke order within it."""
        positions = self.positions
        return sorted(self.sort(members), key=lambda m: positions.get(m.delegation_id, 0))

    @cached_property
    def unexcused_flags(self) -> list[attendance.SessionLine]:
        """attendance.unexcused_flags(): only a delegate with an earlier session missed can reach two."""
        shown = self.recorded_meetings
        prior = self.prior
        with_prior = [m for m in self.members.values()
                      if m.person_id in prior and m.status == SERVING and self.in_session_table(m)]
        lines = [self.session_line(m, shown) for m in self.in_session_order(with_prior)]
        return [line for line in lines if line.unexcused_total >= 2 and line.serving_now]

    # ------------------------------------------------------------ the count

    @cached_property
    def _frozen(self) -> dict[int, counting.PollResult]:
        return {p.id: counting.thaw(p.frozen) for p in self.poll_rows_raw
                if p.confirmed_at is not None and p.frozen}

    @cached_property
    def polls(self) -> list[counting.PollRow]:
        """counting.list_polls()."""
        offices = {e.id: e for e in self.election_rows}
        candidates: dict[int, list[counting.Candidate]] = {}
        for peid, pid in self.poll_candidate_rows:
            person = self.persons.get(pid)
            if person is not None:
                _, name, gender, note, _ = person
                candidates.setdefault(peid, []).append(counting.Candidate(
                    pid, name, people_rules.display_name(name, gender, note), gender, note))
        rows = []
        for poll in self.poll_rows_raw:
            if poll.id in self._frozen:
                rows.append(self._frozen[poll.id].poll)
                continue
            pes = []
            for peid, poll_id, eid, seats in self.poll_election_rows:
                if poll_id == poll.id:
                    e = offices[eid]
                    pes.append(counting.PollElectionRow(peid, eid, e.office, seats, tuple(candidates.get(peid, [])),
                                                        e.write_ins and poll.kind != "再次投票"))
            items = [counting.PollItemRow(piid, vid, self.vote_item_titles[vid])
                     for piid, poll_id, vid in self.poll_item_rows if poll_id == poll.id]
            day = self.meeting_by_id[poll.meeting_id].date if poll.meeting_id else poll.created_at.date()
            taken = None
            if poll.meeting_id and poll.confirmed_at is None:
                taken = self.present_for_vote(poll.meeting_id, poll.vote_time)
            rows.append(counting.PollRow(poll.id, poll.kind, poll.title, poll.meeting_id, poll.parent_id,
                                         poll.present, poll.created_at, poll.confirmed_at, tuple(pes), tuple(items),
                                         taken, poll.all_delegates, poll.vote_time, day))
        return rows

    def _entered(self, poll_id: int, box_id: int, entry: int) -> tuple[dict, list[counting.Figure]]:
        """counting.entered(POLL_ID, BOX_ID, ENTRY)."""
        sheets, tallies = self._entries.get((poll_id, box_id, entry), ({}, []))
        return sheets, tallies

    @cached_property
    def _entries(self) -> dict[tuple[int, int, int], tuple[dict, list[counting.Figure]]]:
        found: dict[tuple[int, int, int], tuple[dict, list[counting.Figure]]] = {}
        for poll_id, box_id, entry, paper, issued, returned in self.sheet_rows:
            found.setdefault((poll_id, box_id, entry), ({}, []))[0][paper] = (issued, returned)
        for (poll_id, box_id, entry, peid, pid, write_in, piid, yes, no, abstain, void) in self.tally_rows:
            found.setdefault((poll_id, box_id, entry), ({}, []))[1].append(
                counting.Figure(peid, pid, write_in, piid, yes, no, abstain, void))
        return found

    def _differences(self, poll: counting.PollRow) -> tuple[list[str], list[str]]:
        """counting.differences, from the entries read once."""
        boxes = [(box_id, name) for box_id, name, _ in sorted(self.box_rows, key=lambda b: (b[2], b[0]))]
        return counting.compare_entries(poll, boxes, lambda box_id, entry: self._entered(poll.poll_id, box_id, entry))

    def _totals(self, poll: counting.PollRow):
        """counting._totals, from the entries read once."""
        return counting.sum_entries([self._entered(poll.poll_id, box_id, 1) for box_id, _, _ in self.box_rows])

    def all_delegates_of(self, poll: counting.PollRow) -> int:
        """counting.all_delegates_of."""
        if poll.all_delegates is not None:
            return poll.all_delegates
        return self.delegates_on(poll.vote_date)

    def result(self, poll: counting.PollRow) -> counting.PollResult:
        """counting.result(POLL.poll_id): as confirmed when it was, else worked out (counting._compute)."""
        if poll.poll_id in self._frozen:
            return self._frozen[poll.poll_id]
        diffs, missing = self._differences(poll)
        if diffs or missing:
            return counting.PollResult(poll, not diffs, tuple(diffs), tuple(missing))
        return counting.decide(poll, self.all_delegates_of(poll), self.bylaw, self.info.quorum_rule,
                               self._totals(poll), self.delegates_only,
                               lambda: self.delegate_names_on(poll.vote_date))

    # ------------------------------------------------------------ the preliminary vote

    def rounds(self, election_id: int) -> list[preliminary.RoundRow]:
        """preliminary.rounds(ELECTION_ID)."""
        e = self._elections_by_id.get(election_id)
        found = []
        for round_id, eid, number, places, adopted_at in self.pre_round_rows:
            if eid != election_id or e is None:
                continue
            candidates = []
            for rid, pid in self.pre_candidate_rows:
                if rid == round_id and pid in self.persons:
                    candidates.append(counting.Candidate(pid, self.persons[pid][1], self.person_display(pid)))
            found.append(preliminary.RoundRow(round_id, eid, e.office, number, places, tuple(candidates),
                                              adopted_at))
        return found

    @cached_property
    def _pre_sheets(self) -> dict[tuple[int, int, int], preliminary.SheetInput]:
        votes: dict[int, dict[int, int]] = {}
        for sheet_id, pid, yes in self.pre_vote_rows:
            votes.setdefault(sheet_id, {})[pid] = yes
        found = {}
        for sheet_id, round_id, did, entry, present, issued, returned, void in self.pre_sheet_rows:
            found.setdefault((round_id, did, entry), preliminary.SheetInput(present, issued, returned, void,
                                                                            votes.get(sheet_id, {})))
        return found

    def round_result(self, row: preliminary.RoundRow) -> preliminary.RoundResult:
        """preliminary.result(ROW.round_id), from the sheets read once."""
        return preliminary.decide(row, self.delegations, self.bylaw,
                                  lambda team_id, entry: self._pre_sheets.get((row.round_id, team_id, entry)))

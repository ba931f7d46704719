"""Elections of the session and the nominations of their candidates.

The only writer of Election, Nomination, NominationSigner, Nominee and NominationGroup (the
secretariat's wording of a group of the 正式候选人名单). A nomination is one
paper: by the presidium, by ten or more delegates jointly, or by parties and organisations
(for city-congress delegates); it names one or more candidates, never more than the seats.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from peewee import JOIN

from meetingdesk import store
from meetingdesk.rules import elections as rules
from meetingdesk.rules import motions as motion_rules
from meetingdesk.rules import people as people_rules
from meetingdesk.rules.collation import sort_names
from meetingdesk.rules.words import Role
from meetingdesk.store import (
    Delegation, Election, Member, Nomination, NominationGroup, NominationSigner, Nominee, Person,
)

from . import conflicts, motions, roster
from .errors import ServiceError


@dataclass(frozen=True)
class NomineeRow:
    person_id: int
    name: str
    gender: str
    note: str
    withdrawn_at: dt.datetime | None
    withdraw_reason: str

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)


@dataclass(frozen=True)
class NominationRow:
    nomination_id: int
    election_id: int
    nominator: str
    organisation: str
    received_at: dt.datetime
    withdrawn_at: dt.datetime | None
    signers: tuple[motions.SignerRow, ...]
    nominees: tuple[NomineeRow, ...]
    late: bool

    @property
    def serving_signers(self) -> int:
        """Distinct signers who were serving delegates when the paper was received."""
        return motion_rules.count_signers((s.member_id, s.counts_at(self.received_at)) for s in self.signers)

    @property
    def by(self) -> str:
        """大会主席团 / 刘锦刚等10名代表联名 / 中共武汉市委"""
        if self.nominator == "代表联名":
            lead = self.signers[0].name if self.signers else ""
            return f"{lead}等{len(self.signers)}名代表联名"
        if self.nominator == "主席团":
            return "大会主席团"
        return self.organisation or "政党、人民团体"

    @property
    def active_nominees(self) -> tuple[NomineeRow, ...]:
        if self.withdrawn_at is not None:
            return ()
        return tuple(n for n in self.nominees if n.withdrawn_at is None)


@dataclass(frozen=True)
class ElectionRow:
    election_id: int
    office: str
    seats: int
    mode: str
    rule: str
    position: int
    fixed_on: dt.date | None
    nominations: tuple[NominationRow, ...]
    candidates: tuple[NomineeRow, ...]  # distinct nominees still standing, in stroke order
    write_ins: bool = True  # 另选人 rows on the ballot
    decided_candidates: int | None = None  # the number of candidates the 办法 decided (Election.candidates)
    body: str = ""  # the organ of the office, one of rules.BODIES

    @property
    def body_text(self) -> str:
        return rules.BODY_TEXT.get(self.body, self.body)

    @property
    def delegates_only(self) -> bool:
        return rules.delegates_only(self.body)

    @property
    def range_text(self) -> str:
        if self.mode == "等额":
            return f"等额选举，候选人 {self.seats} 人"
        if self.decided_candidates is not None:
            return f"差额选举，候选人 {self.decided_candidates} 人（办法决定）"
        return "差额选举，候选人 " + rules.range_words(*rules.legal_range(self.rule, self.mode, self.seats))

    @property
    def count_problem(self) -> str | None:
        return rules.count_problem(self.rule, self.mode, self.seats, len(self.candidates), self.decided_candidates)

    @property
    def needs_preliminary(self) -> bool:
        return rules.needs_preliminary(self.rule, self.mode, self.seats, len(self.candidates),
                                       self.decided_candidates)

    @property
    def most_candidates(self) -> int | None:
        """As many candidates as the 办法 allows (its number, else the legal maximum); None: no
        limit. A preliminary vote decides this many places (应预选名额)."""
        return rules.most_candidates(self.rule, self.mode, self.seats, self.decided_candidates)


@dataclass(frozen=True)
class NominationInput:
    election_id: int
    nominator: str
    nominee_person_ids: tuple[int, ...]
    signer_member_ids: tuple[int, ...] = ()
    organisation: str = ""
    received_at: dt.datetime | None = None


# ---------------------------------------------------------------- elections


def _nominations(election_id: int | None = None) -> dict[int, list[NominationRow]]:
    deadline = motions.get_deadline("提名")
    signers: dict[int, list[motions.SignerRow]] = {}
    query = (NominationSigner.select(NominationSigner.nomination, Member.id, Person.name, Person.gender,
                                     Delegation.name, Member.status, Member.ended_on, Member.started_on)
             .join(Member).join(Person).switch(Member).join(Delegation, JOIN.LEFT_OUTER)
             .order_by(NominationSigner.position, NominationSigner.id))
    for nid, mid, name, gender, delegation, status, ended_on, started_on in query.tuples():
        signers.setdefault(nid, []).append(
            motions.SignerRow(mid, name, gender, delegation or "", status == store.STATUS_SERVING, ended_on,
                              started_on))
    nominees: dict[int, list[NomineeRow]] = {}
    for n in Nominee.select(Nominee, Person).join(Person).order_by(Nominee.position, Nominee.id):
        p = n.person
        nominees.setdefault(n.nomination_id, []).append(
            NomineeRow(p.id, p.name, p.gender, p.note, n.withdrawn_at, n.withdraw_reason))
    found: dict[int, list[NominationRow]] = {}
    query = Nomination.select().order_by(Nomination.received_at, Nomination.id)
    if election_id is not None:
        query = query.where(Nomination.election == election_id)
    for n in query:
        late = motion_rules.is_late(n.received_at, deadline.at if deadline else None)
        found.setdefault(n.election_id, []).append(NominationRow(
            n.id, n.election_id, n.nominator, n.organisation, n.received_at, n.withdrawn_at,
            tuple(signers.get(n.id, [])), tuple(nominees.get(n.id, [])), late))
    return found


def _candidates(nominations: list[NominationRow]) -> tuple[NomineeRow, ...]:
    seen: dict[int, NomineeRow] = {}
    for n in nominations:
        if n.late:
            continue  # a nomination after the deadline is not valid (办法 第五条)
        for person in n.active_nominees:
            seen.setdefault(person.person_id, person)
    return tuple(sort_names(seen.values(), key=lambda r: r.name + r.note,
                            single_name_first=roster._single_name_first()))


def list_elections() -> list[ElectionRow]:
    nominations = _nominations()
    rows = []
    for e in Election.select().order_by(Election.position, Election.id):
        mine = nominations.get(e.id, [])
        rows.append(ElectionRow(e.id, e.office, e.seats, e.mode, e.rule, e.position, e.fixed_on,
                                tuple(mine), _candidates(mine), e.write_ins, e.candidates,
                                e.body or rules.body_of(e.office)))
    return rows


def get_election(election_id: int) -> ElectionRow:
    for row in list_elections():
        if row.election_id == election_id:
            return row
    raise ServiceError("该选举事项已不存在。")


def _check_election(office: str, seats: int, mode: str, rule: str, body: str | None,
                    candidates: int | None) -> tuple[str, str]:
    """(the office's text tidied, its organ); BODY None is inferred from the office's text."""
    office = " ".join(office.split())
    if not office:
        raise ServiceError("请填写选举的职务，如“区人民法院院长”。", "office")
    if not isinstance(seats, int) or seats < 1:
        raise ServiceError("应选名额至少为 1。", "seats")
    if mode not in rules.MODES:
        raise ServiceError("选举方式只能是差额或等额。", "mode")
    if rule not in rules.RULES:
        raise ServiceError(f"候选人数规则只能是{'、'.join(rules.RULES)}之一。", "rule")
    if mode == "等额" and rules.RULES[rule][0] != 0:
        raise ServiceError(f"{rule}的选举{rules.RULE_TEXT[rule]}，不能等额选举。", "mode")
    body = rules.body_of(office) if body is None else body
    if body not in rules.BODIES:
        raise ServiceError(f"任职机构只能是{'、'.join(rules.BODY_TEXT[b] for b in rules.BODIES)}之一。", "body")
    if candidates is not None and (not isinstance(candidates, int) or isinstance(candidates, bool)):
        raise ServiceError("办法决定的候选人数应是整数。", "candidates")
    problem = rules.decided_problem(rule, mode, seats, candidates)
    if problem:
        raise ServiceError(problem, "candidates")
    return office, body


def add_election(office: str, seats: int, mode: str, rule: str, write_ins: bool = True,
                 body: str | None = None, candidates: int | None = None) -> int:
    """BODY None: the organ the office's text names (rules.body_of). CANDIDATES: the number of
    candidates the session's 办法 decided within the legal range; None when it decided none."""
    office, body = _check_election(office, seats, mode, rule, body, candidates)
    with store.database.atomic():
        return Election.create(office=office, seats=seats, mode=mode, rule=rule, write_ins=write_ins,
                               body=body, candidates=candidates, position=Election.select().count()).id


def update_election(election_id: int, office: str, seats: int, mode: str, rule: str,
                    write_ins: bool | None = None, body: str | None = None,
                    candidates: int | None = None, seen: dict | ElectionRow | None = None) -> None:
    """WRITE_INS None keeps whether the ballot has 另选人 rows; BODY None is inferred from the
    office as in add_election; CANDIDATES is written as given (None: the 办法 decided no number).
    SEEN: the election as the desk read it (the row, or these keywords); conflicts.ConflictError
    when another desk changed what this save writes since."""
    office, body = _check_election(office, seats, mode, rule, body, candidates)
    changes = dict(office=office, seats=seats, mode=mode, rule=rule, body=body, candidates=candidates)
    if write_ins is not None:
        changes["write_ins"] = write_ins
    if isinstance(seen, ElectionRow):
        seen = _election_fields(seen)
    with store.database.atomic():
        if seen is not None:
            # compared over what this save writes: another desk's change to the rest stays
            keys = [k for k in changes if k in seen]
            named = seen.get("office") or get_election(election_id).office  # as the clerk's form has it
            conflicts.guard(f"“{named}”的选举事项", [(Election, election_id)],
                            lambda: {k: _election_fields(get_election(election_id))[k] for k in keys},
                            {k: seen[k] for k in keys}, {k: changes[k] for k in keys}, _shown_election)
        Election.update(**changes).where(Election.id == election_id).execute()


def _election_fields(row: ElectionRow) -> dict:
    """update_election's keywords as they stand for ROW."""
    return dict(office=row.office, seats=row.seats, mode=row.mode, rule=row.rule, write_ins=row.write_ins,
                body=row.body, candidates=row.decided_candidates)


def _shown_election(fields: dict) -> str:
    """职务，应选名额，选举方式…, as the conflict message says them."""
    parts = [fields.get("office", ""), f"应选 {fields['seats']} 名" if "seats" in fields else "",
             f"{fields['mode']}选举" if fields.get("mode") else "", fields.get("rule", ""),
             rules.BODY_TEXT.get(fields["body"], fields["body"]) if fields.get("body") else "",
             f"候选人 {fields['candidates']} 人（办法决定）" if fields.get("candidates") is not None else "",
             ("设另选人栏" if fields["write_ins"] else "不设另选人栏") if "write_ins" in fields else ""]
    return "，".join(p for p in parts if p)


def remove_election(election_id: int) -> None:
    with store.database.atomic():
        Election.delete().where(Election.id == election_id).execute()


def fix_candidates(election_id: int, on: dt.date | None, now: dt.datetime | None = None) -> None:
    """The presidium fixed the candidate list (ON), or reopened it (None).

    A list that breaks the 办法's count, or that first needs a preliminary vote, cannot be fixed;
    nor before the nomination deadline has passed, for a nomination may still come: a list is
    refused when ON is a day before the deadline's day, or when NOW (the moment it is recorded,
    the clock by default) is not yet past the deadline's minute. So a list fixed on the deadline's
    day is accepted once the deadline has passed, and recording a list fixed on an earlier session
    day goes on being possible after the event. Nominations received in time stay valid.
    """
    if on is not None:
        row = get_election(election_id)
        deadline = motions.get_deadline("提名")
        if deadline is not None:
            at = (now or dt.datetime.now()).replace(second=0, microsecond=0)
            if on < deadline.at.date():
                raise ServiceError(f"确定日期{on.year}年{on.month}月{on.day}日早于提名候选人截止时间"
                                   f"{deadline.text}，截止以前不能确定候选人名单。", "on")
            if not motion_rules.is_late(at, deadline.at):
                raise ServiceError(f"提名候选人截止时间{deadline.text}还没有过，截止以后才能确定"
                                   f"{row.office}的候选人名单。", "on")
        if row.needs_preliminary:
            raise ServiceError(f"{row.office}的被提名人多于办法规定的候选人数，须先进行预选，再确定正式候选人名单。")
        if row.count_problem:
            raise ServiceError(f"{row.office}：{row.count_problem}不能确定候选人名单。")
    with store.database.atomic():
        Election.update(fixed_on=on).where(Election.id == election_id).execute()


# ---------------------------------------------------------------- nominations


def add_nomination(data: NominationInput, now: dt.datetime | None = None) -> int:
    election = get_election(data.election_id)
    if election.fixed_on is not None:
        raise ServiceError("主席团已确定候选人名单，不再接受提名。")
    if data.nominator not in store.NOMINATORS:
        raise ServiceError(f"提名方式只能是{'、'.join(store.NOMINATORS)}之一。", "nominator")
    deputies = election.rule in rules.DEPUTY_RULES
    if data.nominator == "政党团体" and not deputies:
        raise ServiceError("政党、人民团体提名只适用于选举人大代表；国家机关领导人员的候选人由主席团或代表十人以上联名提名。",
                           "nominator")
    if data.nominator == "主席团" and deputies:
        raise ServiceError("人大代表候选人由各政党、各人民团体提名，或代表十人以上联名提名，不由主席团提名。",
                           "nominator")
    organisation = data.organisation.strip()
    if data.nominator == "政党团体" and not organisation:
        raise ServiceError("请填写提名的政党或人民团体，如“中共武汉市委”。", "organisation")
    received = (data.received_at or now or dt.datetime.now()).replace(second=0, microsecond=0)
    deadline = motions.get_deadline("提名")
    if deadline and motion_rules.is_late(received, deadline.at):  # every nominator (办法 第五条)
        raise ServiceError(f"收到时间 {received:%Y-%m-%d %H:%M} 晚于提名候选人截止时间 {deadline.text}，"
                           "提名无效。", "received_at")
    people = list(dict.fromkeys(data.nominee_person_ids))
    if not people:
        raise ServiceError("请选择被提名人。", "nominees")
    if len(people) > election.seats:
        raise ServiceError(f"{election.office}应选 {election.seats} 人，一份提名不得超过应选名额，"
                           f"现提名 {len(people)} 人。", "nominees")
    for pid in people:
        person = Person.get_or_none(id=pid)
        if person is None:
            raise ServiceError("所选被提名人已不存在。", "nominees")
        if election.delegates_only:
            why = _not_a_delegate(pid)
            if why:
                raise ServiceError(f"“{people_rules.display_name(person.name, person.gender, person.note)}”{why}，"
                                   f"不能作为{election.office}的候选人：{election.body_text}组成人员"
                                   "须从本级人民代表大会代表中选举。", "nominees")
    signers = list(dict.fromkeys(data.signer_member_ids))
    members = [Member.get_or_none(id=mid) for mid in signers]
    if any(m is None for m in members):
        raise ServiceError("所选代表已不存在。", "signers")
    if data.nominator == "代表联名":
        not_delegates = [m.person.name for m in members if m.role != Role.DELEGATE]
        if not_delegates:
            raise ServiceError(f"“{'、'.join(not_delegates)}”不是代表，不能联名提名。", "signers")
        serving = motion_rules.count_signers(
            (m.id, motion_rules.signed_while_serving(m.status == store.STATUS_SERVING, m.ended_on, received,
                                                     m.started_on))
            for m in members)
        if serving < rules.MIN_NOMINATORS:
            raise ServiceError(f"代表联名提名须有 {rules.MIN_NOMINATORS} 名以上在任代表，现只有 {serving} 名。",
                               "signers")
        over = _over_seats(election, members, len(people))
        if over:
            raise ServiceError(over, "signers")
    elif members:
        raise ServiceError("只有代表联名提名才有联名代表。", "signers")
    else:
        over = _over_nominator_seats(election, data.nominator, organisation, people)
        if over:
            raise ServiceError(over, "nominees")
    with store.database.atomic():
        nomination = Nomination.create(election=data.election_id, nominator=data.nominator,
                                       organisation=organisation, received_at=received)
        for i, member in enumerate(members):
            NominationSigner.create(nomination=nomination, member=member, position=i)
        for i, pid in enumerate(people):
            Nominee.create(nomination=nomination, person=pid, position=i)
        return nomination.id


def _over_seats(election: ElectionRow, members: list[Member], adding: int) -> str | None:
    """A delegate may sign for no more candidates than the seats, over all their papers."""
    signed = Counter()
    for n in election.nominations:
        if n.withdrawn_at is None and n.nominator == "代表联名":
            for s in n.signers:
                signed[s.member_id] += len(n.active_nominees)
    over = [m.person.name for m in members if signed[m.id] + adding > election.seats]
    if over:
        return (f"“{'、'.join(over)}”在{election.office}选举中联名提名的候选人将超过应选名额 "
                f"{election.seats} 人。")
    return None


def _over_nominator_seats(election: ElectionRow, nominator: str, organisation: str,
                          adding: list[int]) -> str | None:
    """The presidium, and each party or organisation, may name no more candidates than the seats
    over all its papers for one election (办法 第四条); withdrawn and late papers do not count."""
    named: set[int] = set()
    for n in election.nominations:
        if n.nominator == nominator and not n.late and (nominator != "政党团体" or n.organisation == organisation):
            named |= {p.person_id for p in n.active_nominees}
    total = len(named | set(adding))
    if total <= election.seats:
        return None
    who = "主席团" if nominator == "主席团" else f"“{organisation}”"
    return (f"{who}在{election.office}选举中已提名 {len(named)} 人，再提名 {len(set(adding) - named)} 人"
            f"共 {total} 人，超过应选名额 {election.seats} 人。")


def _check_open(nomination_id: int) -> Nomination:
    nomination = Nomination.get_or_none(id=nomination_id)
    if nomination is None:
        raise ServiceError("该提名已不存在。")
    if nomination.election.fixed_on is not None:
        raise ServiceError("主席团已确定候选人名单，不能再撤回提名。")
    return nomination


def withdraw_nomination(nomination_id: int, at: dt.datetime) -> None:
    """The nominators withdraw the whole paper (in writing, before the list is fixed)."""
    _check_open(nomination_id)
    with store.database.atomic():
        Nomination.update(withdrawn_at=at.replace(second=0, microsecond=0)).where(
            Nomination.id == nomination_id).execute()


def withdraw_nominee(nomination_id: int, person_id: int, at: dt.datetime, reason: str) -> None:
    """One candidate is withdrawn, or declines to be nominated, before the list is fixed."""
    _check_open(nomination_id)
    if not reason.strip():
        raise ServiceError("请写明撤回的原因（如“被提名人书面表示不愿被提名”）。", "reason")
    with store.database.atomic():
        done = Nominee.update(withdrawn_at=at.replace(second=0, microsecond=0), withdraw_reason=reason.strip()).where(
            Nominee.nomination == nomination_id, Nominee.person == person_id).execute()
        if not done:
            raise ServiceError("该被提名人不在这份提名中。")


# ---------------------------------------------------------------- who may stand


def _serving_delegates():
    return (Member.select(Member.person).where((Member.role == Role.DELEGATE)
                                               & (Member.status == store.STATUS_SERVING)))


def serving_delegate_ids() -> set[int]:
    """Person ids of the serving delegates."""
    return {pid for (pid,) in _serving_delegates().tuples()}


def delegates_only(election_id: int) -> bool:
    """Whether only serving delegates may stand (常委会组成人员 are elected from the delegates)."""
    election = Election.get_or_none(id=election_id)
    if election is None:
        raise ServiceError("该选举事项已不存在。")
    return rules.delegates_only(election.body or rules.body_of(election.office))


def _not_a_delegate(person_id: int) -> str | None:
    """Why the person is not a serving delegate (代表资格已终止 / 是列席人员 / …), or None."""
    roles = list(Member.select(Member.role, Member.status).where(Member.person == person_id).tuples())
    if any(role == Role.DELEGATE and status == store.STATUS_SERVING for role, status in roles):
        return None
    if any(role == Role.DELEGATE for role, _ in roles):
        return "的代表资格已终止"
    if roles:
        return "是" + "、".join(dict.fromkeys(f"{role}人员" if role == Role.ATTENDEE else role for role, _ in roles)) + \
            "，不是代表"
    return "不是本级人民代表大会代表"


def standing_problems() -> list[tuple[ElectionRow, str]]:
    """Candidates who may not stand: a non-delegate in a delegates-only election, one person in
    two elections whose organs exclude each other. (election, message) in election order."""
    return standing_problems_of(list_elections(), serving_delegate_ids(), _not_a_delegate)


def standing_problems_of(rows: list[ElectionRow], serving: set[int],
                         not_a_delegate: Callable[[int], str | None]) -> list[tuple[ElectionRow, str]]:
    """standing_problems over ROWS, SERVING the delegates' person ids and NOT_A_DELEGATE saying
    what a person is instead; reads nothing itself (`check` asks it from a snapshot)."""
    found: list[tuple[ElectionRow, str]] = []
    for e in rows:
        if not e.delegates_only:
            continue
        for c in e.candidates:
            if c.person_id not in serving:
                found.append((e, f"候选人“{c.display}”{not_a_delegate(c.person_id)}，"
                                 f"{e.body_text}组成人员须从本级人民代表大会代表中选举。"))
    standing: dict[int, list[tuple[ElectionRow, NomineeRow]]] = {}
    for e in rows:
        for c in e.candidates:
            standing.setdefault(c.person_id, []).append((e, c))
    for entries in standing.values():
        for i, (a, person) in enumerate(entries):
            for b, _ in entries[i + 1:]:
                if rules.incompatible(a.body, b.body):
                    found.append((b, f"“{person.display}”同时是{a.office}和{b.office}的候选人："
                                     "人大常委会组成人员不得担任国家行政机关、监察机关、审判机关和检察机关的职务。"))
    return found


def candidate_person_ids() -> set[int]:
    """Everyone standing in any election: scrutineers must not be among them."""
    return {c.person_id for e in list_elections() for c in e.candidates}


# ---------------------------------------------------------------- the 正式候选人名单's groups

# How the list names a kind of nomination by default; a party or organisation by its own name.
GROUP_LABELS = {"主席团": "大会主席团", "代表联名": "代表十人以上联名"}
PRESIDIUM_GROUP = GROUP_LABELS["主席团"]
# The presidium's (or the parties') candidates before those of the delegates jointly, as seed 000.
_GROUP_RANK = {"代表联名": 1}
MAX_WORDING = 40
_COUNT = re.compile(r"[0-9０-９一二三四五六七八九十百]+\s*[人名]$")
_NUMBERED = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")


def group_label(nomination: NominationRow) -> str:
    """The group a nomination's candidates stand in: 大会主席团, 代表十人以上联名, 中共武汉市委."""
    return GROUP_LABELS.get(nomination.nominator) or nomination.by


@dataclass(frozen=True)
class CandidateGroup:
    """One group of an election's 正式候选人名单: who nominated them, as the data says (LABEL), the
    candidates in stroke order, and the secretariat's WORDING of the group ("" when not set)."""

    election_id: int
    label: str
    people: tuple[NomineeRow, ...]
    wording: str = ""

    @property
    def default_wording(self) -> str:
        """大会主席团提名 — what the data says"""
        return f"{self.label}提名"

    @property
    def text(self) -> str:
        """What the list prints before the count: the secretariat's wording, else the data's."""
        return self.wording or self.default_wording


def group_wordings() -> dict[tuple[int, str], str]:
    """(election id, group label) -> the secretariat's wording."""
    return {(e, label): wording for e, label, wording in
            NominationGroup.select(NominationGroup.election, NominationGroup.label, NominationGroup.wording).tuples()}


def candidate_groups(election: ElectionRow, wordings: dict[tuple[int, str], str] | None = None) -> list[CandidateGroup]:
    """The groups of ELECTION's standing candidates by who nominated them, each candidate under the
    first paper (received in time, not withdrawn) naming them; WORDINGS as group_wordings() (read
    when not given)."""
    if wordings is None:
        wordings = group_wordings()
    order = {c.person_id: i for i, c in enumerate(election.candidates)}  # the services' stroke order
    placed: set[int] = set()
    found: dict[str, list[NomineeRow]] = {}
    ranks: dict[str, int] = {}
    for nomination in election.nominations:  # in order of receipt
        if nomination.late:
            continue
        label = group_label(nomination)
        for person in nomination.active_nominees:
            if person.person_id in order and person.person_id not in placed:
                placed.add(person.person_id)
                found.setdefault(label, []).append(person)
                ranks[label] = _GROUP_RANK.get(nomination.nominator, 0)
    labels = sorted(found, key=lambda label: ranks[label])  # stable: otherwise in order of receipt
    return [CandidateGroup(election.election_id, label,
                           tuple(sorted(found[label], key=lambda p: order[p.person_id])),
                           wordings.get((election.election_id, label), ""))
            for label in labels]


def set_group_wording(election_id: int, label: str, wording: str) -> None:
    """The secretariat's wording of one group of the 正式候选人名单 (seed 000: 区级政党、人民团体提名
    for the presidium's 7); "" or the data's own wording goes back to the data's."""
    election = get_election(election_id)
    groups = {g.label: g for g in candidate_groups(election, {})}
    if label not in groups:
        raise ServiceError(f"{election.office}的正式候选人名单中没有“{label}”这一组（该组的候选人已撤回或尚未提名）。",
                           "label")
    text = " ".join(wording.split())
    if text and _NUMBERED.match(text):
        raise ServiceError("措辞前不要写编号：“(一)”“(二)”由程序按组的次序加上。", "wording")
    if text and _COUNT.search(text):
        raise ServiceError("措辞后不要写人数：“7 人”由程序按该组的候选人数加上。", "wording")
    if len(text) > MAX_WORDING:
        raise ServiceError(f"措辞过长（{len(text)} 个字，最多 {MAX_WORDING} 个字）。", "wording")
    with store.database.atomic():
        NominationGroup.delete().where((NominationGroup.election == election_id)
                                       & (NominationGroup.label == label)).execute()
        if text and text != groups[label].default_wording:
            NominationGroup.create(election=election_id, label=label, wording=text)


def set_group_wordings(election_id: int, wordings: dict[str, str]) -> None:
    """set_group_wording for several groups of one election, all or none; an error's field is
    the group's label."""
    with store.database.atomic():
        for label, wording in wordings.items():
            try:
                set_group_wording(election_id, label, wording)
            except ServiceError as exc:
                raise ServiceError(exc.message, label) from None

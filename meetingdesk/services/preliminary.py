"""The preliminary vote (预选), counted by delegation, and the official candidates it decides.

As the 办法 of seed 000 (articles 7–9) says: the delegations vote on the 预选选票, the
secretariat adds up their counts; a delegation votes only with more than half of its
delegates taking part, and its vote is void when more ballots come back than were issued;
the official candidates are those with the most votes, a tie at the cut-off is voted again
among the tied. Two clerks enter each delegation's sheet; nothing is decided while they
differ. The 办法 has each delegation choose its 预选监票人 from its delegates who are not
candidates (第七条); they sign the report with the secretariat's counting staff. The only writer
of PreRound, PreCandidate, PreSheet, PreVote and PreScrutineer.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from meetingdesk import store
from meetingdesk.rules import counting as rules
from meetingdesk.rules import people as people_rules
from meetingdesk.rules.words import Role
from meetingdesk.store import (
    Delegation, Member, Nomination, Nominee, Person, PreCandidate, PreRound, PreScrutineer, PreSheet, PreVote,
)

from . import elections, roster, session
from .counting import Candidate, display_of
from .errors import ServiceError

ENTRIES = (1, 2)


@dataclass(frozen=True)
class RoundRow:
    round_id: int
    election_id: int
    office: str
    number: int
    places: int
    candidates: tuple[Candidate, ...]
    adopted_at: dt.datetime | None

    @property
    def title(self) -> str:
        return f"{self.office}预选" + ("" if self.number == 1 else f"（第{self.number}轮，就得票相等者再次预选）")


@dataclass(frozen=True)
class SheetInput:
    """What one clerk copies from one delegation's report of its preliminary vote."""

    present: int
    issued: int
    returned: int
    void: int
    votes: dict[int, int]  # person_id -> votes for


@dataclass(frozen=True)
class DelegationLine:
    delegation_id: int
    delegation: str
    delegates: int
    state: str  # 未录入 / 仅录入一遍 / 两遍不一致 / 两遍一致
    sheet: SheetInput | None  # the agreed sheet
    problems: tuple[str, ...] = ()  # its quorum or its count voids it


@dataclass(frozen=True)
class RoundResult:
    round: RoundRow
    lines: tuple[DelegationLine, ...]
    differences: tuple[str, ...]
    complete: bool  # every delegation entered twice alike, and valid
    outcome: rules.Outcome | None
    totals: dict[int, int]  # person_id -> votes over the delegations agreed so far

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(p for line in self.lines for p in line.problems)


# ---------------------------------------------------------------- rounds


def _round_row(r: PreRound) -> RoundRow:
    cands = (PreCandidate.select(PreCandidate, Person).join(Person)
             .where(PreCandidate.round == r).order_by(PreCandidate.position))
    return RoundRow(r.id, r.election_id, r.election.office, r.number, r.places,
                    tuple(Candidate(c.person.id, c.person.name, display_of(c.person)) for c in cands),
                    r.adopted_at)


def rounds(election_id: int) -> list[RoundRow]:
    return [_round_row(r) for r in PreRound.select().where(PreRound.election == election_id)
            .order_by(PreRound.number)]


def get_round(round_id: int) -> RoundRow:
    r = PreRound.get_or_none(id=round_id)
    if r is None:
        raise ServiceError("该轮预选已不存在。")
    return _round_row(r)


def start(election_id: int, now: dt.datetime | None = None) -> int:
    """The first round: every nominee standing, for as many places as the 办法 allows candidates
    (the number it decided, else the legal maximum)."""
    election = elections.get_election(election_id)
    if PreRound.select().where(PreRound.election == election_id).exists():
        raise ServiceError(f"{election.office}已经开始预选。")
    if not election.needs_preliminary:
        raise ServiceError(f"{election.office}的被提名人不多于办法规定的候选人数，不需要预选。")
    return _create(election_id, 1, election.most_candidates, [c.person_id for c in election.candidates], now)


def _create(election_id: int, number: int, places: int, person_ids: list[int], now: dt.datetime | None) -> int:
    with store.database.atomic():
        r = PreRound.create(election=election_id, number=number, places=places,
                            created_at=now or dt.datetime.now())
        for i, pid in enumerate(person_ids):
            PreCandidate.create(round=r, person=pid, position=i)
        return r.id


def create_revote(round_id: int, now: dt.datetime | None = None) -> int:
    """办法 第九条: a further round among those tied at the cut-off, for the places left."""
    outcome = result(round_id)
    if not outcome.complete or outcome.outcome is None or not outcome.outcome.revote:
        raise ServiceError("本轮预选没有得票相等而不能确定的候选人，不需要再次预选。")
    row = outcome.round
    if PreRound.select().where((PreRound.election == row.election_id) & (PreRound.number > row.number)).exists():
        raise ServiceError("已为本轮的得票相等者安排了再次预选。")
    return _create(row.election_id, row.number + 1, outcome.outcome.revote_seats,
                   [v.key for v in outcome.outcome.revote], now)


def remove_round(round_id: int) -> None:
    """Undo a round begun by mistake: only the last one, and only before it is adopted."""
    row = get_round(round_id)
    if row.adopted_at is not None:
        raise ServiceError("预选结果已确定正式候选人，不能删除。")
    if PreRound.select().where((PreRound.election == row.election_id) & (PreRound.number > row.number)).exists():
        raise ServiceError("请先删除其后的再次预选。")
    with store.database.atomic():
        PreRound.delete().where(PreRound.id == round_id).execute()


# ---------------------------------------------------------------- entry


def _check_open(round_id: int) -> RoundRow:
    row = get_round(round_id)
    if row.adopted_at is not None:
        raise ServiceError("预选结果已确定正式候选人，不能再修改计票。")
    return row


def enter(round_id: int, delegation_id: int, entry: int, sheet: SheetInput) -> None:
    """One clerk's entry of one delegation's sheet; replaces that clerk's earlier entry."""
    row = _check_open(round_id)
    if entry not in ENTRIES:
        raise ServiceError("录入遍次只能是第 1 遍或第 2 遍。")
    team = roster.get_delegation(delegation_id)
    where = f"{team.name}（第 {entry} 遍）"
    delegates = team.count(Role.DELEGATE)
    for label, value in (("参加预选人数", sheet.present), ("发出票数", sheet.issued), ("收回票数", sheet.returned),
                         ("无效票数", sheet.void)):
        if value < 0:
            raise ServiceError(f"{where}：{label}不能为负数。", "figures")
    if sheet.present > delegates:
        raise ServiceError(f"{where}：参加预选 {sheet.present} 人，多于该团在任代表 {delegates} 人。", "present")
    if sheet.void > sheet.returned:
        raise ServiceError(f"{where}：无效票 {sheet.void} 张，多于收回的 {sheet.returned} 张。", "void")
    known = {c.person_id: c for c in row.candidates}
    for pid, yes in sheet.votes.items():
        if pid not in known:
            raise ServiceError(f"{where}：所录入的人不是本轮预选的候选人。", "votes")
        if yes < 0 or yes > sheet.returned - sheet.void:
            raise ServiceError(f"{where}：{known[pid].name}得 {yes} 票，应在 0 到有效票 "
                               f"{sheet.returned - sheet.void} 张之间。", "votes")
    with store.database.atomic():
        PreSheet.delete().where((PreSheet.round == round_id) & (PreSheet.delegation == delegation_id)
                                & (PreSheet.entry == entry)).execute()
        s = PreSheet.create(round=round_id, delegation=delegation_id, entry=entry, present=sheet.present,
                            issued=sheet.issued, returned=sheet.returned, void=sheet.void)
        for pid in known:
            PreVote.create(sheet=s, person=pid, yes=sheet.votes.get(pid, 0))


def entered(round_id: int, delegation_id: int, entry: int) -> SheetInput | None:
    s = PreSheet.get_or_none((PreSheet.round == round_id) & (PreSheet.delegation == delegation_id)
                             & (PreSheet.entry == entry))
    if s is None:
        return None
    votes = dict(PreVote.select(PreVote.person, PreVote.yes).where(PreVote.sheet == s).tuples())
    return SheetInput(s.present, s.issued, s.returned, s.void, votes)


def _differences(row: RoundRow, team: str, first: SheetInput, second: SheetInput) -> list[str]:
    found = []
    for label, a, b in (("参加预选人数", first.present, second.present), ("发出", first.issued, second.issued),
                        ("收回", first.returned, second.returned), ("无效票", first.void, second.void)):
        if a != b:
            found.append(f"{team} {label}：第 1 遍 {a}，第 2 遍 {b}")
    for c in row.candidates:
        a, b = first.votes.get(c.person_id, 0), second.votes.get(c.person_id, 0)
        if a != b:
            found.append(f"{team} {c.name}：第 1 遍 {a} 票，第 2 遍 {b} 票")
    return found


# ---------------------------------------------------------------- result


def result(round_id: int) -> RoundResult:
    """The round's count, delegation by delegation, and what it decides once complete."""
    return decide(get_round(round_id), roster.list_delegations(), session.bylaw(),
                  lambda team_id, entry: entered(round_id, team_id, entry))


def decide(row: RoundRow, teams: list, bylaw, sheet: Callable[[int, int], SheetInput | None]) -> RoundResult:
    """The count of round ROW over the delegations TEAMS from each one's SHEET(delegation id,
    entry); reads nothing itself (`check` decides from a snapshot)."""
    lines, diffs = [], []
    for team in teams:
        delegates = team.count(Role.DELEGATE)
        first, second = (sheet(team.delegation_id, e) for e in ENTRIES)
        if first is None and second is None:
            if delegates:
                lines.append(DelegationLine(team.delegation_id, team.name, delegates, "未录入", None))
            continue
        if first is None or second is None:
            lines.append(DelegationLine(team.delegation_id, team.name, delegates, "仅录入一遍", None))
            continue
        found = _differences(row, team.name, first, second)
        if found:
            diffs += found
            lines.append(DelegationLine(team.delegation_id, team.name, delegates, "两遍不一致", None))
            continue
        problems = []
        if not rules.preliminary_quorum_met(first.present, delegates):
            problems.append(f"{team.name}参加预选 {first.present} 人，未超过该团代表 {delegates} 人的半数，"
                            f"不能进行预选{bylaw.cite('预选')}。")
        check = rules.check_round(first.issued, first.returned, "预选选票")
        if not check.valid:
            problems.append(f"{team.name}：{check.text}")
        lines.append(DelegationLine(team.delegation_id, team.name, delegates, "两遍一致", first, tuple(problems)))
    complete = bool(lines) and all(line.state == "两遍一致" and not line.problems for line in lines)
    totals = {c.person_id: 0 for c in row.candidates}
    for line in lines:
        if line.sheet is not None:
            for pid in totals:
                totals[pid] += line.sheet.votes.get(pid, 0)
    outcome = None
    if complete:
        outcome = rules.decide_preliminary(
            [rules.Votes(c.person_id, c.display, totals[c.person_id]) for c in row.candidates], row.places, bylaw)
    return RoundResult(row, tuple(lines), tuple(diffs), complete, outcome, totals)


def official(election_id: int) -> tuple[list[int], list[str]]:
    """(the person ids the rounds so far make official candidates, the arithmetic); raises while
    a round is incomplete or a tie waits for its further round."""
    chosen: list[int] = []
    text: list[str] = []
    found = rounds(election_id)
    if not found:
        raise ServiceError("该选举尚未开始预选。")
    for r in found:
        outcome = result(r.round_id)
        if not outcome.complete:
            raise ServiceError(f"{r.title}的计票尚未完成（各代表团须两遍录入一致且有效）。")
        chosen += [v.key for v in outcome.outcome.elected]
        text += [f"{r.title}：{line}" for line in outcome.outcome.lines]
        if outcome.outcome.revote and r is found[-1]:
            raise ServiceError(f"{r.title}有候选人得票相等，须先就得票相等者再次预选。")
    return chosen, text


def adopt(election_id: int, now: dt.datetime | None = None) -> list[int]:
    """The presidium fixes the official candidates by the preliminary votes: the others stand
    down with the reason on record. Returns the official candidates' person ids."""
    chosen, _ = official(election_id)
    found = rounds(election_id)
    if found[-1].adopted_at is not None:
        raise ServiceError("已按预选结果确定了正式候选人。")
    at = (now or dt.datetime.now()).replace(second=0, microsecond=0)
    totals = result(found[0].round_id).totals
    with store.database.atomic():
        for c in found[0].candidates:
            if c.person_id in chosen:
                continue
            (Nominee.update(withdrawn_at=at, withdraw_reason=f"预选得 {totals.get(c.person_id, 0)} 票，"
                                                             "未列为正式候选人")
             .where((Nominee.person == c.person_id) & (Nominee.withdrawn_at.is_null())
                    & (Nominee.nomination.in_(Nomination.select(Nomination.id)
                                              .where(Nomination.election == election_id))))
             .execute())
        PreRound.update(adopted_at=at).where(PreRound.election == election_id).execute()
    return chosen


# ---------------------------------------------------------------- 预选监票人


@dataclass(frozen=True)
class PreScrutineerRow:
    """One delegation's 预选监票人."""

    delegation_id: int
    delegation: str
    delegation_position: int
    member_id: int
    person_id: int
    name: str
    gender: str
    note: str
    serving: bool  # a serving delegate of that delegation now
    position: int

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)


def pre_scrutineers(delegation_id: int | None = None) -> list[PreScrutineerRow]:
    """The 预选监票人 in the delegations' order, each delegation's in the order chosen."""
    query = (PreScrutineer.select(PreScrutineer, Delegation, Member, Person)
             .join(Delegation).switch(PreScrutineer).join(Member).join(Person)
             .order_by(Delegation.position, PreScrutineer.position, PreScrutineer.id))
    if delegation_id is not None:
        query = query.where(PreScrutineer.delegation == delegation_id)
    rows = []
    for s in query:
        m, p = s.member, s.member.person
        serving = (m.role == Role.DELEGATE and m.status == store.STATUS_SERVING and m.delegation_id == s.delegation_id)
        rows.append(PreScrutineerRow(s.delegation_id, s.delegation.name, s.delegation.position, m.id, p.id, p.name,
                                     p.gender, p.note, serving, s.position))
    return rows


def _candidate_of(person_id: int) -> str | None:
    """The election a person stands in, or is a candidate of the preliminary vote for, or None."""
    for election in elections.list_elections():
        if any(c.person_id == person_id for c in election.candidates):
            return election.office
    found = (PreCandidate.select(PreCandidate, PreRound).join(PreRound)
             .where(PreCandidate.person == person_id).first())
    return found.round.election.office if found else None


def set_pre_scrutineers(delegation_id: int, member_ids: list[int]) -> None:
    """A delegation's 预选监票人, in order (办法 第七条: chosen by the delegation from its delegates
    who are not candidates); [] clears them. Written together or not at all."""
    team = Delegation.get_or_none(id=delegation_id)
    if team is None:
        raise ServiceError("该代表团已不存在。")
    ids = list(member_ids)
    if len(set(ids)) != len(ids):
        raise ServiceError(f"{team.name}的预选监票人中有人重复。", "members")
    article = session.bylaw().cite("预选监票")
    for mid in ids:
        member = Member.get_or_none(id=mid)
        if member is None:
            raise ServiceError("所选代表已不存在，请刷新后重试。", "members")
        name = people_rules.display_name(member.person.name, member.person.gender, member.person.note)
        if member.role != Role.DELEGATE or member.status != store.STATUS_SERVING or member.delegation_id != team.id:
            raise ServiceError(f"“{name}”不是{team.name}的在任代表；预选监票人由各代表团从本团代表中推定"
                               f"{article}。", "members")
        office = _candidate_of(member.person_id)
        if office:
            raise ServiceError(f"“{name}”是{office}的候选人；预选监票人须从不是预选候选人的代表中推定"
                               f"{article}。", "members")
    with store.database.atomic():
        PreScrutineer.delete().where(PreScrutineer.delegation == delegation_id).execute()
        for i, mid in enumerate(ids):
            PreScrutineer.create(delegation=delegation_id, member=mid, position=i)


def scrutineer_choices(delegation_id: int) -> list[tuple[int, str]]:
    """(member id, display name) of the delegation's serving delegates who may be 预选监票人 (not
    standing in any election), in stroke order."""
    standing = elections.candidate_person_ids()
    standing |= {p for (p,) in PreCandidate.select(PreCandidate.person).tuples()}
    return [(r.member_id, r.display) for r in roster.list_members(delegation_id, role=Role.DELEGATE)
            if r.person_id not in standing]


def scrutineer_problems(election_rows: list[elections.ElectionRow] | None = None) -> list[tuple[PreScrutineerRow, str]]:
    """预选监票人 who may no longer be: no more a serving delegate of their delegation, or a
    candidate since they were chosen. (row, message) in the delegations' order. ELECTION_ROWS:
    elections.list_elections() as the caller has it (`check`: its snapshot), read when None."""
    found = []
    rows = pre_scrutineers()
    if not rows:
        return found
    if election_rows is None:
        election_rows = elections.list_elections()
    standing = {c.person_id: e.office for e in election_rows for c in e.candidates}
    for r in rows:
        if not r.serving:
            found.append((r, f"{r.delegation}的预选监票人“{r.display}”已不是该团的在任代表。"))
        elif r.person_id in standing:
            found.append((r, f"{r.delegation}的预选监票人“{r.display}”是{standing[r.person_id]}的候选人，"
                             "预选监票人须从不是预选候选人的代表中推定。"))
    return found


def set_all_pre_scrutineers(chosen: dict[int, list[int]]) -> None:
    """set_pre_scrutineers for several delegations (id -> member ids), all or none; an error's
    field is the delegation's id as text."""
    with store.database.atomic():
        for delegation_id, member_ids in chosen.items():
            try:
                set_pre_scrutineers(delegation_id, member_ids)
            except ServiceError as exc:
                raise ServiceError(exc.message, str(delegation_id)) from None

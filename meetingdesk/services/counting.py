"""Counting the vote: polls, two clerks' entries by box, the result as the rules decide it,
the presidium's confirmation and logged corrections. The only writer of the poll tables.

Nothing is decided here by hand: `result` sums the agreed entries and hands them to
rules.counting, which says who is elected, what passes and why.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from meetingdesk import store
from meetingdesk.rules import counting as rules
from meetingdesk.rules import people as people_rules
from meetingdesk.store import (
    BallotBox,
    Person,
    Poll,
    PollAct,
    PollCandidate,
    PollElection,
    PollItem,
    Sheet,
    Tally,
    VoteItem,
)

from . import attendance, elections, presidium, schedule, session
from .errors import ServiceError

ENTRIES = (1, 2)  # double entry: two clerks enter the same sheet


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    display: str


@dataclass(frozen=True)
class PollElectionRow:
    poll_election_id: int
    election_id: int
    office: str
    seats: int
    candidates: tuple[Candidate, ...]
    write_ins: bool = True  # 另选人 allowed: as the election says, never in a re-vote among the tied


@dataclass(frozen=True)
class PollItemRow:
    poll_item_id: int
    vote_item_id: int
    title: str


@dataclass(frozen=True)
class PollRow:
    poll_id: int
    kind: str
    title: str
    meeting_id: int | None
    parent_id: int | None
    present: int | None
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    elections: tuple[PollElectionRow, ...]
    items: tuple[PollItemRow, ...]
    attendance: int | None = None  # delegates present by the attendance taken at its meeting

    @property
    def present_used(self) -> int | None:
        """The figure the quorum is checked against: the meeting's attendance once it has been
        taken; until then the number the clerk entered for the vote."""
        return self.attendance if self.attendance is not None else self.present

    @property
    def present_source(self) -> str:
        if self.attendance is not None:
            return "据到会签到"
        if self.confirmed_at is not None:
            return "确认时"
        return "人工填写" if self.present is not None else ""

    @property
    def papers(self) -> tuple[str, ...]:
        return tuple(p for p, used in (("选票", self.elections), ("表决票", self.items)) if used)


@dataclass(frozen=True)
class Figure:
    """One figure a clerk enters: for a candidate (person_id), a write-in (write_in name), an
    item (poll_item_id), or the void ballots of an election or an item (void, no person)."""

    poll_election_id: int | None = None
    person_id: int | None = None
    write_in: str = ""
    poll_item_id: int | None = None
    yes: int = 0
    no: int = 0
    abstain: int = 0
    void: int = 0

    @property
    def key(self) -> tuple:
        return (self.poll_election_id, self.person_id, self.write_in, self.poll_item_id)


@dataclass(frozen=True)
class ElectionResult:
    poll_election_id: int
    office: str
    seats: int
    void: int
    outcome: rules.Outcome
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PollResult:
    poll: PollRow
    agreed: bool
    differences: tuple[str, ...]
    missing: tuple[str, ...]  # boxes or entries not entered yet
    rounds: dict[str, rules.RoundCheck] = field(default_factory=dict)  # per paper
    quorum: str = ""
    quorum_met: bool | None = None
    elections: tuple[ElectionResult, ...] = ()
    items: tuple[rules.ItemOutcome, ...] = ()

    @property
    def complete(self) -> bool:
        return self.agreed and not self.missing

    @property
    def valid(self) -> bool:
        return self.complete and all(r.valid for r in self.rounds.values()) and self.quorum_met is not False


# ---------------------------------------------------------------- polls


def display_of(person: Person) -> str:
    return people_rules.display_name(person.name, person.gender, person.note)


def get_poll(poll_id: int) -> PollRow:
    poll = Poll.get_or_none(id=poll_id)
    if poll is None:
        raise ServiceError("该次投票已不存在。")
    pes = []
    for pe in PollElection.select().where(PollElection.poll == poll).order_by(PollElection.position):
        cands = (PollCandidate.select(PollCandidate, Person).join(Person)
                 .where(PollCandidate.poll_election == pe).order_by(PollCandidate.position))
        pes.append(PollElectionRow(pe.id, pe.election_id, pe.election.office, pe.seats,
                                   tuple(Candidate(c.person.id, c.person.name, display_of(c.person)) for c in cands),
                                   pe.election.write_ins and poll.parent_id is None))
    items = [PollItemRow(pi.id, pi.vote_item_id, pi.vote_item.title)
             for pi in PollItem.select().where(PollItem.poll == poll).order_by(PollItem.position)]
    taken = attendance.present_at(poll.meeting_id) if poll.meeting_id and poll.confirmed_at is None else None
    return PollRow(poll.id, poll.kind, poll.title, poll.meeting_id, poll.parent_id, poll.present,
                   poll.created_at, poll.confirmed_at, tuple(pes), tuple(items), taken)


def list_polls() -> list[PollRow]:
    return [get_poll(pid) for (pid,) in Poll.select(Poll.id).order_by(Poll.created_at, Poll.id).tuples()]


def create_poll(title: str, election_ids: list[int], item_ids: list[int], *, meeting_id: int | None = None,
                now: dt.datetime | None = None) -> int:
    """A vote on the elections (their fixed candidate lists) and the items, on one 选票 and one 表决票."""
    title = " ".join(title.split())
    if not title:
        raise ServiceError("请填写投票名称，如“第三次全体会议选举和表决”。", "title")
    if not election_ids and not item_ids:
        raise ServiceError("请至少选择一项选举或一项表决事项。", "elections")
    rows = []
    for eid in election_ids:
        row = elections.get_election(eid)
        if row.fixed_on is None:
            raise ServiceError(f"{row.office}的候选人名单尚未确定，不能投票。", "elections")
        rows.append(row)
    items = []
    for iid in item_ids:
        item = VoteItem.get_or_none(id=iid)
        if item is None:
            raise ServiceError("所选表决事项已不存在。", "items")
        items.append(item)
    with store.database.atomic():
        poll = Poll.create(title=title, meeting=meeting_id, created_at=now or dt.datetime.now())
        for i, row in enumerate(rows):
            pe = PollElection.create(poll=poll, election=row.election_id, seats=row.seats, position=i)
            for j, c in enumerate(row.candidates):
                PollCandidate.create(poll_election=pe, person=c.person_id, position=j)
        for i, item in enumerate(items):
            PollItem.create(poll=poll, vote_item=item, position=i)
        return poll.id


def set_present(poll_id: int, present: int | None) -> None:
    """Delegates present when the vote began (the quorum is checked against it)."""
    _check_open(poll_id)
    if present is not None and present < 0:
        raise ServiceError("到会人数不能为负数。", "present")
    with store.database.atomic():
        Poll.update(present=present).where(Poll.id == poll_id).execute()


def remove_poll(poll_id: int) -> None:
    _check_open(poll_id)
    with store.database.atomic():
        Poll.delete().where(Poll.id == poll_id).execute()


def _check_open(poll_id: int) -> Poll:
    poll = Poll.get_or_none(id=poll_id)
    if poll is None:
        raise ServiceError("该次投票已不存在。")
    if poll.confirmed_at is not None:
        raise ServiceError("主席团已确认本次计票结果，已锁定；如需更正，请用“更正”并写明理由。")
    return poll


# ---------------------------------------------------------------- entry


def _check_figures(poll: PollRow, figures: list[Figure]) -> None:
    elections_ = {pe.poll_election_id: pe for pe in poll.elections}
    items = {pi.poll_item_id for pi in poll.items}
    seen = set()
    for f in figures:
        if min(f.yes, f.no, f.abstain, f.void) < 0:
            raise ServiceError("票数不能为负数。", "figures")
        if f.key in seen:
            raise ServiceError("同一项票数录入了两次。", "figures")
        seen.add(f.key)
        if f.poll_item_id is not None:
            if f.poll_item_id not in items:
                raise ServiceError("表决事项不属于本次投票。", "figures")
            continue
        pe = elections_.get(f.poll_election_id)
        if pe is None:
            raise ServiceError("选举事项不属于本次投票。", "figures")
        if f.person_id is not None and f.person_id not in {c.person_id for c in pe.candidates}:
            raise ServiceError(f"所填候选人不在{pe.office}的候选人名单中；另选他人请填在“另选人”中。", "figures")
        if f.write_in and not pe.write_ins:
            raise ServiceError(f"{pe.office}不能另选他人（再次投票只在得票相等的候选人中进行）。", "figures")
        if f.write_in and people_rules.check_name(f.write_in):
            raise ServiceError(f"另选人姓名“{f.write_in}”：{people_rules.check_name(f.write_in).message}", "figures")


def enter(poll_id: int, box_id: int, entry: int, papers: dict[str, tuple[int, int]],
          figures: list[Figure]) -> None:
    """One clerk's entry of one box (replacing what that clerk entered for it before)."""
    _check_open(poll_id)
    if entry not in ENTRIES:
        raise ServiceError("录入只分第一遍、第二遍。", "entry")
    if BallotBox.get_or_none(id=box_id) is None:
        raise ServiceError("所选票箱已不存在。", "box")
    poll = get_poll(poll_id)
    for paper, (issued, returned) in papers.items():
        if paper not in poll.papers:
            raise ServiceError(f"本次投票没有{paper}。", "papers")
        if issued < 0 or returned < 0:
            raise ServiceError("发出、收回张数不能为负数。", "papers")
    _check_figures(poll, figures)
    with store.database.atomic():
        _write(poll_id, box_id, entry, papers, figures)


def _write(poll_id: int, box_id: int, entry: int, papers: dict[str, tuple[int, int]],
           figures: list[Figure]) -> None:
    Sheet.delete().where(Sheet.poll == poll_id, Sheet.box == box_id, Sheet.entry == entry).execute()
    Tally.delete().where(Tally.poll == poll_id, Tally.box == box_id, Tally.entry == entry).execute()
    for paper, (issued, returned) in papers.items():
        Sheet.create(poll=poll_id, box=box_id, entry=entry, paper=paper, issued=issued, returned=returned)
    for f in figures:
        Tally.create(poll=poll_id, box=box_id, entry=entry, poll_election=f.poll_election_id, person=f.person_id,
                     write_in=f.write_in, poll_item=f.poll_item_id, yes=f.yes, no=f.no, abstain=f.abstain,
                     void=f.void)


def entered(poll_id: int, box_id: int, entry: int) -> tuple[dict[str, tuple[int, int]], list[Figure]]:
    """What one clerk entered for one box (to show it again, or to compare)."""
    papers = {s.paper: (s.issued, s.returned) for s in Sheet.select().where(
        Sheet.poll == poll_id, Sheet.box == box_id, Sheet.entry == entry)}
    figures = [Figure(t.poll_election_id, t.person_id, t.write_in, t.poll_item_id, t.yes, t.no, t.abstain, t.void)
               for t in Tally.select().where(Tally.poll == poll_id, Tally.box == box_id, Tally.entry == entry)
               .order_by(Tally.id)]
    return papers, figures


def _label(poll: PollRow, f: Figure) -> str:
    if f.poll_item_id is not None:
        item = next(i for i in poll.items if i.poll_item_id == f.poll_item_id)
        return item.title + ("无效票" if f.void else "")
    pe = next(e for e in poll.elections if e.poll_election_id == f.poll_election_id)
    if f.person_id is not None:
        return f"{pe.office} {next(c.name for c in pe.candidates if c.person_id == f.person_id)}"
    if f.write_in:
        return f"{pe.office} 另选人{f.write_in}"
    return f"{pe.office} 废票"


def differences(poll_id: int) -> tuple[list[str], list[str]]:
    """(differences between the two clerks, boxes or entries missing), box by box."""
    poll = get_poll(poll_id)
    found, missing = [], []
    for box in BallotBox.select().order_by(BallotBox.position, BallotBox.id):
        one, two = entered(poll_id, box.id, 1), entered(poll_id, box.id, 2)
        for entry, (papers, _) in ((1, one), (2, two)):
            if not papers:
                missing.append(f"{box.name}第{'一二'[entry - 1]}遍未录入")
        if not one[0] or not two[0]:
            continue
        for paper in poll.papers:
            a, b = one[0].get(paper, (0, 0)), two[0].get(paper, (0, 0))
            for i, what in enumerate(("发出", "收回")):
                if a[i] != b[i]:
                    found.append(f"{box.name} {paper}{what}：第一遍 {a[i]}，第二遍 {b[i]}")
        first = {f.key: f for f in one[1]}
        second = {f.key: f for f in two[1]}
        for key in list(first) + [k for k in second if k not in first]:
            a, b = first.get(key, Figure(*key)), second.get(key, Figure(*key))
            for what in ("yes", "no", "abstain", "void"):
                if getattr(a, what) != getattr(b, what):
                    name = {"yes": "赞成", "no": "反对", "abstain": "弃权", "void": "无效"}[what]
                    found.append(f"{box.name} {_label(poll, a)} {name}：第一遍 {getattr(a, what)}，"
                                 f"第二遍 {getattr(b, what)}")
    return found, missing


# ---------------------------------------------------------------- result


def result(poll_id: int) -> PollResult:
    """The result of the agreed entries, decided by the rules; nothing while the clerks differ."""
    poll = get_poll(poll_id)
    diffs, missing = differences(poll_id)
    if diffs or missing:
        return PollResult(poll, not diffs, tuple(diffs), tuple(missing))
    info = session.session_info()
    all_delegates = info.delegates
    boxes = [b.id for b in BallotBox.select()]
    sheets: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for box_id in boxes:
        papers, figures = entered(poll_id, box_id, 1)
        for paper, (issued, returned) in papers.items():
            sheets[paper][0] += issued
            sheets[paper][1] += returned
        for f in figures:
            t = totals[f.key]
            t[0] += f.yes
            t[1] += f.no
            t[2] += f.abstain
            t[3] += f.void
    rounds = {paper: rules.check_round(*sheets[paper], paper) for paper in poll.papers}
    quorum, met = "", None
    if poll.present_used is not None:
        quorum = rules.quorum_text(poll.present_used, all_delegates, info.quorum_rule)
        met = rules.quorum_met(poll.present_used, all_delegates, info.quorum_rule)
    results = []
    for pe in poll.elections:
        votes = []
        for c in pe.candidates:
            yes, no, abstain, _ = totals.get((pe.poll_election_id, c.person_id, "", None), [0, 0, 0, 0])
            votes.append(rules.Votes(c.person_id, c.name, yes, no, abstain))
        for (peid, pid, write_in, _), (yes, no, abstain, _) in totals.items():
            if peid == pe.poll_election_id and write_in:
                votes.append(rules.Votes(("另选", write_in), f"{write_in}（另选人）", yes, no, abstain))
        void = totals.get((pe.poll_election_id, None, "", None), [0, 0, 0, 0])[3]
        valid = sheets["选票"][1] - void
        warnings = tuple(f"{v.name}的赞成、反对、弃权合计 {v.yes + v.no + v.abstain} 票，与有效选票 {valid} 张不符。"
                         for v in votes if not isinstance(v.key, tuple) and v.yes + v.no + v.abstain != valid)
        results.append(ElectionResult(pe.poll_election_id, pe.office, pe.seats, void,
                                      rules.decide_election(votes, pe.seats, all_delegates), warnings))
    items = []
    for pi in poll.items:
        yes, no, abstain, _ = totals.get((None, None, "", pi.poll_item_id), [0, 0, 0, 0])
        items.append(rules.decide_item(pi.title, yes, no, abstain, all_delegates))
    return PollResult(poll, True, (), (), rounds, quorum, met, tuple(results), tuple(items))


# ---------------------------------------------------------------- confirmation and corrections


def confirm(poll_id: int, now: dt.datetime | None = None) -> None:
    """The presidium confirms the result: from now on the poll is locked."""
    _check_open(poll_id)
    outcome = result(poll_id)
    if not outcome.complete:
        raise ServiceError("两遍录入尚未全部一致，不能确认：" + "；".join((outcome.differences + outcome.missing)[:5]))
    if outcome.poll.present_used is None:
        raise ServiceError("请先填写投票时的到会代表人数，核对法定人数后再确认。", "present")
    if not outcome.valid:
        reasons = [r.text for r in outcome.rounds.values() if not r.valid]
        if outcome.quorum_met is False:
            reasons.append(outcome.quorum)
        raise ServiceError("本次投票无效，不能确认结果，应重新投票：" + "".join(reasons))
    at = now or dt.datetime.now()
    with store.database.atomic():
        # the attendance may still change (a late-comer); the confirmed result keeps its figure
        Poll.update(confirmed_at=at, present=outcome.poll.present_used).where(Poll.id == poll_id).execute()
        PollAct.create(poll=poll_id, act="确认", at=at,
                       detail=f"到会代表 {outcome.poll.present_used} 人（{outcome.poll.present_source}）")


def correct(poll_id: int, box_id: int, papers: dict[str, tuple[int, int]], figures: list[Figure], reason: str,
            now: dt.datetime | None = None) -> None:
    """A correction after confirmation: a new act with its reason; the old figures are kept in the log."""
    poll = Poll.get_or_none(id=poll_id)
    if poll is None:
        raise ServiceError("该次投票已不存在。")
    if poll.confirmed_at is None:
        raise ServiceError("结果尚未确认，直接修改两遍录入即可。")
    if not reason.strip():
        raise ServiceError("更正须写明理由。", "reason")
    row = get_poll(poll_id)
    _check_figures(row, figures)
    old_papers, old_figures = entered(poll_id, box_id, 1)
    box = BallotBox.get_by_id(box_id)
    changes = [f"{paper}：{old_papers.get(paper)} → {value}" for paper, value in papers.items()
               if old_papers.get(paper) != value]
    before = {f.key: f for f in old_figures}
    for f in figures:
        old = before.get(f.key)
        if old != f:
            changes.append(f"{_label(row, f)}：{_figure_text(old)} → {_figure_text(f)}")
    with store.database.atomic():
        for entry in ENTRIES:
            _write(poll_id, box_id, entry, papers, figures)
        PollAct.create(poll=poll_id, act="更正", reason=reason.strip(), at=now or dt.datetime.now(),
                       detail=f"{box.name}：" + "；".join(changes))


def _figure_text(f: Figure | None) -> str:
    if f is None:
        return "（无）"
    return f"赞成{f.yes} 反对{f.no} 弃权{f.abstain} 无效{f.void}"


def acts(poll_id: int) -> list[tuple[str, str, dt.datetime, str]]:
    return [(a.act, a.reason, a.at, a.detail)
            for a in PollAct.select().where(PollAct.poll == poll_id).order_by(PollAct.at, PollAct.id)]


def create_revote(poll_id: int, now: dt.datetime | None = None) -> int:
    """A new poll among the candidates tied at the cut-off, for the seats the tie left open."""
    outcome = result(poll_id)
    if not outcome.complete:
        raise ServiceError("计票尚未完成，不能安排再次投票。")
    poll = outcome.poll
    tied = [(pe, r) for pe, r in zip(poll.elections, outcome.elections, strict=True) if r.outcome.revote]
    if not tied:
        raise ServiceError("没有得票相等、需要再次投票的候选人。")
    if any(isinstance(v.key, tuple) for _, r in tied for v in r.outcome.revote):
        raise ServiceError("得票相等的有另选人：请先把另选人登记为人员（主席团页“不在名单中的人”），再安排再次投票。")
    with store.database.atomic():
        new = Poll.create(kind="再次投票", title=f"{poll.title}（再次投票）", meeting=poll.meeting_id,
                          parent=poll_id, present=poll.present, created_at=now or dt.datetime.now())
        for i, (pe, r) in enumerate(tied):
            npe = PollElection.create(poll=new, election=pe.election_id, seats=r.outcome.revote_seats, position=i)
            for j, v in enumerate(r.outcome.revote):
                PollCandidate.create(poll_election=npe, person=v.key, position=j)
        return new.id


# ---------------------------------------------------------------- announcements


@dataclass(frozen=True)
class Elected:
    person_id: int | None  # None for a write-in not registered as a person
    name: str
    display: str
    votes: int
    note: str = ""  # sort_people reads it; a write-in has none
    gender: str = ""


@dataclass(frozen=True)
class Announcement:
    """公告第N号: one election's result, once the presidium has confirmed it."""

    number: int
    election_id: int
    office: str
    seats: int
    date: dt.date
    elected: tuple[Elected, ...]  # in stroke order, as the 公告 lists them
    vacancies: int


def announcements() -> list[Announcement]:
    """One announcement per election with a confirmed result, numbered in the order of
    confirmation; a re-vote's winners join those of the poll it continues."""
    people = {p.id: p for p in Person.select()}
    found: dict[int, dict] = {}
    polls = (Poll.select().where(Poll.confirmed_at.is_null(False))
             .order_by(Poll.confirmed_at, Poll.id))
    for poll in polls:
        outcome = result(poll.id)
        meeting_date = None
        if poll.meeting_id is not None:
            meeting_date = schedule.get_meeting(poll.meeting_id).date
        date = meeting_date or poll.confirmed_at.date()
        for pe, er in zip(outcome.poll.elections, outcome.elections, strict=True):
            entry = found.setdefault(pe.election_id, {"office": pe.office, "seats": 0, "elected": [],
                                                      "date": date, "pending": 0})
            if poll.parent_id is None:
                entry["seats"] = pe.seats
            entry["date"] = max(entry["date"], date)
            for v in er.outcome.elected:
                if isinstance(v.key, tuple):
                    entry["elected"].append(Elected(None, v.key[1], v.key[1], v.yes))
                else:
                    p = people[v.key]
                    entry["elected"].append(Elected(p.id, p.name, display_of(p), v.yes, p.note, p.gender))
            # seats left to a re-vote are not vacancies until that re-vote is confirmed
            entry["pending"] = er.outcome.revote_seats
    rows = []
    for number, (election_id, e) in enumerate(found.items(), start=1):
        elected = tuple(presidium.sort_people(e["elected"]))  # the one stroke-order function
        rows.append(Announcement(number, election_id, e["office"], e["seats"], e["date"],
                                 elected, e["seats"] - len(elected) - e["pending"]))
    return rows


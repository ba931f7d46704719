"""Counting the vote: polls, two clerks' entries by box, the result as the rules decide it,
the presidium's confirmation and logged corrections. The only writer of the poll tables.

Nothing is decided here by hand: `result` sums the agreed entries and hands them to
rules.counting, which says who is elected, what passes and why.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from meetingdesk import store
from meetingdesk.rules import counting as rules
from meetingdesk.rules import elections as election_rules
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

from . import attendance, backups, conflicts, elections, presidium, roster, schedule, session
from .errors import ServiceError

ENTRIES = (1, 2)  # double entry: two clerks enter the same sheet


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    display: str
    gender: str = ""
    note: str = ""


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
    all_delegates: int | None = None  # 全体代表 recorded with the first entry, frozen at confirmation
    vote_time: str = ""  # "10:30": who left early before it is not present for the vote
    vote_date: dt.date | None = None  # the meeting's date, else the day the poll was made

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

    @property
    def revote(self) -> bool:
        return self.kind == "再次投票"


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
    entered: bool = True  # anything was entered for it: else it is 未录入, never decided
    votes: tuple[rules.Votes, ...] = ()  # what the decision weighed, write-ins set aside excluded

    @property
    def state(self) -> str:
        if not self.entered:
            return "未录入"
        return "无效" if self.outcome.annulled else "有效"


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
    all_delegates: int = 0
    problems: tuple[str, ...] = ()  # figures that cannot be: nothing is decided while there are any
    notices: tuple[str, ...] = ()  # figures that may be right but should be looked at

    @property
    def complete(self) -> bool:
        return self.agreed and not self.missing

    @property
    def decided(self) -> bool:
        """The figures are complete and possible: the rules have decided."""
        return self.complete and not self.problems

    @property
    def standing(self) -> bool:
        """Something of this vote stands and can be confirmed: the quorum was met and at least one
        of its papers (选票, 表决票: judged separately) is valid."""
        return self.decided and self.quorum_met is not False and any(r.valid for r in self.rounds.values())

    @property
    def valid(self) -> bool:
        """Everything of this vote stands."""
        return self.standing and all(r.valid for r in self.rounds.values())

    @property
    def not_entered(self) -> list[str]:
        """The elections and items nobody entered a figure for (未录入)."""
        return [e.office for e in self.elections if not e.entered] + \
            [pi.title for pi, i in zip(self.poll.items, self.items, strict=True) if i.state == "未录入"]

    def paper_valid(self, paper: str) -> bool:
        check = self.rounds.get(paper)
        return self.standing and check is not None and check.valid


# ---------------------------------------------------------------- polls


def display_of(person: Person) -> str:
    return people_rules.display_name(person.name, person.gender, person.note)


def get_poll(poll_id: int) -> PollRow:
    poll = Poll.get_or_none(id=poll_id)
    if poll is None:
        raise ServiceError("该次投票已不存在。")
    if poll.confirmed_at is not None and poll.frozen:
        return thaw(poll.frozen).poll
    pes = []
    for pe in PollElection.select().where(PollElection.poll == poll).order_by(PollElection.position):
        cands = (PollCandidate.select(PollCandidate, Person).join(Person)
                 .where(PollCandidate.poll_election == pe).order_by(PollCandidate.position))
        pes.append(PollElectionRow(pe.id, pe.election_id, pe.election.office, pe.seats,
                                   tuple(Candidate(c.person.id, c.person.name, display_of(c.person), c.person.gender,
                                                   c.person.note) for c in cands),
                                   pe.election.write_ins and poll.kind != "再次投票"))
    items = [PollItemRow(pi.id, pi.vote_item_id, pi.vote_item.title)
             for pi in PollItem.select().where(PollItem.poll == poll).order_by(PollItem.position)]
    day = schedule.get_meeting(poll.meeting_id).date if poll.meeting_id else poll.created_at.date()
    taken = None
    if poll.meeting_id and poll.confirmed_at is None:
        taken = attendance.present_for_vote(poll.meeting_id, poll.vote_time)
    return PollRow(poll.id, poll.kind, poll.title, poll.meeting_id, poll.parent_id, poll.present,
                   poll.created_at, poll.confirmed_at, tuple(pes), tuple(items), taken, poll.all_delegates,
                   poll.vote_time, day)


def all_delegates_of(poll: PollRow) -> int:
    """全体代表 for POLL: as recorded with its first entry, else as the roster has it for the day
    of the vote (mandates ended on or before that day do not count)."""
    if poll.all_delegates is not None:
        return poll.all_delegates
    return roster.delegates_on(poll.vote_date)


def list_polls() -> list[PollRow]:
    return [get_poll(pid) for (pid,) in Poll.select(Poll.id).order_by(Poll.created_at, Poll.id).tuples()]


def create_poll(title: str, election_ids: list[int], item_ids: list[int], *, meeting_id: int | None = None,
                vote_time: str = "", now: dt.datetime | None = None) -> int:
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
    if meeting_id is not None:
        meeting = schedule.get_meeting(meeting_id)
        if meeting.kind != "全体会议":
            raise ServiceError(f"“{meeting.name}”不是全体会议；选举和表决在全体会议上进行。", "meeting")
    vote_time = _clean_time(vote_time)
    items = []
    for iid in item_ids:
        item = VoteItem.get_or_none(id=iid)
        if item is None:
            raise ServiceError("所选表决事项已不存在。", "items")
        items.append(item)
    with store.database.atomic():
        poll = Poll.create(title=title, meeting=meeting_id, vote_time=vote_time, created_at=now or dt.datetime.now())
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
    if present is not None:
        whole = all_delegates_of(get_poll(poll_id))
        if present > whole:
            raise ServiceError(f"到会代表 {present} 人多于全体代表 {whole} 人，请核对。", "present")
    with store.database.atomic():
        Poll.update(present=present).where(Poll.id == poll_id).execute()


def set_vote_time(poll_id: int, vote_time: str) -> None:
    """When the vote began: a delegate who left early before it is not present for it."""
    _check_open(poll_id)
    value = _clean_time(vote_time)
    with store.database.atomic():
        Poll.update(vote_time=value).where(Poll.id == poll_id).execute()


def _clean_time(text: str) -> str:
    text = (text or "").strip().replace("：", ":")
    if not text:
        return ""
    try:
        return dt.datetime.strptime(text, "%H:%M").strftime("%H:%M")
    except ValueError:
        raise ServiceError(f"投票时间“{text}”应写成“10:30”的样子。", "vote_time") from None


def refresh_all_delegates(poll_id: int) -> int:
    """Take 全体代表 again from the roster for the day of the vote (after a mandate's end was
    entered late); only before confirmation."""
    _check_open(poll_id)
    poll = get_poll(poll_id)
    figure = roster.delegates_on(poll.vote_date)
    with store.database.atomic():
        Poll.update(all_delegates=figure).where(Poll.id == poll_id).execute()
    return figure


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
          figures: list[Figure], seen: tuple[dict, list[Figure]] | None = None) -> None:
    """One clerk's entry of one box (replacing what that clerk entered for it before).

    Figures that cannot be (more votes than valid ballots, more than all delegates …) are refused,
    each with its box, entry, row and column; nothing is written then. SEEN: the pass as the
    form loaded it (`entered`); when another desk saved this pass since, conflicts.ConflictError."""
    _check_open(poll_id)
    if entry not in ENTRIES:
        raise ServiceError("录入只分第一遍、第二遍。", "entry")
    box = BallotBox.get_or_none(id=box_id)
    if box is None:
        raise ServiceError("所选票箱已不存在。", "box")
    poll = get_poll(poll_id)
    for paper, (issued, returned) in papers.items():
        if paper not in poll.papers:
            raise ServiceError(f"本次投票没有{paper}。", "papers")
        if issued < 0 or returned < 0:
            raise ServiceError("发出、收回张数不能为负数。", "papers")
    _check_figures(poll, figures)
    errors = [f for f in check_entry(poll, papers, figures) if f.error]
    if errors:
        place = f"{box.name} 第{'一二'[entry - 1]}遍"
        raise ServiceError("票数不可能成立，未保存：\n" + "\n".join(
            f"{place} · “{rules.COLUMNS[f.column]}”列：{f.message}" for f in errors), "figures")
    with store.database.atomic():
        place = f"{box.name}第{'一二'[entry - 1]}遍"
        conflicts.guard(place, [(Poll, poll_id)], lambda: _as_compared(entered(poll_id, box_id, entry)),
                        None if seen is None else _as_compared(seen), _as_compared((papers, figures)),
                        lambda now: _pass_words(poll, now))
        if poll.all_delegates is None:
            # 全体代表 is the figure of the day of the vote, recorded with the first entry
            Poll.update(all_delegates=roster.delegates_on(poll.vote_date)).where(
                Poll.id == poll_id, Poll.all_delegates.is_null()).execute()
        _write(poll_id, box_id, entry, papers, figures)


def _as_compared(entry: tuple[dict, list[Figure]]) -> tuple:
    """A pass as two desks' versions of it are compared: the figures' order is the form's."""
    papers, figures = entry
    return tuple(sorted(papers.items())), tuple(sorted(figures, key=repr))


def _pass_words(poll: PollRow, compared: tuple) -> str:
    """A pass in a sentence: 选票发出 210、收回 208 张，共 12 个数（or 尚未录入）."""
    papers, figures = compared
    if not papers and not figures:
        return "尚未录入"
    sheets = "，".join(f"{paper}发出 {issued}、收回 {returned} 张" for paper, (issued, returned) in papers)
    return f"{sheets}；另有各候选人和事项的票数 {len(figures)} 行（请切换到这一遍查看）"


def check_entry(poll: PollRow, papers: dict[str, tuple[int, int]], figures: list[Figure]) -> list[rules.Impossible]:
    """What cannot be in one box's figures (or in figures summed over the boxes), errors and
    notices; each names the Figure.key (or the paper) and the column, for the window's cells."""
    by_key = {f.key: f for f in figures}
    groups = []
    for pe in poll.elections:
        void_key = (pe.poll_election_id, None, "", None)
        rows = [rules.Row(f.key, row_label(poll, f.key), f.yes, f.no, f.abstain)
                for f in figures if f.poll_election_id == pe.poll_election_id and f.poll_item_id is None
                and (f.person_id is not None or f.write_in)]
        void = by_key[void_key].void if void_key in by_key else 0
        groups.append(rules.ElectionFigures(void_key, pe.office, pe.seats, void, tuple(rows)))
    items = [rules.Row(f.key, row_label(poll, f.key), f.yes, f.no, f.abstain, f.void)
             for f in figures if f.poll_item_id is not None]
    return rules.impossible(papers, groups, items, all_delegates_of(poll), poll.present_used)


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


def row_label(poll: PollRow, key) -> str:
    """The row a figure (by its Figure.key) or a paper stands in, as the clerk sees it."""
    if isinstance(key, str):
        return key
    peid, person_id, write_in, piid = key
    if piid is not None:
        return next((i.title for i in poll.items if i.poll_item_id == piid), "表决事项")
    pe = next((e for e in poll.elections if e.poll_election_id == peid), None)
    office = pe.office if pe else "选举事项"
    if person_id is not None:
        return f"{office} {next((c.name for c in pe.candidates if c.person_id == person_id), '')}".strip()
    if write_in:
        return f"{office} 另选人{write_in}"
    return f"{office} 废票"


def _label(poll: PollRow, f: Figure) -> str:
    label = row_label(poll, f.key)
    return label + ("无效票" if f.poll_item_id is not None and f.void else "")


def differences(poll_id: int) -> tuple[list[str], list[str]]:
    """(differences between the two clerks, boxes or entries missing), box by box."""
    boxes = [(box.id, box.name) for box in BallotBox.select().order_by(BallotBox.position, BallotBox.id)]
    return compare_entries(get_poll(poll_id), boxes, lambda box_id, entry: entered(poll_id, box_id, entry))


def compare_entries(poll: PollRow, boxes: list[tuple[int, str]],
                    entry_of: Callable[[int, int], tuple[dict, list[Figure]]]) -> tuple[list[str], list[str]]:
    """The two clerks' entries of POLL compared over BOXES ((id, name) in order), each read by
    ENTRY_OF(box id, entry); reads nothing itself (`check` compares from a snapshot)."""
    found, missing = [], []
    for box_id, name in boxes:
        one, two = entry_of(box_id, 1), entry_of(box_id, 2)
        for entry, (papers, _) in ((1, one), (2, two)):
            if not papers:
                missing.append(f"{name}第{'一二'[entry - 1]}遍未录入")
        if not one[0] or not two[0]:
            continue
        for paper in poll.papers:
            a, b = one[0].get(paper, (0, 0)), two[0].get(paper, (0, 0))
            for i, what in enumerate(("发出", "收回")):
                if a[i] != b[i]:
                    found.append(f"{name} {paper}{what}：第一遍 {a[i]}，第二遍 {b[i]}")
        first = {f.key: f for f in one[1]}
        second = {f.key: f for f in two[1]}
        for key in list(first) + [k for k in second if k not in first]:
            a, b = first.get(key, Figure(*key)), second.get(key, Figure(*key))
            for what in ("yes", "no", "abstain", "void"):
                if getattr(a, what) != getattr(b, what):
                    label = {"yes": "赞成", "no": "反对", "abstain": "弃权", "void": "无效"}[what]
                    found.append(f"{name} {_label(poll, a)} {label}：第一遍 {getattr(a, what)}，"
                                 f"第二遍 {getattr(b, what)}")
    return found, missing


# ---------------------------------------------------------------- result


def result(poll_id: int) -> PollResult:
    """The result of the agreed entries, decided by the rules; nothing while the clerks differ.
    A confirmed poll gives the result exactly as the presidium confirmed it (or as corrected)."""
    poll = Poll.get_or_none(id=poll_id)
    if poll is not None and poll.confirmed_at is not None and poll.frozen:
        return thaw(poll.frozen)
    return _compute(get_poll(poll_id))


def _totals(poll: PollRow) -> tuple[dict[str, list[int]], dict[tuple, list[int]], set[tuple]]:
    """(issued and returned per paper, figures per key, the keys anybody entered), summed over
    the boxes from the first entry (the second agrees with it)."""
    return sum_entries([entered(poll.poll_id, box_id, 1) for box_id in [b.id for b in BallotBox.select()]])


def sum_entries(entries: list[tuple[dict, list[Figure]]]) -> tuple[dict[str, list[int]], dict[tuple, list[int]], set[tuple]]:
    """_totals over ENTRIES (each box's papers and figures), read by the caller."""
    sheets: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for papers, figures in entries:
        for paper, (issued, returned) in papers.items():
            sheets[paper][0] += issued
            sheets[paper][1] += returned
        for f in figures:
            t = totals[f.key]
            t[0] += f.yes
            t[1] += f.no
            t[2] += f.abstain
            t[3] += f.void
    return sheets, totals, set(totals)


def _compute(poll: PollRow) -> PollResult:
    diffs, missing = differences(poll.poll_id)
    if diffs or missing:
        return PollResult(poll, not diffs, tuple(diffs), tuple(missing))
    return decide(poll, all_delegates_of(poll), session.bylaw(), session.quorum_rule(),
                  _totals(poll), elections.delegates_only, lambda: roster.delegate_names_on(poll.vote_date))


def decide(poll: PollRow, whole: int, bylaw, rule: str, summed: tuple, delegates_only: Callable[[int], bool],
           delegate_names: Callable[[], frozenset[str]]) -> PollResult:
    """The result of POLL whose two entries agree, from its figures summed over the boxes
    (SUMMED: _totals' sheets, totals and keys) and what the session says: 全体代表 WHOLE, the
    办法 BYLAW, the quorum RULE, whether an election takes delegates only and who they are (asked
    only when a write-in needs it). Reads nothing itself: `check` decides from a snapshot."""
    sheets, totals, keys = summed
    papers = {paper: (sheets[paper][0], sheets[paper][1]) for paper in poll.papers}
    figures = [Figure(*key, *values) for key, values in totals.items()]
    found = check_entry(dataclasses.replace(poll, all_delegates=whole), papers, figures)
    problems = tuple(f"各票箱合计 · “{rules.COLUMNS[f.column]}”列：{f.message}" for f in found if f.error)
    notices = [f"各票箱合计：{f.message}" for f in found if not f.error]
    if poll.present_used is not None and poll.present_used > whole:
        problems += (f"到会代表 {poll.present_used} 人多于全体代表 {whole} 人。",)
    rounds = {paper: rules.check_round(*papers[paper], paper) for paper in poll.papers}
    quorum, met = "", None
    if poll.present_used is not None:
        quorum = rules.quorum_text(poll.present_used, whole, rule)
        met = rules.quorum_met(poll.present_used, whole, rule)
    if problems:
        return PollResult(poll, True, (), (), rounds, quorum, met, all_delegates=whole, problems=problems,
                          notices=tuple(notices))
    void_reason = {paper: ("" if check.valid else check.text) for paper, check in rounds.items()}
    if met is False:
        void_reason = {paper: f"{quorum}" for paper in rounds}
    delegates = None
    results = []
    for pe in poll.elections:
        entered_any = any(k[0] == pe.poll_election_id for k in keys)
        candidates = []
        for c in pe.candidates:
            yes, no, abstain, _ = totals.get((pe.poll_election_id, c.person_id, "", None), [0, 0, 0, 0])
            candidates.append(rules.Votes(c.person_id, c.name, yes, no, abstain))
        write_ins = [rules.Votes(("另选", write_in), f"{write_in}（另选人）", yes, no, abstain)
                     for (peid, _, write_in, _), (yes, no, abstain, _) in totals.items()
                     if peid == pe.poll_election_id and write_in]
        only_delegates = None
        if write_ins and delegates_only(pe.election_id):
            delegates = delegates if delegates is not None else delegate_names()
            only_delegates = delegates
        votes, set_aside = rules.sort_write_ins(candidates, write_ins, bylaw, only_delegates)
        void = totals.get((pe.poll_election_id, None, "", None), [0, 0, 0, 0])[3]
        valid = papers["选票"][1] - void
        warnings = tuple(f"{v.name}的赞成、反对、弃权合计 {v.yes + v.no + v.abstain} 票，少于有效选票 {valid} 张"
                         "（差额为画得不清、对该候选人无效的票）。"
                         for v in candidates if v.yes + v.no + v.abstain < valid)
        if not entered_any:
            outcome = rules.Outcome(rules.majority(whole), (), lines=(f"{pe.office}：票数未录入。",))
        elif void_reason.get("选票"):
            outcome = rules.void_election(pe.seats, void_reason["选票"])
        else:
            outcome = rules.decide_election(votes, pe.seats, whole, bylaw, revote=poll.revote)
            if set_aside:
                outcome = dataclasses.replace(outcome, lines=outcome.lines[:1] + tuple(set_aside) + outcome.lines[1:])
        results.append(ElectionResult(pe.poll_election_id, pe.office, pe.seats, void, outcome, warnings,
                                      entered_any, tuple(votes)))
    items = []
    for pi in poll.items:
        key = (None, None, "", pi.poll_item_id)
        yes, no, abstain, _ = totals.get(key, [0, 0, 0, 0])
        items.append(rules.decide_item(pi.title, yes, no, abstain, whole, bylaw, entered=key in keys,
                                       void_reason=void_reason.get("表决票", "")))
    return PollResult(poll, True, (), (), rounds, quorum, met, tuple(results), tuple(items), whole, (),
                      tuple(notices))


# ---------------------------------------------------------------- confirmation and corrections


def confirm(poll_id: int, now: dt.datetime | None = None) -> None:
    """The presidium confirms the result: from now on the poll is locked, and its figures and
    verdicts are kept as they are now, whatever later happens to the roster."""
    _check_open(poll_id)
    outcome = result(poll_id)
    if not outcome.complete:
        raise ServiceError("两遍录入尚未全部一致，不能确认：" + "；".join((outcome.differences + outcome.missing)[:5]))
    if outcome.problems:
        raise ServiceError("票数不可能成立，不能确认：\n" + "\n".join(outcome.problems))
    poll = outcome.poll
    if poll.present_used is None:
        raise ServiceError("请先填写投票时的到会代表人数，核对法定人数后再确认。", "present")
    today = roster.delegates_on(poll.vote_date)
    if today != outcome.all_delegates:
        raise ServiceError(f"录入时记下的全体代表为 {outcome.all_delegates} 人，代表名单现在按投票当日"
                           f"（{poll.vote_date:%Y-%m-%d}）计为 {today} 人。请核对代表名单；确属当日人数有误的，"
                           "先“按名单更新全体代表人数”，再确认。", "all_delegates")
    missing = outcome.not_entered
    if missing:
        raise ServiceError("以下事项的票数未录入，不能确认：" + "、".join(missing))
    if not outcome.standing:
        reasons = [r.text for r in outcome.rounds.values() if not r.valid]
        if outcome.quorum_met is False:
            reasons = [outcome.quorum]
        raise ServiceError("本次投票无效，不能确认结果，应重新投票：" + "".join(reasons))
    at = now or dt.datetime.now()
    frozen_poll = dataclasses.replace(poll, present=poll.present_used, attendance=None,
                                      all_delegates=outcome.all_delegates, confirmed_at=at)
    frozen = dataclasses.replace(outcome, poll=frozen_poll)
    void = [paper for paper, r in outcome.rounds.items() if not r.valid]
    detail = f"全体代表 {outcome.all_delegates} 人；到会代表 {poll.present_used} 人（{poll.present_source}）"
    if void:
        detail += f"；{'、'.join(void)}无效，须重新投票"
    backups.before(backups.CONFIRM, poll.title)
    with store.database.atomic():
        # the attendance may still change (a late-comer); the confirmed result keeps its figure
        Poll.update(confirmed_at=at, present=poll.present_used, all_delegates=outcome.all_delegates,
                    frozen=freeze(frozen)).where(Poll.id == poll_id).execute()
        PollAct.create(poll=poll_id, act="确认", at=at, detail=detail)


def correct(poll_id: int, box_id: int, papers: dict[str, tuple[int, int]], figures: list[Figure], reason: str,
            now: dt.datetime | None = None) -> None:
    """A correction after confirmation: a new act with its reason; the old figures are kept in the log,
    and the confirmed result is decided again from the corrected figures (same 全体代表, same
    present), then kept as the new confirmed result."""
    poll = Poll.get_or_none(id=poll_id)
    if poll is None:
        raise ServiceError("该次投票已不存在。")
    if poll.confirmed_at is None:
        raise ServiceError("结果尚未确认，直接修改两遍录入即可。")
    if not reason.strip():
        raise ServiceError("更正须写明理由。", "reason")
    row = get_poll(poll_id)
    _check_figures(row, figures)
    box = BallotBox.get_or_none(id=box_id)
    if box is None:
        raise ServiceError("所选票箱已不存在。", "box")
    errors = [f for f in check_entry(row, papers, figures) if f.error]
    if errors:
        raise ServiceError("更正后的票数不可能成立，未保存：\n" + "\n".join(
            f"{box.name} · “{rules.COLUMNS[f.column]}”列：{f.message}" for f in errors), "figures")
    old_papers, old_figures = entered(poll_id, box_id, 1)
    changes = [f"{paper}：{old_papers.get(paper)} → {value}" for paper, value in papers.items()
               if old_papers.get(paper) != value]
    before = {f.key: f for f in old_figures}
    for f in figures:
        old = before.get(f.key)
        if old != f:
            changes.append(f"{_label(row, f)}：{_figure_text(old)} → {_figure_text(f)}")
    backups.before(backups.CORRECT, f"{row.title} {box.name}")
    with store.database.atomic():
        for entry in ENTRIES:
            _write(poll_id, box_id, entry, papers, figures)
        again = _compute(row)
        if again.problems:
            raise ServiceError("更正后的合计不可能成立，未保存：\n" + "\n".join(again.problems), "figures")
        Poll.update(frozen=freeze(again)).where(Poll.id == poll_id).execute()
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
    if not outcome.decided:
        raise ServiceError("计票尚未完成，不能安排再次投票。")
    poll = outcome.poll
    tied = [(pe, r) for pe, r in zip(poll.elections, outcome.elections, strict=True) if r.outcome.revote]
    if not tied:
        raise ServiceError("没有得票相等、需要再次投票的候选人。")
    if any(isinstance(v.key, tuple) for _, r in tied for v in r.outcome.revote):
        raise ServiceError("得票相等的有另选人：请先把另选人登记为人员（主席团页“不在名单中的人”），再安排再次投票。")
    with store.database.atomic():
        new = Poll.create(kind="再次投票", title=f"{poll.title}（再次投票）", meeting=poll.meeting_id,
                          parent=poll_id, present=poll.present, vote_time=poll.vote_time,
                          created_at=now or dt.datetime.now())
        for i, (pe, r) in enumerate(tied):
            npe = PollElection.create(poll=new, election=pe.election_id, seats=r.outcome.revote_seats, position=i)
            for j, v in enumerate(r.outcome.revote):
                PollCandidate.create(poll_election=npe, person=v.key, position=j)
        return new.id


def create_new_vote(poll_id: int, now: dt.datetime | None = None) -> int:
    """重新投票: a new poll for what a round that did not stand left undecided — the elections of
    a void 选票, the items of a void 表决票 (each paper is judged on its own), or everything when
    the quorum was not met. Candidates and seats as in the first vote."""
    outcome = result(poll_id)
    if not outcome.decided:
        raise ServiceError("计票尚未完成或票数有误，不能安排重新投票。")
    poll = outcome.poll
    everything = outcome.quorum_met is False
    redo_elections = [pe for pe in poll.elections if everything or not outcome.rounds["选票"].valid]
    redo_items = [pi for pi in poll.items if everything or not outcome.rounds["表决票"].valid]
    if not redo_elections and not redo_items:
        raise ServiceError("本次投票有效，不需要重新投票。")
    with store.database.atomic():
        new = Poll.create(kind="重新投票", title=f"{poll.title}（重新投票）", meeting=poll.meeting_id,
                          parent=poll_id, vote_time="", created_at=now or dt.datetime.now())
        for i, pe in enumerate(redo_elections):
            npe = PollElection.create(poll=new, election=pe.election_id, seats=pe.seats, position=i)
            for j, c in enumerate(pe.candidates):
                PollCandidate.create(poll_election=npe, person=c.person_id, position=j)
        for i, pi in enumerate(redo_items):
            PollItem.create(poll=new, vote_item=pi.vote_item_id, position=i)
        return new.id


def further_round_candidates(poll_id: int, election_id: int) -> tuple[int, list[tuple[int, str, int]]]:
    """(the seats left vacant, the candidates not elected by their votes, most first) of a
    confirmed poll's election: the choice for 另行选举."""
    outcome = result(poll_id)
    if outcome.poll.confirmed_at is None:
        raise ServiceError("计票结果尚未经主席团确认，不能另行选举。")
    for pe, er in zip(outcome.poll.elections, outcome.elections, strict=True):
        if pe.election_id == election_id:
            if er.outcome.vacancies < 1:
                raise ServiceError(f"{pe.office}没有缺额，不需要另行选举。")
            elected = {v.key for v in er.outcome.elected}
            ranked = sorted((v for v in er.votes if v.key not in elected and not isinstance(v.key, tuple)),
                            key=lambda v: -v.yes)
            return er.outcome.vacancies, [(v.key, v.name, v.yes) for v in ranked]
    raise ServiceError("该次投票没有这项选举。")


def further_round_least(election_id: int, seats: int) -> int:
    """The fewest candidates a further round for SEATS needs: the seats (等额), else the law's
    差额 for the vacant seats (the 办法's number was for the whole election)."""
    election = elections.get_election(election_id)
    if election.mode != "差额":
        return seats
    return max(election_rules.candidate_range(election.rule, seats)[0], seats + 1)


def create_further_round(poll_id: int, election_id: int, person_ids: list[int] | None = None,
                         now: dt.datetime | None = None) -> int:
    """另行选举 of the seats an election left vacant, where the session's 办法 says so: candidates
    PERSON_IDS (new nominations, or by default those not elected with the most votes), as many as
    the law's 差额 for the vacant seats requires; its own ballot; a majority of all delegates."""
    if session.bylaw().vacancy_rule != "另行选举":
        raise ServiceError("本次会议的选举和表决办法规定缺额作缺额处理，不另行选举。可在“选举和表决办法”中修改。")
    seats, ranked = further_round_candidates(poll_id, election_id)
    election = elections.get_election(election_id)
    least = further_round_least(election_id, seats)
    if person_ids is None:
        person_ids = [pid for pid, _, _ in ranked[:least]]
    person_ids = list(dict.fromkeys(person_ids))
    problem = election_rules.count_problem(election.rule, election.mode, seats, len(person_ids))
    if problem:
        raise ServiceError(f"{election.office}另行选举 {seats} 人：{problem}", "candidates")
    for pid in person_ids:
        if Person.get_or_none(id=pid) is None:
            raise ServiceError("所选候选人已不存在。", "candidates")
    poll = result(poll_id).poll
    with store.database.atomic():
        new = Poll.create(kind="另行选举", title=f"{election.office}另行选举", meeting=poll.meeting_id,
                          parent=poll_id, created_at=now or dt.datetime.now())
        pe = PollElection.create(poll=new, election=election_id, seats=seats, position=0)
        for j, pid in enumerate(person_ids):
            PollCandidate.create(poll_election=pe, person=pid, position=j)
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
    further: int = 0  # seats the 办法 sends to a further round (另行选举) not yet confirmed


def announcements() -> list[Announcement]:
    """One announcement per election with a confirmed result, numbered in the order of
    confirmation; a re-vote's or a further round's winners join those of the poll it continues.
    Everything comes from the confirmed results: names, votes and seats as they were confirmed."""
    found: dict[int, dict] = {}
    further_rounds = session.bylaw().vacancy_rule == "另行选举"
    polls = (Poll.select().where(Poll.confirmed_at.is_null(False))
             .order_by(Poll.confirmed_at, Poll.id))
    for poll in polls:
        outcome = result(poll.id)
        meeting_date = outcome.poll.vote_date if poll.meeting_id is not None else None
        date = meeting_date or poll.confirmed_at.date()
        for pe, er in zip(outcome.poll.elections, outcome.elections, strict=True):
            if er.outcome.annulled or not er.entered:
                continue  # a round that did not stand is voted again; nothing to announce yet
            entry = found.setdefault(pe.election_id, {"office": pe.office, "seats": 0, "elected": [],
                                                      "date": date, "pending": 0})
            if outcome.poll.kind in ("正式投票", "重新投票"):
                entry["seats"] = pe.seats
            entry["date"] = max(entry["date"], date)
            candidates = {c.person_id: c for c in pe.candidates}
            for v in er.outcome.elected:
                if isinstance(v.key, tuple):
                    entry["elected"].append(Elected(None, v.key[1], v.key[1], v.yes))
                else:
                    c = candidates[v.key]
                    entry["elected"].append(Elected(c.person_id, c.name, c.display, v.yes, c.note, c.gender))
            # seats left to a re-vote, or to a further round the 办法 calls for, are not vacancies
            # until that vote is confirmed
            entry["pending"] = er.outcome.revote_seats
            entry["further"] = er.outcome.vacancies if further_rounds else 0
    rows = []
    for number, (election_id, e) in enumerate(found.items(), start=1):
        elected = tuple(presidium.sort_people(e["elected"]))  # the one stroke-order function
        rows.append(Announcement(number, election_id, e["office"], e["seats"], e["date"], elected,
                                 e["seats"] - len(elected) - e["pending"] - e.get("further", 0),
                                 e.get("further", 0)))
    return rows


# ---------------------------------------------------------------- the confirmed result, kept

_FROZEN_TYPES = {cls.__name__: cls for cls in (
    PollRow, PollElectionRow, Candidate, PollItemRow, PollResult, ElectionResult, rules.Outcome, rules.Votes,
    rules.RoundCheck, rules.ItemOutcome)}


def _encode(value):
    if dataclasses.is_dataclass(value):
        data = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__type__": type(value).__name__, **data}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    return value


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__tuple__" in value:
        return tuple(_decode(v) for v in value["__tuple__"])
    if "__dict__" in value:
        return {_decode(k): _decode(v) for k, v in value["__dict__"]}
    if "__datetime__" in value:
        return dt.datetime.fromisoformat(value["__datetime__"])
    if "__date__" in value:
        return dt.date.fromisoformat(value["__date__"])
    cls = _FROZEN_TYPES[value["__type__"]]
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: _decode(v) for k, v in value.items() if k in names})


def freeze(outcome: PollResult) -> str:
    """The confirmed result as text kept in the session file."""
    return json.dumps(_encode(outcome), ensure_ascii=False)


def thaw(text: str) -> PollResult:
    return _decode(json.loads(text))

"""The delegates' changes since the previous session, as the papers about them need them: whose
mandates ended (grouped by reason, with the decisions), the offices that ended with them (相应终止),
the 补选 delegates (by constituency, with the meeting that confirmed them) and the figures —
法定名额, 实有代表 at the previous session, 现有代表 now. Reads only.

The figure at the previous session is worked back from the roster: the delegates serving on the
day asked, less those by-elected since, plus those whose mandates ended since (seed 000: 210 −
23 + 12 = 199). "Since" is everything the session file records: a roster carried forward keeps
only serving delegates, so an ended mandate or a 补选 in the file is one since the last session.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from meetingdesk.rules import mandates as rules
from meetingdesk.rules.collation import stroke_key
from meetingdesk.rules.numerals import chinese_number
from meetingdesk.rules.words import Role
from meetingdesk.store import Delegation, Office, Person
from meetingdesk.store import models as store_models

from . import roster, session
from .roster import MemberRow

DELEGATE = Role.DELEGATE

# The grounds of 代表法 第四十九条 in its order, then the other ends; a group of endings is
# printed in this order (seed 000: those who moved away, then those who resigned).
MOVED_AWAY = "因工作变动调离本行政区域"
RESIGNED = "因工作调整辞去代表职务"
REASON_ORDER = (
    MOVED_AWAY,
    RESIGNED,
    "未经批准两次不出席本级人民代表大会会议",
    "被罢免",
    "丧失中华人民共和国国籍",
    "依照法律被剥夺政治权利",
    "被判处刑罚",
    "死亡",
)
# 代表法: a delegate who moves away loses the mandate by law (自行终止); the others end as the
# 常委会 records them (依法终止, 代表法的有关规定).
SELF_ENDING = (MOVED_AWAY,)


@dataclass(frozen=True)
class EndedOffice:
    """An office that ended with its holder's mandate: 区人大常委会 委员."""

    person_id: int
    name: str
    body: str
    title: str
    ended_on: dt.date | None  # None: when the mandate ended, the date unknown

    @property
    def text(self) -> str:
        return f"{self.body}{self.title}"


@dataclass(frozen=True)
class Ended:
    """A delegate's mandate that ended: who, from which delegation, when, why, by what decision."""

    row: MemberRow
    delegation_position: int | None
    offices: tuple[EndedOffice, ...] = ()

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def reason(self) -> str:
        return self.row.end_reason

    @property
    def decision(self) -> str:
        return self.row.end_decision

    @property
    def ended_on(self) -> dt.date | None:
        return self.row.ended_on


@dataclass(frozen=True)
class ReasonGroup:
    """The endings of one reason, in the order the 常委会 names them."""

    reason: str
    ended: tuple[Ended, ...]

    @property
    def self_ending(self) -> bool:
        return self.reason in SELF_ENDING


@dataclass(frozen=True)
class OfficeGroup:
    """One office (区人大常委会 委员) and everybody whose holding of it ended with the mandate."""

    body: str
    title: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class ConstituencyGroup:
    """The 补选 delegates of one constituency (选区 / 选举单位), in stroke order; '' unrecorded."""

    constituency: str
    members: tuple[MemberRow, ...]


@dataclass(frozen=True)
class Changes:
    day: dt.date  # the figures are those of this day
    region: str
    term: int
    number: int  # this session's number; the previous one is number − 1
    statutory: int  # 法定名额
    previous: int  # 实有代表 at the previous session
    current: int  # 现有代表 on DAY
    ended: tuple[Ended, ...]  # in the order of the groups
    by_reason: tuple[ReasonGroup, ...]
    offices: tuple[OfficeGroup, ...]
    by_elected: tuple[MemberRow, ...]  # stroke order
    by_constituency: tuple[ConstituencyGroup, ...]
    confirmed_by: tuple[str, ...]  # the meetings that confirmed the 补选, in order of date
    confirmed_on: tuple[dt.date, ...]  # their dates (the 补选 delegates' start)

    @property
    def term_text(self) -> str:
        return chinese_number(self.term)

    @property
    def congress(self) -> str:
        """东西湖区第十一届人民代表大会"""
        return f"{self.region}第{self.term_text}届人民代表大会"

    @property
    def level(self) -> str:
        """区 of 东西湖区: the 区十一届人大 of the 常委会's short forms."""
        return self.region[-1:]

    @property
    def standing_committee(self) -> str:
        """东西湖区第十一届人大常委会"""
        return f"{self.region}第{self.term_text}届人大常委会"

    @property
    def previous_session(self) -> str:
        """区十一届人大二次会议; before the first session, the election of the congress."""
        if self.number > 1:
            return f"{self.level}{self.term_text}届人大{chinese_number(self.number - 1)}次会议"
        return f"{self.level}{self.term_text}届人大代表选举"

    @property
    def by_elected_count(self) -> int:
        return len(self.by_elected)

    @property
    def constituencies_recorded(self) -> bool:
        return bool(self.by_elected) and all(m.constituency for m in self.by_elected)

    def in_full(self, meeting: str) -> str:
        """区十一届人大常委会第十三次会议 -> 东西湖区第十一届人大常委会第十三次会议: the short form
        the 常委会 writes in its records, in full as its 公告 prints it; anything else as it is."""
        short = f"{self.level}{self.term_text}届"
        if meeting.startswith(short):
            return f"{self.region}第{self.term_text}届{meeting[len(short):]}"
        return meeting


def changes(day: dt.date | None = None) -> Changes:
    """The changes up to DAY (default: the session's first day, else today)."""
    info = session.session_info()
    day = day or info.start_date or dt.date.today()
    positions = {d.id: d.position for d in Delegation.select(Delegation.id, Delegation.position)}
    delegates = roster.list_members(role=DELEGATE, include_ended=True)  # stroke order
    current = roster.delegates_on(day)

    ended_rows = [m for m in delegates if not m.serving and (m.ended_on is None or m.ended_on <= day)]
    offices = _ended_offices({m.person_id: m for m in ended_rows})
    ended = [Ended(m, positions.get(m.delegation_id), tuple(offices.get(m.member_id, ())))
             for m in ended_rows]
    groups = _by_reason(ended)
    ended = [e for g in groups for e in g.ended]

    by_elected = [m for m in delegates if m.start_reason == rules.BY_ELECTION
                  and (m.started_on is None or m.started_on <= day)]  # already in stroke order
    confirmed = sorted({(m.started_on or dt.date.min, m.confirmed_by) for m in by_elected if m.confirmed_by})
    previous = current - len(by_elected) + len(ended)
    return Changes(
        day=day, region=info.region, term=info.term, number=info.number,
        statutory=info.statutory_delegates, previous=previous, current=current,
        ended=tuple(ended), by_reason=groups, offices=_office_groups(ended),
        by_elected=tuple(by_elected), by_constituency=_by_constituency(by_elected),
        confirmed_by=tuple(dict.fromkeys(meeting for _, meeting in confirmed)),
        confirmed_on=tuple(dict.fromkeys(d for d, _ in confirmed if d != dt.date.min)),
    )


def _ended_offices(ended: dict[int, MemberRow]) -> dict[int, list[EndedOffice]]:
    """member id -> the offices that ended with that mandate: of a body that needs the mandate,
    ended for that reason on the mandate's end date (or both dates unknown)."""
    found: dict[int, list[EndedOffice]] = {}
    if not ended:
        return found
    query = (Office.select(Office.person, Person.name, Office.body, Office.title, Office.ended_on)
             .join(Person)
             .where(Office.person.in_(list(ended)) & Office.body.in_(store_models.MANDATE_BODIES)
                    & (Office.end_reason == rules.OFFICES_END_WITH))
             .order_by(Office.id).tuples())
    for person_id, name, body, title, ended_on in query:
        member = ended[person_id]
        if ended_on == member.ended_on:
            found.setdefault(member.member_id, []).append(EndedOffice(person_id, name, body, title, ended_on))
    return found


def _by_reason(ended: list[Ended]) -> tuple[ReasonGroup, ...]:
    """Grouped by reason in REASON_ORDER (others after, as first met); within a reason, by
    delegation (those placed in none first) and then in the order the 常委会's records were
    entered — the 公告 names them so (seed 000 line 77), not in stroke order."""
    reasons: list[str] = []
    for e in ended:
        if e.reason not in reasons:
            reasons.append(e.reason)
    order = {r: i for i, r in enumerate(REASON_ORDER)}
    reasons.sort(key=lambda r: order.get(r, len(order)))
    groups = []
    for reason in reasons:
        rows = sorted((e for e in ended if e.reason == reason),
                      key=lambda e: (-1 if e.delegation_position is None else e.delegation_position,
                                     e.row.member_id))
        groups.append(ReasonGroup(reason, tuple(rows)))
    return tuple(groups)


def _office_groups(ended: list[Ended]) -> tuple[OfficeGroup, ...]:
    """Each office that ended, the holders in the order the endings are named; the 常委会's
    offices before the special committees' (MANDATE_BODIES)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for e in ended:
        for office in e.offices:
            groups.setdefault((office.body, office.title), []).append(office.name)
    bodies = {b: i for i, b in enumerate(store_models.MANDATE_BODIES)}
    keys = sorted(groups, key=lambda k: bodies.get(k[0], len(bodies)))  # stable: first met within a body
    return tuple(OfficeGroup(body, title, tuple(groups[(body, title)])) for body, title in keys)


_NUMBER = re.compile(r"[0-9]+|[零一二三四五六七八九十百]+")
_DIGITS = "零一二三四五六七八九"


def _chinese_value(text: str) -> int:
    """十一 -> 11, 二十 -> 20, 一百零五 -> 105 (as rules.numerals writes them)."""
    total, digit = 0, 0
    for ch in text:
        if ch == "百":
            total += (digit or 1) * 100
            digit = 0
        elif ch == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = _DIGITS.index(ch)
    return total + digit


def constituency_key(text: str) -> tuple:
    """第二选区 before 第十选区: numbers by value, the rest in stroke order; unrecorded last."""
    if not text:
        return ((2,),)
    parts: list[tuple] = []
    at = 0
    for match in _NUMBER.finditer(text):
        if match.start() > at:
            parts.append((0, stroke_key(text[at:match.start()])))
        value = match.group()
        parts.append((1, int(value) if value.isdigit() else _chinese_value(value)))
        at = match.end()
    if at < len(text):
        parts.append((0, stroke_key(text[at:])))
    return tuple(parts)


def _by_constituency(rows: list[MemberRow]) -> tuple[ConstituencyGroup, ...]:
    groups: dict[str, list[MemberRow]] = {}
    for m in rows:  # stroke order kept within each
        groups.setdefault(m.constituency, []).append(m)
    return tuple(ConstituencyGroup(c, tuple(groups[c])) for c in sorted(groups, key=constituency_key))


def prose_name(row: MemberRow) -> str:
    """A name run into a sentence: 冯宇, or 刘丹（区人大） when a note tells equal names apart."""
    return f"{row.name}（{row.note}）" if row.note else row.name


def team_group(delegation: str) -> str:
    """径河街代表团 -> 径河街代表小组: between sessions the delegates meet in 代表小组 (seed 000's
    公告 line 77 names the resigned delegates so)."""
    base = delegation[:-len("代表团")] if delegation.endswith("代表团") else delegation
    return f"{base}代表小组"


__all__ = [
    "Changes", "ConstituencyGroup", "Ended", "EndedOffice", "MOVED_AWAY", "OfficeGroup", "REASON_ORDER",
    "RESIGNED", "ReasonGroup", "SELF_ENDING", "changes", "constituency_key",
    "prose_name", "team_group",
]

"""Attendance at each meeting of the schedule, the quorum it gives, and earlier sessions' absences.

The only writer of Attendance, PriorAbsence and a meeting's recorded 应到 (Meeting.expected). A
delegate with no row for a meeting has not checked in yet (未签到); the report read to the hall
counts them as absent, and 结束签到 writes that down as 缺席 so the record stays when late-comers
change it.

Who is expected is asked for the meeting's date (roster.members_on): a delegate whose mandate
ended after the meeting is still in its roll, a 补选 delegate is not in the rolls of the meetings
before the start. The 应到 as first taken is kept with the meeting; `attendance_checks` reports
a meeting whose roll for its date has been edited since.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from meetingdesk import store
from meetingdesk.rules import counting as counting_rules
from meetingdesk.rules import mandates
from meetingdesk.rules import people as people_rules
from meetingdesk.rules import pinyin
from meetingdesk.rules.schedule import parse_time
from meetingdesk.rules.numerals import chinese_date
from meetingdesk.rules.words import AttendanceStatus, Role
from meetingdesk.store import Attendance, Delegation, Meeting, Member, Person, PresidiumMember, PriorAbsence

from . import roster, schedule, session
from .errors import ServiceError
from .schedule import MeetingRow

UNCHECKED = "未签到"
QUORUM_KINDS = ("预备会议", "全体会议")  # the meetings that vote: the session's quorum rule applies
CARD_DIGITS = 6
CLOSING = "结束签到"  # the source of the 缺席 written when the roll is closed


@dataclass(frozen=True)
class RollRow:
    """One person expected at a meeting, with how they stand."""

    member_id: int
    person_id: int
    name: str
    gender: str
    note: str
    delegation_id: int | None
    delegation: str
    role: str
    leader_title: str
    status: str  # one of store.ATTENDANCE_STATUSES, or "" before check-in
    reason: str = ""
    approver: str = ""
    time: str = ""
    source: str = ""

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)

    @property
    def card(self) -> str:
        return card_number(self.member_id)

    @property
    def present(self) -> bool:
        return self.status in store.PRESENT_STATUSES

    @property
    def status_text(self) -> str:
        """出席 / 请假（因公出差，张三批准）/ 迟到 09:10 / 未签到"""
        if not self.status:
            return UNCHECKED
        if self.status == AttendanceStatus.LEAVE:
            detail = "，".join(p for p in (self.reason, f"{self.approver}批准" if self.approver else "") if p)
            return f"请假（{detail}）" if detail else AttendanceStatus.LEAVE
        if self.status in (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY) and self.time:
            return f"{self.status} {self.time}"
        return self.status


@dataclass(frozen=True)
class Counts:
    """应到 / 实到 / 请假 / 缺席 of the delegates, and the quorum; attendees and staff apart."""

    meeting_id: int
    meeting: str
    expected: int
    present: int
    late: int
    early: int
    leave: int
    absent: int  # written down as 缺席
    unchecked: int
    rule: str
    quorum_applies: bool
    need: int
    attendees: tuple[int, int] = (0, 0)  # 列席 present, expected
    staff: tuple[int, int] = (0, 0)  # 工作人员 present, expected
    recorded: int | None = None  # 应到 as first taken (Meeting.expected), None before

    @property
    def basis_changed(self) -> bool:
        """The roll for the meeting's date no longer gives the 应到 recorded when it was taken."""
        return self.recorded is not None and self.recorded != self.expected

    @property
    def absent_total(self) -> int:
        """缺席 as read to the hall: those not checked in are not in the hall."""
        return self.absent + self.unchecked

    @property
    def met(self) -> bool:
        return self.present >= self.need

    @property
    def verdict(self) -> str:
        return "符合法定人数" if self.met else "不足法定人数"

    @property
    def taken(self) -> bool:
        """Has anyone been checked in or marked for this meeting."""
        return self.unchecked < self.expected

    @property
    def rule_text(self) -> str:
        """The rule, stated on every report: 到会代表必须超过全体代表的三分之二，即至少 141 人"""
        return f"{counting_rules.QUORUM_RULES[self.rule]}，即至少 {self.need} 人"


@dataclass(frozen=True)
class CheckIn:
    row: RollRow
    message: str
    changed: bool


# ---------------------------------------------------------------- cards


def card_number(member_id: int) -> str:
    """The number on a person's badge and in its barcode; it never changes for a member."""
    return f"{member_id:0{CARD_DIGITS}d}"


# ---------------------------------------------------------------- meetings


def meetings() -> list[MeetingRow]:
    """Every meeting of the schedule, in time order: attendance is taken for any of them."""
    return schedule.list_meetings()


def find_meeting(text: str | int) -> MeetingRow:
    """A meeting by its number in the schedule (1 = the first meeting) or by its name; a name
    several meetings share is refused with their numbers."""
    rows = meetings()
    if not rows:
        raise ServiceError("日程中还没有会议，请先在“议程日程”中添加会议。")
    wanted = str(text).strip()
    if wanted.isdigit():
        n = int(wanted)
        if 1 <= n <= len(rows):
            return rows[n - 1]
    else:
        named = [(i, row) for i, row in enumerate(rows, 1) if _named(row, wanted)]
        if len(named) == 1:
            return named[0][1]
        if named:  # 代表团会议: one a day — taking the first would print another day's figures
            listing = "；".join(f"{i} {row.label}" for i, row in named)
            raise ServiceError(f"有 {len(named)} 次会议名为“{wanted}”：{listing}。请用会议的序号或带日期的名称。",
                               "meeting")
    listing = "；".join(f"{i} {row.label}" for i, row in enumerate(rows, 1))
    raise ServiceError(f"没有会议“{wanted}”。请用会议的序号或名称：{listing}。", "meeting")


def meetings_named(text: str) -> list[MeetingRow]:
    """The meetings of the schedule TEXT names (by name or label): several when they share a name."""
    wanted = str(text).strip()
    return [row for row in meetings() if _named(row, wanted)]


def _named(row: MeetingRow, wanted: str) -> bool:
    return wanted in (row.name, row.label, row.label.replace(" ", ""))


def meeting_key(meeting_id: int) -> str:
    """What find_meeting and `--meeting N` take for a meeting: its number in the schedule."""
    for i, row in enumerate(meetings(), 1):
        if row.meeting_id == meeting_id:
            return str(i)
    raise ServiceError("该会议已不存在。")


def default_meeting(today: dt.date | None = None) -> int | None:
    """The meeting a clerk most likely takes attendance for: today's or the next plenary."""
    rows = meetings()
    if not rows:
        return None
    today = today or dt.date.today()
    voting = [r for r in rows if r.kind in QUORUM_KINDS] or rows
    upcoming = [r for r in voting if r.date >= today]
    return (upcoming or voting)[0 if upcoming else -1].meeting_id


def chosen_meeting(text: str | None = None) -> MeetingRow:
    """The meeting TEXT names (its number in the schedule or its name); None or "": the default one."""
    if text is not None and str(text).strip():
        return find_meeting(text)
    found = default_meeting()
    if found is None:
        raise ServiceError("日程中还没有会议，请先在“议程日程”中添加会议。")
    return _meeting(found)


def _meeting(meeting_id: int) -> MeetingRow:
    return schedule.get_meeting(meeting_id)


def expected_word(meeting: MeetingRow) -> str:
    """Whom the meeting expects, as its report names them: 主席团成员 at a presidium meeting, else 代表."""
    return "主席团成员" if meeting.kind == "主席团会议" else Role.DELEGATE


def expected_roles(meeting: MeetingRow) -> tuple[str, ...]:
    return (Role.DELEGATE,) if meeting.kind == "主席团会议" else store.ROLES


# ---------------------------------------------------------------- the roll


def roll(meeting_id: int, *, role: str | None = None, delegation_id: int | None = None) -> list[RollRow]:
    """Everyone expected at the meeting, by delegation and in stroke order within it.

    Those who served on the meeting's date (roster.members_on): a presidium meeting expects the
    presidium, any other meeting the delegates, attendees and staff of that day."""
    meeting = _meeting(meeting_id)
    records = {a.member_id: a for a in Attendance.select().where(Attendance.meeting == meeting_id)}
    members = _expected_members(meeting, role=role, delegation_id=delegation_id)
    rows = []
    for m in members:
        a = records.get(m.member_id)
        rows.append(RollRow(m.member_id, m.person_id, m.name, m.gender, m.note, m.delegation_id,
                            m.delegation, m.role, m.leader_title, a.status if a else "",
                            a.reason if a else "", a.approver if a else "", a.time if a else "",
                            a.source if a else ""))
    return rows


def _positions() -> dict[int | None, int]:
    """Printing order of the delegations; a member in none comes last."""
    positions: dict[int | None, int] = dict(Delegation.select(Delegation.id, Delegation.position).tuples())
    positions[None] = max(positions.values(), default=0) + 1
    return positions


def _expected_members(meeting: MeetingRow, *, role: str | None = None,
                      delegation_id: int | None = None) -> list[roster.MemberRow]:
    members = roster.members_on(meeting.date, delegation_id, role=role)
    if meeting.kind == "主席团会议":
        presidium = {m for (m,) in PresidiumMember.select(PresidiumMember.member).tuples()}
        members = [m for m in members if m.member_id in presidium]
    roles = expected_roles(meeting)
    positions = _positions()
    return sorted((m for m in members if m.role in roles),
                  key=lambda m: (roles.index(m.role), positions.get(m.delegation_id, 0)))


def _day(day: dt.date) -> str:
    return chinese_date(day)


def _mandate_word(role: str) -> str:
    return "代表资格" if role == Role.DELEGATE else f"{role}身份"


def outside_reason(member: roster.MemberRow, day: dt.date) -> str:
    """Why MEMBER did not serve on DAY, worded for a sentence, "" when they did: 其补选的代表资格
    自2023年12月22日起 / 其代表资格已于2023年12月20日终止（辞职）."""
    if member.serving_on(day):
        return ""
    word = _mandate_word(member.role)
    if member.started_on is not None and day < member.started_on:
        by = "补选的" if member.start_reason == mandates.BY_ELECTION else ""
        return f"其{by}{word}自{_day(member.started_on)}起"
    reason = f"（{member.end_reason}）" if member.end_reason else ""
    if member.ended_on is None:
        return f"其{word}已终止{reason}"
    return f"其{word}已于{_day(member.ended_on)}终止{reason}"


def not_expected_why(meeting: MeetingRow, member: roster.MemberRow) -> str:
    """Why MEMBER is not in the meeting's roll, a clause ("" when they are expected)."""
    why = outside_reason(member, meeting.date)
    if why:
        return why
    if meeting.kind == "主席团会议" and member.role == Role.DELEGATE:
        if not PresidiumMember.select().where(PresidiumMember.member == member.member_id).exists():
            return "其不是主席团成员"
        return ""
    return "" if member.role in expected_roles(meeting) else f"其身份为{member.role}"


def not_expected_text(meeting: MeetingRow, member: roster.MemberRow) -> str:
    """Why MEMBER is not in the meeting's roll, as a whole sentence."""
    said = f"{member.display}不在{meeting.name}的应到人员之中"
    why = outside_reason(member, meeting.date)
    if why:
        return f"{said}：{why}，会议在{_day(meeting.date)}。"
    why = not_expected_why(meeting, member)
    return f"{said}：{why}。" if why else f"{said}。"


def counts(meeting_id: int, rows: list[RollRow] | None = None) -> Counts:
    meeting = _meeting(meeting_id)
    rows = roll(meeting_id) if rows is None else rows
    # one pass over the roll (the desk counts 5,000 rows at every check-in)
    tally = Counter([(r.role, r.status) for r in rows])
    by_status = {status: n for (role, status), n in tally.items() if role == Role.DELEGATE}
    rule = session.quorum_rule()
    expected = sum(by_status.values())

    def of_role(role: str) -> tuple[int, int]:
        mine = [(status, n) for (r, status), n in tally.items() if r == role]
        return sum(n for status, n in mine if status in store.PRESENT_STATUSES), sum(n for _s, n in mine)

    return Counts(
        meeting_id, meeting.name, expected,
        present=sum(by_status.get(s, 0) for s in store.PRESENT_STATUSES),
        late=by_status.get(AttendanceStatus.LATE, 0), early=by_status.get(AttendanceStatus.LEFT_EARLY, 0),
        leave=by_status.get(AttendanceStatus.LEAVE, 0), absent=by_status.get(AttendanceStatus.ABSENT, 0),
        unchecked=by_status.get("", 0),
        rule=rule, quorum_applies=meeting.kind in QUORUM_KINDS,
        need=counting_rules.quorum_needed(expected, rule),
        attendees=of_role(Role.ATTENDEE), staff=of_role(Role.STAFF), recorded=recorded_expected(meeting_id),
    )


def recorded_expected(meeting_id: int) -> int | None:
    """The 应到 recorded when attendance was first taken for the meeting, None before."""
    return Meeting.select(Meeting.expected).where(Meeting.id == meeting_id).scalar()


def report_text(meeting_id: int) -> str:
    """报告代表到会情况, as the presiding chair reads it out."""
    c = counts(meeting_id)
    text = f"本次会议应到{expected_word(_meeting(meeting_id))}{c.expected}人，实到{c.present}人，请假{c.leave}人，缺席{c.absent_total}人"
    if c.quorum_applies:
        text += f"，{c.verdict}"
    return text + "。"


def present_at(meeting_id: int) -> int | None:
    """Delegates present at a meeting, None while no attendance has been taken for it."""
    c = counts(meeting_id)
    return c.present if c.taken else None


def present_for_vote(meeting_id: int, vote_time: str = "") -> int | None:
    """Delegates present for a vote at VOTE_TIME ("10:30"), None while no attendance has been
    taken. One who left early (早退) is present only if known to have left after the vote began;
    with no time of the vote, nobody who left early is counted (the quorum is never overstated).
    One who came late (迟到) after the vote began is not present for it."""
    rows = roll(meeting_id, role=Role.DELEGATE)
    if not any(r.status for r in rows):
        return None
    present = 0
    for r in rows:
        if r.status == AttendanceStatus.PRESENT:
            present += 1
        elif r.status == AttendanceStatus.LATE:
            present += not (vote_time and r.time and r.time > vote_time)
        elif r.status == AttendanceStatus.LEFT_EARLY:
            present += bool(vote_time and r.time and r.time > vote_time)
    return present


def matches(row: RollRow, query: str, *, card_start: bool = False) -> bool:
    """Does QUERY, as typed at the check-in desk, name ROW: its card number (with CARD_START, any
    start of it, as a list filters while a number is typed), characters of the name or pinyin."""
    query = query.strip()
    if query.isdigit() and query.isascii():
        return int(query) == row.member_id or (card_start and row.card.startswith(query))
    return pinyin.matches(query, row.name)


def _names(member: roster.MemberRow, query: str) -> bool:
    """`matches` for a member of the roster, who may not be in the meeting's roll."""
    query = query.strip()
    if query.isdigit() and query.isascii():
        return int(query) == member.member_id
    return pinyin.matches(query, member.name)


def find(meeting_id: int, query: str) -> list[RollRow]:
    """Who QUERY names at the check-in desk: a card number, characters of a name or pinyin."""
    if not query.strip():
        return []
    return [r for r in roll(meeting_id) if matches(r, query)]


def in_stroke_order(rows: Iterable[RollRow]) -> list[RollRow]:
    """Rows of several delegations as one list in stroke order, as the roster sorts its people."""
    return roster.sort_members(list(rows))


# ---------------------------------------------------------------- writing
#
# A desk checks in about one person a second, and a clerk may mark every delegate at once: a
# write reads only the people it writes (never the whole roll), writes them in one transaction
# and returns the rows as written, so that a caller holding the roll (the desk) updates those
# rows and its count in place. The bulk writers take the rows as the caller holds them; who is
# expected and what is recorded are read again from the file, the names only say who it was.

CHUNK = 300  # ids asked for in one IN (…); for more, one plain read of the table is quicker


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now()).replace(microsecond=0)


def _row(meeting: MeetingRow | int, member_id: int) -> RollRow:
    """One person of the meeting's roll as it stands (two or three small reads); a refusal saying
    why when they are not in it."""
    meeting = _meeting(meeting) if isinstance(meeting, int) else meeting
    member = roster.get_member(member_id)  # "该人员已不存在（可能已被撤销）。" when gone
    if not_expected_why(meeting, member):
        raise ServiceError(not_expected_text(meeting, member) + "不能记录其到会情况。")
    a = Attendance.get_or_none((Attendance.meeting == meeting.meeting_id) & (Attendance.member == member_id))
    return RollRow(member.member_id, member.person_id, member.name, member.gender, member.note,
                   member.delegation_id, member.delegation, member.role, member.leader_title,
                   a.status if a else "", a.reason if a else "", a.approver if a else "",
                   a.time if a else "", a.source if a else "")


def _presidium() -> set[int]:
    return {m for (m,) in PresidiumMember.select(PresidiumMember.member).tuples()}


def _expected_ids(meeting: MeetingRow, member_ids: list[int] | None = None, *,
                  role: str | None = None) -> set[int]:
    """Of MEMBER_IDS (None: everyone), those the meeting's roll holds: `roll`'s rule (the
    mandate covers the meeting's date, the role is expected, the presidium at its meetings)
    asked of a few columns, without building the roll."""
    roles = expected_roles(meeting)
    presidium = _presidium() if meeting.kind == "主席团会议" else None
    query = Member.select(Member.id, Member.role, Member.status, Member.started_on, Member.ended_on)
    if role is not None:
        query = query.where(Member.role == role)
    if member_ids is not None and len(member_ids) <= CHUNK:
        query = query.where(Member.id.in_(list(member_ids)))
    asked = None if member_ids is None else set(member_ids)
    day = meeting.date
    # the cursor's own tuples, the dates made dates here: peewee's conversion of every row took a
    # fifth of marking 3,000 delegates
    date = store.stored_date
    return {mid for mid, r, status, started, ended in store.database.execute(query)
            if (asked is None or mid in asked) and r in roles and (presidium is None or mid in presidium)
            and mandates.serving_on(day, date(started), status != store.STATUS_SERVING, date(ended))}


def _refuse_unexpected(meeting: MeetingRow, member_ids: list[int]) -> None:
    """A refusal naming the first of MEMBER_IDS the meeting's roll does not hold, and why."""
    expected = _expected_ids(meeting, member_ids)
    for member_id in member_ids:
        if member_id not in expected:
            _row(meeting, member_id)  # says why
            raise ServiceError(f"有人不在{meeting.name}的应到人员之中，未记录。")


def _records(meeting_id: int, member_ids: list[int]) -> dict[int, tuple[str, str, str, str, str]]:
    """(status, reason, approver, time, source) recorded for each of MEMBER_IDS who has a record."""
    query = (Attendance.select(Attendance.member, Attendance.status, Attendance.reason, Attendance.approver,
                               Attendance.time, Attendance.source).where(Attendance.meeting == meeting_id))
    if len(member_ids) <= CHUNK:  # more: the meeting's records, in one plain read
        query = query.where(Attendance.member.in_(list(member_ids)))
    asked = set(member_ids)
    return {mid: tuple(record) for mid, *record in store.database.execute(query) if mid in asked}


def _current(meeting: MeetingRow, rows: Iterable[RollRow]) -> list[RollRow]:
    """ROWS as the caller holds them, each checked to be in the meeting's roll and given what is
    recorded for them now."""
    rows = list(rows)
    ids = [r.member_id for r in rows]
    _refuse_unexpected(meeting, ids)
    records = _records(meeting.meeting_id, ids)
    blank = ("", "", "", "", "")
    return [replace(r, **dict(zip(("status", "reason", "approver", "time", "source"), records.get(r.member_id, blank))))
            for r in rows]


def _take_expected(meeting: MeetingRow | int) -> None:
    """Keep the 应到 with the meeting when its attendance is first recorded (inside the caller's
    transaction): the figure read to the hall, whatever the roster later says of that day."""
    meeting = _meeting(meeting) if isinstance(meeting, int) else meeting
    if recorded_expected(meeting.meeting_id) is None:
        expected = len(_expected_ids(meeting, role=Role.DELEGATE))  # len(roll(…, role="代表")), counted
        Meeting.update(expected=expected).where((Meeting.id == meeting.meeting_id)
                                                & Meeting.expected.is_null()).execute()


def _forget_expected(meeting_id: int) -> None:
    """A meeting whose every record was taken back is again one whose attendance was not taken."""
    if not Attendance.select().where(Attendance.meeting == meeting_id).exists():
        Meeting.update(expected=None).where(Meeting.id == meeting_id).execute()


def _put(meeting: MeetingRow | int, rows: list[RollRow], now: dt.datetime) -> None:
    """Record ROWS' status, reason, approver, time and source, replacing what each had: one
    transaction, one statement for every BATCH rows."""
    meeting = _meeting(meeting) if isinstance(meeting, int) else meeting
    at = _now(now).isoformat(" ")  # as peewee writes a DateTimeField
    with store.database.atomic():
        _take_expected(meeting)
        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            store.database.execute_sql(_PUT.format(", ".join([_one()] * len(batch))), [
                value for r in batch
                for value in (meeting.meeting_id, r.member_id, r.status, r.reason, r.approver, r.time, r.source, at)])


# Attendance written in plain SQL: peewee's query builder took longer to build an INSERT of 3,000
# rows than SQLite to write them. A (meeting, member) has one record: written over in place (the
# record keeps its id, so the change log shows one record changing).
BATCH = 120  # rows in one statement: 960 bound values, within any SQLite's limit of 999
_COLUMNS = (Attendance.meeting, Attendance.member, Attendance.status, Attendance.reason, Attendance.approver,
            Attendance.time, Attendance.source, Attendance.at)
_PUT = 'INSERT INTO "{}" ({}) VALUES {{}} ON CONFLICT ("{}", "{}") DO UPDATE SET {}'.format(
    Attendance._meta.table_name, ", ".join(f'"{f.column_name}"' for f in _COLUMNS),
    Attendance.meeting.column_name, Attendance.member.column_name,
    ", ".join(f'"{f.column_name}" = excluded."{f.column_name}"' for f in _COLUMNS[2:]))


def _one() -> str:
    return "({})".format(", ".join([store.placeholder()] * len(_COLUMNS)))


def _delete(count: int) -> str:
    p = store.placeholder()
    return 'DELETE FROM "{}" WHERE "{}" = {} AND "{}" IN ({})'.format(
        Attendance._meta.table_name, Attendance.meeting.column_name, p, Attendance.member.column_name,
        ", ".join([p] * count))


def _late(meeting: MeetingRow, now: dt.datetime) -> str:
    """The arrival time when NOW is after the meeting began, "" otherwise."""
    if not meeting.start or now.date() != meeting.date:
        return ""
    arrived = now.strftime("%H:%M")
    return arrived if arrived > meeting.start else ""


def check_in(meeting_id: int, member_id: int, *, source: str = "签到",
             now: dt.datetime | None = None) -> CheckIn:
    """Mark a person present; after the meeting's start time on its day, as 迟到 with the time."""
    meeting = _meeting(meeting_id)
    return _check_in(meeting, [_row(meeting, member_id)], source, now)[0]


def check_in_rows(meeting_id: int, rows: Iterable[RollRow], *, source: str = "手工",
                  now: dt.datetime | None = None) -> list[CheckIn]:
    """`check_in` for the chosen ROWS of the roll at once, in one transaction: those present
    already are said to be, the others written; all or, when one is refused, none."""
    meeting = _meeting(meeting_id)
    return _check_in(meeting, _current(meeting, rows), source, now)


def _check_in(meeting: MeetingRow, rows: list[RollRow], source: str, now: dt.datetime | None) -> list[CheckIn]:
    """ROWS as recorded now: those not present yet are written present (迟到 after the start)."""
    now = _now(now)
    late = _late(meeting, now)
    status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
    results, written = [], []
    for row in rows:
        if row.present:
            results.append(CheckIn(row, f"{row.display}（{row.delegation}）已签到：{row.status_text}。", False))
            continue
        was = f"（原为{row.status_text}）" if row.status else ""
        done = replace(row, status=status, reason="", approver="", time=late, source=source)
        written.append(done)
        results.append(CheckIn(done, f"{row.display}（{row.delegation}，{row.role}）{status}"
                                     f"{' ' + late if late else ''}{was}。", True))
    if written:
        _put(meeting, written, now)
    return results


def check_in_text(meeting_id: int, text: str, *, now: dt.datetime | None = None,
                  found: Iterable[RollRow] | None = None) -> CheckIn:
    """What the check-in line does on Enter: one person found is checked in; else it says why not.

    FOUND: those TEXT names (`matches`) in the roll as the caller holds it — the desk has them
    at hand as the clerk types — so the roll is not read again; the one checked in is."""
    meeting = _meeting(meeting_id)
    found = find(meeting_id, text) if found is None else list(found)
    source = "扫码" if text.strip().isdigit() else "签到"
    if len(found) == 1:
        return _check_in(meeting, _current(meeting, found), source, now)[0]
    if not found:
        outside = [m for m in roster.list_members(include_ended=True) if _names(m, text)]
        if 0 < len(outside) <= 3:
            raise ServiceError("".join(not_expected_text(meeting, m) for m in outside) + "不能签到。", "query")
        what = "证号" if source == "扫码" else "姓名或拼音"
        raise ServiceError(f"{meeting.name}的应到人员中没有{what}为“{text.strip()}”的人。", "query")
    waiting = [r for r in found if not r.present]
    if len(waiting) == 1:  # the others found are in already: the one still outside is meant
        return _check_in(meeting, _current(meeting, waiting), source, now)[0]
    names = "、".join(f"{r.display}（{r.delegation}）" for r in found[:8])
    more = f"等 {len(found)} 人" if len(found) > 8 else ""
    raise ServiceError(f"“{text.strip()}”对应 {names}{more}，请多输入几个字母或在名单中选择。", "query")


def _details(status: str, name: str, reason: str, approver: str, time: str) -> tuple[str, str, str]:
    """(reason, approver, time) as recorded with STATUS for NAME; a refusal when one is missing."""
    if status not in store.ATTENDANCE_STATUSES:
        raise ServiceError(f"到会情况应是{'、'.join(store.ATTENDANCE_STATUSES)}之一，现为“{status}”。", "status")
    reason, approver = reason.strip(), approver.strip()
    if status == AttendanceStatus.LEAVE:
        if not reason:
            raise ServiceError(f"请填写{name}的请假事由。", "reason")
        if not approver:
            raise ServiceError(f"请填写{name}的请假由谁批准。", "approver")
    else:
        reason = approver = ""
    if status in (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY):
        parsed = parse_time(time or "")
        if not parsed:
            what = "到会" if status == AttendanceStatus.LATE else "离会"
            raise ServiceError(f"请填写{name}{what}的时间，如 9:10（现为“{time}”）。", "time")
        time = parsed
    else:
        time = ""
    return reason, approver, time


def mark(meeting_id: int, member_id: int, status: str, *, reason: str = "", approver: str = "",
         time: str = "", source: str = "手工", now: dt.datetime | None = None) -> RollRow:
    """Set a person's attendance: 请假 needs a reason and who approved it; 迟到/早退 a time.
    Returns the row as written."""
    if status not in store.ATTENDANCE_STATUSES:
        _details(status, "", "", "", "")
    meeting = _meeting(meeting_id)
    row = _row(meeting, member_id)
    return _mark(meeting, [row], status, reason, approver, time, source, now)[0]


def mark_rows(meeting_id: int, rows: Iterable[RollRow], status: str, *, reason: str = "", approver: str = "",
              time: str = "", source: str = "手工", now: dt.datetime | None = None) -> list[RollRow]:
    """`mark` for the chosen ROWS of the roll at once (up to everyone), in one transaction: all are
    written, or, when one is refused, none. Returns the rows as written, in the order given."""
    rows = list(rows)
    if status not in store.ATTENDANCE_STATUSES:
        _details(status, "", "", "", "")
    meeting = _meeting(meeting_id)
    _refuse_unexpected(meeting, [r.member_id for r in rows])
    return _mark(meeting, rows, status, reason, approver, time, source, now)


def _mark(meeting: MeetingRow, rows: list[RollRow], status: str, reason: str, approver: str, time: str,
          source: str, now: dt.datetime | None) -> list[RollRow]:
    if not rows:
        return []
    reason, approver, time = _details(status, rows[0].name, reason, approver, time)
    done = [replace(r, status=status, reason=reason, approver=approver, time=time, source=source) for r in rows]
    _put(meeting, done, _now(now))
    return done


def _rows_of(meeting: MeetingRow, member_ids: list[int]) -> list[RollRow]:
    """The rows of MEMBER_IDS in the meeting's roll (a refusal for one not in it): a few read
    one by one, more through one read of the roll."""
    if len(member_ids) <= 20:
        return [_row(meeting, m) for m in member_ids]
    held = {r.member_id: r for r in roll(meeting.meeting_id)}
    return [held[m] if m in held else _row(meeting, m) for m in member_ids]


def mark_all(meeting_id: int, member_ids: Iterable[int], status: str, **details) -> list[RollRow]:
    """`mark` for several people by id at once: all are written, or, when one is refused, none."""
    if status not in store.ATTENDANCE_STATUSES:
        _details(status, "", "", "", "")
    meeting = _meeting(meeting_id)
    rows = _rows_of(meeting, list(member_ids))
    return mark_rows(meeting_id, rows, status, **details)


def clear_all(meeting_id: int, member_ids: Iterable[int]) -> None:
    """Back to 未签到 for several people at once, in one transaction."""
    member_ids = list(member_ids)
    with store.database.atomic():
        for start in range(0, len(member_ids), BATCH * len(_COLUMNS)):
            batch = member_ids[start:start + BATCH * len(_COLUMNS)]
            store.database.execute_sql(_delete(len(batch)), [meeting_id, *batch])
        _forget_expected(meeting_id)


def clear_rows(meeting_id: int, rows: Iterable[RollRow]) -> list[RollRow]:
    """`clear_all` for the chosen ROWS of the roll; returns them as they now stand (未签到)."""
    rows = list(rows)
    clear_all(meeting_id, [r.member_id for r in rows])
    return [unchecked(r) for r in rows]


def unchecked(row: RollRow) -> RollRow:
    """ROW with nothing recorded: 未签到."""
    return replace(row, status="", reason="", approver="", time="", source="")


def clear(meeting_id: int, member_id: int) -> None:
    """Back to 未签到: a check-in made by mistake. With the meeting's last record goes its
    recorded 应到: taken again, it is taken from the roster as it then stands."""
    clear_all(meeting_id, [member_id])


def tick(meeting_id: int, member_ids: Iterable[int], present_ids: Iterable[int], *, source: str = "团长点名",
         now: dt.datetime | None = None) -> int:
    """A delegation leader's list or a sign-in sheet: of MEMBER_IDS, those in PRESENT_IDS are
    present and the others not checked in; leave and absence written down stay. Returns changes."""
    meeting = _meeting(meeting_id)
    member_ids, present_ids = list(member_ids), set(present_ids)
    asked = list(dict.fromkeys(member_ids + list(present_ids)))
    expected = _expected_ids(meeting, asked)
    unknown = [m for m in member_ids + list(present_ids) if m not in expected]
    if unknown:
        raise ServiceError(f"有 {len(unknown)} 人不在{meeting.name}的应到人员之中，名单未保存。")
    records = _records(meeting_id, member_ids)
    present = {m for m, record in records.items() if record[0] in store.PRESENT_STATUSES}
    come = [m for m in dict.fromkeys(member_ids) if m in present_ids and m not in present]
    gone = [m for m in dict.fromkeys(member_ids) if m not in present_ids and m in present]
    blank = RollRow(0, 0, "", "", "", None, "", "", "", AttendanceStatus.PRESENT, source=source)
    with store.database.atomic():
        if come:
            _put(meeting, [replace(blank, member_id=m) for m in come], _now(now))
        if gone:
            clear_all(meeting_id, gone)
    return len(come) + len(gone)


def close_roll(meeting_id: int, *, now: dt.datetime | None = None) -> int:
    """结束签到: every delegate not checked in is written down as 缺席. Returns how many."""
    now = _now(now)
    missing = [unchecked(r) for r in roll(meeting_id, role=Role.DELEGATE) if not r.status]
    if missing:
        _put(meeting_id, [replace(r, status=AttendanceStatus.ABSENT, source=CLOSING) for r in missing], now)
    return len(missing)


def retake_expected(meeting_id: int) -> int | None:
    """按名单更新应到人数: after checking that the roster for the meeting's date is right, keep its
    应到 as the roll now gives it (None when no attendance has been recorded). Returns it."""
    with store.database.atomic():
        if not Attendance.select().where(Attendance.meeting == meeting_id).exists():
            Meeting.update(expected=None).where(Meeting.id == meeting_id).execute()
            return None
        expected = len(roll(meeting_id, role=Role.DELEGATE))
        Meeting.update(expected=expected).where(Meeting.id == meeting_id).execute()
    return expected


@dataclass(frozen=True)
class Stray:
    """An attendance record of someone not in the meeting's roll for its date: a start or end
    of the mandate (or a seat on the presidium) changed after the record was made."""

    member: roster.MemberRow
    status: str
    why: str  # why they are not expected, a clause: 其代表资格已于2023年12月20日终止（辞职）


def strays(meeting_id: int) -> list[Stray]:
    """The records of a meeting that its roll for the meeting's date does not hold."""
    meeting = _meeting(meeting_id)
    expected = {m.member_id for m in _expected_members(meeting)}
    status = {member_id: status for member_id, status in (
        Attendance.select(Attendance.member, Attendance.status).where(Attendance.meeting == meeting_id).tuples())
        if member_id not in expected}
    members = roster.sort_members([roster.get_member(member_id) for member_id in status])
    return [Stray(m, status[m.member_id], not_expected_why(meeting, m)) for m in members]


def closed(meeting_id: int) -> bool:
    """Was the meeting's roll closed (结束签到): every delegate then expected has a record."""
    return Attendance.select().where((Attendance.meeting == meeting_id)
                                     & (Attendance.source == CLOSING)).exists()


def closed_at(meeting_id: int, day: dt.date | None = None) -> dt.datetime | None:
    """When the meeting's roll was closed (结束签到): the time written with the 缺席 it wrote (the
    last close, when it was closed again; of DAY's closes when DAY is given); None when it was
    not, or nobody was left to write."""
    closes = [dt.datetime.fromisoformat(at) if isinstance(at, str) else at for (at,) in
              Attendance.select(Attendance.at).distinct().where((Attendance.meeting == meeting_id)
                                                                & (Attendance.source == CLOSING)).tuples()]
    return max((at for at in closes if day is None or at.date() == day), default=None)


@dataclass(frozen=True)
class CountTime:
    """The moment a meeting's figures are counted to, the 截至 of its papers: the time its roll was
    closed — when the chair's "应到 N 人，实到 M 人" is said — or, before that, the meeting's start."""

    day: dt.date  # the meeting's
    time: str  # "08:52"; "" when the roll was not closed on the day and the schedule gives no start
    closed: bool  # TIME is that of 结束签到


def count_time(meeting: MeetingRow | int) -> CountTime:
    """When MEETING's attendance figures hold: the (last) close of its roll on the meeting's day (a
    close written on another day — the roll finished afterwards — says nothing of the meeting's
    time), else the start the schedule gives it."""
    meeting = _meeting(meeting) if isinstance(meeting, int) else meeting
    at = closed_at(meeting.meeting_id, meeting.date)
    if at is not None:
        return CountTime(meeting.date, at.strftime("%H:%M"), True)
    return CountTime(meeting.date, meeting.start, False)


def last_counted(shown: list[MeetingRow]) -> MeetingRow | None:
    """Of SHOWN (in time order), the last meeting whose attendance has been recorded."""
    recorded = {m for (m,) in Attendance.select(Attendance.meeting).distinct().tuples()}
    counted = [m for m in shown if m.meeting_id in recorded]
    return counted[-1] if counted else None


def set_quorum_rule(rule: str) -> None:
    session.update_session(quorum_rule=rule)


# ---------------------------------------------------------------- papers' lists


def absences_by_delegation(meeting_id: int) -> list[tuple[str, list[RollRow], list[RollRow]]]:
    """(delegation, on leave, absent) for each delegation with anyone missing; absent
    includes those never checked in."""
    grouped: dict[str, tuple[list[RollRow], list[RollRow]]] = {}
    for r in roll(meeting_id, role=Role.DELEGATE):
        if r.status == AttendanceStatus.LEAVE:
            grouped.setdefault(r.delegation, ([], []))[0].append(r)
        elif r.status in (AttendanceStatus.ABSENT, ""):
            grouped.setdefault(r.delegation, ([], []))[1].append(r)
    return [(name, leave, absent) for name, (leave, absent) in grouped.items()]


@dataclass(frozen=True)
class SessionLine:
    """One delegate across the session's meetings: a status per meeting ("" not recorded, or
    not a delegate on its date: SERVING says which meetings the mandate covers)."""

    row: RollRow
    statuses: tuple[str, ...]
    prior: tuple[str, ...]  # earlier sessions missed without leave
    unexcused_here: bool
    serving: tuple[bool, ...] = ()  # per meeting: a delegate on its date (every one when empty)
    mandate: roster.MemberRow | None = None

    @property
    def unexcused_total(self) -> int:
        return len(self.prior) + self.unexcused_here

    def in_mandate(self, index: int) -> bool:
        return not self.serving or self.serving[index]

    @property
    def started_during(self) -> dt.date | None:
        """The start of a mandate that began after a meeting shown (补选 during the session)."""
        m = self.mandate
        if m is None or m.started_on is None or not self.serving or self.serving[0]:
            return None
        return m.started_on

    @property
    def ended_during(self) -> dt.date | None:
        """The end of a mandate that ended before a meeting shown (资格终止 during the session)."""
        m = self.mandate
        if m is None or m.serving or m.ended_on is None or not self.serving or self.serving[-1]:
            return None
        return m.ended_on

    @property
    def serving_now(self) -> bool:
        return self.mandate is None or self.mandate.serving


def recorded_meetings() -> list[MeetingRow]:
    """The meetings a whole-session table shows: the voting ones, and any other with records."""
    with_records = {m for (m,) in Attendance.select(Attendance.meeting).distinct().tuples()}
    return [m for m in meetings() if m.kind in QUORUM_KINDS or m.meeting_id in with_records]


def session_table() -> tuple[list[MeetingRow], list[SessionLine]]:
    """Every delegate of the session's meetings at each recorded meeting, by delegation: one
    whose mandate ended during the session stays, with the meetings after the end outside it; a
    补选 delegate comes in with the meetings before the start outside it (never 缺席 there)."""
    shown = recorded_meetings()
    ids = [m.meeting_id for m in shown]
    records: dict[tuple[int, int], str] = {
        (mid, meeting): status for mid, meeting, status in
        Attendance.select(Attendance.member, Attendance.meeting, Attendance.status).tuples()}
    prior = _prior_by_person()
    lines = []
    for member in _delegates(shown):
        serving = tuple(member.serving_on(m.date) for m in shown)
        row = RollRow(member.member_id, member.person_id, member.name, member.gender, member.note,
                      member.delegation_id, member.delegation, member.role, member.leader_title, "")
        statuses = tuple(records.get((row.member_id, mid), "") if inside else ""
                         for mid, inside in zip(ids, serving))
        voting = [s for m, s, inside in zip(shown, statuses, serving) if inside and m.kind in QUORUM_KINDS]
        lines.append(SessionLine(row, statuses, tuple(prior.get(row.person_id, ())), _unexcused(voting),
                                 serving, member))
    return shown, lines


def _delegates(shown: list[MeetingRow]) -> list[roster.MemberRow]:
    """The delegates of at least one meeting shown (before any meeting: those serving), by
    delegation and in stroke order within it."""
    if shown:
        days = sorted({m.date for m in shown})
        members = [m for m in roster.list_members(role=Role.DELEGATE, include_ended=True)
                   if any(m.serving_on(day) for day in days)]
    else:
        members = roster.list_members(role=Role.DELEGATE)
    positions = _positions()
    return sorted(members, key=lambda m: positions.get(m.delegation_id, 0))


def _unexcused(statuses: list[str]) -> bool:
    """Missed this session without leave: written down 缺席 at a plenary of the mandate and
    present at none."""
    return AttendanceStatus.ABSENT in statuses and not any(s in store.PRESENT_STATUSES for s in statuses)


# ---------------------------------------------------------------- earlier sessions


@dataclass(frozen=True)
class PriorRow:
    prior_id: int
    person_id: int
    name: str
    session: str
    note: str


def _prior_by_person() -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for pid, text in PriorAbsence.select(PriorAbsence.person, PriorAbsence.session).order_by(PriorAbsence.id).tuples():
        found.setdefault(pid, []).append(text)
    return found


def list_prior() -> list[PriorRow]:
    query = (PriorAbsence.select(PriorAbsence.id, Person.id, Person.name, PriorAbsence.session, PriorAbsence.note)
             .join(Person).order_by(PriorAbsence.id).tuples())
    return [PriorRow(*row) for row in query]


def add_prior(person_id: int, session_name: str, note: str = "") -> int:
    """Note that a person missed an earlier session without leave."""
    session_name = session_name.strip()
    if not session_name:
        raise ServiceError("请填写缺席的是哪一次会议，如“第十一届人民代表大会第二次会议”。", "session")
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise ServiceError("该人员已不存在。")
    if PriorAbsence.select().where((PriorAbsence.person == person_id)
                                   & (PriorAbsence.session == session_name)).exists():
        raise ServiceError(f"已记有{person.name}未经批准缺席{session_name}。", "session")
    with store.database.atomic():
        return PriorAbsence.create(person=person_id, session=session_name, note=note.strip()).id


def remove_prior(prior_id: int) -> None:
    with store.database.atomic():
        PriorAbsence.delete().where(PriorAbsence.id == prior_id).execute()


def unexcused_flags() -> list[SessionLine]:
    """Serving delegates who missed two sessions without leave (this one counted when it is so
    far); one whose mandate has already ended is no longer for the 常委会 to end."""
    return [line for line in session_table()[1] if line.unexcused_total >= 2 and line.serving_now]

"""The agenda (议程), the schedule (日程) and which meeting adopted each paper.

The only writer of these tables. Plenaries and presidium meetings are numbered by their
place in time (第一次全体会议, 主席团第二次会议), never stored, so inserting a meeting
renumbers the rest.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from meetingdesk import store
from meetingdesk.rules import schedule as timing
from meetingdesk.rules.numerals import chinese_date, chinese_number, weekday_name
from meetingdesk.store import Adoption, AgendaItem, ChairGroup, Meeting, MeetingItem, Person

from . import conflicts, session
from .errors import ServiceError

ATTENDANCE_ITEM = "报告代表到会情况"

# The papers whose title carries the meeting that adopted them, with their usual verb.
ADOPTED_PAPERS = {
    "presidium": ("主席团和秘书长名单", "通过"),
    "chairs": ("主席团常务主席名单", "推定"),
    "groups": ("执行主席分组", "通过"),
    "deputies": ("副秘书长名单", "通过"),
    "review": ("议案审查委员会名单", "通过"),
    "scrutineers": ("总监票人、监票人名单", "通过"),
    "motion_review": ("议案审查委员会关于议案的审查报告", "通过"),
    "candidates": ("正式候选人名单", "通过"),
    "agenda": ("议程", "通过"),
    "schedule": ("日程", "通过"),
}
VERBS = ("通过", "推定", "决定")


@dataclass(frozen=True)
class ItemRow:
    item_id: int
    position: int
    text: str

    @property
    def number(self) -> int:
        return self.position + 1


@dataclass(frozen=True)
class MeetingRow:
    meeting_id: int
    date: dt.date
    half: str
    start: str
    end: str
    kind: str
    number: int | None  # 第N次 of plenaries and presidium meetings
    title: str
    place: str
    host_person_id: int | None
    host_name: str  # of a plenary: its group's host; otherwise the meeting's own
    printed: bool
    chair_group_id: int | None
    items: tuple[ItemRow, ...] = ()

    @property
    def name(self) -> str:
        return meeting_name(self.kind, self.number, self.title)

    @property
    def day_heading(self) -> str:
        """12月21日(星期四)"""
        return f"{self.date.month}月{self.date.day}日({weekday_name(self.date)})"

    @property
    def when(self) -> str:
        """上午 8:30"""
        return " ".join(p for p in (self.half, timing.printed_time(self.start)) if p)

    @property
    def label(self) -> str:
        """12月21日上午 第一次全体会议 — how the choosers show it."""
        return f"{self.date.month}月{self.date.day}日{self.half} {self.name}"


@dataclass(frozen=True)
class MeetingInput:
    date: dt.date
    kind: str
    half: str = ""
    start: str = ""
    end: str = ""
    title: str = ""
    place: str = ""
    host_person_id: int | None = None
    printed: bool = True

    @classmethod
    def of(cls, row: MeetingRow) -> MeetingInput:
        return cls(row.date, row.kind, row.half, row.start, row.end, row.title, row.place,
                   row.host_person_id, row.printed)


@dataclass(frozen=True)
class AgendaRow:
    item_id: int
    position: int
    text: str

    @property
    def number(self) -> str:
        """一、二、三 …"""
        return chinese_number(self.position + 1)


@dataclass(frozen=True)
class AdoptionRow:
    paper: str
    meeting_id: int | None
    verb: str
    line: str  # (2023年12月20日…预备会议通过), "" when not set


def meeting_name(kind: str, number: int | None, title: str = "") -> str:
    if kind == "全体会议" and number:
        return f"第{chinese_number(number)}次全体会议"
    if kind == "主席团会议" and number:
        return f"主席团第{chinese_number(number)}次会议"
    if kind == "其他":
        return title or "其他会议"
    return kind


# ---------------------------------------------------------------- meetings


def list_meetings(*, printed_only: bool = False, only: int | None = None) -> list[MeetingRow]:
    """Every meeting in time order, numbered, with its items (ONLY: just that meeting's row,
    numbered among all, its items and group alone read)."""
    meetings = sorted(Meeting.select(Meeting, Person).join(Person, JOIN.LEFT_OUTER),
                      key=lambda m: timing.order_key(m.date, m.half, m.start, m.position) + (m.id,))
    item_query = MeetingItem.select().order_by(MeetingItem.position, MeetingItem.id)
    group_query = ChairGroup.select().where(ChairGroup.meeting.is_null(False))
    if only is not None:
        item_query = item_query.where(MeetingItem.meeting == only)
        group_query = group_query.where(ChairGroup.meeting == only)
    items: dict[int, list[ItemRow]] = {}
    for item in item_query:
        items.setdefault(item.meeting_id, []).append(ItemRow(item.id, len(items.get(item.meeting_id, [])),
                                                             item.text))
    groups = {g.meeting_id: g for g in group_query}
    host_names = _group_host_names() if groups else {}
    counters: dict[str, int] = {}
    rows = []
    for m in meetings:
        number = None
        if m.kind in ("全体会议", "主席团会议"):
            counters[m.kind] = number = counters.get(m.kind, 0) + 1
        group = groups.get(m.id)
        if m.kind == "全体会议":
            host_id = None
            host_name = host_names.get(group.id, "") if group else ""
        else:
            host_id = m.host_id
            host_name = m.host.name if m.host_id else ""
        if (printed_only and not m.printed) or (only is not None and m.id != only):
            continue
        rows.append(MeetingRow(m.id, m.date, m.half, m.start, m.end, m.kind, number, m.title, m.place,
                               host_id, host_name, m.printed, group.id if group else None,
                               tuple(items.get(m.id, []))))
    return rows


def _group_host_names() -> dict[int, str]:
    query = (ChairGroup.select(ChairGroup.id, Person.name)
             .join(store.PresidiumMember, on=(ChairGroup.host == store.PresidiumMember.id))
             .join(store.Member).join(Person))
    return dict(query.tuples())


def get_meeting(meeting_id: int) -> MeetingRow:
    for row in list_meetings(only=meeting_id):
        if row.meeting_id == meeting_id:
            return row
    raise ServiceError("该会议已不存在。")


def meeting_choices(kind: str | None = None) -> list[tuple[int, str]]:
    return [(m.meeting_id, m.label) for m in list_meetings() if kind is None or m.kind == kind]


def _clean(data: MeetingInput) -> MeetingInput:
    if data.kind not in store.MEETING_KINDS:
        raise ServiceError(f"会议类别只能是{'、'.join(store.MEETING_KINDS)}之一。", "kind")
    if not isinstance(data.date, dt.date):
        raise ServiceError("请填写会议日期。", "date")
    start, end = timing.parse_time(data.start), timing.parse_time(data.end)
    if start is None:
        raise ServiceError(f"开始时间“{data.start}”看不懂，请写成 8:30 这样的时、分。", "start")
    if end is None:
        raise ServiceError(f"结束时间“{data.end}”看不懂，请写成 11:30 这样的时、分。", "end")
    if start and end and end <= start:
        raise ServiceError("结束时间须晚于开始时间。", "end")
    half = data.half or timing.half_of(start)
    if half and half not in store.HALVES:
        raise ServiceError("时段只能是上午、下午或晚上。", "half")
    if start and half != timing.half_of(start):
        raise ServiceError(f"开始时间 {start} 不在{half}。", "start")
    if data.kind == "其他" and not data.title.strip():
        raise ServiceError("请填写会议名称。", "title")
    if data.host_person_id is not None and Person.get_or_none(id=data.host_person_id) is None:
        raise ServiceError("所选主持人已不存在。", "host")
    return MeetingInput(data.date, data.kind, half, start, end, data.title.strip(), data.place.strip(),
                        None if data.kind == "全体会议" else data.host_person_id, data.printed)


def _fields(data: MeetingInput) -> dict:
    return dict(date=data.date, kind=data.kind, half=data.half, start=data.start, end=data.end,
                title=data.title, place=data.place, host=data.host_person_id, printed=data.printed)


def add_meeting(data: MeetingInput, *, attendance_item: bool = True) -> int:
    """A plenary opens with 报告代表到会情况 unless ATTENDANCE_ITEM is False."""
    data = _clean(data)
    with store.database.atomic():
        last = Meeting.select().count()
        meeting = Meeting.create(position=last, **_fields(data))
        if data.kind == "全体会议" and attendance_item:
            MeetingItem.create(meeting=meeting, text=ATTENDANCE_ITEM, position=0)
        return meeting.id


def update_meeting(meeting_id: int, data: MeetingInput, seen: MeetingInput | MeetingRow | None = None) -> None:
    """SEEN: the meeting as the desk read it; conflicts.ConflictError when another desk changed it since."""
    data = _clean(data)
    meeting = Meeting.get_or_none(id=meeting_id)
    if meeting is None:
        raise ServiceError("该会议已不存在。")
    with store.database.atomic():
        # named as the clerk's form has it
        named = (seen if isinstance(seen, MeetingRow) else get_meeting(meeting_id)).label
        conflicts.guard(named, [(Meeting, meeting_id)],
                        lambda: MeetingInput.of(get_meeting(meeting_id)),
                        MeetingInput.of(seen) if isinstance(seen, MeetingRow) else seen, data, _shown_meeting)
        if meeting.kind == "全体会议" and data.kind != "全体会议":
            ChairGroup.update(meeting=None).where(ChairGroup.meeting == meeting_id).execute()
        Meeting.update(**_fields(data)).where(Meeting.id == meeting_id).execute()


def _shown_meeting(data: MeetingInput) -> str:
    """12月21日上午 8:30—11:30，第一次全体会议，地点…，主持人…, as the conflict message says them."""
    host = Person.get_or_none(id=data.host_person_id) if data.host_person_id is not None else None
    when = " ".join(p for p in (data.half, timing.printed_time(data.start)) if p)
    if data.end:
        when += f"—{timing.printed_time(data.end)}"
    parts = [f"{data.date.month}月{data.date.day}日{when}", data.title if data.kind == "其他" else data.kind,
             f"地点{data.place}" if data.place else "", f"主持人{host.name}" if host else "",
             "" if data.printed else "不印入日程"]
    return "，".join(p for p in parts if p)


def remove_meeting(meeting_id: int) -> None:
    with store.database.atomic():
        Meeting.delete().where(Meeting.id == meeting_id).execute()


def _items_of(meeting_id: int) -> list[MeetingItem]:
    return list(MeetingItem.select().where(MeetingItem.meeting == meeting_id)
                .order_by(MeetingItem.position, MeetingItem.id))


def _place(rows: list, item, index: int | None) -> None:
    """Put ITEM at INDEX of ROWS (the end when None or beyond) and renumber them all."""
    rows = [r for r in rows if r.id != item.id]
    rows.insert(len(rows) if index is None else max(0, min(index, len(rows))), item)
    _renumber(rows)


def _renumber(rows) -> None:
    for i, row in enumerate(rows):
        if row.position != i:
            row.position = i
            row.save()


def _text(text: str, what: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ServiceError(f"{what}内容不能为空。", "text")
    return text


def add_item(meeting_id: int, text: str, index: int | None = None) -> int:
    text = _text(text, "会议事项")
    if Meeting.get_or_none(id=meeting_id) is None:
        raise ServiceError("该会议已不存在。")
    with store.database.atomic():
        rows = _items_of(meeting_id)
        item = MeetingItem.create(meeting=meeting_id, text=text, position=len(rows))
        _place(rows, item, index)
        return item.id


def update_item(item_id: int, text: str, seen: str | None = None) -> None:
    """SEEN: the text as the desk read it; conflicts.ConflictError when another desk changed it since."""
    text = _text(text, "会议事项")
    with store.database.atomic():
        _guard_text(MeetingItem, item_id, "会议事项", seen, text)
        MeetingItem.update(text=text).where(MeetingItem.id == item_id).execute()


def _guard_text(model, item_id: int, what: str, seen: str | None, text: str) -> None:
    """The conflict check of an item that is one line of text (a meeting's item, the agenda's)."""
    if seen is None:
        return
    if model.get_or_none(id=item_id) is None:
        raise ServiceError(f"该{what}已不存在（可能已在别处删除）。")
    conflicts.guard(f"{what}“{seen}”", [(model, item_id)], lambda: model.get_by_id(item_id).text,
                    " ".join(seen.split()), text, lambda now: f"“{now}”")


def remove_item(item_id: int) -> None:
    item = MeetingItem.get_or_none(id=item_id)
    if item is None:
        return
    with store.database.atomic():
        item.delete_instance()
        _renumber(_items_of(item.meeting_id))


def move_item(item_id: int, index: int) -> None:
    item = MeetingItem.get_or_none(id=item_id)
    if item is None:
        raise ServiceError("该会议事项已不存在。")
    with store.database.atomic():
        _place(_items_of(item.meeting_id), item, index)


# ---------------------------------------------------------------- agenda


def list_agenda() -> list[AgendaRow]:
    return [AgendaRow(a.id, i, a.text)
            for i, a in enumerate(AgendaItem.select().order_by(AgendaItem.position, AgendaItem.id))]


def _agenda_rows() -> list[AgendaItem]:
    return list(AgendaItem.select().order_by(AgendaItem.position, AgendaItem.id))


def add_agenda_item(text: str, index: int | None = None) -> int:
    text = _text(text, "议程")
    with store.database.atomic():
        rows = _agenda_rows()
        item = AgendaItem.create(text=text, position=len(rows))
        _place(rows, item, index)
        return item.id


def update_agenda_item(item_id: int, text: str, seen: str | None = None) -> None:
    """SEEN: the text as the desk read it; conflicts.ConflictError when another desk changed it since."""
    text = _text(text, "议程")
    with store.database.atomic():
        _guard_text(AgendaItem, item_id, "议程", seen, text)
        AgendaItem.update(text=text).where(AgendaItem.id == item_id).execute()


def remove_agenda_item(item_id: int) -> None:
    with store.database.atomic():
        AgendaItem.delete().where(AgendaItem.id == item_id).execute()
        _renumber(_agenda_rows())


def move_agenda_item(item_id: int, index: int) -> None:
    item = AgendaItem.get_or_none(id=item_id)
    if item is None:
        raise ServiceError("该议程已不存在。")
    with store.database.atomic():
        _place(_agenda_rows(), item, index)


# ---------------------------------------------------------------- adoption


def adoption(paper: str) -> AdoptionRow:
    if paper not in ADOPTED_PAPERS:
        raise ServiceError(f"没有“{paper}”这一文件。")
    row = Adoption.get_or_none(paper=paper)
    if row is None or row.meeting_id is None:
        return AdoptionRow(paper, None, row.verb if row else ADOPTED_PAPERS[paper][1], "")
    return AdoptionRow(paper, row.meeting_id, row.verb, adopted_line(row.meeting_id, row.verb))


def adopted_line(meeting_id: int | None, verb: str = "通过") -> str:
    """(2023年12月20日东西湖区第十一届人民代表大会第三次会议预备会议通过): the line under a
    paper's title naming the meeting that adopted it; "" without a meeting."""
    if meeting_id is None:
        return ""
    meeting = get_meeting(meeting_id)
    return f"({chinese_date(meeting.date)}{session.session_info().title}{meeting.name}{verb})"


def set_adoption(paper: str, meeting_id: int | None, verb: str | None = None) -> None:
    if paper not in ADOPTED_PAPERS:
        raise ServiceError(f"没有“{paper}”这一文件。")
    verb = verb or ADOPTED_PAPERS[paper][1]
    if verb not in VERBS:
        raise ServiceError(f"通过方式只能是{'、'.join(VERBS)}。", "verb")
    if meeting_id is not None and Meeting.get_or_none(id=meeting_id) is None:
        raise ServiceError("所选会议已不存在。", "meeting")
    with store.database.atomic():
        Adoption.insert(paper=paper, meeting=meeting_id, verb=verb).on_conflict(
            conflict_target=[Adoption.paper], update={Adoption.meeting: meeting_id, Adoption.verb: verb}).execute()

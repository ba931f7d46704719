"""Seating: the hall and its 主席台, who sits where, and the 主席台 of each plenary.

The arrangement is derived from the session's data: delegations in their order fill the blocks
of their zone (rules.seating). It is kept in the session file so that a later change to the
roster moves as few people as possible: reading the arrangement re-flows it (the ended leave
their seats, newcomers take the free seat nearest their place) and, when the session is held
for writing, keeps the re-flow. Every write returns what undoes it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from peewee import JOIN

from meetingdesk import store
from meetingdesk.rules import people as people_rules
from meetingdesk.rules import seating as rules
from meetingdesk.rules.seating import Direction, Numbering, Precedence, Rotation
from meetingdesk.rules.words import Role
from meetingdesk.store import (Block, ChairGroup, ChairGroupMember, Hall, Leader, Meeting, Member, PodiumPerson,
                              PresidiumMember, SeatAssignment, SessionRole)

from . import roster, session
from .errors import ServiceError

__all__ = ["Direction", "Numbering", "Precedence", "Rotation", "BlockSpec", "HallSpec", "SeatRow",
           "Arrangement", "PodiumSeat", "Podium", "SeatState", "HallState", "get_hall", "set_hall",
           "restore_hall", "arrangement", "rearrange", "restore", "swap", "move", "set_pinned",
           "seat_labels", "pinned_seats", "hall_from_toml", "parse_counts", "podium", "set_podium_people", "podium_choices", "SEATED_KINDS"]

SEATED_KINDS = ("预备会议", "全体会议")  # the meetings held in the hall, with a 主席台
ZONES = tuple(Role)
MAX_BLOCKS = 60
MAX_PODIUM_ROWS = 10


# ---------------------------------------------------------------- the hall


@dataclass(frozen=True)
class BlockSpec:
    """A block as the clerk describes it: ROWS the seats of each row (排), the front row first."""

    name: str
    rows: tuple[int, ...]
    zone: str = Role.DELEGATE
    numbering: str = Numbering.SEQUENTIAL
    first_number: int = 1
    first_row: int = 1
    band: int = 0
    aisles: tuple[int, ...] = ()

    @property
    def rule(self) -> rules.Block:
        return rules.Block(self.name, self.zone, self.rows, self.numbering, self.first_number,
                           self.first_row, self.band, self.aisles)

    @property
    def capacity(self) -> int:
        return sum(self.rows)


@dataclass(frozen=True)
class HallSpec:
    name: str = "会场"
    blocks: tuple[BlockSpec, ...] = ()
    podium_rows: tuple[int, ...] = ()
    precedence: str = Precedence.LEFT
    direction: str = Direction.COLUMNS
    rotation: str = Rotation.NONE
    rotation_step: int = 1
    rotation_start: int = 0

    def capacity(self, zone: str | None = None) -> int:
        return sum(b.capacity for b in self.blocks if zone is None or b.zone == zone)

    @property
    def rule_blocks(self) -> list[rules.Block]:
        return [b.rule for b in self.blocks]


def parse_counts(text: str, what: str, field_name: str) -> tuple[int, ...]:
    """"12,12,14" or "12×3, 14" (three rows of 12, one of 14) → (12, 12, 12, 14)."""
    counts: list[int] = []
    cleaned = text.replace("，", ",").replace("、", ",").replace("x", "×").replace("X", "×").replace("*", "×")
    for part in (p.strip() for p in cleaned.split(",")):
        if not part:
            continue
        seats, times_sign, times = part.partition("×")
        try:
            n, k = int(seats), int(times) if times_sign else 1
        except ValueError:
            raise ServiceError(f"{what}“{text}”写法不对：应写每排座位数，用逗号分开，如“12,12,14”或“12×3,14”。",
                               field_name) from None
        if n < 0 or k < 1:
            raise ServiceError(f"{what}“{text}”中的数目不能为负或为零排。", field_name)
        counts += [n] * k
    return tuple(counts)


HALL_KEYS = {"name", "podium_rows", "precedence", "direction", "rotation", "rotation_step", "rotation_start"}
BLOCK_KEYS = {"name", "zone", "rows", "numbering", "first_number", "first_row", "band", "aisles"}


def hall_from_toml(path) -> HallSpec:
    """The hall described in a TOML file ([hall] and one [[block]] per block, as seeds/hall.toml);
    every mistake named with the file and the field."""
    import tomllib
    from pathlib import Path

    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ServiceError(f"找不到会场文件“{path}”。") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ServiceError(f"会场文件“{path.name}”格式不对（{exc}）。") from None
    except OSError as exc:
        raise ServiceError(f"读取会场文件“{path.name}”时出错：{exc.strerror or exc}。") from None
    hall = data.get("hall", {})
    where = f"会场文件“{path.name}”"
    unknown = set(hall) - HALL_KEYS
    if not isinstance(hall, dict) or unknown:
        raise ServiceError(f"{where}的 [hall] 中有不认识的项：{'、'.join(sorted(unknown))}。")
    blocks = []
    for i, block in enumerate(data.get("block", []), start=1):
        at = f"{where}第 {i} 个 [[block]]"
        unknown = set(block) - BLOCK_KEYS
        if unknown:
            raise ServiceError(f"{at}中有不认识的项：{'、'.join(sorted(unknown))}。")
        rows = block.get("rows", "")
        rows = parse_counts(rows if isinstance(rows, str) else ",".join(str(n) for n in rows), f"{at}的 rows", "rows")
        try:
            blocks.append(BlockSpec(str(block.get("name", "")), rows, block.get("zone", Role.DELEGATE),
                                    block.get("numbering", Numbering.SEQUENTIAL), int(block.get("first_number", 1)),
                                    int(block.get("first_row", 1)), int(block.get("band", 0)),
                                    tuple(int(a) for a in block.get("aisles", ()))))
        except (TypeError, ValueError):
            raise ServiceError(f"{at}的 first_number、first_row、band、aisles 应是整数。") from None
    try:
        spec = HallSpec(str(hall.get("name", "会场")), tuple(blocks), tuple(int(n) for n in hall.get("podium_rows", ())),
                        hall.get("precedence", Precedence.LEFT), hall.get("direction", Direction.COLUMNS),
                        hall.get("rotation", Rotation.NONE), int(hall.get("rotation_step", 1)),
                        int(hall.get("rotation_start", 0)))
    except (TypeError, ValueError):
        raise ServiceError(f"{where}的 podium_rows、rotation_step、rotation_start 应是整数。") from None
    try:
        _validate(spec)
    except ServiceError as exc:
        raise ServiceError(f"{where}：{exc}") from None
    return spec


def _unit(block: BlockSpec, i: int) -> str:
    return f"第 {i + 1} 个区（{block.name or '未命名'}）"


def _validate(spec: HallSpec) -> None:
    if not spec.name.strip():
        raise ServiceError("请填写会场名称。", "name")
    if len(spec.blocks) > MAX_BLOCKS:
        raise ServiceError(f"区太多（{len(spec.blocks)} 个，最多 {MAX_BLOCKS} 个）。", "blocks")
    names = set()
    for i, block in enumerate(spec.blocks):
        where = _unit(block, i)
        if not block.name.strip():
            raise ServiceError(f"{where}没有名称。", "blocks")
        if block.name in names:
            raise ServiceError(f"区名“{block.name}”重复，每个区的名称应不同。", "blocks")
        names.add(block.name)
        if block.zone not in ZONES:
            raise ServiceError(f"{where}的就座人员“{block.zone}”不对，应为{'、'.join(ZONES)}之一。", "blocks")
        if block.numbering not in tuple(Numbering):
            raise ServiceError(f"{where}的编号方式“{block.numbering}”不对，应为{'、'.join(Numbering)}之一。", "blocks")
        if not block.rows or not any(block.rows):
            raise ServiceError(f"{where}没有座位：请填写每排座位数。", "blocks")
        if len(block.rows) > rules.MAX_ROWS:
            raise ServiceError(f"{where}排数太多（{len(block.rows)} 排，最多 {rules.MAX_ROWS} 排）。", "blocks")
        if max(block.rows) > rules.MAX_SEATS_PER_ROW or min(block.rows) < 1:
            raise ServiceError(f"{where}每排座位数应在 1 到 {rules.MAX_SEATS_PER_ROW} 之间。", "blocks")
        if block.first_number < 1 or block.first_row < 1:
            raise ServiceError(f"{where}的起始排号和座号应从 1 起。", "blocks")
        if not 0 <= block.band <= 9:
            raise ServiceError(f"{where}的前后位置应在 0（最前）到 9 之间。", "blocks")
        if any(not 0 < a < block.rule.width for a in block.aisles):
            raise ServiceError(f"{where}的过道位置应在第 1 到第 {block.rule.width - 1} 列之后。", "blocks")
    if len(spec.podium_rows) > MAX_PODIUM_ROWS or any(not 0 < n <= rules.MAX_SEATS_PER_ROW for n in spec.podium_rows):
        raise ServiceError(f"主席台应为 1 到 {MAX_PODIUM_ROWS} 排，每排 1 到 {rules.MAX_SEATS_PER_ROW} 个座位。",
                           "podium_rows")
    if spec.precedence not in tuple(Precedence):
        raise ServiceError(f"主席台座次“{spec.precedence}”不对，应为左为上或右为上。", "precedence")
    if spec.direction not in tuple(Direction):
        raise ServiceError(f"排列方向“{spec.direction}”不对，应为纵向或横向。", "direction")
    if spec.rotation not in tuple(Rotation):
        raise ServiceError(f"轮换方式“{spec.rotation}”不对，应为{'、'.join(Rotation)}之一。", "rotation")
    if spec.rotation_step < 0 or spec.rotation_start < 0:
        raise ServiceError("轮换的代表团数不能为负。", "rotation_step")


def _counts(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


def _text(counts: tuple[int, ...]) -> str:
    return ",".join(str(n) for n in counts)


def _spec_of(hall: Hall, blocks: list[Block]) -> HallSpec:
    return HallSpec(
        hall.name,
        tuple(BlockSpec(b.name, _counts(b.rows), b.zone, b.numbering, b.first_number, b.first_row, b.band,
                        _counts(b.aisles)) for b in blocks),
        _counts(hall.podium_rows), hall.precedence, hall.direction, hall.rotation, hall.rotation_step,
        hall.rotation_start)


def _blocks(hall: Hall) -> list[Block]:
    return list(Block.select().where(Block.hall == hall).order_by(Block.band, Block.position, Block.id))


def get_hall() -> HallSpec | None:
    """The hall as set, None when the session has none yet."""
    hall = Hall.select().first()
    return _spec_of(hall, _blocks(hall)) if hall else None


@dataclass(frozen=True)
class SeatState:
    member_id: int
    meeting_id: int | None
    block: str
    row: int
    column: int
    pinned: bool


@dataclass(frozen=True)
class HallState:
    """What undoes a change of the hall: the hall as it was and every seat in it."""

    spec: HallSpec | None
    seats: tuple[SeatState, ...]


def _seat_states(meeting_id: int | None | object = ...) -> tuple[SeatState, ...]:
    query = (SeatAssignment.select(SeatAssignment.member, SeatAssignment.meeting, Block.name, SeatAssignment.row,
                                   SeatAssignment.column, SeatAssignment.pinned).join(Block))
    if meeting_id is not ...:
        query = query.where(SeatAssignment.meeting.is_null() if meeting_id is None
                            else SeatAssignment.meeting == meeting_id)
    return tuple(SeatState(*t) for t in query.order_by(SeatAssignment.id).tuples())


def pinned_seats() -> tuple[SeatState, ...]:
    """The pinned seats of the session's arrangement (a carry keeps them for the next session)."""
    return tuple(s for s in _seat_states(None) if s.pinned)


def _state() -> HallState:
    return HallState(get_hall(), _seat_states())


def set_hall(spec: HallSpec) -> HallState:
    """Keep SPEC as the hall. Blocks keep their seats by name; seats a smaller block no longer has
    are freed and their people re-seated when the arrangement is next read. Returns what undoes it."""
    spec = HallSpec(spec.name.strip(), tuple(BlockSpec(b.name.strip(), *_fields_after_name(b)) for b in spec.blocks),
                    *_fields_after_blocks(spec))
    _validate(spec)
    before = _state()
    with store.database.atomic():
        _write_hall(spec)
    return before


def _fields_after_name(block: BlockSpec) -> tuple:
    return (block.rows, block.zone, block.numbering, block.first_number, block.first_row, block.band,
            tuple(sorted(set(block.aisles))))


def _fields_after_blocks(spec: HallSpec) -> tuple:
    return (spec.podium_rows, spec.precedence, spec.direction, spec.rotation, spec.rotation_step,
            spec.rotation_start)


def _write_hall(spec: HallSpec) -> None:
    hall = Hall.select().first() or Hall.create()
    hall.name, hall.podium_rows = spec.name, _text(spec.podium_rows)
    hall.precedence, hall.direction, hall.rotation = spec.precedence, spec.direction, spec.rotation
    hall.rotation_step, hall.rotation_start = spec.rotation_step, spec.rotation_start
    hall.save()
    old = {b.name: b for b in _blocks(hall)}
    positions: dict[int, int] = {}
    for block in spec.blocks:
        position = positions.get(block.band, 0)
        positions[block.band] = position + 1
        fields = dict(position=position, band=block.band, zone=block.zone, rows=_text(block.rows),
                      numbering=block.numbering, first_number=block.first_number, first_row=block.first_row,
                      aisles=_text(block.aisles))
        row = old.pop(block.name, None)
        if row is None:
            Block.create(hall=hall, name=block.name, **fields)
        else:
            Block.update(**fields).where(Block.id == row.id).execute()
            # a person whose zone the block no longer seats leaves it
            SeatAssignment.delete().where(
                (SeatAssignment.block == row.id)
                & (SeatAssignment.member.in_(store.Member.select(store.Member.id)
                                             .where(store.Member.role != block.zone)))).execute()
    for gone in old.values():
        gone.delete_instance()  # its seats go with it (on delete cascade)


def restore_hall(state: HallState) -> None:
    """Undo set_hall: the hall and every seat as STATE holds them."""
    with store.database.atomic():
        if state.spec is None:
            Hall.delete().execute()
        else:
            _write_hall(state.spec)
        SeatAssignment.delete().execute()
        _insert_states(state.seats)


def _insert_states(states) -> None:
    ids = {b.name: b.id for b in Block.select(Block.id, Block.name)}
    rows = [dict(member=s.member_id, meeting=s.meeting_id, block=ids[s.block], row=s.row, column=s.column,
                 pinned=s.pinned) for s in states if s.block in ids]
    for start in range(0, len(rows), 500):
        SeatAssignment.insert_many(rows[start:start + 500]).execute()


# ---------------------------------------------------------------- the arrangement


class SeatRow(NamedTuple):
    """One person in a seat. A NamedTuple, not a frozen dataclass: a re-flow at 5,000 people
    makes 5,000 of them, and a frozen dataclass takes four times as long to make."""

    member_id: int
    person_id: int
    name: str
    gender: str
    note: str
    delegation_id: int | None
    delegation: str
    role: str
    leader_title: str
    block_index: int
    block: str
    row: int  # from 0, front first
    column: int  # from 0, left first as seen from the hall
    row_no: int  # 排 as printed
    number: int  # 号 as printed
    pinned: bool

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)

    @property
    def label(self) -> str:
        """一区3排5号"""
        return f"{self.block}{self.row_no}排{self.number}号"


@dataclass(frozen=True)
class Arrangement:
    hall: HallSpec
    meeting_id: int | None  # the sitting the arrangement is for; None the session's
    key: int | None  # whose stored arrangement it is: the plenary's own when rotating, else None
    seats: tuple[SeatRow, ...]
    unseated: tuple[Seated, ...]  # people of a zone that has too few seats
    unzoned: dict[str, int] = field(default_factory=dict)  # role -> people, when no block seats that role
    sides: tuple[int, ...] = ()

    def seat_of(self, member_id: int) -> SeatRow | None:
        return self._by_member.get(member_id)

    @property
    def _by_member(self) -> dict[int, SeatRow]:
        found = self.__dict__.get("_index")
        if found is None:
            found = {s.member_id: s for s in self.seats}
            object.__setattr__(self, "_index", found)
        return found

    def at(self, block_index: int, row: int, column: int) -> SeatRow | None:
        found = self.__dict__.get("_places")
        if found is None:
            found = {(s.block_index, s.row, s.column): s for s in self.seats}
            object.__setattr__(self, "_places", found)
        return found.get((block_index, row, column))

    def numbers(self, block_index: int, row: int) -> list[int]:
        """The seat numbers (号) of a row, left to right."""
        block = self.hall.blocks[block_index]
        return rules.seat_numbers(block.rows[row], block.numbering, block.first_number, self.sides[block_index])

    def delegations_in(self, block_index: int) -> list[str]:
        """The delegations seated in a block, in the order they come."""
        seats = [s for s in self.seats if s.block_index == block_index and s.delegation]
        if self.hall.direction == Direction.COLUMNS:  # in the order the names run
            seats.sort(key=lambda s: (s.column, s.row))
        return list(dict.fromkeys(s.delegation for s in seats))

    def split_delegations(self) -> dict[str, list[str]]:
        """Delegation -> the blocks it sits in, for those in more than one."""
        found: dict[str, dict[str, None]] = {}
        for s in self.seats:
            if s.delegation and s.role == Role.DELEGATE:
                found.setdefault(s.delegation, {})[s.block] = None
        return {d: list(b) for d, b in found.items() if len(b) > 1}


def _hall_or_raise() -> tuple[Hall, HallSpec, list[Block]]:
    hall = Hall.select().first()
    if hall is None:
        raise ServiceError("还没有设置会场：请先在“座次”页设置会场的区、排和座位数。")
    blocks = _blocks(hall)
    return hall, _spec_of(hall, blocks), blocks


def _meeting(meeting_id: int | None) -> Meeting | None:
    if meeting_id is None:
        return None
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise ServiceError("该会议已不存在。")
    return meeting


def _plenaries() -> list[int]:
    return [m for (m,) in Meeting.select(Meeting.id).where(Meeting.kind == "全体会议")
            .order_by(Meeting.date, Meeting.start, Meeting.position, Meeting.id).tuples()]


def _sitting(spec: HallSpec, meeting: Meeting | None) -> tuple[int | None, int]:
    """(whose stored arrangement serves MEETING, the rotation's offset of delegations for it)."""
    if spec.rotation == Rotation.PLENARY and meeting is not None and meeting.kind == "全体会议":
        return meeting.id, spec.rotation_start + _plenaries().index(meeting.id) * spec.rotation_step
    return None, spec.rotation_start


class Seated(NamedTuple):
    """One person the arrangement seats: what the chart and the checks need of them."""

    member_id: int
    person_id: int
    name: str
    gender: str
    note: str
    delegation_id: int | None
    delegation: str
    role: str
    leader_title: str

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)


def _people(meeting: Meeting | None) -> list[Seated]:
    """Who is in the session at MEETING (serving now without one), in stroke order. Read as plain
    tuples: building 5,000 of the roster's rows was a third of a re-flow."""
    day = store.stored_date(meeting.date) if meeting is not None else None
    leaders = dict(Leader.select(Leader.member, Leader.title).tuples())
    query = (store.Member.select(store.Member.id, store.Person.id, store.Person.name, store.Person.gender,
                                 store.Person.note, store.Delegation.id, store.Delegation.name, store.Member.role)
             .join(store.Person).switch(store.Member).join(store.Delegation, JOIN.LEFT_OUTER)
             .where(roster.in_session(day)))
    return roster.sort_members([Seated(m, p, n, g, note, d, dname or "", role, leaders.get(m, ""))
                                for m, p, n, g, note, d, dname, role in store.database.execute(query)])


def _groups(people: list[Seated], offset: int) -> dict[str, list[list[Seated]]]:
    """Per zone (role), the delegations in the session's order (rotated by OFFSET), each its
    people: 团长, 副团长, then stroke order (PEOPLE come in stroke order)."""
    order = [d for (d,) in store.Delegation.select(store.Delegation.id)
             .order_by(store.Delegation.position, store.Delegation.id).tuples()]
    lead = {m: (0 if t == "团长" else 1, p) for m, t, p in Leader.select(Leader.member, Leader.title, Leader.position).tuples()}
    zones: dict[str, list[list[Seated]]] = {}
    for role in ZONES:
        by: dict[int | None, list[Seated]] = {}
        for person in people:
            if person.role == role:
                by.setdefault(person.delegation_id, []).append(person)
        groups = [by[d] for d in order if d in by]
        groups = rules.rotated(groups, offset)
        if None in by:
            groups.append(by[None])
        for group in groups:
            # stable: leaders first in their own order, everyone else keeps the stroke order
            group.sort(key=lambda r: lead.get(r.member_id, (2, 0)))
        zones[role] = groups
    return zones


def _stored(key: int | None) -> dict[int, tuple[int, int, int, bool, int]]:
    """member -> (block id, row, column, pinned, assignment id) of the stored arrangement KEY."""
    where = SeatAssignment.meeting.is_null() if key is None else SeatAssignment.meeting == key
    query = SeatAssignment.select(SeatAssignment.id, SeatAssignment.member, SeatAssignment.block, SeatAssignment.row,
                                  SeatAssignment.column, SeatAssignment.pinned).where(where)
    # the cursor's own tuples: peewee's conversion of 5,000 rows was a third of a re-flow
    return {m: (b, r, c, bool(p), i) for i, m, b, r, c, p in store.database.execute(query)}


def _compute(meeting_id: int | None, *, fresh: bool = False):
    hall, spec, blocks = _hall_or_raise()
    meeting = _meeting(meeting_id)
    key, offset = _sitting(spec, meeting)
    people = _people(meeting)
    zones = _groups(people, offset)
    block_ids = [b.id for b in blocks]
    index_of = {bid: i for i, bid in enumerate(block_ids)}
    rule_blocks = spec.rule_blocks
    stored = _stored(key)
    base_pins = _stored(None) if key is not None else stored
    pinned = {m: (index_of[b], r, c) for m, (b, r, c, p, _i) in base_pins.items() if p and b in index_of}
    pinned.update({m: (index_of[b], r, c) for m, (b, r, c, p, _i) in stored.items() if p and b in index_of})
    current = {m: (index_of[b], r, c) for m, (b, r, c, p, _i) in stored.items() if b in index_of}
    seating: dict[int, tuple[int, int, int]] = {}
    unseated: list[Seated] = []
    unzoned: dict[str, int] = {}
    for role, groups in zones.items():
        indexes = [i for i, b in enumerate(rule_blocks) if b.zone == role]
        count = sum(len(g) for g in groups)
        if not indexes:
            if count:
                unzoned[role] = count
            continue
        members = {r.member_id for g in groups for r in g}
        pins = {m: s for m, s in pinned.items() if m in members and s[0] in indexes
                and rule_blocks[s[0]].has(s[1], s[2])}
        lines = [rules.seats_in_order([rule_blocks[i]], spec.direction)[0] for i in indexes]
        lines = [[[(i, r, c) for _b, r, c in line] for line in block] for i, block in zip(indexes, lines)]
        ids = [[r.member_id for r in g if r.member_id not in pins] for g in groups]
        taken = set(pins.values())
        if fresh or not current:
            placed = rules.arrange(lines, ids, taken)
        else:
            placed = rules.reflow(lines, ids, {m: s for m, s in current.items() if m not in pins}, taken)
        placed.update(pins)
        seating.update(placed)
        unseated += [r for g in groups for r in g if r.member_id not in placed]
    return hall, spec, blocks, key, meeting, people, seating, unseated, unzoned, stored, pinned


def _save(key: int | None, blocks: list[Block], seating: dict[int, tuple[int, int, int]],
          stored: dict, pinned: dict) -> bool:
    """Write the difference between STORED and SEATING; True when something changed."""
    ids = [b.id for b in blocks]
    gone = [i for m, (b, r, c, p, i) in stored.items()
            if m not in seating or (ids.index(b) if b in ids else -1, r, c) != seating[m]]
    new = [(m, key, ids[s[0]], s[1], s[2], bool(stored.get(m, (0, 0, 0, False))[3]) and m in pinned)
           for m, s in seating.items()
           if m not in stored or (ids.index(stored[m][0]) if stored[m][0] in ids else -1,
                                  stored[m][1], stored[m][2]) != s]
    if not gone and not new:
        return False
    p = store.placeholder()
    with store.database.atomic():
        if gone:
            store.database.execute_many(f"DELETE FROM seatassignment WHERE id = {p}", [(i,) for i in gone])
        if new:
            store.database.execute_many(
                'INSERT INTO seatassignment (member_id, meeting_id, block_id, "row", "column", pinned)'
                f" VALUES ({p}, {p}, {p}, {p}, {p}, {p})", new)
    return True


def arrangement(meeting_id: int | None = None, *, keep: bool = True) -> Arrangement:
    """Who sits where at MEETING (None: the session's arrangement), re-flowed to the roster of
    today; the re-flow is kept when KEEP and the session is held for writing (so that the next
    change moves nobody it moved now)."""
    hall, spec, blocks, key, meeting, people, seating, unseated, unzoned, stored, pinned = _compute(meeting_id)
    if keep and session.access().may_write("seating"):
        _save(key, blocks, seating, stored, pinned)
    return _arrangement(spec, meeting_id, key, people, seating, unseated, unzoned, pinned)


def _arrangement(spec, meeting_id, key, people, seating, unseated, unzoned, pinned) -> Arrangement:
    rule_blocks = spec.rule_blocks
    sides = tuple(rules.block_sides(rule_blocks))
    numbers: dict[tuple[int, int], list[int]] = {}
    rows = []
    for person in people:
        seat = seating.get(person.member_id)
        if seat is None:
            continue
        b, r, c = seat
        block = rule_blocks[b]
        if (b, r) not in numbers:
            numbers[b, r] = rules.seat_numbers(block.rows[r], block.numbering, block.first_number, sides[b])
        rows.append(SeatRow(person.member_id, person.person_id, person.name, person.gender, person.note,
                            person.delegation_id, person.delegation, person.role, person.leader_title, b,
                            block.name, r, c, block.row_label(r), numbers[b, r][c - block.offset(r)],
                            person.member_id in pinned))
    rows.sort(key=lambda s: (s.block_index, s.row, s.column))
    return Arrangement(spec, meeting_id, key, tuple(rows), tuple(unseated), unzoned, sides)


def rearrange(meeting_id: int | None = None) -> tuple[SeatState, ...]:
    """Arrange everyone afresh by the rules (pinned seats stay). Returns what undoes it."""
    hall, spec, blocks, key, meeting, people, seating, unseated, unzoned, stored, pinned = _compute(
        meeting_id, fresh=True)
    before = _seat_states(key)
    _save(key, blocks, seating, stored, pinned)
    return before


def restore(meeting_id: int | None, states: tuple[SeatState, ...]) -> None:
    """Put back the arrangement of MEETING as STATES hold it (undo of rearrange, swap, move)."""
    _hall, spec, _blocks_ = _hall_or_raise()
    key, _offset = _sitting(spec, _meeting(meeting_id))
    with store.database.atomic():
        SeatAssignment.delete().where(SeatAssignment.meeting.is_null() if key is None
                                      else SeatAssignment.meeting == key).execute()
        _insert_states(states)


def _key(meeting_id: int | None) -> int | None:
    _hall, spec, _b = _hall_or_raise()
    return _sitting(spec, _meeting(meeting_id))[0]


def _assignment(key: int | None, member_id: int) -> SeatAssignment:
    where = SeatAssignment.meeting.is_null() if key is None else SeatAssignment.meeting == key
    row = SeatAssignment.get_or_none(where & (SeatAssignment.member == member_id))
    if row is None:
        raise ServiceError("此人在座次图中没有座位（可能已不在会议名单中），请刷新后重试。")
    return row


def swap(member_a: int, member_b: int, meeting_id: int | None = None) -> None:
    """Two people change seats (its own undo). Both must be seated in the same zone."""
    key = _key(meeting_id)
    with store.database.atomic():
        a, b = _assignment(key, member_a), _assignment(key, member_b)
        if a.block.zone != b.block.zone:
            raise ServiceError(f"不能交换：{a.block.name}是{a.block.zone}座区，{b.block.name}是{b.block.zone}座区。")
        (a.block, a.row, a.column), (b.block, b.row, b.column) = (b.block, b.row, b.column), (a.block, a.row, a.column)
        a.save()
        b.save()


def move(member_id: int, block: str, row: int, column: int, meeting_id: int | None = None) -> tuple[str, int, int]:
    """Move a person to an empty seat of their zone. Returns the seat they left, for undo."""
    key = _key(meeting_id)
    with store.database.atomic():
        seat = _assignment(key, member_id)
        target = Block.get_or_none(Block.name == block)
        if target is None:
            raise ServiceError(f"没有名为“{block}”的区。")
        spec = BlockSpec(target.name, _counts(target.rows)).rule
        if not spec.has(row, column):
            raise ServiceError(f"{block}没有第 {row + 1} 排第 {column + 1} 列这个座位。")
        if target.zone != seat.block.zone:
            raise ServiceError(f"{block}是{target.zone}座区，{seat.member.person.name}是{seat.block.zone}。")
        where = SeatAssignment.meeting.is_null() if key is None else SeatAssignment.meeting == key
        if SeatAssignment.select().where(where & (SeatAssignment.block == target) & (SeatAssignment.row == row)
                                         & (SeatAssignment.column == column)).exists():
            raise ServiceError("该座位已有人，请用交换。")
        before = (seat.block.name, seat.row, seat.column)
        seat.block, seat.row, seat.column = target, row, column
        seat.save()
    return before


def set_pinned(member_id: int, pinned: bool, meeting_id: int | None = None) -> bool:
    """Pin a person to their seat (a re-arrangement leaves them there) or free them. Returns the
    state before, for undo."""
    key = _key(meeting_id)
    with store.database.atomic():
        seat = _assignment(key, member_id)
        before = bool(seat.pinned)
        seat.pinned = pinned
        seat.save()
    return before


def seat_labels(meeting_id: int | None = None) -> dict[int, str]:
    """member -> 一区3排5号, for the 出席证 and the 签到表; {} when the session has no hall."""
    if Hall.select().first() is None:
        return {}
    return {s.member_id: s.label for s in arrangement(meeting_id).seats}


# ---------------------------------------------------------------- the 主席台


@dataclass(frozen=True)
class PodiumSeat:
    rank: int  # 1 = the highest
    person_id: int
    name: str
    gender: str
    note: str
    why: str  # 主持人 / 常务主席 / 执行主席 / "" (added by hand)
    row: int | None  # None: the 主席台 is short of seats
    column: int | None

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender, self.note)


@dataclass(frozen=True)
class Podium:
    meeting_id: int
    rows: tuple[int, ...]
    precedence: str
    seats: tuple[PodiumSeat, ...]  # in precedence order
    custom: bool  # the list was set by hand

    @property
    def unseated(self) -> tuple[PodiumSeat, ...]:
        return tuple(s for s in self.seats if s.row is None)

    def at(self, row: int, column: int) -> PodiumSeat | None:
        return next((s for s in self.seats if s.row == row and s.column == column), None)


def _default_people(meeting: Meeting) -> list[tuple[int, str]]:
    """(person, why) of a sitting's 主席台 from the data: the 主持人, the 常务主席, the meeting's
    执行主席 group, in that order, each once. Read by three small queries, not through the
    presidium's and the schedule's listings (which read the whole presidium and every meeting)."""
    group = (ChairGroup.select().where(ChairGroup.meeting == meeting.id)
             .order_by(ChairGroup.position, ChairGroup.id).first())
    chairs: list[tuple[int, int]] = []  # (presidium id, person id), in the group's order
    if group is not None:
        chairs = list(ChairGroupMember.select(ChairGroupMember.presidium_member, Member.person)
                      .join(PresidiumMember).join(Member)
                      .where(ChairGroupMember.group == group)
                      .order_by(ChairGroupMember.position, ChairGroupMember.id).tuples())
    # a plenary's 主持人 is its group's host (one of the group); another sitting names its own
    host = next((person for pm, person in chairs if pm == group.host_id), None) if group else None
    if host is None and meeting.kind != "全体会议":
        host = meeting.host_id
    found: dict[int, str] = {}
    if host is not None:
        found[host] = "主持人"
    if meeting.kind == "全体会议":
        standing = (SessionRole.select(SessionRole.person).where(SessionRole.kind == "常务主席")
                    .order_by(SessionRole.position, SessionRole.id).tuples())
        for (person,) in standing:
            found.setdefault(person, "常务主席")
        for _pm, person in chairs:
            found.setdefault(person, "执行主席")
    return list(found.items())


def podium(meeting_id: int) -> Podium:
    """Who sits on the 主席台 at MEETING and where, by precedence."""
    hall, spec, _blocks_ = _hall_or_raise()
    meeting = _meeting(meeting_id)
    if meeting.kind not in SEATED_KINDS:
        raise ServiceError(f"{meeting.kind}不在会场举行，没有主席台座次。请选择预备会议或全体会议。")
    why = dict(_default_people(meeting))
    stored = [p for (p,) in PodiumPerson.select(PodiumPerson.person).where(PodiumPerson.meeting == meeting)
              .order_by(PodiumPerson.position, PodiumPerson.id).tuples()]
    ids = stored or list(why)
    people = {p.id: p for p in store.Person.select().where(store.Person.id.in_(ids))}
    places = rules.podium_places(spec.podium_rows, len(ids), spec.precedence)
    seats = []
    for rank, pid in enumerate(ids, start=1):
        person = people[pid]
        row, column = places[rank - 1] if rank <= len(places) else (None, None)
        seats.append(PodiumSeat(rank, pid, person.name, person.gender, person.note, why.get(pid, ""), row, column))
    return Podium(meeting_id, spec.podium_rows, spec.precedence, tuple(seats), bool(stored))


def set_podium_people(meeting_id: int, person_ids: list[int] | None) -> list[int] | None:
    """Set the 主席台 list of MEETING by hand, in precedence order (None: back to the list the data
    gives). Returns the list before (None when it came from the data), for undo."""
    meeting = _meeting(meeting_id)
    if meeting.kind not in SEATED_KINDS:
        raise ServiceError(f"{meeting.kind}没有主席台座次。")
    if person_ids is not None:
        if len(set(person_ids)) != len(person_ids):
            raise ServiceError("主席台名单中有人重复。")
        known = {p for (p,) in store.Person.select(store.Person.id).where(store.Person.id.in_(person_ids)).tuples()}
        if len(known) != len(person_ids):
            raise ServiceError("主席台名单中有人已不存在，请刷新后重试。")
    before = [p for (p,) in PodiumPerson.select(PodiumPerson.person).where(PodiumPerson.meeting == meeting)
              .order_by(PodiumPerson.position, PodiumPerson.id).tuples()] or None
    with store.database.atomic():
        PodiumPerson.delete().where(PodiumPerson.meeting == meeting).execute()
        for i, pid in enumerate(person_ids or ()):
            PodiumPerson.create(meeting=meeting, person=pid, position=i)
    return before


def podium_choices() -> list[tuple[int, str]]:
    """(person, display name) of everyone who may be put on a 主席台, in stroke order."""
    from . import presidium

    return presidium.person_choices()

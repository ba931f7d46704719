"""Seating by the rules: the 主席台's precedence, the hall's seat numbers, and who sits where.

Pure: no database, no Qt. Left and right are as seen from the hall facing the 主席台, which is
how the 会场座次图 is drawn (the 主席台 at the top of the page).

* 主席台 (国内政务礼仪): No. 1 in the middle; No. 2 on No. 1's left as seen by the seated person
  (the hall's right), No. 3 on the right, alternating outward (左为上); an even row puts No. 1 and
  No. 2 on either side of the centre. 右为上 mirrors it.
* Seat numbers in a block: 顺序 (left to right), 奇偶 (the block straddles the centre: odd to the
  hall's right of the centre, even to the left, counted outward), 单号 / 双号 (a block on one side
  of the centre: odd or even numbers counted outward from the hall's centre).
* The arrangement: delegations in the session's order fill the blocks of their zone; within a
  delegation the people come in the order given (团长, 副团长, then stroke order), running down
  the columns (纵向) or along the rows (横向). A re-flow keeps everyone who has a seat where they
  are and seats newcomers in the free seat nearest to their place in that order.
"""
from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TypeVar

P = TypeVar("P", bound=Hashable)


class Numbering(StrEnum):
    SEQUENTIAL = "顺序"
    ODD_EVEN = "奇偶"
    ODD = "单号"
    EVEN = "双号"


class Direction(StrEnum):
    """How names run through a delegation's seats."""

    COLUMNS = "纵向"
    ROWS = "横向"


class Rotation(StrEnum):
    """How delegations move between blocks from one sitting to the next."""

    NONE = "不轮换"
    PLENARY = "每次全体会议轮换"
    SESSION = "每次大会轮换"


class Precedence(StrEnum):
    LEFT = "左为上"
    RIGHT = "右为上"


MAX_SEATS_PER_ROW = 200
MAX_ROWS = 200


# ---------------------------------------------------------------- the 主席台


def podium_ranks(seats: int, precedence: str = Precedence.LEFT) -> list[int]:
    """The rank (1 = highest) of each seat of a 主席台 row, left to right as seen from the hall.

    >>> podium_ranks(5)
    [5, 3, 1, 2, 4]
    >>> podium_ranks(6)
    [5, 3, 1, 2, 4, 6]
    """
    if seats < 0:
        raise ValueError("seats must not be negative")
    ranks = [0] * seats
    if seats == 0:
        return ranks
    # to the seated person's left is the hall's right: under 左为上 the even ranks go right
    toward = 1 if precedence == Precedence.LEFT else -1
    if seats % 2:
        first = seats // 2
        second = first + toward
    else:
        first, second = (seats // 2 - 1, seats // 2) if toward == 1 else (seats // 2, seats // 2 - 1)
    ranks[first] = 1
    if seats == 1:
        return ranks
    ranks[second] = 2
    # from there outward: odd ranks on No. 1's side, even on No. 2's
    odd_side, even_side = first, second
    rank = 3
    while rank <= seats:
        odd_side -= toward
        ranks[odd_side] = rank
        rank += 1
        if rank > seats:
            break
        even_side += toward
        ranks[even_side] = rank
        rank += 1
    return ranks


def podium_places(rows: Sequence[int], people: int,
                  precedence: str = Precedence.LEFT) -> list[tuple[int, int]]:
    """(row, column) of the 1st, 2nd … person of the precedence list on a 主席台 of ROWS (seats
    per row, front row first): the front row takes the highest ranks. Fewer places than PEOPLE
    when the 主席台 is short of seats."""
    places: list[tuple[int, int]] = []
    for row, count in enumerate(rows):
        order = sorted(range(count), key=podium_ranks(count, precedence).__getitem__)
        places += [(row, column) for column in order]
    return places[:people]


# ---------------------------------------------------------------- the hall


@dataclass(frozen=True)
class Block:
    """A block (区) of the hall: ROWS gives the seats of each row (排), the front row first.
    Rows shorter than the widest are centred. AISLES are columns after which an aisle runs."""

    name: str
    zone: str  # whose seats: 代表 / 列席 / 工作人员
    rows: tuple[int, ...]
    numbering: str = Numbering.SEQUENTIAL
    first_number: int = 1
    first_row: int = 1
    band: int = 0  # 0 the front band of blocks; 1 the one behind it (楼上 …)
    aisles: tuple[int, ...] = ()

    @cached_property
    def width(self) -> int:
        return max(self.rows, default=0)

    @property
    def capacity(self) -> int:
        return sum(self.rows)

    @cached_property
    def offsets(self) -> tuple[int, ...]:
        """Column of each row's first seat: shorter rows are centred."""
        return tuple((self.width - n) // 2 for n in self.rows)

    def offset(self, row: int) -> int:
        return self.offsets[row]

    def has(self, row: int, column: int) -> bool:
        return 0 <= row < len(self.rows) and self.offsets[row] <= column < self.offsets[row] + self.rows[row]

    def row_label(self, row: int) -> int:
        return self.first_row + row


def block_sides(blocks: Sequence[Block]) -> list[int]:
    """For each block, where the hall's centre lies: -1 the block is left of the centre, 1 right
    of it, 0 it straddles the centre (of its band)."""
    sides = [0] * len(blocks)
    bands: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        bands.setdefault(block.band, []).append(i)
    for members in bands.values():
        middle = (len(members) - 1) / 2
        for place, i in enumerate(members):
            sides[i] = -1 if place < middle else (1 if place > middle else 0)
    return sides


def seat_numbers(count: int, numbering: str, first: int = 1, side: int = 0) -> list[int]:
    """Numbers (号) of a row of COUNT seats, left to right as seen from the hall. SIDE is where
    the block lies (block_sides): 单号/双号 count outward from the hall's centre.

    >>> seat_numbers(5, "奇偶")
    [4, 2, 1, 3, 5]
    >>> seat_numbers(4, "单号", side=-1)
    [7, 5, 3, 1]
    """
    if numbering == Numbering.SEQUENTIAL:
        return list(range(first, first + count))
    if numbering in (Numbering.ODD, Numbering.EVEN):
        start = first if (first % 2 == 1) == (numbering == Numbering.ODD) else first + 1
        outward = [start + 2 * i for i in range(count)]
        return outward[::-1] if side < 0 else outward
    if numbering == Numbering.ODD_EVEN:
        odd = first if first % 2 else first + 1
        numbers = [0] * count
        right = count // 2  # the centre seat (odd count) or the one just right of the centre
        for i, column in enumerate(range(right, count)):
            numbers[column] = odd + 2 * i
        for i, column in enumerate(range(right - 1, -1, -1)):
            numbers[column] = odd + 1 + 2 * i
        return numbers
    raise ValueError(f"unknown numbering {numbering!r}")


Seat = tuple[int, int, int]  # (block index, row, column)


def seats_in_order(blocks: Sequence[Block], direction: str = Direction.COLUMNS) -> list[list[list[Seat]]]:
    """Every seat, block by block, line by line (a column front to back under 纵向, a row left
    to right under 横向): the order in which names run."""
    result = []
    for b, block in enumerate(blocks):
        lines: list[list[Seat]] = []
        if direction == Direction.ROWS:
            for row, count in enumerate(block.rows):
                start = block.offset(row)
                lines.append([(b, row, column) for column in range(start, start + count)])
        else:
            for column in range(block.width):
                line = [(b, row, column) for row in range(len(block.rows)) if block.has(row, column)]
                if line:
                    lines.append(line)
        result.append(lines)
    return result


def label(block: Block, row: int, column: int, side: int = 0) -> tuple[int, int]:
    """(排, 号) of a seat as printed."""
    numbers = seat_numbers(block.rows[row], block.numbering, block.first_number, side)
    return block.row_label(row), numbers[column - block.offset(row)]


# ---------------------------------------------------------------- who sits where


def arrange(lines: list[list[list[Seat]]], groups: Sequence[Sequence[P]],
            taken: set[Seat] = frozenset()) -> dict[P, Seat]:
    """Seat GROUPS (delegations, each its people in order) in the seats of LINES (seats_in_order of
    one zone's blocks), leaving TAKEN (pinned) seats alone.

    Each group starts a fresh column (row under 横向) and does not straddle two blocks when the
    next block could hold it whole; when the seats are too few for that, the groups are packed
    tighter, and at the last simply one after another. Whoever does not fit stays unseated."""
    free = [[[s for s in line if s not in taken] for line in block] for block in lines]
    free = [[line for line in block if line] for block in free]
    need = sum(len(g) for g in groups)
    placed: dict[P, Seat] = {}
    for align, whole in ((True, True), (False, True), (False, False)):
        placed = _deal(free, groups, align=align, whole=whole)
        if len(placed) >= need:
            break
    return placed


def _deal(blocks: list[list[list[Seat]]], groups: Sequence[Sequence[P]], *, align: bool,
          whole: bool) -> dict[P, Seat]:
    placed: dict[P, Seat] = {}
    b = line = i = 0  # the cursor: block, line in it, seat in the line

    def left_in_block() -> int:
        if b >= len(blocks):
            return 0
        return sum(len(x) for x in blocks[b][line:]) - i

    for group in groups:
        if not group:
            continue
        if align and i and b < len(blocks):
            line, i = line + 1, 0
        while b < len(blocks) and line >= len(blocks[b]):
            b, line, i = b + 1, 0, 0
        rest = left_in_block()
        if (whole and b + 1 < len(blocks) and len(group) > rest and (line or i)
                and len(group) <= sum(len(x) for x in blocks[b + 1])):
            b, line, i = b + 1, 0, 0
        for person in group:
            while b < len(blocks) and (line >= len(blocks[b]) or i >= len(blocks[b][line])):
                if line < len(blocks[b]) and i >= len(blocks[b][line]):
                    line, i = line + 1, 0
                else:
                    b, line, i = b + 1, 0, 0
            if b >= len(blocks):
                return placed
            placed[person] = blocks[b][line][i]
            i += 1
    return placed


def reflow(lines: list[list[list[Seat]]], groups: Sequence[Sequence[P]], current: dict[P, Seat],
           taken: set[Seat] = frozenset()) -> dict[P, Seat]:
    """Keep everyone of GROUPS who has a valid seat in CURRENT where they are; seat the others in
    the free seat nearest to their place in the order (after the one before them in their group,
    or before the one after them; a group with nobody seated after the group before it). People
    of CURRENT not in GROUPS leave their seats free. Nobody seated moves."""
    order = [s for block in lines for line in block for s in line]
    index = {s: k for k, s in enumerate(order)}
    kept: dict[P, Seat] = {}
    used: set[Seat] = set(taken)
    for group in groups:
        for person in group:
            seat = current.get(person)
            if seat is not None and seat in index and seat not in used:
                kept[person] = seat
                used.add(seat)
    free = [k for k, s in enumerate(order) if s not in used]  # sorted fill-order indexes
    result = dict(kept)
    last_of_previous = -1
    for group in groups:
        seated = [index[result[p]] if p in result else None for p in group]
        for at, person in enumerate(group):
            if person in result or not free:
                continue
            before = next((seated[j] for j in range(at - 1, -1, -1) if seated[j] is not None), None)
            after = next((seated[j] for j in range(at + 1, len(group)) if seated[j] is not None), None)
            if before is not None:
                target = before + 0.5
            elif after is not None:
                target = after - 0.5
            else:
                target = last_of_previous + 0.5
            k = bisect.bisect_left(free, target)
            candidates = [free[j] for j in (k - 1, k) if 0 <= j < len(free)]
            choice = min(candidates, key=lambda c: (abs(c - target), -c))
            free.remove(choice)
            result[person] = order[choice]
            seated[at] = choice
        placed = [s for s in seated if s is not None]
        if placed:
            last_of_previous = max(placed)
    return result


def rotated(groups: Sequence[Sequence[P]], offset: int) -> list[Sequence[P]]:
    """GROUPS with the first OFFSET (mod their number) moved to the end: the next sitting's
    order when delegations rotate through the blocks."""
    if not groups:
        return []
    k = offset % len(groups)
    return list(groups[k:]) + list(groups[:k])

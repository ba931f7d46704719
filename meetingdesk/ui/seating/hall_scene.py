"""The hall as a QGraphicsScene: the 主席台 at the top, then the bands of blocks, front first.

Drawn as seen from the hall facing the 主席台 (rules.seating): column 0 of a block at its left,
row 0 (the front row) at its top; the 主席台's front row is its lowest, nearest the hall.

One item per block paints that block's seats (6,000 seats are a dozen items, not 6,000), only
those inside the area repainted, and names only where they are large enough to read; a seat
is found under the mouse by arithmetic (`seat_at`). A change of one seat (a swap, a pin, a
check-in) repaints that seat's rectangle and nothing else.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem

from meetingdesk.rules import seating as rules
from meetingdesk.rules.seating import Direction
from meetingdesk.services.seating import HallSpec, Podium, SeatRow
from meetingdesk.ui.seating import colors

SEAT_W, SEAT_H = 48.0, 26.0  # a seat's pitch
PAD = 2.0  # the space around a seat's rectangle
AISLE = 16.0  # an aisle inside a block
ROW_MARGIN = 26.0  # left of a block: its row numbers
HEADER = 26.0  # above a block: its name
FOOTER = 40.0  # below: its delegations, two lines
BLOCK_GAP = 36.0
BAND_GAP = 24.0
PODIUM_W, PODIUM_H = 76.0, 30.0
STAGE_PAD = 14.0
STAGE_CAPTION = 26.0
NAME_PX = 13  # the names' pixel size at 100 %
SMALL_PX = 11
READABLE = 5.0  # below this many pixels on screen names are not drawn

Seat = tuple[int, int, int]  # (block index, row, column) as services.seating counts them


@dataclass(frozen=True)
class Sitter:
    """Who sits in a seat, as the map shows them."""

    member_id: int
    person_id: int
    name: str
    display: str
    delegation_id: int | None
    delegation: str
    role: str
    leader_title: str
    pinned: bool

    @classmethod
    def of(cls, row: SeatRow) -> Sitter:
        return cls(row.member_id, row.person_id, row.name, row.display, row.delegation_id, row.delegation,
                   row.role, row.leader_title, row.pinned)


def short_delegation(name: str) -> str:
    """吴家山街代表团 → 吴家山街: the block's footer names many."""
    return name[:-3] if name.endswith("代表团") and len(name) > 3 else name


def _font(px: int, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPixelSize(px)
    font.setBold(bold)
    return font


class BlockItem(QGraphicsItem):
    """One block (区): its name above, the row numbers at the left, the seats, its delegations below."""

    def __init__(self, hall: HallScene, index: int) -> None:
        super().__init__()
        self.hall, self.index = hall, index
        self.spec = hall.spec.blocks[index]
        self.rule = self.spec.rule
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        aisles = sorted(self.rule.aisles)
        self.xs = [ROW_MARGIN + c * SEAT_W + AISLE * sum(1 for a in aisles if a <= c) for c in range(self.rule.width)]
        self.seats_width = (self.xs[-1] + SEAT_W - ROW_MARGIN) if self.xs else 0.0
        self.width = ROW_MARGIN + self.seats_width
        self.height = HEADER + len(self.rule.rows) * SEAT_H + FOOTER
        self._delegations: list[str] | None = None

    # ------------------------------------------------------------ geometry

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return QRectF(0, 0, self.width, self.height)

    def seat_rect(self, row: int, column: int) -> QRectF:
        return QRectF(self.xs[column] + PAD, HEADER + row * SEAT_H + PAD, SEAT_W - 2 * PAD, SEAT_H - 2 * PAD)

    def seat_at(self, pos: QPointF) -> tuple[int, int] | None:
        """(row, column) of the seat at POS (in the item's coordinates), or None."""
        row = int((pos.y() - HEADER) // SEAT_H)
        if pos.y() < HEADER or row >= len(self.rule.rows):
            return None
        for column, x in enumerate(self.xs):
            if x <= pos.x() < x + SEAT_W:
                return (row, column) if self.rule.has(row, column) else None
        return None

    def seats(self) -> Iterable[tuple[int, int]]:
        """Every seat, in the order the names run (a column front to back under 纵向)."""
        rule = self.rule
        if self.hall.spec.direction == Direction.ROWS:
            for row, count in enumerate(rule.rows):
                yield from ((row, c) for c in range(rule.offset(row), rule.offset(row) + count))
        else:
            for column in range(rule.width):
                yield from ((row, column) for row in range(len(rule.rows)) if rule.has(row, column))

    def delegations(self) -> list[str]:
        """The delegations seated here, in the order their names run."""
        if self._delegations is None:
            grid = self.hall.grid
            found: dict[str, None] = {}
            for row, column in self.seats():
                member = grid.get((self.index, row, column))
                if member is not None:
                    sitter = self.hall.sitters[member]
                    if sitter.delegation:
                        found[sitter.delegation] = None
            self._delegations = list(found)
        return self._delegations

    def seat_changed(self, row: int, column: int) -> None:
        self._delegations = None
        self.update(self.seat_rect(row, column).adjusted(-4, -4, 4, 4))
        self.update(QRectF(0, self.height - FOOTER, self.width, FOOTER))

    # ------------------------------------------------------------ painting

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        hall = self.hall
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        exposed = option.exposedRect
        rule = self.rule
        if exposed.top() < HEADER and scale * SMALL_PX >= READABLE:
            painter.setPen(QColor(colors.INK))
            painter.setFont(hall.header_font)
            text = f"{self.spec.name}　{self.spec.zone}　{rule.capacity} 座"
            painter.drawText(QRectF(ROW_MARGIN, 0, self.seats_width, HEADER - 4),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
        first = max(0, int((exposed.top() - HEADER) // SEAT_H))
        last = min(len(rule.rows) - 1, int((exposed.bottom() - HEADER) // SEAT_H))
        names = scale * NAME_PX >= READABLE
        by_look: dict[tuple[str, bool], list[QRectF]] = {}
        texts: list[tuple[QRectF, Sitter]] = []
        marks: list[tuple[QRectF, Sitter]] = []
        grid, sitters = hall.grid, hall.sitters
        if scale * SMALL_PX >= READABLE and exposed.left() < ROW_MARGIN:
            painter.setFont(hall.small_font)
            painter.setPen(QColor(colors.FAINT_INK))
            for row in range(first, last + 1):
                painter.drawText(QRectF(0, HEADER + row * SEAT_H, ROW_MARGIN - 4, SEAT_H),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(rule.row_label(row)))
        for row in range(first, last + 1):
            start = rule.offset(row)
            y = HEADER + row * SEAT_H + PAD
            for column in range(start, start + rule.rows[row]):
                x = self.xs[column] + PAD
                if x > exposed.right() or x + SEAT_W < exposed.left():
                    continue
                rect = QRectF(x, y, SEAT_W - 2 * PAD, SEAT_H - 2 * PAD)
                member = grid.get((self.index, row, column))
                if member is None:
                    by_look.setdefault((colors.EMPTY, False), []).append(rect)
                    continue
                sitter = sitters[member]
                by_look.setdefault((hall.fill_of(sitter), True), []).append(rect)
                if names:
                    texts.append((rect, sitter))
                if sitter.pinned or member in hall.found or member == hall.chosen or member == hall.dragged:
                    marks.append((rect, sitter))
        for (fill, taken), rects in by_look.items():
            painter.setBrush(hall.brush(fill))
            painter.setPen(hall.pen(colors.SEAT_LINE if taken else colors.EMPTY_LINE, 1.0))
            painter.drawRects(rects)
        if texts:
            painter.setPen(QColor(colors.INK))
            painter.setFont(hall.name_font)
            for rect, sitter in texts:
                hall.draw_name(painter, rect, sitter.name)
        for rect, sitter in marks:
            hall.draw_marks(painter, rect, sitter)
        target = hall.drop_target
        if target is not None and target[0] == self.index:
            ok = hall.drop_ok(target)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(hall.pen(colors.DROP_OK if ok else colors.DROP_NO, 3.0, Qt.PenStyle.DashLine))
            painter.drawRect(self.seat_rect(target[1], target[2]).adjusted(-1, -1, 1, 1))
        if exposed.bottom() > self.height - FOOTER and scale * SMALL_PX >= READABLE:
            painter.setPen(QColor(colors.FAINT_INK))
            painter.setFont(hall.small_font)
            text = "、".join(short_delegation(d) for d in self.delegations()) or "（空）"
            area = QRectF(ROW_MARGIN, self.height - FOOTER + 3, self.seats_width, FOOTER - 4)
            metrics = QFontMetricsF(hall.small_font)
            if metrics.boundingRect(area, Qt.TextFlag.TextWordWrap, text).height() > area.height():
                # more than two lines: cut to two, ending in …
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width() * 2 - 2 * SMALL_PX)
            painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             text)


class PodiumItem(QGraphicsItem):
    """The 主席台: its rows, front row lowest; each seat the person by precedence, with the rank."""

    def __init__(self, hall: HallScene, rows: tuple[int, ...], podium: Podium | None, note: str) -> None:
        super().__init__()
        self.hall, self.rows, self.podium, self.note = hall, rows, podium, note
        widest = max(rows, default=0)
        self.width = max(widest * PODIUM_W, 8 * PODIUM_W) + 2 * STAGE_PAD
        self.height = STAGE_CAPTION + max(len(rows), 1) * PODIUM_H + STAGE_PAD

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(0, 0, self.width, self.height)

    def seat_rect(self, row: int, column: int) -> QRectF:
        count = self.rows[row]
        left = (self.width - count * PODIUM_W) / 2
        top = STAGE_CAPTION + (len(self.rows) - 1 - row) * PODIUM_H
        return QRectF(left + column * PODIUM_W + PAD, top + PAD, PODIUM_W - 2 * PAD, PODIUM_H - 2 * PAD)

    def seat_at(self, pos: QPointF) -> tuple[int, int] | None:
        for row, count in enumerate(self.rows):
            for column in range(count):
                if self.seat_rect(row, column).contains(pos):
                    return row, column
        return None

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        hall = self.hall
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setBrush(hall.brush(colors.STAGE))
        painter.setPen(hall.pen(colors.STAGE_LINE, 1.5))
        painter.drawRoundedRect(self.boundingRect().adjusted(1, 1, -1, -1), 8, 8)
        if scale * SMALL_PX >= READABLE:
            painter.setPen(QColor(colors.INK))
            painter.setFont(hall.header_font)
            caption = "主席台" + (f"　{self.note}" if self.note else "")
            painter.drawText(QRectF(0, 4, self.width, STAGE_CAPTION - 6), Qt.AlignmentFlag.AlignCenter, caption)
        seats = {(s.row, s.column): s for s in self.podium.seats if s.row is not None} if self.podium else {}
        for row, count in enumerate(self.rows):
            ranks = rules.podium_ranks(count, self.podium.precedence if self.podium else hall.spec.precedence)
            for column in range(count):
                rect = self.seat_rect(row, column)
                seat = seats.get((row, column))
                fill = hall.podium_fill(seat.person_id) if seat else colors.EMPTY
                painter.setBrush(hall.brush(fill))
                painter.setPen(hall.pen(colors.SEAT_LINE if seat else colors.EMPTY_LINE, 1.0))
                painter.drawRect(rect)
                if scale * NAME_PX < READABLE:
                    continue
                painter.setFont(hall.small_font)
                painter.setPen(QColor(colors.FAINT_INK))
                rank_box = QRectF(rect.left() + 2, rect.top(), 18, rect.height())
                painter.drawText(rank_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 str(seat.rank if seat else ranks[column] + sum(self.rows[:row])))
                if seat:
                    painter.setPen(QColor(colors.INK))
                    painter.setFont(hall.name_font)
                    hall.draw_name(painter, rect.adjusted(16, 0, 0, 0), seat.name)


class HallScene(QGraphicsScene):
    """What the map shows: the hall (SPEC), who sits where (GRID: seat → member; SITTERS), how
    seats are filled (by delegation, or by a status the page gives), and the marks on top (those
    found, the seat clicked, a seat being dragged and where it would go)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.spec: HallSpec | None = None
        self.sides: tuple[int, ...] = ()
        self.blocks: list[BlockItem] = []
        self.podium_item: PodiumItem | None = None
        self.grid: dict[Seat, int] = {}
        self.place: dict[int, Seat] = {}
        self.sitters: dict[int, Sitter] = {}
        self.by_person: dict[int, int] = {}
        self.found: set[int] = set()
        self.chosen: int | None = None
        self.dragged: int | None = None
        self.drop_target: Seat | None = None
        self.status_of: Callable[[int], str] | None = None  # attendance: member → status
        self.status_fills: dict[str, str] = {}
        self._team_fill: dict[int | None, str] = {}
        self._brushes: dict[str, QBrush] = {}
        self._pens: dict[tuple, QPen] = {}
        self._widths: dict[str, float] = {}
        self.name_font = _font(NAME_PX)
        self.small_font = _font(SMALL_PX)
        self.header_font = _font(NAME_PX + 1, bold=True)
        self._metrics = QFontMetricsF(self.name_font)
        self.setBackgroundBrush(QBrush(QColor("#fafafa")))

    # ------------------------------------------------------------ building

    def show_hall(self, spec: HallSpec, seats: Iterable[SeatRow], sides: tuple[int, ...],
                  podium: Podium | None = None, podium_note: str = "") -> None:
        """Everything anew: the hall, who sits where, the 主席台 (PODIUM None: its seats empty)."""
        self.clear()
        self.spec, self.sides = spec, tuple(sides) or tuple(rules.block_sides(spec.rule_blocks))
        self.grid, self.place, self.sitters, self.by_person = {}, {}, {}, {}
        self._team_fill = {}
        for row in seats:
            sitter = Sitter.of(row)
            seat = (row.block_index, row.row, row.column)
            self.grid[seat] = row.member_id
            self.place[row.member_id] = seat
            self.sitters[row.member_id] = sitter
            self.by_person[row.person_id] = row.member_id
            if sitter.delegation_id is not None and sitter.delegation_id not in self._team_fill:
                self._team_fill[sitter.delegation_id] = colors.delegation_fill(len(self._team_fill))
        self.found = {m for m in self.found if m in self.sitters}
        self.chosen = self.chosen if self.chosen in self.sitters else None
        self.dragged, self.drop_target = None, None
        self.blocks = [BlockItem(self, i) for i in range(len(spec.blocks))]
        self.podium_item = PodiumItem(self, spec.podium_rows, podium, podium_note) if spec.podium_rows else None
        self._lay_out()

    def _lay_out(self) -> None:
        bands: dict[int, list[BlockItem]] = {}
        for item in self.blocks:
            bands.setdefault(item.spec.band, []).append(item)
        widths = {band: sum(i.width for i in items) + BLOCK_GAP * (len(items) - 1) for band, items in bands.items()}
        y = 0.0
        if self.podium_item is not None:
            self.addItem(self.podium_item)
            self.podium_item.setPos(-self.podium_item.width / 2, 0)
            y = self.podium_item.height + BAND_GAP * 2
        for band in sorted(bands):
            x = -widths[band] / 2
            for item in bands[band]:
                self.addItem(item)
                item.setPos(x, y)
                x += item.width + BLOCK_GAP
            y += max(i.height for i in bands[band]) + BAND_GAP
        self.setSceneRect(self.itemsBoundingRect().adjusted(-40, -30, 40, 30))

    def clear_hall(self) -> None:
        self.clear()
        self.spec, self.blocks, self.podium_item = None, [], None
        self.grid, self.place, self.sitters, self.by_person = {}, {}, {}, {}

    # ------------------------------------------------------------ what is where

    def seat_at(self, pos: QPointF) -> Seat | None:
        """The block seat at POS (scene coordinates), or None."""
        for item in self.blocks:
            local = pos - item.pos()
            if item.boundingRect().contains(local):
                found = item.seat_at(local)
                return (item.index, *found) if found else None
        return None

    def podium_seat_at(self, pos: QPointF):
        """The PodiumSeat at POS, or None."""
        item = self.podium_item
        if item is None or item.podium is None:
            return None
        found = item.seat_at(pos - item.pos())
        if found is None:
            return None
        return next((s for s in item.podium.seats if (s.row, s.column) == found), None)

    def sitter_at(self, seat: Seat | None) -> Sitter | None:
        member = self.grid.get(seat) if seat else None
        return self.sitters[member] if member is not None else None

    def scene_rect_of(self, seat: Seat) -> QRectF:
        item = self.blocks[seat[0]]
        return item.seat_rect(seat[1], seat[2]).translated(item.pos())

    def label(self, seat: Seat) -> str:
        """一区3排5号"""
        block = self.spec.blocks[seat[0]]
        row_no, number = rules.label(block.rule, seat[1], seat[2], self.sides[seat[0]])
        return f"{block.name}{row_no}排{number}号"

    def drop_ok(self, target: Seat) -> bool:
        """May the seat dragged go to TARGET: a seat of the same zone."""
        source = self.place.get(self.dragged) if self.dragged is not None else None
        return source is not None and source != target and \
            self.spec.blocks[source[0]].zone == self.spec.blocks[target[0]].zone

    # ------------------------------------------------------------ changes of a few seats

    def repaint_seat(self, seat: Seat) -> None:
        if 0 <= seat[0] < len(self.blocks):
            self.blocks[seat[0]].seat_changed(seat[1], seat[2])

    def repaint_member(self, member_id: int) -> None:
        seat = self.place.get(member_id)
        if seat is not None:
            self.repaint_seat(seat)
        if self.podium_item is not None and self.podium_item.podium is not None:
            person = self.sitters[member_id].person_id if member_id in self.sitters else None
            if any(s.person_id == person for s in self.podium_item.podium.seats):
                self.podium_item.update()

    def swap(self, a: int, b: int) -> None:
        seat_a, seat_b = self.place.get(a), self.place.get(b)
        if seat_a is None or seat_b is None:
            return
        self.place[a], self.place[b] = seat_b, seat_a
        self.grid[seat_a], self.grid[seat_b] = b, a
        self.repaint_seat(seat_a)
        self.repaint_seat(seat_b)

    def move(self, member_id: int, seat: Seat) -> None:
        old = self.place.get(member_id)
        if old is None or self.grid.get(seat) is not None:
            return
        del self.grid[old]
        self.grid[seat] = member_id
        self.place[member_id] = seat
        self.repaint_seat(old)
        self.repaint_seat(seat)

    def set_pinned(self, member_id: int, pinned: bool) -> None:
        sitter = self.sitters.get(member_id)
        if sitter is not None:
            self.sitters[member_id] = replace(sitter, pinned=pinned)
            self.repaint_member(member_id)

    def set_found(self, members: Iterable[int]) -> None:
        before, self.found = self.found, set(members)
        for member in before ^ self.found:
            self.repaint_member(member)

    def set_chosen(self, member_id: int | None) -> None:
        before, self.chosen = self.chosen, member_id
        for member in {before, member_id} - {None}:
            self.repaint_member(member)

    def set_drag(self, member_id: int | None, target: Seat | None) -> None:
        old_member, old_target = self.dragged, self.drop_target
        self.dragged, self.drop_target = member_id, target
        for member in {old_member, member_id} - {None}:
            self.repaint_member(member)
        for seat in {old_target, target} - {None}:
            self.repaint_seat(seat)

    # ------------------------------------------------------------ looks

    def fill_of(self, sitter: Sitter) -> str:
        if self.status_of is not None:
            return self.status_fills.get(self.status_of(sitter.member_id), colors.NO_DELEGATION)
        return self._team_fill.get(sitter.delegation_id, colors.NO_DELEGATION)

    def podium_fill(self, person_id: int) -> str:
        if self.status_of is not None:
            member = self.by_person.get(person_id)
            return self.status_fills.get(self.status_of(member), colors.NO_DELEGATION) if member else colors.STAGE
        return "#fffdf7"

    def team_fills(self) -> dict[int | None, str]:
        """Delegation id → its fill, in the order first seated."""
        return dict(self._team_fill)

    def brush(self, color: str) -> QBrush:
        found = self._brushes.get(color)
        if found is None:
            found = self._brushes[color] = QBrush(QColor(color))
        return found

    def pen(self, color: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        key = (color, width, style)
        found = self._pens.get(key)
        if found is None:
            found = self._pens[key] = QPen(QColor(color), width, style)
            found.setCosmetic(True)  # as wide on screen at any zoom
        return found

    def draw_name(self, painter: QPainter, rect: QRectF, name: str) -> None:
        """NAME centred in RECT, squeezed sideways when it is wider (欧阳某某 in a narrow seat)."""
        width = self._widths.get(name)
        if width is None:
            width = self._widths[name] = self._metrics.horizontalAdvance(name)
        room = rect.width() - 4
        if width <= room:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
            return
        painter.save()
        painter.translate(rect.center())
        painter.scale(room / width, 1.0)
        painter.drawText(QRectF(-width / 2 - 1, -rect.height() / 2, width + 2, rect.height()),
                         Qt.AlignmentFlag.AlignCenter, name)
        painter.restore()

    def draw_marks(self, painter: QPainter, rect: QRectF, sitter: Sitter) -> None:
        """A pin for a pinned seat; a frame for those found, the seat clicked, the seat dragged."""
        if sitter.pinned:
            painter.setPen(self.pen("#ffffff", 1.0))  # a white ring: seen on any fill
            painter.setBrush(self.brush(colors.PIN))
            painter.drawEllipse(QPointF(rect.right() - 4.5, rect.top() + 4.5), 3.2, 3.2)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        member = sitter.member_id
        if member == self.dragged:
            painter.setPen(self.pen(colors.CHOSEN, 2.0, Qt.PenStyle.DotLine))
            painter.drawRect(rect)
        if member in self.found:
            painter.setPen(self.pen(colors.FOUND, 3.0))
            painter.drawRect(rect.adjusted(-1, -1, 1, 1))
        elif member == self.chosen:
            painter.setPen(self.pen(colors.CHOSEN, 2.5))
            painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))

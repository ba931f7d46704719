"""会场座次图: the whole hall as it stands, the 主席台 at the top.

Drawn as seen from the hall facing the 主席台: the 主席台's rows at the top (its front row nearest
the hall; with a meeting, each seat's person by precedence, else the seats and their precedence
numbers), then the bands of blocks one behind another, blocks left to right, rows front (top) to
back. Each seat is a box with its number small and the person's name; an empty seat is an empty
box; every other delegation of a block is tinted, and each block is headed with its name, whom it
seats and the delegations in it (their tint before each).

The whole hall goes on one A4 landscape sheet when the names are still 9 pt there, else on A3
landscape with names of 7 pt at least. A hall too large for that is split: an overview first (the
主席台, the blocks as rectangles, a table of blocks: whom they seat, their rows, seats and
delegations, and which 分图 shows them), then one 分图 a page at 9 pt — a band, or as many blocks
of it as fit, or part of a block: a run of its rows, a run of its columns.

Option `meeting` (a 预备会议 or 全体会议, as `attendance.find_meeting` takes it): its 主席台 and
its own arrangement when delegations rotate at each plenary.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from meetingdesk.rules.words import Role
from meetingdesk.services import seating, session
from meetingdesk.services.seating import Arrangement, BlockSpec, Podium

from .coverage import Printed
from .fonts import HEI, SONG, Run, runs, runs_width
from .frame import (
    INK, MARGIN_BOTTOM, MARGIN_LEFT, Cell, GridRow, Paper, draw_runs, frame_size, para, style, wrap_runs,
)
from .hall_drawing import (
    A3_LANDSCAPE, A4_LANDSCAPE, FAINT, LINE, MIN_NAME, TINT, SeatStyle, caption, chosen_meeting, draw_podium,
    draw_seat, name_text, podium_height, podium_lines, podium_width, seats_word, short_delegation, spaced,
)
from .names import person_text

KIND = "seating"
TITLE = "会场座次图"

A4_SIZE = 9.0  # names on an A4 sheet: no smaller than this, else the sheet is A3
SPLIT_SIZE = 9.0  # names on the 分图 of a hall too large for one sheet
LARGEST = 12.0
STEP = 0.25
BLOCK_GAP = 10.0  # between two blocks of a band, beside the row labels
BAND_GAP = 14.0
STAGE_GAP = 16.0  # between the 主席台 and the hall's front rows
TITLE_HEIGHT = 72.0
TILE_HEADING = 32.0
SHEET_SIDE = 10 * mm  # a sheet drawn whole uses the page nearly to its edges
SHEET_TOP = 8 * mm
SHEET_FOOT = 14.5 * mm  # above 第 N 页 共 M 页 (its baseline at 10 mm)
NOTE_SIZE = 9.5
NOTE_LEADING = 14.0
NOTE_LINES = 6  # more lines of notes than this go on a page of their own
NOTE = style("seating-note", size=10, leading=15, align=TA_LEFT)
NOTE_HEAD = style("seating-note-head", font=HEI, size=11, leading=17, align=TA_LEFT)


# ---------------------------------------------------------------- geometry


@dataclass(frozen=True)
class Piece:
    """The part of a block one drawing shows: its columns COL0 ≤ c < COL1 and rows ROW0 ≤ r < ROW1."""

    block: int
    col0: int
    col1: int
    row0: int
    row1: int


@dataclass(frozen=True)
class Tile:
    """What one drawing of blocks shows: pieces of one band, side by side."""

    band: int
    pieces: tuple[Piece, ...]


class Hall:
    """The data a drawing needs, read before (no database while drawing)."""

    def __init__(self, a: Arrangement, podium: Podium | None, meeting_label: str, full_title: str) -> None:
        self.a = a
        self.spec = a.hall
        self.blocks: list[BlockSpec] = list(a.hall.blocks)
        self.rules = [b.rule for b in self.blocks]
        self.podium = podium
        self.meeting_label = meeting_label
        self.full_title = full_title
        self.bands = sorted({b.band for b in self.blocks})
        self.delegations = [a.delegations_in(i) for i in range(len(self.blocks))]
        self.numbers = {(b, r): a.numbers(b, r) for b in range(len(self.blocks))
                        for r in range(len(self.blocks[b].rows))}
        self.pages_of: dict[int, list[int]] = {}  # block -> the 分图 showing it (split)
        self._shown: dict[Piece, list[str]] = {}
        names = {s.name for s in a.seats} | {s.name for s in (podium.seats if podium else ())}
        ordinary = [n for n in names if len(n) <= 4]  # longer names (少数民族) may be smaller still
        self.widest = max(ordinary, key=lambda n: runs_width(runs(name_text(n), 1)), default="")

    def in_band(self, band: int) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if b.band == band]

    def whole(self, band: int) -> Tile:
        return Tile(band, tuple(Piece(i, 0, self.rules[i].width, 0, len(self.blocks[i].rows))
                                for i in self.in_band(band)))

    # -- sizes

    def row_label_width(self, st: SeatStyle, piece: Piece) -> float:
        rule = self.rules[piece.block]
        widest = len(str(rule.row_label(len(rule.rows) - 1)))  # the block's last: every part of it alike
        return runs_width(runs("8" * widest + "排", st.label_size)) + 3

    def aisles_before(self, piece: Piece, column: int) -> int:
        return sum(1 for a in self.blocks[piece.block].aisles if piece.col0 < a <= column)

    def seats_width(self, st: SeatStyle, piece: Piece) -> float:
        cols = piece.col1 - piece.col0
        return cols * st.pitch_x - st.gap + self.aisles_before(piece, piece.col1 - 1) * st.aisle

    def piece_width(self, st: SeatStyle, piece: Piece) -> float:
        return self.row_label_width(st, piece) + self.seats_width(st, piece)

    def tile_width(self, st: SeatStyle, tile: Tile) -> float:
        return sum(self.piece_width(st, p) for p in tile.pieces) + BLOCK_GAP * (len(tile.pieces) - 1)

    def rows_height(self, st: SeatStyle, tile: Tile) -> float:
        rows = max((p.row1 - p.row0 for p in tile.pieces), default=0)
        return rows * st.pitch_y - (st.gap if rows else 0)

    def header_lines(self, st: SeatStyle, piece: Piece) -> tuple[list[Run], list[list[tuple[bool, list[Run]]]]]:
        """The block's heading: its name and whom it seats, then its delegations (tinted or not) in
        lines as wide as the piece."""
        block = self.blocks[piece.block]
        rule = self.rules[piece.block]
        head = f"{block.name}　{block.zone}"
        if (piece.col0, piece.col1) != (0, rule.width) or (piece.row0, piece.row1) != (0, len(block.rows)):
            head += f"　第{rule.row_label(piece.row0)}—{rule.row_label(piece.row1 - 1)}排"
            if (piece.col0, piece.col1) != (0, rule.width):
                head += f"　左起第{piece.col0 + 1}—{piece.col1}列"
        width = self.piece_width(st, piece)
        head_runs = fit_line(head, width, heading_size(st), HEI)
        shown = self.shown_delegations(piece)
        order = self.delegations[piece.block]
        size = delegation_size(st)
        lines: list[list[tuple[bool, list[Run]]]] = [[]]
        used = 0.0
        for name in shown:
            item = fit_line(short_delegation(name), width - swatch(size) - 2, size)
            wide = swatch(size) + 2 + runs_width(item) + size * 0.8
            if lines[-1] and used + wide > width:
                lines.append([])
                used = 0.0
            lines[-1].append((order.index(name) % 2 == 1, item))
            used += wide
        return head_runs, [line for line in lines if line]

    def shown_delegations(self, piece: Piece) -> list[str]:
        """The delegations seated in PIECE, in the block's order (kept: the layout asks often)."""
        known = self._shown.get(piece)
        if known is None:
            known = self._shown[piece] = self._delegations_of(piece)
        return known

    def _delegations_of(self, piece: Piece) -> list[str]:
        found: dict[str, None] = {}
        for r in range(piece.row0, piece.row1):
            for c in range(piece.col0, piece.col1):
                seat = self.a.at(piece.block, r, c)
                if seat is not None and seat.delegation:
                    found[seat.delegation] = None
        order = self.delegations[piece.block]
        return sorted(found, key=order.index)

    def header_height(self, st: SeatStyle, tile: Tile) -> float:
        lines = max((len(self.header_lines(st, p)[1]) for p in tile.pieces), default=0)
        return heading_size(st) * 1.35 + lines * delegation_size(st) * 1.3 + 4

    def tile_height(self, st: SeatStyle, tile: Tile) -> float:
        return self.header_height(st, tile) + self.rows_height(st, tile)

    def podium_size(self, st: SeatStyle) -> tuple[float, float]:
        rows = self.spec.podium_rows
        return podium_width(rows, st) + 40, podium_height(rows, st) + st.size * 1.6 + STAGE_GAP


def heading_size(st: SeatStyle) -> float:
    return max(8.0, st.size * 1.1)


def delegation_size(st: SeatStyle) -> float:
    return max(MIN_NAME, st.size * 0.85)


def swatch(size: float) -> float:
    return size * 0.8


def fit_line(text: str, width: float, size: float, font: str = SONG) -> list:
    items = runs(text, size, font)
    wide = runs_width(items)
    return items if wide <= width else runs(text, max(5.0, size * width / wide), font)


# ---------------------------------------------------------------- drawing


def draw_tile(c, hall: Hall, st: SeatStyle, tile: Tile, left: float, top: float) -> float:
    """TILE's blocks side by side from LEFT under TOP: headings, then rows front to back. Returns
    the height used."""
    header = hall.header_height(st, tile)
    x = left
    for piece in tile.pieces:
        draw_piece(c, hall, st, piece, x, top, header)
        x += hall.piece_width(st, piece) + BLOCK_GAP
    return header + hall.rows_height(st, tile)


def draw_piece(c, hall: Hall, st: SeatStyle, piece: Piece, x: float, top: float, header: float) -> None:
    head, lines = hall.header_lines(st, piece)
    hs, ds = heading_size(st), delegation_size(st)
    c.setFillColor(INK)
    draw_runs(c, head, x, top - hs)
    y = top - hs * 1.35 - ds
    for line in lines:
        at = x
        for tinted, item in line:
            w = swatch(ds)
            c.setLineWidth(0.4)
            c.setStrokeColor(LINE)
            c.setFillColor(TINT if tinted else colors.white)
            c.rect(at, y - ds * 0.05, w, w, stroke=1, fill=1)
            c.setFillColor(INK)
            draw_runs(c, item, at + w + 2, y)
            at += w + 2 + runs_width(item) + ds * 0.8
        y -= ds * 1.3
    label_w = hall.row_label_width(st, piece)
    seats_x = x + label_w
    rule = hall.rules[piece.block]
    order = hall.delegations[piece.block]
    row_top = top - header
    for r in range(piece.row0, piece.row1):
        y = row_top - (r - piece.row0) * st.pitch_y - st.height
        label = runs(f"{rule.row_label(r)}排", st.label_size)
        c.setFillColor(FAINT)
        draw_runs(c, label, seats_x - 3 - runs_width(label), y + (st.height - st.label_size) / 2)
        offset, count = rule.offset(r), rule.rows[r]
        numbers = hall.numbers[piece.block, r]
        for col in range(max(piece.col0, offset), min(piece.col1, offset + count)):
            sx = seats_x + (col - piece.col0) * st.pitch_x + hall.aisles_before(piece, col) * st.aisle
            seat = hall.a.at(piece.block, r, col)
            name, fill = "", None
            if seat is not None:
                name = seat.name
                if seat.delegation and seat.delegation in order and order.index(seat.delegation) % 2:
                    fill = TINT
            draw_seat(c, st, sx, y, name, str(numbers[col - offset]), fill=fill)


def draw_title(c, hall: Hall, width: float, top: float, subtitle: str) -> None:
    centre = width / 2
    caption(c, hall.full_title, 13, centre, top - 14)
    caption(c, TITLE if not hall.meeting_label else f"{hall.meeting_label}{TITLE}", 20, centre, top - 40)
    caption(c, subtitle, 9.5, centre, top - 58, font=SONG, colour=FAINT)


def draw_stage(c, hall: Hall, st: SeatStyle, width: float, top: float) -> float:
    """The 主席台 centred under TOP, its caption over it and the stage's edge under it; the height used."""
    centre = width / 2
    rows = hall.spec.podium_rows
    caption(c, spaced("主席台"), st.size * 1.3, centre, top - st.size * 1.3)
    used = st.size * 1.6
    used += draw_podium(c, st, centre, top - used, rows, hall.spec.precedence, hall.podium)
    edge = top - used - STAGE_GAP / 2
    c.setStrokeColor(FAINT)
    c.setLineWidth(0.6)
    c.setDash(4, 3)
    c.line(0, edge, width, edge)
    c.setDash()
    return used + STAGE_GAP


# ---------------------------------------------------------------- the .docx: a table a block


def word_title(out, hall: Hall) -> None:
    out.text(hall.full_title, role="hei", size=13)
    out.text(TITLE if not hall.meeting_label else f"{hall.meeting_label}{TITLE}", role="title", size=20,
             space_before=4)
    out.text(subtitle_text(hall), size=9.5, colour="737373", space_before=2, space_after=6)


def word_stage(out, hall: Hall, st: SeatStyle) -> None:
    rows = hall.spec.podium_rows
    if not rows:
        return
    out.text(spaced("主席台"), role="hei", size=st.size * 1.3, space_after=2, keep=True)
    seats_word(out, st, podium_lines(rows, hall.spec.precedence, hall.podium), max(rows), half=True,
               bold_number=True)
    out.text("", size=4, space_after=STAGE_GAP / 2)


def word_piece(out, hall: Hall, st: SeatStyle, piece: Piece) -> None:
    """A block (or the part of it a 分图 shows): its heading and delegations, then its rows."""
    head, lines = hall.header_lines(st, piece)
    out.text("".join(r.text for r in head), role="hei", size=heading_size(st), align="left", keep=True,
             space_before=6)
    shown = "　".join(short_delegation(name) for name in hall.shown_delegations(piece))
    if shown:
        out.text(shown, size=delegation_size(st), align="left", keep=True)
    rule = hall.rules[piece.block]
    rows = []
    for r in range(piece.row0, piece.row1):
        offset, count = rule.offset(r), rule.rows[r]
        numbers = hall.numbers[piece.block, r]
        first = max(piece.col0, offset)
        seats = []
        for col in range(first, min(piece.col1, offset + count)):
            seat = hall.a.at(piece.block, r, col)
            seats.append((str(numbers[col - offset]), seat.name if seat is not None else ""))
        rows.append((f"{rule.row_label(r)}排", first - piece.col0, seats))
    seats_word(out, st, rows, piece.col1 - piece.col0)


def subtitle_text(hall: Hall) -> str:
    parts = []
    for zone in Role:
        seats = hall.spec.capacity(zone)
        if seats:
            seated = sum(1 for s in hall.a.seats if s.role == zone)
            parts.append(f"{zone}区 {seats} 座，已排 {seated} 人")
    where = "，".join(parts)
    return f"{hall.spec.name}（{where}）　图中左右为从会场面向主席台所见；主席台座位中的数字为座次，会场座位中的数字为座号"


def sheet_area(pagesize: tuple[float, float]) -> tuple[float, float]:
    """(width, height) a sheet drawn whole may use."""
    return pagesize[0] - 2 * SHEET_SIDE, pagesize[1] - SHEET_TOP - SHEET_FOOT


class Sheet(Flowable):
    """A page drawn whole, in the page's own coordinates (its margins narrower than the frame's):
    `draw_sheet(c, width, height)` draws in the area from (0, 0)."""

    def __init__(self, pagesize: tuple[float, float], units: int) -> None:
        super().__init__()
        self.pagesize = pagesize
        self.frame_height = frame_size(pagesize)[1]
        self.progress_units = max(1, units)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.frame_height - 1
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.translate(-MARGIN_LEFT, -(MARGIN_BOTTOM + self.frame_height - self.height))  # the page's corner
        c.translate(SHEET_SIDE, SHEET_FOOT)
        self.draw_sheet(c, *sheet_area(self.pagesize))
        c.restoreState()

    def draw_sheet(self, c, width: float, height: float) -> None:
        raise NotImplementedError


class WholeHall(Sheet):
    """The whole hall on one sheet, and under it who has no seat (when a few lines say it)."""

    def __init__(self, hall: Hall, st: SeatStyle, pagesize: tuple[float, float], notes: list[list[Run]]) -> None:
        super().__init__(pagesize, len(hall.a.seats))
        self.hall, self.st, self.notes = hall, st, notes

    def draw_sheet(self, c, width: float, height: float) -> None:
        hall, st = self.hall, self.st
        draw_title(c, hall, width, height, subtitle_text(hall))
        top = height - TITLE_HEIGHT
        top -= draw_stage(c, hall, st, width, top)
        for band in hall.bands:
            tile = hall.whole(band)
            left = (width - hall.tile_width(st, tile)) / 2
            top -= draw_tile(c, hall, st, tile, left, top) + BAND_GAP
        c.setFillColor(INK)
        for line in self.notes:
            top -= NOTE_LEADING
            draw_runs(c, line, 0, top)

    def to_word(self, out) -> None:
        hall = self.hall
        word_title(out, hall)
        word_stage(out, hall, self.st)
        for band in hall.bands:
            for piece in hall.whole(band).pieces:
                word_piece(out, hall, self.st, piece)
        for line in self.notes:
            out.text("".join(r.text for r in line), role="hei" if line and line[0].font == HEI else "song",
                     size=NOTE_SIZE, align="left")


def whole_height(hall: Hall, st: SeatStyle) -> float:
    height = TITLE_HEIGHT + hall.podium_size(st)[1]
    for band in hall.bands:
        height += hall.tile_height(st, hall.whole(band)) + BAND_GAP
    return height


def whole_width(hall: Hall, st: SeatStyle) -> float:
    return max([hall.podium_size(st)[0], *(hall.tile_width(st, hall.whole(b)) for b in hall.bands)])


def whole_fit(hall: Hall, pagesize: tuple[float, float], smallest: float, below: float = 0) -> SeatStyle | None:
    """The largest seat style down to SMALLEST with which the whole hall (and BELOW points of notes)
    fits a sheet of PAGESIZE."""
    width, height = sheet_area(pagesize)
    size = LARGEST
    while size >= smallest - 1e-9:
        st = SeatStyle(size)
        if (whole_width(hall, st) <= width and whole_height(hall, st) + below <= height
                and (not hall.widest or st.name_size(hall.widest) >= MIN_NAME - 1e-6)):
            return st
        size -= STEP
    return None


# ---------------------------------------------------------------- a hall too large for one sheet


def tiles(hall: Hall, st: SeatStyle, width: float, height: float) -> list[Tile]:
    """The 分图: per band, its blocks (or runs of a block's columns) side by side as far as they
    fit WIDTH, their rows in runs as long as fit HEIGHT."""
    out: list[Tile] = []
    for band in hall.bands:
        strips: list[Piece] = []  # full height, as wide as fits
        for i in hall.in_band(band):
            rows = len(hall.blocks[i].rows)
            start = 0
            width_cols = hall.rules[i].width
            while start < width_cols:
                end = width_cols
                while end > start + 1 and hall.piece_width(st, Piece(i, start, end, 0, rows)) > width:
                    end -= 1
                strips.append(Piece(i, start, end, 0, rows))
                start = end
        groups: list[list[Piece]] = []
        for strip in strips:
            trial = Tile(band, (*groups[-1], strip)) if groups else None
            if trial is not None and hall.tile_width(st, trial) <= width:
                groups[-1].append(strip)
            else:
                groups.append([strip])
        for group in groups:
            rows = max(p.row1 for p in group)
            # the heading as tall as the whole strip's (its every delegation): at least as tall as a part's
            header = hall.header_height(st, Tile(band, tuple(group)))
            most = max(1, int((height - 2 - TILE_HEADING - header + st.gap) // st.pitch_y))
            per_page = -(-rows // -(-rows // most))  # runs of about equal length: not 32 rows then 2
            for start in range(0, rows, per_page):
                end = start + per_page
                out.append(Tile(band, tuple(Piece(p.block, p.col0, p.col1, start, min(end, p.row1))
                                            for p in group if start < p.row1)))
    return out


def tile_title(hall: Hall, tile: Tile) -> str:
    names = "、".join(dict.fromkeys(hall.blocks[p.block].name for p in tile.pieces))
    return names


class TilePage(Sheet):
    """One 分图: its heading, then its blocks at the split size."""

    def __init__(self, hall: Hall, st: SeatStyle, tile: Tile, number: int, total: int,
                 pagesize: tuple[float, float]) -> None:
        super().__init__(pagesize, sum((p.row1 - p.row0) * (p.col1 - p.col0) for p in tile.pieces))
        self.hall, self.st, self.tile, self.number, self.total = hall, st, tile, number, total

    def draw_sheet(self, c, width: float, height: float) -> None:
        hall, st = self.hall, self.st
        centre = width / 2
        caption(c, f"{hall.full_title}{hall.meeting_label}{TITLE}　分图 {self.number}／{self.total}："
                   f"{tile_title(hall, self.tile)}", 13, centre, height - 14)
        caption(c, "↑ 主席台方向　　图中左右为从会场面向主席台所见，数字为座号", 8.5, centre, height - 28,
                font=SONG, colour=FAINT)
        left = (width - hall.tile_width(st, self.tile)) / 2
        draw_tile(c, hall, st, self.tile, left, height - TILE_HEADING)

    def to_word(self, out) -> None:
        hall = self.hall
        out.text(f"{hall.full_title}{hall.meeting_label}{TITLE}　分图 {self.number}／{self.total}："
                 f"{tile_title(hall, self.tile)}", role="hei", size=13)
        out.text("↑ 主席台方向　　图中左右为从会场面向主席台所见，数字为座号", size=8.5, colour="737373")
        for piece in self.tile.pieces:
            word_piece(out, hall, self.st, piece)


class Overview(Flowable):
    """The first page of a split chart: the 主席台 and the blocks as rectangles, each with its 分图."""

    def __init__(self, hall: Hall, st: SeatStyle, width: float, height: float) -> None:
        super().__init__()
        self.hall, self.st, self.width, self.height = hall, st, width, height
        self.progress_units = 1

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        hall = self.hall
        draw_title(c, hall, self.width, self.height, subtitle_text(hall))
        top = self.height - TITLE_HEIGHT
        st = self.st
        stage_w = hall.podium_size(st)[0]
        if stage_w > self.width:  # a 主席台 wider than the page: smaller, whatever it takes
            st = SeatStyle(max(3.0, st.size * self.width / stage_w))
        top -= draw_stage(c, hall, st, self.width, top)
        # the blocks at one scale: every band's rectangles fit the width, all bands the height left
        bands = hall.bands
        natural = SeatStyle(SPLIT_SIZE)
        widths = {b: sum(hall.seats_width(natural, p) for p in hall.whole(b).pieces) for b in bands}
        heights = {b: hall.rows_height(natural, hall.whole(b)) for b in bands}
        gap = 12.0
        avail_h = top - 4 - len(bands) * gap
        scale = min([1.0, *((self.width - gap * (len(hall.in_band(b)) - 1)) / widths[b]
                            for b in bands if widths[b]), *([avail_h / sum(heights.values())]
                                                           if sum(heights.values()) else [])])
        for band in bands:
            tile = hall.whole(band)
            sizes = [(hall.seats_width(natural, p) * scale, hall.rows_height(natural, Tile(band, (p,))) * scale)
                     for p in tile.pieces]
            total = sum(w for w, _ in sizes) + gap * (len(sizes) - 1)
            x = (self.width - total) / 2
            band_h = max((h for _, h in sizes), default=0)
            for piece, (w, h) in zip(tile.pieces, sizes):
                draw_block_box(c, hall, piece.block, x, top, w, h)
                x += w + gap
            top -= band_h + gap

    def to_word(self, out) -> None:
        """The title, the 主席台 and, for each block, where its 分图 are (the table of blocks follows)."""
        hall = self.hall
        word_title(out, hall)
        word_stage(out, hall, self.st)
        for index, block in enumerate(hall.blocks):
            rule = hall.rules[index]
            out.text(f"{block.name}（{block.zone}）：第{rule.row_label(0)}—{rule.row_label(len(block.rows) - 1)}排，"
                     f"{block.capacity} 座，见分图 {page_range(hall.pages_of.get(index, []))}", size=11, align="left")


def draw_block_box(c, hall: Hall, index: int, x: float, top: float, w: float, h: float) -> None:
    """A block as a rectangle: its name, whom it seats, its rows and seats, and its 分图."""
    block = hall.blocks[index]
    rule = hall.rules[index]
    c.setStrokeColor(LINE)
    c.setLineWidth(0.8)
    c.setFillColor(TINT if block.zone == Role.DELEGATE else colors.white)
    c.rect(x, top - h, w, h, stroke=1, fill=1)
    lines = [(fit_line(f"{block.name}（{block.zone}）", w - 6, 13, HEI), 13),
             (fit_line(f"第{rule.row_label(0)}—{rule.row_label(len(block.rows) - 1)}排，{block.capacity} 座",
                       w - 6, 9), 9),
             (fit_line(f"见分图 {page_range(hall.pages_of.get(index, []))}", w - 6, 11, HEI), 11)]
    height = sum(size * 1.4 for _, size in lines)
    y = top - (h - height) / 2
    c.setFillColor(INK)
    for items, size in lines:
        y -= size * 1.4
        if y < top - h:
            break
        draw_runs(c, items, x + (w - runs_width(items)) / 2, y + size * 0.3)


def page_range(pages: Sequence[int]) -> str:
    if not pages:
        return "—"
    return str(pages[0]) if len(pages) == 1 else f"{pages[0]}—{pages[-1]}"


def block_table(hall: Hall, width: float) -> list[Flowable]:
    """区 就座 排 座位 代表团 分图: a row a block, under the overview."""
    columns = [("区", 70), ("就座", 56), ("排", 60), ("座位", 130), ("就座的代表团", 0), ("分图", 56)]
    rest = width - sum(w for _, w in columns)
    widths = [w or rest for _, w in columns]

    def row(texts: Sequence[str], font: str = SONG) -> GridRow:
        cells, at = [], 0.0
        for text, w, (head, _) in zip(texts, widths, columns):
            align = "left" if head == "就座的代表团" else "center"
            cells.append(Cell(at, w, runs(text, 10, font), align=align, pad=4, boxed=True))
            at += w
        lines = max(len(cell.lines) for cell in cells)
        return GridRow(cells, size=10, leading=14, min_height=lines * 14 + 6)

    out: list[Flowable] = [Spacer(1, 8), row([h for h, _ in columns], HEI)]
    for i, block in enumerate(hall.blocks):
        rule = hall.rules[i]
        seated = sum(1 for s in hall.a.seats if s.block_index == i)
        names = [short_delegation(d) for d in hall.delegations[i]]
        out.append(row([block.name, block.zone, f"{rule.row_label(0)}—{rule.row_label(len(block.rows) - 1)}",
                        f"{block.capacity} 座，已排 {seated} 人", "、".join(names), page_range(hall.pages_of.get(i, []))]))
    return out


# ---------------------------------------------------------------- notes, the paper


def note_texts(hall: Hall) -> list[tuple[str, str]]:
    """(font, text) of who has no seat: a zone short of seats, people whom no block seats, a
    主席台 short of seats."""
    out: list[tuple[str, str]] = []
    a = hall.a
    if a.unseated:
        groups: dict[tuple[str, str], list[str]] = {}
        for m in a.unseated:
            groups.setdefault((m.role, m.delegation), []).append(person_text(m))
        out.append((HEI, f"座位不足，未排座位的 {len(a.unseated)} 人："))
        out += [(SONG, f"{role}　{delegation}：" + "、".join(names)) for (role, delegation), names in groups.items()]
    for role, count in a.unzoned.items():
        out.append((HEI, f"会场没有{role}座区：{role} {count} 人未排座位。"))
    if hall.podium is not None and hall.podium.unseated:
        names = "、".join(person_text(s) for s in hall.podium.unseated)
        out.append((HEI, f"主席台座位不足，未排座位的 {len(hall.podium.unseated)} 人：{names}"))
    return out


def note_lines(texts: list[tuple[str, str]], width: float) -> list[list[Run]]:
    return [line for font, text in texts for line in wrap_runs(runs(text, NOTE_SIZE, font), width)]


def note_paragraphs(texts: list[tuple[str, str]]) -> list[Flowable]:
    return [Spacer(1, 10), *(para(text, NOTE_HEAD if font == HEI else NOTE) for font, text in texts)] if texts else []


def prepare(meeting: str | None = None) -> Paper:
    info = session.session_info()
    row = chosen_meeting(meeting, TITLE)
    meeting_id = row.meeting_id if row is not None else None
    a = seating.arrangement(meeting_id)
    podium = seating.podium(meeting_id) if meeting_id is not None else None
    hall = Hall(a, podium, row.name if row is not None else "", info.full_title)

    items = [Printed(info.full_title, "会议名称"), Printed(a.hall.name, "会场名称"),
             Printed(subtitle_text(hall), "会场座次图说明")]
    if row is not None:
        items.append(Printed(row.name, "会议"))
    for block in a.hall.blocks:
        items.append(Printed(block.name, "区名"))
    for name in dict.fromkeys(s.delegation for s in a.seats):
        items.append(Printed(name, "代表团名称"))
    items += [Printed(s.name, f"{s.delegation} {s.role} {s.label}") for s in a.seats]
    items += [Printed(person_text(m), f"{m.delegation} {m.role}") for m in a.unseated]
    if podium is not None:
        items += [Printed(person_text(s), "主席台") for s in podium.seats]

    texts = note_texts(hall)
    st, split, drawn = None, False, []
    for pagesize, smallest in ((A4_LANDSCAPE, A4_SIZE), (A3_LANDSCAPE, MIN_NAME)):
        lines = note_lines(texts, sheet_area(pagesize)[0])
        drawn = lines if len(lines) <= NOTE_LINES else []
        st = whole_fit(hall, pagesize, smallest, len(drawn) * NOTE_LEADING + (4 if drawn else 0))
        if st is not None:
            break
    if st is None:
        pagesize, st, split = A3_LANDSCAPE, SeatStyle(SPLIT_SIZE), True
    width, height = frame_size(pagesize)

    def story() -> list[Flowable]:
        if not split:
            return [WholeHall(hall, st, pagesize, drawn), *([] if drawn else note_paragraphs(texts))]
        parts = tiles(hall, st, *sheet_area(pagesize))
        hall.pages_of.clear()
        for n, tile in enumerate(parts, start=1):
            for piece in tile.pieces:
                found = hall.pages_of.setdefault(piece.block, [])
                if n not in found:
                    found.append(n)
        overview_h = min(height - 2, max(300.0, height * 0.62))
        out: list[Flowable] = [Overview(hall, st, width, overview_h), *block_table(hall, width),
                               *note_paragraphs(texts)]
        for n, tile in enumerate(parts, start=1):
            out += [PageBreak(), TilePage(hall, st, tile, n, len(parts), pagesize)]
        return out

    return Paper(KIND, TITLE, info.full_title, items, story, running_header=False, pagesize=pagesize)

"""What the seating papers share: the meeting an option names, a seat drawn as a box with a name
in it, and the 主席台 drawn row by row.

Everything is drawn as seen from the hall facing the 主席台 (rules.seating's left and right): the
主席台 at the top, its front row nearest the hall, the hall's front rows under it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape

from meetingdesk.rules import seating as seat_rules
from meetingdesk.services import attendance, seating
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.schedule import MeetingRow

from .fonts import HEI, SONG, Run, runs, runs_width
from .frame import INK, RULE, draw_runs
from .names import padded

A4_LANDSCAPE = landscape(A4)
A3_LANDSCAPE = landscape(A3)

MIN_NAME = 7.0  # a name is never set smaller where it can be helped: read at arm's length
LINE = colors.Color(0.25, 0.25, 0.25)
TINT = colors.Color(0.88, 0.88, 0.88)  # every other delegation of a block, to see where one ends
FAINT = colors.Color(0.45, 0.45, 0.45)
SUFFIX = "代表团"


def chosen_meeting(meeting: str | int | None, paper: str) -> MeetingRow | None:
    """The meeting the option names (its number in the schedule or its name), None when not given;
    one held in the hall (预备会议, 全体会议), else a ServiceError naming it."""
    if meeting is None or not str(meeting).strip():
        return None
    row = attendance.find_meeting(meeting)
    if row.kind not in seating.SEATED_KINDS:
        raise ServiceError(f"“{row.label}”是{row.kind}，不在会场举行，没有会场和主席台座次。"
                           f"{paper}请选择预备会议或全体会议。", "meeting")
    return row


def short_delegation(name: str) -> str:
    """吴家山街代表团 -> 吴家山街 (a list of them ends in 代表团 once)."""
    return name[:-len(SUFFIX)] if name.endswith(SUFFIX) and len(name) > len(SUFFIX) else name


# ---------------------------------------------------------------- a name in a box


def name_text(name: str) -> str:
    """王烁 -> 王　烁: the space a two-character name takes on every list."""
    return padded(name)


def fit_name(text: str, width: float, height: float, size: float, *, font: str = SONG,
             min_size: float = MIN_NAME) -> tuple[list[list[Run]], float]:
    """TEXT within WIDTH × HEIGHT: one line at SIZE, or smaller down to MIN_SIZE, or two lines
    (broken after a "·" or in the middle) when that is larger; smaller still only when nothing
    else fits. Returns the lines and their size."""
    one = runs(text, 1, font)
    wide = runs_width(one) or 1
    single = min(size, width / wide, height / 1.05)
    if single >= min(size, min_size) or len(text) < 2:
        return [runs(text, single, font)], single
    cut = text.find("·") + 1 or (len(text) + 1) // 2
    parts = [text[:cut], text[cut:]]
    widest = max(runs_width(runs(p, 1, font)) for p in parts) or 1
    double = min(size, width / widest, height / 2.2)
    if double > single:
        return [runs(p, double, font) for p in parts], double
    return [runs(text, single, font)], single


def draw_centred(c, lines: Sequence[list[Run]], size: float, x: float, y: float, width: float,
                 height: float) -> None:
    """LINES centred in the box at (X, Y) WIDTH × HEIGHT (Y its foot)."""
    leading = size * 1.12
    block = leading * len(lines)
    top = y + (height + block) / 2
    for i, line in enumerate(lines):
        baseline = top - (i + 1) * leading + (leading - size) / 2 + size * 0.14
        draw_runs(c, line, x + (width - runs_width(line)) / 2, baseline)


@dataclass(frozen=True)
class SeatStyle:
    """The size of a seat box for names of SIZE points, and what goes around it."""

    size: float
    number_ratio: float = 0.58  # the seat number's size to the name's (larger on the 主席台座次表)

    @property
    def pad(self) -> float:
        return max(1.5, self.size * 0.2)

    @property
    def number_size(self) -> float:
        return max(4.5, self.size * self.number_ratio)

    @property
    def width(self) -> float:
        return 3 * self.size + 2 * self.pad  # a three-character name, or a padded two

    @property
    def height(self) -> float:
        return self.number_size * 1.05 + self.size * 1.25 + 2.6

    @property
    def gap(self) -> float:
        return max(1.2, self.size * 0.18)

    @property
    def pitch_x(self) -> float:
        return self.width + self.gap

    @property
    def pitch_y(self) -> float:
        return self.height + self.gap

    @property
    def aisle(self) -> float:
        return self.width * 0.5

    @property
    def label_size(self) -> float:
        return max(5.5, self.size * 0.72)

    def name_area(self) -> tuple[float, float]:
        """(width, height) a name may take: under the number line; a name longer than three
        characters may use the padding."""
        return self.width - 2, self.height - self.number_size * 1.05 - 1.6

    def name_size(self, name: str) -> float:
        """The size NAME is set at in a seat."""
        return fit_name(name_text(name), *self.name_area(), self.size)[1]


def draw_seat(c, st: SeatStyle, x: float, y: float, name: str, number: str, *, fill=None,
              font: str = SONG, bold_number: bool = False) -> None:
    """A seat at (X, Y) (its foot): the box, the seat number small at the top left, the name
    centred under it (none: an empty seat)."""
    c.setLineWidth(0.5)
    c.setStrokeColor(LINE)
    if fill is not None:
        c.setFillColor(fill)
        c.rect(x, y, st.width, st.height, stroke=1, fill=1)
    else:
        c.rect(x, y, st.width, st.height, stroke=1, fill=0)
    c.setFillColor(INK if bold_number else FAINT)
    draw_runs(c, runs(number, st.number_size, HEI if bold_number else SONG), x + 1.2,
              y + st.height - st.number_size - 0.6)
    if name:
        c.setFillColor(INK)
        width, height = st.name_area()
        lines, size = fit_name(name_text(name), width, height, st.size, font=font)
        draw_centred(c, lines, size, x + 1, y + 0.5, width, height)


# ---------------------------------------------------------------- the 主席台


def podium_width(rows: Sequence[int], st: SeatStyle) -> float:
    return max(rows, default=0) * st.pitch_x - (st.gap if rows else 0)


def podium_height(rows: Sequence[int], st: SeatStyle) -> float:
    return len(rows) * st.pitch_y - (st.gap if rows else 0)


def row_word(row: int, rows: int) -> str:
    """前排, 第二排 …: a 主席台 row as the list says it."""
    if rows == 1:
        return "主席台"
    return "前排" if row == 0 else f"第{'二三四五六七八九十'[row - 1]}排" if row <= 10 else f"第{row + 1}排"


def draw_podium(c, st: SeatStyle, centre: float, top: float, rows: Sequence[int], precedence: str,
                podium: seating.Podium | None, *, label_size: float | None = None) -> float:
    """The 主席台's rows centred on CENTRE under TOP, the back row first, the front row nearest the
    hall; each seat its precedence number and, with PODIUM, its person. Returns the height used."""
    y = top
    label_size = label_size or st.label_size
    for label, _, seats in podium_lines(rows, precedence, podium):
        left = centre - (len(seats) * st.pitch_x - st.gap) / 2
        y -= st.height
        for column, (number, name) in enumerate(seats):
            draw_seat(c, st, left + column * st.pitch_x, y, name, number, bold_number=True)
        if label:
            word = runs(label, label_size)
            c.setFillColor(FAINT)
            draw_runs(c, word, left - runs_width(word) - 4, y + (st.height - label_size) / 2)
        y -= st.gap
    return top - y - (st.gap if rows else 0)


def podium_lines(rows: Sequence[int], precedence: str, podium: seating.Podium | None
                 ) -> list[tuple[str, int, list[tuple[str, str]]]]:
    """The 主席台's rows, the back row first, as `draw_podium` and `seats_word` take them: each
    its label (none for a single row), the half seats that centre it, its seats' (number, name)."""
    widest = max(rows, default=0)
    out = []
    for row in reversed(range(len(rows))):
        count = rows[row]
        before = sum(rows[:row])  # the rows in front take the higher ranks
        seats = []
        for column, rank in enumerate(seat_rules.podium_ranks(count, precedence)):
            person = podium.at(row, column) if podium is not None else None
            seats.append((str(before + rank), person.name if person else ""))
        out.append((row_word(row, len(rows)) if len(rows) > 1 else "", widest - count, seats))
    return out


def seats_word(out, st: SeatStyle, lines: Sequence[tuple[str, int, Sequence[tuple[str, str]]]], columns: int, *,
               half: bool = False, bold_number: bool = False) -> None:
    """Rows of seats as a table for the .docx: each LINE (its label, the column it starts at — in
    half seats when HALF, to centre a shorter row —, its seats' (number, name)), COLUMNS seats wide,
    each seat a boxed cell with its number small and its name under it."""
    from .word import Piece, WCell, WPara, WRow

    units = 2 * columns if half else columns
    step = 2 if half else 1
    label_w = st.size * 3
    rows = []
    for label, start, seats in lines:
        cells = [WCell([WPara([Piece(label, "song", st.label_size, colour="737373")], align="right")], pad=2)]
        if start:
            cells.append(WCell([WPara([])], span=start))
        for number, name in seats:
            cells.append(WCell([WPara([Piece(number, "hei" if bold_number else "song", st.number_size,
                                             colour="" if bold_number else "737373")]),
                                WPara([Piece(padded(name) if name else "", "song", st.name_size(name) if name else st.size)],
                                      align="center")],
                               span=step, boxed=True, pad=1, valign="top"))
        rest = units - start - step * len(seats)
        if rest > 0:
            cells.append(WCell([WPara([])], span=rest))
        rows.append(WRow(cells, height=st.height))
    out.table([label_w] + [st.pitch_x / step] * units, rows, centred=True, physical=True)


def spaced(text: str) -> str:
    """主席台 -> 主　席　台"""
    return "\u3000".join(text)


def caption(c, text: str, size: float, centre: float, y: float, font: str = HEI, colour=INK) -> None:
    items = runs(text, size, font)
    c.setFillColor(colour)
    draw_runs(c, items, centre - runs_width(items) / 2, y)


__all__ = ["A3_LANDSCAPE", "A4_LANDSCAPE", "MIN_NAME", "RULE", "SeatStyle", "chosen_meeting", "draw_podium",
           "draw_seat", "fit_name", "podium_lines", "seats_word", "short_delegation"]

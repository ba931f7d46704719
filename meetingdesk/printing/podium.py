"""主席台座次表: who sits where on the 主席台 at one sitting (a 预备会议 or 全体会议).

A4 landscape. Under the title the 主席台 is drawn as seen from the hall (台下 at the foot): its
rows, the back row on top, each seat with its 座次 (1 in the middle of the front row, 2 on No. 1's
left as seen by the seated person under 左为上 …) and its person. Under it the numbered list:
座次, 姓名, 身份 (主持人, 常务主席, 执行主席; blank for a person added by hand) and the seat (前排左
起第 7 座, left as seen from the hall), two to a line. Option `meeting`, required.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from meetingdesk.rules.numerals import chinese_date
from meetingdesk.rules.seating import Precedence
from meetingdesk.services import seating, session
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.seating import Podium, PodiumSeat

from .coverage import Printed
from .fonts import HEI, runs
from .frame import HEADING_NOTE, Cell, ContinuedBlock, GridRow, Paper, frame_size, para, title_block
from .hall_drawing import (
    A4_LANDSCAPE, FAINT, SeatStyle, caption, chosen_meeting, draw_podium, podium_height, podium_lines, podium_width,
    row_word, seats_word, spaced,
)
from .names import name_runs, person_text

KIND = "podium"
TITLE = "主席台座次表"

LARGEST = 14.0
SMALLEST = 6.0
NUMBER_RATIO = 0.85  # the 座次 in each seat, as large as the names nearly: it is what the paper is for
SIZE = 12
MARK = 8
ROW_HEIGHT = 17
WIDTH, HEIGHT = frame_size(A4_LANDSCAPE)
HALF = WIDTH / 2
COLUMNS = (("座次", 48), ("姓　名", 120), ("身　份", 80), ("座　位", 0))
CAPTION = 14.0  # 主 席 台 over the rows
FOOT = 26.0  # 台 下 under them


def seat_style(rows: tuple[int, ...]) -> SeatStyle:
    """The largest seats with which the widest row fits the page (names in them 14 pt at most)."""
    size = LARGEST
    while size > SMALLEST and podium_width(rows, SeatStyle(size, NUMBER_RATIO)) + 60 > WIDTH:
        size -= 0.5
    return SeatStyle(size, NUMBER_RATIO)


class PodiumDrawing(Flowable):
    """The 主席台's rows as seen from the hall, 台下 under them."""

    def __init__(self, podium: Podium, st: SeatStyle) -> None:
        super().__init__()
        self.podium, self.st = podium, st
        self.progress_units = max(1, len(podium.seats))

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = CAPTION + 8 + podium_height(self.podium.rows, self.st) + FOOT
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        centre = self.width / 2
        caption(c, spaced("主席台"), 13, centre, self.height - CAPTION + 2)
        top = self.height - CAPTION - 8
        used = draw_podium(c, self.st, centre, top, self.podium.rows, self.podium.precedence, self.podium,
                           label_size=9)
        edge = top - used - 8
        c.setStrokeColor(FAINT)
        c.setLineWidth(0.6)
        c.setDash(4, 3)
        c.line(0, edge, self.width, edge)
        c.setDash()
        caption(c, f"{spaced('台下')}（会场）", 11, centre, edge - 16, colour=FAINT)

    def to_word(self, out) -> None:
        out.text(spaced("主席台"), role="hei", size=13, space_after=4)
        rows = self.podium.rows
        seats_word(out, self.st, podium_lines(rows, self.podium.precedence, self.podium), max(rows, default=0),
                   half=True, bold_number=True)
        out.text(f"{spaced('台下')}（会场）", role="hei", size=11, space_before=6, colour="737373")


def seat_words(podium: Podium, seat: PodiumSeat) -> str:
    """前排左起第 7 座 (left as seen from the hall); 座位不足 when the 主席台 has none left."""
    if seat.row is None:
        return "（主席台座位不足）"
    return f"{row_word(seat.row, len(podium.rows))}左起第 {seat.column + 1} 座"


def _half(x0: float, texts: list[list]) -> list[Cell]:
    cells, at = [], x0
    rest = HALF - sum(w for _, w in COLUMNS)
    for (head, w), content in zip(COLUMNS, texts):
        width = w or rest
        align = "left" if head == "姓　名" and content and content[0].font != HEI else "center"
        cells.append(Cell(at, width, content, align=align, pad=6, boxed=True))
        at += width
    return cells


def header_row() -> GridRow:
    cells = []
    for x0 in (0, HALF):
        cells += _half(x0, [runs(head, 11, HEI) for head, _ in COLUMNS])
    return GridRow(cells, size=11, leading=16, min_height=20)


def person_rows(podium: Podium) -> list[GridRow]:
    rows = []
    seats = podium.seats
    for i in range(0, len(seats), 2):
        cells: list[Cell] = []
        for j, x0 in ((i, 0), (i + 1, HALF)):
            if j < len(seats):
                s = seats[j]
                cells += _half(x0, [runs(str(s.rank), SIZE, HEI), name_runs(s, SIZE, MARK), runs(s.why, 11),
                                    runs(seat_words(podium, s), 10.5)])
            else:
                cells += _half(x0, [[], [], [], []])
        rows.append(GridRow(cells, size=SIZE, leading=14, min_height=ROW_HEIGHT))
    return rows


def rule_text(precedence: str) -> str:
    side, other = ("左", "右") if precedence == Precedence.LEFT else ("右", "左")
    return (f"（{precedence}：1 号居前排正中，2 号在 1 号{side}手、3 号在{other}手，依次向两边排；"
            f"前排坐满再排后排。图中左右为从台下看）")


def prepare(meeting: str | None = None) -> Paper:
    if meeting is None or not str(meeting).strip():
        raise ServiceError("主席台座次表要指明会议：请选择一次预备会议或全体会议"
                           "（命令行：--meeting 会议在日程中的序号或名称）。", "meeting")
    info = session.session_info()
    row = chosen_meeting(meeting, TITLE)
    podium = seating.podium(row.meeting_id)
    if not podium.seats:
        raise ServiceError(f"{row.label}的主席台还没有人员：请先确定这次会议的主持人和执行主席，"
                           "或在“座次”页设置主席台名单。", "meeting")
    st = seat_style(podium.rows)
    title = f"{row.name}{TITLE}"
    subtitle = f"（{chinese_date(row.date)}{row.half}{'　' + row.place if row.place else ''}）"
    items = [Printed(info.full_title, "会议名称"), Printed(title, "标题"), Printed(subtitle, "会议时间地点"),
             Printed(rule_text(podium.precedence), "说明")]
    items += [Printed(person_text(s), f"主席台第 {s.rank} 号") for s in podium.seats]

    def story() -> list[Flowable]:
        out = title_block(info.full_title, title, subtitle)
        if podium.rows:
            out.append(PodiumDrawing(podium, st))
        else:
            out.append(para("（会场还没有设置主席台座位：请在“座次”页填写主席台每排座位数。）", HEADING_NOTE))
        out += [para(rule_text(podium.precedence), HEADING_NOTE), Spacer(1, 8)]

        def heading(continued: bool) -> list[Flowable]:
            return [para(f"{title}（续）", HEADING_NOTE), Spacer(1, 4), header_row()] if continued else [header_row()]

        out.append(ContinuedBlock(heading, person_rows(podium), min_rows=2))
        return out

    return Paper(KIND, TITLE, info.full_title, items, story, pagesize=A4_LANDSCAPE)

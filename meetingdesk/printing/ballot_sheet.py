"""What the ballots share (选票, 表决票, 预选选票): one sheet, laid out once, on every copy.

Seed 000's 选举和表决办法 (第十二至十四条) says what they carry: a ballot is one sheet
("选票 1 张"), the candidates in stroke order, each with a box to the right of the name for
the session's marks (seed 000: "○" for, "×" against, no mark abstains; `session.bylaw()`)
and "另选人姓名" boxes for a name written in. How to mark is printed from the session's 办法,
never from a fixed text.
Each copy is one A4 page; a sheet that cannot fit one page is refused before anything is
written, never cut off or run onto a second page.

Hundreds of copies are printed at once (one per delegate, and spares), so the sheet is drawn
once into a PDF form and placed on every page; only a copy's own marks (its serial number,
its ballot box) are drawn page by page. Ballots carry no page numbers: "第 37 页" would make a
secret ballot traceable.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from meetingdesk.rules.bylaw import Bylaw
from meetingdesk.rules.numerals import chinese_number
from meetingdesk.services import attendance, voting
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.session import SessionInfo

from .coverage import Printed
from .fonts import HEI, Run, register_fonts, runs, runs_width
from .frame import FRAME_HEIGHT, FRAME_WIDTH, Cell, GridRow, Paper, draw_runs, para, style, title_block, wrap_runs
from .names import padded
from .tables import lines_cell

CYCLE = "cycle"  # box option: the session's ballot boxes in turn, copy by copy
CANDIDATE = "候选人姓名"
WRITE_IN = "另选人姓名"
MARK_HEADING = "符号"  # the box column: the session's marks (seed 000: "○" or "×")
# The Song face's "×" is half the size of its "○"; its full-width diagonal cross matches it.
CROSS = "\u2573"
MARK_SIZE = 10.5  # 五号: the copy's serial number and box above the heading
MARK_LINE = 18
NOTE_SIZE = 8  # a namesake's distinguishing note, under the name
SMALLEST_NAME = 9  # a long name is set smaller, down to this, before it is broken
SMALLEST_NOTE = 6
HEADING = style("ballot-heading", font=HEI, size=13, leading=24, align=TA_LEFT)
NOTE_LABEL = style("ballot-note-label", font=HEI, size=10.5, leading=17, align=TA_LEFT)
NOTE = style("ballot-note", size=10.5, leading=17, align=TA_LEFT, left_indent=2 * 10.5, first_indent=-1.5 * 10.5)
SECTION_SPACE = 8
PAD = 3


@dataclass(frozen=True)
class Density:
    """How tightly a sheet is set: tried in turn until it fits one page."""

    pairs: int  # name-and-box pairs across the page
    box: float  # side of a mark box, and so the height of a row of names
    size: float  # the names
    label: float  # the column headings
    label_height: float


DENSITIES = (Density(4, 12 * mm, 14, 10.5, 7 * mm), Density(5, 11 * mm, 14, 10.5, 7 * mm),
             Density(6, 10 * mm, 12, 8.5, 6 * mm))


def spaced(title: str) -> str:
    """选票 -> 选　　票, 表决票 -> 表　决　票: a short title is spread, as on printed ballots."""
    gap = {2: "\u3000\u3000", 3: "\u3000"}.get(len(title), "")
    return gap.join(title) if gap else title


def section_title(number: int, count: int, text: str) -> str:
    """一、TEXT when the sheet has several sections; TEXT alone when it has one."""
    return f"{chinese_number(number)}、{text}" if count > 1 else text


# ---------------------------------------------------------------- copies


@dataclass(frozen=True)
class Copies:
    """How many copies of a sheet, and what each one carries of its own."""

    count: int
    serial: bool
    boxes: tuple[str, ...] = ()  # none; one for every copy; or several in turn

    def marks(self) -> Iterator[tuple[str, str]]:
        """(No. 0001, 主席团票箱) for each copy, one after another; "" where the option is off."""
        for n in range(1, self.count + 1):
            yield (f"No. {n:04d}" if self.serial else "",
                   self.boxes[(n - 1) % len(self.boxes)] if self.boxes else "")


def copies_of(what: str, copies: int | None, spares: int, serial: bool, box: str | None,
              default: int) -> Copies:
    """COPIES (DEFAULT when None) plus SPARES, checked; BOX a box's name or CYCLE.

    Spares are printed like the rest (numbered on, in the same turn of boxes): one replaces a
    spoiled copy and must not be told apart from it.
    """
    if (copies is not None and copies < 0) or spares < 0:
        raise ServiceError("份数和备用份数不能为负数。", "copies")
    total = (default if copies is None else copies) + spares
    if total < 1:
        why = "本次会议没有在任代表" if copies is None else "份数为 0"
        raise ServiceError(f"没有要印的{what}：{why}，也没有备用份数。请指定份数或备用份数。", "copies")
    return Copies(total, serial, boxes_of(box))


def delegates_for(info: SessionInfo, meeting: str | None, copies: int | None = None) -> int:
    """How many copies by default: one per serving delegate, or, for MEETING (its number in the
    schedule or its name), one per delegate present there by the attendance taken."""
    if meeting is not None and copies is not None:
        raise ServiceError("份数与“按某次会议的到会人数”只能指定一种。", "copies")
    if meeting is None:
        return info.delegates
    row = attendance.find_meeting(meeting)
    present = attendance.present_at(row.meeting_id)
    if present is None:
        raise ServiceError(f"{row.label}尚未签到，不能按到会人数印制；请先在“到会”中签到，或指定份数。", "meeting")
    return present


def boxes_of(box: str | None) -> tuple[str, ...]:
    if box is None:
        return ()
    names = [b.name for b in voting.list_boxes()]
    if not names:
        raise ServiceError("本次会议还没有设置票箱，不能在选票上印票箱。", "box")
    if box == CYCLE:
        return tuple(names)
    name = " ".join(box.split())
    if name not in names:
        raise ServiceError(f"没有名为“{box}”的票箱。本次会议的票箱：{'、'.join(names)}"
                           f"（或用 {CYCLE} 依次轮换）。", "box")
    return (name,)


def printed_boxes(copies: Copies) -> list[Printed]:
    return [Printed(name, "票箱") for name in copies.boxes]


# ---------------------------------------------------------------- the sheet


class Sheet:
    """One copy's content, laid out once: PARTS top to bottom, the frame's width wide."""

    def __init__(self, parts: list[Flowable], *, marked: bool) -> None:
        self.parts = parts
        self.top = MARK_LINE if marked else 0  # room for the copy's own marks
        self.heights = [p.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] for p in parts]
        self.height = self.top + sum(self.heights)

    def draw(self, c) -> None:
        y = self.height - self.top
        for part, h in zip(self.parts, self.heights):
            y -= h
            part.wrap(FRAME_WIDTH, FRAME_HEIGHT)  # a paragraph draws what its last wrap measured
            part.drawOn(c, 0, y)


class SheetCopy(Flowable):
    """One page: the sheet (a PDF form, drawn into the document the first time) and this copy's marks."""

    progress_units = 1

    def __init__(self, sheet: Sheet, form: str, serial: str, box: str) -> None:
        super().__init__()
        self.sheet, self.form, self.serial, self.box = sheet, form, serial, box

    def wrap(self, availWidth, availHeight):
        return FRAME_WIDTH, self.sheet.height

    def draw(self) -> None:
        c = self.canv
        if not c.hasForm(self.form):
            c.beginForm(self.form, 0, 0, FRAME_WIDTH, self.sheet.height)
            self.sheet.draw(c)
            c.endForm()
        c.doForm(self.form)
        baseline = self.sheet.height - MARK_SIZE
        if self.box:
            draw_runs(c, runs(f"票箱：{self.box}", MARK_SIZE), 0, baseline)
        if self.serial:
            text = runs(self.serial, MARK_SIZE)
            draw_runs(c, text, FRAME_WIDTH - runs_width(text), baseline)

    def to_word(self, out) -> None:
        """This copy's marks (票箱 at the left, the serial at the right), then the sheet."""
        from .word import Piece, WCell, WPara, WRow

        if self.box or self.serial:
            left = WPara([Piece(f"票箱：{self.box}", "song", MARK_SIZE)] if self.box else [])
            right = WPara([Piece(self.serial, "song", MARK_SIZE)] if self.serial else [], align="right")
            out.table([FRAME_WIDTH / 2, FRAME_WIDTH / 2], [WRow([WCell([left]), WCell([right])])])
        out.write(self.sheet.parts)


def fitted(what: str, summary: str, build: Callable[[Density], Sheet],
           densities: Sequence[Density] = DENSITIES) -> Sheet:
    """The sheet at the first density that fits one page; ServiceError naming the excess if none."""
    register_fonts()  # measuring needs the fonts' widths
    sheet = None
    for density in densities:
        sheet = build(density)
        if sheet.height <= FRAME_HEIGHT:
            return sheet
    over = (sheet.height - FRAME_HEIGHT) / mm
    raise ServiceError(f"{what}内容超过一页（{summary}，排得最紧也比一页 A4 的版心多出约 {over:.0f} 毫米），"
                       f"请减少一张{what}上的事项或人数后再打印。没有写入文件。")


def ballot_paper(kind: str, title: str, info: SessionInfo, sheets: Sequence[tuple[Sheet, Copies]],
                 printed: list[Printed]) -> Paper:
    """Every copy of every sheet, one page each; no running header, no page numbers."""
    items = [Printed(info.full_title, "会议名称"), *printed]

    def pages() -> Iterator[Flowable]:
        for index, (sheet, copies) in enumerate(sheets):
            form = f"MDSheet{index}"
            for serial, box in copies.marks():
                yield SheetCopy(sheet, form, serial, box)

    def story() -> list[Flowable]:
        out: list[Flowable] = []
        for copy in pages():
            if out:
                out.append(PageBreak())
            out.append(copy)
        return out

    # render streams the pages: 3,000 copies are drawn one after another, never held as a list
    return Paper(kind, title, info.full_title, items, story, running_header=False, numbered=False,
                 pages=pages, page_count=sum(copies.count for _, copies in sheets))


def heading(info: SessionInfo, title: str, subtitle: str = "") -> list[Flowable]:
    return title_block(info.full_title, spaced(title), subtitle)


def section_heading(text: str) -> list[Flowable]:
    return [Spacer(1, SECTION_SPACE), para(text, HEADING)]


def marking(mark: str) -> str:
    """画“○”, or 不作任何标记 for a blank mark: the words of the 办法 第十三条."""
    return f"画“{mark}”" if mark else "不作任何标记"


def how_to_mark(where: str, bylaw: Bylaw, *, cited: bool = True) -> str:
    """在WHERE右边对应框内，赞成的画“○”，反对的画“×”，弃权的不作任何标记（办法第十三条）:
    the session's marks and, when CITED, the article that sets them (for the formal ballots)."""
    return f"在{where}右边对应框内，{bylaw.marks_text}{bylaw.cite('标记') if cited else ''}。"


def printed_marks(bylaw: Bylaw) -> list[Printed]:
    """The session's marks as the sheet prints them, for the font check."""
    names = {"赞成": bylaw.yes_mark, "反对": bylaw.no_mark, "弃权": bylaw.abstain_mark}
    return [Printed(mark.replace("×", CROSS), f"选举和表决办法中{what}的标记") for what, mark in names.items() if mark]


def instructions(lines: Sequence[str]) -> list[Flowable]:
    """说明： and the numbered rules, as the 办法 words them."""
    return [Spacer(1, 2 * SECTION_SPACE), para("说明：", NOTE_LABEL),
            *(para(f"{n}. {line}".replace("×", CROSS), NOTE) for n, line in enumerate(lines, start=1))]


# ---------------------------------------------------------------- names and boxes


@dataclass(frozen=True)
class Slot:
    """A name and its box: a candidate (NAME and, for a namesake, NOTE), or a write-in (empty)."""

    label: str  # the column heading: 候选人姓名 / 另选人姓名
    name: str = ""
    note: str = ""


def fitting(text: str, width: float, size: float, smallest: float) -> list[list[Run]]:
    """TEXT on one line at the largest size from SIZE down to SMALLEST that fits WIDTH;
    wrapped at SMALLEST if none does. A name is never broken while a smaller face would keep it whole."""
    step = size
    while step > smallest and runs_width(runs(text, step)) > width:
        step = max(smallest, step - 0.5)
    return wrap_runs(runs(text, step), width)


def name_cell(x: float, width: float, slot: Slot, d: Density) -> Cell:
    """The name centred, two-character names spread to three; a namesake's note small under it."""
    inner = width - 2 * PAD
    cell = Cell(x, width, runs(padded(slot.name), d.size), align="center", pad=PAD, boxed=True)
    if slot.name:
        cell.lines = fitting(padded(slot.name), inner, d.size, SMALLEST_NAME)
    if slot.note:
        cell.lines += fitting(f"({slot.note})", inner, NOTE_SIZE, SMALLEST_NOTE)
    return cell


def _pair_rows(slots: Sequence[Slot], d: Density) -> list[GridRow]:
    """SLOTS, d.pairs to a row, under a heading row naming each column of the first."""
    pair = FRAME_WIDTH / d.pairs
    name_width = pair - d.box
    first = slots[:d.pairs]
    labels: list[Cell] = []
    for i, slot in enumerate(first):
        labels += [lines_cell(i * pair, name_width, slot.label, d.label, font=HEI, pad=1),
                   lines_cell(i * pair + name_width, d.box, MARK_HEADING, d.label, font=HEI, pad=1)]
    rows = [GridRow(labels, size=d.label, leading=d.label * 1.25, min_height=d.label_height)]
    for start in range(0, len(slots), d.pairs):
        cells: list[Cell] = []
        for i, slot in enumerate(slots[start:start + d.pairs]):
            cells += [name_cell(i * pair, name_width, slot, d),
                      Cell(i * pair + name_width, d.box, [], boxed=True)]
        rows.append(GridRow(cells, size=d.size, leading=d.size * 1.15, min_height=d.box))
    return rows


def candidate_grid(candidates: Sequence[Slot], write_ins: int, d: Density) -> list[GridRow]:
    """The candidates, each with its box to the right, then WRITE_INS 另选人 boxes.

    When both fit one row (院长: one candidate and one write-in) they share it, as the classic
    候选人姓名 | 符号 | 另选人姓名 | 符号 ballot; otherwise the write-ins form their own rows.
    """
    blanks = [Slot(WRITE_IN)] * write_ins
    if len(candidates) + write_ins <= d.pairs:
        return _pair_rows([*candidates, *blanks], d)
    return _pair_rows(candidates, d) + (_pair_rows(blanks, d) if blanks else [])


def candidate_slots(people: Sequence, where: str) -> list[Slot]:
    """PEOPLE (in stroke order) as slots; a note only where two of them share a name (办法 第十二条).

    Raises ServiceError if namesakes have no note that tells them apart.
    """
    names = [p.name for p in people]
    slots = []
    for person in people:
        shared = names.count(person.name) > 1
        if shared and sum(1 for p in people if p.name == person.name and p.note == person.note) > 1:
            raise ServiceError(f"{where}有同名的“{person.name}”，没有可以区别的备注，选票上无法区分。"
                               "请先在名单中为他们填写备注（如工作单位和职务）。")
        slots.append(Slot(CANDIDATE, person.name, person.note if shared else ""))
    return slots


def printed_slots(slots: Sequence[Slot], where: str) -> list[Printed]:
    return [Printed(s.name + (f"({s.note})" if s.note else ""), where) for s in slots]


@dataclass(frozen=True)
class Section:
    """One election on a sheet: its title line, its candidates, how many 另选人 boxes."""

    title: str
    slots: tuple[Slot, ...]
    write_ins: int = 0


def section_flowables(sections: Sequence[Section], d: Density) -> list[Flowable]:
    out: list[Flowable] = []
    for number, s in enumerate(sections, start=1):
        out += [*section_heading(section_title(number, len(sections), s.title)),
                *candidate_grid(s.slots, s.write_ins, d)]
    return out


def election_sheet(what: str, head: list[Flowable], sections: Sequence[Section], notes: Sequence[str],
                   copies: Copies) -> Sheet:
    """HEAD, the SECTIONS and the NOTES, at the first density that fits one page."""
    people = sum(len(s.slots) for s in sections)
    summary = f"{len(sections)} 项选举共 {people} 名候选人"
    boxes = sum(s.write_ins for s in sections)
    if boxes:
        summary += f"、{boxes} 个另选人栏"
    marked = copies.serial or bool(copies.boxes)
    return fitted(what, summary, lambda d: Sheet([*head, *section_flowables(sections, d), *instructions(notes)],
                                                 marked=marked))

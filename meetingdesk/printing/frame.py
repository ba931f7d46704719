"""The page frame every paper shares, and the few flowables the papers are made of.

A4 portrait (a paper may ask for another size: `Paper.pagesize`, e.g. the 会场座次图 on A3
landscape), the same margins everywhere, the session title at the top of every page
after the first (the first carries it in its title block), `第 N 页 共 M 页` at the foot,
both bundled fonts embedded. `render()` writes the PDF to a temporary file beside the
target and renames it when done, so a cancelled or failed job leaves nothing half-written.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

from meetingdesk.services import output
from meetingdesk.services.errors import ServiceError

from .coverage import Printed, check_coverage
from .fonts import HEI, SONG, Run, markup, register_fonts, runs, runs_width
from .linebreak import install_line_breaking, line_spans

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 22 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.black
RULE = colors.Color(0.35, 0.35, 0.35)

# progress(done, total, message) -> False to cancel (anything else goes on)
ProgressFn = Callable[[int, int, str], object]


class PrintCancelled(ServiceError):
    """The user stopped the job; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消打印，没有写入文件。")


# ---------------------------------------------------------------- styles


def style(name: str, *, font: str = SONG, size: float = 12, leading: float | None = None,
          align: int = TA_CENTER, space_after: float = 0, left_indent: float = 0,
          first_indent: float = 0) -> ParagraphStyle:
    """FIRST_INDENT is relative to LEFT_INDENT: negative for a hanging number ("1.")."""
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.4,
                          alignment=align, wordWrap="CJK", spaceAfter=space_after, textColor=INK,
                          leftIndent=left_indent, firstLineIndent=first_indent)


TITLE_SESSION = style("title-session", font=HEI, size=16, leading=24)
TITLE = style("title", font=HEI, size=22, leading=32)
SUBTITLE = style("subtitle", size=12, leading=20)
HEADING = style("heading", font=HEI, size=16, leading=24)
HEADING_NOTE = style("heading-note", size=12, leading=18)


install_line_breaking()


def para(text: str, st: ParagraphStyle) -> Paragraph:
    """A paragraph of plain TEXT (escaped; the other face where the style's lacks a character)."""
    return Paragraph(markup(text, st.fontName), st)


def title_block(session_title: str, title: str, subtitle: str = "") -> list[Flowable]:
    out: list[Flowable] = [para(session_title, TITLE_SESSION), para(title, TITLE)]
    if subtitle:
        out += [Spacer(1, 2), para(subtitle, SUBTITLE)]
    out.append(Spacer(1, 10))
    return out


# ---------------------------------------------------------------- rows


_CHAR_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}  # (font, size) -> character -> width


def _char_widths(run: Run) -> list[float]:
    known = _CHAR_WIDTHS.get((run.font, run.size))
    if known is None:
        known = _CHAR_WIDTHS[(run.font, run.size)] = {}
    out = []
    for ch in run.text:
        w = known.get(ch)
        if w is None:
            w = known[ch] = pdfmetrics.stringWidth(ch, run.font, run.size)
        out.append(w)
    return out


def wrap_runs(items: list[Run], width: float) -> list[list[Run]]:
    """Break runs into lines no wider than WIDTH where prose may break (linebreak.may_break:
    never "（" at a line's end, "）" or "，" at its start, a number cut or parted from its 票);
    where a line offers no such place (a very narrow cell), where the width ends."""
    if runs_width(items) <= width + 0.01:
        return [items]  # the usual cell: one line, nothing to look at character by character
    text = "".join(run.text for run in items)
    widths: list[float] = []
    for run in items:
        widths += _char_widths(run)
    starts, at = [], 0  # where each run begins in TEXT
    for run in items:
        starts.append(at)
        at += len(run.text)
    lines = []
    for start, end in line_spans(text, widths, width, 0.01):
        line: list[Run] = []
        for run, first in zip(items, starts):
            lo, hi = max(start, first), min(end, first + len(run.text))
            if lo >= hi:
                continue
            piece = run.text[lo - first:hi - first]
            if line and line[-1].font == run.font and line[-1].size == run.size:
                line[-1] = Run(line[-1].text + piece, run.font, run.size)
            else:
                line.append(Run(piece, run.font, run.size))
        lines.append(line)
    return lines or [[]]


@dataclass
class Cell:
    """Text placed in a row at X, WIDTH wide; several lines if it does not fit (`wrap_runs`).
    LINES, when given, are the cell's lines as the caller broke them (tables.lines_cell)."""

    x: float
    width: float
    content: list[Run]
    align: str = "left"  # left / center / right
    pad: float = 0.0
    boxed: bool = False  # draw the cell's border
    lines: list[list[Run]] | None = None

    def __post_init__(self) -> None:
        if self.lines is None:
            self.lines = wrap_runs(self.content, self.width - 2 * self.pad)


class GridRow(Flowable):
    """One line of a list: cells at fixed positions, so columns align from row to row.

    Far cheaper than a Table per line; used for every row of every paper.
    `label`/`label_cell`: a section label ("代　表：") shown on the section's first row
    and again when the row opens a continuation page.
    """

    progress_units = 0

    def __init__(self, cells: list[Cell], *, size: float, leading: float, min_height: float = 0,
                 label_cell: Cell | None = None, show_label: bool = True, keep_with_next: bool = False) -> None:
        super().__init__()
        self.keep_with_next = keep_with_next
        self.cells = cells
        self.size = size
        self.leading = leading
        self.label_cell = label_cell
        self.show_label = show_label
        lines = max([len(c.lines) for c in self._all_cells()] or [1])
        self.row_height = max(min_height, lines * leading)

    def _all_cells(self) -> list[Cell]:
        if self.label_cell is not None and self.show_label:
            return [self.label_cell, *self.cells]
        return self.cells

    def as_first_row(self) -> GridRow:
        """This row as the first one of a continuation page: with its section label."""
        if self.label_cell is None or self.show_label:
            return self
        return GridRow(self.cells, size=self.size, leading=self.leading, min_height=self.row_height,
                       label_cell=self.label_cell, show_label=True, keep_with_next=self.keep_with_next)

    def wrap(self, availWidth, availHeight):
        return availWidth, self.row_height

    def draw(self) -> None:
        c = self.canv
        h = self.row_height
        for cell in self._all_cells():
            block = len(cell.lines) * self.leading
            top = h - (h - block) / 2  # lines centred vertically in the row
            for i, line in enumerate(cell.lines):
                baseline = top - (i + 1) * self.leading + (self.leading - self.size) / 2 + self.size * 0.12
                width = runs_width(line)
                x = cell.x + cell.pad
                if cell.align == "center":
                    x = cell.x + (cell.width - width) / 2
                elif cell.align == "right":
                    x = cell.x + cell.width - cell.pad - width
                draw_runs(c, line, x, baseline)
            if cell.boxed:
                c.setStrokeColor(INK)
                c.setLineWidth(0.6)
                c.rect(cell.x, 0, cell.width, h, stroke=1, fill=0)


def draw_runs(c: pdfcanvas.Canvas, items: list[Run], x: float, y: float) -> None:
    text = c.beginText(x, y)
    for run in items:
        text.setFont(run.font, run.size)
        text.textOut(run.text)
    c.drawText(text)


# ---------------------------------------------------------------- blocks that keep their heading


class ContinuedBlock(Flowable):
    """A heading and the rows under it, never parted at a page break.

    When the rows do not fit, the block splits after at least MIN_ROWS rows, leaving at
    least MIN_ROWS for the next page (a block of fewer rows than that goes over whole: MIN_ROWS
    may be more than the rows there are), where they go on under `heading(True)` — e.g. "吴家山街代表团（续）" — and a first
    row that shows its section label again. A heading never stands alone at a page foot.
    """

    def __init__(self, heading: Callable[[bool], list[Flowable]], rows: list[Flowable], *,
                 continued: bool = False, min_rows: int = 2, space_before: float = 0,
                 last: bool = True) -> None:
        super().__init__()
        self.heading = heading
        self.rows = rows
        self.continued = continued
        self.min_rows = min_rows
        self.spaceBefore = 0 if continued else space_before
        self.last = last
        self.progress_units = len(rows)
        self._parts_cache: list[Flowable] | None = None

    def _parts(self) -> list[Flowable]:
        if self._parts_cache is None:
            rows = list(self.rows)
            if self.continued and rows and hasattr(rows[0], "as_first_row"):
                rows[0] = rows[0].as_first_row()
            self._parts_cache = [*self.heading(self.continued), *rows]
        return self._parts_cache

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = sum(f.wrap(availWidth, availHeight)[1] for f in self._parts())
        return self.width, self.height

    def split(self, availWidth, availHeight):
        head = self.heading(self.continued)
        used = sum(f.wrap(availWidth, availHeight)[1] for f in head)
        fit = 0
        for i, row in enumerate(self.rows):
            if self.continued and i == 0 and hasattr(row, "as_first_row"):
                row = row.as_first_row()
            h = row.wrap(availWidth, availHeight)[1]
            if used + h > availHeight + 1e-6:
                break
            used += h
            fit += 1
        if fit >= len(self.rows):
            return []  # it all fits: nothing to split (the frame adds it whole)
        fit = max(0, min(fit, len(self.rows) - self.min_rows))  # nor a lone last row under a "（续）" heading
        while fit and getattr(self.rows[fit - 1], "keep_with_next", False):
            fit -= 1  # a section heading row goes over with its first rows
        if fit < min(self.min_rows, len(self.rows)):
            return []
        first = ContinuedBlock(self.heading, self.rows[:fit], continued=self.continued,
                               min_rows=self.min_rows, space_before=self.spaceBefore, last=False)
        rest = ContinuedBlock(self.heading, self.rows[fit:], continued=True,
                              min_rows=self.min_rows, last=self.last)
        return [first, rest]

    def draw(self) -> None:
        y = self.height
        for f in self._parts():
            _, h = f.wrap(self.width, self.height)
            y -= h
            f.drawOn(self.canv, 0, y)


# ---------------------------------------------------------------- the document


@dataclass
class Paper:
    """What a paper module hands to `render`: read from the services, not yet laid out.

    `story` builds the flowables from data already read (no database access), so it can
    run on a worker thread. A paper of one flowable a page and no page numbers (the ballots)
    may give `pages` instead: an iterator of those flowables, made as they are drawn, with
    `page_count` of them; `render` then streams them page by page onto the canvas, so
    3,000 ballots are never held in memory as 3,000 pages (`story` still lists them all).
    """

    kind: str
    title: str  # 代表团编团名单
    session_title: str  # 武汉市东西湖区第十一届人民代表大会第三次会议
    printed: list[Printed]
    story: Callable[[], list[Flowable]]
    running_header: bool = True  # False when every page group carries the session title itself
    numbered: bool = True  # False for ballots: a page number would make a secret ballot traceable
    pages: Callable[[], Iterator[Flowable]] | None = None  # one flowable a page, streamed
    page_count: int = 0  # how many `pages` yields
    pagesize: tuple[float, float] = A4  # (width, height) in points; the margins stay the same
    number_single_page: bool = True  # False: one page alone carries no 第 1 页 共 1 页 (the seed's adopted papers)

    @property
    def frame_size(self) -> tuple[float, float]:
        """The body frame's (width, height) on this paper's pages."""
        return frame_size(self.pagesize)


def frame_size(pagesize: tuple[float, float]) -> tuple[float, float]:
    return (pagesize[0] - MARGIN_LEFT - MARGIN_RIGHT, pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM)


def _frame(c: pdfcanvas.Canvas, session_title: str, paper_title: str, header: bool,
           number: int, total: int | None) -> None:
    """The running header (from page 2) and, when TOTAL is known, 第 N 页 共 M 页."""
    if not (header and number > 1) and total is None:
        return
    page_width, page_height = c._pagesize
    c.saveState()
    c.setFillColor(RULE)
    if header and number > 1:
        text = runs(f"{session_title}　{paper_title}", 9)
        y = page_height - MARGIN_TOP + 10
        draw_runs(c, text, (page_width - runs_width(text)) / 2, y)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN_LEFT, y - 4, page_width - MARGIN_RIGHT, y - 4)
    if total is not None:
        footer = runs(f"第 {number} 页 共 {total} 页", 10)
        draw_runs(c, footer, (page_width - runs_width(footer)) / 2, MARGIN_BOTTOM / 2)
    c.restoreState()


def _make_canvas(session_title: str, paper_title: str, header: bool, numbered: bool = True,
                 keys: list[int] | None = None, single: bool = True):
    """The canvas class for a paper. Numbered: the pages are held back until the end, to print
    第 N 页 共 M 页 on each. Not numbered: each page is finished and handed to the document as it
    is shown (nothing held page by page), and KEYS, when given, gets each page's key: the number
    of the first page drawn exactly the same (the printer renders such a page once)."""

    if numbered:
        class NumberedCanvas(pdfcanvas.Canvas):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                self._pages: list[dict] = []

            def showPage(self) -> None:
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._pages)
                shown = total if total > 1 or single else None  # SINGLE False: one page, no number
                for number, state in enumerate(self._pages, start=1):
                    self.__dict__.update(state)
                    _frame(self, session_title, paper_title, header, number, shown)
                    super().showPage()
                super().save()

        if keys is not None:
            keys.clear()  # every page differs: its number
        return NumberedCanvas

    class StreamingCanvas(pdfcanvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._seen: dict[bytes, int] = {}

        def showPage(self) -> None:
            number = self.getPageNumber()
            _frame(self, session_title, paper_title, header, number, None)
            if keys is not None:
                # the page's content stream; its fonts, forms and images are the document's, named alike
                digest = hashlib.blake2b("\n".join(self._code).encode("utf-8", "surrogatepass"),
                                         digest_size=16).digest()
                keys.append(self._seen.setdefault(digest, number))
            super().showPage()

    return StreamingCanvas


class _PaperDoc(BaseDocTemplate):
    def __init__(self, filename: str, paper: Paper, progress: ProgressFn | None, total: int) -> None:
        super().__init__(filename, pagesize=paper.pagesize, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                         title=f"{paper.session_title} {paper.title}", author="MeetingDesk",
                         creator="MeetingDesk", subject=paper.title, invariant=True,
                         initialFontName=SONG, initialFontSize=12)
        self.frame_width, self.frame_height = paper.frame_size
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, self.frame_width, self.frame_height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._progress = progress
        self._total = max(total, 1)
        self._done = 0

    def _report(self, message: str) -> None:
        if self._progress is not None and self._progress(min(self._done, self._total),
                                                         self._total, message) is False:
            raise PrintCancelled()

    def afterFlowable(self, flowable) -> None:
        units = getattr(flowable, "progress_units", 0)
        if units:
            self._done += units
            self._report(f"正在排版第 {self.page} 页")

    def stream(self, pages: Iterator[Flowable], canvasmaker) -> int:
        """Draw one flowable a page at the top of the body frame, page by page, as platypus would
        place it, without platypus holding the pages; returns the pages drawn."""
        c = self._makeCanvas(filename=self.filename, canvasmaker=canvasmaker)
        count = 0
        for flowable in pages:
            _, height = flowable.wrapOn(c, self.frame_width, self.frame_height)
            flowable.drawOn(c, MARGIN_LEFT, MARGIN_BOTTOM + self.frame_height - height)
            c.showPage()
            count += 1
            self._done = count
            self._report(f"正在排版第 {count} 页")
        c.save()
        return count


_render_lock = threading.Lock()  # reportlab's font subsets are shared state


def render(paper: Paper, out: str | Path, progress: ProgressFn | None = None,
           keys: list[int] | None = None) -> int:
    """Write PAPER as a PDF to OUT (atomically); returns the number of pages.

    KEYS, when given, is filled with each page's key for a printer (see `_make_canvas`): left
    empty for a numbered paper, whose pages all differ.
    Raises FontCoverageError before writing anything if a character cannot be drawn,
    PrintCancelled if PROGRESS returned False, ServiceError if OUT cannot be written.
    """
    out = output.check(out, ".pdf")  # before any work: a wrong -o is said at once
    check_coverage(paper.printed)
    register_fonts()

    def report(done: int, total: int, message: str) -> None:
        if progress is not None and progress(done, total, message) is False:
            raise PrintCancelled()

    report(0, 1, "正在准备")
    streamed = paper.pages is not None and not paper.numbered
    story: list[Flowable] = [] if streamed else paper.story()
    total = paper.page_count if streamed else sum(getattr(f, "progress_units", 0) for f in story)
    pages = 0

    def produce(tmp: str) -> None:
        nonlocal pages
        with _render_lock:
            if keys is not None:
                keys.clear()
            doc = _PaperDoc(tmp, paper, progress, total)
            maker = _make_canvas(paper.session_title, paper.title, paper.running_header, paper.numbered, keys,
                                 paper.number_single_page)
            if streamed:
                pages = doc.stream(paper.pages(), maker)
            else:
                doc.build(story, canvasmaker=maker)
                pages = doc.page
        report(total, total, "正在写入文件")

    output.write(out, ".pdf", produce)
    return pages

"""Papers as .docx, for the document group to finish in WPS or Word.

The same `Paper` a PDF is made from is written with python-docx: its story's paragraphs become
Word paragraphs, its rows of aligned cells (name lists, ruled tables) become tables — without
borders unless the PDF draws them — and the few drawn flowables (ballots, badges, the hall)
write themselves through `to_word(writer)`. Page and faces follow the 公文 conventions of
GB/T 9704-2012: A4, 版心 156 × 225 mm (天头 37 mm, 订口 28 mm), a line grid of 22 lines,
the title in 方正小标宋简体, body in 仿宋_GB2312, headings in 黑体, the adopted-by line in
楷体_GB2312 — the faces a Chinese office has — with the East Asian face set on every run
(`w:eastAsia`), so WPS and Word do not substitute a Western face. The font table names the
bundled faces as the alternatives a machine without the office faces falls back to.

Widths in the PDF are points across a 166 mm frame; the writer scales them to the .docx's text
width, so a list's columns keep their proportions. Page numbers are fields (PAGE, NUMPAGES),
so they stay right after the clerk edits a sentence.

The XML is built with lxml directly, element by element: python-docx's cell-by-cell API takes
seconds for a roster of thousands.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from meetingdesk.services import output

from .fonts import HEI, SONG, Run, has_char, runs_width
from .frame import ContinuedBlock, GridRow, Paper, PrintCancelled, ProgressFn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# The faces an office has, by their part on the paper; the bundled face each falls back to.
FACES = {"title": "方正小标宋简体", "song": "仿宋_GB2312", "hei": "黑体", "kai": "楷体_GB2312"}
BUNDLED = {"title": "AR PL UMing CN", "song": "AR PL UMing CN", "kai": "AR PL UMing CN",
           "hei": "WenQuanYi Micro Hei"}
TITLE_SIZE = 20  # a 黑体 line this large is a title: 小标宋
KAI_STYLES = {"subtitle"}  # the adopted-by line under a title: 楷体 as a 公文's 题注

MM = 72 / 25.4  # points in a millimetre
# GB/T 9704-2012 7.1: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
GB_TOP, GB_LEFT, GB_WIDTH, GB_HEIGHT = 37 * MM, 28 * MM, 156 * MM, 225 * MM
LINE_PITCH = GB_HEIGHT / 22  # 22 lines of 三号 on a page: 28.9 pt


@lru_cache(maxsize=None)
def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def twips(points: float) -> str:
    return str(round(points * 20))


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, w(tag))
    for key, value in attrs.items():
        node.set(w(key), value)
    return node


# ---------------------------------------------------------------- what the writer takes


@dataclass(frozen=True)
class Piece:
    """Text in one face (its part: title, song, hei, kai) at one size, in points."""

    text: str
    role: str = "song"
    size: float = 16
    underline: bool = False  # a line to sign on
    colour: str = ""  # RRGGBB; "" black


@dataclass
class WPara:
    pieces: list[Piece]
    align: str = "left"  # left, center, right, both
    leading: float = 0  # exact line spacing in points; 0: single
    first_indent: float = 0  # negative: hanging
    left_indent: float = 0
    space_before: float = 0
    space_after: float = 0
    keep_next: bool = False
    indent_chars: int = 0  # the first line indented this many characters (公文 body: 2)
    boxes: list[TextBox] = field(default_factory=list)  # anchored to this paragraph


@dataclass
class TextBox:
    """Paragraphs in a box placed on the page (points from its top left corner), turned ROTATION
    degrees: the upper face of a tent card, which reads upright only when the card stands folded."""

    paras: list[WPara]
    x: float
    y: float
    width: float
    height: float
    rotation: int = 0


@dataclass
class WCell:
    paras: list[WPara]
    span: int = 1
    boxed: bool = False
    pad: float = 0
    valign: str = "center"


@dataclass
class WRow:
    cells: list[WCell]
    height: float = 0  # at least, in points
    header: bool = False  # repeated at the top of each page the table runs on to
    cant_split: bool = True
    exact: bool = False


@dataclass
class Writer:
    """Writes paragraphs and tables as the body's XML; SCALE turns the PDF's widths into the .docx's."""

    scale: float
    frame_width: float  # the PDF frame's width, in its points
    progress: Callable[[int], None] = lambda units: None
    _space: float = field(default=0.0, init=False)
    _boxes: int = field(default=0, init=False)
    _xml: list[str] = field(default_factory=list, init=False)
    _last_was_table: bool = field(default=False, init=False)

    # -- primitives

    def space(self, points: float) -> None:
        """Room before whatever comes next."""
        self._space += points

    def page_break(self) -> None:
        # A paragraph of nothing but the break, one point high: no empty line at the next page's top.
        self._put('<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" '
                  'w:lineRule="exact"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>')
        self._space = 0
        self._last_was_table = False

    def paragraph(self, para: WPara) -> None:
        if self._space:
            para.space_before += self._space
            self._space = 0
        parts: list[str] = []
        self._p_xml(parts, para)
        self._put("".join(parts))
        self._last_was_table = False

    def table(self, widths: Sequence[float], rows: Sequence[WRow], minima: Sequence[float] = (), *,
              centred: bool = False, physical: bool = False) -> None:
        """A table of columns WIDTHS (PDF points, scaled here) without borders but the boxed cells'.

        MINIMA: what a column's one-line cells need (PDF points); a column the scaling would make
        narrower than that keeps its width, taken from the columns with room to spare, so a name
        the PDF sets on one line is not broken in two in Word. CENTRED: the table in the
        middle of the line; PHYSICAL: WIDTHS are the paper's own (a badge's), not scaled."""
        if not rows:
            return
        if self._space or self._last_was_table:
            self._spacer(self._space)
        scaled = fitted([width * (1 if physical else self.scale) for width in widths], minima)
        x = ['<w:tbl><w:tblPr><w:tblW w:w="', twips(sum(scaled)), '" w:type="dxa"/>',
             '<w:jc w:val="center"/>' if centred else '<w:tblInd w:w="0" w:type="dxa"/>', TABLE_PROPERTIES,
             '</w:tblPr><w:tblGrid>']
        x += [f'<w:gridCol w:w="{twips(width)}"/>' for width in scaled]
        x.append("</w:tblGrid>")
        for row in rows:
            x.append("<w:tr><w:trPr>")
            if row.cant_split:
                x.append("<w:cantSplit/>")
            if row.height:
                x.append(f'<w:trHeight w:val="{twips(row.height)}" w:hRule="{"exact" if row.exact else "atLeast"}"/>')
            if row.header:
                x.append("<w:tblHeader/>")
            x.append("</w:trPr>")
            col = 0
            for cell in row.cells:
                width = sum(scaled[col:col + cell.span])
                col += cell.span
                x.append(f'<w:tc><w:tcPr><w:tcW w:w="{twips(width)}" w:type="dxa"/>')
                if cell.span > 1:
                    x.append(f'<w:gridSpan w:val="{cell.span}"/>')
                if cell.boxed:
                    x.append(BOX_BORDERS)
                if cell.pad:
                    pad = twips(cell.pad * self.scale)
                    x.append(f'<w:tcMar><w:left w:w="{pad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tcMar>')
                x.append(f'<w:vAlign w:val="{cell.valign}"/></w:tcPr>')
                for para in cell.paras or [WPara([])]:
                    self._p_xml(x, para)
                x.append("</w:tc>")
            x.append("</w:tr>")
        x.append("</w:tbl>")
        self._put("".join(x))
        self._last_was_table = True

    # -- the XML: written as text and parsed once a table or paragraph (lxml sets a namespaced
    # attribute in about 3 µs; a ballot set has a hundred thousand of them)

    def _put(self, xml: str) -> None:
        self._xml.append(xml)

    def body_xml(self) -> bytes:
        """What was written, as the body's XML (without its closing sectPr)."""
        return "".join(self._xml).encode("utf-8")

    def _spacer(self, points: float) -> None:
        """An empty paragraph POINTS high (at least one: two tables never touch, or Word joins them)."""
        self._put(f'<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" '
                  f'w:line="{twips(max(points, 1))}" w:lineRule="exact"/></w:pPr></w:p>')
        self._space = 0
        self._last_was_table = False

    def _p_xml(self, x: list[str], para: WPara) -> None:
        x.append("<w:p><w:pPr>")
        if para.keep_next:
            x.append("<w:keepNext/>")
        x.append('<w:snapToGrid w:val="0"/>')  # the spacing is set: the grid is for what the clerk types
        x.append(f'<w:spacing w:before="{twips(para.space_before)}" w:after="{twips(para.space_after)}"')
        if para.leading:
            x.append(f' w:line="{twips(para.leading)}" w:lineRule="exact"')
        x.append("/>")
        if para.first_indent or para.left_indent:
            x.append(f'<w:ind w:left="{twips(para.left_indent * self.scale)}"')
            if para.indent_chars:
                x.append(f' w:firstLineChars="{para.indent_chars * 100}" w:firstLine="{twips(para.first_indent)}"')
            elif para.first_indent > 0:
                x.append(f' w:firstLine="{twips(para.first_indent)}"')
            elif para.first_indent < 0:
                x.append(f' w:hanging="{twips(-para.first_indent)}"')
            x.append("/>")
        x.append(f'<w:jc w:val="{para.align}"/></w:pPr>')
        for piece in para.pieces:
            x.append(run_xml(piece))
        for box in para.boxes:
            self._boxes += 1
            self._box_xml(x, box, self._boxes)
        x.append("</w:p>")

    def _box_xml(self, x: list[str], box: TextBox, number: int) -> None:
        emu = lambda points: str(round(points * 12700))  # noqa: E731
        content: list[str] = []
        for para in box.paras:
            self._p_xml(content, para)
        x.append(BOX_XML.format(x=emu(box.x), y=emu(box.y), cx=emu(box.width), cy=emu(box.height), id=number,
                                rot=box.rotation * 60000, content="".join(content)))


TABLE_PROPERTIES = ('<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
                    '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
                    '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
                    '<w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
                    '</w:tblCellMar><w:tblLook w:val="0000"/>')
BOX_BORDERS = ("<w:tcBorders>" + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                                         for side in ("top", "left", "bottom", "right")) + "</w:tcBorders>")
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))  # not allowed in XML


@lru_cache(maxsize=4096)
def _run_props(role: str, size: float, underline: bool, colour: str) -> str:
    face = FACES[role]
    half = round(size * 2)
    return (f'<w:rPr><w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{face}" w:hint="eastAsia"/>'
            + (f'<w:color w:val="{colour}"/>' if colour else "")
            + f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>' + ('<w:u w:val="single"/>' if underline else "")
            + "</w:rPr>")


def run_xml(piece: Piece) -> str:
    x = ["<w:r>", _run_props(piece.role, piece.size, piece.underline, piece.colour)]
    for i, part in enumerate(piece.text.translate(_CONTROL).split("\n")):
        if i:
            x.append("<w:br/>")
        if part:
            x.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    x.append("</w:r>")
    return "".join(x)


BOX_XML = f"""<w:r xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{{id}}" behindDoc="0" locked="0"
 layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>{{x}}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{{y}}</wp:posOffset></wp:positionV>
<wp:extent cx="{{cx}}" cy="{{cy}}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{{id}}" name="文本框 {{id}}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm rot="{{rot}}"><a:off x="0" y="0"/><a:ext cx="{{cx}}" cy="{{cy}}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent>{{content}}</w:txbxContent></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"><a:noAutofit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"""


def fitted(widths: list[float], minima: Sequence[float]) -> list[float]:
    """WIDTHS, each at least its minimum where the total allows, the others giving up their room
    in proportion to what they have to spare."""
    if not minima:
        return widths
    need = [max(0.0, m - wd) for wd, m in zip(widths, minima)]
    short = sum(need)
    if short <= 0:
        return widths
    spare = [max(0.0, wd - m) if n == 0 else 0.0 for wd, m, n in zip(widths, minima, need)]
    room = sum(spare)
    if room <= 0:
        return widths
    take = min(1.0, short / room)
    give = min(short, room) / short
    return [wd + n * give - sp * take for wd, n, sp in zip(widths, need, spare)]


def _append(parent: etree._Element, xml: str) -> None:
    """The elements of XML (as `run_xml` writes it, the w prefix undeclared) appended to PARENT."""
    parent.extend(etree.fromstring(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>'))


# ---------------------------------------------------------------- from reportlab's flowables


def role_of(font: str, size: float) -> str:
    if font == HEI:
        return "title" if size >= TITLE_SIZE else "hei"
    return "song"


def pieces_of(items: Sequence[Run]) -> list[Piece]:
    """Runs as pieces, neighbours of one part joined; a character drawn in the other bundled face
    only because the first lacks it (a rare name's character) keeps its neighbours' part: Word
    finds its own face for it."""
    out: list[Piece] = []
    for i, run in enumerate(items):
        font = run.font
        other = SONG if font == HEI else HEI
        neighbours = [r.font for r in items[max(0, i - 1):i + 2] if r is not run]
        if neighbours and all(f == other for f in neighbours) and any(not has_char(other, ch) for ch in run.text):
            font = other
        role = role_of(font, run.size)
        if out and out[-1].role == role and out[-1].size == run.size:
            out[-1] = Piece(out[-1].text + run.text, role, run.size)
        else:
            out.append(Piece(run.text, role, run.size))
    return out


ALIGN = {TA_CENTER: "center", TA_RIGHT: "right", TA_JUSTIFY: "both"}


def paragraph_of(flowable: Paragraph) -> WPara:
    st = flowable.style
    role = "kai" if st.name in KAI_STYLES else role_of(st.fontName, st.fontSize)
    text = "".join("\n" if getattr(frag, "lineBreak", False) else frag.text for frag in flowable.frags)
    indent = st.firstLineIndent
    chars = round(indent / st.fontSize) if indent > 0 and abs(indent / st.fontSize - round(indent / st.fontSize)) < 0.01 else 0
    return WPara([Piece(text, role, st.fontSize)], align=ALIGN.get(st.alignment, "left"),
                 leading=st.leading, first_indent=indent, left_indent=st.leftIndent,
                 space_before=st.spaceBefore, space_after=st.spaceAfter,
                 keep_next=bool(getattr(flowable, "keepWithNext", 0) or getattr(st, "keepWithNext", 0)), indent_chars=chars)


def _snap(x: float) -> float:
    return round(x * 2) / 2


def grid_table(rows: Sequence[GridRow], frame_width: float, *, headers: int = 0,
               keep: bool = False) -> tuple[list[float], list[WRow], list[float]]:
    """GRID ROWS as one table: its columns every edge any cell has, a cell spanning the columns
    it covers, the gaps between cells empty cells."""
    edges = {0.0, _snap(frame_width)}
    for row in rows:
        for cell in row._all_cells():
            edges.add(_snap(max(0.0, cell.x)))
            edges.add(_snap(min(frame_width, cell.x + cell.width)))
    ordered = sorted(edges)
    merged = [ordered[0]]
    for x in ordered[1:]:
        if x - merged[-1] >= 1.0:  # a sliver of a column would only make Word's grid fragile
            merged.append(x)
    merged[-1] = max(merged[-1], _snap(frame_width))

    def index(x: float) -> int:
        x = _snap(x)
        return min(range(len(merged)), key=lambda i: abs(merged[i] - x))

    widths = [b - a for a, b in zip(merged, merged[1:])]
    minima = [0.0] * len(widths)
    out: list[WRow] = []
    for n, row in enumerate(rows):
        cells: list[WCell] = []
        at = 0
        for cell in sorted(row._all_cells(), key=lambda c: c.x):
            start = index(max(0.0, cell.x))
            end = max(start + 1, index(min(frame_width, cell.x + cell.width)))
            if start < at:
                continue  # overlaps the cell before: never in a paper's rows
            if start > at:
                cells.append(WCell([WPara([])], span=start - at))
            if end - start == 1 and len(cell.lines) == 1 and cell.content:
                # a face's widths differ a little from the bundled one's: a point or two of room
                minima[start] = max(minima[start], runs_width(cell.content) * 1.03 + 2 * cell.pad + 1)
            leading = max(row.leading, row.size * 1.25)
            cells.append(WCell([WPara(pieces_of(cell.content), align=_cell_align(cell.align), leading=leading,
                                      keep_next=keep)],
                               span=end - start, boxed=cell.boxed, pad=cell.pad))
            at = end
        if at < len(widths):
            cells.append(WCell([WPara([])], span=len(widths) - at))
        out.append(WRow(cells, height=row.row_height, header=n < headers))
    return widths, out, minima


def _cell_align(align: str) -> str:
    return {"center": "center", "right": "right"}.get(align, "left")


class StoryWriter:
    """Walks a story and writes it: paragraphs, runs of grid rows as tables, the rest by itself."""

    def __init__(self, writer: Writer) -> None:
        self.w = writer
        self._rows: list[GridRow] = []
        self._headers = 0
        self._keep = False

    def write(self, flowables: Iterable[Flowable], keep: bool = False) -> None:
        for flowable in flowables:
            self.one(flowable, keep)

    def one(self, f: Flowable, keep: bool = False) -> None:
        if isinstance(f, GridRow):
            if self._rows and self._keep != keep:
                self.flush()
            self._keep = keep
            self._rows.append(f)
            return
        self.flush()
        if isinstance(f, Paragraph):
            para = paragraph_of(f)
            para.keep_next = para.keep_next or keep
            self.w.paragraph(para)
        elif isinstance(f, ContinuedBlock):
            self.block(f, keep)
        elif isinstance(f, KeepTogether):
            content = list(f._content)
            for i, part in enumerate(content):
                self.one(part, keep or i < len(content) - 1)
            self.flush()
        elif isinstance(f, PageBreak):
            self.w.page_break()
        elif isinstance(f, Spacer):
            self.w.space(f.height)
        elif isinstance(f, CondPageBreak):
            pass  # Word breaks pages itself; keep-with-next does what this did
        elif hasattr(f, "to_word"):
            f.to_word(self)
        else:  # a new kind of flowable: the test of every paper's .docx names it
            raise TypeError(f"{type(f).__name__} cannot be written to .docx")
        self.w.progress(getattr(f, "progress_units", 0))

    def block(self, block: ContinuedBlock, keep: bool) -> None:
        """The heading (a caption kept with the table, the column headings repeated on each page), the rows."""
        head = block.heading(False)
        titles = len(head)
        while titles and isinstance(head[titles - 1], GridRow):
            titles -= 1
        for part in head[:titles]:
            self.one(part, True)
        self.flush()
        rows = head[titles:]
        self._headers = len(rows)
        for row in block.rows:
            if isinstance(row, GridRow):
                rows.append(row)
            else:
                self._emit(rows, keep)
                rows = []
                self._headers = 0
                self.one(row, keep)
        self._emit(rows, keep)
        self._headers = 0

    def _emit(self, rows: list[GridRow], keep: bool) -> None:
        if rows:
            widths, wrows, minima = grid_table(rows, self.w.frame_width, headers=self._headers, keep=keep)
            self.w.table(widths, wrows, minima)

    def flush(self) -> None:
        if self._rows:
            rows, self._rows = self._rows, []
            widths, wrows, minima = grid_table(rows, self.w.frame_width, keep=self._keep)
            self.w.table(widths, wrows, minima)

    # what a drawn flowable uses in its to_word

    def text(self, text: str, *, role: str = "song", size: float = 12, align: str = "center",
             leading: float = 0, space_before: float = 0, space_after: float = 0, keep: bool = False,
             colour: str = "") -> None:
        self.flush()
        self.w.paragraph(WPara([Piece(text, role, size, colour=colour)], align=align, leading=leading,
                               space_before=space_before, space_after=space_after, keep_next=keep))

    def table(self, widths: Sequence[float], rows: Sequence[WRow], **options) -> None:
        self.flush()
        self.w.table(widths, rows, **options)

    def page_break(self) -> None:
        self.flush()
        self.w.page_break()


# ---------------------------------------------------------------- the document


def _page_setup(doc, paper: Paper) -> float:
    """Page size and margins; returns the scale from the PDF's frame to the text width."""
    from docx.shared import Pt

    section = doc.sections[0]
    width, height = paper.pagesize
    section.page_width, section.page_height = Pt(width), Pt(height)
    if width < height:  # portrait: the 公文 版心
        top, left, text_width, text_height = GB_TOP, GB_LEFT, GB_WIDTH, GB_HEIGHT
        header, footer = 15 * MM, 24 * MM
    else:  # the hall on a landscape sheet keeps the PDF's margins
        from .frame import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP

        top, left = MARGIN_TOP, MARGIN_LEFT
        text_width = width - MARGIN_LEFT - MARGIN_RIGHT
        text_height = height - MARGIN_TOP - MARGIN_BOTTOM
        header, footer = 10 * MM, 8 * MM
    section.top_margin, section.left_margin = Pt(top), Pt(left)
    section.right_margin = Pt(width - left - text_width)
    section.bottom_margin = Pt(height - top - text_height)
    section.header_distance, section.footer_distance = Pt(header), Pt(footer)
    if width > height:
        from docx.enum.section import WD_ORIENT

        section.orientation = WD_ORIENT.LANDSCAPE
    sect = section._sectPr
    grid = sect.find(w("docGrid"))
    if grid is None:
        grid = _el(sect, "docGrid")
    grid.set(w("type"), "lines")
    grid.set(w("linePitch"), twips(LINE_PITCH))
    return text_width / paper.frame_size[0]


def _defaults(doc) -> None:
    """Normal text as a 公文's body (仿宋_GB2312, 三号), so what the clerk types matches; the font
    table's alternatives name the bundled faces."""
    normal = doc.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(w("rFonts"))
    if fonts is None:
        fonts = etree.SubElement(rpr, w("rFonts"))
        rpr.insert(0, fonts)
    for key in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(w(key), FACES["song"])
    from docx.shared import Pt

    normal.font.size = Pt(16)
    table = next((part for part in doc.part.package.iter_parts()
                  if str(part.partname) == "/word/fontTable.xml"), None)
    if table is None:
        return
    root = etree.fromstring(table.blob)
    for role, face in FACES.items():
        node = etree.SubElement(root, w("font"))
        node.set(w("name"), face)
        _el(node, "altName", val=BUNDLED[role])
        _el(node, "charset", val="86")  # GB2312
        _el(node, "family", val="roman" if role != "hei" else "modern")
        _el(node, "pitch", val="variable")
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _field(instr: str, result: str, size: float) -> str:
    """A field's runs: Word puts RESULT in its place until it updates the field."""
    props = _run_props("song", size, False, "")
    return "".join(f"<w:r>{props}{inner}</w:r>" for inner in (
        '<w:fldChar w:fldCharType="begin"/>', f'<w:instrText xml:space="preserve"> {instr} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>', f"<w:t>{result}</w:t>", '<w:fldChar w:fldCharType="end"/>'))


def _furniture(p, properties: str, runs: str) -> None:
    """A header's or footer's paragraph P: PROPERTIES added to the one pPr it has (its style's;
    a second pPr is not valid, and Word refuses the file), then RUNS."""
    _append(p.get_or_add_pPr(), properties)
    _append(p, runs)


def _footer_paragraph(p) -> None:
    """第 {PAGE} 页 共 {NUMPAGES} 页, centred, as on the PDF."""
    size = 10.5
    _furniture(p, '<w:jc w:val="center"/>',
               run_xml(Piece("第 ", "song", size)) + _field("PAGE", "1", size) + run_xml(Piece(" 页 共 ", "song", size))
               + _field("NUMPAGES", "1", size) + run_xml(Piece(" 页", "song", size)))


def pdf_pages(paper: Paper) -> int:
    """How many pages PAPER takes as a PDF (laid out in memory, nothing written)."""
    import io

    from .fonts import register_fonts
    from .frame import _make_canvas, _PaperDoc, _render_lock

    register_fonts()
    with _render_lock:
        doc = _PaperDoc(io.BytesIO(), paper, None, 1)
        doc.build(paper.story(), canvasmaker=_make_canvas(paper.session_title, paper.title, paper.running_header,
                                                          paper.numbered, None, paper.number_single_page))
    return doc.page


def _header_footer(doc, paper: Paper) -> None:
    section = doc.sections[0]
    if paper.running_header:
        section.different_first_page_header_footer = True  # the first page has the title block
        p = section.header.paragraphs[0]._p
        _furniture(p, '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="595959"/></w:pBdr>'
                      '<w:jc w:val="center"/>', run_xml(Piece(f"{paper.session_title}　{paper.title}", "song", 9)))
    # An adopted paper of one page carries no number, as the seed's (and as its PDF): a field
    # could say so (IF NUMPAGES > 1), but LibreOffice prints such nested fields as their digits.
    if paper.numbered and (paper.number_single_page or pdf_pages(paper) > 1):
        _footer_paragraph(section.footer.paragraphs[0]._p)
        if paper.running_header:
            _footer_paragraph(section.first_page_footer.paragraphs[0]._p)


def _splice(doc, body: bytes) -> None:
    """Let the document part write BODY into its XML as it saves, before the body's sectPr: the
    story is never parsed into python-docx's tree (parsing and moving 5 MB of it there took longer
    than writing it)."""
    from docx.opc.oxml import serialize_part_xml

    part = doc.part

    class Spliced(type(part)):
        @property
        def blob(self) -> bytes:
            xml = serialize_part_xml(self._element)
            at = xml.rindex(b"<w:sectPr")
            return xml[:at] + body + xml[at:]

    part.__class__ = Spliced


def render_docx(paper: Paper, out: str | Path, progress: ProgressFn | None = None) -> int:
    """Write PAPER as a .docx to OUT (atomically, as a PDF); returns how many pages the story
    breaks explicitly into (Word lays out the rest itself)."""
    out = output.check(out, ".docx")
    from docx import Document

    def report(done: int, total: int, message: str) -> None:
        if progress is not None and progress(done, total, message) is False:
            raise PrintCancelled()

    report(0, 1, "正在准备")
    streamed = paper.pages is not None and not paper.numbered
    flowables = paper.pages() if streamed else paper.story()
    if not streamed:
        flowables = list(flowables)
    total = paper.page_count if streamed else max(1, sum(getattr(f, "progress_units", 0) for f in flowables))
    done = 0
    breaks = 1

    def advance(units: int) -> None:
        nonlocal done
        if units:
            done += units
            report(min(done, total), total, "正在生成 Word 文档")

    doc = Document()
    doc.core_properties.title = f"{paper.session_title} {paper.title}"
    doc.core_properties.author = "MeetingDesk"
    scale = _page_setup(doc, paper)
    _defaults(doc)
    _header_footer(doc, paper)
    body = doc.element.body
    for child in list(body):
        if child.tag != w("sectPr"):
            body.remove(child)
    writer = Writer(scale, paper.frame_size[0], advance)
    story = StoryWriter(writer)
    first = True
    for flowable in flowables:
        if streamed and not first:
            story.flush()
            writer.page_break()
            breaks += 1
        elif isinstance(flowable, PageBreak):
            breaks += 1
        first = False
        story.one(flowable)
    story.flush()
    _splice(doc, writer.body_xml())
    report(total, total, "正在写入文件")
    output.write(out, ".docx", lambda tmp: doc.save(tmp))
    return breaks

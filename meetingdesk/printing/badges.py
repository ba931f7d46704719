"""代表证件: the cards worn to the meetings — 出席证 (代表), 列席证 (列席), 工作证 (工作人员).

Each card (90 × 54 mm) carries the session title, the kind of card large, the name large (no
gender marker: a badge is not a list; a namesake's note small under the name), the delegation,
and a Code128 barcode of the card number (`attendance.card_number`) with the number under it,
which the check-in desk scans. Eight cards to an A4 sheet (2 × 4), edge to edge inside light
borders, with cut marks in the margin; each kind of card starts a sheet of its own (they are
printed on different stock). Order: 出席证, 列席证, 工作证; by delegation, then stroke order.
Options `role` (one kind) and `delegation_id` (one delegation).

When the session has a hall, a seated person's card also carries the seat (座位：一区3排5号)
under the delegation, the barcode a little lower; not when the delegations change blocks at
each plenary (the seat would hold for one sitting only). Without a hall the cards are as before.

A sheet is one flowable drawn at fixed places on the page; what every card of a kind shares
(border, title, kind) is drawn once into a PDF form and placed on each card, so 400 cards
take a few seconds.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from meetingdesk.services import attendance, roster, seating, session
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.roster import MemberRow
from meetingdesk.rules.words import Role

from .coverage import Printed
from .fonts import HEI, SONG, Run, runs, runs_width
from .frame import FRAME_HEIGHT, INK, MARGIN_BOTTOM, MARGIN_LEFT, PAGE_HEIGHT, PAGE_WIDTH, RULE, Paper, draw_runs
from .names import ROLES, namesakes, padded, printed

KIND = "badges"
TITLE = "代表证件"

CARD_W = 90 * mm
CARD_H = 54 * mm
COLUMNS, ROWS = 2, 4
PER_SHEET = COLUMNS * ROWS
GRID_X = (PAGE_WIDTH - COLUMNS * CARD_W) / 2  # 15 mm
GRID_Y = (PAGE_HEIGHT - ROWS * CARD_H) / 2  # 40.5 mm from the foot
CUT_GAP = 2 * mm  # between the grid and a cut mark
CUT_LEN = 5 * mm
SIDE = 4 * mm  # inside a card's edge

CARDS = {Role.DELEGATE: "出席证", Role.ATTENDEE: "列席证", Role.STAFF: "工作证"}
COLOURS = {Role.DELEGATE: colors.Color(0.72, 0.08, 0.08), Role.ATTENDEE: colors.Color(0.08, 0.25, 0.58),
           Role.STAFF: colors.Color(0.06, 0.42, 0.2)}
BORDER = colors.Color(0.7, 0.7, 0.7)

TITLE_SIZE, TITLE_BASE = 9, CARD_H - 13
BAND_Y = CARD_H - 19  # the coloured rule under the title
KIND_SIZE, KIND_BASE = 20, CARD_H - 44
NAME_SIZE, NAME_BASE = 24, 75
NOTE_SIZE, NOTE_BASE = 7.5, 64
DELEGATION_SIZE, DELEGATION_BASE = 11, 49
BAR_Y, BAR_HEIGHT, BAR_MODULE = 17, 21, 1.0  # a module ≈ 0.35 mm: read by any desk scanner
SEAT_SIZE, SEAT_BASE = 10, 37.5  # the seat, when the hall gives one
SEATED_DELEGATION_BASE = 51.5
SEATED_BAR_HEIGHT = 16  # still 5.6 mm: the scanners read 1D bars far shorter
NUMBER_SIZE, NUMBER_BASE = 8, 8
CAPTION_SIZE = 9


@dataclass(frozen=True)
class Card:
    name: str
    note: str  # printed only for a namesake
    delegation: str
    number: str
    seat: str = ""  # 一区3排5号, when the session has a hall


def spaced(text: str) -> str:
    """出席证 -> 出 席 证: the card's kind spread across it."""
    return "\u2002".join(text)


def fit(text: str, width: float, size: float, font: str = SONG) -> list[Run]:
    """TEXT on one line at SIZE, or as much smaller as it takes to fit WIDTH (never broken)."""
    items = runs(text, size, font)
    wide = runs_width(items)
    return items if wide <= width else runs(text, size * width / wide, font)


def centred(c, items: list[Run], x: float, width: float, y: float) -> None:
    draw_runs(c, items, x + (width - runs_width(items)) / 2, y)


def draw_background(c, role: str, title: str) -> None:
    """What every card of ROLE shares, in the card's own coordinates."""
    colour = COLOURS[role]
    c.setStrokeColor(BORDER)
    c.setLineWidth(0.3)
    c.rect(0, 0, CARD_W, CARD_H, stroke=1, fill=0)
    inner = CARD_W - 2 * SIDE
    c.setFillColor(INK)
    centred(c, fit(title, inner, TITLE_SIZE, HEI), SIDE, inner, TITLE_BASE)
    c.setStrokeColor(colour)
    c.setLineWidth(1.2)
    c.line(SIDE, BAND_Y, CARD_W - SIDE, BAND_Y)
    c.setFillColor(colour)
    centred(c, runs(spaced(CARDS[role]), KIND_SIZE, HEI), 0, CARD_W, KIND_BASE)


def draw_card(c, card: Card) -> None:
    """The person's own part of a card, over the form, in the card's coordinates."""
    inner = CARD_W - 2 * SIDE
    c.setFillColor(INK)
    raised = 3 if card.note else 0  # room for the note under the name
    centred(c, fit(padded(card.name), inner, NAME_SIZE, HEI), SIDE, inner, NAME_BASE + raised)
    if card.note:
        centred(c, fit(f"({card.note})", inner, NOTE_SIZE), SIDE, inner, NOTE_BASE)
    centred(c, fit(card.delegation, inner, DELEGATION_SIZE), SIDE, inner,
            SEATED_DELEGATION_BASE if card.seat else DELEGATION_BASE)
    if card.seat:
        centred(c, fit(f"座位：{card.seat}", inner, SEAT_SIZE, HEI), SIDE, inner, SEAT_BASE)
    bar = Code128(card.number, barWidth=BAR_MODULE, barHeight=SEATED_BAR_HEIGHT if card.seat else BAR_HEIGHT,
                  humanReadable=False)
    bar.drawOn(c, (CARD_W - bar.width) / 2, BAR_Y)
    centred(c, runs(card.number, NUMBER_SIZE), 0, CARD_W, NUMBER_BASE)


class CardSheet(Flowable):
    """One A4 sheet of up to eight cards of one kind, at fixed places on the page."""

    def __init__(self, role: str, cards: Sequence[Card], form: str, title: str, caption: str) -> None:
        super().__init__()
        self.role, self.cards, self.form, self.title, self.caption = role, cards, form, title, caption
        self.progress_units = len(cards)
        self.height = FRAME_HEIGHT - 1

    def wrap(self, availWidth, availHeight):
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.translate(-MARGIN_LEFT, -(MARGIN_BOTTOM + FRAME_HEIGHT - self.height))  # page coordinates
        if not c.hasForm(self.form):
            c.beginForm(self.form, 0, 0, CARD_W, CARD_H)
            draw_background(c, self.role, self.title)
            c.endForm()
        for i, card in enumerate(self.cards):
            row, col = divmod(i, COLUMNS)
            c.saveState()
            c.translate(GRID_X + col * CARD_W, GRID_Y + (ROWS - 1 - row) * CARD_H)
            c.doForm(self.form)
            draw_card(c, card)
            c.restoreState()
        self.draw_cut_marks(c)
        c.setFillColor(RULE)
        draw_runs(c, runs(self.caption, CAPTION_SIZE), GRID_X, GRID_Y + ROWS * CARD_H + CUT_GAP + CUT_LEN + 3)
        c.restoreState()

    def to_word(self, out) -> None:
        """The caption, then the cards as a table at their own size (90 × 54 mm), each cell a card:
        title, kind, name, note, delegation, seat and the card number (the barcode is the PDF's:
        badges for the scanners are printed from the PDF)."""
        from .word import Piece, WCell, WPara, WRow

        colour = "%02X%02X%02X" % tuple(round(v * 255) for v in COLOURS[self.role].rgb())
        out.text(self.caption, size=CAPTION_SIZE, align="left", colour="595959")
        cells = []
        for card in self.cards:
            paras = [WPara([Piece(self.title, "hei", TITLE_SIZE)], align="center", space_before=6),
                     WPara([Piece(spaced(CARDS[self.role]), "hei", KIND_SIZE, colour=colour)], align="center",
                           space_before=2),
                     WPara([Piece(padded(card.name), "hei", NAME_SIZE)], align="center", space_before=4)]
            if card.note:
                paras.append(WPara([Piece(f"({card.note})", "song", NOTE_SIZE)], align="center"))
            paras.append(WPara([Piece(card.delegation, "song", DELEGATION_SIZE)], align="center"))
            if card.seat:
                paras.append(WPara([Piece(f"座位：{card.seat}", "hei", SEAT_SIZE)], align="center"))
            paras.append(WPara([Piece(card.number, "song", NUMBER_SIZE)], align="center"))
            cells.append(WCell(paras, boxed=True, valign="top"))
        while len(cells) % COLUMNS:
            cells.append(WCell([WPara([])]))
        rows = [WRow(cells[i:i + COLUMNS], height=CARD_H, exact=True) for i in range(0, len(cells), COLUMNS)]
        out.table([CARD_W] * COLUMNS, rows, centred=True, physical=True)

    @staticmethod
    def draw_cut_marks(c) -> None:
        c.setStrokeColor(RULE)
        c.setLineWidth(0.3)
        top, right = GRID_Y + ROWS * CARD_H, GRID_X + COLUMNS * CARD_W
        for col in range(COLUMNS + 1):
            x = GRID_X + col * CARD_W
            c.line(x, top + CUT_GAP, x, top + CUT_GAP + CUT_LEN)
            c.line(x, GRID_Y - CUT_GAP, x, GRID_Y - CUT_GAP - CUT_LEN)
        for row in range(ROWS + 1):
            y = GRID_Y + row * CARD_H
            c.line(GRID_X - CUT_GAP, y, GRID_X - CUT_GAP - CUT_LEN, y)
            c.line(right + CUT_GAP, y, right + CUT_GAP + CUT_LEN, y)


def ordered(delegation_id: int | None, role: str) -> list[MemberRow]:
    """ROLE's serving members by delegation, in stroke order within each (the roster's order)."""
    position = {d.delegation_id: i for i, d in enumerate(roster.list_delegations())}
    return sorted(roster.list_members(delegation_id, role=role), key=lambda m: position.get(m.delegation_id, 0))


def caption(role: str, cards: Sequence[Card]) -> str:
    """出席证（代表）　吴家山街代表团、长青街代表团 — which cards the sheet holds, for cutting
    and sorting them; the page footer is the only counter (第 1 页 共 52 页)."""
    names: list[str] = []
    for card in cards:
        if card.delegation not in names:
            names.append(card.delegation)
    return f"{CARDS[role]}（{role}）　{'、'.join(names)}"


def badge_seats() -> dict[int, str]:
    """member -> 一区3排5号 for the cards; {} without a hall, or when the delegations move from
    block to block at each plenary."""
    hall = seating.get_hall()
    if hall is None or hall.rotation == seating.Rotation.PLENARY:
        return {}
    return seating.seat_labels()


def prepare(*, role: str | None = None, delegation_id: int | None = None) -> Paper:
    """ROLE: 代表, 列席 or 工作人员 (by default all three, in that order); DELEGATION_ID: one delegation."""
    if role is not None and role not in ROLES:
        raise ServiceError(f"身份只能是代表、列席或工作人员，不能是“{role}”。")
    if delegation_id is not None and not any(d.delegation_id == delegation_id for d in roster.list_delegations()):
        raise ServiceError("找不到要打印的代表团（可能已被删除）。")
    info = session.session_info()
    shared = namesakes(roster.list_members())
    seats = badge_seats()
    roles = ROLES if role is None else (role,)
    decks: list[tuple[str, list[Card]]] = []
    items = [Printed(info.full_title, "会议名称")]
    for r in roles:
        members = ordered(delegation_id, r)
        decks.append((r, [Card(m.name, m.note if m.name in shared else "", m.delegation,
                               attendance.card_number(m.member_id), seats.get(m.member_id, ""))
                          for m in members]))
        items += [printed(m) for m in members]
        items += [Printed(d, "代表团名称") for d in dict.fromkeys(m.delegation for m in members)]
        items += [Printed(seats[m.member_id], f"{m.name}的座位") for m in members if m.member_id in seats]
    decks = [(r, cards) for r, cards in decks if cards]
    if not decks:
        raise ServiceError("没有要印证件的人员。")

    def story() -> list[Flowable]:
        out: list[Flowable] = []
        for index, (r, cards) in enumerate(decks):
            sheets = (len(cards) + PER_SHEET - 1) // PER_SHEET
            for n in range(sheets):
                part = cards[n * PER_SHEET:(n + 1) * PER_SHEET]
                if out:
                    out.append(PageBreak())
                out.append(CardSheet(r, part, f"MDBadge{index}", info.full_title, caption(r, part)))
        return out

    return Paper(KIND, TITLE, info.full_title, items, story, running_header=False)

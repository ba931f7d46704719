"""桌签: one A4 sheet per person, folded along the middle into a tent that stands on the table.

The name (a two-character one with the customary space: 王　烁) is set as large as the half
allows in 黑体 on both halves; the top half is turned 180°, so that both faces read upright when
the card stands folded. Short marks at the edges show the fold. A namesake's note goes small
under the name. No page numbers: nothing but the name shows on a card.

Whose cards: `meeting` — the 主席台 of that 预备会议 or 全体会议, in precedence; `delegation_id` —
that delegation's people for its discussion room, in the roster's order (团长, 副团长, then stroke
order; the 代表, then the 列席); `role` — only the 代表 or the 列席 (or 工作人员); by default the
代表 and 列席 of every delegation.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from meetingdesk.rules.words import Role
from meetingdesk.services import roster, seating, session
from meetingdesk.services.errors import ServiceError

from .coverage import Printed
from .delegations import chosen_delegations
from .fonts import HEI, runs, runs_width
from .frame import FRAME_HEIGHT, INK, MARGIN_BOTTOM, MARGIN_LEFT, PAGE_HEIGHT, PAGE_WIDTH, Paper, draw_runs
from .hall_drawing import chosen_meeting
from .names import ROLES, namesakes, padded, person_text

KIND = "tent_cards"
TITLE = "桌签"

SIDE = 18 * mm
NAME_SIZE = 150.0  # three characters fill the width of the sheet at about this
NOTE_SIZE = 22.0
MARK = colors.Color(0.6, 0.6, 0.6)
MARK_LEN = 8 * mm
DEFAULT_ROLES = (Role.DELEGATE, Role.ATTENDEE)


@dataclass(frozen=True)
class Card:
    name: str
    note: str  # printed only for a namesake


def face(c, card: Card) -> None:
    """One face, on the lower half of the sheet (page coordinates), reading upright."""
    half = PAGE_HEIGHT / 2
    width = PAGE_WIDTH - 2 * SIDE
    text = padded(card.name)
    wide = runs_width(runs(text, 1, HEI)) or 1
    size = min(NAME_SIZE, width / wide, half * 0.55)
    items = runs(text, size, HEI)
    middle = half / 2 + (NOTE_SIZE * 0.6 if card.note else 0)
    c.setFillColor(INK)
    draw_runs(c, items, (PAGE_WIDTH - runs_width(items)) / 2, middle - size * 0.36)
    if card.note:
        note = runs(f"（{card.note}）", NOTE_SIZE)
        while runs_width(note) > width and note[0].size > 8:
            note = runs(f"（{card.note}）", note[0].size - 1)
        draw_runs(c, note, (PAGE_WIDTH - runs_width(note)) / 2, middle - size * 0.36 - NOTE_SIZE * 1.6)


class TentCard(Flowable):
    """A whole sheet, drawn in page coordinates."""

    progress_units = 1

    def __init__(self, card: Card) -> None:
        super().__init__()
        self.card = card
        self.height = FRAME_HEIGHT - 1

    def wrap(self, availWidth, availHeight):
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.translate(-MARGIN_LEFT, -(MARGIN_BOTTOM + FRAME_HEIGHT - self.height))  # page coordinates
        face(c, self.card)
        c.saveState()
        c.translate(PAGE_WIDTH, PAGE_HEIGHT)
        c.rotate(180)  # the top half: turned about the sheet's centre
        face(c, self.card)
        c.restoreState()
        c.setStrokeColor(MARK)
        c.setLineWidth(0.5)
        fold = PAGE_HEIGHT / 2
        c.line(0, fold, MARK_LEN, fold)
        c.line(PAGE_WIDTH - MARK_LEN, fold, PAGE_WIDTH, fold)
        c.restoreState()

    def to_word(self, out) -> None:
        """The lower face as a table row of half the sheet, the name centred in it; the upper face the
        same in a box turned 180° at the mirror place above the fold."""
        from .word import GB_LEFT, GB_TOP, GB_WIDTH, MM, Piece, TextBox, WCell, WPara, WRow

        card = self.card
        half = 106 * MM  # each half's row: with the page break's line (LibreOffice sets it a full line high), within the 225 mm
        text = padded(card.name)
        wide = runs_width(runs(text, 1, HEI)) or 1
        size = min(NAME_SIZE, GB_WIDTH / wide * 0.98, half * 0.55)

        def face() -> list[WPara]:
            paras = [WPara([Piece(text, "hei", size)], align="center")]
            if card.note:
                paras.append(WPara([Piece(f"（{card.note}）", "song", NOTE_SIZE)], align="center"))
            return paras

        fold = PAGE_HEIGHT / 2
        upper = TextBox(face(), GB_LEFT, fold - (GB_TOP + half - fold) - half, GB_WIDTH, half, rotation=180)
        host = WPara([], boxes=[upper])
        out.table([GB_WIDTH], [WRow([WCell([host])], height=half, exact=True),
                               WRow([WCell(face())], height=half, exact=True)], physical=True)


def delegation_people(delegation_id: int, roles: Sequence[str]) -> list[roster.MemberRow]:
    """One delegation's people as its roster lists them: 团长, 副团长, then stroke order, role by role."""
    d = roster.get_delegation(delegation_id)
    leaders = [m for m in (d.head, *d.deputies) if m is not None and m.role in roles]
    first = {m.member_id for m in leaders}
    rest = [m for role in roles for m in roster.list_members(delegation_id, role=role) if m.member_id not in first]
    return leaders + rest


def prepare(*, meeting: str | None = None, delegation_id: int | None = None, role: str | None = None) -> Paper:
    """MEETING: its 主席台; else DELEGATION_ID and ROLE narrow the delegations' people."""
    info = session.session_info()
    if role is not None and role not in ROLES:
        raise ServiceError(f"身份只能是代表、列席或工作人员，不能是“{role}”。")
    row = chosen_meeting(meeting, TITLE)
    if row is not None:
        if delegation_id is not None or role is not None:
            raise ServiceError("桌签或按会议（主席台）打印，或按代表团、身份打印，不能同时指定。")
        seats = seating.podium(row.meeting_id).seats
        if not seats:
            raise ServiceError(f"{row.label}的主席台还没有人员：请先确定这次会议的主持人和执行主席，"
                               "或在“座次”页设置主席台名单。", "meeting")
        people: list = list(seats)
        wheres = [f"{row.name}主席台第 {s.rank} 号" for s in seats]
    else:
        delegations = chosen_delegations(delegation_id)
        roles = DEFAULT_ROLES if role is None else (role,)
        people = [m for d in delegations for m in delegation_people(d.delegation_id, roles)]
        wheres = [f"{m.delegation} {m.role}" for m in people]
    if not people:
        raise ServiceError("没有要印桌签的人员。")
    shared = namesakes(people)
    cards = [Card(p.name, p.note if p.name in shared else "") for p in people]
    items = [Printed(person_text(p), where) for p, where in zip(people, wheres)]

    def pages() -> Iterator[Flowable]:
        return (TentCard(card) for card in cards)

    def story() -> list[Flowable]:
        out: list[Flowable] = []
        for card in pages():
            if out:
                out.append(PageBreak())
            out.append(card)
        return out

    return Paper(KIND, TITLE, info.full_title, items, story, running_header=False, numbered=False,
                 pages=pages, page_count=len(cards))

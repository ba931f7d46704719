"""What the papers the session adopts share: their heading and how they set lists of names.

Seed 000 prints each of them (主席团和秘书长名单, 执行主席分组, 议程, 日程 …) under the
session's full title and the paper's name, then the line naming the meeting that adopted
it — "(2023年12月20日…预备会议通过)" — then the body. Names are set as in the
代表团编团名单: 四号 Song, two-character names padded, (女) and notes as small markers,
in columns that line up from row to row.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, Spacer

from meetingdesk.services import presidium, schedule, session

from .coverage import Printed
from .fonts import SONG, Run, runs, runs_width
from .frame import FRAME_WIDTH, Cell, ContinuedBlock, GridRow, Paper, title_block
from .names import Named, name_grid, name_runs, printed

SIZE = 14  # 四号, as the roster
MARK = 9  # (女) and notes
LEADING = 26
GAP = 6
COLUMN = FRAME_WIDTH / 5  # after a label ("副主任委员："), names take the presidium's columns
SECTION_SPACE = 10
UNSETTLED = "（尚未确定）"  # an empty list still prints, so the clerk sees what is missing


def adopted_paper(kind: str, title: str, printed: list[Printed],
                  body: Callable[[], list[Flowable]], *, session_title: str = "") -> Paper:
    """A paper under the session title, its name and the adopted-by line (omitted when unset).

    BODY builds the flowables from data already read, as `Paper.story` requires.
    SESSION_TITLE: the session as the paper names it, when not its full title (the 正式候选人名单
    names it without the city).
    """
    return headed_paper(kind, title, schedule.adoption(kind).line, printed, body, adopted=True,
                        session_title=session_title)


def headed_paper(kind: str, title: str, line: str, printed: list[Printed],
                 body: Callable[[], list[Flowable]], *, adopted: bool = False, session_title: str = "") -> Paper:
    """As `adopted_paper`, with the line under the title given: papers that schedule.adoption
    does not keep (a decision dated by its own meeting, a draft) word it themselves or pass "".
    ADOPTED: a paper the session adopts, which carries no page number when it is one page, as
    the seed prints them."""
    heading = session_title or session.session_info().full_title
    items = [Printed(heading, "会议名称"), Printed(line, "通过会议"), *printed]

    def story() -> list[Flowable]:
        return [*title_block(heading, title, line), *body()]

    return Paper(kind, title, heading, items, story, number_single_page=not adopted)


def text_row(content: str | list[Run], *, x: float = 0, font: str = SONG, size: float = SIZE,
             leading: float = LEADING) -> GridRow:
    """One line of text (wrapped if long) from X to the right edge."""
    items = runs(content, size, font) if isinstance(content, str) else content
    return GridRow([Cell(x, FRAME_WIDTH - x, items)], size=size, leading=leading)


def name_rows(people: Sequence[Named], columns: int, *, x: float = 0, column: float | None = None,
              label_cell: Cell | None = None) -> list[GridRow]:
    """PEOPLE in COLUMNS columns, in the order given; "（尚未确定）" when there is no one.

    The columns share the width from X to the margin unless COLUMN is given, as the seed's
    lists spread over the page.
    """
    column = column or (FRAME_WIDTH - x) / columns
    if not people:
        return [GridRow([Cell(x, FRAME_WIDTH - x, runs(UNSETTLED, SIZE))], size=SIZE, leading=LEADING,
                        label_cell=label_cell)]
    return name_grid(people, columns=columns, x=x, column=column, size=SIZE, mark=MARK,
                     leading=LEADING, gap=GAP, label_cell=label_cell)


def inline(label: str, person: Named, suffix: str = "") -> GridRow:
    """秘书长：周本奇(兼) — one name run into the line, unpadded as the seed prints it."""
    return text_row(runs(label, SIZE) + name_runs(person, SIZE, MARK, pad=False) + runs(suffix, SIZE))


def labelled(label: str, people: Sequence[Named]) -> list[GridRow]:
    """主任委员：葛晓丹 — the label, then the name, or the names in as many columns as fit after it."""
    if len(people) == 1:
        return [inline(label, people[0])]
    items = runs(label, SIZE)
    width = runs_width(items)
    columns = max(1, int((FRAME_WIDTH - width) // COLUMN))
    return name_rows(people, columns, x=width, column=COLUMN, label_cell=Cell(0, width, items))


def section(heading: str, rows: list[Flowable], continued: str) -> ContinuedBlock:
    """A heading line over its rows, never parted at a page break; CONTINUED heads the rest."""

    def head(more: bool) -> list[Flowable]:
        return [text_row(continued if more else heading)]

    return ContinuedBlock(head, rows, min_rows=2, space_before=SECTION_SPACE)


def gap() -> Spacer:
    return Spacer(1, SECTION_SPACE)


def printed_people(people: Sequence[Named], where: str) -> list[Printed]:
    return [printed(p, where) for p in people]


def role_list(kind: str, title: str, role: str, columns: int) -> Paper:
    """A paper that is one list of officers (常务主席, 副秘书长) in the order they were put."""
    people = presidium.list_roles(role)

    def body() -> list[Flowable]:
        return list(name_rows(people, columns))

    return adopted_paper(kind, title, printed_people(people, role), body)

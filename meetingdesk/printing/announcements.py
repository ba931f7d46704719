"""公告: the result of each election the presidium has confirmed, one page each, worded as
seed 000 words its three (lines 2056–2093).

Under "武汉市东西湖区第十一届人民代表大会 / 第三次会议公告" and "(第1号)", one sentence:
"…第三次会议于2023年12月23日选举产生了东西湖区第十一届人民代表大会常务委员会委员。现公布
如下(7人,以姓名笔画为序):" and the names, four a row with their (女) markers; for a single
seat, "…于2023年12月23日选举杨丹为东西湖区人民法院院长。" and no list; for deputies to a
higher congress, "…选举产生了…代表2名。现公布如下(以姓名笔画为序):" (the seed counts
those in the sentence, not in the parenthesis). The seed's half-width "(7人,…):" is kept.
Seats left vacant add "应选7人，当选6人，缺额1人。"; seats awaiting a re-vote among tied
candidates say so. Signed by the presidium (the session title without the city, broken
where the seed breaks it) and dated by the announcement.

Each 公告 is posted on its own: no running header, no page numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, PageBreak, Spacer

from meetingdesk.rules.numerals import chinese_date
from meetingdesk.rules.words import Role
from meetingdesk.services import counting, session
from meetingdesk.services.counting import Announcement, Elected
from meetingdesk.services.errors import ServiceError

from .coverage import Printed
from .documents import SIZE, paragraphs, split_title
from .fonts import runs, runs_width
from .frame import FRAME_WIDTH, TITLE as TITLE_STYLE, GridRow, Paper, para, style
from .names import name_grid
from .tables import lines_cell

KIND = "announcements"
TITLE = "公告"
COLUMNS = 4  # names a row, as the seed sets them
MARK = 10  # (女)
LEADING = 30
NUMBER = style("announcement-number", size=SIZE, leading=LEADING, align=TA_CENTER)
SIGNER = "主席团"
DELEGATES = Role.DELEGATE  # an office of deputies to a higher congress: "代表2名", not "(2人,…)"


@dataclass(frozen=True)
class Listed:
    """An elected person as names.Named wants them; Elected carries no gender, only its display."""

    name: str
    gender: str
    note: str


def listed(person: Elected) -> Listed:
    return Listed(person.name, person.gender, person.note)


def wording(a: Announcement, session_title: str) -> tuple[str, bool]:
    """(the sentence, whether the names follow as a list)."""
    opening = f"{session_title}于{chinese_date(a.date)}"
    count = len(a.elected)
    pending = a.seats - count - a.vacancies - a.further  # seats a re-vote among tied candidates will fill
    tail = f"应选{a.seats}人，当选{count}人，缺额{a.vacancies}人。" if a.vacancies else ""
    if pending:
        tail += f"尚有{pending}名须就得票相等的候选人再次投票选举。"
    if a.further:
        tail += f"尚有{a.further}名另行选举。"
    if not count:
        return f"{opening}进行了{a.office}的选举，没有候选人获得全体代表过半数的赞成票。{tail}", False
    if a.seats == 1:
        return f"{opening}选举{a.elected[0].name}为{a.office}。", False
    if a.office.endswith(DELEGATES):
        return f"{opening}选举产生了{a.office}{count}名。{tail}现公布如下(以姓名笔画为序):", True
    return f"{opening}选举产生了{a.office}。{tail}现公布如下({count}人,以姓名笔画为序):", True


def signature(session_title: str, day: str) -> GridRow:
    """东西湖区第十一届人民代表大会 / 第三次会议主席团 / 2023年12月23日, centred on one another,
    standing right with two characters to spare."""
    head, rest = split_title(session_title)
    lines = [head, rest + SIGNER, day]
    width = max(runs_width(runs(line, SIZE)) for line in lines)
    cell = lines_cell(FRAME_WIDTH - width - 2 * SIZE, width, lines, SIZE, align="center", pad=0, boxed=False)
    return GridRow([cell], size=SIZE, leading=LEADING)


def page(a: Announcement, full_title: str, session_title: str) -> list[Flowable]:
    head, rest = split_title(full_title)
    text, with_list = wording(a, session_title)
    out: list[Flowable] = [Spacer(1, 24), para(head, TITLE_STYLE), para(rest + TITLE, TITLE_STYLE),
                           Spacer(1, 6), para(f"(第{a.number}号)", NUMBER), Spacer(1, 18), *paragraphs([text])]
    if with_list:
        column = (FRAME_WIDTH - 2 * SIZE) / COLUMNS
        out += [Spacer(1, 4), *name_grid([listed(e) for e in a.elected], columns=COLUMNS, x=2 * SIZE,
                                         column=column, size=SIZE, mark=MARK, leading=LEADING, gap=SIZE / 2)]
    return out + [Spacer(1, 48), signature(session_title, chinese_date(a.date))]


def chosen(number: int | None, poll: int | None) -> list[Announcement]:
    """Every announcement, or NUMBER's, or those of POLL's elections."""
    found = counting.announcements()
    if not found:
        raise ServiceError("还没有主席团确认的选举结果，无法打印公告。请在“计票”页确认计票结果后再打印。")
    if poll is not None:
        row = counting.get_poll(poll)
        if row.confirmed_at is None:
            raise ServiceError(f"“{row.title}”的计票结果尚未经主席团确认，无法打印公告。")
        offices = {pe.election_id for pe in row.elections}
        found = [a for a in found if a.election_id in offices]
        if not found:
            raise ServiceError(f"“{row.title}”没有选举事项，没有公告可印。")
    if number is not None:
        numbers = "、".join(f"第{a.number}号" for a in found)
        found = [a for a in found if a.number == number]
        if not found:
            raise ServiceError(f"没有第{number}号公告。可以打印：{numbers}。")
    return found


def prepare(poll: int | None = None, number: int | None = None) -> Paper:
    """All announcements; NUMBER for one (第N号); POLL for those of one poll's elections."""
    found = chosen(number, poll)
    info = session.session_info()
    printed = [Printed(info.full_title, "会议名称")]
    printed += [Printed(a.office, f"第{a.number}号公告") for a in found]
    printed += [Printed(e.display, f"第{a.number}号公告") for a in found for e in a.elected]

    def story() -> list[Flowable]:
        out: list[Flowable] = []
        for i, a in enumerate(found):
            out += ([PageBreak()] if i else []) + page(a, info.full_title, info.title)
        return out

    return Paper(KIND, TITLE, info.full_title, printed, story, running_header=False, numbered=False)

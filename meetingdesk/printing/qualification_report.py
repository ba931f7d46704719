"""代表资格审查委员会关于补选代表资格的审查报告: the 补选 delegates the committee found qualified,
for the 常委会 meeting that confirms them, worded after seed 002's report (its lines 440–470:
"根据…的有关规定，…个选区依法补选…等 35 人为…代表。经代表资格审查委员会审查，…的代表资格有效，
现提请…人大常委会确认并予以公告。本次代表资格变动后，…实有代表 340 人。").

Under "东西湖区人大常委会代表资格审查委员会 / 关于补选代表资格的审查报告" and the line naming the
meeting ("——2023年11月29日在东西湖区第十一届人大常委会第十三次会议上", from the delegates'
confirmed start), the delegates by constituency (选区 or 选举单位, in their order), in stroke order
within each, with the count of each; when no constituency is recorded, one list in stroke order
(seed 002 prints its 35 so). The figure after the change is that of the confirming day.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from meetingdesk.rules.numerals import chinese_date
from meetingdesk.services import mandates, session
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.mandates import Changes

from .bodies import GAP, LEADING, MARK, SIZE as NAME_SIZE, text_row
from .coverage import Printed
from .documents import SIZE, address, paragraphs
from .frame import FRAME_WIDTH, SUBTITLE, TITLE as TITLE_STYLE, Paper, para
from .names import name_grid

KIND = "qualification_report"
TITLE = "代表资格审查委员会关于补选代表资格的审查报告"
COMMITTEE = "人大常委会代表资格审查委员会"
SUBJECT = "关于补选代表资格的审查报告"
LAWS = "《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》和《湖北省各级人民代表大会代表补选办法》"
COLUMNS = 5
INDENT = 2 * SIZE


def meeting_line(c: Changes) -> str:
    """——2023年11月29日在东西湖区第十一届人大常委会第十三次会议上; '' unless one meeting confirmed them."""
    if len(c.confirmed_by) != 1:
        return ""
    day = f"{chinese_date(c.confirmed_on[0])}" if len(c.confirmed_on) == 1 else ""
    return f"——{day}在{c.in_full(c.confirmed_by[0])}上"


def grouped(c: Changes) -> bool:
    return any(g.constituency for g in c.by_constituency)


def opening(c: Changes) -> str:
    n = c.by_elected_count
    where = ""
    if c.constituencies_recorded:
        names = [g.constituency for g in c.by_constituency]
        where = f"{names[0]}等 {len(names)} 个选区" if len(names) > 1 else names[0]
    order = "按选区排列，同一选区内按姓名笔画排序" if grouped(c) else "按姓名笔画排序"
    return (f"根据{LAWS}的有关规定，{where}依法补选产生{c.congress}代表 {n} 名。"
            f"现将补选的代表名单报告如下（{order}）：")


def closing(c: Changes) -> list[str]:
    n = c.by_elected_count
    who = f"以上 {n} 名代表" if n > 1 else "以上代表"
    return [f"经代表资格审查委员会审查，{who}的代表资格有效，现提请{c.region}人大常委会确认并予以公告。",
            f"本次代表资格变动后，{c.congress}实有代表 {c.current} 人。"]


def names_block(c: Changes) -> list[Flowable]:
    column = (FRAME_WIDTH - INDENT) / COLUMNS
    out: list[Flowable] = []
    for g in c.by_constituency:
        if grouped(c):
            out.append(text_row(f"{g.constituency or '未登记选区'}（{len(g.members)} 名）：", x=INDENT))
        out += name_grid(list(g.members), columns=COLUMNS, x=INDENT, column=column, size=NAME_SIZE, mark=MARK,
                         leading=LEADING, gap=GAP)
    return out


def prepare() -> Paper:
    info = session.session_info()
    found = mandates.changes()
    if not found.by_elected:
        raise ServiceError(f"名单中没有补选的代表，没有{TITLE}可印。请先在“代表团”页登记补选的代表。")
    # the figures of the day the 常委会 confirmed them: "本次代表资格变动后"
    c = mandates.changes(found.confirmed_on[-1]) if found.confirmed_on else found
    heading = f"{info.region}{COMMITTEE}"
    line = meeting_line(c)
    printed = [Printed(heading, "标题"), Printed(line, "会议")]
    printed += [Printed(mandates.prose_name(m), f"{m.delegation} 补选的代表") for m in c.by_elected]
    printed += [Printed(g.constituency, "选区") for g in c.by_constituency]

    def story() -> list[Flowable]:
        out: list[Flowable] = [para(heading, TITLE_STYLE), para(SUBJECT, TITLE_STYLE)]
        if line:
            out += [Spacer(1, 4), para(line, SUBTITLE)]
        out += [Spacer(1, 16), address("主任、各位副主任、各位委员："), *paragraphs([opening(c)]), Spacer(1, 4),
                *names_block(c), Spacer(1, 10), *paragraphs(closing(c))]
        return out

    return Paper(KIND, TITLE, info.full_title, printed, story, running_header=False)

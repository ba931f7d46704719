"""正式候选人名单, as seed 000 prints it (its lines 2028–2055).

Under the title as the seed gives it — "东西湖区第十一届人民代表大会第三次会议 正式候选人名单",
the session's title without the city — and the line naming the meeting that adopted it
(主席团第三次会议 in the seed): for each election "一、东西湖区第十一届人民代表大会常务委员会
委员候选人 8 人", then the candidates grouped by who nominated them (services.elections.
candidate_groups), each group in stroke order with its (女) markers. A group is worded as the
secretariat set it — the seed's "(一) 区级政党、人民团体提名 7 人", "市级政党提名 2 人" — and
otherwise as the data says ("(一) 大会主席团提名 7 人", "(二) 代表十人以上联名提名 1 人",
"中共武汉市委提名 2 人"). A candidate nominated by two papers stands once, under the first
received; withdrawn nominees and late joint nominations are not printed. Where one group holds
every candidate it is not numbered, and the presidium's alone is not named unless the
secretariat worded it: the seed's 院长 has no group line.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from meetingdesk.rules.numerals import chinese_number
from meetingdesk.services import elections, session
from meetingdesk.services.elections import PRESIDIUM_GROUP, CandidateGroup, ElectionRow

from .bodies import SIZE, UNSETTLED, adopted_paper, name_rows, printed_people, section, text_row
from .coverage import Printed
from .documents import paragraphs
from .frame import Paper

KIND = "candidates"
TITLE = "正式候选人名单"
COLUMNS = 4
INDENT = 2 * SIZE  # names and group lines under their election


def group_line(index: int, count: int, group: CandidateGroup) -> str | None:
    """(一) 区级政党、人民团体提名 7 人; unnumbered when alone, and none for the presidium's alone
    unless the secretariat worded it."""
    people = len(group.people)
    if count == 1:
        if group.label == PRESIDIUM_GROUP and not group.wording:
            return None
        return f"{group.text} {people} 人"
    return f"({chinese_number(index)}) {group.text} {people} 人"


def election_block(number: int, election: ElectionRow, parts: list[CandidateGroup]) -> Flowable:
    """The election's line over its groups, never parted from them at a page break."""
    heading = f"{chinese_number(number)}、{election.office}候选人 {sum(len(g.people) for g in parts)} 人"
    rows: list[Flowable] = []
    for index, group in enumerate(parts, start=1):
        line = group_line(index, len(parts), group)
        if line:
            row = text_row(line, x=INDENT)
            row.keep_with_next = True  # a group's line goes over a page break with its names
            rows.append(row)
        rows += name_rows(list(group.people), COLUMNS, x=INDENT)
    return section(heading, rows or [text_row(UNSETTLED, x=INDENT)], heading + "（续）")


def prepare() -> Paper:
    title = session.session_info().title  # the seed heads this list without the city (its line 2028)
    intro = f"根据《{title}选举和表决办法》的规定，确定正式候选人名单如下（以姓名笔画为序）："
    wordings = elections.group_wordings()
    found = [(e, elections.candidate_groups(e, wordings)) for e in elections.list_elections()]
    printed = [Printed(e.office, "选举事项") for e, _ in found]
    printed += [p for e, parts in found for g in parts
                for p in (Printed(g.text, e.office), *printed_people(g.people, f"{e.office}候选人"))]

    def body() -> list[Flowable]:
        blocks = [election_block(number, e, parts) for number, (e, parts) in enumerate(found, start=1)]
        return [*paragraphs([intro]), *(blocks or [text_row(UNSETTLED)])]

    return adopted_paper(KIND, TITLE, printed, body, session_title=title)

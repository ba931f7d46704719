"""正式候选人名单, as seed 000 prints it (its lines 2026–2052).

For each election "一、东西湖区第十一届人民代表大会常务委员会委员候选人 8 人", then the
candidates grouped by how they were nominated — "(一) 大会主席团提名 7 人",
"(二) 代表十人以上联名提名 1 人", or the party that nominated them — each group in stroke
order with its (女) markers. A candidate nominated by two papers stands once, under the
first received; withdrawn nominees and late joint nominations are not printed. Where one
group holds every candidate it is not numbered, and the presidium's alone is not named at
all: the seed's 院长 has no group line, its city deputies "市级政党提名 2 人".
It prints under the line naming the meeting that adopted it (主席团第三次会议 in the seed).
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from meetingdesk.rules.numerals import chinese_number
from meetingdesk.services import elections, presidium, session
from meetingdesk.services.elections import ElectionRow, NominationRow, NomineeRow

from .bodies import SIZE, UNSETTLED, adopted_paper, name_rows, printed_people, section, text_row
from .coverage import Printed
from .documents import paragraphs
from .frame import Paper

KIND = "candidates"
TITLE = "正式候选人名单"
COLUMNS = 4
INDENT = 2 * SIZE  # names and group lines under their election
BY_PRESIDIUM = "大会主席团"
# How the list names a kind of nomination; a party or organisation is named by itself.
NOMINATED_BY = {"主席团": BY_PRESIDIUM, "代表联名": "代表十人以上联名"}
# The presidium's (or the parties') candidates before those of the delegates jointly, as the seed.
RANK = {"代表联名": 1}

Group = tuple[str, list[NomineeRow]]


def nominated_by(nomination: NominationRow) -> str:
    return NOMINATED_BY.get(nomination.nominator) or nomination.by


def groups(election: ElectionRow) -> list[Group]:
    """(who nominated, candidates in stroke order), each candidate under the first paper naming them."""
    standing = {c.person_id for c in election.candidates}  # the services' rule of who stands
    placed: set[int] = set()
    found: dict[str, list[NomineeRow]] = {}
    ranks: dict[str, int] = {}
    for nomination in election.nominations:  # in order of receipt
        if nomination.late:
            continue
        label = nominated_by(nomination)
        for person in nomination.active_nominees:
            if person.person_id in standing and person.person_id not in placed:
                placed.add(person.person_id)
                found.setdefault(label, []).append(person)
                ranks[label] = RANK.get(nomination.nominator, 0)
    ordered = sorted(found, key=lambda label: ranks[label])  # stable: otherwise in order of receipt
    return [(label, presidium.sort_people(found[label])) for label in ordered]


def group_line(index: int, count: int, label: str, people: int) -> str | None:
    """(一) 大会主席团提名 7 人; unnumbered when alone, and none for the presidium's alone."""
    if count == 1:
        return None if label == BY_PRESIDIUM else f"{label}提名 {people} 人"
    return f"({chinese_number(index)}) {label}提名 {people} 人"


def election_block(number: int, election: ElectionRow, parts: list[Group]) -> Flowable:
    """The election's line over its groups, never parted from them at a page break."""
    heading = f"{chinese_number(number)}、{election.office}候选人 {sum(len(p) for _, p in parts)} 人"
    rows: list[Flowable] = []
    for index, (label, people) in enumerate(parts, start=1):
        line = group_line(index, len(parts), label, len(people))
        if line:
            row = text_row(line, x=INDENT)
            row.keep_with_next = True  # a group's line goes over a page break with its names
            rows.append(row)
        rows += name_rows(people, COLUMNS, x=INDENT)
    return section(heading, rows or [text_row(UNSETTLED, x=INDENT)], heading + "（续）")


def prepare() -> Paper:
    title = session.session_info().title
    intro = f"根据《{title}选举和表决办法》的规定，确定正式候选人名单如下（以姓名笔画为序）："
    found = [(e, groups(e)) for e in elections.list_elections()]
    printed = [Printed(e.office, "选举事项") for e, _ in found]
    printed += [p for e, parts in found for label, people in parts
                for p in (Printed(label, e.office), *printed_people(people, f"{e.office}候选人"))]

    def body() -> list[Flowable]:
        blocks = [election_block(number, e, parts) for number, (e, parts) in enumerate(found, start=1)]
        return [*paragraphs([intro]), *(blocks or [text_row(UNSETTLED)])]

    return adopted_paper(KIND, TITLE, printed, body)

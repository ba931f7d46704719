"""预选选票: the preliminary ballot, printed per delegation (seed 000, 选举和表决办法 第六至九条).

When an election has more nominees than the 办法 allows as candidates, the delegations hold a
preliminary vote, each in its own room, counted centrally (第七条); so each delegation gets its
own stack, its name under the title, one copy per serving delegate. Only the elections that
need the vote are on it, each with its nominees in stroke order, one box each, and 应预选 N 人:
the most candidates the 办法 allows, the number the vote is to choose. No write-ins: a
preliminary ballot naming anyone else is void (第八条). The boxes take the session's marks, and
the 说明 says them as the 办法 sets them (`session.bylaw()`), with its articles.
"""
from __future__ import annotations

from meetingdesk.rules.bylaw import Bylaw
from meetingdesk.rules.words import Role
from meetingdesk.services import elections, roster, session
from meetingdesk.services.elections import ElectionRow
from meetingdesk.services.errors import ServiceError

from .ballot_sheet import (
    Section, ballot_paper, candidate_slots, copies_of, election_sheet, heading, how_to_mark, printed_marks, printed_slots,
)
from .coverage import Printed
from .frame import Paper

KIND = "preballots"
TITLE = "预选选票"


def notes(bylaw: Bylaw) -> list[str]:
    """办法 第八条 and the session's marks, as the voter reads them on the preliminary ballot."""
    return [
        f"预选时，应当在预选候选人名单范围内投票，不能另选他人{bylaw.cite('预选')}。",
        # 第十三条 speaks of the formal election: the marks are the session's, the article is not cited
        f"对预选候选人，{how_to_mark('其姓名', bylaw, cited=False)}",
        "每项选举赞成的人数等于或者少于应预选名额的，该选票有效；多于应预选名额或者有另选他人的，该选票无效。",
    ]


def places(election: ElectionRow) -> int:
    """应预选名额: as many candidates as the 办法 decided (seed: 8 for 7 seats), else as many as the
    law allows (等额: the seats themselves)."""
    # limited, or the election would not need a preliminary vote
    return election.most_candidates


def _section(election: ElectionRow) -> Section:
    slots = candidate_slots(election.candidates, f"{election.office}的预选候选人中")
    return Section(f"{election.office}（应预选 {places(election)} 人）", tuple(slots))


def prepare(delegation_id: int | None = None, spares: int = 0, serial: bool = False) -> Paper:
    """Every delegation's stack (or DELEGATION_ID's): its serving delegates' copies plus SPARES,
    SERIAL numbered from 0001 in each delegation."""
    info = session.session_info()
    sections = [_section(e) for e in elections.list_elections() if e.needs_preliminary]
    if not sections:
        raise ServiceError("没有需要预选的选举：各项选举的被提名人都不多于办法规定的候选人数。")
    teams = roster.list_delegations() if delegation_id is None else [roster.get_delegation(delegation_id)]
    stacks = [(team, copies_of(TITLE, team.count(Role.DELEGATE), spares, serial, None, 0))
              for team in teams if team.count(Role.DELEGATE) or spares]  # a delegation with no one gets none
    if not stacks:
        raise ServiceError("所选代表团没有在任代表，没有预选选票可印。")
    bylaw = session.bylaw()
    said = notes(bylaw)
    sheets = [(election_sheet(TITLE, heading(info, TITLE, team.name), sections, said, copies), copies)
              for team, copies in stacks]
    printed = [Printed(team.name, "代表团") for team, _ in stacks]
    printed += [Printed(s.title, "选举事项") for s in sections]
    printed += [p for s in sections for p in printed_slots(s.slots, s.title)]
    return ballot_paper(KIND, TITLE, info, sheets, printed + printed_marks(bylaw))

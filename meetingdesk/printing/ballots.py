"""选票: the ballot of the day of the vote, every election of the session on one sheet.

Seed 000's 选举和表决办法 第十二至十四条: one ballot for all the elections ("选票 1 张"),
each election's candidates in stroke order with a box to the right of the name and, where the
election allows it, as many "另选人姓名" boxes as seats. How to mark it (seed 000 第十三条: "○"
for, "×" against, no mark abstains) and the articles it cites are the session's 办法
(`session.bylaw()`). Names are printed as on the candidate list without (女) markers; two
candidates of one election who share a name get their distinguishing notes. Only a list the
presidium has fixed is printed: the ballot is the formal candidate list (第六条).
"""
from __future__ import annotations

from meetingdesk.rules.bylaw import Bylaw
from meetingdesk.services import elections, session
from meetingdesk.services.elections import ElectionRow
from meetingdesk.services.errors import ServiceError

from .ballot_sheet import (
    Section, ballot_paper, candidate_slots, copies_of, delegates_for, election_sheet, heading, how_to_mark, marking,
    printed_boxes, printed_marks, printed_slots,
)
from .coverage import Printed
from .frame import Paper

KIND = "ballots"
TITLE = "选票"


def notes(bylaw: Bylaw, write_ins: bool) -> list[str]:
    """办法 第十三、十四条, as the voter reads them on the ballot: the session's marks and articles."""
    counted = "（赞成的候选人与另选人合计）" if write_ins else ""
    write_in = ("对候选人投反对票的，可以另选他人：在“另选人姓名”栏内用正楷字体写上另选人的姓名，"
                f"并在其右边对应框内{marking(bylaw.yes_mark)}。投弃权票的，不能另选他人。")
    return [
        f"对所列候选人，{how_to_mark('其姓名', bylaw)}符号画得不清的，该张选票对该候选人的选举无效。",
        *([write_in] if write_ins else []),
        f"每项选举所选人数{counted}等于或者少于应选人数的有效，多于应选人数的为废票{bylaw.cite('有效')}。",
    ]


def _section(election: ElectionRow) -> Section:
    if election.needs_preliminary:
        raise ServiceError(f"{election.office}的被提名人多于办法规定的候选人数，须先进行预选、"
                           "由主席团确定正式候选人名单，才能印制选票。")
    if election.fixed_on is None:
        raise ServiceError(f"{election.office}的正式候选人名单尚未由主席团确定，不能印制选票。"
                           "请在“选举”页确定候选人名单后再打印。")
    if not election.candidates:
        raise ServiceError(f"{election.office}没有候选人，不能印制选票。")
    slots = candidate_slots(election.candidates, f"{election.office}的候选人中")
    return Section(f"{election.office}（应选 {election.seats} 人）", tuple(slots),
                   election.seats if election.write_ins else 0)


def sections() -> list[Section]:
    """The sheet's sections: every election, each list fixed by the presidium."""
    found = elections.list_elections()
    if not found:
        raise ServiceError("本次会议还没有选举事项，没有选票可印。")
    return [_section(e) for e in found]


def poll_sections(poll_id: int) -> list[Section]:
    """The sheet of one poll: a re-vote among the tied (再次投票, no write-ins), a further round for
    vacant seats (另行选举) or a vote again (重新投票) has a ballot of its own, its candidates in
    stroke order."""
    from meetingdesk.services import counting, presidium  # the poll's own candidates and seats

    row = counting.get_poll(poll_id)
    if not row.elections:
        raise ServiceError(f"“{row.title}”没有选举事项，没有选票可印。")
    kind = "" if row.kind == "正式投票" else f"{row.kind}，"
    found = []
    for pe in row.elections:
        slots = candidate_slots(presidium.sort_people(list(pe.candidates)), f"{pe.office}的候选人中")
        found.append(Section(f"{pe.office}（{kind}应选 {pe.seats} 人）", tuple(slots),
                             pe.seats if pe.write_ins else 0))
    return found


def prepare(copies: int | None = None, spares: int = 0, serial: bool = False, box: str | None = None,
            meeting: str | None = None, poll: int | None = None) -> Paper:
    """COPIES (default: one per serving delegate, or per delegate present at MEETING) and SPARES; SERIAL numbers them; BOX prints a
    ballot box on each (its name, or "cycle": the session's boxes in turn). POLL: the ballot of that
    poll (a re-vote, a further round); by default every election's fixed list."""
    info = session.session_info()
    found = sections() if poll is None else poll_sections(int(poll))
    plan = copies_of(TITLE, copies, spares, serial, box, delegates_for(info, meeting, copies))
    write_ins = any(s.write_ins for s in found)
    bylaw = session.bylaw()
    sheet = election_sheet(TITLE, heading(info, TITLE), found, notes(bylaw, write_ins), plan)
    printed = [Printed(s.title, "选举事项") for s in found]
    printed += [p for s in found for p in printed_slots(s.slots, s.title)]
    return ballot_paper(KIND, TITLE, info, [(sheet, plan)], printed + printed_marks(bylaw) + printed_boxes(plan))

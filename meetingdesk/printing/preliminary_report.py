"""预选计票结果报告: the preliminary vote's result, as the 办法 (seed 000 第七条) has it
reported to the presidium, which fixes the official candidates by the order of the votes.

Per election with a preliminary vote, per round: each delegation's delegates, those taking
part, ballots issued, returned and void, with the verdict on its quorum and round; then
every candidate's votes summed over the delegations, most first, with what the rules decide
(列为正式候选人 / 再次预选), the arithmetic word for word; and the scrutineers' lines.
A round whose entries are not complete is refused by name.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from meetingdesk.rules.numerals import chinese_number
from meetingdesk.rules.words import Role
from meetingdesk.services import elections, preliminary
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.preliminary import RoundResult

from .bodies import headed_paper
from .coverage import Printed
from .frame import Paper, para
from .tables import Column
from .tally_report import BODY, SECTION, TOTAL, Signatures, captioned, signature_slots

KIND = "preliminary_report"
TITLE = "预选计票结果报告"

DELEGATION_COLUMNS = (Column("代表团"), *(Column(what, 56) for what in (Role.DELEGATE, "参加预选", "发出", "收回", "无效",
                                                                       "有效")))
KEPT = 4
VOTE_COLUMNS = (Column("序号", 40), Column("候选人"), Column("得票", 70), Column("结果", 150))


def delegation_rows(outcome: RoundResult) -> list[list[str]]:
    rows = []
    sums = [0] * 6
    for line in outcome.lines:
        s = line.sheet
        figures = [line.delegates, s.present, s.issued, s.returned, s.void, s.returned - s.void]
        sums = [a + b for a, b in zip(sums, figures)]
        rows.append([line.delegation, *map(str, figures)])
    return rows + [[TOTAL, *map(str, sums)]]


def vote_rows(outcome: RoundResult) -> list[list[str]]:
    o = outcome.outcome
    elected, tied = {v.key for v in o.elected}, {v.key for v in o.revote}
    names = {c.person_id: c.display for c in outcome.round.candidates}
    ranked = sorted(outcome.totals.items(), key=lambda kv: -kv[1])
    rows = []
    for n, (pid, votes) in enumerate(ranked, start=1):
        verdict = "列为正式候选人" if pid in elected else ("得票相等，再次预选" if pid in tied else "")
        rows.append([str(n), names[pid], str(votes), verdict])
    return rows


def _results() -> list[RoundResult]:
    found = []
    for election in elections.list_elections():
        for r in preliminary.rounds(election.election_id):
            outcome = preliminary.result(r.round_id)
            if not outcome.complete:
                waiting = "、".join(line.delegation for line in outcome.lines if line.state != "两遍一致"
                                   or line.problems)
                raise ServiceError(f"{r.title}的计票尚未完成（{waiting}），不能打印{TITLE}。")
            found.append(outcome)
    if not found:
        raise ServiceError(f"本次会议没有进行预选，没有{TITLE}可印。")
    return found


def prepare() -> Paper:
    found = _results()
    slots = signature_slots()
    printed = [Printed(o.round.title, "预选") for o in found]
    printed += [Printed(c.display, o.round.office) for o in found for c in o.round.candidates]
    printed += [Printed(line.delegation, "代表团") for line in found[0].lines]
    printed += [Printed(name, label.rstrip("：")) for label, name in slots]

    def body() -> list[Flowable]:
        out: list[Flowable] = []
        for n, o in enumerate(found, start=1):
            out += [para(f"{chinese_number(n)}、{o.round.title}", SECTION),
                    captioned("（一）各代表团预选情况", DELEGATION_COLUMNS, delegation_rows(o)),
                    Spacer(1, 4),
                    para("各代表团参加预选的代表均超过该团全体代表的半数，收回的预选选票均不多于发出的，"
                         "预选有效。", BODY),
                    captioned(f"（二）候选人得票（应确定正式候选人 {o.round.places} 人）", VOTE_COLUMNS,
                              vote_rows(o)),
                    Spacer(1, 4),
                    *(para(line, BODY) for line in o.outcome.lines[-1:]),
                    Spacer(1, 8)]
        # the last table of votes and its verdict stay on the signatures' page
        return [*out[:-KEPT], KeepTogether([*out[-KEPT:], Spacer(1, 18), Signatures(slots)])]

    return headed_paper(KIND, TITLE, "", printed, body)

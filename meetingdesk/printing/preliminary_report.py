"""预选计票结果报告: the preliminary vote's result, as the 办法 (seed 000 第七条) has it
reported to the presidium, which fixes the official candidates by the order of the votes.

Per election with a preliminary vote, per round: each delegation's delegates, those taking
part, ballots issued, returned and void, with the verdict on its quorum and round; then
every candidate's votes summed over the delegations, most first, with what the rules decide
(列为正式候选人 / 再次预选), the arithmetic word for word; then the lines it is signed on.

It is signed as the 办法 has the preliminary vote watched and counted (seed 000 第七条): by the
预选监票人 each delegation chose from its delegates who are not candidates — one line a person,
under the delegation's name, the name small under the line, a blank line for a delegation that
has chosen none yet (services.preliminary.pre_scrutineers) — and by the 计票人 the secretariat
appoints from its staff (two lines to sign: the program does not keep who they are). Not by the
session's 总监票人 and 监票人: the plenary adopts those later, for the election itself.
A round whose entries are not complete is refused by name.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Spacer

from meetingdesk.rules.numerals import chinese_number
from meetingdesk.rules.words import Role
from meetingdesk.services import elections, preliminary
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.preliminary import RoundResult

from .bodies import headed_paper
from .coverage import Printed
from .fonts import runs, runs_width
from .frame import FRAME_WIDTH, Paper, draw_runs, para
from .names import padded
from .tables import Column
from .tally_report import BODY, SECTION, SIZE, TOTAL, captioned, draw_slot, slot_cells

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


# ---------------------------------------------------------------- the signatures


COUNTERS = 2  # 计票人: the two clerks who enter every delegation's sheet


SUFFIX = "代表团"
DATE = "年　　月　　日"


@dataclass(frozen=True)
class Slot:
    label: str  # 吴家山街 / 计票人：
    name: str  # printed small under the line; "" to be written in


def scrutineer_slots(delegations: Sequence[tuple[int, str]]) -> list[Slot]:
    """One slot per 预选监票人 of each of DELEGATIONS ((id, name), in order), a blank one for a
    delegation that has chosen none. The label is the delegation's name, 吴家山街 without its
    代表团 when every name has it (the heading says 预选监票人)."""
    chosen: dict[int, list[str]] = {}
    for row in preliminary.pre_scrutineers():
        chosen.setdefault(row.delegation_id, []).append(padded(row.name))
    short = all(name.endswith(SUFFIX) and len(name) > len(SUFFIX) for _, name in delegations)
    return [Slot((name.removesuffix(SUFFIX) if short else name) + "：", person)
            for delegation_id, name in delegations for person in chosen.get(delegation_id, [""])]


def columns_for(slots: Sequence[Slot]) -> int:
    """As many columns (3, 2 or 1) as leave each line at least five characters after its label."""
    widest = max((runs_width(runs(s.label, SIZE)) for s in slots), default=0)
    return next((n for n in (3, 2) if widest + 6 * SIZE <= FRAME_WIDTH / n), 1)


class SlotRow(Flowable):
    """One row of lines to sign: each slot its label, a drawn line as long as its column leaves,
    the name small under the line. Rows are flowables of their own: a long list of delegations
    (35 at the NPC) goes on over a page, a short one stays with the votes it vouches for."""

    HEIGHT = 40

    def __init__(self, slots: Sequence[Slot], columns: int, label_width: float | None = None) -> None:
        super().__init__()
        self.slots = list(slots)
        self.columns = columns
        # the lines of a block start alike, after its widest label
        self.label_width = label_width

    def wrap(self, availWidth, availHeight):
        self.height = self.HEIGHT
        return FRAME_WIDTH, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.6)
        width = FRAME_WIDTH / self.columns
        for i, slot in enumerate(self.slots):
            draw_slot(c, i * width, self.HEIGHT / 2 + 2, width, slot.label, slot.name, self.label_width or 0)

    def to_word(self, out) -> None:
        """The same slots as a row of a borderless table: the label and a line to sign on, the
        name small under it."""
        from .word import WRow

        cells = slot_cells([(slot.label, slot.name) for slot in self.slots], self.columns, self.label_width or 0)
        out.table([FRAME_WIDTH / self.columns] * self.columns, [WRow(cells, height=self.HEIGHT)])


class Line(Flowable):
    """A line of text at the left (预选监票人：) or at the right, two characters in (年 月 日)."""

    def __init__(self, text: str, *, right: bool = False, height: float = 28) -> None:
        super().__init__()
        self.text, self.right, self.height = text, right, height

    def wrap(self, availWidth, availHeight):
        return FRAME_WIDTH, self.height

    def draw(self) -> None:
        items = runs(self.text, SIZE)
        x = FRAME_WIDTH - runs_width(items) - 2 * SIZE if self.right else 0
        draw_runs(self.canv, items, x, self.height / 2 - SIZE / 3)

    def to_word(self, out) -> None:
        out.text(self.text, size=SIZE, align="right" if self.right else "left", space_before=SIZE / 2)


def signatures(slots: Sequence[Slot], counters: int = COUNTERS) -> list[Flowable]:
    """预选监票人： and the delegations' lines; 计票人： and its lines; the date."""
    columns = columns_for(slots)
    widest = max((runs_width(runs(s.label, SIZE)) for s in slots), default=0)
    rows: list[Flowable] = [Line("预选监票人：")]
    rows += [SlotRow(slots[i:i + columns], columns, widest) for i in range(0, len(slots), columns)]
    rows += [Spacer(1, 6), SlotRow([Slot("计票人：", ""), *(Slot("", "") for _ in range(counters - 1))],
                                   max(3, counters)),
             Line(DATE, right=True, height=40)]
    return rows


# ---------------------------------------------------------------- the paper


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
    slots = scrutineer_slots([(line.delegation_id, line.delegation) for line in found[0].lines])
    printed = [Printed(o.round.title, "预选") for o in found]
    printed += [Printed(c.display, o.round.office) for o in found for c in o.round.candidates]
    printed += [Printed(line.delegation, "代表团") for line in found[0].lines]
    printed += [Printed(slot.name, f"{slot.label.rstrip('：')}预选监票人") for slot in slots if slot.name]

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
        return [*out[:-KEPT], KeepTogether([*out[-KEPT:], Spacer(1, 12), *signatures(slots)])]

    return headed_paper(KIND, TITLE, "", printed, body)

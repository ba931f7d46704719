"""计票结果报告单: what the chief scrutineer reads out once the count is done.

Seed 000's 选举和表决办法 第十八、十九条: after the vote the chief scrutineer reports the
ballots issued and returned, and whether the round stands; after the count, the votes of
every candidate and every item, to the standing chairs and then to the delegates. So the
paper gives, under the poll and its meeting: per paper (选票, 表决票) the ballots issued and
returned by box with the round's verdict, the quorum; per election the votes by box and in
total (write-ins as rows of their own), the void ballots, the rules' arithmetic word for word
and who is elected; per item its votes by box; the corrections logged after confirmation;
and lines for the scrutineers to sign, their names under them, and the date.

A poll whose two entries differ or miss a box has no result: it is refused. A round that
does not stand (more returned than issued, or short of the quorum) prints its figures but
no one elected and nothing passed.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.platypus import Flowable, KeepTogether, Spacer

from meetingdesk.rules.numerals import chinese_date, chinese_number
from meetingdesk.services import counting, presidium, voting
from meetingdesk.services.counting import ElectionResult, Figure, PollElectionRow, PollItemRow
from meetingdesk.services.voting import BoxRow

from .bodies import headed_paper
from .coverage import Printed
from .fonts import HEI, SONG, runs, runs_width
from .frame import FRAME_WIDTH, Paper, draw_runs, para, style
from .names import namesakes, padded
from .results import Boxes, by_box, complete_result, decided, poll_line
from .tables import Column, table

KIND = "tally_report"
TITLE = "计票结果报告单"
SIZE = 12  # 小四: the prose
TABLE_SIZE = 10.5  # 五号: the figures
TABLE_LEADING = 14
NAME_WIDTH = 80  # the 候选人 column of an election's table
TOTAL_WIDTH = 48  # its 合计 columns
NARROW = 320  # the tables of papers and items, centred
BODY = style("tally-body", size=SIZE, leading=21, align=TA_JUSTIFY, first_indent=2 * SIZE)
SECTION = style("tally-section", font=HEI, size=14, leading=26, align=TA_LEFT)
CAPTION = style("tally-caption", font=HEI, size=SIZE, leading=22, align=TA_LEFT)
TOTAL = "合计"
WRITE_IN = "（另选人）"  # as rules.counting names a write-in in its lines
VOID_ROUND = "本次投票无效，不宣布{what}。"
KEPT = 4  # the last table, its words and the space after: kept on the signatures' page

Rows = list[list[str]]


# ---------------------------------------------------------------- the tables


def paper_rows(paper: str, boxes: Sequence[BoxRow], figures: Boxes) -> Rows:
    """票箱 | 发出 | 收回, then the totals."""
    pairs = [papers.get(paper, (0, 0)) for papers, _ in figures]
    rows = [[box.name, str(issued), str(returned)] for box, (issued, returned) in zip(boxes, pairs, strict=True)]
    return rows + [[TOTAL, str(sum(p[0] for p in pairs)), str(sum(p[1] for p in pairs))]]


def write_ins(pe: PollElectionRow, figures: Boxes) -> list[str]:
    """The names written in for PE, in the order the boxes first show them."""
    names: list[str] = []
    for _, by_key in figures:
        for peid, person, name, _ in by_key:
            if peid == pe.poll_election_id and person is None and name and name not in names:
                names.append(name)
    return names


def _sum(found: Sequence[Figure | None], what: str) -> int:
    return sum(getattr(f, what) for f in found if f is not None)


def election_rows(pe: PollElectionRow, figures: Boxes) -> Rows:
    """候选人 | 赞成 by box | 赞成 反对 弃权 in total; write-ins after the candidates."""
    shared = namesakes(pe.candidates)
    # a namesake shows its note, as on the ballot; a two-character name is padded as on the lists
    lines = [(c.display if c.name in shared else padded(c.name), (pe.poll_election_id, c.person_id, "", None))
             for c in pe.candidates]
    lines += [(name + WRITE_IN, (pe.poll_election_id, None, name, None)) for name in write_ins(pe, figures)]
    rows = []
    for label, key in lines:
        found = [by_key.get(key) for _, by_key in figures]
        rows.append([label, *(str(_sum([f], "yes")) for f in found),
                     *(str(_sum(found, what)) for what in ("yes", "no", "abstain"))])
    return rows


def election_columns(boxes: Sequence[BoxRow]) -> list[Column]:
    """The boxes share what the name and the totals leave: their names (会场1号票箱) are the long headings."""
    width = (FRAME_WIDTH - NAME_WIDTH - 3 * TOTAL_WIDTH) / max(1, len(boxes))
    return [Column("候选人", NAME_WIDTH), *(Column((box.name, "赞成"), width) for box in boxes),
            *(Column((TOTAL, what), TOTAL_WIDTH) for what in ("赞成", "反对", "弃权"))]


def void_text(pe: PollElectionRow, boxes: Sequence[BoxRow], figures: Boxes, returned: int) -> str:
    """废票：主席团票箱 0 张，…，共 0 张；有效选票 210 张。"""
    key = (pe.poll_election_id, None, "", None)
    found = [by_key.get(key) for _, by_key in figures]
    parts = "，".join(f"{box.name} {_sum([f], 'void')} 张" for box, f in zip(boxes, found, strict=True))
    void = _sum(found, "void")
    return f"废票：{parts}，共 {void} 张；有效选票 {returned - void} 张。"


def item_rows(pi: PollItemRow, boxes: Sequence[BoxRow], figures: Boxes) -> Rows:
    """票箱 | 赞成 反对 弃权 无效, then the totals."""
    key = (None, None, "", pi.poll_item_id)
    found = [by_key.get(key) for _, by_key in figures]
    whats = ("yes", "no", "abstain", "void")
    rows = [[box.name, *(str(_sum([f], what)) for what in whats)] for box, f in zip(boxes, found, strict=True)]
    return rows + [[TOTAL, *(str(_sum(found, what)) for what in whats)]]


PAPER_COLUMNS = (Column("票箱"), Column("发出", 90), Column("收回", 90))
ITEM_COLUMNS = (Column("票箱"), *(Column(what, 50) for what in ("赞成", "反对", "弃权", "无效")))


def captioned(caption: str, columns: Sequence[Column], rows: Rows, *, narrow: bool = False) -> Flowable:
    """A table under its caption, the caption coming again ("（续）") over a continued part."""
    def head(continued: bool) -> list[Flowable]:
        return [para(caption + ("（续）" if continued else ""), CAPTION)]

    total = NARROW if narrow else FRAME_WIDTH
    return table(columns, rows, size=TABLE_SIZE, leading=TABLE_LEADING, x=(FRAME_WIDTH - total) / 2,
                 total=total, space_before=6, caption=head, min_rows=2)  # never one row alone under "（续）"


# ---------------------------------------------------------------- the signatures


SIGNED_NAME_SIZE = 10.5  # the name printed small under a line to sign on


def draw_slot(c, x: float, base: float, width: float, label: str, name: str, label_width: float = 0) -> None:
    """LABEL at X on BASE, a line to sign on to the end of the slot's WIDTH (starting at
    LABEL_WIDTH at least, so a block's lines start alike), NAME small and centred under it."""
    text = runs(label, SIZE)
    draw_runs(c, text, x, base)
    start, end = x + max(runs_width(text), label_width), x + width - SIZE
    c.line(start, base - 3, end, base - 3)
    if name:
        under = runs(name, SIGNED_NAME_SIZE, SONG)
        draw_runs(c, under, (start + end - runs_width(under)) / 2, base - 3 - SIGNED_NAME_SIZE - 3)


def slot_cells(row: Sequence[tuple[str, str]], columns: int, label_width: float = 0) -> list:
    """ROW's (label, name) slots as the cells of a borderless table row of COLUMNS: the label and
    an underlined blank to sign on, the name small under it; empty cells fill the row."""
    from .word import Piece, WCell, WPara

    width = FRAME_WIDTH / columns
    cells = []
    for label, name in row:
        blank = max(2, round((width - max(runs_width(runs(label, SIZE)), label_width) - SIZE) / (SIZE / 2)))
        cells.append(WCell([WPara([Piece(label, "song", SIZE), Piece("\u00a0" * blank, "song", SIZE, underline=True)]),
                            WPara([Piece(name, "song", SIGNED_NAME_SIZE)], align="center")], valign="center"))
    return cells + [WCell([WPara([])]) for _ in range(columns - len(row))]


class Signatures(Flowable):
    """总监票人：＿＿＿ and 监票人：＿＿＿ for each, the name small under the line; then 年 月 日.

    The lines are drawn, not typed, so they are as long as the slot whatever the font; the
    block is one flowable, so it never breaks across a page.
    """

    COLUMNS = 3
    ROW = 44
    NAME_SIZE = SIGNED_NAME_SIZE
    DATE = "年　　月　　日"

    def __init__(self, slots: list[tuple[str, str]]) -> None:
        super().__init__()
        self.slots = slots  # (label, name); the chief's row first, on its own
        self.rows = [slots[:1]] + [slots[i:i + self.COLUMNS] for i in range(1, len(slots), self.COLUMNS)]

    def wrap(self, availWidth, availHeight):
        self.height = (len(self.rows) + 1) * self.ROW
        return FRAME_WIDTH, self.height

    def draw(self) -> None:
        c = self.canv
        width = FRAME_WIDTH / self.COLUMNS
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.6)
        for r, row in enumerate(self.rows):
            base = self.height - (r + 1) * self.ROW + self.ROW / 2
            for i, (label, name) in enumerate(row):
                draw_slot(c, i * width, base, width, label, name)
        date = runs(self.DATE, SIZE)
        draw_runs(c, date, FRAME_WIDTH - runs_width(date) - 2 * SIZE, self.ROW / 2)

    def to_word(self, out) -> None:
        """The same slots as a table: the label and a line to sign on, the name small under it."""
        from .word import WRow

        width = FRAME_WIDTH / self.COLUMNS
        out.table([width] * self.COLUMNS, [WRow(slot_cells(row, self.COLUMNS), height=self.ROW) for row in self.rows])
        out.text(self.DATE, size=SIZE, align="right", space_before=SIZE)


def signature_slots() -> list[tuple[str, str]]:
    """The chief scrutineer, then the scrutineers in stroke order (a blank line when none is set)."""
    chief = [padded(r.name) for r in presidium.list_roles("总监票人")] or [""]
    members = [padded(r.name) for r in presidium.sort_people(presidium.list_roles("监票人"))] or [""]
    return [("总监票人：", name) for name in chief] + [("监票人：", name) for name in members]


# ---------------------------------------------------------------- the paper


def election_block(number: int, pe: PollElectionRow, er: ElectionResult, stands: bool, boxes: Sequence[BoxRow],
                   figures: Boxes, returned: int) -> list[Flowable]:
    """The votes by box, the void ballots, the rules' lines and who is elected (none if STANDS is False)."""
    caption = f"（{chinese_number(number)}）{pe.office}（应选 {er.seats} 人）"
    out = [captioned(caption, election_columns(boxes), election_rows(pe, figures)),
           Spacer(1, 4), para(void_text(pe, boxes, figures, returned), BODY)]
    if not er.entered:
        return out + [para("票数未录入，不宣布选举结果。", BODY)]
    if not stands:
        return out + [para(VOID_ROUND.format(what="选举结果"), BODY)]
    out += [para(line, BODY) for line in er.outcome.lines]
    elected = {v.key for v in er.outcome.elected}
    names = [c.name for c in pe.candidates if c.person_id in elected]
    names += [v.name for v in er.outcome.elected if isinstance(v.key, tuple)]  # write-ins
    out.append(para(f"当选：{'、'.join(names)}。" if names else "无人当选。", BODY))
    out += [para(f"（核对：{warning}）", BODY) for warning in er.warnings]
    return out


def corrections(poll_id: int) -> list[str]:
    """The corrections made after confirmation, with their reasons: the figures above include them."""
    return [f"{chinese_date(at.date())} {at:%H:%M} 更正，理由：{reason}。{detail}"
            for act, reason, at, detail in counting.acts(poll_id) if act == "更正"]


def prepare(poll: int | None = None) -> Paper:
    """POLL: the poll's id; by default the latest poll whose two entries agree."""
    found = complete_result(TITLE, poll)
    row = found.poll
    boxes = voting.list_boxes()
    figures = by_box(row.poll_id, [b.box_id for b in boxes])
    slots = signature_slots()
    fixes = corrections(row.poll_id)
    line = poll_line(row)
    returned = sum(papers.get("选票", (0, 0))[1] for papers, _ in figures)

    printed = [Printed(box.name, "票箱") for box in boxes]
    printed += [Printed(pe.office, "选举事项") for pe in row.elections]
    printed += [Printed(c.display, pe.office) for pe in row.elections for c in pe.candidates]
    printed += [Printed(name, f"{pe.office} 另选人") for pe in row.elections for name in write_ins(pe, figures)]
    printed += [Printed(pi.title, "表决事项") for pi in row.items]
    printed += [Printed(name, label.rstrip("：")) for label, name in slots]
    printed += [Printed(text, "更正记录") for text in fixes]

    def body() -> list[Flowable]:
        sections: list[tuple[str, list[Flowable]]] = []
        votes: list[Flowable] = []
        for n, paper in enumerate(row.papers, start=1):
            votes += [captioned(f"（{chinese_number(n)}）{paper}", PAPER_COLUMNS, paper_rows(paper, boxes, figures),
                                narrow=True),
                      Spacer(1, 4), para(found.rounds[paper].text, BODY)]
        if found.quorum:
            votes.append(para(found.quorum, BODY))
        sections.append(("投票情况", votes))
        if row.elections:
            stands = decided(found, "选票")
            blocks: list[Flowable] = []
            for n, (pe, er) in enumerate(zip(row.elections, found.elections, strict=True), start=1):
                blocks += election_block(n, pe, er, stands, boxes, figures, returned)
            sections.append(("选举结果", blocks))
        if row.items:
            stands = decided(found, "表决票")
            blocks = []
            for n, (pi, item) in enumerate(zip(row.items, found.items, strict=True), start=1):
                blocks += [captioned(f"（{chinese_number(n)}）{pi.title}", ITEM_COLUMNS,
                                     item_rows(pi, boxes, figures), narrow=True), Spacer(1, 4),
                           para(item.text if stands else VOID_ROUND.format(what="表决结果"), BODY)]
            sections.append(("表决结果", blocks))
        if fixes:
            sections.append(("更正记录", [para(text, BODY) for text in fixes]))
        out: list[Flowable] = []
        for n, (heading, parts) in enumerate(sections, start=1):
            out += [para(f"{chinese_number(n)}、{heading}", SECTION), *parts, Spacer(1, 6)]
        # the signatures never stand alone on a page: what they vouch for is on it with them
        return [*out[:-KEPT], KeepTogether([*out[-KEPT:], Spacer(1, 18), Signatures(slots)])]

    return headed_paper(KIND, TITLE, line, printed, body)

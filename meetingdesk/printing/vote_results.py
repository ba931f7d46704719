"""表决结果: what the items put to the vote received, as the presiding chair announces them
(seed 000's 选举和表决办法 第十五、十九条), a ruled table of one row an item.

Under the poll and its meeting, the round of the 表决票 ("发出表决票 210 张，收回 210 张，…
本次投票有效。"), the quorum when it is known and the majority every item needs ("全体代表 210 人，
过半数为 106 票。"); then the table, the items in the poll's order:

    序号 | 表决事项 | 赞成 | 反对 | 弃权 | 结果
     1   | 关于…的决议（草案） | 204 票 | 3 票 | 3 票 | 通过

a long item's name wrapping within its cell (never "决议（ / 草案）": frame.wrap_runs), the figures
worded as rules.counting words them (赞成 204 票) and the verdict it decided (通过 / 未通过; 未录入
for an item nobody entered). The figures are the agreed entries summed over the boxes (the
corrections after confirmation included, as the confirmed result is decided from them). Refused
while the clerks' entries differ or miss a box, and when the round does not stand (more returned
than issued, or short of the quorum): there is no result to announce.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus import Flowable, Spacer

from meetingdesk.services import counting, voting
from meetingdesk.services.counting import PollRow
from meetingdesk.services.errors import ServiceError

from .bodies import headed_paper
from .coverage import Printed
from .frame import Paper, para, style
from .results import complete_result, decided, poll_line
from .tables import Column, table

KIND = "vote_results"
TITLE = "表决结果"
PAPER = "表决票"
SIZE = 14  # 四号: the round, the quorum, the majority
BODY = style("vote-results-body", size=SIZE, leading=26, align=TA_JUSTIFY, first_indent=2 * SIZE, space_after=4)
TABLE_SIZE = 12  # 小四: seven items with long names on one page
TABLE_LEADING = 18
FIGURE_W = 54  # 3,000 delegates: "2998 票"
COLUMNS = (Column("序号", 34), Column("表决事项", align="left"), Column("赞成", FIGURE_W),
           Column("反对", FIGURE_W), Column("弃权", FIGURE_W), Column("结果", 48))
NOT_ENTERED = "—"


def _has_items(row: PollRow) -> bool:
    return bool(row.items)


def figures(row: PollRow) -> dict[int, tuple[int, int, int]]:
    """poll_item_id -> (赞成, 反对, 弃权) summed over the boxes, of the items anybody entered."""
    _, totals, keys = counting.sum_entries([counting.entered(row.poll_id, box.box_id, 1)
                                            for box in voting.list_boxes()])
    out = {}
    for pi in row.items:
        key = (None, None, "", pi.poll_item_id)
        if key in keys:
            yes, no, abstain, _ = totals[key]
            out[pi.poll_item_id] = (yes, no, abstain)
    return out


def item_rows(row: PollRow, outcomes, counted: dict[int, tuple[int, int, int]]) -> list[list[str]]:
    rows = []
    for n, (pi, outcome) in enumerate(zip(row.items, outcomes, strict=True), start=1):
        verdict = outcome.state or ("通过" if outcome.passed else "未通过")
        shown = counted.get(pi.poll_item_id)
        cells = [f"{v} 票" for v in shown] if shown is not None and verdict != "未录入" else [NOT_ENTERED] * 3
        rows.append([str(n), pi.title, *cells, verdict])
    return rows


def majority_text(whole: int, threshold: int) -> str:
    """全体代表 210 人，过半数为 106 票，获得过半数赞成票的事项通过。 — the seed's 第十五条: 以获得全体代表的过半数赞成票，始…通过."""
    return f"全体代表 {whole} 人，过半数为 {threshold} 票，获得过半数赞成票的事项通过。"


def prepare(poll: int | None = None) -> Paper:
    """POLL: the poll's id; by default the latest poll with items whose two entries agree."""
    found = complete_result(TITLE, poll, wanted=_has_items, lacking="没有表决事项", noun="表决事项的投票")
    row = found.poll
    if not decided(found, PAPER):
        check = found.rounds[PAPER]
        reason = check.text if not check.valid else f"{found.quorum}本次表决无效，"
        raise ServiceError(f"“{row.title}”：{reason}无法打印{TITLE}。")
    line = poll_line(row)
    heading = [found.rounds[PAPER].text] + ([found.quorum] if found.quorum else [])
    threshold = found.items[0].threshold if found.items else 0
    heading.append(majority_text(found.all_delegates, threshold))
    rows = item_rows(row, found.items, figures(row))
    printed = [Printed(pi.title, "表决事项") for pi in row.items]

    def body() -> list[Flowable]:
        return [*(para(text, BODY) for text in heading), Spacer(1, 8),
                table(COLUMNS, rows, size=TABLE_SIZE, leading=TABLE_LEADING, min_rows=2)]

    return headed_paper(KIND, TITLE, line, printed, body)

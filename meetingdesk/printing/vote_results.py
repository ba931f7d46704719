"""表决结果: what the items put to the vote received, one line each, as the presiding chair
announces them (seed 000's 选举和表决办法 第十五、十九条).

Under the poll and its meeting, the round of the 表决票 ("发出表决票 210 张，收回 210 张，…
本次投票有效。") and the quorum when it is known, then each item in the poll's order, worded by
rules.counting: "关于…的决议（草案）：赞成 N 票，反对 N 票，弃权 N 票；全体代表 210 人，过半数为
106 票，通过。" Refused while the clerks' entries differ or miss a box, and when the round does
not stand (more returned than issued, or short of the quorum): there is no result to announce.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus import Flowable, Spacer

from meetingdesk.services.counting import PollRow
from meetingdesk.services.errors import ServiceError

from .bodies import headed_paper
from .coverage import Printed
from .frame import Paper, para, style
from .results import complete_result, decided, poll_line

KIND = "vote_results"
TITLE = "表决结果"
PAPER = "表决票"
SIZE = 14  # 四号: seven long lines of figures stay on one page, each line at most three
BODY = style("vote-results-body", size=SIZE, leading=26, align=TA_JUSTIFY, first_indent=2 * SIZE, space_after=4)


def _has_items(row: PollRow) -> bool:
    return bool(row.items)


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
    printed = [Printed(pi.title, "表决事项") for pi in row.items]

    def body() -> list[Flowable]:
        return [*(para(text, BODY) for text in heading), Spacer(1, 8),
                *(para(item.text, BODY) for item in found.items)]

    return headed_paper(KIND, TITLE, line, printed, body)

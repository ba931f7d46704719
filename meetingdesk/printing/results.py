"""What the papers of the count share (计票结果报告单, 表决结果, 公告): which poll they print,
and the refusal of a count that has no result yet.

Nothing is decided here: the figures and the words come from services.counting, which sums
the agreed entries and lets rules.counting decide. A poll prints only once both clerks'
entries agree for every box (`PollResult.complete`): until then there is nothing to read out.
"""
from __future__ import annotations

from collections.abc import Callable

from meetingdesk.rules.numerals import chinese_date
from meetingdesk.services import counting, schedule
from meetingdesk.services.counting import Figure, PollResult, PollRow
from meetingdesk.services.errors import ServiceError

LISTED = 3  # differences named in a refusal; the 计票 page lists every one
COUNTING_PAGE = "请在“计票”页核对两遍录入后再打印。"

# (poll_election_id, person_id, write_in, poll_item_id): counting.Figure.key
FigureKey = tuple[int | None, int | None, str, int | None]
# One box's agreed figures: ballots issued and returned per paper, and every figure by its key.
Boxes = list[tuple[dict[str, tuple[int, int]], dict[FigureKey, Figure]]]


def unsettled(found: PollResult, title: str) -> ServiceError:
    """The refusal of a poll whose entries differ or miss a box, naming the first few."""
    problems = list(found.differences + found.missing)
    listed = "；".join(problems[:LISTED]) + ("……" if len(problems) > LISTED else "")
    return ServiceError(f"“{found.poll.title}”的两遍录入尚未一致（或有票箱未录入），无法打印{title}："
                        f"{listed}。{COUNTING_PAGE}")


def impossible(found: PollResult, title: str) -> ServiceError:
    """The refusal of a poll whose figures cannot be: nothing is printed from them."""
    listed = "；".join(found.problems[:LISTED]) + ("……" if len(found.problems) > LISTED else "")
    return ServiceError(f"“{found.poll.title}”的票数不可能成立，无法打印{title}：{listed}。请在“计票”页核对后再打印。")


def complete_result(title: str, poll: int | None, *, wanted: Callable[[PollRow], bool] = lambda row: True,
                    lacking: str = "", noun: str = "投票") -> PollResult:
    found = _complete_result(title, poll, wanted=wanted, lacking=lacking, noun=noun)
    if found.problems:
        raise impossible(found, title)
    return found


def _complete_result(title: str, poll: int | None, *, wanted: Callable[[PollRow], bool],
                     lacking: str, noun: str) -> PollResult:
    """The result of POLL, or by default of the latest poll WANTED accepts whose entries agree.

    LACKING says why a poll WANTED refuses ("没有表决事项"); NOUN names the polls looked for.
    """
    if poll is not None:
        found = counting.result(poll)
        if not wanted(found.poll):
            raise ServiceError(f"“{found.poll.title}”{lacking}，无法打印{title}。")
        if not found.complete:
            raise unsettled(found, title)
        return found
    rows = [row for row in counting.list_polls() if wanted(row)]
    if not rows:
        raise ServiceError(f"还没有{noun}，无法打印{title}。请先在“计票”页新建投票并录入票数。")
    for row in reversed(rows):  # the latest first
        found = counting.result(row.poll_id)
        if found.complete:
            return found
    raise unsettled(counting.result(rows[-1].poll_id), title)


def poll_line(poll: PollRow) -> str:
    """第三次全体会议选举和表决（2023年12月23日第三次全体会议）: the poll, and the meeting it was held at."""
    if poll.meeting_id is None:
        return poll.title
    meeting = schedule.get_meeting(poll.meeting_id)
    return f"{poll.title}（{chinese_date(meeting.date)}{meeting.name}）"


def decided(found: PollResult, paper: str) -> bool:
    """Does the round of PAPER stand: not more returned than issued, the quorum not short (each
    paper is judged on its own: a void 选票 leaves the 表决票 standing)."""
    return found.paper_valid(paper)


def by_box(poll_id: int, box_ids: list[int]) -> Boxes:
    """Each box's agreed figures (the first entry: the poll is complete, so both are the same)."""
    out = []
    for box_id in box_ids:
        papers, figures = counting.entered(poll_id, box_id, 1)
        out.append((papers, {f.key: f for f in figures}))
    return out

"""执行主席分组: for each plenary, the 大会执行主席 of its group and the 大会主持人.

Seed 000: a group is headed by the date and half-day of the plenary it presides over
("12月21日上午"), then "大会执行主席(15人)：", the members in the order of the group
(not sorted: the presidium decides who sits where), six a line, and "大会主持人：徐贻功".
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from meetingdesk.services import presidium, schedule
from meetingdesk.services.presidium import GroupRow
from meetingdesk.services.schedule import MeetingRow

from .bodies import UNSETTLED, adopted_paper, inline, name_rows, printed_people, text_row
from .frame import HEADING, ContinuedBlock, Paper, para

KIND = "groups"
TITLE = "执行主席分组"
COLUMNS = 6
NO_MEETING = "（未指定全体会议）"


def when(meeting: MeetingRow | None) -> str:
    """12月21日上午: the plenary the group presides over, as the seed heads it."""
    if meeting is None:
        return NO_MEETING
    return f"{meeting.date.month}月{meeting.date.day}日{meeting.half}"


def group_block(group: GroupRow, heading: str) -> ContinuedBlock:
    count = len(group.members)
    label = f"大会执行主席({count}人)：" if count else "大会执行主席："
    rows: list[Flowable] = list(name_rows(group.members, COLUMNS))
    host = group.host
    rows.append(inline("大会主持人：", host) if host else text_row("大会主持人：（未指定）"))

    def head(continued: bool) -> list[Flowable]:
        return [para(heading + ("（续）" if continued else ""), HEADING), Spacer(1, 2), text_row(label)]

    return ContinuedBlock(head, rows, min_rows=2, space_before=18)


def prepare() -> Paper:
    groups = presidium.list_groups()
    meetings = {m.meeting_id: m for m in schedule.list_meetings()}
    headings = [when(meetings.get(g.meeting_id)) for g in groups]

    def body() -> list[Flowable]:
        if not groups:
            return [text_row(UNSETTLED)]
        return [group_block(g, h) for g, h in zip(groups, headings)]

    printed = [p for g in groups for p in printed_people(g.members, "执行主席分组")]
    return adopted_paper(KIND, TITLE, printed, body)

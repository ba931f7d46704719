"""关于提出议案截止时间的决定, worded as seed 000 words it (its lines 2519–2524).

Under the line naming the meeting that set the deadline ("(2023年12月20日…主席团第一次会议
通过)"), one paragraph: "…第三次会议提出议案截止时间，规定为2023年12月22日上午11:00时。代表
向大会提出的建议，不受议案截止时间的限制。" Without a deadline there is nothing to decide:
the paper is refused with a message.
"""
from __future__ import annotations

from meetingdesk.services import motions, session
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.schedule import adopted_line

from .documents import prose_paper
from .frame import Paper

KIND = "motion_deadline"
TITLE = "关于提出议案截止时间的决定"


def prepare() -> Paper:
    deadline = motions.get_deadline("议案")
    if deadline is None:
        raise ServiceError(f"尚未设定提出议案截止时间，无法打印{TITLE}。请先设定截止时间再打印。")
    texts = [f"{session.session_info().title}提出议案截止时间，规定为{deadline.text}时。"
             "代表向大会提出的建议，不受议案截止时间的限制。"]
    return prose_paper(KIND, TITLE, adopted_line(deadline.meeting_id), texts, [], adopted=True)

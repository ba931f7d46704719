"""One rule a session breaks, and where to fix it."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "错误"
NOTICE = "提示"


@dataclass(frozen=True)
class Problem:
    severity: str  # 错误 / 提示
    area: str  # the page of the GUI: 代表团, 会议 …
    where: str  # what to open: a delegation, a person
    message: str
    delegation_id: int | None = None
    member_id: int | None = None
    # Where the presidium and schedule pages jump: ("presidium", presidium_id), ("role", kind),
    # ("group", group_id), ("meeting", meeting_id), ("agenda", None), ("offices", None),
    # ("adoption", paper), ("motion", motion_id), ("election", election_id),
    # ("poll", poll_id), ("attendance", meeting_id), ("prior", person_id),
    # ("suggestion", suggestion_id).
    target: tuple[str, object] | None = None

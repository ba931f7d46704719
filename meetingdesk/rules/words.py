"""The domain's words used as keys, defined once: 身份, 到会情况, 法定人数规则.

They are string enumerations, so each member is the very word stored in the session file and
printed on the papers ("代表" == Role.DELEGATE); the code names them instead of repeating the
literal in every layer, and a misspelt key is a NameError, not a silent mismatch."""
from __future__ import annotations

from enum import StrEnum


class Area(StrEnum):
    """The areas of a session a change belongs to: the window refreshes the pages that show an
    area (ui.common.page), another desk's change names its areas (services.changelog), and a
    desk's right is the areas it may write (store.roles)."""

    SESSION = "session"  # the session's own fields and settings (title, 办法, wordings)
    ROSTER = "roster"
    PRESIDIUM = "presidium"
    SCHEDULE = "schedule"
    MOTIONS = "motions"
    ELECTIONS = "elections"
    COUNTING = "counting"
    ATTENDANCE = "attendance"
    SEATING = "seating"  # the hall, who sits where, the 主席台 lists


class Role(StrEnum):
    """身份: a person's role in the session, the roster's 身份 column."""

    DELEGATE = "代表"
    ATTENDEE = "列席"
    STAFF = "工作人员"


class AttendanceStatus(StrEnum):
    """到会情况 of one person at one meeting."""

    PRESENT = "出席"
    LATE = "迟到"
    LEFT_EARLY = "早退"
    LEAVE = "请假"
    ABSENT = "缺席"


# who counts as at the meeting: came, came late, or left early
PRESENT_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)


class Quorum(StrEnum):
    """法定人数规则: how many delegates must be present for a vote (选举和表决办法)."""

    MORE_THAN_TWO_THIRDS = "超过三分之二"
    TWO_THIRDS_OR_MORE = "三分之二以上"

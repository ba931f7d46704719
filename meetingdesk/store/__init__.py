"""Persistence: the peewee models of a session file, its schema version and migrations."""
from .db import change_stamp, is_server, max_parameters, placeholder, stored_date
from .db import DamagedFileError, SCHEMA_VERSION, SessionFileError, check_session_file, close_db, init_db, save_copy
from .errors import StorageError, UserError
from .models import (
    DEADLINE_KINDS,
    HALVES,
    MOTION_KINDS,
    NOMINATORS,
    RATINGS,
    REVIEW_DECISIONS,
    SUBMITTERS,
    VOTE_ITEM_KINDS,
    BallotBox,
    Poll,
    PollAct,
    PollCandidate,
    PollElection,
    PollItem,
    Sheet,
    Tally,
    Deadline,
    Election,
    Motion,
    MotionSigner,
    Nomination,
    NominationSigner,
    Nominee,
    LEADER_TITLES,
    MEETING_KINDS,
    OFFICE_BODIES,
    PRESIDIUM_CATEGORIES,
    SESSION_ROLES,
    Adoption,
    AgendaItem,
    ChairGroup,
    ChairGroupMember,
    Meeting,
    MeetingItem,
    Office,
    PresidiumMember,
    SessionRole,
    VoteItem,
    ROLES,
    STATUS_ENDED,
    STATUS_SERVING,
    Delegation,
    Draft,
    Leader,
    Member,
    Person,
    Session,
    Setting,
    database,
)
from .models import (
    ATTENDANCE_SOURCES, ATTENDANCE_STATUSES, PRESENT_STATUSES, Attendance, PreCandidate, PreRound, PreSheet, PreVote,
    PriorAbsence,
)
from .models import Block, Hall, PodiumPerson, SeatAssignment
from .models import CarriedMotion, NominationGroup, PreScrutineer
from .models import Assignment, Reply, Suggestion, SuggestionField, Unit
from .models import Change
from .server import is_url

__all__ = [
    "DamagedFileError", "SCHEMA_VERSION", "SessionFileError", "StorageError", "UserError", "check_session_file", "close_db", "init_db", "save_copy",
    "LEADER_TITLES", "ROLES", "STATUS_ENDED", "STATUS_SERVING",
    "Delegation", "Draft", "Leader", "Member", "Person", "Session", "Setting", "database",
    "Block", "Hall", "PodiumPerson", "SeatAssignment",
    "CarriedMotion", "NominationGroup", "PreScrutineer",
    "Assignment", "Reply", "Suggestion", "SuggestionField", "Unit", "Change", "is_url", "change_stamp", "is_server", "max_parameters", "placeholder", "stored_date",
    "HALVES", "MEETING_KINDS", "OFFICE_BODIES", "PRESIDIUM_CATEGORIES", "SESSION_ROLES",
    "Adoption", "AgendaItem", "ChairGroup", "ChairGroupMember", "Meeting", "MeetingItem", "Office",
    "PresidiumMember", "SessionRole",
    "DEADLINE_KINDS", "MOTION_KINDS", "NOMINATORS", "RATINGS", "REVIEW_DECISIONS", "SUBMITTERS",
    "Deadline", "Election", "Motion", "MotionSigner", "Nomination", "NominationSigner",
    "Nominee", "VOTE_ITEM_KINDS", "BallotBox", "VoteItem",
    "Poll", "PollAct", "PollCandidate", "PollElection", "PollItem", "Sheet", "Tally",
    "ATTENDANCE_SOURCES", "ATTENDANCE_STATUSES", "PRESENT_STATUSES", "Attendance", "PriorAbsence",
    "PreCandidate", "PreRound", "PreSheet", "PreVote",
]

"""Persistence: the peewee models of a session file, its schema version and migrations."""
from .db import SCHEMA_VERSION, SessionFileError, check_session_file, close_db, init_db, save_copy
from .models import (
    HALVES,
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
    ROLES,
    STATUS_ENDED,
    STATUS_SERVING,
    Delegation,
    Leader,
    Member,
    Person,
    Session,
    database,
)

__all__ = [
    "SCHEMA_VERSION", "SessionFileError", "check_session_file", "close_db", "init_db", "save_copy",
    "LEADER_TITLES", "ROLES", "STATUS_ENDED", "STATUS_SERVING",
    "Delegation", "Leader", "Member", "Person", "Session", "database",
    "HALVES", "MEETING_KINDS", "OFFICE_BODIES", "PRESIDIUM_CATEGORIES", "SESSION_ROLES",
    "Adoption", "AgendaItem", "ChairGroup", "ChairGroupMember", "Meeting", "MeetingItem", "Office",
    "PresidiumMember", "SessionRole",
]

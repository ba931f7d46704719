"""Errors the services raise; every message is Chinese and meant for the user.

ServiceError is the store's UserError, so one `except ServiceError` also catches what the file
itself refused (StorageError: read-only, full disk, busy, damaged) and SessionFileError."""
from __future__ import annotations

from meetingdesk.store.errors import SessionFileError, StorageError, UserError

ServiceError = UserError

__all__ = ["ServiceError", "SessionFileError", "StorageError"]

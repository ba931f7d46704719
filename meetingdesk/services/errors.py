"""Errors the services raise; every message is Chinese and meant for the user."""
from __future__ import annotations


class ServiceError(Exception):
    """A request that cannot be carried out; nothing was written."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the input field at fault, when one is

    def __str__(self) -> str:
        return self.message

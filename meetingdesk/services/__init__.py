"""Use cases, one module per area; the only layer that writes the database."""
from .errors import ServiceError

__all__ = ["ServiceError"]

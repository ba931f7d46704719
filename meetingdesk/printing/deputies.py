"""副秘书长名单: the deputy secretaries-general in their order (not sorted), three a line."""
from __future__ import annotations

from .bodies import role_list
from .frame import Paper

KIND = "deputies"
TITLE = "副秘书长名单"
COLUMNS = 3


def prepare() -> Paper:
    return role_list(KIND, TITLE, "副秘书长", COLUMNS)

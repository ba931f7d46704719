"""主席团常务主席名单: the standing chairs in the order the presidium put them (not sorted)."""
from __future__ import annotations

from .bodies import role_list
from .frame import Paper

KIND = "chairs"
TITLE = "主席团常务主席名单"
COLUMNS = 4


def prepare() -> Paper:
    return role_list(KIND, TITLE, "常务主席", COLUMNS)

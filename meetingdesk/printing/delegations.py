"""The delegations a paper is printed for: every one, or the one the clerk chose."""
from __future__ import annotations

from meetingdesk.services import roster
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.roster import DelegationRow

GONE = "找不到要打印的代表团（可能已被删除）。"


def chosen_delegations(delegation_id: int | None) -> list[DelegationRow]:
    """Every delegation in printing order, or only the one DELEGATION_ID names (refused when it
    is no more: a page open while another desk removed it)."""
    delegations = roster.list_delegations()
    if delegation_id is None:
        return delegations
    chosen = [d for d in delegations if d.delegation_id == delegation_id]
    if not chosen:
        raise ServiceError(GONE)
    return chosen

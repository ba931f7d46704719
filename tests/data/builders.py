"""Sessions in states the demo does not reach by itself, built through the services."""
from __future__ import annotations

import datetime as dt

from meetingdesk.services import elections, roster

DEPUTY_DIRECTOR = "东西湖区第十一届人民代表大会常务委员会副主任"


def preliminary_election() -> elections.ElectionRow:
    """副主任: 2 seats, at most 5 candidates (副职: 1 to 3 more); 6 nominees on three papers —
    the presidium names 2 (it may name no more than the seats), ten delegates of 吴家山街 2 and
    ten of 将军路街 2 — so a preliminary vote is needed."""
    eid = elections.add_election(DEPUTY_DIRECTOR, 2, "差额", "副职")
    team = next(d for d in roster.list_delegations() if d.name == "慈惠街代表团")
    people = [m.person_id for m in roster.list_members(team.delegation_id, role="代表")][:6]
    at = dt.datetime(2023, 12, 21, 18, 0)
    elections.add_nomination(elections.NominationInput(eid, "主席团", tuple(people[:2])), now=at)
    for start, signers in ((2, "吴家山街代表团"), (4, "将军路街代表团")):
        ten = tuple(m.member_id for m in roster.list_members(role="代表") if m.delegation == signers)[:10]
        elections.add_nomination(elections.NominationInput(eid, "代表联名", tuple(people[start:start + 2]), ten),
                                 now=at)
    return elections.get_election(eid)

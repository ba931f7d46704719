"""主席团和秘书长名单: the presidium in stroke order, five names a line, then the 秘书长.

Seed 000: "主席团：(46人，以姓名笔画为序)", the names, then "秘书长：周本奇(兼)" —
"(兼)" when the 秘书长 is one of the presidium (he holds both posts).
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from meetingdesk.services import presidium

from .bodies import adopted_paper, gap, inline, labelled, name_rows, printed_people, section
from .frame import Paper

KIND = "presidium"
TITLE = "主席团和秘书长名单"
COLUMNS = 5


def prepare() -> Paper:
    members = presidium.list_presidium()  # already in stroke order
    secretaries = presidium.list_roles("秘书长")

    def body() -> list[Flowable]:
        heading = f"主席团：({len(members)}人，以姓名笔画为序)" if members else "主席团："
        out: list[Flowable] = [section(heading, name_rows(members, COLUMNS), "主席团（续）："), gap()]
        if secretaries:
            first = secretaries[0]  # one only (services.presidium.SINGLE_ROLES)
            out.append(inline("秘书长：", first, "(兼)" if first.in_presidium else ""))
        else:
            out += labelled("秘书长：", [])
        return out

    printed = printed_people(members, "主席团") + printed_people(secretaries, "秘书长")
    return adopted_paper(KIND, TITLE, printed, body)

"""总监票人、监票人名单: the chief scrutineer, then the scrutineers in stroke order."""
from __future__ import annotations

from reportlab.platypus import Flowable

from meetingdesk.services import presidium

from .bodies import adopted_paper, gap, labelled, name_rows, printed_people, section
from .frame import Paper

KIND = "scrutineers"
TITLE = "总监票人、监票人名单"
COLUMNS = 3


def prepare() -> Paper:
    chief = presidium.list_roles("总监票人")
    members = presidium.sort_people(presidium.list_roles("监票人"))  # the one stroke order

    def body() -> list[Flowable]:
        heading = f"监票人({len(members)}人，以姓名笔画为序)：" if members else "监票人："
        return [*labelled("总监票人：", chief), gap(),
                section(heading, name_rows(members, COLUMNS), "监票人（续）：")]

    printed = printed_people(chief, "总监票人") + printed_people(members, "监票人")
    return adopted_paper(KIND, TITLE, printed, body)

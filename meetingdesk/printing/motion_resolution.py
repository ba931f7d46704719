"""关于议案的决议（草案）, worded as seed 000's 决议 (its lines 2505–2517).

The paragraph naming the motions the review accepted ("本次大会决定，将《…》列为本次会议
议案。"), then the seed's standing paragraphs on their handling and on the delegates'
suggestions. When the secretariat has recorded motions of earlier sessions to be handled
further (续办议案, services.motions.list_carried), the handling paragraph orders them as the
seed does — "同时，区十一届人大一次会议《…》须继续办理。本次会议确定的议案和续办议案的办理
情况应向…报告。" — and without them it speaks of this session's motions alone.
A draft is not yet adopted: no adopted-by line.
"""
from __future__ import annotations

from collections.abc import Sequence

from meetingdesk.services import motions, session
from meetingdesk.services.motions import CarriedRow

from .coverage import Printed
from .documents import ORGANIC_LAW, accepted, level, motions_received, printed_titles, prose_paper, quoted
from .frame import Paper

KIND = "motion_resolution"
TITLE = "关于议案的决议（草案）"


def carried_words(rows: Sequence[CarriedRow], level_name: str) -> str:
    """区十一届人大一次会议《甲》、《乙》，区十一届人大二次会议《丙》 — each session once, its
    motions after it in the order entered; "" when there are none."""
    by_session: dict[str, list[str]] = {}
    for row in rows:
        by_session.setdefault(row.session_words(level_name), []).append(f"《{row.title}》")
    return "，".join(f"{where}{'、'.join(titles)}" for where, titles in by_session.items())


def wording(chosen_titles: str, level_name: str, carried: str = "") -> list[str]:
    """The paragraphs; CHOSEN_TITLES 《…》、《…》 or "" when the review accepted none; CARRIED the
    earlier sessions' motions to be handled further (carried_words) or ""."""
    suggestions = "对代表提出的建议、批评和意见，各承办单位应认真研究办理，并在规定时间内答复代表。"
    report = f"应向{level_name}人大常委会会议及下一次人民代表大会会议报告。"
    supervise = f"{level_name}人大常委会对议案办理工作应加强检查，督促落实。"
    if not chosen_titles:
        if not carried:
            return ["本次会议没有确定议案。", suggestions]
        return ["本次会议没有确定议案。", f"{carried}须继续办理，其办理情况{report}", supervise, suggestions]
    handling = (f"大会要求，{level_name}人民政府要将本次会议议案的办理工作列入重要议事日程，制定实施方案，按目标推进。")
    if carried:
        handling += f"同时，{carried}须继续办理。本次会议确定的议案和续办议案的办理情况{report}"
    else:
        handling += f"本次会议确定的议案的办理情况{report}"
    return [
        f"根据{ORGANIC_LAW}的规定，本次大会决定，将{chosen_titles}列为本次会议议案。",
        handling,
        supervise,
        suggestions,
    ]


def prepare() -> Paper:
    chosen = accepted(motions_received())
    carried = motions.list_carried()
    level_name = level(session.session_info())
    texts = wording(quoted(chosen), level_name, carried_words(carried, level_name))
    printed = printed_titles(chosen) + [Printed(row.title, f"{row.session_text}续办议案") for row in carried]
    return prose_paper(KIND, TITLE, "", texts, printed)

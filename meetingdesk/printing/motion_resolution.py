"""关于议案的决议（草案）, worded as seed 000's 决议 (its lines 2505–2517).

The paragraph naming the motions the review accepted ("本次大会决定，将《…》列为本次会议
议案。"), then the seed's standing paragraphs on their handling and on the delegates'
suggestions. The seed also orders an earlier session's motion handled further (续办议案):
the program keeps no such motion, so that sentence, and "和续办议案", are left out.
A draft is not yet adopted: no adopted-by line.
"""
from __future__ import annotations

from meetingdesk.services import session

from .documents import ORGANIC_LAW, accepted, level, motions_received, printed_titles, prose_paper, quoted
from .frame import Paper

KIND = "motion_resolution"
TITLE = "关于议案的决议（草案）"


def wording(chosen_titles: str, level_name: str) -> list[str]:
    """The paragraphs; CHOSEN_TITLES 《…》、《…》 or "" when the review accepted none."""
    suggestions = "对代表提出的建议、批评和意见，各承办单位应认真研究办理，并在规定时间内答复代表。"
    if not chosen_titles:
        return ["本次会议没有确定议案。", suggestions]
    return [
        f"根据{ORGANIC_LAW}的规定，本次大会决定，将{chosen_titles}列为本次会议议案。",
        f"大会要求，{level_name}人民政府要将本次会议议案的办理工作列入重要议事日程，制定实施方案，按目标推进。"
        f"本次会议确定的议案的办理情况应向{level_name}人大常委会会议及下一次人民代表大会会议报告。",
        f"{level_name}人大常委会对议案办理工作应加强检查，督促落实。",
        suggestions,
    ]


def prepare() -> Paper:
    chosen = accepted(motions_received())
    texts = wording(quoted(chosen), level(session.session_info()))
    return prose_paper(KIND, TITLE, "", texts, printed_titles(chosen))

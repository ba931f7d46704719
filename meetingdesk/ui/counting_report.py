"""The 核对和结果 text: what keeps the count from a result (differences, missing entries), or the
result as the rules decided it, with its arithmetic. Words come from the services and rules."""
from __future__ import annotations

from html import escape

from meetingdesk.rules import counting as rules
from meetingdesk.services.counting import ElectionResult, PollResult

from .views import RED

GREEN = "#1b5e20"
GREY = "#555555"


def _p(text: str, colour: str = "", bold: bool = False) -> str:
    style = ";".join(s for s in (f"color:{colour}" if colour else "", "font-weight:bold" if bold else "") if s)
    return f"<p style='margin:2px 0;{style}'>{escape(text)}</p>"


def _h(text: str, colour: str = "") -> str:
    style = f" style='color:{colour}'" if colour else ""
    return f"<h3{style}>{escape(text)}</h3>"


def _list(lines: tuple[str, ...] | list[str], colour: str = "") -> str:
    style = f" style='color:{colour}'" if colour else ""
    return f"<ul{style}>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def quorum_text(present: int | None, all_delegates: int, rule: str) -> tuple[str, bool]:
    """(the quorum sentence under the session's RULE, whether it is met); with no figure yet,
    what is needed."""
    met = present is not None and rules.quorum_met(present, all_delegates, rule)
    return rules.quorum_text(present, all_delegates, rule), met


def names(votes: tuple[rules.Votes, ...]) -> str:
    return "、".join(v.name for v in votes)


def _election(result: ElectionResult) -> str:
    out = result.outcome
    parts = [_h(f"{result.office}（应选 {result.seats} 人）")]
    parts.append(_p(f"废票 {result.void} 张。", GREY))
    parts.append(_list(out.lines))
    if out.elected:
        parts.append(_p(f"当选：{names(out.elected)}（{len(out.elected)} 人）", GREEN, bold=True))
    else:
        parts.append(_p("无人当选。", RED, bold=True))
    if out.vacancies:
        parts.append(_p(f"缺额 {out.vacancies} 人。", RED, bold=True))
    if out.revote:
        parts.append(_p(f"须再次投票：{names(out.revote)} 得票相等，应就票数相等的人再次投票，"
                        f"选出 {out.revote_seats} 人。", RED, bold=True))
    for warning in result.warnings:
        parts.append(_p(warning, RED))
    return "".join(parts)


def result_html(outcome: PollResult, quorum: tuple[str, bool]) -> str:
    """Differences and missing entries first: while there are any, nothing is decided."""
    parts = []
    if outcome.differences:
        parts.append(_h(f"两遍录入不一致（{len(outcome.differences)} 处）", RED))
        parts.append(_p("第一遍和第二遍一致以前，不计算结果。请核对计票单，改正录错的一遍后重新保存。", RED))
        parts.append(_list(outcome.differences, RED))
    if outcome.missing:
        parts.append(_h(f"尚未录入（{len(outcome.missing)} 项）"))
        parts.append(_list(outcome.missing))
    if not outcome.complete:
        return "".join(parts)
    parts.append(_h("投票"))
    parts.append(_p("两遍录入全部一致。", GREEN))
    for paper in outcome.poll.papers:
        check = outcome.rounds[paper]
        parts.append(_p(check.text, "" if check.valid else RED, bold=not check.valid))
    text, met = quorum
    parts.append(_p(text, "" if met else RED))
    for result in outcome.elections:
        parts.append(_election(result))
    if outcome.items:
        parts.append(_h("表决事项"))
        for item in outcome.items:
            parts.append(_p(item.text, GREEN if item.passed else RED))
    return "".join(parts)

"""The 核对和结果 text: what keeps the count from a result (differences, missing entries, figures
that cannot be), or the result as the rules decided it, with its arithmetic. Each paper (选票,
表决票) is judged on its own; each election and item shows its state in its colour. Words come
from the services and rules."""
from __future__ import annotations

from html import escape

from meetingdesk.rules import counting as rules
from meetingdesk.services.counting import ElectionResult, PollResult
from meetingdesk.ui.common.views import RED

GREEN = "#1b5e20"
GREY = "#555555"
AMBER = "#8a5a00"
# the state of an election or an item: 未录入 is grey, never the red of 未通过
STATE_COLOURS = {"有效": GREEN, "通过": GREEN, "未通过": RED, "无效": "#6a1b9a", "未录入": "#757575"}


def _p(text: str, colour: str = "", bold: bool = False) -> str:
    style = ";".join(s for s in (f"color:{colour}" if colour else "", "font-weight:bold" if bold else "") if s)
    return f"<p style='margin:2px 0;{style}'>{escape(text)}</p>"


def _h(text: str, colour: str = "", state: str = "") -> str:
    style = f" style='color:{colour}'" if colour else ""
    return f"<h3{style}>{escape(text)}{'&nbsp;' + badge(state) if state else ''}</h3>"


def badge(state: str) -> str:
    """A state (通过, 未通过, 未录入, 无效, 有效) as a small coloured label."""
    colour = STATE_COLOURS.get(state, GREY)
    return (f"<span style='background-color:{colour};color:#ffffff;font-weight:bold'>"
            f"&nbsp;{escape(state)}&nbsp;</span>")


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
    parts = [_h(f"{result.office}（应选 {result.seats} 人）", state=result.state)]
    if not result.entered:
        parts.append(_p("票数未录入，不作决定（不是未当选）。", STATE_COLOURS["未录入"]))
        return "".join(parts)
    parts.append(_p(f"废票 {result.void} 张。", GREY))
    parts.append(_list(out.lines))
    if out.annulled:
        parts.append(_p("本项选举无效，无人当选，也不是缺额：应重新投票。", STATE_COLOURS["无效"], bold=True))
        return "".join(parts)
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
        parts.append(_p(warning, AMBER))
    return "".join(parts)


def _papers(outcome: PollResult) -> str:
    """Each paper's verdict on its own line: a void 选票 leaves the 表决票 standing."""
    parts = []
    for paper in outcome.poll.papers:
        check = outcome.rounds[paper]
        state = "有效" if outcome.paper_valid(paper) else "无效"
        why = check.text
        if check.valid and outcome.quorum_met is False:
            why = "到会代表不足法定人数，本次投票无效，应重新投票。"
        parts.append(f"<p style='margin:2px 0'>{badge(state)}&nbsp;<b>{escape(paper)}</b>：{escape(why)}</p>")
    if outcome.standing and not outcome.valid:
        void = "、".join(p for p in outcome.poll.papers if not outcome.paper_valid(p))
        good = "、".join(p for p in outcome.poll.papers if outcome.paper_valid(p))
        parts.append(_p(f"选票和表决票分别计票：{void}无效，须重新投票；{good}有效，其结果可以确认。", AMBER, bold=True))
    elif not outcome.standing:
        parts.append(_p("本次投票无效，不能确认结果，应重新投票。", RED, bold=True))
    return "".join(parts)


def result_html(outcome: PollResult, quorum: tuple[str, bool]) -> str:
    """Differences, missing entries and figures that cannot be first: while there are any,
    nothing is decided."""
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
    if outcome.problems:
        parts.append(_h(f"票数不可能成立（{len(outcome.problems)} 处）", RED))
        parts.append(_p("各票箱合计后的票数不可能成立，改正录入以前不计算结果、不能确认。", RED))
        parts.append(_list(outcome.problems, RED))
    if outcome.notices:
        parts.append(_p("请核对：", AMBER, bold=True))
        parts.append(_list(outcome.notices, AMBER))
    if outcome.problems:
        return "".join(parts)
    text, met = quorum
    parts.append(_p(text, "" if met else RED))
    parts.append(_papers(outcome))
    for result in outcome.elections:
        parts.append(_election(result))
    if outcome.items:
        parts.append(_h("表决事项"))
        for item in outcome.items:
            colour = STATE_COLOURS.get(item.state, GREY)
            parts.append(f"<p style='margin:3px 0'>{badge(item.state)}&nbsp;"
                         f"<span style='color:{colour}'>{escape(item.text)}</span></p>")
    return "".join(parts)

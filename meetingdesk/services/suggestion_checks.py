"""Rules of the suggestions after the session (area 建议): replies overdue and replies the delegate
has not rated are the supervision's notices (督办, 催办); a suggestion taken over from the motion
register that the register no longer holds as one, and a suggestion made between sessions whose
lead was not a serving delegate that day, are errors of the record.

The tables are small (a session's suggestions, some hundreds): they are read here through
services.suggestions, not through the snapshot the roster's checks share."""
from __future__ import annotations

import datetime as dt

from meetingdesk.rules import mandates
from meetingdesk.rules import suggestions as rules
from meetingdesk.rules.motions import register_no
from meetingdesk.rules.words import Role
from meetingdesk.store import STATUS_SERVING, Member, Motion, Suggestion

from . import suggestions
from .problem import ERROR, NOTICE, Problem

AREA = "建议"


def _target(suggestion_id: int | None, motion_id: int | None) -> tuple[str, object]:
    return ("suggestion", suggestion_id) if suggestion_id is not None else ("motion", motion_id)


def check(today: dt.date | None = None) -> list[Problem]:
    """Every finding of the area as of TODAY."""
    today = today or dt.date.today()
    return _register() + _leads() + _overdue(today) + _unrated(today)


def _overdue(today: dt.date) -> list[Problem]:
    found = []
    for row in suggestions.overdue(today):
        a = row.assignment
        which = f"第{a.round}轮" if a.round > 1 else ""
        found.append(Problem(
            NOTICE, AREA, row.label,
            f"{row.label}“{row.title}”：{a.unit}（{a.role}）{which}的答复已逾期 {row.days} 天"
            f"（答复期限 {a.due:%Y-%m-%d}）。", target=_target(row.suggestion_id, row.motion_id)))
    return found


def _unrated(today: dt.date) -> list[Problem]:
    found = []
    for row in suggestions.unrated(today):
        r = row.reply
        found.append(Problem(
            NOTICE, AREA, row.label,
            f"{row.label}“{row.title}”：{r.unit}的答复（{r.replied_on:%Y-%m-%d}）已 {row.days} 天，"
            "代表尚未评价。", target=_target(row.suggestion_id, row.motion_id)))
    return found


def _register() -> list[Problem]:
    """A suggestion taken over from the register whose item is withdrawn, merged or no longer
    turned into a suggestion since."""
    found = []
    query = (Suggestion.select(Suggestion.id, Suggestion.period, Suggestion.number, Motion.kind, Motion.number,
                               Motion.decision, Motion.withdrawn_at, Motion.merged_into)
             .join(Motion).where(Suggestion.motion.is_null(False)).order_by(Suggestion.number))
    for sid, period, number, kind, motion_number, decision, withdrawn_at, merged_into in query.tuples():
        why = rules.not_taken_over(kind, decision, withdrawn_at is not None, merged_into is not None)
        if why is None:
            continue
        source = register_no(kind, motion_number)
        label = rules.number_words(period, number)
        found.append(Problem(ERROR, AREA, label,
                             f"{label}（{source}）在议案页{why}，却仍作为建议办理；请核对议案页的登记，"
                             "或撤销该建议的接收。", target=("suggestion", sid)))
    return found


def _leads() -> list[Problem]:
    """A suggestion made between sessions must be led by a delegate serving on the day it came (a
    mandate that ended later leaves it as it was)."""
    found = []
    query = (Suggestion.select(Suggestion.id, Suggestion.period, Suggestion.number, Suggestion.received_on, Member)
             .join(Member).where(Suggestion.motion.is_null() & Suggestion.lead.is_null(False))
             .order_by(Suggestion.number))
    for s in query:
        member = s.lead
        serving = mandates.serving_on(s.received_on, member.started_on, member.status != STATUS_SERVING, member.ended_on)
        if member.role == Role.DELEGATE and serving:
            continue
        label = rules.number_words(s.period, s.number)
        found.append(Problem(ERROR, AREA, label,
                             f"{label}的领衔代表“{member.person.name}”在收到建议的 {s.received_on:%Y-%m-%d} "
                             "不是在任代表（代表名单的日期已改动）；请核对。", member_id=member.id,
                             target=("suggestion", s.id)))
    return found

"""Motions and suggestions (议案、建议): intake against the deadline, review, handling; and the
motions of earlier sessions this one carries on (续办议案).

The only writer of Deadline, Motion, MotionSigner and CarriedMotion. A record is never
deleted by the desk's normal work: a withdrawn motion keeps its number and signers, a
merged motion keeps its link to the one it was merged into. The handling (units, replies,
ratings) is services.suggestions': the desk's 交办和答复 writes through it, and a 建议 or a 议案
turned into one is counted as a suggestion.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from peewee import JOIN

from meetingdesk import store
from meetingdesk.rules import motions as rules
from meetingdesk.rules import people as people_rules
from meetingdesk.rules import schedule as timing
from meetingdesk.rules.numerals import chinese_number
from meetingdesk.rules.words import Role
from meetingdesk.rules import suggestions as suggestion_rules
from meetingdesk.store import (
    CarriedMotion, Deadline, Delegation, Meeting, Member, Motion, MotionSigner, Person, Session, Suggestion,
)

from . import attachments, conflicts, roster, schedule, suggestions
from .errors import ServiceError

DEADLINE_TITLES = {"议案": "提出议案截止时间", "提名": "提名候选人截止时间"}
# States a clerk filters the list by, in the order an item passes through them.
STATES = ("待审查", "已撤回", "列为大会议案", "转为代表建议", "其他", "并案", "待交办", "办理中", "已答复", "已测评")


@dataclass(frozen=True)
class DeadlineRow:
    kind: str
    at: dt.datetime
    meeting_id: int | None
    meeting_name: str

    @property
    def title(self) -> str:
        return DEADLINE_TITLES[self.kind]

    @property
    def text(self) -> str:
        """2023年12月22日上午11:00 — as the seed's 决定 words it (rules.schedule.clock_words)."""
        at = self.at
        return f"{at.year}年{at.month}月{at.day}日{timing.clock_words(at.hour, at.minute)}"


@dataclass(frozen=True)
class SignerRow:
    member_id: int
    name: str
    gender: str
    delegation: str
    serving: bool  # now
    ended_on: dt.date | None = None  # the mandate's end, when it has ended
    started_on: dt.date | None = None  # a 补选 mandate's start

    @property
    def display(self) -> str:
        return people_rules.display_name(self.name, self.gender)

    def counts_at(self, received_at: dt.datetime) -> bool:
        """Whether the signature counts for a paper received at RECEIVED_AT: the signer served then."""
        return rules.signed_while_serving(self.serving, self.ended_on, received_at, self.started_on)


@dataclass(frozen=True)
class UnitRow:
    unit: str
    lead: bool


@dataclass(frozen=True)
class MotionRow:
    motion_id: int
    kind: str
    number: int
    title: str
    submitter: str
    lead: SignerRow | None
    signers: tuple[SignerRow, ...]  # everyone who signed, the lead first
    delegations: tuple[str, ...]  # derived from the signers, the lead's first
    received_at: dt.datetime
    clerk: str
    reason: str
    basis: str
    plan: str
    attachment: str
    withdrawn_at: dt.datetime | None
    withdraw_reason: str
    decision: str
    decision_reason: str
    merged_into_id: int | None
    reply_date: dt.date | None  # the lead unit's latest reply (services.suggestions keeps every round)
    rating: str  # the delegate's rating of that reply
    units: tuple[UnitRow, ...] = ()
    late: bool = False
    problem: str | None = None  # the rule it breaks now (a signer ended since, …)
    merged_ids: tuple[int, ...] = field(default=())

    @property
    def register_no(self) -> str:
        return rules.register_no(self.kind, self.number)

    @property
    def serving_signers(self) -> int:
        """Distinct signers who were serving delegates when the item was received."""
        return rules.count_signers((s.member_id, s.counts_at(self.received_at)) for s in self.signers)

    @property
    def state(self) -> str:
        if self.withdrawn_at is not None:
            return "已撤回"
        if self.merged_into_id is not None:
            return "并案"
        if self.kind == "议案" and not self.decision:
            return "待审查"
        if self.kind == "议案" and self.decision != "列为大会议案" and self.decision != "转为代表建议":
            return "其他"
        if self.rating and self.rating != suggestion_rules.UNSATISFIED:
            return "已测评"
        if self.reply_date and not self.rating:
            return "已答复"
        if self.units:
            return "办理中"
        if self.kind == "议案":
            return self.decision
        return "待交办"

    @property
    def handled_as_suggestion(self) -> bool:
        return self.kind == "建议" or self.decision == "转为代表建议"

    @property
    def counted_kind(self) -> str:
        """What the item counts as: a 议案 the review turned into a suggestion is a 建议."""
        return "建议" if self.handled_as_suggestion else self.kind

    @property
    def submitter_text(self) -> str:
        """吴家山街、将军路街等代表团的李平等19名代表 — the review report's words."""
        if self.submitter != rules.BY_DELEGATES:
            return self.submitter
        teams = [d.removesuffix("代表团") for d in self.delegations]
        if len(teams) > 2:
            teams_text = "、".join(teams[:2]) + "等代表团"
        elif len(teams) == 2:
            teams_text = "、".join(teams) + "等代表团"
        else:
            teams_text = (teams[0] if teams else "") + "代表团"
        lead = self.lead.name if self.lead else ""
        if len(self.signers) == 1:
            return f"{teams_text}的{lead}代表"
        return f"{teams_text}的{lead}等{len(self.signers)}名代表"


@dataclass(frozen=True)
class MotionInput:
    kind: str
    title: str
    submitter: str = rules.BY_DELEGATES
    lead_member_id: int | None = None
    signer_member_ids: tuple[int, ...] = ()
    received_at: dt.datetime | None = None
    clerk: str = ""
    reason: str = ""
    basis: str = ""
    plan: str = ""
    # A path to a file to attach, or the name of the file already attached (kept), or "" (none).
    attachment: str = ""

    @classmethod
    def of(cls, row: MotionRow) -> MotionInput:
        return cls(row.kind, row.title, row.submitter, row.lead.member_id if row.lead else None,
                   tuple(s.member_id for s in row.signers), row.received_at, row.clerk, row.reason,
                   row.basis, row.plan, row.attachment)


# ---------------------------------------------------------------- deadlines


def get_deadline(kind: str) -> DeadlineRow | None:
    row = Deadline.get_or_none(kind=kind)
    if row is None:
        return None
    name = schedule.get_meeting(row.meeting_id).name if row.meeting_id else ""
    return DeadlineRow(kind, row.at, row.meeting_id, name)


def set_deadline(kind: str, at: dt.datetime | None, meeting_id: int | None = None) -> None:
    """Set (or with AT None clear) a deadline; the meeting is the one that decided it."""
    if kind not in store.DEADLINE_KINDS:
        raise ServiceError(f"没有“{kind}”这种截止时间。")
    if meeting_id is not None and Meeting.get_or_none(id=meeting_id) is None:
        raise ServiceError("所选会议已不存在。", "meeting")
    with store.database.atomic():
        if at is None:
            Deadline.delete().where(Deadline.kind == kind).execute()
            return
        at = _stored_deadline(at, meeting_id)[0]
        Deadline.insert(kind=kind, at=at, meeting=meeting_id).on_conflict(
            conflict_target=[Deadline.kind], update={Deadline.at: at, Deadline.meeting: meeting_id}).execute()


def deadlines_state() -> dict[str, tuple[dt.datetime | None, int | None]]:
    """Each kind's deadline (time, meeting that decided it) as set now: what set_deadlines compares."""
    found = {kind: (None, None) for kind in store.DEADLINE_KINDS}
    for row in Deadline.select():
        found[row.kind] = (row.at, row.meeting_id)
    return found


def _stored_deadline(at: dt.datetime | None, meeting_id: int | None) -> tuple[dt.datetime | None, int | None]:
    """A deadline as set_deadline keeps it: to the minute; none (and no meeting) when cleared."""
    return (None, None) if at is None else (at.replace(second=0, microsecond=0), meeting_id)


def set_deadlines(values: dict[str, tuple[dt.datetime | None, int | None]],
                  seen: dict[str, tuple[dt.datetime | None, int | None]] | None = None) -> None:
    """Set both deadlines at once: either both are written or neither. SEEN: deadlines_state() as
    the desk read it; conflicts.ConflictError when another desk changed a deadline since.

    An error's field names the deadline: "议案" or "议案.meeting".
    """
    with store.database.atomic():
        if seen is not None:
            rows = [(Deadline, d) for (d,) in Deadline.select(Deadline.id).tuples()]
            wanted = {kind: _stored_deadline(at, meeting_id) for kind, (at, meeting_id) in values.items()}
            conflicts.guard("截止时间", rows, deadlines_state, seen, dict(seen, **wanted), _shown_deadlines)
        for kind, (at, meeting_id) in values.items():
            try:
                set_deadline(kind, at, meeting_id)
            except ServiceError as exc:
                raise ServiceError(exc.message, f"{kind}.meeting" if exc.field == "meeting" else kind) from None


def _shown_deadlines(state: dict[str, tuple[dt.datetime | None, int | None]]) -> str:
    return "；".join(f"{DEADLINE_TITLES[kind]} {at:%Y-%m-%d %H:%M}" if at else f"{DEADLINE_TITLES[kind]}未设定"
                    for kind, (at, _meeting) in state.items())


def time_left(kind: str, now: dt.datetime) -> dt.timedelta | None:
    deadline = get_deadline(kind)
    return None if deadline is None else deadline.at - now


def describe_time_left(kind: str, now: dt.datetime) -> str:
    """距提出议案截止还有 1 天 3 小时 5 分 / 提出议案截止时间已过 2 小时 / 未设定."""
    deadline = get_deadline(kind)
    title = DEADLINE_TITLES[kind]
    if deadline is None:
        return f"尚未设定{title}"
    left = deadline.at - now
    text = _duration(abs(left))
    return f"{title} {deadline.text}，还有 {text}" if left >= dt.timedelta(0) else \
        f"{title} {deadline.text}，已过 {text}"


def _duration(span: dt.timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} 天" if days else "", f"{hours} 小时" if hours else "", f"{mins} 分"]
    return " ".join(p for p in parts if p)


# ---------------------------------------------------------------- reading


def _signers() -> dict[int, list[SignerRow]]:
    found: dict[int, list[SignerRow]] = {}
    query = (MotionSigner.select(MotionSigner.motion, Member.id, Person.name, Person.gender,
                                 Delegation.name, Member.status, Member.ended_on, Member.started_on)
             .join(Member).join(Person).switch(Member).join(Delegation, JOIN.LEFT_OUTER)
             .order_by(MotionSigner.position, MotionSigner.id))
    for motion_id, member_id, name, gender, delegation, status, ended_on, started_on in query.tuples():
        found.setdefault(motion_id, []).append(
            SignerRow(member_id, name, gender, delegation or "", status == store.STATUS_SERVING, ended_on,
                      started_on))
    return found


def _delegation_order() -> dict[str, int]:
    return {name: pos for name, pos in Delegation.select(Delegation.name, Delegation.position).tuples()}


def list_motions(kind: str | None = None, state: str | None = None) -> list[MotionRow]:
    """Items in register order: motions by number, then suggestions by number."""
    signers = _signers()
    handling = suggestions.motion_assignments()
    merged: dict[int, list[int]] = {}
    for mid, into in Motion.select(Motion.id, Motion.merged_into).where(Motion.merged_into.is_null(False)).tuples():
        merged.setdefault(into, []).append(mid)
    order = _delegation_order()
    deadline = get_deadline("议案")
    rows = []
    columns = [f for f in Motion._meta.sorted_fields if f.name != "attachment_data"]
    for m in Motion.select(*columns):
        signed = signers.get(m.id, [])
        lead = next((s for s in signed if s.member_id == m.lead_id), None)
        teams = []
        for s in sorted(signed, key=lambda s: (s.member_id != m.lead_id, order.get(s.delegation, 0))):
            if s.delegation not in teams:
                teams.append(s.delegation)
        late = rules.is_late(m.received_at, deadline.at if deadline else None)
        assigned = handling.get(m.id, ())
        lead_unit = next((a for a in assigned if a.lead), None)
        reply = lead_unit.latest if lead_unit is not None else None
        row = MotionRow(m.id, m.kind, m.number, m.title, m.submitter, lead, tuple(signed), tuple(teams),
                        m.received_at, m.clerk, m.reason, m.basis, m.plan, m.attachment, m.withdrawn_at,
                        m.withdraw_reason, m.decision, m.decision_reason, m.merged_into_id,
                        reply.replied_on if reply else None, reply.rating if reply else "",
                        tuple(UnitRow(a.unit, a.lead) for a in assigned), late, None, tuple(merged.get(m.id, [])))
        problem = None
        if m.kind == "议案" and m.withdrawn_at is None:
            problem = rules.motion_problem(m.kind, m.submitter, row.serving_signers, m.received_at,
                                           deadline.at if deadline else None)
        rows.append(_with_problem(row, problem))
    rows.sort(key=lambda r: (rules.KINDS.index(r.kind), r.number))
    return [r for r in rows if (kind is None or r.kind == kind) and (state is None or r.state == state)]


def _with_problem(row: MotionRow, problem: str | None) -> MotionRow:
    return replace(row, problem=problem) if problem else row


def get_motion(motion_id: int) -> MotionRow:
    for row in list_motions():
        if row.motion_id == motion_id:
            return row
    raise ServiceError("该议案或建议已不存在。")


# ---------------------------------------------------------------- intake


def _clean(data: MotionInput, now: dt.datetime) -> tuple[MotionInput, list[Member]]:
    title = " ".join(data.title.split())
    if not title:
        raise ServiceError("请填写标题。", "title")
    if data.kind not in rules.KINDS:
        raise ServiceError("类别只能是议案或建议。", "kind")
    if data.submitter not in rules.SUBMITTERS:
        raise ServiceError(f"提出者只能是{'、'.join(rules.SUBMITTERS)}之一。", "submitter")
    received = (data.received_at or now).replace(second=0, microsecond=0)
    ids = list(dict.fromkeys(data.signer_member_ids))
    if data.lead_member_id is not None and data.lead_member_id not in ids:
        ids.insert(0, data.lead_member_id)
    elif data.lead_member_id is not None:
        ids.insert(0, ids.pop(ids.index(data.lead_member_id)))
    members = []
    for mid in ids:
        member = Member.get_or_none(id=mid)
        if member is None:
            raise ServiceError("所选代表已不存在。", "signers")
        if member.role != Role.DELEGATE:
            raise ServiceError(f"“{member.person.name}”不是代表，不能联名。", "signers")
        members.append(member)
    if data.submitter == rules.BY_DELEGATES and data.lead_member_id is None:
        raise ServiceError("请选择领衔代表。", "lead")
    serving = rules.count_signers(
        (m.id, rules.signed_while_serving(m.status == store.STATUS_SERVING, m.ended_on, received, m.started_on))
        for m in members)
    deadline = get_deadline("议案")
    problem = rules.motion_problem(data.kind, data.submitter, serving, received,
                                   deadline.at if deadline else None)
    if problem:
        late = data.kind == "议案" and deadline is not None and rules.is_late(received, deadline.at)
        raise ServiceError(problem, "kind" if late else "signers")
    cleaned = MotionInput(data.kind, title, data.submitter, data.lead_member_id, tuple(ids), received,
                          data.clerk.strip(), data.reason.strip(), data.basis.strip(), data.plan.strip(),
                          data.attachment.strip())
    return cleaned, members


def _attachment(value: str, motion: Motion | None) -> tuple[str, bytes | None]:
    """(name, bytes) to store for the attachment field as the dialog left it."""
    if motion is not None and value and value == motion.attachment:
        return motion.attachment, motion.attachment_data
    return attachments.read(value)


def save_attachment(motion_id: int, target: str | Path) -> None:
    """Write the attached file out, to open or print it."""
    motion = Motion.get_or_none(id=motion_id)
    if motion is None or motion.attachment_data is None:
        raise ServiceError("该件没有附件。")
    attachments.write(motion.attachment_data, target)


def _next_number(kind: str) -> int:
    highest = Motion.select(Motion.number).where(Motion.kind == kind).order_by(Motion.number.desc()).scalar() or 0
    if kind == "建议":
        # a 议案 turned into a suggestion took a 建议 number when the register was taken over
        taken = (Suggestion.select(Suggestion.number).where(Suggestion.period == suggestion_rules.SESSION)
                 .order_by(Suggestion.number.desc()).scalar() or 0)
        highest = max(highest, taken)
    return highest + 1


def _write_signers(motion_id: int, members: list[Member]) -> None:
    MotionSigner.delete().where(MotionSigner.motion == motion_id).execute()
    for i, member in enumerate(members):
        MotionSigner.create(motion=motion_id, member=member, position=i)


def register_motion(data: MotionInput, now: dt.datetime | None = None) -> int:
    """Register an item with the next number of its kind (in order of receipt).

    A motion received after the deadline is refused with field "kind": the desk offers to
    register it as a suggestion instead.
    """
    data, members = _clean(data, now or dt.datetime.now())
    name, content = _attachment(data.attachment, None)
    with store.database.atomic():
        motion = Motion.create(kind=data.kind, number=_next_number(data.kind), title=data.title,
                               submitter=data.submitter, lead=data.lead_member_id,
                               received_at=data.received_at, clerk=data.clerk, reason=data.reason,
                               basis=data.basis, plan=data.plan, attachment=name, attachment_data=content)
        _write_signers(motion.id, members)
        return motion.id


def update_motion(motion_id: int, data: MotionInput, seen: MotionInput | MotionRow | None = None) -> None:
    """SEEN: the item as the desk read it; conflicts.ConflictError when another desk changed it since."""
    motion = Motion.get_or_none(id=motion_id)
    if motion is None:
        raise ServiceError("该议案或建议已不存在。")
    if motion.withdrawn_at is not None:
        raise ServiceError("该件已撤回，不能再修改；如需修改请先取消撤回。")
    data, members = _clean(data, motion.received_at)
    name, content = _attachment(data.attachment, motion)
    with store.database.atomic():
        if seen is not None:
            signers = [(MotionSigner, i) for (i,) in MotionSigner.select(MotionSigner.id)
                       .where(MotionSigner.motion == motion_id).tuples()]
            named = (seen if isinstance(seen, MotionRow) else get_motion(motion_id)).register_no  # as the form has it
            conflicts.guard(named, [(Motion, motion_id)] + signers,
                            lambda: MotionInput.of(get_motion(motion_id)),
                            MotionInput.of(seen) if isinstance(seen, MotionRow) else seen,
                            replace(data, attachment=name), _shown_motion)
            motion = Motion.get_by_id(motion_id)  # its number as it is now, under the lock
        number = motion.number if data.kind == motion.kind else _next_number(data.kind)
        Motion.update(kind=data.kind, number=number, title=data.title, submitter=data.submitter,
                      lead=data.lead_member_id, received_at=data.received_at, clerk=data.clerk,
                      reason=data.reason, basis=data.basis, plan=data.plan,
                      attachment=name, attachment_data=content).where(Motion.id == motion_id).execute()
        _write_signers(motion_id, members)


def _shown_motion(data: MotionInput) -> str:
    """建议，《标题》，领衔…，收到时间, as the conflict message says them."""
    lead = Member.get_or_none(id=data.lead_member_id) if data.lead_member_id is not None else None
    parts = [data.kind, f"《{data.title}》",
             data.submitter if data.submitter != rules.BY_DELEGATES else
             f"{lead.person.name if lead else '（无领衔代表）'}等{len(data.signer_member_ids)}名代表联名",
             (f"{data.received_at.year}年{data.received_at.month}月{data.received_at.day}日 {data.received_at:%H:%M}收到"
              if data.received_at else ""),
             f"附件“{data.attachment}”" if data.attachment else ""]
    return "，".join(p for p in parts if p)


def withdraw_motion(motion_id: int, at: dt.datetime, reason: str = "") -> None:
    """撤回 before the review; the record and its number stay."""
    with store.database.atomic():
        # read under the lock: a review saved at another desk meanwhile refuses the withdrawal
        conflicts.lock([(Motion, motion_id)])
        row = get_motion(motion_id)
        if row.withdrawn_at is not None:
            raise ServiceError(f"{row.register_no}已经撤回。")
        if row.decision:
            raise ServiceError(f"{row.register_no}已经审查（{row.decision}），不能再撤回。")
        # a 建议 already taken over for handling: a withdrawn one is no longer handled (the check
        # would flag it), and one already handed to a unit is not withdrawn behind the unit's back
        taken = store.Suggestion.get_or_none(store.Suggestion.motion == motion_id)
        if taken is not None:
            if store.Assignment.select().where(store.Assignment.suggestion == taken.id).exists():
                raise ServiceError(f"{row.register_no}已交办给承办单位，不能再撤回。"
                                   "请先在“建议办理”页撤销交办。")
            store.Suggestion.delete().where(store.Suggestion.id == taken.id).execute()
        Motion.update(withdrawn_at=at.replace(second=0, microsecond=0), withdraw_reason=reason.strip()).where(
            Motion.id == motion_id).execute()


def undo_withdrawal(motion_id: int) -> None:
    with store.database.atomic():
        Motion.update(withdrawn_at=None, withdraw_reason="").where(Motion.id == motion_id).execute()


# ---------------------------------------------------------------- review and handling


def review_motion(motion_id: int, decision: str, reason: str = "", merged_into: int | None = None,
                  seen: MotionRow | None = None) -> None:
    """The review committee's decision on one motion; 并案 links it to the motion it joins. SEEN:
    the motion as the desk read it; conflicts.ConflictError when another desk reviewed it since."""
    if decision and decision not in store.REVIEW_DECISIONS:
        raise ServiceError(f"审查意见只能是{'、'.join(store.REVIEW_DECISIONS)}之一。", "decision")
    if decision == "其他" and not reason.strip():
        raise ServiceError("审查意见为“其他”时须写明理由。", "reason")
    with store.database.atomic():
        conflicts.lock([(Motion, motion_id)])  # a withdrawal at another desk meanwhile is seen here
        row = get_motion(motion_id)
        if row.kind != "议案":
            raise ServiceError("只有议案需要审查；建议直接交办。")
        if row.withdrawn_at is not None:
            raise ServiceError(f"{row.register_no}已撤回，不再审查。")
        if merged_into is not None:
            target = get_motion(merged_into)
            if target.motion_id == motion_id or target.kind != "议案":
                raise ServiceError("只能并入另一件议案。", "merged_into")
            if target.merged_into_id is not None:
                raise ServiceError(f"{target.register_no}本身已并入其他议案，请并入那一件。", "merged_into")
        if seen is not None:
            conflicts.guard(f"{row.register_no}的审查意见", [(Motion, motion_id)],
                            lambda: _review_of(get_motion(motion_id)), _review_of(seen),
                            (decision, reason.strip(), merged_into), _shown_review)
        Motion.update(decision=decision, decision_reason=reason.strip(), merged_into=merged_into).where(
            Motion.id == motion_id).execute()


def _review_of(row: MotionRow) -> tuple[str, str, int | None]:
    return row.decision, row.decision_reason, row.merged_into_id


def _shown_review(review: tuple[str, str, int | None]) -> str:
    decision, reason, merged_into = review
    if not decision:
        return "尚未审查"
    merged = f"，并入{get_motion(merged_into).register_no}" if merged_into is not None else ""
    return decision + (f"（{reason}）" if reason else "") + merged


def _check_handled(row: MotionRow) -> None:
    if row.withdrawn_at is not None:
        raise ServiceError(f"{row.register_no}已撤回，不交办。")
    if row.merged_into_id is not None:
        raise ServiceError(f"{row.register_no}已并案，随所并入的议案办理。")
    if not row.handled_as_suggestion and row.decision != "列为大会议案":
        raise ServiceError("只有建议和列为大会议案的议案交承办单位办理。")


def assign_units(motion_id: int, units: list[tuple[str, bool]]) -> None:
    """承办单位: (name, is lead); exactly one lead when there are any. The reply on record stays."""
    row = get_motion(motion_id)
    _check_handled(row)
    suggestions.set_motion_handling(motion_id, units, row.reply_date, row.rating)


def record_reply(motion_id: int, reply_date: dt.date | None, rating: str = "") -> None:
    """The lead unit's reply and the delegate's rating: added to the record, never written over."""
    row = get_motion(motion_id)
    _check_handled(row)
    suggestions.set_motion_handling(motion_id, [(u.unit, u.lead) for u in row.units], reply_date, rating)


def record_handling(motion_id: int, units: list[tuple[str, bool]], reply_date: dt.date | None,
                    rating: str = "") -> None:
    """交办和答复 in one go: the units and the reply are written together or not at all (through
    services.suggestions, which keeps every round of a unit's replies)."""
    row = get_motion(motion_id)
    _check_handled(row)
    suggestions.set_motion_handling(motion_id, units, reply_date, rating)


def allowed_actions(row: MotionRow) -> dict[str, str | None]:
    """Each desk action on ROW: None when allowed, else why not (the pages grey the button out)."""
    withdrawn = f"{row.register_no}已撤回。" if row.withdrawn_at is not None else None
    handling = withdrawn or (f"{row.register_no}已并案，随所并入的议案办理。" if row.merged_into_id else None) or (
        None if row.handled_as_suggestion or row.decision == "列为大会议案"
        else "只有建议和列为大会议案的议案交承办单位办理（议案须先审查）。")
    return {
        "edit": withdrawn and "该件已撤回，不能再修改；如需修改请先取消撤回。",
        "withdraw": withdrawn or (f"{row.register_no}已经审查（{row.decision}），不能再撤回。" if row.decision else None),
        "undo_withdrawal": None if row.withdrawn_at is not None else "该件没有撤回。",
        "review": withdrawn or (None if row.kind == "议案" else "只有议案需要审查；建议直接交办。"),
        "handle": handling,
    }


# ---------------------------------------------------------------- counts


def counts_by_kind() -> dict[str, int]:
    """Items not withdrawn by what they count as: a 议案 turned into a suggestion is a 建议."""
    counts = {kind: 0 for kind in rules.KINDS}
    for row in list_motions():
        if row.withdrawn_at is None:
            counts[row.counted_kind] += 1
    return counts


def counts_by_delegation() -> list[tuple[str, int, int]]:
    """(delegation, motions led, suggestions led) by the lead delegate's delegation, roster order;
    a 议案 turned into a suggestion counts as a suggestion."""
    counts = {d.name: [0, 0] for d in roster.list_delegations()}
    for row in list_motions():
        if row.withdrawn_at is None and row.lead is not None:
            counts.setdefault(row.lead.delegation, [0, 0])[rules.KINDS.index(row.counted_kind)] += 1
    return [(name, a, b) for name, (a, b) in counts.items()]


def ordinal(n: int) -> str:
    """一、二 … for the review report's list."""
    return chinese_number(n)


# ---------------------------------------------------------------- 续办议案


@dataclass(frozen=True)
class CarriedRow:
    """A motion an earlier session made that this session orders handled further."""

    carried_id: int
    title: str
    lead: str  # 领衔代表 as that session recorded it; "" when not known
    term: int
    number: int

    def session_words(self, level: str) -> str:
        """区十一届人大一次会议 — as seed 000's 决议 names the session that made it (LEVEL: 区)."""
        return f"{level}{chinese_number(self.term)}届人大{chinese_number(self.number)}次会议"

    @property
    def session_text(self) -> str:
        """第十一届人民代表大会第一次会议"""
        return f"第{chinese_number(self.term)}届人民代表大会第{chinese_number(self.number)}次会议"


@dataclass(frozen=True)
class CarriedInput:
    title: str
    term: int | None
    number: int | None
    lead: str = ""


def list_carried() -> list[CarriedRow]:
    """The 续办议案, the earliest session's first, each session's in the order entered."""
    query = CarriedMotion.select().order_by(CarriedMotion.term, CarriedMotion.number, CarriedMotion.position,
                                            CarriedMotion.id)
    return [CarriedRow(c.id, c.title, c.lead, c.term, c.number) for c in query]


def _clean_carried(data: CarriedInput, carried_id: int | None) -> CarriedInput:
    title = " ".join(data.title.split())
    if title.startswith("《") and title.endswith("》"):
        title = title[1:-1].strip()  # the resolution sets the title in 《》 itself
    if not title:
        raise ServiceError("请填写续办议案的标题。", "title")
    if "《" in title or "》" in title:
        raise ServiceError("标题中不要写书名号“《》”，打印时会加上；一件议案登记一行。", "title")
    for value, what, field_name in ((data.term, "届次", "term"), (data.number, "会议次数", "number")):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 999:
            raise ServiceError(f"请填写提出该议案的会议的{what}（第几届人民代表大会第几次会议）。", field_name)
    info = Session.get_or_none()
    if info is not None and (data.term, data.number) >= (info.term, info.number):
        now = f"第{chinese_number(info.term)}届人民代表大会第{chinese_number(info.number)}次会议"
        raise ServiceError(f"续办议案须是以往会议确定的议案；本次会议是{now}，"
                           "所填会议不在它之前。", "number" if data.term == info.term else "term")
    lead = " ".join(data.lead.split())
    if lead:
        wrong = people_rules.check_name(lead)
        if wrong:
            raise ServiceError(f"领衔代表：{wrong.message}", "lead")
    same = CarriedMotion.select().where((CarriedMotion.title == title) & (CarriedMotion.term == data.term)
                                        & (CarriedMotion.number == data.number))
    if carried_id is not None:
        same = same.where(CarriedMotion.id != carried_id)
    if same.exists():
        raise ServiceError(f"《{title}》已登记为续办议案。", "title")
    return CarriedInput(title, data.term, data.number, lead)


def add_carried(data: CarriedInput) -> int:
    """Record a motion of an earlier session to be handled further (续办议案)."""
    data = _clean_carried(data, None)
    with store.database.atomic():
        position = (CarriedMotion.select(CarriedMotion.position).order_by(CarriedMotion.position.desc())
                    .scalar() or 0) + 1
        return CarriedMotion.create(title=data.title, lead=data.lead, term=data.term, number=data.number,
                                    position=position).id


def update_carried(carried_id: int, data: CarriedInput, seen: CarriedInput | CarriedRow | None = None) -> None:
    """SEEN: the entry as the desk read it; conflicts.ConflictError when another desk changed it since."""
    if CarriedMotion.get_or_none(id=carried_id) is None:
        raise ServiceError("该续办议案已不存在。")
    data = _clean_carried(data, carried_id)
    if isinstance(seen, CarriedRow):
        seen = CarriedInput(seen.title, seen.term, seen.number, seen.lead)
    with store.database.atomic():
        conflicts.guard("续办议案", [(CarriedMotion, carried_id)], lambda: _carried_input(carried_id),
                        seen, data, _shown_carried)
        CarriedMotion.update(title=data.title, lead=data.lead, term=data.term, number=data.number).where(
            CarriedMotion.id == carried_id).execute()


def _carried_input(carried_id: int) -> CarriedInput:
    row = CarriedMotion.get_by_id(carried_id)
    return CarriedInput(row.title, row.term, row.number, row.lead)


def _shown_carried(data: CarriedInput) -> str:
    meeting = f"第{chinese_number(data.term)}届人民代表大会第{chinese_number(data.number)}次会议"
    return "，".join(p for p in (f"《{data.title}》", meeting, f"领衔代表{data.lead}" if data.lead else "") if p)


def remove_carried(carried_id: int) -> None:
    with store.database.atomic():
        if not CarriedMotion.delete().where(CarriedMotion.id == carried_id).execute():
            raise ServiceError("该续办议案已不存在。")

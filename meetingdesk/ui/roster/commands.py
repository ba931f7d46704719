"""Every edit a clerk makes is one undoable command over the roster service.

The dialog has already carried out the change (so errors show at the field); a command is
pushed afterwards and skips its first redo (undo.Command). The window's undo.UndoStack asks a
command before each step: a step that would delete or invalidate what another area recorded
since (丁一's seat on the presidium, his check-in, a motion he signed) is refused with a message
naming those records, and a step the service refuses leaves the stack where it was.
"""
from __future__ import annotations

import datetime as dt

from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, roster, session
from meetingdesk.services.roster import REMOVE_FIRST, MemberInput
from meetingdesk.ui.common import page
from meetingdesk.ui.common.undo import Command

DELEGATE = Role.DELEGATE


def _name(member_id: int, fallback: str) -> str:
    try:
        return roster.get_member(member_id).name
    except ServiceError:
        return fallback


class _Recorded:
    """What other areas had recorded about a member when he was last changed by this command,
    so that a step back can tell what was recorded since, under the state it would undo."""

    def __init__(self) -> None:
        self._seen: set[tuple[str, int]] = set()

    def note(self, member_id: int) -> None:
        self._seen = {d.key for d in roster.member_dependents(member_id, person=True)}

    def since(self, member_id: int) -> list[roster.Dependent]:
        return [d for d in roster.member_dependents(member_id, person=True) if d.key not in self._seen]


class AddMember(Command):
    AREAS = frozenset({page.ROSTER})

    def members(self) -> tuple[int, ...]:
        return (self.member_id,)

    def __init__(self, member_id: int, data: MemberInput) -> None:
        super().__init__(f"添加 {data.name}")
        self.member_id, self.data = member_id, data
        self.person_id: int | None = None  # known once undone: a redo gives the same ids back

    def blocked_undo(self) -> str:
        found = roster.member_dependents(self.member_id)
        if not found:
            return ""
        return f"{roster.dependents_sentence(_name(self.member_id, self.data.name), found)}。{REMOVE_FIRST}"

    def revert(self) -> None:
        row = roster.get_member(self.member_id)
        roster.undo_add_member(self.member_id)  # refuses too, should anything depend on him
        self.data, self.person_id = MemberInput.of(row), row.person_id

    def blocked_redo(self) -> str:
        if self.data.delegation_id not in dict(roster.delegation_choices()):
            return f"{self.data.name} 原属的代表团已被删除。请先新建代表团，再重新添加此人。"
        return ""

    def apply(self) -> None:
        self.member_id = roster.add_member(self.data, member_id=self.member_id, person_id=self.person_id)


class EditMember(Command):
    """A correction; undoing or redoing it may change the role. Taking 代表 away from someone
    on whom other areas recorded something since the last change (a seat on the presidium, a
    motion signed as a delegate) is refused: those records need him to be a delegate."""
    AREAS = frozenset({page.ROSTER})

    def members(self) -> tuple[int, ...]:
        return (self.member_id,)

    def __init__(self, member_id: int, before: MemberInput, after: MemberInput, text: str = "") -> None:
        super().__init__(text or f"修改 {after.name}")
        self.member_id, self.before, self.after = member_id, before, after
        self._recorded = _Recorded()
        if self._drops_delegate(before, after) or self._drops_delegate(after, before):
            self._recorded.note(member_id)

    @staticmethod
    def _drops_delegate(now: MemberInput, then: MemberInput) -> bool:
        return now.role == DELEGATE and then.role != DELEGATE

    def _blocked(self, verb: str, now: MemberInput, then: MemberInput) -> str:
        if not self._drops_delegate(now, then):
            return ""
        found = self._recorded.since(self.member_id)
        if not found:
            return ""
        return (f"身份改为“{now.role}”后，{roster.dependents_sentence(_name(self.member_id, now.name), found)}。"
                f"{verb}会把身份改回“{then.role}”，这些记录将失去依据。{REMOVE_FIRST}")

    def blocked_undo(self) -> str:
        return self._blocked("撤销", self.after, self.before)

    def blocked_redo(self) -> str:
        return self._blocked("重做", self.before, self.after)

    def apply(self) -> None:
        roster.update_member(self.member_id, self.after, seen=self.before)

    def revert(self) -> None:
        # what this desk wrote is what it saw: a change made since at another desk is not undone
        roster.update_member(self.member_id, self.before, seen=self.after)

    def undone(self) -> None:
        if self.before.role != self.after.role:
            self._recorded.note(self.member_id)

    redone = undone


class _Mandate(Command):
    """Ending a mandate again (undoing 恢复资格, redoing 终止资格) is refused while other areas
    have recorded something about the person since he was serving again: a check-in, a motion
    signed, a presidium seat would be those of someone no longer a delegate.

    The ending is carried whole (date, reason, the 常委会 decision) so that ending again writes
    what was there; the offices that ended with it (相应终止) are reopened by reinstating and
    ended again by ending: `offices` says which, as the last step left them."""
    AREAS = frozenset({page.ROSTER, page.PRESIDIUM})  # offices end with a mandate

    def members(self) -> tuple[int, ...]:
        return (self.member_id,)

    def __init__(self, text: str, member_id: int, name: str, ended_on: dt.date | None, reason: str,
                 decision: str = "", offices: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__(text)
        self.member_id, self.name, self.ended_on, self.reason = member_id, name, ended_on, reason
        self.decision = decision
        self.offices: tuple[str, ...] = tuple(offices)
        self._recorded = _Recorded()

    def _end(self) -> None:
        self.offices = tuple(roster.end_member(self.member_id, self.ended_on, self.reason, self.decision))

    def _reinstate(self) -> None:
        self.offices = tuple(roster.ended_with(self.member_id))
        roster.reinstate_member(self.member_id)
        self._recorded.note(self.member_id)

    def _blocked_end(self, verb: str) -> str:
        found = self._recorded.since(self.member_id)
        if not found:
            return ""
        return (f"恢复资格后，{roster.dependents_sentence(_name(self.member_id, self.name), found)}。"
                f"{verb}会再次终止其资格，这些记录将失去依据。{REMOVE_FIRST}")

    @property
    def offices_text(self) -> str:
        """同时相应终止：区人大常委会委员 — what this ending took with it, or ""."""
        return f"同时相应终止：{'、'.join(self.offices)}" if self.offices else ""


class EndMember(_Mandate):
    def __init__(self, member_id: int, name: str, ended_on: dt.date, reason: str,
                 decision: str = "", offices: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__(f"终止 {name} 的资格", member_id, name, ended_on, reason, decision, offices)

    def revert(self) -> None:
        self._reinstate()

    def blocked_redo(self) -> str:
        return self._blocked_end("重做")

    def apply(self) -> None:
        self._end()


class ReinstateMember(_Mandate):
    """OFFICES: those the page's reinstating reopened (roster.ended_with before it)."""

    def __init__(self, member_id: int, name: str, ended_on: dt.date | None, reason: str,
                 decision: str = "", offices: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__(f"恢复 {name} 的资格", member_id, name, ended_on, reason, decision, offices)
        self._recorded.note(member_id)  # the page has just reinstated him

    def blocked_undo(self) -> str:
        if self.ended_on is None:  # ended before this session, the date never known (seed 000)
            return ("原来的资格终止没有日期，无法照原样再次终止。"
                    "请选中此人，用“终止资格…”填写终止日期、原因和终止决定。")
        return self._blocked_end("撤销")

    def revert(self) -> None:
        self._end()

    def apply(self) -> None:
        self._reinstate()


class EditDelegation(Command):
    """Before and after are dicts of update_delegation's keyword arguments."""
    AREAS = frozenset({page.ROSTER})

    def __init__(self, delegation_id: int, before: dict, after: dict) -> None:
        super().__init__(f"修改 {after['name']}")
        self.delegation_id, self.before, self.after = delegation_id, before, after

    def apply(self) -> None:
        roster.update_delegation(self.delegation_id, **self.after, seen=self.before)

    def revert(self) -> None:
        roster.update_delegation(self.delegation_id, **self.before, seen=self.after)


class AddDelegation(Command):
    AREAS = frozenset({page.ROSTER})
    def __init__(self, delegation_id: int, name: str, room: str) -> None:
        super().__init__(f"新建 {name}")
        self.delegation_id, self.name, self.room = delegation_id, name, room

    def blocked_undo(self) -> str:
        found = roster.delegation_dependents(self.delegation_id)
        if not found:
            return ""
        return (f"{roster.dependents_sentence(self.name, found)}。"
                "请先把人员调到其他代表团，并在相应页面删除这些记录。")

    def revert(self) -> None:
        row = roster.get_delegation(self.delegation_id)
        roster.remove_delegation(self.delegation_id)  # refuses too, should anything be in it
        self.name, self.room = row.name, row.room

    def apply(self) -> None:
        self.delegation_id = roster.add_delegation(self.name, self.room, delegation_id=self.delegation_id)


class EditSession(Command):
    AREAS = frozenset({page.SESSION})
    def __init__(self, before: dict, after: dict) -> None:
        super().__init__("修改会议信息")
        self.before, self.after = before, after

    def apply(self) -> None:
        session.update_session(**self.after, seen=self.before)

    def revert(self) -> None:
        session.update_session(**self.before, seen=self.after)

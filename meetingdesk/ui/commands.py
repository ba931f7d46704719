"""Every edit a clerk makes is one undoable command over the roster service.

The dialog has already carried out the change (so errors show at the field);
a command is pushed afterwards and skips its first redo.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoCommand

from meetingdesk.services import roster, session
from meetingdesk.services.roster import MemberInput


class _Applied(QUndoCommand):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.apply()

    def apply(self) -> None:
        raise NotImplementedError


class AddMember(_Applied):
    def __init__(self, member_id: int, data: MemberInput) -> None:
        super().__init__(f"添加 {data.name}")
        self.member_id, self.data = member_id, data

    def apply(self) -> None:
        self.member_id = roster.add_member(self.data)

    def undo(self) -> None:
        roster.remove_member(self.member_id)


class EditMember(_Applied):
    def __init__(self, member_id: int, before: MemberInput, after: MemberInput, text: str = "") -> None:
        super().__init__(text or f"修改 {after.name}")
        self.member_id, self.before, self.after = member_id, before, after

    def apply(self) -> None:
        roster.update_member(self.member_id, self.after)

    def undo(self) -> None:
        roster.update_member(self.member_id, self.before)


class EndMember(_Applied):
    def __init__(self, member_id: int, name: str, ended_on: dt.date, reason: str) -> None:
        super().__init__(f"终止 {name} 的资格")
        self.member_id, self.ended_on, self.reason = member_id, ended_on, reason

    def apply(self) -> None:
        roster.end_member(self.member_id, self.ended_on, self.reason)

    def undo(self) -> None:
        roster.reinstate_member(self.member_id)


class ReinstateMember(_Applied):
    def __init__(self, member_id: int, name: str, ended_on: dt.date, reason: str) -> None:
        super().__init__(f"恢复 {name} 的资格")
        self.member_id, self.ended_on, self.reason = member_id, ended_on, reason

    def apply(self) -> None:
        roster.reinstate_member(self.member_id)

    def undo(self) -> None:
        roster.end_member(self.member_id, self.ended_on, self.reason)


class EditDelegation(_Applied):
    """Before and after are dicts of update_delegation's keyword arguments."""

    def __init__(self, delegation_id: int, before: dict, after: dict) -> None:
        super().__init__(f"修改 {after['name']}")
        self.delegation_id, self.before, self.after = delegation_id, before, after

    def apply(self) -> None:
        roster.update_delegation(self.delegation_id, **self.after)

    def undo(self) -> None:
        roster.update_delegation(self.delegation_id, **self.before)


class AddDelegation(_Applied):
    def __init__(self, delegation_id: int, name: str, room: str) -> None:
        super().__init__(f"新建 {name}")
        self.delegation_id, self.name, self.room = delegation_id, name, room

    def apply(self) -> None:
        self.delegation_id = roster.add_delegation(self.name, self.room)

    def undo(self) -> None:
        roster.remove_delegation(self.delegation_id)


class EditSession(_Applied):
    def __init__(self, before: dict, after: dict) -> None:
        super().__init__("修改会议信息")
        self.before, self.after = before, after

    def apply(self) -> None:
        session.update_session(**self.after)

    def undo(self) -> None:
        session.update_session(**self.before)

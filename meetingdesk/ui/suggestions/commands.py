"""The 建议办理 page's edits as undoable commands over services.suggestions (undo.Command: the page
has already written the change when it pushes one, so errors showed at the field).

Each undoes and redoes through the service's own pairs: `state` / `restore` for the suggestions'
own rows, `assignments_state` / `restore_assignments`, `remove_reply` / `restore_reply`,
`reply_state` / `restore_rating`, and the lists' add / rename / remove with the ids kept. The
service refuses a step that would drop a reply given since (the stack then shows why and stays).

A command that changed some suggestions tells the page which (`shown(ids)`), so the page reads
those rows again and not all; one that adds or takes away suggestions, or changes a list, lets
the page read everything."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from meetingdesk.services import suggestions
from meetingdesk.services.suggestions import AssignmentsState, DueDefaults, RatingState, ReplyState, SuggestionsState
from meetingdesk.ui.common import page
from meetingdesk.ui.common.undo import Command

# The motion desk shows each item's handling (units, replies) from services.suggestions, and this
# page shows the register's items: one area for both.
AREAS = frozenset({page.MOTIONS})

# The page, after a step was written: the suggestions to read again (None: all of them).
Shown = Callable[[Sequence[int] | None], None]


class SuggestionCommand(Command):
    """An edit of the suggestions IDS; SHOWN(ids) after each step lets the page read just them."""

    AREAS = AREAS

    def __init__(self, text: str, ids: Sequence[int], shown: Shown | None = None) -> None:
        super().__init__(text)
        self.ids = tuple(ids)
        self.shown = shown

    def _tell(self) -> None:
        if self.shown is not None:
            self.shown(self.ids)


class Restoring(SuggestionCommand):
    """A step between two states the service's RESTORE puts back: redone to AFTER, undone to BEFORE."""

    @staticmethod
    def restore(state) -> None:
        raise NotImplementedError

    def __init__(self, text: str, ids: Sequence[int], before, after, shown: Shown | None = None) -> None:
        super().__init__(text, ids, shown)
        self.before, self.after = before, after

    # The service compares with what this desk wrote (the step's other side), so that a change
    # made since at another desk is refused rather than undone; a RESTORE without SEEN does not.
    COMPARES = False

    def apply(self) -> None:
        self._put(self.after, self.before)

    def revert(self) -> None:
        self._put(self.before, self.after)

    def _put(self, state, written) -> None:
        if self.COMPARES:
            self.restore(state, seen=written)
        else:
            self.restore(state)
        self._tell()


class EditSuggestions(Restoring):
    """修改, 受理/退回修改, 领域, 重点: the suggestions' own rows before and after."""

    restore = staticmethod(suggestions.restore)
    COMPARES = True

    def __init__(self, text: str, before: SuggestionsState, after: SuggestionsState, shown: Shown | None = None) -> None:
        super().__init__(text, [row[0] for row in before.rows], before, after, shown)


class AddSuggestions(Command):
    """接收会议期间建议 or 登记闭会建议: undone by taking the new ones away (refused once one has
    been handed to a unit), redone by putting the same rows back with their ids and numbers."""

    AREAS = AREAS

    def __init__(self, text: str, ids: Sequence[int], shown: Shown | None = None) -> None:
        super().__init__(text)
        self.ids = tuple(ids)
        self.rows = suggestions.state(self.ids)
        self.shown = shown

    def revert(self) -> None:
        self.rows = suggestions.state(self.ids)
        suggestions.restore(SuggestionsState(), drop=self.ids)
        if self.shown is not None:
            self.shown(None)

    def apply(self) -> None:
        suggestions.restore(self.rows)
        if self.shown is not None:
            self.shown(None)


class Assign(Restoring):
    """交办 (bulk): every chosen suggestion's units as they were, and as the assignment left them."""

    restore = staticmethod(suggestions.restore_assignments)
    COMPARES = True

    def __init__(self, text: str, before: AssignmentsState, shown: Shown | None = None) -> None:
        super().__init__(text, before.suggestion_ids, before,
                         suggestions.assignments_state(before.suggestion_ids), shown)


class RecordReply(SuggestionCommand):
    """录入答复: undone by taking the reply back while it is the unit's latest and unrated."""

    def __init__(self, text: str, suggestion_id: int, reply_id: int, shown: Shown | None = None) -> None:
        super().__init__(text, [suggestion_id], shown)
        self.reply_id = reply_id
        self.saved: ReplyState | None = None

    def revert(self) -> None:
        self.saved = suggestions.remove_reply(self.reply_id)
        self._tell()

    def apply(self) -> None:
        if self.saved is not None:
            suggestions.restore_reply(self.saved)
        self._tell()


class Rate(Restoring):
    """评价 (and, for 不满意, the redo's due date): the rating and due date before and after."""

    restore = staticmethod(suggestions.restore_rating)

    def __init__(self, text: str, suggestion_id: int, before: RatingState, shown: Shown | None = None) -> None:
        super().__init__(text, [suggestion_id], before, suggestions.reply_state(before.reply_id), shown)


class SetDueDefaults(Command):
    """答复期限: the session's settings before and after."""

    AREAS = AREAS

    def __init__(self, before: DueDefaults, after: DueDefaults) -> None:
        super().__init__("修改答复期限")
        self.before, self.after = before, after

    def apply(self) -> None:
        suggestions.set_due_defaults(self.after)

    def revert(self) -> None:
        suggestions.set_due_defaults(self.before)


# ---------------------------------------------------------------- the session's lists


class ListService(NamedTuple):
    """services.suggestions' functions for one of the session's lists, and its rows' id field."""

    entries: Callable
    add: Callable
    rename: Callable
    remove: Callable
    id_field: str


LISTS = {"unit": ListService(suggestions.list_units, suggestions.add_unit, suggestions.rename_unit,
                             suggestions.remove_unit, "unit_id"),
         "field": ListService(suggestions.list_fields, suggestions.add_field, suggestions.rename_field,
                              suggestions.remove_field, "field_id")}


class ListEdit(Command):
    """An edit of the units' or the fields' list (LIST is "unit" or "field"), undone with the
    entry's id and place kept, so that assignments made later still point at it."""

    AREAS = AREAS
    WORDS = {"unit": "承办单位", "field": "领域"}

    def __init__(self, text: str, kind: str, entry_id: int) -> None:
        super().__init__(text)
        self.kind, self.entry_id = kind, entry_id
        self.shown: Shown | None = None  # the page sets it when the command is pushed

    def redone(self) -> None:
        if self.shown is not None:
            self.shown(None)

    undone = redone

    def _add(self, name: str, position: int) -> None:
        service = LISTS[self.kind]
        service.add(name, position=position, **{service.id_field: self.entry_id})

    def _remove(self) -> None:
        LISTS[self.kind].remove(self.entry_id)

    def _rename(self, name: str) -> None:
        LISTS[self.kind].rename(self.entry_id, name)


class AddEntry(ListEdit):
    def __init__(self, kind: str, entry_id: int, name: str, position: int) -> None:
        super().__init__(f"添加{self.WORDS[kind]}“{name}”", kind, entry_id)
        self.name, self.position = name, position

    def apply(self) -> None:
        self._add(self.name, self.position)

    def revert(self) -> None:
        self._remove()


class RemoveEntry(ListEdit):
    def __init__(self, kind: str, entry_id: int, name: str, position: int) -> None:
        super().__init__(f"删除{self.WORDS[kind]}“{name}”", kind, entry_id)
        self.name, self.position = name, position

    def apply(self) -> None:
        self._remove()

    def revert(self) -> None:
        self._add(self.name, self.position)


class RenameEntry(ListEdit):
    def __init__(self, kind: str, entry_id: int, before: str, after: str) -> None:
        super().__init__(f"{self.WORDS[kind]}“{before}”改名为“{after}”", kind, entry_id)
        self.before, self.after = before, after

    def apply(self) -> None:
        self._rename(self.after)

    def revert(self) -> None:
        self._rename(self.before)

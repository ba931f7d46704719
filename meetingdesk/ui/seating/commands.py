"""The 座次 page's edits as undoable commands over services.seating (undo.Command: the page has
already written the change when it pushes one).

A change of a seat or two (swap, move, pin) names its people (`members`) and tells the page
after each step (`shown`), so the map moves those seats and nothing is read again; a change of
the hall, a re-arrangement or a 主席台 list changes much, and the page re-reads."""
from __future__ import annotations

from collections.abc import Callable

from meetingdesk.services import seating
from meetingdesk.services.seating import HallSpec, HallState, SeatState
from meetingdesk.ui.common import page
from meetingdesk.ui.common.undo import Command

SEATING = frozenset({page.SEATING})


class SeatCommand(Command):
    """A change of a few seats of one sitting's arrangement (MEETING_ID None: the session's)."""

    AREAS = SEATING

    def __init__(self, text: str, meeting_id: int | None, people: tuple[int, ...],
                 shown: Callable[[SeatCommand, bool], None] | None = None) -> None:
        super().__init__(text)
        self.meeting_id, self.people = meeting_id, people
        self.shown = shown  # the page: SHOWN(command, undone) once a step has been written

    def members(self) -> tuple[int, ...]:
        return self.people

    def _tell(self, undone: bool) -> None:
        if self.shown is not None:
            self.shown(self, undone)


class SwapSeats(SeatCommand):
    """Two people change seats: its own undo."""

    def __init__(self, meeting_id: int | None, a: int, b: int, names: tuple[str, str], shown=None) -> None:
        super().__init__(f"交换 {names[0]} 和 {names[1]} 的座位", meeting_id, (a, b), shown)
        self.a, self.b = a, b

    def apply(self) -> None:
        seating.swap(self.a, self.b, self.meeting_id)
        self._tell(False)

    def revert(self) -> None:
        seating.swap(self.a, self.b, self.meeting_id)
        self._tell(True)


class MoveSeat(SeatCommand):
    """A person to an empty seat; BEFORE and AFTER are (block name, row, column)."""

    def __init__(self, meeting_id: int | None, member_id: int, before: tuple[str, int, int],
                 after: tuple[str, int, int], text: str, shown=None) -> None:
        super().__init__(text, meeting_id, (member_id,), shown)
        self.member_id, self.before, self.after = member_id, before, after

    def apply(self) -> None:
        seating.move(self.member_id, *self.after, self.meeting_id)
        self._tell(False)

    def revert(self) -> None:
        seating.move(self.member_id, *self.before, self.meeting_id)
        self._tell(True)


class PinSeat(SeatCommand):
    def __init__(self, meeting_id: int | None, member_id: int, pinned: bool, before: bool, name: str,
                 shown=None) -> None:
        super().__init__(f"{'固定' if pinned else '取消固定'} {name} 的座位", meeting_id, (member_id,), shown)
        self.member_id, self.pinned, self.before = member_id, pinned, before

    def apply(self) -> None:
        seating.set_pinned(self.member_id, self.pinned, self.meeting_id)
        self._tell(False)

    def revert(self) -> None:
        seating.set_pinned(self.member_id, self.before, self.meeting_id)
        self._tell(True)


class EditHall(Command):
    """设置会场: undone by the hall and every seat as they were; redone by the same hall, whose
    seats then re-flow from the same seats as the first time."""

    AREAS = SEATING

    def __init__(self, before: HallState, after: HallSpec) -> None:
        super().__init__("设置会场" if before.spec is not None else "新建会场")
        self.before, self.after = before, after

    def apply(self) -> None:
        self.before = seating.set_hall(self.after)

    def revert(self) -> None:
        seating.restore_hall(self.before)


class Rearrange(Command):
    """重新排座 of one sitting (None: the session's arrangement)."""

    AREAS = SEATING

    def __init__(self, meeting_id: int | None, before: tuple[SeatState, ...], where: str) -> None:
        super().__init__(f"重新排座（{where}）")
        self.meeting_id, self.before = meeting_id, before

    def apply(self) -> None:
        self.before = seating.rearrange(self.meeting_id)

    def revert(self) -> None:
        seating.restore(self.meeting_id, self.before)


class SetPodium(Command):
    """A sitting's 主席台 list (None: as the data give it)."""

    AREAS = SEATING

    def __init__(self, meeting_id: int, before: list[int] | None, after: list[int] | None, name: str) -> None:
        super().__init__(f"{'恢复' if after is None else '修改'}{name}主席台名单")
        self.meeting_id, self.before, self.after = meeting_id, before, after

    def apply(self) -> None:
        seating.set_podium_people(self.meeting_id, self.after)

    def revert(self) -> None:
        seating.set_podium_people(self.meeting_id, self.before)

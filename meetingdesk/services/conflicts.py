"""Two desks editing the same thing: the second save is refused, saying who changed it and
when, with what it is now; never a silent overwrite.

A desk's form holds what it read (SEEN) and what the clerk wants (WANTED). Saving locks the rows
(on a server: SELECT … FOR UPDATE, so that two saves of the same rows take turns), reads the thing
again and compares it with SEEN. The change log (written by the database for every row) names the
desk, the user and the time of the change in between: its record ids serve as the rows' versions,
without a version column the services would each have to keep.

An undo is a save like any other: what the desk itself wrote is what it saw."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import peewee

from meetingdesk import store

from .changelog import ChangeRow, last_change_of
from .errors import ServiceError

T = TypeVar("T")


class ConflictError(ServiceError):
    """The thing was changed elsewhere after this desk read it; nothing was written. CURRENT is
    what it is now (the form shows it), BY the log's record of that change (None if unknown)."""

    def __init__(self, message: str, current: object = None, by: ChangeRow | None = None) -> None:
        super().__init__(message)
        self.current = current
        self.by = by


def lock(rows: Iterable[tuple[type[peewee.Model], int | None]]) -> None:
    """Take ROWS (model, id) for this transaction. A file is written by one program at a time
    (its lock), so only a server needs it."""
    if not store.is_server():
        return
    for model, row_id in rows:
        if row_id is not None:
            model.select(model.id).where(model.id == row_id).for_update().execute()


def who(rows: Iterable[tuple[type[peewee.Model], int | None]]) -> ChangeRow | None:
    """The latest record of the log about any of ROWS."""
    found = [last_change_of(model._meta.table_name, row_id) for model, row_id in rows if row_id is not None]
    found = [c for c in found if c is not None]
    return max(found, key=lambda c: c.id) if found else None


def describe(change: ChangeRow | None) -> str:
    """已由签到台一（张三）于 12月7日 09:31 修改 — or a plainer sentence when the log is silent."""
    if change is None:
        return "已在别处被修改"
    by = change.desk + (f"（{change.user}）" if change.user else "")
    return f"已由{by}于 {change.at.month}月{change.at.day}日 {change.at:%H:%M} 修改"


def guard(what: str, rows: list[tuple[type[peewee.Model], int | None]], read: Callable[[], T],
          seen: T | None, wanted: T, shown: Callable[[T], str] = str) -> T:
    """Inside the caller's transaction: lock ROWS, read the thing now (READ) and refuse with
    ConflictError when it is neither what the desk saw (SEEN) nor already what it wants. SEEN
    None: the caller did not read it first (a command line, a test); nothing is compared.
    Returns what READ found."""
    lock(rows)
    current = read()
    if seen is None or current == seen or current == wanted:
        return current
    change = who(rows)
    raise ConflictError(f"{what}{describe(change)}，本次修改没有保存。现在的内容：{shown(current)}。"
                        "请核对后重新修改。", current, change)

"""Errors meant for the user, raised below the services and caught wherever a clerk acted.

`UserError` is the one base: the services' ServiceError is it, so a window that catches a
service's refusal also catches a full disk or a file opened read-only."""
from __future__ import annotations

import sqlite3

import peewee


class UserError(Exception):
    """A request that cannot be carried out; nothing was written. The message is Chinese."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the input field at fault, when one is

    def __str__(self) -> str:
        return self.message


class SessionFileError(UserError):
    """A file that cannot be opened as a session; the message is for the user."""


READONLY = "只读"
BUSY = "被占用"
FULL = "磁盘已满"
DAMAGED = "文件已损坏"
IO = "读写错误"


class StorageError(UserError):
    """The database refused a read or write; the change it belonged to was rolled back."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


# SQLite's messages (sqlite3_errstr) by the kind the clerk is told
_KINDS = (
    ("readonly", READONLY),
    ("database is locked", BUSY),
    ("database table is locked", BUSY),
    ("disk is full", FULL),
    ("malformed", DAMAGED),
    ("not a database", DAMAGED),
    ("could not decode to utf-8", DAMAGED),  # a text whose bytes were damaged
    ("disk i/o error", IO),
    ("unable to open database", IO),
)

MESSAGES = {
    READONLY: "会议文件是只读的，不能修改（文件或文件夹没有写入权限，或会议正由别处使用、在此以只读方式打开）。"
              "本次修改没有保存。",
    BUSY: "会议文件被其他程序占用，本次修改没有保存。请稍后重试。",
    FULL: "磁盘已满，本次修改没有保存，会议文件保持修改前的内容。请腾出磁盘空间后重试。",
    DAMAGED: "文件已损坏：会议文件的内容无法正确读取。请用“文件 ▸ 恢复备份…”打开最近的备份。",
    IO: "读写会议文件时出错（磁盘或网络故障），本次修改没有保存。请检查磁盘或网络连接后重试。",
}


def classify(exc: BaseException) -> str | None:
    """The kind of a database error a clerk can act on, None for a programming error."""
    if isinstance(exc, (peewee.IntegrityError, sqlite3.IntegrityError, peewee.InterfaceError,
                        peewee.ProgrammingError, sqlite3.ProgrammingError)):
        return None
    if not isinstance(exc, (peewee.DatabaseError, sqlite3.DatabaseError)):
        return None
    text = str(exc).lower()
    for needle, kind in _KINDS:
        if needle in text:
            return kind
    return None


def storage_error(exc: BaseException) -> StorageError | None:
    kind = classify(exc)
    if kind is None:
        return None
    return StorageError(kind, MESSAGES[kind] + f"（{exc}）")

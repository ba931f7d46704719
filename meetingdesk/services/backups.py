"""Backups the clerk can see: a snapshot before every risky change and every few minutes of
editing, listed with time and reason, restored whole (the present kept first)."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from meetingdesk import store
from meetingdesk.store import backups as snapshots
from meetingdesk.store.backups import (  # the kinds callers name
    AUTO, CONFIRM, CORRECT, IMPORT, MANUAL, MIGRATE, RESTORE, TALLY, Backup,
)

from . import session
from .errors import ServiceError

__all__ = ["AUTO", "CONFIRM", "CORRECT", "IMPORT", "MANUAL", "MIGRATE", "RESTORE", "TALLY", "Backup",
           "before", "latest", "listing", "periodic", "restore", "restore_damaged"]

EVERY_MINUTES = 10  # of editing, between two automatic snapshots

_last_auto: tuple[int, float] = (-1, 0.0)  # (the connection's change count, monotonic time)


def before(kind: str, detail: str = "") -> Backup | None:
    """Snapshot the open session before a change of KIND; ServiceError when it cannot be kept
    (the change is then not made: a change we could not take back is not worth the risk).
    Nothing to keep for a session opened read-only."""
    path = session.current_path()
    if path is None or session.access().readonly:
        return None
    try:
        return snapshots.snapshot(path, kind, detail)
    except (OSError, sqlite3.Error) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise ServiceError(f"无法在“{snapshots.folder_of(path)}”保存备份（{why}），为安全起见本次操作没有进行。"
                           "请检查磁盘空间和文件夹权限后重试。") from exc


def periodic(minutes: float = EVERY_MINUTES) -> Backup | None:
    """The timed snapshot: taken when something was written since the last one and MINUTES have
    passed. Called by the window's timer; a failure is left for the next tick."""
    global _last_auto
    path = session.current_path()
    if path is None or session.access().readonly:
        return None
    changes = store.database.obj.connection().total_changes
    count, at = _last_auto
    now = time.monotonic()
    if changes == count or (at and now - at < minutes * 60):
        return None
    try:
        made = snapshots.snapshot(path, AUTO, f"{changes - max(count, 0)} 处修改")
    except (OSError, sqlite3.Error):
        return None
    _last_auto = (changes, now)
    return made


def listing(path: str | Path | None = None) -> list[Backup]:
    """Snapshots of PATH (default: the open session), newest first."""
    target = Path(path) if path is not None else session.current_path()
    return snapshots.listing(target) if target is not None else []


def latest(path: str | Path) -> Backup | None:
    found = snapshots.listing(Path(path))
    return found[0] if found else None


def restore(backup: Backup) -> session.SessionInfo:
    """Make the open session what BACKUP holds; the present state is kept as a snapshot first."""
    path = session.current_path()
    if path is None:
        raise ServiceError("没有打开的会议。")
    if session.access().readonly:
        raise ServiceError("会议以只读方式打开，不能恢复备份。")
    try:
        store.check_session_file(backup.path)
    except store.SessionFileError as exc:
        raise ServiceError(f"备份“{backup.path.name}”不能使用：{exc}") from exc
    before(RESTORE, f"恢复到 {backup.time:%m-%d %H:%M} 的备份")
    try:
        snapshots.copy_into_open(backup.path)
    except sqlite3.Error as exc:
        raise ServiceError(f"恢复失败：{exc}。会议文件保持恢复前的内容。") from exc
    return session.open_session(path)  # an older backup's format is upgraded on opening


def restore_damaged(path: str | Path, backup: Backup) -> session.SessionInfo:
    """Open a damaged session's BACKUP in its place: the damaged file is kept beside it."""
    import datetime as dt
    import shutil

    path = Path(path)
    store.check_session_file(backup.path)
    kept = path.with_name(f"{path.name}.{dt.datetime.now():%Y%m%d-%H%M%S}.damaged")
    path.replace(kept)
    journal = path.with_name(path.name + "-journal")
    if journal.exists():
        journal.replace(kept.with_name(kept.name + "-journal"))
    shutil.copy2(backup.path, path)
    return session.open_session(path)

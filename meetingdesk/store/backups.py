"""Snapshots of a session file in a folder beside it, kept before every risky change.

A snapshot is a whole session file written by SQLite's backup API (consistent even while the
program writes), first to a temporary name and renamed when complete, with a small JSON beside
it saying when and why. The last KEEP of each kind are kept.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .models import database

IMPORT = "import"
TALLY = "tally"
CONFIRM = "confirm"
CORRECT = "correct"
MIGRATE = "migrate"
RESTORE = "restore"
AUTO = "auto"
MANUAL = "manual"
REASONS = {
    IMPORT: "导入名单前",
    TALLY: "读入计票数前",
    CONFIRM: "确认结果前",
    CORRECT: "更正结果前",
    MIGRATE: "升级数据格式前",
    RESTORE: "恢复备份前",
    AUTO: "定时备份",
    MANUAL: "手动备份",
}
KEEP = 10
SUFFIX = ".meetingdesk"


@dataclass(frozen=True)
class Backup:
    path: Path
    time: dt.datetime
    kind: str
    detail: str
    size: int

    @property
    def reason(self) -> str:
        label = REASONS.get(self.kind, self.kind)
        return f"{label}：{self.detail}" if self.detail else label


def folder_of(session: Path) -> Path:
    return session.with_name(session.name + ".backups")


def snapshot(session: Path, kind: str, detail: str = "", keep: int = KEEP) -> Backup:
    """Copy the open session (SESSION is its file) into its backup folder; OSError or
    sqlite3.Error when it cannot be written, with nothing half-written left behind."""
    folder = folder_of(Path(session))
    folder.mkdir(exist_ok=True)
    now = dt.datetime.now()
    name = f"{now:%Y%m%d-%H%M%S-%f}_{kind}"
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        dst = sqlite3.connect(tmp)
        try:
            database.obj.connection().backup(dst)
        finally:
            dst.close()
        target = folder / (name + SUFFIX)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    meta = {"kind": kind, "detail": detail, "time": now.isoformat(timespec="seconds")}
    (folder / (name + ".json")).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    _prune(folder, kind, keep)
    return Backup(target, now.replace(microsecond=0), kind, detail, target.stat().st_size)


def listing(session: Path) -> list[Backup]:
    """The session's snapshots, newest first."""
    folder = folder_of(Path(session))
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*" + SUFFIX):
        stem = path.name[: -len(SUFFIX)]
        stamp, _, kind = stem.partition("_")
        try:
            taken = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f")
        except ValueError:
            continue  # not ours
        detail = ""
        try:
            meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            detail = str(meta.get("detail", ""))
        except (OSError, ValueError, AttributeError):
            pass  # the JSON is a courtesy; the name says when and why
        found.append((taken, Backup(path, taken.replace(microsecond=0), kind, detail, path.stat().st_size)))
    found.sort(key=lambda pair: pair[0], reverse=True)  # by when taken, to the microsecond
    return [backup for _taken, backup in found]


def _prune(folder: Path, kind: str, keep: int) -> None:
    mine = sorted(p for p in folder.glob(f"*_{kind}{SUFFIX}"))
    for path in mine[: max(0, len(mine) - keep)]:
        path.unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)


def copy_into_open(backup: Path) -> None:
    """Replace the open session's whole content by BACKUP's, in one step of SQLite's backup API
    (the destination is locked and written at once; a failure leaves it as it was)."""
    src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src.backup(database.obj.connection())
    finally:
        src.close()

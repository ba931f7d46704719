"""Files the program writes besides the session: printed papers and exports.

A typo in `-o` must never cost a session: the target must end in the paper's own suffix, may
not be the open session, and an existing database file is never overwritten. What is written
goes to a temporary file beside the target and is renamed over it only when complete, with the
ordinary permissions of a new file (not the 0600 of a temporary one).
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from meetingdesk.store.db import SQLITE_MAGIC

from . import session
from .errors import ServiceError

KINDS = {".pdf": "PDF", ".xlsx": "Excel", ".docx": "Word"}


def safe_name(text: str) -> str:
    """TEXT as part of a file name: no folder can hide in it (a region typed as “../东西湖区”)."""
    cleaned = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in text)
    while ".." in cleaned:
        cleaned = cleaned.replace("..", ".")
    return cleaned.strip(" .") or "未命名"


def check(path: str | Path, suffix: str) -> Path:
    """PATH as a target for a file ending in SUFFIX ('' for whatever suffix it has: an
    attachment written out); ServiceError, with what to do, if it is not one."""
    path = Path(path)
    if suffix and path.suffix.lower() != suffix:
        raise ServiceError(f"输出文件“{path.name}”应以 {suffix} 结尾（{KINDS.get(suffix, suffix)} 文件）。"
                           "为免误把会议文件当作输出文件覆盖，其他文件名一律不写。")
    if path.is_dir():
        raise ServiceError(f"“{path}”是一个文件夹，请给出文件名，如“{path / ('名单' + suffix)}”。")
    current = session.current_path()
    if path.exists():
        if current is not None and current.exists() and path.resolve() == current.resolve():
            raise ServiceError(f"“{path.name}”是当前打开的会议文件，不能用作输出文件。")
        try:
            with open(path, "rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise ServiceError(f"无法读取已有的“{path}”：{exc.strerror or exc}") from exc
        if head == SQLITE_MAGIC:
            raise ServiceError(f"“{path.name}”是一个会议文件（数据库），不会被覆盖。请换一个输出文件名。")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ServiceError(f"文件夹“{folder}”不存在，无法写入“{path.name}”。")
    return path


def write(path: str | Path, suffix: str, produce: Callable[[str], None]) -> Path:
    """Check PATH, let PRODUCE write the whole file to a temporary name beside it, then rename it
    into place; on any failure the target is left as it was."""
    path = check(path, suffix)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f"{suffix}.tmp", dir=folder)
    except OSError as exc:
        raise ServiceError(f"无法在“{folder}”中写入文件：{exc.strerror or exc}") from exc
    os.close(fd)
    try:
        produce(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise ServiceError(f"无法写入“{path}”：{exc.strerror or exc}（磁盘已满，或文件正在别的程序中打开？）") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

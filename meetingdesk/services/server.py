"""Moving a session between a file and a server: publish (the file's session into an empty
PostgreSQL database, for several desks) and pull (back into a new file: the archive)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from meetingdesk import store
from meetingdesk.store import server as servers
from meetingdesk.store import transfer
from meetingdesk.store.errors import UserError

from . import session
from .errors import ServiceError

Progress = Callable[[int, int, str], None]


def is_url(text: object) -> bool:
    return servers.is_url(text)


def describe(url: str) -> str:
    return servers.Address.parse(url).describe()


def publish(path: str | Path, url: str, progress: Progress | None = None) -> int:
    """Copy the session file PATH into the empty database at URL; returns the rows copied. The
    file is read as it is (opened read-only; another window may hold it) and left unchanged."""
    if is_url(path):
        raise ServiceError("要发布的应是会议文件，不是服务器地址。")
    if not is_url(url):
        raise ServiceError(f"“{url}”不是服务器地址（应以 postgresql:// 开头）。")
    servers.Address.parse(url)
    session.open_session(path, session.READ)
    try:
        return transfer.publish(store.database.obj, url, progress)
    except UserError as exc:
        raise ServiceError(exc.message) from exc
    finally:
        session.close_session()


def pull(url: str, path: str | Path, progress: Progress | None = None) -> int:
    """Copy the session at URL into the new file PATH; returns the rows copied."""
    if not is_url(url):
        raise ServiceError(f"“{url}”不是服务器地址（应以 postgresql:// 开头）。")
    path = Path(path)
    if path.suffix.lower() != ".meetingdesk":
        raise ServiceError(f"会议文件应以 .meetingdesk 结尾，“{path.name}”不是。")
    try:
        return transfer.pull(url, path, progress)
    except UserError as exc:
        raise ServiceError(exc.message) from exc

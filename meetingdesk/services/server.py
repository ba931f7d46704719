"""Moving a session between a file and a server: publish (the file's session into an empty
PostgreSQL database, for several desks) and pull (back into a new file: the archive)."""
from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

from meetingdesk import store
from meetingdesk.store import server as servers
from meetingdesk.store import transfer
from meetingdesk.store.server import Address
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


RIGHTS = {"read": "只读", "signin": "仅签到", "count": "仅计票", "full": "全部权限"}


def grant(url: str, user: str, right: str, password: str | None = None) -> bool:
    """Give the desk login USER RIGHT on the session at URL (connected as its owner or an
    administrator who may create roles); True when the login was made."""
    from meetingdesk.store import roles

    if right not in RIGHTS:
        raise ServiceError(f"权限只能是 {'、'.join(f'{k}（{v}）' for k, v in RIGHTS.items())}，不是“{right}”。")
    if not user.strip() or any(c in user for c in "\"'\0"):
        raise ServiceError(f"登录名“{user}”不能用：请用字母、数字或汉字。")
    db = _admin(url)
    try:
        return roles.grant(db, user.strip(), right, password)
    except Exception as exc:  # noqa: BLE001 - the server's refusal, said in words
        raise ServiceError(f"无法设置权限：{servers.first_line(exc)}（需要以会议数据库的所有者或有 CREATEROLE 权限的管理员连接）。") from exc
    finally:
        db.close()


def rights(url: str) -> list[tuple[str, str]]:
    """(login, right label) of every desk login given a right on the session at URL."""
    from meetingdesk.store import roles

    db = _admin(url)
    try:
        return [(user, RIGHTS[right]) for user, right in roles.listing(db)]
    finally:
        db.close()


def _admin(url: str):
    try:
        return servers.open_server(url)
    except UserError as exc:
        raise ServiceError(exc.message) from exc


# ------------------------------------------------------------ addresses (连接服务器, 最近打开)


def address(host: str, port: int | None, database: str, user: str, password: str = "", desk: str = "") -> str:
    """The URL of a server session from what the clerk typed (ServiceError at the field at fault).
    A host that is a folder (/run/postgresql) is a server on this computer, reached by its socket."""
    host, database, user, desk = host.strip(), database.strip(), user.strip(), desk.strip()
    if not host:
        raise ServiceError("请填写服务器的地址（计算机名或 IP 地址，如 192.168.1.10）。", "host")
    if any(ch in host for ch in " @?#") or (":" in host and not host.startswith("/")):
        raise ServiceError("服务器地址只写计算机名或 IP 地址，端口号另填。", "host")
    if not database:
        raise ServiceError("请填写数据库名（发布会议时所用的，如 meeting2024）。", "database")
    if port is not None and not 1 <= port <= 65535:
        raise ServiceError("端口号应在 1 到 65535 之间（通常是 5432）。", "port")
    local = host.startswith("/")
    found = Address(host="" if local else host, port=port, database=database, user=user or getpass.getuser(),
                    password=password, desk=desk, socket_dir=host if local else "")
    return found.url()


def fields(url: str) -> dict[str, object]:
    """What the 连接服务器 dialog shows of URL (no password): host, port, database, user, desk."""
    found = Address.parse(url)
    return {"host": found.socket_dir or found.host, "port": found.port, "database": found.database,
            "user": found.user, "desk": found.desk}


def without_password(url: str) -> str:
    """URL as it may be remembered (settings, 最近打开): never with the password."""
    return Address.parse(url).url(password=False)


def has_password(url: str) -> bool:
    return bool(Address.parse(url).password)


def label(url: str) -> str:
    """For a menu: 服务器 host/database（desk）."""
    found = Address.parse(url)
    return found.describe() + (f"（{found.desk}）" if found.desk else "")


def password_refused(exc: BaseException) -> str:
    """"missing" or "wrong" when opening failed for the password, else ""."""
    from meetingdesk.store import notify

    return notify.password_refused(exc)

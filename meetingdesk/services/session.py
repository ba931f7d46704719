"""Opening, creating and describing the session held in one file."""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path

from peewee import fn

from meetingdesk import store
from meetingdesk.store import lock as locks
from meetingdesk.store.db import inspect_session_file
from meetingdesk.store.errors import SessionFileError, storage_error
from meetingdesk.store.lock import Holder, SessionLock, SessionLockedError
from meetingdesk.rules import bylaw as bylaw_rules
from meetingdesk.rules.counting import QUORUM_RULES
from meetingdesk.rules.numerals import session_title
from meetingdesk.rules.words import Quorum, Role
from meetingdesk.store import Member, Session

from . import conflicts
from .errors import ServiceError


@dataclass(frozen=True)
class SessionInfo:
    path: str
    city: str
    region: str
    term: int
    number: int
    start_date: dt.date | None
    end_date: dt.date | None
    venue: str
    statutory_delegates: int
    announced_delegates: int | None
    single_name_first: bool
    quorum_rule: str = Quorum.MORE_THAN_TWO_THIRDS  # a key of rules.counting.QUORUM_RULES
    counts: dict[str, int] = field(default_factory=dict)  # serving members per role

    @property
    def title(self) -> str:
        return session_title(self.region, self.term, self.number)

    @property
    def full_title(self) -> str:
        """With the city, as printed on the papers: 武汉市东西湖区第十一届…"""
        return self.city + self.title

    @property
    def delegates(self) -> int:
        return self.counts.get(Role.DELEGATE, 0)


@dataclass(frozen=True)
class Access:
    """How the open session is held: for writing (the lock is ours) or read-only, and why."""

    readonly: bool = False
    why: str = ""  # the banner's sentence when read-only
    network: bool = False  # on a network drive, where file locks are unreliable
    stale: Holder | None = None  # who held the lock before a crash, when it was taken over
    server: str = ""  # on a server: 服务器 host/database (store.server.Address.describe)
    desk: str = ""  # on a server: this desk's name
    rights: frozenset[str] | None = None  # the areas this desk may write; None: all (unless read-only)
    rights_label: str = ""  # on a server: 全部权限 / 仅签到 / 仅计票 / 只读

    def may_write(self, area: str) -> bool:
        """Whether this desk may change AREA (services.changelog's area words)."""
        return not self.readonly and (self.rights is None or area in self.rights)

    @property
    def warning(self) -> str:
        if not self.network:
            return ""
        return ("会议文件在网络驱动器上：网络驱动器上的文件锁不可靠，两台计算机同时修改可能互相覆盖。"
                "请把会议文件复制到本机再使用，用完再复制回去。")


WRITE = "write"  # hold the session for writing; SessionLockedError when another does
READ = "read"  # never write (info, check, print); works while another holds it

_current_path: Path | None = None
_current_url: str | None = None  # a session on a server (store.server): its address
_lock: SessionLock | None = None
_access = Access()


class NotWritableError(ServiceError):
    """The file or its folder cannot be written; it can be opened read-only."""


def open_session(path: str | Path, mode: str = WRITE) -> SessionInfo:
    """Open an existing session file (SessionFileError if it is not one) for writing or reading.

    Everything that can refuse — a missing, foreign, damaged or newer file, a session another
    program holds — is found before the session open now is closed, so a refusal leaves it open.
    PATH may be a server's address (postgresql://…): the session published there."""
    global _current_path, _current_url, _lock, _access
    if store.is_url(path):
        return _open_server(str(path), mode)
    path = Path(path)
    if not path.exists():
        raise ServiceError(f"找不到会议文件“{path}”。")
    found = inspect_session_file(path)
    if found is None:
        raise ServiceError(f"找不到会议文件“{path}”。")
    same = _current_path is not None and _same_file(path, _current_path)
    network = locks.network_drive(path)
    new_lock: SessionLock | None = None
    if mode == WRITE:
        if not _writable(path):
            raise NotWritableError(f"会议文件“{path.name}”或它所在的文件夹没有写入权限，只能以只读方式打开。")
        new_lock = _lock if same and _lock is not None else _take_lock(path)
    elif found.version < store.SCHEMA_VERSION or _hot_journal(path):
        # An older format must be upgraded, a crashed writer's journal rolled back: both write,
        # so only while nobody else holds the session.
        if not (same and _lock is not None):
            _settle(path)
            found = None  # what was inspected is no more: init_db inspects the file again
    old_lock = _lock
    store.close_db()
    _current_path = _current_url = None
    if old_lock is not None and old_lock is not new_lock:
        old_lock.release()
    _lock = new_lock
    try:
        store.init_db(path, readonly=(mode != WRITE), inspection=found)  # not inspected a second time
        if Session.select().count() != 1:
            raise ServiceError(f"“{path.name}”中没有会议信息，无法打开。")
        _current_path = path
        info = session_info()  # read at once: a damaged text in what the window shows first is refused here
    except BaseException as exc:
        store.close_db()
        _current_path = None
        if _lock is not None:
            _lock.release()
        _lock = None
        damaged = storage_error(exc)
        if damaged is not None:
            raise SessionFileError(f"无法打开“{path.name}”：{damaged.message}") from exc
        raise
    if mode == WRITE:
        _access = Access(False, "", network, new_lock.stale)
    else:
        holder = locks.holder_of(path)
        why = (f"只读：会议正由{holder.describe()}打开修改。这里只能查看和打印，所做的修改不会保存。" if holder
               else "只读：这里只能查看和打印，所做的修改不会保存。")
        _access = Access(True, why, network)
    return info


def _open_server(url: str, mode: str) -> SessionInfo:
    """Connect to the session published at URL (store.server). No lock: several desks write at
    once, each change in its own transaction; the server decides what each desk may do."""
    global _current_path, _current_url, _lock, _access
    from meetingdesk.store import server

    address = server.Address.parse(url)
    old_lock = _lock
    store.close_db()
    _current_path = _current_url = None
    if old_lock is not None:
        old_lock.release()
    _lock = None
    try:
        store.init_db(url, readonly=(mode != WRITE))
        if Session.select().count() != 1:
            raise ServiceError(f"{address.describe()}中没有会议信息，无法打开。")
        _current_url = url
        info = session_info()
    except BaseException:
        store.close_db()
        _current_url = None
        raise
    from meetingdesk.store import roles

    rights = roles.rights_of(store.database.obj)
    readonly = mode != WRITE or rights.right == roles.READ
    why = ""
    if mode != WRITE:
        why = "只读：这里只能查看和打印，所做的修改不会保存。"
    elif readonly:
        why = f"只读：本工作台（{address.user}）在服务器上只有查看的权限，只能查看和打印。"
    _access = Access(readonly, why, server=address.describe(), desk=address.desk_name(),
                     rights=None if rights.areas is None or readonly else rights.areas,
                     rights_label=rights.label)
    return info


def open_readonly_because(path: str | Path, why: str) -> SessionInfo:
    """Open PATH read-only, the banner saying WHY (a lock held elsewhere, a read-only folder)."""
    global _access
    info = open_session(path, READ)
    _access = Access(True, why, _access.network)
    return info


def access() -> Access:
    return _access


def _take_lock(path: Path) -> SessionLock:
    """The lock of PATH; SessionLockedError naming the holder, NotWritableError when the folder
    takes no lock file (the caller may open read-only)."""
    try:
        return SessionLock.acquire(path)
    except SessionLockedError:
        raise
    except ServiceError as exc:
        raise NotWritableError(exc.message) from exc


def _settle(path: Path) -> None:
    """Upgrade or recover PATH under its lock, then let it go; SessionLockedError when held."""
    lock = SessionLock.acquire(path)
    try:
        store.init_db(path)
    finally:
        store.close_db()
        lock.release()


def _hot_journal(path: Path) -> bool:
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK) and os.access(path.parent if str(path.parent) else ".", os.W_OK)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def create_session(
    path: str | Path,
    *,
    region: str,
    term: int,
    number: int,
    city: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    venue: str = "",
    statutory_delegates: int = 0,
    announced_delegates: int | None = None,
    single_name_first: bool = False,
) -> SessionInfo:
    """Create a new, empty session file at PATH (which must not exist yet)."""
    global _current_path, _lock, _access
    path = Path(path)
    if path.exists():
        raise ServiceError(f"文件“{path.name}”已存在，不会覆盖。请另选文件名。")
    _check_session_fields(region, term, number, start_date, end_date, statutory_delegates, new=True)
    new_lock = _take_lock(path)
    close_session()
    _lock = new_lock
    try:
        db = store.init_db(path)
        with db.atomic():
            Session.create(
                city=city, region=region, term=term, number=number,
                start_date=start_date, end_date=end_date, venue=venue,
                statutory_delegates=statutory_delegates, announced_delegates=announced_delegates,
                single_name_first=single_name_first,
            )
    except BaseException:
        close_session()
        path.unlink(missing_ok=True)  # ours, just made: a half-made session is no session
        raise
    _current_path = path
    _access = Access(False, "", locks.network_drive(path))
    return session_info()


def _check_session_fields(region, term, number, start_date, end_date, statutory, new: bool = False) -> None:
    if not region.strip():
        raise ServiceError("请填写行政区名称（如“东西湖区”）。", "region")
    if any(ch in region for ch in '/\\:*?"<>|\0') or ".." in region:
        # the region becomes part of file names (papers, copies): no folder can hide in it
        raise ServiceError("行政区名称不能含有 / \\ : * ? \" < > | 或 ..。", "region")
    if not 1 <= term <= 99:
        raise ServiceError("届次应在 1 到 99 之间。", "term")
    if not 1 <= number <= 20:
        raise ServiceError("会议次数应在 1 到 20 之间。", "number")
    if start_date and end_date and end_date < start_date:
        raise ServiceError("闭幕日期早于开幕日期。", "end_date")
    if statutory < 0:
        raise ServiceError("法定代表名额不能为负数。", "statutory_delegates")
    if statutory == 0 and new:
        # a field left unfilled, not a congress of nobody: the check and the 代表变动公告 read it
        raise ServiceError("请填写法定代表名额（本届人民代表大会依法确定的代表名额，如 214），不能为 0。",
                           "statutory_delegates")


def update_session(*, seen: dict | SessionInfo | None = None, **changes) -> SessionInfo:
    """Change the session's own fields (title parts, dates, venue, numbers, settings). SEEN: the
    fields as the desk read them (editable_fields, or the SessionInfo); conflicts.ConflictError
    when another desk changed one of them since."""
    row = Session.get()
    values = editable_fields(session_info())
    unknown = set(changes) - set(values)
    if unknown:
        raise ServiceError(f"未知的会议设置：{'、'.join(sorted(unknown))}")
    values.update(changes)
    # a number once filled in is not emptied; an older file still at 0 takes its other edits
    _check_session_fields(values["region"], values["term"], values["number"],
                          values["start_date"], values["end_date"], values["statutory_delegates"],
                          new=row.statutory_delegates != 0)
    if values["quorum_rule"] not in QUORUM_RULES:
        raise ServiceError(f"法定人数规则应是{'或'.join(f'“{r}”' for r in QUORUM_RULES)}之一，"
                           f"现为“{values['quorum_rule']}”。", "quorum_rule")
    # compared over the fields the desk read, and only those it sends are written: another
    # desk's change to a field left alone is neither a conflict nor overwritten
    seen = editable_fields(seen) if isinstance(seen, SessionInfo) else seen
    keys = list(seen) if seen is not None else list(changes)
    with store.database.atomic():
        conflicts.guard("会议信息", [(Session, row.id)],
                        lambda: {k: editable_fields(session_info())[k] for k in keys},
                        seen, {k: values[k] for k in keys}, _shown_session)
        if changes:
            Session.update(**{k: values[k] for k in changes}).where(Session.id == row.id).execute()
    return session_info()


def _shown_session(fields: dict) -> str:
    """第十一届第三次会议，12月7日至12月9日，地点…, as the conflict message says them."""
    def day(d: dt.date | None) -> str:
        return f"{d.year}年{d.month}月{d.day}日" if d else "未定"

    parts = []
    if "region" in fields or "term" in fields or "number" in fields:
        parts.append(fields.get("city", "") + session_title(fields.get("region", ""), fields.get("term", 0),
                                                            fields.get("number", 0)))
    if "start_date" in fields or "end_date" in fields:
        parts.append(f"会期{day(fields.get('start_date'))}至{day(fields.get('end_date'))}")
    for key, label in (("venue", "地点"), ("statutory_delegates", "法定代表名额"),
                       ("announced_delegates", "公告代表数"), ("quorum_rule", "法定人数规则")):
        if key in fields and fields[key] not in ("", None):
            parts.append(f"{label}{fields[key]}")
    return "，".join(parts)


def editable_fields(info: SessionInfo) -> dict:
    """The fields update_session takes, as they are now (for undo)."""
    return {f: getattr(info, f) for f in (
        "city", "region", "term", "number", "start_date", "end_date", "venue",
        "statutory_delegates", "announced_delegates", "single_name_first", "quorum_rule")}


def session_info() -> SessionInfo:
    row = Session.get()
    counts = {role: 0 for role in store.ROLES}
    query = (Member.select(Member.role, fn.COUNT(Member.id).alias("n"))
             .where(Member.status == store.STATUS_SERVING)
             .group_by(Member.role).tuples())
    for role, n in query:
        counts[role] = n
    return SessionInfo(
        path=str(_current_path or ""),
        city=row.city, region=row.region, term=row.term, number=row.number,
        start_date=row.start_date, end_date=row.end_date, venue=row.venue,
        statutory_delegates=row.statutory_delegates, announced_delegates=row.announced_delegates,
        single_name_first=row.single_name_first, quorum_rule=row.quorum_rule, counts=counts,
    )


def quorum_rule() -> str:
    """The session's 法定人数规则 alone (session_info counts the roster too: the desk asks at
    every check-in)."""
    return Session.select(Session.quorum_rule).scalar()


def bylaw() -> bylaw_rules.Bylaw:
    """The session's 选举和表决办法 settings."""
    return bylaw_rules.from_json(Session.get().bylaw)


def set_bylaw(*, seen: bylaw_rules.Bylaw | dict | None = None, **changes) -> bylaw_rules.Bylaw:
    """Change settings of the 办法 (revote_rule, vacancy_rule, yes_mark, no_mark, abstain_mark,
    articles); all are checked before anything is written. SEEN: the settings as the desk read
    them (the Bylaw, or some of its fields); conflicts.ConflictError when another desk changed
    one of them since."""
    current = bylaw()
    unknown = set(changes) - set(current.__dataclass_fields__)
    if unknown:
        raise ServiceError(f"未知的办法设置：{'、'.join(sorted(unknown))}")
    new = bylaw_rules.replace(current, **changes)
    if "articles" in changes:
        new = bylaw_rules.replace(new, articles={k: v.strip() for k, v in dict(changes["articles"]).items()
                                                 if v and v.strip()})
    found = bylaw_rules.problem(new)
    if found:
        raise ServiceError(found[1], found[0])
    seen = asdict(seen) if isinstance(seen, bylaw_rules.Bylaw) else seen
    keys = list(seen) if seen is not None else list(changes)
    with store.database.atomic():
        now = conflicts.guard("选举和表决办法的设置", [(Session, Session.get().id)],
                              lambda: {k: asdict(bylaw())[k] for k in keys},
                              seen, {k: asdict(new)[k] for k in keys}, _shown_bylaw)
        if seen is not None:
            # read again under the lock: what another desk set in a field this form left alone stays
            new = bylaw_rules.replace(bylaw(), **{k: getattr(new, k) for k in changes})
        Session.update(bylaw=new.to_json()).execute()
    return new


def _shown_bylaw(fields: dict) -> str:
    labels = {"revote_rule": "再次投票", "vacancy_rule": "缺额处理", "yes_mark": "赞成画", "no_mark": "反对画",
              "abstain_mark": "弃权画", "write_in_listed": "另选人与候选人同名"}
    parts = [f"{labels[k]}“{fields[k]}”" for k in labels if k in fields and fields[k]]
    if fields.get("articles"):
        parts.append("条款" + "、".join(f"{k}{v}" for k, v in sorted(fields["articles"].items())))
    return "，".join(parts)


def current_path() -> Path | None:
    """The open session's file; None when none is open or it is on a server."""
    return _current_path


def is_open() -> bool:
    """Whether a session is open, in a file or on a server."""
    return _current_path is not None or _current_url is not None


def prepare_writes() -> None:
    """Ready the open file for its first write now (the change log's triggers, otherwise made on
    the first write): the window calls it once it is shown, so that the first edit is quick."""
    prepare = getattr(store.database.obj, "prepare_log", None)
    if prepare is not None and not _access.readonly:
        prepare()


def is_server() -> bool:
    """Whether the open session is on a server (several desks may write at once)."""
    return _current_url is not None


def current_url() -> str | None:
    """The open session's server address (with its password), None for a file."""
    return _current_url


def current_location() -> str:
    """Where the open session is, for titles and messages: the file's path, or 服务器 host/db."""
    if _current_url is not None:
        return _access.server
    return str(_current_path) if _current_path is not None else ""


def save_copy(target: str | Path) -> None:
    """Save a copy of the open session under another name; the open file stays open."""
    target = Path(target)
    if _current_path and target.resolve() == _current_path.resolve():
        raise ServiceError("副本不能与当前会议文件同名。")
    if _current_url is not None:
        _pull_copy(target)
        return
    try:
        store.save_copy(target)
    except (OSError, sqlite3.Error) as exc:
        raise ServiceError(f"无法写入“{target}”：{getattr(exc, 'strerror', None) or exc}。原有文件未改动。") from exc


def _pull_copy(target: Path) -> None:
    """save_copy of a server session: the whole session pulled into a file, which replaces TARGET
    only when complete."""
    import os
    import tempfile

    from meetingdesk.store import transfer

    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ServiceError(f"文件夹“{folder}”不存在。")
    staging = Path(tempfile.mkdtemp(prefix=".meetingdesk-copy-", dir=folder))
    try:
        transfer.pull(_current_url, staging / target.name)
        os.replace(staging / target.name, target)
    except store.UserError as exc:
        raise ServiceError(exc.message) from exc
    except OSError as exc:
        raise ServiceError(f"无法写入“{target}”：{exc.strerror or exc}。原有文件未改动。") from exc
    finally:
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()


def close_session() -> None:
    global _current_path, _current_url, _lock, _access
    store.close_db()
    _current_path = _current_url = None
    if _lock is not None:
        _lock.release()
    _lock = None
    _access = Access()

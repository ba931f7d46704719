"""Opening, creating and describing the session held in one file."""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from peewee import fn

from meetingdesk import store
from meetingdesk.rules import bylaw as bylaw_rules
from meetingdesk.rules.counting import QUORUM_RULES
from meetingdesk.rules.numerals import session_title
from meetingdesk.store import Member, Session

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
    quorum_rule: str = "超过三分之二"  # a key of rules.counting.QUORUM_RULES
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
        return self.counts.get("代表", 0)


_current_path: Path | None = None


def open_session(path: str | Path) -> SessionInfo:
    """Open an existing session file; SessionFileError if it is not one."""
    global _current_path
    path = Path(path)
    if not path.exists():
        raise ServiceError(f"找不到会议文件“{path}”。")
    store.init_db(path)
    if Session.select().count() != 1:
        store.close_db()
        raise ServiceError(f"“{path.name}”中没有会议信息，无法打开。")
    _current_path = path
    return session_info()


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
    global _current_path
    path = Path(path)
    if path.exists() and path.stat().st_size:
        raise ServiceError(f"文件“{path.name}”已存在，不会覆盖。")
    _check_session_fields(region, term, number, start_date, end_date, statutory_delegates)
    db = store.init_db(path)
    with db.atomic():
        Session.create(
            city=city, region=region, term=term, number=number,
            start_date=start_date, end_date=end_date, venue=venue,
            statutory_delegates=statutory_delegates, announced_delegates=announced_delegates,
            single_name_first=single_name_first,
        )
    _current_path = path
    return session_info()


def _check_session_fields(region, term, number, start_date, end_date, statutory) -> None:
    if not region.strip():
        raise ServiceError("请填写行政区名称（如“东西湖区”）。", "region")
    if not 1 <= term <= 99:
        raise ServiceError("届次应在 1 到 99 之间。", "term")
    if not 1 <= number <= 20:
        raise ServiceError("会议次数应在 1 到 20 之间。", "number")
    if start_date and end_date and end_date < start_date:
        raise ServiceError("闭幕日期早于开幕日期。", "end_date")
    if statutory < 0:
        raise ServiceError("法定代表名额不能为负数。", "statutory_delegates")


def update_session(**changes) -> SessionInfo:
    """Change the session's own fields (title parts, dates, venue, numbers, settings)."""
    row = Session.get()
    values = editable_fields(session_info())
    unknown = set(changes) - set(values)
    if unknown:
        raise ServiceError(f"未知的会议设置：{'、'.join(sorted(unknown))}")
    values.update(changes)
    _check_session_fields(values["region"], values["term"], values["number"],
                          values["start_date"], values["end_date"], values["statutory_delegates"])
    if values["quorum_rule"] not in QUORUM_RULES:
        raise ServiceError(f"法定人数规则应是{'或'.join(f'“{r}”' for r in QUORUM_RULES)}之一，"
                           f"现为“{values['quorum_rule']}”。", "quorum_rule")
    with store.database.atomic():
        Session.update(**values).where(Session.id == row.id).execute()
    return session_info()


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


def bylaw() -> bylaw_rules.Bylaw:
    """The session's 选举和表决办法 settings."""
    return bylaw_rules.from_json(Session.get().bylaw)


def set_bylaw(**changes) -> bylaw_rules.Bylaw:
    """Change settings of the 办法 (revote_rule, vacancy_rule, yes_mark, no_mark, abstain_mark,
    articles); all are checked before anything is written."""
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
    with store.database.atomic():
        Session.update(bylaw=new.to_json()).execute()
    return new


def current_path() -> Path | None:
    return _current_path


def save_copy(target: str | Path) -> None:
    """Save a copy of the open session under another name; the open file stays open."""
    target = Path(target)
    if _current_path and target.resolve() == _current_path.resolve():
        raise ServiceError("副本不能与当前会议文件同名。")
    try:
        store.save_copy(target)
    except (OSError, sqlite3.Error) as exc:
        raise ServiceError(f"无法写入“{target}”：{getattr(exc, 'strerror', None) or exc}。原有文件未改动。") from exc


def close_session() -> None:
    global _current_path
    store.close_db()
    _current_path = None

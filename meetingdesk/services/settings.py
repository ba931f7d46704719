"""Settings of the session kept as text by key (store.Setting): wordings that belong to the
session but to no table, such as how the 常委会 describes the 补选 in its 公告."""
from __future__ import annotations

from meetingdesk import store
from meetingdesk.store import Setting

from . import conflicts
from .errors import ServiceError

BY_ELECTION_WHERE = "changes.by_election"  # 代表变动公告: how and where the 补选 was held
KNOWN = {BY_ELECTION_WHERE: "补选情况"}
LIMIT = 2000


def get(key: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else ""


def set_text(key: str, value: str, seen: str | None = None) -> None:
    """SEEN: the text as the desk read it (get); conflicts.ConflictError when another desk changed
    it since."""
    if key not in KNOWN:
        raise ServiceError(f"未知的设置：{key}")
    value = " ".join(value.split())
    if len(value) > LIMIT:
        raise ServiceError(f"{KNOWN[key]}过长（{len(value)} 字，最多 {LIMIT} 字）。", key)
    with store.database.atomic():
        row = Setting.get_or_none(Setting.key == key)
        conflicts.guard(f"“{KNOWN[key]}”", [(Setting, row.id if row else None)], lambda: get(key),
                        None if seen is None else " ".join(seen.split()), value,
                        lambda text: f"“{text}”" if text else "空白")
        if value:
            Setting.insert(key=key, value=value).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: value}).execute()
        else:
            Setting.delete().where(Setting.key == key).execute()

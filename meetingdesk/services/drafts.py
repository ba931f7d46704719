"""Drafts: input typed and not yet submitted, kept in the session file as it is typed, so that a
crash, Ctrl+Q or a power cut does not lose it (the Draft table, schema 7).

A draft is never a record: nothing that counts, checks or prints reads this table. A counting
pass typed but not saved is a draft under `tally_key(poll, box, entry)`; it becomes a pass only
through `enter_tally` (counting.enter), which discards the draft in the same transaction.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from meetingdesk import store
from meetingdesk.store import BallotBox, Draft, Poll

from . import counting, session
from .counting import Figure
from .errors import ServiceError

TALLY = "tally"
PASS_NAMES = {1: "第一遍", 2: "第二遍"}


@dataclass(frozen=True)
class DraftRow:
    key: str
    data: dict
    saved: dt.datetime | None  # the time of the last write


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now()).replace(microsecond=0)


def _row(draft: Draft) -> DraftRow | None:
    """DRAFT as read; None if its data is not a JSON object (a damaged draft is no input)."""
    try:
        data = json.loads(draft.data or "{}")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    try:
        saved = dt.datetime.fromisoformat(draft.saved) if draft.saved else None
    except ValueError:
        saved = None
    return DraftRow(draft.key, data, saved)


def stored_key(key: str) -> str:
    """KEY as this desk keeps it. On a server every desk has drafts of its own, never another's
    (two clerks typing the same pass at two desks must not write over each other's keystrokes);
    a file's drafts are the one program's."""
    return f"{session.access().desk}@{key}" if session.is_server() else key


def _theirs(key: str) -> str:
    """A stored key as the caller named it."""
    if session.is_server():
        return key.split("@", 1)[1] if "@" in key else key
    return key


def save(key: str, data: dict, now: dt.datetime | None = None) -> DraftRow:
    """Keep DATA (JSON-able) under KEY, replacing what was kept there."""
    if not key or not isinstance(key, str):
        raise ServiceError("草稿没有名称。")
    try:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise ServiceError(f"草稿无法保存：{exc}") from exc
    saved = _now(now)
    with store.database.atomic():
        (Draft.insert(key=stored_key(key), data=text, saved=saved.isoformat())
         .on_conflict(conflict_target=[Draft.key], update={Draft.data: text, Draft.saved: saved.isoformat()})
         .execute())
    return DraftRow(key, json.loads(text), saved)


def load(key: str) -> DraftRow | None:
    """The draft kept under KEY (its data and when it was written), or None."""
    draft = Draft.get_or_none(Draft.key == stored_key(key))
    row = None if draft is None else _row(draft)
    return None if row is None else replace(row, key=key)


def discard(key: str) -> bool:
    """Forget the draft under KEY; False if there was none."""
    with store.database.atomic():
        return Draft.delete().where(Draft.key == stored_key(key)).execute() > 0


def discard_all(prefix: str = "") -> int:
    """Forget every draft whose key starts with PREFIX (all of them without one)."""
    with store.database.atomic():
        query = Draft.delete()
        if prefix or session.is_server():
            query = query.where(Draft.key.startswith(stored_key(prefix)))
        return query.execute()


def list_drafts(prefix: str = "") -> list[DraftRow]:
    """The drafts (whose key starts with PREFIX), the latest first; damaged ones passed over."""
    query = Draft.select().order_by(Draft.saved.desc(), Draft.id.desc())
    if prefix or session.is_server():
        query = query.where(Draft.key.startswith(stored_key(prefix)))
    return [replace(row, key=_theirs(row.key)) for row in map(_row, query) if row is not None]


# ---------------------------------------------------------------- counting passes


@dataclass(frozen=True)
class TallyDraft:
    """A counting pass typed and not saved: one clerk's entry of one box of one poll."""

    key: str
    poll_id: int
    poll_title: str
    box_id: int
    box_name: str
    entry: int
    saved: dt.datetime | None
    data: dict

    @property
    def pass_name(self) -> str:
        """主席团票箱第一遍"""
        return self.box_name + PASS_NAMES[self.entry]

    @property
    def description(self) -> str:
        return tally_description(self.poll_title, self.pass_name)


def tally_key(poll_id: int, box_id: int, entry: int) -> str:
    return f"{TALLY}:{poll_id}:{box_id}:{entry}"


def tally_prefix(poll_id: int | None = None) -> str:
    return f"{TALLY}:" if poll_id is None else f"{TALLY}:{poll_id}:"


def tally_description(poll_title: str, pass_name: str) -> str:
    """How the close question names an unsaved pass: 计票：第三次全体会议选举 主席团票箱第一遍录入（未保存）."""
    return f"计票：{poll_title} {pass_name}录入（未保存）"


def _parse_tally_key(key: str) -> tuple[int, int, int] | None:
    parts = key.split(":")
    if len(parts) != 4 or parts[0] != TALLY:
        return None
    try:
        poll_id, box_id, entry = (int(p) for p in parts[1:])
    except ValueError:
        return None
    return (poll_id, box_id, entry) if entry in PASS_NAMES else None


def _tally_drafts(poll_id: int | None) -> tuple[list[TallyDraft], list[str]]:
    """(the drafts of passes that can still be saved, the keys of those that cannot: their poll
    deleted or confirmed, their box deleted, or the draft unreadable)."""
    live: list[TallyDraft] = []
    stale: list[str] = []
    polls = {p.id: p for p in Poll.select()}
    boxes = {b.id: b.name for b in BallotBox.select()}
    for draft in Draft.select().where(Draft.key.startswith(stored_key(tally_prefix(poll_id)))).order_by(
            Draft.saved.desc(), Draft.id.desc()):
        key = _theirs(draft.key)
        parsed = _parse_tally_key(key)
        row = _row(draft)
        poll = polls.get(parsed[0]) if parsed else None
        if parsed is None or row is None or poll is None or poll.confirmed_at is not None \
                or parsed[1] not in boxes:
            stale.append(draft.key)  # as stored: prune_tally_drafts deletes by it
            continue
        live.append(TallyDraft(key, parsed[0], poll.title, parsed[1], boxes[parsed[1]], parsed[2],
                               row.saved, row.data))
    return live, stale


def tally_drafts(poll_id: int | None = None) -> list[TallyDraft]:
    """The unsaved passes kept as drafts (of POLL_ID, or all), the latest first. A draft whose
    poll has since been deleted or confirmed, or whose box is gone, cannot become a pass and is
    not listed (prune_tally_drafts removes it)."""
    return _tally_drafts(poll_id)[0]


def prune_tally_drafts() -> int:
    """Remove the drafts tally_drafts passes over; how many were removed."""
    stale = _tally_drafts(None)[1]
    if not stale:
        return 0
    with store.database.atomic():
        return Draft.delete().where(Draft.key.in_(stale)).execute()


def discard_tally(poll_id: int, box_id: int | None = None, entry: int | None = None) -> int:
    """Forget the drafts of POLL_ID's passes (of one box's ENTRY when given)."""
    if box_id is not None and entry is not None:
        return int(discard(tally_key(poll_id, box_id, entry)))
    return discard_all(tally_prefix(poll_id))


def enter_tally(poll_id: int, box_id: int, entry: int, papers: dict[str, tuple[int, int]],
                figures: list[Figure], seen: tuple[dict, list[Figure]] | None = None) -> None:
    """Save a pass (counting.enter, with all its checks; SEEN as there) and forget its draft, in
    one transaction: either the pass is saved and the draft gone, or nothing changes."""
    with store.database.atomic():
        counting.enter(poll_id, box_id, entry, papers, figures, seen=seen)
        Draft.delete().where(Draft.key == stored_key(tally_key(poll_id, box_id, entry))).execute()

"""Ballot boxes and the items put to the vote (表决票). The only writer of these tables.

A box that holds figures of any poll, and an item on any poll, cannot be removed: removing
them would take the count with them. An item on a confirmed poll keeps its title, which the
confirmed result printed; a box may be renamed at any time.
"""
from __future__ import annotations

from dataclasses import dataclass

from meetingdesk import store
from meetingdesk.store import BallotBox, Poll, PollItem, Sheet, Tally, VoteItem

from . import conflicts
from .errors import ServiceError

BOX_GONE = "该票箱已不存在（可能已在别处删除），请刷新后再试。"
ITEM_GONE = "该表决事项已不存在（可能已在别处删除），请刷新后再试。"


@dataclass(frozen=True)
class BoxRow:
    box_id: int
    name: str
    place: str
    position: int

    @property
    def number(self) -> int:
        return self.position + 1


@dataclass(frozen=True)
class VoteItemRow:
    item_id: int
    title: str
    kind: str
    position: int

    @property
    def number(self) -> int:
        return self.position + 1


@dataclass(frozen=True)
class PollUse:
    """A poll that uses a box (figures entered in it) or an item (on its 表决票)."""

    poll_id: int
    title: str
    confirmed: bool


def _titles(titles) -> str:
    return "、".join(f"“{t}”" for t in titles)


def _uses(pairs: set[tuple[int, int]]) -> dict[int, list[PollUse]]:
    """(owner id, poll id) pairs as each owner's polls, in the order they were made."""
    if not pairs:
        return {}
    polls = Poll.select().where(Poll.id.in_({poll_id for _, poll_id in pairs})).order_by(Poll.created_at, Poll.id)
    rank = {p.id: (i, PollUse(p.id, p.title, p.confirmed_at is not None)) for i, p in enumerate(polls)}
    out: dict[int, list[PollUse]] = {}
    for owner, poll_id in sorted(pairs, key=lambda pair: rank[pair[1]][0]):
        out.setdefault(owner, []).append(rank[poll_id][1])
    return out


def _renumber(model) -> None:
    for i, row in enumerate(model.select().order_by(model.position, model.id)):
        if row.position != i:
            model.update(position=i).where(model.id == row.id).execute()


def _move(model, row_id: int, index: int, gone: str) -> None:
    with store.database.atomic():
        rows = list(model.select().order_by(model.position, model.id))
        row = next((r for r in rows if r.id == row_id), None)
        if row is None:
            raise ServiceError(gone)
        rows.remove(row)
        rows.insert(max(0, min(index, len(rows))), row)
        for i, r in enumerate(rows):
            if r.position != i:
                model.update(position=i).where(model.id == r.id).execute()


# ---------------------------------------------------------------- ballot boxes


def list_boxes() -> list[BoxRow]:
    return [BoxRow(b.id, b.name, b.place, i)
            for i, b in enumerate(BallotBox.select().order_by(BallotBox.position, BallotBox.id))]


def _box(box_id: int) -> BallotBox:
    box = BallotBox.get_or_none(id=box_id)
    if box is None:
        raise ServiceError(BOX_GONE)
    return box


def _box_name(name: str, box_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError("请填写票箱名称，如“主席团票箱”。", "name")
    other = BallotBox.get_or_none(name=name)
    if other is not None and other.id != box_id:
        raise ServiceError(f"已有名为“{name}”的票箱，票箱名称不能重复。", "name")
    return name


def add_box(name: str, place: str = "") -> int:
    with store.database.atomic():
        name = _box_name(name)
        return BallotBox.create(name=name, place=" ".join(place.split()),
                                position=BallotBox.select().count()).id


def rename_box(box_id: int, name: str, place: str | None = None) -> None:
    """Rename box BOX_ID (figures entered stay with it); PLACE None keeps its place."""
    with store.database.atomic():
        box = _box(box_id)
        name = _box_name(name, box_id)
        place = box.place if place is None else " ".join(place.split())
        BallotBox.update(name=name, place=place).where(BallotBox.id == box_id).execute()


def move_box(box_id: int, index: int) -> None:
    """Put box BOX_ID at INDEX (0 first) in the session's order of boxes."""
    _move(BallotBox, box_id, index, BOX_GONE)


def box_uses(box_id: int | None = None) -> dict[int, list[PollUse]]:
    """By box: the polls with figures in it (a sheet or a tally of either entry)."""
    pairs: set[tuple[int, int]] = set()
    for model in (Sheet, Tally):
        query = model.select(model.box, model.poll).distinct()
        if box_id is not None:
            query = query.where(model.box == box_id)
        pairs |= {(r.box_id, r.poll_id) for r in query}
    return _uses(pairs)


def check_box_removable(box_id: int) -> None:
    """ServiceError, naming the polls, when box BOX_ID holds figures; nothing is written."""
    box = _box(box_id)
    counted = box_uses(box_id).get(box_id)
    if counted:
        raise ServiceError(f"票箱“{box.name}”已录入了{_titles(u.title for u in counted)}的票数，不能删除，"
                           "否则这些票数将一并丢失。票箱名称有误时请改名。")


def remove_box(box_id: int) -> None:
    """Remove a box no figure has been entered in; one with figures is refused, naming the polls."""
    with store.database.atomic():
        check_box_removable(box_id)
        BallotBox.delete().where(BallotBox.id == box_id).execute()
        _renumber(BallotBox)


# ---------------------------------------------------------------- items put to the vote


def list_vote_items() -> list[VoteItemRow]:
    rows = VoteItem.select().order_by(VoteItem.position, VoteItem.id)
    return [VoteItemRow(v.id, v.title, v.kind, i) for i, v in enumerate(rows)]


def _item(item_id: int) -> VoteItem:
    item = VoteItem.get_or_none(id=item_id)
    if item is None:
        raise ServiceError(ITEM_GONE)
    return item


def _clean_item(title: str, kind: str, item_id: int | None = None) -> str:
    title = " ".join(title.split())
    if not title:
        raise ServiceError("请填写表决事项，如“关于东西湖区人民政府工作报告的决议（草案）”。", "title")
    if kind not in store.VOTE_ITEM_KINDS:
        raise ServiceError(f"表决事项的类别只能是{'、'.join(store.VOTE_ITEM_KINDS)}之一，现为“{kind}”。", "kind")
    other = VoteItem.get_or_none(title=title)
    if other is not None and other.id != item_id:
        raise ServiceError(f"已有表决事项“{title}”（第 {_number(other.id)} 项），不能重复。", "title")
    return title


def _number(item_id: int) -> int:
    return next(i.number for i in list_vote_items() if i.item_id == item_id)


def item_uses(item_id: int | None = None) -> dict[int, list[PollUse]]:
    """By item: the polls whose 表决票 carries it, confirmed or not."""
    query = PollItem.select(PollItem.vote_item, PollItem.poll).distinct()
    if item_id is not None:
        query = query.where(PollItem.vote_item == item_id)
    return _uses({(r.vote_item_id, r.poll_id) for r in query})


def check_item_removable(item_id: int) -> None:
    """ServiceError, naming the polls, when item ITEM_ID is on a poll; nothing is written."""
    item = _item(item_id)
    polls = item_uses(item_id).get(item_id)
    if polls:
        raise ServiceError(f"表决事项“{item.title}”已列入{_titles(u.title for u in polls)}的表决票，不能删除。"
                           "如确需删除，请先删除这些投票（主席团已确认的投票不能删除）。")


def add_vote_item(title: str, kind: str = "决议") -> int:
    with store.database.atomic():
        title = _clean_item(title, kind)
        return VoteItem.create(title=title, kind=kind, position=VoteItem.select().count()).id


def update_vote_item(item_id: int, title: str, kind: str | None = None,
                     seen: tuple[str, str] | VoteItemRow | None = None) -> None:
    """New TITLE (and KIND; None keeps it). The title of an item on a confirmed poll stays as the
    confirmed result printed it. SEEN: (title, kind) as the desk read them, or the row;
    conflicts.ConflictError when another desk changed them since."""
    with store.database.atomic():
        if seen is not None:
            seen = (seen.title, seen.kind) if isinstance(seen, VoteItemRow) else tuple(seen)
            before = _item(item_id)
            conflicts.guard(f"表决事项“{seen[0]}”", [(VoteItem, item_id)],
                            lambda: (_item(item_id).title, _item(item_id).kind), seen,
                            (" ".join(title.split()), before.kind if kind is None else kind),
                            lambda now: f"“{now[0]}”（{now[1]}）")
        item = _item(item_id)
        kind = item.kind if kind is None else kind
        title = _clean_item(title, kind, item_id)
        confirmed = [u.title for u in item_uses(item_id).get(item_id, []) if u.confirmed]
        if title != item.title and confirmed:
            raise ServiceError(f"表决事项“{item.title}”已在{_titles(confirmed)}中表决，"
                               "主席团已确认的结果印有这一名称，不能再改。", "title")
        VoteItem.update(title=title, kind=kind).where(VoteItem.id == item_id).execute()


def remove_vote_item(item_id: int) -> None:
    """Remove an item no poll carries; one on a poll (confirmed or not) is refused, naming the polls."""
    with store.database.atomic():
        check_item_removable(item_id)
        VoteItem.delete().where(VoteItem.id == item_id).execute()
        _renumber(VoteItem)


def move_vote_item(item_id: int, index: int) -> None:
    """Put item ITEM_ID at INDEX (0 first); the polls already made keep their own order."""
    _move(VoteItem, item_id, index, ITEM_GONE)

"""Ballot boxes and the items put to the vote (表决票). The only writer of these tables."""
from __future__ import annotations

from dataclasses import dataclass

from meetingdesk import store
from meetingdesk.store import BallotBox, VoteItem

from .errors import ServiceError


@dataclass(frozen=True)
class BoxRow:
    box_id: int
    name: str
    place: str
    position: int


@dataclass(frozen=True)
class VoteItemRow:
    item_id: int
    title: str
    kind: str
    position: int

    @property
    def number(self) -> int:
        return self.position + 1


def list_boxes() -> list[BoxRow]:
    return [BoxRow(b.id, b.name, b.place, i)
            for i, b in enumerate(BallotBox.select().order_by(BallotBox.position, BallotBox.id))]


def add_box(name: str, place: str = "") -> int:
    name = " ".join(name.split())
    if not name:
        raise ServiceError("请填写票箱名称，如“主席团票箱”。", "name")
    if BallotBox.get_or_none(name=name) is not None:
        raise ServiceError(f"已有名为“{name}”的票箱。", "name")
    with store.database.atomic():
        return BallotBox.create(name=name, place=place.strip(), position=BallotBox.select().count()).id


def rename_box(box_id: int, name: str, place: str = "") -> None:
    name = " ".join(name.split())
    if not name:
        raise ServiceError("请填写票箱名称。", "name")
    other = BallotBox.get_or_none(name=name)
    if other is not None and other.id != box_id:
        raise ServiceError(f"已有名为“{name}”的票箱。", "name")
    with store.database.atomic():
        BallotBox.update(name=name, place=place.strip()).where(BallotBox.id == box_id).execute()


def remove_box(box_id: int) -> None:
    with store.database.atomic():
        BallotBox.delete().where(BallotBox.id == box_id).execute()


def list_vote_items() -> list[VoteItemRow]:
    rows = VoteItem.select().order_by(VoteItem.position, VoteItem.id)
    return [VoteItemRow(v.id, v.title, v.kind, i) for i, v in enumerate(rows)]


def _clean_item(title: str, kind: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ServiceError("请填写表决事项，如“关于东西湖区人民政府工作报告的决议（草案）”。", "title")
    if kind not in store.VOTE_ITEM_KINDS:
        raise ServiceError(f"表决事项的类别只能是{'、'.join(store.VOTE_ITEM_KINDS)}之一。", "kind")
    return title


def add_vote_item(title: str, kind: str = "决议") -> int:
    title = _clean_item(title, kind)
    with store.database.atomic():
        return VoteItem.create(title=title, kind=kind, position=VoteItem.select().count()).id


def update_vote_item(item_id: int, title: str, kind: str = "决议") -> None:
    title = _clean_item(title, kind)
    with store.database.atomic():
        VoteItem.update(title=title, kind=kind).where(VoteItem.id == item_id).execute()


def remove_vote_item(item_id: int) -> None:
    with store.database.atomic():
        VoteItem.delete().where(VoteItem.id == item_id).execute()
        for i, item in enumerate(VoteItem.select().order_by(VoteItem.position, VoteItem.id)):
            if item.position != i:
                item.position = i
                item.save()


def move_vote_item(item_id: int, index: int) -> None:
    items = [v for v in VoteItem.select().order_by(VoteItem.position, VoteItem.id)]
    item = next((v for v in items if v.id == item_id), None)
    if item is None:
        raise ServiceError("该表决事项已不存在。")
    items.remove(item)
    items.insert(max(0, min(index, len(items))), item)
    with store.database.atomic():
        for i, v in enumerate(items):
            if v.position != i:
                v.position = i
                v.save()

"""Ballot boxes and vote items: seed 000's three boxes and seven resolutions."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.services import ServiceError, counting, elections, voting
from meetingdesk.services.counting import Figure
from meetingdesk.store import Tally


def test_demo_boxes_and_items(demo_session):
    assert [b.name for b in voting.list_boxes()] == ["主席团票箱", "会场1号票箱", "会场2号票箱"]
    items = voting.list_vote_items()
    assert len(items) == 7 and items[0].title == "关于东西湖区人民政府工作报告的决议（草案）"
    assert items[-1].number == 7
    assert all(e.write_ins for e in elections.list_elections())


def test_boxes_and_items_are_checked_and_reordered(demo_session):
    with pytest.raises(ServiceError, match="已有名为") as err:
        voting.add_box("主席团票箱")
    assert err.value.field == "name"
    with pytest.raises(ServiceError, match="票箱名称"):
        voting.rename_box(voting.list_boxes()[0].box_id, " ")
    with pytest.raises(ServiceError, match="类别"):
        voting.add_vote_item("某名单", "公告")
    new = voting.add_vote_item("  关于某事项的决定（草案） ", "其他")
    voting.move_vote_item(new, 0)
    assert voting.list_vote_items()[0].title == "关于某事项的决定（草案）"
    voting.remove_vote_item(new)
    assert [i.position for i in voting.list_vote_items()] == list(range(7))


def test_an_election_without_write_ins_keeps_it_when_edited(demo_session):
    court = elections.list_elections()[1]
    elections.update_election(court.election_id, court.office, 1, "等额", court.rule, write_ins=False)
    elections.update_election(court.election_id, court.office, 1, "等额", court.rule)
    assert not elections.get_election(court.election_id).write_ins


# ------------------------------------------------ a session made with 新建会议, and what a count protects

NOW = dt.datetime(2023, 12, 23, 10, 0)


def test_a_new_session_gets_its_boxes_and_items(empty_session):
    assert voting.list_boxes() == [] and voting.list_vote_items() == []
    stage = voting.add_box(" 主席团 票箱", " 主席台 ")
    hall = voting.add_box("会场票箱", "会场")
    assert [(b.name, b.place, b.number) for b in voting.list_boxes()] == [("主席团 票箱", "主席台", 1),
                                                                         ("会场票箱", "会场", 2)]
    voting.move_box(hall, 0)
    assert [b.box_id for b in voting.list_boxes()] == [hall, stage]
    voting.move_box(hall, 99)
    assert [b.box_id for b in voting.list_boxes()] == [stage, hall]
    voting.rename_box(stage, "主席团票箱")
    assert voting.list_boxes()[0].place == "主席台"  # no place given: kept
    voting.rename_box(stage, "主席团票箱", "")
    assert voting.list_boxes()[0].place == ""
    first = voting.add_vote_item("关于政府工作报告的决议（草案）")
    voting.add_vote_item("关于预算的决议（草案）")
    with pytest.raises(ServiceError, match="已有表决事项“关于预算的决议（草案）”（第 2 项）") as err:
        voting.update_vote_item(first, "关于预算的决议（草案）")
    assert err.value.field == "title"
    voting.update_vote_item(first, "关于区人民政府工作报告的决议（草案）")
    assert voting.list_vote_items()[0].kind == "决议"  # no kind given: kept
    voting.remove_box(hall)
    voting.add_box("会场1号票箱")
    assert [b.position for b in voting.list_boxes()] == [0, 1]


def test_a_box_or_item_gone_is_named(empty_session):
    box = voting.add_box("主席团票箱")
    item = voting.add_vote_item("关于某事的决议")
    voting.remove_box(box)
    voting.remove_vote_item(item)
    for call in (lambda: voting.rename_box(box, "新名"), lambda: voting.move_box(box, 0),
                 lambda: voting.remove_box(box)):
        with pytest.raises(ServiceError, match="该票箱已不存在"):
            call()
    for call in (lambda: voting.update_vote_item(item, "新名"), lambda: voting.move_vote_item(item, 0),
                 lambda: voting.remove_vote_item(item)):
        with pytest.raises(ServiceError, match="该表决事项已不存在"):
            call()


def _items_poll(title: str) -> int:
    return counting.create_poll(title, [], [i.item_id for i in voting.list_vote_items()], now=NOW)


def _enter_items(poll_id: int, box_id: int, entry: int, per_box: int = 70) -> None:
    row = counting.get_poll(poll_id)
    counting.enter(poll_id, box_id, entry, {"表决票": (per_box, per_box)},
                   [Figure(poll_item_id=pi.poll_item_id, yes=per_box) for pi in row.items])


def test_a_box_with_figures_is_not_removed(demo_session):
    poll = _items_poll("第三次全体会议表决")
    stage = voting.list_boxes()[0]
    _enter_items(poll, stage.box_id, 1)  # one clerk's entry is enough to protect it
    tallies = Tally.select().count()
    with pytest.raises(ServiceError, match="票箱“主席团票箱”已录入了“第三次全体会议表决”的票数，不能删除"):
        voting.remove_box(stage.box_id)
    with pytest.raises(ServiceError, match="第三次全体会议表决"):
        voting.check_box_removable(stage.box_id)
    assert voting.list_boxes()[0] == stage and Tally.select().count() == tallies
    assert [u.title for u in voting.box_uses()[stage.box_id]] == ["第三次全体会议表决"]
    voting.rename_box(stage.box_id, "主席台票箱")  # a rename keeps the figures with the box
    assert counting.entered(poll, stage.box_id, 1)[0] == {"表决票": (70, 70)}
    empty = voting.list_boxes()[2]
    voting.remove_box(empty.box_id)  # nothing entered in it
    counting.remove_poll(poll)
    voting.remove_box(stage.box_id)
    assert [b.name for b in voting.list_boxes()] == ["会场1号票箱"]


def test_an_item_on_a_poll_is_not_removed_and_keeps_its_confirmed_title(demo_session):
    first = voting.list_vote_items()[0]
    poll = _items_poll("第三次全体会议表决")
    with pytest.raises(ServiceError, match="已列入“第三次全体会议表决”的表决票，不能删除"):
        voting.remove_vote_item(first.item_id)
    voting.update_vote_item(first.item_id, first.title + "修改")  # not confirmed yet: a mistake may be mended
    voting.update_vote_item(first.item_id, first.title)
    counting.set_present(poll, 210)
    for box in voting.list_boxes():
        for entry in (1, 2):
            _enter_items(poll, box.box_id, entry)
    counting.confirm(poll, NOW)
    with pytest.raises(ServiceError, match="已在“第三次全体会议表决”中表决，主席团已确认") as err:
        voting.update_vote_item(first.item_id, "另一名称")
    assert err.value.field == "title"
    voting.update_vote_item(first.item_id, first.title, "其他")  # the kind is not printed
    voting.rename_box(voting.list_boxes()[0].box_id, "主席台票箱")  # boxes may be renamed at any time
    assert voting.item_uses()[first.item_id] == [voting.PollUse(poll, "第三次全体会议表决", True)]
    voting.move_vote_item(first.item_id, 6)  # the poll keeps its own order
    assert counting.get_poll(poll).items[0].title == first.title
    with pytest.raises(ServiceError, match="请先删除这些投票"):
        voting.remove_vote_item(first.item_id)
    assert len(voting.list_vote_items()) == 7

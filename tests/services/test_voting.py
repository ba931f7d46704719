"""Ballot boxes and vote items: seed 000's three boxes and seven resolutions."""
from __future__ import annotations

import pytest

from meetingdesk.services import ServiceError, elections, voting


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

"""Drafts in the session file: kept, read, replaced and forgotten; a counting pass typed and not
saved is never taken for a pass; a draft that can no longer become one is passed over and pruned."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.services import ServiceError, counting, drafts, session, voting
from meetingdesk.services.counting import Figure
from meetingdesk.store import Draft

NOW = dt.datetime(2023, 12, 21, 10, 32, 15, 123)


def test_a_draft_is_kept_replaced_and_forgotten(demo_session):
    assert drafts.load("x:1") is None and drafts.list_drafts() == []
    row = drafts.save("x:1", {"a": [1, 2], "名": "张三"}, NOW)
    assert row.saved == dt.datetime(2023, 12, 21, 10, 32, 15)
    assert drafts.load("x:1") == drafts.DraftRow("x:1", {"a": [1, 2], "名": "张三"}, row.saved)
    drafts.save("x:1", {"a": [3]}, NOW + dt.timedelta(minutes=1))
    assert drafts.load("x:1").data == {"a": [3]} and Draft.select().count() == 1
    drafts.save("y:1", {}, NOW)
    assert [d.key for d in drafts.list_drafts()] == ["x:1", "y:1"]  # the latest first
    assert [d.key for d in drafts.list_drafts("y:")] == ["y:1"]
    assert drafts.discard("x:1") and not drafts.discard("x:1")
    assert drafts.discard_all() == 1 and drafts.list_drafts() == []


def test_what_cannot_be_a_draft_is_refused(demo_session):
    with pytest.raises(ServiceError, match="草稿无法保存"):
        drafts.save("x:1", {"when": NOW})
    with pytest.raises(ServiceError, match="草稿没有名称"):
        drafts.save("", {})
    assert drafts.list_drafts() == []


def test_a_draft_survives_closing_without_saving(demo_file):
    session.open_session(demo_file)
    drafts.save("x:1", {"a": 1}, NOW)
    session.close_session()  # as a crash would: nothing else done
    session.open_session(demo_file)
    try:
        assert drafts.load("x:1").data == {"a": 1}
    finally:
        session.close_session()


@pytest.fixture
def poll(demo_session) -> int:
    """A poll of the seven items alone, so that a whole count is short."""
    return counting.create_poll("第三次全体会议表决", [], [i.item_id for i in voting.list_vote_items()], now=NOW)


def _sheet(poll_id: int, per_box: int = 70):
    row = counting.get_poll(poll_id)
    return {"表决票": (per_box, per_box)}, [Figure(poll_item_id=pi.poll_item_id, yes=per_box) for pi in row.items]


def test_a_pass_typed_and_not_saved_is_not_a_pass(poll):
    box = voting.list_boxes()[0]
    before = counting.result(poll)
    key = drafts.tally_key(poll, box.box_id, 1)
    drafts.save(key, {"papers": {"表决票": [70, 70]}, "items": {}}, NOW)
    assert counting.entered(poll, box.box_id, 1) == ({}, [])
    after = counting.result(poll)
    assert after.missing == before.missing and not after.complete
    [found] = drafts.tally_drafts()
    assert (found.key, found.poll_id, found.box_id, found.entry, found.saved) == (
        key, poll, box.box_id, 1, dt.datetime(2023, 12, 21, 10, 32, 15))
    assert found.description == "计票：第三次全体会议表决 主席团票箱第一遍录入（未保存）"
    assert drafts.tally_drafts(poll) == [found] and drafts.tally_drafts(poll + 1) == []


def test_saving_the_pass_forgets_its_draft_and_a_refusal_keeps_it(poll):
    box = voting.list_boxes()[0]
    key = drafts.tally_key(poll, box.box_id, 1)
    other = drafts.tally_key(poll, box.box_id, 2)
    drafts.save(key, {"x": 1}, NOW)
    drafts.save(other, {"x": 2}, NOW)
    papers, figures = _sheet(poll)
    with pytest.raises(ServiceError):
        drafts.enter_tally(poll, box.box_id, 1, {"表决票": (70, 60)}, figures)  # more votes than papers
    assert drafts.load(key) is not None and counting.entered(poll, box.box_id, 1) == ({}, [])
    drafts.enter_tally(poll, box.box_id, 1, papers, figures)
    assert drafts.load(key) is None and counting.entered(poll, box.box_id, 1)[0] == {"表决票": (70, 70)}
    assert drafts.load(other) is not None  # the other clerk's pass is not touched


def test_drafts_of_a_poll_deleted_or_confirmed_are_passed_over_and_pruned(poll):
    boxes = voting.list_boxes()
    deleted = counting.create_poll("另一次表决", [], [voting.list_vote_items()[0].item_id], now=NOW)
    drafts.save(drafts.tally_key(deleted, boxes[0].box_id, 1), {}, NOW)
    counting.remove_poll(deleted)
    # the poll confirmed: every box entered twice, then the presidium confirms
    counting.set_present(poll, 210)
    papers, figures = _sheet(poll)
    for box in boxes:
        for entry in (1, 2):
            counting.enter(poll, box.box_id, entry, papers, figures)
    drafts.save(drafts.tally_key(poll, boxes[1].box_id, 2), {}, NOW)
    counting.confirm(poll, NOW)
    # and drafts no pass can come from: a box that is not there, a third pass, a key or data unreadable
    drafts.save(drafts.tally_key(poll, 999, 1), {}, NOW)
    drafts.save(f"tally:{poll}:{boxes[0].box_id}:3", {}, NOW)
    drafts.save("tally:x", {}, NOW)
    Draft.create(key=drafts.stored_key(drafts.tally_key(poll, boxes[0].box_id, 1)), data="[1", saved="昨天")
    drafts.save("other:1", {"kept": True}, NOW)  # not a pass: not the counting drafts' business
    assert drafts.tally_drafts() == []
    assert drafts.prune_tally_drafts() == 6 and drafts.prune_tally_drafts() == 0
    assert [d.key for d in drafts.list_drafts()] == ["other:1"]
    assert counting.result(poll).poll.confirmed_at is not None


def test_discarding_the_drafts_of_a_poll(poll):
    box = voting.list_boxes()[0]
    for entry in (1, 2):
        drafts.save(drafts.tally_key(poll, box.box_id, entry), {}, NOW)
    drafts.save(drafts.tally_key(poll + 1, box.box_id, 1), {}, NOW)
    assert drafts.discard_tally(poll, box.box_id, 2) == 1
    assert drafts.discard_tally(poll) == 1
    assert [d.key for d in drafts.list_drafts()] == [drafts.tally_key(poll + 1, box.box_id, 1)]

"""The two clerks of a count at two desks on a server: each enters a pass of the same box; the
differences show at both; a pass saved at one desk is not written over by the other; half-typed
passes are each desk's own."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.services import counting, drafts, session, voting
from meetingdesk.services.conflicts import ConflictError
from meetingdesk.services.counting import Figure

from .desks import at_desk, run_at_desk

NOW = dt.datetime(2023, 12, 21, 10, 32)


def desk(url: str, name: str, code: str) -> str:
    """CODE run by another program at desk NAME; returns what it printed."""
    return run_at_desk(url, name, code)


@pytest.fixture
def poll(demo_url) -> tuple[str, int, int]:
    session.open_session(at_desk(demo_url, "计票室一"))
    poll_id = counting.create_poll("第三次全体会议表决", [], [i.item_id for i in voting.list_vote_items()], now=NOW)
    box = voting.list_boxes()[0].box_id
    yield demo_url, poll_id, box
    session.close_session()


def _sheet(poll_id: int, yes: int):
    row = counting.get_poll(poll_id)
    return {"表决票": (70, 70)}, [Figure(poll_item_id=pi.poll_item_id, yes=yes) for pi in row.items]


def test_two_clerks_at_two_desks_see_the_same_differences(poll):
    url, poll_id, box = poll
    seen = counting.entered(poll_id, box, 1)
    desk(url, "计票室二", f"""
        row = counting.get_poll({poll_id})
        counting.enter({poll_id}, {box}, 2, {{"表决票": (70, 70)}},
                       [Figure(poll_item_id=pi.poll_item_id, yes=69) for pi in row.items],
                       seen=counting.entered({poll_id}, {box}, 2))
    """)
    drafts.enter_tally(poll_id, box, 1, *_sheet(poll_id, 70), seen=seen)
    here = counting.differences(poll_id)[0]
    there = desk(url, "计票室二", f"print('\\n'.join(counting.differences({poll_id})[0]))").strip().splitlines()
    assert here and here == there


def test_a_pass_saved_at_the_other_desk_is_not_written_over(poll):
    url, poll_id, box = poll
    seen = counting.entered(poll_id, box, 1)  # the form loads the pass: nothing entered yet
    desk(url, "计票室二", f"""
        row = counting.get_poll({poll_id})
        counting.enter({poll_id}, {box}, 1, {{"表决票": (70, 70)}},
                       [Figure(poll_item_id=pi.poll_item_id, yes=70) for pi in row.items])
    """)
    with pytest.raises(ConflictError) as err:
        drafts.enter_tally(poll_id, box, 1, *_sheet(poll_id, 68), seen=seen)
    assert "第一遍已由计票室二" in err.value.message and "表决票发出 70、收回 70 张" in err.value.message
    assert counting.entered(poll_id, box, 1)[1][0].yes == 70  # the other desk's pass stands
    # this desk's keystrokes are still kept as its draft (the form saves one before saving)
    drafts.save(drafts.tally_key(poll_id, box, 1), {"typed": 68})
    assert drafts.load(drafts.tally_key(poll_id, box, 1)).data == {"typed": 68}


def test_each_desk_keeps_its_own_half_typed_pass(poll):
    url, poll_id, box = poll
    key = drafts.tally_key(poll_id, box, 1)
    drafts.save(key, {"typed": "计票室一"})
    desk(url, "计票室二", f"drafts.save({key!r}, {{'typed': '计票室二'}})")
    assert drafts.load(key).data == {"typed": "计票室一"}
    assert [d.key for d in drafts.tally_drafts(poll_id)] == [key]
    theirs = desk(url, "计票室二", f"print(drafts.load({key!r}).data['typed'])").strip()
    assert theirs == "计票室二"
    drafts.enter_tally(poll_id, box, 1, *_sheet(poll_id, 70), seen=({}, []))
    assert drafts.load(key) is None
    assert desk(url, "计票室二", f"print(drafts.load({key!r}).data['typed'])").strip() == "计票室二"

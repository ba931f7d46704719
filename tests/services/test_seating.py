"""services.seating on the demo session: the arrangement follows the roster moving as few people as
possible, every write has its undo, and nothing a reading program does writes the file."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk import store
from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, presidium, roster, schedule, seating, session


def _places(arr: seating.Arrangement) -> dict[int, tuple[str, int, int]]:
    return {s.member_id: (s.block, s.row, s.column) for s in arr.seats}


def _plenaries() -> list[int]:
    return [m.meeting_id for m in schedule.list_meetings() if m.kind == "全体会议"]


def test_the_demo_seats_everyone_once_by_delegation(demo_session):
    arr = seating.arrangement()
    serving = roster.list_members()
    assert len(arr.seats) == len(serving) == 406 and not arr.unseated and not arr.unzoned
    assert len({(s.block, s.row, s.column) for s in arr.seats}) == len(arr.seats)
    assert arr.split_delegations() == {}
    for seat in arr.seats:
        assert arr.hall.blocks[seat.block_index].zone == seat.role
    # the 团长 takes the delegation's first seat: the front of its first column
    first = {}
    for seat in sorted(arr.seats, key=lambda s: (s.block_index, s.column, s.row)):
        if seat.role == Role.DELEGATE:
            first.setdefault(seat.delegation, seat)
    heads = {d.name: d.head.member_id for d in roster.list_delegations() if d.head}
    assert all(first[name].member_id == head for name, head in heads.items())


def test_labels_as_printed(demo_session):
    arr = seating.arrangement()
    labels = {s.label for s in arr.seats}
    assert len(labels) == len(arr.seats)
    centre = [s for s in arr.seats if s.block == "二区" and s.row == 0]
    assert sorted(s.number for s in centre)[:2] == [1, 2]
    left = [s for s in arr.seats if s.block == "一区"]
    assert all(s.number % 2 == 0 and s.number >= 12 for s in left)
    assert seating.seat_labels()[arr.seats[0].member_id] == arr.seats[0].label


def test_a_new_delegate_moves_nobody(demo_session):
    before = _places(seating.arrangement())
    team = roster.list_delegations()[2]
    new = roster.add_member(roster.MemberInput("丁一", "男", delegation_id=team.delegation_id))
    after = _places(seating.arrangement())
    assert all(after[m] == place for m, place in before.items())
    assert new in after and after[new] not in before.values()
    # seated among the delegation's own seats (its block)
    assert after[new][0] in {p[0] for m, p in before.items()
                             if roster.get_member(m).delegation_id == team.delegation_id}
    assert store.SeatAssignment.select().where(store.SeatAssignment.member == new).exists()  # kept


def test_an_ended_delegate_leaves_the_seat_free_and_others_stay(demo_session):
    before = _places(seating.arrangement())
    gone = next(s for s in seating.arrangement().seats if s.role == Role.DELEGATE and not s.leader_title)
    roster.end_member(gone.member_id, dt.date(2023, 12, 1), "辞职")
    after = _places(seating.arrangement())
    assert gone.member_id not in after
    assert all(after[m] == place for m, place in before.items() if m != gone.member_id)
    # a later newcomer of the same delegation takes the free seat
    new = roster.add_member(roster.MemberInput("丁二", "男", delegation_id=gone.delegation_id))
    assert _places(seating.arrangement())[new] == before[gone.member_id]


def test_reading_only_never_writes(demo_file):
    session.open_session(demo_file)
    seating.arrangement()
    team = roster.list_delegations()[0]
    new = roster.add_member(roster.MemberInput("丁三", "女", delegation_id=team.delegation_id))
    session.close_session()
    stamp = demo_file.stat().st_mtime_ns
    count = None
    session.open_session(demo_file, mode=session.READ)
    try:
        arr = seating.arrangement()
        assert arr.seat_of(new) is not None  # the re-flow is computed …
        count = store.SeatAssignment.select().where(store.SeatAssignment.member == new).count()
    finally:
        session.close_session()
    assert count == 0 and demo_file.stat().st_mtime_ns == stamp  # … and not written


def test_more_people_than_seats_are_listed_unseated(demo_session):
    hall = seating.get_hall()
    small = tuple(b if b.zone != Role.ATTENDEE else seating.BlockSpec(b.name, (10,), b.zone, band=b.band)
                  for b in hall.blocks)
    seating.set_hall(seating.HallSpec(hall.name, small, hall.podium_rows))
    arr = seating.arrangement()
    attendees = [s for s in arr.seats if s.role == Role.ATTENDEE]
    assert len(attendees) == 20 and len(arr.unseated) == 140
    assert {r.role for r in arr.unseated} == {Role.ATTENDEE}


def test_a_role_without_blocks_is_reported_not_seated(demo_session):
    hall = seating.get_hall()
    seating.set_hall(seating.HallSpec(hall.name, tuple(b for b in hall.blocks if b.zone != Role.STAFF),
                                      hall.podium_rows))
    arr = seating.arrangement()
    assert arr.unzoned == {Role.STAFF: 36} and not arr.unseated


@pytest.mark.parametrize("text", ["", "10×", "a,b", "10×0", "-3", "10,,x"])
def test_bad_rows_are_refused_in_chinese(text):
    with pytest.raises(ServiceError) as caught:
        counts = seating.parse_counts(text, "一区每排座位", "rows")
        seating._validate(seating.HallSpec("会场", (seating.BlockSpec("一区", counts),)))
    assert "一区" in str(caught.value)


def test_parse_counts():
    assert seating.parse_counts("12×3, 14", "x", "rows") == (12, 12, 12, 14)
    assert seating.parse_counts("8，8、9", "x", "rows") == (8, 8, 9)
    assert seating.parse_counts("10x2", "x", "rows") == (10, 10)


@pytest.mark.parametrize("change, words", [
    (lambda h: h.blocks + (h.blocks[0],), "重复"),
    (lambda h: (seating.BlockSpec("七区", (10,), "来宾"),), "就座人员"),
    (lambda h: (seating.BlockSpec("七区", (10,), numbering="乱编"),), "编号方式"),
    (lambda h: (seating.BlockSpec("七区", (500,)),), "每排座位数"),
    (lambda h: (seating.BlockSpec("", (10,)),), "没有名称"),
])
def test_a_bad_hall_is_refused_and_nothing_changes(demo_session, change, words):
    hall = seating.get_hall()
    before = seating._state()
    with pytest.raises(ServiceError, match=words):
        seating.set_hall(seating.HallSpec(hall.name, change(hall), hall.podium_rows))
    assert seating._state() == before


def test_changing_the_hall_keeps_seats_by_block_and_undo_restores_all(demo_session):
    seating.arrangement()
    hall = seating.get_hall()
    before = seating._state()
    places = _places(seating.arrangement())
    shrunk = tuple(seating.BlockSpec(b.name, b.rows[:-1], b.zone, b.numbering, b.first_number, b.first_row, b.band)
                   if b.name == "二区" else b for b in hall.blocks)
    undo = seating.set_hall(seating.HallSpec(hall.name, shrunk, hall.podium_rows))
    after = _places(seating.arrangement())
    last_row = len(hall.blocks[1].rows) - 1
    stayed = [m for m, p in places.items() if not (p[0] == "二区" and p[1] == last_row)]
    assert all(after[m] == places[m] for m in stayed)
    assert all(after[m][1] < last_row or after[m][0] != "二区" for m in after)
    seating.restore_hall(undo)
    assert seating._state() == before


def test_swap_move_pin_and_their_undo(demo_session):
    arr = seating.arrangement()
    a, b = arr.seats[0], arr.seats[1]
    seating.swap(a.member_id, b.member_id)
    now = seating.arrangement()
    assert (now.seat_of(a.member_id).row, now.seat_of(a.member_id).column) == (b.row, b.column)
    seating.swap(a.member_id, b.member_id)
    assert _places(seating.arrangement()) == _places(arr)

    staff = next(s for s in arr.seats if s.role == Role.STAFF)
    with pytest.raises(ServiceError, match="不能交换"):
        seating.swap(a.member_id, staff.member_id)

    block = arr.hall.blocks[0]
    empty = next((r, c) for r in range(len(block.rows)) for c in range(block.rule.width)
                 if block.rule.has(r, c) and arr.at(0, r, c) is None)
    left = seating.move(a.member_id, block.name, *empty)
    assert seating.arrangement().seat_of(a.member_id).row == empty[0]
    with pytest.raises(ServiceError, match="已有人"):
        seating.move(b.member_id, block.name, *empty)
    seating.move(a.member_id, *left)
    assert _places(seating.arrangement()) == _places(arr)

    assert seating.set_pinned(a.member_id, True) is False
    assert seating.arrangement().seat_of(a.member_id).pinned


def test_rearrange_keeps_pins_and_undo_restores(demo_session):
    arr = seating.arrangement()
    a, b = arr.seats[0], arr.seats[5]
    seating.swap(a.member_id, b.member_id)
    seating.set_pinned(a.member_id, True)
    swapped = _places(seating.arrangement())
    undo = seating.rearrange()
    fresh = seating.arrangement()
    assert fresh.seat_of(a.member_id).pinned and _places(fresh)[a.member_id] == swapped[a.member_id]
    assert _places(fresh)[b.member_id] != swapped[b.member_id]  # back by the rules
    seating.restore(None, undo)
    assert _places(seating.arrangement()) == swapped


def test_rotation_per_plenary(demo_session):
    hall = seating.get_hall()
    seating.set_hall(seating.HallSpec(hall.name, hall.blocks, hall.podium_rows,
                                      rotation=seating.Rotation.PLENARY, rotation_step=2))
    first, second = _plenaries()[:2]
    one, two = seating.arrangement(first), seating.arrangement(second)
    assert one.key == first and two.key == second
    teams = [d.name for d in roster.list_delegations()]
    assert two.delegations_in(0)[0] == teams[2]  # moved on by two delegations
    assert one.delegations_in(0)[0] == teams[0]
    # a plenary's own swap does not change the other sittings
    x, y = two.seats[0], two.seats[1]
    seating.swap(x.member_id, y.member_id, second)
    assert _places(seating.arrangement(first)) == _places(one)


def test_the_podium_by_precedence(demo_session):
    first = _plenaries()[0]
    podium = seating.podium(first)
    assert podium.seats[0].why == "主持人"
    front = podium.rows[0]
    assert (podium.seats[0].row, podium.seats[0].column) == (0, front // 2)  # No. 1 in the middle
    assert podium.seats[1].column == front // 2 + 1  # No. 2 to the hall's right (左为上)
    group = next(g for g in presidium.list_groups() if g.meeting_id == first)
    on = {s.person_id for s in podium.seats}
    assert {m.person_id for m in group.members} <= on
    assert not podium.unseated


def test_the_podium_list_by_hand_and_undo(demo_session):
    first = _plenaries()[0]
    default = [s.person_id for s in seating.podium(first).seats]
    chosen = default[:3][::-1]
    assert seating.set_podium_people(first, chosen) is None
    podium = seating.podium(first)
    assert [s.person_id for s in podium.seats] == chosen and podium.custom
    assert seating.set_podium_people(first, None) == chosen
    assert [s.person_id for s in seating.podium(first).seats] == default
    with pytest.raises(ServiceError, match="重复"):
        seating.set_podium_people(first, [chosen[0], chosen[0]])


def test_a_short_podium_leaves_the_last_without_seats(demo_session):
    hall = seating.get_hall()
    seating.set_hall(seating.HallSpec(hall.name, hall.blocks, (3,)))
    podium = seating.podium(_plenaries()[0])
    assert len(podium.unseated) == len(podium.seats) - 3


def test_no_podium_at_a_delegation_meeting(demo_session):
    other = next(m.meeting_id for m in schedule.list_meetings() if m.kind == "代表团会议")
    with pytest.raises(ServiceError, match="主席台"):
        seating.podium(other)


def test_without_a_hall(empty_session):
    assert seating.get_hall() is None and seating.seat_labels() == {}
    with pytest.raises(ServiceError, match="设置会场"):
        seating.arrangement()


def test_a_seat_does_not_stop_taking_back_an_added_member_but_a_podium_list_does(demo_session):
    team = next(d for d in roster.list_delegations() if d.name == "吴家山街代表团")
    mid = roster.add_member(roster.MemberInput("丁一", "男", delegation_id=team.delegation_id))
    assert mid in _places(seating.arrangement())  # seated by the re-flow, a row written
    assert store.SeatAssignment.select().where(store.SeatAssignment.member == mid).exists()
    person_id = roster.get_member(mid).person_id
    plenary = _plenaries()[0]
    seating.set_podium_people(plenary, [person_id])
    with pytest.raises(ServiceError) as err:
        roster.undo_add_member(mid)
    assert "已列入第一次全体会议的主席台名单" in err.value.message
    seating.set_podium_people(plenary, None)
    roster.undo_add_member(mid)  # the seat goes with the member
    assert not store.SeatAssignment.select().where(store.SeatAssignment.member == mid).exists()
    assert mid not in _places(seating.arrangement())

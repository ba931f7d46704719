"""The seating's rules in `check`: what is wrong is named, with where to fix it, and reading never writes."""
from __future__ import annotations

from meetingdesk import store
from meetingdesk.rules.words import Role
from meetingdesk.services import checks, roster, schedule, seating, seating_checks
from meetingdesk.services.problem import ERROR, NOTICE


def _seating(problems):
    return [p for p in problems if p.area == seating_checks.AREA]


def test_the_demo_seating_is_clean(demo_session):
    assert _seating(checks.check_session()) == []


def test_no_hall_no_findings(empty_session):
    assert seating_checks.check() == []


def test_too_few_seats_for_delegates_is_an_error(demo_session):
    hall = seating.get_hall()
    blocks = tuple(seating.BlockSpec(b.name, (5,), b.zone, band=b.band) if b.zone == Role.DELEGATE else b
                   for b in hall.blocks)
    seating.set_hall(seating.HallSpec(hall.name, blocks, hall.podium_rows))
    found = seating_checks.check()
    errors = [p for p in found if p.severity == ERROR]
    assert any("代表座区共 15 个座位，代表 210 人，多出 195 人" in p.message for p in errors)
    assert all(p.target[0] == "seating" for p in found)


def test_a_missing_zone_and_a_split_delegation(demo_session):
    hall = seating.get_hall()
    seating.set_hall(seating.HallSpec(hall.name, tuple(b for b in hall.blocks if b.zone != Role.STAFF),
                                      hall.podium_rows))
    arr = seating.arrangement()
    one = next(s for s in arr.seats if s.block == "一区")
    three = next(s for s in arr.seats if s.block == "三区")
    seating.swap(one.member_id, three.member_id)
    found = seating_checks.check()
    assert any(p.severity == NOTICE and "没有工作人员座区" in p.message for p in found)
    split = [p.message for p in found if "分坐在" in p.message]
    assert f"{one.delegation}的代表分坐在一区、三区。" in split and len(split) == 2


def test_a_seat_given_twice(demo_session):
    seats = list(store.SeatAssignment.select().limit(2))
    store.SeatAssignment.update(row=seats[0].row, column=seats[0].column, block=seats[0].block).where(
        store.SeatAssignment.id == seats[1].id).execute()
    found = seating_checks.check()
    assert any("同时分给了 2 人" in p.message for p in found)


def test_a_short_podium(demo_session):
    hall = seating.get_hall()
    seating.set_hall(seating.HallSpec(hall.name, hall.blocks, (5,)))
    found = [p for p in seating_checks.check() if "主席台只有 5 个座位" in p.message]
    plenaries = [m for m in schedule.list_meetings() if m.kind == "全体会议"]
    assert len(found) == len(plenaries) and all(p.severity == ERROR for p in found)


def test_check_does_not_keep_a_reflow(demo_session):
    team = roster.list_delegations()[0]
    new = roster.add_member(roster.MemberInput("丁四", "男", delegation_id=team.delegation_id))
    seating_checks.check()
    assert not store.SeatAssignment.select().where(store.SeatAssignment.member == new).exists()

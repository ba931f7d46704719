"""Carrying a roster forward into the next session (services.carry, `meetingdesk carry`)."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from meetingdesk.services import ServiceError, attendance, carry, presidium, roster, session
from meetingdesk.store import Member

BEFORE = dt.datetime(2023, 12, 20, 8, 0)
SECOND = "第十一届人民代表大会第二次会议"
THIRD = "第十一届人民代表大会第三次会议"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def of(name: str, role: str = "代表") -> roster.MemberRow:
    return next(m for m in roster.list_members(include_ended=True) if m.name == name and m.role == role)


@pytest.fixture
def old_file(demo_file):
    """The demo session with earlier and this session's unexcused absences written down through
    services.attendance: 丁哲 absent at every plenary (this session missed without leave) and
    noted for the second session; 邢奇 absent at one plenary but present at another (not
    unexcused); 冯宇, whose mandate ended, noted for the second session (he is not carried)."""
    session.open_session(demo_file)
    plenaries = [attendance.find_meeting(n).meeting_id for n in ("3", "6", "10")]
    ding, xing = of("丁哲").member_id, of("邢奇").member_id
    for meeting in plenaries:
        attendance.mark(meeting, ding, "缺席", now=BEFORE)
    attendance.mark(plenaries[0], xing, "缺席", now=BEFORE)
    attendance.mark(plenaries[1], xing, "出席", now=BEFORE)
    attendance.add_prior(of("丁哲").person_id, SECOND, "未请假")
    attendance.add_prior(of("冯宇").person_id, SECOND)
    session.close_session()
    return demo_file


def test_carry_forward_the_demo_session(old_file, tmp_path):
    session.open_session(old_file, session.READ)
    old_info = session.session_info()
    old_bylaw = session.bylaw()
    old_teams = [(d.name, d.room, d.head.name, [x.name for x in d.deputies], d.count("代表"))
                 for d in roster.list_delegations()]
    old_delegates = {(m.name, m.note): m for m in roster.list_members(role="代表")}
    ended = {m.name for m in roster.list_members(role="代表", include_ended=True) if not m.serving}
    session.close_session()
    before = digest(old_file)

    new = tmp_path / "第四次会议.meetingdesk"
    plan = carry.carry_forward(old_file, new, number=4, start_date=dt.date(2024, 12, 20),
                               end_date=dt.date(2024, 12, 22))
    assert digest(old_file) == before  # the old file is only read
    assert session.current_path() == new  # the new session is open
    info = session.session_info()
    assert info.title == "东西湖区第十一届人民代表大会第四次会议" == plan.title
    assert (info.city, info.region, info.term, info.number, info.start_date, info.end_date) == (
        "武汉市", "东西湖区", 11, 4, dt.date(2024, 12, 20), dt.date(2024, 12, 22))
    assert (info.statutory_delegates, info.quorum_rule, info.venue) == (
        old_info.statutory_delegates, old_info.quorum_rule, old_info.venue)
    assert session.bylaw() == old_bylaw and info.announced_delegates is None

    # 210 delegates in the same 12 delegations, in order, with rooms and leaders; nobody else
    assert info.counts == {"代表": 210, "列席": 0, "工作人员": 0}
    teams = [(d.name, d.room, d.head.name, [x.name for x in d.deputies], d.count("代表"))
             for d in roster.list_delegations()]
    assert teams == old_teams and len(teams) == 12
    everyone = roster.list_members(include_ended=True)
    assert all(m.serving and m.role == "代表" for m in everyone) and len(everyone) == 210
    assert not ended & {m.name for m in everyone} and len(ended) == 12  # ended ones stay behind
    for m in everyone:  # the mandate, the delegation and the badge number come along
        old = old_delegates[(m.name, m.note)]
        assert (m.member_id, m.delegation, m.gender, m.work_title, m.started_on, m.start_reason,
                m.constituency, m.confirmed_by) == (old.member_id, old.delegation, old.gender, old.work_title,
                                                    old.started_on, old.start_reason, old.constituency,
                                                    old.confirmed_by)
    assert of("李平").start_reason == "补选" and of("李平").started_on == dt.date(2023, 11, 29)
    assert {(o.name, o.body, o.title) for o in presidium.list_offices()} >= {("周本奇", "区人大常委会", "副主任")}

    # earlier sessions' absences: the old file's, and this session's own for 丁哲 (not 邢奇)
    prior = {(r.name, r.session) for r in attendance.list_prior()}
    assert prior == {("丁哲", SECOND), ("丁哲", THIRD)}
    assert [a.name for a in plan.absences] == ["丁哲", "丁哲"]
    flagged = attendance.unexcused_flags()  # the next session's check for two sessions missed
    assert [line.row.name for line in flagged] == ["丁哲"] and flagged[0].unexcused_total == 2
    session.close_session()


def test_what_the_carry_says_it_carried(old_file, tmp_path):
    plan = carry.plan_carry(old_file)
    assert session.current_path() is None  # read and closed again
    assert plan.number == 4 and plan.title.endswith("第四次会议")
    lines = plan.lines()
    assert lines[0] == "吴家山街代表团：代表 18 人（团长 李平，副团长 陶勇）"
    assert "共 12 个代表团，代表 210 人。" in lines
    assert "资格已终止的代表 12 人留在上次会议，不结转。" in lines
    assert "未结转列席 160 人、工作人员 36 人（每次会议另行邀请；需要时选择一并结转）。" in lines
    assert lines[-1] == f"结转以往未经批准缺席 2 条：丁哲（{SECOND}）；丁哲（{THIRD}）。"


def test_others_are_carried_only_when_asked(old_file, tmp_path):
    new = tmp_path / "new.meetingdesk"
    plan = carry.carry_forward(old_file, new, number=4, include_others=True)
    assert session.session_info().counts == {"代表": 210, "列席": 160, "工作人员": 36}
    assert plan.lines()[0] == "吴家山街代表团：代表 18 人、列席 15 人、工作人员 3 人（团长 李平，副团长 陶勇）"
    huang = [m for m in roster.list_members(include_ended=True) if m.name == "黄玉莲"]
    assert [(m.role, m.status) for m in huang] == [("列席", "在任")]  # her ended 代表 mandate stays behind
    wang = [m for m in roster.list_members() if m.name == "王超"]  # equal names keep their notes
    assert sorted(m.note for m in wang) == ["区消防救援大队大队长", "区融媒体中心主任"]
    session.close_session()


def test_the_open_session_is_read_as_it_is_open(old_file, tmp_path):
    session.open_session(old_file)
    plan = carry.plan_carry(old_file, number=5)
    assert session.current_path() == old_file and not session.access().readonly  # still ours
    assert plan.title.endswith("第五次会议")
    carry.carry_forward(old_file, tmp_path / "new.meetingdesk", number=5)
    assert session.current_path() == tmp_path / "new.meetingdesk"
    session.close_session()


def test_refusals_leave_no_new_file(old_file, tmp_path, monkeypatch):
    existing = tmp_path / "已有.meetingdesk"
    existing.write_bytes(b"keep")
    with pytest.raises(ServiceError, match="已存在，不会覆盖") as exc:
        carry.carry_forward(old_file, existing, number=4)
    assert exc.value.field == "new_path" and existing.read_bytes() == b"keep"
    with pytest.raises(ServiceError, match="已存在"):
        carry.carry_forward(old_file, old_file, number=4)
    new = tmp_path / "new.meetingdesk"
    with pytest.raises(ServiceError, match="新会议应是第四次或以后的会议") as exc:
        carry.carry_forward(old_file, new, number=3)
    assert exc.value.field == "number"
    with pytest.raises(ServiceError, match="不在上次会议闭幕（2023-12-23）之后"):
        carry.carry_forward(old_file, new, number=4, start_date=dt.date(2023, 12, 22))
    with pytest.raises(ServiceError, match="找不到上次会议的文件"):
        carry.carry_forward(tmp_path / "无.meetingdesk", new, number=4)
    assert not new.exists()

    before = digest(old_file)

    def fail(*args, **kwargs):
        raise ServiceError("模拟的故障")

    monkeypatch.setattr(attendance, "add_prior", fail)  # the very last step of the carry
    with pytest.raises(ServiceError, match="模拟的故障"):
        carry.carry_forward(old_file, new, number=4)
    assert not new.exists() and not new.with_name(new.name + ".lock").exists()
    assert session.current_path() is None and digest(old_file) == before


def test_the_command_line(old_file, tmp_path, capsys):
    from meetingdesk.cli import main

    new = tmp_path / "第四次.meetingdesk"
    assert main(["carry", str(old_file), str(new), "--number", "4", "--start", "2024-12-20",
                 "--end", "2024-12-22"]) == 0
    out = capsys.readouterr().out
    assert f"已从“东西湖区第十一届人民代表大会第三次会议”新建“东西湖区第十一届人民代表大会第四次会议” → {new}" in out
    assert "  吴家山街代表团：代表 18 人（团长 李平，副团长 陶勇）" in out
    assert "共 12 个代表团，代表 210 人。" in out and "结转以往未经批准缺席 2 条" in out
    assert "未结转列席 160 人、工作人员 36 人（每次会议另行邀请；需要时加 --with-others 一并结转）。" in out
    assert session.current_path() is None
    session.open_session(new, session.READ)
    assert session.session_info().counts["代表"] == 210
    session.close_session()

    assert main(["carry", str(old_file), str(new), "--number", "4"]) == 1
    assert "已存在，不会覆盖" in capsys.readouterr().err
    other = tmp_path / "others.meetingdesk"
    assert main(["carry", str(old_file), str(other), "--number", "四"]) == 1
    assert "会议次数应是一个整数" in capsys.readouterr().err
    assert main(["carry", str(old_file), str(other), "--number", "4", "--start", "2024年12月20日"]) == 1
    assert "开幕日期应写成 YYYY-MM-DD" in capsys.readouterr().err
    assert main(["carry", str(old_file), str(other), "--number", "4", "--with-others"]) == 0
    assert "列席 160 人" in capsys.readouterr().out
    assert not (tmp_path / "第四次.meetingdesk.lock").exists()


def test_a_second_role_of_one_person_is_carried_with_the_person(demo_file, tmp_path):
    session.open_session(demo_file)
    ding = of("丁哲")
    member_id = Member.create(person=ding.person_id, delegation=ding.delegation_id, role="工作人员").id
    session.close_session()
    carry.carry_forward(demo_file, tmp_path / "new.meetingdesk", number=4, include_others=True)
    roles = [m for m in roster.list_members() if m.name == "丁哲"]
    assert {m.role for m in roles} == {"代表", "工作人员"} and len({m.person_id for m in roles}) == 1
    assert member_id in {m.member_id for m in roles}
    session.close_session()


def test_an_old_file_held_by_another_program_is_read_and_left_alone(held_elsewhere, demo_file, tmp_path):
    before = digest(demo_file)
    plan = carry.carry_forward(demo_file, tmp_path / "new.meetingdesk", number=4)
    assert plan.total("代表") == 210 and session.session_info().counts["代表"] == 210
    session.close_session()
    assert digest(demo_file) == before


def test_a_file_of_an_older_version_is_read_from_a_copy_never_upgraded_in_place(tmp_path):
    from pathlib import Path

    fixture = Path(__file__).parent.parent / "fixtures" / "sessions" / "schema7.meetingdesk"
    old = tmp_path / "第三次会议.meetingdesk"
    old.write_bytes(fixture.read_bytes())
    before = digest(old)
    plan = carry.carry_forward(old, tmp_path / "第四次会议.meetingdesk", number=4)
    assert digest(old) == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "第三次会议.meetingdesk", "第四次会议.meetingdesk", "第四次会议.meetingdesk.lock"]
    assert plan.total("代表") == session.session_info().counts["代表"] > 200
    assert len(roster.list_delegations()) == 12
    session.close_session()


def test_the_hall_is_carried_rotated_with_its_pins(demo_file, tmp_path):
    from meetingdesk.services import seating

    session.open_session(demo_file)
    hall = seating.get_hall()
    seating.set_hall(seating.HallSpec(hall.name, hall.blocks, hall.podium_rows,
                                      rotation=seating.Rotation.SESSION, rotation_step=3))
    old = seating.arrangement()
    first = old.delegations_in(0)[0]
    pinned = next(s for s in old.seats if s.role == "代表" and s.block == "三区")
    seating.set_pinned(pinned.member_id, True)
    session.close_session()

    new = tmp_path / "第四次会议.meetingdesk"
    plan = carry.carry_forward(demo_file, new, number=4)
    assert any("结转会场“区人民会堂”" in line and "前移 3 个代表团" in line and "固定座位 1 个" in line
               for line in plan.lines())
    carried = seating.get_hall()
    assert carried.rotation_start == 3 and carried.blocks == hall.blocks
    arr = seating.arrangement()
    teams = [d.name for d in roster.list_delegations()]
    assert first == teams[0] and arr.delegations_in(0)[0] == teams[3]
    seat = arr.seat_of(pinned.member_id)
    assert seat.pinned and (seat.block, seat.row, seat.column) == (pinned.block, pinned.row, pinned.column)
    assert not arr.unseated and len(arr.seats) == len(roster.list_members())
    session.close_session()

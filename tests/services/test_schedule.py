"""The agenda and the schedule of the demo session, numbering, items and adoption lines."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.services import ServiceError, presidium, schedule
from meetingdesk.services.schedule import MeetingInput

DAY1 = dt.date(2023, 12, 21)


def _printed():
    return [(m.day_heading, m.when, m.name) for m in schedule.list_meetings(printed_only=True)]


def test_demo_schedule_is_seed_000s(demo_session):
    assert _printed() == [
        ("12月21日(星期四)", "上午 8:30", "第一次全体会议"),
        ("12月21日(星期四)", "下午 14:30", "代表团会议"),
        ("12月22日(星期五)", "上午 9:00", "第二次全体会议"),
        ("12月22日(星期五)", "下午 14:30", "代表团会议"),
        ("12月23日(星期六)", "上午 9:00", "第三次全体会议"),
    ]
    plenaries = [m for m in schedule.list_meetings() if m.kind == "全体会议"]
    assert [m.host_name for m in plenaries] == ["徐贻功", "肖建红", "周本奇"]
    assert [len(m.items) for m in plenaries] == [4, 4, 5]
    assert plenaries[2].items[-1].text == "宣布表决结果"  # as the seed's 日程 ends: no 闭幕 added
    presidium_meetings = [m.name for m in schedule.list_meetings() if m.kind == "主席团会议"]
    assert presidium_meetings == [f"主席团第{n}次会议" for n in "一二三四"]


def test_demo_agenda_and_adoption_lines(demo_session):
    agenda = schedule.list_agenda()
    assert [a.number for a in agenda] == list("一二三四五六七八九")
    assert agenda[7].text == "选举事项。"
    assert schedule.adoption("agenda").line == "(2023年12月20日东西湖区第十一届人民代表大会第三次会议预备会议通过)"
    assert schedule.adoption("chairs").line.endswith("第三次会议主席团第一次会议推定)")
    assert schedule.adoption("scrutineers").line.startswith("(2023年12月23日")
    assert schedule.adoption("scrutineers").line.endswith("第三次全体会议通过)")


def test_a_new_plenary_opens_with_the_attendance_report_and_renumbers_the_later_ones(demo_session):
    new = schedule.add_meeting(MeetingInput(DAY1, "全体会议", start="16:00"))
    meeting = schedule.get_meeting(new)
    assert meeting.name == "第二次全体会议" and meeting.half == "下午"
    assert [i.text for i in meeting.items] == [schedule.ATTENDANCE_ITEM]
    names = [m.name for m in schedule.list_meetings() if m.kind == "全体会议"]
    assert names == ["第一次全体会议", "第二次全体会议", "第三次全体会议", "第四次全体会议"]
    # the adoption line follows the renumbering: the scrutineers were adopted at the last plenary
    assert schedule.adoption("scrutineers").line.endswith("第四次全体会议通过)")
    bare = schedule.add_meeting(MeetingInput(DAY1, "全体会议", start="19:00"), attendance_item=False)
    assert schedule.get_meeting(bare).items == ()


@pytest.mark.parametrize("data, field, message", [
    (MeetingInput(DAY1, "全体会议", start="25:00"), "start", "看不懂"),
    (MeetingInput(DAY1, "全体会议", start="9:00", end="8:00"), "end", "晚于开始"),
    (MeetingInput(DAY1, "全体会议", half="下午", start="9:00"), "start", "不在下午"),
    (MeetingInput(DAY1, "其他"), "title", "会议名称"),
    (MeetingInput(DAY1, "茶话会"), "kind", "会议类别"),
])
def test_bad_meetings_are_refused_at_their_field(demo_session, data, field, message):
    before = len(schedule.list_meetings())
    with pytest.raises(ServiceError, match=message) as err:
        schedule.add_meeting(data)
    assert err.value.field == field
    assert len(schedule.list_meetings()) == before


def test_items_are_numbered_by_position(demo_session):
    meeting = schedule.list_meetings(printed_only=True)[1]
    first = meeting.items[0]
    new = schedule.add_item(meeting.meeting_id, "  听取  专题汇报 ", index=0)
    items = schedule.get_meeting(meeting.meeting_id).items
    assert [(i.number, i.text) for i in items[:2]] == [(1, "听取 专题汇报"), (2, first.text)]
    schedule.move_item(new, 5)
    assert schedule.get_meeting(meeting.meeting_id).items[-1].item_id == new
    schedule.update_item(new, "听取汇报")
    schedule.remove_item(new)
    assert schedule.get_meeting(meeting.meeting_id).items == meeting.items
    with pytest.raises(ServiceError, match="不能为空"):
        schedule.add_item(meeting.meeting_id, "  ")


def test_agenda_items_renumber(demo_session):
    last = schedule.list_agenda()[-1]
    schedule.move_agenda_item(last.item_id, 0)
    assert schedule.list_agenda()[0].text.startswith("举行新当选") and schedule.list_agenda()[0].number == "一"
    new = schedule.add_agenda_item("审查决定事项。", index=1)
    assert schedule.list_agenda()[1].number == "二"
    schedule.update_agenda_item(new, "审查事项。")
    schedule.remove_agenda_item(new)
    assert len(schedule.list_agenda()) == 9


def test_a_plenary_turned_into_another_kind_loses_its_chair_group(demo_session):
    plenary = next(m for m in schedule.list_meetings() if m.kind == "全体会议")
    schedule.update_meeting(plenary.meeting_id, MeetingInput(plenary.date, "其他", start="8:30", title="座谈会"))
    assert all(g.meeting_id != plenary.meeting_id for g in presidium.list_groups())
    assert schedule.get_meeting(plenary.meeting_id).name == "座谈会"


def test_groups_host_plenaries_only(demo_session):
    delegation_meeting = next(m for m in schedule.list_meetings() if m.kind == "代表团会议")
    group = presidium.list_groups()[0]
    with pytest.raises(ServiceError, match="只主持全体会议"):
        presidium.set_group_meeting(group.group_id, delegation_meeting.meeting_id)
    # linking a group to another group's plenary takes it from that group
    other = presidium.list_groups()[1]
    presidium.set_group_meeting(group.group_id, other.meeting_id)
    assert presidium.list_groups()[1].meeting_id is None


def test_adoption_of_an_unknown_paper_or_verb(demo_session):
    with pytest.raises(ServiceError):
        schedule.set_adoption("ballots", None)
    with pytest.raises(ServiceError, match="通过方式"):
        schedule.set_adoption("agenda", None, "表决")
    schedule.set_adoption("agenda", None)
    assert schedule.adoption("agenda").line == ""


def test_one_meeting_read_alone_is_the_row_of_the_whole_schedule(demo_session):
    """get_meeting reads one meeting whole and the others only for its number: every meeting of
    the demo, a plenary added before the others and one on the same day at the same time, read
    alone, is the row the whole schedule gives (number, host, items, group)."""
    first_day = schedule.list_meetings()[0].date
    schedule.add_meeting(MeetingInput(first_day - dt.timedelta(days=1), "全体会议", start="09:00", end="10:00"))
    same = schedule.list_meetings()[3]
    schedule.add_meeting(MeetingInput(same.date, same.kind, start=same.start, end=same.end))
    rows = schedule.list_meetings()
    assert [schedule.get_meeting(r.meeting_id) for r in rows] == rows
    assert [r.number for r in rows if r.kind == "全体会议"] == list(range(1, 1 + sum(r.kind == "全体会议" for r in rows)))

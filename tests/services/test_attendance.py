"""Attendance: the roll of a meeting, check-in, leave and absence, the count and its quorum."""
import datetime as dt
from dataclasses import replace

import pytest

from meetingdesk.services import ServiceError, attendance, session
from meetingdesk.store import Attendance

FIRST_PLENARY = "3"  # 12月21日上午 第一次全体会议, 08:30
BEFORE = dt.datetime(2023, 12, 21, 8, 0)


@pytest.fixture
def plenary(demo_session) -> int:
    return attendance.find_meeting(FIRST_PLENARY).meeting_id


def delegates(meeting_id: int) -> list[int]:
    return [r.member_id for r in attendance.roll(meeting_id, role="代表")]


def test_the_roll_of_a_plenary_is_everyone_serving_and_only_delegates_count(plenary):
    rows = attendance.roll(plenary)
    assert {r.role for r in rows} == {"代表", "列席", "工作人员"}
    c = attendance.counts(plenary)
    assert (c.expected, c.present, c.leave, c.absent_total, c.unchecked) == (210, 0, 0, 210, 210)
    assert c.attendees == (0, 160) and c.staff == (0, 36)
    assert c.quorum_applies and c.need == 141 and not c.taken
    # within a delegation, stroke order: the first delegation's delegates as the roster sorts them
    first = rows[0].delegation_id
    from meetingdesk.services import roster
    assert [r.name for r in rows if r.delegation_id == first and r.role == "代表"] == \
        [m.name for m in roster.list_members(first, role="代表")]


def test_a_presidium_meeting_expects_the_presidium(demo_session):
    meeting = attendance.find_meeting("主席团第一次会议").meeting_id
    c = attendance.counts(meeting)
    assert c.expected == 46 and not c.quorum_applies and c.attendees == (0, 0)
    assert attendance.report_text(meeting).startswith("本次会议应到主席团成员46人")


@pytest.mark.parametrize("rule, present, verdict", [
    ("超过三分之二", 139, "不足法定人数"), ("超过三分之二", 140, "不足法定人数"), ("超过三分之二", 141, "符合法定人数"),
    ("三分之二以上", 139, "不足法定人数"), ("三分之二以上", 140, "符合法定人数"),
    ("三分之二以上", 141, "符合法定人数"),
])
def test_the_report_at_the_quorum_boundary_under_both_rules(plenary, rule, present, verdict):
    attendance.set_quorum_rule(rule)
    ids = delegates(plenary)
    attendance.tick(plenary, ids, ids[:present], now=BEFORE)
    attendance.mark(plenary, ids[-1], "请假", reason="因公出差", approver="王烁")
    attendance.close_roll(plenary, now=BEFORE)
    absent = 210 - present - 1
    assert attendance.report_text(plenary) == (
        f"本次会议应到代表210人，实到{present}人，请假1人，缺席{absent}人，{verdict}。")
    assert attendance.present_at(plenary) == present


def test_check_in_by_initials_characters_and_card(plenary):
    done = attendance.check_in_text(plenary, "ljg", now=BEFORE)
    assert done.changed and done.row.name == "刘锦刚" and done.row.status == "出席"
    again = attendance.check_in_text(plenary, "刘锦刚", now=BEFORE)
    assert not again.changed and "已签到" in again.message
    someone = attendance.roll(plenary, role="列席")[0]
    scanned = attendance.check_in_text(plenary, someone.card, now=BEFORE)
    assert scanned.row.member_id == someone.member_id
    assert attendance.counts(plenary).attendees == (1, 160)
    assert attendance.counts(plenary).present == 1  # the attendee is not counted toward the quorum


def test_an_ambiguous_or_unknown_query_checks_nobody_in(plenary):
    with pytest.raises(ServiceError, match="请多输入几个字母"):
        attendance.check_in_text(plenary, "w", now=BEFORE)
    with pytest.raises(ServiceError, match="没有证号为“999999”"):
        attendance.check_in_text(plenary, "999999", now=BEFORE)
    with pytest.raises(ServiceError, match="没有姓名或拼音为“xyzq”"):
        attendance.check_in_text(plenary, "xyzq", now=BEFORE)
    assert attendance.counts(plenary).present == 0


def test_arriving_after_the_start_is_late_with_the_time(plenary):
    row = attendance.check_in_text(plenary, "ljg", now=dt.datetime(2023, 12, 21, 8, 47)).row
    assert row.status == "迟到" and row.time == "08:47" and row.status_text == "迟到 08:47"
    assert attendance.counts(plenary).present == 1 and attendance.counts(plenary).late == 1


def test_leave_needs_a_reason_and_who_approved_it(plenary):
    member = delegates(plenary)[0]
    with pytest.raises(ServiceError, match="请假事由"):
        attendance.mark(plenary, member, "请假", approver="王烁")
    with pytest.raises(ServiceError, match="由谁批准"):
        attendance.mark(plenary, member, "请假", reason="病假")
    with pytest.raises(ServiceError, match="离会的时间"):
        attendance.mark(plenary, member, "早退", time="下午")
    attendance.mark(plenary, member, "请假", reason="病假", approver="王烁")
    row = attendance.roll(plenary, role="代表")[0]
    assert row.status_text == "请假（病假，王烁批准）"


def test_tick_and_close_roll_keep_leave_written_down(plenary):
    ids = delegates(plenary)
    attendance.mark(plenary, ids[0], "请假", reason="病假", approver="王烁")
    assert attendance.tick(plenary, ids[:5], ids[1:4], source="团长点名", now=BEFORE) == 3
    assert attendance.tick(plenary, ids[:5], ids[1:3], source="签到表", now=BEFORE) == 1  # one unticked
    assert attendance.close_roll(plenary, now=BEFORE) == 210 - 1 - 2
    c = attendance.counts(plenary)
    assert (c.present, c.leave, c.absent, c.unchecked) == (2, 1, 207, 0)
    # a late-comer after the roll was closed turns 缺席 into 迟到
    late = attendance.check_in(plenary, ids[4], now=dt.datetime(2023, 12, 21, 9, 5))
    assert late.row.status == "迟到" and "原为缺席" in late.message


def test_someone_not_expected_is_refused(demo_session):
    meeting = attendance.find_meeting("主席团第一次会议").meeting_id
    outsider = next(r.member_id for r in attendance.roll(attendance.find_meeting("3").meeting_id)
                    if r.role == "列席")
    with pytest.raises(ServiceError, match="不在主席团第一次会议的应到人员之中"):
        attendance.check_in(meeting, outsider)


def test_meetings_are_found_by_number_or_name_and_a_wrong_one_lists_them(demo_session):
    assert attendance.find_meeting("1").name == "预备会议"
    assert attendance.find_meeting("第一次全体会议").meeting_id == attendance.find_meeting("3").meeting_id
    assert attendance.meeting_key(attendance.find_meeting("第三次全体会议").meeting_id) == "10"
    with pytest.raises(ServiceError, match="1 12月20日 预备会议"):
        attendance.find_meeting("99")
    assert attendance.default_meeting(dt.date(2023, 12, 22)) == attendance.find_meeting("6").meeting_id
    assert attendance.default_meeting(dt.date(2030, 1, 1)) == attendance.find_meeting("10").meeting_id


def test_two_unexcused_absences_across_sessions_are_flagged(demo_session):
    plenaries = [attendance.find_meeting(n).meeting_id for n in ("1", "3", "6", "10")]
    ids = delegates(plenaries[0])
    missing, on_leave = ids[0], ids[1]
    for meeting in plenaries:
        attendance.tick(meeting, ids, ids[2:], now=BEFORE)
        attendance.mark(meeting, on_leave, "请假", reason="病假", approver="王烁")
        attendance.close_roll(meeting, now=BEFORE)
    assert attendance.unexcused_flags() == []  # one session missed is not yet two
    persons = {r.member_id: r.person_id for r in attendance.roll(plenaries[0])}
    attendance.add_prior(persons[missing], "第十一届人民代表大会第二次会议", "未请假")
    attendance.add_prior(persons[on_leave], "第十一届人民代表大会第二次会议")
    with pytest.raises(ServiceError, match="已记有"):
        attendance.add_prior(persons[missing], "第十一届人民代表大会第二次会议")
    flagged = attendance.unexcused_flags()
    assert [line.row.member_id for line in flagged] == [missing]
    assert flagged[0].unexcused_total == 2 and flagged[0].prior == ("第十一届人民代表大会第二次会议",)
    shown, lines = attendance.session_table()
    assert [m.name for m in shown] == ["预备会议", "第一次全体会议", "第二次全体会议", "第三次全体会议"]
    assert len(lines) == 210
    from meetingdesk.services import checks

    row = flagged[0].row
    problems = [p for p in checks.check_session() if p.target == ("prior", row.person_id)]
    assert [(p.severity, p.where, p.message) for p in problems] == [
        ("错误", row.delegation, f"{row.display}未经批准两次不出席本级人民代表大会会议（第十一届人民代表大会第二次会议、"
                                 "本次会议），依照代表法，其代表资格终止，请报常委会。")]


def test_a_quorum_rule_the_law_does_not_know_is_refused(demo_session):
    with pytest.raises(ServiceError, match="法定人数规则"):
        attendance.set_quorum_rule("过半数")
    assert session.session_info().quorum_rule == "超过三分之二"


def test_marking_several_writes_all_or_none(demo_session):
    meeting = attendance.find_meeting("主席团第一次会议").meeting_id
    members = [r.member_id for r in attendance.roll(meeting)[:3]]
    outsider = next(r.member_id for r in attendance.roll(attendance.find_meeting("3").meeting_id)
                    if r.role == "列席")
    with pytest.raises(ServiceError, match="不在主席团第一次会议的应到人员之中"):
        attendance.mark_all(meeting, members + [outsider], "缺席")
    assert attendance.counts(meeting).absent == 0
    attendance.mark_all(meeting, members, "请假", reason="病假", approver="王烁")
    assert attendance.counts(meeting).leave == 3
    attendance.clear_all(meeting, members)
    assert attendance.counts(meeting).unchecked == 46



# ---------------------------------------------------------------- writing without reading the roll


@pytest.fixture
def no_roll(monkeypatch):
    """Call no_roll() to make attendance.roll fail from then on: the writers read only the
    people they write, never the whole roll (a desk at 5,000 people checks one in a second)."""
    def refuse(*args, **kwargs):
        raise AssertionError("the whole roll was read")

    return lambda: monkeypatch.setattr(attendance, "roll", refuse)


def test_the_expected_are_worked_out_as_the_roll_has_them_at_every_meeting(demo_session):
    # the demo's mandates ended and started (补选) during the session; a presidium meeting
    for meeting in attendance.meetings():
        rows = attendance.roll(meeting.meeting_id)
        assert attendance._expected_ids(meeting) == {r.member_id for r in rows}, meeting.label
        delegates = attendance._expected_ids(meeting, role="代表")
        assert delegates == {r.member_id for r in rows if r.role == "代表"}, meeting.label
        some = [r.member_id for r in rows[:5]] + [999999]
        assert attendance._expected_ids(meeting, some) == set(some[:-1])


def test_a_check_in_writes_one_row_and_returns_it(plenary, no_roll):
    rows = attendance.roll(plenary)
    found = [r for r in rows if attendance.matches(r, "ljg")]
    no_roll()
    done = attendance.check_in_text(plenary, "ljg", now=BEFORE, found=found)
    assert done.changed and done.row == replace(found[0], status="出席", source="签到")
    assert attendance.check_in(plenary, rows[1].member_id, now=BEFORE).row.status == "出席"
    c = attendance.counts(plenary, [done.row if r.member_id == done.row.member_id else r for r in rows])
    assert c.present == 1 and attendance.recorded_expected(plenary) == 210  # the 应到 kept at the first write


def test_the_caller_s_copy_of_a_row_is_checked_against_the_file(plenary):
    stale = next(r for r in attendance.roll(plenary) if r.name == "刘锦刚")
    attendance.check_in(plenary, stale.member_id, now=BEFORE)
    again = attendance.check_in_text(plenary, "ljg", now=BEFORE, found=[stale])  # the copy says 未签到
    assert not again.changed and "已签到" in again.message and again.row.status == "出席"
    outsider = next(r for r in attendance.roll(plenary) if r.role == "列席")
    presidium = attendance.find_meeting("主席团第一次会议").meeting_id
    with pytest.raises(ServiceError, match="不在主席团第一次会议的应到人员之中"):
        attendance.check_in_text(presidium, outsider.name, now=BEFORE, found=[outsider])
    with pytest.raises(ServiceError, match="请多输入几个字母"):
        attendance.check_in_text(plenary, "w", now=BEFORE, found=attendance.find(plenary, "w"))


def test_marking_a_selection_is_one_write_of_the_rows_given(plenary, no_roll):
    rows = attendance.roll(plenary)
    delegates = [r for r in rows if r.role == "代表"]
    no_roll()
    done = attendance.mark_rows(plenary, delegates, "请假", reason=" 因公出差 ", approver="王烁", now=BEFORE)
    assert [r.member_id for r in done] == [r.member_id for r in delegates]
    assert {(r.status, r.reason, r.approver, r.source) for r in done} == {("请假", "因公出差", "王烁", "手工")}
    results = attendance.check_in_rows(plenary, delegates[:3] + rows[-2:], now=dt.datetime(2023, 12, 21, 8, 40))
    assert [r.changed for r in results] == [True] * 5
    assert {(r.row.status, r.row.time) for r in results} == {("迟到", "08:40")}
    assert "原为请假（因公出差，王烁批准）" in results[0].message
    again = attendance.check_in_rows(plenary, delegates[:1], now=BEFORE)
    assert not again[0].changed and "已签到" in again[0].message
    cleared = attendance.clear_rows(plenary, done[:4])
    assert {r.status for r in cleared} == {""}
    recorded = [a.status for a in Attendance.select().where(Attendance.meeting == plenary)]
    assert len(recorded) == 210 - 4 + 2 and recorded.count("迟到") == 2  # the three delegates cleared again


def test_a_refused_selection_writes_nothing(plenary):
    rows = attendance.roll(plenary, role="代表")
    with pytest.raises(ServiceError, match=f"请填写{rows[0].name}的请假事由"):
        attendance.mark_rows(plenary, rows, "请假", approver="王烁")
    presidium = attendance.find_meeting("主席团第一次会议").meeting_id
    members = attendance.roll(presidium)[:2]
    outsider = next(r for r in attendance.roll(plenary, role="列席"))
    with pytest.raises(ServiceError, match="不在主席团第一次会议的应到人员之中"):
        attendance.mark_rows(presidium, members + [outsider], "缺席")
    with pytest.raises(ServiceError, match="不在主席团第一次会议的应到人员之中"):
        attendance.check_in_rows(presidium, members + [outsider])
    with pytest.raises(ServiceError, match="到会情况应是"):
        attendance.mark_rows(plenary, rows, "出差")
    assert not Attendance.select().exists() and attendance.recorded_expected(plenary) is None


def test_writing_every_delegate_at_once(plenary):
    ids = delegates(plenary)
    attendance.mark_all(plenary, ids, "缺席", now=BEFORE)
    assert attendance.counts(plenary).absent == 210
    attendance.mark_all(plenary, ids, "早退", time="10:05", now=BEFORE)
    c = attendance.counts(plenary)
    assert (c.present, c.early, c.absent) == (210, 210, 0)
    attendance.clear_all(plenary, ids)
    assert attendance.counts(plenary).unchecked == 210 and attendance.recorded_expected(plenary) is None


def test_a_name_several_meetings_share_is_refused_with_their_numbers(demo_session):
    """代表团会议 is held on two afternoons: taking the first would report another day's figures."""
    with pytest.raises(ServiceError) as err:
        attendance.find_meeting("代表团会议")
    assert "有 2 次会议名为“代表团会议”" in err.value.message and "12月21日下午 代表团会议" in err.value.message
    assert len(attendance.meetings_named("代表团会议")) == 2
    assert attendance.find_meeting("12月21日下午代表团会议").name == "代表团会议"  # its label names one


def test_a_meeting_is_counted_to_the_close_of_its_roll_on_its_day_else_to_its_start(plenary):
    assert attendance.closed_at(plenary) is None
    assert attendance.count_time(plenary) == attendance.CountTime(dt.date(2023, 12, 21), "08:30", False)
    ids = delegates(plenary)
    attendance.tick(plenary, ids, ids[:150], now=BEFORE)
    attendance.close_roll(plenary, now=dt.datetime(2023, 12, 21, 8, 52, 31))
    assert attendance.closed_at(plenary) == dt.datetime(2023, 12, 21, 8, 52, 31)
    assert attendance.count_time(plenary) == attendance.CountTime(dt.date(2023, 12, 21), "08:52", True)
    # closed again another day (the roll finished afterwards): the close on the meeting's day holds
    attendance.clear_all(plenary, ids[:1])
    attendance.close_roll(plenary, now=dt.datetime(2023, 12, 24, 10, 0))
    assert attendance.closed_at(plenary) == dt.datetime(2023, 12, 24, 10, 0)
    assert attendance.count_time(plenary).time == "08:52"


def test_a_roll_closed_only_another_day_leaves_the_meeting_s_start(plenary):
    ids = delegates(plenary)
    attendance.tick(plenary, ids, ids[:150], now=BEFORE)
    attendance.close_roll(plenary, now=dt.datetime(2023, 12, 25, 17, 5))
    assert attendance.closed_at(plenary, dt.date(2023, 12, 21)) is None
    assert attendance.count_time(plenary) == attendance.CountTime(dt.date(2023, 12, 21), "08:30", False)


def test_the_last_meeting_counted_is_the_last_with_records(demo_session):
    shown = attendance.recorded_meetings()
    assert attendance.last_counted(shown) is None
    first, second = attendance.find_meeting("3"), attendance.find_meeting("6")
    for m in (second, first):
        ids = delegates(m.meeting_id)
        attendance.tick(m.meeting_id, ids, ids[:10], now=BEFORE)
    assert attendance.last_counted(attendance.recorded_meetings()) == second

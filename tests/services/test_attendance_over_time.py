"""Attendance over time: who is expected at a meeting is asked for the meeting's date. A mandate
ended after a meeting leaves it as it was, a 补选 delegate is not expected (nor 缺席) before the
start, a confirmed vote keeps its 全体代表, and `check` reports a record whose basis was edited."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk import printing
from meetingdesk.printing import attendance_report
from meetingdesk.services import ServiceError, attendance, checks, counting, roster
from meetingdesk.store import Leader, Meeting, PresidiumMember

from ..printing.pdftext import compact, pages_text
from .test_count_trust import CONFIRMED, _enter, _poll

PREPARATORY, FIRST, SECOND, THIRD = "1", "3", "6", "10"  # 12-20, 12-21, 12-22 and 12-23
BEFORE = dt.datetime(2023, 12, 20, 7, 0)


def mid(meeting: str) -> int:
    return attendance.find_meeting(meeting).meeting_id


def take(meeting: str, absent: int = 3) -> list[attendance.RollRow]:
    """All delegates but the last ABSENT of the roll checked in, then the roll closed; the roll after."""
    ids = [r.member_id for r in attendance.roll(mid(meeting), role="代表")]
    attendance.tick(mid(meeting), ids, ids[:len(ids) - absent], now=BEFORE)
    attendance.close_roll(mid(meeting), now=BEFORE)
    return attendance.roll(mid(meeting), role="代表")


def plain(rows: list[attendance.RollRow]) -> list[attendance.RollRow]:
    """Delegates a mandate can be ended for without first choosing another leader."""
    leaders = {m for (m,) in Leader.select(Leader.member).tuples()}
    return [r for r in rows if r.member_id not in leaders]


def expected(meeting: str) -> int:
    return attendance.counts(mid(meeting)).expected


def in_roll(meeting: str, member_id: int) -> bool:
    return any(r.member_id == member_id for r in attendance.roll(mid(meeting)))


def line_of(member_id: int) -> attendance.SessionLine:
    return next(line for line in attendance.session_table()[1] if line.row.member_id == member_id)


def table_text(tmp_path, delegation_id: int, monkeypatch) -> str:
    # the table is dated by the last meeting it counts; the clock only when there is none
    monkeypatch.setattr(attendance_report, "now", lambda: dt.datetime(2023, 12, 23, 12, 0))
    out = tmp_path / "table.pdf"
    printing.write_pdf("attendance_table", out, delegation_id=delegation_id)
    return compact("".join(pages_text(out)))


def area_problems(area: str) -> list:
    return [p for p in checks.check_session() if p.area == area]


# ---------------------------------------------------------------- a mandate ended later


def test_a_delegate_ended_the_day_after_a_plenary_still_counts_in_it(demo_session, tmp_path, monkeypatch):
    rows = take(FIRST)
    report = attendance.report_text(mid(FIRST))
    assert report == "本次会议应到代表210人，实到207人，请假0人，缺席3人，符合法定人数。"
    leaving = plain(rows)[0]
    assert leaving.present
    roster.end_member(leaving.member_id, dt.date(2023, 12, 22), "因工作调整辞去代表职务")

    assert attendance.report_text(mid(FIRST)) == report  # 应到 210, not 209
    assert expected(FIRST) == 210 and in_roll(FIRST, leaving.member_id)
    assert attendance.counts(mid(FIRST)).recorded == 210 and not attendance.counts(mid(FIRST)).basis_changed
    assert expected(SECOND) == 209 and not in_roll(SECOND, leaving.member_id)  # from the end date on
    assert expected(PREPARATORY) == 210
    with pytest.raises(ServiceError, match="其代表资格已于2023年12月22日终止（因工作调整辞去代表职务）"):
        attendance.check_in(mid(SECOND), leaving.member_id, now=BEFORE)

    line = line_of(leaving.member_id)  # still in the table, outside the mandate from 12-22
    shown = [m.name for m in attendance.session_table()[0]]
    assert shown == ["预备会议", "第一次全体会议", "第二次全体会议", "第三次全体会议"]
    assert line.serving == (True, True, False, False) and line.statuses[1] == "出席"
    assert line.ended_during == dt.date(2023, 12, 22) and line.started_during is None
    assert not line.unexcused_here

    text = table_text(tmp_path, leaving.delegation_id, monkeypatch)
    # nothing recorded at the preparatory meeting: blank, then 出席, then outside the mandate
    assert f"{leaving.name}√——资格终止于12月22日" in text.replace("(女)", "")
    assert "其中会议期间资格终止1人" in text
    assert "“—”为该次会议时尚未补选为代表或代表资格已经终止，不计应到" in text
    assert [p for p in area_problems("到会") if p.target == ("attendance", mid(FIRST))] == []


def test_ending_someone_dated_before_a_meeting_removes_them_from_that_meeting_only(demo_session):
    presidium = {m for (m,) in PresidiumMember.select(PresidiumMember.member).tuples()}
    member = next(r for r in plain(attendance.roll(mid("2"))) if r.member_id in presidium)
    other = next(r for r in plain(attendance.roll(mid(FIRST), role="代表")) if r.member_id not in presidium)
    roster.end_member(member.member_id, dt.date(2023, 12, 21), "因工作变动调离本行政区域")
    roster.end_member(other.member_id, dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    assert [expected(m) for m in (PREPARATORY, FIRST, SECOND, THIRD)] == [210, 208, 208, 208]
    assert in_roll(PREPARATORY, member.member_id) and in_roll(PREPARATORY, other.member_id)
    assert not in_roll(FIRST, member.member_id) and not in_roll(FIRST, other.member_id)
    # the presidium meetings alike: the one of 12-20 still expects the member, that of 12-21 no longer
    assert expected("主席团第一次会议") == 46 and expected("主席团第二次会议") == 45
    assert attendance.report_text(mid("主席团第二次会议")).startswith("本次会议应到主席团成员45人")
    attendance.check_in(mid("主席团第一次会议"), member.member_id, now=BEFORE)
    with pytest.raises(ServiceError, match="不在主席团第二次会议的应到人员之中：其代表资格已于2023年12月21日终止"):
        attendance.check_in(mid("主席团第二次会议"), member.member_id, now=BEFORE)
    # one whose mandate ended before every meeting of the session is in no roll and no table
    assert other.member_id in [line.row.member_id for line in attendance.session_table()[1]]
    roster.reinstate_member(other.member_id)
    roster.end_member(other.member_id, dt.date(2023, 12, 1), "因工作调整辞去代表职务")
    assert other.member_id not in [line.row.member_id for line in attendance.session_table()[1]]


# ---------------------------------------------------------------- a 补选 delegate


def test_a_by_election_delegate_leaves_earlier_meetings_as_they_were_and_is_never_absent_there(
        demo_session, tmp_path, monkeypatch):
    take(PREPARATORY)
    take(FIRST)
    before = {m: attendance.report_text(mid(m)) for m in (PREPARATORY, FIRST)}
    delegation = roster.list_delegations()[0]
    new = roster.add_member(roster.MemberInput("补选甲", gender="女", delegation_id=delegation.delegation_id,
                                               started_on=dt.date(2023, 12, 22), start_reason="补选",
                                               constituency="第十选区", confirmed_by="区人大常委会第十四次会议"))
    assert {m: attendance.report_text(mid(m)) for m in (PREPARATORY, FIRST)} == before
    assert not in_roll(FIRST, new) and "缺席1" not in attendance.report_text(mid(FIRST))
    assert expected(SECOND) == 211 and in_roll(SECOND, new)
    with pytest.raises(ServiceError, match=r"补选甲\(女\)不在第一次全体会议的应到人员之中：其补选的代表资格自2023年12月22日起"
                                           "，会议在2023年12月21日。"):
        attendance.check_in(mid(FIRST), new, now=BEFORE)
    with pytest.raises(ServiceError, match="其补选的代表资格自2023年12月22日起.*不能签到"):
        attendance.check_in_text(mid(FIRST), "补选甲", now=BEFORE)
    assert attendance.check_in_text(mid(SECOND), "补选甲", now=BEFORE).changed
    assert all(r.member_id != new for _, _, absent in attendance.absences_by_delegation(mid(FIRST))
               for r in absent)

    take(SECOND, absent=0)
    take(THIRD, absent=0)
    line = line_of(new)
    assert line.serving == (False, False, True, True) and line.statuses == ("", "", "出席", "出席")
    assert line.started_during == dt.date(2023, 12, 22) and not line.unexcused_here
    text = table_text(tmp_path, delegation.delegation_id, monkeypatch)
    assert "补选甲(女)——√√12月22日起补选" in text
    assert f"{delegation.name}（代表{delegation.count('代表') + 1}人，其中会议期间补选1人）" in text
    problems = area_problems("到会")
    assert not [p for p in problems if "记录的应到" in p.message]


# ---------------------------------------------------------------- a confirmed vote


def test_a_confirmed_vote_is_unchanged_after_a_later_ending(demo_session):
    poll = _poll()  # at the third plenary, 12-23
    counting.set_present(poll, 210)
    _enter(poll, yes={"李静": [36, 35, 35], "田志勇": [20, 20, 20]}, item_yes=(36, 35, 35))
    counting.confirm(poll, now=CONFIRMED)
    before = counting.result(poll)
    people = plain(attendance.roll(mid(THIRD), role="代表"))

    roster.end_member(people[0].member_id, dt.date(2023, 12, 24), "因工作调整辞去代表职务")  # after the vote
    roster.add_member(roster.MemberInput("补选乙", delegation_id=people[1].delegation_id,
                                         started_on=dt.date(2023, 12, 28), start_reason="补选"))
    assert roster.delegates_on(dt.date(2023, 12, 23)) == 210
    assert counting.result(poll) == before and before.all_delegates == 210
    assert [p for p in area_problems("计票") if p.severity == "错误"] == []

    # an end date corrected to before the vote: the confirmed result stays, check says so
    roster.reinstate_member(people[0].member_id)
    roster.end_member(people[0].member_id, dt.date(2023, 12, 22), "因工作调整辞去代表职务")
    assert counting.result(poll) == before
    errors = [p for p in area_problems("计票") if p.severity == "错误" and p.target == ("poll", poll)]
    assert [p.message for p in errors] == [
        "确认结果时的全体代表为 210 人，代表名单现在按投票当日（2023年12月23日）计为 209 人："
        "代表名单在投票后被改动。已确认的结果不变；请核对有关代表资格的开始和终止日期。"]


def test_an_entered_vote_is_held_up_by_a_start_dated_before_it(demo_session):
    poll = _poll()
    counting.set_present(poll, 200)
    _enter(poll, per_box=66)
    assert counting.get_poll(poll).all_delegates == 210
    delegation = roster.list_delegations()[0].delegation_id
    later = roster.add_member(roster.MemberInput("补选丙", delegation_id=delegation,
                                                 started_on=dt.date(2023, 12, 24), start_reason="补选"))
    assert not [p for p in area_problems("计票") if "全体代表" in p.message]
    roster.update_member(later, roster.MemberInput("补选丙", delegation_id=delegation,
                                                   started_on=dt.date(2023, 12, 23), start_reason="补选"))
    assert [p.message for p in area_problems("计票") if "全体代表" in p.message] == [
        "录入时记下的全体代表 210 人，与代表名单按投票当日计的 211 人不符，须核对后更新，才能确认。"]


# ---------------------------------------------------------------- the recorded 应到, and check


def test_the_expected_figure_is_kept_with_the_first_record_and_goes_with_the_last(demo_session):
    meeting = mid(FIRST)
    assert attendance.counts(meeting).recorded is None
    member = attendance.roll(meeting, role="代表")[0].member_id
    attendance.check_in(meeting, member, now=BEFORE)
    assert Meeting.get_by_id(meeting).expected == 210
    other = attendance.roll(meeting, role="代表")[1].member_id
    attendance.mark(meeting, other, "请假", reason="病假", approver="王烁")
    assert Meeting.get_by_id(meeting).expected == 210
    attendance.clear_all(meeting, [member, other])
    assert Meeting.get_by_id(meeting).expected is None  # nothing recorded: not taken
    # a refused write records nothing, the figure included
    with pytest.raises(ServiceError):
        attendance.mark_all(meeting, [member, 999999], "缺席")
    assert Meeting.get_by_id(meeting).expected is None
    assert attendance.close_roll(mid("主席团第一次会议"), now=BEFORE) == 46
    assert Meeting.get_by_id(mid("主席团第一次会议")).expected == 46


def test_check_reports_a_meeting_whose_roll_was_edited_after_attendance_was_taken(demo_session):
    rows = take(FIRST)
    meeting = attendance.find_meeting(FIRST)
    target = ("attendance", meeting.meeting_id)
    leaving = plain(rows)[0]
    roster.end_member(leaving.member_id, dt.date(2023, 12, 24), "因工作调整辞去代表职务")
    assert [p for p in area_problems("到会") if p.target == target] == []  # a later end changes nothing

    # the end date entered wrong, corrected to before the meeting
    roster.reinstate_member(leaving.member_id)
    roster.end_member(leaving.member_id, dt.date(2023, 12, 20), "因工作调整辞去代表职务")
    found = [p for p in area_problems("到会") if p.target == target]
    assert [(p.severity, p.where) for p in found] == [("错误", "12月21日上午 第一次全体会议")] * 2
    assert found[0].message == (
        f"第一次全体会议记录的应到代表为 210 人，按现在的名单该日为 209 人：代表名单在会后被改动"
        f"（有到会记录但该日已不在名单中的：{leaving.display}）。请核对有关代表资格的开始和终止日期；"
        "确属当时名单有误的，按现在的名单更新该会议记录的应到人数。")
    assert found[1].member_id == leaving.member_id and found[1].message == (
        f"{leaving.display}（{leaving.delegation}）在第一次全体会议（2023年12月21日）有“出席”的到会记录，"
        "但其代表资格已于2023年12月20日终止（因工作调整辞去代表职务），该日不在应到人员之中，这条记录不计入到会人数："
        "其资格的日期在记录之后被改动。请核对其资格的开始和终止日期。")
    assert attendance.counts(meeting.meeting_id).expected == 209  # the roll is asked for the day

    # a delegate added outright after the roll was closed (a start as of the congress's election)
    roster.reinstate_member(leaving.member_id)
    added = roster.add_member(roster.MemberInput("漏登甲", delegation_id=leaving.delegation_id))
    found = [p for p in area_problems("到会") if p.target == target]
    assert [p.message for p in found] == [
        "第一次全体会议记录的应到代表为 210 人，按现在的名单该日为 211 人：代表名单在会后被改动"
        "（结束签到后才列入该日名单的：漏登甲）。请核对有关代表资格的开始和终止日期；"
        "确属当时名单有误的，按现在的名单更新该会议记录的应到人数。",
        "还有 1 名代表未签到，签到尚未结束。"]  # in the roll of the day now, without a record
    # found right: the meeting's figure is taken again from the roster
    assert attendance.retake_expected(meeting.meeting_id) == 211
    assert [p for p in area_problems("到会") if p.target == target and "应到" in p.message] == []
    assert added in [r.member_id for r in attendance.roll(meeting.meeting_id)]

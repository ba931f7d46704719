"""The attendance papers, checked through their PDFs: 代表到会情况报告, 代表请假和缺席名单,
代表出席情况统计表 and 代表证件, on the demo session with attendance recorded through the service."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk import printing
from meetingdesk.printing import absences, attendance_report, attendance_table, badges
from meetingdesk.rules.collation import sort_names
from meetingdesk.services import ServiceError, attendance, roster, seating, session

from .pdftext import compact, out_of_order, pages_text

PLENARY = "3"  # the schedule's third meeting: 第一次全体会议
SENTENCE = "本次会议应到代表{expected}人，实到{present}人，请假{leave}人，缺席{absent}人，{verdict}。"
AT = dt.datetime(2023, 12, 21, 8, 52)  # the plenary's roll closed, on its day
CLOCK = dt.datetime(2024, 3, 15, 16, 40)  # the computer's clock: another day altogether


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch):
    """The papers are dated by the meeting, never by the clock: the clock is set to another day
    (a paper says "截至打印时…" only when the meeting gives no time)."""
    monkeypatch.setattr(attendance_report, "now", lambda: CLOCK)


def _write(kind, tmp_path, **options):
    out = tmp_path / f"{kind}.pdf"
    pages = printing.write_pdf(kind, out, **options)
    texts = pages_text(out)
    assert len(texts) == pages
    return texts, compact("\n".join(texts))


def delegates(meeting: str = PLENARY) -> list[attendance.RollRow]:
    return attendance.roll(attendance.find_meeting(meeting).meeting_id, role="代表")


def record(present: int, leave: int = 0, *, meeting: str = PLENARY, close: bool = True) -> list[attendance.RollRow]:
    """PRESENT delegates checked in (in roll order), the next LEAVE on approved leave, the rest
    absent once the roll is closed. Returns the roll as the meeting starts."""
    meeting_id = attendance.find_meeting(meeting).meeting_id
    rows = delegates(meeting)
    ids = [r.member_id for r in rows]
    attendance.tick(meeting_id, ids, ids[:present])
    for i, row in enumerate(rows[present:present + leave]):
        attendance.mark(meeting_id, row.member_id, "请假", reason="因公出差" if i % 2 else "病假",
                        approver="区人大常委会主任")
    if close:  # on the meeting's day, as the desk closes it
        day = attendance.find_meeting(meeting).date
        attendance.close_roll(meeting_id, now=dt.datetime.combine(day, AT.time()))
    return rows


def in_stroke_order(names: list[str]) -> list[str]:
    return sort_names(names, single_name_first=session.session_info().single_name_first)


# ---------------------------------------------------------------- the kinds


def test_the_attendance_papers_follow_the_vote_results(demo_session):
    kinds = printing.kinds()
    at = kinds.index(("vote_results", "表决结果"))  # papers added later may follow the badges
    assert kinds[at:at + 5] == [("vote_results", "表决结果"), ("attendance", "代表到会情况报告"),
                                ("absences", "代表请假和缺席名单"),
                                ("attendance_table", "代表出席情况统计表"), ("badges", "代表证件")]
    assert [printing.options_of(k) for k in ("attendance", "absences", "attendance_table", "badges")] == [
        ["meeting"], ["meeting"], ["delegation_id"], ["role", "delegation_id"]]
    assert attendance_report.LISTS == absences.TITLE


# ---------------------------------------------------------------- 代表到会情况报告


def test_the_report_reads_the_sentence_the_chair_reads_out(demo_session, tmp_path):
    record(141, 9)
    texts, text = _write("attendance", tmp_path, meeting=PLENARY)
    assert len(texts) == 1
    sentence = SENTENCE.format(expected=210, present=141, leave=9, absent=60, verdict="符合法定人数")
    assert sentence == attendance.report_text(attendance.find_meeting(PLENARY).meeting_id)
    assert sentence in text
    assert text.startswith("武汉市东西湖区第十一届人民代表大会第三次会议代表到会情况报告"
                           "（2023年12月21日上午第一次全体会议）（截至2023年12月21日上午8:52时）各位代表：")
    assert "法定人数：到会代表必须超过全体代表的三分之二，即至少141人。" in text
    assert "应到实到请假缺席210141960" in text
    assert "其中" not in text  # no one late, left early or unchecked once the roll is closed
    assert "列席人员应到160人，实到0人；工作人员应到36人，实到0人。列席人员和工作人员不计入法定人数。" in text
    assert "缺席代表60人，名单见《代表请假和缺席名单》。" in text  # too long for the page read out
    assert text.endswith("大会秘书处2023年12月21日第1页共1页")


def test_one_short_of_the_quorum_is_not_enough(demo_session, tmp_path):
    record(140, 9)
    _, text = _write("attendance", tmp_path, meeting="第一次全体会议")
    assert SENTENCE.format(expected=210, present=140, leave=9, absent=61, verdict="不足法定人数") in text


def test_the_report_names_who_is_on_leave_and_absent_in_stroke_order(demo_session, tmp_path):
    rows = record(205, 3, close=False)
    meeting_id = attendance.find_meeting(PLENARY).meeting_id
    late = rows[0]
    attendance.mark(meeting_id, late.member_id, "迟到", time="9:10")
    attendees = [r.member_id for r in attendance.roll(meeting_id, role="列席")]
    attendance.tick(meeting_id, attendees, attendees[:150])
    _, text = _write("attendance", tmp_path, meeting=PLENARY)
    assert SENTENCE.format(expected=210, present=205, leave=3, absent=2, verdict="符合法定人数") in text
    assert "应到实到请假缺席其中迟到其中未签到2102053212" in text
    assert "列席人员应到160人，实到150人" in text
    on_leave, absent = rows[205:208], rows[208:]
    assert "请假代表（3人，以姓名笔画为序）：" in text
    assert "缺席代表（2人，以姓名笔画为序）：" in text
    leave_part = text[text.index("请假代表"):text.index("缺席代表")]
    assert out_of_order(leave_part, in_stroke_order([r.name for r in on_leave])) is None
    assert out_of_order(text[text.index("缺席代表"):], in_stroke_order([r.name for r in absent])) is None


def test_a_presidium_meeting_counts_its_members_and_states_no_quorum(demo_session, tmp_path):
    _, text = _write("attendance", tmp_path, meeting="2")
    assert "（2023年12月20日主席团第一次会议）" in text
    assert "各位主席团成员：本次会议应到主席团成员46人，实到0人，请假0人，缺席46人。" in text
    assert "（本次会议尚未签到：以上按全部未到会计。）" in text
    assert "法定人数" not in text
    assert "列席人员" not in text  # a presidium meeting expects its members only


def test_the_default_meeting_is_todays_or_the_next_plenary(demo_session, tmp_path):
    _, text = _write("attendance", tmp_path)
    expected = attendance.meetings()
    default = next(m for m in expected if m.meeting_id == attendance.default_meeting())
    assert f"{default.date.month}月{default.date.day}日{default.half}{default.name}）" in text


def test_a_meeting_not_in_the_schedule_is_refused_with_the_choices(demo_session):
    with pytest.raises(ServiceError, match="没有会议“99”。请用会议的序号或名称：1 12月20日 预备会议；"):
        printing.prepare("attendance", meeting="99")
    with pytest.raises(ServiceError, match="没有会议“第九次全体会议”"):
        printing.prepare("absences", meeting="第九次全体会议")


# ---------------------------------------------------------------- 代表请假和缺席名单


def test_absences_by_delegation_with_reasons_and_approvers(demo_session, tmp_path):
    rows = record(141, 9, close=False)
    missing = rows[141:]
    _, text = _write("absences", tmp_path, meeting=PLENARY)
    assert "本次会议应到代表210人，请假9人，缺席60人，其中未签到60人。" in text
    order = [d.name for d in roster.list_delegations()]
    shown = [name for name in order if f"{name}（请假" in text]
    assert shown == list(dict.fromkeys(r.delegation for r in missing))  # delegation order, none empty
    first = missing[0].delegation
    leave = missing[:9]
    assert f"{first}（请假9人，缺席" in text
    assert all(f"{r.name}请假{'因公出差' if i % 2 else '病假'}区人大常委会主任" in text.replace("(女)", "")
               for i, r in enumerate(leave))
    assert text.count("缺席（未签到）") == 60  # not checked in, and said so
    assert out_of_order(text, [r.name for r in missing]) is None  # by delegation, stroke order within
    assert "各代表团到会人数" in text
    assert "合计2101419" in text  # 应到 实到 请假, then 缺席 60 and 未签到 60
    assert attendance.counts(attendance.find_meeting(PLENARY).meeting_id).unchecked == 60  # nothing written


def test_absences_once_the_roll_is_closed(demo_session, tmp_path):
    record(141, 9)
    _, text = _write("absences", tmp_path, meeting=PLENARY)
    assert "本次会议应到代表210人，请假9人，缺席60人。" in text
    assert "缺席（未签到）" not in text
    assert text.count("缺席") >= 60


def test_absences_of_a_meeting_nobody_missed(demo_session, tmp_path):
    record(210)
    texts, text = _write("absences", tmp_path, meeting=PLENARY)
    assert len(texts) == 1
    assert "本次会议应到代表210人，全部到会，没有请假和缺席的代表。" in text
    assert "合计21021000" in text


# ---------------------------------------------------------------- 代表出席情况统计表


def test_the_session_table_has_a_column_per_meeting(demo_session, tmp_path):
    rows = record(141, 9)
    record(200, 0, meeting="1")
    texts, text = _write("attendance_table", tmp_path)
    heading = "序号姓名预备会议12月20日一次全会12月21日二次全会12月22日三次全会12月23日往次未经批准缺席备注"
    assert text.count(heading) >= len(texts)  # on every page
    first = rows[0]
    assert f"1{first.name}" in texts[0].replace(" ", "").replace("\u3000", "").replace("(女)", "")
    assert text.count("√") == 141 + 200 + 1  # and one in the legend
    assert text.count("假") >= 9
    assert text.startswith("武汉市东西湖区第十一届人民代表大会第三次会议代表出席情况统计表"
                           "（代表210人，以代表团为序，团内以姓名笔画为序）（截至2023年12月21日上午8:52时）")
    assert "说明：“√”出席，“迟”迟到，“退”早退，“假”请假，“缺”缺席，空白为未记录。" in text


def test_two_unexcused_absences_are_flagged(demo_session, tmp_path):
    rows = record(141, 9)
    record(141, 9, meeting="1")  # the same delegates missed the preparatory meeting too
    missed = rows[-1]  # absent at both, present at neither
    attendance.add_prior(missed.person_id, "第十一届人民代表大会第二次会议")
    _, text = _write("attendance_table", tmp_path)
    assert "★两次未经批准不出席往次：第十一届人民代表大会第二次会议本次会议未经批准缺席" in text
    assert text.count("★两次未经批准不出席") == 2  # the row and the list's heading
    assert f"★两次未经批准不出席的代表（1人）：{missed.name}" in text


def test_the_table_of_one_delegation_and_of_many_meetings(demo_session, tmp_path):
    delegation = roster.list_delegations()[0]
    for m in attendance.meetings():  # everyone present at every meeting: ten columns
        ids = [r.member_id for r in attendance.roll(m.meeting_id)]
        attendance.tick(m.meeting_id, ids, ids)
    texts, text = _write("attendance_table", tmp_path, delegation_id=delegation.delegation_id)
    assert len(texts) == 1
    assert f"{delegation.name}（代表{delegation.count('代表')}人）" in text
    assert "（代表18人，" in text
    for heading in ("预备会议12月20日", "主席团一次12月20日", "一次全会12月21日", "代表团会议12月21日",
                    "三次全会12月23日", "往次缺席"):
        assert heading in text
    assert "没有两次未经批准不出席的代表。" in text


def test_the_table_refuses_an_unknown_delegation(demo_session):
    with pytest.raises(ServiceError, match="找不到要打印的代表团"):
        printing.prepare("attendance_table", delegation_id=9999)


# ---------------------------------------------------------------- dated by the meeting, not the clock


def test_the_report_is_counted_to_the_close_of_the_roll_and_signed_on_the_meeting_s_day(demo_session, tmp_path):
    record(141, 9)  # closed at 8:52 on the 21st; the clock says 15 March 2024
    _, text = _write("attendance", tmp_path, meeting=PLENARY)
    assert "（截至2023年12月21日上午8:52时）" in text
    assert text.endswith("大会秘书处2023年12月21日第1页共1页")
    assert "2024" not in text


def test_before_the_roll_is_closed_the_report_is_counted_to_the_meeting_s_start(demo_session, tmp_path):
    record(141, 9, close=False)
    for kind in ("attendance", "absences"):
        _, text = _write(kind, tmp_path, meeting=PLENARY)
        assert "（截至2023年12月21日上午8:30时）" in text  # 第一次全体会议 starts at 8:30
        assert "2024" not in text
    # a close written another day (the roll entered afterwards) says nothing of the meeting's time
    attendance.close_roll(attendance.find_meeting(PLENARY).meeting_id, now=dt.datetime(2023, 12, 25, 17, 5))
    _, text = _write("attendance", tmp_path, meeting=PLENARY)
    assert "（截至2023年12月21日上午8:30时）" in text and "12月25日" not in text


def test_an_afternoon_meeting_is_worded_as_the_secretariat_words_it(demo_session, tmp_path):
    meeting = attendance.find_meeting("4")  # 代表团会议, 12月21日下午 14:30
    ids = [r.member_id for r in attendance.roll(meeting.meeting_id, role="代表")]
    attendance.tick(meeting.meeting_id, ids, ids[:100], now=dt.datetime(2023, 12, 21, 14, 0))
    _, text = _write("absences", tmp_path, meeting="4")
    assert "（截至2023年12月21日下午2:30时）" in text
    attendance.close_roll(meeting.meeting_id, now=dt.datetime(2023, 12, 21, 12, 5))
    _, text = _write("attendance", tmp_path, meeting="4")
    assert "（截至2023年12月21日中午12:05时）" in text


def test_a_meeting_without_a_time_is_counted_to_the_printing_and_says_so(demo_session, tmp_path):
    _, text = _write("attendance", tmp_path, meeting="2")  # 主席团第一次会议: no start in the schedule
    assert "（截至打印时2024年3月15日下午4:40时，日程中没有本次会议的开始时间）" in text
    assert text.endswith("大会秘书处2023年12月20日第1页共1页")  # still signed on the meeting's day
    record(40, meeting="2")  # closed that day: its time is known
    _, text = _write("attendance", tmp_path, meeting="2")
    assert "（截至2023年12月20日上午8:52时）" in text and "打印时" not in text


def test_the_session_table_is_dated_by_the_last_meeting_it_counts(demo_session, tmp_path):
    _, text = _write("attendance_table", tmp_path)
    assert "以姓名笔画为序）（截至打印时2024年3月15日下午4:40时，尚无到会记录）" in text
    record(141, 9)  # 第一次全体会议, closed at 8:52
    _, text = _write("attendance_table", tmp_path)
    assert "以姓名笔画为序）（截至2023年12月21日上午8:52时）" in text
    second = attendance.find_meeting("6")  # 第二次全体会议, 12月22日 9:00: people checking in
    ids = [r.member_id for r in attendance.roll(second.meeting_id, role="代表")]
    attendance.tick(second.meeting_id, ids, ids[:50], now=dt.datetime(2023, 12, 22, 8, 40))
    _, text = _write("attendance_table", tmp_path)
    assert "以姓名笔画为序）（截至2023年12月22日上午9:00时）" in text and "2024" not in text


def test_no_paper_of_a_meeting_takes_its_date_from_the_clock(demo_session, tmp_path):
    record(141, 9)
    d = roster.list_delegations()[0]
    with pytest.MonkeyPatch.context() as mp:
        real_datetime, real_date = dt.datetime, dt.date

        class Clock(real_datetime):
            @classmethod
            def now(cls, tz=None):
                return real_datetime(2024, 3, 15, 16, 40, tzinfo=tz)

        class Calendar(real_date):
            @classmethod
            def today(cls):
                return real_date(2024, 3, 15)

        mp.setattr(dt, "datetime", Clock)
        mp.setattr(dt, "date", Calendar)
        mp.setattr(attendance_report, "now", lambda: dt.datetime.now().replace(second=0, microsecond=0))
        papers = {kind: _write(kind, tmp_path, meeting=PLENARY)[1] for kind in ("attendance", "absences")}
        papers["attendance_table"] = _write("attendance_table", tmp_path)[1]
        papers["signin"] = _write("signin", tmp_path, delegation_id=d.delegation_id, meeting=PLENARY)[1]
    for kind, text in papers.items():
        assert "2024" not in text and "3月15日" not in text, kind
    assert "（截至2023年12月21日上午8:52时）" in papers["attendance"]
    assert "大会秘书处2023年12月21日" in papers["attendance"]
    assert "（截至2023年12月21日上午8:52时）" in papers["absences"]
    assert "（截至2023年12月21日上午8:52时）" in papers["attendance_table"]
    assert "会议：第一次全体会议日期：2023年12月21日" in papers["signin"]


def test_a_block_of_one_row_at_a_page_foot_goes_over_whole(demo_session):
    """A delegation with one person missing, or five names on leave, reaching a page's foot: the
    block goes to the next page whole (it once failed with an IndexError at 5,000 people)."""
    from meetingdesk.printing.frame import FRAME_WIDTH

    one = delegates()[:1]
    blocks = [absences.delegation_block("吴家山街代表团", [], one),
              *attendance_report.names_block("请假代表", delegates()[:5], absences.TITLE)]
    for block in blocks:
        if not hasattr(block, "split"):
            continue
        block.wrap(FRAME_WIDTH, 1000)
        assert block.split(FRAME_WIDTH, 20) == []


# ---------------------------------------------------------------- 代表证件


def test_badges_eight_a_sheet_each_kind_on_its_own_sheets(demo_session, tmp_path):
    texts, text = _write("badges", tmp_path)
    assert len(texts) == 27 + 20 + 5  # 210 出席证, 160 列席证, 36 工作证, eight a sheet
    pages = [compact(t) for t in texts]  # each kind once a card and once in the sheet's caption
    assert pages[0].count("出席证") == 8 + 1 and pages[26].count("出席证") == 2 + 1 and "列席证" not in pages[26]
    assert pages[27].count("列席证") == 8 + 1 and pages[-1].count("工作证") == 4 + 1
    first = roster.list_members(roster.list_delegations()[0].delegation_id, role="代表")[0]
    number = attendance.card_number(first.member_id)
    seat = seating.seat_labels()[first.member_id]  # the demo has a hall: the seat under the delegation
    assert compact(texts[0]).startswith(f"武汉市东西湖区第十一届人民代表大会第三次会议出席证{first.name}"
                                        f"{first.delegation}座位：{seat}{number}")
    assert "(女)" not in text  # no gender marker on a badge
    assert "王超(区消防救援大队大队长)" in text and "王超(区融媒体中心主任)" in text  # namesakes told apart
    assert "出席证（代表）吴家山街代表团" in compact(texts[0]) and "张，共" not in texts[0]
    assert compact(texts[0]).count("第1页") == 1  # one counter on the sheet: the footer


def test_badges_of_one_kind_and_one_delegation(demo_session, tmp_path):
    delegation = roster.list_delegations()[0]
    texts, text = _write("badges", tmp_path, role="列席", delegation_id=delegation.delegation_id)
    people = roster.list_members(delegation.delegation_id, role="列席")
    assert len(texts) == -(-len(people) // 8)
    assert "出席证" not in text
    assert out_of_order(text, [m.name for m in people]) is None
    assert all(attendance.card_number(m.member_id) in text for m in people)
    with pytest.raises(ServiceError, match="身份只能是代表、列席或工作人员"):
        printing.prepare("badges", role="主任")


def test_the_badge_barcode_encodes_the_card_number():
    bar = badges.Code128("000123", barWidth=badges.BAR_MODULE, barHeight=badges.BAR_HEIGHT, humanReadable=False)
    bar.validate()
    assert bar.valid and bar.value == "000123"
    assert bar.width < badges.CARD_W - 2 * badges.SIDE


def test_the_absences_table_of_counts_is_never_broken_across_two_pages(demo_session, tmp_path):
    """However long the lists above it run, 各代表团到会人数 and its 合计 are on one page."""
    meeting = attendance.find_meeting(PLENARY).meeting_id
    ids = [r.member_id for r in delegates()]
    checked = 0
    seen_pages = set()
    for n in range(0, len(ids), 6):  # fewer and fewer names above the table: it lands everywhere
        attendance.tick(meeting, ids, ids[:n], now=AT)
        texts, _text = _write("absences", tmp_path, meeting=PLENARY)
        seen_pages.add(len(texts))
        holding = [i for i, t in enumerate(texts) if "各代表团到会人数" in t]
        assert len(holding) == 1, f"{n} checked in: the caption on pages {holding}"
        page = compact(texts[holding[0]])
        assert "合计" in page[page.index("各代表团到会人数"):], f"{n} checked in: the table broken"
        checked += 1
    assert checked >= 30 and len(seen_pages) >= 4  # lists of many lengths were tried

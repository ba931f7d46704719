"""The 到会 page on the demo session (210 delegates): check-in by pinyin initials, characters and
a scanned card; an ambiguous name checks nobody in; leave with its reason and approver; late,
absent and undone; a delegation's roll call; 结束签到; the quorum at its boundary under both
rules; earlier sessions' absences and the flagged; the page inside the main window."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from meetingdesk import printing
from meetingdesk.services import attendance, roster, session
from meetingdesk.services.problem import NOTICE, Problem
from meetingdesk.store import Attendance, Member, Person
from meetingdesk.ui.common import print_preview
from meetingdesk.ui.attendance.models import RollModel
from meetingdesk.ui.attendance.page import PAPERS, AttendancePage
from meetingdesk.ui.attendance.roll import RollTab
from meetingdesk.ui.common.views import RED

from .helpers import ok as _ok, shown

NOW = dt.datetime(2023, 12, 23, 8, 40)  # before the third plenary (9:00) begins


@pytest.fixture
def page(qtbot, demo_session, asked):
    return shown(qtbot, AttendancePage(), NOW)


def _member(name: str, role: str = "代表") -> int:
    return (Member.select(Member.id).join(Person)
            .where((Person.name == name) & (Member.role == role)).get().id)


def _status(page, member_id: int) -> str:
    record = Attendance.get_or_none((Attendance.meeting == page.meeting_id()) & (Attendance.member == member_id))
    return record.status if record else ""


def _enter(qtbot, page, text: str) -> None:
    """Type TEXT on the check-in line and press Enter, as the clerk or a scanner does."""
    if text.isascii():
        qtbot.keyClicks(page.line, text)
    else:  # qtbot cannot type Chinese: the input method's commit is the text arriving
        page.line.setText(text)
    qtbot.keyClick(page.line, Qt.Key.Key_Return)


def _present(page) -> int:
    return attendance.counts(page.meeting_id()).present


def _shown_names(page) -> list[str]:
    return [page.proxy.index(r, RollModel.NAME).data() for r in range(page.proxy.rowCount())]


# ---------------------------------------------------------------- the desk


def test_opens_on_the_next_plenary_with_the_empty_count(page, qtbot):
    assert page.meeting.currentText() == "12月23日上午 第三次全体会议"
    # before 结束签到 those not checked in are 未签到, not 缺席
    assert page.banner.counts.text() == "应到 210 人　　实到 0 人　　请假 0 人　　未签到 210 人"
    assert "未签到的计为缺席，即缺席 210 人" in page.banner.others.text()
    assert page.banner.verdict.text() == "不足法定人数"
    assert "即至少 141 人" in page.banner.rule.text()
    assert "列席 0/160 人" in page.banner.others.text() and "工作人员 0/36 人" in page.banner.others.text()
    assert page.model.rowCount() == 406  # delegates, attendees and staff
    qtbot.waitUntil(lambda: page.focusWidget() is page.line)  # the clerk types at once


def test_pinyin_initials_and_enter_check_in(page, qtbot):
    _enter(qtbot, page, "ljg")
    member = _member("刘锦刚")
    assert _status(page, member) == "出席"
    assert "实到 1 人" in page.banner.counts.text()
    assert "未签到 209 人" in page.banner.counts.text() and "缺席" not in page.banner.counts.text()
    assert page.line.text() == "" and page.proxy.rowCount() == 406  # ready for the next person
    assert "刘锦刚" in page.message.text()
    assert "刘锦刚" in page.log.lines()[0]
    assert page.focusWidget() is page.line
    _enter(qtbot, page, "ljg")  # twice: said, not written again
    assert "已签到" in page.message.text() and _present(page) == 1


def test_characters_of_a_name_check_in(page, qtbot):
    _enter(qtbot, page, "丁哲")
    assert _status(page, _member("丁哲")) == "出席"
    assert "实到 1 人" in page.banner.counts.text()


def test_a_scanned_card_checks_in(page, qtbot):
    member = _member("万大勇", "列席")
    _enter(qtbot, page, attendance.card_number(member))
    assert _status(page, member) == "出席"
    assert Attendance.get(Attendance.member == member).source == "扫码"
    assert "实到 0 人" in page.banner.counts.text()  # an attendee is not a delegate
    assert "列席 1/160 人" in page.banner.others.text()


def test_after_the_start_a_check_in_is_late(page, qtbot):
    page.now = lambda: dt.datetime(2023, 12, 23, 9, 12)
    _enter(qtbot, page, "ljg")
    assert _status(page, _member("刘锦刚")) == "迟到"
    assert "实到 1 人" in page.banner.counts.text()


def test_an_ambiguous_name_checks_nobody_in_and_lists_those_found(page, qtbot):
    _enter(qtbot, page, "wang")
    assert "请多输入几个字母或在名单中选择" in page.message.text()
    assert RED in page.message.styleSheet()
    assert _present(page) == 0 and not Attendance.select().exists()
    found = attendance.find(page.meeting_id(), "wang")
    assert page.proxy.rowCount() == len(found) > 1
    assert page.line.text() == "wang"  # more letters narrow it down
    # the clerk double-clicks the one meant
    index = page.proxy.index(2, RollModel.NAME)
    wanted = page.model.row_at(page.proxy.mapToSource(index).row())
    at = page.view.visualRect(index).center()
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=at)  # the press a double-click follows
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert _status(page, wanted.member_id) == "出席"
    assert page.line.text() == "" and page.proxy.rowCount() == 406


def test_nobody_found_is_said_and_the_line_is_ready_to_be_typed_over(page, qtbot):
    _enter(qtbot, page, "vvv")
    assert "没有姓名或拼音为“vvv”的人" in page.message.text()
    assert page.line.selectedText() == "vvv" and page.proxy.rowCount() == 0
    _enter(qtbot, page, "ljg")  # typing replaces the selection
    assert _status(page, _member("刘锦刚")) == "出席"


def test_typing_filters_the_list_and_down_moves_into_it(page, qtbot):
    qtbot.keyClicks(page.line, "liujing")
    assert _shown_names(page) == ["刘锦刚"]
    qtbot.keyClick(page.line, Qt.Key.Key_Down)
    assert page.desk_tab.selected_rows()[0].name == "刘锦刚"


def test_filters_by_delegation_status_and_role(page, qtbot):
    _enter(qtbot, page, "ljg")
    page.desk_tab.status_filter.setCurrentText("出席")
    assert _shown_names(page) == ["刘锦刚"]
    page.desk_tab.status_filter.setCurrentText("未签到")
    assert page.proxy.rowCount() == 405
    page.desk_tab.role_filter.setCurrentText("工作人员")
    assert page.proxy.rowCount() == 36
    page.desk_tab.role_filter.setCurrentText("代表")
    page.desk_tab.delegation_filter.setCurrentText("吴家山街代表团")
    assert page.proxy.rowCount() == 18
    assert "显示 18 / 406 人" == page.desk_tab.shown_count.text()


# ---------------------------------------------------------------- acting on rows


def test_leave_needs_a_reason_and_an_approver(page, qtbot):
    member = _member("丁哲")
    assert page.desk_tab.select_member(member)
    dialog = page.desk_tab.leave()
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "请假事由" in dialog.error_text("reason")
    dialog.reason.setCurrentText("因公出差")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "由谁批准" in dialog.error_text("approver")
    assert _status(page, member) == ""
    dialog.approver.setText("大会秘书处")
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    record = Attendance.get(Attendance.member == member)
    assert (record.status, record.reason, record.approver) == ("请假", "因公出差", "大会秘书处")
    assert "请假 1 人" in page.banner.counts.text() and "未签到 209 人" in page.banner.counts.text()
    assert page.desk_tab.selected_rows()[0].status_text == "请假（因公出差，大会秘书处批准）"  # still chosen


def test_absent_late_and_undo_on_several_rows(page, qtbot, asked):
    page.desk_tab.delegation_filter.setCurrentText("吴家山街代表团")
    page.desk_tab.role_filter.setCurrentText("代表")
    page.view.selectRow(0)
    qtbot.mouseClick(page.desk_tab.absent_button, Qt.MouseButton.LeftButton)
    first = page.desk_tab.selected_rows()[0]
    assert first.status == "缺席"
    page.view.selectAll()
    rows = page.desk_tab.selected_rows()
    assert len(rows) == 18
    dialog = page.desk_tab.mark_time("迟到")
    dialog.time.setText("九点")
    _ok(qtbot, dialog)
    assert "时间" in dialog.error_text("time")
    dialog.time.setText("9:10")
    _ok(qtbot, dialog)
    assert all(_status(page, r.member_id) == "迟到" for r in rows)
    assert "实到 18 人" in page.banner.counts.text() and "迟到 18 人" in page.banner.others.text()
    qtbot.mouseClick(page.desk_tab.clear_button, Qt.MouseButton.LeftButton)
    assert "改回未签到" in asked[-1]
    assert not Attendance.select().exists()
    assert "实到 0 人" in page.banner.counts.text()


def test_a_delegations_roll_call(page, qtbot):
    team = next(d for d in roster.list_delegations() if d.name == "吴家山街代表团")
    _enter(qtbot, page, "丁哲")
    dialog = page.desk_tab.tick_delegation(team.delegation_id)
    assert dialog.list.count() == 18
    assert dialog.ticked() == [_member("丁哲")]  # those in already come ticked
    assert dialog.count.text() == "已勾选 1 / 18 人"
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    dialog.tick(_member("邢奇"), False)
    dialog.source_buttons["签到表"].setChecked(True)
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert "实到 17 人" in page.banner.counts.text()
    assert _status(page, _member("邢奇")) == ""
    assert Attendance.get(Attendance.member == _member("刘君")).source == "签到表"
    assert "改动 16 人" in page.message.text()


def test_closing_the_roll_writes_absence_after_asking(page, qtbot, asked):
    _enter(qtbot, page, "ljg")
    asked.answer = False
    assert page.close_roll() == 0
    assert "尚未签到的 209 名代表将记为缺席" in asked[-1]
    assert not Attendance.select().where(Attendance.status == "缺席").exists()
    asked.answer = True
    assert page.close_roll() == 209
    assert Attendance.select().where(Attendance.status == "缺席").count() == 209
    assert "缺席 209 人" in page.banner.counts.text() and "全部代表已签到或已记录" in page.banner.others.text()
    assert not page.close_button.isEnabled()
    _enter(qtbot, page, "丁哲")  # a late-comer after the close is still checked in
    assert "实到 2 人" in page.banner.counts.text() and "缺席 208 人" in page.banner.counts.text()


def test_the_quorum_flips_at_its_boundary_under_either_rule(page, qtbot):
    delegates = [r for r in attendance.roll(page.meeting_id(), role="代表") if r.name != "刘锦刚"]
    for r in delegates[:140]:
        attendance.check_in(page.meeting_id(), r.member_id, now=NOW)
    page.refresh()
    assert "实到 140 人" in page.banner.counts.text()
    assert page.banner.verdict.text() == "不足法定人数" and RED in page.banner.verdict.styleSheet()
    assert "还差 1 人" in page.banner.rule.text()
    _enter(qtbot, page, "ljg")
    assert "实到 141 人" in page.banner.counts.text()
    assert page.banner.verdict.text() == "符合法定人数" and RED not in page.banner.verdict.styleSheet()
    page.desk_tab.select_member(_member("刘锦刚"))
    qtbot.mouseClick(page.desk_tab.clear_button, Qt.MouseButton.LeftButton)  # one row present: undone at once
    assert page.banner.verdict.text() == "不足法定人数"
    with qtbot.waitSignal(page.changed):
        page.rule.setCurrentText("三分之二以上")
    assert session.session_info().quorum_rule == "三分之二以上"
    assert page.banner.verdict.text() == "符合法定人数"
    assert "到会代表须有全体代表的三分之二以上，即至少 140 人" in page.banner.rule.text()


def test_a_meeting_without_quorum_says_so(page):
    meeting = next(m for m in attendance.meetings() if m.kind == "代表团会议")
    assert page.select_meeting(meeting.meeting_id)
    assert page.banner.verdict.isHidden()
    assert page.banner.rule.text() == "代表团会议不核对法定人数"
    presidium = next(m for m in attendance.meetings() if m.kind == "主席团会议")
    page.select_meeting(presidium.meeting_id)
    assert page.model.rowCount() == attendance.counts(presidium.meeting_id).expected < 210


def test_check_ins_reach_the_other_pages_after_a_pause(page, qtbot):
    page._notify.setInterval(50)  # seconds at the desk
    emitted = []
    page.changed.connect(lambda: emitted.append(1))
    _enter(qtbot, page, "ljg")
    _enter(qtbot, page, "丁哲")
    assert not emitted  # not while the queue moves
    qtbot.waitUntil(lambda: emitted == [1])
    assert not page._notify.isActive()


def test_a_session_without_meetings(qtbot, empty_session, asked):
    page = shown(qtbot, AttendancePage(), NOW)
    assert page.meeting.count() == 0 and page.model.rowCount() == 0
    assert page.banner.counts.text() == "日程中还没有会议"
    assert not page.line.isEnabled() and not page.close_button.isEnabled()
    assert page.close_roll() == 0 and page.desk_tab.tick_delegation() is None


# ---------------------------------------------------------------- earlier sessions


def test_earlier_absences_and_the_flagged(page, qtbot, asked):
    person = Person.get(Person.name == "丁哲").id
    page.tabs.setCurrentWidget(page.prior_tab)
    dialog = page.prior_tab.add(person)
    assert dialog.session.text() == "第十一届人民代表大会第二次会议"
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert [(r.name, r.session) for r in attendance.list_prior()] == [("丁哲", "第十一届人民代表大会第二次会议")]
    assert page.flag_notice.isHidden()
    dialog = page.prior_tab.add(person)
    _ok(qtbot, dialog)
    assert "已记有丁哲" in dialog.error_text("session")
    dialog.session.setText("第十一届人民代表大会第一次会议")
    _ok(qtbot, dialog)
    assert page.prior_tab.prior.rowCount() == 2
    assert page.flag_notice.isVisible() and "丁哲（吴家山街代表团）" in page.flag_notice.text()
    assert "两次未经批准不出席本级人民代表大会会议" in page.flag_notice.text()
    assert page.prior_tab.flags.rowCount() == 1 and page.tabs.tabText(1) == "往次缺席（1 人需注意）"
    assert page.prior_tab.flags.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).color().name() == RED
    page.prior_tab.select_prior(attendance.list_prior()[0].prior_id)
    qtbot.mouseClick(page.prior_tab.remove_button, Qt.MouseButton.LeftButton)
    assert "删除" in asked[-1] and len(attendance.list_prior()) == 1
    assert page.flag_notice.isHidden() and page.tabs.tabText(1) == "往次缺席"


def test_focus_on_a_meeting_a_person_and_a_member(page):
    first = attendance.meetings()[0]
    assert page.focus(("attendance", first.meeting_id))
    assert page.meeting_id() == first.meeting_id and page.tabs.currentWidget() is page.desk_tab
    person = Person.get(Person.name == "丁哲").id
    attendance.add_prior(person, "第十一届人民代表大会第二次会议")
    page.refresh()
    assert page.focus(("prior", person))
    assert page.tabs.currentWidget() is page.prior_tab
    assert page.prior_tab.prior_view.currentIndex().data() == "丁哲"
    page.tabs.setCurrentWidget(page.desk_tab)
    assert page.focus(("attendance_member", _member("丁哲")))
    assert page.tabs.currentWidget() is page.prior_tab
    assert not page.focus(("poll", 1))


# ---------------------------------------------------------------- papers


def test_papers_take_the_chosen_meeting_and_filters(page):
    key = attendance.meeting_key(page.meeting_id())
    assert key == "10"
    assert page.paper_options("attendance") == {"meeting": key}
    assert page.paper_options("absences") == {"meeting": key}
    page.desk_tab.role_filter.setCurrentText("代表")
    page.desk_tab.delegation_filter.setCurrentText("吴家山街代表团")
    team = page.desk_tab.delegation_filter.currentData()
    assert page.paper_options("badges") == {"role": "代表", "delegation_id": team}
    assert page.paper_options("attendance_table") == {"delegation_id": team}
    actions = page.print_menu.actions()
    assert len(actions) == len(PAPERS)
    for action, (kind, title) in zip(actions, PAPERS):
        # another engineer registers the papers; until then each shows greyed out
        assert action.isEnabled() == (kind in printing.PAPERS)


def test_printing_passes_the_meeting(page, monkeypatch):
    seen = []
    from meetingdesk.ui.common import page_heading

    monkeypatch.setattr(page_heading, "show_print_preview",
                        lambda parent, kind, **options: seen.append((kind, options)))
    page.print_paper("attendance")
    page.heading.print_paper("absences")  # what the 打印 menu calls
    assert seen == [("attendance", {"meeting": "10"}), ("absences", {"meeting": "10"})]


def test_the_report_of_the_chosen_meeting_in_the_preview(page, qtbot, monkeypatch):
    monkeypatch.setattr(print_preview, "BACKGROUND", False)
    _enter(qtbot, page, "ljg")
    dialog = page.print_paper("attendance")
    qtbot.addWidget(dialog)
    assert dialog.kind == "attendance" and dialog.options == {"meeting": "10"}
    assert dialog.pages >= 1, dialog.message


# ---------------------------------------------------------------- in the window


@pytest.fixture
def window(window, asked):
    return window


def test_the_page_in_the_main_window(window, qtbot):
    page = window.attendance_page
    window.nav.setCurrentRow(window.pages.indexOf(page))
    assert window.pages.currentWidget() is page
    page.now = lambda: NOW
    _enter(qtbot, page, "ljg")
    assert "实到 1 人" in page.banner.counts.text()
    with qtbot.waitSignal(page.changed, timeout=1000):  # leaving the page tells the others at once
        window.nav.setCurrentRow(0)
    window.nav.setCurrentRow(window.pages.indexOf(page))
    window.refresh()
    assert "实到 1 人" in page.banner.counts.text()
    assert page.meeting.currentText() == "12月23日上午 第三次全体会议"
    # a check of the session points here
    first = attendance.meetings()[0]
    window.nav.setCurrentRow(0)
    window.go_to_problem(Problem(NOTICE, "到会", first.name, "…", target=("attendance", first.meeting_id)))
    assert window.pages.currentWidget() is page and page.meeting_id() == first.meeting_id
    person = Person.get(Person.name == "丁哲").id
    window.go_to_problem(Problem(NOTICE, "到会", "丁哲", "…", target=("prior", person)))
    assert page.tabs.currentWidget() is page.prior_tab
    # a delegate added on the roster page is on the roll
    window.nav.setCurrentRow(0)
    roster_page = window.roster_page
    did = next(r.delegation_id for r in roster_page.delegations.rows() if r and r.name == "吴家山街代表团")
    roster_page.select_delegation(did)
    dialog = roster_page.add_member()
    dialog.name.setText("丁一")
    _ok(qtbot, dialog)
    page.focus(("attendance", page.meeting.itemData(page.meeting.count() - 1)))
    assert "应到 211 人" in page.banner.counts.text()


# ---------------------------------------------------------------- the desk holds the roll


class OneMeeting:
    """What the tab asks of its page (attendance_roll.Desk), for one meeting."""

    def __init__(self, meeting_id: int) -> None:
        self.now = lambda: NOW
        self.id = meeting_id

    def meeting_id(self) -> int:
        return self.id

    def meeting_name(self) -> str:
        return "第三次全体会议"

    def teams(self) -> list[tuple[int, str]]:
        return [(d.delegation_id, d.name) for d in roster.list_delegations()]

    def watched(self, rows) -> bool:
        return False


@pytest.fixture
def tab(qtbot, demo_session, asked):
    meeting = attendance.default_meeting(NOW.date())
    desk = RollTab(OneMeeting(meeting))
    qtbot.addWidget(desk)
    desk.resize(1280, 700)
    desk.counts_seen = []
    desk.counted.connect(desk.counts_seen.append)
    desk.load(meeting)
    desk.show()
    return desk


def test_the_tab_writes_without_reading_the_roll_again(tab, qtbot, monkeypatch):
    meeting = tab.desk.meeting_id()
    assert tab.counts_seen[-1] == attendance.counts(meeting)
    reads, resets, changes = [], [], []
    real_roll = attendance.roll
    monkeypatch.setattr(attendance, "roll", lambda *a, **k: reads.append(a) or real_roll(*a, **k))
    tab.model.modelReset.connect(lambda: resets.append(1))
    tab.model.dataChanged.connect(lambda top, bottom: changes.append((top.row(), bottom.row())))

    def recorded():
        return attendance.counts(meeting, real_roll(meeting))

    qtbot.keyClicks(tab.line, "ljg")
    qtbot.keyClick(tab.line, Qt.Key.Key_Return)
    member = _member("刘锦刚")
    assert tab.model.row_of(member).status == "出席" and len(changes) == 1
    assert changes[0][0] == changes[0][1] == tab.model.index_of(member).row()  # that one row
    assert tab.counts_seen[-1] == recorded() and tab.counts_seen[-1].present == 1

    # a selection: one write, one update of the rows held
    team = next(d.delegation_id for d in roster.list_delegations() if d.name == "吴家山街代表团")
    tab.delegation_filter.setCurrentIndex(tab.delegation_filter.findData(team))
    tab.view.selectAll()
    chosen = tab.selected_rows()
    qtbot.mouseClick(tab.absent_button, Qt.MouseButton.LeftButton)
    assert {tab.model.row_of(r.member_id).status for r in chosen} == {"缺席"} and len(changes) == 2
    dialog = tab.leave()
    dialog.reason.setCurrentText("因病")
    dialog.approver.setText("大会秘书处")
    _ok(qtbot, dialog)
    assert {tab.model.row_of(r.member_id).status_text for r in chosen} == {"请假（因病，大会秘书处批准）"}
    qtbot.mouseClick(tab.present_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert {tab.model.row_of(r.member_id).status for r in chosen} == {""}
    assert not reads and not resets
    assert tab.counts_seen[-1] == recorded()  # what is held is what is recorded
    assert [r for r in tab.model.in_order()] == real_roll(meeting)


def test_enter_on_a_highlighted_row_of_the_list_checks_that_person_in(page, qtbot):
    qtbot.keyClicks(page.line, "wang")
    qtbot.keyClick(page.line, Qt.Key.Key_Down)
    assert page.focusWidget() is page.view
    qtbot.keyClick(page.view, Qt.Key.Key_Down)  # the second of those found
    wanted = page.desk_tab.selected_rows()[0]
    assert wanted.member_id == page.model.row_at(page.proxy.mapToSource(page.proxy.index(1, 0)).row()).member_id
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert _status(page, wanted.member_id) == "出席"
    assert wanted.name in page.message.text() and "实到 1 人" in page.banner.counts.text()
    assert page.line.text() == "" and page.focusWidget() is page.line  # the next name


def test_the_list_filters_as_the_services_match_letter_by_letter(page, qtbot):
    rows = attendance.roll(page.meeting_id())

    def shown() -> set[int]:
        return {page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).member_id
                for r in range(page.proxy.rowCount())}

    def named(text: str) -> set[int]:
        return {r.member_id for r in rows if attendance.matches(r, text, card_start=True)}

    for key in "liuj":
        qtbot.keyClicks(page.line, key)
        assert shown() == named(page.line.text()), page.line.text()
    for _ in range(4):
        qtbot.keyClick(page.line, Qt.Key.Key_Backspace)
        assert shown() == (named(page.line.text()) if page.line.text() else {r.member_id for r in rows})
    card = attendance.card_number(rows[7].member_id)
    for end in range(1, len(card) + 1):
        page.line.setText(card[:end])
        assert shown() == named(card[:end]), card[:end]
    page.line.setText("刘")
    assert shown() == named("刘") and len(shown()) > 1
    # what Enter takes is what the service finds: a whole card, a name's characters or pinyin
    for text in (card, card[:-1], card[:3] + " " + card[3:], "ljg", " wang ", "Liu J", "刘", "丁哲", "vvv", ""):
        assert page.model.find(text) == attendance.find(page.meeting_id(), text), text


def test_sorting_is_the_model_s_and_keeps_the_selection(page, qtbot):
    _enter(qtbot, page, "ljg")
    member = _member("刘锦刚")
    header = page.view.horizontalHeader()
    assert all(header.sectionResizeMode(c) != header.ResizeMode.ResizeToContents for c in range(header.count()))
    page.desk_tab.select_member(_member("丁哲"))
    page.view.sortByColumn(RollModel.STATUS, Qt.SortOrder.DescendingOrder)
    assert page.proxy.sortColumn() == -1  # the proxy keeps the model's order: no comparisons in Python
    assert page.proxy.index(0, RollModel.NAME).data() == "刘锦刚"
    assert [r.name for r in page.desk_tab.selected_rows()] == ["丁哲"]  # still chosen
    _enter(qtbot, page, "丁哲")  # sorted by 到会情况, the row moves up with its new status
    assert {page.proxy.index(r, RollModel.NAME).data() for r in range(2)} == {"刘锦刚", "丁哲"}
    page.view.sortByColumn(RollModel.NAME, Qt.SortOrder.AscendingOrder)
    names = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert names == attendance.in_stroke_order(page.model.in_order())
    page.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert page.model.rows() == attendance.roll(page.meeting_id())  # the service's order again
    assert page.model.row_of(member).status == "出席"

"""The 计票 page on the demo session: a poll through the dialog, two clerks' entries through the
form, differences before any result, the result with its arithmetic, confirmation locking the
poll, a correction with its reason, a re-vote for a tie, and the running sums."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from meetingdesk import printing
from meetingdesk.services import ServiceError, counting, elections, voting
from meetingdesk.services.counting import Figure
from meetingdesk.ui.counting import page as counting_page
from meetingdesk.ui.counting.models import PollsModel
from meetingdesk.ui.counting.page import PAPERS, CountingPage
from meetingdesk.ui.counting.entry_table import ERROR_BACK, NOTICE_BACK
from meetingdesk.ui.common.views import RED

from .helpers import ok as _ok, shown, warnings_of

NOW = dt.datetime(2023, 12, 23, 10, 0)
COURT_LINE = "全体代表 210 人，过半数为 106 票；应选 1 人。"


@pytest.fixture
def warned(monkeypatch) -> list[str]:
    return warnings_of(monkeypatch, counting_page)


@pytest.fixture
def page(qtbot, demo_session, asked, warned):
    return shown(qtbot, CountingPage(), NOW)



def _new_poll(page, qtbot) -> int:
    dialog = page.new_poll()
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    return page.current_id()


@pytest.fixture
def poll(page, qtbot) -> int:
    return _new_poll(page, qtbot)


def _share(valid: int, seats: int, candidates: int) -> int:
    """Each candidate's 赞成 when every voter marks as many names as the seats, spread evenly
    (8 candidates for 7 seats in a 70-ballot box: 61 each, 488 marks of the 490 allowed)."""
    return valid * seats // max(candidates, seats)


def _fill(page, per_box: int = 70, yes: dict[str, int] | None = None) -> None:
    """Type one box's sheet into the form: every ballot valid and possible, YES (or each
    candidate's share of the marks) unless told."""
    form = page.form
    for issued, returned in form.papers.values():
        issued.setValue(per_box)
        returned.setValue(per_box)
    for sheet in form.elections:
        model = sheet.model
        share = _share(per_box, sheet.election.seats, len(sheet.election.candidates))
        for row in range(model.rowCount()):
            line = model.line(row)
            y = (yes or {}).get(line.name, share)
            model.setData(model.index(row, 1), y)
            model.setData(model.index(row, 2), per_box - y)
    model = form.items_sheet.model
    for row in range(model.rowCount()):
        model.setData(model.index(row, 1), per_box)


def _choose(page, qtbot, box: int, entry: int) -> None:
    page.box.setCurrentIndex(box)
    qtbot.mouseClick(page.entry_group.button(entry), Qt.MouseButton.LeftButton)


def _sheet(row, per_box: int = 70, yes: dict[str, int] | None = None, issued: int | None = None,
           skip_items: int = 0):
    """One box's figures, possible ones: ISSUED 选票 (default as many as returned); the last
    SKIP_ITEMS items left unentered."""
    figures = []
    for pe in row.elections:
        share = _share(per_box, pe.seats, len(pe.candidates))
        for c in pe.candidates:
            y = (yes or {}).get(c.name, share)
            figures.append(Figure(pe.poll_election_id, c.person_id, yes=y, no=per_box - y))
        figures.append(Figure(pe.poll_election_id))
    items = row.items[:len(row.items) - skip_items]
    figures += [Figure(poll_item_id=pi.poll_item_id, yes=per_box) for pi in items]
    papers = {paper: (per_box, per_box) for paper in row.papers}
    if issued is not None:
        papers["选票"] = (issued, per_box)
    return papers, figures


def _enter_by_service(poll_id: int, boxes, present: int = 210, first_box: dict | None = None, **kw) -> None:
    """Both entries of BOXES; FIRST_BOX: other arguments of _sheet for the first of them."""
    counting.set_present(poll_id, present)  # the presidium confirms only a vote with its quorum
    row = counting.get_poll(poll_id)
    for n, box in enumerate(boxes):
        for entry in (1, 2):
            counting.enter(poll_id, box.box_id, entry, *_sheet(row, **{**kw, **((first_box or {}) if n == 0 else {})}))


def _state(page) -> str:
    return page.poll_sort.index(page.poll_view.currentIndex().row(), PollsModel.STATE).data()


def _result(page) -> str:
    return page.result.toPlainText()


# ---------------------------------------------------------------- polls


def test_a_poll_through_the_dialog(page, qtbot):
    dialog = page.new_poll()
    assert dialog.meeting.currentText() == "12月23日上午 第三次全体会议"  # the last plenary
    assert dialog.title.text() == "第三次全体会议选举和表决"
    assert dialog.elections.count() == 3 and dialog.items.count() == 7
    dialog.title.setText("")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "请填写投票名称" in dialog.error_text("title")
    dialog.title.setText("第三次全体会议选举和表决")
    for widget in (dialog.elections, dialog.items):
        for i in range(widget.count()):
            widget.item(i).setCheckState(Qt.CheckState.Unchecked)
    _ok(qtbot, dialog)
    assert "请至少选择一项" in dialog.error_text("elections")
    for widget in (dialog.elections, dialog.items):
        for i in range(widget.count()):
            widget.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.vote_time.setText("十点半")
    _ok(qtbot, dialog)
    assert "应写成“10:30”的样子" in dialog.error_text("vote_time")
    dialog.vote_time.setText("10：30")
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    row = page.current()
    assert len(row.elections) == 3 and len(row.items) == 7 and row.meeting_id is not None
    assert row.vote_time == "10:30" and page.vote_time.text() == "10:30"
    assert page.polls.rowCount() == 1
    assert [page.poll_sort.index(0, c).data() for c in range(4)] == [
        "第三次全体会议选举和表决", "正式投票", "12月23日上午 第三次全体会议", "录入中"]
    # the form: one table per election, 另选人 rows allowed, and the seven items
    assert [s.model.rowCount() for s in page.form.elections] == [8, 1, 2]
    assert page.form.elections[0].add_button is not None
    assert page.form.items_sheet.model.rowCount() == 7
    assert list(page.form.papers) == ["选票", "表决票"]


def test_an_election_whose_list_is_open_cannot_be_chosen(page):
    elections.fix_candidates(elections.list_elections()[0].election_id, None)
    dialog = page.new_poll()
    first = dialog.elections.item(0)
    assert "候选人名单尚未确定" in first.text() and not first.flags() & Qt.ItemFlag.ItemIsEnabled
    assert first.checkState() == Qt.CheckState.Unchecked
    dialog.reject()


def test_present_and_quorum(page, poll, warned):
    assert "尚未填写到会人数" in page.quorum.text()
    page.present.setValue(140)
    assert page.quorum.text().endswith("不足法定人数。") and RED in page.quorum.styleSheet()
    page.present.setValue(205)
    page.present.editingFinished.emit()
    assert counting.get_poll(poll).present == 205
    assert page.quorum.text() == "全体代表 210 人，到会代表必须超过全体代表的三分之二，即至少 141 人；到会 205 人，符合法定人数。"
    page.present.setValue(211)  # more than all delegates: refused with the service's words
    page.present.editingFinished.emit()
    assert warned[-1] == "到会代表 211 人多于全体代表 210 人，请核对。"
    assert counting.get_poll(poll).present == 205 and page.present.value() == 205


def test_the_vote_time(page, poll, warned):
    page.vote_time.setText("11：05")
    page.vote_time.editingFinished.emit()
    assert counting.get_poll(poll).vote_time == "11:05" and page.vote_time.text() == "11:05"
    page.vote_time.setText("上午")
    page.vote_time.editingFinished.emit()
    assert "应写成“10:30”的样子" in warned[-1]
    assert counting.get_poll(poll).vote_time == "11:05" and page.vote_time.text() == "11:05"


def test_removing_a_poll(page, poll, asked):
    page.remove_button.click()
    assert "删除投票“第三次全体会议选举和表决”" in asked[-1]
    assert page.polls.rowCount() == 0 and counting.list_polls() == []


def test_focus_selects_a_poll(page, qtbot):
    first = _new_poll(page, qtbot)
    second = _new_poll(page, qtbot)
    assert page.current_id() == second
    assert page.focus(("poll", first)) and page.current_id() == first
    assert not page.focus(("election", first)) and not page.focus(("poll", 999))


# ---------------------------------------------------------------- entry


def test_two_entries_of_box_one_through_the_form(page, poll, qtbot):
    assert page.entry_state.text() == "主席团票箱第一遍：尚未录入"
    _fill(page)
    assert page.form.dirty and "有未保存的录入" in page.entry_state.text()
    assert counting.entered(poll, voting.list_boxes()[0].box_id, 1) == ({}, [])  # nothing written yet
    with qtbot.waitSignal(page.changed):
        page.save_button.click()
    assert not page.form.dirty and page.entry_state.text() == "主席团票箱第一遍：已录入，显示的是保存的数"

    _choose(page, qtbot, 0, 2)
    assert page.entry_state.text() == "主席团票箱第二遍：尚未录入"
    assert page.form.elections[1].model.line(0).values == [0, 0, 0]  # the second clerk starts blank
    _fill(page)
    page.save_button.click()
    differences, missing = counting.differences(poll)
    assert differences == []
    assert missing == ["会场1号票箱第一遍未录入", "会场1号票箱第二遍未录入",
                       "会场2号票箱第一遍未录入", "会场2号票箱第二遍未录入"]
    assert "主席团票箱：第一遍已录、第二遍已录" in page.progress.text()
    text = _result(page)
    assert "尚未录入（4 项）" in text and "会场2号票箱第二遍未录入" in text and "不一致" not in text
    assert _state(page) == "录入中" and not page.confirm_button.isEnabled()

    # going back shows what the first clerk saved
    _choose(page, qtbot, 0, 1)
    assert page.form.papers["选票"][1].value() == 70
    assert page.form.elections[1].model.line(0).values == [70, 0, 0]


def test_a_differing_second_entry_shows_the_difference_and_no_result(page, poll, qtbot):
    _fill(page)
    page.save_button.click()
    _choose(page, qtbot, 0, 2)
    _fill(page, yes={"杨丹(女)": 69})
    page.save_button.click()
    _enter_by_service(poll, voting.list_boxes()[1:])
    text = _result(page)
    assert "两遍录入不一致（2 处）" in text
    assert "主席团票箱 东西湖区人民法院院长 杨丹 赞成：第一遍 70，第二遍 69" in text
    assert "当选" not in text and COURT_LINE not in text
    assert _state(page) == "两遍不一致" and not page.confirm_button.isEnabled()


def test_unsaved_figures_are_kept_unless_the_clerk_lets_them_go(page, poll, qtbot, asked):
    _fill(page)
    asked.answer = False
    page.box.setCurrentIndex(1)
    assert "主席团票箱第一遍录入的票数尚未保存" in asked[-1]
    assert page.box.currentIndex() == 0 and page.form.dirty
    assert page.form.papers["选票"][1].value() == 70
    qtbot.mouseClick(page.entry_group.button(2), Qt.MouseButton.LeftButton)
    assert page.entry_group.checkedId() == 1 and page.form.dirty
    asked.answer = True
    page.box.setCurrentIndex(1)
    assert not page.form.dirty and page.form.papers["选票"][1].value() == 0
    assert page.entry_state.text() == "会场1号票箱第一遍：尚未录入"


def test_a_refresh_keeps_what_the_clerk_typed(page, poll):
    _fill(page)
    page.refresh()
    assert page.form.dirty and page.form.papers["选票"][1].value() == 70


def test_running_sums_turn_red_when_they_do_not_add_up(page, poll):
    form = page.form
    form.papers["选票"][1].setValue(70)
    model = form.elections[1].model
    total = model.index(0, model.total_column)
    model.setData(model.index(0, 1), 60)
    assert total.data() == "60" and total.data(Qt.ItemDataRole.ForegroundRole).color().name() == RED
    assert "与有效票数不符" in form.totals.text() and RED in form.totals.styleSheet()
    model.setData(model.index(0, 2), 8)
    form.elections[1].void.setValue(2)  # 68 valid ballots: 60 + 8 adds up
    assert form.elections[1].valid_label.text() == "有效选票 = 收回 70 − 废票 2 = 68 张"
    assert total.data() == "68" and total.data(Qt.ItemDataRole.ForegroundRole) is None
    # the items add up to the returned 表决票 with their void ones
    items = form.items_sheet.model
    form.papers["表决票"][1].setValue(70)
    items.setData(items.index(0, 1), 69)
    assert items.index(0, items.total_column).data(Qt.ItemDataRole.ForegroundRole) is not None
    items.setData(items.index(0, 4), 1)
    assert items.index(0, items.total_column).data(Qt.ItemDataRole.ForegroundRole) is None


def test_typing_moves_from_cell_to_cell(page, poll, qtbot):
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    issued = page.form.papers["选票"][0]
    issued.setFocus()
    qtbot.waitUntil(issued.hasFocus)

    def type_in(text: str, key=Qt.Key.Key_Tab) -> None:
        widget = QApplication.focusWidget()
        qtbot.keyClicks(widget, text)
        qtbot.keyClick(widget, key)

    for number in ("70", "70", "70", "70"):  # 选票 and 表决票, 发出 and 收回
        type_in(number)
    committee = page.form.elections[0]
    assert committee.table.hasFocus() or committee.table.isAncestorOf(QApplication.focusWidget())
    type_in("68", Qt.Key.Key_Return)  # Enter moves on like Tab
    type_in("2")
    type_in("0")
    assert committee.model.line(0).values == [68, 2, 0]
    assert committee.table.currentIndex().row() == 1 and committee.table.currentIndex().column() == 1
    for _ in range(7 * 3):
        type_in("0")
    assert QApplication.focusWidget() is committee.void  # after the last cell, the void ballots
    type_in("1", Qt.Key.Key_Return)
    assert committee.void.value() == 1
    court = page.form.elections[1].table
    assert (court.currentIndex().row(), court.currentIndex().column()) == (0, 1)
    assert page.form.papers["选票"][0].value() == 70 and page.form.dirty


def test_write_ins_are_saved_by_name(page, poll, qtbot):
    _fill(page, yes={"杨丹(女)": 67})  # 3 of the 70 voters wrote in another name
    court = page.form.elections[1]
    court.add_button.click()
    model = court.model
    assert model.rowCount() == 2 and model.line(1).write_in
    model.setData(model.index(1, 1), 3)
    assert not page.save_entry()
    assert "第 1 行另选人有票数，请填写姓名" in page.entry_error.text()
    model.setData(model.index(1, 0), "张 三")
    assert model.line(1).name == "张三"
    assert page.save_entry()
    _, figures = counting.entered(poll, voting.list_boxes()[0].box_id, 1)
    assert any(f.write_in == "张三" and f.yes == 3 for f in figures)
    assert page.form.elections[1].model.line(1).name == "张三"  # shown again after saving
    court = page.form.elections[1]
    court.table.setCurrentIndex(court.model.index(1, 1))
    court.remove_button.click()
    assert court.model.rowCount() == 1 and page.form.dirty


# ---------------------------------------------------------------- result, confirmation, corrections


def test_the_result_confirmation_and_a_correction(page, poll, qtbot, asked):
    _fill(page)
    page.save_button.click()
    _choose(page, qtbot, 0, 2)
    _fill(page)
    page.save_button.click()
    _enter_by_service(poll, voting.list_boxes()[1:])
    page.refresh()
    text = _result(page)
    assert "两遍录入全部一致。" in text
    assert "发出选票 210 张，收回 210 张，收回等于或少于发出，本次投票有效。" in text
    assert COURT_LINE in text and "杨丹：赞成 210 票，反对 0 票，弃权 0 票，超过半数。" in text
    assert "当选：杨丹（1 人）" in text and "当选：苏顺康、阚艳（2 人）" in text
    assert "关于议案的决议（草案）：赞成 210 票" in text
    assert "选票：发出选票 210 张" in text and "表决票：发出表决票 210 张" in text  # each paper's verdict
    assert _state(page) == "待确认" and page.confirm_button.isEnabled()
    # the eight committee candidates tie at 183 for seven seats: a re-vote is offered, nothing else
    assert not page.revote_button.isHidden() and "田志勇、" in page.revote_button.toolTip()
    assert page.new_vote_button.isHidden() and page.further_button.isHidden()
    assert page.correct_button.isHidden() and page.delegates_bar.isHidden()

    with qtbot.waitSignal(page.changed):
        page.confirm_button.click()
    assert "确认后锁定，只能以更正方式修改" in asked[-1]
    assert counting.get_poll(poll).confirmed_at == NOW
    assert _state(page) == "已确认（12月23日 10:00）" and page.confirm_button.isHidden()
    assert not page.correct_button.isHidden()
    assert page.acts.row_at(0).detail == "全体代表 210 人；到会代表 210 人（人工填写）"
    assert page.lock_note.isVisibleTo(page) and not page.remove_button.isEnabled()

    # saving an entry now is refused with the service's words
    page.form.papers["选票"][1].setValue(69)
    assert not page.save_entry()
    assert page.entry_error.isVisibleTo(page) and "已锁定" in page.entry_error.text()

    dialog = page.correct()
    assert dialog.box.currentText() == "主席团票箱" and dialog.sheet.papers["选票"][1].value() == 70
    court = dialog.sheet.elections[1].model
    court.setData(court.index(0, 1), 69)
    court.setData(court.index(0, 2), 1)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "写明理由" in dialog.error_text("reason")
    dialog.reason.setText("监票人复核，主席团票箱一张反对票误记为赞成")
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert not dialog.isVisible()
    acts = [page.acts.row_at(r) for r in range(page.acts.rowCount())]
    assert [a.act for a in acts] == ["确认", "更正"]
    assert acts[1].reason == "监票人复核，主席团票箱一张反对票误记为赞成"
    assert page.acts.index(1, 2).data() == acts[1].reason
    assert "杨丹：赞成70 反对0 弃权0 无效0 → 赞成69 反对1 弃权0 无效0" in acts[1].detail
    assert "杨丹：赞成 209 票，反对 1 票" in _result(page)


def test_a_correction_asks_before_leaving_changed_figures(page, poll, asked):
    _enter_by_service(poll, voting.list_boxes())
    counting.confirm(poll, NOW)
    page.refresh()
    dialog = page.correct()
    dialog.sheet.papers["选票"][1].setValue(69)
    asked.answer = False
    dialog.box.setCurrentIndex(1)
    assert "尚未更正" in asked[-1] and dialog.box.currentIndex() == 0
    assert dialog.sheet.papers["选票"][1].value() == 69
    dialog.reject()


def test_a_tie_is_voted_again(page, poll, qtbot):
    _enter_by_service(poll, voting.list_boxes(), yes={"田志勇": 60, "潘登": 60})
    page.refresh()
    text = _result(page)
    assert "须再次投票：" in text and "选出 1 人" in text
    assert page.revote_button.isEnabled()
    with qtbot.waitSignal(page.changed):
        page.revote_button.click()
    revote = page.current()
    assert revote.kind == "再次投票" and revote.parent_id == poll
    assert page.polls.rowCount() == 2 and page.tabs.currentWidget() is page.entry_tab
    assert revote.present == 210  # the same vote's present
    assert [line.name for line in page.form.elections[0].model.lines()] == ["田志勇", "潘登"]
    assert page.form.elections[0].add_button is None  # among the tied only
    assert page.form.items_sheet is None and list(page.form.papers) == ["选票"]
    # the first poll now names its re-vote and offers no second one
    page.select(poll)
    assert page.revote_button.isHidden() and "已安排再次投票" in page.result_state.text()


# ---------------------------------------------------------------- papers


def test_print_menu_offers_the_papers_that_exist(page):
    page._fill_print_menu()
    for (kind, _), action in zip(PAPERS, page.print_menu.actions(), strict=True):
        assert action.isEnabled() == (kind in printing.PAPERS)


def test_the_attendance_of_the_plenary_decides_the_present(page, poll):
    from meetingdesk.services import attendance

    meeting = counting.get_poll(poll).meeting_id
    assert meeting is not None  # the dialog proposes the plenary of the day
    ids = [r.member_id for r in attendance.roll(meeting, role="代表")]
    attendance.tick(meeting, ids, ids[:141])
    page.refresh()
    assert page.present.value() == 141 and not page.present.isEnabled()
    assert page.present_label.text() == "到会人数（据到会签到）"
    assert page.quorum.text().endswith("到会 141 人，符合法定人数。")
    attendance.set_quorum_rule("三分之二以上")
    page.refresh()
    assert "到会代表须有全体代表的三分之二以上，即至少 140 人" in page.quorum.text()


def test_the_print_menu_prints_the_chosen_poll(page, poll, monkeypatch):
    from meetingdesk.ui.common import page_heading

    asked_for: list[tuple[str, dict]] = []
    monkeypatch.setattr(page_heading, "show_print_preview",
                        lambda parent, kind, **options: asked_for.append((kind, options)))
    page._fill_print_menu()
    page.print_menu.actions()[0].trigger()  # 计票结果报告单, from the menu as a clerk picks it
    assert asked_for == [("tally_report", {"poll": poll})]


# ---------------------------------------------------------------- figures that cannot be, at the cell


def _background(index) -> str | None:
    brush = index.data(Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color().name()


def test_a_figure_above_the_valid_ballots_turns_its_cell_red_as_it_is_typed(page, poll):
    form = page.form
    form.papers["选票"][0].setValue(70)
    form.papers["选票"][1].setValue(70)
    court = form.elections[1]
    model = court.model
    cell = model.index(0, 1)
    model.setData(cell, 70)
    assert _background(cell) is None and form.problems.isHidden()
    model.setData(cell, 71)
    assert _background(cell) == ERROR_BACK
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
        "东西湖区人民法院院长 杨丹：赞成、反对、弃权合计 71 票，多于有效选票 70 张（收回 70，废票 0）。")
    # 71 marks for one seat on 70 ballots: the election as a whole, at its 废票 line
    assert ERROR_BACK in court.void.styleSheet() and "多于应选 1 人 × 有效选票 70 张" in court.void.toolTip()
    assert not form.problems.isHidden() and "票数不可能成立（2 处" in form.problems.text()
    assert "“赞成”列：东西湖区人民法院院长 杨丹：赞成、反对、弃权合计 71 票" in form.problems.text()
    assert "2 处票数不可能成立" in page.entry_state.text()
    # the editor open on the cell takes its colour and its message while the clerk types
    court.table.setFocus()
    court.table.open(cell)
    editor = court.table.indexWidget(cell)
    assert ERROR_BACK in editor.styleSheet() and "多于有效选票 70 张" in editor.toolTip()
    model.setData(cell, 69)
    assert _background(cell) is None and editor.styleSheet() == "" and form.problems.isHidden()

    # 8 candidates marked by all 70 voters for 7 seats: the election's 废票 line says so
    committee = form.elections[0]
    for row in range(committee.model.rowCount()):
        committee.model.setData(committee.model.index(row, 1), 70)
    assert ERROR_BACK in committee.void.styleSheet()
    assert "赞成票合计 560 票，多于应选 7 人 × 有效选票 70 张 = 490 票" in committee.void.toolTip()
    committee.model.setData(committee.model.index(0, 1), 0)  # 490 marks: possible
    assert committee.void.styleSheet() == "" and committee.void.toolTip() == ""


def test_a_notice_is_amber_and_the_present_figure_is_taken_at_once(page, poll):
    form = page.form
    form.papers["选票"][0].setValue(70)
    form.papers["选票"][1].setValue(69)
    counting.set_present(poll, 69)
    page.refresh()  # another clerk changed the present: the form checks again
    issued, returned = form.papers["选票"]
    assert NOTICE_BACK in issued.styleSheet() and issued.toolTip() == "选票发出 70 张，多于到会代表 69 人。"
    assert returned.styleSheet() == "" and not form.errors()
    assert "请核对：“发出”列：选票发出 70 张，多于到会代表 69 人。" in form.problems.text()
    returned.setValue(71)  # more back than delegates present, and more back than issued
    assert ERROR_BACK in returned.styleSheet() and RED in returned.styleSheet()
    assert "所投的票数多于投票人数的无效" in returned.toolTip()


def test_saving_is_refused_while_a_figure_cannot_be_then_accepted(page, poll, qtbot):
    _fill(page, yes={"杨丹(女)": 71})
    box = voting.list_boxes()[0].box_id
    assert not page.save_entry()
    assert page.entry_error.isVisibleTo(page)
    assert page.entry_error.text() == ("主席团票箱第一遍：票数不可能成立，未保存。2 处已在格中标红、列在表下"
                                       "（鼠标停在格上可看说明），改正后再保存。")
    assert counting.entered(poll, box, 1) == ({}, []) and page.form.dirty
    court = page.form.elections[1]
    assert court.table.currentIndex() == court.model.index(0, 1)  # the cursor went to the figure
    court.model.setData(court.model.index(0, 1), 70)
    with qtbot.waitSignal(page.changed):
        page.save_button.click()
    assert page.entry_error.isHidden() and not page.form.dirty
    assert any(f.yes == 70 for f in counting.entered(poll, box, 1)[1] if f.poll_election_id == court.election.poll_election_id)


# ---------------------------------------------------------------- each paper on its own, states


def test_a_void_ballot_paper_leaves_the_items_standing(page, poll, qtbot):
    # the presidium's box: 69 选票 issued, 70 back — the 选票 is void, the 表决票 stands
    _enter_by_service(poll, voting.list_boxes(), first_box={"issued": 69})
    page.refresh()
    text = _result(page)
    assert "选票：发出选票 209 张，收回 210 张，收回多于发出，本次投票无效，应重新投票。" in text
    assert "表决票：发出表决票 210 张，收回 210 张，收回等于或少于发出，本次投票有效。" in text
    assert "选票和表决票分别计票：选票无效，须重新投票；表决票有效，其结果可以确认。" in text
    assert "本项选举无效，无人当选，也不是缺额：应重新投票。" in text and "当选：" not in text
    outcome = counting.result(poll)
    assert [e.state for e in outcome.elections] == ["无效"] * 3 and {i.state for i in outcome.items} == {"通过"}
    assert not outcome.paper_valid("选票") and outcome.paper_valid("表决票")
    assert page.confirm_button.isEnabled()  # the 表决票's result can be confirmed
    assert not page.new_vote_button.isHidden()
    assert "只就选票上的选举事项重新投票" in page.new_vote_button.toolTip()
    assert "表决票有效，不受影响" in page.new_vote_button.toolTip()
    with qtbot.waitSignal(page.changed):
        page.confirm_button.click()
    assert page.acts.row_at(0).detail == "全体代表 210 人；到会代表 210 人（人工填写）；选票无效，须重新投票"
    with qtbot.waitSignal(page.changed):
        page.new_vote_button.click()
    again = page.current()
    assert again.kind == "重新投票" and again.parent_id == poll and again.papers == ("选票",)
    assert [len(pe.candidates) for pe in again.elections] == [8, 1, 2]
    assert page.tabs.currentWidget() is page.entry_tab
    page.select(poll)
    assert page.new_vote_button.isHidden() and "已安排重新投票" in page.result_state.text()


def test_an_item_not_entered_is_not_rejected(page, poll):
    _enter_by_service(poll, voting.list_boxes(), skip_items=1)
    page.refresh()
    text = _result(page)
    last = counting.get_poll(poll).items[-1].title
    assert f"{last}：票数未录入。" in text and "未通过" not in text
    assert "background-color:#757575" in page.result.toHtml()  # the grey 未录入 label
    assert counting.result(poll).items[-1].state == "未录入"


def test_a_missing_quorum_offers_a_new_vote_of_everything(page, poll, qtbot):
    _enter_by_service(poll, voting.list_boxes(), present=140, per_box=46)
    page.refresh()
    text = _result(page)
    assert "不足法定人数" in text and "本次投票无效，不能确认结果，应重新投票。" in text
    assert not page.confirm_button.isEnabled() and "不足法定人数" in page.confirm_button.toolTip()
    assert _state(page) == "无效，应重新投票"
    assert page.revote_button.isHidden() and not page.new_vote_button.isHidden()
    assert "选举和表决事项全部重新投票" in page.new_vote_button.toolTip()
    with qtbot.waitSignal(page.changed):
        page.new_vote_button.click()
    again = page.current()
    assert again.kind == "重新投票" and again.papers == ("选票", "表决票")
    assert len(again.elections) == 3 and len(again.items) == 7


# ---------------------------------------------------------------- 全体代表, 另行选举


def test_all_delegates_taken_again_from_the_roster(page, poll, qtbot, asked, warned):
    from meetingdesk.services import roster

    _enter_by_service(poll, voting.list_boxes(), present=204, per_box=68)  # records 全体代表 210
    standing = {c.person_id for e in elections.list_elections() for c in e.candidates}
    for member in roster.list_members(role="代表"):
        if member.person_id in standing:
            continue
        try:
            roster.end_member(member.member_id, dt.date(2023, 12, 20), "因工作调整辞去代表职务")
            break
        except ServiceError:  # a delegation's head or deputy: the next one
            continue
    page.refresh()
    assert not page.delegates_bar.isHidden()
    assert page.delegates_note.text().startswith("录入时记下的全体代表为 210 人；代表名单按投票当日（12月23日）现为 209 人。")
    page.confirm_button.click()
    assert "先“按名单更新全体代表人数”，再确认" in warned[-1]
    assert counting.get_poll(poll).confirmed_at is None
    with qtbot.waitSignal(page.changed):
        page.delegates_button.click()
    assert "由 210 人改为代表名单按投票当日计算的 209 人" in asked[-1]
    assert counting.get_poll(poll).all_delegates == 209 and page.delegates_bar.isHidden()
    assert "全体代表 209 人，过半数为 105 票" in _result(page)
    page.confirm_button.click()
    assert page.acts.row_at(0).detail == "全体代表 209 人；到会代表 204 人（人工填写）"


def test_a_further_round_for_seats_left_vacant(page, poll, qtbot):
    from meetingdesk.services import session

    low = {"田志勇": 20, "潘登": 20, "程明顺": 20}  # 60 votes each, short of 106: two seats vacant
    _enter_by_service(poll, voting.list_boxes(), yes=low)
    page.refresh()
    assert "缺额 2 人。" in _result(page)
    counting.confirm(poll, NOW)
    page.refresh()
    assert page.further_button.isHidden()  # the 办法 says 缺额: the seats stay vacant
    session.set_bylaw(vacancy_rule="另行选举")
    page.refresh()
    assert not page.further_button.isHidden()
    assert "常务委员会委员缺额 2 人" in page.further_button.toolTip()
    dialog = page.arrange_further_round()
    assert dialog.seats.text() == "2 人"
    items = [dialog.candidates.item(i) for i in range(dialog.candidates.count())]
    assert sorted(i.text() for i in items) == sorted(f"{name}（原得 60 票）" for name in low)
    assert all(i.checkState() == Qt.CheckState.Checked for i in items)  # 差额: at least 3 for 2 seats
    items[0].setCheckState(Qt.CheckState.Unchecked)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "另行选举 2 人" in dialog.error_text("candidates")
    items[0].setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    further = page.current()
    assert further.kind == "另行选举" and further.parent_id == poll and further.elections[0].seats == 2
    assert sorted(c.name for c in further.elections[0].candidates) == sorted(low)
    assert page.tabs.currentWidget() is page.entry_tab
    page.select(poll)
    assert page.further_button.isHidden() and "已安排另行选举" in page.result_state.text()

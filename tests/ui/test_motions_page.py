"""The 议案 page on the demo session: the register, registering through the dialog (signers picked by
typing), the late motion offered as a suggestion, withdrawal, review, handling, the deadline banner."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from meetingdesk import printing
from meetingdesk.services import motions, roster, schedule
from meetingdesk.services.motions import MotionInput
from meetingdesk.store import Assignment, Motion
from meetingdesk.ui.common import print_preview
from meetingdesk.ui.motions.models import MotionsModel
from meetingdesk.ui.motions.page import PAPERS, MotionsPage

from .helpers import ok as _ok, shown

BEFORE = dt.datetime(2023, 12, 22, 9, 0)
AFTER = dt.datetime(2023, 12, 22, 11, 1)
TEAM = "吴家山街代表团"


@pytest.fixture
def page(qtbot, demo_session, asked):
    return shown(qtbot, MotionsPage(), BEFORE)



def _cells(page, row: int) -> list[str]:
    return [page.proxy.index(row, c).data() for c in range(page.proxy.columnCount())]


def _team(n: int, team: str = TEAM):
    return [m for m in roster.list_members(role="代表") if m.delegation == team][:n]


def _type_signers(qtbot, picker, members) -> None:
    """Search each delegate by name (and the delegation, to be sure) and press Enter."""
    for m in members:
        picker.search_for(f"{m.name} {m.delegation[:3]}")
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)


def _new_motion(kind: str = "议案") -> int:
    ids = tuple(m.member_id for m in _team(10))
    return motions.register_motion(MotionInput(kind, "关于加快老旧小区改造的议案", lead_member_id=ids[0],
                                               signer_member_ids=ids, received_at=BEFORE), BEFORE)


# ---------------------------------------------------------------- the register


def test_register_shows_the_fourteen_motions(page):
    assert page.model.rowCount() == page.proxy.rowCount() == 14
    first = _cells(page, 0)
    assert first[MotionsModel.NUMBER] == "议案原案第1号"
    assert first[MotionsModel.STATE] == "列为大会议案"
    assert first[MotionsModel.LEAD] == "刘锦刚"
    assert first[MotionsModel.SIGNERS] == "10"
    assert first[MotionsModel.DELEGATIONS] == "径河街代表团、辛安渡街代表团"
    assert first[MotionsModel.RECEIVED] == "12月21日 14:00"
    assert _cells(page, 13)[MotionsModel.NUMBER] == "议案原案第14号"
    # the 13 the review turned into suggestions count as suggestions
    assert page.counts.text() == "议案 1 件、建议 13 件"
    page.select(page.model.row_at(1).motion_id)
    assert "吴家山街、将军路街等代表团的李平等19名代表" in page.details.toPlainText()


def test_a_signer_ending_their_mandate_shows_red(page):
    ninth = page.model.row_at(8)  # 范春's motion has exactly ten signers
    roster.end_member(ninth.signers[-1].member_id, dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    page.refresh()
    cell = page.proxy.index(8, MotionsModel.SIGNERS)
    assert cell.data() == "9"
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert "现只有 9 名" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert page.proxy.index(7, MotionsModel.SIGNERS).data(Qt.ItemDataRole.ToolTipRole) is None


def test_state_kind_and_text_filters(page):
    # the demo holds the handling after the session: the 13 turned into suggestions are rated
    page.state_filter.setCurrentIndex(page.state_filter.findData("已测评"))
    assert page.proxy.rowCount() == 13
    page.state_filter.setCurrentIndex(page.state_filter.findData("列为大会议案"))
    assert page.proxy.rowCount() == 1 and _cells(page, 0)[MotionsModel.NUMBER] == "议案原案第1号"
    page.state_filter.setCurrentIndex(0)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("建议"))
    assert page.proxy.rowCount() == 0
    page.kind_filter.setCurrentIndex(0)
    page.search.setText("耕地")
    assert page.proxy.rowCount() == 1 and _cells(page, 0)[MotionsModel.LEAD] == "王建兵"
    page.search.setText("")
    assert page.proxy.rowCount() == 14


def test_lead_column_sorts_by_strokes(page):
    page.view.sortByColumn(MotionsModel.LEAD, Qt.SortOrder.AscendingOrder)
    leads = [_cells(page, r)[MotionsModel.LEAD] for r in range(14)]
    assert leads[0] == "王建兵" and leads.index("刘锦刚") < leads.index("黄昌建")


def test_focus_selects_a_motion_hidden_by_the_filters(page):
    target = page.model.row_at(5).motion_id
    page.state_filter.setCurrentIndex(page.state_filter.findData("列为大会议案"))
    assert page.focus(("motion", target))
    assert page.current_id() == target and page.state_filter.currentIndex() == 0
    assert not page.focus(("motion", 99999))


def test_counts_by_delegation(page):
    page.tabs.setCurrentIndex(1)
    rows = {page.team_counts.row_at(r)[0]: page.team_counts.row_at(r) for r in range(page.team_counts.rowCount())}
    # a 议案 the review turned into a suggestion counts as a suggestion
    assert rows["柏泉街代表团"] == ("柏泉街代表团", 0, 3)
    assert rows["合计"] == ("合计", 1, 13)


# ---------------------------------------------------------------- registering


def test_registering_a_motion_with_ten_signers(page, qtbot):
    ten = _team(10)
    dialog = page.register()
    dialog.title.setText("关于加快老旧小区改造的议案")
    picker = dialog.signers
    _type_signers(qtbot, picker, ten[:9])
    assert picker.hint.isVisible() and "还差 1 人" in picker.hint.text()
    _type_signers(qtbot, picker, ten[9:])
    assert picker.chosen_keys() == [m.member_id for m in ten]
    assert picker.count.text() == "联名代表 10 人（在任 10 人）"
    assert not picker.hint.isVisible()
    assert picker.delegations.text() == f"涉及代表团：{TEAM}"
    assert dialog.lead.text() == f"{ten[0].display}（{TEAM}）"
    # A delegate cannot be added twice: they show as chosen and Enter adds nobody.
    picker.search_for(f"{ten[3].name} {TEAM[:3]}")
    assert picker.offered_labels()[0].endswith("已选")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert len(picker.chosen_keys()) == 10
    assert dialog.isVisible()  # Enter in the search line never closes the dialog

    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert not dialog.isVisible()
    row = page.current()
    assert row.register_no == "议案原案第15号" and row.lead.member_id == ten[0].member_id
    assert "议案原案第15号" in page.notice.text()
    assert page.model.rowCount() == 15 and page.counts.text() == "议案 2 件、建议 13 件"
    assert Motion.get(Motion.number == 15).received_at == BEFORE


def test_an_attachment_is_kept_and_can_be_saved_again(page, qtbot, tmp_path):
    scan = tmp_path / "议案原件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    dialog = page.register()
    dialog.title.setText("关于加快老旧小区改造的议案")
    _type_signers(qtbot, dialog.signers, _team(10))
    dialog.attachment.setText(str(scan))
    _ok(qtbot, dialog)
    assert page.current().attachment == "议案原件.pdf" and page.attachment_button.isEnabled()
    out = tmp_path / "另存.pdf"
    assert page.save_attachment(str(out))
    assert out.read_bytes() == b"%PDF-1.4 scan"
    dialog = page.edit()
    assert dialog.attachment.text() == "议案原件.pdf"
    dialog.attachment.setText(str(tmp_path / "无.pdf"))
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "找不到附件" in dialog.error_text("attachment")
    dialog.reject()


def test_nine_signers_show_the_error_under_the_signers(page, qtbot):
    dialog = page.register()
    dialog.title.setText("关于加快老旧小区改造的议案")
    _type_signers(qtbot, dialog.signers, _team(9))
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "现只有 9 名" in dialog.error_text("signers")
    assert Motion.select().count() == 14


def test_the_lead_can_be_changed_and_a_signer_removed(page, qtbot):
    dialog = page.register()
    picker = dialog.signers
    ten = _team(3)
    for m in ten:
        picker.add(m.member_id)
    picker.chosen_view.setCurrentIndex(picker.chosen.index(2, 0))
    picker.lead_button.click()
    assert picker.lead_id() == ten[2].member_id and picker.chosen_keys()[0] == ten[2].member_id
    picker.chosen_view.setCurrentIndex(picker.chosen.index(0, 0))
    picker.remove_button.click()
    assert picker.chosen_keys() == [ten[0].member_id, ten[1].member_id]
    assert picker.lead_id() == ten[0].member_id  # the next one leads
    dialog.reject()


def test_ended_delegates_are_not_offered(page, qtbot):
    gone = _team(1)[0]
    roster.end_member(gone.member_id, dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    dialog = page.register()
    dialog.signers.search_for(gone.name)
    assert not any(label.startswith(f"{gone.name}（{TEAM}") for label in dialog.signers.offered_labels())
    dialog.reject()


def test_a_late_motion_is_registered_as_a_suggestion(page, qtbot, asked):
    page.now = lambda: AFTER
    dialog = page.register()
    assert dialog.late_hint.isVisible()
    dialog.title.setText("关于增设公交线路的议案")
    _type_signers(qtbot, dialog.signers, _team(10))
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert "是否登记为建议" in asked[-1]
    row = page.current()
    # the demo's 13 suggestions were taken over as 建议第1–13号: the register numbers on
    assert row.register_no == "建议第14号" and row.kind == "建议"
    assert page.counts.text() == "议案 1 件、建议 14 件"
    assert "截止时间以后收到 1 件" in page.banner.note.text()


def test_a_late_motion_refused_as_a_suggestion_writes_nothing(page, qtbot, asked):
    page.now = lambda: AFTER
    asked.answer = False
    dialog = page.register()
    dialog.title.setText("关于增设公交线路的议案")
    _type_signers(qtbot, dialog.signers, _team(10))
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "晚于提出议案截止时间" in dialog.error_text("kind")
    assert Motion.select().count() == 14


def test_editing_keeps_the_signers_and_the_lead(page, qtbot):
    page.select(page.model.row_at(0).motion_id)
    dialog = page.edit()
    assert len(dialog.signers.chosen_keys()) == 10
    assert dialog.lead.text().startswith("刘锦刚")
    dialog.title.setText("强化数字赋能的议案")
    _ok(qtbot, dialog)
    assert page.current().title == "强化数字赋能的议案" and page.current().register_no == "议案原案第1号"


# ---------------------------------------------------------------- what happens next


def test_withdraw_and_undo_the_withdrawal(page, qtbot, asked):
    page.select(page.model.row_at(0).motion_id)
    assert not page.withdraw_button.isEnabled() and "不能再撤回" in page.withdraw_button.toolTip()
    new = _new_motion()
    page.refresh()
    page.select(new)
    assert page.withdraw_button.isEnabled()
    dialog = page.withdraw()
    dialog.reason.setCurrentText("领衔代表书面要求撤回")
    _ok(qtbot, dialog)
    row = page.current()
    assert row.state == "已撤回" and row.withdraw_reason == "领衔代表书面要求撤回"
    assert page.counts.text() == "议案 1 件、建议 13 件（另有已撤回 1 件）"
    assert page.undo_withdraw_button.isVisibleTo(page) and not page.withdraw_button.isVisibleTo(page)
    assert not page.review_button.isEnabled()
    page.undo_withdraw_button.click()
    assert "取消议案原案第15号的撤回" in asked[-1]
    assert page.current().state == "待审查"


def test_review_through_the_dialog(page, qtbot):
    new = _new_motion()
    page.refresh()
    page.select(new)
    assert not page.handling_button.isEnabled()
    dialog = page.review()
    dialog.decision.setCurrentIndex(dialog.decision.findData("其他"))
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "须写明理由" in dialog.error_text("reason")
    dialog.decision.setCurrentIndex(dialog.decision.findData("转为代表建议"))
    dialog.merged.setCurrentIndex(dialog.merged.findData(page.model.row_at(0).motion_id))
    _ok(qtbot, dialog)
    row = page.current()
    assert row.decision == "转为代表建议" and row.state == "并案"
    assert "并入：议案原案第1号" in page.details.toPlainText()


def test_a_review_saved_elsewhere_while_the_dialog_is_open_is_not_written_over(page, qtbot):
    new = _new_motion()
    page.refresh()
    page.select(new)
    dialog = page.review()
    motions.review_motion(new, "其他", "另一处写的理由")  # meanwhile (another desk)
    dialog.decision.setCurrentIndex(dialog.decision.findData("列为大会议案"))
    _ok(qtbot, dialog)
    said = dialog.error_text("")
    assert dialog.isVisible() and "本次修改没有保存" in said and "其他（另一处写的理由）" in said, said
    assert motions.get_motion(new).decision == "其他"
    dialog.reject()


def test_handling_units_reply_and_rating(page, qtbot):
    first = page.model.row_at(0)
    page.select(first.motion_id)
    assert page.handling_button.isEnabled()
    dialog = page.handle()
    dialog.units.lines[0][1].setText("区数据局")
    dialog.units.add_button.click()
    dialog.units.lines[1][1].setText("区经济和信息化局")
    dialog.replied.setChecked(True)
    dialog.reply_date.setDate(QDate(2023, 12, 1))  # before the motion came in
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "早于收到日期" in dialog.error_text("reply_date")
    assert page.current().units == ()  # units and reply are written together or not at all
    dialog.reply_date.setDate(QDate(2024, 3, 1))
    dialog.rating.setCurrentIndex(dialog.rating.findData("满意"))
    _ok(qtbot, dialog)
    row = page.current()
    assert [(u.unit, u.lead) for u in row.units] == [("区数据局", True), ("区经济和信息化局", False)]
    assert row.reply_date == dt.date(2024, 3, 1) and row.state == "已测评"
    # the 大会议案's handling, kept with services.suggestions (on the motion, not as a suggestion)
    assert Assignment.select().where(Assignment.motion == first.motion_id).count() == 2


# ---------------------------------------------------------------- the deadline


def test_deadline_banner_before_and_after(page):
    assert page.banner.text.text() == "提出议案截止时间 2023年12月22日上午11:00，还有 2 小时 0 分（主席团第一次会议确定）"
    assert not page.banner.past
    assert page.banner.timer.isActive() and page.banner.timer.interval() == 30_000
    page.now = lambda: dt.datetime(2023, 12, 22, 11, 30)
    page.banner.timer.timeout.emit()
    assert page.banner.text.text().startswith("提出议案截止时间 2023年12月22日上午11:00，已过 30 分")
    assert page.banner.past and "#b00020" in page.banner.text.styleSheet()


def test_deadline_dialog_sets_both_deadlines(page, qtbot):
    dialog = page.banner.edit()
    meeting = schedule.meeting_choices()[1][0]
    dialog.set_value("议案", dt.datetime(2023, 12, 22, 12, 0), meeting)
    dialog.set_value("提名", None)
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert motions.get_deadline("议案").at == dt.datetime(2023, 12, 22, 12, 0)
    assert motions.get_deadline("提名") is None
    assert "还有 3 小时 0 分" in page.banner.text.text()


# ---------------------------------------------------------------- papers


def test_print_menu_offers_the_papers_that_exist(page):
    page._fill_print_menu()
    actions = page.print_menu.actions()
    assert len(actions) == len(PAPERS)
    for (kind, _), action in zip(PAPERS, actions):
        assert action.isEnabled() == (kind in printing.PAPERS)


@pytest.mark.parametrize("kind", [k for k, _ in PAPERS])
def test_printing_a_paper(page, monkeypatch, kind):
    if kind not in printing.PAPERS:
        pytest.skip(f"printing.PAPERS has no “{kind}” yet")
    monkeypatch.setattr(print_preview, "BACKGROUND", False)
    dialog = page.print_paper(kind)
    assert dialog is not None and dialog.pages >= 1
    dialog.close()


# ---------------------------------------------------------------- 续办议案


def test_continued_motions_are_added_refused_at_their_field_and_removed(qtbot, page, asked):
    tab = page.carried_tab
    page.tabs.setCurrentWidget(tab)
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "续办议案"
    assert tab.model.rowCount() == 1
    assert [tab.model.index(0, c).data() for c in range(3)] == [
        "第十一届人民代表大会第一次会议",
        "贯彻新发展理念，提速建设泛金银湖总部经济区，加快推进中西部地区产城融合发展的议案", ""]
    changed = []
    page.changed.connect(lambda: changed.append(True))

    dialog = tab.add()
    assert (dialog.term.value(), dialog.number.value()) == (11, 1)  # this term's first session by default
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "请填写续办议案的标题" in dialog.error_text("title")
    dialog.title.setText("加强耕地保护的议案")
    dialog.number.setValue(3)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "不在它之前" in dialog.error_text("number")
    assert dialog.error_text("title") == ""
    assert len(motions.list_carried()) == 1 and not changed
    dialog.number.setValue(2)
    dialog.lead.setText("王建兵")
    _ok(qtbot, dialog)
    assert not dialog.isVisible() and changed
    assert tab.model.rowCount() == 2 and tab.current().title == "加强耕地保护的议案"
    assert tab.current().session_text == "第十一届人民代表大会第二次会议"

    edit = tab.edit()
    edit.lead.setText("")
    _ok(qtbot, edit)
    assert tab.current().lead == ""

    tab.remove()
    assert "加强耕地保护的议案" in asked[-1]
    assert [c.title for c in motions.list_carried()] == [
        "贯彻新发展理念，提速建设泛金银湖总部经济区，加快推进中西部地区产城融合发展的议案"]
    assert tab.model.rowCount() == 1

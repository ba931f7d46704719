"""The 选举 page on the demo session: the elections, a joint nomination through the dialog,
withdrawals changing the candidate count, fixing and reopening the candidate list."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from meetingdesk import printing
from meetingdesk.services import elections, roster
from meetingdesk.store import Election, Nomination
from meetingdesk.ui.common import print_preview
from meetingdesk.ui.elections.models import ElectionsModel
from meetingdesk.ui.elections.page import PAPERS, ElectionsPage

from .helpers import ok as _ok, shown

NOW = dt.datetime(2023, 12, 22, 8, 0)
COMMITTEE = "东西湖区第十一届人民代表大会常务委员会委员"


@pytest.fixture
def page(qtbot, demo_session, asked):
    return shown(qtbot, ElectionsPage(), NOW)



def _cell(page, row: int, column: int) -> str:
    return page.election_sort.index(row, column).data()


def _candidates(page) -> list[str]:
    return [page.candidates.index(r, 0).data() for r in range(page.candidates.rowCount())]


def _reopened(page) -> None:
    """The demo's lists are fixed; reopen the committee's through the page."""
    page.select(Election.get(Election.office == COMMITTEE).id)
    assert page.fix_button.text() == "重新开放提名…"
    page.fix_button.click()
    assert page.current().fixed_on is None and page.fix_button.text() == "确定候选人名单…"


def _type(qtbot, picker, text: str) -> None:
    picker.search_for(text)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)


# ---------------------------------------------------------------- reading


def test_the_three_demo_elections(page):
    assert page.elections.rowCount() == 3
    assert [_cell(page, r, ElectionsModel.CANDIDATES) for r in range(3)] == ["8", "1", "2"]
    assert _cell(page, 0, ElectionsModel.OFFICE) == COMMITTEE
    assert _cell(page, 0, ElectionsModel.RULE) == "候选人数应比应选人数多十分之一至五分之一"
    assert _cell(page, 0, ElectionsModel.RANGE) == "差额选举，候选人 8 人（办法决定）"
    assert _cell(page, 1, ElectionsModel.MODE) == "等额"
    assert _cell(page, 0, ElectionsModel.STATUS) == "候选人名单已确定（2023年12月22日）"
    # the first election is shown: two nominations, eight candidates in stroke order
    assert page.nominations.rowCount() == 2
    assert page.nominations.index(1, 1).data() == "王钢华等10名代表联名"
    assert _candidates(page) == [c.display for c in elections.list_elections()[0].candidates]
    assert _candidates(page)[0] == "田志勇" and page.candidate_count.text() == "候选人 8 人"


def test_focus_selects_an_election(page):
    court = Election.get(Election.office == "东西湖区人民法院院长").id
    assert page.focus(("election", court))
    assert page.current_id() == court and _candidates(page) == ["杨丹(女)"]
    assert not page.focus(("motion", court))


def test_nomination_deadline_banner(page):
    assert page.banner.text.text() == "提名候选人截止时间 2023年12月22日上午9:00，还有 1 小时 0 分（第一次全体会议确定）"
    assert not page.banner.past
    page.now = lambda: dt.datetime(2023, 12, 22, 9, 5)
    page.banner.update_text()
    assert "已过 5 分" in page.banner.text.text() and page.banner.past


# ---------------------------------------------------------------- nominating


def test_a_joint_nomination_through_the_dialog(page, qtbot):
    _reopened(page)
    nominee = next(m for m in roster.list_members(role="代表") if m.delegation == "金银湖街代表团")
    signers = [m for m in roster.list_members(role="代表") if m.delegation == "吴家山街代表团"][:10]
    dialog = page.nominate()
    dialog.nominator.setCurrentIndex(dialog.nominator.findData("代表联名"))
    assert dialog.signers.isVisibleTo(dialog)
    _type(qtbot, dialog.nominees, f"{nominee.name} 金银湖")
    assert dialog.nominees.chosen_keys() == [nominee.person_id]
    for m in signers[:9]:
        _type(qtbot, dialog.signers, f"{m.name} 吴家山")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "现只有 9 名" in dialog.error_text("signers")
    _type(qtbot, dialog.signers, f"{signers[9].name} 吴家山")
    assert dialog.signers.count.text() == "联名代表 10 人（在任 10 人）"
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert not dialog.isVisible()
    row = page.current()
    assert len(row.candidates) == 9 and row.needs_preliminary
    assert page.nominations.rowCount() == 3
    by = [page.nominations.index(r, 1).data() for r in range(3)]
    assert by[1] == f"{signers[0].name}等10名代表联名"  # received at 8:00, before 王钢华's paper at 8:30
    assert _cell(page, 0, ElectionsModel.CANDIDATES) == "9"
    assert _cell(page, 0, ElectionsModel.STATUS).startswith("须先进行预选：")
    assert nominee.display in _candidates(page)


def test_nominators_follow_the_election(page):
    page.select(Election.get(Election.office == COMMITTEE).id)
    dialog = page.nominate()
    assert [dialog.nominator.itemData(i) for i in range(dialog.nominator.count())] == ["主席团", "代表联名"]
    assert not dialog.organisation.isVisibleTo(dialog)
    dialog.reject()
    page.select(Election.get(Election.office.contains("武汉市")).id)
    dialog = page.nominate()
    assert [dialog.nominator.itemData(i) for i in range(dialog.nominator.count())] == ["代表联名", "政党团体"]
    dialog.nominator.setCurrentIndex(1)
    assert dialog.organisation.isEnabled()
    dialog.reject()


def test_a_nominee_outside_the_roster(page, qtbot):
    court = Election.get(Election.office == "东西湖区人民法院院长").id
    elections.fix_candidates(court, None)
    page.refresh()
    page.select(court)
    dialog = page.nominate()
    outside = dialog.add_outside_person()
    outside.name.setText("郑凯文")
    _ok(qtbot, outside)
    assert [r.label for r in dialog.nominees.chosen_rows()] == ["郑凯文"]
    _ok(qtbot, dialog)  # the presidium has named 杨丹 for the one seat already
    assert dialog.isVisible() and "超过应选名额 1 人" in dialog.error_text("nominees")
    dialog.nominator.setCurrentIndex(dialog.nominator.findData("代表联名"))
    for m in [m for m in roster.list_members(role="代表") if m.delegation == "吴家山街代表团"][:10]:
        _type(qtbot, dialog.signers, f"{m.name} 吴家山")
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert _candidates(page) == ["杨丹(女)", "郑凯文"]  # stroke order: 杨 7, 郑 8
    assert page.election_status.text().endswith("须先进行预选：等额选举的候选人数应等于应选名额 1 人，现为 2 人。")


def test_withdrawing_a_nominee_changes_the_count(page, qtbot):
    _reopened(page)
    presidium_paper = page.nominations.row_at(0)
    page.nomination_view.setCurrentIndex(page.nominations.index(0, 0))
    dialog = page.withdraw_nominee()
    pan = next(n for n in presidium_paper.nominees if n.name == "潘登")
    assert dialog.choose(presidium_paper.nomination_id, pan.person_id)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "请写明撤回的原因" in dialog.error_text("reason")
    dialog.reason.setText("被提名人书面表示不愿被提名")
    _ok(qtbot, dialog)
    row = page.current()
    assert len(row.candidates) == 7 and "潘登" not in _candidates(page)
    assert _cell(page, 0, ElectionsModel.CANDIDATES) == "7"
    assert _cell(page, 0, ElectionsModel.STATUS) == "差额选举应选 7 人，办法决定候选人为 8 人，现为 7 人。"
    assert "#b00020" in page.election_status.styleSheet()
    assert "潘登（已撤回）" in page.nominations.index(0, 3).data()
    assert page.nominations.index(0, 4).data() == "有效（撤回 1 人）"


def test_withdrawing_a_whole_nomination(page, qtbot):
    _reopened(page)
    page.nomination_view.setCurrentIndex(page.nominations.index(1, 0))
    dialog = page.withdraw_nomination()
    _ok(qtbot, dialog)
    assert "田志勇" not in _candidates(page) and page.current().nominations[1].withdrawn_at == NOW
    assert page.nominations.index(1, 4).data() == "已撤回（12月22日 08:00）"


def test_fixing_the_list_blocks_further_nominations(page, qtbot):
    _reopened(page)
    dialog = page.fix_or_reopen()
    _ok(qtbot, dialog)  # 8:00: the nomination deadline (9:00) has not passed
    assert dialog.isVisible() and "截止以后才能确定" in dialog.error_text("on")
    dialog.reject()
    page.now = lambda: dt.datetime(2023, 12, 22, 9, 30)
    dialog = page.fix_or_reopen()
    _ok(qtbot, dialog)
    assert page.current().fixed_on == NOW.date() and page.fix_button.text() == "重新开放提名…"
    count = Nomination.select().count()
    dialog = page.nominate()
    _type(qtbot, dialog.nominees, "王建兵")
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("") == "主席团已确定候选人名单，不再接受提名。"
    assert Nomination.select().count() == count
    dialog.reject()
    # withdrawals are refused too, with the service's words
    withdraw = page.withdraw_nominee()
    withdraw.reason.setText("被提名人书面表示不愿被提名")
    _ok(qtbot, withdraw)
    assert withdraw.error_text("") == "主席团已确定候选人名单，不能再撤回提名。"


# ---------------------------------------------------------------- elections


def test_new_edit_and_remove_an_election(page, qtbot, asked):
    dialog = page.new_election()
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "请填写选举的职务" in dialog.error_text("office")
    dialog.office.setText("东西湖区人民检察院检察长")
    dialog.rule.setCurrentIndex(dialog.rule.findData("常委会委员"))
    dialog.mode.setCurrentText("等额")
    _ok(qtbot, dialog)
    assert "不能等额选举" in dialog.error_text("mode")
    dialog.rule.setCurrentIndex(dialog.rule.findData("正职"))
    assert "等额选举，候选人 1 人" in dialog.explain.text()
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert page.elections.rowCount() == 4 and page.current().office == "东西湖区人民检察院检察长"
    assert _cell(page, 3, ElectionsModel.STATUS) == "等额选举的候选人数应等于应选名额 1 人，现为 0 人。"

    dialog = page.edit_election()
    dialog.seats.setValue(2)
    _ok(qtbot, dialog)
    assert page.current().seats == 2

    page.remove_button.click()
    assert "删除选举事项“东西湖区人民检察院检察长”" in asked[-1]
    assert page.elections.rowCount() == 3


# ---------------------------------------------------------------- papers


def test_print_menu_offers_the_papers_that_exist(page):
    page._fill_print_menu()
    for (kind, _), action in zip(PAPERS, page.print_menu.actions(), strict=True):
        assert action.isEnabled() == (kind in printing.PAPERS)


@pytest.mark.parametrize("kind", [k for k, _ in PAPERS])
def test_printing_a_paper(page, monkeypatch, kind):
    if kind not in printing.PAPERS:
        pytest.skip(f"printing.PAPERS has no “{kind}” yet")
    monkeypatch.setattr(print_preview, "BACKGROUND", False)
    dialog = page.print_paper(kind)
    if kind == "preballots":  # no demo election needs a preliminary vote: the preview says so
        assert dialog is not None and "没有需要预选的选举" in dialog.message
        return
    if kind == "preliminary_report":
        assert dialog is not None and "没有进行预选" in dialog.message
        return
    assert dialog is not None and dialog.pages >= 1
    dialog.close()


def test_the_rule_chooser_offers_the_by_election_of_officers(page, qtbot):
    dialog = page.new_election()
    assert [dialog.rule.itemData(i) for i in range(dialog.rule.count())] == [
        "常委会委员", "正职", "副职", "上级人大代表", "补选代表", "补选"]
    dialog.rule.setCurrentIndex(dialog.rule.findData("补选"))
    assert dialog.rule.currentText() == "补选正副职和委员（差额或等额）"
    dialog.mode.setCurrentText("等额")
    assert dialog.explain.text().startswith("补选时候选人数可以多于应选人数，也可以同应选人数相等。")
    dialog.office.setText("东西湖区第十一届人民代表大会常务委员会副主任")
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert page.current().rule == "补选" and page.current().body == "常委会"


def test_the_late_hint_speaks_for_every_nominator(page, qtbot):
    _reopened(page)
    dialog = page.nominate()
    assert dialog.nominator.currentData() == "主席团" and not dialog.late_hint.isVisibleTo(dialog)
    dialog.received.setDateTime(dt.datetime(2023, 12, 22, 9, 1))
    assert dialog.late_hint.isVisibleTo(dialog)
    assert dialog.late_hint.text() == "收到时间晚于提名候选人截止时间（2023年12月22日 09:00），提名无效。"
    dialog.reject()


# ---------------------------------------------------------------- the 办法's number and the organ


def test_the_banfa_number_and_the_organ_in_the_election_dialog(page, qtbot):
    dialog = page.new_election()
    assert dialog.candidates.text() == "未定" and dialog.body.currentData() == ""
    dialog.office.setText("东西湖区人民政府副区长")
    assert dialog.body.currentData() == "政府" and dialog.body.currentText() == "人民政府"
    dialog.seats.setValue(2)
    dialog.rule.setCurrentIndex(dialog.rule.findData("副职"))
    assert "法定幅度：差额选举，候选人 3 至 5 人" in dialog.explain.text()
    dialog.candidates.setValue(6)
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "候选人数应为 3 至 5 人" in dialog.error_text("candidates") and dialog.error_text("") == ""
    assert dialog.candidates.hasFocus() or not dialog.isActiveWindow()
    dialog.candidates.setValue(4)
    assert "差额选举，候选人 4 人（办法决定）" in dialog.explain.text()
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    row = page.current()
    assert (row.office, row.body, row.decided_candidates, row.most_candidates) == ("东西湖区人民政府副区长", "政府", 4, 4)
    assert _cell(page, 3, ElectionsModel.RANGE) == "差额选举，候选人 4 人（办法决定）"

    # editing: the number shows, 未定 clears it; a chosen organ is kept whatever the office says
    dialog = page.edit_election()
    assert dialog.candidates.value() == 4 and dialog.body.currentData() == "政府"
    dialog.candidates.setValue(0)
    assert dialog.candidates.text() == "未定"
    dialog.body.setCurrentIndex(dialog.body.findData(""))
    dialog.body.activated.emit(dialog.body.currentIndex())  # as a click on the list does
    dialog.office.setText("东西湖区人民政府副区长（补选）")
    assert dialog.body.currentData() == ""
    _ok(qtbot, dialog)
    row = page.current()
    assert row.decided_candidates is None and row.office == "东西湖区人民政府副区长（补选）"


def test_the_committee_dialog_shows_the_seed_number_and_says_who_may_stand(page):
    page.select(Election.get(Election.office == COMMITTEE).id)
    dialog = page.edit_election()
    assert dialog.candidates.text() == "8 人" and dialog.body.currentData() == "常委会"
    assert dialog.explain.text().endswith("候选人须是本级人民代表大会的在任代表。")
    tip = page.election_sort.index(0, ElectionsModel.OFFICE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{COMMITTEE}\n任职机构：人大常委会（候选人须是本级人民代表大会的在任代表）"
    dialog.reject()


def test_a_non_delegate_is_refused_at_the_nominees_field(page, qtbot):
    _reopened(page)
    attendee = roster.list_members(role="列席")[0]
    dialog = page.nominate()
    _type(qtbot, dialog.nominees, attendee.name)
    assert dialog.nominees.chosen_keys() == [attendee.person_id]
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "须从本级人民代表大会代表中选举" in dialog.error_text("nominees")
    dialog.reject()


def test_the_election_dialogs_fit_a_1366_by_768_screen(page, qtbot):
    """With an error shown, as the clerk sees them on the smallest office laptop."""
    dialogs = [page.new_election(), page.nominate(), page.withdraw_nominee(), page.fix_list()]
    dialogs[0].office.setText("东西湖区人民政府副区长")
    dialogs[0].candidates.setValue(3)
    _ok(qtbot, dialogs[0])
    assert dialogs[0].error_text("candidates")
    dialogs[1].nominator.setCurrentIndex(dialogs[1].nominator.findData("代表联名"))
    for dialog in dialogs:
        size = dialog.size().expandedTo(dialog.sizeHint())
        assert size.width() <= 1366 and size.height() <= 740, type(dialog).__name__
        dialog.reject()


# ---------------------------------------------------------------- 正式候选人名单的措辞


def test_the_group_wording_is_set_refused_at_its_group_and_cleared(qtbot, page):
    page.select(Election.get(Election.office == COMMITTEE).id)
    assert page.wording_button.isEnabled()
    changed = []
    page.changed.connect(lambda: changed.append(True))
    dialog = page.word_groups()
    assert list(dialog.edits) == ["大会主席团", "代表十人以上联名"]
    first, second = dialog.edits.values()
    assert (first.text(), first.placeholderText()) == ("区级政党、人民团体提名", "大会主席团提名")
    assert (second.text(), second.placeholderText()) == ("", "代表十人以上联名提名")
    second.setText("代表联名提名 1 人")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "不要写人数" in dialog.error_text("代表十人以上联名")
    assert not changed and elections.group_wordings()[(dialog.election_id, "大会主席团")] == "区级政党、人民团体提名"
    first.setText("")
    second.setText("代表联名提名")
    _ok(qtbot, dialog)
    assert not dialog.isVisible() and changed
    groups = elections.candidate_groups(elections.get_election(dialog.election_id))
    assert [g.text for g in groups] == ["大会主席团提名", "代表联名提名"]

"""The 建议办理 page on the demo session: the suggestions listed and filtered (逾期 among the states),
bulk 交办 undone and redone, a reply history redone after 不满意 (round 2 under round 1, nothing
written over), refusals shown at the field with the dialog still open and what was typed kept,
the session's lists, the take-over from the motion register, the exchange with the 督查室."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from meetingdesk import printing
from meetingdesk.services import motions, roster, suggestions
from meetingdesk.services.suggestions import SuggestionInput
from meetingdesk.store import Assignment, Reply, Suggestion
from meetingdesk.ui.common import print_preview
from meetingdesk.ui.common.undo import UndoStack
from meetingdesk.ui.suggestions.models import HistoryModel, SuggestionsModel
from meetingdesk.ui.suggestions.page import PAPERS, SuggestionsPage

from .helpers import ok, shown, warnings_of

TODAY = dt.date(2026, 6, 1)  # after the demo's handling of 2024–25; before any date a test types
RECEIVED = dt.date(2026, 3, 2)


@pytest.fixture
def stack(qtbot):
    return UndoStack()


@pytest.fixture
def page(qtbot, demo_session, stack, asked):
    built = SuggestionsPage(stack)
    built.today = lambda: TODAY
    return shown(qtbot, built)


def _cells(page, row: int) -> list[str]:
    return [page.proxy.index(row, c).data() for c in range(page.proxy.columnCount())]


def _numbers(page) -> list[str]:
    return [page.proxy.index(r, SuggestionsModel.NUMBER).data() for r in range(page.proxy.rowCount())]


def _delegates(n: int) -> list:
    return roster.list_members(role="代表")[:n]


def _between(title: str, lead_index: int = 0) -> int:
    """A 闭会期间 suggestion registered through the service, not yet handed out."""
    lead = _delegates(lead_index + 1)[lead_index]
    return suggestions.register_between(SuggestionInput(title, lead.member_id, RECEIVED))


def _unit(name: str) -> int:
    return next(u.unit_id for u in suggestions.list_units() if u.name == name)


def _history(page) -> list[list[str]]:
    return [[page.history.index(r, c).data() for c in range(page.history.columnCount())]
            for r in range(page.history.rowCount())]


# ---------------------------------------------------------------- the list


def test_lists_the_demos_suggestions(page):
    assert page.model.rowCount() == page.proxy.rowCount() == 19
    first = _cells(page, 0)
    assert first[SuggestionsModel.NUMBER] == "建议第1号" and first[SuggestionsModel.PERIOD] == "会议期间"
    assert first[SuggestionsModel.LEAD] == "李平" and first[SuggestionsModel.DELEGATION] == "吴家山街代表团"
    assert first[SuggestionsModel.FIELD] == "城建城管" and first[SuggestionsModel.KEY] == "重点"
    assert first[SuggestionsModel.UNITS] == "区交通运输局（主办）、区公安分局、吴家山街道办事处"
    assert first[SuggestionsModel.STATE] == "已评价" and first[SuggestionsModel.RATING] == "满意"
    assert _numbers(page)[13:] == [f"闭会第{n}号" for n in range(1, 7)]
    assert page.counts.text() == "共 19 件（会议期间 13、闭会期间 6）　逾期 1 件"
    # a 议案 the review turned into a suggestion says where it came from
    page.select(page.model.row_at(1).suggestion_id)
    assert "来源：议案原案第3号（议案转为建议）" in page.details.toPlainText()


def test_filter_by_overdue_unit_period_and_text(page):
    page.state_filter.setCurrentIndex(page.state_filter.findData("逾期"))
    assert _numbers(page) == ["闭会第5号"]
    late = _cells(page, 0)
    assert late[SuggestionsModel.DUE] == "2025-02-10"  # the 主办 unit is the one still waiting
    cell = page.proxy.index(0, SuggestionsModel.STATE)
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert "区民政局（主办）第1轮 答复期限 2025-02-10，逾期" in page.proxy.index(0, SuggestionsModel.DUE).data(
        Qt.ItemDataRole.ToolTipRole)
    assert page.counts.text().startswith("显示 1 件 / 共 19 件")
    page.state_filter.setCurrentIndex(0)
    page.unit_filter.setCurrentIndex(page.unit_filter.findData(_unit("区住房和城乡建设局")))
    assert _numbers(page) == ["建议第2号", "建议第3号", "建议第4号", "闭会第3号"]
    page.period_filter.setCurrentIndex(page.period_filter.findData("闭会期间"))
    assert _numbers(page) == ["闭会第3号"]
    page.unit_filter.setCurrentIndex(0)
    page.search.setText("老年助餐")
    assert _numbers(page) == ["闭会第5号"]
    page.period_filter.setCurrentIndex(0)
    page.search.setText("")
    assert page.proxy.rowCount() == 19


def test_the_lead_column_sorts_by_strokes(page):
    page.view.sortByColumn(SuggestionsModel.LEAD, Qt.SortOrder.AscendingOrder)
    leads = [page.proxy.index(r, SuggestionsModel.LEAD).data() for r in range(19)]
    assert leads[0] == "王建兵" and leads.index("李平") < leads.index("黄昌建")


def test_the_history_shows_each_unit_and_its_rounds(page):
    fourth = page.model.row_at(3)  # 建议第4号: its 主办 answered twice, the first rated 不满意
    page.select(fourth.suggestion_id)
    lines = _history(page)
    assert [line[:5] for line in lines] == [
        ["区住房和城乡建设局", "主办", "第1轮", "2024-07-31", "2024-07-10"],
        ["", "", "第2轮", "2024-08-31", "2024-08-26"],
        ["走马岭街道办事处", "协办", "第1轮", "2024-06-30", "2024-06-12"]]
    assert lines[0][HistoryModel.RATING] == "不满意" and lines[1][HistoryModel.RATING] == "满意"


def test_focus_shows_a_suggestion_the_filters_hide(page):
    target = page.model.row_at(2).suggestion_id
    page.state_filter.setCurrentIndex(page.state_filter.findData("逾期"))
    assert page.focus(("suggestion", target))
    assert page.current_id() == target and page.state_filter.currentIndex() == 0
    assert not page.focus(("suggestion", 99999)) and not page.focus(("motion", target))


# ---------------------------------------------------------------- handing out


def test_bulk_assignment_of_two_rows_then_undo_and_redo(page, qtbot, stack):
    ids = [_between("关于增设金银湖公交线路的建议"), _between("关于改造东山街农贸市场的建议", 1)]
    page.refresh()
    page.select_many(ids)
    assert page.selected_ids() == ids
    refreshes = page.refreshes
    dialog = page.assign()
    assert dialog.windowTitle() == "交办 2 件建议"
    # prefilled from the session's 答复期限: 闭会期间 主办 90 days, 协办 60 days after the assignment
    assert dialog.lead_due.value() == TODAY + dt.timedelta(days=90)
    assert dialog.assist_due.value() == TODAY + dt.timedelta(days=60)
    dialog.lead_unit.setCurrentIndex(dialog.lead_unit.findData(_unit("区交通运输局")))
    dialog.assisting.set_checked([_unit("区公安分局"), _unit("金银湖街道办事处")])
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    made = list(Assignment.select().where(Assignment.suggestion.in_(ids)).order_by(Assignment.id))
    assert len(made) == 6 and {a.assigned_on for a in made} == {TODAY}
    rows = {r.suggestion_id: r for r in page.model.rows()}
    assert [rows[i].state for i in ids] == ["办理中", "办理中"]
    assert page.proxy.index(page.proxy.mapFromSource(page.model.index_of(ids[0])).row(),
                            SuggestionsModel.UNITS).data() == "区交通运输局（主办）、区公安分局、金银湖街道办事处"
    assert page.refreshes == refreshes  # the two rows read again, not the whole list
    assert stack.undoText() == "交办 2 件建议"

    assert stack.undo()
    assert not Assignment.select().where(Assignment.suggestion.in_(ids)).exists()
    rows = {r.suggestion_id: r for r in page.model.rows()}
    assert [rows[i].state for i in ids] == ["未交办", "未交办"]
    assert stack.redo()
    again = list(Assignment.select().where(Assignment.suggestion.in_(ids)).order_by(Assignment.id))
    assert [(a.id, a.unit_id, a.lead, a.due) for a in again] == [(a.id, a.unit_id, a.lead, a.due) for a in made]
    assert page.refreshes == refreshes


def test_a_returned_suggestion_is_not_handed_out(page, qtbot):
    returned = page.model.row_at(18)  # 闭会第6号, 退回修改 in the demo
    page.select(returned.suggestion_id)
    assert not page.assign_button.isEnabled() and "已退回修改" in page.assign_button.toolTip()
    dialog = page.screen()
    assert dialog.return_radio.isChecked()
    dialog.accept_radio.setChecked(True)
    ok(qtbot, dialog)
    assert page.current().screening == "受理" and page.assign_button.isEnabled()
    assert "闭会第6号已受理" in page.notice.text()


def test_assigning_without_a_lead_unit_is_refused_at_its_field(page, qtbot):
    sid = _between("关于增设金银湖公交线路的建议")
    page.refresh()
    page.select(sid)
    dialog = page.assign()
    dialog.assisting.set_checked([_unit("区公安分局")])
    ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_text("lead_unit") == "请选择主办单位。"
    assert dialog.assisting.checked() == [_unit("区公安分局")]  # what was chosen stays
    assert not Assignment.select().where(Assignment.suggestion == sid).exists()
    dialog.reject()



def test_a_suggestion_assigned_elsewhere_while_the_dialog_is_open_is_not_written_over(page, qtbot):
    """The 交办 dialog compares with what it showed when opened: units given meanwhile (another
    desk, or this one through another path) refuse its OK with who and what, the dialog stays
    open with the clerk's choice, and nothing it wanted is written."""
    sid = _between("关于增设金银湖公交线路的建议")
    page.refresh()
    page.select(sid)
    dialog = page.assign()
    suggestions.assign([sid], _unit("区公安分局"))  # meanwhile
    dialog.lead_unit.setCurrentIndex(dialog.lead_unit.findData(_unit("区交通运输局")))
    ok(qtbot, dialog)
    assert dialog.isVisible()
    said = dialog.error_text("")
    assert "本次修改没有保存" in said and "区公安分局（主办）" in said, said
    assert dialog.lead_unit.currentData() == _unit("区交通运输局")
    assert [a.unit_id for a in Assignment.select().where(Assignment.suggestion == sid)] == [_unit("区公安分局")]
    dialog.reject()


# ---------------------------------------------------------------- replies and ratings


def _assigned(page) -> int:
    sid = _between("关于增设金银湖公交线路的建议")
    suggestions.assign([sid], _unit("区交通运输局"), [_unit("区公安分局")], on=TODAY)
    page.refresh()
    page.select(sid)
    return sid


def test_a_reply_rated_unsatisfied_is_answered_again_as_round_two(page, qtbot, stack, tmp_path):
    sid = _assigned(page)
    assert _history(page)[0][:5] == ["区交通运输局", "主办", "第1轮", "2026-08-30", "待答复"]
    letter = tmp_path / "答复函.pdf"
    letter.write_bytes(b"%PDF-1.4 reply")

    dialog = page.record_reply()
    assert dialog.round_label.text() == "区交通运输局（主办）第1轮答复，答复期限 2026年8月30日"
    dialog.replied.set_value(dt.date(2026, 7, 1))
    dialog.result.setCurrentIndex(dialog.result.findData("列入计划逐步解决"))
    dialog.text.setPlainText("已纳入明年公交线网优化计划。")
    dialog.attachment.setText(str(letter))
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert page.current().state == "已答复"
    assert page.attachment_button.isEnabled() and page.rate_button.isEnabled()
    saved = tmp_path / "另存.pdf"
    assert page.save_attachment(str(saved)) and saved.read_bytes() == b"%PDF-1.4 reply"

    rate = page.rate()
    assert not rate.field_visible("due")
    rate.radios["不满意"].setChecked(True)
    assert rate.field_visible("due")
    rate.rated_on.set_value(dt.date(2026, 7, 10))
    assert rate.due.value() == dt.date(2026, 8, 9)  # the settings' 30 days for a redo
    rate.due.set_value(dt.date(2026, 8, 15))
    ok(qtbot, rate)
    assert not rate.isVisible()
    assert "退回区交通运输局重新办理（第2轮，答复期限 2026-08-15）" in page.notice.text()
    assert page.current().state == "办理中"

    again = page.record_reply()
    assert again.round_label.text() == ("区交通运输局（主办）第2轮答复，答复期限 2026年8月15日"
                                        "（上一轮代表评价为不满意，重新办理）")
    again.replied.set_value(dt.date(2026, 8, 10))
    again.result.setCurrentIndex(again.result.findData("已解决或基本解决"))
    again.text.setPlainText("新线路已于8月开通。")
    ok(qtbot, again)

    lines = _history(page)
    assert [line[:7] for line in lines[:2]] == [
        ["区交通运输局", "主办", "第1轮", "2026-08-30", "2026-07-01", "列入计划逐步解决", "不满意"],
        ["", "", "第2轮", "2026-08-15", "2026-08-10", "已解决或基本解决", "待评价"]]
    assert lines[0][HistoryModel.ATTACHMENT] == "答复函.pdf"
    first, second = Reply.select().join(Assignment).where(Assignment.suggestion == sid).order_by(Reply.round)
    assert (first.round, first.replied_on, first.text, first.rating) == (
        1, dt.date(2026, 7, 1), "已纳入明年公交线网优化计划。", "不满意")
    assert (second.round, second.replied_on, second.text, second.rating) == (2, dt.date(2026, 8, 10), "新线路已于8月开通。", "")

    # undone step by step: round 2's reply, the rating (and the redo's due date), round 1's reply
    assert stack.undo() and Reply.select().join(Assignment).where(Assignment.suggestion == sid).count() == 1
    assert stack.undo() and Reply.get(Reply.id == first.id).rating == ""
    assert Assignment.get(Assignment.id == first.assignment_id).due == dt.date(2026, 8, 30)
    assert stack.undo() and not Reply.select().join(Assignment).where(Assignment.suggestion == sid).exists()
    assert page.current().state == "办理中" and _history(page)[0][4] == "待答复"
    assert stack.redo() and stack.redo() and stack.redo()
    assert [(r.id, r.round, r.rating) for r in Reply.select().join(Assignment).where(Assignment.suggestion == sid)
            .order_by(Reply.round)] == [(first.id, 1, "不满意"), (second.id, 2, "")]


def test_a_refused_reply_keeps_the_dialog_open_with_what_was_typed(page, qtbot):
    sid = _assigned(page)
    dialog = page.record_reply()
    dialog.replied.set_value(dt.date(2026, 2, 1))  # before the suggestion came in
    dialog.text.setPlainText("已纳入计划。")
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("replied_on") == "答复日期早于收到建议的日期 2026-03-02。"
    assert dialog.text.toPlainText() == "已纳入计划。" and dialog.replied.value() == dt.date(2026, 2, 1)
    assert not Reply.select().join(Assignment).where(Assignment.suggestion == sid).exists()
    dialog.replied.set_value(dt.date(2026, 4, 1))
    ok(qtbot, dialog)
    assert not dialog.isVisible()

    rate = page.rate()
    ok(qtbot, rate)  # no rating chosen
    assert rate.isVisible() and rate.error_text("rating") == "请选择代表的评价。"
    rate.radios["满意"].setChecked(True)
    rate.rated_on.set_value(dt.date(2026, 3, 20))  # before the reply
    ok(qtbot, rate)
    assert rate.isVisible() and rate.error_text("rated_on") == "评价日期早于答复日期 2026-04-01。"
    assert rate.error_text("rating") == ""
    rate.reject()


def test_registering_between_sessions_refuses_at_the_field_and_keeps_the_input(page, qtbot, stack):
    dialog = page.register()
    dialog.title.setText("关于增设金银湖公交线路的建议")
    ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_text("lead") == "请选择领衔代表。"
    assert dialog.title.text() == "关于增设金银湖公交线路的建议"
    lead = _delegates(1)[0]
    dialog.lead.search.setText(f"{lead.name} {lead.delegation[:3]}")
    assert dialog.lead.lead_id() == lead.member_id
    dialog.field.setCurrentIndex(dialog.field.findText("城建城管"))
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    row = page.current()
    assert row.number_words == "闭会第7号" and row.lead_member_id == lead.member_id and row.field == "城建城管"
    assert page.model.rowCount() == 20 and "已登记为闭会第7号" in page.notice.text()
    assert stack.undo()
    assert page.model.rowCount() == 19
    assert not Suggestion.select().where(Suggestion.id == row.suggestion_id).exists()
    assert stack.redo() and Suggestion.get_by_id(row.suggestion_id).number == 7


def test_ended_delegates_are_not_offered_as_leads(page):
    gone = _delegates(1)[0]
    roster.end_member(gone.member_id, dt.date(2024, 1, 10), "因工作调整辞去代表职务")
    dialog = page.register()
    dialog.lead.search.setText(gone.name)
    assert not any(label.startswith(f"{gone.display}（{gone.delegation}") for label in dialog.lead.offered_labels())
    dialog.reject()


def test_field_and_key_for_several_and_one(page, qtbot, stack):
    ids = [page.model.row_at(0).suggestion_id, page.model.row_at(1).suggestion_id]
    page.select_many(ids)
    dialog = page.set_field()
    dialog.field.setCurrentIndex(dialog.field.findText("社会管理"))
    ok(qtbot, dialog)
    assert {r.field for r in page.model.rows()[:2]} == {"社会管理"}
    assert stack.undo() and [r.field for r in page.model.rows()[:2]] == ["城建城管", "城建城管"]

    page.select(ids[1])
    key = page.set_key()
    key.key.setChecked(True)
    key.leader.setText("")
    ok(qtbot, key)
    assert key.isVisible() and key.error_text("leader") == "重点建议须写明督办领导。"
    key.leader.setText("区人大常委会副主任 张三")
    ok(qtbot, key)
    assert page.current().key and page.proxy.index(1, SuggestionsModel.KEY).data() == "重点"


# ---------------------------------------------------------------- lists and settings


def test_unit_list_refuses_removing_a_unit_in_use_and_undoes_an_addition(page, qtbot, stack):
    dialog = page.edit_list("unit")
    used = dialog.names().index("区交通运输局")
    dialog.list.setCurrentRow(used)
    assert not dialog.remove()
    assert dialog.isVisible() and "承办单位“区交通运输局”已承办" in dialog.error_text("")
    dialog.name.setText("区数据局")
    assert dialog.add()
    assert dialog.names()[-1] == "区数据局" and dialog.error_text("") == ""
    assert page.unit_filter.findText("区数据局") > 0
    dialog.name.setText("区数据局")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter adds (and never closes the list)
    assert dialog.isVisible() and dialog.error_text("name") == "承办单位“区数据局”已在名单中。"
    dialog.reject()
    assert stack.undo()
    assert "区数据局" not in [u.name for u in suggestions.list_units()]


def test_field_list_and_due_defaults(page, qtbot, stack):
    fields = page.edit_list("field")
    fields.list.setCurrentRow(0)
    assert not fields.remove() and "不能删除" in fields.error_text("")
    fields.name.setText("经济建设")
    assert fields.rename()
    assert fields.names()[0] == "经济建设" and page.model.row_at(4).field == "经济建设"
    fields.reject()

    dialog = page.edit_due_defaults()
    assert dialog.rules["session_lead"].value() == dt.date(2024, 7, 31)
    assert dialog.rules["between_lead"].value() == 90
    dialog.rules["between_lead"].days.setValue(60)
    ok(qtbot, dialog)
    assert suggestions.due_defaults().between_lead == 60
    assert stack.undoText() == "修改答复期限"
    assert stack.undo() and suggestions.due_defaults().between_lead == 90


def test_take_over_from_the_motion_register(page, stack):
    assert page.take_over() == 0 and "没有新的建议可接收" in page.notice.text()
    lead = roster.list_members(role="代表")[0]
    motions.register_motion(motions.MotionInput("建议", "关于增设慈惠街菜市场的建议", lead_member_id=lead.member_id,
                                                signer_member_ids=(lead.member_id,),
                                                received_at=dt.datetime(2023, 12, 21, 15, 0)),
                            dt.datetime(2023, 12, 21, 15, 0))
    assert page.take_over() == 1
    assert page.model.rowCount() == 20 and "已接收会议期间建议 1 件" in page.notice.text()
    assert stack.undo() and Suggestion.select().count() == 19
    assert stack.redo() and Suggestion.select().count() == 20


def test_an_undo_refused_by_the_service_leaves_the_stack(page, qtbot, stack, monkeypatch):
    """Taking an assignment back after its unit replied would drop the reply: refused."""
    from meetingdesk.ui.common import undo

    said = warnings_of(monkeypatch, undo)
    sid = _between("关于增设金银湖公交线路的建议")
    page.refresh()
    page.select(sid)
    dialog = page.assign()
    dialog.lead_unit.setCurrentIndex(dialog.lead_unit.findData(_unit("区交通运输局")))
    ok(qtbot, dialog)
    a = Assignment.get(Assignment.suggestion == sid)
    suggestions.record_reply(a.id, suggestions.ReplyInput(dt.date(2026, 7, 1)))
    index = stack.index()
    assert not stack.undo()
    assert stack.index() == index and "已答复" in said[-1]
    assert Assignment.select().where(Assignment.suggestion == sid).count() == 1


# ---------------------------------------------------------------- the window, papers, the exchange


def test_the_window_lists_the_page_and_jumps_to_a_checked_problem(window):
    from meetingdesk.services.checks import check_session

    assert window.nav.item(8).text() == "建议办理"
    page = window.suggestions_page
    problem = next(p for p in check_session() if p.target and p.target[0] == "suggestion")
    window.go_to_problem(problem)
    assert window.pages.currentWidget() is page and page.current_id() == problem.target[1]


def test_an_edit_in_the_window_marks_the_motion_desk_stale(window, qtbot):
    motions_page = window.motions_page
    window.nav.setCurrentRow(window.pages.indexOf(window.suggestions_page))
    page = window.suggestions_page
    page.select(page.model.row_at(0).suggestion_id)
    before = page.refreshes
    dialog = page.set_key()
    dialog.key.setChecked(False)
    ok(qtbot, dialog)
    assert motions_page.stale and page.refreshes == before  # the page showed its own edit
    assert not page.current().key
    window.undo_action.trigger()
    assert page.current().key and page.refreshes == before


def test_print_menu_offers_the_papers_that_exist(page):
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


def test_export_then_import_replies(page, qtbot, tmp_path, stack):
    import openpyxl

    path = page.export_assignments(str(tmp_path / "交办清单.xlsx"))
    assert path is not None and "已导出交办清单" in page.notice.text()
    book = openpyxl.load_workbook(path)
    sheet = book.active
    head = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[head.index("编号")].value == "闭会第5号"
               and r[head.index("承办单位")].value == "区民政局")
    row[head.index("答复日期")].value = "2026-05-20"
    row[head.index("办理结果")].value = "列入计划逐步解决"
    book.save(path)

    dialog = page.import_replies(str(path))
    assert dialog.import_button.isEnabled() and "新增答复 1" in dialog.counts_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    late = next(r for r in page.model.rows() if r.number_words == "闭会第5号")
    assert late.state == "已答复" and late.lead_assignment.replies[0].replied_on == dt.date(2026, 5, 20)
    assert "1 行答复或评价" in page.notice.text()

    row[head.index("答复日期")].value = "2026-13-01"
    book.save(path)
    bad = page.import_replies(str(path))
    assert not bad.import_button.isEnabled() and "整个文件都不会导入" in bad.hint_label.text()
    bad.reject()

"""The mandate in the roster's dialogs and list: 补选 with its date, 选区 and confirming meeting;
an ending with its reason and decision, and what ended with it; ended members in the list."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from meetingdesk.rules.mandates import END_REASONS
from meetingdesk.services import presidium, roster
from meetingdesk.store import Member, Person
from meetingdesk.ui.roster.dialogs import EndDialog, MemberDialog
from meetingdesk.ui.roster.models import MembersModel, mandate_text

from .helpers import ok

D = dt.date
CONFIRMED = "区十一届人大常委会第十三次会议"
DECISION = "区十一届人大常委会第十四次会议决定"
MANDATE_FIELDS = ("started_on", "constituency", "confirmed_by")


def _select(page, name: str) -> roster.MemberRow:
    page.filter.setText(name)
    page.member_view.setCurrentIndex(page.proxy.index(0, 0))
    row = page.current_member()
    assert row.name == name
    return row


def _plain(name: str = "丁哲") -> roster.MemberRow:
    return next(m for m in roster.list_members(role="代表") if m.name == name)


# ------------------------------------------------------------ the member dialog


def test_the_mandate_fields_show_for_a_delegate_and_for_a_by_election(window):
    dialog = window.roster_page.add_member()
    assert dialog.role.currentText() == "代表"
    assert dialog.field_visible("start_reason") and dialog.start_reason.currentText() == "换届选举"
    assert not any(dialog.field_visible(k) for k in MANDATE_FIELDS)
    dialog.start_reason.setCurrentIndex(dialog.start_reason.findText("补选"))
    assert all(dialog.field_visible(k) for k in MANDATE_FIELDS)
    assert dialog.started_on.text() == "（未填）" and dialog.started_on.value() is None
    dialog.role.setCurrentText("列席")
    assert not dialog.field_visible("start_reason")
    assert not any(dialog.field_visible(k) for k in MANDATE_FIELDS)
    assert dialog.value().start_reason == "" and dialog.value().started_on is None
    dialog.reject()


def test_a_by_election_needs_its_date_shown_at_the_field(window, qtbot):
    page = window.roster_page
    dialog = page.add_member()
    dialog.name.setText("丁一")
    dialog.start_reason.setCurrentIndex(dialog.start_reason.findText("补选"))
    dialog.constituency.setText("第三选区")
    dialog.confirmed_by.setText(CONFIRMED)
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "资格开始的日期" in dialog.error_text("started_on")
    assert not Person.select().where(Person.name == "丁一").exists()

    dialog.started_on.setDate(QDate(2023, 11, 29))
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    row = page.current_member()
    assert (row.name, row.start_reason, row.started_on, row.constituency, row.confirmed_by) == (
        "丁一", "补选", D(2023, 11, 29), "第三选区", CONFIRMED)
    assert mandate_text(row) == "补选 2023-11-29"
    assert "第三选区" in page.detail.text() and f"{CONFIRMED}确认" in page.detail.text()
    assert "丁一" not in {m.name for m in roster.members_on(D(2023, 11, 28))}
    assert "丁一" in {m.name for m in roster.members_on(D(2023, 11, 29))}

    window.undo_action.trigger()
    assert not Person.select().where(Person.name == "丁一").exists()
    window.redo_action.trigger()
    assert roster.get_member(row.member_id).confirmed_by == CONFIRMED


def test_editing_a_by_election_shows_it_and_changing_to_reelected_clears_it(window, qtbot):
    page = window.roster_page
    mid = roster.add_member(roster.MemberInput("丁一", "男", delegation_id=_plain().delegation_id,
                                               started_on=D(2023, 11, 29), start_reason="补选",
                                               constituency="第三选区", confirmed_by=CONFIRMED))
    page.refresh()
    _select(page, "丁一")
    dialog = page.edit_member()
    assert dialog.start_reason.currentText() == "补选"
    assert dialog.started_on.value() == D(2023, 11, 29)
    assert (dialog.constituency.text(), dialog.confirmed_by.text()) == ("第三选区", CONFIRMED)
    dialog.start_reason.setCurrentIndex(dialog.start_reason.findText("换届选举"))
    ok(qtbot, dialog)
    row = roster.get_member(mid)
    assert (row.start_reason, row.started_on, row.constituency, row.confirmed_by) == ("", None, "", "")
    window.undo_action.trigger()
    assert roster.get_member(mid).started_on == D(2023, 11, 29)


def test_a_by_election_for_an_attendee_is_refused_at_the_field(window):
    dialog = MemberDialog(roster.delegation_choices())
    dialog.role.setCurrentText("列席")
    assert dialog.value().start_reason == ""  # hidden for an attendee: never sent
    dialog.role.setCurrentText("代表")
    dialog.start_reason.setCurrentIndex(dialog.start_reason.findText("补选"))
    from meetingdesk.services import ServiceError
    dialog.show_error(ServiceError("只有代表才有补选。", "start_reason"))
    assert dialog.error_text("start_reason") == "只有代表才有补选。"
    dialog.deleteLater()


# ------------------------------------------------------------ the end dialog


def test_the_end_dialog_offers_the_grounds_and_says_what_ends_with_it(window):
    page = window.roster_page
    row = _select(page, "丁哲")
    presidium.add_office(row.person_id, "区人大常委会", "委员")
    dialog = page.end_member()
    assert isinstance(dialog, EndDialog)
    assert [dialog.reason.itemText(i) for i in range(dialog.reason.count())] == list(END_REASONS)
    assert dialog.reason.isEditable()
    assert dialog.decision.placeholderText() == "如：区十一届人大常委会第十四次会议决定"
    intro = dialog.form.itemAt(0).widget().text()
    assert "区人大常委会委员职务将相应终止" in intro
    dialog.reject()


def test_an_end_without_reason_or_before_the_start_is_refused_at_the_field(window, qtbot):
    page = window.roster_page
    roster.add_member(roster.MemberInput("丁一", "男", delegation_id=_plain().delegation_id,
                                         started_on=D(2023, 11, 29), start_reason="补选",
                                         confirmed_by=CONFIRMED))
    page.refresh()
    _select(page, "丁一")
    dialog = page.end_member()
    dialog.reason.setCurrentText("  ")
    ok(qtbot, dialog)
    assert dialog.isVisible() and "终止原因" in dialog.error_text("reason")
    dialog.reason.setCurrentText("死亡")
    dialog.ended_on.setDate(QDate(2023, 11, 1))
    ok(qtbot, dialog)
    assert dialog.isVisible() and "早于资格开始的日期" in dialog.error_text("ended_on")
    assert dialog.error_text("reason") == ""
    dialog.reject()
    assert page.current_member().serving


def test_ending_with_a_decision_says_what_ended_and_undo_redo_restore_it(window, qtbot):
    page = window.roster_page
    row = _select(page, "丁哲")
    office = presidium.add_office(row.person_id, "区人大常委会", "委员")
    presidium.add_office(row.person_id, "区人民政府", "副区长")
    dialog = page.end_member()
    dialog.ended_on.setDate(QDate(2023, 12, 14))
    dialog.reason.setCurrentText("因工作调整辞去代表职务")
    dialog.decision.setText(DECISION)
    ok(qtbot, dialog)
    assert not dialog.isVisible()

    def held() -> set[str]:
        return {f"{o.body}{o.title}" for o in presidium.list_offices() if o.person_id == row.person_id}

    ended = roster.get_member(row.member_id)
    assert (ended.ended_on, ended.end_reason, ended.end_decision) == (
        D(2023, 12, 14), "因工作调整辞去代表职务", DECISION)
    assert held() == {"区人民政府副区长"}
    assert page.notice.isVisibleTo(page)
    assert "同时相应终止：区人大常委会委员" in page.notice.text()

    window.undo_action.trigger()
    assert roster.get_member(row.member_id).serving
    assert held() == {"区人大常委会委员", "区人民政府副区长"}
    assert not page.notice.isVisibleTo(page)

    window.redo_action.trigger()
    again = roster.get_member(row.member_id)
    assert (again.ended_on, again.end_reason, again.end_decision) == (
        D(2023, 12, 14), "因工作调整辞去代表职务", DECISION)
    assert held() == {"区人民政府副区长"}
    assert roster.ended_with(row.member_id) == ["区人大常委会委员"]
    assert "同时相应终止：区人大常委会委员" in page.notice.text() and page.notice.isVisibleTo(page)
    assert office not in {o.office_id for o in presidium.list_offices()}


def test_reinstating_reopens_the_offices_and_undo_ends_them_with_the_decision(window, qtbot):
    page = window.roster_page
    row = _plain()
    presidium.add_office(row.person_id, "区人大常委会", "委员")
    roster.end_member(row.member_id, D(2023, 12, 14), "因工作调整辞去代表职务", DECISION)
    page.show_ended.setChecked(True)
    assert page.select_member(row.member_id)
    assert "同时相应终止：区人大常委会委员" in page.detail.text()
    assert f"（{DECISION}）" in page.detail.text()
    assert page.reinstate_button.isEnabled() and not page.end_button.isEnabled()

    page.reinstate_member()
    assert roster.get_member(row.member_id).serving
    assert ("区人大常委会", "委员") in {(o.body, o.title) for o in presidium.list_offices()
                                      if o.person_id == row.person_id}
    assert "同时恢复：区人大常委会委员" in page.notice.text()

    window.undo_action.trigger()
    back = roster.get_member(row.member_id)
    assert not back.serving and back.end_decision == DECISION and back.ended_on == D(2023, 12, 14)
    assert roster.ended_with(row.member_id) == ["区人大常委会委员"]
    window.redo_action.trigger()
    assert roster.get_member(row.member_id).serving and roster.ended_with(row.member_id) == []


# ------------------------------------------------------------ the list


def _unplaced() -> int:
    """A delegate whose mandate ended before this session's delegations were formed."""
    person = Person.create(name="张志刚", gender="男")
    return Member.create(person=person, delegation=None, role="代表", status="终止",
                         ended_on=D(2022, 6, 30), end_reason="因工作变动调离本行政区域",
                         end_decision="区十一届人大常委会第五次会议决定").id


def test_ended_members_are_listed_when_asked_those_without_a_delegation_under_all(window):
    page = window.roster_page
    mid = _unplaced()
    page.refresh()
    page.select_delegation(None)
    assert page.members.index_of_member(mid).isValid() is False
    page.show_ended.setChecked(True)
    source = page.members.index_of_member(mid)
    assert source.isValid()
    row = page.members.row_at(source.row())
    assert row.delegation_id is None and row.delegation == ""
    assert page.members.index(source.row(), MembersModel.DELEGATION).data() == "（未编团）"
    assert (page.members.index(source.row(), MembersModel.MANDATE).data()
            == "终止 2022-06-30 因工作变动调离本行政区域")
    assert "已终止资格" in page.leaders.text() and "未编团" in page.leaders.text()
    assert page.select_member(mid)
    assert "张志刚（未编团 代表）" in page.detail.text()
    assert "区十一届人大常委会第五次会议决定" in page.detail.text()
    # a delegation's own list does not hold him
    page.select_delegation(_plain().delegation_id)
    assert not page.members.index_of_member(mid).isValid()


def test_selecting_an_ended_member_shows_the_ended(window):
    """As a check-list problem about an ended mandate does."""
    page = window.roster_page
    row = _plain()
    roster.end_member(row.member_id, D(2023, 12, 14), "死亡", DECISION)
    page.refresh()
    assert not page.show_ended.isChecked()
    assert page.select_member(row.member_id)
    assert page.show_ended.isChecked() and page.current_member().member_id == row.member_id
    page.show_ended.setChecked(False)  # the clerk may hide them again
    assert not page.show_ended.isChecked()


def test_editing_a_member_without_a_delegation_keeps_the_dialog_honest(window):
    page = window.roster_page
    mid = _unplaced()
    page.show_ended.setChecked(True)
    page.select_member(mid)
    dialog = page.edit_member()
    assert dialog.delegation.currentText() == "（未编团）" and dialog.delegation.currentData() is None
    assert "资格已于2022年6月30日终止" in dialog.ended.text()
    dialog.reject()


def test_the_mandate_column_sorts_ended_apart(window):
    page = window.roster_page
    row = _plain()
    roster.end_member(row.member_id, D(2023, 12, 14), "死亡", DECISION)
    page.show_ended.setChecked(True)
    from PySide6.QtCore import Qt
    page.member_view.sortByColumn(MembersModel.MANDATE, Qt.SortOrder.DescendingOrder)
    first = page.proxy.index(0, MembersModel.MANDATE).data()
    assert first.startswith("终止 ")


def test_reinstating_a_dateless_ending_asks_and_its_undo_says_why_not(window, asked, monkeypatch):
    from meetingdesk.ui.common import undo as undo_module

    from .helpers import warnings_of

    warnings = warnings_of(monkeypatch, undo_module)
    page = window.roster_page
    person = Person.create(name="张志刚", gender="男")
    mid = Member.create(person=person, delegation=None, role="代表", status="终止",
                        end_reason="因工作变动调离本行政区域").id
    page.show_ended.setChecked(True)
    page.select_member(mid)
    asked.answer = False
    page.reinstate_member()
    assert len(asked) == 1 and "没有日期" in asked[0]
    assert not roster.get_member(mid).serving and not window.undo_stack.canUndo()
    asked.answer = True
    page.reinstate_member()
    assert roster.get_member(mid).serving
    window.undo_action.trigger()
    assert roster.get_member(mid).serving and window.undo_stack.index() == 1
    assert len(warnings) == 1 and "没有日期" in warnings[0] and "终止资格…" in warnings[0]

"""The 议程日程 page on the demo session: agenda, meetings and their items, groups, numbering."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QMimeData, QModelIndex, Qt

from meetingdesk import printing
from meetingdesk.services import presidium, schedule
from meetingdesk.store import AgendaItem, ChairGroup, Meeting, MeetingItem
from meetingdesk.ui.schedule import meeting_dialog
from meetingdesk.ui.common import print_preview
from meetingdesk.ui.schedule.models import ROW_MIME, ScheduleModel
from meetingdesk.ui.schedule.page import SchedulePage

from .helpers import ok as _ok


@pytest.fixture
def page(qtbot, demo_session):
    widget = SchedulePage()
    qtbot.addWidget(widget)
    widget.resize(1160, 800)
    widget.refresh()
    widget.show()
    return widget


@pytest.fixture
def yes(monkeypatch):
    """Answer every confirmation with yes, remembering the questions."""
    asked: list[str] = []

    def confirm(parent, title, text, yes="删除"):
        asked.append(text)
        return True

    monkeypatch.setattr(meeting_dialog, "confirm", confirm)
    return asked



def _texts(model) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _plenary(number: int):
    return next(m for m in schedule.list_meetings() if m.kind == "全体会议" and m.number == number)


def _tree_names(page) -> dict[str, list[str]]:
    """Day heading -> the 会议 column of its meetings, as the tree shows them."""
    model = page.meetings
    shown = {}
    for d in range(model.rowCount()):
        day = model.index(d, 0)
        shown[day.data()] = [model.index(m, ScheduleModel.NAME, day).data() for m in range(model.rowCount(day))]
    return shown


def _new_meeting(page, date: dt.date, kind: str, half: str = "", start: str = "", **fields):
    dialog = page.new_meeting()
    dialog.date.setDate(QDate(date))
    dialog.kind.setCurrentText(kind)
    dialog.half.setCurrentIndex(dialog.half.findData(half))
    dialog.start.setText(start)
    for name, value in fields.items():
        getattr(dialog, name).setText(value)
    return dialog


# ---------------------------------------------------------------- agenda


def test_agenda_shows_nine_items_numbered_in_chinese(page):
    texts = _texts(page.agenda)
    assert len(texts) == 9
    assert [t.split("、")[0] for t in texts] == list("一二三四五六七八九")
    assert texts[0] == "一、听取和审查东西湖区人民政府工作报告。"
    assert "2023年12月20日" in page.agenda_adoption.line.text()
    assert page.agenda_adoption.meeting.currentText() == "12月20日 预备会议"


def test_moving_an_agenda_item_renumbers(page, qtbot):
    panel = page.agenda_panel
    panel.select_item(page.agenda.row_at(0).item_id)
    with qtbot.waitSignal(page.changed):
        panel.down_button.click()
    texts = _texts(page.agenda)
    assert texts[0].startswith("一、审查和批准东西湖区2023年国民经济")
    assert texts[1] == "二、听取和审查东西湖区人民政府工作报告。"
    assert panel.current().position == 1  # the moved item stays selected
    panel.up_button.click()
    assert _texts(page.agenda)[0] == "一、听取和审查东西湖区人民政府工作报告。"


def test_dropping_an_agenda_item_moves_it(page):
    last = page.agenda.row_at(8)
    data = QMimeData()
    data.setData(ROW_MIME, b"8")
    assert page.agenda.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    page.agenda.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())  # above the first
    assert page.agenda.row_at(0).item_id == last.item_id
    assert _texts(page.agenda)[0] == "一、举行新当选国家工作人员宪法宣誓仪式。"
    data.setData(ROW_MIME, b"0")
    page.agenda.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())  # below the last
    assert page.agenda.row_at(8).item_id == last.item_id


def test_add_edit_and_remove_agenda_items(page, qtbot, yes):
    panel = page.agenda_panel
    dialog = panel.add()
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "不能为空" in dialog.error_text("text")
    dialog.text.setText("审查和批准区本级政府债务情况的报告。")
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert _texts(page.agenda)[9] == "十、审查和批准区本级政府债务情况的报告。"
    assert panel.current().position == 9

    dialog = panel.edit()
    dialog.text.setText("审查区本级政府债务情况的报告。")
    _ok(qtbot, dialog)
    assert AgendaItem.select().where(AgendaItem.text == "审查区本级政府债务情况的报告。").exists()

    panel.select_item(page.agenda.row_at(0).item_id)
    panel.remove_button.click()
    assert "一、听取和审查东西湖区人民政府工作报告。" in yes[-1]
    texts = _texts(page.agenda)
    assert len(texts) == 9 and texts[0].startswith("一、审查和批准东西湖区2023年")


def test_agenda_adoption_meeting_and_verb(page, qtbot):
    bar = page.agenda_adoption
    first = _plenary(1)
    bar.meeting.setCurrentIndex(bar.meeting.findData(first.meeting_id))
    bar.verb.setCurrentText("决定")
    with qtbot.waitSignal(page.changed):
        bar.save()
    assert schedule.adoption("agenda").meeting_id == first.meeting_id
    assert bar.line.text().endswith("第一次全体会议决定)")


# ---------------------------------------------------------------- meetings


def test_schedule_tree_days_meetings_hosts_and_unprinted_marks(page):
    shown = _tree_names(page)
    assert list(shown) == ["12月20日(星期三)", "12月21日(星期四)", "12月22日(星期五)", "12月23日(星期六)"]
    assert shown["12月21日(星期四)"] == ["第一次全体会议", "代表团会议", "主席团第二次会议　（不印入日程）"]
    first = page.meetings.index_of(_plenary(1).meeting_id)
    row = first.row()
    assert first.siblingAtColumn(ScheduleModel.TIME).data() == "上午 8:30"
    assert first.siblingAtColumn(ScheduleModel.HOST).data() == "徐贻功"
    assert page.meetings.index(row, ScheduleModel.HOST, first.parent()).data() == "徐贻功"


def test_add_a_meeting_appears_under_its_day_with_the_weekday(page, qtbot):
    dialog = _new_meeting(page, dt.date(2023, 12, 24), "其他", start="15:00", title="代表团团长会议",
                          place="第一会议室")
    assert dialog.weekday.text() == "星期日"
    host = next(pid for pid, label in presidium.person_choices() if label.startswith("徐贻功"))
    dialog.host.set_value(host)
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert _tree_names(page)["12月24日(星期日)"] == ["代表团团长会议"]
    row = page.current_meeting()
    assert (row.name, row.half, row.start, row.place, row.host_name) == (
        "代表团团长会议", "下午", "15:00", "第一会议室", "徐贻功")
    assert "12月24日(星期日)　下午 15:00" in page.meeting_info.text()


def test_the_weekday_follows_the_date_as_it_changes(page):
    dialog = page.new_meeting()
    dialog.date.setDate(QDate(2023, 12, 21))
    assert dialog.weekday.text() == "星期四"
    dialog.date.setDate(QDate(2023, 12, 25))
    assert dialog.weekday.text() == "星期一"
    dialog.reject()


def test_typing_a_start_time_sets_the_half_day(page):
    dialog = page.new_meeting()
    dialog.start.textEdited.emit("19:30")
    assert dialog.half.currentData() == "晚上"
    dialog.reject()


def test_a_bad_time_shows_the_field_error_and_writes_nothing(page, qtbot):
    before = Meeting.select().count()
    dialog = _new_meeting(page, dt.date(2023, 12, 21), "代表团会议", start="25:00")
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "25:00" in dialog.error_text("start")
    assert Meeting.select().count() == before
    dialog.start.setText("14:30")
    dialog.end.setText("12:00")
    _ok(qtbot, dialog)
    assert "结束时间须晚于开始时间" in dialog.error_text("end")
    assert Meeting.select().count() == before
    dialog.reject()


def test_other_meetings_need_a_name_and_plenaries_no_host(page, qtbot):
    dialog = _new_meeting(page, dt.date(2023, 12, 21), "其他")
    assert dialog.title.isEnabled() and dialog.host.isEnabled()
    _ok(qtbot, dialog)
    assert "请填写会议名称" in dialog.error_text("title")
    dialog.kind.setCurrentText("全体会议")
    assert not dialog.title.isEnabled() and not dialog.host.isEnabled()
    assert not dialog.host_note.isHidden() and "执行主席组" in dialog.host_note.text()
    dialog.reject()


def test_an_earlier_plenary_renumbers_the_later_ones(page, qtbot):
    second = _plenary(2)
    assert second.date == dt.date(2023, 12, 22)
    dialog = _new_meeting(page, dt.date(2023, 12, 21), "全体会议", half="下午")
    _ok(qtbot, dialog)
    shown = _tree_names(page)
    assert shown["12月21日(星期四)"][:2] == ["第一次全体会议", "第二次全体会议"]
    assert shown["12月22日(星期五)"][0] == "第三次全体会议"
    assert schedule.get_meeting(second.meeting_id).name == "第三次全体会议"
    assert shown["12月23日(星期六)"] == ["第四次全体会议"]
    new = page.current_meeting()
    assert new.name == "第二次全体会议"
    assert page.meetings.index_of(new.meeting_id).siblingAtColumn(ScheduleModel.HOST).data() == "（未分配执行主席组）"


def test_a_new_plenary_opens_with_the_attendance_report_unless_unchecked(page, qtbot):
    dialog = _new_meeting(page, dt.date(2023, 12, 24), "全体会议", start="9:00")
    assert dialog.attendance.isChecked()
    _ok(qtbot, dialog)
    assert [i.text for i in page.current_meeting().items] == ["报告代表到会情况"]
    assert _texts(page.items) == ["1. 报告代表到会情况"]

    dialog = _new_meeting(page, dt.date(2023, 12, 24), "全体会议", start="15:00")
    dialog.attendance.setChecked(False)
    _ok(qtbot, dialog)
    row = page.current_meeting()
    assert row.start == "15:00" and row.items == ()
    assert not MeetingItem.select().where(MeetingItem.meeting == row.meeting_id).exists()


def test_edit_a_meeting(page, qtbot):
    delegations = next(m for m in schedule.list_meetings() if m.kind == "代表团会议")
    page.select_meeting(delegations.meeting_id)
    dialog = page.edit_meeting()
    assert dialog.start.text() == "14:30" and dialog.half.currentData() == "下午"
    assert not dialog.attendance.isVisible()
    dialog.end.setText("17:30")
    dialog.printed.setChecked(False)
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    row = schedule.get_meeting(delegations.meeting_id)
    assert (row.end, row.printed) == ("17:30", False)
    assert page.current_meeting().meeting_id == row.meeting_id
    index = page.meetings.index_of(row.meeting_id)
    assert index.siblingAtColumn(ScheduleModel.TIME).data() == "下午 14:30—17:30"
    assert "不印入日程" in index.siblingAtColumn(ScheduleModel.NAME).data()


def test_remove_a_plenary_names_it_and_unlinks_its_group(page, qtbot, yes):
    first = _plenary(1)
    group_id = first.chair_group_id
    page.select_meeting(first.meeting_id)
    with qtbot.waitSignal(page.changed):
        page.remove_button.click()
    assert "12月21日上午 第一次全体会议" in yes[-1]
    assert "执行主席组将不再与任何会议关联" in yes[-1]
    assert Meeting.get_or_none(id=first.meeting_id) is None
    assert ChairGroup.get_by_id(group_id).meeting_id is None
    assert _tree_names(page)["12月22日(星期五)"][0] == "第一次全体会议"


def test_removing_is_cancelled_when_not_confirmed(page, monkeypatch):
    monkeypatch.setattr(meeting_dialog, "confirm", lambda *a, **k: False)
    first = _plenary(1)
    page.select_meeting(first.meeting_id)
    page.remove_meeting()
    assert Meeting.get_or_none(id=first.meeting_id) is not None


# ---------------------------------------------------------------- items of a meeting


def test_meeting_items_add_move_and_remove(page, qtbot, yes):
    first = _plenary(1)
    page.select_meeting(first.meeting_id)
    assert _texts(page.items)[0] == "1. 报告代表到会情况"
    panel = page.items_panel
    dialog = panel.add()
    dialog.text.setText("表决大会议程草案")
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert _texts(page.items)[-1] == "5. 表决大会议程草案"
    for _ in range(3):
        panel.up_button.click()
    assert _texts(page.items)[1] == "2. 表决大会议程草案"
    assert panel.current().text == "表决大会议程草案"
    assert [i.text for i in schedule.get_meeting(first.meeting_id).items][1] == "表决大会议程草案"

    panel.remove_button.click()
    assert "2. 表决大会议程草案" in yes[-1]
    assert len(_texts(page.items)) == 4
    assert page.current_meeting().meeting_id == first.meeting_id


def test_no_meeting_chosen_disables_the_item_buttons(page):
    page.tree.setCurrentIndex(page.meetings.index(0, 0))  # a day heading
    assert page.current_meeting() is None
    assert page.items_panel.isHidden()
    assert not page.edit_button.isEnabled() and not page.remove_button.isEnabled()
    dialog = page.new_meeting()
    assert dialog.date.date().toPython() == dt.date(2023, 12, 20)  # the chosen day
    dialog.reject()


# ---------------------------------------------------------------- chair groups


def test_linking_a_chair_group_shows_its_host(page, qtbot):
    third = _plenary(3)
    page.select_meeting(third.meeting_id)
    assert not page.group_row.isHidden()
    assert page.group_combo.currentText() == "第3组（15人，主持人周本奇）"

    page.link_group(None)
    assert page.meetings.index_of(third.meeting_id).siblingAtColumn(ScheduleModel.HOST).data() == \
        "（未分配执行主席组）"
    assert page.group_combo.currentIndex() == 0

    first_group = presidium.list_groups()[0]
    index = page.group_combo.findData(first_group.group_id)
    assert page.group_combo.itemText(index).startswith("第1组（15人，主持人徐贻功）　现属12月21日上午")
    page.group_combo.setCurrentIndex(index)
    with qtbot.waitSignal(page.changed):
        page.group_combo.activated.emit(index)
    assert page.meetings.index_of(third.meeting_id).siblingAtColumn(ScheduleModel.HOST).data() == "徐贻功"
    assert "主持人：徐贻功" in page.meeting_info.text()
    # the group left the first plenary
    first = page.meetings.index_of(_plenary(1).meeting_id)
    assert first.siblingAtColumn(ScheduleModel.HOST).data() == "（未分配执行主席组）"


def test_a_group_without_a_host_is_reported(page):
    second = _plenary(2)
    presidium.set_host(second.chair_group_id, None)
    page.refresh()
    index = page.meetings.index_of(second.meeting_id)
    assert index.siblingAtColumn(ScheduleModel.HOST).data() == "（执行主席组未定主持人）"


def test_group_choice_is_only_for_plenaries(page):
    delegations = next(m for m in schedule.list_meetings() if m.kind == "代表团会议")
    page.select_meeting(delegations.meeting_id)
    assert page.group_row.isHidden()


# ---------------------------------------------------------------- focus and printing


def test_focus_selects_a_meeting_or_shows_the_agenda(page):
    second = _plenary(2)
    page.focus(("agenda", None))
    assert page.tabs.currentWidget() is page.agenda_tab
    page.focus(("meeting", second.meeting_id))
    assert page.tabs.currentWidget() is page.schedule_tab
    assert page.current_meeting_id() == second.meeting_id
    assert page.meeting_heading.text() == "第二次全体会议"
    assert page.tree.selectionModel().isRowSelected(page.meetings.index_of(second.meeting_id).row(),
                                                    page.meetings.index_of(second.meeting_id).parent())


def test_refresh_keeps_the_chosen_meeting(page):
    second = _plenary(2)
    page.focus(("meeting", second.meeting_id))
    page.refresh()
    assert page.current_meeting_id() == second.meeting_id


def test_print_menu_offers_agenda_and_schedule(page):
    assert [a.text() for a in page.print_button.menu().actions()] == ["议程", "日程"]


@pytest.mark.parametrize("kind", ["agenda", "schedule"])
def test_print_opens_the_preview(page, qtbot, monkeypatch, kind):
    if kind not in printing.PAPERS:
        pytest.skip(f"the {kind} paper is not registered yet")
    monkeypatch.setattr(print_preview, "BACKGROUND", False)
    dialog = page.print_paper(kind)
    qtbot.addWidget(dialog)
    assert dialog.pages >= 1, dialog.message


def test_an_unknown_paper_is_a_message_not_a_traceback(page, monkeypatch):
    shown = []
    monkeypatch.setattr("meetingdesk.ui.common.page_heading.warn", lambda parent, title, text: shown.append(text))
    assert page.print_paper("no-such-paper") is None
    assert shown and "没有名为" in shown[0]


def test_a_refused_write_is_a_chinese_message_and_the_list_is_re_read(page, monkeypatch):
    shown = []
    monkeypatch.setattr("meetingdesk.ui.schedule.widgets.warn", lambda parent, title, text: shown.append(text))
    panel = page.agenda_panel
    gone = page.agenda.row_at(0)
    panel.select_item(gone.item_id)
    AgendaItem.delete_by_id(gone.item_id)  # another window removed it meanwhile
    panel.down_button.click()
    assert shown == ["该议程已不存在。"]
    assert page.agenda.rowCount() == 8


def test_changing_a_plenary_to_another_kind_warns_about_its_group(page, qtbot):
    first = _plenary(1)
    page.select_meeting(first.meeting_id)
    dialog = page.edit_meeting()
    assert dialog.kind_note.isHidden()
    dialog.kind.setCurrentText("代表团会议")
    assert not dialog.kind_note.isHidden()
    dialog.reject()

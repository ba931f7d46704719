"""The 主席团 page on the demo session: members, proposals, officers, offices, drag and drop of
the 执行主席 groups, automatic splitting, adoption, focus targets and printing."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMainWindow

from meetingdesk import printing
from meetingdesk.services import presidium, roster, schedule
from meetingdesk.ui.common import print_preview, views
from meetingdesk.ui.presidium.chair_group_models import MIME_TYPE, decode_members
from meetingdesk.ui.presidium.officers import RolesModel
from meetingdesk.ui.presidium.members import PresidiumModel
from meetingdesk.ui.presidium.page import PresidiumPage

from .helpers import ok as _ok

MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """Messages that would have been shown in a message box; every question answered yes."""
    messages: list[str] = []
    for module in ("presidium.chair_groups", "presidium.officers", "presidium.offices", "presidium.members", "presidium.page"):
        monkeypatch.setattr(f"meetingdesk.ui.{module}.warn", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(views, "confirm", lambda *args, **kwargs: True)
    return messages


@pytest.fixture
def page(qtbot, demo_session, shown):
    widget = PresidiumPage()
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def _open(page, tab):
    """Bring TAB into view: tabs out of view are read only when they come into view."""
    page.tabs.setCurrentWidget(tab)
    return tab



def _shown_names(page) -> list[str]:
    proxy = page.members_tab.proxy
    return [proxy.index(r, PresidiumModel.NAME).data() for r in range(proxy.rowCount())]


def _pid(name: str) -> int:
    return next(r.presidium_id for r in presidium.list_presidium() if r.name == name)


def _group_ids() -> list[list[int]]:
    return [[m.presidium_id for m in g.members] for g in presidium.list_groups()]


# ---------------------------------------------------------------- members


def test_members_table_is_the_presidium_in_stroke_order(page):
    assert page.members_tab.model.rowCount() == 46
    assert page.members_tab.heading.text().startswith("主席团 46 人")
    names = _shown_names(page)
    assert names[0] == "王建兵"
    assert names == [r.display for r in presidium.list_presidium()]
    assert names[:10] == ["王建兵", "王烁(女)", "王敏辉", "王强", "王新", "邢奇", "吕忠良", "朱凯", "向文", "刘华强"]
    row = page.members_tab.proxy.index(3, 0)  # 王强, a standing chair of the first group
    cells = [page.members_tab.proxy.index(3, c).data() for c in range(6)]
    assert cells[PresidiumModel.STANDING] == "✓" and cells[PresidiumModel.GROUPS] == "第一组"
    assert row.data() == "王强"
    # A click on 代表团 and back on 姓名 gives stroke order again.
    page.members_tab.view.sortByColumn(PresidiumModel.DELEGATION, Qt.SortOrder.AscendingOrder)
    assert _shown_names(page) != names
    page.members_tab.view.sortByColumn(PresidiumModel.NAME, Qt.SortOrder.AscendingOrder)
    assert _shown_names(page) == names


def test_a_member_whose_mandate_ended_shows_red(page):
    member = next(r for r in presidium.list_presidium() if r.name == "王建兵")
    roster.end_member(member.member_id, dt.date(2023, 12, 20), "因工作调整辞去代表职务")
    page.refresh()
    tab = page.members_tab
    status = tab.proxy.index(0, PresidiumModel.STATUS)
    assert status.data() == "已终止"
    assert status.data(Qt.ItemDataRole.ForegroundRole).color().name() == views.RED
    assert "1 人已终止代表资格" in tab.heading.text()


def test_add_a_delegate_through_the_dialog(page, qtbot):
    dialog = page.members_tab.add_member()
    dialog.filter.setText("丁哲")
    assert dialog.filter_texts() == ["丁哲（吴家山街代表团）"]
    assert dialog.chosen_id() is not None  # filtering to one name selects it
    dialog.category.setCurrentText("区委常委")
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    assert not dialog.isVisible()
    row = next(r for r in presidium.list_presidium() if r.name == "丁哲")
    assert row.category == "区委常委"
    assert page.members_tab.heading.text().startswith("主席团 47 人")
    assert page.members_tab.current().name == "丁哲"
    assert _shown_names(page)[0] == "丁哲"  # stroke order: 丁 (2 strokes) first


def test_the_add_dialog_offers_only_serving_delegates_not_on_the_presidium(page):
    dialog = page.members_tab.add_member()
    dialog.filter.setText("王建兵")
    assert dialog.filter_texts() == []  # already on it
    dialog.filter.setText("丁思达")  # staff, not a delegate
    assert dialog.filter_texts() == []
    dialog.reject()


def test_a_refusal_of_the_service_shows_under_the_field(page, qtbot):
    dialog = page.members_tab.add_member()
    _ok(qtbot, dialog)  # nothing chosen
    assert dialog.isVisible() and "请在列表中选择" in dialog.error_text("member")
    dialog.filter.setText("丁哲")
    member_id = dialog.chosen_id()
    # The mandate ends while the dialog is open: the service refuses a non-delegate.
    roster.end_member(member_id, dt.date(2023, 12, 20), "因工作变动调离本行政区域")
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "不是在任代表" in dialog.error_text("member")
    assert len(presidium.list_presidium()) == 46
    dialog.reject()


def test_change_category_and_remove(page, qtbot, shown):
    tab = page.members_tab
    assert tab.select(_pid("王建兵"))
    dialog = tab.edit_category()
    dialog.category.setCurrentText("政协主席")
    _ok(qtbot, dialog)
    assert next(r for r in presidium.list_presidium() if r.name == "王建兵").category == "政协主席"
    assert tab.current().name == "王建兵"
    with qtbot.waitSignal(page.changed):
        tab.remove_member()
    assert "王建兵" not in [r.name for r in presidium.list_presidium()]
    assert tab.heading.text().startswith("主席团 45 人")
    assert not shown


def test_proposals_say_when_nothing_is_missing(page):
    dialog = page.members_tab.show_proposals()
    assert dialog.model.rowCount() == 0
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isVisible()
    dialog.reject()


def test_a_head_taken_off_the_presidium_is_proposed_and_added_back(page, qtbot):
    tab = page.members_tab
    tab.select(_pid("王敏辉"))
    tab.remove_member()
    assert "1 人未列入" in tab.propose_button.text()
    dialog = tab.show_proposals()
    rows = dialog.model.rows()
    assert [(r.name, r.delegation, r.category, r.reason) for r in rows] == [
        ("王敏辉", "东山街代表团", "代表团团长", "代表团团长")]
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    back = next(r for r in presidium.list_presidium() if r.name == "王敏辉")
    assert back.category == "代表团团长"
    assert tab.propose_button.text() == "按规则建议…"


def test_unchecking_every_proposal_is_refused(page, qtbot):
    page.members_tab.select(_pid("王敏辉"))
    page.members_tab.remove_member()
    dialog = page.members_tab.show_proposals()
    dialog.model.setData(dialog.model.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "至少勾选一人" in dialog.error_text("")
    dialog.reject()


# ---------------------------------------------------------------- officers


def _role_names(kind: str) -> list[str]:
    return [r.name for r in presidium.list_roles(kind)]


def test_officers_add_move_and_remove(page, qtbot):
    tab = _open(page, page.officers_tab)
    tab.show_kind("监票人")
    assert tab.heading.text() == "监票人　6 人"
    dialog = tab.add_person()
    dialog.filter.setText("丁哲")
    assert dialog.chosen_id() is not None
    with qtbot.waitSignal(page.changed):
        dialog.list.doubleClicked.emit(dialog.list.currentIndex())  # a double click chooses
    assert not dialog.isVisible()
    assert _role_names("监票人")[-1] == "丁哲"
    assert tab.model.rowCount() == 7 and tab.heading.text() == "监票人　7 人"
    assert tab.current_person_id() == presidium.list_roles("监票人")[-1].person_id

    tab.move_person(-1)
    tab.move_person(-1)
    assert _role_names("监票人")[4] == "丁哲"
    assert tab.model.row_at(tab.view.currentIndex().row()).name == "丁哲"  # the moved one stays chosen
    tab.move_person(1)
    assert _role_names("监票人")[5] == "丁哲"

    tab.remove_person()
    assert "丁哲" not in _role_names("监票人")
    assert tab.model.rowCount() == 6


def test_an_officer_the_rule_refuses_is_shown_at_the_field(page, qtbot):
    tab = _open(page, page.officers_tab)
    tab.show_kind("秘书长")
    dialog = tab.add_person()
    dialog.filter.setText("王建兵")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "只能有一人" in dialog.error_text("person")
    dialog.reject()
    tab.show_kind("常务主席")
    dialog = tab.add_person()
    dialog.filter.setText("丁哲")  # a delegate, not on the presidium
    _ok(qtbot, dialog)
    assert "须是主席团成员" in dialog.error_text("person")
    dialog.reject()


def test_roles_show_delegation_and_flags(page):
    tab = page.officers_tab
    page.focus(("role", "副秘书长"))
    assert tab.current_kind() == "副秘书长"
    assert tab.outside_button.isVisibleTo(tab)
    first = tab.model.row_at(0)
    texts = [tab.model.index(0, c).data() for c in range(5)]
    assert texts[RolesModel.DELEGATION] == first.delegation
    assert texts[RolesModel.DELEGATE] in ("在任代表", "非在任代表")
    # Not being a delegate is no fault of a 副秘书长: not red.
    not_delegate = next(i for i, r in enumerate(tab.model.rows()) if not r.delegate)
    brush = tab.model.index(not_delegate, RolesModel.DELEGATE).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() != views.RED
    tab.show_kind("监票人")
    assert not tab.outside_button.isVisibleTo(tab)


def test_a_deputy_secretary_from_outside_the_roster(page, qtbot):
    tab = _open(page, page.officers_tab)
    tab.show_kind("副秘书长")
    dialog = tab.add_outside()
    _ok(qtbot, dialog)
    assert "姓名" in dialog.error_text("name")
    dialog.name.setText("欧阳晓晴")
    dialog.gender.setCurrentIndex(dialog.gender.findData("女"))
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    row = presidium.list_roles("副秘书长")[-1]
    assert (row.name, row.delegate, row.delegation) == ("欧阳晓晴", False, "")
    assert tab.model.index(tab.model.rowCount() - 1, RolesModel.DELEGATION).data() == "（不在代表团名单中）"
    assert tab.model.index(tab.model.rowCount() - 1, RolesModel.NAME).data() == "欧阳晓晴(女)"


# ---------------------------------------------------------------- offices


def test_offices_add_and_remove(page, qtbot):
    tab = page.offices_tab
    page.focus(("offices", None))
    assert page.tabs.currentWidget() is tab
    before = tab.model.rowCount()
    dialog = tab.add_office()
    dialog.filter.setText("王建兵")
    dialog.body.setCurrentText("区委")
    _ok(qtbot, dialog)
    assert "请填写职务" in dialog.error_text("title")
    dialog.title.setText("常委")
    _ok(qtbot, dialog)
    assert tab.model.rowCount() == before + 1
    assert tab.current().title == "常委"
    tab.remove_office()
    assert tab.model.rowCount() == before


# ---------------------------------------------------------------- groups: drag and drop


def test_groups_show_side_by_side_with_host_and_meeting(page):
    assert page.groups_tab.boxes == []  # not read while out of view
    tab = _open(page, page.groups_tab)
    assert [b.title() for b in tab.boxes] == ["第一组　15 人", "第二组　16 人", "第三组　15 人"]
    first = tab.boxes[0]
    group = presidium.list_groups()[0]
    assert first.meeting.currentData() == group.meeting_id
    assert first.meeting.currentText() == "12月21日上午 第一次全体会议"
    assert first.host.currentData() == group.host_id
    host_row = [m.presidium_id for m in group.members].index(group.host_id)
    assert first.model.index(host_row).data().endswith("〔主持人〕")
    assert first.model.index(host_row).data().startswith("★")  # the host is a standing chair
    assert tab.unassigned.rowCount() == 0
    assert "分组完整" in tab.problems.text()


def test_drag_a_member_from_one_group_to_another(page, qtbot):
    tab = _open(page, page.groups_tab)
    source, target = tab.boxes[0].model, tab.boxes[1].model
    moving = source.rows()[3].presidium_id
    mime = source.mimeData([source.index(3)])
    assert MIME_TYPE in mime.formats()
    assert decode_members(mime) == [(moving, source.group_id)]
    with qtbot.waitSignal(page.changed):
        assert target.dropMimeData(mime, MOVE, 2, 0, QModelIndex())
    groups = _group_ids()
    assert moving not in groups[0] and groups[1][2] == moving
    assert (len(groups[0]), len(groups[1])) == (14, 17)
    # The page was refreshed from the services.
    assert [r.presidium_id for r in tab.boxes[1].model.rows()] == groups[1]
    assert tab.boxes[0].title() == "第一组　14 人"
    _open(page, page.members_tab)
    assert page.members_tab.model.text(
        next(r for r in page.members_tab.model.rows() if r.presidium_id == moving), PresidiumModel.GROUPS) == "第二组"


def test_dragging_the_host_away_leaves_the_group_without_host(page):
    tab = _open(page, page.groups_tab)
    source, target = tab.boxes[0].model, tab.boxes[2].model
    host = source.host_id
    row = [r.presidium_id for r in source.rows()].index(host)
    target.dropMimeData(source.mimeData([source.index(row)]), MOVE, -1, 0, QModelIndex())
    assert presidium.list_groups()[0].host_id is None
    assert _group_ids()[2][-1] == host  # no row given: the end of the group
    assert "第一组没有大会主持人。" in tab.problems.text()
    assert tab.boxes[0].host.currentData() is None


def test_reorder_within_a_group(page):
    model = _open(page, page.groups_tab).boxes[1].model
    before = [r.presidium_id for r in model.rows()]
    model.dropMimeData(model.mimeData([model.index(5)]), MOVE, 1, 0, QModelIndex())
    after = _group_ids()[1]
    assert after == before[:1] + [before[5]] + before[1:5] + before[6:]
    # Downwards: dropped before row 10 of the old list, i.e. after old row 9.
    model = page.groups_tab.boxes[1].model
    model.dropMimeData(model.mimeData([model.index(0)]), MOVE, 10, 0, QModelIndex())
    again = _group_ids()[1]
    assert again.index(after[0]) == 9 and len(again) == 16


def test_drag_several_at_once_keeps_their_order(page):
    tab = _open(page, page.groups_tab)
    source, target = tab.boxes[2].model, tab.boxes[0].model
    ids = [source.rows()[i].presidium_id for i in (2, 4, 6)]
    target.dropMimeData(source.mimeData([source.index(6), source.index(2), source.index(4)]), MOVE, 1, 0,
                        QModelIndex())
    assert _group_ids()[0][1:4] == ids
    assert len(_group_ids()[2]) == 12


def test_drag_back_to_unassigned_and_into_a_group(page, qtbot):
    tab = _open(page, page.groups_tab)
    source = tab.boxes[0].model
    moving = source.rows()[4].presidium_id
    name = source.rows()[4].display
    mime = source.mimeData([source.index(4)])
    with qtbot.waitSignal(page.changed):
        assert tab.unassigned.dropMimeData(mime, MOVE, 0, 0, QModelIndex())
    assert all(moving not in g for g in _group_ids())
    assert [r.presidium_id for r in tab.unassigned.rows()] == [moving]
    assert tab.unassigned_box.title() == "未分组（1 人）"
    assert f"1 位主席团成员不在任何组：{name}。" in tab.problems.text()
    # Unassigned onto unassigned means nothing.
    back = tab.unassigned.mimeData([tab.unassigned.index(0)])
    assert decode_members(back) == [(moving, None)]
    assert not tab.unassigned.canDropMimeData(back, MOVE, 0, 0, QModelIndex())
    # Into the third group, first place.
    target = tab.boxes[2].model
    assert target.dropMimeData(back, MOVE, 0, 0, QModelIndex())
    assert _group_ids()[2][0] == moving
    assert tab.unassigned.rowCount() == 0
    assert "分组完整" in tab.problems.text()


def _send_drop(view, row: int, mime) -> None:
    """What a view receives when something is dropped on the upper edge of ROW (or below the last)."""
    model = view.model()
    if row < model.rowCount():
        rect = view.visualRect(model.index(row))
        point = QPoint(rect.center().x(), rect.top() + 1)
    else:
        rect = view.visualRect(model.index(model.rowCount() - 1))
        point = QPoint(rect.center().x(), rect.bottom() + 20)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    target = view.viewport()
    QApplication.sendEvent(target, QDragEnterEvent(QPointF(point), MOVE, mime, buttons, mods))
    QApplication.sendEvent(target, QDragMoveEvent(QPointF(point), MOVE, mime, buttons, mods))
    QApplication.sendEvent(target, QDropEvent(QPointF(point), MOVE, mime, buttons, mods))


def test_a_drop_on_the_view_moves_through_the_services(page, qtbot):
    tab = _open(page, page.groups_tab)
    source, view = tab.boxes[0].model, tab.boxes[1].view
    moving = source.rows()[3].presidium_id
    with qtbot.waitSignal(page.changed):
        _send_drop(view, 2, source.mimeData([source.index(3)]))
    assert _group_ids()[1][2] == moving and moving not in _group_ids()[0]
    # Below the last member of the third group: the end.
    source = tab.boxes[1].model
    moving = source.rows()[0].presidium_id
    _send_drop(tab.boxes[2].view, 99, source.mimeData([source.index(0)]))
    assert _group_ids()[2][-1] == moving
    # And onto the list of the unassigned.
    _send_drop(tab.unassigned_view, 0, tab.boxes[2].model.mimeData([tab.boxes[2].model.index(0)]))
    assert tab.unassigned.rowCount() == 1


# ---------------------------------------------------------------- groups: the rest


def test_auto_split_into_three_groups(page, qtbot):
    tab = _open(page, page.groups_tab)
    dialog = tab.auto_split()
    assert dialog.count.value() == 3  # one per plenary
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "替换并分组"
    with qtbot.waitSignal(page.changed):
        _ok(qtbot, dialog)
    groups = presidium.list_groups()
    assert [len(g.members) for g in groups] == [16, 15, 15]
    everyone = sorted(m.presidium_id for g in groups for m in g.members)
    assert everyone == sorted(r.presidium_id for r in presidium.list_presidium())
    assert all(g.host is not None and g.host.standing for g in groups)
    assert [b.title() for b in tab.boxes] == ["第一组　16 人", "第二组　15 人", "第三组　15 人"]
    assert "分组完整" in tab.problems.text()


def test_auto_split_into_two_drops_a_box(page, qtbot):
    dialog = _open(page, page.groups_tab).auto_split()
    dialog.count.setValue(2)
    _ok(qtbot, dialog)
    assert [len(g) for g in _group_ids()] == [23, 23]
    assert len(page.groups_tab.boxes) == 2
    assert "第三次全体会议没有执行主席组。" in page.groups_tab.problems.text()


def test_auto_split_without_a_presidium_is_refused_at_the_field(qtbot, empty_session, shown):
    widget = PresidiumPage()
    qtbot.addWidget(widget)
    widget.refresh()  # before it is shown: nothing read yet
    assert widget.members_tab.heading.text() == ""
    widget.show()
    assert widget.members_tab.heading.text().startswith("主席团 0 人")
    _open(widget, widget.groups_tab)
    assert "还没有执行主席分组" in widget.groups_tab.problems.text()
    dialog = widget.groups_tab.auto_split()
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "不能分成 1 组" in dialog.error_text("count")
    dialog.reject()


def test_new_group_host_meeting_and_delete(page, qtbot):
    tab = _open(page, page.groups_tab)
    tab.new_group()
    assert len(tab.boxes) == 4
    fourth = tab.boxes[3]
    assert fourth.title() == "第四组　0 人" and fourth.meeting.currentData() is None
    assert "第四组没有成员。" in tab.problems.text()
    assert "第四组没有指定主持哪次全体会议。" in tab.problems.text()
    # Give it the first plenary: the first group loses it.
    plenary = presidium.list_groups()[0].meeting_id
    fourth.meeting.setCurrentIndex(fourth.meeting.findData(plenary))
    fourth.meeting.activated.emit(fourth.meeting.currentIndex())
    assert presidium.list_groups()[3].meeting_id == plenary
    assert "第一组没有指定主持哪次全体会议。" in tab.problems.text()
    # A new host for the second group.
    second = tab.boxes[1]
    other = next(r.presidium_id for r in second.model.rows() if not r.standing)
    second.host.setCurrentIndex(second.host.findData(other))
    second.host.activated.emit(second.host.currentIndex())
    assert presidium.list_groups()[1].host_id == other
    assert "第二组的大会主持人" in tab.problems.text() and "不是常务主席" in tab.problems.text()
    row = [r.presidium_id for r in second.model.rows()].index(other)
    assert second.model.index(row).data().endswith("〔主持人〕")
    tab.delete_group(fourth.group_id)
    assert len(tab.boxes) == 3 and len(presidium.list_groups()) == 3


def test_focus_targets(page):
    page.hide()  # the main window may ask before it shows the page
    group = presidium.list_groups()[2]
    assert page.focus(("group", group.group_id))
    assert page.tabs.currentWidget() is page.groups_tab
    assert page.groups_tab.focused_group_id == group.group_id
    assert "#1565c0" in page.groups_tab.box_of(group.group_id).styleSheet()
    assert "#1565c0" not in page.groups_tab.boxes[0].styleSheet()
    page.show()
    page.refresh()  # the outline stays
    assert "#1565c0" in page.groups_tab.box_of(group.group_id).styleSheet()

    pid = _pid("刘华强")
    assert page.focus(("presidium", pid))
    assert page.tabs.currentWidget() is page.members_tab
    assert page.members_tab.current().presidium_id == pid
    assert page.focus(("role", "审查委员会委员"))
    assert page.officers_tab.heading.text().startswith("议案审查委员会委员")
    assert page.focus(("offices", None))
    assert page.tabs.currentWidget() is page.offices_tab
    assert page.focus(("presidium", None))
    assert page.tabs.currentWidget() is page.members_tab
    assert page.focus(("adoption", "review"))
    assert page.tabs.currentWidget() is page.adoption_tab
    assert not page.focus(("adoption", "agenda"))
    assert not page.focus(("meeting", 1))


# ---------------------------------------------------------------- adoption and printing


def test_adoption_meeting_and_verb(page, qtbot):
    tab = _open(page, page.adoption_tab)
    assert tab.lines["groups"].text() == schedule.adoption("groups").line
    combo = tab.meetings["chairs"]
    meeting = schedule.meeting_choices("预备会议")[0][0]
    combo.setCurrentIndex(combo.findData(meeting))
    with qtbot.waitSignal(page.changed):
        combo.activated.emit(combo.currentIndex())
    tab.verbs["chairs"].setCurrentText("决定")
    tab.verbs["chairs"].activated.emit(tab.verbs["chairs"].currentIndex())
    row = schedule.adoption("chairs")
    assert (row.meeting_id, row.verb) == (meeting, "决定")
    assert tab.lines["chairs"].text() == row.line and row.line.endswith("预备会议决定)")
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert tab.lines["chairs"].text() == "（未定：请选择会议）"


def test_print_menu_offers_the_papers_of_the_page(page, monkeypatch):
    page._fill_print_menu()
    actions = page.print_menu.actions()
    assert len(actions) == 6
    for action, kind in zip(actions, ("presidium", "chairs", "groups", "deputies", "review", "scrutineers")):
        assert action.isEnabled() == (kind in printing.PAPERS)
    if "presidium" not in printing.PAPERS:
        pytest.skip("the presidium paper is not registered in printing.PAPERS yet")
    monkeypatch.setattr(print_preview, "BACKGROUND", False)
    dialog = page.print_paper("presidium")
    assert dialog.pages >= 1, dialog.message
    dialog.reject()


def test_the_page_inside_a_main_window(qtbot, demo_session, shown):
    window = QMainWindow()
    qtbot.addWidget(window)
    page = PresidiumPage()
    window.setCentralWidget(page)
    page.refresh()
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        assert not window.grab().isNull()
    # Every group box is wide enough for its plenary's name.
    box = page.groups_tab.boxes[0]
    assert box.meeting.width() >= box.meeting.fontMetrics().horizontalAdvance(box.meeting.currentText())

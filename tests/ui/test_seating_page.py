"""The 座次 page on the demo session (its invented hall, seeds/hall.toml: three blocks of delegates
in front, 列席 and staff behind, a 主席台 of 13 and 17): the hall drawn, a name found, a drag
that swaps or moves and its undo, a pin, 设置会场 and its refusals, 重新排座, a plenary's
主席台名单, a session without a hall; and the 到会 page's seat map following a check-in."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from meetingdesk.rules.words import AttendanceStatus, Role
from meetingdesk.services import seating
from meetingdesk.services.seating import HallState
from meetingdesk.store import Member, Person
from meetingdesk.ui.attendance.seat_map import FILLS
from meetingdesk.ui.common.views import RED
from meetingdesk.ui.seating import dialogs
from meetingdesk.ui.seating.page import SeatingPage

from .helpers import ok

PLENARY = 3  # the demo's 第一次全体会议
NOW = dt.datetime(2023, 12, 21, 8, 0)  # before it begins


@pytest.fixture
def page(window, qtbot) -> SeatingPage:
    window.nav.setCurrentRow(window.pages.indexOf(window.seating_page))
    found = window.seating_page
    qtbot.waitUntil(lambda: found.arrangement is not None or found.stack.currentIndex() == 1)
    return found


def _member(name: str) -> int:
    return Member.select(Member.id).join(Person).where(Person.name == name).get().id


def _stored_seat(member_id: int, meeting_id: int | None = None) -> tuple[int, int, int]:
    seat = seating.arrangement(meeting_id).seat_of(member_id)
    return (seat.block_index, seat.row, seat.column)


def _drag(qtbot, view, source, target) -> None:
    """Press on SOURCE's seat, move to TARGET's, release: the clerk's drag."""
    start, end = view.viewport_point(source), view.viewport_point(target)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + (end - start) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def _front_pair(page) -> tuple[int, int]:
    """Two delegates side by side in the front row of 二区, both on screen."""
    hall = page.view.hall
    a, b = hall.grid[(1, 0, 0)], hall.grid[(1, 0, 1)]
    page.view.set_zoom(1.0)
    page.view.show_member(a)
    return a, b


# ---------------------------------------------------------------- the hall shown


def test_the_page_shows_the_demo_hall(page):
    hall = page.view.hall
    assert page.view.objectName() == "hall_view" and page.find.objectName() == "seat_find"
    assert page.stack.currentIndex() == 0
    assert hall.spec.name == "区人民会堂"
    assert [b.spec.name for b in hall.blocks] == ["一区", "二区", "三区", "四区", "五区", "六区"]
    assert len(hall.place) == 406  # everyone seated: 210 delegates, 160 attendees, 36 staff
    text = page.side.text()
    assert "代表：234 座 / 210 人" in text and "列席：168 座 / 160 人" in text
    assert "工作人员：40 座 / 36 人" in text and "名单中无座位" not in text
    # the front blocks above those behind, the 主席台 above all
    assert hall.podium_item.y() < hall.blocks[0].y() < hall.blocks[3].y()
    assert page.podium_button.isEnabled() is False  # no sitting chosen


def test_a_plenary_shows_its_podium_by_precedence(page):
    page.select_meeting(PLENARY)
    podium = page.view.hall.podium_item.podium
    assert podium is not None and podium.seats[0].why == "主持人"
    assert page.podium_button.isEnabled()


def test_find_by_pinyin_initials_marks_and_centres_the_person(page):
    member = _member("刘锦刚")
    page.find.setText("ljg")
    assert page.view.hall.found == {member}
    label = page.view.hall.label(page.view.hall.place[member])
    assert f"找到 1 人：刘锦刚（{label}）" in page.message.text()
    seat_centre = page.view.hall.scene_rect_of(page.view.hall.place[member]).center()
    assert page.view.visible_scene_rect().contains(seat_centre)
    assert page.view.zoom() >= 0.9
    page.find.setText("qqqqq")
    assert page.view.hall.found == set() and "没有" in page.message.text()


# ---------------------------------------------------------------- drag, pin, undo


def test_a_drag_onto_another_swaps_and_undo_swaps_back(page, window, qtbot):
    a, b = _front_pair(page)
    seat_a, seat_b = _stored_seat(a), _stored_seat(b)
    refreshes = page.refreshes
    _drag(qtbot, page.view, page.view.hall.place[a], page.view.hall.place[b])
    assert _stored_seat(a) == seat_b and _stored_seat(b) == seat_a
    hall = page.view.hall
    assert hall.grid[seat_b] == a and hall.grid[seat_a] == b
    assert page.refreshes == refreshes  # two seats moved on the map, nothing read again
    assert window.undo_stack.undoText().startswith("交换")
    window.undo_action.trigger()  # Ctrl+Z
    assert _stored_seat(a) == seat_a and _stored_seat(b) == seat_b
    assert hall.grid[seat_a] == a and hall.grid[seat_b] == b
    assert page.refreshes == refreshes
    window.redo_action.trigger()
    assert _stored_seat(a) == seat_b and hall.grid[seat_b] == a


def test_a_swap_makes_the_attendance_page_read_again(page, window):
    attendance = window.attendance_page  # built, not shown
    attendance._stale = False
    a, b = _front_pair(page)
    page.swap(a, b)
    assert attendance.stale


def test_a_drag_onto_an_empty_seat_moves_there(page, window, qtbot):
    hall = page.view.hall
    empty = next((0, r, c) for r in range(9) for c in range(8) if (0, r, c) not in hall.grid)
    member = hall.grid[(0, 0, 0)]
    page.view.set_zoom(1.0)
    page.view.centerOn(hall.scene_rect_of((0, 4, 4)).center())
    _drag(qtbot, page.view, (0, 0, 0), empty)
    assert _stored_seat(member) == empty and hall.grid[empty] == member and (0, 0, 0) not in hall.grid
    assert "移到" in window.undo_stack.undoText()
    window.undo_stack.undo()
    assert _stored_seat(member) == (0, 0, 0) and hall.grid[(0, 0, 0)] == member


def test_a_drag_into_another_zone_is_refused_in_chinese(page, qtbot):
    hall = page.view.hall
    delegate = hall.grid[(2, 0, 0)]
    staff = next(m for m, s in hall.sitters.items() if s.role == Role.STAFF)
    before = _stored_seat(delegate)
    page._dropped(hall.place[delegate], hall.place[staff])  # as the view's drop says
    assert _stored_seat(delegate) == before
    assert "不能交换" in page.message.text() and RED in page.message.styleSheet()


def test_pin_from_the_menu_and_undo(page, window):
    hall = page.view.hall
    seat = (1, 2, 3)
    member = hall.grid[seat]
    menu = page.seat_menu(seat)
    next(a for a in menu.actions() if a.text() == "固定座位").trigger()
    assert hall.sitters[member].pinned and seating.arrangement().seat_of(member).pinned
    assert "固定座位 1 人" in page.side.text()
    assert next(a for a in page.seat_menu(seat).actions() if a.text() == "取消固定")
    window.undo_stack.undo()
    assert not hall.sitters[member].pinned and not seating.arrangement().seat_of(member).pinned


# ---------------------------------------------------------------- 设置会场


def test_the_hall_dialog_round_trip_and_its_undo(page, window, qtbot):
    dialog = page.edit_hall()
    assert dialog.name.text() == "区人民会堂" and dialog.block_count() == 6
    assert dialog.table.item(1, dialogs.ROWS).text() == "10×9"
    dialog.name.setText("区会堂")
    dialog.set_cell(1, dialogs.ROWS, "12×9")
    dialog.podium_rows.setText("15,17")
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    hall = seating.get_hall()
    assert hall.name == "区会堂" and hall.blocks[1].rows == (12,) * 9 and hall.podium_rows == (15, 17)
    assert page.view.hall.spec.name == "区会堂" and page.view.hall.blocks[1].rule.width == 12
    window.undo_stack.undo()
    assert seating.get_hall().name == "区人民会堂" and page.view.hall.spec.name == "区人民会堂"
    window.undo_stack.redo()
    assert seating.get_hall().name == "区会堂"


def test_rows_that_cannot_be_read_are_refused_at_the_table(page, qtbot):
    dialog = page.edit_hall()
    dialog.set_cell(0, dialogs.ROWS, "10×")
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "写法不对" in dialog.error_text("blocks") and "第 1 个区（一区）" in dialog.error_text("blocks")
    assert seating.get_hall().blocks[0].rows == (8,) * 9  # nothing written
    dialog.set_cell(0, dialogs.ROWS, "8×9")
    dialog.set_cell(1, dialogs.NAME, "一区")
    ok(qtbot, dialog)
    assert dialog.isVisible() and "重复" in dialog.error_text("blocks")
    dialog.reject()


def test_the_seats_against_the_people_are_counted_as_typed(page):
    dialog = page.edit_hall()
    assert "代表 234 座 / 210 人" in dialog.totals.text()
    dialog.set_cell(1, dialogs.ROWS, "5×9")
    assert "代表 189 座 / 210 人" in dialog.totals.text() and "无座位" in dialog.totals.text()
    dialog.reject()


# ---------------------------------------------------------------- 重新排座, the 主席台


def test_rearrange_asks_and_undo_puts_everyone_back(page, window, asked):
    a, b = _front_pair(page)
    page.swap(a, b)
    swapped = (_stored_seat(a), _stored_seat(b))
    assert page.rearrange()
    assert "重新排定" in asked[-1]
    assert (_stored_seat(b), _stored_seat(a)) == swapped  # back in the order of the rules
    assert page.view.hall.place[a] == swapped[1]
    window.undo_stack.undo()
    assert (_stored_seat(a), _stored_seat(b)) == swapped and page.view.hall.place[a] == swapped[0]
    asked.answer = False
    assert not page.rearrange()


def test_the_podium_list_is_edited_and_undone(page, window, qtbot):
    page.select_meeting(PLENARY)
    default = [s.person_id for s in seating.podium(PLENARY).seats]
    dialog = page.edit_podium()
    assert dialog.people() == default
    dialog.list.setCurrentRow(1)
    dialog.move_person(-1)
    dialog.list.setCurrentRow(dialog.list.count() - 1)
    dialog.remove_person()
    picker = dialog.add_person()
    picker.filter.setText(picker.filter_texts()[0][:1])
    picker.list.setCurrentIndex(picker.proxy.index(0, 0))
    ok(qtbot, picker)
    added = dialog.people()[-1]
    assert added not in default
    ok(qtbot, dialog)
    expected = [default[1], default[0], *default[2:-1], added]
    podium = seating.podium(PLENARY)
    assert podium.custom and [s.person_id for s in podium.seats] == expected
    assert page.view.hall.podium_item.podium.seats[0].person_id == default[1]
    window.undo_stack.undo()
    assert not seating.podium(PLENARY).custom
    dialog = page.edit_podium()
    dialog.restore_default()
    assert dialog.value() is None
    dialog.reject()


# ---------------------------------------------------------------- no hall


def test_a_session_without_a_hall_says_what_to_do(page, window, qtbot):
    seating.restore_hall(HallState(None, ()))
    page.refresh()
    assert page.stack.currentIndex() == 1 and "还没有设置会场" in page.empty.text()
    assert not page.rearrange_button.isEnabled()
    dialog = page.edit_hall()
    assert dialog.windowTitle() == "新建会场" and dialog.block_count() == 3  # 代表, 列席, 工作人员
    dialog.name.setText("礼堂")
    ok(qtbot, dialog)
    assert seating.get_hall().name == "礼堂" and page.stack.currentIndex() == 0
    assert len(page.view.hall.place) == 406
    window.undo_stack.undo()
    assert seating.get_hall() is None and page.stack.currentIndex() == 1


# ---------------------------------------------------------------- the 到会 page's seat map


def test_the_attendance_seat_map_follows_a_check_in(window, qtbot):
    window.nav.setCurrentRow(window.pages.indexOf(window.attendance_page))
    desk = window.attendance_page
    desk.now = lambda: NOW
    desk.select_meeting(PLENARY)
    desk.desk_tab.show_map(True)
    seat_map = desk.desk_tab.seat_map
    qtbot.waitUntil(lambda: seat_map.view.hall.spec is not None)
    hall = seat_map.view.hall
    member = _member("刘锦刚")
    assert hall.fill_of(hall.sitters[member]) == FILLS[""]
    desk.line.setText("ljg")
    desk.desk_tab.check_in_typed()
    assert hall.fill_of(hall.sitters[member]) == FILLS[AttendanceStatus.PRESENT]
    # a double-click on a seat checks that person in
    other = hall.grid[(1, 0, 0)]
    seat_map.view.set_zoom(1.0)
    seat_map.view.centerOn(hall.scene_rect_of((1, 0, 0)).center())
    qtbot.mouseDClick(seat_map.view.viewport(), Qt.MouseButton.LeftButton, pos=seat_map.view.viewport_point((1, 0, 0)))
    assert hall.fill_of(hall.sitters[other]) == FILLS[AttendanceStatus.PRESENT]
    desk.desk_tab.show_map(False)
    assert desk.desk_tab.shown_as.currentWidget() is desk.view


def test_a_check_list_problem_shows_its_sitting(page):
    assert page.focus(("seating", PLENARY)) and page.meeting_id() == PLENARY
    assert page.focus(("seating", None)) and page.meeting_id() is None
    assert not page.focus(("motion", 1))


# ---------------------------------------------------------------- papers


def test_print_menu_offers_the_seating_papers(page):
    from meetingdesk import printing
    from meetingdesk.ui.seating.page import PAPERS

    for (kind, _), action in zip(PAPERS, page.heading.print_menu.actions(), strict=True):
        assert action.isEnabled() == (kind in printing.PAPERS)


@pytest.mark.parametrize("kind", ["seating", "podium"])
def test_a_paper_is_printed_for_the_sitting_chosen(page, monkeypatch, kind):
    from meetingdesk import printing
    from meetingdesk.ui.common import print_preview

    if kind not in printing.PAPERS:
        pytest.skip(f"printing.PAPERS has no “{kind}” yet")
    monkeypatch.setattr(print_preview, "BACKGROUND", False)
    page.select_meeting(PLENARY)
    assert page.paper_options(kind)["meeting"]
    dialog = page.heading.print_paper(kind)
    assert dialog is not None and dialog.pages >= 1
    dialog.close()

"""The window shows only what a desk may write: a 仅签到 desk checks people in and edits nothing
else, a 仅计票 desk enters counts and checks nobody in, and a file opened read-only (another
program holds it) hides every edit until a writable session opens."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit

from meetingdesk.services import attendance, counting, server, session, voting
from meetingdesk.store.server import Address
from meetingdesk.ui.common.page import Edit
from meetingdesk.ui.main_window import MainWindow
from meetingdesk.ui.roster.dialogs import MemberDialog
from tests.ui.test_counting_page import _fill, _new_poll
from tests.ui.test_fits import as_the_program_starts, misfits  # noqa: F401 (measured in the program's font)


@pytest.fixture
def desk(qtbot, demo_url, pg_cluster):
    """A function opening the main window on the demo on a server as a desk of the right given."""
    database = Address.parse(demo_url).database
    windows = []

    def open_as(user: str, right: str, name: str) -> MainWindow:
        server.grant(demo_url, user, right)
        win = MainWindow(pg_cluster.url(database, user=user) + f"&desk={name}")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield open_as
    for win in windows:
        win.close()
    session.close_session()


def shown_page(win: MainWindow, page):
    win.nav.setCurrentRow(win.pages.indexOf(page))
    return page


def fits(win: MainWindow) -> bool:
    """The window fits 1,366 × 768 with each of its pages shown; not its sizeHint, as
    test_fits.test_the_main_window_fits_with_each_page says why."""
    wrong = []
    for index in range(win.pages.count()):
        win.nav.setCurrentRow(index)
        wrong += [f"{win._page_at(index).TITLE}: {text}" for text in misfits(win)
                  if not text.startswith("sizeHint")]
    assert not wrong
    return True


def _hidden(control) -> bool:
    return control.isHidden() if hasattr(control, "isHidden") else not control.isVisible()


def edits_hidden(page) -> bool:
    """Every control of PAGE that writes is hidden, or locked where it shows a value."""
    for item in page.edit_controls():
        edit = item if isinstance(item, Edit) else Edit(item)
        control = edit.control
        if not edit.lock:
            if not _hidden(control):
                return False
        elif isinstance(control, QLineEdit | QAbstractSpinBox):
            if not control.isReadOnly():
                return False
        elif control.isEnabled():
            return False
    return True


def test_a_sign_in_desk_checks_in_and_edits_nothing_else(qtbot, desk):
    win = desk("signin1", "signin", "签到台一")
    assert "工作台：签到台一（仅签到）" in win.status_title.text()

    roster_page = shown_page(win, win.roster_page)
    for button in (roster_page.add_button, roster_page.edit_button, roster_page.import_button,
                   roster_page.new_team_button, roster_page.team_button, roster_page.end_button):
        assert not button.isVisible()
    assert roster_page.export_button.isVisible() and roster_page.print_button.isVisible()
    assert roster_page.delegations_caption.text() == "代表团"  # no "double-click to edit" where one cannot
    roster_page.member_view.selectRow(0)
    assert roster_page.current_member() is not None
    index = roster_page.member_view.currentIndex()
    roster_page.member_view.doubleClicked.emit(index)
    assert not [d for d in roster_page.findChildren(MemberDialog) if d.isVisible()]
    assert roster_page.edit_member() is None and roster_page.add_member() is None
    assert roster_page.import_roster() is None and roster_page.edit_delegation() is None
    assert not any(action.isEnabled() for action in win.session_actions)

    page = shown_page(win, win.attendance_page)
    assert page.line.isVisible() and page.desk_tab.present_button.isVisible()
    assert not page.rule.isEnabled() and page.prior_tab.add_button.isHidden() and not page.close_button.isHidden()
    meeting = page.meeting_id()
    row = page.model.row_at(0)
    assert page.desk_tab.check_in_member(row.member_id).changed
    assert attendance.roll(meeting)[0].status

    counting_page = shown_page(win, win.counting_page)
    assert edits_hidden(counting_page)
    assert not counting_page.entry_tab.may_save()
    for each in win.all_pages():
        if each is not win.attendance_page:
            assert edits_hidden(each), each.TITLE
    assert fits(win)


def test_a_counting_desk_enters_counts_and_checks_nobody_in(qtbot, desk):
    win = desk("count1", "count", "计票室一")
    assert "（仅计票）" in win.status_title.text()
    counting_page = shown_page(win, win.counting_page)
    assert counting_page.new_button.isVisible() and counting_page.save_button.isVisible()
    poll = _new_poll(counting_page, qtbot)
    _fill(counting_page)
    assert counting_page.entry_tab.may_save() and counting_page.save_entry()
    assert counting.entered(poll, voting.list_boxes()[0].box_id, 1)
    assert not counting_page.setup_button.isVisible()
    page = shown_page(win, win.attendance_page)
    assert not page.line.isVisible() and not page.desk_tab.present_button.isVisible()
    assert page.desk_tab.check_in_member(page.model.row_at(0).member_id) is None
    assert edits_hidden(shown_page(win, win.roster_page))


def test_a_read_only_file_hides_every_edit_until_a_writable_session_opens(
        qtbot, demo_file, held_elsewhere, asked, tmp_path):
    other = tmp_path / "另一个.meetingdesk"
    other.write_bytes(demo_file.read_bytes())
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_path(demo_file) and session.access().readonly
    for index in range(win.pages.count()):
        page = win._page_at(index)
        shown_page(win, page)
        assert edits_hidden(page), page.TITLE
        assert page.edit_controls() or page is win.log_page, page.TITLE
    assert not win.attendance_page.line.isVisible()
    assert fits(win)
    assert win.open_path(other) and not session.access().readonly
    for page in win.all_pages():
        shown_page(win, page)
        assert page.writable
        assert page is win.log_page or not edits_hidden(page), page.TITLE
    roster_page = shown_page(win, win.roster_page)
    assert roster_page.add_button.isVisible() and roster_page.import_button.isVisible()
    assert shown_page(win, win.attendance_page).line.isVisible()
    assert win.session_actions[0].isEnabled()
    session.close_session()

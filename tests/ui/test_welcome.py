"""A new, empty session tells the clerk what to do first, and refuses a 法定代表名额 of 0."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from meetingdesk.services import ServiceError, roster, session
from meetingdesk.services.roster import MemberInput
from meetingdesk.ui.session import welcome
from meetingdesk.ui.session.dialogs import SessionDialog
from meetingdesk.ui.session.welcome import WelcomePanel

from .helpers import ok


class Clicked(list):
    """The actions the panel was given, recording each call by name."""

    def action(self, name: str):
        return lambda: self.append(name)


@pytest.fixture
def clicked() -> Clicked:
    return Clicked()


@pytest.fixture
def panel(qtbot, clicked):
    made = WelcomePanel(edit_session=clicked.action("会议信息"), new_delegation=clicked.action("新建代表团"),
                        import_roster=clicked.action("导入名单"), add_member=clicked.action("添加人员"),
                        carry_forward=clicked.action("从上次会议新建"))
    qtbot.addWidget(made)
    made.resize(1100, made.sizeHint().height())
    return made


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_only_a_session_with_nobody_on_its_roster_wants_it(demo_session):
    assert not welcome.wanted()
    session.close_session()
    assert not welcome.wanted()  # no session at all


def test_the_steps_of_a_new_session_in_their_order(empty_session, panel, qtbot, clicked):
    assert welcome.wanted() and panel.refresh() and panel.isVisible()
    assert "测试区第一届人民代表大会第一次会议" in panel.info_state.text()
    assert "法定代表名额 20 人" in panel.info_state.text()
    assert not panel.delegation_state.isVisibleTo(panel)
    # the roster's step waits for a delegation: the import files people into delegations
    assert not panel.import_button.isEnabled() and not panel.add_button.isEnabled()
    assert panel.import_button.toolTip() == "请先新建代表团。"
    for button in (panel.info_button, panel.delegation_button, panel.carry_button):
        _click(qtbot, button)
    assert clicked == ["会议信息", "新建代表团", "从上次会议新建"]

    roster.add_delegation("吴家山街代表团", "第一会议室")
    assert panel.refresh()
    assert panel.delegation_state.text() == "✓ 已有 1 个代表团：吴家山街代表团"
    assert panel.import_button.isEnabled() and panel.add_button.isEnabled()
    _click(qtbot, panel.import_button)
    _click(qtbot, panel.add_button)
    assert clicked[-2:] == ["导入名单", "添加人员"]

    delegation_id = roster.delegation_choices()[0][0]
    roster.add_member(MemberInput(name="王烁", gender="男", note="", work_title="", delegation_id=delegation_id,
                                  role="代表"))
    assert not panel.refresh() and panel.isHidden()  # someone on the roster: prepared from here on


def test_the_actions_not_given_have_no_buttons(empty_session, qtbot, clicked):
    bare = WelcomePanel(edit_session=clicked.action("会议信息"), new_delegation=clicked.action("新建代表团"),
                        import_roster=clicked.action("导入名单"))
    qtbot.addWidget(bare)
    assert bare.add_button is None and bare.carry_button is None
    assert bare.refresh()


def test_the_panel_leaves_the_page_its_room(empty_session, panel):
    """Above the page, beside the 120 px navigation, in a 1,366 × 700 window."""
    panel.refresh()
    panel.show()
    QApplication.processEvents()
    hint, least = panel.sizeHint(), panel.minimumSizeHint()
    assert least.width() <= 1366 - 140 and hint.width() <= 1366 - 140
    assert panel.heightForWidth(1100) <= 300 and least.height() <= 300


def test_the_main_window_shows_it_on_a_new_session(qtbot, empty_session):
    """Once the main window carries the panel (as `welcome`): shown above the pages on a new
    session, gone from the demo's."""
    from meetingdesk.ui.main_window import MainWindow

    window = MainWindow(empty_session.path)
    qtbot.addWidget(window)
    panel = getattr(window, "welcome", None)
    if panel is None:
        pytest.skip("the main window does not carry the welcome panel yet")
    window.show()
    assert panel.isVisible() and window.minimumSizeHint().height() <= 700
    roster.add_delegation("吴家山街代表团")
    roster.add_member(MemberInput(name="王烁", gender="男", note="", work_title="",
                                  delegation_id=roster.delegation_choices()[0][0], role="代表"))
    window.refresh()
    assert not panel.isVisible()


# ---------------------------------------------------------------- 法定代表名额


def test_a_statutory_number_of_0_is_refused(tmp_path, demo_session):
    with pytest.raises(ServiceError) as err:
        session.create_session(tmp_path / "new.meetingdesk", region="测试区", term=1, number=1)
    assert err.value.field == "statutory_delegates" and "请填写法定代表名额" in err.value.message
    assert not (tmp_path / "new.meetingdesk").exists()
    with pytest.raises(ServiceError) as err:
        session.update_session(statutory_delegates=0)
    assert err.value.field == "statutory_delegates"
    assert session.session_info().statutory_delegates == 214


def test_the_new_session_dialog_asks_for_the_statutory_number(qtbot, tmp_path):
    dialog = SessionDialog()
    qtbot.addWidget(dialog)
    path = tmp_path / "new.meetingdesk"
    dialog.submit = lambda: session.create_session(path, **dialog.value())
    dialog.region.setText("测试区")
    assert dialog.statutory.value() == 0 and dialog.statutory.text() == "（请填写）"
    dialog.show()
    ok(qtbot, dialog)
    assert dialog.isVisible() and "请填写法定代表名额" in dialog.error_text("statutory_delegates")
    assert not path.exists()
    dialog.statutory.setValue(214)
    ok(qtbot, dialog)
    assert not dialog.isVisible() and session.session_info().statutory_delegates == 214
    session.close_session()

"""会议 ▸ 代表补选情况…: the wording the 代表变动公告 prints, edited and undone."""
from __future__ import annotations

from meetingdesk.services import settings
from meetingdesk.ui.session.changes_dialog import edit_changes


def test_the_wording_is_edited_shown_and_undone(window, qtbot):
    before = settings.get(settings.BY_ELECTION_WHERE)
    assert "11 个选举单位共 15 个选区" in before
    dialog = edit_changes(window, window.undo_stack)
    assert dialog.value() == before
    dialog.text.setPlainText("在 3 个选区")
    dialog._try_accept()
    assert settings.get(settings.BY_ELECTION_WHERE) == "在 3 个选区"
    window.undo_stack.undo()
    assert settings.get(settings.BY_ELECTION_WHERE) == before
    window.undo_stack.redo()
    assert settings.get(settings.BY_ELECTION_WHERE) == "在 3 个选区"


def test_a_wording_too_long_is_refused_at_the_field(window, qtbot):
    dialog = edit_changes(window, window.undo_stack)
    dialog.text.setPlainText("区" * 2500)
    dialog._try_accept()
    assert "过长" in dialog.error_text(settings.BY_ELECTION_WHERE) and dialog.isVisible()

"""Fixtures of the GUI tests."""
from __future__ import annotations

import pytest

from meetingdesk.services import session
from meetingdesk.ui.common import views


class Asked(list):
    """The questions put to the clerk; `answer` is what the clerk replies (yes unless set)."""

    answer = True


@pytest.fixture
def asked(monkeypatch) -> Asked:
    """Answer views.confirm, remembering each question."""
    questions = Asked()

    def confirm(parent, title, text, yes="确定"):
        questions.append(text)
        return questions.answer

    monkeypatch.setattr(views, "confirm", confirm)
    return questions


@pytest.fixture
def window(qtbot, demo_file):
    """The main window on a fresh copy of the demo session, shown."""
    from meetingdesk.ui.main_window import MainWindow

    win = MainWindow(demo_file)
    qtbot.addWidget(win)
    win.show()
    yield win
    session.close_session()

"""Fixtures of the GUI tests."""
from __future__ import annotations

import pytest

from meetingdesk.ui import views


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

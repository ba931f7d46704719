"""Small things the GUI tests do alike: accept a dialog, show a page as the window would."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget


def ok(qtbot, dialog) -> None:
    """Click the dialog's OK button, as the clerk does."""
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def shown(qtbot, page: QWidget, now: dt.datetime | None = None) -> QWidget:
    """PAGE at the window's size, read and shown; NOW is its clock where it keeps one."""
    if now is not None:
        page.now = lambda: now
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.refresh()
    page.show()
    return page


def warnings_of(monkeypatch, module) -> list[str]:
    """The texts MODULE's `warn` boxes would show, collected instead of shown."""
    messages: list[str] = []
    monkeypatch.setattr(module, "warn", lambda parent, title, text: messages.append(text))
    return messages

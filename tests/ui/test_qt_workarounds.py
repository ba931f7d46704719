"""Signals emitted from Python must not eat Python's True (PySide6 6.12.0 defect)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import meetingdesk.ui  # noqa: F401 — installs the workaround
from meetingdesk.ui.common import qt_workarounds


class _Emitter(QObject):
    fired = Signal(int)


def test_emitting_keeps_true_alive():
    emitter = _Emitter()
    emitter.fired.connect(lambda n: None)
    before = sys.getrefcount(True)
    for n in range(2000):  # more than True's references at start: the defect would abort here
        emitter.fired.emit(n)
    assert abs(sys.getrefcount(True) - before) < 50
    assert not qt_workarounds.emit_loses_a_reference()  # mended (or never broken)
    assert qt_workarounds.install() is False  # installing twice changes nothing


def test_void_qt_calls_keep_none_alive(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    for _ in range(20000):  # more than None's references in a fresh interpreter: the defect aborts here
        label.setText("x")
    assert sys.getrefcount(None) > 20000
    assert qt_workarounds.pin_none() is False  # pinned once (or never needed)

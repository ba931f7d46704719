"""Mending a PySide6 defect before any widget exists.

PySide6 6.12.0 (shiboken6 6.12.0) returns True from `SignalInstance.emit()` without the
reference it owes, so every signal emitted from Python takes one reference from Python's
True. After a few hundred emits (a long print preview reports progress per page, a clerk
makes hundreds of edits) True is freed and the interpreter aborts. The fix is probed, not
assumed: on a PySide that counts right, nothing is changed.
"""
from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

PROBES = 20


class _Probe(QObject):
    fired = Signal()


def emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBES):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    ctypes.pythonapi.Py_IncRef.argtypes = [ctypes.py_object]
    for _ in range(max(0, lost)):  # give the probe's losses back
        ctypes.pythonapi.Py_IncRef(True)
    return lost >= PROBES // 2


def install() -> bool:
    """Wrap emit on a PySide with the defect; returns whether it was needed."""
    if getattr(SignalInstance.emit, "_mended", False) or not emit_loses_a_reference():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef

    def emit(self, *args):
        result = original(self, *args)
        if result is True:
            incref(True)  # the reference PySide did not take
        return result

    emit._mended = True
    SignalInstance.emit = emit
    return True


install()

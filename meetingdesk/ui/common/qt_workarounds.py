"""Mending two PySide6 defects before any widget exists.

PySide6 6.12.0 (shiboken6 6.12.0) returns True from `SignalInstance.emit()` without the
reference it owes, so every signal emitted from Python takes one reference from Python's
True. After a few hundred emits (a long print preview reports progress per page, a clerk
makes hundreds of edits) True is freed and the interpreter aborts.

The same PySide also drops a reference to None on every call of a Qt method that returns
nothing (setText, setEnabled, hide …): a window holds some tens of thousands, so a busy
check-in desk aborts the interpreter within the day ("none_dealloc: deallocating None").
Python 3.12 makes None immortal; on 3.11 it is given as many references as no session can
spend, which is what immortality amounts to.

Both fixes are probed, not assumed: on a PySide that counts right, nothing is changed.
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


def void_call_loses_none() -> bool:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBES):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= PROBES // 2


IMMORTAL = 1 << 40  # far more void calls than a program makes in years


def pin_none() -> bool:
    """Keep None alive on a PySide that loses its references; returns whether it was needed."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > IMMORTAL // 2 or not void_call_loses_none():
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += IMMORTAL
    return True


install()
pin_none()

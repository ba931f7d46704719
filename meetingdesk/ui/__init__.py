"""The PySide6 user interface: windows, pages, Qt models and dialogs over the services."""

from . import qt_workarounds  # noqa: F401 — before any widget emits a signal

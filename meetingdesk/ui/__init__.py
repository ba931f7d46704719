"""The PySide6 user interface: windows, pages, Qt models and dialogs over the services."""

from meetingdesk.ui.common import qt_workarounds

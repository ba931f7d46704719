"""Starting the GUI: `python main.py [SESSION]`."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

from meetingdesk.services import ServiceError, demo

from .fonts import install_font
from .main_window import MainWindow
from .messages import warn


def demo_path() -> Path:
    """The demo session in the user's data folder, created on first start."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / demo.DEMO_FILENAME
    demo.refresh_demo(path)  # first start, or a demo from an older version: build it anew
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("MeetingDesk")
    app.setOrganizationName("MeetingDesk")
    install_font(app)
    window = MainWindow()
    try:
        path = Path(args[0]) if args else demo_path()
    except ServiceError as exc:
        warn(window, "无法建立演示会议", exc.message)
        return 1
    if not window.open_path(path):
        return 1
    window.show()
    return app.exec()

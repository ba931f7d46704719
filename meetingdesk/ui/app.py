"""Starting the GUI: `python main.py [SESSION]`."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

from meetingdesk.services import ServiceError, demo

from meetingdesk.store.lock import holder_of

from . import error_dialog
from .fonts import install_font
from .main_window import MainWindow
from .messages import warn


def demo_path() -> tuple[Path, str]:
    """The demo session in the user's data folder, created on first start; rebuilt when it is
    from another version or damaged (the old file kept), with the sentence saying so."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / demo.DEMO_FILENAME
    if holder_of(path) is not None:
        return path, ""  # another window has it open: it is whole, and not ours to rebuild
    _kept, why = demo.refresh_demo(path)
    return path, why


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("MeetingDesk")
    app.setOrganizationName("MeetingDesk")
    install_font(app)
    error_dialog.install()
    window = MainWindow()
    try:
        path, why = (Path(args[0]), "") if args else demo_path()
    except (ServiceError, OSError) as exc:
        warn(window, "无法建立演示会议", getattr(exc, "message", None) or str(exc))
        return 1
    if why:
        warn(window, "演示会议已重新建立", why)
    if not window.open_path(path):
        return 1
    window.show()
    return app.exec()

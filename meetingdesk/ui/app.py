"""Starting the GUI: `python main.py [SESSION]`.

With no SESSION the window reopens the session the clerk used last (ui.recent), else the demo.
Qt's own texts are Chinese (ui.translations); the window opens maximised the first time and as
the clerk left it after that. The data folder is one `MeetingDesk` folder (errorlog.data_folder);
the demo and log of the doubled `MeetingDesk/MeetingDesk` of earlier versions are copied there.
The window carries the program's icon and names its desktop entry (APP_ID.desktop).

MEETINGDESK_SCREENSHOT=FILE.png: once the window shows its session, save a picture of it to FILE
and close (how the package tests see that an installed program starts, offscreen); with
MEETINGDESK_SCREENSHOT_PAPER=KIND it first opens that paper's print preview, which builds the
paper in the paper builder's process, and saves it too (FILE-KIND.png) and prints its page count.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from meetingdesk import errorlog
from meetingdesk.gui import APP_ID
from meetingdesk.services import ServiceError, demo, server, session
from meetingdesk.store.lock import holder_of
from meetingdesk.ui.common import error_dialog, recent, translations
from meetingdesk.ui.common.about import application_icon
from meetingdesk.ui.common.fonts import install_font
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.main_window import MainWindow

APPLICATION = "MeetingDesk"
SIDECARS = ("", "-journal", "-wal", "-shm", ".backups")  # a session file and what belongs to it
SCREENSHOT = "MEETINGDESK_SCREENSHOT"
SCREENSHOT_PAPER = "MEETINGDESK_SCREENSHOT_PAPER"


def name_application(app: QApplication) -> None:
    """Qt's AppDataLocation is <data>/<organisation>/<application>: with both "MeetingDesk" it
    was MeetingDesk/MeetingDesk. The organisation stays empty, so it is one MeetingDesk folder,
    errorlog.data_folder(); the settings name their organisation themselves (ui.recent)."""
    app.setApplicationName(APPLICATION)
    app.setOrganizationName("")
    app.setDesktopFileName(APP_ID)  # the taskbar finds the .desktop entry and its icon
    app.setWindowIcon(application_icon())


def data_folder() -> Path:
    """The folder of the demo and the log: Qt's AppDataLocation for the named application,
    which is errorlog.data_folder() (MEETINGDESK_DATA overrides both)."""
    if os.environ.get("MEETINGDESK_DATA"):
        return errorlog.data_folder()
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def move_old_data(old: Path | None = None, new: Path | None = None) -> list[Path]:
    """Copy the demo (with its journal and backups) and the log from the doubled folder of
    earlier versions into the data folder, where they are not there yet. The old files stay
    where they were (nothing of the clerk's is ever deleted). Returns what was copied."""
    copied: list[Path] = []
    if old is None:
        if os.environ.get("MEETINGDESK_DATA"):
            return copied  # a folder of its own (tests, a portable copy): nothing to bring in
        old = errorlog.old_data_folder()
    new = data_folder() if new is None else new
    if not old.is_dir() or old.resolve() == new.resolve():
        return copied
    names = [demo.DEMO_FILENAME + extra for extra in SIDECARS]
    if holder_of(old / demo.DEMO_FILENAME) is not None or (new / demo.DEMO_FILENAME).exists():
        names = []  # in use by an older window still running, or the new folder has its own
    names += [f"logs/{p.name}" for p in sorted((old / "logs").glob("meetingdesk.log*"))
              if not (new / "logs" / p.name).exists()]
    for name in names:
        source, target = old / name, new / name
        if not source.exists() or target.exists():
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)
        except OSError:
            continue  # the old copy is still there; the demo is rebuilt if need be
        copied.append(target)
    return copied


def demo_path() -> tuple[Path, str]:
    """The demo session in the user's data folder, created on first start; rebuilt when it is
    from another version or damaged (the old file kept), with the sentence saying so."""
    folder = data_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / demo.DEMO_FILENAME
    if holder_of(path) is not None:
        return path, ""  # another window has it open: it is whole, and not ours to rebuild
    _kept, why = demo.refresh_demo(path)
    return path, why


def _same(a: Path, b: Path) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def open_first(window: MainWindow, args: list[str]) -> bool:
    """Open the session named on the command line; else the last one used; else the demo.
    A last session that cannot be opened (the window has said why) gives way to the demo."""
    if args:
        # an address stays a str: a Path would fold its //
        return window.open_path(args[0] if server.is_url(args[0]) else Path(args[0]))
    last = recent.last_session()
    if last is not None and not _same(last, data_folder() / demo.DEMO_FILENAME):
        if window.open_path(last):
            return True
    try:
        path, why = demo_path()
    except (ServiceError, OSError) as exc:
        warn(window, "无法建立演示会议", getattr(exc, "message", None) or str(exc))
        return False
    if why:
        warn(window, "演示会议已重新建立", why)
    return window.open_path(path)


class Remembering(QObject):
    """On closing the window: keep its geometry and the session it had open, for next time."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.window and event.type() == QEvent.Type.Close:
            try:
                recent.save_window(self.window)
                recent.remember(session.current_url() or session.current_path())
            except Exception as exc:  # remembering must never keep the clerk from quitting
                errorlog.record(exc, "保存窗口位置和最近打开的会议")
        return False


def start(app: QApplication, args: list[str]) -> MainWindow | None:
    """Everything before the event loop: the window shown with its session, or None."""
    name_application(app)
    translations.install(app)
    install_font(app)
    error_dialog.install()
    move_old_data()
    window = MainWindow()
    if not open_first(window, args):
        window.deleteLater()
        return None
    recent.remember(session.current_url() or session.current_path())
    window.remembering = Remembering(window)
    recent.show_window(window)
    if os.environ.get(SCREENSHOT):
        QTimer.singleShot(1000, lambda: screenshot_and_close(window, Path(os.environ[SCREENSHOT]),
                                                             os.environ.get(SCREENSHOT_PAPER)))
    return window


def screenshot_and_close(window: MainWindow, path: Path, paper: str | None = None) -> None:
    """MEETINGDESK_SCREENSHOT: the window as drawn, to PATH; with PAPER, that paper's preview once
    built (or failed), to PATH-PAPER.png; then close the window as the clerk would."""
    window.grab().save(str(path))
    if not paper:
        window.close()
        return
    from meetingdesk.ui.common.print_preview import show_print_preview

    dialog = show_print_preview(window, paper)
    began = time.monotonic()
    timer = QTimer(window)

    def built() -> None:
        if dialog.is_building() and time.monotonic() - began < 120:
            return
        timer.stop()
        print(f"{paper}: {dialog.pages} 页 {dialog.message}".rstrip(), flush=True)
        dialog.grab().save(str(path.with_name(f"{path.stem}-{paper}{path.suffix}")))
        dialog.close()
        window.close()

    timer.timeout.connect(built)
    timer.start(200)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = start(app, args)
    if window is None:
        return 1
    return app.exec()

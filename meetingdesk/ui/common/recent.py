"""What the program remembers between runs (QSettings, organisation and application
"MeetingDesk"): the session the clerk last used, the 最近打开 list (the last 8, existing files
and server sessions, whose address is kept without its password) and the main window's geometry. And `fit_to_screen`, which keeps a window inside the
screen's available area (a 1,366 × 768 laptop less its taskbar).

MEETINGDESK_SETTINGS (an .ini file) or MEETINGDESK_DATA (the data folder's override, as errorlog
has it: settings.ini there) keep tests and a portable copy off the user's own settings.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from meetingdesk.services import server

ORGANISATION = "MeetingDesk"
APPLICATION = "MeetingDesk"
KEEP = 8  # files in the 最近打开 list

LAST = "session/last"
RECENT = "session/recent"
SERVER = "server/last"  # the 连接服务器 dialog's last address, without the password
GEOMETRY = "window/geometry"
MAXIMISED = "window/maximised"


def settings() -> QSettings:
    """The program's settings: the user's (registry, plist or ~/.config/MeetingDesk), else an .ini
    file: MEETINGDESK_SETTINGS names it, or it is settings.ini in MEETINGDESK_DATA."""
    named = os.environ.get("MEETINGDESK_SETTINGS")
    data = os.environ.get("MEETINGDESK_DATA")
    if named or data:
        return QSettings(named or str(Path(data) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


Entry = Path | str  # a session file, or a server session's address (a str, without password)


def _key(entry: Entry) -> str:
    """Two spellings of one file are one entry (on Windows, case does not tell files apart)."""
    return entry if isinstance(entry, str) else os.path.normcase(str(entry))


def _absolute(path: str | Path) -> Entry:
    if server.is_url(path):
        return server.without_password(str(path))  # a password is never written to the settings
    return Path(os.path.abspath(Path(path).expanduser()))


def _entry(text: str) -> Entry:
    # a Path would fold the // of an address
    return text if server.is_url(text) else Path(text)


def _there(entry: Entry) -> bool:
    """A file that still exists; a server is not asked (it may be away for now)."""
    return isinstance(entry, str) or entry.is_file()


def _stored() -> list[Entry]:
    value = settings().value(RECENT, [], type=list)
    return [_entry(p) for p in value if p]


# ---------------------------------------------------------------- sessions


def remember(path: str | Path | None) -> None:
    """PATH (a file or a server's address) is the session now open: first in 最近打开 and the one
    to reopen next time. The list keeps the last KEEP that still exist."""
    if path is None:
        return
    path = _absolute(path)
    seen = {_key(path)}
    kept = [path]
    for other in _stored():
        if _key(other) not in seen and _there(other):
            seen.add(_key(other))
            kept.append(other)
    store = settings()
    store.setValue(RECENT, [str(p) for p in kept[:KEEP]])
    store.setValue(LAST, str(path))
    store.sync()


def forget(path: str | Path) -> None:
    """Take PATH off the list (and not reopen it next time)."""
    key = _key(_absolute(path))
    store = settings()
    store.setValue(RECENT, [str(p) for p in _stored() if _key(p) != key])
    last = store.value(LAST, "", type=str)
    if last and _key(_absolute(last)) == key:
        store.remove(LAST)
    store.sync()


def recent_files() -> list[Entry]:
    """最近打开: newest first, at most KEEP, only files that exist now (and server sessions)."""
    return [p for p in _stored() if _there(p)][:KEEP]


def last_session() -> Entry | None:
    """The session the clerk used last, when its file is still there (or on a server)."""
    last = settings().value(LAST, "", type=str)
    if not last:
        return None
    entry = _entry(last)
    return entry if _there(entry) else None


def remember_server(url: str) -> None:
    """What the 连接服务器 dialog shows next time: URL without its password."""
    store = settings()
    store.setValue(SERVER, server.without_password(url))
    store.sync()


def last_server() -> str | None:
    """The address last connected to, without password; None the first time."""
    url = settings().value(SERVER, "", type=str)
    return url if url and server.is_url(url) else None


def clear() -> None:
    store = settings()
    store.remove(RECENT)
    store.sync()


def add_recent_menu(menu: QMenu, open_path: Callable[[Entry], object], title: str = "最近打开") -> QMenu:
    """A 最近打开 submenu of MENU, read afresh each time it opens; choosing a file calls
    OPEN_PATH with it (the window's open_path, which asks about unsaved input first)."""
    sub = menu.addMenu(title)

    def fill() -> None:
        sub.clear()
        files = recent_files()
        for n, path in enumerate(files, 1):
            name = server.label(path) if isinstance(path, str) else path.name
            action = QAction(f"&{n} {name}", sub)
            action.setToolTip(name if isinstance(path, str) else str(path))
            action.setStatusTip(action.toolTip())
            action.triggered.connect(lambda _checked=False, p=path: open_path(p))
            sub.addAction(action)
        if not files:
            empty = QAction("（没有最近打开的会议）", sub)
            empty.setEnabled(False)
            sub.addAction(empty)
            return
        sub.addSeparator()
        clear_action = QAction("清除列表", sub)
        clear_action.triggered.connect(clear)
        sub.addAction(clear_action)

    sub.setToolTipsVisible(True)
    sub.aboutToShow.connect(fill)
    fill()
    return sub


# ---------------------------------------------------------------- the window


def available(widget: QWidget | None = None) -> QRect:
    """The available area (without taskbar or dock) of WIDGET's screen, else the primary one."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 700)


FRAME = (16, 39)  # a window's borders and title bar before it is shown (Windows 10 at 100 %)


def fit_to_screen(widget: QWidget) -> None:
    """Shrink WIDGET to the screen's available area (its frame included) and move it onto it."""
    area = available(widget)
    frame = widget.frameGeometry()
    extra_w = max(0, frame.width() - widget.width())
    extra_h = max(0, frame.height() - widget.height())
    if not widget.isVisible() and (extra_w, extra_h) == (0, 0):
        extra_w, extra_h = FRAME  # Qt knows the frame once the window is shown
    width = min(widget.width(), area.width() - extra_w)
    height = min(widget.height(), area.height() - extra_h)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    x = min(max(widget.x(), area.left()), area.right() + 1 - width - extra_w)
    y = min(max(widget.y(), area.top()), area.bottom() + 1 - height - extra_h)
    if (x, y) != (widget.x(), widget.y()):
        widget.move(x, y)


def save_window(window: QWidget) -> None:
    """Keep WINDOW's geometry (its normal size and place, and whether it was maximised)."""
    store = settings()
    store.setValue(GEOMETRY, window.saveGeometry())
    store.setValue(MAXIMISED, window.isMaximized())
    store.sync()


def show_window(window: QWidget) -> None:
    """Show WINDOW as the clerk left it; maximised the first time, and whenever it was left so.
    A size kept from a larger screen is fitted to this one."""
    store = settings()
    geometry = store.value(GEOMETRY)
    maximised = store.value(MAXIMISED, True, type=bool)
    kept = isinstance(geometry, QByteArray) and not geometry.isEmpty()
    if kept:
        window.restoreGeometry(geometry)
    if maximised or not kept:
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMaximized)
        fit_to_screen(window)  # the size it takes when the clerk un-maximises it
        window.showMaximized()
        return
    fit_to_screen(window)
    window.show()

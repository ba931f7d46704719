"""What the program remembers and how it starts: the last session reopened, 最近打开 (the last 8
that exist), the window's geometry (maximised the first time), one MeetingDesk data folder (the
doubled one's demo and log brought over), and Qt's own texts in Chinese."""
from __future__ import annotations

import shutil
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMenu

from meetingdesk import errorlog
from meetingdesk.services import demo, session
from meetingdesk.ui import app
from meetingdesk.ui.common import recent, translations


@pytest.fixture(autouse=True)
def data(monkeypatch, tmp_path):
    """A data folder (and so a settings file) of this test's own."""
    folder = tmp_path / "data"
    monkeypatch.setenv("MEETINGDESK_DATA", str(folder))
    monkeypatch.delenv("MEETINGDESK_SETTINGS", raising=False)
    return folder


def _files(tmp_path, n: int) -> list:
    paths = []
    for i in range(n):
        path = tmp_path / f"会议{i}.meetingdesk"
        path.write_bytes(b"")
        paths.append(path)
    return paths


# ---------------------------------------------------------------- 最近打开


def test_the_recent_list_keeps_the_last_eight_that_exist(tmp_path):
    assert recent.recent_files() == [] and recent.last_session() is None
    paths = _files(tmp_path, 10)
    for path in paths:
        recent.remember(path)
    assert recent.recent_files() == paths[::-1][:8]
    recent.remember(paths[4])  # opened again: first, and only once
    assert recent.recent_files()[:2] == [paths[4], paths[9]] and len(recent.recent_files()) == 8
    assert recent.last_session() == paths[4]
    paths[9].unlink()  # a file moved away is not offered, and gives its place up
    assert paths[9] not in recent.recent_files()
    recent.remember(paths[0])
    assert recent.recent_files() == [paths[0], paths[4], paths[8], paths[7], paths[6], paths[5], paths[3], paths[2]]
    recent.forget(paths[0])
    assert paths[0] not in recent.recent_files() and recent.last_session() is None
    paths[4].unlink()
    recent.remember(paths[3])
    assert recent.last_session() == paths[3]
    paths[3].unlink()
    assert recent.last_session() is None  # gone: the demo opens instead


def test_the_settings_are_the_programs_own(monkeypatch, data, tmp_path):
    assert recent.settings().fileName() == str(data / "settings.ini")
    monkeypatch.setenv("MEETINGDESK_SETTINGS", str(tmp_path / "tests.ini"))
    assert recent.settings().fileName() == str(tmp_path / "tests.ini")
    monkeypatch.delenv("MEETINGDESK_SETTINGS")
    monkeypatch.delenv("MEETINGDESK_DATA")
    store = recent.settings()
    assert (store.organizationName(), store.applicationName()) == ("MeetingDesk", "MeetingDesk")


def test_the_recent_menu_opens_the_chosen_file(qtbot, tmp_path):
    paths = _files(tmp_path, 3)
    menu = QMenu()
    qtbot.addWidget(menu)
    opened = []
    sub = recent.add_recent_menu(menu, opened.append)
    assert sub.title() == "最近打开"
    assert [a.text() for a in sub.actions()] == ["（没有最近打开的会议）"]
    for path in paths:
        recent.remember(path)
    sub.aboutToShow.emit()
    actions = [a for a in sub.actions() if not a.isSeparator()]
    assert [a.text() for a in actions] == ["&1 会议2.meetingdesk", "&2 会议1.meetingdesk", "&3 会议0.meetingdesk",
                                           "清除列表"]
    assert actions[0].toolTip() == str(paths[2])
    actions[1].trigger()
    assert opened == [paths[1]]
    actions[-1].trigger()
    assert recent.recent_files() == []


# ---------------------------------------------------------------- starting


@pytest.fixture
def started(qapp, monkeypatch):
    """app.start(), with what it sets on the shared QApplication put back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    names = (qapp.applicationName(), qapp.organizationName())
    font = qapp.font()
    windows = []

    def start(args: list[str]):
        window = app.start(qapp, args)
        if window is not None:
            windows.append(window)
        return window

    yield start
    for window in windows:
        window.close()
        window.deleteLater()
    session.close_session()
    translations.uninstall(qapp)
    qapp.setFont(font)
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])


def _demo_in(folder, demo_template):
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_template, folder / demo.DEMO_FILENAME)
    return folder / demo.DEMO_FILENAME


def test_no_argument_opens_the_demo_the_first_time_then_the_last_session(started, data, demo_template, demo_file):
    demo_copy = _demo_in(data, demo_template)
    window = started([])
    assert session.current_path() == demo_copy
    assert window.isMaximized()  # the first time
    assert recent.last_session() == demo_copy
    window.close()  # the window keeps what it had open
    assert session.current_path() is None

    recent.remember(demo_file)  # the clerk then worked in another session
    window = started([])
    assert session.current_path() == demo_file
    window.close()
    demo_file.unlink()  # moved away since: the demo again
    window = started([])
    assert session.current_path() == demo_copy


def test_a_file_named_on_the_command_line_is_opened_and_remembered(started, demo_file):
    window = started([str(demo_file)])
    assert session.current_path() == demo_file and window.isVisible()
    assert recent.recent_files() == [demo_file]


def test_the_window_opens_as_the_clerk_left_it(started, demo_file):
    window = started([str(demo_file)])
    window.showNormal()
    window.resize(window.minimumSizeHint().width(), 600)
    window.close()
    assert not recent.settings().value(recent.MAXIMISED, type=bool)
    window = started([str(demo_file)])
    assert not window.isMaximized() and window.height() == 600
    window.showMaximized()
    window.close()
    window = started([str(demo_file)])
    assert window.isMaximized()


def test_the_geometry_kept_is_the_geometry_shown(qtbot):
    from PySide6.QtWidgets import QMainWindow

    first = QMainWindow()
    qtbot.addWidget(first)
    recent.show_window(first)
    assert first.isMaximized()  # nothing kept yet
    first.showNormal()
    first.setGeometry(40, 50, 500, 400)
    recent.save_window(first)
    again = QMainWindow()
    qtbot.addWidget(again)
    recent.show_window(again)
    assert not again.isMaximized() and again.geometry() == first.geometry()


def test_a_size_kept_from_a_larger_screen_is_fitted(qtbot):
    from PySide6.QtWidgets import QMainWindow

    big = QMainWindow()
    qtbot.addWidget(big)
    area = recent.available(big)
    big.resize(area.width() + 400, area.height() + 400)
    big.show()
    recent.save_window(big)
    recent.settings().setValue(recent.MAXIMISED, False)
    window = QMainWindow()
    qtbot.addWidget(window)
    recent.show_window(window)
    assert window.frameGeometry().width() <= area.width() and window.frameGeometry().height() <= area.height()


# ---------------------------------------------------------------- the data folder


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is where Linux keeps programs' data")
def test_one_data_folder_for_the_demo_and_the_log(started, monkeypatch, tmp_path, qapp):
    monkeypatch.delenv("MEETINGDESK_DATA")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    names = (qapp.applicationName(), qapp.organizationName())
    try:
        app.name_application(qapp)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        qapp.setApplicationName(names[0])
        qapp.setOrganizationName(names[1])
    assert folder == str(tmp_path / "share" / "MeetingDesk") == str(errorlog.data_folder())
    assert errorlog.old_data_folder() == tmp_path / "share" / "MeetingDesk" / "MeetingDesk"
    assert errorlog.log_path().parent.parent == errorlog.data_folder()


def test_the_demo_and_log_of_the_doubled_folder_are_brought_over(tmp_path, demo_template):
    old, new = tmp_path / "MeetingDesk" / "MeetingDesk", tmp_path / "MeetingDesk"
    _demo_in(old, demo_template)
    (old / (demo.DEMO_FILENAME + ".backups")).mkdir()
    (old / (demo.DEMO_FILENAME + ".backups") / "a.meetingdesk").write_bytes(b"backup")
    (old / "logs").mkdir()
    (old / "logs" / "meetingdesk.log").write_text("旧日志\n", encoding="utf-8")
    (old / "logs" / "meetingdesk.log.1").write_text("更旧的日志\n", encoding="utf-8")
    copied = app.move_old_data(old, new)
    assert sorted(p.relative_to(new).as_posix() for p in copied) == sorted([
        demo.DEMO_FILENAME, demo.DEMO_FILENAME + ".backups", "logs/meetingdesk.log", "logs/meetingdesk.log.1"])
    assert (new / demo.DEMO_FILENAME).read_bytes() == demo_template.read_bytes()
    assert (new / (demo.DEMO_FILENAME + ".backups") / "a.meetingdesk").read_bytes() == b"backup"
    assert (new / "logs" / "meetingdesk.log").read_text(encoding="utf-8") == "旧日志\n"
    assert (old / demo.DEMO_FILENAME).exists() and (old / "logs" / "meetingdesk.log").exists()  # kept
    # once there, never overwritten by the old ones again
    (new / "logs" / "meetingdesk.log").write_text("新日志\n", encoding="utf-8")
    assert app.move_old_data(old, new) == []
    assert (new / "logs" / "meetingdesk.log").read_text(encoding="utf-8") == "新日志\n"


def test_nothing_to_bring_over(tmp_path):
    assert app.move_old_data(tmp_path / "none", tmp_path / "new") == []
    assert app.move_old_data() == []  # MEETINGDESK_DATA: a folder of its own


# ---------------------------------------------------------------- Qt's texts


@pytest.fixture
def chinese(qapp):
    translator = translations.install(qapp)
    yield translator
    translations.uninstall(qapp)


def test_qt_ships_its_chinese_texts():
    assert (translations.folder() / "qtbase_zh_CN.qm").is_file()


def test_qts_own_texts_are_chinese(chinese, qtbot):
    assert chinese is not None and translations.installed()
    line = QLineEdit()
    qtbot.addWidget(line)
    menu = line.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert {"复制(&C)", "粘贴(&P)", "剪切(&T)", "全选"} <= set(texts)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "取消", "保存", "关闭"])
    assert QCoreApplication.translate("QFileDialog", "&Open") != "&Open"


def test_without_the_translator_qt_speaks_english(qapp, qtbot):
    translations.install(qapp)
    translations.uninstall(qapp)
    assert not translations.installed()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.buttons()[0].text() == "Cancel"

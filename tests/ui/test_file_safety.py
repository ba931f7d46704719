"""The window when the file refuses: another program holds it, it is damaged, it is restored."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from meetingdesk.services import backups, roster, session
from meetingdesk.store.errors import StorageError
from meetingdesk.ui.common import error_dialog
from meetingdesk.ui.main_window import MainWindow

from tests.services.test_session import _flip_a_table_page


class Answers:
    """Answers every QMessageBox by the text of the button to press, remembering the texts."""

    def __init__(self, monkeypatch, press: str) -> None:
        self.press = press
        self.texts: list[str] = []
        answers = self

        def exec_(box):
            answers.texts.append(box.text())
            for button in box.buttons():
                if button.text() == answers.press:
                    button.click()
                    return 0
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_a_session_another_program_holds_opens_read_only_with_a_banner(qtbot, demo_file, held_elsewhere, monkeypatch):
    answers = Answers(monkeypatch, "以只读方式打开")
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(demo_file)
    assert "正由计算机" in answers.texts[0]
    assert not win.banner.isHidden() and "只读" in win.banner.text()
    assert "（只读）" in win.windowTitle()
    assert win.roster_page.members_model.rowCount() > 0 if hasattr(win.roster_page, "members_model") else True
    session.close_session()


def test_declining_read_only_keeps_the_session_open_before(qtbot, demo_file, held_elsewhere, monkeypatch, tmp_path):
    other = tmp_path / "另一个.meetingdesk"
    other.write_bytes(demo_file.read_bytes())
    Answers(monkeypatch, "取消")
    win = MainWindow(other)
    qtbot.addWidget(win)
    title = win.windowTitle()
    assert win.open_path(demo_file) is False
    assert session.current_path() == other and win.windowTitle() == title
    assert win.banner.isHidden()
    session.close_session()


def test_a_failed_open_leaves_the_window_on_its_session(qtbot, demo_file, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("meetingdesk.ui.main_window.warn", lambda parent, title, text: shown.append(text))
    win = MainWindow(demo_file)
    qtbot.addWidget(win)
    empty = tmp_path / "空.meetingdesk"
    empty.write_bytes(b"")
    assert win.open_path(empty) is False
    assert "0 字节" in shown[0] and empty.read_bytes() == b""
    assert session.current_path() == demo_file and "东西湖区" in win.windowTitle()
    session.close_session()


def test_a_damaged_file_offers_its_latest_backup(qtbot, demo_file, monkeypatch):
    session.open_session(demo_file)
    made = backups.before(backups.MANUAL)
    session.close_session()
    _flip_a_table_page(demo_file)
    answers = Answers(monkeypatch, "打开最近的备份")
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(demo_file)
    assert "文件已损坏" in answers.texts[0] and f"{made.time:%Y-%m-%d %H:%M:%S}" in answers.texts[0]
    assert session.current_path() == demo_file and len(roster.list_members()) > 200
    assert list(demo_file.parent.glob("demo.meetingdesk.*.damaged"))
    session.close_session()


def test_the_backups_dialog_restores_and_the_window_follows(window, qtbot, monkeypatch):
    from meetingdesk import store

    dialog = window.show_backups()
    assert dialog.model.rowCount() == 0 and not dialog.empty.isHidden()
    dialog.backup_now()
    assert dialog.model.rowCount() == 1
    store.Person.update(name="改过").where(store.Person.id == 1).execute()
    Answers(monkeypatch, "恢复")
    dialog.restore_selected()
    assert dialog.restored
    assert store.Person.get_by_id(1).name != "改过"
    reasons = [b.reason for b in backups.listing()]
    assert any(r.startswith("恢复备份前") for r in reasons)


def test_an_unexpected_error_shows_a_sentence_and_copies_the_details(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("MEETINGDESK_DATA", str(tmp_path))
    monkeypatch.setattr("meetingdesk.errorlog._logger", None)
    answers = Answers(monkeypatch, "确定")
    try:
        raise ZeroDivisionError("除以零")
    except ZeroDivisionError as exc:
        error_dialog.show_error(exc)
    assert "内部错误" in answers.texts[0] and "复制详细信息" in answers.texts[0]
    assert "ZeroDivisionError" in (tmp_path / "logs" / "meetingdesk.log").read_text(encoding="utf-8")
    copied = Answers(monkeypatch, "复制详细信息")
    calls = []
    original = QMessageBox.exec

    def once_then_ok(box):
        calls.append(1)
        if len(calls) > 1:
            copied.press = "确定"
        return original(box)

    monkeypatch.setattr(QMessageBox, "exec", once_then_ok)
    error_dialog.show_error(ZeroDivisionError("再一次"))
    assert "ZeroDivisionError" in QApplication.clipboard().text()
    answers = Answers(monkeypatch, "确定")
    error_dialog.show_error(StorageError("磁盘已满", "磁盘已满，本次修改没有保存。"))
    assert answers.texts == ["磁盘已满，本次修改没有保存。"]


def test_a_damaged_demo_in_the_data_folder_is_rebuilt_on_starting(qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths

    from meetingdesk.services import demo
    from meetingdesk.ui import app

    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda kind: str(tmp_path))
    (tmp_path / demo.DEMO_FILENAME).write_bytes(b"\x00" * 100)
    path, why = app.demo_path()
    assert "已重新建立演示会议" in why and path.exists()
    kept = list(tmp_path.glob(f"{demo.DEMO_FILENAME}.*.damaged"))
    assert kept and kept[0].read_bytes() == b"\x00" * 100
    assert session.open_session(path).counts["代表"] > 200
    session.close_session()
    assert app.demo_path() == (path, "")


def test_quitting_with_a_typed_pass_asks_and_cancel_keeps_the_window(window, qtbot, monkeypatch):
    from PySide6.QtGui import QCloseEvent

    from meetingdesk.services import counting, elections, voting
    from tests.ui.test_unsaved import _type

    poll = counting.create_poll("第三次全体会议选举和表决", [e.election_id for e in elections.list_elections()],
                                [i.item_id for i in voting.list_vote_items()])
    window.counting_page.refresh()
    window.nav.setCurrentRow(window.pages.indexOf(window.counting_page))
    window.counting_page.select(poll)
    _type(window.counting_page)
    answers = Answers(monkeypatch, "取消")
    event = QCloseEvent()
    window.closeEvent(event)
    assert not event.isAccepted() and session.current_path() is not None
    assert "未保存" in answers.texts[0] or "录入" in answers.texts[0]
    Answers(monkeypatch, "保存草稿并继续")
    event = QCloseEvent()
    window.closeEvent(event)
    assert event.isAccepted() and session.current_path() is None


def test_a_change_refused_by_a_read_only_file_is_said_in_the_dialog(qtbot, demo_file, held_elsewhere, monkeypatch):
    Answers(monkeypatch, "以只读方式打开")
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(demo_file)
    dialog = win.edit_session()
    dialog.venue.setText("别处") if hasattr(dialog, "venue") else None
    dialog._try_accept()
    assert "只读" in dialog.error_text("") and dialog.isVisible()
    session.close_session()


def test_after_a_crash_the_window_says_so_in_a_status_bar_that_shows_only_that(qtbot, demo_file):
    """The message is given while the window is built, before it is shown: showing the window
    must not bring the status bar's own title back over it (two texts on top of each other)."""
    from tests.services.test_one_writer import hold

    proc = hold(demo_file)
    proc.kill()  # kill -9: its lock stays behind
    proc.wait()
    win = MainWindow(demo_file)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert "没有正常退出" in win.statusBar().currentMessage()
    assert not win.status_title.isVisible()
    win.close()
    session.close_session()

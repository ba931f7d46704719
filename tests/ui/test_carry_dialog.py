"""从上次会议新建: the dialog previews what the carry makes and carries it in one go."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog

from meetingdesk.services import roster, session
from meetingdesk.ui.session.carry_dialog import CarryDialog

FOURTH = "东西湖区第十一届人民代表大会第四次会议"


@pytest.fixture
def open_demo(demo_file):
    session.open_session(demo_file)
    yield demo_file
    session.close_session()


def make(qtbot, old_path=None) -> CarryDialog:
    dialog = CarryDialog(None, old_path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok(dialog: CarryDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_preview_then_新建_opens_the_new_session(qtbot, open_demo):
    dialog = make(qtbot, open_demo)
    assert session.current_path() == open_demo  # the open session is read as it is
    assert dialog.number.value() == 4 and ok(dialog).text() == "新建"
    suggested = open_demo.parent / f"{FOURTH}.meetingdesk"
    assert dialog.new_edit.text() == str(suggested)
    text = dialog.preview.toPlainText()
    assert text.startswith(f"由“东西湖区第十一届人民代表大会第三次会议”新建“{FOURTH}”：")
    assert "吴家山街代表团：代表 18 人（团长 李平，副团长 陶勇）" in text
    assert "共 12 个代表团，代表 210 人。" in text and "资格已终止的代表 12 人留在上次会议" in text
    assert "未结转列席 160 人、工作人员 36 人" in text

    dialog.others.setChecked(True)
    assert "代表 210 人、列席 160 人、工作人员 36 人" in dialog.preview.toPlainText()
    dialog.others.setChecked(False)
    dialog.number.setValue(5)  # the title and the suggested name follow the number
    assert "第五次会议" in dialog.preview.toPlainText()
    assert dialog.new_edit.text().endswith("第五次会议.meetingdesk")
    dialog.number.setValue(4)
    dialog.start.setDate(QDate(2024, 12, 20))

    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.new_path == suggested and session.current_path() == suggested
    info = session.session_info()
    assert (info.title, info.start_date, info.end_date) == (FOURTH, dt.date(2024, 12, 20), None)
    assert info.counts == {"代表": 210, "列席": 0, "工作人员": 0}
    assert len(roster.list_delegations()) == 12
    assert dialog.summary() == f"已从上次会议新建{FOURTH}：代表 210 人。"
    assert not dialog.reopened


def test_a_refusal_shows_at_its_field_and_the_dialog_stays(qtbot, open_demo, tmp_path):
    dialog = make(qtbot, open_demo)
    taken = tmp_path / "已有.meetingdesk"
    taken.write_bytes(b"keep")
    dialog.new_edit.setText(str(taken))
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.plan is None
    assert "已存在，不会覆盖" in dialog.error_text("new_path") and taken.read_bytes() == b"keep"
    dialog.new_edit.setText(str(tmp_path / "新"))  # the extension is added
    dialog.start.setDate(QDate(2023, 12, 1))  # before the old session ended
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert "不在上次会议闭幕（2023-12-23）之后" in dialog.error_text("start_date")
    assert not (tmp_path / "新.meetingdesk").exists()
    dialog.start.set_value(None)
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert session.current_path() == tmp_path / "新.meetingdesk"


def test_another_old_file_chosen_then_cancel_reopens_the_session_open_before(qtbot, demo_file, empty_session,
                                                                          monkeypatch):
    before = session.current_path()
    dialog = make(qtbot)
    assert dialog.preview.toPlainText() == "" and dialog.new_edit.text() == ""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(demo_file), ""))
    qtbot.mouseClick(dialog.old_button, Qt.MouseButton.LeftButton)
    assert dialog.old_edit.text() == str(demo_file) and "代表 210 人" in dialog.preview.toPlainText()
    assert session.current_path() is None  # one session at a time: reading the old one closed it
    dialog.reject()
    assert dialog.reopened and session.current_path() == before
    assert session.session_info().region == "测试区"


def test_a_file_that_is_no_session_says_so_at_the_old_file(qtbot, open_demo, tmp_path, monkeypatch):
    dialog = make(qtbot)
    junk = tmp_path / "junk.meetingdesk"
    junk.write_bytes(b"not a session")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(junk), ""))
    qtbot.mouseClick(dialog.old_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text("old_path") and dialog.preview.toPlainText() == ""
    assert session.current_path() == open_demo  # a refusal leaves the open session as it was
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_text("new_path") == "请选择新会议文件的保存位置。"

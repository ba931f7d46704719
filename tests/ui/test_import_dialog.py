"""The import dialog (file → preview → import) and export, on a temporary demo session."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressDialog

from meetingdesk.services import exporter, roster
from meetingdesk.ui.roster import import_dialog
from meetingdesk.ui.roster.import_dialog import ImportDialog, PlanModel, export_roster

from ..services.test_import import HEADER, snapshot, write_csv, write_xlsx


@pytest.fixture
def dialog(qtbot, demo_session):
    dlg = ImportDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def mixed_file(tmp_path):
    return write_xlsx(tmp_path / "混合.xlsx", [
        HEADER,
        ["丁哲", "男", "吴家山街代表团", "代表", "", ""],
        ["邢奇", "男", "慈惠街代表团", "代表", "", ""],
        ["张新", "女", "吴家山街代表团", "列席", "区教育局副局长", ""],
        ["李新", "男", "火星代表团", "代表", "", ""],
    ])


def shown(dlg, column):
    proxy = dlg.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_preview_counts_then_import_without_errors(qtbot, dialog, tmp_path):
    path = write_csv(tmp_path / "好.csv", [
        HEADER,
        ["丁哲", "男", "吴家山街代表团", "代表", "", ""],
        ["邢奇", "男", "慈惠街代表团", "代表", "", ""],
        ["张新", "女", "吴家山街代表团", "列席", "区教育局副局长", ""],
    ], "gbk")
    assert dialog.load(path)
    assert dialog.path_edit.text() == str(path)
    assert dialog.counts_label.text() == "新增 1　更新 1　不变 1　错误 0"
    assert shown(dialog, PlanModel.LINE) == ["2", "3", "4"]
    assert shown(dialog, PlanModel.CHANGE) == ["不变", "更新：调团 吴家山街代表团→慈惠街代表团", "新增"]
    assert not dialog.good_rows_only.isEnabled()
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result.new == 1 and dialog.result.updated == 1
    assert "新增 1 人，更新 1 人" in dialog.summary()
    members = {m.name: m for m in roster.list_members()}
    assert members["张新"].work_title == "区教育局副局长"
    assert members["邢奇"].delegation == "慈惠街代表团"


def test_errors_block_the_import_until_good_rows_only_is_chosen(qtbot, dialog, tmp_path):
    before = snapshot()
    dialog.load(mixed_file(tmp_path))
    assert dialog.counts_label.text() == "新增 1　更新 1　不变 1　错误 1"
    assert dialog.good_rows_only.isEnabled() and not dialog.good_rows_only.isChecked()
    assert not dialog.import_button.isEnabled()
    assert "有 1 行错误" in dialog.hint_label.text()
    dialog.show_kind.setCurrentIndex(dialog.show_kind.findData("错误"))
    assert shown(dialog, PlanModel.NAME) == ["李新"]
    assert shown(dialog, PlanModel.CHANGE)[0].startswith("错误：代表团：本次会议没有“火星代表团”")
    assert snapshot() == before

    dialog.good_rows_only.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    names = {m.name for m in roster.list_members()}
    assert "张新" in names and "李新" not in names
    assert dialog.result.skipped == 1


def test_a_round_trip_file_has_nothing_to_import(dialog, tmp_path):
    path = tmp_path / "导出.xlsx"
    exporter.export_roster(path)
    dialog.load(path)
    assert dialog.counts_label.text() == "新增 0　更新 0　不变 418　错误 0"
    assert not dialog.import_button.isEnabled()
    assert "没有需要导入的变化" in dialog.hint_label.text()


def test_a_file_that_cannot_be_read_says_why_in_the_dialog(dialog, tmp_path):
    path = tmp_path / "旧.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert not dialog.load(path)
    assert "另存为 .xlsx" in dialog.error_label.text() and not dialog.error_label.isHidden()
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_choose_file_and_cancel_the_progress(qtbot, dialog, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "大.xlsx", [HEADER] + [
        [f"新{chr(0x4e00 + i)}{chr(0x4e00 + j)}", "男", "吴家山街代表团", "列席", "", ""]
        for i in range(40) for j in range(40)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.counts_label.text() == "新增 1600　更新 0　不变 0　错误 0"
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.plan is None and dialog.model.rowCount() == 0
    assert dialog.error_label.text() == "已取消读取。"


def test_a_session_changed_after_the_preview_is_not_overwritten(qtbot, dialog, tmp_path):
    dialog.load(write_csv(tmp_path / "a.csv", [HEADER, ["张新", "女", "吴家山街代表团", "列席", "", ""]]))
    roster.add_member(roster.MemberInput("别人", "男", delegation_id=roster.delegation_choices()[0][0]))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "重新选择文件预览" in dialog.error_label.text()
    assert dialog.result is None


def test_export_roster_asks_for_a_file_and_reports_in_the_status_bar(qtbot, demo_session, tmp_path, monkeypatch):
    window = QMainWindow()
    qtbot.addWidget(window)
    target = tmp_path / "名单"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert export_roster(window) == tmp_path / "名单.xlsx"
    assert "已导出 418 人" in window.statusBar().currentMessage()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert export_roster(window) is None
    warned = []
    monkeypatch.setattr(import_dialog, "warn", lambda parent, title, text: warned.append(text))
    assert export_roster(window, tmp_path / "无此目录" / "x.xlsx") is None
    assert "无法写入" in warned[0]


def test_the_preview_names_the_sheet_and_what_was_hidden(qtbot, demo_session, tmp_path):
    from openpyxl import Workbook

    from meetingdesk.ui.roster.import_dialog import ImportDialog

    wb = Workbook()
    visible = wb.active
    visible.title = "名单"
    visible.append(["姓名", "性别", "代表团", "身份"])
    visible.append(["刘君", "男", "吴家山街代表团", "列席"])
    visible.append(["旧人", "男", "吴家山街代表团", "列席"])
    visible.row_dimensions[3].hidden = True
    old = wb.create_sheet("旧名单")
    old.append(["姓名", "性别", "代表团", "身份"])
    old.append(["劉君", "男", "吴家山街代表团", "列席"])
    old.sheet_state = "hidden"
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    assert dialog.load(path)
    text = dialog.columns_label.text()
    assert "读取工作表“名单”" in text and "未读取隐藏的工作表“旧名单”" in text and "隐藏的第 3 行" in text
    assert [r.name for r in dialog.plan.rows] == ["刘君"]

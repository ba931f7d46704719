"""The print preview: built (synchronously here, and once on its thread), shown, saved, printed."""
from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from meetingdesk.services import roster
from meetingdesk.services.roster import MemberInput
from meetingdesk.ui import print_preview
from meetingdesk.ui.print_preview import PrintPreviewDialog, show_print_preview

IN_NEITHER = "\U0002a6d6"


@pytest.fixture
def sync(monkeypatch):
    monkeypatch.setattr(print_preview, "BACKGROUND", False)


def _delegation_id(name: str) -> int:
    return next(d.delegation_id for d in roster.list_delegations() if d.name == name)


def _dialog(qtbot, kind: str, **options) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(kind, options)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    return dialog


def test_roster_preview_shows_the_pdf(demo_session, qtbot, sync):
    dialog = _dialog(qtbot, "roster")
    assert dialog.document.pageCount() == dialog.pages >= 5
    assert dialog.stack.currentWidget() is dialog.view
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert "代表团编团名单，共" in dialog.info.text()
    assert dialog.windowTitle() == "打印预览 — 代表团编团名单"
    assert not dialog.role_box.isVisible()  # the roster takes no role
    assert dialog.delegation_box.isVisible()


def test_save_as_pdf_copies_the_built_file(demo_session, qtbot, sync, tmp_path):
    dialog = _dialog(qtbot, "people")
    target = tmp_path / "核对.pdf"
    dialog.save_to(target)
    assert target.read_bytes() == dialog.pdf_path.read_bytes()
    assert len(PdfReader(str(target)).pages) == dialog.pages
    assert dialog.suggested_name() == "东西湖区第十一届人民代表大会第三次会议人员核对名单.pdf"


def test_print_sends_every_page_or_the_chosen_range(demo_session, qtbot, sync, tmp_path):
    dialog = _dialog(qtbot, "roster")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == dialog.pages
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == dialog.pages

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert dialog.print_to(printer) == 2
    assert len(PdfReader(str(tmp_path / "range.pdf")).pages) == 2


def test_options_from_the_caller_and_switching_papers(demo_session, qtbot, sync):
    did = _delegation_id("吴家山街代表团")
    dialog = show_print_preview(None, "signin", delegation_id=did, role="代表", order="name")
    qtbot.addWidget(dialog)
    assert dialog.options == {"delegation_id": did, "role": "代表"}  # order: not a sign-in option
    assert dialog.delegation_box.currentData() == did and dialog.role_box.currentData() == "代表"
    assert dialog.pages == 1
    dialog.meeting.setText("第一次全体会议")
    dialog.meeting.editingFinished.emit()
    assert dialog.options["meeting"] == "第一次全体会议"
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("roster"))
    assert dialog.kind == "roster" and dialog.options == {"delegation_id": did}
    assert dialog.pages == 1
    dialog.delegation_box.setCurrentIndex(0)  # 全部代表团
    assert dialog.options == {} and dialog.pages >= 5
    dialog.close()


def test_a_name_the_fonts_cannot_draw_is_shown_as_an_error(demo_session, qtbot, sync):
    roster.add_member(MemberInput("王" + IN_NEITHER, delegation_id=_delegation_id("长青街代表团"), role="列席"))
    dialog = _dialog(qtbot, "roster")
    assert dialog.stack.currentWidget() is dialog.status
    assert dialog.message.startswith(f"无法打印“王{IN_NEITHER}”（长青街代表团 列席）中的“{IN_NEITHER}”")
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    assert dialog.document.pageCount() == 0


def test_cancel_during_the_build_closes_the_preview(demo_session, qtbot, sync, monkeypatch):
    shown = PrintPreviewDialog._on_progress

    def cancel_at_once(self, build, done, total, message):
        shown(self, build, done, total, message)
        self.progress_dialog.canceled.emit()  # the 取消 button

    monkeypatch.setattr(PrintPreviewDialog, "_on_progress", cancel_at_once)
    dialog = _dialog(qtbot, "people")
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert dialog.pages == 0 and dialog.message == "已取消。"
    assert not dialog.pdf_path.exists()


def test_a_cancelled_progress_dialog_stops_the_build(demo_session, qtbot, sync, monkeypatch):
    shown = PrintPreviewDialog._on_progress

    def cancel_quietly(self, build, done, total, message):
        if done:
            self.progress_dialog.cancel()  # wasCanceled() from now on
        shown(self, build, done, total, message)

    monkeypatch.setattr(PrintPreviewDialog, "_on_progress", cancel_quietly)
    dialog = _dialog(qtbot, "roster")
    assert dialog.message == "已取消。" and not dialog.isVisible()


def test_builds_on_a_worker_thread(demo_session, qtbot):
    assert print_preview.BACKGROUND
    dialog = _dialog(qtbot, "roster")
    qtbot.waitUntil(lambda: dialog.pages > 0, timeout=30000)
    assert not dialog.is_building() or dialog._thread.wait(5000)
    assert dialog.document.pageCount() == dialog.pages
    assert dialog.progress_dialog is None
    dialog.close()


def test_closing_while_building_stops_the_worker(demo_session, qtbot):
    dialog = _dialog(qtbot, "people")
    dialog.reject()
    assert not dialog.is_building()


def test_ballot_options_in_the_preview(demo_session, qtbot, sync):
    dialog = _dialog(qtbot, "ballots", copies=3)
    assert dialog.copies.isVisible() and not dialog.role_box.isVisible() and not dialog.marks_box.isVisible()
    assert dialog.pages == 3
    dialog.spares.setValue(2)
    dialog.spares.editingFinished.emit()
    dialog.serial.setChecked(True)
    dialog.box_box.setCurrentIndex(dialog.box_box.findData("cycle"))
    assert dialog.options == {"copies": 3, "spares": 2, "serial": True, "box": "cycle"}
    assert dialog.pages == 5
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("votes"))
    assert dialog.marks_box.isVisible()
    dialog.marks_box.setCurrentIndex(dialog.marks_box.findData("three"))
    assert dialog.options["marks"] == "three" and dialog.pages == 5

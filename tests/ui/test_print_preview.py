"""The print preview: built (synchronously here, and in the paper builder's process), shown, saved, printed."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMarginsF, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QTransform
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from meetingdesk.services import attendance, roster
from meetingdesk.services.roster import MemberInput
from meetingdesk.ui.common import print_preview
from meetingdesk.ui.common.print_preview import PrintPreviewDialog, show_print_preview

from ..printing.pdftext import compact, pages_text

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
    # the 会议 field lists the schedule's meetings by name; the sign-in sheet is given the
    # meeting's number in the schedule and prints its name and its day
    assert dialog.meeting.itemText(0) == "（不填，留空手写）"
    assert dialog.meeting.count() == len(attendance.meetings()) + 1
    dialog.meeting.setCurrentIndex(dialog.meeting.findText("12月21日上午 第一次全体会议"))
    assert dialog.options["meeting"] == attendance.meeting_key(3)
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


def test_builds_in_the_background(demo_session, qtbot):
    assert print_preview.BACKGROUND
    dialog = _dialog(qtbot, "roster")
    assert dialog.is_building()
    qtbot.waitUntil(lambda: dialog.pages > 0, timeout=30000)
    assert not dialog.is_building()
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


# ---------------------------------------------------------------- the builder process, printing, issue 14


def _pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _built(qtbot, dialog: PrintPreviewDialog) -> PrintPreviewDialog:
    qtbot.waitUntil(lambda: dialog.pages > 0 or dialog.message.startswith(("无法", "生成")), timeout=60000)
    return dialog


def test_the_window_loads_no_reportlab():
    code = ("import sys, meetingdesk.ui.main_window, meetingdesk.ui.common.print_preview; "
            "print(sorted(m for m in sys.modules if m.startswith(('reportlab', 'meetingdesk.printing.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.strip() == "[]"


def test_the_paper_is_built_in_a_process_of_its_own_from_the_session_file(demo_session, qtbot):
    assert print_preview.BACKGROUND
    dialog = _built(qtbot, _dialog(qtbot, "roster", delegation_id=_delegation_id("长青街代表团")))
    paper_builder = print_preview.builder()
    assert paper_builder.is_running() and paper_builder._process.pid != os.getpid()
    assert dialog.pages == dialog.document.pageCount() == 1 and dialog.keys == []  # numbered: no keys
    # what the window has just written is what the builder reads (the session held for writing here)
    roster.add_member(MemberInput("欧阳新来", delegation_id=_delegation_id("长青街代表团"), role="列席"))
    dialog.start()
    _built(qtbot, dialog)
    assert "欧阳新来" in compact("".join(pages_text(dialog.pdf_path)))
    dialog.close()


def test_a_background_build_is_cancelled_and_a_lost_builder_is_said(demo_session, qtbot):
    dialog = _dialog(qtbot, "people")
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.message == "已取消。", timeout=60000)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.is_building()

    dialog = _dialog(qtbot, "ballots", copies=3000)
    print_preview.builder()._process.kill()
    qtbot.waitUntil(lambda: dialog.message != "" and not dialog.message.startswith("正在"), timeout=60000)
    assert dialog.message == "生成 PDF 的进程意外退出，请再试一次。"
    dialog.start()  # a new builder
    _built(qtbot, dialog)
    assert dialog.pages == 3000 and set(dialog.keys) == {1}
    # shown a page at a time (QPdfView would lay out all 3,000 at once), with a page box
    assert dialog.view.pageMode() == QPdfView.PageMode.SinglePage and dialog.page_box.isVisible()
    dialog.page_box.setValue(2500)
    assert dialog.view.pageNavigator().currentPage() == 2499
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("roster"))
    _built(qtbot, dialog)
    assert dialog.view.pageMode() == QPdfView.PageMode.MultiPage and not dialog.page_box.isVisible()
    dialog.close()


def test_printing_runs_on_a_worker_and_renders_alike_pages_once(demo_session, qtbot, tmp_path):
    dialog = _built(qtbot, _dialog(qtbot, "ballots", copies=40))
    with qtbot.waitSignal(dialog.printed, timeout=60000) as sent:
        assert dialog.print_to(_pdf_printer(tmp_path / "printed.pdf")) == 40
        assert dialog.is_printing() and not dialog.print_button.isEnabled()
    assert sent.args == [40] and not dialog.is_printing() and dialog.print_button.isEnabled()
    assert "已送往打印机：共 40 页" in dialog.info.text()
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == 40
    one = _pdf_printer(tmp_path / "one.pdf")
    one.setPrintRange(QPrinter.PrintRange.PageRange)
    one.setFromTo(1, 1)
    with qtbot.waitSignal(dialog.printed, timeout=60000):
        assert dialog.print_to(one) == 1
    # the page's images, drawn on every page: the printer's stream holds them once
    assert (tmp_path / "printed.pdf").stat().st_size < (tmp_path / "one.pdf").stat().st_size + 40 * 2000
    dialog.close()


def test_printing_is_cancelled_between_pages(demo_session, qtbot, tmp_path):
    dialog = _built(qtbot, _dialog(qtbot, "ballots", copies=200, serial=True))
    dialog.print_to(_pdf_printer(tmp_path / "printed.pdf"))
    dialog.print_progress.canceled.emit()  # 取消
    qtbot.waitUntil(lambda: not dialog.is_printing(), timeout=60000)
    assert dialog.info.text().startswith("已取消打印。") and dialog.last_printed == 0
    dialog.close()


def _grey(document: QPdfDocument, page: int) -> QImage:
    image = document.render(page, QSize(1240, 1752), fillColor=Qt.GlobalColor.white)  # 150 dpi
    # a quarter as fine, smoothed (the printed page is a 300-dpi image); lines of whole words, no padding
    return image.scaled(312, 440, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation).convertToFormat(QImage.Format.Format_Grayscale8)


def _ink(image: QImage) -> list[int]:
    """How much ink each line of IMAGE holds."""
    data, width = bytes(image.constBits()), image.bytesPerLine()
    return [width * 255 - sum(data[i:i + width]) for i in range(0, len(data), width)]


def _alike(a: QImage, b: QImage) -> tuple[float, float]:
    """How alike the ink of A and B lies: the correlation of their rows' and of their columns' ink."""
    def correlation(x: list[int], y: list[int]) -> float:
        mx, my = sum(x) / len(x), sum(y) / len(y)
        sx, sy = sum((v - mx) ** 2 for v in x) ** 0.5, sum((v - my) ** 2 for v in y) ** 0.5
        return sum((u - mx) * (v - my) for u, v in zip(x, y)) / (sx * sy)

    turn = QTransform().rotate(90)
    return correlation(_ink(a), _ink(b)), correlation(_ink(a.transformed(turn)), _ink(b.transformed(turn)))


def test_the_printed_pages_show_what_the_pdf_shows(demo_session, qtbot, sync, tmp_path):
    dialog = _dialog(qtbot, "ballots", copies=2, serial=True)
    dialog.print_to(_pdf_printer(tmp_path / "printed.pdf"))
    document = QPdfDocument()
    document.load(str(tmp_path / "printed.pdf"))
    assert document.pageCount() == 2
    for page in range(2):  # each page where it belongs, true to size (the printer's page is A4), no band lost
        printed, shown = _grey(document, page), _grey(dialog.document, page)
        rows, columns = _alike(printed, shown)
        assert rows > 0.8 and columns > 0.95
        rows, columns = _alike(printed, shown.copy(2, 2, shown.width(), shown.height()))  # 1.3 mm off
        assert rows < 0.5 and columns < 0.5
    def serial(document: QPdfDocument, page: int) -> bytes:  # No. 0001 at the top right, at 150 dpi
        image = document.render(page, QSize(1240, 1752), fillColor=Qt.GlobalColor.white)
        return bytes(image.copy(QRect(900, 100, 240, 80)).convertToFormat(QImage.Format.Format_Grayscale8).constBits())

    def apart(a: bytes, b: bytes) -> int:
        return sum(abs(x - y) for x, y in zip(a, b))

    for page, other in ((0, 1), (1, 0)):  # No. 0001, No. 0002: in their order
        printed = serial(document, page)
        assert apart(printed, serial(dialog.document, page)) < apart(printed, serial(dialog.document, other))
    document.close()


class FakePrinter:
    """What spool_command asks of a QPrinter set up by the print dialog for a real printer."""

    def __init__(self, **kw) -> None:
        self.kw = {"outputFormat": QPrinter.OutputFormat.NativeFormat, "copyCount": 1, "printerName": "办公室",
                   "docName": "选票", "collateCopies": True, "duplex": QPrinter.DuplexMode.DuplexAuto,
                   "colorMode": QPrinter.ColorMode.Color, **kw}
        self.layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF())

    def __getattr__(self, name):
        return lambda: self.kw[name]

    def pageLayout(self):
        return self.layout


def test_a_real_printer_gets_the_pdf_itself_through_the_spooler(monkeypatch, tmp_path):
    if sys.platform == "win32":
        pytest.skip("the spooler of Linux and macOS")
    monkeypatch.setattr(print_preview.shutil, "which", lambda name: f"/usr/bin/{name}")
    pdf = tmp_path / "p.pdf"
    assert print_preview.spool_command(FakePrinter(), pdf, 1, 210, 210) == [
        "/usr/bin/lp", "-t", "选票", "-d", "办公室", "-o", "media=A4", "--", str(pdf)]
    assert print_preview.spool_command(
        FakePrinter(copyCount=2, duplex=QPrinter.DuplexMode.DuplexLongSide, colorMode=QPrinter.ColorMode.GrayScale),
        pdf, 3, 5, 210) == [
        "/usr/bin/lp", "-t", "选票", "-d", "办公室", "-n", "2", "-o", "collate=true", "-P", "3-5",
        "-o", "sides=two-sided-long-edge", "-o", "print-color-mode=monochrome", "-o", "media=A4", "--", str(pdf)]
    assert print_preview.spool_command(FakePrinter(outputFormat=QPrinter.OutputFormat.PdfFormat), pdf, 1, 9, 9) is None
    monkeypatch.setattr(print_preview.shutil, "which", lambda name: "/usr/bin/lpr" if name == "lpr" else None)
    assert print_preview.spool_command(FakePrinter(), pdf, 1, 9, 9) == ["/usr/bin/lpr", "-T", "选票", "-P", "办公室", str(pdf)]
    assert print_preview.spool_command(FakePrinter(), pdf, 2, 9, 9) is None  # lpr takes no page range
    monkeypatch.setattr(print_preview.shutil, "which", lambda name: None)
    assert print_preview.spool_command(FakePrinter(), pdf, 1, 9, 9) is None


def _script(tmp_path, code: int) -> list[str]:
    log = tmp_path / "spooled.txt"
    return [sys.executable, "-c", f"import sys; open({str(log)!r}, 'w').write(sys.argv[-1]); sys.exit({code})"]


def test_the_preview_hands_the_pdf_to_the_spooler_or_else_prints_it_itself(demo_session, qtbot, sync, tmp_path,
                                                                             monkeypatch):
    dialog = _dialog(qtbot, "ballots", copies=3)
    monkeypatch.setattr(print_preview, "spool_command", lambda printer, pdf, first, last, pages: [
        *_script(tmp_path, 0), str(pdf)])
    assert dialog.print_to(_pdf_printer(tmp_path / "unused.pdf")) == 3
    assert (tmp_path / "spooled.txt").read_text() == str(dialog.pdf_path)
    assert "已送交打印机" in dialog.info.text() and not (tmp_path / "unused.pdf").exists()
    # the spooler refuses: Qt's own way to the printer
    monkeypatch.setattr(print_preview, "spool_command", lambda printer, pdf, first, last, pages: [
        *_script(tmp_path, 1), str(pdf)])
    assert dialog.print_to(_pdf_printer(tmp_path / "printed.pdf")) == 3
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == 3 and dialog.last_printed == 3


def test_the_meeting_is_chosen_from_the_schedule_by_name(demo_session, qtbot, sync):
    meetings = attendance.meetings()
    dialog = _dialog(qtbot, "attendance", meeting="10")  # as the attendance page passes it
    assert dialog.meeting.isVisible() and dialog.meeting.currentText() == meetings[9].label
    assert [dialog.meeting.itemText(i) for i in range(1, dialog.meeting.count())] == [m.label for m in meetings]
    assert dialog.options == {"meeting": "10"}
    dialog.meeting.setCurrentIndex(3)
    assert dialog.options == {"meeting": "3"}  # its number in the schedule: names repeat (代表团会议)
    dialog.meeting.setCurrentIndex(0)
    assert dialog.options == {} and dialog.meeting.currentText() == "（最近的全体会议）"
    assert dialog.pages >= 1
    dialog = _dialog(qtbot, "signin", meeting="第一次全体会议")  # a name: the sign-in sheet prints it
    assert dialog.meeting.currentText() == "12月21日上午 第一次全体会议"


def test_saving_says_where_the_pdf_went(demo_session, qtbot, sync, tmp_path):
    dialog = _dialog(qtbot, "roster")
    target = tmp_path / "名单" / "编团名单.pdf"
    target.parent.mkdir()
    dialog.save_to(target)
    assert dialog.saved_to == target.resolve()
    assert f"已保存到 {target.resolve()}" in dialog.info.text() and "打开所在文件夹" in dialog.info.text()
    assert QUrl.fromLocalFile(str(target.parent.resolve())).toString() in dialog.info.text()


@pytest.mark.parametrize("kind", ["ballots", "votes", "signin", "people", "preballots"])
def test_the_preview_fits_a_1366_by_768_screen(demo_session, qtbot, sync, kind):
    dialog = _dialog(qtbot, kind)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 - 20 and hint.height() <= 768 - 100
    assert dialog.width() <= 1366 and dialog.height() <= 700


# ---------------------------------------------------------------- 导出为 Word… (issue 17)


def test_export_to_word_writes_the_paper_shown_with_its_options(demo_session, qtbot, sync, tmp_path):
    from docx import Document

    from ..printing.docxtext import docx_text

    dialog = _dialog(qtbot, "roster", delegation_id=_delegation_id("长青街代表团"))
    assert dialog.word_button.isEnabled()
    target = tmp_path / "长青街.docx"
    dialog.export_to(target)
    text = compact(docx_text(target))
    assert "长青街代表团" in text and "吴家山街代表团" not in text
    assert Document(str(target)).sections[0].page_height > 0
    assert dialog.exported_to == target.resolve() and "已导出 Word 文档到" in dialog.info.text()


def test_export_to_word_refuses_a_wrong_target_at_once(demo_session, demo_file, qtbot, sync, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(print_preview, "warn", lambda parent, title, text: said.append(text))
    dialog = _dialog(qtbot, "roster")
    before = demo_file.read_bytes()
    dialog.export_to(demo_file)  # the session itself: refused by its suffix, untouched
    assert said and "结尾" in said[-1] and demo_file.read_bytes() == before
    dialog.export_to(tmp_path / "无此文件夹" / "名单.docx")
    assert "不存在" in said[-1]


def test_export_to_word_in_the_background(demo_session, qtbot, tmp_path):
    from ..printing.docxtext import docx_text

    dialog = _built(qtbot, _dialog(qtbot, "people"))
    target = tmp_path / "核对.docx"
    dialog.export_to(target)
    assert not dialog.word_button.isEnabled()  # one export at a time
    qtbot.waitUntil(lambda: dialog.exported_to is not None, timeout=60000)
    assert dialog.word_button.isEnabled()
    assert "人员核对名单" in compact(docx_text(target))
    dialog.close()


def test_a_server_session_is_built_in_the_builder_process_too(demo_url, qtbot):
    """On a server the builder connects to the session itself (read-only): the window stays free."""
    from meetingdesk.services import session

    session.open_session(demo_url)
    try:
        dialog = _built(qtbot, _dialog(qtbot, "roster", delegation_id=_delegation_id("长青街代表团")))
        assert print_preview.builder().is_running() and print_preview.builder()._process.pid != os.getpid()
        roster.add_member(MemberInput("欧阳新来", delegation_id=_delegation_id("长青街代表团"), role="列席"))
        dialog.start()
        _built(qtbot, dialog)
        assert "欧阳新来" in compact("".join(pages_text(dialog.pdf_path)))
        dialog.close()
    finally:
        session.close_session()

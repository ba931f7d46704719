"""打印预览: a paper built where it cannot hold the window, shown inside the program, saved or printed.

`show_print_preview(parent, kind, **options)` is the entry point (the pages' 打印 menus).

Building: the paper is read and laid out by the paper builder, a process of its own
(`printing.serve`, started with multiprocessing's 'spawn' at the first paper and kept for the
next), which opens the session file read-only and writes the PDF into a temporary folder the
dialog owns. The window only polls for its progress, so a 3,000-page paper never stalls it;
reportlab and the paper modules load in that process, not in the window. A cancellable
QProgressDialog shows the progress. The PDF is then shown with QtPdf (QPdfDocument + QPdfView),
and can be saved (保存为PDF…, which says where it went) or printed (打印…).

Printing: to a real printer through the system's print spooler where there is one that can
do what the print dialog asked (`lp` of CUPS on Linux and macOS; the PDF handler's "printto" on
Windows), so the printer gets the PDF itself, vector, as fast as it takes it. Otherwise (and for
a QPrinter writing a PDF file, as the tests use) the pages are rendered into the QPrinter on a
worker thread in bands of about a million pixels at the printer's resolution (at most PRINT_DPI),
each band a short call, so the window is never held for long; a page drawn exactly like the one
before (ballots without numbers) is rendered once, and a band the same as the last page's is
drawn from the same image, which the printer's PDF stream then holds once.

Tests set BACKGROUND = False to build and print synchronously on the calling thread.
"""
from __future__ import annotations

import html
import multiprocessing
import shutil
import sys
import tempfile
import threading
import time
import types
import weakref
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPointF,
    QProcess,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTemporaryDir,
    QThread,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from meetingdesk import printing
from meetingdesk.services import ServiceError, attendance, output, roster, session, voting
from meetingdesk.store import ROLES
from meetingdesk.ui.common.messages import warn

BACKGROUND = True  # False: build and print on the calling thread (tests)
PRINT_DPI = 300  # pages are rendered for a printer at most this fine
BAND_PIXELS = 1_000_000  # a band of a page rendered and drawn in one call (about 10–20 ms)
POLL_MS = 25  # how often the window looks for the builder's messages
# QPdfView lays out every page of a document shown page under page (70 µs a page): a longer paper
# (3,000 ballots) is shown a page at a time, with a page box to go through it.
MULTI_PAGE_LIMIT = 1000

# The 会议 list's first entry: what the paper does when no meeting is chosen.
MEETING_NONE = {
    "signin": "（不填，留空手写）",
    "ballots": "（不按到会人数：每位在任代表一份）",
    "votes": "（不按到会人数：每位在任代表一份）",
    "attendance": "（最近的全体会议）",
    "absences": "（最近的全体会议）",
    "seating": "（不填：会场座次，主席台只标座次）",
    "podium": "（请选择一次全体会议）",
    "seat_list": "（不填：会议的座次安排）",
    "tent_cards": "（不填：按代表团和身份打印）",
}
# Papers given the meeting's name rather than its number in the schedule (none now: the 签到表
# takes the number too, and prints the meeting's name and its day)
MEETING_BY_NAME: tuple[str, ...] = ()


# ---------------------------------------------------------------- the paper builder process


class PaperBuilder(QObject):
    """The paper builder: a process running `printing.serve`, started at the first paper and kept.

    `submit` hands it a job and returns the job's number; every signal carries that number, so a
    dialog recognises its own job (and ignores one it has replaced). Should the process die, its
    jobs fail with a message and the next job starts a new one.
    """

    progress = Signal(int, int, int, str)  # job, done, total, message
    finished = Signal(int, int, list)  # job, pages, keys (see printing.frame.render)
    failed = Signal(int, str)  # job, message
    cancelled = Signal(int)  # job

    def __init__(self) -> None:
        super().__init__()
        self._context = multiprocessing.get_context("spawn")
        self._process = None
        self._conn = None
        self._cancel = None
        self._next = 0
        self._pending: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def _start(self) -> None:
        ours, theirs = self._context.Pipe()
        cancel = self._context.Value("q", 0, lock=False)
        process = self._context.Process(target=printing.serve, args=(theirs, cancel),
                                        name="MeetingDesk paper builder", daemon=True)
        # The builder needs nothing of the program's main script: without this, 'spawn' would run
        # main.py's imports (the whole window) again in the builder.
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            process.start()
        finally:
            sys.modules["__main__"] = main
        theirs.close()
        self._process, self._conn, self._cancel = process, ours, cancel

    def is_running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def submit(self, path: Path | str, kind: str, options: dict, out: Path) -> int:
        if not self.is_running():
            self._stop_process()
            self._start()
        self._next += 1
        number = self._next
        self._pending.add(number)
        self._conn.send((number, str(path), kind, dict(options), str(out)))
        self._timer.start()
        return number

    def cancel(self, number: int) -> None:
        """Stop job NUMBER (and any earlier one) at its next step."""
        if self._cancel is not None and number in self._pending:
            self._cancel.value = max(self._cancel.value, number)

    def busy(self, number: int) -> bool:
        return number in self._pending

    @Slot()
    def _poll(self) -> None:
        try:
            while self._conn is not None and self._conn.poll():
                self._deliver(self._conn.recv())
        except (EOFError, OSError):
            self._died()
            return
        if self._pending and not self.is_running():
            self._died()
        if not self._pending:
            self._timer.stop()

    def _deliver(self, message: tuple) -> None:
        what, number = message[0], message[1]
        if what == "progress":
            self.progress.emit(number, *message[2:])
            return
        self._pending.discard(number)
        if what == "finished":
            self.finished.emit(number, message[2], list(message[3]))
        elif what == "failed":
            self.failed.emit(number, message[2])
        else:
            self.cancelled.emit(number)

    def _died(self) -> None:
        lost, self._pending = sorted(self._pending), set()
        self._timer.stop()
        self._stop_process()
        for number in lost:
            self.failed.emit(number, "生成 PDF 的进程意外退出，请再试一次。")

    def _stop_process(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = self._cancel = None
        if conn is not None:
            try:
                conn.send(None)
            except OSError:
                pass
        if process is not None:
            process.join(2)
            if process.is_alive():
                process.terminate()
                process.join(2)
        if conn is not None:
            conn.close()

    def shutdown(self) -> None:
        """End the builder (the program is quitting); a job under way is abandoned."""
        if self._cancel is not None:
            self._cancel.value = max(self._cancel.value, self._next)
        self._pending.clear()
        self._timer.stop()
        self._stop_process()


_builder: PaperBuilder | None = None


def builder() -> PaperBuilder:
    """The program's paper builder (made at the first paper; its process ends with the program)."""
    global _builder
    if _builder is None:
        _builder = PaperBuilder()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_builder.shutdown)
    return _builder


# ---------------------------------------------------------------- printing


class PrintWorker(QObject):
    """Renders the pages of a PDF into a QPrinter, band by band (see the module's note)."""

    progress = Signal(int, int)  # pages sent, pages to send
    finished = Signal(int)  # pages sent
    failed = Signal(str)
    cancelled = Signal(int)  # pages sent before the stop

    def __init__(self, pdf: Path, printer: QPrinter, first: int, last: int, keys: list[int]) -> None:
        super().__init__()
        self.pdf, self.printer, self.first, self.last, self.keys = pdf, printer, first, last, keys
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        document = QPdfDocument()  # the worker's own: the preview's stays with the window
        try:
            if document.load(str(self.pdf)) != QPdfDocument.Error.None_:
                self.failed.emit("无法读取生成的 PDF。")
                return
            self._send(document)
        except Exception as exc:  # noqa: BLE001 — a printer's failure must not kill the program
            self.failed.emit(f"打印时出错：{exc}")
        finally:
            document.close()

    def _send(self, document: QPdfDocument) -> None:
        printer = self.printer
        printer.setFullPage(True)  # the page as it is, true to size, where the paper is A4
        resolution = printer.resolution()
        step = max(1, resolution // PRINT_DPI)  # render at 1/STEP of the printer's dots: whole dots per pixel
        paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        paper.moveTo(0, 0)

        def page(number: int, previous: list) -> list | None:
            points = document.pagePointSize(number - 1)
            return self._render(document, number - 1, _fit(paper, points.width(), points.height()), step, previous)

        total = self.last - self.first + 1
        sent = 0
        bands = page(self.first, [])
        if bands is None:
            self.cancelled.emit(sent)
            return
        if printer.colorMode() == QPrinter.ColorMode.Color and all(image.allGray() for _, image in bands):
            # A paper in black and white (all but the badges) goes to the printer in grey: where Qt
            # writes the job as a PDF (CUPS, a PDF file) a byte a dot, losslessly, not as JPEG in colour.
            printer.setColorMode(QPrinter.ColorMode.GrayScale)
        painter = QPainter()
        if not painter.begin(printer):
            self.failed.emit("无法连接打印机。")
            return
        # not JPEG (Qt's PDF stream): text stays sharp, and the papers' flat colours take less room
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        stopped = False
        last_key = self._key(self.first)
        try:
            for number in range(self.first, self.last + 1):
                if self._cancel.is_set():
                    stopped = True
                    break
                if sent:
                    printer.newPage()
                key = self._key(number)
                if number > self.first and (key is None or key != last_key):
                    bands = page(number, bands)
                    if bands is None:
                        stopped = True
                        break
                    last_key = key
                for rect, image in bands:
                    painter.drawImage(rect, image)
                    time.sleep(0)  # let the window have the interpreter between two bands
                sent += 1
                self.progress.emit(sent, total)
            if stopped:
                printer.abort()  # a real printer's job is withdrawn where the system allows
        finally:
            painter.end()
        if stopped:
            self.cancelled.emit(sent)
        else:
            self.finished.emit(sent)

    def _key(self, number: int) -> int | None:
        """Page NUMBER's key: pages of one key are drawn alike (none: not known, render it)."""
        return self.keys[number - 1] if len(self.keys) >= number else None

    def _render(self, document: QPdfDocument, index: int, target: QRectF, step: int,
                previous: list) -> list | None:
        """The page as bands (device rectangle, image); a band equal to PREVIOUS's is its image."""
        width = max(1, round(target.width() / step))
        height = max(1, round(target.height() / step))
        rows = max(16, BAND_PIXELS // width)
        scale_y = target.height() / height
        bands = []
        for i, top in enumerate(range(0, height, rows)):
            if self._cancel.is_set():
                return None
            h = min(rows, height - top)
            options = QPdfDocumentRenderOptions()
            options.setScaledSize(QSize(width, height))
            options.setScaledClipRect(QRect(0, top, width, h))
            image = document.render(index, QSize(width, h), options, fillColor=Qt.GlobalColor.white)
            if i < len(previous) and previous[i][1] == image:
                image = previous[i][1]  # the same image again: the printer's stream holds it once
            bands.append((QRectF(target.x(), target.y() + top * scale_y, target.width(), h * scale_y), image))
            time.sleep(0)
        return bands


def _fit(box: QRectF, width: float, height: float) -> QRectF:
    """The largest rectangle of WIDTH:HEIGHT centred in BOX."""
    scale = min(box.width() / width, box.height() / height)
    w, h = width * scale, height * scale
    return QRectF(box.x() + (box.width() - w) / 2, box.y() + (box.height() - h) / 2, w, h)


MEDIA = {QPageSize.PageSizeId.A4: "A4", QPageSize.PageSizeId.A3: "A3", QPageSize.PageSizeId.A5: "A5",
         QPageSize.PageSizeId.B5: "B5", QPageSize.PageSizeId.Letter: "Letter", QPageSize.PageSizeId.Legal: "Legal"}
SIDES = {QPrinter.DuplexMode.DuplexNone: "one-sided", QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
         QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge"}


def spool_command(printer: QPrinter, pdf: Path, first: int, last: int, pages: int) -> list[str] | None:
    """The command that hands PDF (pages FIRST–LAST of PAGES) to the system's print spooler as the
    print dialog set PRINTER up, or None where there is none that can: CUPS's `lp` (Linux, macOS),
    else `lpr` for the whole document once."""
    if sys.platform == "win32" or printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return None
    copies = max(1, printer.copyCount())
    lp = shutil.which("lp")
    if lp is not None:
        command = [lp, "-t", printer.docName() or pdf.stem]
        if printer.printerName():
            command += ["-d", printer.printerName()]
        if copies > 1:
            command += ["-n", str(copies), "-o", f"collate={'true' if printer.collateCopies() else 'false'}"]
        if (first, last) != (1, pages):
            command += ["-P", f"{first}-{last}"]
        if printer.duplex() in SIDES:
            command += ["-o", f"sides={SIDES[printer.duplex()]}"]
        if printer.colorMode() == QPrinter.ColorMode.GrayScale:
            command += ["-o", "print-color-mode=monochrome"]
        media = MEDIA.get(printer.pageLayout().pageSize().id())
        if media:
            command += ["-o", f"media={media}"]
        return [*command, "--", str(pdf)]
    lpr = shutil.which("lpr")
    if lpr is not None and (first, last) == (1, pages) and copies == 1:
        command = [lpr, "-T", printer.docName() or pdf.stem]
        if printer.printerName():
            command += ["-P", printer.printerName()]
        return [*command, str(pdf)]
    return None


def shell_print(printer: QPrinter, pdf: Path, first: int, last: int, pages: int) -> bool:
    """Windows: hand a copy of PDF to the PDF program's "printto" for PRINTER (the whole document,
    one copy: printto takes no more); False where that cannot be done (no program offers it)."""
    if sys.platform != "win32" or printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return False
    if (first, last) != (1, pages) or printer.copyCount() > 1 or not printer.printerName():
        return False
    import ctypes

    folder = Path(tempfile.gettempdir())
    for old in folder.glob("MeetingDesk-print-*.pdf"):  # copies handed over before, long since read
        try:
            if time.time() - old.stat().st_mtime > 86400:
                old.unlink()
        except OSError:
            pass
    handle, name = tempfile.mkstemp(prefix="MeetingDesk-print-", suffix=".pdf")
    with open(handle, "wb") as fh, open(pdf, "rb") as source:
        shutil.copyfileobj(source, fh)  # the program reads it after the preview has gone
    result = ctypes.windll.shell32.ShellExecuteW(None, "printto", name, f'"{printer.printerName()}"', None, 0)
    if result <= 32:  # no program with printto for PDF files
        Path(name).unlink(missing_ok=True)
        return False
    return True


# ---------------------------------------------------------------- the dialog


class PrintPreviewDialog(QDialog):
    printed = Signal(int)  # pages sent to the printer

    def __init__(self, kind: str, options: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印预览")
        self.resize(900, 680)
        self.kind = kind
        self.options = dict(options or {})
        self.pages = 0
        self.keys: list[int] = []  # each page's key (printing.frame.render): alike pages render once
        self.message = ""
        self.saved_to: Path | None = None
        self._tmp = QTemporaryDir()
        self._build = 0
        self._job: int | None = None  # the builder's job building it
        self._export_job: int | None = None  # the builder's job writing the .docx (导出为 Word…)
        self._export_target: Path | None = None
        self.exported_to: Path | None = None
        self._connected = False
        self._cancel_here = False  # a build on this thread (BACKGROUND off) is to stop
        self.progress_dialog: QProgressDialog | None = None
        self._print_thread: QThread | None = None
        self._print_worker: PrintWorker | None = None
        self._printer: QPrinter | None = None
        self._spooler: QProcess | None = None
        self.print_progress: QProgressDialog | None = None
        self.last_printed = 0  # pages sent by the last print

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.status)
        self.stack.addWidget(self.view)

        self.kind_box = QComboBox()
        for k, title in printing.kinds():
            self.kind_box.addItem(title, k)
        self.delegation_box = QComboBox()
        self.delegation_box.addItem("全部代表团", None)
        for did, name in roster.delegation_choices():
            self.delegation_box.addItem(name, did)
        self.role_box = QComboBox()
        self.role_box.addItem("全部身份", None)
        for role in ROLES:
            self.role_box.addItem(role, role)
        self.order_box = QComboBox()
        self.order_box.addItem("按代表团", "delegation")
        self.order_box.addItem("按姓名笔画", "name")
        # the schedule's meetings by name (its label shows the day); filled for each paper
        self.meeting = QComboBox()
        self.meeting.setObjectName("print_meeting")
        self.meeting.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._meetings = attendance.meetings()
        # The ballots' options: how many copies, spares, serial numbers, the box on each copy.
        self.copies = QSpinBox()
        self.copies.setRange(0, 9999)
        self.copies.setSpecialValueText("每位在任代表一份")
        self.spares = QSpinBox()
        self.spares.setRange(0, 999)
        self.serial = QCheckBox("印编号")
        self.box_box = QComboBox()
        self.box_box.addItem("不印票箱", None)
        self.box_box.addItem("各票箱轮换", "cycle")
        for ballot_box in voting.list_boxes():
            self.box_box.addItem(ballot_box.name, ballot_box.name)
        self.marks_box = QComboBox()
        # the 办法's own form first: one box right of each item (seed 第十三条), its marks as set
        self.marks_box.addItem("一栏（按选举和表决办法画标记）", "one")
        self.marks_box.addItem("赞成、反对、弃权三栏", "three")
        for box in (self.kind_box, self.delegation_box, self.role_box, self.order_box, self.box_box,
                    self.marks_box, self.meeting):
            box.currentIndexChanged.connect(self._controls_changed)
        for spin in (self.copies, self.spares):
            spin.editingFinished.connect(self._controls_changed)
        self.serial.toggled.connect(self._controls_changed)

        # two rows, so the dialog fits a 1,366-pixel screen whichever options the paper shows
        options_grid = QGridLayout()
        rows = ((("打印件", self.kind_box), ("代表团", self.delegation_box), ("身份", self.role_box),
                 ("排列", self.order_box), ("格式", self.marks_box)),
                (("会议", self.meeting), ("份数", self.copies), ("备用", self.spares), ("", self.serial),
                 ("票箱", self.box_box)))
        for r, row in enumerate(rows):
            for c, (label, widget) in enumerate(row):
                caption = QLabel(label)
                caption.setBuddy(widget)
                widget.setProperty("caption", caption)
                options_grid.addWidget(caption, r, 2 * c, Qt.AlignmentFlag.AlignRight)
                options_grid.addWidget(widget, r, 2 * c + 1)
        options_grid.setColumnStretch(2 * len(rows[0]), 1)
        options_row = QHBoxLayout()
        options_row.addLayout(options_grid)
        options_row.addStretch(1)
        self._set_controls()

        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setOpenExternalLinks(True)
        self.info.setWordWrap(True)
        self.page_box = QSpinBox()
        self.page_box.setPrefix("第 ")
        self.page_box.setSuffix(" 页")
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda n: self.view.pageNavigator().jump(n - 1, QPointF(), 0))
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        self.page_box.hide()
        self.fit_width = QPushButton("适合宽度")
        self.fit_page = QPushButton("整页")
        self.zoom_in = QPushButton("放大")
        self.zoom_out = QPushButton("缩小")
        self.save_button = QPushButton("保存为PDF…")
        self.word_button = QPushButton("导出为 Word…")
        self.word_button.setToolTip("把这份文件写成 Word 文档（.docx），可在 WPS 或 Word 中修改后再印")
        self.print_button = QPushButton("打印…")
        self.close_button = QPushButton("关闭")
        self.fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self._zoom(0.8))
        self.save_button.clicked.connect(self.save_as)
        self.word_button.clicked.connect(self.export_word)
        self.print_button.clicked.connect(self.print_dialog)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        for b in (self.page_box, self.fit_width, self.fit_page, self.zoom_out, self.zoom_in, self.save_button,
                  self.word_button, self.print_button, self.close_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(options_row)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._show_message("")

    # ------------------------------------------------------------ options

    def _fill_meetings(self, value: str | None) -> None:
        """The 会议 list for this paper: none, then every meeting of the schedule by name; the item
        whose value is VALUE (a number in the schedule or a name, as the pages pass it) chosen."""
        box = self.meeting
        box.blockSignals(True)
        box.clear()
        box.addItem(MEETING_NONE.get(self.kind, "（不填）"), None)
        by_name = self.kind in MEETING_BY_NAME
        for number, row in enumerate(self._meetings, start=1):
            box.addItem(row.label, row.name if by_name else str(number))
        index = 0
        if value not in (None, ""):
            wanted = str(value).strip()
            index = box.findData(wanted)
            if index < 0:
                for number, row in enumerate(self._meetings, start=1):
                    if wanted in (row.name, row.label, row.label.replace(" ", ""), str(number)):
                        index = number
                        break
            if index < 0:  # not in the schedule (a name typed elsewhere): kept as it is
                box.addItem(wanted, wanted)
                index = box.count() - 1
        box.setCurrentIndex(index)
        box.blockSignals(False)

    def _set_controls(self) -> None:
        for box, value in ((self.kind_box, self.kind), (self.delegation_box, self.options.get("delegation_id")),
                           (self.role_box, self.options.get("role")),
                           (self.order_box, self.options.get("order", "delegation"))):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.blockSignals(False)
        self._fill_meetings(self.options.get("meeting"))
        for widget, value in ((self.copies, self.options.get("copies", 0)), (self.spares, self.options.get("spares", 0))):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        self.serial.blockSignals(True)
        self.serial.setChecked(bool(self.options.get("serial")))
        self.serial.blockSignals(False)
        for box, value in ((self.box_box, self.options.get("box")), (self.marks_box, self.options.get("marks", "one"))):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.blockSignals(False)
        accepted = printing.options_of(self.kind)
        for key, widget in (("delegation_id", self.delegation_box), ("role", self.role_box),
                            ("order", self.order_box), ("meeting", self.meeting), ("copies", self.copies),
                            ("spares", self.spares), ("serial", self.serial), ("box", self.box_box),
                            ("marks", self.marks_box)):
            widget.setVisible(key in accepted)
            caption = widget.property("caption")
            if caption is not None:
                caption.setVisible(key in accepted)

    def _controls_changed(self) -> None:
        kind = self.kind_box.currentData()
        accepted = printing.options_of(kind)
        meeting = self.meeting.currentData() if kind == self.kind else self.options.get("meeting")
        values = {"delegation_id": self.delegation_box.currentData(), "role": self.role_box.currentData(),
                  "order": self.order_box.currentData(), "meeting": meeting,
                  "copies": self.copies.value() or None, "spares": self.spares.value() or None,
                  "serial": self.serial.isChecked() or None, "box": self.box_box.currentData(),
                  "marks": self.marks_box.currentData()}
        options = {k: v for k, v in values.items() if k in accepted and v not in (None, "")}
        # options with no control here (the poll, the announcement's number) come from the page
        options.update({k: v for k, v in self.options.items() if k not in values and k in accepted})
        # the defaults are left out, so the options name only what the clerk chose
        for key, default in (("order", "delegation"), ("marks", "one")):
            if options.get(key) == default:
                del options[key]
        if kind == self.kind and options == self.options:
            return
        self.kind, self.options = kind, options
        self._set_controls()
        self.start()

    # ------------------------------------------------------------ building

    @property
    def pdf_path(self) -> Path:
        return Path(self._tmp.path()) / f"{self.kind}-{self._build}.pdf"

    def start(self) -> None:
        """Build the paper: in the paper builder's process (on this thread when BACKGROUND is off)."""
        self._stop_build()
        self._build += 1  # messages of any earlier build are ignored from now on
        self.document.close()
        self.pages = 0
        self.keys = []
        self.saved_to = None
        self._enable(False)
        title = printing.title_of(self.kind)
        self.setWindowTitle(f"打印预览 — {title}")
        self._show_message(f"正在生成“{title}”……")
        self.progress_dialog = QProgressDialog(f"正在生成“{title}”……", "取消", 0, 100, self)
        self.progress_dialog.setWindowTitle("打印")
        self.progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog.setMinimumDuration(400)
        self.progress_dialog.setAutoClose(False)
        self.progress_dialog.setAutoReset(False)
        self.progress_dialog.canceled.connect(self.cancel)
        path = session.current_path() or session.current_url()  # a server session: the builder connects too
        if not BACKGROUND or path is None:
            self._build_here()
            return
        self._connect_builder()
        self._job = builder().submit(path, self.kind, self.options, self.pdf_path)

    def _connect_builder(self) -> None:
        paper_builder = builder()
        if not self._connected:
            paper_builder.progress.connect(self._job_progress)
            paper_builder.finished.connect(self._job_finished)
            paper_builder.failed.connect(self._job_failed)
            paper_builder.cancelled.connect(self._job_cancelled)
            self._connected = True

    def _build_here(self) -> None:
        build = self._build
        self._cancel_here = False
        me = weakref.ref(self)  # reportlab's document, a cycle, may outlive the build: it must not keep the dialog

        def report(done: int, total: int, message: str) -> bool:
            dialog = me()
            if dialog is None:
                return False
            dialog._on_progress(build, done, total, message)
            return not dialog._cancel_here

        keys: list[int] = []
        try:
            pages = printing.write_pdf(self.kind, self.pdf_path, report, keys=keys, **self.options)
        except ServiceError as exc:
            if isinstance(exc, printing.PrintCancelled):
                self._cancelled(build)
            else:
                self._failed(build, exc.message)
        except Exception as exc:  # noqa: BLE001 — a layout bug must not kill the program
            self._failed(build, f"生成 PDF 时出错：{exc}")
        else:
            self._finished(build, pages, keys)

    def cancel(self) -> None:
        if self._job is not None:
            builder().cancel(self._job)
        self._cancel_here = True

    def is_building(self) -> bool:
        return self._job is not None and builder().busy(self._job)

    def _job_progress(self, job: int, done: int, total: int, message: str) -> None:
        if job == self._job:
            self._on_progress(self._build, done, total, message)
        elif job == self._export_job and self._export_target is not None:
            self.info.setText(html.escape(f"正在导出 Word 文档……{100 * done // max(total, 1)}%"))

    def _job_finished(self, job: int, pages: int, keys: list) -> None:
        if job == self._job:
            self._job = None
            self._finished(self._build, pages, keys)
        elif job == self._export_job:
            self._exported()

    def _job_failed(self, job: int, message: str) -> None:
        if job == self._job:
            self._job = None
            self._failed(self._build, message)
        elif job == self._export_job:
            self._export_failed(message)

    def _job_cancelled(self, job: int) -> None:
        if job == self._job:
            self._job = None
            self._cancelled(self._build)
        elif job == self._export_job:
            self._export_failed("已取消导出，没有写入文件。")

    def _on_progress(self, build: int, done: int, total: int, message: str) -> None:
        dialog = self.progress_dialog
        if dialog is not None and build == self._build:
            if dialog.wasCanceled():
                self.cancel()
                return
            dialog.setMaximum(max(total, 1))
            dialog.setLabelText(message)
            dialog.setValue(min(done, total))  # last: a modal progress dialog handles events here

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _finished(self, build: int, pages: int, keys: list[int] | None = None) -> None:
        if build != self._build:
            return
        self._close_progress()
        single = pages > MULTI_PAGE_LIMIT
        self.view.setPageMode(QPdfView.PageMode.SinglePage if single else QPdfView.PageMode.MultiPage)
        error = self.document.load(str(self.pdf_path))
        if error != QPdfDocument.Error.None_:
            self._failed(build, f"无法显示生成的 PDF（{error.name}）。")
            return
        self.pages = self.document.pageCount()
        self.keys = list(keys or [])
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, self.pages))
        self.page_box.setValue(1)
        self.page_box.setSuffix(f" 页，共 {self.pages} 页")
        self.page_box.blockSignals(False)
        self.page_box.setVisible(single)
        self.message = ""
        self.info.setText(html.escape(f"{printing.title_of(self.kind)}，共 {self.pages} 页"))
        self.stack.setCurrentWidget(self.view)
        self._enable(True)

    def _failed(self, build: int, message: str) -> None:
        if build != self._build:
            return
        self._close_progress()
        self._show_message(message, error=True)

    def _cancelled(self, build: int) -> None:
        if build != self._build:
            return
        self._close_progress()
        self._show_message("已取消。")
        self.reject()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message = text
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020" if error else "")
        self.info.setText("无法打印" if error else "")
        self.stack.setCurrentWidget(self.status)
        self._enable(False)

    def _enable(self, ready: bool) -> None:
        printing_now = self.is_printing()
        for b in (self.save_button, self.print_button, self.fit_width, self.fit_page, self.zoom_in, self.zoom_out,
                  self.page_box, self.word_button):
            b.setEnabled(ready and not (printing_now and b is self.print_button)
                         and not (b is self.word_button and self._export_job is not None))

    def _page_shown(self, index: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    def _stop_build(self) -> None:
        """Stop the build under way (the builder drops it at its next step; its messages are ignored)."""
        if self._job is not None:
            builder().cancel(self._job)
            self._job = None
        self._cancel_here = True
        self._close_progress()

    def done(self, result: int) -> None:
        self._stop_build()
        self._stop_printing()
        if self._connected and _builder is not None:
            for signal, slot in ((_builder.progress, self._job_progress), (_builder.finished, self._job_finished),
                                 (_builder.failed, self._job_failed), (_builder.cancelled, self._job_cancelled)):
                signal.disconnect(slot)
            self._connected = False
        self._build += 1
        self.document.close()
        super().done(result)

    # ------------------------------------------------------------ save and print

    def suggested_name(self) -> str:
        info = session.session_info()
        return output.safe_name(f"{info.title}{printing.title_of(self.kind)}") + ".pdf"

    def save_as(self) -> None:
        folder = session.current_path().parent if session.current_path() else Path.home()
        path, _ = QFileDialog.getSaveFileName(self, "保存为PDF", str(folder / self.suggested_name()),
                                              "PDF 文件 (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            self.save_to(Path(path))
        except ServiceError as exc:
            warn(self, "无法保存", exc.message)

    def save_to(self, target: Path) -> None:
        """Copy the built PDF to TARGET (through a temporary file beside it; never over a session),
        and say where it went (the folder a click away)."""
        output.write(target, ".pdf", lambda tmp: shutil.copyfile(self.pdf_path, tmp))
        self.saved_to = target.resolve()
        folder = QUrl.fromLocalFile(str(self.saved_to.parent)).toString()
        self.info.setText(f"已保存到 {html.escape(str(self.saved_to))}　"
                          f'<a href="{html.escape(folder, quote=True)}">打开所在文件夹</a>')
        self.info.setToolTip(str(self.saved_to))

    def export_word(self) -> None:
        folder = session.current_path().parent if session.current_path() else Path.home()
        name = self.suggested_name().removesuffix(".pdf") + ".docx"
        path, _ = QFileDialog.getSaveFileName(self, "导出为 Word 文档", str(folder / name), "Word 文档 (*.docx)")
        if not path:
            return
        if not path.lower().endswith(".docx"):
            path += ".docx"
        self.export_to(Path(path))

    def export_to(self, target: Path) -> None:
        """Write the paper shown, with its options, as a .docx at TARGET: in the paper builder's
        process (the window stays free), on this thread when BACKGROUND is off. A wrong target is
        said at once and nothing is written."""
        try:
            output.check(target, ".docx")
        except ServiceError as exc:
            warn(self, "无法导出", exc.message)
            return
        self._export_target = target
        path = session.current_path() or session.current_url()
        if BACKGROUND and path is not None:
            self.info.setText("正在导出 Word 文档……")
            self._export_job = builder().submit(path, self.kind, self.options, target)
            self._connect_builder()
            self._enable(self.pages > 0)
            return
        try:
            printing.write(self.kind, target, **self.options)
        except ServiceError as exc:
            self._export_failed(exc.message)
        except Exception as exc:  # noqa: BLE001 — a layout bug must not kill the program
            self._export_failed(f"生成 Word 文档时出错：{exc}")
        else:
            self._exported()

    def _exported(self) -> None:
        target, self._export_job, self._export_target = self._export_target, None, None
        self.exported_to = target.resolve()
        folder = QUrl.fromLocalFile(str(self.exported_to.parent)).toString()
        self.info.setText(f"已导出 Word 文档到 {html.escape(str(self.exported_to))}　"
                          f'<a href="{html.escape(folder, quote=True)}">打开所在文件夹</a>')
        self.info.setToolTip(str(self.exported_to))
        self._enable(self.pages > 0)

    def _export_failed(self, message: str) -> None:
        self._export_job, self._export_target = None, None
        self.info.setText("")
        self._enable(self.pages > 0)
        warn(self, "无法导出", message)

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name().removesuffix(".pdf"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, self.pages)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def page_range(self, printer: QPrinter) -> tuple[int, int]:
        """The pages the print dialog chose (first, last), all by default."""
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            return printer.fromPage(), min(printer.toPage() or self.pages, self.pages)
        return 1, self.pages

    def is_printing(self) -> bool:
        return getattr(self, "_print_worker", None) is not None or getattr(self, "_spooler", None) is not None

    def print_to(self, printer: QPrinter) -> int:
        """Send the pages (or the range chosen in the print dialog) to PRINTER, without holding the
        window: to the system's spooler where it can take them, else rendered on a worker thread.
        Returns the number of pages sent (on this thread when BACKGROUND is off) or being sent
        (`printed` tells when they are)."""
        if self.is_printing() or not self.pages:
            return 0
        first, last = self.page_range(printer)
        if last < first:
            return 0
        count = last - first + 1
        command = spool_command(printer, self.pdf_path, first, last, self.pages)
        if command is not None:
            self._spool(command, printer, first, last)
            return count
        if shell_print(printer, self.pdf_path, first, last, self.pages):
            self._printed(count, f"已交给打印程序送往“{printer.printerName()}”")
            return count
        self._render_to(printer, first, last)
        return count

    def _spool(self, command: list[str], printer: QPrinter, first: int, last: int) -> None:
        """Run COMMAND (lp); should it fail, the pages are rendered to PRINTER instead."""
        process = QProcess(self)
        self._spooler = process
        self._enable(self.pages > 0)
        count = last - first + 1

        def ended(*_args) -> None:
            if self._spooler is not process:
                return
            self._spooler = None
            ok = process.exitStatus() == QProcess.ExitStatus.NormalExit and process.exitCode() == 0
            if ok:
                self._printed(count, f"已送交打印机“{printer.printerName() or '默认打印机'}”")
            else:  # the spooler refused (no such printer in it …): Qt's own way to the printer
                self._render_to(printer, first, last)
            process.deleteLater()

        process.finished.connect(ended)
        process.errorOccurred.connect(lambda error: ended() if error == QProcess.ProcessError.FailedToStart else None)
        process.start(command[0], command[1:])
        if not BACKGROUND:
            process.waitForFinished(30000)

    def _render_to(self, printer: QPrinter, first: int, last: int) -> None:
        worker = PrintWorker(self.pdf_path, printer, first, last, self.keys)
        self._printer, self._print_worker = printer, worker
        total = last - first + 1
        self.print_progress = QProgressDialog(f"正在送往打印机（共 {total} 页）……", "取消", 0, total, self)
        self.print_progress.setWindowTitle("打印")
        self.print_progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.print_progress.setMinimumDuration(400)
        self.print_progress.setAutoClose(False)
        self.print_progress.setAutoReset(False)
        self.print_progress.canceled.connect(self.cancel_printing)  # here: the worker's thread is busy
        worker.progress.connect(self._print_progressed)
        worker.finished.connect(self._print_finished)
        worker.failed.connect(self._print_failed)
        worker.cancelled.connect(self._print_cancelled)
        self._enable(self.pages > 0)
        if not BACKGROUND:
            worker.run()
            return
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        self._print_thread = thread
        thread.start()

    def cancel_printing(self) -> None:
        """Stop sending pages after the band under way (the pages sent are withdrawn where the system allows)."""
        if self._print_worker is not None:
            self._print_worker.cancel()

    def _print_progressed(self, sent: int, total: int) -> None:
        dialog = self.print_progress
        if dialog is not None:
            dialog.setLabelText(f"正在送往打印机：第 {sent} 页，共 {total} 页")
            dialog.setValue(sent)  # last: a modal progress dialog handles events here

    def _print_finished(self, sent: int) -> None:
        self._print_ended(sent, None)

    def _print_failed(self, message: str) -> None:
        self._print_ended(0, message)

    def _print_cancelled(self, sent: int) -> None:
        self._print_ended(sent, "已取消打印。")

    def _print_ended(self, sent: int, problem: str | None) -> None:
        if self._print_worker is None:
            return
        thread, self._print_thread = self._print_thread, None
        self._print_worker = None
        self._printer = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if self.print_progress is not None:
            self.print_progress.close()
            self.print_progress.deleteLater()
            self.print_progress = None
        if problem is None:
            self._printed(sent, "已送往打印机")
        else:
            self._enable(self.pages > 0)
            self.info.setText(html.escape(problem if not sent else f"{problem}（已送出 {sent} 页）"))
            if not problem.startswith("已取消"):
                warn(self, "无法打印", problem)

    def _printed(self, sent: int, said: str) -> None:
        self.last_printed = sent
        self._enable(self.pages > 0)
        self.info.setText(html.escape(f"{said}：共 {sent} 页"))
        self.printed.emit(sent)

    def _stop_printing(self) -> None:
        if self._spooler is not None:  # lp reads the file in a moment: let it, the file goes with the dialog
            self._spooler.waitForFinished(5000)
            self._spooler = None
        if self._print_worker is not None:
            self._print_worker.cancel()
        if self._print_thread is not None:
            self._print_thread.quit()
            self._print_thread.wait()
        self._print_thread = None
        self._print_worker = None
        if self.print_progress is not None:
            self.print_progress.close()
            self.print_progress = None


def show_print_preview(parent: QWidget | None, kind: str, **options) -> QDialog:
    """Open the preview of paper KIND (roster, signin, people …) with OPTIONS
    (delegation_id, role, meeting, order … — those the paper takes), and start building it."""
    accepted = printing.options_of(kind)
    options = {k: v for k, v in options.items() if k in accepted and v is not None}
    dialog = PrintPreviewDialog(kind, options, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.start()
    return dialog

"""打印预览: a paper built off the GUI thread, shown inside the program, saved or printed.

`show_print_preview(parent, kind, **options)` is the entry point (the roster page's 打印).
What the paper prints is read through the services on the GUI thread (fast); the layout
and the PDF (slow for a large session) are made by a worker on a QThread behind a
cancellable QProgressDialog, into a temporary folder the dialog owns. The PDF is then
shown with QtPdf (QPdfDocument + QPdfView), and can be saved (保存为PDF…) or printed
(打印…, pages rendered through QPrinter). Tests set BACKGROUND = False to build synchronously.
"""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QTemporaryDir, QThread, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from meetingdesk import printing
from meetingdesk.printing import Paper, PrintCancelled
from meetingdesk.services import ServiceError, output, roster, session, voting
from meetingdesk.store import ROLES

from .messages import warn

BACKGROUND = True  # False: build on the calling thread (tests)
PRINT_DPI = 300  # pages are rendered at most this fine for the printer


# What the 会议 field means for each paper that takes it.
MEETING_HINTS = {
    None: "会议名称，如“第一次全体会议”（可不填）",
    "ballots": "按到会人数印：会议序号或名称（不填为每位在任代表一份）",
    "votes": "按到会人数印：会议序号或名称（不填为每位在任代表一份）",
    "attendance": "会议序号或名称，如 3 或“第一次全体会议”（不填为最近的全体会议）",
    "absences": "会议序号或名称，如 3 或“第一次全体会议”（不填为最近的全体会议）",
}

class BuildWorker(QObject):
    """Renders one Paper to PATH; lives on a QThread, reports through signals.

    Every signal carries the build number, so a late signal from a build the dialog has
    since replaced (another paper chosen mid-build) is recognised and ignored.
    """

    progress = Signal(int, int, int, str)  # build, done, total, message
    finished = Signal(int, int)  # build, pages
    failed = Signal(int, str)  # build, message
    cancelled = Signal(int)  # build

    def __init__(self, build: int, paper: Paper, path: Path) -> None:
        super().__init__()
        self.build = build
        self.paper = paper
        self.path = path
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, done: int, total: int, message: str) -> bool:
        self.progress.emit(self.build, done, total, message)
        return not self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            pages = printing.render(self.paper, self.path, self._report)
        except PrintCancelled:
            self.cancelled.emit(self.build)
        except ServiceError as exc:
            self.failed.emit(self.build, exc.message)
        except Exception as exc:  # noqa: BLE001 — a layout bug must not kill the program
            self.failed.emit(self.build, f"生成 PDF 时出错：{exc}")
        else:
            self.finished.emit(self.build, pages)


class PrintPreviewDialog(QDialog):
    def __init__(self, kind: str, options: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印预览")
        self.resize(900, 680)
        self.kind = kind
        self.options = dict(options or {})
        self.pages = 0
        self.message = ""
        self._tmp = QTemporaryDir()
        self._thread: QThread | None = None
        self._worker: BuildWorker | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._build = 0

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
        self.meeting = QLineEdit()
        self.meeting.setPlaceholderText("会议名称，如“第一次全体会议”（可不填）")
        self.meeting.setMinimumWidth(220)
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
                    self.marks_box):
            box.currentIndexChanged.connect(self._controls_changed)
        self.meeting.editingFinished.connect(self._controls_changed)
        for spin in (self.copies, self.spares):
            spin.editingFinished.connect(self._controls_changed)
        self.serial.toggled.connect(self._controls_changed)

        options_row = QHBoxLayout()
        for label, widget in (("打印件", self.kind_box), ("代表团", self.delegation_box),
                              ("身份", self.role_box), ("排列", self.order_box), ("会议", self.meeting),
                              ("份数", self.copies), ("备用", self.spares), ("", self.serial), ("票箱", self.box_box),
                              ("格式", self.marks_box)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            widget.setProperty("caption", caption)
            options_row.addWidget(caption)
            options_row.addWidget(widget)
        options_row.addStretch(1)
        self._set_controls()

        self.info = QLabel()
        self.fit_width = QPushButton("适合宽度")
        self.fit_page = QPushButton("整页")
        self.zoom_in = QPushButton("放大")
        self.zoom_out = QPushButton("缩小")
        self.save_button = QPushButton("保存为PDF…")
        self.print_button = QPushButton("打印…")
        self.close_button = QPushButton("关闭")
        self.fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self._zoom(0.8))
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_dialog)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        for b in (self.fit_width, self.fit_page, self.zoom_out, self.zoom_in, self.save_button,
                  self.print_button, self.close_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(options_row)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._show_message("")

    # ------------------------------------------------------------ options

    def _set_controls(self) -> None:
        for box, value in ((self.kind_box, self.kind), (self.delegation_box, self.options.get("delegation_id")),
                           (self.role_box, self.options.get("role")),
                           (self.order_box, self.options.get("order", "delegation"))):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.blockSignals(False)
        self.meeting.setText(self.options.get("meeting", ""))
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
        self.meeting.setPlaceholderText(MEETING_HINTS.get(self.kind, MEETING_HINTS[None]))
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
        values = {"delegation_id": self.delegation_box.currentData(), "role": self.role_box.currentData(),
                  "order": self.order_box.currentData(), "meeting": self.meeting.text().strip(),
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
        """Read the paper's content, then build the PDF (on a worker thread unless BACKGROUND is off)."""
        self._stop_worker()
        self._build += 1  # signals of any earlier build are ignored from now on
        self.document.close()
        self.pages = 0
        self._enable(False)
        title = printing.title_of(self.kind)
        self.setWindowTitle(f"打印预览 — {title}")
        self._show_message(f"正在生成“{title}”……")
        try:
            paper = printing.prepare(self.kind, **self.options)
            printing.check_coverage(paper.printed)
        except ServiceError as exc:
            self._failed(self._build, exc.message)
            return
        worker = BuildWorker(self._build, paper, self.pdf_path)
        self._worker = worker
        self.progress_dialog = QProgressDialog(f"正在生成“{title}”……", "取消", 0, 100, self)
        self.progress_dialog.setWindowTitle("打印")
        self.progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog.setMinimumDuration(400)
        self.progress_dialog.setAutoClose(False)
        self.progress_dialog.setAutoReset(False)
        self.progress_dialog.canceled.connect(self.cancel)
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        if not BACKGROUND:
            worker.run()
            return
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        for signal in (worker.finished, worker.failed, worker.cancelled):
            signal.connect(thread.quit)
        self._thread = thread
        thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def is_building(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def _on_progress(self, build: int, done: int, total: int, message: str) -> None:
        if self.progress_dialog is not None and build == self._build:
            if self.progress_dialog.wasCanceled():
                self.cancel()
                return
            self.progress_dialog.setMaximum(max(total, 1))
            self.progress_dialog.setValue(min(done, total))
            self.progress_dialog.setLabelText(message)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _finished(self, build: int, pages: int) -> None:
        if build != self._build:
            return
        self._close_progress()
        self._worker = None
        error = self.document.load(str(self.pdf_path))
        if error != QPdfDocument.Error.None_:
            self._failed(build, f"无法显示生成的 PDF（{error.name}）。")
            return
        self.pages = self.document.pageCount()
        self.message = ""
        self.info.setText(f"{printing.title_of(self.kind)}，共 {self.pages} 页")
        self.stack.setCurrentWidget(self.view)
        self._enable(True)

    def _failed(self, build: int, message: str) -> None:
        if build != self._build:
            return
        self._close_progress()
        self._worker = None
        self._show_message(message, error=True)

    def _cancelled(self, build: int) -> None:
        if build != self._build:
            return
        self._close_progress()
        self._worker = None
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
        for b in (self.save_button, self.print_button, self.fit_width, self.fit_page, self.zoom_in, self.zoom_out):
            b.setEnabled(ready)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    def _stop_worker(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
            self._thread = None
        self._worker = None
        self._close_progress()

    def done(self, result: int) -> None:
        self._stop_worker()
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
        """Copy the built PDF to TARGET (through a temporary file beside it; never over a session)."""
        output.write(target, ".pdf", lambda tmp: shutil.copyfile(self.pdf_path, tmp))

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name().removesuffix(".pdf"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, self.pages)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Send the pages (or the range chosen in the print dialog) to PRINTER; returns pages sent."""
        first, last = 1, self.pages
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(printer.toPage() or self.pages, self.pages)
        painter = QPainter()
        if not painter.begin(printer):
            warn(self, "无法打印", "无法连接打印机。")
            return 0
        sent = 0
        try:
            target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            target.moveTo(QPointF(0, 0))
            dpi = min(printer.resolution(), PRINT_DPI)
            for number in range(first, last + 1):
                if sent:
                    printer.newPage()
                points = self.document.pagePointSize(number - 1)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = self.document.render(number - 1, size, fillColor=Qt.GlobalColor.white)
                painter.drawImage(_fit(target, image.width(), image.height()), image)
                sent += 1
        finally:
            painter.end()
        return sent


def _fit(box: QRectF, width: int, height: int) -> QRectF:
    """The largest rectangle of WIDTH:HEIGHT centred in BOX."""
    scale = min(box.width() / width, box.height() / height)
    w, h = width * scale, height * scale
    return QRectF(box.x() + (box.width() - w) / 2, box.y() + (box.height() - h) / 2, w, h)


def show_print_preview(parent: QWidget | None, kind: str, **options) -> QDialog:
    """Open the preview of paper KIND (roster, signin, people) with OPTIONS
    (delegation_id, role, meeting, order — those the paper takes), and start building it."""
    accepted = printing.options_of(kind)
    options = {k: v for k, v in options.items() if k in accepted and v is not None}
    dialog = PrintPreviewDialog(kind, options, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.start()
    return dialog

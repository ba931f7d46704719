"""Printing 210 ballots from the print preview, in the real dialog, against bare baselines.

    python bench/gui_print.py          # prints its own table; bench/run.py calls run(work)

The demo session (services.demo.create_demo: 210 serving delegates, so one 选票 each) is opened
for writing, as the window holds it, and the preview (print_preview.show_print_preview) is driven
offscreen through its event loop. A 10 ms QTimer ticks all the while; the longest gap between two
ticks is how long the window could not answer (it would show as a freeze).

* the window's longest stall while the 210-ballot paper is built in the preview, the first time
  (the paper builder's process started, reportlab loaded there)   vs  the longest gap of the same
                                                                      QTimer loop doing nothing
* the window's longest stall while those 210 ballots are printed to
  a QPrinter (PDF file, HighResolution: rendered at 300 dpi)      vs  the same bare loop
* the time to print the 210 ballots to that QPrinter PDF file     vs  building the PDF with
                                                                      reportlab alone, in-process
                                                                      (printing.write_pdf)
* the same with serial numbers and ballot boxes (every page its
  own: each is rendered)                                          vs  the same reportlab build

Baselines: the stall figures' baseline is the bare timer loop's own jitter (the best a window can
do); the print figures' is the reportlab build alone, since printing can be no faster than making
the PDF it prints. Times are the best of REPEAT; stalls the worst seen. run() prints nothing,
leaves no window open and reopens the session that was open when it was called.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPEAT = 3
TICK_MS = 10
BALLOTS = 210  # the demo's serving delegates


class _Ticks:
    """A 10 ms QTimer noting the longest gap between two of its ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def __enter__(self) -> _Ticks:
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._tick()
        self.timer.stop()


def _spin(done, timeout: float = 300.0) -> None:
    """Run the event loop until DONE() is true (checked every 5 ms)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    end = time.perf_counter() + timeout
    check = QTimer()
    check.setInterval(5)
    check.timeout.connect(lambda: loop.quit() if done() or time.perf_counter() > end else None)
    check.start()
    if not done():
        loop.exec()
    check.stop()
    if not done():
        raise TimeoutError("the preview did not finish in time")


def _printer(path: Path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def run(work: Path) -> list[tuple[str, float, float]]:
    """(name, program seconds, baseline seconds) for each measure in the module's note."""
    import meetingdesk.ui  # noqa: F401 — PySide6's reference counts mended before any widget
    from PySide6.QtWidgets import QApplication

    from meetingdesk import printing
    from meetingdesk.services import demo, session
    from meetingdesk.ui.common import print_preview

    app = QApplication.instance() or QApplication([])
    work = Path(work) / "gui_print"
    work.mkdir(parents=True, exist_ok=True)
    previous = session.current_path()
    path = work / "demo.meetingdesk"
    if path.exists():
        path.unlink()
    demo.create_demo(path)
    session.close_session()
    session.open_session(path)  # for writing, as the window holds it
    ticks = _Ticks()
    results: list[tuple[str, float, float]] = []
    try:
        with ticks:  # the bare loop: nothing to do for as long as a print takes
            started = time.perf_counter()
            _spin(lambda: time.perf_counter() - started > 1.0)
        bare = ticks.longest

        print_preview.builder().shutdown()  # the first paper starts the builder, as in a new window
        with ticks:
            dialog = print_preview.show_print_preview(None, "ballots")
            _spin(lambda: dialog.pages > 0 or bool(dialog.message) and not dialog.message.startswith("正在"))
        if dialog.pages != BALLOTS:
            raise RuntimeError(f"the preview built {dialog.pages} pages: {dialog.message}")
        results.append(("preview of 210 ballots (first): longest window stall", ticks.longest, bare))

        def reportlab_alone(**options) -> float:
            best = float("inf")
            for _ in range(REPEAT):
                start = time.perf_counter()
                printing.write_pdf("ballots", work / "reportlab.pdf", **options)
                best = min(best, time.perf_counter() - start)
            return best

        def print_all(target: print_preview.PrintPreviewDialog) -> tuple[float, float]:
            best, stall = float("inf"), 0.0
            for n in range(REPEAT):
                with ticks:
                    start = time.perf_counter()
                    sent = target.print_to(_printer(work / f"printed-{n}.pdf"))
                    _spin(lambda: not target.is_printing())
                    took = time.perf_counter() - start
                if sent != BALLOTS or target.last_printed != BALLOTS:
                    raise RuntimeError(f"printed {target.last_printed} of {BALLOTS} pages: {target.info.text()}")
                best, stall = min(best, took), max(stall, ticks.longest)
            return best, stall

        printed, stall = print_all(dialog)
        results.append(("printing 210 ballots to a QPrinter: longest window stall", stall, bare))
        results.append(("print 210 ballots to a QPrinter PDF file vs reportlab's PDF", printed, reportlab_alone()))
        dialog.close()

        numbered = {"serial": True, "box": "cycle"}
        dialog = print_preview.show_print_preview(None, "ballots", **numbered)
        _spin(lambda: dialog.pages > 0 or bool(dialog.message) and not dialog.message.startswith("正在"))
        printed, stall = print_all(dialog)
        results.append(("print 210 numbered ballots to a QPrinter PDF file vs reportlab's PDF", printed,
                        reportlab_alone(**numbered)))
        results.append(("printing 210 numbered ballots: longest window stall", stall, bare))
        dialog.close()
        app.processEvents()
    finally:
        print_preview.builder().shutdown()
        session.close_session()
        if previous is not None:
            session.open_session(previous)
    return results


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        rows = run(Path(folder))
    width = max(len(name) for name, _, _ in rows)
    for name, program, baseline in rows:
        print(f"{name:<{width}}  {program * 1000:9.1f} ms  {baseline * 1000:9.1f} ms  {program / baseline:7.1f}×")


if __name__ == "__main__":
    main()

"""What the clerk sees of an unexpected error: a sentence, 复制详细信息 and where the log is.

Installed as sys.excepthook by the application, so an error in any slot ends here, not on a
console nobody reads. A refusal the services explain (ServiceError, a full disk, a read-only
file) is shown as the message it is, without the technical part."""
from __future__ import annotations

import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox

from meetingdesk import errorlog
from meetingdesk.store.errors import UserError, storage_error

_showing = False


def show_error(exc: BaseException) -> None:
    global _showing
    log = errorlog.record(exc, "窗口中的错误")
    known = exc if isinstance(exc, UserError) else storage_error(exc)
    if _showing:  # an error while the dialog is up (a repaint failing again): the log has it
        return
    _showing = True
    try:
        parent = QApplication.activeWindow()
        if known is not None:
            box = QMessageBox(QMessageBox.Icon.Warning, "操作未完成", known.message,
                              QMessageBox.StandardButton.NoButton, parent)
        else:
            box = QMessageBox(QMessageBox.Icon.Critical, "程序出错",
                              f"程序出现了内部错误（{type(exc).__name__}：{exc}），刚才的操作没有完成。\n"
                              "已保存的内容不受影响。\n\n"
                              f"详细信息已记入 {log}。请点“复制详细信息”，发给技术支持。",
                              QMessageBox.StandardButton.NoButton, parent)
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        copy = box.addButton("复制详细信息", QMessageBox.ButtonRole.ActionRole)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.setDetailedText(details)
        while True:
            box.exec()
            if box.clickedButton() is copy:
                QApplication.clipboard().setText(f"{details}\n日志：{log}")
                continue  # copying is not an answer; the clerk closes with 确定
            break
    finally:
        _showing = False


def excepthook(kind, exc, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    show_error(exc)


def install() -> None:
    sys.excepthook = excepthook

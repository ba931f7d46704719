"""Unsaved work: before the window closes, another session is opened or created, or the program
quits, every page is asked whether it holds input typed and not saved.

A page that can hold such input has

    unsaved() -> list[str]      what it holds, in Chinese, one line each ("计票：… 第一遍录入（未保存）");
                                a line that is a `Drafted` is already kept as a draft in the session file
    discard_unsaved() -> None   throw it all away (drafts too)
    save_unsaved() -> bool      (optional) keep it: write the pending draft, save what has no draft;
                                False if something could not be kept (the page has said why)

`confirm_leave` asks once for all the pages. Before asking it takes the focus from the field
being typed in, so a figure in a cell's editor reaches its form and a field saved on leaving it
(the 计票 page's 到会人数 and 投票时间) is saved as leaving it would.

Today the 计票 page alone holds such input (its counting passes, each kept as a draft); the other
pages write every change at once or through dialogs that block the window while open.
"""
from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

KEPT_NOTE = "草稿已保存在会议文件中，下次打开时恢复。"


class Drafted(str):
    """A line of unsaved() whose input is kept as a draft in the session file: leaving is safe."""


def unsaved_of(pages: Iterable[object]) -> list[tuple[object, list[str]]]:
    """(page, its lines) of the pages holding unsaved input."""
    found = []
    for page in pages:
        ask = getattr(page, "unsaved", None)
        lines = list(ask()) if callable(ask) else []
        if lines:
            found.append((page, lines))
    return found


def commit_typing() -> QWidget | None:
    """Take the focus from the field being typed in, as leaving it would: a cell's editor hands
    its figure to the form, a field saved on leaving it (到会人数, 投票时间) is saved, a draft
    pending its short wait is written. Returns the widget that had the focus."""
    focus = QApplication.focusWidget()
    if focus is not None:
        focus.clearFocus()
    return focus


def _give_back(focus: QWidget | None) -> None:
    """The clerk stays: the focus goes back where it was (or to the nearest part still there, a
    cell's editor being closed)."""
    while focus is not None and shiboken6.isValid(focus):
        if focus.isVisible() and focus.focusPolicy() != Qt.FocusPolicy.NoFocus:
            focus.setFocus()
            return
        focus = focus.parentWidget()


def confirm_leave(parent: QWidget | None, pages: Iterable[object], action_text: str) -> bool:
    """Ask, before ACTION_TEXT (退出, 打开其他会议 …), about the unsaved input of PAGES: keep it
    (drafts stay in the file, the rest is saved), throw it away, or 取消. True: go on."""
    pages = list(pages)
    focus = commit_typing()
    found = unsaved_of(pages)
    if not found:
        return True
    lines = [line for _, page_lines in found for line in page_lines]
    all_drafted = all(isinstance(line, Drafted) for line in lines)
    some_drafted = any(isinstance(line, Drafted) for line in lines)
    box = QMessageBox(QMessageBox.Icon.Warning, f"{action_text}：有未保存的输入",
                      f"{action_text}以前，以下输入尚未保存：\n\n" + "\n".join(f"· {line}" for line in lines),
                      QMessageBox.StandardButton.NoButton, parent)
    if all_drafted:
        info = "这些录入尚未“保存本遍”，不计入结果。" + KEPT_NOTE
        keep = box.addButton("保存草稿并继续", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("放弃这些输入", QMessageBox.ButtonRole.DestructiveRole)
    else:
        info = "保存：保存这些输入后继续" \
            + ("（其中录入的票数作为草稿保存在会议文件中，下次打开时恢复）" if some_drafted else "") \
            + "；放弃：不保存，继续。"
        keep = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("放弃", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setInformativeText(info)
    box.setDefaultButton(keep)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        for page, _ in found:
            save = getattr(page, "save_unsaved", None)
            if callable(save) and not save():
                _give_back(focus)
                return False
        return True
    if clicked is drop:
        for page, _ in found:
            page.discard_unsaved()
        return True
    _give_back(focus)
    return False

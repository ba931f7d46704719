"""撤销 and 重做 that ask first: a step is refused, with a message, rather than half done.

QUndoStack moves its index whatever the command's undo() did, so a command cannot refuse from
inside undo(). Here the stack asks the command first (`blocked_undo` / `blocked_redo`: why not,
"" when allowed), then lets it do its work (`revert` / `apply`, through the services), and only
when that has succeeded moves the index; the command's own undo()/redo() then has nothing left
to do. A refusal or a failed service call shows the Chinese message and leaves the index, so the
stack and the session file always agree.

Qt's createUndoAction/createRedoAction connect to the C++ slots, which would bypass this: the
stack makes its own actions (same texts, "撤销 添加 丁一", enabled as canUndo/canRedo).
Commands that are plain QUndoCommands (not `Command`) are undone and redone as Qt does it.
"""
from __future__ import annotations

import peewee
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from meetingdesk.services import ServiceError
from meetingdesk.ui.common import page
from meetingdesk.ui.common.messages import warn

UNDO, REDO = "撤销", "重做"


class Command(QUndoCommand):
    """An edit the dialog has already carried out (errors show at the field) and then pushes:
    the stack's first redo is skipped. Subclasses write `apply` (do it again) and `revert`
    (undo it) and, where a step could break what other areas recorded, `blocked_undo` /
    `blocked_redo`; `undone` / `redone` run after a step succeeded."""

    AREAS: frozenset[str] = page.ALL  # what undoing or redoing it changes (ui.page areas)

    def members(self) -> tuple[int, ...]:
        """The members it changes, when the roster changes only in their rows; () otherwise."""
        return ()

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._done = True  # the dialog did the first redo

    # ------------------------------------------------ what a command writes

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def blocked_undo(self) -> str:
        """Why this edit cannot be undone now (Chinese, for the clerk), or ""."""
        return ""

    def blocked_redo(self) -> str:
        """Why this edit cannot be redone now, or ""."""
        return ""

    def undone(self) -> None:
        """After a successful undo (to note the state a later redo is checked against)."""

    def redone(self) -> None:
        """After a successful redo."""

    # ------------------------------------------------ what QUndoStack calls

    def redo(self) -> None:
        if self._done:  # pushed after the dialog wrote it, or redone by UndoStack already
            self._done = False
            return
        self.apply()  # a step Qt took itself (QUndoView, setIndex): unchecked
        self.redone()

    def undo(self) -> None:
        if self._done:
            self._done = False
            return
        self.revert()
        self.undone()


class UndoStack(QUndoStack):
    """The window's undo stack; undo() and redo() called from Python check before they step."""

    # A step refused: (撤销 or 重做, the message shown)
    refused = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.message_parent: QWidget | None = parent if isinstance(parent, QWidget) else None

    def undo(self) -> bool:
        """Undo the last command if it may be undone; True when the index moved."""
        return self._step(UNDO)

    def redo(self) -> bool:
        return self._step(REDO)

    def _step(self, verb: str) -> bool:
        back = verb == UNDO
        if not (self.canUndo() if back else self.canRedo()):
            return False
        command = self.command(self.index() - 1 if back else self.index())
        if not isinstance(command, Command):
            QUndoStack.undo(self) if back else QUndoStack.redo(self)
            return True
        try:
            reason = command.blocked_undo() if back else command.blocked_redo()
            if not reason:
                command.revert() if back else command.apply()
        except ServiceError as exc:  # the service refused or the file did: nothing was written
            reason = exc.message
        except peewee.DatabaseError as exc:
            reason = f"会议文件未能完成这一步（{exc}），没有做任何修改。"
        if reason:
            self._refuse(verb, f"不能{verb}“{command.text()}”：{reason}")
            return False
        command._done = True  # done here: the undo()/redo() Qt calls next has nothing to do
        QUndoStack.undo(self) if back else QUndoStack.redo(self)
        command.undone() if back else command.redone()
        return True

    def _refuse(self, verb: str, message: str) -> None:
        self.refused.emit(verb, message)
        warn(self.message_parent, f"无法{verb}", message)

    # ------------------------------------------------ the 编辑 menu's actions

    def createUndoAction(self, parent: QObject, prefix: str = UNDO) -> QAction:  # noqa: N802 (Qt's name)
        """An action that undoes through this stack's checks; text "撤销 <command>", enabled
        while there is something to undo (as QUndoStack.createUndoAction, which would not check)."""
        return self._action(parent, prefix, self.undo, self.canUndo, self.undoText,
                            self.canUndoChanged, self.undoTextChanged)

    def createRedoAction(self, parent: QObject, prefix: str = REDO) -> QAction:  # noqa: N802
        return self._action(parent, prefix, self.redo, self.canRedo, self.redoText,
                            self.canRedoChanged, self.redoTextChanged)

    def _action(self, parent, prefix, step, can, text, can_changed, text_changed) -> QAction:
        if self.message_parent is None and isinstance(parent, QWidget):
            self.message_parent = parent
        action = QAction(parent)

        def show_text(command_text: str) -> None:
            action.setText(f"{prefix} {command_text}" if command_text else prefix)

        show_text(text())
        action.setEnabled(can())
        can_changed.connect(action.setEnabled)
        text_changed.connect(show_text)
        action.triggered.connect(lambda *_: step())
        return action

"""Typing numbers fast: spins that select their number on entry and take Enter as Tab, and a
table whose cells open as soon as they are current, where Tab and Enter go to the next editable
cell and, after the last, on to the next field of the form."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

NAME = 0  # the first column holds a name, the others numbers

MOST = 99999  # more ballots than any box holds
NUMBER_WIDTH = 64
ERROR_BACK = "#f8c9cf"  # a figure that cannot be: the cell itself turns this colour while typed
NOTICE_BACK = "#ffe8a3"  # a figure that may be right but should be looked at


def show_mark(spin: QAbstractSpinBox, mark: tuple[bool, str] | None, colour: str = "") -> None:
    """Colour SPIN as a figure that cannot be (MARK (True, message)) or to be looked at
    ((False, message)), its message as the tooltip; COLOUR for its text."""
    rules = [f"color: {colour}"] if colour else []
    if mark is not None:
        rules.append(f"background-color: {ERROR_BACK if mark[0] else NOTICE_BACK}")
    style = f"QSpinBox {{ {'; '.join(rules)} }}" if rules else ""
    if spin.styleSheet() != style:
        spin.setStyleSheet(style)
    tip = mark[1] if mark is not None else ""
    if spin.toolTip() != tip:
        spin.setToolTip(tip)


def number_spin() -> QSpinBox:
    """A spin for a count: no arrows (the keyboard is faster), the number selected on entry."""
    spin = QSpinBox()
    spin.setRange(0, MOST)
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setFixedWidth(NUMBER_WIDTH)
    spin.installEventFilter(ENTER_AS_TAB)
    return spin


class EnterAsTab(QObject):
    """Enter in a spin moves on as Tab does, so a column of figures is typed number, Enter, number;
    a spin entered selects its number, so typing replaces it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QAbstractSpinBox):
            if event.reason() == Qt.FocusReason.MouseFocusReason:
                QTimer.singleShot(0, watched.selectAll)  # after the click has placed the cursor
            else:
                watched.selectAll()
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QApplication.sendEvent(watched, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab,
                                                      Qt.KeyboardModifier.NoModifier))
            return True
        return False


ENTER_AS_TAB = EnterAsTab()


class SpinDelegate(QStyledItemDelegate):
    """A spin for a number cell, a line for a write-in's name; every change reaches the model at
    once (the sums follow the typing) and Enter moves on like Tab."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        if index.column() == NAME:
            line = QLineEdit(parent)
            line.setPlaceholderText("另选人姓名")
            return line
        spin = QSpinBox(parent)
        spin.setRange(0, MOST)
        spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setFrame(False)
        # a method, so emit()'s result goes nowhere (see qt_workarounds: PySide6 6.12.0's emit
        # returns True without its reference, and a slot handing it back aborted the interpreter)
        spin.valueChanged.connect(lambda _: self._commit(spin))
        return spin

    def _commit(self, spin: QSpinBox) -> None:
        if spin.isVisible():  # not while the view takes it down
            self.commitData.emit(spin)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        # the model echoes every keystroke back: rewriting the same number would move the cursor
        if isinstance(editor, QSpinBox):
            # the cell's colour and message reach the editor that covers it
            back, tip = index.data(Qt.ItemDataRole.BackgroundRole), index.data(Qt.ItemDataRole.ToolTipRole)
            mark = None if back is None else (back.color().name() == ERROR_BACK, tip or "")
            show_mark(editor, mark)
            value = index.data(Qt.ItemDataRole.EditRole) or 0
            if editor.value() != value:
                editor.setValue(value)
            return
        super().setEditorData(editor, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(editor, QSpinBox):
            # the view gives focus after showing the editor and before passing on a typed digit:
            # selected now, the digit replaces the number
            editor.selectAll()
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
            return True
        return super().eventFilter(editor, event)


class EntryTable(QTableView):
    """A sheet's table: every editable cell opens as soon as it is current; Tab and Enter go to
    the next editable cell and, after the last, on to the next field of the form."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(SpinDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in range(1, model.columnCount()):
            header.resizeSection(column, NUMBER_WIDTH)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.fit_height)
        self.fit_height()

    def fit_height(self, *_) -> None:
        """As tall as its rows: the form scrolls, not each table."""
        rows = self.model().rowCount()
        height = self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(height + 2 * self.frameWidth())

    def cells(self) -> list[QModelIndex]:
        """The editable cells, row by row: the order Tab takes."""
        model: QAbstractItemModel = self.model()
        return [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.index(r, c).flags() & Qt.ItemFlag.ItemIsEditable]

    def step(self, forward: bool) -> bool:
        """Make the next (or previous) editable cell current, which opens it; False at the end."""
        cells = self.cells()
        current = self.currentIndex()
        if current in cells:
            position = cells.index(current) + (1 if forward else -1)
        else:
            position = 0 if forward else len(cells) - 1
        if not 0 <= position < len(cells):
            return False
        self.open(cells[position])
        return True

    def open(self, index: QModelIndex) -> None:
        if self.currentIndex() == index:
            self.edit(index)
        else:
            self.setCurrentIndex(index)  # opens it: the edit triggers include CurrentChanged

    def leave(self, forward: bool) -> None:
        QWidget.focusNextPrevChild(self, forward)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        moves = (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.EditPreviousItem)
        if hint not in moves:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        forward = hint == QAbstractItemDelegate.EndEditHint.EditNextItem
        if not self.step(forward):
            self.leave(forward)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 — Qt's name
        if self.step(next):
            return True
        return QWidget.focusNextPrevChild(self, next)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            cells = self.cells()
            if cells:
                self.open(cells[0] if reason == Qt.FocusReason.TabFocusReason else cells[-1])

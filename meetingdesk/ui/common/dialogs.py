"""Dialogs that check their input through the services and show errors at the field."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError

NO_DATE = QDate(2000, 1, 1)  # the minimum of a date a clerk has not yet chosen, shown as （未填）


class CheckedDialog(QDialog):
    """A form whose OK runs `submit`; a ServiceError shows in red under its field."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._rows: dict[str, QWidget] = {}
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #b00020")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.submit: Callable[[], None] = lambda: None

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        error = QLabel()
        error.setStyleSheet("color: #b00020")
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(widget)
        inner.addWidget(error)
        self.form.addRow(label, box)
        self._errors[key] = error
        self._fields[key] = widget
        self._rows[key] = box
        return widget

    def set_field_visible(self, key: str, visible: bool) -> None:
        """Show or hide a field with its label (and its error)."""
        self.form.setRowVisible(self._rows[key], visible)

    def field_visible(self, key: str) -> bool:
        return self.form.isRowVisible(self._rows[key])

    def error_text(self, key: str) -> str:
        label = self._errors.get(key, self.general_error)
        return "" if label.isHidden() else label.text()

    def show_error(self, exc: ServiceError) -> None:
        for label in list(self._errors.values()) + [self.general_error]:
            label.hide()
        label = self._errors.get(exc.field, self.general_error)
        label.setText(exc.message)
        label.show()
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        widget = self._fields.get(exc.field)
        if widget is not None:
            widget.setFocus()

    def _try_accept(self) -> None:
        try:
            self.submit()
        except ServiceError as exc:
            self.show_error(exc)
            return
        self.accept()


class OptionalDateEdit(QDateEdit):
    """A date the clerk must choose: shows （未填） until then (value None), and its calendar
    opens at this month rather than at the empty date's."""

    def __init__(self, day: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("（未填）")
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy年M月d日")
        self.set_value(day)
        self.calendarWidget().installEventFilter(self)

    def value(self) -> dt.date | None:
        return None if self.date() == self.minimumDate() else self.date().toPython()

    def set_value(self, day: dt.date | None) -> None:
        self.setDate(QDate(day) if day else NO_DATE)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())
        return False



"""Dialogs of the 议程日程 page: a meeting (新建会议 / 修改会议), the text of one item, a yes/no question."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from meetingdesk.rules.numerals import weekday_name
from meetingdesk.rules.schedule import half_of, parse_time, printed_time
from meetingdesk.services.schedule import ATTENDANCE_ITEM, MeetingInput, MeetingRow
from meetingdesk.store import HALVES, MEETING_KINDS
from meetingdesk.ui.common.dialogs import CheckedDialog

NO_HALF = "（不定）"
PLENARY_HOST_NOTE = "全体会议由它的执行主席组的大会主持人主持：请在日程页为它选择执行主席组。"


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "删除") -> bool:
    """A question with Chinese buttons; tests replace this function."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


class PersonChooser(QWidget):
    """A filter line over a combo of people; typing a part of a name picks the first match."""

    changed = Signal()

    def __init__(self, choices: list[tuple[int, str]], none_text: str = "（不定）",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._none_text = none_text
        self._chosen: int | None = None
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("输入姓名筛选")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(160)
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.combo, 1)
        self.filter.textChanged.connect(self._filter)
        self.combo.currentIndexChanged.connect(self._picked)
        self._fill(choices)

    def _fill(self, shown: list[tuple[int, str]]) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self._none_text, None)
        for pid, label in shown:
            self.combo.addItem(label, pid)
        index = self.combo.findData(self._chosen)
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)

    def _filter(self, text: str) -> None:
        text = text.strip()
        shown = [c for c in self._choices if text in c[1]] if text else self._choices
        if text and shown and self._chosen not in {pid for pid, _ in shown}:
            self._chosen = shown[0][0]
        self._fill(shown)
        self.changed.emit()

    def _picked(self) -> None:
        self._chosen = self.combo.currentData()
        self.changed.emit()

    def value(self) -> int | None:
        return self._chosen

    def set_value(self, person_id: int | None) -> None:
        self._chosen = person_id
        self.filter.clear()
        self._fill(self._choices)


class MeetingDialog(CheckedDialog):
    """One meeting. The service checks times and names; errors show under their field."""

    def __init__(self, people: list[tuple[int, str]], row: MeetingRow | None = None,
                 date: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__("修改会议" if row else "新建会议", parent)
        self.date = QDateEdit(QDate(date or dt.date.today()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.weekday = QLabel()
        date_box = QWidget()
        date_row = QHBoxLayout(date_box)
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.date)
        date_row.addWidget(self.weekday)
        date_row.addStretch()
        self.add_field("date", "日期", date_box)
        self._fields["date"] = self.date  # an error puts the cursor in the date itself

        self.kind = self.add_field("kind", "会议类别", QComboBox())
        self.kind.addItems(list(MEETING_KINDS))
        self._had_group = row is not None and row.chair_group_id is not None
        self.kind_note = QLabel("改为其他类别后，它的执行主席组将不再与它关联。")
        self.kind_note.setStyleSheet("color: #b00020")
        self.kind_note.setWordWrap(True)
        self.form.addRow("", self.kind_note)
        self.half = self.add_field("half", "时段", QComboBox())
        for half in HALVES:
            self.half.addItem(half, half)
        self.half.addItem(NO_HALF, "")
        self.start = self.add_field("start", "开始时间", QLineEdit())
        self.start.setPlaceholderText("如 8:30（可不填）")
        self.end = self.add_field("end", "结束时间", QLineEdit())
        self.end.setPlaceholderText("如 11:30（可不填）")
        self.title = self.add_field("title", "会议名称", QLineEdit())
        self.title.setPlaceholderText("类别为“其他”时填写，如：代表团团长会议")
        self.place = self.add_field("place", "地点", QLineEdit())
        self.place.setPlaceholderText("如：区人民会堂；代表团会议可写“各代表团讨论地点”")
        self.host = self.add_field("host", "主持人", PersonChooser(people))
        self.host_note = QLabel(PLENARY_HOST_NOTE)
        self.host_note.setWordWrap(True)
        self.host_note.setStyleSheet("color: #555555")
        self.form.addRow("", self.host_note)
        self.printed = self.add_field("printed", "日程", QCheckBox("印入日程"))
        self.printed.setChecked(True)
        self.printed.setToolTip("不印入日程的会议（如预备会议、主席团会议）只用于注明各名单、文件的通过会议")
        self.attendance = QCheckBox(f"以“{ATTENDANCE_ITEM}”开始")
        self.attendance.setChecked(True)
        if row is None:
            self.form.addRow("会议事项", self.attendance)

        if row is not None:
            self.date.setDate(QDate(row.date))
            self.kind.setCurrentText(row.kind)
            self.half.setCurrentIndex(max(0, self.half.findData(row.half)))
            self.start.setText(printed_time(row.start))
            self.end.setText(printed_time(row.end))
            self.title.setText(row.title)
            self.place.setText(row.place)
            self.host.set_value(row.host_person_id)
            self.printed.setChecked(row.printed)
        else:
            self.kind.setCurrentText("全体会议")
            self.half.setCurrentIndex(self.half.findData("上午"))
        self.date.dateChanged.connect(self._show_weekday)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.start.textEdited.connect(self._start_edited)
        self._show_weekday()
        self._kind_changed()
        self.resize(520, self.sizeHint().height())

    def _show_weekday(self) -> None:
        self.weekday.setText(weekday_name(self.date.date().toPython()))

    def _start_edited(self, text: str) -> None:
        # A typed start time decides the half-day, so 14:30 never stays under 上午.
        start = parse_time(text)
        if start:
            self.half.setCurrentIndex(self.half.findData(half_of(start)))

    def _kind_changed(self) -> None:
        kind = self.kind.currentText()
        plenary = kind == "全体会议"
        self.title.setEnabled(kind == "其他")
        self.host.setEnabled(not plenary)
        self.host_note.setVisible(plenary)
        self.attendance.setEnabled(plenary)
        self.kind_note.setVisible(self._had_group and not plenary)

    def value(self) -> MeetingInput:
        kind = self.kind.currentText()
        return MeetingInput(
            date=self.date.date().toPython(), kind=kind, half=self.half.currentData(),
            start=self.start.text(), end=self.end.text(),
            title=self.title.text() if kind == "其他" else "", place=self.place.text(),
            host_person_id=None if kind == "全体会议" else self.host.value(),
            printed=self.printed.isChecked())

    def attendance_item(self) -> bool:
        return self.kind.currentText() == "全体会议" and self.attendance.isChecked()


class TextDialog(CheckedDialog):
    """The text of one agenda item or meeting item."""

    def __init__(self, title: str, label: str, text: str = "", placeholder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.text = self.add_field("text", label, QLineEdit(text))
        self.text.setPlaceholderText(placeholder)
        self.text.setMinimumWidth(560)

    def value(self) -> str:
        return self.text.text()


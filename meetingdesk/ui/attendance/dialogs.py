"""Dialogs of the 到会 page: leave, a late or early time, a delegation's roll call or sign-in
sheet, and an earlier session's absence. Each writes through the services on OK."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules.numerals import session_title
from meetingdesk.rules.words import AttendanceStatus, Role
from meetingdesk.services.attendance import RollRow
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.pickers import PickerDialog

LEAVE_REASONS = ("因公出差", "因病", "因事", "因公务活动")
TICK_SOURCES = ("团长点名", "签到表")


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555")
    return label


def who(rows: list[RollRow], most: int = 6) -> str:
    """刘锦刚、王烁(女)等 12 人"""
    names = "、".join(r.display for r in rows[:most])
    return names + (f"等 {len(rows)} 人" if len(rows) > most else "")


class LeaveDialog(CheckedDialog):
    """请假: why, and who approved it — both are required by the services."""

    def __init__(self, rows: list[RollRow], meeting: str, parent: QWidget | None = None) -> None:
        super().__init__(AttendanceStatus.LEAVE, parent)
        self.rows = rows
        self.form.addRow(_note(f"{meeting}：{who(rows)}请假。请假须写明事由和批准人，"
                               "与未经批准的缺席分开记录。"))
        self.reason = self.add_field("reason", "请假事由", QComboBox())
        self.reason.setEditable(True)
        self.reason.addItems(list(LEAVE_REASONS))
        self.reason.setCurrentText("")
        self.reason.lineEdit().setPlaceholderText("如：因公出差")
        self.approver = self.add_field("approver", "批准人", QLineEdit())
        self.approver.setPlaceholderText("如：大会秘书处、代表团团长姓名")
        if len(rows) == 1 and rows[0].status == AttendanceStatus.LEAVE:
            self.reason.setCurrentText(rows[0].reason)
            self.approver.setText(rows[0].approver)
        self.resize(440, self.sizeHint().height())

    def value(self) -> tuple[str, str]:
        return self.reason.currentText(), self.approver.text()


class TimeDialog(CheckedDialog):
    """迟到 or 早退: the time the person came in or left."""

    def __init__(self, rows: list[RollRow], status: str, meeting: str, time: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(status, parent)
        self.status = status
        self.rows = rows
        self.form.addRow(_note(f"{meeting}：{who(rows)}{status}。{status}的代表计入实到人数。"))
        label = "到会时间" if status == AttendanceStatus.LATE else "离会时间"
        self.time = self.add_field("time", label, QLineEdit(time))
        self.time.setPlaceholderText("如 9:10")
        self.time.selectAll()
        self.resize(380, self.sizeHint().height())

    def value(self) -> str:
        return self.time.text()


class TickDialog(CheckedDialog):
    """One delegation's delegates, ticked as present: a head's roll call or a sign-in sheet.

    LOAD(delegation_id) gives the delegation's roll; those present come ticked. On OK the
    ticked are present and the others not checked in — leave and absence written down stay."""

    def __init__(self, delegations: list[tuple[int, str]], load: Callable[[int], list[RollRow]],
                 meeting: str, delegation_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("按代表团点名 / 录入签到表", parent)
        self._load = load
        self.rows: list[RollRow] = []
        self.form.addRow(_note(f"{meeting}：勾选到会的代表。未勾选的记为未签到；"
                               "已记录的请假、缺席不变，勾选则改为出席。"))
        self.delegation = self.add_field("delegation", "代表团", QComboBox())
        for did, name in delegations:
            self.delegation.addItem(name, did)
        if delegation_id is not None:
            self.delegation.setCurrentIndex(max(0, self.delegation.findData(delegation_id)))
        sources = QWidget()
        row = QHBoxLayout(sources)
        row.setContentsMargins(0, 0, 0, 0)
        self.source_group = QButtonGroup(self)
        self.source_buttons: dict[str, QRadioButton] = {}
        for i, source in enumerate(TICK_SOURCES):
            button = QRadioButton(source)
            self.source_group.addButton(button, i)
            self.source_buttons[source] = button
            row.addWidget(button)
        row.addStretch()
        self.source_buttons[TICK_SOURCES[0]].setChecked(True)
        self.add_field("source", "依据", sources)

        self.list = QListWidget()
        self.list.setMinimumHeight(320)
        self.list.itemChanged.connect(self._show_count)
        self.all_button = QPushButton("全选")
        self.none_button = QPushButton("全不选")
        self.all_button.clicked.connect(lambda: self.tick_all(True))
        self.none_button.clicked.connect(lambda: self.tick_all(False))
        self.count = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch()
        buttons.addWidget(self.count)
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.list)
        inner.addLayout(buttons)
        self.add_field("members", Role.DELEGATE, box)
        self.delegation.currentIndexChanged.connect(self._fill)
        self._fill()
        self.resize(480, 620)

    def _fill(self) -> None:
        did = self.delegation.currentData()
        self.rows = self._load(did) if did is not None else []
        self.list.blockSignals(True)
        self.list.clear()
        for r in self.rows:
            shown = r.status and not r.present
            item = QListWidgetItem(f"{r.display}　（{r.status_text}）" if shown else r.display)
            item.setData(Qt.ItemDataRole.UserRole, r.member_id)
            item.setCheckState(Qt.CheckState.Checked if r.present else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._show_count()

    def tick_all(self, on: bool) -> None:
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._show_count()

    def tick(self, member_id: int, on: bool = True) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == member_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def ticked(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _show_count(self, *_) -> None:
        self.count.setText(f"已勾选 {len(self.ticked())} / {self.list.count()} 人")

    def source(self) -> str:
        return TICK_SOURCES[max(0, self.source_group.checkedId())]

    def value(self) -> tuple[list[int], list[int], str]:
        """(everyone listed, the ticked, the source) as attendance.tick takes them."""
        return [r.member_id for r in self.rows], self.ticked(), self.source()


def earlier_session(term: int, number: int) -> str:
    """The session before this one: 第十一届人民代表大会第二次会议 ("" before the first)."""
    return session_title("", term, number - 1) if number > 1 else ""


class PriorDialog(PickerDialog):
    """An earlier session a delegate missed without leave: who, which session, a note."""

    def __init__(self, choices: list[tuple[int, str]], session_name: str = "",
                 person_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("记录往次未经批准缺席", choices, key="person", label=Role.DELEGATE, parent=parent)
        self.session = self.add_field("session", "缺席的会议", QLineEdit(session_name))
        self.session.setPlaceholderText("如：第十一届人民代表大会第二次会议")
        self.note = self.add_field("note", "备注", QLineEdit())
        self.note.setPlaceholderText("可不填")
        if person_id is not None:
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if self.choices.row_at(self.proxy.mapToSource(index).row())[0] == person_id:
                    self.list.setCurrentIndex(index)
                    self.list.scrollTo(index)
                    break
        self.resize(480, 560)

    def value(self) -> tuple[int, str, str]:
        return self.required_id(), self.session.text(), self.note.text()

"""从上次会议新建: a new session file started from the last session's roster (services.carry).

`CarryDialog(parent, old_path)` asks for the old file (the session open now by default), the new
file, the number and the dates of the new session, and whether 列席 and 工作人员 come along;
it previews what would be carried (the delegations with their counts and leaders, who stays
behind, the absences carried) and, on 新建, carries it in one go. Afterwards the new session is
the one open (`new_path`, `plan`).

Reading an old file other than the session open now closes that session (one session is open at
a time); when the dialog ends without a new session it opens it again (`reopened` says so, for
the window to refresh).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from meetingdesk.rules.numerals import chinese_number
from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, carry, output, session
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.messages import warn

FILE_FILTER = "MeetingDesk 会议文件 (*.meetingdesk);;所有文件 (*)"
SUFFIX = ".meetingdesk"
NO_DATE = QDate(2000, 1, 1)  # shown as （不填）


class _OptionalDate(QDateEdit):
    """A date that may be left out: （不填） until chosen (value None)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("（不填）")
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy年M月d日")
        self.set_value(None)

    def value(self) -> dt.date | None:
        return None if self.date() == self.minimumDate() else self.date().toPython()

    def set_value(self, day: dt.date | None) -> None:
        self.setDate(QDate(day) if day else NO_DATE)


def _path_row(edit: QLineEdit, button: QPushButton) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(button)
    return box


class CarryDialog(CheckedDialog):
    """上次会议 → 新会议: choose, preview, 新建."""

    def __init__(self, parent: QWidget | None = None, old_path: str | Path | None = None) -> None:
        super().__init__("从上次会议新建", parent)
        self._previous = session.current_url() or session.current_path()  # a server's too
        self._previous_readonly = session.access().readonly
        self.plan: carry.CarryPlan | None = None  # what was carried, after 新建
        self.preview_plan: carry.CarryPlan | None = None
        self.new_path: Path | None = None
        self.reopened = False
        self._suggested = ""  # the new file's name as last suggested (replaced while untouched)

        self.old_edit = QLineEdit()
        self.old_edit.setReadOnly(True)
        self.old_edit.setPlaceholderText("请选择上次会议的会议文件")
        self.old_button = QPushButton("选择…")
        self.old_button.clicked.connect(self.choose_old)
        self.add_field("old_path", "上次会议文件", _path_row(self.old_edit, self.old_button))
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText("新会议文件的保存位置")
        self.new_button = QPushButton("选择…")
        self.new_button.clicked.connect(self.choose_new)
        self.add_field("new_path", "新会议文件", _path_row(self.new_edit, self.new_button))
        self.number = self.add_field("number", "新会议（第几次）", QSpinBox())
        self.number.setRange(1, 20)
        self.number.valueChanged.connect(self._number_changed)
        self.start = self.add_field("start_date", "开幕日期", _OptionalDate())
        self.end = self.add_field("end_date", "闭幕日期", _OptionalDate())
        self.others = self.add_field("include_others", "列席和工作人员",
                                     QCheckBox("一并结转（通常每次会议另行邀请，不结转）"))
        self.others.toggled.connect(lambda _on: self.refresh_preview())
        self.note = QLabel("结转：代表团及讨论地点、在任代表及其资格信息、团长和副团长、现任职务、"
                           "以往未经批准缺席的记录。资格已终止的代表留在上次会议。上次会议的文件不会改动。")
        self.note.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setMinimumSize(520, 260)
        layout = self.layout()
        layout.insertWidget(1, self.note)
        layout.insertWidget(2, self.preview, 1)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        self.submit = self._carry
        if old_path is not None:
            self.load_old(old_path)

    # ------------------------------------------------------------ choosing

    def choose_old(self) -> None:
        folder = str(Path(self.old_edit.text()).parent) if self.old_edit.text() else ""
        chosen, _ = QFileDialog.getOpenFileName(self, "选择上次会议文件", folder, FILE_FILTER)
        if chosen:
            self.load_old(chosen)

    def choose_new(self) -> None:
        start = self.new_edit.text() or (str(Path(self.old_edit.text()).parent) if self.old_edit.text() else "")
        chosen, _ = QFileDialog.getSaveFileName(self, "新会议文件", start, FILE_FILTER)
        if chosen:
            self.new_edit.setText(chosen if chosen.endswith(SUFFIX) else chosen + SUFFIX)

    def load_old(self, path: str | Path) -> bool:
        """Read the old session for the preview: its number + 1 as the new one's, a file name."""
        self.old_edit.setText(str(path))
        self.preview_plan = None
        try:
            plan = carry.plan_carry(path, include_others=self.others.isChecked())
        except ServiceError as exc:
            self.preview.setPlainText("")
            self.show_error(ServiceError(exc.message, "old_path"))
            return False
        for label in [*self._errors.values(), self.general_error]:
            label.hide()
        self.number.blockSignals(True)
        self.number.setValue(plan.number)
        self.number.blockSignals(False)
        self._show(plan)
        self._suggest_new_path()
        return True

    def refresh_preview(self) -> None:
        if self.old_edit.text():
            try:
                plan = carry.plan_carry(self.old_edit.text(), include_others=self.others.isChecked())
            except ServiceError as exc:
                self.show_error(ServiceError(exc.message, "old_path"))
                return
            self._show(plan)

    def _show(self, plan: carry.CarryPlan) -> None:
        self.preview_plan = plan
        self.preview.setPlainText("\n".join([f"由“{plan.old_title}”新建“{self._title_for(plan)}”：",
                                              *plan.lines()]))

    def _title_for(self, plan: carry.CarryPlan) -> str:
        """The new title with the number chosen now (the preview was read with the next one)."""
        if self.number.value() == plan.number:
            return plan.title
        return plan.title.replace(f"第{chinese_number(plan.number)}次会议",
                                  f"第{chinese_number(self.number.value())}次会议")

    def _number_changed(self, _number: int) -> None:
        if self.preview_plan is not None:
            self._show(self.preview_plan)
            self._suggest_new_path()

    def _suggest_new_path(self) -> None:
        """Beside the old file, named after the new session, until the clerk types another."""
        plan = self.preview_plan
        if plan is None or (self.new_edit.text() and self.new_edit.text() != self._suggested):
            return
        self._suggested = str(Path(plan.old_path).parent / (output.safe_name(self._title_for(plan)) + SUFFIX))
        self.new_edit.setText(self._suggested)

    # ------------------------------------------------------------ carrying

    def _carry(self) -> None:
        old = self.old_edit.text().strip()
        if not old:
            raise ServiceError("请选择上次会议的会议文件。", "old_path")
        new = self.new_edit.text().strip()
        if not new:
            raise ServiceError("请选择新会议文件的保存位置。", "new_path")
        if not new.endswith(SUFFIX):
            new += SUFFIX
            self.new_edit.setText(new)
        try:
            self.plan = carry.carry_forward(old, new, number=self.number.value(), start_date=self.start.value(),
                                            end_date=self.end.value(), include_others=self.others.isChecked())
        except OSError as exc:
            raise ServiceError(f"无法写入“{new}”：{exc.strerror or exc}。", "new_path") from exc
        self.new_path = Path(new)

    def summary(self) -> str:
        """What was made, for the status bar."""
        p = self.plan
        if p is None:
            return ""
        roles = (Role.DELEGATE, Role.ATTENDEE, Role.STAFF) if p.include_others else (Role.DELEGATE,)
        counts = "、".join(f"{r} {p.total(r)} 人" for r in roles)
        absences = f"，以往未经批准缺席 {len(p.absences)} 条" if p.absences else ""
        return f"已从上次会议新建{p.title}：{counts}{absences}。"

    def done(self, result: int) -> None:  # noqa: D102 - every way the dialog ends
        if self.plan is None:
            self._reopen_previous()
        super().done(result)

    def _reopen_previous(self) -> None:
        """The session open before, when reading another old file (or a failed carry) closed it."""
        if self._previous is None or session.is_open():
            return
        try:
            session.open_session(self._previous, session.READ if self._previous_readonly else session.WRITE)
        except ServiceError as exc:
            warn(self, "原会议无法重新打开", str(exc))
            return
        self.reopened = True

"""Dialogs of the 议案 page: register or edit an item, withdraw it, the review's decision, handling."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules import motions as rules
from meetingdesk.services.motions import MotionInput, MotionRow
from meetingdesk.store import RATINGS, REVIEW_DECISIONS
from meetingdesk.ui.common.attachment import AttachmentEdit
from meetingdesk.ui.common.delegate_picker import DelegatePicker, delegate_choices, delegation_order, signer_choice
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.motions.models import long_time

HINT_STYLE = "color: #a05a00"
NOT_REVIEWED = "（未审查）"
NOT_RATED = "（未测评）"
WITHDRAW_REASONS = ("领衔代表书面要求撤回", "联名代表书面要求撤回")


def qdatetime(at: dt.datetime) -> QDateTime:
    return QDateTime(QDate(at.date()), at.time().replace(second=0, microsecond=0))


def date_time_edit(at: dt.datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(qdatetime(at))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日 HH:mm")
    return edit


def value_of(edit: QDateTimeEdit) -> dt.datetime:
    return edit.dateTime().toPython().replace(second=0, microsecond=0)


class MotionDialog(CheckedDialog):
    """登记 or 修改 one item: the form on the left, the signers on the right.

    NOW is the page's clock (the received time defaults to it); DEADLINE is the motions'
    deadline, for the hint that a motion would come too late.
    """

    def __init__(self, now: dt.datetime, deadline: dt.datetime | None, row: MotionRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"修改{row.register_no}" if row else "登记议案、建议", parent)
        self.row = row
        self.deadline = deadline
        self._two_columns()

        self.kind = self.add_field("kind", "类别", QComboBox())
        self.kind.addItems(list(rules.KINDS))
        self.submitter = self.add_field("submitter", "提出者", QComboBox())
        self.submitter.addItems(list(rules.SUBMITTERS))
        self.title = self.add_field("title", "标题", QLineEdit())
        self.title.setPlaceholderText("如：关于加快老旧小区改造的议案")
        self.received = self.add_field("received_at", "收到时间", date_time_edit(now))
        self.late_hint = QLabel()
        self.late_hint.setWordWrap(True)
        self.late_hint.setStyleSheet(HINT_STYLE)
        self.form.addRow("", self.late_hint)
        self.clerk = self.add_field("clerk", "接收人员", QLineEdit())
        self.clerk.setPlaceholderText("大会议案组收件的工作人员")
        self.texts = QTabWidget()
        self.reason = QPlainTextEdit()
        self.basis = QPlainTextEdit()
        self.plan = QPlainTextEdit()
        for edit, name in ((self.reason, "案由"), (self.basis, "案据"), (self.plan, "方案")):
            edit.setTabChangesFocus(True)
            self.texts.addTab(edit, name)
        self.texts.setMinimumHeight(170)
        self.add_field("texts", "内容", self.texts)
        # The services copy the chosen file into the session file; the line shows its path, or
        # the name of the file already kept, which the services then leave as it is.
        self.attachment = self.add_field("attachment", "附件", AttachmentEdit(
            "选择附件", "可附原件的扫描件或电子文档，保存在会议文件中"))

        with_right = self._right_column()
        self.lead = with_right("lead", "领衔代表", QLabel())
        self.signers = with_right("signers", "联名代表", DelegatePicker(delegate_choices(), delegation_order()))
        self.signers.setMinimumWidth(560)

        if row is not None:
            data = MotionInput.of(row)
            self.kind.setCurrentText(data.kind)
            self.submitter.setCurrentText(data.submitter)
            self.title.setText(data.title)
            self.received.setDateTime(qdatetime(data.received_at))
            self.clerk.setText(data.clerk)
            self.reason.setPlainText(data.reason)
            self.basis.setPlainText(data.basis)
            self.plan.setPlainText(data.plan)
            self.attachment.setText(data.attachment)
            self.signers.set_chosen([signer_choice(s) for s in row.signers])
            if row.lead:
                self.signers.set_lead(row.lead.member_id)
        for signal in (self.kind.currentIndexChanged, self.submitter.currentIndexChanged,
                       self.received.dateTimeChanged, self.signers.changed):
            signal.connect(self._update)
        self._update()
        self.resize(1120, 640)

    # ------------------------------------------------------------ layout

    def _two_columns(self) -> None:
        """Put a second form beside CheckedDialog's own, for the signers."""
        layout = self.layout()
        layout.removeItem(self.form)
        self.right = QFormLayout()
        columns = QHBoxLayout()
        columns.addLayout(self.form, 4)
        columns.addSpacing(12)
        columns.addLayout(self.right, 6)
        layout.insertLayout(0, columns)

    def _right_column(self):
        def add(key: str, label: str, widget: QWidget) -> QWidget:
            left, self.form = self.form, self.right  # add_field writes into self.form
            try:
                return self.add_field(key, label, widget)
            finally:
                self.form = left
        return add

    # ------------------------------------------------------------ live hints

    def by_delegates(self) -> bool:
        return self.submitter.currentText() == rules.BY_DELEGATES

    def _update(self, *_) -> None:
        motion = self.kind.currentText() == "议案"
        self.signers.setEnabled(self.by_delegates())
        self.signers.set_minimum(rules.MIN_SIGNERS if motion and self.by_delegates() else None,
                                 "代表联名提出议案")
        lead = next((r for r in self.signers.chosen_rows() if r.key == self.signers.lead_id()), None)
        if not self.by_delegates():
            self.lead.setText(f"（由{self.submitter.currentText()}提出，不需要领衔代表）")
        else:
            self.lead.setText(lead.label if lead else "（加入的第一位代表领衔，可在右边改设）")
        late = motion and rules.is_late(value_of(self.received), self.deadline)
        self.late_hint.setText(f"收到时间晚于提出议案截止时间（{long_time(self.deadline)}），"
                               "不能作为议案，可以登记为建议。" if late else "")
        self.late_hint.setVisible(late)

    def value(self) -> MotionInput:
        delegates = self.by_delegates()
        return MotionInput(
            kind=self.kind.currentText(), title=self.title.text(), submitter=self.submitter.currentText(),
            lead_member_id=self.signers.lead_id() if delegates else None,
            signer_member_ids=tuple(self.signers.chosen_keys()) if delegates else (),
            received_at=value_of(self.received), clerk=self.clerk.text(),
            reason=self.reason.toPlainText(), basis=self.basis.toPlainText(), plan=self.plan.toPlainText(),
            attachment=self.attachment.text())


def _heading(row: MotionRow) -> QLabel:
    label = QLabel(f"{row.register_no}　{row.title}\n{row.submitter_text}")
    label.setWordWrap(True)
    return label


class WithdrawDialog(CheckedDialog):
    def __init__(self, row: MotionRow, now: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(f"撤回{row.register_no}", parent)
        self.form.addRow(_heading(row))
        note = QLabel("撤回后保留编号和记录，不再审查和交办；可以取消撤回。")
        note.setStyleSheet("color: #555555")
        self.form.addRow(note)
        self.at = self.add_field("at", "撤回时间", date_time_edit(now))
        self.reason = self.add_field("reason", "撤回原因", QComboBox())
        self.reason.setEditable(True)
        self.reason.addItems(list(WITHDRAW_REASONS))
        self.resize(520, self.sizeHint().height())

    def value(self) -> tuple[dt.datetime, str]:
        return value_of(self.at), self.reason.currentText()


class ReviewDialog(CheckedDialog):
    """议案审查委员会的意见: 列为大会议案 / 转为代表建议 / 其他, and 并案 with another motion."""

    def __init__(self, row: MotionRow, others: list[MotionRow], parent: QWidget | None = None) -> None:
        super().__init__(f"审查意见：{row.register_no}", parent)
        self.form.addRow(_heading(row))
        self.decision = self.add_field("decision", "审查意见", QComboBox())
        self.decision.addItem(NOT_REVIEWED, "")
        for decision in REVIEW_DECISIONS:
            self.decision.addItem(decision, decision)
        self.decision.setCurrentIndex(max(0, self.decision.findData(row.decision)))
        self.reason = self.add_field("reason", "理由", QLineEdit(row.decision_reason))
        self.reason.setPlaceholderText("审查意见为“其他”时必填")
        self.merged = self.add_field("merged_into", "并入", QComboBox())
        self.merged.addItem("（不并案）", None)
        for other in others:
            if other.motion_id != row.motion_id and other.kind == "议案":
                title = other.title if len(other.title) <= 24 else other.title[:23] + "…"
                self.merged.addItem(f"{other.register_no}　{title}", other.motion_id)
        self.merged.setCurrentIndex(max(0, self.merged.findData(row.merged_into_id)))
        self.merged.setMinimumContentsLength(30)
        self.resize(600, self.sizeHint().height())

    def value(self) -> tuple[str, str, int | None]:
        return self.decision.currentData(), self.reason.text(), self.merged.currentData()


class UnitsEditor(QWidget):
    """承办单位: one line per unit, one of them 主办 (the radio button), the others 协办."""

    def __init__(self, known: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = known
        self.leads = QButtonGroup(self)
        self.lines: list[tuple[QWidget, QLineEdit, QRadioButton]] = []
        self.rows = QVBoxLayout()
        self.rows.setSpacing(4)
        self.add_button = QPushButton("添加承办单位")
        self.add_button.clicked.connect(lambda: self.add_unit("", not self.lines))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch()
        layout.addLayout(buttons)

    def add_unit(self, name: str = "", lead: bool = False) -> QLineEdit:
        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(name)
        edit.setPlaceholderText("如：区住房和城市更新局")
        completer = QCompleter(self.known, edit)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        radio = QRadioButton("主办")
        role = QLabel()
        role.setMinimumWidth(30)
        role.setStyleSheet("color: #555555")
        radio.toggled.connect(lambda on: role.setText("" if on else "协办"))
        radio.setChecked(lead)
        role.setText("" if lead else "协办")
        self.leads.addButton(radio)
        remove = QPushButton("删除")
        remove.clicked.connect(lambda: self.remove_unit(box))
        line.addWidget(edit, 1)
        line.addWidget(radio)
        line.addWidget(role)
        line.addWidget(remove)
        self.rows.addWidget(box)
        self.lines.append((box, edit, radio))
        edit.setFocus()
        return edit

    def remove_unit(self, box: QWidget) -> None:
        for entry in self.lines:
            if entry[0] is box:
                self.leads.removeButton(entry[2])
                self.lines.remove(entry)
                box.deleteLater()
                break
        if self.lines and not any(radio.isChecked() for _, _, radio in self.lines):
            self.lines[0][2].setChecked(True)  # keep one 主办 when the lead line goes

    def value(self) -> list[tuple[str, bool]]:
        return [(edit.text(), radio.isChecked()) for _, edit, radio in self.lines]


class HandlingDialog(CheckedDialog):
    """交办和答复: the handling units, the reply's date and the delegate's rating.

    One service call (record_handling) writes the units and the reply together, through
    services.suggestions, which keeps every round of a unit's replies: here a reply or a rating
    may be added, never changed (the service refuses at the field and writes nothing).
    """

    def __init__(self, row: MotionRow, known_units: list[str], today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"交办和答复：{row.register_no}", parent)
        self.row = row
        self.form.addRow(_heading(row))
        self.units = self.add_field("units", "承办单位", UnitsEditor(known_units))
        for unit in row.units:
            self.units.add_unit(unit.unit, unit.lead)
        if not row.units:
            self.units.add_unit("", True)
        self.replied = QCheckBox("已答复")
        self.reply_date = QDateEdit(QDate(row.reply_date or today))
        self.reply_date.setCalendarPopup(True)
        self.reply_date.setDisplayFormat("yyyy年M月d日")
        self.replied.toggled.connect(self.reply_date.setEnabled)
        self.replied.setChecked(True)
        self.replied.setChecked(row.reply_date is not None)
        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.replied)
        line.addWidget(self.reply_date)
        line.addStretch()
        self.add_field("reply_date", "答复日期", box)
        self.rating = self.add_field("rating", "代表测评", QComboBox())
        self.rating.addItem(NOT_RATED, "")
        for rating in RATINGS:
            self.rating.addItem(rating, rating)
        self.rating.setCurrentIndex(max(0, self.rating.findData(row.rating)))
        self.resize(620, self.sizeHint().height())

    def reply(self) -> tuple[dt.date | None, str]:
        date = self.reply_date.date().toPython() if self.replied.isChecked() else None
        return date, self.rating.currentData()

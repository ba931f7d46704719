"""Dialogs of the 建议办理 page. Each only gathers what the clerk types; the page's `submit` hands
it to services.suggestions, whose refusal shows in red under the field it names while the dialog
stays open with what was typed (ui.common.dialogs.CheckedDialog)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules import suggestions as rules
from meetingdesk.services import ServiceError, suggestions
from meetingdesk.services.suggestions import (
    AssignmentRow, DueDefaults, FieldRow, ReplyInput, ReplyRow, SuggestionInput, SuggestionRow, UnitRow,
)
from meetingdesk.ui.common.attachment import AttachmentEdit
from meetingdesk.ui.common.delegate_picker import Choice, OfferList, OfferModel, SearchLine, TermsProxy
from meetingdesk.ui.common.dialogs import CheckedDialog, OptionalDateEdit
from meetingdesk.ui.common.undo import Command
from meetingdesk.ui.suggestions import commands
from meetingdesk.ui.suggestions.models import long_day

NOTE_STYLE = "color: #555555"
RETURN_REASONS = ("不符合一事一议的要求", "内容不够具体，请补充问题和建议", "属于应由法定程序解决的事项")
UNCLASSIFIED = "（未分类）"


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


def _heading(row: SuggestionRow) -> QLabel:
    lead = f"领衔代表：{row.lead_display}（{row.lead_delegation}）" if row.lead_name else row.submitter
    label = QLabel(f"<b>{row.number_words}</b>　{row.title}<br>{lead}")
    label.setWordWrap(True)
    label.setMaximumWidth(620)
    return label


def _line(*widgets: QWidget, stretch_last: bool = True) -> QWidget:
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        line.addWidget(w)
    if stretch_last:
        line.addStretch()
    return box


def _field_combo(fields: Sequence[FieldRow], current: int | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem(UNCLASSIFIED, None)
    for f in fields:
        combo.addItem(f.name, f.field_id)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


# ---------------------------------------------------------------- choosing the lead delegate


class LeadPicker(QWidget):
    """One serving delegate, chosen by typing part of the name or the delegation (search as you
    type over the roster, in stroke order). Keeps only the clerk's current choice."""

    def __init__(self, offered: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = OfferModel(self)
        self.offer.set_rows(offered)
        self.proxy = TermsProxy(self)
        self.proxy.setSourceModel(self.offer)
        self.search = SearchLine()
        self.search.setPlaceholderText("输入姓名或代表团中的字查找")
        self.search.setClearButtonEnabled(True)
        self.list = OfferList()
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setMinimumHeight(150)
        self.chosen_label = QLabel()
        self.chosen_label.setStyleSheet("font-weight: bold")
        self.search.textChanged.connect(self._search)
        self.search.down.connect(self.list.setFocus)
        self.search.entered.connect(self._first)
        self.list.selectionModel().currentRowChanged.connect(self._show_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chosen_label)
        self._show_chosen()

    def _search(self, text: str) -> None:
        self.proxy.set_terms(text)
        if self.proxy.rowCount() == 1:
            self._first()

    def _first(self) -> None:
        if self.proxy.rowCount():
            self.list.selectionModel().setCurrentIndex(self.proxy.index(0, 0),
                                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def offered_labels(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def lead_id(self) -> int | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return self.offer.row_at(self.proxy.mapToSource(index).row()).key

    def set_lead(self, key: int | None) -> None:
        """Choose KEY (shown even when the list was filtered)."""
        self.search.clear()
        row = next((i for i, c in enumerate(self.offer.rows()) if c.key == key), None)
        index = self.proxy.mapFromSource(self.offer.index(row, 0)) if row is not None else QModelIndex()
        self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if index.isValid():
            self.list.scrollTo(index)
        self._show_chosen()

    def _show_chosen(self, *_) -> None:
        key = self.lead_id()
        choice = next((c for c in self.offer.rows() if c.key == key), None) if key is not None else None
        self.chosen_label.setText(f"领衔代表：{choice.label}" if choice else "领衔代表：（未选）")


def lead_choices(row: SuggestionRow | None = None) -> list[Choice]:
    """Serving delegates in stroke order; a suggestion's own lead stays offered (marked) even
    when the mandate has ended since, so that editing it does not lose him."""
    from meetingdesk.ui.common.delegate_picker import delegate_choices

    choices = delegate_choices()
    if row is not None and row.lead_member_id is not None and all(c.key != row.lead_member_id for c in choices):
        choices.append(Choice(row.lead_member_id, f"{row.lead_display}（{row.lead_delegation}，已不是在任代表）",
                              f"{row.lead_name} {row.lead_delegation}", row.lead_delegation, False))
    return choices


# ---------------------------------------------------------------- the suggestion itself


class SuggestionDialog(CheckedDialog):
    """登记闭会建议 (ROW None) or 修改 a suggestion. One made during the session is the motion
    register's: its title, lead and date are shown, and only its field is changed here."""

    def __init__(self, fields: Sequence[FieldRow], today: dt.date, row: SuggestionRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"修改{row.number_words}" if row else "登记闭会期间的建议", parent)
        self.row = row
        self.from_register = row is not None and row.motion_id is not None
        if self.from_register:
            self.form.addRow(_heading(row))
            self.form.addRow(_note(f"会议期间的建议（{row.source}）以议案页的登记为准：标题、领衔代表和收到日期"
                                   "请在议案页修改，这里只改领域。"))
        self.title = self.add_field("title", "标题", QLineEdit(row.title if row else ""))
        self.title.setPlaceholderText("如：关于在将军路街增设老年助餐点的建议")
        self.title.setMinimumWidth(460)
        self.lead = self.add_field("lead", "领衔代表", LeadPicker(lead_choices(row)))
        self.received = self.add_field("received_on", "收到日期",
                                       OptionalDateEdit(row.received_on if row else today))
        self.field = self.add_field("field", "领域", _field_combo(fields, row.field_id if row else None))
        if row is not None:
            self.lead.set_lead(row.lead_member_id)
        if self.from_register:
            for key in ("title", "lead", "received_on"):
                self.set_field_visible(key, False)
        else:
            self.form.addRow(_note("领衔代表须是收到之日的在任代表；编号按收到先后自动编为闭会第N号。"))
        self.resize(620, self.sizeHint().height())

    def value(self) -> SuggestionInput:
        if self.from_register:
            row = self.row
            return SuggestionInput(row.title, row.lead_member_id, row.received_on, self.field.currentData())
        return SuggestionInput(self.title.text(), self.lead.lead_id(), self.received.value(), self.field.currentData())


class ScreenDialog(CheckedDialog):
    """受理, or 退回修改 with the reason (not 一事一议 …)."""

    def __init__(self, row: SuggestionRow, parent: QWidget | None = None) -> None:
        super().__init__(f"审查{row.number_words}", parent)
        self.form.addRow(_heading(row))
        self.accept_radio = QRadioButton("受理")
        self.return_radio = QRadioButton("退回修改")
        group = QButtonGroup(self)
        group.addButton(self.accept_radio)
        group.addButton(self.return_radio)
        self.add_field("accepted", "审查意见", _line(self.accept_radio, self.return_radio))
        self.reason = self.add_field("reason", "退回理由", QComboBox())
        self.reason.setEditable(True)
        self.reason.addItems(list(RETURN_REASONS))
        self.reason.setCurrentText(row.returned_reason)
        self.reason.setMinimumContentsLength(24)
        (self.return_radio if row.returned else self.accept_radio).setChecked(True)
        self.return_radio.toggled.connect(self._update)
        self._update()
        self.form.addRow(_note("已交办的建议不能退回；退回修改的建议受理后才能交办。"))
        self.resize(560, self.sizeHint().height())

    def _update(self, *_) -> None:
        self.reason.setEnabled(self.return_radio.isChecked())

    def value(self) -> tuple[bool, str]:
        accepted = self.accept_radio.isChecked()
        return accepted, "" if accepted else self.reason.currentText()


class FieldDialog(CheckedDialog):
    """领域 of the chosen suggestions (all at once)."""

    def __init__(self, rows: Sequence[SuggestionRow], fields: Sequence[FieldRow], parent: QWidget | None = None) -> None:
        super().__init__(f"设定领域（{len(rows)} 件建议）", parent)
        self.ids = [r.suggestion_id for r in rows]
        self.form.addRow(_note("、".join(r.number_words for r in rows[:12]) + ("等" if len(rows) > 12 else "")))
        current = {r.field_id for r in rows}
        self.field = self.add_field("field", "领域", _field_combo(fields, current.pop() if len(current) == 1 else None))
        self.resize(440, self.sizeHint().height())

    def value(self) -> int | None:
        return self.field.currentData()


class KeyDialog(CheckedDialog):
    """重点建议 with its 督办领导 and the committee or office that supervises it."""

    def __init__(self, row: SuggestionRow, parent: QWidget | None = None) -> None:
        super().__init__(f"重点建议：{row.number_words}", parent)
        self.form.addRow(_heading(row))
        self.key = self.add_field("key", "", QCheckBox("列为重点建议，由领导督办"))
        self.key.setChecked(row.key or not row.key_leader)
        self.leader = self.add_field("leader", "督办领导", QLineEdit(row.key_leader))
        self.leader.setPlaceholderText("如：区人大常委会副主任 张三")
        self.committee = self.add_field("committee", "督办机构", QLineEdit(row.key_committee))
        self.committee.setPlaceholderText("如：区人大常委会城建环保工作委员会")
        self.key.toggled.connect(self._update)
        self._update()
        self.resize(560, self.sizeHint().height())

    def _update(self, *_) -> None:
        self.leader.setEnabled(self.key.isChecked())
        self.committee.setEnabled(self.key.isChecked())

    def value(self) -> tuple[bool, str, str]:
        return self.key.isChecked(), self.leader.text(), self.committee.text()


# ---------------------------------------------------------------- handing out


class UnitChecklist(QWidget):
    """The session's units, each with a box; a filter line narrows the list (40-odd units)."""

    def __init__(self, units: Sequence[UnitRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("输入单位名称中的字筛选")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMinimumHeight(170)
        for u in units:
            item = QListWidgetItem(u.name)
            item.setData(Qt.ItemDataRole.UserRole, u.unit_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.count = QLabel()
        self.count.setStyleSheet(NOTE_STYLE)
        self.filter.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        self._count()

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _filter(self, text: str) -> None:
        text = text.strip()
        for item in self._items():
            item.setHidden(bool(text) and text not in item.text())

    def _count(self, *_) -> None:
        chosen = [item.text() for item in self._items() if item.checkState() == Qt.CheckState.Checked]
        self.count.setText(f"已选协办单位 {len(chosen)} 个" + (f"：{'、'.join(chosen)}" if chosen else ""))
        self.count.setWordWrap(True)

    def set_checked(self, unit_ids: Sequence[int]) -> None:
        for item in self._items():
            on = item.data(Qt.ItemDataRole.UserRole) in unit_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]


def rule_words(rule: dt.date | int) -> str:
    return long_day(rule) + "前" if isinstance(rule, dt.date) else f"交办后 {rule} 天"


class AssignDialog(CheckedDialog):
    """交办 the chosen suggestions (one or many) to one 主办 and any 协办 units of the session's
    list, with each role's due date (prefilled from the session's 答复期限)."""

    def __init__(self, rows: Sequence[SuggestionRow], units: Sequence[UnitRow], defaults: DueDefaults,
                 today: dt.date, parent: QWidget | None = None) -> None:
        one = rows[0] if len(rows) == 1 else None
        super().__init__(f"交办{one.number_words}" if one else f"交办 {len(rows)} 件建议", parent)
        self.ids = [r.suggestion_id for r in rows]
        if one is not None:
            self.form.addRow(_heading(one))
        else:
            names = "、".join(r.number_words for r in rows[:15]) + ("等" if len(rows) > 15 else "")
            self.form.addRow(_note(f"{names}，交给同样的主办、协办单位。"))
        self.lead_unit = self.add_field("lead_unit", "主办单位", QComboBox())
        self.lead_unit.addItem("（请选择）", None)
        for u in units:
            self.lead_unit.addItem(u.name, u.unit_id)
        self.lead_unit.setMaxVisibleItems(20)
        self.assisting = self.add_field("assisting_units", "协办单位", UnitChecklist(units))
        self.lead_due = self.add_field("lead_due", "主办答复期限", OptionalDateEdit())
        self.assist_due = self.add_field("assist_due", "协办答复期限", OptionalDateEdit())
        periods = {r.period for r in rows}
        assigned = [r for r in rows if r.assignments]
        if one is not None and one.assignments:
            lead = one.lead_assignment
            if lead is not None:
                self.lead_unit.setCurrentIndex(max(0, self.lead_unit.findData(lead.unit_id)))
                self.lead_due.set_value(lead.due)
            others = [a for a in one.assignments if not a.lead]
            self.assisting.set_checked([a.unit_id for a in others])
            self.assist_due.set_value(others[0].due if others else defaults.due(one.period, False, today))
            note = "已交办：改动后，保留的单位保留其答复记录；已答复的单位不能撤下。"
        elif len(periods) == 1:
            period = periods.pop()
            self.lead_due.set_value(defaults.due(period, True, today))
            self.assist_due.set_value(defaults.due(period, False, today))
            note = (f"{period}的建议默认：主办{rule_words(defaults.rule(period, True))}，"
                    f"协办{rule_words(defaults.rule(period, False))}答复（“名单和期限 ▸ 答复期限…”可改）。")
        else:
            note = ("所选建议分属会议期间和闭会期间：期限留作（未填）时，各按其期间的默认期限"
                    f"（会议期间主办{rule_words(defaults.session_lead)}，闭会期间主办{rule_words(defaults.between_lead)}）。")
        if assigned and one is None:
            note += f"其中 {len(assigned)} 件已交办，将改为这里选定的单位（已答复的单位不能撤下）。"
        self.form.addRow(_note(note))
        self.lead_unit.currentIndexChanged.connect(self._lead_changed)
        self.resize(640, min(680, self.sizeHint().height()))

    def _lead_changed(self, *_) -> None:
        """The 主办 unit is not also a 协办 one: its box is cleared."""
        lead = self.lead_unit.currentData()
        if lead in self.assisting.checked():
            self.assisting.set_checked([u for u in self.assisting.checked() if u != lead])

    def value(self) -> tuple[list[int], int | None, list[int], dt.date | None, dt.date | None]:
        return (self.ids, self.lead_unit.currentData(), self.assisting.checked(), self.lead_due.value(),
                self.assist_due.value())


# ---------------------------------------------------------------- replies and ratings


class ReplyDialog(CheckedDialog):
    """录入答复: one unit's reply in the round open now (never written over: a new round comes
    only after the delegate rated the last one 不满意)."""

    def __init__(self, row: SuggestionRow, assignment: AssignmentRow, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"录入答复：{row.number_words}", parent)
        self.assignment_id = assignment.assignment_id
        self.form.addRow(_heading(row))
        round_text = f"{assignment.unit}（{assignment.role}）第{assignment.round}轮答复"
        if assignment.due is not None:
            round_text += f"，答复期限 {long_day(assignment.due)}"
        if assignment.round > 1:
            round_text += "（上一轮代表评价为不满意，重新办理）"
        self.round_label = _note(round_text)
        self.form.addRow(self.round_label)
        self.replied = self.add_field("replied_on", "答复日期", OptionalDateEdit(today))
        self.result = self.add_field("result", "办理结果", QComboBox())
        self.result.addItem("（未分类）", "")
        for result in rules.RESULTS:
            self.result.addItem(result, result)
        self.text = self.add_field("text", "答复内容", QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("答复函的要点，或全文（也可只附扫描件）")
        self.text.setMinimumHeight(140)
        self.attachment = self.add_field("attachment", "附件", AttachmentEdit("选择答复函"))
        self.resize(640, self.sizeHint().height())

    def value(self) -> ReplyInput:
        return ReplyInput(self.replied.value(), self.result.currentData(), self.text.toPlainText(),
                          self.attachment.text())


class RateDialog(CheckedDialog):
    """评价: the delegate's rating of a unit's latest reply; 不满意 asks the redo's due date."""

    def __init__(self, row: SuggestionRow, assignment: AssignmentRow, reply: ReplyRow, defaults: DueDefaults,
                 today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(f"代表评价：{row.number_words}", parent)
        self.reply_id = reply.reply_id
        self.defaults = defaults
        self.form.addRow(_heading(row))
        self.form.addRow(_note(f"{assignment.unit}（{assignment.role}）第{reply.round}轮答复，"
                               f"{long_day(reply.replied_on)}" + (f"，{reply.result}" if reply.result else "")))
        self.buttons_group = QButtonGroup(self)
        radios = []
        for rating in rules.RATINGS:
            radio = QRadioButton(rating)
            self.buttons_group.addButton(radio)
            radios.append(radio)
        self.radios = dict(zip(rules.RATINGS, radios))
        self.add_field("rating", "代表评价", _line(*radios))
        self.rated_on = self.add_field("rated_on", "评价日期", OptionalDateEdit(today))
        self.due = self.add_field("due", "重新答复期限", OptionalDateEdit())
        self.due_note = _note(f"不满意的答复退回承办单位重新办理，作为第{reply.round + 1}轮答复；"
                              f"默认评价后 {defaults.redo_days} 天内答复。")
        self.form.addRow(self.due_note)
        self.radios[rules.UNSATISFIED].toggled.connect(self._update)
        self.rated_on.dateChanged.connect(self._prefill_due)
        self._update()
        self.resize(560, self.sizeHint().height())

    def rating(self) -> str:
        return next((r for r, radio in self.radios.items() if radio.isChecked()), "")

    def _prefill_due(self, *_) -> None:
        on = self.rated_on.value()
        if self.radios[rules.UNSATISFIED].isChecked() and on is not None:
            self.due.set_value(self.defaults.redo_due(on))

    def _update(self, *_) -> None:
        redo = self.radios[rules.UNSATISFIED].isChecked()
        self.set_field_visible("due", redo)
        self.due_note.setVisible(redo)
        if redo and self.due.value() is None:
            self._prefill_due()

    def value(self) -> tuple[int, str, dt.date | None, dt.date | None]:
        rating = self.rating()
        due = self.due.value() if rating == rules.UNSATISFIED else None
        return self.reply_id, rating, self.rated_on.value(), due


# ---------------------------------------------------------------- the session's settings


class RuleEdit(QWidget):
    """A due-date rule: a fixed date (seed 001: 主办 by 7/31) or a number of days after the assignment."""

    def __init__(self, rule: dt.date | int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by_date = QRadioButton("在此日期前")
        self.by_days = QRadioButton("交办后")
        group = QButtonGroup(self)
        group.addButton(self.by_date)
        group.addButton(self.by_days)
        self.date = OptionalDateEdit(rule if isinstance(rule, dt.date) else None)
        self.days = QSpinBox()
        self.days.setRange(1, 3660)
        self.days.setSuffix(" 天")
        self.days.setValue(rule if isinstance(rule, int) else rules.DEFAULT_DAYS[rules.LEAD])
        (self.by_date if isinstance(rule, dt.date) else self.by_days).setChecked(True)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        for w in (self.by_date, self.date, self.by_days, self.days):
            line.addWidget(w)
        line.addStretch()
        self.by_date.toggled.connect(self._update)
        self._update()

    def _update(self, *_) -> None:
        self.date.setEnabled(self.by_date.isChecked())
        self.days.setEnabled(self.by_days.isChecked())

    def value(self) -> dt.date | int | None:
        return self.date.value() if self.by_date.isChecked() else self.days.value()


class DueDefaultsDialog(CheckedDialog):
    """答复期限: when replies are due by default, per period and role; the redo's span after a
    不满意; after how long an unrated reply is followed up."""

    ROWS = (("session_lead", "会议期间建议 主办"), ("session_assist", "会议期间建议 协办"),
            ("between_lead", "闭会期间建议 主办"), ("between_assist", "闭会期间建议 协办"))

    def __init__(self, defaults: DueDefaults, parent: QWidget | None = None) -> None:
        super().__init__("答复期限", parent)
        self.form.addRow(_note("交办时按此预填各单位的答复期限（交办时仍可改）。原文：协办答复于6月30日前、"
                               "主办答复于7月31日前（会议期间的建议）。日期已过时，按交办后的天数计。"))
        self.rules = {name: self.add_field(name, label, RuleEdit(getattr(defaults, name))) for name, label in self.ROWS}
        self.redo = self.add_field("redo_days", "重新办理", QSpinBox())
        self.redo.setRange(1, 3660)
        self.redo.setPrefix("评价为不满意后 ")
        self.redo.setSuffix(" 天内答复")
        self.redo.setValue(defaults.redo_days)
        self.unrated = self.add_field("unrated_days", "催办评价", QSpinBox())
        self.unrated.setRange(1, 3660)
        self.unrated.setPrefix("答复后 ")
        self.unrated.setSuffix(" 天仍未评价的，列入检查")
        self.unrated.setValue(defaults.unrated_days)
        self.resize(620, self.sizeHint().height())

    def value(self) -> DueDefaults:
        return DueDefaults(**{name: edit.value() for name, edit in self.rules.items()},
                           redo_days=self.redo.value(), unrated_days=self.unrated.value())


class ListDialog(CheckedDialog):
    """单位名单 or 领域名单 (KIND "unit" or "field"): add, rename, remove; each step written at once
    and pushed as an undoable command (PUSH). Removal is refused while the entry is used, with the
    service's message."""

    def __init__(self, kind: str, push: Callable[[Command], None], parent: QWidget | None = None) -> None:
        self.kind = kind
        self.word = commands.ListEdit.WORDS[kind]
        super().__init__(f"{self.word}名单", parent)
        self.push = push
        self.list = QListWidget()
        self.list.setMinimumHeight(300)
        self.list.currentRowChanged.connect(self._chosen)
        self.form.addRow(self.list)
        self.name = self.add_field("name", "名称", QLineEdit())
        self.name.setPlaceholderText("新名称，或选中后改名" if kind == "unit" else "如：生态环保")
        self.add_button = QPushButton("添加")
        self.rename_button = QPushButton("改名")
        self.remove_button = QPushButton("删除")
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.remove_button.clicked.connect(self.remove)
        self.form.addRow(_line(self.add_button, self.rename_button, self.remove_button))
        self.form.addRow(_note("单位改名（如机构改革）后，已交办的建议随之改名，答复记录保留答复时的名称。"
                               if kind == "unit" else "领域用于统计“涉及经济发展……方面的建议”，按名单顺序。"))
        # a list edited in place: OK is not needed, 关闭 is; Enter in the name line adds it
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).hide()
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText("关闭")
        for button in (self.add_button, self.rename_button, self.remove_button, close,
                       self.buttons.button(QDialogButtonBox.StandardButton.Ok)):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.name.returnPressed.connect(self.add)
        self.load()
        self.resize(520, min(640, self.sizeHint().height()))

    def entries(self) -> list[UnitRow] | list[FieldRow]:
        return commands.LISTS[self.kind].entries()

    def _id(self, entry) -> int:
        return getattr(entry, commands.LISTS[self.kind].id_field)

    def load(self, chosen: int | None = None) -> None:
        self._rows = self.entries()
        self.list.clear()
        for entry in self._rows:
            used = entry.assigned if isinstance(entry, UnitRow) else entry.used
            what = "已交办" if self.kind == "unit" else "建议"
            item = QListWidgetItem(entry.name + (f"　（{what} {used} 件）" if used else ""))
            item.setData(Qt.ItemDataRole.UserRole, self._id(entry))
            self.list.addItem(item)
            if self._id(entry) == chosen:
                self.list.setCurrentItem(item)
        self._chosen()

    def current(self):
        at = self.list.currentRow()
        return self._rows[at] if 0 <= at < len(self._rows) else None

    def _chosen(self, *_) -> None:
        entry = self.current()
        self.rename_button.setEnabled(entry is not None)
        self.remove_button.setEnabled(entry is not None)

    def names(self) -> list[str]:
        return [e.name for e in self._rows]

    def _run(self, step: Callable[[], Command | None]) -> bool:
        for label in list(self._errors.values()) + [self.general_error]:
            label.hide()
        try:
            command = step()
        except ServiceError as exc:
            self.show_error(exc)
            return False
        if command is not None:
            self.push(command)
        return True

    def add(self) -> bool:
        def step() -> Command:
            name = self.name.text()
            new = commands.LISTS[self.kind].add(name)
            entry = next(e for e in self.entries() if self._id(e) == new)
            self.name.clear()
            self.load(new)
            return commands.AddEntry(self.kind, new, entry.name, entry.position)
        return self._run(step)

    def rename(self) -> bool:
        entry = self.current()
        if entry is None:
            return False

        def step() -> Command:
            commands.LISTS[self.kind].rename(self._id(entry), self.name.text())
            after = next(e for e in self.entries() if self._id(e) == self._id(entry))
            self.name.clear()
            self.load(self._id(entry))
            return commands.RenameEntry(self.kind, self._id(entry), entry.name, after.name)
        return self._run(step)

    def remove(self) -> bool:
        entry = self.current()
        if entry is None:
            return False

        def step() -> Command:
            commands.LISTS[self.kind].remove(self._id(entry))
            self.load()
            return commands.RemoveEntry(self.kind, self._id(entry), entry.name, entry.position)
        return self._run(step)

"""Dialogs of the 选举 page: an election, a nomination, withdrawals, fixing the candidate list."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules import elections as rules
from meetingdesk.rules import motions as motion_rules
from meetingdesk.services import ServiceError, presidium
from meetingdesk.services.elections import ElectionRow, NominationInput, NominationRow
from meetingdesk.store import NOMINATORS
from meetingdesk.ui.common.delegate_picker import (
    Choice,
    DelegatePicker,
    MultiPicker,
    delegate_choices,
    delegation_order,
)
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.elections.models import NOMINATOR_TEXT, chinese_date
from meetingdesk.ui.motions.dialogs import HINT_STYLE, date_time_edit, value_of
from meetingdesk.ui.motions.models import long_time, short_time

WITHDRAW_REASONS = ("被提名人书面表示不愿被提名", "提名人书面撤回对其的提名")
RED_STYLE = "color: #b00020"


def _note(text: str, style: str = "color: #555555") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


class ElectionDialog(CheckedDialog):
    """新建 or 修改 an election: office, its organ, seats, 差额/等额, the rule on the number of
    candidates and the number the session's 办法 decided within it (未定 when it decided none)."""

    UNDECIDED = "未定"

    def __init__(self, row: ElectionRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__("修改选举事项" if row else "新建选举事项", parent)
        self.office = self.add_field("office", "选举事项", QLineEdit(row.office if row else ""))
        self.office.setPlaceholderText("如：东西湖区人民法院院长")
        self.body = self.add_field("body", "任职机构", QComboBox())
        for key in rules.BODIES:
            self.body.addItem(rules.BODY_TEXT[key], key)
        self.body.setToolTip("常委会组成人员须从本级人民代表大会代表中选举，且不得担任行政、监察、审判、检察机关的职务。"
                             "按选举事项的名称自动选择，也可以改选。")
        self.seats = self.add_field("seats", "应选人数", QSpinBox())
        self.seats.setRange(1, 999)
        self.seats.setValue(row.seats if row else 1)
        self.mode = self.add_field("mode", "选举方式", QComboBox())
        self.mode.addItems(list(rules.MODES))
        self.rule = self.add_field("rule", "候选人数规则", QComboBox())
        for key in rules.RULES:
            self.rule.addItem(rules.RULE_LABELS.get(key, key), key)
        self.candidates = self.add_field("candidates", "办法决定的候选人数", QSpinBox())
        self.candidates.setRange(0, 999)
        self.candidates.setSpecialValueText(self.UNDECIDED)  # 0 reads 未定: the 办法 decided no number
        self.candidates.setSuffix(" 人")
        self.candidates.setToolTip("选举和表决办法在法定幅度内决定的候选人数（如“委员候选人为8人”）；"
                                   "没有决定的选“未定”，候选人数只按法定幅度检查。")
        self._body_chosen = False  # the clerk chose the organ: the office's text no longer sets it
        if row is not None:
            self.mode.setCurrentText(row.mode)
            self.rule.setCurrentIndex(max(0, self.rule.findData(row.rule)))
            self.candidates.setValue(row.decided_candidates or 0)
            self.body.setCurrentIndex(max(0, self.body.findData(row.body)))
            self._body_chosen = row.body != rules.body_of(row.office)
        else:
            self._follow_office()
        self.office.textChanged.connect(self._follow_office)
        self.body.activated.connect(self._choose_body)
        self.explain = _note("")
        self.form.addRow("", self.explain)
        for signal in (self.seats.valueChanged, self.mode.currentIndexChanged, self.rule.currentIndexChanged,
                       self.candidates.valueChanged, self.body.currentIndexChanged):
            signal.connect(self._explain)
        self._explain()
        self.resize(560, self.sizeHint().height())

    def _choose_body(self, *_) -> None:
        self._body_chosen = True

    def _follow_office(self, *_) -> None:
        if not self._body_chosen:
            self.body.setCurrentIndex(max(0, self.body.findData(rules.body_of(self.office.text()))))

    def decided(self) -> int | None:
        return self.candidates.value() or None

    def _explain(self, *_) -> None:
        rule = self.rule.currentData()
        seats, mode = self.seats.value(), self.mode.currentText()
        preview = ElectionRow(0, "", seats, mode, rule, 0, None, (), (), decided_candidates=self.decided())
        least, most = rules.legal_range(rule, mode, seats)
        text = f"{rules.RULE_TEXT[rule]}。法定幅度：{mode}选举，候选人 {rules.range_words(least, most)}。"
        if self.decided() is not None:
            text += f"按现在的设置：{preview.range_text}。"
        if rules.delegates_only(self.body.currentData()):
            text += "候选人须是本级人民代表大会的在任代表。"
        self.explain.setText(text)

    def value(self) -> dict:
        """The keywords of elections.add_election / update_election."""
        return dict(office=self.office.text(), seats=self.seats.value(), mode=self.mode.currentText(),
                    rule=self.rule.currentData(), body=self.body.currentData(), candidates=self.decided())


def allowed_nominators(election: ElectionRow) -> list[str]:
    """Deputies are nominated by parties and organisations or by delegates, officers by the
    presidium or by delegates (选举法 第三十条, 组织法 第二十五条); the services refuse the others."""
    deputies = election.rule in rules.DEPUTY_RULES
    return [n for n in NOMINATORS if n != ("主席团" if deputies else "政党团体")]


def person_choices() -> list[Choice]:
    """Anyone in the roster or registered outside it, as the presidium page offers them."""
    return [Choice(pid, label, label) for pid, label in presidium.person_choices()]


class OutsidePersonDialog(CheckedDialog):
    """A nominee who is in no delegation (a candidate for the court, say)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("新增不在名单中的人", parent)
        self.form.addRow(_note("代表团名单中没有的被提名人（如提名为法院院长的人选）在这里登记姓名。"))
        self.name = self.add_field("name", "姓名", QLineEdit())
        self.gender = self.add_field("gender", "性别", QComboBox())
        for text, value in (("男", "男"), ("女", "女"), ("未填", "")):
            self.gender.addItem(text, value)
        self.note = self.add_field("note", "备注", QLineEdit())
        self.note.setPlaceholderText("同名时必填，用于区别，如：区人民法院副院长")
        self.person_id: int | None = None
        self.submit = self._submit
        self.resize(440, self.sizeHint().height())

    def _submit(self) -> None:
        self.person_id = presidium.add_outside_person(self.name.text(), self.gender.currentData(),
                                                      self.note.text())

    def choice(self) -> Choice:
        """The person just registered, labelled as the services label everyone."""
        label = dict(presidium.person_choices()).get(self.person_id, self.name.text())
        return Choice(self.person_id or 0, label, label)


class NominationDialog(CheckedDialog):
    """One nomination paper: who nominates, whom, the signers of a joint one, when it came."""

    def __init__(self, election: ElectionRow, now: dt.datetime, deadline: dt.datetime | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"提名：{election.office}", parent)
        self.election = election
        self.deadline = deadline
        self.form.addRow(_note(f"{election.office}，应选 {election.seats} 人，{election.range_text}。"
                               f"一份提名的人数不得超过应选名额。"))
        if election.fixed_on is not None:
            self.form.addRow(_note(f"主席团已于{chinese_date(election.fixed_on)}确定候选人名单。", RED_STYLE))
        self.nominator = self.add_field("nominator", "提名方式", QComboBox())
        for key in allowed_nominators(election):
            self.nominator.addItem(NOMINATOR_TEXT.get(key, key), key)
        self.organisation = self.add_field("organisation", "提名的政党、团体", QLineEdit())
        self.organisation.setPlaceholderText("如：中共武汉市委")
        self.form.setRowVisible(self.organisation.parentWidget(), self.nominator.findData("政党团体") >= 0)
        self.received = self.add_field("received_at", "收到时间", date_time_edit(now))
        self.late_hint = _note("", HINT_STYLE)
        self.form.addRow("", self.late_hint)

        self.nominees = MultiPicker(person_choices(), placeholder="输入姓名中的字查找，回车加入",
                                    chosen_caption="被提名人")
        for view in (self.nominees.offer_view, self.nominees.chosen_view):
            view.setMinimumHeight(130)
            view.setMaximumHeight(200)
        self.new_person = QPushButton("新增不在名单中的人…")
        self.new_person.clicked.connect(self.add_outside_person)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.nominees)
        self.nominees.grid.addWidget(self.new_person, 2, 2)
        self.add_field("nominees", "被提名人", box)
        self._fields["nominees"] = self.nominees.search  # an error puts the cursor in the search line

        self.signers = self.add_field("signers", "联名代表",
                                      DelegatePicker(delegate_choices(), delegation_order(), with_lead=False))
        self.signers.set_minimum(rules.MIN_NOMINATORS, "代表联名提名")
        for view in (self.signers.offer_view, self.signers.chosen_view):
            view.setMinimumHeight(160)  # both pickers on one screen of 800 pixels
        for signal in (self.nominator.currentIndexChanged, self.received.dateTimeChanged):
            signal.connect(self._update)
        self._update()
        self.resize(820, self.sizeHint().height())

    def joint(self) -> bool:
        return self.nominator.currentData() == "代表联名"

    def _update(self, *_) -> None:
        self.organisation.setEnabled(self.nominator.currentData() == "政党团体")
        self.form.setRowVisible(self.signers.parentWidget(), self.joint())
        late = motion_rules.is_late(value_of(self.received), self.deadline)
        self.late_hint.setText(f"收到时间晚于提名候选人截止时间（{long_time(self.deadline)}），"
                               "提名无效。" if late else "")
        self.late_hint.setVisible(late)
        self.layout().activate()
        self.resize(self.width(), self.sizeHint().height())

    def add_outside_person(self) -> OutsidePersonDialog:
        dialog = OutsidePersonDialog(self)
        dialog.accepted.connect(lambda: self.nominees.add_offer(dialog.choice()))
        dialog.open()
        return dialog

    def value(self) -> NominationInput:
        joint = self.joint()
        return NominationInput(
            election_id=self.election.election_id, nominator=self.nominator.currentData(),
            nominee_person_ids=tuple(self.nominees.chosen_keys()),
            signer_member_ids=tuple(self.signers.chosen_keys()) if joint else (),
            organisation=self.organisation.text() if self.nominator.currentData() == "政党团体" else "",
            received_at=value_of(self.received))


class WithdrawNomineeDialog(CheckedDialog):
    """One nominee leaves: withdrawn by the nominators, or declining in writing; a reason is required."""

    def __init__(self, election: ElectionRow, now: dt.datetime, chosen: tuple[int, int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("撤回被提名人", parent)
        self.form.addRow(_note(election.office))
        self.nominee = self.add_field("nominee", "被提名人", QComboBox())
        for n in election.nominations:
            for person in n.active_nominees:
                self.nominee.addItem(f"{person.display}（{n.by}，{short_time(n.received_at)}收到）",
                                     (n.nomination_id, person.person_id))
        if chosen is not None:
            for i in range(self.nominee.count()):
                if tuple(self.nominee.itemData(i)) == chosen:
                    self.nominee.setCurrentIndex(i)
        self.at = self.add_field("at", "撤回时间", date_time_edit(now))
        self.reason = self.add_field("reason", "原因", QLineEdit())
        self.reason.setPlaceholderText("如：" + WITHDRAW_REASONS[0])
        completer = QCompleter(list(WITHDRAW_REASONS), self.reason)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.reason.setCompleter(completer)
        self.resize(600, self.sizeHint().height())

    def chosen(self) -> tuple[int, int]:
        data = self.nominee.currentData()
        if data is None:
            raise ServiceError("没有可撤回的被提名人。", "nominee")
        return tuple(data)

    def choose(self, nomination_id: int, person_id: int) -> bool:
        for i in range(self.nominee.count()):
            if tuple(self.nominee.itemData(i)) == (nomination_id, person_id):
                self.nominee.setCurrentIndex(i)
                return True
        return False


class WithdrawNominationDialog(CheckedDialog):
    """The nominators withdraw the whole paper: every nominee on it leaves."""

    def __init__(self, nomination: NominationRow, now: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__("撤回整份提名", parent)
        names = "、".join(n.display for n in nomination.active_nominees) or "（无）"
        self.form.addRow(_note(f"{nomination.by}（{short_time(nomination.received_at)}收到）\n"
                               f"撤回后以下被提名人不再是这份提名的人选：{names}", "color: #222222"))
        self.at = self.add_field("at", "撤回时间", date_time_edit(now))
        self.resize(520, self.sizeHint().height())


class FixListDialog(CheckedDialog):
    """主席团确定候选人名单: after it, no more nominations and no more withdrawals."""

    def __init__(self, election: ElectionRow, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__("确定候选人名单", parent)
        names = "、".join(c.display for c in election.candidates) or "（无）"
        self.form.addRow(_note(f"{election.office}，应选 {election.seats} 人，{election.range_text}。\n"
                               f"候选人 {len(election.candidates)} 人（以姓名笔画为序）：{names}",
                               "color: #222222"))
        if election.needs_preliminary:
            self.form.addRow(_note("被提名人多于规定的候选人数，须先进行预选，按预选结果确定候选人名单。",
                                   RED_STYLE))
        elif election.count_problem:
            self.form.addRow(_note(election.count_problem, RED_STYLE))
        self.form.addRow(_note("确定后不再接受提名，也不能再撤回提名；需要时可以重新开放。"))
        self.on = self.add_field("on", "确定日期", QDateEdit(QDate(today)))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy年M月d日")
        self.resize(560, self.sizeHint().height())

    def value(self) -> dt.date:
        return self.on.date().toPython()

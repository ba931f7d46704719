"""The roster's dialogs: a person, an ending, a delegation."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from meetingdesk.rules import mandates
from meetingdesk.rules.mandates import END_REASONS
from meetingdesk.rules.words import Role
from meetingdesk.services.roster import DelegationRow, MemberInput, MemberRow
from meetingdesk.store import ROLES
from meetingdesk.ui.common.dialogs import CheckedDialog, OptionalDateEdit

DELEGATE = Role.DELEGATE


START_CHOICES = (("换届选举", mandates.REELECTED), ("补选", mandates.BY_ELECTION))


def _day(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（日期不详）"


class MemberDialog(CheckedDialog):
    """A person in one role; for a delegate, how the mandate started (换届选举 or 补选 with its
    date, 选区 and the 常委会 meeting that confirmed it)."""

    def __init__(self, delegations: list[tuple[int, str]], row: MemberRow | None = None,
                 delegation_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("修改人员" if row else "添加人员", parent)
        self.row = row
        self.name = self.add_field("name", "姓名", QLineEdit())
        self.name.setPlaceholderText("如：王烁（不要加空格和“(女)”）")
        self.gender = self.add_field("gender", "性别", QComboBox())
        for text, value in (("男", "男"), ("女", "女"), ("未填", "")):
            self.gender.addItem(text, value)
        self.delegation = self.add_field("delegation", "代表团", QComboBox())
        for did, name in delegations:
            self.delegation.addItem(name, did)
        if row is not None and row.delegation_id is None:  # ended before the delegations were formed
            self.delegation.insertItem(0, "（未编团）", None)
        self.role = self.add_field("role", "身份", QComboBox())
        self.role.addItems(list(ROLES))
        self.work_title = self.add_field("work_title", "工作职务", QLineEdit())
        self.note = self.add_field("note", "备注", QLineEdit())
        self.note.setPlaceholderText("同名时必填，用于区别，如：区消防救援大队大队长")
        self.start_reason = self.add_field("start_reason", "资格开始", QComboBox())
        for text, value in START_CHOICES:
            self.start_reason.addItem(text, value)
        self.started_on = self.add_field("started_on", "资格开始日期", OptionalDateEdit())
        self.started_on.setToolTip("常委会确认补选代表资格的日期；此前的会议不计入其应到人数。")
        self.constituency = self.add_field("constituency", "选区", QLineEdit())
        self.constituency.setPlaceholderText("如：第三选区（补选的选区或选举单位）")
        self.confirmed_by = self.add_field("confirmed_by", "资格确认会议", QLineEdit())
        self.confirmed_by.setPlaceholderText("如：区十一届人大常委会第十三次会议")
        self.ended = QLabel()
        self.ended.setWordWrap(True)
        self.ended.setStyleSheet("color: #666666")
        self.form.addRow(self.ended)
        self.ended.hide()
        if row is not None:
            self.name.setText(row.name)
            self.gender.setCurrentIndex(self.gender.findData(row.gender))
            self.delegation.setCurrentIndex(self.delegation.findData(row.delegation_id))
            self.role.setCurrentText(row.role)
            self.work_title.setText(row.work_title)
            self.note.setText(row.note)
            self.start_reason.setCurrentIndex(max(0, self.start_reason.findData(row.start_reason)))
            self.started_on.set_value(row.started_on)
            self.constituency.setText(row.constituency)
            self.confirmed_by.setText(row.confirmed_by)
            if not row.serving:
                decision = f"（{row.end_decision}）" if row.end_decision else ""
                self.ended.setText(f"资格已于{_day(row.ended_on)}终止：{row.end_reason}{decision}。"
                                   "如终止有误，请在名单中“恢复资格”。")
                self.ended.show()
        elif delegation_id is not None:
            self.delegation.setCurrentIndex(self.delegation.findData(delegation_id))
        self.role.currentTextChanged.connect(self._show_mandate)
        self.start_reason.currentIndexChanged.connect(self._show_mandate)
        self._show_mandate()
        self.resize(460, self.sizeHint().height())

    def by_election(self) -> bool:
        return self.role.currentText() == DELEGATE and self.start_reason.currentData() == mandates.BY_ELECTION

    def _show_mandate(self) -> None:
        """资格开始 only for a delegate; its date, 选区 and confirming meeting only for 补选."""
        self.set_field_visible("start_reason", self.role.currentText() == DELEGATE)
        for key in ("started_on", "constituency", "confirmed_by"):
            self.set_field_visible(key, self.by_election())
        self.layout().activate()
        self.resize(self.width(), self.sizeHint().height())

    def value(self) -> MemberInput:
        if self.by_election():
            mandate = (self.started_on.value(), mandates.BY_ELECTION, self.constituency.text(),
                       self.confirmed_by.text())
        elif self.row is not None and self.row.start_reason != mandates.BY_ELECTION:
            # fields this dialog does not show for 换届 stay as they were (an import may carry them)
            mandate = (self.row.started_on, mandates.REELECTED, self.row.constituency, self.row.confirmed_by)
        else:
            mandate = (None, mandates.REELECTED, "", "")
        started_on, start_reason, constituency, confirmed_by = mandate
        return MemberInput(
            name=self.name.text(), gender=self.gender.currentData(), note=self.note.text(),
            work_title=self.work_title.text(), delegation_id=self.delegation.currentData(),
            role=self.role.currentText(), started_on=started_on, start_reason=start_reason,
            constituency=constituency, confirmed_by=confirmed_by)


class EndDialog(CheckedDialog):
    """The end of a mandate: its date, its ground as the 常委会 words it, and the decision (or
    公告) that ended it. Says beforehand which offices end with it (相应终止)."""

    def __init__(self, row: MemberRow, ending_offices: list[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(f"终止资格：{row.display}", parent)
        team = row.delegation or "（未编团）"
        started = f"补选，{_day(row.started_on)}起" if row.start_reason == mandates.BY_ELECTION else ""
        lines = [f"{team} {row.role} {row.display}" + (f"（{started}）" if started else ""),
                 "终止后仍保留记录：终止日期以前的会议照常计入，自终止日期起不再计入人数和名单。"]
        if ending_offices:
            lines.append(f"其担任的{'、'.join(ending_offices)}职务将相应终止。")
        intro = QLabel("\n".join(lines))
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.ended_on = self.add_field("ended_on", "终止日期", QDateEdit(QDate.currentDate()))
        self.ended_on.setCalendarPopup(True)
        self.ended_on.setDisplayFormat("yyyy年M月d日")
        self.reason = self.add_field("reason", "终止原因", QComboBox())
        self.reason.setEditable(True)
        self.reason.addItems(list(END_REASONS))
        self.reason.setToolTip("可从列表中选择，也可照常委会决定的措辞填写。")
        self.decision = self.add_field("decision", "终止决定", QLineEdit())
        self.decision.setPlaceholderText("如：区十一届人大常委会第十四次会议决定")
        self.decision.setToolTip("终止其代表资格的常委会决定或公告。")
        self.resize(480, self.sizeHint().height())

    def value(self) -> tuple[dt.date, str, str]:
        return self.ended_on.date().toPython(), self.reason.currentText(), self.decision.text()


class DelegationDialog(CheckedDialog):
    """Name, room, 团长 and 副团长 of one delegation; leaders chosen from its delegates."""

    def __init__(self, row: DelegationRow, delegates: list[MemberRow], parent: QWidget | None = None) -> None:
        super().__init__(f"代表团设置：{row.name}", parent)
        self.name = self.add_field("name", "名称", QLineEdit(row.name))
        self.room = self.add_field("room", "讨论地点", QLineEdit(row.room))
        self.head = self.add_field("head", "团长", QComboBox())
        self.head.addItem("（未定）", None)
        for m in delegates:
            self.head.addItem(m.display, m.member_id)
        if row.head:
            self.head.setCurrentIndex(self.head.findData(row.head.member_id))
        self.deputies = self.add_field("deputies", "副团长（可多选）", QListWidget())
        chosen = {d.member_id for d in row.deputies}
        for m in delegates:
            item = QListWidgetItem(m.display)
            item.setData(Qt.ItemDataRole.UserRole, m.member_id)
            item.setCheckState(Qt.CheckState.Checked if m.member_id in chosen else Qt.CheckState.Unchecked)
            self.deputies.addItem(item)
        self.deputies.setMinimumHeight(220)

    def value(self) -> dict:
        deputies = [self.deputies.item(i).data(Qt.ItemDataRole.UserRole)
                    for i in range(self.deputies.count())
                    if self.deputies.item(i).checkState() == Qt.CheckState.Checked]
        return {"name": self.name.text(), "room": self.room.text(),
                "head_id": self.head.currentData(), "deputy_ids": deputies}


class NewDelegationDialog(CheckedDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("新建代表团", parent)
        self.name = self.add_field("name", "名称", QLineEdit())
        self.name.setPlaceholderText("如：吴家山街代表团")
        self.room = self.add_field("room", "讨论地点", QLineEdit())

"""会议信息: the session's own fields."""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from meetingdesk.ui.common.dialogs import CheckedDialog


class SessionDialog(CheckedDialog):
    """The fields of a session: new (the file is chosen before) or the open one."""

    def __init__(self, info=None, parent: QWidget | None = None) -> None:
        super().__init__("会议信息" if info else "新建会议", parent)
        self.city = self.add_field("city", "所属市", QLineEdit())
        self.city.setPlaceholderText("如：武汉市（可不填）")
        self.region = self.add_field("region", "行政区", QLineEdit())
        self.region.setPlaceholderText("如：东西湖区")
        self.term = self.add_field("term", "届次（第几届）", QSpinBox())
        self.term.setRange(1, 99)
        self.number = self.add_field("number", "会议（第几次）", QSpinBox())
        self.number.setRange(1, 20)
        today = QDate.currentDate()
        self.start = self.add_field("start_date", "开幕日期", QDateEdit(today))
        self.end = self.add_field("end_date", "闭幕日期", QDateEdit(today.addDays(3)))
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy年M月d日")
        self.venue = self.add_field("venue", "会址", QLineEdit())
        self.statutory = self.add_field("statutory_delegates", "法定代表名额", QSpinBox())
        self.statutory.setRange(0, 5000)
        self.statutory.setSpecialValueText("（请填写）")  # 0 is refused: the number is to be filled in
        self.announced = self.add_field("announced_delegates", "公告的现有代表数", QSpinBox())
        self.announced.setRange(0, 5000)
        self.announced.setSpecialValueText("（未公告）")
        self.single_first = self.add_field(
            "single_name_first", "排序习惯", QCheckBox("同姓者单名在前（党代会名单的习惯）"))
        if info is not None:
            self.city.setText(info.city)
            self.region.setText(info.region)
            self.term.setValue(info.term)
            self.number.setValue(info.number)
            if info.start_date:
                self.start.setDate(QDate(info.start_date))
            if info.end_date:
                self.end.setDate(QDate(info.end_date))
            self.venue.setText(info.venue)
            self.statutory.setValue(info.statutory_delegates)
            self.announced.setValue(info.announced_delegates or 0)
            self.single_first.setChecked(info.single_name_first)

    def value(self) -> dict:
        return {
            "city": self.city.text().strip(), "region": self.region.text().strip(),
            "term": self.term.value(), "number": self.number.value(),
            "start_date": self.start.date().toPython(), "end_date": self.end.date().toPython(),
            "venue": self.venue.text().strip(), "statutory_delegates": self.statutory.value(),
            "announced_delegates": self.announced.value() or None,
            "single_name_first": self.single_first.isChecked(),
        }

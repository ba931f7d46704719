"""What a new, empty session tells the clerk to do first.

`WelcomePanel` shows while the open session has nobody on its roster: the steps in their
order — 会议信息 (title, dates, 法定代表名额), 新建代表团 (the import needs them), 导入名单 or
添加人员 — each with its button, and a 从上次会议新建 for a session that follows an earlier one.
Its buttons call what it is given (the main window's actions), so it knows no page. A step done
shows ✓ and what is there; the panel hides itself once someone is on the roster.

    panel = WelcomePanel(edit_session=..., new_delegation=..., import_roster=...,
                         add_member=..., carry_forward=...)
    panel.refresh()  # after every change: returns whether it is shown
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import roster, session

Action = Callable[[], object]

STYLE = ("#welcome { background: #eef5fc; border: 1px solid #9cc3e8; border-radius: 4px; }"
         " #welcome QLabel { background: transparent; }")
DONE = "✓"
GREY = "color: #555555"


def wanted() -> bool:
    """A session is open and nobody is on its roster: a new session, still to be prepared."""
    if not session.is_open():
        return False
    return not any(session.session_info().counts.values())


class WelcomePanel(QFrame):
    def __init__(self, *, edit_session: Action, new_delegation: Action, import_roster: Action,
                 add_member: Action | None = None, carry_forward: Action | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setStyleSheet(STYLE)
        self.setAccessibleName("新会议的准备步骤")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # the page keeps the rest
        title = QLabel("这是一个新建的会议，名单还是空的。请按顺序做好以下几件事：")
        title.setStyleSheet("font-size: 13pt; font-weight: bold")
        title.setWordWrap(True)

        self.steps = QGridLayout()
        self.steps.setHorizontalSpacing(12)
        self.steps.setColumnStretch(2, 1)
        self.info_button = self._button("会议信息…", edit_session)
        self.info_state = self._step(
            0, "核对会议名称、会期、会址和法定代表名额（在“会议”菜单中也可随时修改）。", [self.info_button])
        self.delegation_button = self._button("新建代表团…", new_delegation)
        self.delegation_state = self._step(
            1, "建立各代表团（名称和讨论地点）。导入的名单按“代表团”一列归入这里建立的代表团。",
            [self.delegation_button])
        self.import_button = self._button("导入名单…", import_roster)
        buttons = [self.import_button]
        self.add_button: QPushButton | None = None
        if add_member is not None:
            self.add_button = self._button("添加人员…", add_member)
            buttons.append(self.add_button)
        self.roster_state = self._step(
            2, "导入代表、列席人员和工作人员名单（Excel 或 CSV，列出姓名、代表团、身份），或逐个添加。", buttons)

        then = QLabel("名单建好后，再到左侧“主席团”“议程日程”“议案”“选举”各页继续准备；"
                      "“会议 ▸ 检查会议…”列出尚待完成的事项。")
        then.setWordWrap(True)
        then.setStyleSheet(GREY)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(title)
        layout.addLayout(self.steps)
        layout.addWidget(then)
        self.carry_button: QPushButton | None = None
        if carry_forward is not None:
            self.carry_button = self._button("从上次会议新建…", carry_forward)
            row = QHBoxLayout()
            carry = QLabel("本次会议接着上一次会议？可由上次会议的文件新建，代表团、名单和办法一并带入。")
            carry.setWordWrap(True)
            carry.setStyleSheet(GREY)
            row.addWidget(carry, 1)
            row.addWidget(self.carry_button)
            layout.addLayout(row)

    def sizeHint(self):  # noqa: N802 (Qt's name)
        """As tall as the text needs at the width it has (the page's layout asks no heightForWidth
        and would keep the height the wrapped lines take at a narrower width)."""
        hint = super().sizeHint()
        if self.width() > 0 and self.layout() is not None and self.layout().hasHeightForWidth():
            hint.setHeight(self.layout().totalHeightForWidth(self.width()))
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # a new width: a new height

    @staticmethod
    def _button(text: str, action: Action) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: action())
        return button

    def _step(self, row: int, text: str, buttons: list[QPushButton]) -> QLabel:
        number = QLabel(f"{row + 1}.")
        number.setStyleSheet("font-weight: bold")
        what = QLabel(text)
        what.setWordWrap(True)
        state = QLabel()
        state.setWordWrap(True)
        state.setStyleSheet("color: #1e6b30" if row < 2 else GREY)  # the last step is never done here
        box = QHBoxLayout()
        box.setSpacing(6)
        for button in buttons:
            box.addWidget(button)
        self.steps.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
        self.steps.addLayout(box, row, 1, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(0)
        column.addWidget(what)
        column.addWidget(state)
        self.steps.addLayout(column, row, 2)
        return state

    def refresh(self, info: session.SessionInfo | None = None) -> bool:
        """Read the session (INFO: as just read by the caller): each step's state; shown while the
        roster is empty (returned)."""
        if info is None and session.is_open():
            info = session.session_info()
        shown = info is not None and not any(info.counts.values())
        if shown:
            day = info.start_date
            dates = f"，{day.year}年{day.month}月{day.day}日开幕" if day else ""
            statutory = (f"，法定代表名额 {info.statutory_delegates} 人" if info.statutory_delegates
                         else "，法定代表名额尚未填写")  # a file from before 0 was refused
            done = f"{DONE} " if info.statutory_delegates else ""
            self.info_state.setText(f"{done}{info.full_title}{dates}{statutory}")
            teams = roster.delegation_choices()
            names = "、".join(name for _, name in teams[:6]) + ("等" if len(teams) > 6 else "")
            self.delegation_state.setText(f"{DONE} 已有 {len(teams)} 个代表团：{names}" if teams else "")
            self.delegation_state.setVisible(bool(teams))
            for button in (self.import_button, self.add_button):
                if button is not None:
                    button.setEnabled(bool(teams))
                    button.setToolTip("" if teams else "请先新建代表团。")
            self.roster_state.setText("" if teams else "（先完成第 2 步）")
        self.setVisible(shown)
        return shown

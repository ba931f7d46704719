"""会议 ▸ 代表补选情况…: the 常委会's own words on how and where the 补选 was held, which the
代表变动公告 prints before "开展了代表补选工作" (seed 000: the work plan, 11 个选举单位共 15 个选区)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from meetingdesk.services import session, settings
from meetingdesk.ui.common import page
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.undo import Command

TITLE = "代表补选情况"
KEY = settings.BY_ELECTION_WHERE


class EditWording(Command):
    AREAS = frozenset({page.SESSION})
    def __init__(self, before: str, after: str) -> None:
        super().__init__("修改代表补选情况")
        self.before, self.after = before, after

    def apply(self) -> None:
        settings.set_text(KEY, self.after, seen=self.before)

    def revert(self) -> None:
        settings.set_text(KEY, self.before, seen=self.after)


class ChangesDialog(CheckedDialog):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        hint = QLabel("代表变动公告中“开展了代表补选工作”之前的文字，按常委会的原话填写，如：按照《……补选工作实施方案》"
                      "安排，……11 个选举单位共 15 个选区。不填时公告列出登记的选区。")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.text = self.add_field(KEY, "补选情况", QPlainTextEdit())
        self.text.setPlainText(text)
        self.text.setMinimumSize(520, 140)

    def value(self) -> str:
        return self.text.toPlainText()


def edit_changes(parent: QWidget | None, undo_stack=None) -> ChangesDialog | None:
    if not session.is_open():
        warn(parent, TITLE, "还没有打开会议文件。")
        return None
    before = settings.get(KEY)
    dialog = ChangesDialog(before, parent)

    def submit() -> None:
        settings.set_text(KEY, dialog.value(), seen=before)
        after = settings.get(KEY)
        if after != before and undo_stack is not None:
            undo_stack.push(EditWording(before, after))

    dialog.submit = submit
    dialog.open()
    return dialog

"""会议 › 选举和表决办法…: the rules the session's own 办法 sets, edited as settings.

The re-vote and vacancy rules (each shown with the sentence it stands for), the three marks a
voter puts in the box right of a name or an item (printed on the 选票 and 表决票), and the
article of the 办法 each topic is cited by. The service checks everything (`session.set_bylaw`);
its error shows under the field at fault and the dialog keeps what was typed. One save is one
undoable command.
"""
from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from meetingdesk.rules import bylaw as bylaw_rules
from meetingdesk.rules.bylaw import TOPICS, Bylaw
from meetingdesk.services import ServiceError, session
from meetingdesk.ui.common import page
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.undo import Command

TITLE = "选举和表决办法"
INTRO = ("本次会议选举和表决办法中由会议自定的规则。选票、表决票上的填写说明和计票结果所引用的条款都取自这里；"
         "条款号不填的事项不引用条款。")
# (field, label, {rule: the sentence it stands for}); the write-in rule where the 办法 has one
RULES = [("revote_rule", "得票相等再次投票", bylaw_rules.REVOTE_RULES),
         ("vacancy_rule", "当选人数少于应选名额", bylaw_rules.VACANCY_RULES)]
if hasattr(bylaw_rules, "WRITE_IN_LISTED_RULES"):
    RULES.append(("write_in_listed", "另选人与候选人同名", bylaw_rules.WRITE_IN_LISTED_RULES))
MARKS = [("yes_mark", "赞成"), ("no_mark", "反对"), ("abstain_mark", "弃权")]
NO_MARK = "不作任何标记"
ARTICLE_HINT = "如 第十五条"
ARTICLE_COLUMNS = 2  # topic-and-article pairs across
GREY = "color: #555555"


class BylawDialog(CheckedDialog):
    def __init__(self, bylaw: Bylaw, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setStyleSheet(GREY)
        self.form.addRow(intro)

        self.rules: dict[str, QComboBox] = {}
        self.explained: dict[str, QLabel] = {}
        self._sentences: dict[str, dict[str, str]] = {}
        for key, label, rules in RULES:
            combo = QComboBox()
            for rule, sentence in rules.items():
                combo.addItem(rule, rule)
                combo.setItemData(combo.count() - 1, sentence, Qt.ItemDataRole.ToolTipRole)
            explained = QLabel()
            explained.setStyleSheet(GREY)
            explained.setWordWrap(True)
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(combo)
            row.addWidget(explained, 1)
            self.add_field(key, label, box)
            self._fields[key] = combo  # an error puts the cursor in the choice itself
            self.rules[key], self.explained[key], self._sentences[key] = combo, explained, rules
            combo.currentIndexChanged.connect(lambda _=0, k=key: self._explain(k))

        self.marks: dict[str, QLineEdit] = {}
        for key, label in MARKS:
            edit = QLineEdit()
            edit.setPlaceholderText(f"（{NO_MARK}）")
            edit.setFixedWidth(110)
            edit.setToolTip(f"表示{label}时在框内画的符号；留空表示{label}的{NO_MARK}")
            edit.textChanged.connect(self._show_marks)
            self.marks[key] = self.add_field(key, f"{label}的标记", edit)
        self.marks_preview = QLabel()
        self.marks_preview.setWordWrap(True)
        self.marks_preview.setStyleSheet(GREY)
        self.form.addRow("选票、表决票上印", self.marks_preview)

        self.articles: dict[str, QLineEdit] = {}
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        for n, (topic, what) in enumerate(TOPICS.items()):
            edit = QLineEdit()
            edit.setPlaceholderText(ARTICLE_HINT)
            edit.setFixedWidth(110)
            edit.setToolTip(f"办法中规定“{what}”的条款")
            caption = QLabel(what)
            caption.setBuddy(edit)
            row, column = divmod(n, ARTICLE_COLUMNS)
            grid.addWidget(caption, row, 2 * column)
            grid.addWidget(edit, row, 2 * column + 1)
            self.articles[topic] = edit
        grid.setColumnStretch(2 * ARTICLE_COLUMNS, 1)  # the rest of the width, right of the pairs
        self.add_field("articles", "办法条款", grid_box)

        self.set_value(bylaw)
        self.resize(self.sizeHint())

    # ------------------------------------------------------------ values

    def set_value(self, bylaw: Bylaw) -> None:
        for key, combo in self.rules.items():
            combo.setCurrentIndex(max(0, combo.findData(getattr(bylaw, key))))
            self._explain(key)
        for key, edit in self.marks.items():
            edit.setText(getattr(bylaw, key))
        for topic, edit in self.articles.items():
            edit.setText(bylaw.articles.get(topic, ""))
        self._show_marks()

    def value(self) -> dict:
        """What the clerk entered, as typed: the service checks it."""
        out: dict = {key: combo.currentData() for key, combo in self.rules.items()}
        out.update({key: edit.text() for key, edit in self.marks.items()})
        out["articles"] = {topic: edit.text() for topic, edit in self.articles.items()}
        return out

    def _explain(self, key: str) -> None:
        """The sentence the chosen rule stands for, beside it."""
        self.explained[key].setText(self._sentences[key].get(self.rules[key].currentData(), ""))

    def _show_marks(self) -> None:
        marks = {key: edit.text() for key, edit in self.marks.items()}
        self.marks_preview.setText(Bylaw(**marks).marks_text + "。")

    def show_error(self, exc: ServiceError) -> None:
        super().show_error(exc)
        if exc.field == "articles":  # the cursor to the article the message names
            for topic, what in TOPICS.items():
                if exc.message.startswith(f"{what}的条款"):
                    self.articles[topic].setFocus()
                    self.articles[topic].selectAll()
                    break


class EditBylaw(Command):
    """The dialog has written the settings. A Command, so that a step refused (another desk has
    changed the settings since) shows why and leaves the stack where it was."""
    AREAS = frozenset({page.SESSION})

    def __init__(self, before: Bylaw, after: Bylaw) -> None:
        super().__init__("修改选举和表决办法")
        self.before, self.after = before, after

    def apply(self) -> None:
        session.set_bylaw(**asdict(self.after), seen=self.before)

    def revert(self) -> None:
        session.set_bylaw(**asdict(self.before), seen=self.after)


def edit_bylaw(parent: QWidget | None, undo_stack: QUndoStack | None = None) -> BylawDialog | None:
    """Open the dialog on the session's settings (the 会议 menu's action); None with no session open."""
    if not session.is_open():
        warn(parent, TITLE, "还没有打开会议文件：请先新建或打开一个会议，再设置它的选举和表决办法。")
        return None
    before = session.bylaw()
    dialog = BylawDialog(before, parent)

    def submit() -> None:
        after = session.set_bylaw(**dialog.value(), seen=before)
        if after != before and undo_stack is not None:
            undo_stack.push(EditBylaw(before, after))

    dialog.submit = submit
    dialog.open()
    return dialog

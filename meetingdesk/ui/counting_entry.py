"""The 录入 tab of the 计票 page: choose a box and 第一遍 or 第二遍, type its tally sheet into
the form, 保存本遍. What is typed stays in the form until saved; switching away asks first."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from meetingdesk.services import ServiceError, counting, voting
from meetingdesk.services.counting import PollRow

from . import views
from .counting_form import SheetForm
from .counting_models import short_time
from .views import RED

ENTRY_NAMES = {1: "第一遍", 2: "第二遍"}
GREY_STYLE = "color: #555555"


def red_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"color: {RED}")
    label.setWordWrap(True)
    return label


class EntryTab(QWidget):
    """`show_poll` lays the form out for a poll (keeping unsaved figures of the same entry);
    `saved` carries the poll after a successful write."""

    saved = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.poll: PollRow | None = None
        self._loaded: tuple[int, int] | None = None  # (box_id, entry) the form shows
        self._done: dict[tuple[int, int], bool] = {}  # (box_id, entry) saved at least once
        self._quiet = False  # set while the page, not the clerk, changes the choosers

        self.box = QComboBox()
        self.box.currentIndexChanged.connect(self._entry_chosen)
        self.entry_group = QButtonGroup(self)
        entries = QHBoxLayout()
        entries.setSpacing(0)
        for entry, text in ENTRY_NAMES.items():
            button = QPushButton(text)
            button.setCheckable(True)
            button.setToolTip("两名计票人员各录一遍，两遍一致才计算结果")
            self.entry_group.addButton(button, entry)
            entries.addWidget(button)
        self.entry_group.button(1).setChecked(True)
        self.entry_group.idClicked.connect(self._entry_chosen)
        self.entry_state = QLabel()
        self.save_button = QPushButton("保存本遍")
        self.save_button.setToolTip("Ctrl+S；保存以前，录入的数不写入会议文件")
        self.save_button.clicked.connect(self.save_entry)
        top = QHBoxLayout()
        top.addWidget(QLabel("票箱"))
        top.addWidget(self.box)
        top.addSpacing(12)
        top.addLayout(entries)
        top.addSpacing(12)
        top.addWidget(self.entry_state, 1)
        top.addWidget(self.save_button)
        self.progress = QLabel()
        self.progress.setStyleSheet(GREY_STYLE)
        self.progress.setWordWrap(True)
        self.entry_error = red_label()
        self.entry_error.hide()
        self.lock_note = red_label()
        self.lock_note.hide()
        self.form = SheetForm()
        self.form.edited.connect(self._show_state)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.lock_note)
        layout.addWidget(self.entry_error)
        layout.addWidget(self.form, 1)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save_entry)

    # ------------------------------------------------------------ showing

    def show_poll(self, poll: PollRow | None, write_ins: dict[int, bool]) -> None:
        """Show POLL; the same entry of the same poll keeps what the clerk has typed."""
        old = self.poll
        if poll is None or old is None or poll.poll_id != old.poll_id \
                or (poll.elections, poll.items) != (old.elections, old.items):
            self.form.set_poll(poll, write_ins)
            self._loaded = None
        else:
            self.form.set_poll_row(poll)  # its present or 全体代表 may have changed: check again
        self.poll = poll
        self._fill_boxes()
        for widget in (self.box, self.save_button, *self.entry_group.buttons()):
            widget.setEnabled(poll is not None)
        locked = poll is not None and poll.confirmed_at is not None
        self.lock_note.setText(f"主席团已于{short_time(poll.confirmed_at)}确认本次计票结果，已锁定；"
                               "如需改正，请在“核对和结果”中用“更正…”并写明理由。" if locked else "")
        self.lock_note.setVisible(locked)
        if poll is None:
            self.form.clear()
            self.entry_state.setText("请先在上面新建或选择一次投票。")
            self.progress.setText("")
            return
        if not self.form.dirty or self._loaded != self._chosen():
            self._load()
        self._show_progress()
        self._show_state()

    def _fill_boxes(self) -> None:
        chosen = self.box.currentData()
        self._quiet = True
        try:
            self.box.clear()
            for b in voting.list_boxes():
                self.box.addItem(b.name, b.box_id)
            self.box.setCurrentIndex(max(0, self.box.findData(chosen)))
        finally:
            self._quiet = False

    def _show_progress(self) -> None:
        self._done = {(self.box.itemData(i), e): bool(counting.entered(self.poll.poll_id, self.box.itemData(i), e)[0])
                      for i in range(self.box.count()) for e in ENTRY_NAMES}
        parts = []
        for i in range(self.box.count()):
            box_id = self.box.itemData(i)
            marks = "、".join(f"{name}{'已录' if self._done[(box_id, e)] else '未录'}"
                             for e, name in ENTRY_NAMES.items())
            parts.append(f"{self.box.itemText(i)}：{marks}")
        self.progress.setText("录入情况　" + "；".join(parts))

    def _show_state(self, *_) -> None:
        if self._loaded is None:
            return
        if self.form.dirty:
            errors = len(self.form.errors())
            self.entry_state.setText(f"{self.entry_name()}：有未保存的录入" +
                                     (f"，{errors} 处票数不可能成立" if errors else ""))
            self.entry_state.setStyleSheet(f"color: {RED}")
            return
        done = self._done.get(self._loaded)
        self.entry_state.setText(f"{self.entry_name()}：" + ("已录入，显示的是保存的数" if done else "尚未录入"))
        self.entry_state.setStyleSheet(GREY_STYLE)

    def entry_name(self) -> str:
        """主席团票箱第一遍: the entry the form shows."""
        if self._loaded is None:
            return ""
        box_id, entry = self._loaded
        index = self.box.findData(box_id)
        return (self.box.itemText(index) if index >= 0 else "") + ENTRY_NAMES[entry]

    # ------------------------------------------------------------ choosing

    def may_leave(self) -> bool:
        """Typed figures live only in the form until saved: ask before throwing them away."""
        if not self.form.dirty:
            return True
        return views.confirm(self, "放弃未保存的录入", f"{self.entry_name()}录入的票数尚未保存，"
                             "切换后将不保留。确定放弃？", "放弃并切换")

    def _chosen(self) -> tuple[int, int] | None:
        box_id = self.box.currentData()
        return None if box_id is None else (box_id, self.entry_group.checkedId())

    def _entry_chosen(self, *_) -> None:
        if self._quiet or self._chosen() == self._loaded:
            return
        if not self.may_leave():
            self._quiet = True
            try:
                box_id, entry = self._loaded
                self.box.setCurrentIndex(self.box.findData(box_id))
                self.entry_group.button(entry).setChecked(True)
            finally:
                self._quiet = False
            return
        self._load()
        self._show_state()

    def _load(self) -> None:
        chosen = self._chosen()
        self.entry_error.hide()
        if self.poll is None or chosen is None:
            self._loaded = None
            self.form.clear()
            return
        self._loaded = chosen
        self.form.load(*counting.entered(self.poll.poll_id, *chosen))

    # ------------------------------------------------------------ saving

    def save_entry(self) -> bool:
        """Write this clerk's entry of this box in one call; a refusal (figures that cannot be
        among them) shows above the form, and the cursor goes to the first such figure."""
        if self.poll is None or self._loaded is None:
            return False
        box_id, entry = self._loaded
        try:
            papers, figures = self.form.value()
            counting.enter(self.poll.poll_id, box_id, entry, papers, figures)
        except ServiceError as exc:
            errors = len(self.form.errors())
            if exc.field == "figures" and errors and exc.message.startswith("票数不可能成立"):
                # each is marked at its cell and listed under the form: the page says so once
                text = (f"{self.entry_name()}：票数不可能成立，未保存。{errors} 处已在格中标红、列在表下"
                        "（鼠标停在格上可看说明），改正后再保存。")
            else:
                text = exc.message
            self.entry_error.setText(text)
            self.entry_error.show()
            self.form.focus_first_error()
            return False
        self.entry_error.hide()
        self.form.mark_clean()
        self.saved.emit(self.poll.poll_id)
        return True

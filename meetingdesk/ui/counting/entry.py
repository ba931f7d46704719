"""The 录入 tab of the 计票 page: choose a box and 第一遍 or 第二遍, type its tally sheet into
the form, 保存本遍. What is typed is not a pass until saved; switching away asks first.

What is typed is kept in the session file as a draft (services.drafts) as it is typed: written
DRAFT_DELAY ms after the last change, and at once when the focus leaves the tab, the tab is hidden
or the window asks before closing (unsaved.confirm_leave). The draft comes back when its poll and
pass are shown again, even after a crash; it is gone when the pass is saved or the clerk 放弃s it.
The count and the results never read it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, counting, drafts, session, voting
from meetingdesk.services.counting import PollRow
from meetingdesk.ui.common import views
from meetingdesk.ui.common.unsaved import Drafted
from meetingdesk.ui.common.views import RED
from meetingdesk.ui.counting.form import SheetForm
from meetingdesk.ui.counting.models import short_time

ENTRY_NAMES = drafts.PASS_NAMES  # {1: "第一遍", 2: "第二遍"}
DRAFT_DELAY = 300  # ms after the last change the draft is written
GREY_STYLE = "color: #555555"


def red_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"color: {RED}")
    label.setWordWrap(True)
    return label


class EntryTab(QWidget):
    """`show_poll` lays the form out for a poll (keeping unsaved figures of the same entry);
    `saved` carries the poll after a successful write; `now` is the clock of the drafts."""

    saved = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        self.writable = True  # this desk may enter counts (the page follows its rights)
        self.poll: PollRow | None = None
        self._loaded: tuple[int, int] | None = None  # (box_id, entry) the form shows
        self._seen: tuple | None = None  # the pass as loaded: what this desk saw before saving
        self._done: dict[tuple[int, int], bool] = {}  # (box_id, entry) saved at least once
        self._quiet = False  # set while the page, not the clerk, changes the choosers
        self._path: str | None = None  # where the form's poll is, file or server (current_location): drafts go there
        self._restored: dt.datetime | None = None  # the time of the draft the form was filled from
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY)
        self.draft_timer.timeout.connect(self._write_draft)

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
        self.discard_button = QPushButton("放弃录入")
        self.discard_button.setToolTip("放弃本遍未保存的录入（连同会议文件中的草稿），显示已保存的数")
        self.discard_button.clicked.connect(self.discard_entry)
        top = QHBoxLayout()
        top.addWidget(QLabel("票箱"))
        top.addWidget(self.box)
        top.addSpacing(12)
        top.addLayout(entries)
        top.addSpacing(12)
        top.addWidget(self.entry_state, 1)
        top.addWidget(self.discard_button)
        top.addWidget(self.save_button)
        self.progress = QLabel()
        self.progress.setStyleSheet(GREY_STYLE)
        self.progress.setWordWrap(True)
        self.entry_error = red_label()
        self.entry_error.hide()
        self.lock_note = red_label()
        self.lock_note.hide()
        self.form = SheetForm()
        self.form.edited.connect(self._edited)
        QApplication.instance().focusChanged.connect(self._focus_moved)

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
        fresh = poll is None or old is None or poll.poll_id != old.poll_id \
            or (poll.elections, poll.items) != (old.elections, old.items)
        if fresh:
            self.write_draft()  # a write pending for the poll shown until now
            self.form.set_poll(poll, write_ins)
            self._loaded = None
        else:
            self.form.set_poll_row(poll)  # its present or 全体代表 may have changed: check again
        self.poll = poll
        self._path = session.current_location()
        self._fill_boxes()
        if fresh and poll is not None:
            self._choose_draft(poll.poll_id)
        for widget in (self.box, self.save_button, *self.entry_group.buttons()):
            widget.setEnabled(poll is not None)
        self.discard_button.setEnabled(False)
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
        self.discard_button.setEnabled(self._loaded is not None and self.form.dirty)
        if self._loaded is None:
            return
        if self.form.dirty:
            errors = len(self.form.errors())
            if self._restored is not None:
                text = f"{self.entry_name()}：已恢复 {short_time(self._restored)} 未保存的录入，保存本遍后才计入"
            else:
                text = f"{self.entry_name()}：有未保存的录入"
            self.entry_state.setText(text + (f"，{errors} 处票数不可能成立" if errors else ""))
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
        """Typed figures are not a pass until saved: ask before throwing them away (and their
        draft with them)."""
        if not self.form.dirty:
            return True
        if not views.confirm(self, "放弃未保存的录入", f"{self.entry_name()}录入的票数尚未保存，"
                             "切换后将不保留。确定放弃？", "放弃并切换"):
            return False
        self._drop_draft()
        return True

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
        """Show the chosen pass as saved, or its draft where there is one."""
        chosen = self._chosen()
        self.write_draft()  # a write pending for the pass shown until now
        self.entry_error.hide()
        self._restored = None
        if self.poll is None or chosen is None:
            self._loaded = None
            self.form.clear()
            return
        self._loaded = chosen
        self._seen = counting.entered(self.poll.poll_id, *chosen)  # another desk's save since is refused
        self.form.load(*self._seen)
        if self.poll.confirmed_at is None:
            draft = drafts.load(drafts.tally_key(self.poll.poll_id, *chosen))
            if draft is not None:
                self.form.restore(draft.data)
                self._restored = draft.saved or self.now()

    def _choose_draft(self, poll_id: int) -> None:
        """A poll shown afresh opens on its pass typed and not saved, if it has one."""
        found = drafts.tally_drafts(poll_id)
        if not found:
            return
        latest = found[0]
        index = self.box.findData(latest.box_id)
        if index < 0:
            return
        self._quiet = True
        try:
            self.box.setCurrentIndex(index)
            self.entry_group.button(latest.entry).setChecked(True)
        finally:
            self._quiet = False

    def reset(self) -> None:
        """Another session file is open: forget the form's poll (its drafts stay in the old file)."""
        self.draft_timer.stop()
        self.poll = None
        self._loaded = None
        self._restored = None
        self._path = None
        self.form.set_poll(None)

    # ------------------------------------------------------------ drafts

    def _draftable(self) -> bool:
        """Figures typed that can become a pass: kept as a draft, in the file the poll is in."""
        return (self.poll is not None and self._loaded is not None and self.form.dirty
                and self.poll.confirmed_at is None and self._path is not None
                and session.current_location() == self._path)

    def draft_key(self) -> str | None:
        if self.poll is None or self._loaded is None:
            return None
        return drafts.tally_key(self.poll.poll_id, *self._loaded)

    def _edited(self) -> None:
        self._show_state()
        if self._draftable():
            self.draft_timer.start()  # again: written once the clerk pauses

    def write_draft(self) -> bool:
        """Write now the draft that waits for the clerk's pause, if one does; False if the file
        refused it (said above the form)."""
        return self._write_draft() if self.draft_timer.isActive() else True

    def _write_draft(self) -> bool:
        self.draft_timer.stop()
        if not self._draftable():
            return True
        try:
            drafts.save(self.draft_key(), self.form.draft(), self.now())
        except ServiceError as exc:
            self.entry_error.setText(f"{self.entry_name()}：录入未能暂存到会议文件（{exc.message}），"
                                     "请尽快保存本遍。")
            self.entry_error.show()
            return False
        return True

    def _drop_draft(self) -> None:
        """The clerk lets the typed figures go: the draft goes with them."""
        self.draft_timer.stop()
        key = self.draft_key()
        if key is not None and self._path is not None and session.current_location() == self._path:
            try:
                drafts.discard(key)
            except ServiceError as exc:
                self.entry_error.setText(f"草稿未能删除：{exc.message}")
                self.entry_error.show()
        self._restored = None

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """The focus leaves the tab (another page, a menu, the window losing it): write at once."""
        if self.draft_timer.isActive() and old is not None and self.isAncestorOf(old) \
                and (new is None or not self.isAncestorOf(new)):
            self.write_draft()

    def hideEvent(self, event) -> None:
        try:
            self.write_draft()
        except RuntimeError:
            pass  # the program taken down with a write pending: its widgets are already gone
        super().hideEvent(event)

    def discard_entry(self) -> bool:
        """放弃录入: the pass shows as saved again, and its draft is gone."""
        if self._loaded is None or not self.form.dirty:
            return False
        if not views.confirm(self, "放弃录入", f"放弃{self.entry_name()}未保存的录入？\n"
                             "会议文件中的草稿一并删除，表中恢复为已保存的数。", "放弃"):
            return False
        self._drop_draft()
        self._load()
        self._show_state()
        return True

    # ------------------------------------------------------------ unsaved work (unsaved.confirm_leave)

    def describe(self) -> str:
        """计票：第三次全体会议选举和表决 主席团票箱第一遍录入（未保存）"""
        return drafts.tally_description(self.poll.title, self.entry_name())

    def unsaved(self) -> list[str]:
        """The passes typed and not saved: the form's, and the drafts of other passes in the file."""
        if not session.is_open():
            return []
        found: list[str] = []
        current = self.draft_key() if self._draftable() else None
        if current is not None:
            found.append(Drafted(self.describe()))
        found += [Drafted(d.description) for d in drafts.tally_drafts() if d.key != current]
        return found

    def save_unsaved(self) -> bool:
        """Leaving: the draft pending its short wait is written now."""
        return self.write_draft()

    def discard_unsaved(self) -> None:
        """Leaving without them: every pass's draft is deleted, the form shows what is saved."""
        self.draft_timer.stop()
        if not session.is_open():
            return
        try:
            drafts.discard_all(drafts.tally_prefix())
        except ServiceError as exc:
            self.entry_error.setText(f"草稿未能删除：{exc.message}")
            self.entry_error.show()
            return
        if self._loaded is not None and self.form.dirty:
            self._load()
            self._show_state()

    # ------------------------------------------------------------ saving

    def may_save(self) -> bool:
        return self.writable and self.poll is not None and self._loaded is not None

    def save_entry(self) -> bool:
        """Write this clerk's entry of this box in one call; a refusal (figures that cannot be
        among them) shows above the form, and the cursor goes to the first such figure."""
        if not self.may_save():  # Ctrl+S at a desk that may not count, too
            return False
        box_id, entry = self._loaded
        try:
            self.write_draft()  # kept should the pass be refused
            papers, figures = self.form.value()
            drafts.enter_tally(self.poll.poll_id, box_id, entry, papers, figures,  # the draft goes with it
                               seen=self._seen)
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
        self._restored = None
        self.form.mark_clean()
        self.saved.emit(self.poll.poll_id)
        return True

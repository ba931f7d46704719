"""往次缺席: earlier sessions a delegate missed without leave, and those who have now missed two.

Two absences from sessions of this congress without leave end a mandate: the flagged
delegates show in red, here and under the count on the check-in tab.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, attendance, roster, session
from meetingdesk.services.attendance import SessionLine
from meetingdesk.ui.attendance.dialogs import PriorDialog, earlier_session
from meetingdesk.ui.attendance.models import FlagsModel, PriorModel
from meetingdesk.ui.common import views
from meetingdesk.ui.common.views import RED, current_row, select_row, sort_proxy, table_view

FLAG_TEXT = "两次未经批准不出席本级人民代表大会会议"


def flags_text(flags: list[SessionLine]) -> str:
    if not flags:
        return ""
    names = "、".join(f"{f.row.display}（{f.row.delegation}）" for f in flags[:10])
    more = f"等 {len(flags)} 人" if len(flags) > 10 else f"共 {len(flags)} 人"
    return f"{FLAG_TEXT}：{names}{more}。"


class PriorTab(QWidget):
    """`refresh()` re-reads; `written` follows every write; `message` reports a refusal."""

    written = Signal()
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writable = True  # the page follows this desk's rights
        self.prior = PriorModel(self)
        self.prior_sort = sort_proxy(self.prior, self)
        self.prior_view = table_view(self.prior_sort)
        self.add_button = QPushButton("添加…")
        self.remove_button = QPushButton("删除")
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button.clicked.connect(self.remove)
        self.prior_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()

        self.flags = FlagsModel(self)
        self.flags_sort = sort_proxy(self.flags, self)
        self.flags_view = table_view(self.flags_sort)
        self.flags_caption = QLabel()
        self.flags_caption.setStyleSheet(f"color: {RED}; font-weight: bold")
        self.flags_caption.setWordWrap(True)

        upper = QWidget()
        top = QVBoxLayout(upper)
        top.setContentsMargins(0, 0, 0, 0)
        intro = QLabel("本届以往各次会议中未经批准缺席的代表（本次会议的缺席由签到记录，不在此填写）。")
        intro.setStyleSheet("color: #555555")
        top.addWidget(intro)
        top.addWidget(self.prior_view, 1)
        top.addLayout(buttons)
        lower = QWidget()
        bottom = QVBoxLayout(lower)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.flags_caption)
        bottom.addWidget(self.flags_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setSizes([360, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_buttons()

    def refresh(self, flags: list[SessionLine] | None = None) -> None:
        current = current_row(self.prior_view)
        self.prior.set_rows(attendance.list_prior())
        self.show_flags(attendance.unexcused_flags() if flags is None else flags)
        if current is not None:
            self.select_prior(current.prior_id)
        self._update_buttons()

    def show_flags(self, flags: list[SessionLine]) -> None:
        self.flags.set_rows(flags)
        self.flags_caption.setText(f"{FLAG_TEXT}（{len(flags)} 人）" if flags else
                                   "没有两次未经批准缺席的代表。")
        self.flags_caption.setStyleSheet(f"color: {RED}; font-weight: bold" if flags else "color: #555555")

    def select_prior(self, prior_id: int) -> bool:
        source = self.prior.index_by("prior_id", prior_id)
        if not source.isValid():
            return False
        index = self.prior_sort.mapFromSource(source)
        select_row(self.prior_view, index)
        self.prior_view.scrollTo(index)
        return True

    def select_person(self, person_id: int) -> bool:
        """The person's first earlier absence, else their flag; False when neither is listed."""
        source = self.prior.index_by("person_id", person_id)
        if source.isValid():
            index = self.prior_sort.mapFromSource(source)
            select_row(self.prior_view, index)
            self.prior_view.scrollTo(index)
            return True
        for i, line in enumerate(self.flags.rows()):
            if line.row.person_id == person_id:
                index = self.flags_sort.mapFromSource(self.flags.index(i, 0))
                select_row(self.flags_view, index)
                self.flags_view.scrollTo(index)
                return True
        return False

    def _update_buttons(self, *_) -> None:
        self.remove_button.setEnabled(current_row(self.prior_view) is not None)

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def add(self, person_id: int | None = None) -> PriorDialog | None:
        if not self.writable:
            return None
        choices = [(m.person_id, f"{m.display}（{m.delegation}）") for m in roster.list_members(role=Role.DELEGATE)]
        info = session.session_info()
        if person_id is None:
            row = current_row(self.prior_view)
            person_id = row.person_id if row else None
        dialog = PriorDialog(choices, earlier_session(info.term, info.number), person_id, self)
        added: list[int] = []

        def submit() -> None:
            added.append(attendance.add_prior(*dialog.value()))

        def done() -> None:
            self.refresh()
            if added:
                self.select_prior(added[-1])
            self.written.emit()

        dialog.submit = submit
        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def remove(self) -> None:
        row = current_row(self.prior_view)
        if row is None or not self.writable or not views.confirm(
                self, "删除往次缺席", f"删除“{row.name}未经批准缺席{row.session}”这一记录？", "删除"):
            return
        try:
            attendance.remove_prior(row.prior_id)
        except ServiceError as exc:
            self.message.emit(exc.message)
        self.refresh()
        self.written.emit()

"""建议办理 page: the life of the session's suggestions after it — taken over from the motion register
or registered between sessions, screened, put in a field, marked 重点, handed to units of the
session's list, answered round by round and rated by the delegate.

Everything is read from and written through services.suggestions; the table and the history are
models over its rows. Every edit is one undoable command (ui.suggestions.commands); an edit of
some suggestions reads those rows again, not the whole list."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules import suggestions as rules
from meetingdesk.services import ServiceError, output, session, suggestions
from meetingdesk.services.suggestions import AssignmentRow, ReplyRow, SuggestionRow
from meetingdesk.ui.common import page
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.page_heading import PageHeading
from meetingdesk.ui.common.undo import Command
from meetingdesk.ui.common.views import current_row, select_row, table_view
from meetingdesk.ui.suggestions import commands, exchange
from meetingdesk.ui.suggestions.dialogs import (
    AssignDialog, DueDefaultsDialog, FieldDialog, KeyDialog, ListDialog, RateDialog, ReplyDialog, ScreenDialog,
    SuggestionDialog,
)
from meetingdesk.ui.suggestions.models import (
    HistoryLine, HistoryModel, SuggestionsModel, details_html,
)

# The papers of this page, offered once printing's CATALOGUE has them (greyed until then).
PAPERS = (("handling_list", "交办清单"), ("handling_report_stats", "建议办理情况统计"))
NOTICE_STYLE = "color: #1b5e20"
# An edit of more suggestions than this reads the whole list again (one query) rather than each.
REREAD_AT_MOST = 50


class SuggestionsPage(page.Page):
    """`refresh()` re-reads everything; `today` is the clock the states (逾期) are reckoned by."""

    TITLE = "建议办理"
    SHOWS = frozenset({page.MOTIONS, page.ROSTER, page.SESSION})
    CHANGES = commands.AREAS
    TARGETS = ("suggestion",)

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.today: Callable[[], dt.date] = dt.date.today
        self._local = False  # the page has shown its own edit: the window's notice of it is not a re-read
        self.refreshes = 0

        self.heading = PageHeading("建议办理", PAPERS, self)
        self.print_button, self.print_menu = self.heading.print_button, self.heading.print_menu

        self.model = SuggestionsModel(self)
        self.proxy = self.model  # the model filters and sorts itself (thousands of rows)
        self.view = table_view(self.model, fitted=False)  # _size_columns
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setWordWrap(False)
        self._size_columns()
        self.view.doubleClicked.connect(self.edit)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self._build_filters())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self._build_handling())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([330, 220])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_buttons())
        self._show_current()

    # ------------------------------------------------------------ building

    def _size_columns(self) -> None:
        """Widths from what the columns hold at most (not measured over thousands of rows); the
        title takes what is left, a long unit list or delegation is elided (whole on hover)."""
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SuggestionsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.view.fontMetrics()
        widest = {SuggestionsModel.NUMBER: "建议第999号", SuggestionsModel.PERIOD: "会议期间",
                  SuggestionsModel.LEAD: "欧阳晓明(女)", SuggestionsModel.DELEGATION: "将军路街代表团",
                  SuggestionsModel.FIELD: "城建城管", SuggestionsModel.KEY: "重点",
                  SuggestionsModel.UNITS: "区交通运输局（主办）、区公",
                  SuggestionsModel.DUE: "2024-07-31", SuggestionsModel.STATE: "退回修改",
                  SuggestionsModel.RATING: "基本满意"}
        for column, sample in widest.items():
            heading = SuggestionsModel.headers[column]
            header.resizeSection(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(heading)) + 14)

    def _filter_combo(self, everything: str, values: Sequence[str], setter) -> QComboBox:
        """A filter: EVERYTHING (no filter) then VALUES; a choice calls SETTER with its value."""
        combo = QComboBox()
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(value, value)
        combo.currentIndexChanged.connect(lambda: self._filtered(setter, combo.currentData()))
        return combo

    def _build_filters(self) -> QHBoxLayout:
        self.period_filter = self._filter_combo("全部期间", rules.PERIODS, self.model.set_period)
        self.unit_filter = self._filter_combo("全部承办单位", (), self.model.set_unit)  # units: _fill_units
        self.unit_filter.setMinimumContentsLength(12)
        self.unit_filter.setMaxVisibleItems(25)
        self.state_filter = self._filter_combo("全部状态", rules.STATES, self.model.set_state)
        self.search = QLineEdit()
        self.search.setPlaceholderText("按编号、标题、代表、代表团、领域或承办单位查找")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._filtered(self.model.set_filter, text))
        self.counts = QLabel()
        self.counts.setStyleSheet("font-weight: bold")
        filters = QHBoxLayout()
        for combo in (self.period_filter, self.unit_filter, self.state_filter):
            filters.addWidget(combo)
        filters.addWidget(self.search, 1)
        filters.addSpacing(12)
        filters.addWidget(self.counts)
        return filters

    def _build_handling(self) -> QWidget:
        """The selected suggestion: what is recorded of it (left), its units and their replies
        round by round (right), with the actions on a reply."""
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setMinimumWidth(260)
        self.history = HistoryModel(self)
        self.history_view = table_view(self.history, sortable=False)
        self.history_view.setWordWrap(False)
        self.history_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.history_view.doubleClicked.connect(self._history_activated)
        self.history_caption = QLabel("承办单位和答复记录")
        self.history_caption.setStyleSheet("font-weight: bold")
        self.reply_button = QPushButton("录入答复…")
        self.rate_button = QPushButton("评价…")
        self.attachment_button = QPushButton("另存附件…")
        self.reply_button.clicked.connect(self.record_reply)
        self.rate_button.clicked.connect(self.rate)
        self.attachment_button.clicked.connect(lambda: self.save_attachment())
        top = QHBoxLayout()
        top.addWidget(self.history_caption)
        top.addStretch()
        for b in (self.reply_button, self.rate_button, self.attachment_button):
            top.addWidget(b)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.history_view, 1)
        box = QSplitter(Qt.Orientation.Horizontal)
        box.addWidget(self.details)
        box.addWidget(right)
        box.setStretchFactor(0, 2)
        box.setStretchFactor(1, 5)
        box.setSizes([340, 850])
        return box

    def _build_buttons(self) -> QHBoxLayout:
        self.take_over_button = QPushButton("接收会议期间建议")
        self.take_over_button.setToolTip("从议案页接收会议期间的建议和转为代表建议的议案（每件只接收一次）")
        self.register_button = QPushButton("登记闭会建议…")
        self.edit_button = QPushButton("修改…")
        self.screen_button = QPushButton("受理/退回修改…")
        self.field_button = QPushButton("领域…")
        self.key_button = QPushButton("设为重点…")
        self.assign_button = QPushButton("交办…")
        self.take_over_button.clicked.connect(self.take_over)
        self.register_button.clicked.connect(self.register)
        self.edit_button.clicked.connect(self.edit)
        self.screen_button.clicked.connect(self.screen)
        self.field_button.clicked.connect(self.set_field)
        self.key_button.clicked.connect(self.set_key)
        self.assign_button.clicked.connect(self.assign)
        self.lists_button = QToolButton()
        self.lists_button.setText("名单和期限")
        self.lists_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.lists_button)
        menu.addAction("单位名单…", lambda: self.edit_list("unit"))
        menu.addAction("领域名单…", lambda: self.edit_list("field"))
        menu.addAction("答复期限…", self.edit_due_defaults)
        menu.addSeparator()
        menu.addAction("导出交办清单…", lambda: self.export_assignments())
        menu.addAction("导入答复…", lambda: self.import_replies())
        self.lists_button.setMenu(menu)
        self.lists_menu = menu
        self.notice = QLabel()
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.take_over_button, self.register_button, self.edit_button, self.screen_button,
                  self.field_button, self.key_button, self.assign_button, self.lists_button):
            buttons.addWidget(b)
        buttons.addSpacing(12)
        buttons.addWidget(self.notice, 1)
        return buttons

    # ------------------------------------------------------------ reading

    def edit_controls(self) -> list:
        writing = ("单位名单…", "领域名单…", "答复期限…", "导入答复…")  # 导出交办清单 only reads
        return [self.take_over_button, self.register_button, self.edit_button, self.screen_button,
                self.field_button, self.key_button, self.assign_button, self.reply_button, self.rate_button,
                *(a for a in self.lists_menu.actions() if a.text() in writing)]

    def refresh(self) -> None:
        """Read every suggestion again; keep the filters, the chosen rows and the current one."""
        if not session.is_open():
            return
        self.refreshes += 1
        current, chosen = self.current_id(), self.selected_ids()
        today = self.today()
        self.model.set_data(suggestions.list_suggestions(today=today), today)
        self._fill_units()
        self._restore_selection(chosen, current)
        self._show_counts()
        self._show_current()

    def _fill_units(self) -> None:
        wanted = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem("全部承办单位", None)
        for u in suggestions.list_units():
            self.unit_filter.addItem(u.name, u.unit_id)
        at = self.unit_filter.findData(wanted)
        self.unit_filter.setCurrentIndex(max(0, at))
        self.unit_filter.blockSignals(False)
        if at < 0 and wanted is not None:  # the unit left the list
            self.model.set_unit(None)

    def _reread(self, ids: Sequence[int]) -> None:
        """These suggestions changed (an edit, its undo): read them, repaint their lines."""
        if self.stale or not session.is_open():
            return
        if len(ids) > REREAD_AT_MOST:
            self.refresh()
            return
        current, chosen = self.current_id(), self.selected_ids()
        today = self.today()
        try:
            rows = [suggestions.get_suggestion(i, today) for i in ids]
        except ServiceError:  # one is gone: read them all
            self.refresh()
            return
        if not self.model.replace(rows):
            self.refresh()
            return
        if self.current_id() != current or set(self.selected_ids()) != set(chosen):
            self._restore_selection(chosen, current)  # a line the filters hid came back, or went
        self._show_counts()
        self._show_current()

    def _stepped(self, ids: Sequence[int] | None) -> None:
        """撤销/重做 of an edit of IDS (None: of the list) was written: show it; the window's
        notice that follows is then not another re-read (outside a window nobody sends it). A
        page not on screen is left to that notice: it reads when next shown."""
        if self.stale or (ids is None and not self.isVisible()):
            return
        if ids is None:
            self.refresh()
        else:
            self._reread(ids)
        self._local = True
        QTimer.singleShot(0, self._forget_local)

    def _forget_local(self) -> None:
        self._local = False

    def mark_stale(self) -> None:
        if self._local:
            self._local = False
            return
        super().mark_stale()

    def _show_counts(self) -> None:
        rows = self.model.all_rows()
        by_period = {p: sum(1 for r in rows if r.period == p) for p in rules.PERIODS}
        late = sum(1 for r in rows if r.state == rules.OVERDUE)
        text = f"共 {len(rows)} 件（" + "、".join(f"{p} {n}" for p, n in by_period.items()) + "）"
        if late:
            text += f"　逾期 {late} 件"
        if self.model.filtering():
            text = f"显示 {self.proxy.rowCount()} 件 / " + text
        self.counts.setText(text)

    def _filtered(self, setter, value) -> None:
        """A filter changed: the rows shown anew, those chosen before still chosen if shown."""
        current, chosen = self.current_id(), self.selected_ids()
        setter(value)
        self._restore_selection(chosen, current)
        self._show_counts()
        self._show_current()

    def _restore_selection(self, ids: Sequence[int], current: int | None) -> None:
        selection = QItemSelection()
        for sid in ids:
            index = self.model.index_of(sid)
            if index.isValid():
                selection.select(index, index)
        model = self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        model.select(selection, flags)
        if current is not None:
            index = self.model.index_of(current)
            if index.isValid():
                model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    # ------------------------------------------------------------ what is chosen

    def current(self) -> SuggestionRow | None:
        return current_row(self.view)

    def current_id(self) -> int | None:
        row = self.current()
        return row.suggestion_id if row else None

    def selected(self) -> list[SuggestionRow]:
        """The rows chosen (several for the bulk actions), in the table's order; else the current one."""
        indexes = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        rows = [self.model.row_at(i.row()) for i in indexes]
        if not rows and self.current() is not None:
            rows = [self.current()]
        return rows

    def selected_ids(self) -> list[int]:
        return [r.suggestion_id for r in self.selected()]

    def select(self, suggestion_id: int) -> bool:
        """Make SUGGESTION_ID the current and only chosen row, clearing filters that hide it."""
        if not self.model.holds(suggestion_id):
            return False
        index = self.model.index_of(suggestion_id)
        if not index.isValid():  # hidden by the filters: show everything again
            for combo in (self.period_filter, self.unit_filter, self.state_filter):
                combo.setCurrentIndex(0)
            self.search.clear()
            index = self.model.index_of(suggestion_id)
        select_row(self.view, index)
        self.view.scrollTo(index)
        self._show_current()
        return True

    def select_many(self, ids: Sequence[int]) -> None:
        """Choose several rows (as a clerk's Ctrl+click does)."""
        self._restore_selection(ids, ids[0] if ids else None)
        self._show_current()

    def focus(self, target: tuple[str, object] | None) -> bool:
        """Show a problem's target: ("suggestion", suggestion_id)."""
        if not target or target[0] != "suggestion" or not isinstance(target[1], int):
            return False
        return self.select(target[1])

    def history_line(self) -> HistoryLine | None:
        index = self.history_view.currentIndex()
        return self.history.row_at(index.row()) if index.isValid() else None

    def select_history(self, unit: str, round_: int | None = None) -> bool:
        """Make the line of UNIT (its round ROUND_, else its last line) the current one."""
        lines = [i for i, line in enumerate(self.history.rows()) if line.assignment.unit == unit
                 and (round_ is None or line.round == round_)]
        if not lines:
            return False
        self.history_view.setCurrentIndex(self.history.index(lines[-1], 0))
        return True

    def _show_current(self, *_) -> None:
        row = self.current()
        self.details.setHtml(details_html(row) if row else
                             "<span style='color:#555555'>选择一件建议，查看其承办单位和每一轮的答复、评价。"
                             "按住 Ctrl 或 Shift 可选多件，一并设定领域或交办。</span>")
        before = self.history_line()
        self.history.set_suggestion(row, self.model.today)
        if row is not None and row.assignments:
            self.history_caption.setText(f"{row.number_words}的承办单位和答复记录")
            if before is not None and self.select_history(before.assignment.unit, before.round):
                pass
            else:
                self.history_view.setCurrentIndex(self.history.index(0, 0))
        else:
            self.history_caption.setText("承办单位和答复记录" + ("（未交办）" if row is not None else ""))
        self._update_buttons()

    def _reply_target(self) -> tuple[AssignmentRow | None, str]:
        """The unit a reply would be entered for (the line chosen, else the first unit waiting for
        one), or why none."""
        row = self.current()
        if row is None or not row.assignments:
            return None, "请先交办"
        line = self.history_line()
        if line is not None:
            a = line.assignment
            return (a, "") if not a.answered else (None, f"{a.unit}第{a.round}轮已答复；代表评价为不满意后才有下一轮")
        waiting = next((a for a in row.assignments if not a.answered), None)
        return (waiting, "") if waiting else (None, "各承办单位本轮都已答复")

    def _rate_target(self) -> tuple[AssignmentRow | None, ReplyRow | None, str]:
        line = self.history_line()
        if line is None or line.reply is None:
            return None, None, "请在答复记录中选择一轮答复"
        a, r = line.assignment, line.reply
        if r is not a.latest:
            return None, None, f"只评价{a.unit}最近一轮的答复"
        if r.rating:
            return None, None, f"已评价为{r.rating}；评价不再改写"
        return a, r, ""

    def _update_buttons(self, *_) -> None:
        """Each action where the services would allow it; the tooltip says why not."""
        rows = self.selected()
        one = self.current() if len(rows) <= 1 else None

        def allow(button: QPushButton, why_not: str) -> None:
            button.setEnabled(not why_not)
            button.setToolTip(why_not)

        allow(self.edit_button, "" if one is not None else "请选择一件建议")
        allow(self.screen_button, "" if one is not None else "请选择一件建议")
        allow(self.key_button, "" if one is not None else "请选择一件建议")
        allow(self.field_button, "" if rows else "请选择建议（可选多件）")
        returned = [r for r in rows if r.returned]
        allow(self.assign_button, "请选择建议（可选多件）" if not rows else
              f"{returned[0].number_words}已退回修改，受理后才能交办" if returned else "")
        reply_to, why = self._reply_target() if one is not None else (None, "请选择一件建议")
        allow(self.reply_button, why)
        _, _, why = self._rate_target() if one is not None else (None, None, "请选择一件建议")
        allow(self.rate_button, why)
        line = self.history_line()
        self.attachment_button.setEnabled(line is not None and line.reply is not None and bool(line.reply.attachment))

    def _history_activated(self, *_) -> None:
        if not self.writable:
            return
        if self.reply_button.isEnabled():
            self.record_reply()
        elif self.rate_button.isEnabled():
            self.rate()

    # ------------------------------------------------------------ writing

    def _push(self, command: Command, ids: Sequence[int] | None = None) -> None:
        """Push an edit already written: the page shows it (IDS read again, else everything),
        then the window's notice of it does not read everything again."""
        if isinstance(command, commands.ListEdit):
            command.shown = self._stepped
        if ids is None:
            self.refresh()
        else:
            self._reread(ids)
        self._local = True
        self.undo_stack.push(command)
        self._local = False

    def _say(self, text: str) -> None:
        self.notice.setText(text)

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def take_over(self) -> int:
        """接收会议期间建议: the register's 建议 and the 议案 turned into suggestions, once each."""
        before = {r.suggestion_id for r in self.model.all_rows()}
        try:
            count = suggestions.take_over()
        except ServiceError as exc:
            warn(self, "无法接收", exc.message)
            return 0
        if not count:
            self._say("议案页没有新的建议可接收（已接收的不重复接收）。")
            return 0
        new = [r.suggestion_id for r in suggestions.list_suggestions(period=rules.SESSION)
               if r.suggestion_id not in before]
        self._push(commands.AddSuggestions(f"接收会议期间建议 {count} 件", new, self._stepped))
        self._say(f"已接收会议期间建议 {count} 件。可撤销（Ctrl+Z）。")
        return count

    def register(self) -> SuggestionDialog:
        dialog = SuggestionDialog(suggestions.list_fields(), self.today(), parent=self)
        added: list[int] = []
        dialog.submit = lambda: added.append(suggestions.register_between(dialog.value()))

        def done() -> None:
            sid = added[-1]
            row = suggestions.get_suggestion(sid)
            self._push(commands.AddSuggestions(f"登记{row.number_words}", [sid], self._stepped))
            self.select(sid)
            self._say(f"已登记为{row.number_words}：{row.title}")

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def _edit_dialog(self, dialog, ids: Sequence[int], text: str, write: Callable[[], None],
                     said: Callable[[], str] | None = None):
        """Open DIALOG whose OK writes through WRITE; the suggestions' rows before and after make
        the undoable command TEXT."""
        before = suggestions.state(ids)

        def done() -> None:
            self._push(commands.EditSuggestions(text, before, suggestions.state(ids), self._stepped), ids)
            if said is not None:
                self._say(said())

        dialog.submit = write
        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def edit(self, *_) -> SuggestionDialog | None:
        row = self.current()
        if row is None or not self.writable:  # a double-click too
            return None
        dialog = SuggestionDialog(suggestions.list_fields(), self.today(), row, parent=self)
        return self._edit_dialog(dialog, [row.suggestion_id], f"修改{row.number_words}",
                                 lambda: suggestions.update_suggestion(row.suggestion_id, dialog.value(), seen=row))

    def screen(self) -> ScreenDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = ScreenDialog(row, self)

        def said() -> str:
            now = suggestions.get_suggestion(row.suggestion_id)
            return f"{now.number_words}已{'退回修改：' + now.returned_reason if now.returned else '受理'}。"

        return self._edit_dialog(dialog, [row.suggestion_id], f"审查{row.number_words}",
                                 lambda: suggestions.screen(row.suggestion_id, *dialog.value()), said)

    def set_field(self) -> FieldDialog | None:
        rows = self.selected()
        if not rows:
            return None
        dialog = FieldDialog(rows, suggestions.list_fields(), self)
        ids = [r.suggestion_id for r in rows]
        return self._edit_dialog(dialog, ids, f"设定领域（{len(ids)} 件）",
                                 lambda: suggestions.set_field(ids, dialog.value()),
                                 lambda: f"已设定 {len(ids)} 件建议的领域：{dialog.field.currentText()}。")

    def set_key(self) -> KeyDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = KeyDialog(row, self)
        return self._edit_dialog(dialog, [row.suggestion_id], f"设定{row.number_words}是否重点建议",
                                 lambda: suggestions.set_key(row.suggestion_id, *dialog.value()))

    def assign(self) -> AssignDialog | None:
        rows = self.selected()
        if not rows:
            return None
        dialog = AssignDialog(rows, suggestions.list_units(), suggestions.due_defaults(), self.today(), self)
        seen = suggestions.assignments_state([r.suggestion_id for r in rows])  # as the dialog shows them
        done_with: list = []

        def submit() -> None:
            ids, lead, assisting, lead_due, assist_due = dialog.value()
            done_with.append(suggestions.assign(ids, lead, assisting, lead_due, assist_due, on=self.today(),
                                                seen=seen))

        def done() -> None:
            before = done_with[-1]
            text = f"交办{rows[0].number_words}" if len(rows) == 1 else f"交办 {len(rows)} 件建议"
            self._push(commands.Assign(text, before, self._stepped), list(before.suggestion_ids))
            self._say(f"已{text}：主办 {dialog.lead_unit.currentText()}。可撤销（Ctrl+Z）。")

        dialog.submit = submit
        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def record_reply(self) -> ReplyDialog | None:
        row = self.current()
        target, _why = self._reply_target()
        if row is None or target is None:
            return None
        dialog = ReplyDialog(row, target, self.today(), self)
        added: list[int] = []
        dialog.submit = lambda: added.append(suggestions.record_reply(target.assignment_id, dialog.value()))

        def done() -> None:
            text = f"录入{row.number_words}{target.unit}第{target.round}轮答复"
            self._push(commands.RecordReply(text, row.suggestion_id, added[-1], self._stepped), [row.suggestion_id])
            self.select_history(target.unit, target.round)
            self._say(f"已{text}。")

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def rate(self) -> RateDialog | None:
        row = self.current()
        assignment, reply, _why = self._rate_target()
        if row is None or reply is None:
            return None
        dialog = RateDialog(row, assignment, reply, suggestions.due_defaults(), self.today(), self)
        before = suggestions.reply_state(reply.reply_id)

        def submit() -> None:
            reply_id, rating, on, due = dialog.value()
            if not rating:
                raise ServiceError("请选择代表的评价。", "rating")
            suggestions.rate(reply_id, rating, on, due)

        def done() -> None:
            rating = dialog.rating()
            text = f"{row.number_words}{assignment.unit}第{reply.round}轮答复评价为{rating}"
            self._push(commands.Rate(text, row.suggestion_id, before, self._stepped), [row.suggestion_id])
            if rating == rules.UNSATISFIED:
                self.select_history(assignment.unit, reply.round + 1)
                now = suggestions.get_suggestion(row.suggestion_id)
                due = next((a.due for a in now.assignments if a.assignment_id == assignment.assignment_id), None)
                self._say(f"{text}，退回{assignment.unit}重新办理（第{reply.round + 1}轮，答复期限 {due:%Y-%m-%d}）。")
            else:
                self._say(f"已记录：{text}。")

        dialog.submit = submit
        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def save_attachment(self, target: str | None = None) -> bool:
        """Write the chosen reply's attachment out (to TARGET, or where the clerk chooses)."""
        line = self.history_line()
        if line is None or line.reply is None or not line.reply.attachment:
            return False
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, "另存附件", output.safe_name(Path(line.reply.attachment).name))
            if not target:
                return False
        try:
            suggestions.save_reply_attachment(line.reply.reply_id, target)
        except ServiceError as exc:
            warn(self, "无法另存附件", exc.message)
            return False
        self._say(f"附件已另存为 {target}")
        return True

    # ------------------------------------------------------------ the session's lists and settings

    def edit_list(self, kind: str) -> ListDialog:
        """单位名单 or 领域名单: each edit written at once, undoable; the page reads again."""
        dialog = ListDialog(kind, self._push, self)
        dialog.open()
        return dialog

    def edit_due_defaults(self) -> DueDefaultsDialog:
        before = suggestions.due_defaults()
        dialog = DueDefaultsDialog(before, self)
        dialog.submit = lambda: suggestions.set_due_defaults(dialog.value())

        def done() -> None:
            after = suggestions.due_defaults()
            if after != before:
                self._local = True
                self.undo_stack.push(commands.SetDueDefaults(before, after))
                self._local = False
                self._say("已修改答复期限：以后交办时按新的期限预填。")

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    # ------------------------------------------------------------ the exchange with the government

    def export_assignments(self, path: str | None = None) -> Path | None:
        return exchange.export_assignments(self, path)

    def import_replies(self, path: str | None = None):
        dialog = exchange.ReplyImportDialog(self)
        dialog.imported.connect(self._imported)
        dialog.imported.connect(lambda: self._say(dialog.summary()))
        dialog.open()
        if path is not None:
            dialog.load(path)
        return dialog

    def _imported(self) -> None:
        """Replies written from a file: not one undoable step (as the roster's import), and the
        undo stack's earlier steps may no longer fit the file, so it starts anew."""
        self.undo_stack.clear()
        self.refresh()
        self._local = True  # the window's notice: the other pages, not this one again
        self.changed.emit()
        self._local = False

    # ------------------------------------------------------------ papers

    def print_paper(self, kind: str) -> QWidget | None:
        return self.heading.print_paper(kind)

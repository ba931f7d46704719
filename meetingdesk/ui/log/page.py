"""变更日志 page: every write to the session as the database recorded it (services.changelog),
newest first, filtered by desk, 类别, days and text; the selected record's fields before and
after. Read-only: the log is the record the secretariat shows later, nobody edits it here."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import changelog
from meetingdesk.services.changelog import ChangeRow
from meetingdesk.ui.common import page
from meetingdesk.ui.common.views import current_row, select_row, table_view
from meetingdesk.ui.log.models import ChangesModel, FieldsModel

# Records read at a time: a session's log grows to 100,000 records and more; the newest are
# what a clerk looks for, the rest come a page at a time (显示更早的记录).
PAGE_SIZE = 500
# The date a date filter shows as 不限 (QDateEdit has no empty value).
NO_DATE = QDate(2000, 1, 1)
SEARCH_DELAY_MS = 300  # a search reads the log: not at every keystroke


class LogPage(page.Page):
    """`refresh()` reads the newest records matching the filters again."""

    TITLE = "变更日志"
    SHOWS = page.ALL  # any change is a new record
    CHANGES: frozenset[str] = frozenset()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refreshes = 0
        heading = QLabel(self.TITLE)
        heading.setStyleSheet("font-size: 16pt; font-weight: bold")
        explain = QLabel("会议数据的每一次新增、修改和删除，由数据库自动记录，只能追加，不能修改或删除。")
        explain.setStyleSheet("color: #555555")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(explain, 1)

        self.model = ChangesModel(self)
        self.view = table_view(self.model, sortable=False, fitted=False)  # _size_columns
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._size_columns()
        self.view.selectionModel().currentRowChanged.connect(self._show_current)

        self.more_button = QPushButton(f"显示更早的 {PAGE_SIZE} 条")
        self.more_button.clicked.connect(self.show_more)
        self.shown_label = QLabel()
        below = QHBoxLayout()
        below.addWidget(self.shown_label)
        below.addStretch()
        below.addWidget(self.more_button)

        listing = QWidget()
        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addLayout(below)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(listing)
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([360, 220])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._build_filters())
        layout.addWidget(splitter, 1)
        self._show_current()

    # ------------------------------------------------------------ building

    def _size_columns(self) -> None:
        """Widths from what the columns hold at most, not measured over the rows; 内容 takes the rest."""
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.view.fontMetrics()
        widest = {ChangesModel.AT: "2023-12-21 09:00:00", ChangesModel.DESK: "秘书处-签到台-02",
                  ChangesModel.USER: "secretariat", ChangesModel.TABLE: "投票的表决事项",
                  ChangesModel.ACTION: "修改"}
        for column, sample in widest.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)

    def _build_filters(self) -> QHBoxLayout:
        self.desk_filter = QComboBox()
        self.desk_filter.setMinimumContentsLength(10)
        self.table_filter = QComboBox()
        self.table_filter.setMinimumContentsLength(8)
        self.table_filter.setMaxVisibleItems(25)
        self.since_edit = self._date_edit()
        self.until_edit = self._date_edit()
        self.search = QLineEdit()
        self.search.setPlaceholderText("按姓名、内容或备注查找")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in (self.desk_filter, self.table_filter):
            combo.currentIndexChanged.connect(self.reload)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self.reload)
        self.counts = QLabel()
        self.counts.setStyleSheet("font-weight: bold")
        filters = QHBoxLayout()
        filters.addWidget(self.desk_filter)
        filters.addWidget(self.table_filter)
        filters.addWidget(QLabel("从"))
        filters.addWidget(self.since_edit)
        filters.addWidget(QLabel("到"))
        filters.addWidget(self.until_edit)
        filters.addWidget(self.search, 1)
        filters.addSpacing(12)
        filters.addWidget(self.counts)
        return filters

    @staticmethod
    def _date_edit() -> QDateEdit:
        edit = QDateEdit()
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("不限")
        edit.setDate(NO_DATE)
        return edit

    def _build_details(self) -> QWidget:
        self.details_caption = QLabel()
        self.details_caption.setStyleSheet("font-weight: bold")
        self.details_caption.setWordWrap(True)
        self.details_caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields = FieldsModel(self)
        self.fields_view = table_view(self.fields, sortable=False, fitted=False)  # its label column a fixed width
        self.fields_view.setWordWrap(False)
        self.fields_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.fields_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FieldsModel.LABEL, self.fields_view.fontMetrics().horizontalAdvance("选举和表决办法") + 24)
        header.setSectionResizeMode(FieldsModel.BEFORE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FieldsModel.AFTER, QHeaderView.ResizeMode.Stretch)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.details_caption)
        column.addWidget(self.fields_view, 1)
        return box

    # ------------------------------------------------------------ reading

    def filters(self) -> dict:
        """The filters chosen, as list_changes takes them."""
        since = self.since_edit.date()
        until = self.until_edit.date()
        return {
            "desk": self.desk_filter.currentData() or "",
            "table": self.table_filter.currentData() or "",
            "since": None if since == NO_DATE else dt.datetime.combine(since.toPython(), dt.time()),
            # the day chosen is included: records before the next day's start
            "until": None if until == NO_DATE else dt.datetime.combine(until.toPython() + dt.timedelta(days=1),
                                                                        dt.time()),
        }

    def refresh(self) -> None:
        self.refreshes += 1
        self._fill_combo(self.desk_filter, "全部工作台", [(d, d) for d in changelog.desks()])
        self._fill_combo(self.table_filter, "全部类别", [(label, t) for t, label in changelog.tables()])
        self.reload()

    @staticmethod
    def _fill_combo(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        """EVERYTHING then ITEMS (text, value); the choice stays when it is still offered."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, value in items:
            combo.addItem(text, value)
        at = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(at, 0))
        combo.blockSignals(False)

    def reload(self) -> None:
        """The newest records the filters match; the one selected stays selected when still among them."""
        self._search_timer.stop()
        selected = current_row(self.view)
        filters = self.filters()
        text = self.search.text().strip()
        rows = changelog.list_changes(**filters, text=text, limit=PAGE_SIZE)
        self._total = None if text else changelog.count_changes(**filters)
        self._exhausted = len(rows) < PAGE_SIZE
        self.model.set_rows(rows)
        self._after_reading()
        if selected is not None:
            index = self.model.index_by("id", selected.id)
            if index.isValid():
                select_row(self.view, index)
        self._show_current()

    def show_more(self) -> None:
        """The next PAGE_SIZE older records matching the filters, after those shown."""
        shown = self.model.rows_view()
        if not shown:
            return
        rows = changelog.list_changes(**self.filters(), text=self.search.text().strip(),
                                      older_than=shown[-1].id, limit=PAGE_SIZE)
        self._exhausted = len(rows) < PAGE_SIZE
        self.model.append_rows(rows)
        self._after_reading()

    def _after_reading(self) -> None:
        shown = self.model.rowCount()
        if self._total is None:
            self.counts.setText(f"找到 {shown} 条" + ("" if self._exhausted else "以上"))
        else:
            self.counts.setText(f"共 {self._total} 条")
        self.shown_label.setText(f"显示最新的 {shown} 条" if not self._exhausted else f"已显示全部 {shown} 条")
        self.more_button.setEnabled(not self._exhausted)

    # ------------------------------------------------------------ the selected record

    def selected(self) -> ChangeRow | None:
        return current_row(self.view)

    def _show_current(self, *args) -> None:
        row = self.selected()
        if row is None:
            self.details_caption.setText("选择一条记录，查看修改前后的内容。")
            self.fields.set_rows([])
            return
        where = "、".join(x for x in (row.desk, row.user) if x)
        self.details_caption.setText(
            f"{row.at_text}　{where}　{row.table_label}　{row.action_label}"
            + (f"　{row.subject}" if row.subject and row.action != "EVENT" else "")
            + (f"\n{row.note}" if row.note else ""))
        self.fields.set_rows(row.fields())

"""主席团 page: members, officers, offices, 执行主席 groups, the adopting meetings, and their papers."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, schedule
from meetingdesk.ui.common import page
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.page_heading import PageHeading
from meetingdesk.ui.presidium.chair_groups import ChairGroupsTab
from meetingdesk.ui.presidium.members import MembersTab
from meetingdesk.ui.presidium.officers import OfficersTab
from meetingdesk.ui.presidium.offices import OfficesTab

# The papers of this page, in the order the secretariat issues them.
# The papers of this page's 打印 menu; the motion desk and the elections page print their own.
PRINTED = ("presidium", "chairs", "groups", "deputies", "review", "scrutineers")
# Every paper the presidium adopts (通过会议 tab); 议程 and 日程 are set on the schedule page.
PAPERS = tuple(p for p in schedule.ADOPTED_PAPERS if p not in ("agenda", "schedule"))


class AdoptionTab(QWidget):
    """通过会议: which meeting adopted each paper and how (通过/推定/决定); the paper prints the line."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout()
        for column, title in enumerate(("文件", "会议", "方式", "印在文件标题下")):
            header = QLabel(title)
            header.setStyleSheet("font-weight: bold")
            grid.addWidget(header, 0, column)
        self.meetings: dict[str, QComboBox] = {}
        self.verbs: dict[str, QComboBox] = {}
        self.lines: dict[str, QLabel] = {}
        for row, paper in enumerate(PAPERS, start=1):
            meeting, verb, line = QComboBox(), QComboBox(), QLabel()
            verb.addItems(list(schedule.VERBS))
            line.setWordWrap(True)
            meeting.activated.connect(lambda _=0, p=paper: self.set_adoption(p))
            verb.activated.connect(lambda _=0, p=paper: self.set_adoption(p))
            grid.addWidget(QLabel(schedule.ADOPTED_PAPERS[paper][0]), row, 0)
            grid.addWidget(meeting, row, 1)
            grid.addWidget(verb, row, 2)
            grid.addWidget(line, row, 3)
            self.meetings[paper], self.verbs[paper], self.lines[paper] = meeting, verb, line
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        explain = QLabel("各名单标题下印出通过它的会议，如“(2023年12月20日…预备会议通过)”。会议来自日程。")
        explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(grid)
        layout.addStretch()

    def refresh(self) -> None:
        choices = schedule.meeting_choices()
        for paper in PAPERS:
            row = schedule.adoption(paper)
            meeting = self.meetings[paper]
            meeting.clear()
            meeting.addItem("（未定）", None)
            for mid, label in choices:
                meeting.addItem(label, mid)
            meeting.setCurrentIndex(max(0, meeting.findData(row.meeting_id)))
            self.verbs[paper].setCurrentText(row.verb)
            self.lines[paper].setText(row.line or "（未定：请选择会议）")

    def set_adoption(self, paper: str) -> None:
        try:
            schedule.set_adoption(paper, self.meetings[paper].currentData(), self.verbs[paper].currentText())
        except ServiceError as exc:
            warn(self, "无法设定通过会议", exc.message)
            self.refresh()  # the combos go back to what is stored
            return
        self.changed.emit()


class PresidiumPage(page.Page):
    """Everything about the presidium; `refresh()` re-reads it all, `changed` follows every write."""
    TITLE = "主席团"
    SHOWS = frozenset({page.PRESIDIUM, page.ROSTER, page.SCHEDULE})
    CHANGES = frozenset({page.PRESIDIUM})

    TARGETS = ("presidium", "role", "group", "offices", "adoption")  # the Problem targets focus() shows

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members_tab = MembersTab()
        self.officers_tab = OfficersTab()
        self.offices_tab = OfficesTab()
        self.groups_tab = ChairGroupsTab()
        self.adoption_tab = AdoptionTab()
        self.tabs = QTabWidget()
        for tab, title in ((self.members_tab, "主席团成员"), (self.officers_tab, "职务"),
                           (self.offices_tab, "任职"), (self.groups_tab, "执行主席分组"),
                           (self.adoption_tab, "通过会议")):
            self.tabs.addTab(tab, title)
            tab.changed.connect(self._written)
        self._stale: set[QWidget] = set()  # tabs to re-read when they come into view
        self.tabs.currentChanged.connect(self._refresh_shown)

        self.heading = PageHeading("主席团和秘书长", [(k, schedule.ADOPTED_PAPERS[k][0]) for k in PRINTED], self)
        self.print_button, self.print_menu = self.heading.print_button, self.heading.print_menu
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

    def edit_controls(self) -> list:
        members, officers, offices = self.members_tab, self.officers_tab, self.offices_tab
        groups = self.groups_tab
        adoption = [page.Edit(c, page.SCHEDULE, lock=True)  # 通过会议 is the schedule's
                    for combos in (self.adoption_tab.meetings, self.adoption_tab.verbs) for c in combos.values()]
        return [members.add_button, members.category_button, members.remove_button, members.propose_button,
                officers.add_button, officers.outside_button, officers.remove_button, officers.up_button,
                officers.down_button, offices.add_button, offices.remove_button, groups.split_button,
                groups.new_button, *adoption]

    def set_rights(self, may_write) -> None:
        super().set_rights(may_write)
        self.members_tab.writable = self.groups_tab.writable = self.writable
        self.groups_tab.follow_rights()

    def refresh(self) -> None:
        """Re-read everything: the tab in view now, each other tab when it comes into view.

        The main window refreshes every page after every edit, and reading all officer
        lists takes a good part of a second, so hidden tabs (and a hidden page) wait.
        """
        self._stale = {self.tabs.widget(i) for i in range(self.tabs.count())}
        self._refresh_shown()

    def _refresh_shown(self) -> None:
        if self.isVisible():
            self._fresh(self.tabs.currentWidget())

    def _fresh(self, tab: QWidget) -> None:
        if tab in self._stale:
            self._stale.discard(tab)
            tab.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refresh_shown()

    def _written(self) -> None:
        self.refresh()
        self.changed.emit()

    def focus(self, target: tuple[str, object] | None) -> bool:
        """Show what a check-list problem points at (services.checks.Problem.target)."""
        if not target:
            return False
        what, key = target
        tab = {"presidium": self.members_tab, "role": self.officers_tab, "group": self.groups_tab,
               "offices": self.offices_tab, "adoption": self.adoption_tab}.get(what)
        if tab is None or (what == "adoption" and key not in PAPERS):  # 议程, 日程: the schedule page's
            return False
        self._fresh(tab)  # the page may not be in view yet
        self.tabs.setCurrentWidget(tab)
        if what == "presidium":  # key None: the presidium as a whole (empty, or someone missing)
            return key is None or self.members_tab.select(key)
        if what == "role":
            self.officers_tab.show_kind(key)
            return self.officers_tab.current_kind() == key
        if what == "group":
            return self.groups_tab.show_group(key)
        if what == "adoption":
            self.adoption_tab.meetings[key].setFocus()
        return True

    # ------------------------------------------------------------ papers

    def _fill_print_menu(self) -> None:
        self.heading.fill_print_menu()

    def print_paper(self, kind: str) -> QWidget | None:
        return self.heading.print_paper(kind)

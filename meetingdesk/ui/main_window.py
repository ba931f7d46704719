"""The main window: a navigation list of the areas, their pages, menus and a status bar."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, backups, live, server, session
from meetingdesk.services.changelog import areas_of
from meetingdesk.services.checks import Problem
from meetingdesk.store import DamagedFileError
from meetingdesk.store.lock import SessionLockedError
from meetingdesk.ui.attendance.page import AttendancePage
from meetingdesk.ui.common import recent, views
from meetingdesk.ui.common.about import AboutDialog
from meetingdesk.ui.common.backups_dialog import BackupsDialog
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.page import ALL, ROSTER, SESSION, Page
from meetingdesk.ui.common.problems import ProblemsDialog
from meetingdesk.ui.common.undo import Command, UndoStack
from meetingdesk.ui.common.unsaved import confirm_leave
from meetingdesk.ui.counting.page import CountingPage
from meetingdesk.ui.elections.page import ElectionsPage
from meetingdesk.ui.motions.page import MotionsPage
from meetingdesk.ui.presidium.page import PresidiumPage
from meetingdesk.ui.roster import commands
from meetingdesk.ui.roster.page import RosterPage
from meetingdesk.ui.schedule.page import SchedulePage
from meetingdesk.ui.seating.page import SeatingPage
from meetingdesk.ui.session.bylaw_dialog import edit_bylaw
from meetingdesk.ui.session.carry_dialog import CarryDialog
from meetingdesk.ui.session.changes_dialog import edit_changes
from meetingdesk.ui.session.connect_dialog import ConnectDialog
from meetingdesk.ui.session.dialogs import SessionDialog
from meetingdesk.ui.session.welcome import WelcomePanel
from meetingdesk.ui.log.page import LogPage
from meetingdesk.ui.suggestions.page import SuggestionsPage

PAGES = (RosterPage, PresidiumPage, SchedulePage, MotionsPage, ElectionsPage, CountingPage, AttendancePage,
         SeatingPage, SuggestionsPage, LogPage)
FILE_FILTER = "MeetingDesk 会议文件 (*.meetingdesk);;所有文件 (*)"
OFFLINE = "与服务器的连接已中断，正在重新连接…"
FILE_ONLY = "服务器上的会议由服务器保管，没有会议文件：需要副本时用“meetingdesk pull 地址 文件”取回。"
NOT_ALLOWED = "本工作台（{rights}）不能修改这一项。"
PREPARE_MS = 300  # after opening, when the window has drawn itself
RETRY_MS = 3000  # the listener hears the server again but this window's connection does not yet


class _Bridge(QObject):
    """The listener's reports, from its thread to the window's (queued: no widget is touched
    off the GUI thread); and a connection found dead by a statement."""

    heard = Signal(object)  # live.Notices
    state = Signal(bool)
    dropped = Signal()


class MainWindow(QMainWindow):
    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__()
        self.undo_stack = UndoStack(self)
        self._problems: ProblemsDialog | None = None
        self._undo_index = 0
        self.undo_stack.indexChanged.connect(self._undo_moved)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(120)
        self.nav.setStyleSheet("QListWidget { font-size: 13pt; } QListWidget::item { padding: 8px; }")
        self.pages = QStackedWidget()
        # a page is built when first shown (or asked for): the first window waits for one page, not seven
        self._built: dict[int, Page] = {}
        for cls in PAGES:
            self.nav.addItem(cls.TITLE)
            self.pages.addWidget(QWidget())
        self._page_at(0)
        self.nav.currentRowChanged.connect(self._show_page)
        # a new, empty session: what to do first, at the top of the 代表团 page (ui.welcome)
        self.welcome = WelcomePanel(
            edit_session=self.edit_session, new_delegation=self.roster_page.new_delegation,
            import_roster=self.roster_page.import_roster, add_member=self.roster_page.add_member,
            carry_forward=self.carry_forward)
        self.welcome.hide()
        self.roster_page.layout().insertWidget(0, self.welcome)
        self.nav.setCurrentRow(0)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        # read-only, or a network drive: said above every page, not once in a dialog
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px 10px;"
                                  " border-bottom: 1px solid #e0c36a; font-size: 11pt; }")
        self.banner.hide()
        # the server gone: above everything, in red, until it answers again
        self.offline_banner = QLabel(OFFLINE)
        self.offline_banner.setObjectName("offline")
        self.offline_banner.setWordWrap(True)
        self.offline_banner.setStyleSheet("QLabel { background: #f8d7da; color: #842029; padding: 6px 10px;"
                                          " border-bottom: 1px solid #e4a0a6; font-size: 11pt; }")
        self.offline_banner.hide()
        outer.addWidget(self.offline_banner)
        outer.addWidget(self.banner)
        layout = QHBoxLayout()
        layout.setContentsMargins(9, 9, 9, 9)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(60_000)
        self.backup_timer.timeout.connect(backups.periodic)
        self.backup_timer.start()

        self._pending_message: tuple[str, int] | None = None  # see say()
        self.listener: live.Listener | None = None  # while a server session is open
        self.offline = False  # the server went away and has not answered since
        self._unhook = lambda: None
        self.bridge = _Bridge(self)
        queued = Qt.ConnectionType.QueuedConnection
        self.bridge.heard.connect(self._heard, queued)
        self.bridge.state.connect(self._server_state, queued)
        # direct when a write on this thread fails (the banner shows with the refusal; a failure
        # while reconnecting finds the window offline already), queued from any other
        self.bridge.dropped.connect(self._server_lost)
        self.status_title = QLabel()
        self.status_counts = QLabel()
        self.statusBar().addWidget(self.status_title, 1)
        self.statusBar().addPermanentWidget(self.status_counts)
        self._build_menus()
        self.resize(1360, 700)
        if path is not None:
            self.open_path(path)

    def _page_at(self, index: int) -> Page:
        """The page at INDEX, built (and put in its placeholder's place) the first time."""
        page = self._built.get(index)
        if page is None:
            cls = PAGES[index]
            page = cls(self.undo_stack) if cls in (RosterPage, SeatingPage, SuggestionsPage) else cls()
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            page.changed.connect(lambda p=page: self.changed(p.CHANGES))
            self._built[index] = page
            if session.is_open():
                page.set_rights(session.access().may_write)
                page.mark_stale()  # read when first shown
        return page

    def _show_page(self, index: int) -> None:
        if index >= 0:
            self._page_at(index)
        self.pages.setCurrentIndex(index)

    def all_pages(self) -> list[Page]:
        """The pages built so far (one never shown holds nothing and reads when shown)."""
        return [self._built[i] for i in sorted(self._built)]

    roster_page = property(lambda self: self._page_at(0))
    presidium_page = property(lambda self: self._page_at(1))
    schedule_page = property(lambda self: self._page_at(2))
    motions_page = property(lambda self: self._page_at(3))
    elections_page = property(lambda self: self._page_at(4))
    counting_page = property(lambda self: self._page_at(5))
    attendance_page = property(lambda self: self._page_at(6))
    seating_page = property(lambda self: self._page_at(7))
    suggestions_page = property(lambda self: self._page_at(8))
    log_page = property(lambda self: self._page_at(9))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.file_only_actions: list[QAction] = []  # nothing to do for a session on a server
        for text, shortcut, slot in (
            ("新建会议…", QKeySequence.StandardKey.New, self.new_session),
            ("从上次会议新建…", None, self.carry_forward),
            ("打开会议…", QKeySequence.StandardKey.Open, self.open_session),
            ("连接服务器…", None, self.connect_server),
            ("另存副本…", QKeySequence.StandardKey.SaveAs, self.save_copy),
            ("恢复备份…", None, self.show_backups),
        ):
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(slot)
            file_menu.addAction(action)
            if slot in (self.save_copy, self.show_backups):
                self.file_only_actions.append(action)
        file_menu.setToolTipsVisible(True)  # a disabled action says why
        self.recent_menu = recent.add_recent_menu(file_menu, self.open_path)
        file_menu.addSeparator()
        quit_action = QAction("退出", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.undo_action = self.undo_stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "重做")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        session_menu = self.menuBar().addMenu("会议(&S)")
        session_menu.setToolTipsVisible(True)
        edit_info = QAction("会议信息…", self)
        edit_info.triggered.connect(self.edit_session)
        session_menu.addAction(edit_info)
        bylaw_action = QAction("选举和表决办法…", self)
        bylaw_action.triggered.connect(lambda: edit_bylaw(self, self.undo_stack))
        session_menu.addAction(bylaw_action)
        changes_action = QAction("代表补选情况…", self)
        changes_action.triggered.connect(lambda: edit_changes(self, self.undo_stack))
        session_menu.addAction(changes_action)
        # the session's own fields: a desk that may not write them finds the menu's entries off
        self.session_actions = [edit_info, bylaw_action, changes_action]
        check = QAction("检查会议…", self)
        check.triggered.connect(self.show_problems)
        session_menu.addAction(check)

        help_menu = self.menuBar().addMenu("帮助(&H)")
        about = QAction("关于 MeetingDesk…", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # ------------------------------------------------------------ files

    def open_path(self, path: str | Path) -> bool:
        """Open PATH for writing, or read-only when another holds it and the clerk agrees.
        Every refusal leaves the session open now as it was (the new file is checked first)."""
        if server.is_url(path):
            return self.open_url(str(path))
        if not self.may_leave("打开其他会议"):
            return False
        previous = self._where()
        try:
            session.open_session(path)
        except SessionLockedError as exc:
            if not self._agree_read_only(exc.message):
                return False
            if not self._open_read_only(path, None):  # the banner names the holder
                return False
        except session.NotWritableError as exc:
            if not self._open_read_only(path, "只读：" + exc.message):
                return False
        except DamagedFileError as exc:
            if not self._offer_backup(Path(path), exc.message):
                self._keep(previous)
                return False
        except ServiceError as exc:
            warn(self, "无法打开会议文件", str(exc))
            self._keep(previous)
            return False
        self._opened()
        return True

    def _agree_read_only(self, message: str) -> bool:
        return views.confirm(self, "会议正在别处修改", message, "以只读方式打开")

    def _open_read_only(self, path: str | Path, why: str | None) -> bool:
        try:
            if why is None:
                session.open_session(path, session.READ)
            else:
                session.open_readonly_because(path, why)
        except ServiceError as exc:
            warn(self, "无法打开会议文件", str(exc))
            return False
        return True

    def _offer_backup(self, path: Path, message: str) -> bool:
        latest = backups.latest(path)
        if latest is None:
            warn(self, "文件已损坏", message + "\n\n没有找到这个会议文件的备份。")
            return False
        if not views.confirm(self, "文件已损坏",
                             f"{message}\n\n最近的备份：{latest.time:%Y-%m-%d %H:%M:%S}（{latest.reason}）。"
                             "打开这个备份？损坏的文件改名保留在原处。",
                             "打开最近的备份", QMessageBox.Icon.Critical):
            return False
        try:
            backups.restore_damaged(path, latest)
        except ServiceError as exc:
            warn(self, "无法打开备份", str(exc))
            return False
        return True

    def _keep(self, previous: Path | str | None) -> None:
        """After a failed open the window goes on with the session it had, never with none."""
        if not session.is_open() and previous is not None:
            try:
                session.open_session(previous)
            except ServiceError as exc:
                self._stop_listening()
                warn(self, "原会议无法重新打开", str(exc))
                return
            self._opened()

    @staticmethod
    def _where() -> Path | str | None:
        """The open session, to open again: its file, or its server's address (with password)."""
        return session.current_url() or session.current_path()

    def open_url(self, url: str) -> bool:
        """Open the session on the server at URL (最近打开, the command line). A server that wants
        a password it was not given asks for it in the 连接服务器 dialog."""
        if not self.may_leave("打开其他会议"):
            return False
        previous = self._where()
        try:
            self._connect(url, previous)
        except ServiceError as exc:
            if server.password_refused(exc) and not server.has_password(url):
                dialog = self.connect_server(url, asked=False)
                dialog.show_error(ServiceError("服务器要求密码，请填写密码。", "password"))
                return False
            warn(self, "无法连接服务器", str(exc))
            return False
        return True

    def connect_server(self, url: str | None = None, asked: bool = True) -> ConnectDialog | None:
        """文件 ▸ 连接服务器…: the dialog (shown, not waited for); the session opens on its 连接."""
        if asked and not self.may_leave("连接服务器"):
            return None
        previous = self._where()
        dialog = ConnectDialog(self, url, open_url=lambda address: self._connect(address, previous))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _connect(self, url: str, previous: Path | str | None) -> None:
        """Open URL; on a refusal (raised) the session open before is open again."""
        try:
            session.open_session(url)
        except ServiceError:
            self._keep(previous)  # opening a server closes the session before it connects
            raise
        self._opened()

    def _opened(self) -> None:
        recent.remember(self._where())
        self.undo_stack.clear()
        self._listen()
        self._show_banner()
        on_server = session.is_server()
        for action in self.file_only_actions:
            action.setEnabled(not on_server)
            action.setToolTip(FILE_ONLY if on_server else "")
        self._apply_rights()
        access = session.access()
        if access.stale is not None:
            self.say(f"上次{access.stale.describe()}打开此会议的程序没有正常退出；已保存的修改都在文件中。", 15000)
        self.refresh()
        # the change log's triggers of a file, made once the window is up rather than on the first edit
        QTimer.singleShot(PREPARE_MS, self._prepare_writes)

    def _prepare_writes(self) -> None:
        if not session.is_open():
            return
        try:
            session.prepare_writes()
        except ServiceError:
            pass  # made on the first write instead, which then says what is wrong

    def say(self, text: str, timeout: int = 5000) -> None:
        """A message in the status bar. Before the window is first shown it waits for showEvent:
        showing the window shows the status bar's own labels again, over a message given earlier."""
        if self.isVisible():
            self.statusBar().showMessage(text, timeout)
        else:
            self._pending_message = (text, timeout)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        pending, self._pending_message = self._pending_message, None
        if pending is not None:
            self.statusBar().showMessage(*pending)

    def open_session(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "打开会议", "", FILE_FILTER)
        if path:
            self.open_path(path)

    def new_session(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "新建会议文件", "", FILE_FILTER)
        if not path:
            return
        if not self.may_leave("新建会议"):
            return
        if not path.endswith(".meetingdesk"):
            path += ".meetingdesk"
        dialog = SessionDialog(parent=self)

        def submit() -> None:
            session.create_session(path, **dialog.value())

        dialog.submit = submit
        if dialog.exec():
            self._opened()

    def carry_forward(self) -> CarryDialog | None:
        """文件 ▸ 从上次会议新建…: the next session from the open one's roster (or another file's)."""
        if not self.may_leave("从上次会议新建"):
            return None
        dialog = CarryDialog(self, session.current_path())
        accepted = dialog.exec()
        if accepted or dialog.reopened:
            self._opened()
        if accepted:
            self.say(dialog.summary(), 8000)
        return dialog

    def _apply_rights(self) -> None:
        """Show only what this desk may write: the server refuses the rest anyway, and a button
        that can only fail wastes the clerk's time at a busy desk."""
        access = session.access()
        for page in self.all_pages():
            page.set_rights(access.may_write)
        allowed = access.may_write(SESSION)
        for action in self.session_actions:
            action.setEnabled(allowed)
            action.setToolTip("" if allowed else NOT_ALLOWED.format(rights=self._rights_text(access)))

    @staticmethod
    def _rights_text(access: session.Access) -> str:
        return access.rights_label or ("只读" if access.readonly else "全部权限")

    def edit_session(self) -> SessionDialog:
        before = session.editable_fields(session.session_info())
        dialog = SessionDialog(session.session_info(), self)

        def submit() -> None:
            after = dialog.value()
            session.update_session(**after, seen=before)
            self.undo_stack.push(commands.EditSession(before, after))

        dialog.submit = submit
        dialog.open()
        return dialog

    def save_copy(self) -> None:
        if session.is_server():
            warn(self, "无法另存副本", FILE_ONLY)
            return
        path, _ = QFileDialog.getSaveFileName(self, "另存副本", "", FILE_FILTER)
        if not path:
            return
        try:
            session.save_copy(path)
        except ServiceError as exc:
            warn(self, "无法保存副本", exc.message)
            return
        self.say(f"副本已保存：{path}", 5000)

    def show_backups(self) -> BackupsDialog | None:
        if session.is_server():
            warn(self, "没有备份", "服务器上的会议由服务器备份，本机没有它的备份。" + FILE_ONLY)
            return None
        if session.current_path() is None:
            return None
        dialog = BackupsDialog(self, readonly=session.access().readonly)
        dialog.finished.connect(lambda _r: self._opened() if dialog.restored else None)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        """帮助 ▸ 关于: the version and the licences of what the program ships."""
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ------------------------------------------------------------ views

    def refresh(self) -> None:
        """Everything anew (a session opened, restored): every page stale, the one shown now."""
        self.changed(ALL)

    def changed(self, areas: frozenset[str], members: tuple[int, ...] = ()) -> None:
        """AREAS of the session changed: the pages that show them are stale (the one on screen
        refreshes now, the others when shown), the status bar and an open check list follow.
        MEMBERS: only these members' rows changed, for a page that can update just them."""
        if not session.is_open():
            return
        info = session.session_info()  # read once for the status bar and the first steps
        self._show_status(info)
        if areas & {SESSION, ROSTER}:
            # the first steps of a new session are the roster's and the session's own
            if self.welcome.refresh(info) and not session.access().may_write(ROSTER):
                self.welcome.hide()
        for each in self.all_pages():
            if each.SHOWS & areas:
                if members:
                    each.members_changed(members)
                else:
                    each.mark_stale()
        if self._problems is not None and self._problems.isVisible():
            self._problems.refresh()

    def _undo_moved(self, index: int) -> None:
        """撤销 or 重做 (or a new step): the command that moved names what it changed."""
        moved = self.undo_stack.command(index if index < self._undo_index else index - 1)
        self._undo_index = index
        if moved is None:  # the stack cleared (a session opened): the opening refreshes
            return
        if isinstance(moved, Command):
            self.changed(moved.AREAS, moved.members())
        else:
            self.changed(ALL)

    def _show_status(self, info: session.SessionInfo) -> None:
        access = session.access()
        readonly = "（只读）" if access.readonly else ""
        if session.is_server():
            rights = f"（{access.rights_label}）" if access.rights_label else ""
            where = f"{session.current_location()}　工作台：{access.desk}{rights}"
            self.setWindowTitle(f"{info.title}{readonly} — {where} — MeetingDesk")
        else:
            where = Path(info.path).name
            self.setWindowTitle(f"{info.title}{readonly} — MeetingDesk")
        self.status_title.setText(f"{info.full_title}　{where}")
        self.status_counts.setText(
            f"代表 {info.counts[Role.DELEGATE]} 人　列席 {info.counts[Role.ATTENDEE]} 人　"
            f"工作人员 {info.counts[Role.STAFF]} 人　法定名额 {info.statutory_delegates} 人")

    def show_problems(self) -> ProblemsDialog:
        """One check list per window, kept current as the session changes."""
        if self._problems is None:
            self._problems = ProblemsDialog(self)
            self._problems.jump.connect(self.go_to_problem)
        else:
            self._problems.refresh()
        self._problems.show()
        self._problems.raise_()
        return self._problems

    def go_to_problem(self, problem: Problem) -> None:
        if problem.target is not None:
            page = self._page_for(problem.target)
            if page is not None:
                self.nav.setCurrentRow(self.pages.indexOf(page))
                page.refresh()  # the check read the file; the page may show an older state
                page.focus(self._page_target(problem.target))
                self.raise_()
            return
        if problem.delegation_id is None and problem.member_id is None:
            return
        self.nav.setCurrentRow(0)
        self.roster_page.select_delegation(problem.delegation_id)
        if problem.member_id is not None:
            self.roster_page.select_member(problem.member_id)
        self.raise_()

    def _page_for(self, target: tuple[str, object]) -> Page | None:
        kind, value = target
        if kind == "adoption" and value in ("agenda", "schedule"):
            kind = str(value)
        for index, cls in enumerate(PAGES):
            if kind in cls.TARGETS:
                return self._page_at(index)
        return None

    @staticmethod
    def _page_target(target: tuple[str, object]) -> tuple[str, object]:
        """A paper without its adopting meeting is mended where that paper's list is edited."""
        kind, value = target
        if kind == "adoption" and value in ("agenda", "schedule"):
            return (str(value), None)
        return target

    def may_leave(self, action_text: str) -> bool:
        """Ask every page about input typed and not saved, before ACTION_TEXT."""
        if not session.is_open():
            return True
        return confirm_leave(self, self.all_pages(), action_text)

    def closeEvent(self, event) -> None:
        if not self.may_leave("退出"):
            event.ignore()
            return
        self._stop_listening()
        session.close_session()
        super().closeEvent(event)

    # ------------------------------------------------------------ other desks

    def _listen(self) -> None:
        """Hear the other desks while a server session is open (a new one for each opening)."""
        self._stop_listening()
        self.offline = False
        if session.is_server():
            self.listener = live.listen(self.bridge.heard.emit, self.bridge.state.emit)
            self._unhook = live.on_dropped(self.bridge.dropped.emit)

    def _stop_listening(self) -> None:
        self._unhook()
        self._unhook = lambda: None
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    def _heard(self, notices) -> None:
        """Other desks committed: the pages showing what they changed read it (while the server
        is away nothing can be read; coming back re-reads everything)."""
        if self.listener is None or self.offline or not session.is_server():
            return
        tables = live.from_others(notices)
        if tables:
            self.changed(areas_of(tables))

    def _server_lost(self) -> None:
        """A write, a read or the listener found the server gone. The banner says so at once;
        writes are refused meanwhile (StorageError, each dialog keeping what was typed)."""
        if self.offline or not session.is_server():
            return
        self.offline = True
        self._show_banner()
        if self.listener is not None:
            self.listener.poke()  # perhaps only this window's connection died: the listener finds out

    def _server_state(self, reachable: bool) -> None:
        if not session.is_server():
            return
        if not reachable:
            self._server_lost()
            return
        if not self.offline:
            return
        if not live.reachable():  # the listener hears the server, this connection not yet
            if self.listener is not None:
                QTimer.singleShot(RETRY_MS, self.listener.poke)
            return
        self.offline = False
        self._show_banner()
        self.refresh()  # what the other desks did meanwhile was not heard
        self.say("已重新连接服务器。", 5000)

    def _show_banner(self) -> None:
        access = session.access()
        lines = [text for text in (access.why, access.warning) if text]
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))
        self.offline_banner.setVisible(self.offline)


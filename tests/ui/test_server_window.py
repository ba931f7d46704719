"""The window on a server session, one desk of several: 连接服务器, the server and desk in the title
and in 最近打开 (never the password), another desk's commits shown within a second, this desk's
own not heard twice, and the server going away (banner, writes refused with what was typed kept)
and coming back (banner gone, everything re-read)."""
from __future__ import annotations

import time

import psycopg
import pytest
from PySide6.QtWidgets import QDialogButtonBox

from meetingdesk.services import roster, session
from meetingdesk.store.server import Address
from meetingdesk.ui.common import recent
from meetingdesk.ui.common.page import MOTIONS, ROSTER
from meetingdesk.ui.main_window import OFFLINE, MainWindow
from meetingdesk.ui.session.connect_dialog import ConnectDialog
from tests.services.test_live import other_desk_writes, terminate
from tests.ui.test_fits import HEIGHT, WIDTH, misfits

DESK = "签到台一"


def ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def fill(dialog, url: str, desk: str = DESK, password: str = "", database: str | None = None) -> None:
    address = Address.parse(url)
    dialog.host.setText(address.socket_dir or address.host)
    if address.port:
        dialog.port.setValue(address.port)
    dialog.database.setText(address.database if database is None else database)
    dialog.user.setText(address.user)
    dialog.desk.setText(desk)
    dialog.password.setText(password)


class Outage:
    """The server away, as when its computer is off: every connection cut, new ones refused."""

    def __init__(self, cluster, connect) -> None:
        self.cluster = cluster
        self.connect = connect  # psycopg's own, not refused
        self.away = False

    def begin(self, url: str) -> None:
        self.away = True
        with self.connect(self.cluster.url(), autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = %s AND pid <> pg_backend_pid()", (Address.parse(url).database,))

    def end(self) -> None:
        self.away = False


@pytest.fixture
def outage(monkeypatch, pg_cluster):
    """Begin and end an outage; the listener retries every half second meanwhile."""
    from meetingdesk.services import live

    connect = psycopg.connect
    found = Outage(pg_cluster, connect)

    def refused(*args, **kwargs):
        if found.away:
            raise psycopg.OperationalError("connection failed: Connection refused")
        return connect(*args, **kwargs)

    monkeypatch.setattr(psycopg, "connect", refused)  # the listener's and peewee's connections alike
    monkeypatch.setattr(live, "RETRY", 0.5)
    yield found
    found.end()


@pytest.fixture
def on_server(qtbot, demo_url):
    """The main window on a fresh server copy of the demo, as desk 签到台一, shown."""
    url = Address(**{**Address.parse(demo_url).__dict__, "desk": DESK}).url()
    win = MainWindow(url)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.listener is not None and win.listener.reachable is True, timeout=5000)
    yield win
    win.close()
    session.close_session()


class Calls(list):
    """The areas each window.changed was called with."""

    def watch(self, window) -> "Calls":
        real = window.changed

        def changed(areas, members=()):
            self.append(frozenset(areas))
            real(areas, members)

        window.changed = changed
        return self


# ---------------------------------------------------------------- connecting


def test_the_connect_dialog_opens_a_server_session(qtbot, window, demo_url):
    dialog = window.connect_server()
    fill(dialog, demo_url, password="geheim-123")  # the test server trusts; the password is not asked
    ok(dialog)
    assert not dialog.isVisible()
    assert session.is_server() and session.access().desk == DESK
    assert "服务器" in window.windowTitle() and DESK in window.windowTitle()
    assert DESK in window.status_title.text()
    assert window.listener is not None
    assert all(not action.isEnabled() and action.toolTip() for action in window.file_only_actions)
    remembered = recent.recent_files()[0]
    assert isinstance(remembered, str) and Address.parse(remembered).desk == DESK
    window.close()
    settings = recent.settings()
    settings.sync()
    text = open(settings.fileName(), encoding="utf-8", errors="replace").read()
    assert "geheim" not in text and "geheim" not in str(recent.recent_files())
    assert "geheim" not in (recent.last_server() or "") and "geheim" not in str(recent.last_session())


def test_the_dialog_remembers_the_address_but_not_the_password(qtbot, window, demo_url):
    first = window.connect_server()
    fill(first, demo_url, password="geheim-123")
    ok(first)
    again = window.connect_server()
    assert again.database.text() == Address.parse(demo_url).database and again.desk.text() == DESK
    assert again.password.text() == ""
    again.reject()


def test_a_refusal_keeps_the_dialog_with_what_was_typed(qtbot, window, demo_url, demo_file):
    dialog = window.connect_server()
    fill(dialog, demo_url, database="no_such_session")
    ok(dialog)
    assert dialog.isVisible()
    assert "no_such_session" in dialog.error_text("")
    assert dialog.database.text() == "no_such_session" and dialog.desk.text() == DESK
    assert session.current_path() == demo_file  # the session open before is open still
    dialog.database.setText("")
    ok(dialog)
    assert "数据库名" in dialog.error_text("database")
    dialog.reject()


def test_reopening_a_server_from_the_recent_list(qtbot, on_server, demo_file, demo_url):
    url = session.current_url()
    assert on_server.open_path(demo_file) and on_server.listener is None
    entry = recent.recent_files()[1]
    assert isinstance(entry, str) and Address.parse(entry).database == Address.parse(demo_url).database
    on_server.recent_menu.aboutToShow.emit()
    texts = [action.text() for action in on_server.recent_menu.actions()]
    assert any("服务器" in text and DESK in text for text in texts)
    assert on_server.open_path(entry)
    assert session.is_server() and session.current_url() == url
    assert on_server.listener is not None


def test_an_address_on_the_command_line(qtbot, demo_url):
    from meetingdesk.ui import app

    win = MainWindow()
    qtbot.addWidget(win)
    try:
        assert app.open_first(win, [demo_url])
        assert session.is_server() and win.listener is not None
    finally:
        win.close()
        session.close_session()


def test_a_server_wanting_a_password_asks_for_it(qtbot, window, demo_url, monkeypatch):
    from meetingdesk.services import server

    def refuse(path, mode=session.WRITE):
        raise session.SessionFileError("无法连接服务器：fe_sendauth: no password supplied")

    monkeypatch.setattr(session, "open_session", refuse)
    monkeypatch.setattr(server, "password_refused", lambda exc: "missing")
    assert not window.open_path(demo_url)
    [dialog] = [w for w in window.findChildren(ConnectDialog) if w.isVisible()]
    assert "密码" in dialog.error_text("password")
    assert dialog.database.text() == Address.parse(demo_url).database
    dialog.reject()


# ---------------------------------------------------------------- other desks


def test_another_desks_commit_refreshes_the_page_on_screen_within_a_second(qtbot, on_server):
    calls = Calls().watch(on_server)
    on_server.nav.setCurrentRow(3)  # the 议案 page read once, then hidden
    motions = on_server.motions_page
    on_server.nav.setCurrentRow(0)
    assert not motions.stale
    roster_page = on_server.roster_page
    refreshed = []
    real = roster_page.refresh
    roster_page.refresh = lambda: (refreshed.append(1), real())[1]
    team = roster.list_delegations()[0]
    began = time.monotonic()
    other_desk_writes(session.current_url(), f"UPDATE delegation SET room = '三楼会议室' WHERE id = {team.delegation_id}")
    qtbot.waitUntil(lambda: bool(refreshed), timeout=1000)
    assert time.monotonic() - began < 1
    assert any(ROSTER in areas for areas in calls)
    assert [t.room for t in roster.list_delegations() if t.delegation_id == team.delegation_id] == ["三楼会议室"]
    on_server.nav.setCurrentRow(3)
    on_server.nav.setCurrentRow(0)
    assert not motions.stale
    refreshed.clear()
    other_desk_writes(session.current_url(), "UPDATE motion SET title = title")
    qtbot.waitUntil(lambda: any(MOTIONS in areas for areas in calls), timeout=1000)
    assert motions.stale  # read when shown next
    assert refreshed == []  # the page on screen does not show 议案


def test_this_desks_own_writes_are_not_heard_again(qtbot, on_server):
    calls = Calls().watch(on_server)
    session.update_session(venue="本台改的")  # through this window's own connection
    qtbot.wait(800)
    assert calls == []
    other_desk_writes(session.current_url(), "UPDATE session SET venue = venue")
    qtbot.waitUntil(lambda: bool(calls), timeout=1000)  # what another connection writes still is


def test_the_listener_stops_with_the_window(qtbot, on_server):
    listener = on_server.listener
    began = time.monotonic()
    on_server.close()
    assert time.monotonic() - began < 1.5
    assert on_server.listener is None and not listener.running()


# ---------------------------------------------------------------- the server away


def test_the_server_going_away_and_coming_back(qtbot, outage, on_server):
    info_dialog = on_server.edit_session()
    info_dialog.venue.setText("区人大常委会新会场")
    delegation_dialog = on_server.roster_page.new_delegation()
    delegation_dialog.name.setText("新设代表团")
    delegation_dialog.room.setText("五楼")
    outage.begin(session.current_url())
    qtbot.waitUntil(lambda: on_server.offline_banner.isVisible(), timeout=1000)
    assert on_server.offline_banner.text() == OFFLINE

    ok(info_dialog)  # the window's connection is gone too: the write is refused
    assert info_dialog.isVisible() and "连接不上会议服务器" in info_dialog.error_text("")
    assert info_dialog.venue.text() == "区人大常委会新会场"

    qtbot.wait(1500)  # the listener tries again meanwhile, and is refused
    assert on_server.offline_banner.isVisible() and info_dialog.isVisible()
    calls = Calls().watch(on_server)
    outage.end()
    qtbot.waitUntil(lambda: not on_server.offline_banner.isVisible(), timeout=3000)
    assert any(areas >= {ROSTER, MOTIONS} for areas in calls)  # everything re-read
    ok(delegation_dialog)  # typed while away, saved once it is back
    assert not delegation_dialog.isVisible()
    assert "新设代表团" in [d.name for d in roster.list_delegations()]
    ok(info_dialog)
    assert not info_dialog.isVisible() and session.session_info().venue == "区人大常委会新会场"


def test_a_write_finding_the_server_gone_shows_the_banner_at_once(qtbot, outage, on_server):
    on_server.listener.stop()  # only the write can find out now
    on_server.listener = None
    dialog = on_server.roster_page.new_delegation()
    dialog.name.setText("新设代表团")
    outage.begin(session.current_url())
    ok(dialog)
    assert on_server.offline_banner.isVisible()
    assert dialog.isVisible() and dialog.name.text() == "新设代表团"
    assert "连接不上会议服务器" in dialog.error_text("")
    dialog.reject()


def test_the_window_on_a_server_with_the_banner_fits_the_laptop(qtbot, outage, on_server):
    outage.begin(session.current_url())
    qtbot.waitUntil(lambda: on_server.offline_banner.isVisible(), timeout=1000)
    on_server.showNormal()
    on_server.resize(WIDTH, HEIGHT)
    # its size and least size, as test_fits measures the window on a file (not its sizeHint)
    wrong = [text for text in misfits(on_server) if not text.startswith("sizeHint")]
    assert not wrong, wrong

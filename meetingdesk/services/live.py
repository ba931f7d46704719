"""Hearing the other desks of a server session: which tables they changed, and whether the server
is still there.

Every write on a server announces its table on the change log's channel (store.changelog), at
commit. A `Listener` hears those on a connection and a thread of its own and hands them on in
bursts; it never touches the session's own connection, which belongs to the thread that writes
(peewee keeps one per thread). What it hands on carries the writer's backend pid: `from_others`,
asked on the writing thread, keeps what other connections changed, since only that thread knows
its own connection's pid."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping

from meetingdesk import store
from meetingdesk.store import notify
from meetingdesk.store.errors import StorageError
from meetingdesk.store.server import MESSAGES, UNREACHABLE

from . import session

Notices = Mapping[str, frozenset[int]]  # table -> the backend pids that changed it

WAIT = 0.2  # the listener's longest sleep: stop() returns within it (and the join's slack)
GATHER = 0.15  # a burst (an import, a long transaction's tables) arrives as one report
RETRY = 3.0  # seconds between attempts to reach a server that went away
PROBE = 5.0  # how often an idle connection is checked: a silent network loss shows no error


class Listener:
    """Listens to the open server session's changes on a thread until stop().

    ON_CHANGE(notices) after other writes were committed (notices from the session's own
    connection included: see from_others); ON_STATE(reachable) when the server is found gone
    (False) and when it answers again (True), and after each poke(). Both are called on the
    listener's thread: a window hands them to its own thread (a queued Qt signal)."""

    def __init__(self, url: str, on_change: Callable[[Notices], None],
                 on_state: Callable[[bool], None], retry: float = RETRY) -> None:
        self.url = url
        self.on_change = on_change
        self.on_state = on_state
        self.retry = retry
        self._stop = threading.Event()
        self._poke = threading.Event()
        self._thread: threading.Thread | None = None
        self._asked = False  # poke() wants a report even if nothing changed
        self.reachable: bool | None = None  # None until the first attempt to connect ended

    def start(self) -> "Listener":
        # a daemon: a connect or probe stuck on a dead network must not keep the program from quitting
        self._thread = threading.Thread(target=self._run, name="meetingdesk-listener", daemon=True)
        self._thread.start()
        return self

    def stop(self, wait: float = 0.5) -> None:
        """Stop listening. Returns within WAIT seconds even when the thread is stuck connecting
        (it ends on its own then, reporting nothing); a report already on its way may still
        arrive, so a receiver checks that it still listens."""
        self._stop.set()
        self._poke.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(wait)

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()

    def poke(self) -> None:
        """Check the server now (a write found it gone): ON_STATE follows, whatever it finds."""
        self._asked = True
        self._poke.set()

    # ------------------------------------------------ the thread

    def _run(self) -> None:
        while not self._stop.is_set():
            self._poke.clear()
            try:
                conn = notify.listen(self.url)
            except (notify.Error, OSError):
                self._state(False)
                self._poke.wait(self.retry)
                continue
            try:
                self._state(True)
                self._serve(conn)
            except (notify.Error, OSError):
                self._state(False)
                self._poke.wait(self.retry)
            finally:
                try:
                    conn.close()
                except (notify.Error, OSError):
                    pass  # a dead connection may not close cleanly; it is gone either way

    def _serve(self, conn) -> None:
        pending: dict[str, set[int]] = {}
        due = None  # when the burst gathered in PENDING is handed on
        probed = time.monotonic()
        while not self._stop.is_set():
            if self._poke.is_set():
                self._poke.clear()
                notify.probe(conn)
                self._state(True)
                probed = time.monotonic()
            now = time.monotonic()
            wait = WAIT if due is None else max(0.0, min(WAIT, due - now))
            for notice in conn.notifies(timeout=wait):
                pending.setdefault(notice.payload, set()).add(notice.pid)
                if due is None:
                    due = time.monotonic() + GATHER
            now = time.monotonic()
            if due is not None and now >= due:
                burst = {table: frozenset(pids) for table, pids in pending.items()}
                pending, due = {}, None
                if not self._stop.is_set():
                    self.on_change(burst)
            if now - probed >= PROBE:
                notify.probe(conn)
                probed = now

    def _state(self, reachable: bool) -> None:
        """Report REACHABLE when it changed, or when asked (poke) since the last report."""
        if self._stop.is_set():
            return
        changed = reachable != self.reachable
        asked, self._asked = self._asked, False
        self.reachable = reachable
        if changed or asked:
            self.on_state(reachable)


def listen(on_change: Callable[[Notices], None], on_state: Callable[[bool], None],
           retry: float | None = None) -> Listener | None:
    """A listener on the open session's server, started; None for a session in a file."""
    url = session.current_url()
    if url is None:
        return None
    return Listener(url, on_change, on_state, RETRY if retry is None else retry).start()


def from_others(notices: Notices) -> frozenset[str]:
    """The tables of NOTICES another connection changed (not this thread's, the one that writes).
    With no connection now (dropped, not yet made again) every notice counts as another's: a page
    read once more is better than a change missed."""
    own = notify.backend_pid()
    return frozenset(table for table, pids in notices.items() if pids - {own})


def on_dropped(callback: Callable[[], None]) -> Callable[[], None]:
    """Call CALLBACK when a statement finds the server session's connection dead (the statement
    fails with StorageError); returns the function that stops it. Nothing for a file."""
    return notify.on_dropped(callback)


def reachable() -> bool:
    """Whether the open session's server answers this thread's connection now. A connection that
    died meanwhile is dropped and made again once, so a True means the next write can succeed.
    Always True for a file."""
    if not store.is_server():
        return True
    for _attempt in range(2):
        try:
            store.database.execute_sql("SELECT 1")
            return True
        except StorageError as exc:
            if exc.kind != UNREACHABLE:
                raise
    return False


def ping() -> None:
    """Raise StorageError (kind store.server.UNREACHABLE) unless the server answers (reachable)."""
    if not reachable():
        raise StorageError(UNREACHABLE, MESSAGES[UNREACHABLE] + f"（{session.current_location()}）")

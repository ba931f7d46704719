"""The psycopg side of hearing other desks: a connection of its own that LISTENs on the change
log's channel, this program's backend pid (to tell its own writes from others'), and a hook for
the moment a statement finds the server gone.

The listening connection is plain psycopg, not peewee: peewee keeps one connection per thread and
this one belongs to the listener's thread, in autocommit, never writing."""
from __future__ import annotations

from collections.abc import Callable

import psycopg

from .changelog import CHANNEL
from .models import database
from .server import Address, ServerDatabase

# libpq's keepalives: a connection whose network is gone (no reset, just silence) is found dead
# within about ten seconds instead of the operating system's two hours
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 2}

Error = psycopg.Error  # what the listener's connection raises when the server goes


def listen(url: str) -> psycopg.Connection:
    """A new connection to the session at URL, listening on the change log's channel."""
    address = Address.parse(url)
    kwargs = address.connect_kwargs() | KEEPALIVES
    kwargs["application_name"] = "MeetingDesk listener"
    conn = psycopg.connect(dbname=address.database, autocommit=True, **kwargs)
    try:
        conn.execute(f'LISTEN "{CHANNEL}"')
    except BaseException:
        conn.close()
        raise
    return conn


def probe(conn: psycopg.Connection) -> None:
    """Raise (psycopg.Error) unless CONN still reaches its server."""
    conn.execute("SELECT 1")


def _server() -> ServerDatabase | None:
    db = database.obj
    return db if isinstance(db, ServerDatabase) else None


def backend_pid() -> int | None:
    """The server process of this thread's connection to the open session, None when there is no
    server session or no connection now (it reconnects with the next statement)."""
    db = _server()
    if db is None or db.is_closed():
        return None
    return db.connection().info.backend_pid


def on_dropped(callback: Callable[[], None]) -> Callable[[], None]:
    """Call CALLBACK whenever a statement of the open server session finds its connection dead
    (ServerDatabase drops it then, raising StorageError). Returns the function that stops it.

    Hooked on the database object, not by catching StorageError where it is raised: every service
    and every page would otherwise have to report it."""
    db = _server()
    if db is None:
        return lambda: None
    db.dropped_callbacks.append(callback)

    def stop() -> None:
        if callback in db.dropped_callbacks:
            db.dropped_callbacks.remove(callback)
    return stop


def password_refused(exc: BaseException) -> str:
    """Why the server would not let us in for want of a password: "missing", "wrong", or ""
    when EXC (or what caused it) is about something else."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, psycopg.Error):
            if getattr(cause, "sqlstate", None) == "28P01":  # invalid_password
                return "wrong"
            if "no password supplied" in str(cause):
                return "missing"
        cause = cause.__cause__ or cause.__context__
    return ""

"""services.live: another desk's commits heard within a second, this program's own told apart,
the server's going and coming back reported, and stop() prompt."""
from __future__ import annotations

import queue
import time

import psycopg
import pytest

from meetingdesk.services import changelog, live, session
from meetingdesk.store.server import Address


def terminate(cluster, url: str) -> None:
    """Cut every connection to URL's database, as a server restart or a network cut would."""
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s AND pid <> pg_backend_pid()", (Address.parse(url).database,))


def other_desk_writes(url: str, sql: str) -> None:
    """A commit by another desk: a connection of its own, as another computer's program."""
    address = Address.parse(url)
    with psycopg.connect(dbname=address.database, autocommit=True, **address.connect_kwargs()) as conn:
        conn.execute(sql)


class Heard:
    def __init__(self) -> None:
        self.changes: queue.Queue = queue.Queue()
        self.states: queue.Queue = queue.Queue()

    def change(self, notices) -> None:
        self.changes.put(notices)

    def state(self, reachable: bool) -> None:
        self.states.put(reachable)


@pytest.fixture
def opened(demo_url):
    session.open_session(demo_url)
    yield demo_url
    session.close_session()


@pytest.fixture
def heard(opened):
    got = Heard()
    listener = live.listen(got.change, got.state, retry=0.3)
    assert got.states.get(timeout=5) is True
    yield got, listener
    listener.stop()


def test_another_desks_commit_is_heard_within_a_second(opened, heard):
    got, _listener = heard
    began = time.monotonic()
    other_desk_writes(opened, "UPDATE session SET venue = '区会议中心'")
    notices = got.changes.get(timeout=1)
    assert time.monotonic() - began < 1
    tables = live.from_others(notices)
    assert "session" in tables
    assert "session" in changelog.areas_of(tables)


def test_a_burst_is_one_report(opened, heard):
    got, _listener = heard
    other_desk_writes(opened, "BEGIN; UPDATE session SET venue = 'A'; UPDATE delegation SET name = name; COMMIT")
    notices = got.changes.get(timeout=1)
    assert {"session", "delegation"} <= set(notices)


def test_own_writes_are_told_apart(opened, heard):
    got, _listener = heard
    session.update_session(venue="本台写的")
    notices = got.changes.get(timeout=1)
    assert "session" in notices
    assert live.from_others(notices) == frozenset()


def test_the_server_going_and_coming_back_is_reported(opened, heard, pg_cluster):
    got, listener = heard
    terminate(pg_cluster, opened)
    assert got.states.get(timeout=2) is False
    assert got.states.get(timeout=3) is True  # it retries by itself
    assert live.reachable()  # the session's own dead connection is made again
    assert session.session_info().venue is not None
    other_desk_writes(opened, "UPDATE session SET venue = '重连后'")
    assert "session" in live.from_others(got.changes.get(timeout=1))


def test_a_poke_reports_even_when_nothing_changed(opened, heard):
    got, listener = heard
    listener.poke()
    assert got.states.get(timeout=2) is True


def test_an_unreachable_server_is_reported_and_retried(opened):
    got = Heard()
    address = Address.parse(opened)
    listener = live.Listener(address.url().replace(f"/{address.database}", "/no_such_database"),
                             got.change, got.state, retry=0.2).start()
    try:
        assert got.states.get(timeout=5) is False
        listener.poke()
        assert got.states.get(timeout=5) is False  # told again when asked
    finally:
        listener.stop()


def test_stop_is_prompt(opened, heard):
    _got, listener = heard
    began = time.monotonic()
    listener.stop()
    assert time.monotonic() - began < 0.5
    assert not listener.running()


def test_nothing_to_listen_to_in_a_file(demo_file):
    session.open_session(demo_file)
    try:
        assert live.listen(lambda n: None, lambda s: None) is None
        assert live.reachable()
    finally:
        session.close_session()

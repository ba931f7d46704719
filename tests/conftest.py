"""Shared fixtures: sessions on temporary files; Qt offscreen, one QApplication."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from meetingdesk.services import demo, session


@pytest.fixture(autouse=True)
def _own_settings(monkeypatch, tmp_path):
    """Tests never touch the user's 最近打开 list and window geometry."""
    monkeypatch.setenv("MEETINGDESK_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo session built once; tests get their own copy."""
    path = tmp_path_factory.mktemp("template") / "demo.meetingdesk"
    demo.create_demo(path)
    session.close_session()
    return path


@pytest.fixture
def demo_file(demo_template, tmp_path) -> Path:
    path = tmp_path / "demo.meetingdesk"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def backend(request) -> str:
    """Where the session of demo_session / empty_session lives: "sqlite" (a file) or "postgresql"
    (a database on the throw-away cluster). Tests of tests/services run on both
    (tests/services/conftest.py parametrises them); elsewhere a file."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_cluster():
    """The throw-away PostgreSQL cluster (tests/pgcluster.py), started once for the run. Without
    PostgreSQL's server programs the server tests are skipped, unless MEETINGDESK_REQUIRE_PG=1
    (.ci/run sets it, having installed them): then they fail."""
    from tests import pgcluster

    if os.environ.get("MEETINGDESK_TEST_PG"):
        yield _GivenServer(os.environ["MEETINGDESK_TEST_PG"])
        return
    cluster = pgcluster.start()
    if cluster is None:
        if os.environ.get("MEETINGDESK_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL 的服务器程序（initdb、pg_ctl）没有安装：apt-get install postgresql")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql); the server tests need it")
    yield cluster
    cluster.stop()


class _GivenServer:
    """A server named by MEETINGDESK_TEST_PG, used as a cluster is."""

    def __init__(self, url: str) -> None:
        self.base = url

    def url(self, database: str = "postgres", user: str | None = None) -> str:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.base)
        netloc = parts.netloc if user is None else f"{user}@{parts.hostname or ''}" + (
            f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(path="/" + database, netloc=netloc))


_databases = iter(range(1, 10**9))


def new_database(cluster, template: str | None = None) -> str:
    """A new database on CLUSTER (a copy of TEMPLATE), returns its URL."""
    import psycopg

    name = f"t{os.getpid()}_{next(_databases)}"
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""))
    return cluster.url(name)


@pytest.fixture(scope="session")
def pg_demo_template(pg_cluster, demo_template) -> str:
    """The demo session published once on the cluster; tests get their own copy of the database."""
    from meetingdesk.services import server

    url = new_database(pg_cluster)
    server.publish(demo_template, url)
    from meetingdesk.store.server import Address

    return Address.parse(url).database


@pytest.fixture
def demo_url(pg_cluster, pg_demo_template) -> str:
    """A fresh copy of the demo session on the server."""
    return new_database(pg_cluster, pg_demo_template)


@pytest.fixture
def demo_session(request, backend, tmp_path, demo_template):
    """The demo session, open: a file (the copy demo_file names) or a database on the server."""
    if backend == "postgresql":
        info = session.open_session(request.getfixturevalue("demo_url"))
    else:
        info = session.open_session(request.getfixturevalue("demo_file"))
    yield info
    session.close_session()


@pytest.fixture
def empty_session(request, backend, tmp_path):
    info = session.create_session(tmp_path / "empty.meetingdesk", region="测试区", term=1, number=1,
                                  statutory_delegates=20)
    if backend == "postgresql":
        from meetingdesk.services import server

        url = new_database(request.getfixturevalue("pg_cluster"))
        session.close_session()
        server.publish(tmp_path / "empty.meetingdesk", url)
        info = session.open_session(url)
    yield info
    session.close_session()


HOLD = textwrap.dedent("""
    import sys, time
    from meetingdesk.services import session
    session.open_session(sys.argv[1])
    print("held", flush=True)
    time.sleep(60)
""")


def hold(path: Path) -> subprocess.Popen:
    """A second program holding PATH for writing, as another window would; returns once it does."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def held_elsewhere(demo_file):
    proc = hold(demo_file)
    yield proc
    proc.kill()
    proc.wait()

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
def demo_session(demo_file):
    """The demo session, open."""
    info = session.open_session(demo_file)
    yield info
    session.close_session()


@pytest.fixture
def empty_session(tmp_path):
    info = session.create_session(tmp_path / "empty.meetingdesk", region="测试区", term=1, number=1,
                                  statutory_delegates=20)
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

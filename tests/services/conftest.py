"""The services' tests run on both backends: a session file and a database on a server
(store.server). A test that is about the file itself (its lock, backups, journal, copies) says so
with `@pytest.mark.file_only`, or by asking for the file (demo_file)."""
from __future__ import annotations

import pytest

FILE_FIXTURES = {"demo_file", "held_elsewhere", "old_file"}


def pytest_generate_tests(metafunc):
    names = set(metafunc.fixturenames)
    if not names & {"demo_session", "empty_session"} or names & FILE_FIXTURES:
        return
    if metafunc.definition.get_closest_marker("file_only"):
        return
    metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)

"""pyproject.toml lists every package: a folder left out installs without it from a wheel (an
editable install, which the tests use, would not notice)."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "meetingdesk").rglob("__init__.py")}
    assert folders - listed == set()
    assert {"meetingdesk.resources", "meetingdesk.seeds"} <= listed

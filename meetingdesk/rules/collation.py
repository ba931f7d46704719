"""姓名笔画排序 — the one stroke-order collation for names.

The rule (GF 3003-1999, stroke order of GF 0023-2020), as the printed lists
"以姓名笔画为序" follow it:

* Names are compared character by character.
* For one character: fewer strokes first; with the same count, the stroke
  sequence compared stroke by stroke in the order 横1 竖2 撇3 点4 折5
  (提 counts as 横, 竖钩 as 竖, 捺 as 点, every other turning or hooked stroke
  as 折 — GF 2001-2001 §1, the classes of GF 3003-1999).
* A name that is a prefix of another sorts first.
* Markers and layout do not take part: ``_(女)``, ``(女)``, any note in ASCII or
  full-width parentheses (``王 超(区消防救援大队大队长)``), underscores, ASCII
  and full-width (U+3000) alignment spaces, tabs.
* A character outside the 通用规范汉字表 written with a traditional component
  (馬 門 貝 車 見 頁 魚 鳥 …, 言 食 糸 金 on the left) is counted as its
  analogically simplified form (类推简化), as national lists count it: 马馼
  (馼 = 马 + 文, 7 strokes) before 马凯 (凯, 8). So is a character of the table
  that the data lacks, by the simplified parts of its traditional form (𫘜 = 马 + 文,
  䶮 = 龙 + 天). :func:`guesses` names them. An override that gives such a
  character a sequence other than its written parts wins over the guess.
* A character without stroke data sorts after every known character, in code
  point order among themselves.
* Two different characters with identical stroke sequences (土/士, 己/已/巳)
  are equal under the rule. The sort still has to be deterministic, so as a
  last resort (whole name equal under the rule) the cleaned names are compared
  by code point. :func:`ties` reports such groups instead of hiding them.

Optional convention ``single_name_first``: within one surname (the first
character), names with a one-character given name come before longer ones
(丁宁 丁铭 before 丁小强).

Pure Python; imports nothing from Qt, peewee or other meetingdesk layers.
"""
from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Iterable
from typing import Any

from meetingdesk.rules import strokes as _strokes

__all__ = ["clean_name", "strokes", "stroke_key", "sort_names", "unknown_chars", "guesses", "ties"]

# A parenthesised note, ASCII or full-width parentheses, mixed pairs accepted.
_NOTE = re.compile(r"[(（][^()（）]*[)）]")
# Whatever is left of an unclosed note: drop from the opening parenthesis on.
_OPEN_NOTE = re.compile(r"[(（].*\Z", re.S)
# Underscores and every kind of white space (str.isspace covers U+3000 and NBSP).
_LAYOUT = re.compile(r"[_\s]+")
# Separators inside transcribed names (阿依古丽·买买提): kept by clean_name,
# skipped by the key (they have no strokes and are not characters of the name).
_SEPARATORS = frozenset("·・•‧･")


def clean_name(display: str) -> str:
    """The name itself, without markers, notes and alignment.

    >>> clean_name('王 超_(女)')
    '王超'
    >>> clean_name('王 超(区消防救援大队大队长)')
    '王超'
    """
    s = display
    # Remove innermost notes until none is left (handles nesting).
    while True:
        t = _NOTE.sub("", s)
        if t == s:
            break
        s = t
    s = _OPEN_NOTE.sub("", s)
    s = s.replace(")", "").replace("）", "")
    return _LAYOUT.sub("", s)


def strokes(ch: str) -> str | None:
    """Stroke sequence of one character as written, digits 1–5 ('王' → '1121'); None without data.

    This is the character's own sequence (馼: 馬 + 文, 14 strokes); the order counts some
    characters by their simplified parts instead: see :func:`counted_strokes`.
    """
    if len(ch) != 1:
        raise ValueError(f"strokes() takes one character, got {ch!r}")
    return _strokes.sequence(ch)


def counted_strokes(ch: str) -> str | None:
    """The stroke sequence the order counts for one character ('馼' → '5514134', 马 + 文);
    None when it sorts as an unknown character."""
    if len(ch) != 1:
        raise ValueError(f"counted_strokes() takes one character, got {ch!r}")
    return _strokes.sort_sequence(ch)


# --- keys -----------------------------------------------------------------

# Per-character key: (0, stroke count, sequence) for known characters,
# (1, code point) for unknown ones. Sequences are strings of '1'..'5', so string
# comparison is the stroke-by-stroke comparison. Cached per character.
_char_keys: dict[str, tuple] = {}


def _char_key(ch: str) -> tuple:
    k = _char_keys.get(ch)
    if k is None:
        seq = _strokes.sort_sequence(ch)
        k = (0, len(seq), seq) if seq is not None else (1, ord(ch))
        _char_keys[ch] = k
    return k


def _key_chars(cleaned: str) -> str:
    if any(c in _SEPARATORS for c in cleaned):
        return "".join(c for c in cleaned if c not in _SEPARATORS)
    return cleaned


def _primary(chars: str, single_name_first: bool) -> tuple:
    ck = _char_keys
    keys = [ck.get(c) or _char_key(c) for c in chars]
    if single_name_first and chars:
        # After the surname: 0 for a one-character given name (or none), 1 for longer.
        keys.insert(1, 0 if len(chars) <= 2 else 1)
    return tuple(keys)


@lru_cache(maxsize=None)  # the roll is sorted again after every check-in; unbounded: 50,000 names must not fall off a cliff
def stroke_key(name: str, *, single_name_first: bool = False) -> tuple:
    """Sort key for a display name; a total order over cleaned names.

    ``(primary, cleaned)``: *primary* is the per-character stroke key (ties
    under the rule compare equal there); *cleaned* is the code-point
    tie-break of last resort. Two display names with the same cleaned name
    get equal keys.
    """
    cleaned = clean_name(name)
    return (_primary(_key_chars(cleaned), single_name_first), cleaned)


def sort_names(items: Iterable[Any], *, key: Callable[[Any], str] | None = None,
               single_name_first: bool = False) -> list:
    """Items sorted by stroke order of their display names.

    ``key`` extracts the display name from an item (default: the item is the
    name). Items whose cleaned names are equal are ordered by the display name
    (so '王 超(区消防…)' and '王 超(区融媒体…)' come out the same way whatever the
    input order), and otherwise keep their input order.
    """
    get = key if key is not None else (lambda x: x)

    def full_key(item: Any) -> tuple:
        display = get(item)
        return (stroke_key(display, single_name_first=single_name_first), display)

    return sorted(items, key=full_key)


def unknown_chars(names: Iterable[str]) -> list[str]:
    """Characters of the cleaned names that have no stroke data, by code point."""
    found: set[str] = set()
    for n in names:
        for c in _key_chars(clean_name(n)):
            if _char_key(c)[0] == 1:
                found.add(c)
    return sorted(found)


def guesses(names: Iterable[str]) -> list[_strokes.Counted]:
    """The characters of the cleaned names counted by their parts rather than as written
    (馼 → 马 + 文), by code point: what the order had to work out, for a person to check."""
    found: dict[str, _strokes.Counted] = {}
    for n in names:
        for c in _key_chars(clean_name(n)):
            if c not in found:
                g = _strokes.counted(c)
                if g is not None:
                    found[c] = g
    return [found[c] for c in sorted(found)]


def ties(names: Iterable[str]) -> list[list[str]]:
    """Groups of distinct cleaned names that the rule cannot tell apart.

    Such names compare equal except for the code-point tie-break, e.g. '王土'
    and '王士' (土 and 士 are both 横竖横, 121). Each group is in code-point
    order; groups are in stroke order. Names that clean to the same string are
    one name here, not a tie.
    """
    groups: dict[tuple, set[str]] = {}
    for n in names:
        cleaned = clean_name(n)
        groups.setdefault(_primary(_key_chars(cleaned), False), set()).add(cleaned)
    return [sorted(g) for k, g in sorted(groups.items(), key=lambda kv: kv[0]) if len(g) > 1]


def char_ties(ch: str) -> list[str]:
    """Other characters with exactly the same stroke sequence as ``ch`` (土 → ['士', ...]).

    Scans the whole table once per call; meant for reports, not for sorting.
    """
    seq = strokes(ch)
    if seq is None:
        return []
    return sorted(c for c, s in _strokes.table().items() if s == seq and c != ch)

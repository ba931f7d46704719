"""Names as they are compared: one spelling for what looks the same.

A name copied from a Word file, a web page or a spreadsheet made on another computer may look
exactly like the one in the roster and still differ in its code points:

* composed or decomposed forms — Unicode NFC makes them one;
* CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F), which some input methods
  and conversions produce: each has a canonical (singleton) decomposition to its unified
  ideograph, so NFC maps every one of them (checked in the tests for the whole blocks; the
  twelve code points of the block that NFC keeps, such as U+FA0E 﨎, are unified ideographs
  themselves, not compatibility ones);
* the middle dot of minority names (阿依·买买提) typed as any of a dozen dots — all become
  U+00B7 ·, and a run of them one dot;
* spaces of every width, including the full-width space that aligns two-character names
  (王　烁), no-break and zero-width spaces — all removed.

`normalize_name` does all of this; it never converts traditional characters, which may be a
person's own spelling. `simplified_key` maps traditional characters to simplified ones only to
find names that differ by nothing else (劉君 / 刘君), for a warning. The table is loaded on
first use from resources/t2s.tsv.
"""
from __future__ import annotations

import unicodedata

MIDDLE_DOT = "\u00b7"

# Every character a clerk or a conversion may have put where the name's middle dot belongs.
DOT_VARIANTS = frozenset(
    "\u00b7"  # · MIDDLE DOT (canonical)
    "\u0387"  # · GREEK ANO TELEIA (NFC turns it into U+00B7)
    "\u16eb"  # ᛫ RUNIC SINGLE PUNCTUATION
    "\u2022"  # • BULLET
    "\u2024"  # ․ ONE DOT LEADER
    "\u2027"  # ‧ HYPHENATION POINT (Big5 texts)
    "\u2219"  # ∙ BULLET OPERATOR
    "\u22c5"  # ⋅ DOT OPERATOR
    "\u25cf"  # ● BLACK CIRCLE
    "\u2e31"  # ⸱ WORD SEPARATOR MIDDLE DOT
    "\u30fb"  # ・ KATAKANA MIDDLE DOT (Japanese IMEs, GBK conversions)
    "\ua78f"  # ꞏ LATIN LETTER SINOLOGICAL DOT
    "\uff0e"  # ． FULLWIDTH FULL STOP
    "\uff65"  # ･ HALFWIDTH KATAKANA MIDDLE DOT
    "."       # . FULL STOP, as typed on a keyboard without a Chinese input method
)

# Removed wherever they stand: spaces of every kind and the invisible format characters that
# travel with copied text.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE or unicodedata.category(ch) == "Zs"


def normalize_name(text: str | None) -> str:
    """NAME as it is stored and compared: NFC, dots unified, every kind of space removed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for ch in text:
        if _is_space(ch):
            continue
        if ch in DOT_VARIANTS:
            if out and out[-1] == MIDDLE_DOT:
                continue  # 阿依··买买提, 阿依 · ・买买提: one dot
            ch = MIDDLE_DOT
        out.append(ch)
    return "".join(out)


_T2S: dict[str, str] | None = None


def _table() -> dict[str, str]:
    global _T2S
    if _T2S is None:
        from meetingdesk.assets import resource

        table: dict[str, str] = {}
        try:
            with open(resource("t2s.tsv"), encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("#") or "\t" not in line:
                        continue
                    trad, simp = line.rstrip("\r\n").split("\t")[:2]
                    if len(trad) == 1 and simp:
                        table[trad] = simp
        except OSError:
            table = {}  # without the table no warning is given; nothing else depends on it
        for trad, simp in table.items():  # a chain (薴 → 苧 → 苎) ends at its last form
            seen = 0
            while simp in table and seen < 4:
                simp, seen = table[simp], seen + 1
            table[trad] = simp
        _T2S = table
    return _T2S


def simplified_key(name: str) -> str:
    """NAME (normalised) with its traditional characters in simplified form: 劉君 → 刘君."""
    table = _table()
    return "".join(table.get(ch, ch) for ch in normalize_name(name))


def differs_only_by_traditional(a: str, b: str) -> bool:
    """True when A and B are different names that become one in simplified characters."""
    a, b = normalize_name(a), normalize_name(b)
    return a != b and simplified_key(a) == simplified_key(b)

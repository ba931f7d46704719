"""The override table resources/strokes/overrides.tsv: one test per entry.

The expected sequences are written out here independently of the table, so a
changed or removed entry fails a test instead of silently changing the order.
"""
from __future__ import annotations

import pytest

from meetingdesk.rules import strokes as stroke_data
from meetingdesk.rules.collation import sort_names, strokes

# char -> (kind, final sequence). fix: bh.txt is wrong; pin: bh.txt confirmed
# where cnchar disagrees. See resources/strokes/README.md for the reasons.
EXPECTED = {
    "达": ("fix", "134454"),               # 大 134 + 辶 454; bh.txt lost one 点 (13454)
    "虽": ("fix", "251251214"),            # 口 251 + 虫 251214; bh.txt 251214214
    "钚": ("fix", "311151324"),            # 钅 31115 (竖提 is 折) + 不 1324; bh.txt 311121324
    "鵡": ("fix", "1121215432511154444"),  # 武 11212154 + 鳥 32511154444; bh.txt lost the 点 of 武
    "德": ("pin", "332122522114544"),      # cnchar-order: 332132… (竖 of 十 as 撇)
    "炽": ("pin", "433425134"),            # cnchar-order: …144
    "皙": ("pin", "1234331232511"),        # cnchar-order: 12 strokes (白 lacks its 撇)
    "锺": ("pin", "31115312511211"),       # cnchar-order: 重 as …11121
    "鍾": ("pin", "34112431312511211"),    # cnchar-trad: 重 as …11121
    "閻": ("pin", "2511251135321511"),     # cnchar-trad: 門 starting with 横折
    "閔": ("pin", "251125114134"),
    "閆": ("pin", "25112511111"),
    "嫺": ("pin", "531251125113511"),
}

OVERRIDES = stroke_data.overrides()


def _base() -> dict[str, str]:
    return stroke_data.parse_base(stroke_data.data_path().read_text(encoding="utf-8"))


def test_every_override_is_expected_here():
    assert sorted(o.char for o in OVERRIDES) == sorted(EXPECTED)
    assert len({o.char for o in OVERRIDES}) == len(OVERRIDES)  # no duplicates


@pytest.mark.parametrize("o", OVERRIDES, ids=[o.char for o in OVERRIDES])
def test_override_entry(o):
    kind, seq = EXPECTED[o.char]
    assert o.kind == kind
    assert o.sequence == seq
    assert strokes(o.char) == seq          # the final, loaded sequence
    assert o.reason and o.reference
    base = _base().get(o.char)
    if kind == "fix":
        assert base != seq                 # the base data really is replaced
    else:
        assert base == seq                 # a pin documents that the base data is right


def test_fixes_matter_for_order():
    # 达 has 6 strokes, so it follows 冯 (5) and, starting with 横, precedes 吕 (6, starts 竖).
    # bh.txt's 5-stroke 13454 would have put 达 before 冯 (41551).
    assert sort_names(["达文", "冯文", "吕文"]) == ["冯文", "达文", "吕文"]


def test_override_parser_rejects_bad_rows():
    with pytest.raises(ValueError):
        stroke_data.parse_overrides("char\tsequence\tkind\treason\treference\n达\t13x\tfix\tr\tref\n")
    with pytest.raises(ValueError):
        stroke_data.parse_overrides("char\tsequence\tkind\treason\treference\n达\t134454\tmaybe\tr\tref\n")
    with pytest.raises(ValueError):
        stroke_data.parse_overrides("达\t134454\tfix\n")

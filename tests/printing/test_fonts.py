"""The bundled fonts: Song for body text, Hei as the per-character fallback, nothing missing."""
from __future__ import annotations

import pytest

from meetingdesk.printing import coverage, fonts

SEED_RARE = "楨嫻蒨甦玥堃喆昇珺镕"
ONLY_IN_HEI = "刏"  # GBK, in WenQuanYi Micro Hei, not in AR PL UMing
IN_NEITHER = "\U0002a6d6"  # CJK Extension B, in neither bundled face


def test_song_face_covers_the_seeds_rare_characters():
    for ch in SEED_RARE + "　（）：、，" + "代表团编团名单第页共":
        assert fonts.has_char(fonts.SONG, ch), ch


def test_a_character_the_song_face_lacks_is_drawn_in_the_hei_face():
    assert not fonts.has_char(fonts.SONG, ONLY_IN_HEI)
    assert fonts.has_char(fonts.HEI, ONLY_IN_HEI)
    assert fonts.runs("王" + ONLY_IN_HEI + "明", 14) == [
        fonts.Run("王", fonts.SONG, 14), fonts.Run(ONLY_IN_HEI, fonts.HEI, 14), fonts.Run("明", fonts.SONG, 14)]
    assert fonts.markup("王" + ONLY_IN_HEI) == f'王<font face="{fonts.HEI}">{ONLY_IN_HEI}</font>'


def test_markup_escapes_xml():
    assert fonts.markup("A&B<C>") == "A&amp;B&lt;C&gt;"


def test_missing_characters_are_found():
    assert not fonts.covered(IN_NEITHER)
    assert fonts.missing_chars("王" + IN_NEITHER + "明" + IN_NEITHER) == [IN_NEITHER]
    assert fonts.missing_chars("卢永楨 " + ONLY_IN_HEI) == []


def test_coverage_error_names_the_person_and_the_character():
    with pytest.raises(coverage.FontCoverageError) as info:
        coverage.check_coverage([coverage.Printed("卢永楨", "东山街代表团 列席"),
                                 coverage.Printed("王" + IN_NEITHER, "长青街代表团 列席")])
    message = str(info.value)
    assert message.startswith(f"无法打印“王{IN_NEITHER}”（长青街代表团 列席）中的“{IN_NEITHER}”（U+2A6D6）：字体中没有这个字")
    assert "卢永楨" not in message
    assert info.value.problems == [("王" + IN_NEITHER, "长青街代表团 列席", IN_NEITHER)]

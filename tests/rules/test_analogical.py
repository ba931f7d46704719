"""类推简化: characters outside the 通用规范汉字表 written with a traditional component are counted
as their analogically simplified form (resources/strokes/analogical.tsv, rules/strokes.py).

Expected counts are written out here from the components' standard stroke orders, not read
back from the table.
"""
from __future__ import annotations

import time

import pytest

from meetingdesk.rules import collation, strokes as stroke_data
from meetingdesk.rules.collation import (
    counted_strokes, guesses, sort_names, stroke_key, strokes, ties, unknown_chars,
)

MA, WEN = "551", "4134"   # 马: 横折 竖折折钩 提; 文: 点 横 撇 捺


# --- the example ---------------------------------------------------------------

def test_ma_wen_before_ma_kai():
    # 马馼 (十八大 presidium): 馼 counted 马 + 文 = 7 strokes, 凯 has 8.
    assert counted_strokes("馼") == MA + WEN
    assert len(strokes("凯")) == 8
    assert sort_names(["马凯", "马馼"]) == ["马馼", "马凯"]
    assert sort_names(["马凯", "马 馼_(女)", "马兴瑞"]) == ["马兴瑞", "马 馼_(女)", "马凯"]  # 兴 6


def test_the_written_sequence_is_unchanged():
    # strokes() is the character as written (馬 + 文, 14); only the order counts it as 7.
    assert strokes("馼") == "1211254444" + WEN
    assert len(counted_strokes("馼")) == 7


def test_guess_says_what_it_counted():
    [g] = guesses(["马馼"])
    assert (g.char, g.parts, g.sequence, g.analogical) == ("馼", ("马", "文"), MA + WEN, True)


# --- standard characters keep their own count ------------------------------------------

@pytest.mark.parametrize("ch", list("马钱陈凯文王刘李门贝车鸟"))
def test_standard_characters_are_unaffected(ch):
    assert stroke_data.counted(ch) is None
    assert counted_strokes(ch) == strokes(ch)


@pytest.mark.parametrize("ch,count", [
    ("鋆", 15),  # 均 over 金: 金 at the bottom stays (钅 is a left-hand form only)
    ("鑫", 24),
    ("警", 19),  # 言 at the bottom
    ("詹", 13),
    ("紫", 12),
    ("鍪", 17),
])
def test_table_characters_with_a_traditional_radical_keep_their_count(ch, count):
    assert stroke_data.counted(ch) is None
    assert len(counted_strokes(ch)) == count == len(strokes(ch))
    assert guesses([ch]) == []


def test_left_hand_forms_only_on_the_left():
    # 言 食 糸 金 become 讠 饣 纟 钅 as the left part only.
    assert counted_strokes("鍹") == "31115" + strokes("宣")       # 钅 + 宣 (not in the table)
    assert counted_strokes("飣") == strokes("饣") + strokes("丁")
    assert counted_strokes("這") == strokes("這")                # 言 beside 辶 is no left part


# --- the results equal the simplified character where one exists ------------------------

@pytest.mark.parametrize("trad,simp", [
    ("驊", "骅"), ("閻", "阎"), ("鍾", "锺"), ("嫻", "娴"), ("馬", "马"), ("鵡", "鹉"),
    ("輪", "轮"), ("漸", "渐"), ("連", "连"), ("頔", "𬱖"), ("劉", "刘"), ("鯤", "鲲"),
    ("韓", "韩"), ("龔", "龚"), ("齡", "龄"), ("麩", "麸"), ("曉", "晓"), ("倫", "伦"),
    ("張", "张"), ("陳", "陈"), ("楊", "杨"), ("鄭", "郑"), ("謝", "谢"), ("馮", "冯"),
    # a component the data writes in a variant form: counted as the simplified character
    ("顏", "颜"), ("說", "说"), ("輝", "辉"), ("鈞", "钧"), ("閒", "闲"),
])
def test_counted_as_the_simplified_character(trad, simp):
    assert counted_strokes(trad) == counted_strokes(simp)
    assert stroke_key("王" + trad)[0] == stroke_key("王" + simp)[0]


def test_che_on_the_left_is_written_with_the_rising_stroke_last():
    # 车 alone 横 撇折 横 竖 (1512); as a left part 横 撇折 竖 提 (1521), as 轮 and 渐 have it.
    assert counted_strokes("輪").startswith("1521")
    assert counted_strokes("連").startswith("1512")             # 车 inside 辶 is whole
    assert counted_strokes("漸") == "441" + "1521" + "3312"


def test_individually_simplified_characters_keep_their_own_count():
    # 鳳 → 凤, 陽 → 阳, 鐘 → 钟 are simplifications of their own, not by analogy.
    for ch in "鳳陽鐘價":
        assert stroke_data.counted(ch) is None
        assert counted_strokes(ch) == strokes(ch)


# --- outside the BMP, and table characters without data ---------------------------------

def test_table_characters_without_data_are_counted_by_their_parts():
    # 𫘜 (U+2B61C, Ext. E) is the simplified 馼; 䶮 (Ext. A) is 龙 + 天.
    g = stroke_data.counted("𫘜")
    assert (g.parts, g.sequence, g.analogical) == (("马", "文"), MA + WEN, False)
    assert strokes("𫘜") is None
    assert counted_strokes("䶮") == strokes("龙") + strokes("天")
    assert len(counted_strokes("䶮")) == 9
    assert unknown_chars(["马𫘜", "刘䶮"]) == []


def test_the_same_character_written_two_ways_is_a_tie():
    assert ties(["马馼", "马𫘜", "马凯"]) == [["马馼", "马𫘜"]]
    assert sort_names(["马凯", "马𫘜", "马馼"]) == ["马馼", "马𫘜", "马凯"]  # then by code point


@pytest.mark.parametrize("ch", ["𠀀", "𩣺", "鿏", "㐀"])
def test_characters_without_anything_to_count_stay_unknown(ch):
    # 𩣺 (Ext. B) has the 馬 radical but neither data nor a decomposition here.
    assert counted_strokes(ch) is None
    assert unknown_chars(["王" + ch]) == [ch]
    assert guesses(["王" + ch]) == []
    assert sort_names(["王" + ch, "王龘", "王馼"]) == ["王馼", "王龘", "王" + ch]


# --- names as they come ---------------------------------------------------------------

def test_empty_and_odd_names():
    assert guesses([]) == [] and guesses([""]) == [] and guesses(["_(女)", "　"]) == []
    assert sort_names(["", "马馼", "马"]) == ["", "马", "马馼"]
    assert unknown_chars([""]) == []


def test_guesses_come_once_each_by_code_point_and_ignore_notes():
    got = guesses(["马馼", "驊 刚", "王超(馬)", "陈馼_(女)", "阿依·馬"])
    assert [g.char for g in got] == ["馬", "馼", "驊"]  # U+99AC U+99BC U+9A4A; the note drops its 馬
    assert guesses(["王超(馬)"]) == []


def test_counted_strokes_takes_one_character():
    with pytest.raises(ValueError):
        counted_strokes("馼馼")


# --- the override table ---------------------------------------------------------------

@pytest.fixture
def fresh_caches():
    def clear():
        stroke_data._counted.clear()
        collation._char_keys.clear()
        collation.stroke_key.cache_clear()
    clear()
    yield
    clear()


def _with_override(monkeypatch, ch: str, seq: str, kind: str = "fix") -> None:
    table = dict(stroke_data.table())
    table[ch] = seq
    extra = stroke_data.Override(ch, seq, kind, "test", "test", 0)
    monkeypatch.setattr(stroke_data, "_table", table)
    monkeypatch.setattr(stroke_data, "_overrides", stroke_data.overrides() + [extra])


def test_an_override_wins_over_the_guess(monkeypatch, fresh_caches):
    # A list that counts 騄 otherwise: the override is what the order counts.
    _with_override(monkeypatch, "騄", "5515124134")
    assert counted_strokes("騄") == "5515124134"
    assert stroke_data.counted("騄") is None
    assert guesses(["马騄"]) == []
    # and an override for a table character without data gives it a count
    _with_override(monkeypatch, "鿏", "31115" + "1121354")       # 钅 + 麦
    assert counted_strokes("鿏") == "311151121354"
    assert unknown_chars(["王鿏"]) == []


def test_an_override_of_the_written_form_keeps_the_analogy(monkeypatch, fresh_caches):
    # Like the pins of 閻 閔 鍾: the character as written, confirmed; still counted as 马 + 文.
    _with_override(monkeypatch, "馼", "1211254444" + WEN, kind="pin")
    assert strokes("馼") == "1211254444" + WEN
    assert counted_strokes("馼") == MA + WEN


def test_the_shipped_pins_and_fixes_of_traditional_forms():
    # 閻 閔 閆 嫺 鍾 are pinned as written and 鵡 fixed as written (overrides.tsv); the order
    # counts them by their simplified parts, as every other 門 鳥 金 character.
    assert strokes("閻") == "2511251135321511" and counted_strokes("閻") == strokes("阎")
    assert strokes("鵡") == "1121215432511154444" and counted_strokes("鵡") == strokes("鹉")
    assert counted_strokes("閔") == strokes("闵") and counted_strokes("閆") == strokes("闫")
    assert len(counted_strokes("嫺")) == 10                     # 女 3 + 门 3 + 月 4
    assert counted_strokes("鍾") == strokes("锺")


def test_a_fix_of_a_component_reaches_the_characters_that_have_it(monkeypatch, fresh_caches):
    # The sequence is built from the parts' sequences at run time.
    table = dict(stroke_data.table())
    table["文"] = "4135"
    monkeypatch.setattr(stroke_data, "_table", table)
    assert counted_strokes("馼") == MA + "4135"


def test_derive_needs_every_part():
    entry = stroke_data.Analogy("X", (stroke_data.Part("馬", "马", None), stroke_data.Part("Y", "Y", None)), 1)
    assert stroke_data.derive(entry, {"馬": "1211254444", "马": MA}) is None
    assert stroke_data.derive(entry, {"馬": "1211254444", "马": MA, "Y": "1"}).sequence == MA + "1"
    assert stroke_data.derive(entry, {"馬": "1211254444", "马": MA, "Y": "1"}, override="12112544441") is not None
    assert stroke_data.derive(entry, {"馬": "1211254444", "马": MA, "Y": "1"}, override="5511") is None


# --- the table file -------------------------------------------------------------------

ENTRIES = stroke_data.parse_analogies(stroke_data.analogies_path().read_text(encoding="utf-8"))


def test_the_table_parses_and_every_entry_can_be_counted():
    assert len(ENTRIES) > 4000
    t = stroke_data.table()
    for ch, entry in ENTRIES.items():
        got = stroke_data.derive(entry, t)
        assert got is not None, ch
        assert set(got.sequence) <= set("12345")
        assert got.analogical or ch not in t, ch      # a character with data has a traditional part


def test_the_parts_as_written_are_the_characters_own_sequence():
    # What the builder checked: the parts, joined, are the character as strokes.txt (with the
    # overrides) writes it. A rebuilt strokes.txt that moves a component breaks this here.
    t = stroke_data.table()
    for ch, entry in ENTRIES.items():
        if ch not in t:
            continue
        written = "".join(p.digits if p.written == p.counted and p.digits else t[p.written]
                          for p in entry.parts)
        assert written == t[ch], ch


def test_no_table_character_with_data_is_in_the_file():
    for ch in "马钱陈凯鋆鑫警𫘜":
        assert ch not in ENTRIES or strokes(ch) is None


@pytest.mark.parametrize("bad", [
    "馼\n", "馼\t\n", "馼 马\n", "馼\t馬>\n", "馼\t馬>马=12x\n", "馼\t馬>>马\n", "馼馼\t马\n",
    "馼\t马  文\n", "馼\t马\n馼\t文\n",
])
def test_table_parser_rejects_bad_lines(bad):
    with pytest.raises(ValueError):
        stroke_data.parse_analogies(bad)


def test_table_parser_reads_every_form_of_part():
    got = stroke_data.parse_analogies("# c\n\n箋\t⺮=314314 戔>戋\n輪\t車>车=1521 仑\n")
    assert got["箋"].parts == (stroke_data.Part("⺮", "⺮", "314314"), stroke_data.Part("戔", "戋", None))
    assert got["輪"].parts[0] == stroke_data.Part("車", "车", "1521")
    assert got["輪"].line == 4


def test_counting_is_fast():
    t0 = time.perf_counter()
    for ch in ENTRIES:
        stroke_data.counted(ch)
    assert time.perf_counter() - t0 < 2.0  # ~50 ms here

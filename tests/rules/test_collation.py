"""姓名笔画排序: the collation rule, checked against the seed's printed lists.

Plain pytest, no Qt. The seed lists are transcribed in tests/data/seed_lists.py
(the tests do not read /work/shared).
"""
from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetingdesk.rules import collation, strokes as stroke_data
from meetingdesk.rules.collation import (
    clean_name, sort_names, stroke_key, strokes, ties, unknown_chars,
)
from tests.data import seed_lists

# --- the seed's printed lists -------------------------------------------------

SPECIAL = {f"{d}代表团 {p}" for (d, p) in list(seed_lists.APPENDED) + list(seed_lists.TRANSPOSED)}
ORDERED = [(label, line, names) for (label, line, names) in seed_lists.stroke_ordered_lists()
           if label not in SPECIAL]


@pytest.mark.parametrize("label,line,names", ORDERED, ids=[f"{l}@{n}" for l, n, _ in ORDERED])
def test_seed_list_is_in_stroke_order(label, line, names):
    assert sort_names(names) == names


@pytest.mark.parametrize("label,line,names", seed_lists.stroke_ordered_lists(),
                         ids=[f"{l}@{n}" for l, n, _ in seed_lists.stroke_ordered_lists()])
def test_seed_lists_have_no_ties_and_no_unknown_chars(label, line, names):
    assert ties(names) == []
    assert unknown_chars(names) == []


def test_seed_transcription_counts():
    # The headers of the seed: 主席团 46 人, 补选 23 名, 监票人 6 人, and per delegation
    # (代表, 列席, 工作人员); totals 代表 210, 列席 160, 工作人员 36 (line 2227).
    assert len(seed_lists.PRESIDIUM) == 46
    assert len(seed_lists.BY_ELECTED) == 23
    assert len(seed_lists.SCRUTINEERS) == 6
    expected = {
        "吴家山街": (18, 15, 3), "慈惠街": (18, 15, 3), "长青街": (17, 15, 3),
        "走马岭街": (17, 15, 3), "新沟镇街": (17, 15, 3), "径河街": (18, 15, 3),
        "金银湖街": (17, 10, 3), "将军路街": (17, 10, 3), "辛安渡街": (18, 10, 3),
        "东山街": (18, 10, 3), "柏泉街": (18, 15, 3), "常青花园": (17, 15, 3),
    }
    got = {d: tuple(len(parts[p][1]) for p in ("代表", "列席", "工作人员"))
           for d, parts in seed_lists.DELEGATIONS.items()}
    assert got == expected
    assert [sum(v[i] for v in got.values()) for i in range(3)] == [210, 160, 36]


def test_ciuhui_observers_list_has_a_hand_appended_entry():
    """慈惠街代表团 列席 (seed line 2266) ends with 冯亚婷, appended by hand.

    冯 has 5 strokes and cannot follow 熊 (14). Without it the list is in stroke
    order; the rule puts 冯亚婷 right after 文灯华 (文, 4 strokes).
    """
    line, printed = seed_lists.DELEGATIONS["慈惠街"]["列席"]
    appended = seed_lists.APPENDED[("慈惠街", "列席")]
    assert printed[-1] == appended
    rest = printed[:-1]
    assert sort_names(rest) == rest
    assert sort_names(printed) != printed
    assert stroke_key(appended) < stroke_key(printed[-2])
    assert sort_names(printed) == [rest[0], appended] + rest[1:]


def test_changqing_observers_list_has_a_transposed_pair():
    """常青花园代表团 列席 (seed line 2484) prints 朱从海 (朱, 6) before 甘露 (甘, 5)."""
    line, printed = seed_lists.DELEGATIONS["常青花园"]["列席"]
    first, second = seed_lists.TRANSPOSED[("常青花园", "列席")]
    i = printed.index(first)
    assert printed[i + 1] == second
    assert len(strokes("甘")) == 5 and len(strokes("朱")) == 6
    fixed = printed[:i] + [second, first] + printed[i + 2:]
    assert sort_names(printed) == fixed
    # Removing either one leaves the printed list in stroke order.
    for drop in (first, second):
        rest = [n for n in printed if n != drop]
        assert sort_names(rest) == rest


def test_domain_example():
    names = "王建兵 王烁 王敏辉 王强 王新 邢奇 吕忠良 朱凯 向文 刘华强".split()
    assert sort_names(list(reversed(names))) == names


# --- the five stroke classes -----------------------------------------------------

@pytest.mark.parametrize("ch,seq", [
    ("王", "1121"),
    ("一", "1"), ("丨", "2"), ("丿", "3"), ("丶", "4"), ("乙", "5"),
    ("人", "34"),        # 捺 counts as 点
    ("江", "441121"),    # 提 (of 氵) counts as 横
    ("丁", "12"),        # 竖钩 counts as 竖 (GF 2001-2001 §1; the seed's 李 < 杨 needs it)
    ("才", "123"), ("小", "234"), ("子", "521"), ("李", "1234521"), ("杨", "1234533"),
    ("冯", "41551"),
    ("嫻", "531251125111234"), ("楨", "1234212511134"), ("蒨", "1223211212511"), ("汎", "441354"),
])
def test_stroke_sequences(ch, seq):
    assert strokes(ch) == seq


def test_vertical_hook_is_a_vertical_stroke():
    # 李 (木 + 子: 横撇 竖钩 提) before 杨 (木 + 𠃌 + 丿 丿), as every seed list prints it.
    assert stroke_key("李平") < stroke_key("杨早明")
    assert sort_names(["杨丹", "李静"]) == ["李静", "杨丹"]


def test_strokes_rejects_more_than_one_char():
    with pytest.raises(ValueError):
        strokes("王超")


def test_strokes_none_without_data():
    assert strokes("A") is None
    assert strokes("𠀀") is None       # U+20000, CJK Ext. B
    assert strokes("\u9fa6") is None    # after the GB 13000.1 range


def test_data_covers_the_gb13000_block():
    t = stroke_data.table()
    missing = [hex(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in t]
    assert missing == []
    assert len(t) >= 20902
    assert all(s and set(s) <= set("12345") for s in t.values())


def test_loading_is_fast():
    text = stroke_data.data_path().read_text(encoding="utf-8")
    t0 = time.perf_counter()
    table = stroke_data.parse_base(text)
    elapsed = time.perf_counter() - t0
    assert len(table) == 20902
    assert elapsed < 0.5  # typically ~10 ms; generous for a loaded CI machine


# --- clean_name --------------------------------------------------------------------

@pytest.mark.parametrize("display,cleaned", [
    ("王 超_(女)", "王超"),
    ("王 超(区消防救援大队大队长)", "王超"),
    ("王 超_(区融媒体中心主任)", "王超"),
    ("周 岚 _(女)", "周岚"),
    ("王超（女）", "王超"),
    ("王超(女）", "王超"),
    ("王\u3000超", "王超"),
    ("\t刘 涛 ", "刘涛"),
    ("周本奇(兼)", "周本奇"),
    ("王超(注(甲))", "王超"),
    ("王超(未闭合", "王超"),
    ("刘_涛", "刘涛"),
    ("", ""),
])
def test_clean_name(display, cleaned):
    assert clean_name(display) == cleaned


def test_markers_notes_and_spaces_do_not_take_part():
    assert stroke_key("周 岚 _(女)") == stroke_key("周岚")
    assert stroke_key("王 超(区消防救援大队大队长)") == stroke_key("王超")
    assert stroke_key("王\u3000超") == stroke_key("王 超_(男)")
    assert sort_names(["王超", "王 烁 _(女)"]) == ["王 烁 _(女)", "王超"]


def test_same_cleaned_name_is_ordered_by_display_deterministically():
    a, b = "王 超_(区消防救援大队大队长)", "王 超_(区融媒体中心主任)"
    assert sort_names([a, b]) == sort_names([b, a])


# --- prefix, unknown characters, ties ------------------------------------------------

def test_prefix_sorts_first():
    assert sort_names(["王新明", "王新", "王"]) == ["王", "王新", "王新明"]
    assert stroke_key("刘") < stroke_key("刘涛") < stroke_key("刘锦刚")
    # Not a prefix case: 田勇 / 田志勇 differ at the second character, 志 (7) < 勇 (9),
    # so 田志勇 comes first — as seed line 81 prints them.
    assert sort_names(["田勇", "田志勇"]) == ["田志勇", "田勇"]


def test_fewer_strokes_first_then_sequence():
    # 王 (4) before 邢 (6); 吕 (6) before 朱 (6): 吕 starts 竖, 朱 starts 撇.
    assert sort_names(["朱凯", "吕忠良", "邢奇", "王新"]) == ["王新", "邢奇", "吕忠良", "朱凯"]


def test_unknown_chars_sort_last_in_code_point_order():
    # 㐀 (Ext. A) and 鿏 (U+9FCF, in the 通用规范汉字表 but with no data and no traditional
    # form to count it by) are unknown; 䶮, of the table too, is counted by its parts (龙 天):
    # see tests/rules/test_analogical.py.
    known = ["龘", "王", "一"]                       # 龘 U+9F98 has 48 strokes
    unknown = ["A", "㐀", "\u9fa6", "鿏", "𠀀"]      # by code point
    got = sort_names(unknown[::-1] + known)
    assert got == ["一", "王", "龘"] + unknown
    assert sort_names(["王𠀀", "王㐀", "王龘", "王一"]) == ["王一", "王龘", "王㐀", "王𠀀"]
    assert unknown_chars(["王㐀_(女)", "A 超", "王超", "王䶮"]) == ["A", "㐀"]
    assert unknown_chars(["王超"]) == []


def test_ties_are_reported():
    assert strokes("土") == strokes("士") == "121"
    assert strokes("己") == strokes("已") == strokes("巳") == "515"
    assert ties(["王土", "王士", "王一"]) == [["王土", "王士"]]
    assert ties(["李巳", "李己", "李一", "李已"]) == [["李己", "李已", "李巳"]]
    # Whole-name equality under the rule is what counts: 土甲 vs 士乙 is no tie.
    assert ties(["土甲", "士乙"]) == []
    # The same person printed twice is not a tie.
    assert ties(["王 超_(女)", "王超"]) == []
    # Several groups come out in stroke order.
    assert ties(["王士", "王土", "丁己", "丁已"]) == [["丁己", "丁已"], ["王土", "王士"]]


def test_ties_are_broken_by_code_point_deterministically():
    for names in (["王士", "王土"], ["王土", "王士"]):
        assert sort_names(names) == ["王土", "王士"]    # U+571F < U+58EB
    assert sort_names(["巳", "已", "己"]) == ["己", "已", "巳"]
    # The rule decides before the code point does: 士 ties 土, then 一 < 二.
    assert sort_names(["土二", "士一"]) == ["士一", "土二"]


def test_char_ties():
    assert "士" in collation.char_ties("土")
    assert collation.char_ties("A") == []


# --- single_name_first ----------------------------------------------------------------

def test_single_name_first():
    names = ["丁小强", "丁铭", "丁宁", "丁"]
    assert sort_names(names) == ["丁", "丁小强", "丁宁", "丁铭"]
    assert sort_names(names, single_name_first=True) == ["丁", "丁宁", "丁铭", "丁小强"]
    # Only within one surname: the surname still decides first.
    assert sort_names(["王小强", "丁铭", "丁小强"], single_name_first=True) == ["丁铭", "丁小强", "王小强"]
    assert stroke_key("丁宁", single_name_first=True) < stroke_key("丁小强", single_name_first=True)


def test_single_name_first_on_a_seed_list():
    # 刘华强 刘晓丽 刘涛 刘锦刚 → 刘涛 moves ahead of the three-character names.
    out = sort_names(seed_lists.PRESIDIUM, single_name_first=True)
    liu = [clean_name(n) for n in out if n.startswith("刘")]
    assert liu == ["刘涛", "刘华强", "刘晓丽", "刘锦刚"]


# --- sort_names with a key -------------------------------------------------------------

def test_sort_names_with_key():
    people = [{"id": 1, "name": "熊巧玲"}, {"id": 2, "name": "王 强"}, {"id": 3, "name": "潘 奕"}]
    out = sort_names(people, key=lambda p: p["name"])
    assert [p["id"] for p in out] == [2, 1, 3]   # 王 4, 熊 14, 潘 15 strokes
    assert sort_names([]) == []


def test_five_thousand_names_are_cheap():
    rng = random.Random(1)
    pool = [chr(c) for c in range(0x4E00, 0x9FA6)]
    names = ["".join(rng.choice(pool) for _ in range(rng.choice((2, 3, 3, 4)))) for _ in range(5000)]
    t0 = time.perf_counter()
    out = sort_names(names)
    elapsed = time.perf_counter() - t0
    assert len(out) == 5000
    assert elapsed < 2.0  # ~30 ms here; generous for CI


# --- properties ----------------------------------------------------------------------------

ALPHABET = list("王刘李杨周丁土士己已巳一乙二十人江德达虽馼馬凯") + ["䶮", "𫘜", "𠀀", "㐀", "A"]
name_st = st.lists(st.sampled_from(ALPHABET), min_size=0, max_size=4).map("".join)
decorated_st = st.tuples(name_st, st.sampled_from(["", "_(女)", " _(女)", "(兼)", "（注）"]),
                         st.sampled_from(["", " ", "\u3000"])).map(
    lambda t: (t[0][:1] + t[2] + t[0][1:] + t[1]))


@settings(max_examples=200, deadline=None)
@given(st.lists(decorated_st, max_size=30), st.randoms(use_true_random=False), st.booleans())
def test_sort_is_idempotent_and_shuffle_stable(names, rnd, snf):
    once = sort_names(names, single_name_first=snf)
    assert sort_names(once, single_name_first=snf) == once
    shuffled = list(names)
    rnd.shuffle(shuffled)
    assert sort_names(shuffled, single_name_first=snf) == once
    assert sorted(once) == sorted(names)


@settings(max_examples=300, deadline=None)
@given(decorated_st, decorated_st, decorated_st, st.booleans())
def test_key_is_a_total_order_over_cleaned_names(a, b, c, snf):
    ka, kb, kc = (stroke_key(x, single_name_first=snf) for x in (a, b, c))
    # Equal keys exactly when the cleaned names are equal.
    assert (ka == kb) == (clean_name(a) == clean_name(b))
    # Antisymmetry / trichotomy and transitivity.
    assert sum((ka < kb, ka == kb, ka > kb)) == 1
    if ka <= kb and kb <= kc:
        assert ka <= kc


@settings(max_examples=200, deadline=None)
@given(name_st, name_st)
def test_prefix_property(a, b):
    if a and b:
        assert stroke_key(a) < stroke_key(a + b)


@settings(max_examples=200, deadline=None)
@given(st.lists(name_st, max_size=20))
def test_ties_groups_compare_equal_under_the_rule(names):
    for group in ties(names):
        assert len(group) == len(set(group)) > 1
        keys = {stroke_key(n)[0] for n in group}
        assert len(keys) == 1


@pytest.mark.parametrize("bad", ["一\t12x\n", "一二\t1\n", "一\t\n", "一 1\n", "一\t1\t2\n"])
def test_data_parser_rejects_bad_lines(bad):
    with pytest.raises(ValueError):
        stroke_data.parse_base(bad)


def test_data_parser_accepts_comments_and_blank_lines():
    assert stroke_data.parse_base("# c\n一\t1\n\n# d\n丁\t12") == {"一": "1", "丁": "12"}

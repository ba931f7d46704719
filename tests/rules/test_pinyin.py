import pytest

from meetingdesk.rules.pinyin import initials, matches, search


@pytest.mark.parametrize("query", ["ljg", "LJG", "liujg", "liujingang", "liu", "l", "lj", "liuj", "刘锦", "锦刚", "刘锦刚"])
def test_liu_jingang_is_found_by_what_a_clerk_types(query):
    assert matches(query, "刘锦刚")


@pytest.mark.parametrize("query", ["ljgx", "jg", "lg", "wjg", "liujinggang", "刘刚", "", "  ", "12"])
def test_what_does_not_spell_the_name_finds_nothing(query):
    assert not matches(query, "刘锦刚")


def test_a_character_with_two_readings_matches_either():
    assert matches("sj", "单杰") and matches("dj", "单杰")
    assert matches("zl", "曾丽") and matches("cl", "曾丽")


def test_the_padding_space_of_a_two_character_name_is_ignored():
    assert matches("ws", "王　烁") and matches("王烁", "王　烁")
    assert initials("王　烁") == "ws"
    assert initials("刘锦刚") == "ljg"


def test_search_keeps_the_given_order():
    names = ["王强", "刘锦刚", "吕忠良", "刘华强"]
    assert search("l", names) == [1, 2, 3]
    assert search("lh", names) == [3]

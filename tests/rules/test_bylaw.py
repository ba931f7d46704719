"""rules.bylaw: the session's 选举和表决办法 as settings; pure, no Qt, no database."""
from __future__ import annotations

from dataclasses import replace

import pytest

from meetingdesk.rules.bylaw import REVOTE_RULES, SEED, SEED_ARTICLES, TOPICS, VACANCY_RULES, Bylaw, from_json, problem

# ---------------------------------------------------------------- from_json


@pytest.mark.parametrize("text", ["", None, "{", "not json", "null", "[]", "[1, 2]", '"得票多"', "15", "true"])
def test_junk_reads_as_the_defaults(text):
    assert from_json(text) == Bylaw()


def test_missing_keys_take_the_defaults_and_unknown_ones_are_ignored():
    found = from_json('{"revote_rule": "过半数", "colour": "red", "yes_mark": "√"}')
    assert found == replace(Bylaw(), revote_rule="过半数", yes_mark="√")


def test_the_seed_survives_its_own_json():
    assert from_json(SEED.to_json()) == SEED
    changed = replace(SEED, vacancy_rule="另行选举", abstain_mark="△", articles={"当选": "第十六条"})
    assert from_json(changed.to_json()) == changed
    assert "第十三条" in SEED.to_json()  # Chinese kept readable in the file


@pytest.mark.parametrize("text", ['{"yes_mark": 5}', '{"articles": "第十三条"}', '{"articles": {"标记": 13}}',
                                  '{"articles": ["标记"]}'])
def test_values_of_the_wrong_type_read_as_the_defaults(text):
    found = from_json(text)
    assert problem(found) is None
    assert found.cite("标记") == "" and found.marks_text


# ---------------------------------------------------------------- problem()


def test_the_defaults_and_the_seed_are_sound():
    assert problem(Bylaw()) is None and problem(SEED) is None
    assert set(SEED_ARTICLES) == set(TOPICS) and SEED.articles == SEED_ARTICLES


@pytest.mark.parametrize("rule", list(REVOTE_RULES))
def test_every_revote_rule_is_accepted(rule):
    assert problem(Bylaw(revote_rule=rule)) is None


@pytest.mark.parametrize("rule", list(VACANCY_RULES))
def test_every_vacancy_rule_is_accepted(rule):
    assert problem(Bylaw(vacancy_rule=rule)) is None


@pytest.mark.parametrize("changes, field, message", [
    ({"revote_rule": "抽签"}, "revote_rule", "再次投票的规则只能是“得票多”或“过半数”。"),
    ({"revote_rule": ""}, "revote_rule", "再次投票的规则只能是"),
    ({"vacancy_rule": "递补"}, "vacancy_rule", "缺额的处理只能是“缺额”或“另行选举”。"),
])
def test_an_unknown_rule_is_named(changes, field, message):
    found = problem(replace(SEED, **changes))
    assert found is not None and found[0] == field and found[1].startswith(message)


@pytest.mark.parametrize("mark", ["", "√", "○", "√√", "ＯＫ"])
def test_a_mark_of_up_to_two_characters_or_none(mark):
    marks = {"yes_mark": mark, "no_mark": "×", "abstain_mark": "" if mark else "△"}
    assert problem(Bylaw(**marks)) is None


@pytest.mark.parametrize("field", ["yes_mark", "no_mark", "abstain_mark"])
@pytest.mark.parametrize("mark", ["○○○", " ○", "○ ", "\u3000"])
def test_a_mark_too_long_or_padded_is_refused_at_its_field(field, mark):
    marks = {"yes_mark": "√", "no_mark": "╳", "abstain_mark": "△", field: mark}
    found = problem(Bylaw(**marks))
    assert found == (field, f"选票标记“{mark}”应是一个符号（如 ○、×、√），或留空表示不作标记。")


@pytest.mark.parametrize("marks", [("○", "○", ""), ("○", "×", "○"), ("", "×", ""), ("", "", "")])
def test_marks_must_differ_with_at_most_one_blank(marks):
    found = problem(Bylaw(yes_mark=marks[0], no_mark=marks[1], abstain_mark=marks[2]))
    assert found == ("yes_mark", "赞成、反对、弃权的标记必须各不相同（至多一项不作标记）。")


@pytest.mark.parametrize("article", ["", "第一条", "第15条", "第一千零二十一条"])  # up to eight characters
def test_an_article_written_as_an_article(article):
    assert problem(replace(SEED, articles={"当选": article})) is None


@pytest.mark.parametrize("article", ["十五", "第十五", "十五条", "15", "第一千一百二十一条"])
def test_an_article_not_written_as_one_is_named_by_its_topic(article):
    found = problem(replace(SEED, articles={"当选": article}))
    assert found == ("articles", f"当选、通过、再次投票和缺额的条款应写成“第十五条”的样子，现为“{article}”。")


def test_an_article_without_a_number_is_refused():
    assert problem(replace(SEED, articles={"当选": "第条"})) is not None


def test_an_unknown_topic_is_refused():
    assert problem(replace(SEED, articles={"主席团": "第四条"})) == ("articles", "办法条款的事项“主席团”不认识。")


# ---------------------------------------------------------------- cite and marks_text


def test_cite_with_and_without_the_article():
    assert SEED.cite("当选") == "（办法第十五条）"
    assert SEED.cite("标记") == "（办法第十三条）"
    assert Bylaw().cite("当选") == ""  # the 办法 numbers nothing: nothing made up
    assert replace(SEED, articles={"当选": ""}).cite("当选") == ""
    assert SEED.cite("主席团") == ""  # not a topic


def test_marks_text_says_the_session_marks():
    assert SEED.marks_text == "赞成的画“○”，反对的画“×”，弃权的不作任何标记"
    assert Bylaw(yes_mark="√", no_mark="×", abstain_mark="△").marks_text == "赞成的画“√”，反对的画“×”，弃权的画“△”"
    assert Bylaw(yes_mark="", no_mark="×", abstain_mark="○").marks_text.startswith("赞成的不作任何标记，")

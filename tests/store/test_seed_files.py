"""Checks on the demo session's data files in seeds/ (plain pytest, no Qt).

The expected numbers are the ones printed in the source booklet
(/work/shared/seeds/000_343cd907767f9824.txt, 代表团编团名单, lines 2225-2490).
"""
from __future__ import annotations

import csv
import re
import tomllib
from collections import Counter

import pytest

from meetingdesk.assets import seed

# (代表, 列席, 工作人员) as each delegation's heading prints them, in printing order.
HEADINGS = {
    "吴家山街代表团": (18, 15, 3),
    "慈惠街代表团": (18, 15, 3),
    "长青街代表团": (17, 15, 3),
    "走马岭街代表团": (17, 15, 3),
    "新沟镇街代表团": (17, 15, 3),
    "径河街代表团": (18, 15, 3),
    "金银湖街代表团": (17, 10, 3),
    "将军路街代表团": (17, 10, 3),
    "辛安渡街代表团": (18, 10, 3),
    "东山街代表团": (18, 10, 3),
    "柏泉街代表团": (18, 15, 3),
    "常青花园代表团": (17, 15, 3),
}
ROLES = ("代表", "列席", "工作人员")
PEOPLE_COLUMNS = ["姓名", "性别", "代表团", "身份", "职务", "备注", "状态", "开始方式", "开始日期", "选区", "确认会议",
                  "终止日期", "终止原因", "终止决定"]
NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _read_csv(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(seed(name), encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def people() -> list[dict[str, str]]:
    header, rows = _read_csv("people.csv")
    assert header == PEOPLE_COLUMNS
    return rows


@pytest.fixture(scope="module")
def serving(people) -> list[dict[str, str]]:
    return [r for r in people if r["状态"] == "在任"]


@pytest.fixture(scope="module")
def delegations() -> list[dict[str, str]]:
    header, rows = _read_csv("delegations.csv")
    assert header == ["顺序", "代表团", "讨论地点", "团长", "副团长"]
    return rows


@pytest.fixture(scope="module")
def session() -> dict:
    with open(seed("session.toml"), "rb") as f:
        return tomllib.load(f)["session"]


def test_totals(serving):
    counts = Counter(r["身份"] for r in serving)
    assert counts == {"代表": 210, "列席": 160, "工作人员": 36}


def test_per_delegation_counts_match_headings(serving):
    for name, expected in HEADINGS.items():
        got = tuple(
            sum(1 for r in serving if r["代表团"] == name and r["身份"] == role) for role in ROLES
        )
        assert got == expected, name
    assert {r["代表团"] for r in serving} == set(HEADINGS)


def test_people_in_printing_order(serving):
    """Delegation by delegation, and within it 代表, 列席, 工作人员 as contiguous blocks."""
    blocks = []
    for r in serving:
        key = (r["代表团"], r["身份"])
        if not blocks or blocks[-1] != key:
            blocks.append(key)
    assert blocks == [(d, role) for d in HEADINGS for role in ROLES]


def test_printed_order_kept_inside_lists(serving):
    def names(delegation, role):
        return [r["姓名"] for r in serving if r["代表团"] == delegation and r["身份"] == role]

    assert names("吴家山街代表团", "代表")[:4] == ["丁哲", "邢奇", "刘君", "江桥"]
    # 冯亚婷 is appended at the end of 慈惠街 列席, out of stroke order, and stays there.
    assert names("慈惠街代表团", "列席")[-3:] == ["谢迎波", "熊芬", "冯亚婷"]
    assert names("常青花园代表团", "工作人员") == ["朱邈", "聂爽", "徐毕志"]


def test_session_values(session, serving):
    assert session["title"] == "东西湖区第十一届人民代表大会第三次会议"
    assert (session["term"], session["number"]) == (11, 3)
    assert str(session["start_date"]) == "2023-12-20"
    assert str(session["end_date"]) == "2023-12-23"
    assert session["statutory_delegates"] == 214
    assert session["current_delegates"] == 210
    assert session["current_delegates"] == sum(1 for r in serving if r["身份"] == "代表")
    assert session["source"] == "000_343cd907767f9824.txt"


def test_delegations_file(delegations):
    assert [r["代表团"] for r in delegations] == list(HEADINGS)
    assert [r["顺序"] for r in delegations] == [str(i) for i in range(1, 13)]
    for r in delegations:
        assert r["讨论地点"].startswith("临空港会展酒店"), r
        assert r["团长"] and r["副团长"], r


def test_heads_and_deputies_are_delegates_of_their_delegation(delegations, serving):
    for d in delegations:
        members = {
            r["姓名"] for r in serving if r["代表团"] == d["代表团"] and r["身份"] == "代表"
        }
        leaders = [d["团长"], *d["副团长"].split("、")]
        for name in leaders:
            assert NAME_RE.fullmatch(name), (d["代表团"], name)
            assert name in members, (d["代表团"], name)


def test_genders(people):
    assert {r["性别"] for r in people} <= {"男", "女", ""}
    assert all(r["性别"] for r in people if r["状态"] == "在任")
    sexes = Counter(r["性别"] for r in people if r["状态"] == "在任")
    assert sexes["女"] == 114


def test_names_are_clean(people, delegations):
    names = [r["姓名"] for r in people]
    names += [d["团长"] for d in delegations]
    names += [n for d in delegations for n in d["副团长"].split("、")]
    for name in names:
        assert NAME_RE.fullmatch(name), repr(name)
    for r in people:
        for col in PEOPLE_COLUMNS:
            value = r[col]
            assert value == value.strip(), (col, value)
            assert "_(" not in value and "(女)" not in value, (col, value)
            assert "\u3000" not in value and "\t" not in value, (col, value)


def test_no_duplicates_within_a_role_without_note(serving):
    for role in ROLES:
        seen = Counter((r["姓名"], r["备注"]) for r in serving if r["身份"] == role)
        assert [k for k, n in seen.items() if n > 1] == [], role
        by_name = Counter(r["姓名"] for r in serving if r["身份"] == role)
        for name, n in by_name.items():
            if n > 1:
                assert all(
                    r["备注"] for r in serving if r["身份"] == role and r["姓名"] == name
                ), name


def test_the_two_wang_chao(serving):
    rows = [r for r in serving if r["姓名"] == "王超"]
    assert [(r["代表团"], r["身份"], r["备注"]) for r in rows] == [
        ("辛安渡街代表团", "列席", "区消防救援大队大队长"),
        ("东山街代表团", "列席", "区融媒体中心主任"),
    ]
    assert all(r["性别"] == "男" for r in rows)


def test_serving_rows_have_no_termination(serving):
    for r in serving:
        assert r["终止日期"] == "" and r["终止原因"] == "" and r["终止决定"] == "", r


MOVED_AWAY = ["段钧", "徐桂娣", "王彦军", "张庆伟", "李超春", "吴海龙", "王宁", "李勇"]


def test_ended_delegates(people):
    """The 12 of the 常委会's 公告 (line 77): the 8 who moved away — no delegation, gender or date
    in the seed — then the 4 who resigned, with the decisions that accepted it (lines 2586–2604)."""
    ended = [r for r in people if r["状态"] != "在任"]
    assert people[-12:] == ended
    assert [(r["姓名"], r["代表团"], r["身份"], r["终止日期"], r["性别"]) for r in ended[:8]] == [
        (name, "", "代表", "", "") for name in MOVED_AWAY]
    assert {(r["终止原因"], r["终止决定"]) for r in ended[:8]} == {
        ("因工作变动调离本行政区域", "武汉市东西湖区人民代表大会常务委员会公告")}
    assert [(r["姓名"], r["代表团"], r["身份"], r["状态"], r["终止日期"]) for r in ended[8:]] == [
        ("冯宇", "径河街代表团", "代表", "终止", "2023-12-14"),
        ("黄玉莲", "金银湖街代表团", "代表", "终止", "2023-12-14"),
        ("李黎", "将军路街代表团", "代表", "终止", "2023-12-14"),
        ("冯善德", "东山街代表团", "代表", "终止", "2023-10-31"),
    ]
    assert {r["终止原因"] for r in ended[8:]} == {"因工作调整辞去代表职务"}
    assert [r["终止决定"][:15] for r in ended[8:]] == ["区十一届人大常委会第十四次会议"] * 3 + ["区十一届人大常委会第十二次会议"]
    assert [r["性别"] for r in ended[8:]] == ["", "女", "男", ""]
    assert all(r["开始方式"] == "" for r in ended)


def test_ended_delegates_who_still_attend(serving):
    """黄玉莲 and 李黎 resigned as 代表 but are listed as 列席 of the same delegation."""
    attend = {(r["姓名"], r["代表团"]) for r in serving if r["身份"] == "列席"}
    assert ("黄玉莲", "金银湖街代表团") in attend
    assert ("李黎", "将军路街代表团") in attend
    delegates = {r["姓名"] for r in serving if r["身份"] == "代表"}
    assert not {"冯宇", "黄玉莲", "李黎", "冯善德"} & delegates


def test_by_elected_delegates_present(serving):
    """The 23 by-elected delegates of the 公告 (line 81) are all serving 代表."""
    by_elected = (
        "孔力 厉凤林 田志勇 田勇 刘涛 刘彬彬 李平 李静 杨丹 肖毅 张宇新 林云峰 林修良 "
        "周岚 胡建坤 胡耀武 柯红梅 贾红伟 陶勇 黄昌建 彭邦明 程明顺 熊巧玲"
    ).split()
    assert len(by_elected) == 23
    delegates = {r["姓名"] for r in serving if r["身份"] == "代表"}
    assert set(by_elected) <= delegates
    marked = {r["姓名"]: (r["开始日期"], r["选区"], r["确认会议"]) for r in serving if r["开始方式"] == "补选"}
    assert set(marked) == set(by_elected)
    # the 常委会 第十三次会议 of 11月29日 (line 1721) confirmed them; no seed names their 选区
    assert set(marked.values()) == {("2023-11-29", "", "区十一届人大常委会第十三次会议")}


# ---------------------------------------------------------------- the handling after the session


@pytest.fixture(scope="module")
def suggestions_toml() -> dict:
    with open(seed("suggestions.toml"), "rb") as f:
        return tomllib.load(f)


def test_units_file():
    header, rows = _read_csv("units.csv")
    assert header == ["名称", "原文行", "说明"]
    names = [r["名称"] for r in rows]
    assert len(names) == 40 and len(set(names)) == 40  # seed 003: 39 units, seed 001: 43
    # each unit is cited from seed 000 or said to be the demo's own
    assert all(r["原文行"] or r["说明"].startswith("演示补充") for r in rows)
    assert sum(1 for n in names if n.endswith("街道办事处")) == 11 and "常青花园社管办" in names


def test_suggestions_file_names_what_the_other_files_hold(suggestions_toml, serving):
    data = suggestions_toml
    units = {r["名称"] for r in _read_csv("units.csv")[1]}
    assert data["fields"] == ["经济发展", "城建城管", "社会管理", "文教民生"]  # seed 003 line 509
    delegates = {r["姓名"] for r in serving if r["身份"] == "代表"}
    assert all(entry["lead"] in delegates for entry in data["between"])
    turned = {f"议案原案第{r['序号']}号" for r in _read_csv("motions.csv")[1] if r["审查意见"] == "转为代表建议"}
    between = {f"闭会第{n}号" for n in range(1, len(data["between"]) + 1)}
    items = [entry["item"] for entry in data["handling"]]
    assert len(items) == len(set(items)) and set(items) == turned | between
    redone = overdue = 0
    for entry in data["handling"]:
        assert entry["field"] in data["fields"]
        handed = [entry["lead"], *entry.get("assisting", [])] if "lead" in entry else []
        assert set(handed) <= units
        replies = entry.get("reply", [])
        assert {r["unit"] for r in replies} <= set(handed)
        lead_replies = [r for r in replies if r["unit"] == entry.get("lead")]
        redone += sum(1 for r in lead_replies if r.get("rating") == "不满意")
        overdue += bool(handed) and not lead_replies
    assert redone == 1 and overdue == 1  # one 不满意 redone in round 2, one reply overdue
    assert sum(1 for entry in data["handling"] if "key" in entry) == 3  # seed 001: 重点代表建议3件

"""The papers the session adopts, checked through their PDFs against seed 000's booklet.

Names are written here as seed 000 prints them (lines 2013–2223, 2492–2503, 2606–2663),
with the alignment spaces and the "_" of its small (女) taken out.
"""
from __future__ import annotations

import dataclasses

import pytest

from meetingdesk import printing
from meetingdesk.services import presidium, roster, schedule

from .pdftext import compact, out_of_order
from .pdftext import print_paper as _print

KINDS = ["presidium", "chairs", "groups", "deputies", "review", "scrutineers", "agenda", "schedule"]
SESSION = "武汉市东西湖区第十一届人民代表大会第三次会议"
ADOPTED = "(2023年12月20日东西湖区第十一届人民代表大会第三次会议{}{})"
IN_NEITHER = "\U0002a6d6"

PRESIDIUM = """王建兵 王烁(女) 王敏辉 王强 王新 邢奇 吕忠良 朱凯 向文 刘华强 刘晓丽(女) 刘涛 刘锦刚
江桥 李平 杨早明 肖建红(女) 肖毅 邸冰 张爱明 张铭玉(女) 张新明 陈风华 陈玉锋 范春 周本奇 周岚(女)
周静(女) 胡耀武 查正付 段红波 袁发武 贾红伟 徐文化 徐贻功 徐菊珍(女) 殷向东 唐宏霞 黄昌江 黄昌建
黄养林 彭涛 葛晓丹 韩忠翔 熊巧玲 潘奕""".split()
CHAIRS = "彭涛 徐贻功 刘华强 周岚(女) 段红波 周本奇 杨早明 王强 葛晓丹 肖建红(女) 吕忠良 黄昌江".split()
GROUPS = [
    ("12月21日上午", "徐贻功", "徐贻功 彭涛 周岚(女) 王烁(女) 邢奇 杨早明 王强 张铭玉(女) 李平 黄昌建 袁发武 王新 "
                          "王建兵 朱凯 向文"),
    ("12月22日上午", "肖建红(女)", "肖建红(女) 段红波 陈玉锋 葛晓丹 吕忠良 黄昌江 刘锦刚 张爱明 刘晓丽(女) 熊巧玲 "
                              "贾红伟 刘涛 殷向东 周静(女) 江桥 陈风华"),
    ("12月23日上午", "周本奇", "周本奇 刘华强 韩忠翔 邸冰 张新明 查正付 范春 王敏辉 胡耀武 肖毅 潘奕 徐文化 黄养林 "
                          "徐菊珍(女) 唐宏霞"),
]
DEPUTIES = "张向东 邸冰 赵常红 胡建坤 刘利龙 张玲(女) 徐立辉 付祥".split()
AGENDA = [
    "一、听取和审查东西湖区人民政府工作报告。",
    "二、审查和批准东西湖区2023年国民经济和社会发展规划执行情况与2024年国民经济和社会发展规划草案的报告，"
    "批准2024年国民经济和社会发展规划。",
    "三、审查和批准2023年全区预算执行情况与2024年全区预算草案的报告，批准2024年全区预算。",
    "四、审查区十一届人大二次会议议案和代表建议办理情况的报告。",
    "五、听取和审查东西湖区人大常委会工作报告。",
    "六、听取和审查东西湖区人民法院工作报告。",
    "七、听取和审查东西湖区人民检察院工作报告。",
    "八、选举事项。",
    "九、举行新当选国家工作人员宪法宣誓仪式。",
]
SCHEDULE = [
    "12月21日(星期四)", "上午8:30第一次全体会议", "1.报告代表到会情况",
    "2.宣布东西湖区第十一届人民代表大会第三次会议开幕", "3.听取东西湖区人民政府工作报告", "4.表决大会选举和表决办法草案",
    "下午14:30代表团会议", "1.审议政府工作报告、计划报告、预算报告、议案和代表建议办理情况的报告",
    "2.酝酿候选人，推荐大会选举和表决监票人",
    "12月22日(星期五)", "上午9:00第二次全体会议", "1.报告代表到会情况", "2.听取东西湖区人大常委会工作报告",
    "3.听取东西湖区人民法院工作报告", "4.听取东西湖区人民检察院工作报告",
    "下午14:30代表团会议", "1.审议区人大常委会工作报告、区人民法院工作报告、区人民检察院工作报告",
    "2.酝酿讨论正式候选人", "3.讨论大会各项决议草案", "4.向代表介绍写票投票注意事项",
    "12月23日(星期六)", "上午9:00第三次全体会议", "1.报告代表到会情况", "2.表决监票人、总监票人名单草案",
    "3.宣读提交大会选举和表决的各项名单和决议草案", "4.投票选举；投票表决大会的各项决议草案", "5.宣布表决结果",
]


def _heading(kind: str, adopted: str) -> str:
    return SESSION + printing.title_of(kind) + adopted


def _person_ids(names: list[str], role: str) -> list[int]:
    by_name = {r.name: r.person_id for r in presidium.list_roles(role)}
    return [by_name[n] for n in names]


# ---------------------------------------------------------------- the kinds


def test_the_session_papers_follow_the_roster_papers_in_the_list():
    assert printing.kinds()[3:11] == [
        ("presidium", "主席团和秘书长名单"), ("chairs", "主席团常务主席名单"), ("groups", "执行主席分组"),
        ("deputies", "副秘书长名单"), ("review", "议案审查委员会名单"), ("scrutineers", "总监票人、监票人名单"),
        ("agenda", "议程"), ("schedule", "日程")]
    assert all(printing.options_of(kind) == [] for kind in KINDS)


# ---------------------------------------------------------------- each paper as the seed prints it


def test_presidium_and_secretary_general(demo_session, tmp_path):
    texts, text = _print("presidium", tmp_path)
    assert len(texts) == 1
    assert text.startswith(_heading("presidium", ADOPTED.format("预备会议", "通过")) + "主席团：(46人，以姓名笔画为序)")
    assert out_of_order(text, PRESIDIUM) is None
    assert text.endswith("秘书长：周本奇(兼)")  # one page of an adopted paper: no page number, as the seed
    assert "王　烁(女)" in texts[0] and "潘　奕" in texts[0]  # two-character names padded in the columns


def test_secretary_general_outside_the_presidium_has_no_jian(demo_session, tmp_path, monkeypatch):
    real = presidium.list_roles

    def roles(kind):
        rows = real(kind)
        return [dataclasses.replace(r, in_presidium=False) for r in rows] if kind == "秘书长" else rows

    monkeypatch.setattr(presidium, "list_roles", roles)
    _, text = _print("presidium", tmp_path)
    assert text.endswith("秘书长：周本奇")


def test_standing_chairs_in_their_own_order(demo_session, tmp_path):
    texts, text = _print("chairs", tmp_path)
    assert len(texts) == 1
    assert text.startswith(_heading("chairs", ADOPTED.format("主席团第一次会议", "推定")) + "".join(CHAIRS))
    assert "彭　涛" in texts[0]


def test_standing_chairs_are_not_sorted(demo_session, tmp_path):
    names = [c.replace("(女)", "") for c in CHAIRS]
    presidium.set_roles("常务主席", _person_ids(list(reversed(names)), "常务主席"))
    _, text = _print("chairs", tmp_path)
    assert "".join(reversed(CHAIRS)) in text


def test_groups_with_their_plenaries_and_hosts(demo_session, tmp_path):
    texts, text = _print("groups", tmp_path)
    assert len(texts) == 1
    expected = _heading("groups", ADOPTED.format("主席团第一次会议", "通过"))
    for when, host, members in GROUPS:
        names = members.split()
        expected += f"{when}大会执行主席({len(names)}人)：" + "".join(names) + f"大会主持人：{host}"
    assert text == expected
    assert [len(g.split()) for _, _, g in GROUPS] == [15, 16, 15]


def test_a_group_without_plenary_or_host_says_so(demo_session, tmp_path):
    group = presidium.list_groups()[1]
    presidium.set_group_meeting(group.group_id, None)
    presidium.set_host(group.group_id, None)
    _, text = _print("groups", tmp_path)
    assert "（未指定全体会议）大会执行主席(16人)：肖建红(女)" in text
    assert "陈风华大会主持人：（未指定）12月23日上午" in text


def test_deputy_secretaries_general_in_their_order(demo_session, tmp_path):
    texts, text = _print("deputies", tmp_path)
    assert len(texts) == 1
    assert text == (_heading("deputies", ADOPTED.format("主席团第一次会议", "通过")) + "".join(DEPUTIES)
                    )


def test_review_committee(demo_session, tmp_path):
    texts, text = _print("review", tmp_path)
    assert len(texts) == 1
    assert text.startswith(_heading("review", ADOPTED.format("预备会议", "通过"))
                           + "主任委员：葛晓丹副主任委员：查正付委员：（以姓名笔画为序）"
                           + "朱凯刘晓丽(女)刘涛李静(女)范春周静(女)黄昌建")


def test_review_members_are_sorted_by_strokes_whatever_their_order(demo_session, tmp_path):
    members = presidium.list_roles("审查委员会委员")
    presidium.set_roles("审查委员会委员", [m.person_id for m in reversed(members)])
    _, text = _print("review", tmp_path)
    assert "（以姓名笔画为序）朱凯刘晓丽(女)刘涛李静(女)范春周静(女)黄昌建" in text


def test_scrutineers(demo_session, tmp_path):
    texts, text = _print("scrutineers", tmp_path)
    assert len(texts) == 1
    assert text.startswith(_heading("scrutineers", "(2023年12月23日东西湖区第十一届人民代表大会第三次会议"
                                                   "第三次全体会议通过)")
                           + "总监票人：肖毅监票人(6人，以姓名笔画为序)：代蕊(女)朱磊何雄夏光高博漆彬芳(女)")


def test_scrutineers_are_sorted_by_strokes_whatever_their_order(demo_session, tmp_path):
    members = presidium.list_roles("监票人")
    presidium.set_roles("监票人", [m.person_id for m in reversed(members)])
    _, text = _print("scrutineers", tmp_path)
    assert "代蕊(女)朱磊何雄夏光高博漆彬芳(女)" in text


def test_agenda(demo_session, tmp_path):
    texts, text = _print("agenda", tmp_path)
    assert len(texts) == 1
    assert text == _heading("agenda", ADOPTED.format("预备会议", "通过")) + "".join(AGENDA)


def test_schedule_day_by_day(demo_session, tmp_path):
    texts, text = _print("schedule", tmp_path)
    assert len(texts) == 1  # as in the booklet, the three days on one page
    assert text.startswith(_heading("schedule", ADOPTED.format("主席团第一次会议", "通过")) + "12月21日(星期四)")
    assert out_of_order(text, SCHEDULE) is None
    # item for item the seed's 日程 (its lines 2620–2663), nothing added: it ends with 5.宣布表决结果
    assert text == _heading("schedule", ADOPTED.format("主席团第一次会议", "通过")) + "".join(SCHEDULE)
    assert "闭幕" not in text
    assert "上午　8:30" not in texts[0]  # the clock is right-aligned, not padded with a character
    assert "预备会议" not in text.replace("预备会议通过", "") and "主席团第" not in text.replace("主席团第一次会议通过", "")
    assert "主持人" not in text


def test_a_paper_without_its_adopting_meeting_has_no_adopted_line(demo_session, tmp_path):
    schedule.set_adoption("agenda", None)
    _, text = _print("agenda", tmp_path)
    assert text.startswith(SESSION + "议程" + AGENDA[0])


# ---------------------------------------------------------------- long lists and page breaks


def test_a_presidium_over_a_page_break_goes_on_under_its_heading(demo_session, tmp_path):
    on = {p.member_id for p in presidium.list_presidium()}
    for member in roster.list_members(role="代表"):
        if member.member_id not in on:
            presidium.add_presidium_member(member.member_id)
    everyone = presidium.list_presidium()
    assert len(everyone) > 200
    texts, text = _print("presidium", tmp_path)
    assert len(texts) == 2
    assert f"主席团：({len(everyone)}人，以姓名笔画为序)" in text
    second = compact(texts[1])
    assert second.startswith("主席团（续）：")
    assert second.endswith("秘书长：周本奇(兼)" + SESSION + "主席团和秘书长名单第2页共2页")  # running header
    assert out_of_order(text, [p.display for p in everyone]) is None


def test_a_day_over_a_page_break_goes_on_under_its_heading(demo_session, tmp_path):
    last = schedule.list_meetings(printed_only=True)[-1]
    for i in range(13):
        schedule.add_item(last.meeting_id, f"审议第{i + 1}号议案")
    texts, text = _print("schedule", tmp_path)
    assert len(texts) == 2
    assert compact(texts[1]).startswith("12月23日(星期六)（续）")
    assert out_of_order(text, SCHEDULE + [f"{n}.审议第{n - 5}号议案" for n in range(6, 19)]) is None


# ---------------------------------------------------------------- an empty session, fonts


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_session_prints_every_paper(empty_session, tmp_path, kind):
    texts, text = _print(kind, tmp_path)
    assert len(texts) == 1
    assert text.startswith("测试区第一届人民代表大会第一次会议" + printing.title_of(kind))
    assert "（尚未确定）" in text
    assert "通过)" not in text and "推定)" not in text  # no adopting meeting yet: no line


def test_an_officer_the_fonts_cannot_draw_is_refused_naming_the_post(demo_session, tmp_path):
    person = presidium.add_outside_person("卢永" + IN_NEITHER)
    presidium.add_role("副秘书长", person)
    with pytest.raises(printing.FontCoverageError) as info:
        printing.write_pdf("deputies", tmp_path / "d.pdf")
    assert str(info.value).startswith(f"无法打印“卢永{IN_NEITHER}”（副秘书长）中的")
    assert not (tmp_path / "d.pdf").exists()

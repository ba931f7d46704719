"""The papers of the delegates' changes: the 常委会's 代表变动公告 word for word as seed 000 prints
it (lines 75–85) from the demo's data, the 代表资格审查委员会's report on the 补选 delegates with
seed 002's 35 in its printed order (lines 456–462), and the 代表团团长、副团长名单."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from meetingdesk import printing
from meetingdesk.cli.main import main
from meetingdesk.rules.collation import sort_names
from meetingdesk.services import ServiceError, mandates, roster, session, settings
from meetingdesk.services.roster import MemberInput

from ..data.seed_lists import BY_ELECTED, BY_ELECTED_002
from .pdftext import compact, out_of_order, pages_text

D = dt.date

# Seed 000, lines 75–85 (the paragraph on lines 79 and 81 is one, broken by the page).
SEED_HEADING = "武汉市东西湖区人民代表大会常务委员会公告"
SEED_ENDED = (
    "东西湖区第十一届人民代表大会代表法定名额为 214 名，区十一届人大二次会议时实有代表 199 名。区十一届人大二次"
    "会议后，东西湖区第十一届人民代表大会代表段钧、徐桂娣、王彦军、张庆伟、李超春、吴海龙、王宁、李勇因工作变动"
    "调离本行政区域，以上 8 名代表的代表资格自行终止。径河街代表小组代表冯宇、金银湖街代表小组代表黄玉莲、将军路街"
    "代表小组代表李黎、东山街代表小组代表冯善德因工作调整辞去代表职务。根据《中华人民共和国全国人民代表大会和地方各"
    "级人民代表大会代表法》的有关规定，以上 4 名代表的代表资格依法终止。同时，李勇、冯善德同志的东西湖区第十一届"
    "人民代表大会常务委员会委员职务，李黎同志的东西湖区第十一届人民代表大会社会建设委员会副主任委员职务相应终止。"
)
SEED_LAWS = ("根据《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》《湖北省县乡两级人民代表大会代表"
             "选举实施细则》和《湖北省各级人民代表大会代表补选办法》的规定，")
# What the session file does not hold: which work plan, which 选举单位 and 选区 held the 补选
SEED_WORK = ("按照《东西湖区人大常委会 2023 年区十一届人大代表补选工作实施方案》安排，区人大常委会吴家山街工委、"
             "慈惠街工委、走马岭街工委、新沟镇街工委、径河街工委、金银湖街工委、将军路街工委、东山街工委、辛安渡街工委、"
             "柏泉街工委，常青花园社管办 11 个选举单位共 15 个选区")
SEED_ELECTED = (
    "开展了代表补选工作，选举产生了孔力、厉凤林、田志勇、田勇、刘涛、刘彬彬、李平、李静、杨丹、肖毅、张宇新、"
    "林云峰、林修良、周岚、胡建坤、胡耀武、柯红梅、贾红伟、陶勇、黄昌建、彭邦明、程明顺、熊巧玲（按姓名笔画排序）"
    "等 23 名东西湖区第十一届人民代表大会代表。经东西湖区第十一届人大常委会代表资格审查委员会审查，东西湖区第十一届"
    "人大常委会第十三次会议确认，新当选的 23 名代表的资格有效。"
)
SEED_BY_ELECTION = SEED_LAWS + SEED_WORK + SEED_ELECTED
SEED_CURRENT = "东西湖区第十一届人民代表大会现有代表 210 名。"
SEED_END = "特此公告。"
FOOTER = re.compile(r"第\d+页共\d+页")


def _text(kind: str, tmp_path, **options) -> str:
    out = tmp_path / f"{kind}.pdf"
    printing.write_pdf(kind, out, **options)
    return FOOTER.sub("", compact("".join(pages_text(out))))


# ---------------------------------------------------------------- the demo's changes


def test_the_demo_holds_seed_000s_changes(demo_session):
    c = mandates.changes()
    assert c.day == D(2023, 12, 20)  # the session's first day
    assert (c.statutory, c.previous, len(c.ended), c.by_elected_count, c.current) == (214, 199, 12, 23, 210)
    assert c.previous - len(c.ended) + c.by_elected_count == c.current == session.session_info().delegates
    assert session.session_info().counts == {"代表": 210, "列席": 160, "工作人员": 36}
    moved, resigned = c.by_reason
    assert [e.name for e in moved.ended] == ["段钧", "徐桂娣", "王彦军", "张庆伟", "李超春", "吴海龙", "王宁", "李勇"]
    assert moved.self_ending and {e.ended_on for e in moved.ended} == {None}  # date not in the seed
    assert {e.row.delegation for e in moved.ended} == {""}
    assert [(e.name, e.row.delegation, e.ended_on) for e in resigned.ended] == [
        ("冯宇", "径河街代表团", D(2023, 12, 14)), ("黄玉莲", "金银湖街代表团", D(2023, 12, 14)),
        ("李黎", "将军路街代表团", D(2023, 12, 14)), ("冯善德", "东山街代表团", D(2023, 10, 31))]
    assert resigned.ended[3].decision.startswith("区十一届人大常委会第十二次会议")
    assert [(g.body, g.title, g.names) for g in c.offices] == [
        ("区人大常委会", "委员", ("李勇", "冯善德")), ("区人大专门委员会", "社会建设委员会副主任委员", ("李黎",))]
    assert [m.name for m in c.by_elected] == BY_ELECTED
    assert c.confirmed_by == ("区十一届人大常委会第十三次会议",) and c.confirmed_on == (D(2023, 11, 29),)
    assert c.in_full(c.confirmed_by[0]) == "东西湖区第十一届人大常委会第十三次会议"


def test_the_by_elected_count_from_their_confirmation(demo_session):
    """Before the 常委会 confirmed them the 23 did not count; 冯宇、黄玉莲、李黎 still did."""
    assert roster.delegates_on(D(2023, 11, 28)) == 199 - 8 - 1  # the 8 and 冯善德 gone
    assert roster.delegates_on(D(2023, 11, 29)) == 199 - 8 - 1 + 23
    assert roster.delegates_on(D(2023, 12, 14)) == 210


# ---------------------------------------------------------------- 代表变动公告


def test_the_notice_is_seed_000s_word_for_word(demo_session, tmp_path):
    """The demo keeps the 常委会's wording of how the 补选 was held (the work plan, the 选举单位)."""
    assert settings.get(settings.BY_ELECTION_WHERE) == SEED_WORK
    text = _text("changes_notice", tmp_path)
    assert text == compact(SEED_HEADING + SEED_ENDED + SEED_BY_ELECTION + SEED_CURRENT + SEED_END)


def test_the_notice_without_the_wording_of_the_by_election(demo_session, tmp_path):
    """Without the 常委会's own wording of the work plan and the 选举单位, the 补选 paragraph names
    none of them; every other word is the seed's."""
    settings.set_text(settings.BY_ELECTION_WHERE, "")
    text = _text("changes_notice", tmp_path)
    assert text == compact(SEED_HEADING + SEED_ENDED + SEED_LAWS + SEED_ELECTED + SEED_CURRENT + SEED_END)


def test_the_wording_setting_is_checked(demo_session):
    with pytest.raises(ServiceError, match="过长"):
        settings.set_text(settings.BY_ELECTION_WHERE, "区" * 3000)
    settings.set_text(settings.BY_ELECTION_WHERE, "  在 15 个选区\n开展  ")
    assert settings.get(settings.BY_ELECTION_WHERE) == "在 15 个选区 开展"


def test_the_notice_from_the_command_line(demo_file, tmp_path, capsys):
    out = tmp_path / "公告.pdf"
    assert main(["print", "changes_notice", str(demo_file), "-o", str(out)]) == 0
    assert "已写入代表变动公告（共" in capsys.readouterr().out
    assert compact(SEED_CURRENT) in compact("".join(pages_text(out)))


def test_the_notice_stays_what_it_was_after_a_later_ending(demo_session, tmp_path):
    before = _text("changes_notice", tmp_path)
    member = next(m for m in roster.list_members(role="代表") if not m.leader_title)
    roster.end_member(member.member_id, D(2024, 3, 1), "因工作变动调离本行政区域")
    assert _text("changes_notice", tmp_path) == before  # as of the session's first day


def test_the_notice_names_a_new_ending_and_the_by_elected_constituencies(demo_session, tmp_path):
    team = roster.list_delegations()[0]
    member = next(m for m in roster.list_members(team.delegation_id, role="代表") if not m.leader_title)
    roster.end_member(member.member_id, D(2023, 12, 1), "死亡", "区十一届人大常委会公告")
    by_elected = [m for m in roster.list_members(role="代表") if m.start_reason == "补选"]
    for i, m in enumerate(by_elected):
        roster.update_member(m.member_id, replace(MemberInput.of(m), constituency=("第十选区", "第二选区")[i % 2]))
    settings.set_text(settings.BY_ELECTION_WHERE, "")  # without the 常委会's wording: the recorded 选区
    text = _text("changes_notice", tmp_path)
    assert f"吴家山街代表小组代表{member.name}死亡，其代表资格终止。" in text
    assert "的规定，第二选区、第十选区2个选区开展了代表补选工作，" in text
    assert "区十一届人大二次会议时实有代表199名。" in text  # the previous figure does not move
    assert "现有代表209名。" in text


def test_nothing_changed_nothing_to_announce(empty_session, tmp_path):
    for kind in ("changes_notice", "qualification_report"):
        with pytest.raises(ServiceError, match="没有"):
            printing.write_pdf(kind, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# ---------------------------------------------------------------- 资格审查报告


def test_the_demo_report_lists_the_23_in_stroke_order(demo_session, tmp_path):
    text = _text("qualification_report", tmp_path)
    assert text.startswith("东西湖区人大常委会代表资格审查委员会关于补选代表资格的审查报告"
                           "——2023年11月29日在东西湖区第十一届人大常委会第十三次会议上主任、各位副主任、各位委员：")
    assert "依法补选产生东西湖区第十一届人民代表大会代表23名。现将补选的代表名单报告如下（按姓名笔画排序）：" in text
    assert out_of_order(text, BY_ELECTED) is None
    assert "经代表资格审查委员会审查，以上23名代表的代表资格有效，现提请东西湖区人大常委会确认并予以公告。" in text
    # 冯宇、黄玉莲、李黎 resigned only on 12-14: on the day of the report 213 served
    assert text.endswith("本次代表资格变动后，东西湖区第十一届人民代表大会实有代表213人。")


def _seed_002_session(tmp_path, constituencies: dict[str, str] | None = None):
    """武昌区第十六届: the 35 of seed 002 by-elected on 2024-11-26 and 305 others (实有代表 340)."""
    session.create_session(tmp_path / "武昌.meetingdesk", city="武汉市", region="武昌区", term=16, number=3,
                           statutory_delegates=350)
    team = roster.add_delegation("杨园街代表团")
    for entry in reversed(BY_ELECTED_002):  # entered out of order: the paper sorts
        name, _, note = entry.rstrip("）").partition("（")
        roster.add_member(MemberInput(name, "男", note, delegation_id=team, started_on=D(2024, 11, 26),
                                      start_reason="补选", confirmed_by="区十六届人大常委会第二十六次会议",
                                      constituency=(constituencies or {}).get(entry, "")))
    surnames, given = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何", "甲乙丙丁戊己庚辛壬癸子丑"
    others = [s + a + b for s in surnames for a in given for b in given][:305]
    for name in others:
        roster.add_member(MemberInput(name, "男", delegation_id=team))


def _printed(entry: str) -> str:
    """刘丹（区人大） as the name grid prints it: 刘丹(区人大)."""
    return entry.replace("（", "(").replace("）", ")")


def test_seed_002s_35_in_its_printed_order(tmp_path):
    _seed_002_session(tmp_path)
    try:
        text = _text("qualification_report", tmp_path)
    finally:
        session.close_session()
    assert "——2024年11月26日在武昌区第十六届人大常委会第二十六次会议上" in text
    assert "补选产生武昌区第十六届人民代表大会代表35名" in text
    assert out_of_order(text, [_printed(e) for e in BY_ELECTED_002]) is None
    assert text.endswith("本次代表资格变动后，武昌区第十六届人民代表大会实有代表340人。")  # seed 002 line 470


def test_by_constituency_in_order_stroke_order_within(tmp_path):
    places = {e: ("第十选区" if i % 3 == 0 else "第二选区" if i % 3 == 1 else "第三选区")
              for i, e in enumerate(BY_ELECTED_002)}
    _seed_002_session(tmp_path, places)
    try:
        text = _text("qualification_report", tmp_path)
    finally:
        session.close_session()
    assert "第二选区等3个选区依法补选" in text and "（按选区排列，同一选区内按姓名笔画排序）" in text
    sequence = []
    for place in ("第二选区", "第三选区", "第十选区"):
        within = [e for e in BY_ELECTED_002 if places[e] == place]
        assert within == sort_names(within, key=lambda e: compact(e))  # seed order is stroke order
        sequence += [f"{place}（{len(within)}名）：", *(_printed(e) for e in within)]
    assert out_of_order(text, sequence) is None


# ---------------------------------------------------------------- 团长、副团长名单


def test_leaders_each_delegation_head_first(demo_session, tmp_path):
    text = _text("leaders", tmp_path)
    expected = "".join(
        f"{d.name}团长：{d.head.name}{'(女)' if d.head.gender == '女' else ''}副团长："
        + "".join(f"{m.name}{'(女)' if m.gender == '女' else ''}" for m in d.deputies)
        for d in roster.list_delegations())
    assert text == "武汉市东西湖区第十一届人民代表大会第三次会议代表团团长、副团长名单" + expected
    assert text.count("团长：") == 24  # 12 团长 and 12 副团长


def test_leaders_several_deputies_and_a_missing_head(demo_session, tmp_path):
    d = roster.list_delegations()[0]
    delegates = [m for m in roster.list_members(d.delegation_id, role="代表") if not m.leader_title]
    deputies = [d.deputies[0].member_id] + [m.member_id for m in delegates[:6]]
    roster.update_delegation(d.delegation_id, name=d.name, room=d.room, head_id=None, deputy_ids=deputies)
    text = _text("leaders", tmp_path)
    names = [roster.get_member(mid).name for mid in deputies]
    assert out_of_order(text, [d.name, "团长：（尚未确定）副团长：", *names, roster.list_delegations()[1].name]) is None

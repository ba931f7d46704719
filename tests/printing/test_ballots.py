"""The ballots of the day of the vote (选票, 表决票, 预选选票), checked through their PDFs.

Seed 000's 选举和表决办法 第七至十四条: one 选票 with every election, candidates in stroke
order, a box right of each name and 另选人姓名 boxes; one 表决票; a 预选选票 per delegation.
"""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk import printing
from meetingdesk.cli.main import main
from meetingdesk.printing import ballot_sheet, ballots, preballots
from meetingdesk.printing.fonts import runs_width
from meetingdesk.printing.frame import FRAME_HEIGHT, FRAME_WIDTH, GridRow
from meetingdesk.services import ServiceError, elections, presidium, roster, session, voting

from ..data.builders import preliminary_election
from .pdftext import compact, out_of_order, pages_text

SESSION = "武汉市东西湖区第十一届人民代表大会第三次会议"
COMMITTEE = "东西湖区第十一届人民代表大会常务委员会委员"
DEMO_BALLOT = (
    f"{SESSION}选票一、{COMMITTEE}（应选7人）" + "候选人姓名符号" * 4
    + "田志勇李静张宇新林修良胡建坤柯红梅程明顺潘登" + "另选人姓名符号" * 4
    + "二、东西湖区人民法院院长（应选1人）候选人姓名符号另选人姓名符号杨丹"
    "三、东西湖区出席武汉市第十五届人民代表大会代表（应选2人）候选人姓名符号候选人姓名符号另选人姓名符号另选人姓名符号"
    "苏顺康阚艳"
    "说明：1.对所列候选人，在其姓名右边对应框内，赞成的画“○”，反对的画“╳”，弃权的不作任何标记（办法第十三条）。"
    "符号画得不清的，该张选票对该候选人的选举无效。"
    "2.对候选人投反对票的，可以另选他人：在“另选人姓名”栏内用正楷字体写上另选人的姓名，并在其右边对应框内画“○”。"
    "投弃权票的，不能另选他人。"
    "3.每项选举所选人数（赞成的候选人与另选人合计）等于或者少于应选人数的有效，多于应选人数的为废票（办法第十四条）。"
)
# 第十三条 of seed 000, as the demo's 表决票 prints it under the items
DEMO_VOTE_NOTES = ("说明：1.对表决事项，在该事项右边对应框内，赞成的画“○”，反对的画“╳”，弃权的不作任何标记（办法第十三条）。"
                   "2.符号画得不清的，该张表决票对该事项的表决无效。")
VOTE_ITEMS = [
    "1关于东西湖区人民政府工作报告的决议（草案）",
    "2关于武汉市东西湖区2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划的决议（草案）",
    "3关于2023年全区预算执行情况与2024年全区预算的决议（草案）",
    "4关于东西湖区人大常委会工作报告的决议（草案）",
    "5关于东西湖区人民法院工作报告的决议（草案）",
    "6关于东西湖区人民检察院工作报告的决议（草案）",
    "7关于议案的决议（草案）",
]
BOXES = ["主席团票箱", "会场1号票箱", "会场2号票箱"]
SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "欧阳"]
GIVEN = ["一", "晓明", "红梅", "建国"]  # with 欧阳: names of two to four characters


def _print(kind: str, tmp_path, **options) -> tuple[int, list[str]]:
    out = tmp_path / f"{kind}.pdf"
    pages = printing.write_pdf(kind, out, **options)
    texts = [compact(t) for t in pages_text(out)]
    assert len(texts) == pages
    return pages, texts


def _people(count: int) -> list[int]:
    names = [s + g for g in GIVEN for s in SURNAMES][:count]
    return [presidium.add_outside_person(name) for name in names]


def _election(office: str, people: list[int], seats: int, write_ins: bool = True) -> elections.ElectionRow:
    """An election of city deputies (补选: any number of candidates), nominated by a party, list fixed."""
    mode = "差额" if len(people) > seats else "等额"
    eid = elections.add_election(office, seats, mode, "补选代表", write_ins)
    # a nominator names no more than the seats: each party or organisation its own share
    for n, start in enumerate(range(0, len(people), seats)):
        elections.add_nomination(elections.NominationInput(eid, "政党团体", tuple(people[start:start + seats]),
                                                           organisation=f"测试市第{n + 1}人民团体"),
                                 now=dt.datetime(2023, 12, 21, 18, 0))
    elections.fix_candidates(eid, dt.date(2023, 12, 22))
    return elections.get_election(eid)


def _sheet(paper: printing.Paper) -> ballot_sheet.Sheet:
    return paper.story()[0].sheet


def _rows(sheet: ballot_sheet.Sheet) -> list[GridRow]:
    return [p for p in sheet.parts if isinstance(p, GridRow)]


def _nothing_cut_off(sheet: ballot_sheet.Sheet) -> None:
    """The sheet fits the frame, every cell fits across it, and every line fits its cell."""
    assert sheet.height <= FRAME_HEIGHT
    for row in _rows(sheet):
        for cell in row.cells:
            assert len(cell.lines) * row.leading <= row.row_height + 0.01
            assert cell.x + cell.width <= FRAME_WIDTH + 0.01
            for line in cell.lines:
                assert runs_width(line) <= cell.width - 2 * cell.pad + 0.01


def _mark_boxes(sheet: ballot_sheet.Sheet) -> list[tuple[float, float]]:
    """(width, height) of every empty box right of a name: the boxes the voter marks."""
    found = []
    for row in _rows(sheet):
        for mark in row.cells[1::2]:
            if not mark.content:  # the heading row has "符号" there
                found.append((mark.width, row.row_height))
    return found


def _blank_names(rows: list[GridRow]) -> int:
    """Empty name boxes: the 另选人姓名 boxes."""
    return sum(1 for row in rows for cell in row.cells[::2] if not cell.content)


# ---------------------------------------------------------------- 选票: the layout


@pytest.mark.parametrize("count, seats", [(1, 1), (8, 7), (15, 12), (40, 30)])
def test_a_section_of_1_to_40_candidates_fits_one_page_per_copy(empty_session, tmp_path, count, seats):
    election = _election("测试区出席测试市第一届人民代表大会代表", _people(count), seats)
    names = [c.name for c in election.candidates]
    paper = printing.prepare("ballots", copies=3)
    _nothing_cut_off(_sheet(paper))
    assert len(_mark_boxes(_sheet(paper))) == count + seats
    pages, texts = _print("ballots", tmp_path, copies=3)
    assert pages == 3
    for text in texts:  # no blank page, no page without its every name in stroke order
        assert text.startswith("测试区第一届人民代表大会第一次会议选票")
        assert out_of_order(text, names) is None
        assert "第1页" not in text  # no page numbers: they would make a secret ballot traceable


def test_boxes_are_squares_big_enough_to_mark_by_hand(demo_session):
    boxes = _mark_boxes(_sheet(printing.prepare("ballots", copies=1)))
    assert len(boxes) == 8 + 7 + 1 + 1 + 2 + 2
    for width, height in boxes:
        assert width == pytest.approx(height) and width >= 10 * 72 / 25.4  # at least 10 mm


def test_a_ballot_too_long_for_one_page_is_refused_before_anything_is_written(empty_session, tmp_path):
    people = _people(40)
    for n in range(1, 4):
        _election(f"测试区第{n}项选举", people, 30)
    out = tmp_path / "ballots.pdf"
    with pytest.raises(ServiceError) as caught:
        printing.write_pdf("ballots", out, copies=2)
    assert caught.value.message.startswith("选票内容超过一页（3 项选举共 120 名候选人、90 个另选人栏，")
    assert "请减少一张选票上的事项或人数后再打印" in caught.value.message
    assert not [f for f in tmp_path.iterdir() if ".pdf" in f.name]


def test_namesakes_in_one_election_carry_their_notes(empty_session, tmp_path):
    first = presidium.add_outside_person("王超", note="区融媒体中心主任")
    second = presidium.add_outside_person("王超", note="区消防救援大队大队长")
    other = presidium.add_outside_person("丁一")
    _election("测试区第一项选举", [first, second, other], 2)
    _election("测试区第二项选举", [first, other], 2)
    paper = printing.prepare("ballots", copies=1)
    _nothing_cut_off(_sheet(paper))
    _, (text,) = _print("ballots", tmp_path, copies=1)
    one, two = text.split("二、")
    assert out_of_order(one, ["丁一", "王超(区消防救援大队大队长)", "王超(区融媒体中心主任)"]) is None
    assert "(" not in two.split("说明")[0]  # alone in its election, a name needs no note


# ---------------------------------------------------------------- 选票: the demo


def test_the_demo_ballot(demo_session, tmp_path):
    pages, texts = _print("ballots", tmp_path, copies=1)
    assert pages == 1
    assert texts[0] == DEMO_BALLOT


def test_write_in_boxes_are_as_many_as_seats_or_none(demo_session):
    assert [s.write_ins for s in ballots.sections()] == [7, 1, 2]
    rows = _rows(_sheet(printing.prepare("ballots", copies=1)))
    assert _blank_names(rows) == 7 + 1 + 2
    for e in elections.list_elections():
        elections.update_election(e.election_id, e.office, e.seats, e.mode, e.rule, write_ins=False)
    assert [s.write_ins for s in ballots.sections()] == [0, 0, 0]
    rows = _rows(_sheet(printing.prepare("ballots", copies=1)))
    assert _blank_names(rows) == 0


def test_without_write_ins_the_ballot_says_nothing_of_them(demo_session, tmp_path):
    for e in elections.list_elections():
        elections.update_election(e.election_id, e.office, e.seats, e.mode, e.rule, write_ins=False)
    _, (text,) = _print("ballots", tmp_path, copies=1)
    assert "另选" not in text
    assert "每项选举所选人数等于或者少于应选人数的有效，多于应选人数的为废票（办法第十四条）。" in text


def test_one_copy_per_serving_delegate_by_default(demo_session, tmp_path):
    pages, texts = _print("ballots", tmp_path)
    assert pages == 210 == demo_session.delegates
    assert set(texts) == {DEMO_BALLOT}


def test_one_copy_per_delegate_present_at_the_plenary(demo_session, tmp_path):
    from meetingdesk.services import attendance

    with pytest.raises(ServiceError, match="尚未签到，不能按到会人数印制"):
        printing.prepare("ballots", meeting="第三次全体会议")
    meeting = attendance.find_meeting("第三次全体会议").meeting_id
    ids = [r.member_id for r in attendance.roll(meeting, role="代表")]
    attendance.tick(meeting, ids, ids[:150])
    assert printing.write_pdf("ballots", tmp_path / "b.pdf", meeting="10", spares=2) == 152
    assert printing.write_pdf("votes", tmp_path / "v.pdf", meeting="第三次全体会议") == 150
    with pytest.raises(ServiceError, match="只能指定一种"):
        printing.prepare("ballots", meeting="10", copies=3)


def test_copies_spares_serial_numbers_and_boxes_in_turn(demo_session, tmp_path):
    pages, texts = _print("ballots", tmp_path, copies=4, spares=2, serial=True, box="cycle")
    assert pages == 6
    for n, text in enumerate(texts, start=1):
        assert text.startswith(DEMO_BALLOT)
        assert text.endswith(f"票箱：{BOXES[(n - 1) % 3]}No.{n:04d}")


def test_one_box_for_every_copy(demo_session, tmp_path):
    pages, texts = _print("ballots", tmp_path, copies=2, box="会场2号票箱")
    assert pages == 2 and all(t.endswith("票箱：会场2号票箱") for t in texts)


@pytest.mark.parametrize("options, message", [
    (dict(copies=-1), "份数和备用份数不能为负数"),
    (dict(copies=2, spares=-1), "份数和备用份数不能为负数"),
    (dict(copies=0), "没有要印的选票：份数为 0"),
    (dict(box="月球"), "没有名为“月球”的票箱。本次会议的票箱：主席团票箱、会场1号票箱、会场2号票箱"),
])
def test_bad_options_are_refused(demo_session, options, message):
    with pytest.raises(ServiceError, match=message):
        printing.prepare("ballots", **options)


def test_an_empty_session_has_no_ballots_and_no_boxes(empty_session):
    with pytest.raises(ServiceError, match="本次会议还没有选举事项"):
        printing.prepare("ballots", copies=1)
    with pytest.raises(ServiceError, match="本次会议还没有表决事项"):
        printing.prepare("votes", copies=1)
    _election("测试区第一项选举", _people(2), 1)
    with pytest.raises(ServiceError, match="没有要印的选票：本次会议没有在任代表"):
        printing.prepare("ballots")
    with pytest.raises(ServiceError, match="本次会议还没有设置票箱"):
        printing.prepare("ballots", copies=1, box="cycle")


def test_a_list_not_fixed_is_not_printed(demo_session):
    e = elections.list_elections()[1]
    elections.fix_candidates(e.election_id, None)
    with pytest.raises(ServiceError, match="东西湖区人民法院院长的正式候选人名单尚未由主席团确定"):
        printing.prepare("ballots")


# ---------------------------------------------------------------- 表决票


def test_the_demo_vote_ballot_follows_the_bylaw_one_box_right_of_each_item(demo_session, tmp_path):
    """办法 第十三条: 在其事项右边对应框画圈 / 画叉 / 不作任何标记; the default layout."""
    pages, (text,) = _print("votes", tmp_path, copies=1)
    assert pages == 1
    assert text == f"{SESSION}表决票序号表决事项符号" + "".join(VOTE_ITEMS) + DEMO_VOTE_NOTES
    sheet = _sheet(printing.prepare("votes", copies=1))
    _nothing_cut_off(sheet)
    rows = _rows(sheet)[1:]
    assert len(rows) == 7 and all(len(row.cells) == 3 for row in rows)  # 序号 | 事项 | one box
    assert all(row.cells[-1].width == pytest.approx(row.row_height) for row in rows)
    assert all(row.cells[-1].x + row.cells[-1].width == pytest.approx(FRAME_WIDTH) for row in rows)


def test_three_boxes_an_item_on_request_with_the_bylaw_mark(demo_session, tmp_path):
    pages, (text,) = _print("votes", tmp_path, copies=1, marks="three")
    assert pages == 1
    assert text.startswith(f"{SESSION}表决票序号表决事项赞成反对弃权" + "".join(VOTE_ITEMS) + "说明：")
    assert text.endswith("1.对每一表决事项，在“赞成”“反对”“弃权”三栏中选择一栏，在对应框内画“○”；不画的视为弃权。"
                         "2.一个事项画两个以上“○”或符号画得不清的，该张表决票对该事项的表决无效。")
    assert "另选" not in text
    sheet = _sheet(printing.prepare("votes", copies=1, marks="three"))
    _nothing_cut_off(sheet)
    rows = _rows(sheet)[1:]
    assert len(rows) == 7 and all(len(row.cells) == 5 for row in rows)
    assert all(c.width == pytest.approx(row.row_height) for row in rows for c in row.cells[-3:])
    with pytest.raises(ServiceError, match="表决票的格式“two”不认识"):
        printing.prepare("votes", marks="two")


def test_the_ballots_print_the_marks_the_session_sets(demo_session, tmp_path):
    session.set_bylaw(yes_mark="√", no_mark="×", abstain_mark="")
    _, (votes,) = _print("votes", tmp_path, copies=1)
    assert votes.endswith("说明：1.对表决事项，在该事项右边对应框内，赞成的画“√”，反对的画“╳”，弃权的不作任何标记"
                          "（办法第十三条）。2.符号画得不清的，该张表决票对该事项的表决无效。")
    _, (ballot,) = _print("ballots", tmp_path, copies=1)
    assert "赞成的画“√”，反对的画“╳”，弃权的不作任何标记（办法第十三条）" in ballot
    assert "并在其右边对应框内画“√”" in ballot and "○" not in ballot
    _, (three,) = _print("votes", tmp_path, copies=1, marks="three")
    assert "在对应框内画“√”；不画的视为弃权" in three and "○" not in three


def test_an_abstention_marked_and_no_article_numbered(demo_session, tmp_path):
    """A 办法 where 弃权 is marked too, and which numbers no article for the marks: nothing is made up."""
    session.set_bylaw(yes_mark="○", no_mark="×", abstain_mark="△", articles={"有效": "第十四条"})
    _, (votes,) = _print("votes", tmp_path, copies=1)
    assert "在该事项右边对应框内，赞成的画“○”，反对的画“╳”，弃权的画“△”。2." in votes
    assert "办法第" not in votes and "不作任何标记" not in votes
    _, (three,) = _print("votes", tmp_path, copies=1, marks="three")
    assert "在对应框内画“○”。2." in three and "不画的视为弃权" not in three
    _, (ballot,) = _print("ballots", tmp_path, copies=1)
    assert "弃权的画“△”。符号画得不清的" in ballot and "（办法第十四条）" in ballot
    assert "第十三条" not in ballot


def test_the_three_box_layout_needs_a_mark_for_yes(demo_session):
    session.set_bylaw(yes_mark="", no_mark="×", abstain_mark="△")
    with pytest.raises(ServiceError, match="三栏格式的表决票要在所选的一栏内作标记") as found:
        printing.prepare("votes", copies=1, marks="three")
    assert found.value.field == "marks"
    printing.prepare("votes", copies=1)  # the 办法's own layout says 赞成的不作任何标记


def test_a_mark_the_fonts_cannot_draw_is_refused_before_printing(demo_session, tmp_path):
    session.set_bylaw(yes_mark="\U0001F600")
    with pytest.raises(printing.FontCoverageError, match="选举和表决办法中赞成的标记"):
        printing.write_pdf("votes", tmp_path / "v.pdf", copies=1)
    assert not (tmp_path / "v.pdf").exists()


def test_vote_ballots_take_the_same_copies_as_the_ballots(demo_session, tmp_path):
    pages, texts = _print("votes", tmp_path, copies=2, spares=1, serial=True, box="cycle")
    assert pages == 3
    assert [t[-len("票箱：会场1号票箱No.0002"):] for t in texts][1] == "票箱：会场1号票箱No.0002"
    assert texts[2].endswith("票箱：会场2号票箱No.0003")
    assert printing.write_pdf("votes", tmp_path / "all.pdf") == 210


def test_many_items_are_set_tighter_until_they_no_longer_fit(demo_session):
    for n in range(8, 19):
        voting.add_vote_item(f"关于第{n}项事项的决议（草案）")
    sheet = _sheet(printing.prepare("votes", copies=1))
    _nothing_cut_off(sheet)
    assert _rows(sheet)[-1].cells[-1].width == pytest.approx(10 * 72 / 25.4)  # the boxes still 10 mm
    for n in range(19, 31):
        voting.add_vote_item(f"关于第{n}项事项的决议（草案）")
    with pytest.raises(ServiceError, match=r"^表决票内容超过一页（30 项表决事项，"):
        printing.prepare("votes", copies=1)


# ---------------------------------------------------------------- 预选选票


def test_no_preliminary_ballot_when_no_election_needs_one(demo_session, tmp_path):
    with pytest.raises(ServiceError, match="^没有需要预选的选举"):
        printing.write_pdf("preballots", tmp_path / "p.pdf")
    assert not (tmp_path / "p.pdf").exists()


def test_preliminary_ballots_per_delegation(demo_session, tmp_path):
    election = preliminary_election()
    assert election.needs_preliminary and preballots.places(election) == 5
    names = [c.name for c in election.candidates]
    teams = roster.list_delegations()
    pages, texts = _print("preballots", tmp_path, serial=True)
    assert pages == sum(t.count("代表") for t in teams) == 210
    at = 0
    for team in teams:  # each delegation's stack under its name, numbered from 0001
        stack = texts[at:at + team.count("代表")]
        at += len(stack)
        for n, text in enumerate(stack, start=1):
            assert text.startswith(f"{SESSION}预选选票{team.name}"
                                   f"东西湖区第十一届人民代表大会常务委员会副主任（应预选5人）")
            assert out_of_order(text, names) is None
            assert text.endswith(f"No.{n:04d}")
            assert "另选人姓名" not in text and COMMITTEE not in text
    assert "多于应预选名额或者有另选他人的，该选票无效。" in texts[0]
    # the session's marks; 第十三条 speaks of the formal election and is not cited here
    assert ("1.预选时，应当在预选候选人名单范围内投票，不能另选他人（办法第八条）。"
            "2.对预选候选人，在其姓名右边对应框内，赞成的画“○”，反对的画“╳”，弃权的不作任何标记。3.") in texts[0]


def test_one_delegation_with_spares(demo_session, tmp_path):
    preliminary_election()
    team = next(d for d in roster.list_delegations() if d.name == "吴家山街代表团")
    pages, texts = _print("preballots", tmp_path, delegation_id=team.delegation_id, spares=2)
    assert pages == 18 + 2
    assert all(t.startswith(f"{SESSION}预选选票吴家山街代表团") for t in texts)


def test_the_formal_ballot_waits_for_the_preliminary_vote(demo_session):
    preliminary_election()
    with pytest.raises(ServiceError, match="常务委员会副主任的被提名人多于办法规定的候选人数，须先进行预选"):
        printing.prepare("ballots")


# ---------------------------------------------------------------- the command line


def test_print_ballots_from_the_command_line(demo_file, tmp_path, capsys):
    out = tmp_path / "选票.pdf"
    assert main(["print", "ballots", str(demo_file), "-o", str(out), "--copies", "3", "--spares", "1",
                 "--serial", "--box", "cycle"]) == 0
    assert "已写入选票（共 4 页）" in capsys.readouterr().out
    texts = [compact(t) for t in pages_text(out)]
    assert texts[3].endswith("票箱：主席团票箱No.0004")


@pytest.mark.parametrize("args, message", [
    (["--copies", "十"], "份数应是一个整数"),
    (["--spares", "-2"], "备用份数不能为负数"),
])
def test_command_line_counts_are_checked(demo_file, tmp_path, capsys, args, message):
    assert main(["print", "votes", str(demo_file), "-o", str(tmp_path / "v.pdf"), *args]) == 1
    assert message in capsys.readouterr().err


def test_options_belong_to_their_papers(demo_file, tmp_path, capsys):
    assert printing.options_of("ballots") == ["copies", "spares", "serial", "box", "meeting", "poll"]
    assert printing.options_of("votes") == ["copies", "spares", "serial", "box", "marks", "meeting"]
    assert printing.options_of("preballots") == ["delegation_id", "spares", "serial"]
    assert main(["print", "preballots", str(demo_file), "-o", str(tmp_path / "p.pdf"), "--box", "cycle"]) == 1
    assert "预选选票没有“票箱”这一选项" in capsys.readouterr().err


def test_the_preliminary_ballot_fills_the_number_the_bylaw_decided(empty_session):
    # 10 city deputies: the law allows 12 to 15 candidates; the 办法 decided 12; 14 nominated
    people = _people(14)
    eid = elections.add_election("测试区出席测试市第一届人民代表大会代表", 10, "差额", "上级人大代表", candidates=12)
    for n, start in enumerate((0, 10)):
        elections.add_nomination(elections.NominationInput(eid, "政党团体", tuple(people[start:start + 10]),
                                                           organisation=f"测试市第{n + 1}人民团体"),
                                 now=dt.datetime(2023, 12, 21, 18, 0))
    election = elections.get_election(eid)
    assert election.needs_preliminary and preballots.places(election) == 12
    elections.update_election(eid, election.office, 10, "差额", "上级人大代表", candidates=None)
    assert preballots.places(elections.get_election(eid)) == 15  # the legal maximum when the 办法 fixed none


# ---------------------------------------------------------------- thousands of copies


def test_copies_are_streamed_page_by_page_and_alike_pages_keyed_alike(demo_session, tmp_path):
    paper = printing.prepare("ballots", copies=3, spares=1, serial=True, box="cycle")
    assert paper.page_count == 4 and not paper.numbered
    copies = paper.pages()
    assert not isinstance(copies, list)  # made as they are drawn
    first = next(copies)
    assert (first.serial, first.box) == ("No. 0001", BOXES[0])
    keys: list[int] = []
    assert printing.write_pdf("ballots", tmp_path / "b.pdf", keys=keys, copies=5) == 5
    assert keys == [1] * 5  # the printer renders one page for all five
    assert printing.write_pdf("ballots", tmp_path / "s.pdf", keys=keys, copies=3, serial=True) == 3
    assert keys == [1, 2, 3]
    preliminary_election()
    assert printing.write_pdf("preballots", tmp_path / "p.pdf", keys=keys) == len(keys) == 210
    teams = [d for d in roster.list_delegations() if d.count("代表")]
    assert len(set(keys)) == len(teams)  # a sheet for each delegation, its name under the title
    assert keys[:teams[0].count("代表") + 1] == [1] * teams[0].count("代表") + [teams[0].count("代表") + 1]


def test_3000_ballots_are_not_held_in_memory_page_by_page(demo_session, tmp_path):
    import tracemalloc

    def peak(count: int) -> int:
        tracemalloc.start()
        try:
            assert printing.write_pdf("ballots", tmp_path / f"{count}.pdf", copies=count, serial=True) == count
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(3)  # fonts registered, subsets made
    # each page leaves only reportlab's page object (was 5.3 kB a page: every page's state held to the end)
    assert (peak(3000) - peak(300)) / 2700 < 4000

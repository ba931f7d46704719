"""The papers of the count (计票结果报告单, 公告, 表决结果), from a count entered through the services.

The 公告 are checked against seed 000's three (lines 2056–2093), written here as the seed prints
them with its spaces and line breaks taken out and the "_" of its small (女) dropped.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from meetingdesk import printing
from meetingdesk.cli.main import main
from meetingdesk.printing.linebreak import split_line_widths
from meetingdesk.services import ServiceError, counting, elections, schedule, session, voting
from meetingdesk.services.counting import Figure

from ..data.seed_lists import CITY_DEPUTIES_ANNOUNCED, STANDING_COMMITTEE_ANNOUNCED
from .pdftext import compact, out_of_order, pages_text
from .pdftext import print_paper as _print

KINDS = ["tally_report", "announcements", "vote_results"]
SESSION = "武汉市东西湖区第十一届人民代表大会第三次会议"
TITLE = "东西湖区第十一届人民代表大会第三次会议"
SIGNED = "东西湖区第十一届人民代表大会第三次会议主席团2023年12月23日"
HEAD = "武汉市东西湖区第十一届人民代表大会第三次会议公告"
PER_BOX = 70
ROUND = "发出选票210张，收回210张，收回等于或少于发出，本次投票有效。"
QUORUM = "全体代表210人，到会代表必须超过全体代表的三分之二，即至少141人；到会210人，符合法定人数。"


def _names(seed: list[str]) -> str:
    return compact("".join(seed)).replace("_", "")


SEED_ANNOUNCEMENTS = [
    f"{HEAD}(第1号)"
    f"{TITLE}于2023年12月23日选举产生了东西湖区第十一届人民代表大会常务委员会委员。现公布如下(7人,以姓名笔画为序):"
    f"{_names(STANDING_COMMITTEE_ANNOUNCED)}{SIGNED}",
    f"{HEAD}(第2号){TITLE}于2023年12月23日选举杨丹为东西湖区人民法院院长。{SIGNED}",
    f"{HEAD}(第3号)"
    f"{TITLE}于2023年12月23日选举产生了东西湖区出席武汉市第十五届人民代表大会代表2名。现公布如下(以姓名笔画为序):"
    f"{_names(CITY_DEPUTIES_ANNOUNCED)}{SIGNED}",
]


def counted_poll(yes: dict[str, int] | None = None, *, boxes: int | None = None, confirm: bool = True,
                 present: int | None = 210) -> int:
    """A count of the demo session at its 第三次全体会议 (2023-12-23), both clerks agreeing.

    Every ballot valid; each candidate YES[name] votes per box (the rest against; by default 70,
    or 61 where 8 candidates stand for 7 seats: a ballot marks no more names than the seats); each
    item 68 for, 1 against, 1 abstaining per box; BOXES: only the first so many boxes entered. By
    default 田志勇 gets 60 per box, so the other seven fill the seven seats.
    """
    yes = {"田志勇": 60} if yes is None else yes
    meeting = next(m.meeting_id for m in schedule.list_meetings() if m.name == "第三次全体会议")
    poll = counting.create_poll("第三次全体会议选举和表决", [e.election_id for e in elections.list_elections()],
                                [i.item_id for i in voting.list_vote_items()], meeting_id=meeting,
                                now=dt.datetime(2023, 12, 23, 10, 0))
    row = counting.get_poll(poll)
    def share(pe):
        return PER_BOX * pe.seats // max(pe.seats, len(pe.candidates))

    figures = [Figure(pe.poll_election_id, c.person_id, yes=yes.get(c.name, share(pe)),
                      no=PER_BOX - yes.get(c.name, share(pe))) for pe in row.elections for c in pe.candidates]
    figures += [Figure(pe.poll_election_id) for pe in row.elections]  # no void ballots
    figures += [Figure(poll_item_id=pi.poll_item_id, yes=68, no=1, abstain=1) for pi in row.items]
    for box in voting.list_boxes()[:boxes]:
        for entry in (1, 2):
            counting.enter(poll, box.box_id, entry, {"选票": (PER_BOX, PER_BOX), "表决票": (PER_BOX, PER_BOX)},
                           figures)
    if present is not None:
        counting.set_present(poll, present)
    if confirm:
        counting.confirm(poll, now=dt.datetime(2023, 12, 23, 11, 30))
    return poll


def _pages(kind: str, folder: Path, **options) -> list[str]:
    out = folder / f"{kind}.pdf"
    printing.write_pdf(kind, out, **options)
    return [compact(text) for text in pages_text(out)]


# ---------------------------------------------------------------- the kinds


def test_the_result_papers_follow_the_ballots_in_the_list():
    assert printing.kinds()[21:24] == [("tally_report", "计票结果报告单"), ("announcements", "公告"),
                                       ("vote_results", "表决结果")]
    assert [printing.options_of(kind) for kind in KINDS] == [["poll"], ["poll", "number"], ["poll"]]


# ---------------------------------------------------------------- 计票结果报告单


def test_tally_report_reads_out_the_count(demo_session, tmp_path):
    counted_poll(confirm=False)
    _, text = _print("tally_report", tmp_path)
    assert text.startswith(f"{SESSION}计票结果报告单第三次全体会议选举和表决（2023年12月23日第三次全体会议）"
                           "一、投票情况（一）选票票箱发出收回主席团票箱7070会场1号票箱7070会场2号票箱7070合计210210"
                           f"{ROUND}（二）表决票票箱发出收回")
    assert "发出表决票210张，收回210张，收回等于或少于发出，本次投票有效。" + QUORUM + "二、选举结果" in text
    assert ("（一）东西湖区第十一届人民代表大会常务委员会委员（应选7人）"
            "候选人主席团票箱赞成会场1号票箱赞成会场2号票箱赞成合计赞成合计反对合计弃权"
            "田志勇606060180300李静616161183270") in text
    assert "废票：主席团票箱0张，会场1号票箱0张，会场2号票箱0张，共0张；有效选票210张。" in text
    assert "全体代表210人，过半数为106票；应选7人。" in text
    assert "田志勇：赞成180票，反对30票，弃权0票，超过半数。获得过半数赞成票的8人，多于应选名额，以得票多的7人当选（办法第十五条）。" in text
    assert "当选：李静、张宇新、林修良、胡建坤、柯红梅、程明顺、潘登。" in text
    assert "当选：杨丹。" in text and "当选：苏顺康、阚艳。" in text
    assert ("三、表决结果（一）关于东西湖区人民政府工作报告的决议（草案）票箱赞成反对弃权无效"
            "主席团票箱68110会场1号票箱68110会场2号票箱68110合计204330"
            "关于东西湖区人民政府工作报告的决议（草案）：赞成204票，反对3票，弃权3票；全体代表210人，过半数为106票，通过。"
            ) in text
    assert text.count("通过。") == 7
    signatures = "总监票人：肖毅" + "".join(f"监票人：{name}" for name in ["代蕊", "朱磊", "何雄", "夏光", "高博", "漆彬芳"])
    assert signatures + "年月日" in text
    # two-character names padded, as on the other papers: in the candidates' column and the signatures
    raw = "\n".join(pages_text(tmp_path / "tally_report.pdf"))
    assert "李\u3000静" in raw and "肖\u3000毅" in raw and "漆彬芳" in raw


def test_tally_report_rows_for_write_ins_and_a_void_round(demo_session, tmp_path):
    poll = counted_poll(confirm=False)
    row = counting.get_poll(poll)
    court = row.elections[1]
    box = voting.list_boxes()[0]
    papers, figures = counting.entered(poll, box.box_id, 1)
    figures = [Figure(f.poll_election_id, f.person_id, yes=60, no=10) if f.person_id == court.candidates[0].person_id
               else f for f in figures] + [Figure(court.poll_election_id, write_in="张三", yes=10)]
    papers["选票"] = (69, 70)  # one ballot more came back from this box than was issued
    for entry in (1, 2):
        counting.enter(poll, box.box_id, entry, papers, figures)
    _, text = _print("tally_report", tmp_path)
    assert "杨丹607070200100张三（另选人）10001000" in text
    assert "收回多于发出，本次投票无效，应重新投票。" in text
    assert text.count("本次投票无效，不宣布选举结果。") == 3 and "当选：" not in text
    assert "关于议案的决议（草案）：赞成204票" in text  # the 表决票 round stands


def test_tally_report_shows_the_corrections_after_confirmation(demo_session, tmp_path):
    poll = counted_poll()
    box = voting.list_boxes()[0]
    papers, figures = counting.entered(poll, box.box_id, 1)
    court = counting.get_poll(poll).elections[1].candidates[0].person_id
    fixed = [Figure(f.poll_election_id, f.person_id, yes=69, no=1) if f.person_id == court else f for f in figures]
    counting.correct(poll, box.box_id, papers, fixed, "监票人复核，一张反对票误记为赞成",
                     now=dt.datetime(2023, 12, 23, 12, 5))
    _, text = _print("tally_report", tmp_path)
    assert "杨丹69707020910" in text
    assert ("四、更正记录2023年12月23日12:05更正，理由：监票人复核，一张反对票误记为赞成。"
            "主席团票箱：东西湖区人民法院院长杨丹：赞成70反对0弃权0无效0→赞成69反对1弃权0无效0") in text


@pytest.mark.parametrize("boxes, message", [
    (2, "会场2号票箱第一遍未录入"),
    (0, "主席团票箱第一遍未录入"),
])
def test_tally_report_refuses_a_count_the_clerks_have_not_settled(demo_session, boxes, message):
    poll = counted_poll(boxes=boxes, confirm=False)
    for kwargs in ({}, {"poll": poll}):
        with pytest.raises(ServiceError, match="两遍录入尚未一致") as err:
            printing.prepare("tally_report", **kwargs)
        assert message in str(err.value)


def test_tally_report_refuses_entries_that_differ(demo_session):
    poll = counted_poll(confirm=False)
    box = voting.list_boxes()[0]
    papers, figures = counting.entered(poll, box.box_id, 1)
    counting.enter(poll, box.box_id, 2, {**papers, "选票": (69, 70)}, figures)
    with pytest.raises(ServiceError, match="两遍录入尚未一致.*主席团票箱 选票发出：第一遍 70，第二遍 69"):
        printing.prepare("tally_report", poll=poll)


def test_the_latest_settled_poll_is_printed_by_default(demo_session, tmp_path):
    counted_poll()
    counted_poll({"田志勇": 50}, boxes=1, confirm=False)  # a later poll, entered for one box only
    assert "田志勇606060180300" in compact("".join(_pages("tally_report", tmp_path)))


def test_no_poll_no_tally_report(demo_session):
    with pytest.raises(ServiceError, match="还没有投票"):
        printing.prepare("tally_report")


# ---------------------------------------------------------------- 公告


def test_announcements_in_the_seeds_words(demo_session, tmp_path):
    counted_poll()
    pages = _pages("announcements", tmp_path)
    assert pages == SEED_ANNOUNCEMENTS  # one page each, no page numbers, no running header
    assert out_of_order(pages[0], [n.replace(" ", "").replace("_", "") for n in STANDING_COMMITTEE_ANNOUNCED]) is None


def test_one_announcement_by_number_or_by_poll(demo_session, tmp_path):
    poll = counted_poll()
    assert _pages("announcements", tmp_path, number=2) == [SEED_ANNOUNCEMENTS[1]]
    assert _pages("announcements", tmp_path, poll=poll) == SEED_ANNOUNCEMENTS
    with pytest.raises(ServiceError, match="没有第4号公告。可以打印：第1号、第2号、第3号。"):
        printing.prepare("announcements", number=4)


def test_seats_left_vacant_are_announced(demo_session, tmp_path):
    counted_poll({"田志勇": 30, "潘登": 30, "杨丹": 30})  # 90 of 210: not more than half
    first, second, _ = _pages("announcements", tmp_path)
    assert (f"{TITLE}于2023年12月23日选举产生了东西湖区第十一届人民代表大会常务委员会委员。"
            "应选7人，当选6人，缺额1人。现公布如下(6人,以姓名笔画为序):李静(女)张宇新林修良胡建坤柯红梅(女)程明顺"
            f"{SIGNED}") in first
    assert (f"{TITLE}于2023年12月23日进行了东西湖区人民法院院长的选举，没有候选人获得全体代表过半数的赞成票。"
            f"应选1人，当选0人，缺额1人。{SIGNED}") in second


def test_a_seat_awaiting_a_re_vote_is_said_so(demo_session, tmp_path):
    counted_poll({"田志勇": 60, "潘登": 60})  # tied for the seventh seat
    first = _pages("announcements", tmp_path, number=1)[0]
    assert "委员。尚有1名须就得票相等的候选人再次投票选举。现公布如下(6人,以姓名笔画为序):" in first


def test_announcements_need_a_confirmed_result(demo_session):
    with pytest.raises(ServiceError, match="还没有主席团确认的选举结果"):
        printing.prepare("announcements")
    poll = counted_poll(confirm=False)
    with pytest.raises(ServiceError, match="还没有主席团确认的选举结果"):
        printing.prepare("announcements")
    counting.confirm(poll)
    later = counted_poll(confirm=False)
    with pytest.raises(ServiceError, match="尚未经主席团确认"):
        printing.prepare("announcements", poll=later)


# ---------------------------------------------------------------- 表决结果


def test_vote_results_a_table_of_one_row_an_item(demo_session, tmp_path):
    counted_poll(confirm=False)
    texts, text = _print("vote_results", tmp_path)
    assert len(texts) == 1
    body = text.removeprefix(f"{SESSION}表决结果第三次全体会议选举和表决（2023年12月23日第三次全体会议）")
    assert body.startswith("发出表决票210张，收回210张，收回等于或少于发出，本次投票有效。" + QUORUM
                           + "全体代表210人，过半数为106票，获得过半数赞成票的事项通过。"
                           + "序号表决事项赞成反对弃权结果"
                           + "1关于东西湖区人民政府工作报告的决议（草案）204票3票3票通过")
    rows = [f"{n}{item.title}204票3票3票通过" for n, item in enumerate(voting.list_vote_items(), start=1)]
    assert len(rows) == 7 and out_of_order(body, rows) is None and body.count("通过") == 7 + 1
    assert "：赞成" not in body  # no longer a paragraph an item


def test_vote_results_long_names_wrap_within_their_cell(demo_session):
    from meetingdesk.printing.fonts import runs_width
    from meetingdesk.printing.frame import GridRow

    voting.add_vote_item("关于武汉市东西湖区2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划"
                         "以及2024年全区预算和政府投资项目计划安排的决议（草案）")
    counted_poll(confirm=False)
    paper = printing.prepare("vote_results")
    rows = [f for block in paper.story() if hasattr(block, "rows") for f in [*block.heading(False), *block.rows]
            if isinstance(f, GridRow)]
    assert len(rows) == 1 + 8  # the headings, a row an item
    tallest = max(rows, key=lambda r: len(r.cells[1].lines))
    assert len(tallest.cells[1].lines) >= 3  # wrapped in its cell, the figures beside it on one line
    assert all(len(cell.lines) == 1 for cell in tallest.cells[2:])
    for row in rows:
        for cell in row.cells:
            assert all(runs_width(line) <= cell.width - 2 * cell.pad + 0.01 for line in cell.lines)
            texts = ["".join(r.text for r in line) for line in cell.lines]
            assert not any(t.endswith("（") or t.startswith("）") for t in texts)


def test_vote_results_say_which_items_fail_and_which_nobody_entered(demo_session, tmp_path):
    meeting = next(m.meeting_id for m in schedule.list_meetings() if m.name == "第三次全体会议")
    items = voting.list_vote_items()
    poll = counting.create_poll("表决", [], [i.item_id for i in items], meeting_id=meeting,
                                now=dt.datetime(2023, 12, 23, 10, 0))
    row = counting.get_poll(poll)
    figures = [Figure(poll_item_id=pi.poll_item_id, yes=30, no=35, abstain=5) for pi in row.items[:1]]
    figures += [Figure(poll_item_id=pi.poll_item_id, yes=68, no=1, abstain=1) for pi in row.items[1:-1]]
    for box in voting.list_boxes():
        for entry in (1, 2):
            counting.enter(poll, box.box_id, entry, {"表决票": (PER_BOX, PER_BOX)}, figures)
    counting.set_present(poll, 210)
    _, text = _print("vote_results", tmp_path)
    assert f"1{items[0].title}90票105票15票未通过" in text
    assert f"2{items[1].title}204票3票3票通过" in text
    assert f"7{items[6].title}———未录入" in text


def test_vote_results_refused_until_the_count_stands(demo_session):
    with pytest.raises(ServiceError, match="还没有表决事项的投票"):
        printing.prepare("vote_results")
    poll = counted_poll(boxes=1, confirm=False)
    with pytest.raises(ServiceError, match="两遍录入尚未一致"):
        printing.prepare("vote_results")
    counting.remove_poll(poll)
    counted_poll(confirm=False, present=140)  # 210 ballots back from 140 present: cannot be
    with pytest.raises(ServiceError, match="票数不可能成立，无法打印表决结果.*表决票收回 210 张，多于到会代表 140 人"):
        printing.prepare("vote_results")


def test_a_poll_without_items_has_no_vote_results(demo_session):
    committee = elections.list_elections()[0]
    poll = counting.create_poll("再次投票", [committee.election_id], [])
    with pytest.raises(ServiceError, match="“再次投票”没有表决事项，无法打印表决结果。"):
        printing.prepare("vote_results", poll=poll)


# ---------------------------------------------------------------- the command line


def test_print_the_papers_of_the_count_from_the_command_line(demo_file, tmp_path, capsys):
    session.open_session(demo_file)
    poll = counted_poll()
    session.close_session()
    out = tmp_path / "公告.pdf"
    assert main(["print", "announcements", str(demo_file), "-o", str(out), "--number", "3"]) == 0
    assert "已写入公告（共 1 页）" in capsys.readouterr().out
    assert [compact(t) for t in pages_text(out)] == [SEED_ANNOUNCEMENTS[2]]
    assert main(["print", "tally_report", str(demo_file), "-o", str(out), "--poll", str(poll)]) == 0
    assert main(["print", "vote_results", str(demo_file), "-o", str(out), "--poll", str(poll + 1)]) == 1
    assert "该次投票已不存在" in capsys.readouterr().err
    assert main(["print", "roster", str(demo_file), "-o", str(out), "--poll", "1"]) == 1
    assert "代表团编团名单没有“投票”这一选项" in capsys.readouterr().err
    assert main(["print", "announcements", str(demo_file), "-o", str(out), "--number", "二"]) == 1
    assert "公告编号应是一个整数" in capsys.readouterr().err


def test_a_line_does_not_begin_with_the_space_of_the_counts_words():
    # "反对 9 票": the number stays with its 票, the break falls before it and the space goes
    assert split_line_widths("反对 9 票", [10, 10, 3, 5, 3, 10], 28) == [[8, "反对"], [10, "9 票"]]
    assert split_line_widths("反对 19 票", [10, 10, 3, 5, 5, 3, 10], 28) == [[8, "反对"], [5, "19 票"]]


def counted_preliminary(*, leave_out: int = 0) -> None:
    """The 副主任 preliminary vote (6 nominees for 5 places), counted twice alike in every
    delegation but the last LEAVE_OUT; each ballot valid but one per delegation."""
    from meetingdesk.services import preliminary, roster
    from meetingdesk.services.preliminary import SheetInput

    from ..data.builders import preliminary_election

    round_id = preliminary.start(preliminary_election().election_id)
    row = preliminary.get_round(round_id)
    teams = roster.list_delegations()
    for t in teams[:len(teams) - leave_out]:
        n = t.count("代表")
        sheet = SheetInput(n, n, n, 1, {c.person_id: n - 1 - k for k, c in enumerate(row.candidates)})
        for entry in (1, 2):
            preliminary.enter(round_id, t.delegation_id, entry, sheet)


def test_no_preliminary_report_before_every_delegation_is_counted(demo_session):
    from meetingdesk.services import roster

    with pytest.raises(ServiceError, match="没有进行预选"):
        printing.prepare("preliminary_report")
    counted_preliminary(leave_out=1)
    with pytest.raises(ServiceError, match=f"计票尚未完成（{roster.list_delegations()[-1].name}）"):
        printing.prepare("preliminary_report")


def test_the_preliminary_report_sums_the_delegations_and_names_the_official_candidates(demo_session, tmp_path):
    from meetingdesk.services import elections

    counted_preliminary()
    out = tmp_path / "pre.pdf"
    assert printing.write_pdf("preliminary_report", out) == 2
    text = compact("".join(pages_text(out)))
    assert "预选计票结果报告" in text and "合计21021021021012198" in text
    last = elections.list_elections()[-1].candidates[-1].name
    assert f"6{last}138" in text and "得票多的5人列为正式候选人。" in text


def test_the_preliminary_report_is_signed_by_the_delegations_scrutineers_and_the_counting_staff(demo_session,
                                                                                                  tmp_path):
    """办法 第七条: each delegation's 预选监票人 (not the session's 总监票人 and 监票人, adopted
    later), the 计票人 the secretariat appoints; the signatures on the page of the last votes."""
    from meetingdesk.services import preliminary, presidium, roster

    counted_preliminary()
    teams = roster.list_delegations()
    chosen = {}
    for t in teams[:-1]:  # the last delegation has chosen none yet: a blank line
        choices = preliminary.scrutineer_choices(t.delegation_id)
        chosen[t.delegation_id] = [m for m, _ in choices[:2 if t is teams[0] else 1]]
    preliminary.set_all_pre_scrutineers(chosen)
    out = tmp_path / "pre.pdf"
    assert printing.write_pdf("preliminary_report", out) == 2
    pages = [compact(p) for p in pages_text(out)]
    names = {r.member_id: r.name for r in preliminary.pre_scrutineers()}
    lines = []
    for t in teams:
        short = t.name.removesuffix("代表团")
        lines += [f"{short}：{names[m]}" for m in chosen.get(t.delegation_id, [])] or [f"{short}："]
    signed = "预选监票人：" + "".join(lines) + "计票人：年月日"
    assert signed in pages[-1]
    assert pages[-1].index("得票多的5人列为正式候选人。") < pages[-1].index(signed)  # kept together
    assert "总监票人" not in "".join(pages)
    for r in presidium.list_roles("总监票人") + presidium.list_roles("监票人"):
        assert r.name not in pages[-1].split("预选监票人：")[1]
    # a scrutineer withdrawn since leaves a blank line for the delegation
    preliminary.set_pre_scrutineers(teams[1].delegation_id, [])
    printing.write_pdf("preliminary_report", out)
    last = compact(pages_text(out)[-1])
    assert f"{teams[1].name.removesuffix('代表团')}：{teams[2].name.removesuffix('代表团')}：" in last


def test_the_preliminary_report_as_docx_has_the_pdf_text_and_its_signatures(demo_session, tmp_path):
    from meetingdesk.services import preliminary, roster

    from .docxtext import docx_text
    from .test_word import furniture_only

    counted_preliminary()
    team = roster.list_delegations()[0]
    preliminary.set_pre_scrutineers(team.delegation_id,
                                    [m for m, _ in preliminary.scrutineer_choices(team.delegation_id)[:1]])
    printing.write("preliminary_report", tmp_path / "pre.pdf")
    printing.write("preliminary_report", tmp_path / "pre.docx")
    pdf = compact("\n".join(pages_text(tmp_path / "pre.pdf")))
    docx = compact(docx_text(tmp_path / "pre.docx"))
    assert furniture_only(pdf, docx, compact(f"{SESSION}预选计票结果报告")) == []
    assert f"预选监票人：吴家山街：{preliminary.pre_scrutineers()[0].name}慈惠街：" in docx and "计票人：" in docx

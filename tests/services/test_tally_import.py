"""`meetingdesk tally`: counts from a CSV, every bad row a message with file, row and column."""
from __future__ import annotations

import pytest

from meetingdesk.cli.main import main
from meetingdesk.services import ServiceError, counting, elections, session, tally_import, voting

HEADER = "票箱,遍次,事项,对象,赞成,反对,弃权,无效,发出,收回\n"


def _csv(entries=(1, 2), court_yes=70, extra=""):
    """The demo's three boxes, 70 ballots each, every item and the unopposed candidates carried
    unanimously; each voter marks 7 of the 8 candidates for the 7 committee seats (61 each)."""
    lines = [HEADER]
    people = {e.office: [c.name for c in e.candidates] for e in elections.list_elections()}
    for box in ("主席团票箱", "会场1号票箱", "会场2号票箱"):
        for entry in entries:
            lines.append(f"{box},{entry},选票,,,,,,70,70\n{box},{entry},表决票,,,,,,70,70\n")
            for office, names in people.items():
                for name in names:
                    yes = court_yes if "法院" in office else 61 if len(names) == 8 else 70
                    lines.append(f"{box},{entry},{office},{name},{yes},{70 - yes},0,,,\n")
                lines.append(f"{box},{entry},{office},废票,,,,0,,\n")
            for item in voting.list_vote_items():
                lines.append(f"{box},{entry},{item.title},,70,0,0,0,,\n")
    return "".join(lines) + extra


@pytest.fixture
def poll(demo_session):
    return counting.create_poll("第三次全体会议选举和表决", [e.election_id for e in elections.list_elections()],
                                [i.item_id for i in voting.list_vote_items()])


def test_a_whole_count_from_csv(poll, tmp_path):
    path = tmp_path / "计票.csv"
    path.write_text(_csv(), encoding="utf-8")
    plan = tally_import.read(poll, path)
    assert len(plan.entries) == 6
    tally_import.apply(plan)
    result = counting.result(poll)
    assert result.complete and [v.name for v in result.elections[1].outcome.elected] == ["杨丹"]


@pytest.mark.parametrize("extra, message", [
    ("无此箱,1,选票,,,,,,1,1\n", "第 {n} 行“票箱”列：没有名为“无此箱”的票箱"),
    ("主席团票箱,3,选票,,,,,,1,1\n", "第 {n} 行“遍次”列：只能是 1 或 2"),
    ("主席团票箱,1,区长,张三,1,,,,,\n", "第 {n} 行“事项”列：本次投票没有“区长”这一选举"),
    ("主席团票箱,1,法院院长,张三,1,,,,,\n", "第 {n} 行“对象”列：“张三”不是东西湖区人民法院院长的候选人"),
    ("主席团票箱,1,法院院长,杨丹,七十,,,,,\n", "第 {n} 行“赞成”列：“七十”不是票数"),
    ("主席团票箱,1,决议,,1,,,,,\n", "第 {n} 行“事项”列：“决议”对应多项表决事项"),
])
def test_bad_rows_name_file_row_and_column_and_write_nothing(poll, tmp_path, extra, message):
    text = _csv(entries=(1,), extra=extra)
    path = tmp_path / "计票.csv"
    path.write_text(text, encoding="utf-8")
    n = text.count("\n")
    with pytest.raises(ServiceError, match="计票.csv " + message.format(n=n)):
        tally_import.read(poll, path)
    assert counting.differences(poll)[1]  # nothing entered


def test_write_ins_and_a_gbk_file(poll, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "主席团票箱,1,选票,,,,,,70,70\n"
                      "主席团票箱,1,东西湖区人民法院院长,另选:张三,5,0,0,,,\n").encode("gbk"))
    plan = tally_import.read(poll, path)
    [(papers, figures)] = plan.entries.values()
    assert figures[0].write_in == "张三" and figures[0].yes == 5 and papers == {"选票": (70, 70)}


def test_the_tally_command_reports_differences_then_results(demo_file, tmp_path, capsys):
    session.open_session(demo_file)
    first = _csv(entries=(1,))
    second = _csv(entries=(2,), court_yes=69)
    session.close_session()
    a, b = tmp_path / "一.csv", tmp_path / "二.csv"
    a.write_text(first, encoding="utf-8")
    b.write_text(second.replace("遍次,", "").replace(",2,", ","), encoding="utf-8")
    assert main(["tally", str(demo_file), str(a), "--new", "第三次全体会议选举和表决"]) == 0
    out = capsys.readouterr().out
    assert "已新建投票" in out and "[未录入] 主席团票箱第二遍未录入" in out
    assert main(["tally", str(demo_file), str(b), "--entry", "2"]) == 0
    out = capsys.readouterr().out
    assert "[两遍不一致] 主席团票箱 东西湖区人民法院院长 杨丹 赞成：第一遍 70，第二遍 69" in out
    b.write_text(first.replace(",1,", ",2,"), encoding="utf-8")
    assert main(["tally", str(demo_file), str(b)]) == 0
    out = capsys.readouterr().out
    assert "全体代表 210 人，过半数为 106 票；应选 1 人。" in out
    assert "杨丹：赞成 210 票，反对 0 票，弃权 0 票，超过半数。" in out
    assert main(["tally", str(demo_file), str(tmp_path / "无.csv")]) == 1
    assert "找不到文件" in capsys.readouterr().err


# ---------------------------------------------------------------- figures that cannot be


@pytest.mark.parametrize("change, message", [
    # a candidate's for + against + abstain above the valid ballots of the box
    (("东西湖区人民法院院长,杨丹,70,0,0", "东西湖区人民法院院长,杨丹,70,1,0"),
     r"第 (\d+) 行“赞成”列（主席团票箱第1遍）：东西湖区人民法院院长 杨丹：赞成、反对、弃权合计 71 票，多于有效选票 70 张"),
    # void ballots above those returned
    (("东西湖区人民法院院长,废票,,,,0", "东西湖区人民法院院长,废票,,,,71"),
     r"第 (\d+) 行“无效”列（主席团票箱第1遍）：东西湖区人民法院院长废票 71 张，多于收回的选票 70 张"),
    # an item's four figures above the 表决票 returned
    (("关于议案的决议（草案）,,70,0,0,0", "关于议案的决议（草案）,,70,0,0,1"),
     r"“赞成”列（主席团票箱第1遍）：关于议案的决议（草案）：赞成、反对、弃权、无效合计 71 票，多于收回的表决票 70 张"),
    # the marks of all candidates above seats × valid ballots (a ballot marking more is void)
    (("委员会委员,田志勇,61,9", "委员会委员,田志勇,70,0"),
     r"所有候选人和另选人的赞成票合计 497 票，多于应选 7 人 × 有效选票 70 张 = 490 票"),
    # a figure above all delegates
    (("主席团票箱,1,选票,,,,,,70,70", "主席团票箱,1,选票,,,,,,211,70"),
     r"第 2 行“发出”列（主席团票箱第1遍）：选票发出 211，多于全体代表 210 人"),
])
def test_a_figure_that_cannot_be_is_refused_with_its_row_and_column(poll, tmp_path, change, message):
    text = _csv(entries=(1,))
    old, new = change
    assert old in text
    path = tmp_path / "计票.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ServiceError, match=message) as err:
        tally_import.read(poll, path)
    row = [i for i, line in enumerate(text.replace(old, new, 1).splitlines(), 1) if new in line][0]
    if "第 (" in message:
        assert f"第 {row} 行" in str(err.value)
    assert counting.differences(poll)[1] and counting.entered(poll, voting.list_boxes()[0].box_id, 1) == ({}, [])


def test_more_ballots_back_than_delegates_present_is_refused(demo_session, tmp_path):
    from meetingdesk.services import attendance

    meeting = attendance.find_meeting("第三次全体会议").meeting_id
    ids = [r.member_id for r in attendance.roll(meeting, role="代表")]
    attendance.tick(meeting, ids, ids[:150])  # 150 present; 210 ballots come back
    poll_id = counting.create_poll("投票", [e.election_id for e in elections.list_elections()],
                                   [i.item_id for i in voting.list_vote_items()], meeting_id=meeting)
    path = tmp_path / "计票.csv"
    path.write_text(_csv(entries=(1, 2)), encoding="utf-8")
    tally_import.apply(tally_import.read(poll_id, path))  # 70 per box is possible: each box alone fits
    outcome = counting.result(poll_id)
    assert outcome.complete and not outcome.decided and outcome.elections == ()
    assert any("选票收回 210 张，多于到会代表 150 人（所投的票数多于投票人数的无效）" in p for p in outcome.problems)
    with pytest.raises(ServiceError, match="票数不可能成立，不能确认"):
        counting.confirm(poll_id)


def test_dry_run_and_a_refused_file_leave_no_poll_behind(demo_file, tmp_path, capsys):
    session.open_session(demo_file)
    good = _csv(entries=(1, 2))
    session.close_session()
    path = tmp_path / "计票.csv"
    path.write_text(good, encoding="utf-8")
    assert main(["tally", str(demo_file), str(path), "--new", "第三次全体会议选举和表决", "--dry-run"]) == 0
    assert "未写入任何数据" in capsys.readouterr().out
    path.write_text(good.replace("东西湖区人民法院院长,杨丹,70,0,0", "东西湖区人民法院院长,杨丹,70,5,0"), encoding="utf-8")
    assert main(["tally", str(demo_file), str(path), "--new", "第三次全体会议选举和表决"]) == 1
    assert "多于有效选票" in capsys.readouterr().err
    session.open_session(demo_file)
    try:
        assert counting.list_polls() == []
    finally:
        session.close_session()


def test_tally_new_at_a_meeting_takes_its_date_and_never_elects_in_a_void_round(demo_file, tmp_path, capsys):
    session.open_session(demo_file)
    text = _csv(entries=(1, 2))
    session.close_session()
    # one box returns a ballot more than it issued: the 选票 round is void, the 表决票 stands
    text = text.replace("主席团票箱,1,选票,,,,,,70,70", "主席团票箱,1,选票,,,,,,69,70")
    text = text.replace("主席团票箱,2,选票,,,,,,70,70", "主席团票箱,2,选票,,,,,,69,70")
    path = tmp_path / "计票.csv"
    path.write_text(text, encoding="utf-8")
    assert main(["tally", str(demo_file), str(path), "--new", "第三次全体会议选举和表决",
                 "--meeting", "第三次全体会议", "--time", "10:30"]) == 0
    out = capsys.readouterr().out
    assert "收回多于发出，本次投票无效" in out and "本项选举无效，应重新投票" in out
    assert "当选" not in out.replace("均未产生", "")
    assert "关于议案的决议（草案）：赞成 210 票" in out and "通过。" in out
    session.open_session(demo_file)
    try:
        [poll] = counting.list_polls()
        assert poll.vote_date.isoformat() == "2023-12-23" and poll.vote_time == "10:30"
    finally:
        session.close_session()


# ---------------------------------------------------------------- figures and names from outside


@pytest.mark.parametrize("value, message", [
    ("70.5", "“70.5”不是整数，票数只能是整数"),
    ("-3", "票数不能为负数"),
    ("1000001", "票数“1000001”大得不可能（最多 1000000）"),
    ("9" * 400, "大得不可能"),
    ("7e1", "“7e1”不是票数"),
])
def test_a_count_that_does_not_fit_names_its_row_and_column(poll, tmp_path, value, message):
    text = _csv(entries=(1,))
    old = "东西湖区人民法院院长,杨丹,70,0,0"
    row = text.splitlines().index(next(line for line in text.splitlines() if old in line)) + 1
    path = tmp_path / "计票.csv"
    path.write_text(text.replace(old, old.replace(",70,", f",{value},"), 1), encoding="utf-8")
    with pytest.raises(ServiceError, match=f"计票.csv 第 {row} 行“赞成”列：.*{message[:8]}") as err:
        tally_import.read(poll, path)
    assert message in str(err.value)


def test_70_written_as_70_point_0_or_with_leading_zeros_is_70(poll, tmp_path):
    path = tmp_path / "计票.csv"
    path.write_text(HEADER + "主席团票箱,1,选票,,,,,,070,70.0\n", encoding="utf-8")
    [(papers, _)] = tally_import.read(poll, path).entries.values()
    assert papers == {"选票": (70, 70)}


def test_candidate_and_write_in_names_are_compared_normalised(poll, tmp_path):
    path = tmp_path / "计票.csv"
    path.write_text(HEADER + "主席团票箱,1,选票,,,,,,70,70\n"
                    "主席团票箱,1,东西湖区人民法院院长,杨　\u200b丹,60,0,0,,,\n"  # full-width and zero-width spaces
                    "主席团票箱,1,东西湖区人民法院院长,另选:阿依・买买提,5,0,0,,,\n", encoding="utf-8")
    [(_, figures)] = tally_import.read(poll, path).entries.values()
    assert figures[0].person_id is not None and figures[0].yes == 60
    assert figures[1].write_in == "阿依·买买提"


def test_a_damaged_count_file_names_its_row(poll, tmp_path):
    path = tmp_path / "计票.csv"
    path.write_bytes((HEADER + "主席团票箱,1,选票,,,,,,70,70\n主席团票箱,1,\"选票,,,,,,70,70\n").encode())
    with pytest.raises(ServiceError, match="计票.csv 第 3 行：英文双引号没有配对"):
        tally_import.read(poll, path)
    path.write_bytes((HEADER + "主席团票箱,1,选票,,,,,,7\x000,70\n").encode())
    with pytest.raises(ServiceError, match="计票.csv 第 2 行含有空字符"):
        tally_import.read(poll, path)
    with pytest.raises(ServiceError, match="是一个文件夹"):
        tally_import.read(poll, tmp_path)

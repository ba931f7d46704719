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
    path.write_bytes((HEADER + "主席团票箱,1,东西湖区人民法院院长,另选:张三,5,0,0,,,\n").encode("gbk"))
    plan = tally_import.read(poll, path)
    [(papers, figures)] = plan.entries.values()
    assert figures[0].write_in == "张三" and figures[0].yes == 5


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

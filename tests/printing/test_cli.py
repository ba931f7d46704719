"""`meetingdesk print`: the kinds, a PDF written, every error a Chinese message and exit 1."""
from __future__ import annotations

import pytest

from meetingdesk.cli.main import main

from .pdftext import compact, pages_text


def test_list_names_the_kinds_with_their_titles(capsys):
    assert main(["print", "--list"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["roster\t代表团编团名单", "signin\t签到表", "people\t人员核对名单",
                                "presidium\t主席团和秘书长名单", "chairs\t主席团常务主席名单", "groups\t执行主席分组",
                                "deputies\t副秘书长名单", "review\t议案审查委员会名单",
                                "scrutineers\t总监票人、监票人名单", "agenda\t议程", "schedule\t日程",
                                "motions\t议案和建议登记表", "motion_review\t议案审查委员会关于议案的审查报告",
                                "motion_resolution\t关于议案的决议（草案）", "motion_counts\t议案和建议统计表",
                                "motion_deadline\t关于提出议案截止时间的决定", "candidates\t正式候选人名单",
                                "ballots\t选票", "votes\t表决票", "preballots\t预选选票", "preliminary_report\t预选计票结果报告",
                                "tally_report\t计票结果报告单", "announcements\t公告", "vote_results\t表决结果",
                                "attendance\t代表到会情况报告", "absences\t代表请假和缺席名单",
                                "attendance_table\t代表出席情况统计表", "badges\t代表证件",
                                "seating\t会场座次图", "podium\t主席台座次表", "seat_list\t座次表", "tent_cards\t桌签",
                                "leaders\t代表团团长、副团长名单", "changes_notice\t代表变动公告",
                                "qualification_report\t代表资格审查委员会关于补选代表资格的审查报告",
                                "handling_list\t交办清单", "handling_report_stats\t建议办理情况统计"]


def test_print_roster(demo_file, tmp_path, capsys):
    out = tmp_path / "名单.pdf"
    assert main(["print", "roster", str(demo_file), "-o", str(out)]) == 0
    assert "已写入代表团编团名单（共" in capsys.readouterr().out
    assert "代表团编团名单（代表210人" in compact(pages_text(out)[0])


def test_print_a_session_paper(demo_file, tmp_path, capsys):
    out = tmp_path / "日程.pdf"
    assert main(["print", "schedule", str(demo_file), "-o", str(out)]) == 0
    assert "已写入日程（共 1 页）" in capsys.readouterr().out
    assert "12月21日(星期四)上午8:30第一次全体会议1.报告代表到会情况" in compact(pages_text(out)[0])


def test_print_signin_with_options(demo_file, tmp_path):
    out = tmp_path / "s.pdf"
    assert main(["print", "signin", str(demo_file), "-o", str(out), "--delegation", "吴家山街",
                 "--role", "列席", "--meeting", "第二次全体会议"]) == 0
    text = compact(pages_text(out)[0])
    assert "吴家山街代表团列席签到表（列席15人，按姓名笔画排序）" in text
    assert "会议：第二次全体会议" in text


def test_print_the_attendance_report_of_a_meeting(demo_file, tmp_path, capsys):
    from meetingdesk.services import attendance, session

    session.open_session(demo_file)
    meeting_id = attendance.find_meeting("3").meeting_id
    ids = [r.member_id for r in attendance.roll(meeting_id, role="代表")]
    attendance.tick(meeting_id, ids, ids[:141])
    attendance.close_roll(meeting_id)
    session.close_session()
    out = tmp_path / "到会.pdf"
    assert main(["print", "attendance", str(demo_file), "--meeting", "3", "-o", str(out)]) == 0
    assert "已写入代表到会情况报告（共 1 页）" in capsys.readouterr().out
    text = compact(pages_text(out)[0])
    assert "（2023年12月21日上午第一次全体会议）" in text
    assert "本次会议应到代表210人，实到141人，请假0人，缺席69人，符合法定人数。" in text


def test_print_badges_of_one_delegation(demo_file, tmp_path, capsys):
    out = tmp_path / "证件.pdf"
    assert main(["print", "badges", str(demo_file), "--delegation", "吴家山街", "--role", "工作人员",
                 "-o", str(out)]) == 0
    assert "已写入代表证件（共 1 页）" in capsys.readouterr().out
    assert "工作证（工作人员）吴家山街代表团" in compact(pages_text(out)[0]) and "张，共" not in pages_text(out)[0]


@pytest.mark.parametrize("args, message", [
    (["print", "ballot", "{session}", "-o", "{out}"], "没有名为“ballot”的打印件。可以打印：roster（代表团编团名单）"),
    (["print", "roster", "{bad}", "-o", "{out}"], "不是 MeetingDesk 会议文件"),
    (["print", "roster", "{missing}", "-o", "{out}"], "找不到会议文件"),
    (["print", "roster", "{session}"], "请用 -o 指明要写入的文件：.pdf 为 PDF，.docx 为 Word 文档"),
    (["print", "roster", "{session}", "-o", "{wrong}"], "应以 .pdf（PDF）或 .docx（Word）结尾"),
    (["print"], "请指明打印件的种类"),
    (["print", "people", "{session}", "-o", "{out}", "--order", "age"], "排列方式只能是"),
    (["print", "roster", "{session}", "-o", "{out}", "--role", "代表"], "代表团编团名单没有“身份”这一选项"),
    (["print", "signin", "{session}", "-o", "{out}", "--delegation", "月球"], "没有名为“月球”的代表团"),
    (["print", "roster", "{session}", "-o", "{nowhere}"], "不存在"),
    (["print", "attendance", "{session}", "-o", "{out}", "--meeting", "99"],
     "没有会议“99”。请用会议的序号或名称：1 12月20日 预备会议；2 12月20日 主席团第一次会议；3 12月21日上午 第一次全体会议"),
    (["print", "absences", "{session}", "-o", "{out}", "--meeting", "第九次全体会议"], "没有会议“第九次全体会议”"),
    (["print", "badges", "{session}", "-o", "{out}", "--role", "主任"], "身份只能是代表、列席或工作人员"),
    (["print", "attendance_table", "{session}", "-o", "{out}", "--meeting", "3"], "代表出席情况统计表没有“会议”这一选项"),
])
def test_errors_are_chinese_and_exit_1(demo_file, tmp_path, capsys, args, message):
    bad = tmp_path / "bad.meetingdesk"
    bad.write_text("not a session", encoding="utf-8")
    values = {"session": str(demo_file), "out": str(tmp_path / "o.pdf"), "bad": str(bad),
              "missing": str(tmp_path / "missing.meetingdesk"), "nowhere": str(tmp_path / "no" / "o.pdf"),
              "wrong": str(tmp_path / "o.odt")}
    assert main([a.format(**values) for a in args]) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not (tmp_path / "o.pdf").exists()


def test_a_layout_failure_is_a_message_not_a_traceback(demo_file, tmp_path, capsys, monkeypatch):
    from meetingdesk.printing import frame

    def boom(*args, **kwargs):
        raise RuntimeError("too large")

    monkeypatch.setattr(frame._PaperDoc, "build", boom)
    out = tmp_path / "out" / "r.pdf"
    out.parent.mkdir()
    assert main(["print", "roster", str(demo_file), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "生成代表团编团名单时出错（RuntimeError：too large），没有写入文件。" in err
    assert list(out.parent.iterdir()) == []

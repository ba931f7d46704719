"""The seed's day of the vote, as a secretariat runs it: attendance taken at the 第三次全体会议,
ballots printed one per delegate present, two clerks' counts by box from CSV through `meetingdesk
tally`, the result confirmed, and the three 公告 word for word as seed 000 prints them (lines
2056–2093) — and still word for word after the roster changes."""
from __future__ import annotations

import datetime as dt

from meetingdesk import printing
from meetingdesk.cli.main import main
from meetingdesk.services import attendance, counting, roster, session
from tests.services.test_tally_import import _csv

from .pdftext import compact, pages_text
from .test_result_papers import SEED_ANNOUNCEMENTS


def _announcements(path) -> list[str]:
    printing.write_pdf("announcements", path)
    return [compact(t) for t in pages_text(path)]


def test_the_day_of_the_vote_from_ballots_to_the_announcements(demo_file, tmp_path, capsys):
    session.open_session(demo_file)
    meeting = attendance.find_meeting("第三次全体会议").meeting_id
    ids = [r.member_id for r in attendance.roll(meeting, role="代表")]
    attendance.tick(meeting, ids, ids)  # all 210 present
    assert printing.write_pdf("ballots", tmp_path / "选票.pdf", meeting="第三次全体会议") == 210
    # 田志勇 gets fewer votes in every box: seven are elected without a tie
    text = _csv().replace("东西湖区第十一届人民代表大会常务委员会委员,田志勇,61,9",
                          "东西湖区第十一届人民代表大会常务委员会委员,田志勇,40,30")
    session.close_session()
    first, second = tmp_path / "第一遍.csv", tmp_path / "第二遍.csv"
    lines = text.splitlines(keepends=True)
    first.write_text(lines[0] + "".join(line for line in lines[1:] if ",1," in line), encoding="utf-8")
    second.write_text(lines[0] + "".join(line for line in lines[1:] if ",2," in line), encoding="utf-8")
    assert main(["tally", str(demo_file), str(first), "--new", "第三次全体会议选举和表决",
                 "--meeting", "第三次全体会议", "--time", "10:00"]) == 0
    assert "[未录入] 主席团票箱第二遍未录入" in capsys.readouterr().out
    assert main(["tally", str(demo_file), str(second)]) == 0
    out = capsys.readouterr().out
    assert "全体代表 210 人（投票当日）" in out and "当选：李静、张宇新、林修良、胡建坤、柯红梅、程明顺、潘登。" in out

    session.open_session(demo_file)
    try:
        [poll] = counting.list_polls()
        assert poll.present_used == 210 and poll.present_source == "据到会签到"
        counting.confirm(poll.poll_id, now=dt.datetime(2023, 12, 23, 11, 30))
        assert _announcements(tmp_path / "公告.pdf") == SEED_ANNOUNCEMENTS
        printing.write_pdf("tally_report", tmp_path / "报告单.pdf")
        report = compact("".join(pages_text(tmp_path / "报告单.pdf")))
        assert "田志勇：赞成120票，反对90票，弃权0票，超过半数。" in report
        assert "获得过半数赞成票的8人，多于应选名额，以得票多的7人当选（办法第十五条）。" in report

        # after the session: two delegates added, one mandate ended; the 公告 stay what they were
        team = roster.list_delegations()[0].delegation_id
        for name in ("补选甲", "补选乙"):
            roster.add_member(roster.MemberInput(name, delegation_id=team))
        roster.end_member(roster.list_members(role="代表")[5].member_id, dt.date(2024, 3, 1), "调离")
        assert _announcements(tmp_path / "公告2.pdf") == SEED_ANNOUNCEMENTS
        printing.write_pdf("tally_report", tmp_path / "报告单2.pdf")
        assert compact("".join(pages_text(tmp_path / "报告单2.pdf"))) == report
    finally:
        session.close_session()

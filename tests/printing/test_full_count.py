"""A full count of the demo session: ballots printed, counts from CSV by two clerks, the result
confirmed, and the three 公告 as seed 000 prints them."""
from __future__ import annotations

from meetingdesk import printing
from meetingdesk.services import counting, elections, tally_import, voting
from tests.services.test_tally_import import _csv

from .pdftext import compact, pages_text


def test_from_ballots_and_csv_to_the_announcements(demo_session, tmp_path):
    assert printing.write_pdf("ballots", tmp_path / "选票.pdf") == 210
    poll = counting.create_poll("第三次全体会议选举和表决", [e.election_id for e in elections.list_elections()],
                                [i.item_id for i in voting.list_vote_items()])
    counting.set_present(poll, 210)
    path = tmp_path / "计票.csv"
    # 田志勇 gets fewer votes in every box: seven are elected without a tie
    text = _csv().replace("东西湖区第十一届人民代表大会常务委员会委员,田志勇,61,9", "东西湖区第十一届人民代表大会常务委员会委员,田志勇,40,30")
    path.write_text(text, encoding="utf-8")
    tally_import.apply(tally_import.read(poll, path))
    counting.confirm(poll)
    printing.write_pdf("announcements", tmp_path / "公告.pdf")
    pages = [compact(t) for t in pages_text(tmp_path / "公告.pdf")]
    assert len(pages) == 3
    assert "(第1号)" in pages[0] and "现公布如下(7人,以姓名笔画为序):李静(女)张宇新林修良胡建坤柯红梅(女)程明顺潘登" in pages[0]
    assert "选举杨丹为东西湖区人民法院院长。" in pages[1]
    assert "代表2名。现公布如下(以姓名笔画为序):苏顺康阚艳" in pages[2]
    printing.write_pdf("tally_report", tmp_path / "报告单.pdf")
    report = compact("".join(pages_text(tmp_path / "报告单.pdf")))
    assert "田志勇：赞成120票，反对90票，弃权0票，超过半数。" in report
    assert "获得过半数赞成票的8人，多于应选名额，以得票多的7人当选（办法第十五条）。" in report

"""`meetingdesk print` of the seating papers: --meeting and --delegation reach them; refusals are
Chinese on stderr with exit status 1."""
from __future__ import annotations

import pytest

from meetingdesk.cli.main import main

from ..printing.pdftext import compact, pages_text


@pytest.mark.parametrize("kind, args, title, pages", [
    ("seating", [], "会场座次图", 1),
    ("seating", ["--meeting", "第一次全体会议"], "会场座次图", 1),
    ("podium", ["--meeting", "3"], "主席台座次表", 1),
    ("seat_list", ["--delegation", "吴家山街"], "座次表", 1),
    ("seat_list", ["--meeting", "3"], "座次表", 12),
    ("tent_cards", ["--meeting", "3"], "桌签", 22),
    ("tent_cards", ["--delegation", "吴家山街代表团", "--role", "代表"], "桌签", 18),
])
def test_print_the_seating_papers(demo_file, tmp_path, capsys, kind, args, title, pages):
    out = tmp_path / f"{kind}.pdf"
    assert main(["print", kind, str(demo_file), "-o", str(out), *args]) == 0
    assert f"已写入{title}（共 {pages} 页）" in capsys.readouterr().out
    assert len(pages_text(out)) == pages


def test_the_podium_paper_of_a_plenary_names_it(demo_file, tmp_path):
    out = tmp_path / "p.pdf"
    assert main(["print", "podium", str(demo_file), "-o", str(out), "--meeting", "第二次全体会议"]) == 0
    assert "第二次全体会议主席台座次表" in compact(pages_text(out)[0])


@pytest.mark.parametrize("args, message", [
    (["print", "podium", "{session}", "-o", "{out}"], "主席台座次表要指明会议"),
    (["print", "podium", "{session}", "-o", "{out}", "--meeting", "4"],
     "“12月21日下午 代表团会议”是代表团会议，不在会场举行"),
    (["print", "seating", "{session}", "-o", "{out}", "--meeting", "99"], "没有会议“99”"),
    (["print", "seating", "{session}", "-o", "{out}", "--delegation", "吴家山街"], "会场座次图没有“代表团”这一选项"),
    (["print", "tent_cards", "{session}", "-o", "{out}", "--meeting", "3", "--role", "代表"], "不能同时指定"),
    (["print", "seat_list", "{session}", "-o", "{out}", "--delegation", "月球"], "没有名为“月球”的代表团"),
])
def test_refusals_are_chinese_and_exit_1(demo_file, tmp_path, capsys, args, message):
    values = {"session": str(demo_file), "out": str(tmp_path / "o.pdf")}
    assert main([a.format(**values) for a in args]) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not (tmp_path / "o.pdf").exists()


def test_without_a_hall_the_chart_says_so(demo_file, tmp_path, capsys):
    from meetingdesk.services import seating, session
    from meetingdesk.services.seating import HallState

    session.open_session(demo_file)
    seating.restore_hall(HallState(None, ()))
    session.close_session()
    assert main(["print", "seating", str(demo_file), "-o", str(tmp_path / "o.pdf")]) == 1
    assert "还没有设置会场" in capsys.readouterr().err

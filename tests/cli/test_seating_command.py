"""`meetingdesk seating`: reading never writes; --hall from a TOML file with every mistake named by file
and field, nothing written; --arrange; the 主席台 of a plenary."""
from __future__ import annotations

import pytest

from meetingdesk.cli.main import main
from meetingdesk.services import session


def run(capsys, *args) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_reading_the_demo_hall_writes_nothing(demo_file, capsys):
    stamp = demo_file.stat().st_mtime_ns
    status, out, _ = run(capsys, "seating", demo_file, "--meeting", "第一次全体会议", "--list")
    assert status == 0 and demo_file.stat().st_mtime_ns == stamp
    lines = out.splitlines()
    assert lines[0].startswith("会场：区人民会堂") and "代表：210 人，234 个座位。" in lines
    assert any(line.startswith("一区1排") for line in lines)
    assert any("1. " in line and "主持人" in line for line in lines)


def test_a_hall_from_a_file(demo_file, tmp_path, capsys):
    hall = tmp_path / "hall.toml"
    hall.write_text('[hall]\nname = "小礼堂"\npodium_rows = [9]\n\n'
                    '[[block]]\nname = "甲区"\nrows = "20×11"\n\n'
                    '[[block]]\nname = "乙区"\nzone = "列席"\nrows = "20×8"\n\n'
                    '[[block]]\nname = "丙区"\nzone = "工作人员"\nrows = [10, 10, 10, 10]\n', encoding="utf-8")
    status, out, err = run(capsys, "seating", demo_file, "--hall", hall, "--arrange")
    assert status == 0, err
    assert "已设置会场“小礼堂”：3 个区，共 420 个座位。" in out and "代表：210 人，220 个座位。" in out
    assert "分坐" not in out and "没有座位" not in out


@pytest.mark.parametrize("text, words", [
    ('[hall]\nname = "x"\n[[block]]\nname = "甲区"\nrows = "20×"\n', "第 1 个 [[block]]的 rows"),
    ('[hall]\nname = "x"\ncolour = 1\n', "不认识的项：colour"),
    ('[hall]\nname = "x"\n[[block]]\nname = "甲区"\nrows = "5"\nzone = "嘉宾"\n', "就座人员“嘉宾”"),
    ('[hall\n', "格式不对"),
])
def test_a_bad_hall_file_is_named_and_nothing_written(demo_file, tmp_path, capsys, text, words):
    hall = tmp_path / "bad.toml"
    hall.write_text(text, encoding="utf-8")
    stamp = demo_file.stat().st_mtime_ns
    status, _out, err = run(capsys, "seating", demo_file, "--hall", hall)
    assert status == 1 and words in err and "bad.toml" in err and "Traceback" not in err
    session.open_session(demo_file, session.READ)
    try:
        from meetingdesk.services import seating
        assert seating.get_hall().name == "区人民会堂"
    finally:
        session.close_session()


def test_a_missing_hall_file(demo_file, tmp_path, capsys):
    status, _out, err = run(capsys, "seating", demo_file, "--hall", tmp_path / "none.toml")
    assert status == 1 and "找不到会场文件" in err


def test_a_session_without_a_hall(tmp_path, capsys):
    path = tmp_path / "new.meetingdesk"
    session.create_session(path, region="测试区", term=1, number=1, statutory_delegates=20)
    session.close_session()
    status, _out, err = run(capsys, "seating", path)
    assert status == 1 and "还没有设置会场" in err

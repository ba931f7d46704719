"""`meetingdesk boxes` and `meetingdesk items`: a new session gets what it counts with; refusals are
Chinese on stderr with exit status 1, as every other command."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.cli.main import main
from meetingdesk.services import counting, session, voting
from meetingdesk.services.counting import Figure


@pytest.fixture
def new_file(tmp_path):
    path = tmp_path / "new.meetingdesk"
    session.create_session(path, region="测试区", term=1, number=1, statutory_delegates=20)
    session.close_session()
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_boxes_of_a_new_session(new_file, capsys):
    status, out, _ = run(capsys, "boxes", new_file)
    assert status == 0 and "尚无票箱" in out
    assert run(capsys, "boxes", new_file, "add", "主席团票箱", "--place", "主席台")[0] == 0
    status, out, _ = run(capsys, "boxes", new_file, "add", "会场票箱")
    assert out.splitlines() == ["已添加票箱“会场票箱”。", "票箱（共 2 个）：",
                                "  1. 主席团票箱　位置：主席台", "  2. 会场票箱"]
    status, out, _ = run(capsys, "boxes", new_file, "move", "会场", "1")  # “票箱” may be left off
    assert status == 0 and out.splitlines()[2:] == ["  1. 会场票箱", "  2. 主席团票箱　位置：主席台"]
    status, out, _ = run(capsys, "boxes", new_file, "rename", "会场票箱", "会场1号票箱", "--place", "会场")
    assert "  1. 会场1号票箱　位置：会场" in out.splitlines()
    status, out, _ = run(capsys, "boxes", new_file, "remove", "主席团票箱")
    assert status == 0 and out.splitlines()[-1] == "  1. 会场1号票箱　位置：会场"


@pytest.mark.parametrize("args, message", [
    (("add", "会场票箱"), "已有名为“会场票箱”的票箱，票箱名称不能重复。"),
    (("add", " "), "请填写票箱名称"),
    (("remove", "三号"), "没有名为“三号”的票箱。本次会议的票箱：会场票箱。"),
    (("move", "会场票箱", "第一"), "新的序号应是从 1 起的整数，如 2，现为“第一”。"),
    (("move", "会场票箱", "0"), "新的序号应是从 1 起的整数，现为 0。"),
])
def test_box_errors_are_chinese(new_file, capsys, args, message):
    run(capsys, "boxes", new_file, "add", "会场票箱")
    status, out, err = run(capsys, "boxes", new_file, *args)
    assert status == 1 and out == ""
    assert err.startswith("meetingdesk boxes：") and message in err


def test_items_of_a_new_session(new_file, capsys):
    assert "尚无表决事项" in run(capsys, "items", new_file, "list")[1]
    run(capsys, "items", new_file, "add", "关于政府工作报告的决议（草案）")
    status, out, _ = run(capsys, "items", new_file, "add", "代表名单", "--kind", "名单")
    assert status == 0 and out.splitlines()[1:] == ["表决事项（共 2 项）：", "  1. [决议] 关于政府工作报告的决议（草案）",
                                                    "  2. [名单] 代表名单"]
    status, out, _ = run(capsys, "items", new_file, "move", "2", "1")
    assert out.splitlines()[0] == "已把“代表名单”移到第 1 项。"
    status, out, _ = run(capsys, "items", new_file, "rename", "1", "市人大代表名单")
    assert "  1. [名单] 市人大代表名单" in out.splitlines()  # the kind kept
    status, out, _ = run(capsys, "items", new_file, "rename", "1", "市人大代表名单", "--kind", "其他")
    assert "  1. [其他] 市人大代表名单" in out.splitlines()
    status, out, _ = run(capsys, "items", new_file, "remove", "1")
    assert status == 0 and out.splitlines()[-1] == "  1. [决议] 关于政府工作报告的决议（草案）"
    status, _, err = run(capsys, "items", new_file, "remove", "3")
    assert status == 1 and "没有第 3 项表决事项：本次会议共有 1 项" in err
    status, _, err = run(capsys, "items", new_file, "add", "某事", "--kind", "公告")
    assert status == 1 and "表决事项的类别只能是决议、名单、其他之一，现为“公告”。" in err


def test_what_a_count_uses_is_listed_and_kept(demo_file, capsys):
    session.open_session(demo_file)
    items = voting.list_vote_items()
    poll = counting.create_poll("第三次全体会议表决", [], [items[0].item_id], now=dt.datetime(2023, 12, 23, 10))
    row = counting.get_poll(poll)
    box = voting.list_boxes()[1]
    counting.enter(poll, box.box_id, 2, {"表决票": (70, 70)},
                   [Figure(poll_item_id=row.items[0].poll_item_id, yes=70)])
    session.close_session()
    status, out, _ = run(capsys, "boxes", demo_file)
    assert "  2. 会场1号票箱　位置：会场　已录入票数：第三次全体会议表决" in out.splitlines()
    status, _, err = run(capsys, "boxes", demo_file, "remove", "会场1号票箱")
    assert status == 1 and "票箱“会场1号票箱”已录入了“第三次全体会议表决”的票数，不能删除" in err
    status, out, _ = run(capsys, "items", demo_file)
    assert out.splitlines()[1].endswith("已列入：第三次全体会议表决")
    status, _, err = run(capsys, "items", demo_file, "remove", "1")
    assert status == 1 and "已列入“第三次全体会议表决”的表决票，不能删除" in err
    assert run(capsys, "boxes", demo_file, "remove", "会场2号票箱")[0] == 0
    assert len(run(capsys, "items", demo_file, "remove", "7")[1].splitlines()) == 8


def test_a_missing_session_file(tmp_path, capsys):
    status, _, err = run(capsys, "boxes", tmp_path / "无.meetingdesk")
    assert status == 1 and "找不到会议文件" in err

"""`meetingdesk suggestions`: --list and --export read only; --import shows what would change, refuses a
file with errors whole (exit 1, every error on stderr with its row and column, nothing written);
--dry-run writes nothing."""
from __future__ import annotations

import sqlite3

import openpyxl

from meetingdesk.cli.main import main
from meetingdesk.services import session, suggestions


def run(capsys, *args) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def digest(path) -> list:
    con = sqlite3.connect(path)
    try:
        return [con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
                for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    finally:
        con.close()


def fill(path, replies: dict[tuple[str, str], list[str]]) -> None:
    """Fill the export's reply columns of the rows (编号, 承办单位) named."""
    book = openpyxl.load_workbook(path)
    for row in book.active.iter_rows(min_row=2):
        key = (row[0].value, row[7].value)
        if key in replies:
            for cell, value in zip(row[10:], replies.pop(key)):
                cell.value = value
    assert not replies, replies
    book.save(path)


def test_list_and_export_read_only(demo_file, tmp_path, capsys):
    before = digest(demo_file)
    status, out, _ = run(capsys, "suggestions", demo_file)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("建议第1号\t已评价\t加强和完善吴家山街") and "主办区交通运输局" in lines[0]
    assert any(line.startswith("闭会第5号\t逾期") for line in lines)
    assert lines[-1].startswith("会议期间 13 件，闭会期间 5 件；已交办 18 件")
    assert run(capsys, "suggestions", demo_file, "--list")[1] == out
    out_file = tmp_path / "交办清单.xlsx"
    status, out, _ = run(capsys, "suggestions", demo_file, "--export", out_file)
    assert status == 0 and out.startswith("已导出交办清单 41 条") and out_file.exists()
    assert digest(demo_file) == before
    # the export read back: nothing to do
    status, out, err = run(capsys, "suggestions", demo_file, "--import", out_file)
    assert status == 0 and "没有需要导入的变化" in out and err == ""
    assert digest(demo_file) == before


def test_import_dry_run_then_for_real(demo_file, tmp_path, capsys):
    out_file = tmp_path / "交办清单.xlsx"
    run(capsys, "suggestions", demo_file, "--export", out_file)
    fill(out_file, {("闭会第5号", "区民政局"): ["2024-12-28", "列入计划逐步解决", "已纳入明年助餐点建设计划。", "满意",
                                             "2025-01-06"]})
    before = digest(demo_file)
    status, out, _ = run(capsys, "suggestions", demo_file, "--import", out_file, "--dry-run")
    assert status == 0 and "（试运行，未写入）" in out
    assert "闭会第5号 区民政局：新增答复：第1轮答复：2024-12-28，列入计划逐步解决；第1轮代表评价：满意（2025-01-06）" in out
    assert digest(demo_file) == before
    status, out, _ = run(capsys, "suggestions", demo_file, "--import", out_file)
    assert status == 0 and out.splitlines()[-1] == "已导入：新增答复 1 件，新增评价 0 件。"
    session.open_session(demo_file, session.READ)
    try:
        row = next(r for r in suggestions.list_suggestions() if r.number_words == "闭会第5号")
        assert (row.state, row.rating, row.lead_assignment.latest.text) == ("已评价", "满意", "已纳入明年助餐点建设计划。")
    finally:
        session.close_session()
    # the same file again changes nothing
    status, out, _ = run(capsys, "suggestions", demo_file, "--import", out_file)
    assert status == 0 and "没有需要导入的变化" in out


def test_a_file_with_errors_is_refused_whole(demo_file, tmp_path, capsys):
    out_file = tmp_path / "答复.xlsx"
    run(capsys, "suggestions", demo_file, "--export", out_file)
    fill(out_file, {("闭会第5号", "区民政局"): ["2024-12-28", "列入计划逐步解决", None, None, None],  # good
                    ("建议第2号", "区住房和城乡建设局"): ["2024-07-26", "列入计划逐步解决", None, None, None],
                    ("闭会第4号", "东山街道办事处"): ["2024-10-25", "办结", None, None, None]})
    before = digest(demo_file)
    for extra in ((), ("--dry-run",)):
        status, out, err = run(capsys, "suggestions", demo_file, "--import", out_file, *extra)
        assert status == 1
        errors = [line for line in err.splitlines() if line.startswith("[错误]")]
        assert len(errors) == 2
        assert errors[0].startswith("[错误] 答复.xlsx 第 5 行，答复日期：建议第2号的区住房和城乡建设局第1轮已有答复（2024-07-25，")
        assert errors[1].startswith("[错误] 答复.xlsx 第 40 行，办理结果：办理结果只能是")
        assert "新增答复 1" in out and "错误 2" in out
        assert digest(demo_file) == before
    assert "答复.xlsx 有 2 行错误，未导入任何内容" in run(capsys, "suggestions", demo_file, "--import", out_file)[2]


def test_refusals_are_chinese_messages(demo_file, tmp_path, capsys):
    status, _, err = run(capsys, "suggestions", demo_file, "--dry-run")
    assert status == 1 and "--dry-run 只能与 --import 同用" in err
    status, _, err = run(capsys, "suggestions", demo_file, "--import", tmp_path / "没有这个文件.xlsx")
    assert status == 1 and "找不到文件" in err
    status, _, err = run(capsys, "suggestions", demo_file, "--export", tmp_path / "清单.pdf")
    assert status == 1 and "应以 .xlsx 结尾" in err and "Traceback" not in err

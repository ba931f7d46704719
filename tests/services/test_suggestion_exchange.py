"""services.suggestion_exchange: the 交办清单 as .xlsx for the government's 督查室 and its replies
imported back — the preview, the row-level errors (the whole file refused while one row is bad),
one transaction through services.suggestions."""
from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from meetingdesk.services import ServiceError, session, suggestion_exchange as exchange, suggestions
from meetingdesk.services.suggestions import ReplyInput

from .test_suggestions import LATER, _between, _delegates, _dump, _register, _units

D = dt.date
TODAY = D(2024, 12, 1)  # the day of the import: a rating without 评价日期 is dated by it


def _setup() -> None:
    """建议第1–3号 and 闭会第1–2号, each to a 主办 (区第1、2、3局 in turn), the first two with 区第3局 and
    the three 会议期间 ones with 区第4局 as 协办; 建议第1号's 主办 has answered and been rated 满意,
    闭会第1号's 主办 answered and was rated 不满意 (round 2 open)."""
    leads = _delegates(12)
    housing, roads, water, parks = _units(4)
    _register(leads, 3)
    suggestions.take_over()
    _between(leads, 2)
    rows = suggestions.list_suggestions()
    for i, row in enumerate(rows):
        assisting = ([water] if i < 2 else []) + ([parks] if i < 3 else [])
        suggestions.assign([row.suggestion_id], [housing, roads, water][i % 3], assisting, on=D(2024, 3, 5))
    rows = {r.number_words: r for r in suggestions.list_suggestions()}
    first = suggestions.record_reply(rows["建议第1号"].lead_assignment.assignment_id,
                                     ReplyInput(D(2024, 6, 1), "已解决或基本解决", "已完成改造。"), now=LATER)
    suggestions.rate(first, "满意", D(2024, 6, 10))
    redo = suggestions.record_reply(rows["闭会第1号"].lead_assignment.assignment_id,
                                    ReplyInput(D(2024, 6, 5), "因条件限制留作参考", "暂无资金。"), now=LATER)
    suggestions.rate(redo, "不满意", D(2024, 6, 12))


def _write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _history(number: str, unit: str) -> list[tuple]:
    row = next(r for r in suggestions.list_suggestions() if r.number_words == number)
    a = next(a for a in row.assignments if a.unit == unit)
    return [(r.round, r.replied_on, r.result, r.text, r.rating, r.rated_on) for r in a.replies]


def _errors(plan) -> list[tuple[int, str]]:
    return [(e.line, e.column) for e in plan.errors]


# ---------------------------------------------------------------- the export


def test_the_export_lists_every_assignment_with_the_columns_the_government_fills(empty_session, tmp_path):
    _setup()
    out = tmp_path / "交办清单.xlsx"
    assert exchange.export_assignments(out) == 10
    sheet = openpyxl.load_workbook(out).active
    rows = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["编号", "期间", "标题", "领衔代表", "代表团", "领域", "重点", "承办单位", "主办/协办", "答复期限",
                       "答复日期", "办理结果", "答复内容", "代表评价", "评价日期"]
    assert [(r[0], r[7], r[8]) for r in rows[1:]] == [
        ("建议第1号", "区第1局", "主办"), ("建议第1号", "区第3局", "协办"), ("建议第1号", "区第4局", "协办"),
        ("建议第2号", "区第2局", "主办"), ("建议第2号", "区第3局", "协办"), ("建议第2号", "区第4局", "协办"),
        ("建议第3号", "区第3局", "主办"), ("建议第3号", "区第4局", "协办"), ("闭会第1号", "区第1局", "主办"),
        ("闭会第2号", "区第2局", "主办")]
    first = rows[1]
    assert first[:3] == ["建议第1号", "会议期间", "关于第1件事的建议"]
    assert first[7:] == ["区第1局", "主办", "2024-06-03", "2024-06-01", "已解决或基本解决", "已完成改造。", "满意",
                         "2024-06-10"]
    assert rows[2][7:] == ["区第3局", "协办", "2024-05-04", "", "", "", "", ""]  # not answered yet
    # 闭会第1号's lead was rated 不满意: its round 2 is open, due 30 days after the rating, empty to fill
    assert rows[9][7:] == ["区第1局", "主办", "2024-07-12", "", "", "", "", ""]


def test_nothing_assigned_nothing_exported_and_never_over_a_session(empty_session, tmp_path):
    with pytest.raises(ServiceError, match="还没有交办"):
        exchange.export_assignments(tmp_path / "x.xlsx")
    _setup()
    with pytest.raises(ServiceError, match="应以 .xlsx 结尾"):
        exchange.export_assignments(tmp_path / "x.meetingdesk")
    other = tmp_path / "other.xlsx"
    shutil.copy(tmp_path / "empty.meetingdesk", other)  # a session file named .xlsx by mistake
    with pytest.raises(ServiceError, match="是一个会议文件（数据库），不会被覆盖"):
        exchange.export_assignments(other)


# ---------------------------------------------------------------- the replies back


def test_the_export_imported_back_unchanged_writes_nothing(empty_session, tmp_path):
    _setup()
    out = tmp_path / "交办清单.xlsx"
    exchange.export_assignments(out)
    before = _dump()
    plan = exchange.plan_reply_import(out, today=TODAY)
    assert not plan.has_errors and not plan.has_changes
    assert plan.counts == {"新增答复": 0, "新增评价": 0, "不变": 1, "未答复": 9, "错误": 0}
    assert plan.ignored_columns == []  # the export's own columns are not "unused"
    assert exchange.apply_reply_import(plan) == 0
    assert _dump() == before


def test_a_good_file_applied_and_the_same_file_again_changes_nothing(empty_session, tmp_path):
    _setup()
    out = tmp_path / "交办清单.xlsx"
    exchange.export_assignments(out)
    book = openpyxl.load_workbook(out)
    sheet = book.active
    filled = {  # (编号, 承办单位) -> 答复日期, 办理结果, 答复内容, 代表评价, 评价日期
        ("建议第1号", "区第3局"): [dt.datetime(2024, 5, 20), "已解决或基本解决", "已配合完成。", "", ""],  # a date cell
        ("建议第2号", "区第2局"): ["2024年7月1日", "B类", "已列入明年计划。", "基本满意", "2024-07-15"],
        ("闭会第1号", "区第1局"): ["2024/7/10", "已解决或基本解决", "已落实资金并完成。", "满意", ""],  # round 2
        ("建议第1号", "区第1局"): ["2024-06-01", "已解决或基本解决", "", "满意", ""],  # on record: 不变
    }
    for row in sheet.iter_rows(min_row=2):
        key = (row[0].value, row[7].value)
        if key in filled:
            for cell, value in zip(row[10:], filled[key]):
                cell.value = value or None
    book.save(out)

    plan = exchange.plan_reply_import(out, today=TODAY)
    assert not plan.has_errors, plan.errors
    assert plan.counts == {"新增答复": 3, "新增评价": 0, "不变": 1, "未答复": 6, "错误": 0}
    changed = {(r.number, r.unit): r.change_text for r in plan.changing}
    assert changed[("建议第2号", "区第2局")] == ("新增答复：第1轮答复：2024-07-01，列入计划逐步解决（晚于答复期限 2024-06-03）；"
                                           "第1轮代表评价：基本满意（2024-07-15）")
    assert changed[("闭会第1号", "区第1局")] == "新增答复：第2轮答复：2024-07-10，已解决或基本解决；第2轮代表评价：满意（2024-12-01）"
    assert exchange.apply_reply_import(plan) == 3
    assert _history("建议第1号", "区第3局") == [(1, D(2024, 5, 20), "已解决或基本解决", "已配合完成。", "", None)]
    assert _history("建议第2号", "区第2局") == [(1, D(2024, 7, 1), "列入计划逐步解决", "已列入明年计划。", "基本满意",
                                             D(2024, 7, 15))]
    assert _history("闭会第1号", "区第1局") == [
        (1, D(2024, 6, 5), "因条件限制留作参考", "暂无资金。", "不满意", D(2024, 6, 12)),
        (2, D(2024, 7, 10), "已解决或基本解决", "已落实资金并完成。", "满意", TODAY)]

    before = _dump()
    again = exchange.plan_reply_import(out, today=TODAY)
    assert not again.has_errors and not again.has_changes
    assert again.counts["不变"] == 4
    assert exchange.apply_reply_import(again) == 0
    assert _dump() == before
    # a fresh export of the new state reads back unchanged too
    exchange.export_assignments(tmp_path / "again.xlsx")
    assert not exchange.plan_reply_import(tmp_path / "again.xlsx", today=TODAY).has_changes


def test_a_rating_of_a_reply_on_record(empty_session, tmp_path):
    _setup()
    header = ["编号", "承办单位", "答复日期", "办理结果", "代表评价", "评价日期"]
    suggestions.record_reply(next(r for r in suggestions.list_suggestions() if r.number_words == "建议第2号")
                             .lead_assignment.assignment_id, ReplyInput(D(2024, 7, 1), "列入计划逐步解决"), now=LATER)
    plan = exchange.plan_reply_import(_write_xlsx(tmp_path / "r.xlsx", header, [
        ["建议第2号", "区第2局", "2024-07-01", "列入计划逐步解决", "满意", "2024-07-20"]]), today=TODAY)
    assert [r.change_text for r in plan.rows] == ["新增评价：第1轮代表评价：满意（2024-07-20）"]
    assert exchange.apply_reply_import(plan) == 1
    assert _history("建议第2号", "区第2局")[0][4:] == ("满意", D(2024, 7, 20))
    # a rating on record is not changed; only the latest round is rated
    plan = exchange.plan_reply_import(_write_xlsx(tmp_path / "s.xlsx", header, [
        ["建议第2号", "区第2局", "2024-07-01", "列入计划逐步解决", "基本满意", ""],
        ["闭会第1号", "区第1局", "2024-06-05", "因条件限制留作参考", "不满意", "2024-06-12"],  # on record: 不变
        ["建议第1号", "区第1局", "2024-06-01", "", "", "2024-06-20"]]), today=TODAY)
    assert [(e.line, e.column) for e in plan.errors] == [(2, "代表评价"), (4, "评价日期")]
    assert "已评价为满意；评价不再改写" in plan.errors[0].reason
    assert plan.errors[1].reason == "填写了评价日期，却没有代表评价。"
    assert plan.rows[1].kind == "不变"


def test_a_rating_of_unsatisfied_reopens_the_unit_for_round_two(empty_session, tmp_path):
    _setup()
    header = ["承办单位", "编号", "办理结果", "答复日期", "答复内容", "代表评价"]  # any order
    first = _write_xlsx(tmp_path / "first.xlsx", header, [
        ["区第2局", "建议第2号", "因条件限制留作参考", "2024-06-20", "暂不具备条件。", "不满意"]])
    plan = exchange.plan_reply_import(first, today=D(2024, 7, 1))
    assert plan.rows[0].change_text == ("新增答复：第1轮答复：2024-06-20，因条件限制留作参考（晚于答复期限 2024-06-03）；第1轮代表评价：不满意"
                                        "（2024-07-01），区第2局重新办理，第2轮答复期限 2024-07-31")
    exchange.apply_reply_import(plan)
    row = next(r for r in suggestions.list_suggestions(today=D(2024, 7, 2)) if r.number_words == "建议第2号")
    lead = row.lead_assignment
    assert (lead.round, lead.answered, lead.due, row.rating) == (2, False, D(2024, 7, 31), "不满意")
    assert lead.overdue_on(D(2024, 8, 1)) and not lead.overdue_on(D(2024, 7, 31))
    # round 1 said otherwise on its own day is not taken for round 2
    other = _write_xlsx(tmp_path / "other.xlsx", header, [
        ["区第2局", "建议第2号", "已解决或基本解决", "2024-06-20", "", ""]])
    [error] = exchange.plan_reply_import(other, today=D(2024, 8, 1)).errors
    assert (error.column, error.reason) == ("办理结果", "建议第2号的区第2局第1轮的答复（2024-06-20，因条件限制留作参考）"
                                                      "也是这一天，与文件中的不同；答复不再改写。如是新一轮的答复，请核对答复日期。")
    # the redo comes in the next file: round 2, round 1 as it was
    second = _write_xlsx(tmp_path / "second.xlsx", header, [
        ["区第2局", "建议第2号", "已解决或基本解决", "2024-07-25", "已协调解决。", "满意"]])
    exchange.apply_reply_import(exchange.plan_reply_import(second, today=D(2024, 8, 1)))
    assert _history("建议第2号", "区第2局") == [
        (1, D(2024, 6, 20), "因条件限制留作参考", "暂不具备条件。", "不满意", D(2024, 7, 1)),
        (2, D(2024, 7, 25), "已解决或基本解决", "已协调解决。", "满意", D(2024, 8, 1))]
    # the first file again: its round 1 is on record, 不变
    again = exchange.plan_reply_import(first, today=D(2024, 8, 1))
    assert [r.kind for r in again.rows] == ["不变"]


def test_a_file_with_errors_is_refused_whole_naming_each_row_and_column(empty_session, tmp_path):
    _setup()
    header = ["编号", "承办单位", "答复日期", "办理结果", "答复内容", "代表评价"]
    rows = [
        ["建议第2号", "区第2局", "2024-07-01", "已解决或基本解决", "", ""],  # 2: good
        ["建议第99号", "区第1局", "2024-07-01", "已解决或基本解决", "", ""],  # 3: unknown number
        ["建议第3号", "区第1局", "2024-07-01", "已解决或基本解决", "", ""],  # 4: not one of its units
        ["建议第3号", "区住建局", "2024-07-01", "已解决或基本解决", "", ""],  # 5: not on the list
        ["闭会第2号", "区第2局", "2024-13-01", "已解决或基本解决", "", ""],  # 6: a bad date
        ["建议第2号", "区第3局", "2024-07-01", "办结", "", ""],  # 7: a result not of the three
        ["建议第3号", "区第3局", "2024-07-01", "已解决或基本解决", "", "很满意"],  # 8: a rating not of the three
        ["建议第1号", "区第1局", "2024-06-02", "已解决或基本解决", "", ""],  # 9: round 1 answered otherwise
        ["建议第3号", "区第4局", "", "", "", "满意"],  # 10: a rating of no reply
        ["建议第2号", "区第2局", "2024-07-01", "已解决或基本解决", "", ""],  # 11: row 2 again
        ["建议第2号", "区第4局", "2025-01-01", "已解决或基本解决", "", ""],  # 12: after the import's day
        ["", "区第1局", "2024-07-01", "已解决或基本解决", "", ""],  # 13: no number
        ["建议第1号", "区第3局", "2024-01-02", "已解决或基本解决", "", ""],  # 14: before it was received
        ["闭会第1号", "区第1局", "2024-06-01", "已解决或基本解决", "", ""],  # 15: round 2 before round 1's reply
    ]
    path = _write_xlsx(tmp_path / "答复.xlsx", header, rows)
    before = _dump()
    plan = exchange.plan_reply_import(path, today=TODAY)
    assert plan.has_errors and plan.count("错误") == 13
    assert _errors(plan) == [(3, "编号"), (4, "承办单位"), (5, "承办单位"), (6, "答复日期"), (7, "办理结果"),
                             (8, "代表评价"), (9, "答复日期"), (10, "答复日期"), (11, "承办单位"), (12, "答复日期"),
                             (13, "编号"), (14, "答复日期"), (15, "答复日期")]
    reasons = {e.line: str(e) for e in plan.errors}
    assert reasons[3] == "答复.xlsx 第 3 行，编号：没有建议第99号。请核对编号。"
    assert reasons[4] == "答复.xlsx 第 4 行，承办单位：建议第3号没有交办给区第1局；其承办单位是区第3局（主办）、区第4局（协办）。"
    assert reasons[5] == "答复.xlsx 第 5 行，承办单位：“区住建局”不在本次会议的承办单位名单中。"
    assert "不是有效的日期" in reasons[6]
    assert "办理结果只能是已解决或基本解决、列入计划逐步解决、因条件限制留作参考之一" in reasons[7]
    assert "代表评价只能是满意、基本满意、不满意之一，不能是“很满意”" in reasons[8]
    assert reasons[9] == ("答复.xlsx 第 9 行，答复日期：建议第1号的区第1局第1轮已有答复（2024-06-01，已解决或基本解决），"
                          "与文件中的不同；答复不再改写，代表评价为不满意后才有下一轮答复。")
    assert reasons[10] == "答复.xlsx 第 10 行，答复日期：代表评价须对应一次答复，却没有答复日期。请填写该次答复的日期。"
    assert reasons[11] == "答复.xlsx 第 11 行，承办单位：与第 2 行重复（建议第2号、区第2局）：每件建议的每个承办单位只填一行。"
    assert "晚于今天" in reasons[12] and "缺少编号" in reasons[13]
    assert "早于收到建议的日期 2024-01-08" in reasons[14]
    assert "早于第1轮的答复日期 2024-06-05" in reasons[15]
    assert plan.rows[0].kind == "新增答复"  # the good row is planned, but the file goes whole or not at all
    with pytest.raises(ServiceError, match="答复.xlsx 有 13 行错误，未导入任何内容"):
        exchange.apply_reply_import(plan)
    assert _dump() == before


def test_a_failure_while_writing_leaves_nothing(empty_session, tmp_path, monkeypatch):
    _setup()
    header = ["编号", "承办单位", "答复日期", "办理结果"]
    path = _write_xlsx(tmp_path / "r.xlsx", header, [["建议第2号", "区第2局", "2024-07-01", "已解决或基本解决"],
                                                     ["建议第3号", "区第3局", "2024-07-02", "已解决或基本解决"]])
    plan = exchange.plan_reply_import(path, today=TODAY)
    before = _dump()
    real = suggestions.record_reply
    calls = []

    def failing(assignment_id, data, **kw):
        calls.append(assignment_id)
        if len(calls) == 2:
            raise ServiceError("磁盘已满。")
        return real(assignment_id, data, **kw)

    monkeypatch.setattr(suggestions, "record_reply", failing)
    with pytest.raises(ServiceError, match="r.xlsx 第 3 行（建议第3号、区第3局）：磁盘已满。未导入任何内容"):
        exchange.apply_reply_import(plan)
    assert len(calls) == 2 and _dump() == before


def test_a_plan_made_before_the_session_changed_is_refused(empty_session, tmp_path):
    _setup()
    path = _write_xlsx(tmp_path / "r.xlsx", ["编号", "承办单位", "答复日期", "办理结果"],
                       [["建议第2号", "区第2局", "2024-07-01", "已解决或基本解决"]])
    plan = exchange.plan_reply_import(path, today=TODAY)
    suggestions.add_unit("区第9局")
    with pytest.raises(ServiceError, match="预览之后会议文件已有改动"):
        exchange.apply_reply_import(plan)


def test_a_gbk_csv_with_other_headers(empty_session, tmp_path):
    _setup()
    path = tmp_path / "答复.csv"
    with open(path, "w", encoding="gbk", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["建议编号", "承办单位", "答复时间", "办理结果分类", "代表测评", "备注"])
        writer.writerow(["建议第2号", " 区第2局 ", "2024.7.1", "A类", "满意", "电话答复"])
        writer.writerow(["3", "区第3局", "", "", "", ""])  # no reply yet
    plan = exchange.plan_reply_import(path, today=TODAY)
    assert plan.ignored_columns == ["备注"]
    assert [(r.line, r.kind) for r in plan.rows] == [(2, "新增答复"), (3, "错误")]
    assert "没有说明是会议期间还是闭会期间" in plan.errors[0].reason
    plan.rows.pop()  # (in the program a file is planned again; here the good row alone)
    assert exchange.apply_reply_import(plan) == 1
    assert _history("建议第2号", "区第2局") == [(1, D(2024, 7, 1), "已解决或基本解决", "", "满意", TODAY)]


def test_a_file_without_the_columns_is_refused_with_what_it_needs(empty_session, tmp_path):
    _setup()
    path = _write_xlsx(tmp_path / "r.xlsx", ["编号", "承办单位", "答复日期"], [["建议第2号", "区第2局", "2024-07-01"]])
    with pytest.raises(ServiceError, match="缺少“办理结果”列"):
        exchange.plan_reply_import(path)
    path = _write_xlsx(tmp_path / "s.xlsx", ["姓名", "代表团"], [["王伟", "第一代表团"]])
    with pytest.raises(ServiceError, match="找不到表头"):
        exchange.plan_reply_import(path)

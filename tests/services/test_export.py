"""Exporting the roster to .xlsx: the columns, the printing order, and the round trip."""
from __future__ import annotations

import zipfile
from dataclasses import replace

import openpyxl
import pytest

from meetingdesk.services import ServiceError, exporter, importer, roster, session
from meetingdesk.services.importer import NEW, UNCHANGED
from meetingdesk.store import Leader

from .test_import import snapshot

SERVING = 406  # 代表 210, 列席 160, 工作人员 36


def read(path):
    return [tuple(v or "" for v in row) for row in openpyxl.load_workbook(path).active.values]


def members_in_all() -> int:
    """Serving people and ended mandates: every row the export writes."""
    return len(roster.list_members(include_ended=True))


def test_export_writes_the_import_columns_in_printing_order(demo_session, tmp_path):
    path = tmp_path / "名单.xlsx"
    total = members_in_all()
    assert total > SERVING
    assert exporter.export_roster(path) == total
    rows = read(path)
    assert rows[0] == ("姓名", "性别", "代表团", "身份", "职务", "备注", "团内职务", "状态", "资格开始方式",
                       "资格开始日期", "选区", "资格确认会议", "终止日期", "终止原因", "终止决定")
    body = rows[1:]
    assert len(body) == total
    serving, ended = body[:SERVING], body[SERVING:]
    assert {r[7] for r in serving} == {"在任"} and {r[7] for r in ended} == {"终止"}
    teams = [name for _, name in roster.delegation_choices()]
    keys = [(teams.index(r[2]), roster.ROLE_ORDER[r[3]]) for r in serving]
    assert keys == sorted(keys)
    keys = [(teams.index(r[2]) if r[2] else len(teams), roster.ROLE_ORDER[r[3]]) for r in ended]
    assert keys == sorted(keys)  # the ended in the same order, those without a delegation last
    first_team = [r[0] for r in body if r[2] == teams[0] and r[3] == "代表"]
    assert first_team == [m.name for m in roster.list_members(roster.delegation_choices()[0][0], role="代表")]
    assert first_team[:5] == ["丁哲", "邢奇", "刘君", "江桥", "安国平"]
    assert ("李平", "男", "吴家山街代表团", "代表", "", "", "团长") in body or \
        any(r[0] == "李平" and r[6] == "团长" for r in body)
    wang = [r for r in body if r[0] == "王超"]
    assert {r[5] for r in wang} == {"区消防救援大队大队长", "区融媒体中心主任"}
    feng, = [r for r in body if r[0] == "冯宇"]  # an ended mandate, with its record
    assert feng[2:4] + feng[7:14] == ("径河街代表团", "代表", "终止", "换届", "", "", "", "2023-12-14",
                                      "因工作调整辞去代表职务")
    assert all(r[8] == ("换届" if r[3] == "代表" else "") for r in body if r[8] != "补选")
    assert all(r[9] for r in body if r[8] == "补选")  # a 补选 delegate's start is written


def test_round_trip_into_the_same_session_changes_nothing(demo_session, tmp_path):
    path = tmp_path / "roundtrip.xlsx"
    exporter.export_roster(path)
    plan = importer.plan_import(path)
    assert plan.counts[UNCHANGED] == members_in_all() and not plan.has_changes and not plan.has_errors
    before = snapshot()
    importer.apply_import(plan)
    assert snapshot() == before


def test_importing_the_export_into_an_empty_session_recreates_the_roster(demo_session, tmp_path):
    path = tmp_path / "roster.xlsx"
    exporter.export_roster(path)
    teams = [(d.name, d.room) for d in roster.list_delegations()]
    original = exporter.roster_rows()
    leaders = [(d.name, d.head.name, [m.name for m in d.deputies]) for d in roster.list_delegations()]
    session.close_session()

    session.create_session(tmp_path / "new.meetingdesk", region="东西湖区", term=11, number=3, statutory_delegates=214)
    for name, room in teams:
        roster.add_delegation(name, room)
    plan = importer.plan_import(path)
    assert plan.counts[NEW] == len(original) and not plan.has_errors
    importer.apply_import(plan)
    assert exporter.roster_rows() == original  # the ended mandates and every start too
    assert [(d.name, d.head.name, [m.name for m in d.deputies]) for d in roster.list_delegations()] == leaders
    assert Leader.select().count() == sum(1 + len(d) for _, _, d in leaders)
    exporter.export_roster(tmp_path / "again.xlsx")
    assert read(tmp_path / "again.xlsx") == read(path)


def test_export_refuses_another_extension_and_reports_unwritable_paths(demo_session, tmp_path):
    with pytest.raises(ServiceError, match=".xlsx"):
        exporter.export_roster(tmp_path / "roster.csv")
    with pytest.raises(ServiceError, match="无法写入"):
        exporter.export_roster(tmp_path / "no" / "such" / "folder.xlsx")


def test_cli_export_then_import_reports_nothing_to_change(demo_file, tmp_path, capsys):
    from meetingdesk.cli import main

    out = tmp_path / "cli.xlsx"
    assert main(["export", str(demo_file), "-o", str(out)]) == 0
    total = len(read(out)) - 1
    assert total > SERVING and f"已导出 {total} 人 → {out}" in capsys.readouterr().out
    assert main(["import", str(demo_file), str(out)]) == 0
    text = capsys.readouterr().out
    assert f"新增 0，更新 0，不变 {total}，错误 0" in text and "没有需要导入的变化" in text


# ---------------------------------------------------------------- text stays text

RISKY = {
    "丁哲": ('=HYPERLINK("http://example.invalid/x","点此查看")', "=1+1"),
    "邢奇": ("+86 138", "-某单位"),
    "刘君": ("@SUM(A1)", "#N/A"),
}


def _set_risky_texts():
    from meetingdesk.store import Person

    for name, (title, note) in RISKY.items():
        assert Person.update(work_title=title, note=note).where(Person.name == name).execute() == 1


def test_text_that_looks_like_a_formula_is_exported_as_text_and_read_back_the_same(demo_session, tmp_path):
    _set_risky_texts()
    path = tmp_path / "risky.xlsx"
    exporter.export_roster(path)
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml and 't="e"' not in xml  # no formula, no error value
    sheet = openpyxl.load_workbook(path).active  # not data_only: a formula would show as one
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for name, (title, note) in RISKY.items():
        for cell, text in ((cells[name][4], title), (cells[name][5], note)):
            assert (cell.value, cell.data_type) == (text, "s"), (name, cell.value, cell.data_type)
            assert cell.quotePrefix == (text[0] in "=+-@")  # Excel keeps it text when it is edited
    assert not cells["李平"][5].quotePrefix
    # the round trip: importing the file changes nothing and reads the same texts
    plan = importer.plan_import(path)
    assert plan.counts[UNCHANGED] == members_in_all() and not plan.has_changes and not plan.has_errors
    rows = {r.name: r for r in plan.rows}
    for name, (title, note) in RISKY.items():
        assert (rows[name].work_title, rows[name].note) == (title, note)


def test_a_character_excel_cannot_hold_is_refused_naming_the_person(demo_session, tmp_path):
    from meetingdesk.store import Person

    Person.update(note="区\x01人大").where(Person.name == "丁哲").execute()
    path = tmp_path / "ctl.xlsx"
    with pytest.raises(ServiceError, match="“丁哲”的备注中有 Excel 无法保存的控制字符（U\\+0001）"):
        exporter.export_roster(path)
    assert not path.exists()


# ---------------------------------------------------------------- the mandate comes back whole


def _give_mandates():
    """Every mandate column filled somewhere: a constituency, a 补选 start, an ending now with its
    decision, a 补选 delegate who ended since."""
    import datetime as dt

    def of(name):
        return next(m for m in roster.list_members() if m.name == name and m.role == "代表")

    ding = of("丁哲")
    roster.update_member(ding.member_id, replace(roster.MemberInput.of(ding), constituency="第 3 选区"))
    xing = of("邢奇")
    roster.update_member(xing.member_id, replace(roster.MemberInput.of(xing), start_reason="补选",
                                                 started_on=dt.date(2023, 11, 29), constituency="第 7 选区",
                                                 confirmed_by="区十一届人大常委会第十三次会议"))
    assert roster.end_member(of("周本奇").member_id, dt.date(2024, 1, 5), "因工作调整辞去代表职务",
                             "区十一届人大常委会第十五次会议决定") == ["区人大常委会副主任"]
    liu = of("刘君")
    roster.update_member(liu.member_id, replace(roster.MemberInput.of(liu), start_reason="补选",
                                                started_on=dt.date(2023, 11, 29)))
    roster.end_member(liu.member_id, dt.date(2024, 2, 1), "因工作变动调离本行政区域")


def test_every_mandate_column_round_trips(demo_session, tmp_path):
    _give_mandates()
    path = tmp_path / "mandates.xlsx"
    exporter.export_roster(path)
    rows = {(r[0], r[3]): r for r in read(path)[1:]}
    assert rows[("丁哲", "代表")][7:] == ("在任", "换届", "", "第 3 选区", "", "", "", "")
    assert rows[("邢奇", "代表")][7:] == ("在任", "补选", "2023-11-29", "第 7 选区", "区十一届人大常委会第十三次会议",
                                          "", "", "")
    assert rows[("周本奇", "代表")][7:] == ("终止", "换届", "", "", "", "2024-01-05", "因工作调整辞去代表职务",
                                            "区十一届人大常委会第十五次会议决定")
    assert rows[("刘君", "代表")][7:] == ("终止", "补选", "2023-11-29", "", "", "2024-02-01", "因工作变动调离本行政区域", "")
    assert rows[("黄玉莲", "列席")][7:9] == ("在任", "")  # no 换届 for a 列席
    before = snapshot()
    plan = importer.plan_import(path)
    assert not plan.has_changes and not plan.has_errors, [r.change_text for r in plan.rows if r.kind != UNCHANGED]
    importer.apply_import(plan)
    assert snapshot() == before

    # into a new session with the same delegations: the same rows, ended mandates and starts too
    teams = [(d.name, d.room) for d in roster.list_delegations()]
    original = exporter.roster_rows()
    session.close_session()
    session.create_session(tmp_path / "new.meetingdesk", region="东西湖区", term=11, number=4, statutory_delegates=214)
    for name, room in teams:
        roster.add_delegation(name, room)
    plan = importer.plan_import(path)
    assert not plan.has_errors
    importer.apply_import(plan)
    assert exporter.roster_rows() == original

"""Exporting the roster to .xlsx: the columns, the printing order, and the round trip."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest

from meetingdesk.services import ServiceError, exporter, importer, roster, session
from meetingdesk.services.importer import NEW, UNCHANGED
from meetingdesk.store import Leader

from .test_import import snapshot


def read(path):
    return [tuple(v or "" for v in row) for row in openpyxl.load_workbook(path).active.values]


def test_export_writes_the_import_columns_in_printing_order(demo_session, tmp_path):
    path = tmp_path / "名单.xlsx"
    assert exporter.export_roster(path) == 406
    rows = read(path)
    assert rows[0] == ("姓名", "性别", "代表团", "身份", "职务", "备注", "团内职务")
    body = rows[1:]
    assert len(body) == 406
    teams = [name for _, name in roster.delegation_choices()]
    keys = [(teams.index(r[2]), roster.ROLE_ORDER[r[3]]) for r in body]
    assert keys == sorted(keys)
    first_team = [r[0] for r in body if r[2] == teams[0] and r[3] == "代表"]
    assert first_team == [m.name for m in roster.list_members(roster.delegation_choices()[0][0], role="代表")]
    assert first_team[:5] == ["丁哲", "邢奇", "刘君", "江桥", "安国平"]
    assert ("李平", "男", "吴家山街代表团", "代表", "", "", "团长") in body or \
        any(r[0] == "李平" and r[6] == "团长" for r in body)
    wang = [r for r in body if r[0] == "王超"]
    assert {r[5] for r in wang} == {"区消防救援大队大队长", "区融媒体中心主任"}
    assert not any(r[0] == "冯宇" for r in body)  # an ended mandate is not on the roster


def test_round_trip_into_the_same_session_changes_nothing(demo_session, tmp_path):
    path = tmp_path / "roundtrip.xlsx"
    exporter.export_roster(path)
    plan = importer.plan_import(path)
    assert plan.counts[UNCHANGED] == 406 and not plan.has_changes and not plan.has_errors
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

    session.create_session(tmp_path / "new.meetingdesk", region="东西湖区", term=11, number=3)
    for name, room in teams:
        roster.add_delegation(name, room)
    plan = importer.plan_import(path)
    assert plan.counts[NEW] == 406 and not plan.has_errors
    importer.apply_import(plan)
    assert exporter.roster_rows() == original
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
    assert f"已导出 406 人 → {out}" in capsys.readouterr().out
    assert main(["import", str(demo_file), str(out)]) == 0
    text = capsys.readouterr().out
    assert "新增 0，更新 0，不变 406，错误 0" in text and "没有需要导入的变化" in text


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
    assert plan.counts[UNCHANGED] == 406 and not plan.has_changes and not plan.has_errors
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

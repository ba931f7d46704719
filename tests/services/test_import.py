"""Importing the roster from .xlsx and .csv: the plan, bad rows, encodings, one transaction."""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from meetingdesk.services import ServiceError, importer, roster
from meetingdesk.services.importer import ERROR, NEW, UNCHANGED, UPDATED
from meetingdesk.store import Leader, Member, Office, Person

HEADER = ["姓名", "性别", "代表团", "身份", "职务", "备注"]


def write_xlsx(path, rows, *, above=()):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in above:
        sheet.append(row)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path, rows, encoding="utf-8"):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def snapshot():
    """Everything the roster holds, to compare before and after: people, their roles with the
    mandates, the leaders, and the offices (which end with a mandate)."""
    return (sorted(Person.select(Person.id, Person.name, Person.gender, Person.note, Person.work_title).tuples()),
            sorted(Member.select(Member.id, Member.person, Member.delegation, Member.role, Member.status,
                                 Member.started_on, Member.start_reason, Member.constituency,
                                 Member.confirmed_by, Member.ended_on, Member.end_reason,
                                 Member.end_decision).tuples(), key=str),
            sorted(Leader.select(Leader.delegation, Leader.member, Leader.title, Leader.position).tuples()),
            sorted(Office.select(Office.person, Office.body, Office.title, Office.ended_on,
                                 Office.end_reason).tuples(), key=str))


def by_line(plan):
    return {r.line: r for r in plan.rows}


def member(name, note=""):
    return next(m for m in roster.list_members() if m.name == name and m.note == note)


# ---------------------------------------------------------------- good files


def test_new_updated_unchanged_in_a_demo_session(demo_session, tmp_path):
    path = write_xlsx(tmp_path / "名单.xlsx", [
        HEADER,
        ["丁哲", "男", "吴家山街代表团", "代表", "", ""],  # unchanged
        ["邢  奇", "男", "吴家山街代表团", "代表", "某公司经理", ""],  # 职务 added; alignment spaces
        ["刘君", "女", "慈惠街代表团", "代表", "", ""],  # moved
        ["王　新新", "女", "吴家山街代表团", "列席", "区教育局副局长", ""],  # new
    ])
    plan = importer.plan_import(path)
    assert plan.counts == {NEW: 1, UPDATED: 2, UNCHANGED: 1, ERROR: 0}
    rows = by_line(plan)
    assert rows[2].kind == UNCHANGED
    assert rows[3].kind == UPDATED and rows[3].name == "邢奇"
    assert rows[3].changes == ["职务 （空）→某公司经理"]
    assert rows[4].changes == ["调团 吴家山街代表团→慈惠街代表团"]
    assert "调团" in rows[4].change_text
    assert rows[5].kind == NEW and rows[5].name == "王新新"
    before = snapshot()
    assert snapshot() == before  # planning writes nothing

    result = importer.apply_import(plan)
    assert (result.new, result.updated, result.unchanged) == (1, 2, 1)
    assert member("邢奇").work_title == "某公司经理"
    assert member("刘君").delegation == "慈惠街代表团"
    new = member("王新新")
    assert (new.gender, new.role, new.delegation) == ("女", "列席", "吴家山街代表团")
    assert importer.plan_import(path).counts[UNCHANGED] == 4


def test_headers_in_another_order_with_spaces_full_width_and_a_title_row(demo_session, tmp_path):
    path = write_xlsx(tmp_path / "乱序.xlsx", [
        [" 备 注 ", "身份", "ＸＸ说明", "代表团　", "姓　名", "性别"],
        ["", "代表", "无关", "吴家山街代表团", "丁哲", "男"],
        ["", "列席", "", "吴家山街", "张新人", "男"],  # delegation without 代表团 suffix
    ], above=[["东西湖区第十一届人民代表大会第三次会议代表团名单"], []])
    plan = importer.plan_import(path)
    assert plan.columns == ["姓名", "性别", "代表团", "身份", "备注"]
    assert plan.ignored_columns == ["ＸＸ说明"]
    rows = by_line(plan)
    assert rows[4].kind == UNCHANGED
    assert rows[5].kind == NEW and rows[5].delegation == "吴家山街代表团"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_and_without_bom_and_gbk(empty_session, tmp_path, encoding):
    roster.add_delegation("第一代表团")
    path = write_csv(tmp_path / f"{encoding}.csv", [
        ["代表团", "身份", "姓名", "性别", "团内职务"],
        ["第一代表团", "代表", "欧阳明", "男", "团长"],
        ["第一代表团", "代表", "张　三", "女", ""],
        ["第一代表团", "工作人员", "李四", "", ""],
    ], encoding)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    plan = importer.plan_import(path)
    assert plan.counts[NEW] == 3 and not plan.has_errors
    importer.apply_import(plan)
    team = roster.list_delegations()[0]
    assert team.head.name == "欧阳明"
    assert [m.name for m in roster.list_members()] == ["李四", "张三", "欧阳明"]


def test_leader_marks_in_columns_团长_and_副团长(demo_session, tmp_path):
    path = write_csv(tmp_path / "marks.csv", [
        HEADER + ["团长", "副团长"],
        ["丁哲", "男", "吴家山街代表团", "代表", "", "", "✓", ""],
        ["邢奇", "男", "吴家山街代表团", "代表", "", "", "", "是"],
        ["刘君", "女", "吴家山街代表团", "代表", "", "", "否", "1"],
    ])
    plan = importer.plan_import(path)
    assert not plan.has_errors
    rows = by_line(plan)
    assert rows[2].changes == ["团内职务 （空）→团长（原团长李平不再担任）"]
    importer.apply_import(plan)
    team = next(d for d in roster.list_delegations() if d.name == "吴家山街代表团")
    assert team.head.name == "丁哲"
    assert [d.name for d in team.deputies] == ["陶勇", "邢奇", "刘君"]


def test_a_note_added_in_the_file_updates_the_only_person_of_that_name(demo_session, tmp_path):
    path = write_csv(tmp_path / "note.csv", [HEADER, ["丁哲", "男", "吴家山街代表团", "代表", "", "区人大代表"]])
    plan = importer.plan_import(path)
    assert plan.rows[0].kind == UPDATED
    assert plan.rows[0].changes == ["备注 （空）→区人大代表"]
    importer.apply_import(plan)
    assert member("丁哲", "区人大代表")


def test_equal_names_told_apart_by_the_note(demo_session, tmp_path):
    path = write_csv(tmp_path / "wc.csv", [
        HEADER,
        ["王超", "男", "辛安渡街代表团", "列席", "区消防救援大队大队长", "区消防救援大队大队长"],
        ["王超", "男", "东山街代表团", "列席", "区融媒体中心总编辑", "区融媒体中心主任"],
        ["王超", "男", "东山街代表团", "工作人员", "", "区人大办干部"],  # a third 王超, new
    ])
    plan = importer.plan_import(path)
    assert [r.kind for r in plan.rows] == [UNCHANGED, UPDATED, NEW]


def test_an_ended_delegate_now_attending_round_trips_and_cannot_be_reinstated(demo_session, tmp_path):
    path = write_csv(tmp_path / "ended.csv", [
        HEADER,
        ["黄玉莲", "女", "金银湖街代表团", "列席", "", ""],
        ["冯宇", "", "径河街代表团", "代表", "", ""],
        ["冯宇", "", "径河街代表团", "列席", "", ""],
    ])
    plan = importer.plan_import(path)
    rows = by_line(plan)
    assert rows[2].kind == UNCHANGED
    assert rows[3].kind == ERROR and "资格于2023年12月14日终止" in rows[3].errors[0].reason
    assert rows[4].kind == NEW and "原代表资格已终止" in rows[4].change_text


# ---------------------------------------------------------------- bad rows


BAD_ROWS = [
    # (row, expected column, words in the reason)
    (["", "男", "吴家山街代表团", "代表", "", ""], "姓名", "缺少姓名"),
    (["张(三)", "男", "吴家山街代表团", "代表", "", ""], "姓名", "括号"),
    (["Zhang San", "男", "吴家山街代表团", "代表", "", ""], "姓名", "汉字"),
    (["张三", "男", "火星代表团", "代表", "", ""], "代表团", "没有“火星代表团”"),
    (["张四", "男", "", "代表", "", ""], "代表团", "缺少代表团"),
    (["张五", "男", "吴家山街代表团", "嘉宾", "", ""], "身份", "不能是“嘉宾”"),
    (["张六", "M", "吴家山街代表团", "代表", "", ""], "性别", "不能是“M”"),
    (["王超", "男", "东山街代表团", "列席", "", ""], "备注", "有 2 位“王超”"),
    (["张七", "男", "吴家山街代表团", "列席", "", "", "团长"], "团内职务", "团长必须是本代表团的代表"),
    (["张八", "男", "吴家山街代表团", "代表", "", "", "主任"], "团内职务", "只能填“团长”或“副团长”"),
    (["冯宇", "", "径河街代表团", "代表", "", ""], "身份", "资格于2023年12月14日终止"),
    (["李平", "", "慈惠街代表团", "代表", "", ""], "代表团", "是吴家山街代表团的团长"),
    (["陶勇", "", "吴家山街代表团", "列席", "", ""], "身份", "是吴家山街代表团的副团长"),
]


@pytest.mark.parametrize("row, column, words", BAD_ROWS, ids=[w for _, _, w in BAD_ROWS])
def test_every_kind_of_bad_row_is_reported_with_file_row_and_column(demo_session, tmp_path, row, column, words):
    path = write_xlsx(tmp_path / "bad.xlsx", [HEADER + ["团内职务"], ["丁哲", "男", "吴家山街代表团", "代表", "", ""], row])
    plan = importer.plan_import(path)
    assert plan.counts[ERROR] == 1
    error, = plan.errors
    assert (error.source, error.line, error.column) == ("bad.xlsx", 3, column)
    assert words in error.reason
    assert str(error).startswith("bad.xlsx 第 3 行，" + column)
    assert by_line(plan)[2].kind == UNCHANGED


def test_duplicate_rows_and_the_same_new_person_twice(demo_session, tmp_path):
    path = write_csv(tmp_path / "dup.csv", [
        HEADER,
        ["丁哲", "男", "吴家山街代表团", "代表", "", ""],
        ["丁哲", "男", "吴家山街代表团", "代表", "", ""],  # 3: duplicate
        ["赵新", "男", "吴家山街代表团", "代表", "", ""],
        ["赵新", "男", "慈惠街代表团", "列席", "", ""],  # 5: same name, no note
        ["钱新", "男", "吴家山街代表团", "代表", "", "甲单位"],
        ["钱新", "男", "慈惠街代表团", "列席", "", ""],  # 7: equal name needs a note
        ["丁哲", "男", "慈惠街代表团", "列席", "", ""],  # 8: the same person again
    ])
    rows = by_line(importer.plan_import(path))
    assert "与第 2 行重复" in rows[3].errors[0].reason
    assert "与第 4 行姓名、备注都相同" in rows[5].errors[0].reason
    assert rows[7].errors[0].column == "备注" and "第 6 行也有“钱新”" in rows[7].errors[0].reason
    assert "与第 2 行是同一人" in rows[8].errors[0].reason
    assert [rows[n].kind for n in (2, 4, 6)] == [UNCHANGED, NEW, NEW]


def test_two_heads_for_one_delegation(demo_session, tmp_path):
    path = write_csv(tmp_path / "heads.csv", [
        HEADER + ["团内职务"],
        ["丁哲", "男", "吴家山街代表团", "代表", "", "", "团长"],
        ["邢奇", "男", "吴家山街代表团", "代表", "", "", "团长"],
    ])
    rows = by_line(importer.plan_import(path))
    assert rows[2].ok
    assert rows[3].errors[0].column == "团内职务" and "第 2 行已是吴家山街代表团的团长" in rows[3].errors[0].reason


def test_a_head_may_move_when_the_file_names_a_new_one(demo_session, tmp_path):
    path = write_csv(tmp_path / "newhead.csv", [
        HEADER + ["团内职务"],
        ["李平", "", "慈惠街代表团", "代表", "", "", ""],
        ["丁哲", "男", "吴家山街代表团", "代表", "", "", "团长"],
    ])
    plan = importer.plan_import(path)
    assert not plan.has_errors
    importer.apply_import(plan)
    team = next(d for d in roster.list_delegations() if d.name == "吴家山街代表团")
    assert team.head.name == "丁哲"
    assert member("李平").delegation == "慈惠街代表团"


def test_nothing_is_written_when_there_are_bad_rows(demo_session, tmp_path):
    path = write_csv(tmp_path / "mixed.csv", [
        HEADER,
        ["张新", "男", "吴家山街代表团", "代表", "", ""],
        ["邢奇", "男", "吴家山街代表团", "代表", "新职务", ""],
        ["李新", "男", "火星代表团", "代表", "", ""],
    ])
    plan = importer.plan_import(path)
    before = snapshot()
    with pytest.raises(ServiceError, match="有 1 行错误，未导入任何内容"):
        importer.apply_import(plan)
    assert snapshot() == before


def test_good_rows_only(demo_session, tmp_path):
    path = write_csv(tmp_path / "mixed.csv", [
        HEADER,
        ["张新", "男", "吴家山街代表团", "代表", "", ""],
        ["邢奇", "男", "吴家山街代表团", "代表", "新职务", ""],
        ["李新", "男", "火星代表团", "代表", "", ""],
    ])
    result = importer.apply_import(importer.plan_import(path), good_rows_only=True)
    assert (result.new, result.updated, result.skipped) == (1, 1, 1)
    names = {m.name for m in roster.list_members()}
    assert "张新" in names and "李新" not in names
    assert member("邢奇").work_title == "新职务"


def test_an_interrupted_import_leaves_the_session_as_it_was(demo_session, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "many.csv", [HEADER + ["团内职务"]] + [
        [f"新{chr(0x4e00 + i)}", "男", "吴家山街代表团", "代表", "", "", ""] for i in range(50)
    ] + [["邢奇", "男", "慈惠街代表团", "代表", "新职务", "", ""],
         ["丁哲", "男", "吴家山街代表团", "代表", "", "", "团长"]])
    plan = importer.plan_import(path)
    assert plan.counts == {NEW: 50, UPDATED: 2, UNCHANGED: 0, ERROR: 0}
    before = snapshot()
    real = importer._write_members

    def write_then_fail(rows):
        real(rows)  # people and members are in, leaders not yet
        raise RuntimeError("断电")

    monkeypatch.setattr(importer, "_write_members", write_then_fail)
    with pytest.raises(RuntimeError):
        importer.apply_import(plan)
    assert snapshot() == before
    monkeypatch.setattr(importer, "_write_members", real)
    importer.apply_import(plan)  # the same plan still applies afterwards
    assert len(roster.list_members()) == 406 + 50


def test_a_plan_made_before_the_session_changed_is_refused(demo_session, tmp_path):
    path = write_csv(tmp_path / "stale.csv", [HEADER, ["张新", "男", "吴家山街代表团", "代表", "", ""]])
    plan = importer.plan_import(path)
    roster.add_member(roster.MemberInput("别人", "男", delegation_id=roster.delegation_choices()[0][0]))
    with pytest.raises(ServiceError, match="重新选择文件预览"):
        importer.apply_import(plan)


# ---------------------------------------------------------------- files that cannot be read


@pytest.mark.parametrize("name, content, words", [
    ("old.xls", b"\xd0\xcf\x11\xe0", "另存为 .xlsx"),
    ("x.xlsx", b"not a zip", "不是有效的 Excel"),
    ("list.doc", b"", "只能导入 .xlsx 或 .csv"),
    ("nohead.csv", "张三,男\n".encode(), "找不到表头"),
    ("missing.csv", "姓名,性别\n张三,男\n".encode(), "缺少“代表团”“身份”列"),
    ("twice.csv", "姓名,代表团,身份,姓 名\n".encode(), "“姓名”出现了两次"),
])
def test_unreadable_files_say_why(demo_session, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ServiceError, match=words):
        importer.plan_import(path)


def test_planning_is_a_generator_of_progress(demo_session, tmp_path):
    rows = [HEADER] + [[f"新{chr(0x4e00 + i)}{chr(0x4e00 + j)}", "男", "吴家山街代表团", "列席", "", ""]
                       for i in range(30) for j in range(30)]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    steps = importer.plan_import_steps(path)
    progress = []
    while True:
        try:
            progress.append(next(steps))
        except StopIteration as stop:
            plan = stop.value
            break
    assert len(progress) >= 4 and all(isinstance(p, importer.Progress) for p in progress)
    assert plan.counts[NEW] == 900


# ---------------------------------------------------------------- the command line


def test_cli_import_dry_run_errors_and_good_rows_only(demo_file, tmp_path, capsys):
    from meetingdesk.cli import main
    from meetingdesk.services import session

    path = write_csv(tmp_path / "cli.csv", [
        ["姓名", "代表团", "身份", "职务"],
        ["丁哲", "吴家山街代表团", "代表", "经理"],
        ["张新", "火星", "代表", ""],
        ["李新", "慈惠街", "列席", ""],
    ])
    assert main(["import", str(demo_file), str(path), "--dry-run"]) == 1
    out, err = capsys.readouterr()
    assert "第 2 行 丁哲（吴家山街代表团 代表）更新：职务 （空）→经理" in out
    assert "第 4 行 李新（慈惠街代表团 列席）新增" in out
    assert "cli.csv 第 3 行，代表团：本次会议没有“火星”" in err
    assert main(["import", str(demo_file), str(path)]) == 1
    assert "未导入任何内容" in capsys.readouterr().err
    session.open_session(demo_file)
    assert not any(m.name == "李新" for m in roster.list_members())
    session.close_session()
    assert main(["import", str(demo_file), str(path), "--good-rows-only"]) == 0
    assert "已导入：新增 1 人，更新 1 人，跳过有错误的 1 行。" in capsys.readouterr().out
    session.open_session(demo_file)
    assert member("李新").delegation == "慈惠街代表团"
    session.close_session()


# ---------------------------------------------------------------- names as they are compared


def test_normalize_name_nfc_compatibility_ideographs_dots_and_spaces():
    import unicodedata

    from meetingdesk.rules.normalize import DOT_VARIANTS, MIDDLE_DOT, normalize_name

    assert normalize_name("e\u0301") == "\u00e9"  # NFC
    assert normalize_name("\uf9e1平") == "李平" and normalize_name("陶\ufa76") == normalize_name("陶\U0002f825") == "陶勇"
    # every compatibility ideograph of both blocks becomes a unified one; the twelve code points
    # of U+FA0E… that NFC keeps are unified ideographs themselves (no decomposition)
    kept = []
    for code in list(range(0xF900, 0xFB00)) + list(range(0x2F800, 0x2FA20)):
        ch = chr(code)
        if unicodedata.category(ch) == "Cn":
            continue
        out = normalize_name(ch)
        if out == ch:
            kept.append(code)
            assert unicodedata.decomposition(ch) == ""
        else:
            assert len(out) == 1 and "CJK UNIFIED IDEOGRAPH" in unicodedata.name(out), hex(code)
    assert [hex(c) for c in kept] == ["0xfa0e", "0xfa0f", "0xfa11", "0xfa13", "0xfa14", "0xfa1f", "0xfa21",
                                      "0xfa23", "0xfa24", "0xfa27", "0xfa28", "0xfa29"]
    for dot in DOT_VARIANTS:
        assert normalize_name(f"阿依{dot}买买提") == f"阿依{MIDDLE_DOT}买买提", hex(ord(dot))
    assert normalize_name(" 阿依 · ・买买提\u200b ") == "阿依·买买提"
    assert normalize_name("王\u3000烁") == normalize_name("王\u00a0烁") == normalize_name("王\u2002烁") == "王烁"
    assert normalize_name("") == normalize_name(None) == ""


def test_traditional_characters_are_found_from_the_shipped_table_loaded_on_first_use(monkeypatch):
    from meetingdesk.rules import normalize

    monkeypatch.setattr(normalize, "_T2S", None)
    assert normalize.differs_only_by_traditional("劉君", "刘君")
    assert normalize._T2S is not None and len(normalize._T2S) > 3000  # loaded now, once
    assert normalize.simplified_key("陳 鍾") == "陈钟"
    assert not normalize.differs_only_by_traditional("刘君", "刘 君")  # the same name
    assert not normalize.differs_only_by_traditional("刘君", "李君")


def test_names_match_whatever_dot_space_or_compatibility_form_the_file_uses(demo_session, tmp_path):
    roster.add_member(roster.MemberInput("阿依·买买提", "女", delegation_id=roster.delegation_choices()[0][0]))
    path = write_csv(tmp_path / "forms.csv", [
        HEADER,
        ["阿依・买买提", "女", "吴家山街代表团", "代表", "", ""],  # katakana middle dot
        ["\uf9e1平", "", "吴家山街代表团", "代表", "", ""],  # a compatibility ideograph of 李
        ["陶\u200b勇", "", "吴家山街代表团", "代表", "", ""],  # a zero-width space
    ])
    plan = importer.plan_import(path)
    assert [(r.name, r.kind) for r in plan.rows] == [("阿依·买买提", UNCHANGED), ("李平", UNCHANGED),
                                                     ("陶勇", UNCHANGED)]


def test_a_name_differing_only_by_a_traditional_character_is_flagged_not_refused(demo_session, tmp_path):
    path = write_xlsx(tmp_path / "繁体.xlsx", [
        HEADER,
        ["劉君", "女", "吴家山街代表团", "列席", "", "某单位"],  # the roster has 刘君
        ["张新", "男", "吴家山街代表团", "列席", "", ""],
        ["張新", "男", "吴家山街代表团", "列席", "", "另一人"],
        ["丁哲", "男", "吴家山街代表团", "代表", "", ""],
    ])
    plan = importer.plan_import(path)
    rows = by_line(plan)
    assert not plan.has_errors and rows[2].kind == NEW
    assert rows[2].warnings == ["与名单中的“刘君”只有繁简字不同，请确认是否同一人。"]
    assert rows[2].change_text == "新增（提示：与名单中的“刘君”只有繁简字不同，请确认是否同一人。）"
    assert rows[3].warnings == ["与第 4 行的“張新”只有繁简字不同，请确认是否同一人。"]
    assert rows[4].warnings == ["与第 3 行的“张新”只有繁简字不同，请确认是否同一人。"]
    assert rows[5].warnings == [] and rows[5].change_text == "不变"
    assert "3 行有提示" in plan.summary()
    assert plan.warnings[0] == "繁体.xlsx 第 2 行，姓名：与名单中的“刘君”只有繁简字不同，请确认是否同一人。"
    importer.apply_import(plan)
    assert member("劉君", "某单位").role == "列席"  # imported as written


# ---------------------------------------------------------------- sheets, rows and cells from Excel


def test_the_visible_sheet_is_read_not_a_hidden_one_before_it(demo_session, tmp_path):
    book = openpyxl.Workbook()
    old = book.active
    old.title = "旧名单"
    for row in [HEADER, ["旧名甲", "男", "吴家山街代表团", "代表", "", ""]]:
        old.append(row)
    new = book.create_sheet("2024年名单")
    for row in [HEADER, ["新名乙", "男", "吴家山街代表团", "代表", "", ""]]:
        new.append(row)
    old.sheet_state = "hidden"
    book.active = 1
    book.save(tmp_path / "两表.xlsx")
    plan = importer.plan_import(tmp_path / "两表.xlsx")
    assert [r.name for r in plan.rows] == ["新名乙"]
    assert (plan.sheet, plan.hidden_sheets) == ("2024年名单", ["旧名单"])
    assert plan.summary() == "新增 1，更新 0，不变 0，错误 0（读取工作表“2024年名单”；未读取隐藏的工作表“旧名单”）"


def test_the_active_sheet_is_read_and_another_visible_one_only_when_it_has_no_header(demo_session, tmp_path):
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover.append(["东西湖区代表名单"])
    first = book.create_sheet("甲")
    for row in [HEADER, ["甲一", "男", "吴家山街代表团", "代表", "", ""]]:
        first.append(row)
    second = book.create_sheet("乙")
    for row in [HEADER, ["乙一", "男", "吴家山街代表团", "代表", "", ""]]:
        second.append(row)
    book.active = 2
    book.save(tmp_path / "a.xlsx")
    plan = importer.plan_import(tmp_path / "a.xlsx")
    assert [r.name for r in plan.rows] == ["乙一"] and plan.sheet == "乙"
    book.active = 0
    book.save(tmp_path / "b.xlsx")
    plan = importer.plan_import(tmp_path / "b.xlsx")
    assert [r.name for r in plan.rows] == ["甲一"] and "当前工作表“封面”中没有表头" in plan.summary()


def test_hidden_rows_are_left_out_and_listed(demo_session, tmp_path):
    path = write_xlsx(tmp_path / "筛选.xlsx", [
        HEADER,
        ["丁哲", "男", "吴家山街代表团", "代表", "", ""],
        ["藏甲", "男", "吴家山街代表团", "代表", "", ""],
        ["新丙", "男", "吴家山街代表团", "列席", "", ""],
    ])
    book = openpyxl.load_workbook(path)
    book.active.row_dimensions[3].hidden = True
    book.save(path)
    plan = importer.plan_import(path)
    assert [r.name for r in plan.rows] == ["丁哲", "新丙"] and plan.hidden_rows == [3]
    assert "未读取隐藏的第 3 行" in plan.summary()


def test_a_formula_with_a_cached_value_is_read_as_its_value(demo_session, tmp_path):
    from tests.reliability.badfiles import sheet_xml, xlsx_bytes

    part = sheet_xml([HEADER, ["丁哲", "男", "吴家山街代表团", "代表", "", ""]]).replace(
        '<c r="A2" t="inlineStr"><is><t>丁哲</t></is></c>'.encode(),
        '<c r="A2" t="str"><f>"丁"&amp;"哲"</f><v>丁哲</v></c>'.encode()).replace(
        b"</row></sheetData>", b'<c r="F2" t="str"><f>""</f><v></v></c></row></sheetData>')  # calculated: empty
    path = tmp_path / "calc.xlsx"
    path.write_bytes(xlsx_bytes([("名单", part, "visible")]))
    plan = importer.plan_import(path)
    assert [(r.name, r.kind) for r in plan.rows] == [("丁哲", UNCHANGED)]


def test_numbers_in_title_and_note_are_text_but_not_in_name_or_delegation(demo_session, tmp_path):
    book = openpyxl.Workbook()
    for row in [HEADER, ["新数字", "男", "吴家山街代表团", "列席", 2024, 7]]:
        book.active.append(row)
    book.save(tmp_path / "n.xlsx")
    row, = importer.plan_import(tmp_path / "n.xlsx").rows
    assert row.ok and (row.work_title, row.note) == ("2024", "7")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_csv_in_utf16_with_and_without_bom(demo_session, tmp_path, encoding):
    path = write_csv(tmp_path / "u16.csv", [HEADER, ["丁哲", "男", "吴家山街代表团", "代表", "", ""]], encoding)
    assert [(r.name, r.kind) for r in importer.plan_import(path).rows] == [("丁哲", UNCHANGED)]


def test_the_row_limit_counts_rows_with_content(demo_session, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_DATA_ROWS", 3)
    rows = [[f"新{c}", "男", "吴家山街代表团", "列席", "", ""] for c in "甲乙丙"]
    path = write_csv(tmp_path / "three.csv", [HEADER] + rows[:2] + [[], []] + rows[2:])
    assert len(importer.plan_import(path).rows) == 3
    path = write_csv(tmp_path / "four.csv", [HEADER] + rows + [["新丁", "男", "吴家山街代表团", "列席", "", ""]])
    with pytest.raises(ServiceError, match=r"four.csv 的数据超过 3 行（第 5 行是第 4 行数据）"):
        importer.plan_import(path)


def test_a_genuine_large_roster_passes_the_zip_checks(demo_session, tmp_path):
    rows = [HEADER] + [[f"新{chr(0x4e00 + i % 100)}{chr(0x4e00 + i // 100)}", "男", "吴家山街代表团", "列席",
                        "区某某局副局长", ""] for i in range(5000)]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    importer._check_package(path, path.name)  # no refusal: ratio and size are those of a real file
    with zipfile.ZipFile(path) as zf:
        part = zf.getinfo("xl/worksheets/sheet1.xml")
    assert part.file_size < importer.MAX_PART_RATIO * part.compress_size


# ---------------------------------------------------------------- the mandate (schema 8)

MANDATE_HEADER = HEADER + ["状态", "资格开始方式", "资格开始日期", "选区", "资格确认会议", "终止日期", "终止原因", "终止决定"]
RESIGNED = "因工作调整辞去代表职务"
DECISION = "区十一届人大常委会第十五次会议《关于接受部分代表辞职请求的决定》"


def mandate_row(name, team, role="代表", status="", start="", started="", place="", confirmed="",
                ended="", reason="", decision="", gender="", title="", note=""):
    return [name, gender, team, role, title, note, status, start, started, place, confirmed, ended, reason, decision]


def test_a_serving_delegate_marked_终止_is_ended_on_import_with_the_offices_needing_the_mandate(demo_session, tmp_path):
    path = write_xlsx(tmp_path / "终止.xlsx", [
        MANDATE_HEADER,
        mandate_row("周本奇", "长青街代表团", status="终止", ended="2024-01-05", reason=RESIGNED, decision=DECISION),
        mandate_row("丁哲", "吴家山街代表团", status="在任"),  # says what is: unchanged
    ])
    plan = importer.plan_import(path)
    rows = by_line(plan)
    assert not plan.has_errors and rows[3].kind == UNCHANGED
    assert rows[2].kind == UPDATED
    assert rows[2].changes == [f"终止资格：2024年1月5日，{RESIGNED}（{DECISION}）；相应终止区人大常委会副主任"]
    assert plan.summary() == "新增 0，更新 1，不变 1，错误 0（读取工作表“Sheet”；其中终止资格 1 人）"
    before = snapshot()
    assert snapshot() == before  # planning writes nothing
    importer.apply_import(plan)
    zhou = next(m for m in roster.list_members(include_ended=True) if m.name == "周本奇")
    assert (zhou.status, zhou.ended_on, zhou.end_reason, zhou.end_decision) == (
        "终止", dt.date(2024, 1, 5), RESIGNED, DECISION)
    assert roster.ended_with(zhou.member_id) == ["区人大常委会副主任"]  # the window's rule: 相应终止
    assert not zhou.serving_on(dt.date(2024, 1, 5)) and zhou.serving_on(dt.date(2024, 1, 4))
    again = importer.plan_import(path)  # the file now says what the session holds
    assert not again.has_changes and not again.has_errors


def test_an_ended_mandate_is_reinstated_only_when_状态_says_在任(demo_session, tmp_path):
    path = write_csv(tmp_path / "old.csv", [MANDATE_HEADER, mandate_row("李黎", "将军路街代表团")])
    row, = importer.plan_import(path).rows
    assert row.kind == ERROR and row.errors[0].column == "身份"
    assert "资格于2023年12月14日终止" in row.errors[0].reason and "请在“状态”列填“在任”" in row.errors[0].reason
    path = write_csv(tmp_path / "back.csv", [MANDATE_HEADER, mandate_row("李黎", "将军路街代表团", status="在任")])
    plan = importer.plan_import(path)
    row, = plan.rows
    assert row.kind == UPDATED and "其中恢复资格 1 人" in plan.summary()
    assert row.changes == [f"恢复资格（原于2023年12月14日终止：{RESIGNED}）；相应恢复区人大专门委员会社会建设委员会副主任委员"]
    importer.apply_import(plan)
    li = next(m for m in roster.list_members(role="代表") if m.name == "李黎")
    assert li.serving and li.ended_on is None and li.delegation == "将军路街代表团"
    assert Office.get(Office.title == "社会建设委员会副主任委员").ended_on is None
    assert {m.role for m in roster.list_members() if m.name == "李黎"} == {"代表", "列席"}  # 列席 stays too


def test_an_ended_row_says_终止_and_leaves_the_record_or_corrects_it(demo_session, tmp_path):
    path = write_csv(tmp_path / "ended.csv", [
        MANDATE_HEADER,
        mandate_row("冯宇", "径河街代表团", status="终止"),  # empty cells keep the record
        mandate_row("冯善德", "", status="终止", ended="2023年10月30日"),  # empty 代表团 keeps it
        mandate_row("段钧", "", status="终止", reason="因工作变动调离本行政区域", decision="公告"),
        mandate_row("李勇", "", status="终止", ended="2023-09-30"),  # a date learnt later
    ])
    plan = importer.plan_import(path)
    rows = by_line(plan)
    assert not plan.has_errors
    assert rows[2].kind == UNCHANGED
    assert rows[3].changes == ["终止日期 2023-10-31→2023-10-30"] and rows[3].delegation == "东山街代表团"
    assert rows[4].changes[0].startswith("终止决定 ")
    assert rows[5].changes == ["终止日期 （空）→2023-09-30"]
    importer.apply_import(plan)
    li = next(m for m in roster.list_members(include_ended=True) if m.name == "李勇")
    assert li.ended_on == dt.date(2023, 9, 30) and roster.ended_with(li.member_id) == ["区人大常委会委员"]
    feng = next(m for m in roster.list_members(include_ended=True) if m.name == "冯善德")
    assert (feng.ended_on, feng.delegation) == (dt.date(2023, 10, 30), "东山街代表团")
    # the office that ended with the mandate moves with its date
    assert roster.ended_with(feng.member_id) == ["区人大常委会委员"]


def test_a_leader_is_not_ended_unless_the_file_names_the_new_head(demo_session, tmp_path):
    path = write_csv(tmp_path / "head.csv", [
        MANDATE_HEADER + ["团内职务"],
        mandate_row("李平", "吴家山街代表团", status="终止", ended="2024-01-05", reason=RESIGNED) + [""],
    ])
    row, = importer.plan_import(path).rows
    assert row.errors[0].column == "状态" and "是吴家山街代表团的团长，不能终止其资格" in row.errors[0].reason
    path = write_csv(tmp_path / "newhead.csv", [
        MANDATE_HEADER + ["团内职务"],
        mandate_row("李平", "吴家山街代表团", status="终止", ended="2024-01-05", reason=RESIGNED) + [""],
        mandate_row("丁哲", "吴家山街代表团") + ["团长"],
    ])
    plan = importer.plan_import(path)
    assert not plan.has_errors
    importer.apply_import(plan)
    team = next(d for d in roster.list_delegations() if d.name == "吴家山街代表团")
    assert team.head.name == "丁哲"
    assert next(m for m in roster.list_members(include_ended=True) if m.name == "李平").status == "终止"


def test_start_of_a_mandate_and_dates_as_date_cells_or_text(demo_session, tmp_path):
    book = openpyxl.Workbook()
    for row in [MANDATE_HEADER,
                mandate_row("丁哲", "吴家山街代表团", start="补选", place="第 5 选区", confirmed="第十三次会议"),
                mandate_row("邢奇", "吴家山街代表团", start="补选", place="第 6 选区"),
                mandate_row("刘君", "吴家山街代表团", start="补选"),
                mandate_row("新补选", "吴家山街代表团", start="补选", started="2023/11/29", gender="男")]:
        book.active.append(row)
    book.active["I2"] = dt.datetime(2023, 11, 29)  # a real date cell
    book.active["I3"] = "２０２３年１１月２９日"  # full-width, as typed with a Chinese input method
    book.save(tmp_path / "start.xlsx")
    plan = importer.plan_import(tmp_path / "start.xlsx")
    rows = by_line(plan)
    assert rows[2].changes == ["资格开始方式 换届→补选", "资格开始日期 （空）→2023-11-29", "选区 （空）→第 5 选区",
                               "资格确认会议 （空）→第十三次会议"]
    assert rows[3].ok and rows[3].result.started_on == dt.date(2023, 11, 29)
    assert rows[4].errors[0].column == "资格开始日期" and "补选的代表请填写资格开始日期" in rows[4].errors[0].reason
    assert rows[5].kind == NEW and rows[5].changes == ["补选，资格自2023年11月29日起"]
    importer.apply_import(plan, good_rows_only=True)
    ding = member("丁哲")
    assert (ding.start_reason, ding.started_on, ding.constituency, ding.confirmed_by) == (
        "补选", dt.date(2023, 11, 29), "第 5 选区", "第十三次会议")
    assert not ding.serving_on(dt.date(2023, 11, 28))


BAD_MANDATES = [
    # (row, expected column, words in the reason)
    (mandate_row("丁哲", "吴家山街代表团", status="暂停"), "状态", "只能填“在任”或“终止”"),
    (mandate_row("丁哲", "吴家山街代表团", status="终止", reason=RESIGNED), "终止日期", "请填写终止日期"),
    (mandate_row("丁哲", "吴家山街代表团", status="终止", ended="2024-01-05"), "终止原因", "请填写终止原因"),
    (mandate_row("丁哲", "吴家山街代表团", status="终止", ended="2024-13-05", reason=RESIGNED), "终止日期",
     "“2024-13-05”不是有效的日期"),
    (mandate_row("丁哲", "吴家山街代表团", status="终止", ended="2023-02-30", reason=RESIGNED), "终止日期",
     "不是有效的日期"),
    (mandate_row("丁哲", "吴家山街代表团", status="终止", ended="去年", reason=RESIGNED), "终止日期", "看不懂的日期"),
    (mandate_row("丁哲", "吴家山街代表团", start="补选", started="2024-02-01", status="终止", ended="2024-01-05",
                 reason=RESIGNED), "终止日期", "早于资格开始的日期 2024-02-01"),
    (mandate_row("丁哲", "吴家山街代表团", ended="2024-01-05"), "终止日期", "如要终止资格，请在“状态”列填“终止”"),
    (mandate_row("丁哲", "吴家山街代表团", start="委任"), "资格开始方式", "只能填“换届”或“补选”"),
    (mandate_row("新列席", "吴家山街代表团", role="列席", start="补选", started="2023-11-29"), "资格开始方式",
     "只有代表才有补选"),
    (mandate_row("陶勇", "吴家山街代表团", role="列席"), "身份", "是吴家山街代表团的副团长"),
    (mandate_row("田勇", "慈惠街代表团", role="列席"), "身份", "是补选的代表，不能改为列席"),
    (mandate_row("李黎", "将军路街代表团", status="在任", reason=RESIGNED), "终止原因", "恢复资格时原来的终止记录会清除"),
    (mandate_row("冯宇", "", status="在任"), "代表团", "缺少代表团"),
    (mandate_row("丁哲", "", status="终止", ended="2024-01-05", reason=RESIGNED) , "", ""),  # kept: no error
]


@pytest.mark.parametrize("row, column, words", BAD_MANDATES, ids=[f"{c}{w}" for _, c, w in BAD_MANDATES])
def test_every_bad_mandate_cell_is_reported_with_file_row_and_column(demo_session, tmp_path, row, column, words):
    path = write_xlsx(tmp_path / "bad.xlsx", [MANDATE_HEADER, mandate_row("邢奇", "吴家山街代表团"), row])
    plan = importer.plan_import(path)
    if not column:
        assert not plan.has_errors and by_line(plan)[3].delegation == "吴家山街代表团"
        return
    assert plan.counts[ERROR] == 1
    error, = plan.errors
    assert (error.source, error.line, error.column) == ("bad.xlsx", 3, column)
    assert words in error.reason, error.reason
    assert str(error).startswith(f"bad.xlsx 第 3 行，{column}：")
    assert by_line(plan)[2].kind == UNCHANGED


def test_a_number_or_a_date_in_the_wrong_kind_of_mandate_cell(demo_session, tmp_path):
    book = openpyxl.Workbook()
    for row in [MANDATE_HEADER,
                mandate_row("丁哲", "吴家山街代表团", status="终止", ended=45296, reason=RESIGNED),
                mandate_row("邢奇", "吴家山街代表团", status="终止", ended="2024-01-05", reason=RESIGNED),
                mandate_row("刘君", "吴家山街代表团", status=1)]:
        book.active.append(row)
    book.active["M3"] = dt.datetime(2024, 1, 5)  # a date as 终止原因
    book.save(tmp_path / "types.xlsx")
    rows = by_line(importer.plan_import(tmp_path / "types.xlsx"))
    assert rows[2].errors[0].column == "终止日期" and "应填日期，这里却是数字 45296" in rows[2].errors[0].reason
    assert rows[3].errors[0].column == "终止原因" and "应填文字，这里却是日期（2024-01-05）" in rows[3].errors[0].reason
    assert rows[4].errors[0].column == "状态" and "应填文字，这里却是数字 1" in rows[4].errors[0].reason


def test_a_new_person_with_an_ended_mandate_and_a_role_now(empty_session, tmp_path):
    team = roster.add_delegation("第一代表团")
    path = write_csv(tmp_path / "new.csv", [
        MANDATE_HEADER,
        mandate_row("黄玉莲", "第一代表团", status="终止", ended="2023-12-14", reason=RESIGNED, gender="女"),
        mandate_row("黄玉莲", "第一代表团", role="列席", status="在任", gender="女"),
        mandate_row("段钧", "", status="终止", reason="因工作变动调离本行政区域"),  # date unknown
        mandate_row("王五", "第一代表团", gender="男"),
        mandate_row("王五", "第一代表团", role="列席", gender="男"),  # two roles now: which person?
        mandate_row("赵六", "第一代表团", role="列席", status="终止", ended="2023-12-14", reason="调离", gender="男"),
        mandate_row("赵六", "第一代表团", status="终止", ended="2023-12-14", reason=RESIGNED, gender="女"),
    ])
    plan = importer.plan_import(path)
    rows = by_line(plan)
    assert rows[2].kind == rows[3].kind == NEW
    assert rows[2].changes == ["与第 3 行为同一人", f"资格已终止：2023年12月14日，{RESIGNED}"]
    assert rows[4].kind == NEW and rows[4].warnings == ["未填终止日期，按在本次会议之前已终止处理。"]
    assert "与第 5 行姓名、备注都相同" in rows[6].errors[0].reason
    assert rows[8].errors[0].column == "性别" and "与第 7 行是同一人，性别却不同" in rows[8].errors[0].reason
    importer.apply_import(plan, good_rows_only=True)
    huang = [m for m in roster.list_members(include_ended=True) if m.name == "黄玉莲"]
    assert len({m.person_id for m in huang}) == 1
    assert {(m.role, m.status) for m in huang} == {("代表", "终止"), ("列席", "在任")}
    duan, = [m for m in roster.list_members(include_ended=True) if m.name == "段钧"]
    assert (duan.status, duan.delegation_id, duan.ended_on) == ("终止", None, None)
    assert [m.name for m in roster.list_members(team)] == ["王五", "黄玉莲"]

"""A corpus of bad input files, made by code (no binary fixtures in the repository).

`roster_corpus(folder)` writes every file into FOLDER and returns the `Case`s: what was written
and what the roster import must say about it. `tally_corpus(folder, good_csv)` does the same for
the count import (`meetingdesk tally`), from a good count file's text.

Each case says what the import must do with it:

* REFUSED — the whole file is refused: a `ServiceError` whose message names the file and, where
  a row is known, the row (``第 N 行``);
* ROW_ERRORS — the file is read but rows are bad: the plan has `RowError`s with the file, the
  row and the column; importing it is refused;
* READ — the file is read, but something in it was left out and is named in the plan (hidden
  sheets and rows): the plan must not contain what was left out.

The .xlsx files are written either by openpyxl or, where openpyxl cannot write the damage (a DTD,
a lying zip directory, a hidden active sheet, a broken row), by `xlsx_bytes` from XML text.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

REFUSED, ROW_ERRORS, READ = "refused", "row errors", "read"

HEADER = ["姓名", "性别", "代表团", "身份", "职务", "备注"]
TEAM, OTHER_TEAM = "吴家山街代表团", "慈惠街代表团"
GOOD_ROWS = [
    ["丁哲", "男", TEAM, "代表", "", ""],  # in the demo roster, unchanged
    ["新甲乙", "女", TEAM, "列席", "区教育局副局长", ""],  # new
]


@dataclass
class Case:
    name: str  # a short id for the test
    path: Path
    outcome: str  # REFUSED, ROW_ERRORS or READ
    words: tuple[str, ...] = ()  # all of these must be in the message (REFUSED) or a row error's reason
    row: int | None = None  # the row the message must name
    column: str | None = None  # the column a row error must name (ROW_ERRORS)
    absent: tuple[str, ...] = ()  # READ: names that must not be in the plan
    notice: tuple[str, ...] = ()  # READ: words the plan's summary must contain
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------- building files


def csv_bytes(rows, encoding="utf-8") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_xml(rows, *, hidden_rows=(), start=1, prolog: str = "") -> bytes:
    """A worksheet part with inline strings; a cell given as ("f", "A1&B1") is a formula
    without a cached value, ("n", 123) a number."""
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="A1:{_col(max(len(r) for r in rows) - 1)}{start + len(rows) - 1}"/><sheetData>']
    hidden = set(hidden_rows)
    for r, row in enumerate(rows, start=start):
        attrs = ' hidden="1"' if r in hidden else ""
        cells = []
        for c, value in enumerate(row):
            ref = f"{_col(c)}{r}"
            if isinstance(value, tuple) and value[0] == "f":
                cells.append(f'<c r="{ref}"><f>{escape(value[1])}</f></c>')
            elif isinstance(value, tuple) and value[0] == "n":
                cells.append(f'<c r="{ref}"><v>{value[1]}</v></c>')
            elif value:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        parts.append(f'<row r="{r}"{attrs}>{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode("utf-8")


def xlsx_bytes(sheets, *, active: int = 0, extra: dict[str, bytes] | None = None,
               replace: dict[str, bytes] | None = None, drop: set[str] = frozenset()) -> bytes:
    """An .xlsx from SHEETS = [(title, sheet part bytes, state)], state "visible"/"hidden"."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files: dict[str, bytes] = {}
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1))
    files["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f'{overrides}</Types>').encode()
    files["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>').encode()
    sheet_entries = "".join(
        f'<sheet name="{escape(title)}" sheetId="{i}"{"" if state == "visible" else f" state=" + chr(34) + state + chr(34)}'
        f' r:id="rId{i}"/>'
        for i, (title, _, state) in enumerate(sheets, start=1))
    files["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel_ns}">'
        f'<bookViews><workbookView activeTab="{active}"/></bookViews>'
        f'<sheets>{sheet_entries}</sheets></workbook>').encode()
    files["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                  for i in range(1, len(sheets) + 1))
        + "</Relationships>").encode()
    for i, (_, part, _) in enumerate(sheets, start=1):
        files[f"xl/worksheets/sheet{i}.xml"] = part
    files.update(extra or {})
    files.update(replace or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            if name not in drop:
                zf.writestr(name, data)
    return buf.getvalue()


def simple_xlsx(rows, **kw) -> bytes:
    return xlsx_bytes([("名单", sheet_xml(rows, **kw), "visible")])


def openpyxl_xlsx(path: Path, build) -> Path:
    """An .xlsx written by openpyxl after BUILD(book) has filled it."""
    import openpyxl

    book = openpyxl.Workbook()
    build(book)
    book.save(path)
    return path


def lying_zip(data: bytes, declared: int) -> bytes:
    """DATA (a zip) with every entry's declared unpacked size set to DECLARED in the central
    directory: what a crafted zip bomb shows before anything is unpacked."""
    out = bytearray(data)
    i = out.find(b"PK\x01\x02")
    while i >= 0:
        out[i + 24:i + 28] = struct.pack("<I", declared)
        name_len, extra_len, comment_len = struct.unpack("<HHH", out[i + 28:i + 34])
        i = out.find(b"PK\x01\x02", i + 46 + name_len + extra_len + comment_len)
    return bytes(out)


def deflate_bomb_part(size: int) -> bytes:
    """A sheet part that is SIZE bytes of blanks after a valid start: deflates ~1000 to 1."""
    head = sheet_xml([HEADER])[:-len(b"</sheetData></worksheet>")]
    return head + b" " * size + b"</sheetData></worksheet>"


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
              for i in range(1, 10))
    + ']>\n')


def _flip(data: bytes, at: int) -> bytes:
    out = bytearray(data)
    for k in range(at, min(at + 64, len(out))):
        out[k] ^= 0x5A
    return bytes(out)


def _member_offset(data: bytes, name: str) -> tuple[int, int]:
    """Where the compressed bytes of NAME start in the zip DATA, and how many there are."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(name)
    header = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[header + 26:header + 30])
    return header + 30 + name_len + extra_len, info.compress_size


# ---------------------------------------------------------------- the roster corpus


def roster_corpus(folder: Path) -> list[Case]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name, filename, data, outcome, *words, row=None, column=None, **kw) -> Path:
        path = folder / filename
        if data is not None:
            path.write_bytes(data)
        cases.append(Case(name, path, outcome, tuple(words), row, column, **kw))
        return path

    good = [HEADER] + GOOD_ROWS

    # ---- encodings
    add("big5", "big5.csv", csv_bytes([["姓名", "性別", "代表團", "身份"], ["丁哲", "男", "吳家山街代表團", "代表"]],
                                      "big5"), REFUSED, "表头", "Big5")
    add("shift_jis", "sjis.csv", csv_bytes([["氏名", "所属", "身分"], ["山田", "一", "二"]], "shift_jis"),
        REFUSED, "sjis.csv")
    add("latin1_binary", "latin.csv", bytes(range(0x80, 0x100)) * 8, REFUSED, "编码")
    add("utf16_truncated", "utf16.csv", b"\xff\xfe" + "姓名,代表团,身份\r\n丁哲".encode("utf-16-le")[:-1],
        REFUSED, "UTF-16")
    add("utf8_cut_in_a_character", "cut_utf8.csv", csv_bytes(good)[:-3] + "新".encode()[:2], REFUSED,
        "不完整", row=3)
    add("gbk_bad_byte", "badbyte.csv", csv_bytes(good, "gbk").replace("新甲乙".encode("gbk"), b"\x81\x20\xff"),
        REFUSED, "编码", row=3)

    # ---- CSV structure
    add("nul_bytes", "nul.csv", csv_bytes(good).replace("新甲乙".encode(), b"\x00\x00\x00"), REFUSED, "空字符", row=3)
    add("unterminated_quote", "quote.csv",
        csv_bytes(good) + f'"王五,男,{TEAM},代表,,\r\n李六,男,{TEAM},代表,,\r\n'.encode(), REFUSED,
        "双引号没有配对", row=4)
    add("text_after_quote", "quote2.csv", csv_bytes(good) + f'"王五"x,男,{TEAM},代表,,\r\n'.encode(), REFUSED,
        "双引号", row=4)
    add("huge_field", "field.csv", csv_bytes(good) + b'"' + b"x" * 200_000 + b'",,,,,\r\n', REFUSED,
        "超过", row=4)
    add("control_character", "control.csv", csv_bytes(good + [["王五", "男", TEAM, "代表", "", "备\x01注"]]),
        ROW_ERRORS, "控制字符", row=4, column="备注")
    add("truncated_csv_row", "truncated.csv", csv_bytes(good)[:-len(f",{TEAM},列席,区教育局副局长,\r\n".encode())],
        ROW_ERRORS, "代表团", row=3, column="代表团")
    add("empty_csv", "empty.csv", b"", REFUSED, "空文件")
    add("blank_csv", "blank.csv", b"\r\n \r\n\t\r\n", REFUSED, "空文件")
    add("no_header_csv", "noheader.csv", csv_bytes([["张三", "男"], ["李四", "女"]]), REFUSED, "找不到表头")

    # ---- the wrong kind of file
    xlsx_good = simple_xlsx(good)
    add("xlsx_named_csv", "really_xlsx.csv", xlsx_good, REFUSED, "其实是 Excel")
    add("xls_named_csv", "really_xls.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, REFUSED, "旧版")
    add("csv_named_xlsx", "really_csv.xlsx", csv_bytes(good), REFUSED, "不是有效的 Excel", "CSV")
    add("empty_xlsx", "empty.xlsx", b"", REFUSED, "不是有效的 Excel", "空")
    add("encrypted_xlsx", "secret.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000, REFUSED, "密码")
    add("old_xls", "old.xls", b"\xd0\xcf\x11\xe0", REFUSED, "另存为 .xlsx")
    add("word_file", "list.doc", b"", REFUSED, "只能导入 .xlsx 或 .csv")
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    add("docx_named_xlsx", "really_docx.xlsx", docx.getvalue(), REFUSED, "Word")
    add("directory", "folder.xlsx", None, REFUSED, "文件夹")
    (folder / "folder.xlsx").mkdir(exist_ok=True)
    add("missing", "missing.csv", None, REFUSED, "找不到文件")

    # ---- damaged .xlsx
    add("truncated_xlsx", "truncated.xlsx", xlsx_good[:len(xlsx_good) // 2], REFUSED, "不是有效的 Excel", "损坏")
    start, size = _member_offset(xlsx_good, "xl/worksheets/sheet1.xml")
    add("flipped_sheet_bytes", "flipped.xlsx", _flip(xlsx_good, start), REFUSED, "损坏")
    big = simple_xlsx([HEADER] + [[f"新{chr(0x4e00 + i % 400)}{chr(0x4e00 + i // 400)}", "男", TEAM, "列席", "", ""]
                                  for i in range(3000)])
    start, size = _member_offset(big, "xl/worksheets/sheet1.xml")
    add("flipped_late_in_sheet", "flipped_late.xlsx", _flip(big, start + size - 200), REFUSED, "损坏")
    broken_row = sheet_xml(good).replace(b'<row r="3">', b'<row r="3"><c r="A3" t="inlineStr"><is><t>x</is></c>')
    add("malformed_row_xml", "malformed.xlsx", xlsx_bytes([("名单", broken_row, "visible")]), REFUSED,
        "损坏", row=3)
    add("workbook_not_xml", "nowb.xlsx", xlsx_bytes([("名单", sheet_xml(good), "visible")],
                                                      replace={"xl/workbook.xml": b"not xml at all"}),
        REFUSED, "损坏")
    add("sheet_part_missing", "nosheet.xlsx",
        xlsx_bytes([("名单", sheet_xml(good), "visible")], drop={"xl/worksheets/sheet1.xml"}), REFUSED, "损坏")
    add("no_visible_sheet", "allhidden.xlsx", xlsx_bytes([("名单", sheet_xml(good), "hidden")]), REFUSED,
        "没有可见的工作表")

    # ---- bombs
    add("zip_bomb_ratio", "bomb_ratio.xlsx",
        xlsx_bytes([("名单", deflate_bomb_part(8 * 1024 * 1024), "visible")]), REFUSED, "压缩")
    add("zip_bomb_declared", "bomb_declared.xlsx", lying_zip(xlsx_good, 0xFFFFFFF0), REFUSED, "压缩炸弹")
    laughs = BILLION_LAUGHS.encode() + sheet_xml(good).split(b"?>", 1)[1].replace(
        "新甲乙".encode(), b"&lol9;")
    add("billion_laughs_sheet", "laughs.xlsx", xlsx_bytes([("名单", laughs, "visible")]), REFUSED, "XML 炸弹")
    strings = (BILLION_LAUGHS + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>').encode()
    add("billion_laughs_strings", "laughs2.xlsx",
        xlsx_bytes([("名单", sheet_xml(good), "visible")], extra={"xl/sharedStrings.xml": strings}),
        REFUSED, "XML 炸弹")
    padded = ('<?xml version="1.0"?>' + "<!--" + "x" * 20000 + "-->" + "\n" * 5000
              + '<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>').encode() + \
        sheet_xml(good).split(b"?>", 1)[1].replace("新甲乙".encode(), b"&e;")
    add("external_entity_after_padding", "xxe.xlsx", xlsx_bytes([("名单", padded, "visible")]), REFUSED, "DTD")

    # ---- what the clerk cannot see
    def hidden_first(book):
        old = book.active
        old.title = "旧名单"
        for row in [HEADER, ["旧甲", "男", TEAM, "代表", "", ""], ["旧乙", "女", TEAM, "代表", "", ""]]:
            old.append(row)
        new = book.create_sheet("名单")
        for row in good:
            new.append(row)
        old.sheet_state = "hidden"
        book.active = 1

    openpyxl_xlsx(folder / "hidden_sheet.xlsx", hidden_first)
    cases.append(Case("hidden_sheet", folder / "hidden_sheet.xlsx", READ, absent=("旧甲", "旧乙"),
                      notice=("名单", "隐藏的工作表“旧名单”")))
    add("hidden_active_sheet", "hidden_active.xlsx",
        xlsx_bytes([("旧名单", sheet_xml([HEADER, ["旧甲", "男", TEAM, "代表", "", ""]]), "hidden"),
                    ("名单", sheet_xml(good), "visible")], active=0),
        READ, absent=("旧甲",), notice=("读取工作表“名单”", "旧名单"))
    add("hidden_rows", "hidden_rows.xlsx",
        simple_xlsx(good + [["隐甲", "男", TEAM, "代表", "", ""], ["新丙丁", "男", TEAM, "列席", "", ""],
                            ["隐乙", "男", TEAM, "代表", "", ""]], hidden_rows=(4, 6)),
        READ, absent=("隐甲", "隐乙"), notice=("隐藏的第 4、6 行",))

    # ---- cells that are not text
    add("formula_without_value_name", "formula.xlsx",
        simple_xlsx(good + [[("f", 'A2&"一"'), "男", TEAM, "代表", "", ""]]), ROW_ERRORS, "公式", row=4, column="姓名")
    add("formula_without_value_note", "formula_note.xlsx",
        simple_xlsx(good + [["王五", "男", TEAM, "代表", "", ("f", 'HYPERLINK("http://x","点")')]]),
        ROW_ERRORS, "公式", row=4, column="备注")

    def numbers_and_dates(book):
        sheet = book.active
        for row in good:
            sheet.append(row)
        sheet.append([123, "男", TEAM, "代表", "", ""])
        sheet.append([dt.datetime(2023, 12, 21), "男", TEAM, "代表", "", ""])
        sheet.append(["王五", "男", TEAM, "代表", "", dt.date(2023, 12, 21)])
        sheet.append(["王六", "男", 3.5, "代表", "", ""])
        sheet.append(["王七", "男", TEAM, True, "", ""])
        sheet.append(["#N/A", "男", TEAM, "代表", "", ""])  # openpyxl writes this as an error value

    openpyxl_xlsx(folder / "types.xlsx", numbers_and_dates)
    for row, column, words in ((4, "姓名", "数字 123"), (5, "姓名", "日期（2023-12-21）"),
                               (6, "备注", "日期（2023-12-21）"), (7, "代表团", "数字 3.5"),
                               (8, "身份", "逻辑值"), (9, "姓名", "错误值“#N/A”")):
        cases.append(Case(f"not_text_row_{row}", folder / "types.xlsx", ROW_ERRORS, (words,), row, column))

    # ---- limits
    long_rows = good + [
        ["王五", "男", TEAM, "代表", "", "备" * 201],
        ["王六", "男", TEAM, "代表", "长" * 500, ""],
        ["王" * 25, "男", TEAM, "代表", "", ""],
        ["王八", "男", "代" * 60, "代表", "", ""],
    ]
    add("long_cells_xlsx", "long.xlsx", simple_xlsx(long_rows), ROW_ERRORS, "内容过长", row=4, column="备注")
    for row, column in ((5, "职务"), (6, "姓名"), (7, "代表团")):
        cases.append(Case(f"long_cells_row_{row}", folder / "long.xlsx", ROW_ERRORS, ("内容过长",), row, column))
    add("long_cells_csv", "long.csv", csv_bytes(long_rows), ROW_ERRORS, "内容过长", row=4, column="备注")
    many = [HEADER] + [[f"新{chr(0x4e00 + i % 500)}{chr(0x4e00 + i // 500)}", "男", TEAM, "列席", "", ""]
                       for i in range(50_000)]
    add("rows_50000_csv", "many.csv", csv_bytes(many), REFUSED, "超过 20000 行", row=20002)
    add("rows_50000_xlsx", "many.xlsx", simple_xlsx(many), REFUSED, "超过 20000 行", row=20002)
    return cases


# ---------------------------------------------------------------- the count corpus


def tally_corpus(folder: Path, good: str) -> list[Case]:
    """Bad count files made from GOOD, the text of a count file the demo session accepts."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines = good.splitlines(keepends=True)
    cases: list[Case] = []
    item = next(i for i, line in enumerate(lines) if line.rstrip().endswith(",70,0,0,0,,"))

    def add(name, data: bytes, *words, row=None) -> None:
        path = folder / f"{name}.csv"
        path.write_bytes(data)
        cases.append(Case(name, path, REFUSED, tuple(words), row))

    def changed(value: str) -> bytes:
        new = list(lines)
        new[item] = new[item].replace(",70,0,0,0,,", f",{value},0,0,0,,")
        return "".join(new).encode()

    row = item + 1
    add("tally_fraction", changed("70.5"), "不是整数", "赞成", row=row)
    add("tally_negative", changed("-1"), "负数", row=row)
    add("tally_huge", changed("10000000"), "大得不可能", row=row)
    add("tally_enormous", changed("9" * 5000), "大得不可能", row=row)
    add("tally_scientific", changed("1e3"), "不是票数", row=row)
    add("tally_words", changed("七十"), "不是票数", row=row)
    add("tally_nul", changed("7\x000"), "空字符", row=row)
    add("tally_quote", changed('"70'), "双引号", row=row)
    add("tally_empty", b"", "空文件")
    add("tally_xlsx_inside", simple_xlsx([["票箱"]]), "其实是 Excel")
    add("tally_gbk_bad_byte", "".join(lines).encode("gbk") + b"\x81\x20\xff\r\n", "编码", row=len(lines) + 1)
    return cases


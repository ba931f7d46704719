"""Importing the roster from a spreadsheet (.xlsx) or a CSV file (UTF-8 or GBK).

Two steps, so nothing is written before the clerk has seen what would change:

* `plan_import_steps(path)` reads the file and the session (once) and works out, row by
  row, what an import would do: 新增, 更新 (which fields), 不变, or 错误 (column and reason).
  It is a generator of `Progress`; its return value is the `ImportPlan`.
  `plan_import(path)` runs it to the end.
* `apply_import(plan)` writes the plan in ONE transaction with bulk inserts. It refuses a
  plan with bad rows unless `good_rows_only` is given, and a plan made before the session
  last changed.

Columns (matched by name, in any order; spaces and full-width forms in the headers are
ignored): 姓名, 代表团, 身份 (代表/列席/工作人员) are required; 性别, 职务, 备注 are optional;
团内职务 (团长/副团长) or the two columns 团长 and 副团长 holding a mark (✓ 是 1 …) set the
delegation's leaders. An empty cell in 性别, 职务 or 备注 keeps what the session has; a leader
mark only adds a title (a new 团长 replaces the delegation's old one), it never removes one.

The mandate (schema 8) has its own optional columns, those the export writes: 状态 (在任/终止),
资格开始方式 (换届/补选), 资格开始日期, 选区, 资格确认会议, 终止日期, 终止原因, 终止决定. A date
is a date cell or text such as 2023-11-29 or 2023年11月29日. An empty cell keeps what the session
has, as for 性别. What a row's 状态 does:

* 终止 for a person serving now: the mandate ends on import (终止资格 in the preview), through
  roster.end_member, the window's rule: 终止日期 and 终止原因 are needed, the end is not before
  the start, a 团长 or 副团长 is not ended (unless the file names the delegation's new 团长), and
  the offices that need the mandate end with it (相应终止, named in the preview).
* 终止 for an ended mandate: its record (date, reason, decision) is corrected if the file differs.
  终止 for a role the session does not have: the past mandate is registered as ended. An ended
  row may leave 代表团 empty (a delegate who ended before the delegations were formed).
* 在任 for an ended mandate: it is reinstated (恢复资格; the offices that ended with it reopen).
  Only the explicit word does this: a row with an empty 状态 for an ended mandate is an error
  that says both ways out (填“在任” to reinstate, 填“终止” or delete the row when the list is
  merely out of date), since an old list must never bring back a delegate by accident.
* One person may have several rows when all but one are ended mandates (黄玉莲: her ended 代表
  mandate and her 列席 role), so a roster exported with its ended mandates reads back whole.

People are matched by name and 备注. Names are compared as `rules.normalize.normalize_name`
writes them (Unicode NFC, one middle dot, no spaces of any kind); a name that differs from
another in the file or the roster only by traditional characters (劉君 / 刘君) is imported as
written and flagged with a 提示. A row with an empty 备注 matches the only person of that name;
a row with a 备注 may match the one person of that name who has none (the 备注 is then added).

Files from outside are read defensively; every problem is a `ServiceError` (the whole file) or
a `RowError` (file, row, column), never a traceback:

* .xlsx: the active sheet if it is visible (else the first visible sheet with a header); hidden
  sheets and hidden rows are left out and named in the plan. Before openpyxl opens the file its
  zip directory is checked (declared unpacked sizes and ratios: zip bombs) and every part's XML
  prolog (a DTD is refused: entity bombs; openpyxl parses with the standard library unless
  defusedxml is installed). Cells keep their type: a number or a date where text belongs, an
  error value, and a formula that was never calculated (no cached value) are row errors.
* .csv: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; NUL bytes, quotes that do
  not close and over-long fields are refused with their row.
* Limits: `MAX_DATA_ROWS` rows, `TEXT_LIMITS` characters per column, `MAX_FILE_BYTES` on disk,
  `MAX_UNPACKED_BYTES` unpacked for an .xlsx.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import unicodedata
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from peewee import fn

from meetingdesk import store
from meetingdesk.rules import mandates as mandate_rules
from meetingdesk.rules import normalize
from meetingdesk.rules import people as people_rules
from meetingdesk.rules.collation import sort_names
from meetingdesk.rules.words import Role
from meetingdesk.store import Delegation, Leader, Member, Office, Person
from meetingdesk.store import models as store_models

from . import backups, roster
from .errors import ServiceError

NEW, UPDATED, UNCHANGED, ERROR = "新增", "更新", "不变", "错误"
KINDS = (NEW, UPDATED, UNCHANGED, ERROR)

NAME, GENDER, DELEGATION, ROLE, TITLE, NOTE, LEADER = "姓名", "性别", "代表团", "身份", "职务", "备注", "团内职务"
HEAD, DEPUTY = store.LEADER_TITLES
# the mandate (schema 8)
STATUS, START_REASON, STARTED_ON, CONSTITUENCY, CONFIRMED_BY = "状态", "资格开始方式", "资格开始日期", "选区", "资格确认会议"
ENDED_ON, END_REASON, END_DECISION = "终止日期", "终止原因", "终止决定"
MANDATE_COLUMNS = (STATUS, START_REASON, STARTED_ON, CONSTITUENCY, CONFIRMED_BY, ENDED_ON, END_REASON, END_DECISION)
COLUMNS = (NAME, GENDER, DELEGATION, ROLE, TITLE, NOTE, LEADER) + MANDATE_COLUMNS  # the export's, in order
REQUIRED = (NAME, DELEGATION, ROLE)
KNOWN = COLUMNS + (HEAD, DEPUTY)
ALIASES = {"工作职务": TITLE, "所属代表团": DELEGATION, "团职": LEADER, "资格状态": STATUS,
           "资格终止日期": ENDED_ON, "资格终止原因": END_REASON, "选举单位": CONSTITUENCY,
           # the demo's seeds/people.csv
           "开始方式": START_REASON, "开始日期": STARTED_ON, "确认会议": CONFIRMED_BY}
ROLE_ALIASES = {"列席人员": Role.ATTENDEE, "列席代表": Role.ATTENDEE, "工作人员们": Role.STAFF}
SERVING, ENDED = store.STATUS_SERVING, store.STATUS_ENDED
STATUS_ALIASES = {"已终止": ENDED, "资格终止": ENDED, "终止资格": ENDED, "资格已终止": ENDED}
START_WORDS = {"换届": mandate_rules.REELECTED, "换届选举": mandate_rules.REELECTED,
               "补选": mandate_rules.BY_ELECTION, "补选产生": mandate_rules.BY_ELECTION}
REELECTED_WORD = "换届"  # how the file says mandate_rules.REELECTED
DATE_COLUMNS = {STARTED_ON: "started_on", ENDED_ON: "ended_on"}
TEXT_FIELDS = {CONSTITUENCY: "constituency", CONFIRMED_BY: "confirmed_by", END_REASON: "end_reason",
               END_DECISION: "end_decision"}
GENDER_ALIASES = {"男性": "男", "女性": "女"}
MARK_YES = {"✓", "✔", "√", "☑", "是", "1", "Y", "YES", "TRUE", "○", "●", "★"}
MARK_NO = {"", "否", "0", "N", "NO", "FALSE", "×", "✗", "✘"}
HEADER_SEARCH_ROWS = 20  # a title may stand above the header row
PROGRESS_EVERY = 250

# ---- limits, each with its own message
MAX_DATA_ROWS = 20_000  # rows with content below the header (a district roster has < 1,000)
MAX_SHEET_ROWS = 200_000  # rows an .xlsx sheet may hold in all, empty ones included
MAX_FILE_BYTES = 50 * 1024 * 1024  # a file on disk
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all parts of an .xlsx, unpacked, as its zip directory declares
MAX_PART_RATIO = 100  # unpacked / packed, for a part of more than RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_PARTS = 10_000  # parts in an .xlsx
MAX_PROLOG_BYTES = 64 * 1024  # what may stand before an XML part's root element
TEXT_LIMITS = {NAME: 20, GENDER: 10, DELEGATION: 50, ROLE: 20, TITLE: 200, NOTE: 200, LEADER: 20,
               HEAD: 20, DEPUTY: 20, STATUS: 10, START_REASON: 10, STARTED_ON: 30, CONSTITUENCY: 100,
               CONFIRMED_BY: 200, ENDED_ON: 30, END_REASON: 200, END_DECISION: 200}
# where a number is refused (职务/备注 take it as text; a date column says what it wants)
TEXT_ONLY = (NAME, GENDER, DELEGATION, ROLE, STATUS, START_REASON)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et, and every password-protected .xlsx


@dataclass(frozen=True)
class Progress:
    done: int
    total: int  # 0 when unknown
    text: str


@dataclass(frozen=True)
class RowError:
    source: str  # the file's name
    line: int  # the row number the spreadsheet shows
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source} 第 {self.line} 行，{self.column}：{self.reason}"


class RowOutcome:
    """What a plan's row says of itself, for a dataclass with kind, changes, errors and warnings
    (PlanRow here, suggestion_exchange's ReplyPlanRow)."""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def change_text(self) -> str:
        """The preview's 变化 column: 新增 / 更新：… / 不变 / 错误：…, then any 提示."""
        if self.errors:
            return "错误：" + "；".join(f"{e.column}：{e.reason}" for e in self.errors)
        text = f"{self.kind}：" + "；".join(self.changes) if self.changes else self.kind
        if self.warnings:
            text += "（提示：" + "；".join(self.warnings) + "）"
        return text


class PlanTally:
    """A plan's counts and errors over its rows, for a dataclass with rows (RowOutcome) and the
    kinds its rows can be in KINDS (ImportPlan here, suggestion_exchange's ReplyPlan)."""

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        return {k: self.count(k) for k in self.KINDS}

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.rows for e in r.errors]

    @property
    def has_errors(self) -> bool:
        return any(r.errors for r in self.rows)


@dataclass
class PlanRow(RowOutcome):
    """One row of the file and what importing it would do."""

    line: int
    name: str
    delegation: str  # as written in the file
    role: str
    note: str = ""
    kind: str = UNCHANGED
    changes: list[str] = field(default_factory=list)  # 代表团：A → B（调团）
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # 提示 that do not stop the import
    # resolved values (None: not given in the file, keep the session's)
    gender: str | None = None
    work_title: str | None = None
    delegation_id: int | None = None
    leader: str = ""  # 团长 / 副团长 / "" (no mark)
    # what it writes
    person_id: int | None = None
    member_id: int | None = None
    new_person: bool = False
    new_member: bool = False
    note_added: bool = False
    person_fields: dict = field(default_factory=dict)
    member_fields: dict = field(default_factory=dict)
    # the mandate: 状态 as the file says it (None: not said), the other cells given (model field
    # names: started_on, start_reason, constituency, confirmed_by, ended_on, end_reason, end_decision)
    status: str | None = None
    mandate: dict = field(default_factory=dict)
    delegation_kept: bool = False  # an ended row with an empty 代表团: keep the session's
    primary: PlanRow | None = field(default=None, repr=False, compare=False)  # a new person's main row
    ending: bool = False  # a serving mandate ends (or a new one is registered as ended)
    reinstating: bool = False
    end: tuple | None = None  # (ended_on, reason, decision) for roster.end_member
    moved_end: tuple | None = None  # (old, new) end date of an ended mandate corrected
    result: Mandate | None = None  # the mandate as the row leaves it


@dataclass
class ImportPlan(PlanTally):
    source: str
    rows: list[PlanRow]
    columns: list[str]  # the recognised columns, canonical names
    ignored_columns: list[str]  # headers this import does not use
    leaders: dict[int, tuple[int | None, list[int]]]  # delegation -> (团长, 副团长) after import
    stamp: tuple
    sheet: str = ""  # the worksheet read (an .xlsx), "" for a CSV
    hidden_sheets: list[str] = field(default_factory=list)  # left out
    hidden_rows: list[int] = field(default_factory=list)  # rows with content left out because hidden
    notices: list[str] = field(default_factory=list)  # what the preview should say about the file
    KINDS = KINDS

    @property
    def warnings(self) -> list[str]:
        """Every 提示 of a row, with its row: “名单.xlsx 第 3 行，姓名：……”."""
        return [f"{self.source} 第 {r.line} 行，{NAME}：{w}" for r in self.rows for w in r.warnings]

    @property
    def has_changes(self) -> bool:
        return any(r.kind in (NEW, UPDATED) for r in self.rows)

    def summary(self) -> str:
        c = self.counts
        text = f"新增 {c[NEW]}，更新 {c[UPDATED]}，不变 {c[UNCHANGED]}，错误 {c[ERROR]}"
        extra = list(self.notices)
        ending = sum(1 for r in self.rows if r.ok and r.ending)
        reinstating = sum(1 for r in self.rows if r.ok and r.reinstating)
        if ending:
            extra.append(f"其中终止资格 {ending} 人")
        if reinstating:
            extra.append(f"其中恢复资格 {reinstating} 人")
        flagged = sum(1 for r in self.rows if r.warnings)
        if flagged:
            extra.append(f"{flagged} 行有提示")
        return text + (f"（{'；'.join(extra)}）" if extra else "")


@dataclass(frozen=True)
class ImportResult:
    new: int
    updated: int
    unchanged: int
    skipped: int  # bad rows left out


# ---------------------------------------------------------------- reading the file


def _header_key(text: str) -> str:
    key = unicodedata.normalize("NFKC", text)
    key = "".join(key.split()).strip("*＊:：")
    return ALIASES.get(key, key)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().strip("\u3000").strip()


def _token(text: str) -> str:
    """A cell that holds a choice (身份, 性别, marks): full-width forms and spaces ignored."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _clip(text: str, limit: int = 20) -> str:
    """TEXT as a message may quote it."""
    return text if len(text) <= limit else text[:limit] + "…"


def _lines(numbers: list[int], limit: int = 10) -> str:
    shown = "、".join(str(n) for n in numbers[:limit])
    return shown + (f" 等 {len(numbers)} 行" if len(numbers) > limit else "")


# A row as the readers give it: (line, cells, odd, hidden). Cells are texts by column index
# (0-based, sparse); ODD holds, by column index, what a cell was when it was not text:
# ("number", "123"), ("date", "2023-12-21"), ("bool", "TRUE"), ("error", "#N/A"), ("formula", "").
RawRow = tuple[int, dict[int, str], dict[int, tuple[str, str]], bool]


@dataclass
class _Table:
    source: str
    header_line: int
    columns: dict[str, int]  # canonical name -> index
    ignored: list[str]
    rows: list[tuple[int, list[str], dict[int, tuple[str, str]]]]  # (line, cells, odd)
    sheet: str = ""
    hidden_sheets: list[str] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def header_columns(line: int, cells: list[str], keys: list[str], source: str, known: tuple[str, ...],
                   required: tuple[str, ...], optional: tuple[str, ...] | None = None,
                   passed: tuple[str, ...] = ()) -> tuple[int, dict[str, int], list[str]]:
    """The header row LINE, its CELLS read as KEYS (canonical names): (line, column name -> index,
    the headers not used, PASSED ones not counted among them); ServiceError for a column named
    twice or a REQUIRED one missing (naming OPTIONAL ones, by default the other KNOWN ones)."""
    columns: dict[str, int] = {}
    ignored = []
    for i, (raw, key) in enumerate(zip(cells, keys)):
        if key in known:
            if key in columns:
                raise ServiceError(f"{source} 第 {line} 行的表头中“{key}”出现了两次，请删去一列。")
            columns[key] = i
        elif raw and key not in passed:
            ignored.append(_clip(raw))
    missing = [c for c in required if c not in columns]
    if missing:
        raise ServiceError(f"{source} 的表头（第 {line} 行）缺少“{'”“'.join(missing)}”列。"
                           f"需要的列：{'、'.join(required)}；"
                           f"可选：{'、'.join(optional or (c for c in known if c not in required))}。")
    return line, columns, ignored


def _header_in(line: int, cells: list[str], source: str) -> tuple[int, dict[str, int], list[str]] | None:
    """LINE as the header row if it names 姓名; ServiceError if it is one but incomplete."""
    keys = [_header_key(c) for c in cells]
    if NAME not in keys:
        return None
    return header_columns(line, cells, keys, source, KNOWN, REQUIRED)


def _no_header(source: str, hint: str = "") -> ServiceError:
    return ServiceError(f"{source} 中找不到表头：第一行应是列名，如“姓名、性别、代表团、身份、职务、备注”。" + hint)


@dataclass(frozen=True)
class TableShape:
    """What read_table looks for: HEADER(line, cells, source) finds the header row ((line, columns,
    ignored) or None), NO_HEADER(source, hint) says none was found; NOUN is what the file is."""

    header: Callable[[int, list[str], str], tuple[int, dict[str, int], list[str]] | None]
    no_header: Callable[..., ServiceError]
    noun: str


ROSTER_SHAPE = TableShape(_header_in, _no_header, "名单")


def _collect(rows: Iterator[RawRow], source: str, where: str, total: int,
             table: _Table, shape: TableShape = ROSTER_SHAPE) -> Generator[Progress, None, bool]:
    """Find the header in ROWS, then gather the rows below it into TABLE; False if no header.

    Hidden rows never count: above the header they are passed over, below it they are left
    out and listed in TABLE.hidden_rows."""
    found = None
    for line, cells, _odd, hidden in rows:
        if not hidden and any(cells.values()):
            dense = [cells.get(i, "") for i in range(max(cells) + 1)]
            found = shape.header(line, dense, source)
            if found:
                break
        if line >= HEADER_SEARCH_ROWS:
            break
    if found is None:
        return False
    table.header_line, table.columns, table.ignored = found
    width = max(table.columns.values()) + 1
    used = set(table.columns.values())
    count = 0
    for line, cells, odd, hidden in rows:
        if line > MAX_SHEET_ROWS:
            raise ServiceError(f"{source}{where}超过 {MAX_SHEET_ROWS} 行（含空行），不像是一份{shape.noun}。"
                               f"请删去多余的行，或把{shape.noun}复制到一个新文件后再导入。")
        content = [cells.get(i, "") for i in range(width)]
        odd = {i: v for i, v in odd.items() if i in used}
        if any(cells.values()) or odd:
            if hidden:
                table.hidden_rows.append(line)
            else:
                count += 1
                if count > MAX_DATA_ROWS:
                    raise ServiceError(f"{source}{where}的数据超过 {MAX_DATA_ROWS} 行（第 {line} 行是第 "
                                       f"{count} 行数据）。一次最多导入 {MAX_DATA_ROWS} 行，请把{shape.noun}分成几个文件导入。")
                table.rows.append((line, content, odd))
        if line % PROGRESS_EVERY == 0:
            yield Progress(line, total, f"正在读取 {source} 第 {line} 行…")
    return True


# ---- CSV


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ServiceError(f"{source} 太大（{size / 1048576:.0f} MB），最多 {MAX_FILE_BYTES // 1048576} MB。"
                               "名单文件通常不到 1 MB，请确认选对了文件。")
        return path.read_bytes()
    except OSError as exc:
        raise ServiceError(f"无法读取 {source}：{exc.strerror or exc}") from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """DATA as UTF-16 text without BOM, if that is what it is: its ASCII commas, digits and line
    ends make every other byte 0; the text must then read without NULs and have a delimiter."""
    head = data[:4000]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd > 3 * even:
        codec = "utf-16-le"
    elif even > 3 * odd:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return text if "\x00" not in text and ("," in text or "\t" in text) else None


def _decode(data: bytes, source: str) -> str:
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise ServiceError(f"{source} 是 UTF-16 编码，但内容不完整或已损坏（第 {exc.start + 1} 个字节），无法读取。"
                           "请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再试。") from exc
    if b"\x00" in data[:4000]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8 = exc
    if utf8.end >= len(data) and "unexpected end" in utf8.reason and utf8.start > len(data) - 4:
        line = data.count(b"\n", 0, utf8.start) + 1
        raise ServiceError(f"{source} 的末尾不完整（第 {line} 行的最后一个字只剩半个），文件可能没有下载或复制完整。"
                           "请重新取得文件后再导入。") from utf8
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        # the encoding that read further is the file's: its error is the one to show
        at, codec = (exc.start, "GBK") if exc.start >= utf8.start else (utf8.start, "UTF-8")
        line = data.count(b"\n", 0, at) + 1
        raise ServiceError(f"{source} 既不是 UTF-8 也不是 GBK 编码（大致是 {codec}，但第 {line} 行有无法识别的字节），"
                           "无法读取。请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再试。") from exc


def _csv_text(path: Path, source: str) -> str:
    data = _read_bytes(path, source)
    if not data.strip():
        raise ServiceError(f"{source} 是空文件，没有可导入的内容。")
    if data.startswith(_ZIP_MAGIC):
        raise ServiceError(f"{source} 其实是 Excel（.xlsx）文件，不是 CSV 文本。请把文件的扩展名改为 .xlsx 后再导入。")
    if data.startswith(_OLE_MAGIC):
        raise ServiceError(f"{source} 其实是旧版 Excel（.xls）或设置了密码的文件，不是 CSV 文本。"
                           "请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后再导入。")
    text = _decode(data, source)
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ServiceError(f"{source} 第 {line} 行含有空字符（NUL），文件可能已损坏，或不是文本文件。"
                           "请在 Excel 中打开，另存为“CSV UTF-8”后再导入。")
    return text


def _csv_error(source: str, record: int, first: int, last: int, exc: csv.Error) -> ServiceError:
    text = str(exc)
    where = f"{source} 第 {record} 行" + (f"（文本第 {first} 行起）" if first != record else "")
    if "unexpected end of data" in text or "newline inside string" in text:
        return ServiceError(f"{where}：英文双引号没有配对，从这里到文件末尾（文本第 {last} 行）都成了一个单元格。"
                            "请检查这一行的双引号（\"）。")
    if "expected after" in text:
        return ServiceError(f"{where}：英文双引号后面应是分隔符（逗号）。双引号只能括住整个单元格；"
                            "单元格内的双引号要写两遍（\"\"）。")
    if "field larger than field limit" in text:
        return ServiceError(f"{where}：有一个单元格超过 {csv.field_size_limit()} 个字符，文件可能已损坏，"
                            "或引号没有配对。")
    return ServiceError(f"{where}：CSV 格式有误（{text}）。请在 Excel 中打开，另存为“CSV UTF-8”后再导入。")


def _csv_records(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells) for every record of TEXT."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    record = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _csv_error(source, record + 1, start, reader.line_num, exc) from exc
        record += 1
        yield record, [_cell(c) for c in cells]


def csv_rows(path: Path) -> tuple[Iterator[tuple[int, list[str]]], int]:
    """Every record of the CSV file PATH as (row, cells), and how many; ServiceError, naming the
    row, for a file that cannot be read (encoding, NUL bytes, quotes, size, too many rows)."""
    path = Path(path)
    _check_path(path)
    lines = []
    for record, cells in _csv_records(_csv_text(path, path.name), path.name):
        if record > MAX_DATA_ROWS + HEADER_SEARCH_ROWS:
            raise ServiceError(f"{path.name} 超过 {MAX_DATA_ROWS} 行，一次最多读取 {MAX_DATA_ROWS} 行。")
        lines.append((record, cells))
    return iter(lines), len(lines)


def _read_csv(path: Path, source: str, shape: TableShape) -> Generator[Progress, None, _Table]:
    text = _csv_text(path, source)
    rows = ((line, dict(enumerate(cells)), {}, False) for line, cells in _csv_records(text, source))
    table = _Table(source, 0, {}, [], [])
    if not (yield from _collect(rows, source, " ", text.count("\n") + 1, table, shape)):
        utf8 = True
        try:
            path.read_bytes().decode("utf-8-sig")
        except (UnicodeDecodeError, OSError):
            utf8 = False
        raise shape.no_header(source, "" if utf8 else "（文件按 GBK 编码读取；如是繁体 Big5 等其他编码，"
                                                  "请在 Excel 中另存为“CSV UTF-8”后再导入。）")
    return table


# ---- .xlsx


def _not_xlsx(path: Path, source: str, why: str = "") -> ServiceError:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        head = b""
    if why:
        hint = "请确认选对了文件，或在 Excel 中另存为 .xlsx 后再试。"
    elif not head:
        hint = "文件是空的（0 字节）。"
    elif head.startswith(_OLE_MAGIC):
        hint = "这是旧版 Excel（.xls）或设置了打开密码的文件。请去掉密码，或另存为 .xlsx 后再导入。"
    elif head.startswith(_ZIP_MAGIC):
        hint = "文件不完整或已损坏（可能没有下载或复制完整）。请在 Excel 中打开并另存后再试。"
    elif b"\x00" not in head and (b"," in head or b"\t" in head):
        hint = "它看起来是 CSV 文本文件。请把文件的扩展名改为 .csv 后再导入。"
    else:
        hint = "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。"
    return ServiceError(f"无法读取 {source}：不是有效的 Excel（.xlsx）文件。{why}{hint}")


def _prolog_verdict(buf: bytes, eof: bool) -> bool | None:
    """Whether the XML in BUF starts its root element without a DTD before it; None: read more."""
    if buf.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = buf[2:].decode("utf-16-le" if buf[:2] == b"\xff\xfe" else "utf-16-be", "ignore")
    else:
        text = buf.decode("latin-1")  # the markup that matters is ASCII
        if text.startswith("\xef\xbb\xbf"):
            text = text[3:]
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if n - i < 9 and not eof:
            return None
        if i >= n:
            return True  # empty: the parser will report it
        if text.startswith("<?", i):
            end = text.find("?>", i + 2)
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
        elif text.startswith("<!", i):
            return False  # <!DOCTYPE …>: entities (billion laughs) or an external reference
        else:
            return True  # the root element, or no XML at all (the parser will say so)
        if end < 0:
            return None if not eof else True
        i = end + (2 if text[i + 1] == "?" else 3)


def _check_package(path: Path, source: str) -> None:
    """Refuse an .xlsx whose zip directory or XML could exhaust memory, before openpyxl opens it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ServiceError(f"无法读取 {source}：{exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        raise ServiceError(f"{source} 太大（{size / 1048576:.0f} MB），最多 {MAX_FILE_BYTES // 1048576} MB。"
                           "名单文件通常不到 1 MB，请确认选对了文件。")
    try:
        archive = zipfile.ZipFile(path)
    except OSError as exc:
        raise ServiceError(f"无法读取 {source}：{exc.strerror or exc}") from exc
    except Exception as exc:  # BadZipFile, ValueError, NotImplementedError … from a damaged directory
        raise _not_xlsx(path, source) from exc
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise ServiceError(f"无法读取 {source}：文件由 {len(parts)} 个部分组成，不像是 Excel 名单，可能是恶意文件。")
        names = {p.filename for p in parts}
        if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
            what = "Word 文件" if "word/document.xml" in names else "PowerPoint 文件" \
                if "ppt/presentation.xml" in names else ""
            raise _not_xlsx(path, source, f"这是一个 {what}。" if what else "压缩包中没有 Excel 工作簿。")
        unpacked = sum(p.file_size for p in parts)
        if unpacked > MAX_UNPACKED_BYTES:
            raise ServiceError(f"无法读取 {source}：解压后有 {unpacked / 1048576:.0f} MB，超过 "
                               f"{MAX_UNPACKED_BYTES // 1048576} MB 的上限（名单通常不到 5 MB），可能是恶意文件（压缩炸弹）。")
        for part in parts:
            if part.file_size > RATIO_FROM and part.file_size > MAX_PART_RATIO * max(part.compress_size, 1):
                raise ServiceError(f"无法读取 {source}：其中“{_clip(part.filename, 40)}”压缩比异常"
                                   f"（{part.compress_size} 字节解压为 {part.file_size} 字节），可能是恶意文件（压缩炸弹）。")
        for part in parts:
            if part.is_dir():
                continue
            try:
                with archive.open(part) as fh:
                    buf, verdict = b"", None
                    while verdict is None and len(buf) <= MAX_PROLOG_BYTES:
                        chunk = fh.read(4096)
                        buf += chunk
                        verdict = _prolog_verdict(buf, eof=not chunk)
            except Exception as exc:  # a damaged part: bad CRC, bad deflate data, encrypted member
                raise _not_xlsx(path, source, f"其中“{_clip(part.filename, 40)}”已损坏。") from exc
            if not verdict:
                raise ServiceError(f"无法读取 {source}：其中“{_clip(part.filename, 40)}”含有文档类型定义（DTD），"
                                   "Excel 不会写出这样的文件，可能是恶意文件（XML 炸弹）。请在 Excel 中另存后再试。")


def _typed(value, data_type: str) -> tuple[str, tuple[str, str] | None]:
    """A cell's text and, when it was not text, what it was."""
    if value is None:
        return "", None
    if data_type == "e":
        return str(value), ("error", str(value))
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), ("bool", "TRUE" if value else "FALSE")
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time, _dt.timedelta)):
        if isinstance(value, _dt.datetime) and value.time() == _dt.time():
            value = value.date()
        text = str(value)
        return text, ("date", text)
    if isinstance(value, (int, float)):
        text = _cell(value)
        return text, ("number", text)
    return _cell(value), None


def _sheet_parser_class():
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    formula_tag, value_tag = f"{{{SHEET_MAIN_NS}}}f", f"{{{SHEET_MAIN_NS}}}v"

    class SheetParser(WorkSheetParser):
        """openpyxl's streaming parser with cached values, that also says which cells hold a
        formula without a cached value and which rows are hidden."""

        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if (cell["value"] is None and element.find(formula_tag) is not None
                    and element.find(value_tag) is None):  # <v></v> is a result: the empty text
                cell["formula"] = True
            return cell

        def parse_row(self, row):
            line, cells = super().parse_row(row)
            return line, cells, row.get("hidden") in ("1", "true")

    return SheetParser


@dataclass
class _Position:
    line: int = 0  # the last row read


def _sheet_rows(book, sheet, at: _Position) -> Iterator[RawRow]:
    parser_class = _sheet_parser_class()
    with book._archive.open(sheet._worksheet_path) as src:
        parser = parser_class(src, sheet._shared_strings, data_only=True, epoch=book.epoch,
                              date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        rows = parser.parse()
        while True:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl's note on a date out of range: an error cell
                item = next(rows, None)
            if item is None:
                return
            line, cells, hidden = item
            at.line = line
            texts: dict[int, str] = {}
            odd: dict[int, tuple[str, str]] = {}
            for cell in cells:
                i = cell["column"] - 1
                if cell.get("formula"):
                    odd[i] = ("formula", "")
                    continue
                text, kind = _typed(cell["value"], cell["data_type"])
                if text:
                    texts[i] = text
                if kind:
                    odd[i] = kind
            yield line, texts, odd, hidden


def _read_xlsx(path: Path, source: str, shape: TableShape) -> Generator[Progress, None, _Table]:
    _check_package(path, source)
    import openpyxl

    table = _Table(source, 0, {}, [], [])
    at = _Position()
    sheet_name = ""
    book = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions, styles …
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            sheets = book.worksheets
            visible = [s for s in sheets if s.sheet_state == "visible"]
            table.hidden_sheets = [s.title for s in sheets if s.sheet_state != "visible"]
            if not sheets:
                raise ServiceError(f"无法读取 {source}：文件中没有工作表（文件可能已损坏）。"
                                   "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。")
            if not visible:
                raise ServiceError(f"{source} 中没有可见的工作表。请在 Excel 中取消隐藏{shape.noun}所在的工作表后再导入。")
            active = book.active
            order = ([active] if active in visible else []) + [s for s in visible if s is not active]
            for sheet in order:
                sheet_name, at.line = sheet.title, 0
                rows = _sheet_rows(book, sheet, at)
                try:
                    found = yield from _collect(rows, source, f"（工作表“{sheet.title}”）", sheet.max_row or 0,
                                                table, shape)
                finally:
                    rows.close()
                if found:
                    table.sheet = sheet.title
                    if sheet is not order[0]:
                        table.notices.append(f"当前工作表“{order[0].title}”中没有表头")
                    break
    except ServiceError:
        raise
    except OSError as exc:
        raise ServiceError(f"无法读取 {source}：{exc.strerror or exc}") from exc
    except MemoryError as exc:
        raise ServiceError(f"无法读取 {source}：文件内容太多，内存不足。") from exc
    except Exception as exc:  # noqa: BLE001 - whatever a damaged file makes openpyxl raise
        where = f"（工作表“{sheet_name}”）第 {at.line + 1} 行附近" if sheet_name else ""
        raise ServiceError(f"无法读取 {source}{where}：文件内容已损坏，或不是 Excel 写出的格式"
                           f"（{type(exc).__name__}）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。") from exc
    finally:
        if book is not None:
            try:
                book.close()
            except Exception:  # noqa: BLE001 - closing a damaged archive
                pass
    if not table.sheet:
        names = "、".join(f"“{s.title}”" for s in visible)
        raise shape.no_header(source, f"（已查看工作表{names}）")
    table.notices.insert(0, f"读取工作表“{table.sheet}”")
    if table.hidden_sheets:
        table.notices.append(f"未读取隐藏的工作表“{'”“'.join(_clip(n, 31) for n in table.hidden_sheets)}”")
    return table


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise ServiceError(f"“{path}”是一个文件夹，不是文件。请选择要导入的 .xlsx 或 .csv 文件。")
    if not path.exists():
        raise ServiceError(f"找不到文件“{path}”。")
    if not path.is_file():
        raise ServiceError(f"“{path}”不是普通文件，无法导入。")


def read_table(path: str | Path, shape: TableShape = ROSTER_SHAPE) -> Generator[Progress, None, _Table]:
    """Read the header and the rows of PATH (a roster, or the file SHAPE says); yields progress,
    returns the table."""
    path = Path(path)
    source = path.name
    _check_path(path)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et", ".wps"):
        raise ServiceError(f"不支持 {suffix} 格式。请在 Excel 或 WPS 中把 {source} 另存为 .xlsx 或 CSV 后再导入。")
    if suffix in (".xlsx", ".xlsm"):
        table = yield from _read_xlsx(path, source, shape)
    elif suffix in (".csv", ".txt", ".tsv"):
        table = yield from _read_csv(path, source, shape)
    else:
        raise ServiceError(f"只能导入 .xlsx 或 .csv 文件，不能导入“{source}”。")
    if table.hidden_rows:
        table.notices.append(f"未读取隐藏的第 {_lines(table.hidden_rows)} 行")
    return table


# ---------------------------------------------------------------- the session, loaded once


class Mandate(NamedTuple):
    """A member's mandate as the session holds it (or as a row would leave it)."""

    started_on: _dt.date | None = None
    start_reason: str = ""
    constituency: str = ""
    confirmed_by: str = ""
    status: str = store.STATUS_SERVING
    ended_on: _dt.date | None = None
    end_reason: str = ""
    end_decision: str = ""


@dataclass
class _Snapshot:
    delegations: dict[int, str]
    delegation_by_key: dict[str, int]
    persons: dict[int, tuple[str, str, str, str]]  # id -> name, gender, note, work_title
    by_name: dict[str, list[int]]  # normalised name -> people
    members: dict[int, list[tuple[int, int, str, str, object]]]  # person -> (mid, did, role, status, ended)
    member_of: dict[int, tuple[int, int, str]]  # member -> person, delegation, role
    heads: dict[int, int | None]
    deputies: dict[int, list[int]]
    next_person: int
    next_member: int
    mandates: dict[int, Mandate] = field(default_factory=dict)  # member -> mandate
    offices: dict[int, list[tuple[str, str, object, str]]] = field(default_factory=dict)  # person -> offices

    @classmethod
    def load(cls) -> _Snapshot:
        delegations = {did: name for did, name in Delegation.select(Delegation.id, Delegation.name).tuples()}
        by_key = {}
        for did, name in delegations.items():
            by_key[name] = did
            by_key.setdefault(_token(name), did)
        persons = {}
        by_name: dict[str, list[int]] = defaultdict(list)
        for pid, name, gender, note, title in Person.select(
                Person.id, Person.name, Person.gender, Person.note, Person.work_title).tuples():
            persons[pid] = (name, gender, note, title)
            by_name[_name_key(name)].append(pid)
        members: dict[int, list] = defaultdict(list)
        member_of = {}
        mandates = {}
        for (mid, pid, did, role, status, ended, started, start_reason, constituency, confirmed_by,
             end_reason, end_decision) in Member.select(
                Member.id, Member.person, Member.delegation, Member.role, Member.status,
                Member.ended_on, Member.started_on, Member.start_reason, Member.constituency,
                Member.confirmed_by, Member.end_reason, Member.end_decision).tuples():
            members[pid].append((mid, did, role, status, ended))
            member_of[mid] = (pid, did, role)
            mandates[mid] = Mandate(started, start_reason, constituency, confirmed_by, status, ended,
                                    end_reason, end_decision)
        offices: dict[int, list] = defaultdict(list)
        for pid, body, title, ended, reason in Office.select(
                Office.person, Office.body, Office.title, Office.ended_on, Office.end_reason).tuples():
            offices[pid].append((body, title, ended, reason))
        heads: dict[int, int | None] = {did: None for did in delegations}
        deputies: dict[int, list[int]] = {did: [] for did in delegations}
        for did, mid, title in (Leader.select(Leader.delegation, Leader.member, Leader.title)
                                .order_by(Leader.position, Leader.id).tuples()):
            if title == HEAD:
                heads[did] = mid
            else:
                deputies[did].append(mid)
        return cls(delegations, by_key, persons, by_name, members, member_of, heads, deputies,
                   (Person.select(fn.MAX(Person.id)).scalar() or 0) + 1,
                   (Member.select(fn.MAX(Member.id)).scalar() or 0) + 1, mandates, offices)

    def delegation_id(self, text: str) -> int | None:
        for key in (text, _token(text), _token(text) + "代表团"):
            if key in self.delegation_by_key:
                return self.delegation_by_key[key]
        return None

    def describe(self, pid: int) -> str:
        name, _, note, _ = self.persons[pid]
        where = [f"{self.delegations[did]}{role}" for _, did, role, status, _ in self.members.get(pid, ())
                 if status == store.STATUS_SERVING]
        return (f"备注“{note}”" if note else "无备注") + (f"，{'、'.join(where)}" if where else "")


def _name_key(name: str) -> str:
    """A name as the import compares it (NFC, one middle dot, no spaces)."""
    return people_rules.normalise_name(normalize.normalize_name(name))


def _stamp() -> tuple:
    """Changes to the session since it was opened, by this program or another."""
    return store.change_stamp()


# ---------------------------------------------------------------- planning


def _cell_problem(column: str, value: str, odd: tuple[str, str] | None) -> str | None:
    """Why the cell VALUE of COLUMN cannot be taken, before its meaning is looked at; None if it can."""
    if odd is not None:
        kind, shown = odd
        if kind == "formula":
            return ("是公式，但文件中没有公式的计算结果（文件保存前没有在 Excel 中计算过）。"
                    "请在 Excel 或 WPS 中打开此文件、保存后再导入，或把公式改为文字。")
        if kind == "error":
            return f"是错误值“{_clip(shown)}”（公式出错），请在 Excel 中改正。"
        if kind == "date" and column not in DATE_COLUMNS:
            return (f"应填文字，这里却是日期（{shown}）。如确需填写，请把单元格格式设为“文本”后重新输入。")
        if kind in ("number", "bool") and column in DATE_COLUMNS:
            what = "数字" if kind == "number" else "逻辑值"
            return (f"应填日期，这里却是{what} {_clip(shown)}。请填写如 2023-11-29 或 2023年11月29日，"
                    "或把单元格格式设为日期。")
        if kind in ("number", "bool") and column in TEXT_ONLY:
            what = "数字" if kind == "number" else "逻辑值"
            return f"应填文字，这里却是{what} {_clip(shown)}。"
    if _CONTROL.search(value):
        return "含有控制字符（不可见的特殊字符），请删去后再导入。"
    limit = TEXT_LIMITS.get(column)
    length = len(_name_key(value)) if column == NAME else len(value)  # alignment spaces do not count
    if limit and length > limit:
        return f"内容过长：{length} 个字，最多 {limit} 个字。"
    return None


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DATE_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")


def parse_date(text: str) -> tuple[_dt.date | None, str]:
    """A date cell's text (2023-11-29, 2023/11/29, 2023.11.29, 2023年11月29日, 20231129, a date
    cell's own 2023-11-29 00:00:00) as a date, or None and what is wrong."""
    key = unicodedata.normalize("NFKC", text).strip()
    found = _DATE.fullmatch(key) or _DATE_DIGITS.fullmatch(key)
    if not found:
        return None, f"看不懂的日期“{_clip(text)}”。请填写如 2023-11-29 或 2023年11月29日。"
    year, month, day = (int(g) for g in found.groups())
    try:
        value = _dt.date(year, month, day)
    except ValueError:
        return None, f"“{_clip(text)}”不是有效的日期（{year}年没有{month}月{day}日）。"
    if not 1949 <= year <= 2100:
        return None, f"日期“{_clip(text)}”的年份看来有误。"
    return value, ""


def _parse(cells: list[str], line: int, table: _Table, snap: _Snapshot,
           odd: dict[int, tuple[str, str]] | None = None) -> PlanRow:
    cols = table.columns
    odd = odd or {}
    blocked: dict[str, str] = {}  # column -> why its cell cannot be taken
    for column, i in cols.items():
        problem = _cell_problem(column, cells[i] if i < len(cells) else "", odd.get(i))
        if problem:
            blocked[column] = problem

    def get(column: str) -> str:
        i = cols.get(column)
        if column in blocked:
            return ""
        return cells[i] if i is not None and i < len(cells) else ""

    def shown(column: str) -> str:
        i = cols.get(column)
        return _clip(cells[i]) if i is not None and i < len(cells) else ""

    raw_name, raw_team, raw_role = get(NAME), get(DELEGATION), get(ROLE)
    row = PlanRow(line, _name_key(raw_name) if NAME not in blocked else shown(NAME),
                  raw_team if DELEGATION not in blocked else shown(DELEGATION),
                  raw_role if ROLE not in blocked else shown(ROLE), note=get(NOTE))

    def bad(column: str, reason: str) -> None:
        row.errors.append(RowError(table.source, line, column, reason))

    for column in KNOWN:
        if column in blocked:
            bad(column, blocked[column])
    if NAME in blocked:
        pass
    elif not row.name:
        bad(NAME, "缺少姓名。")
    else:
        err = people_rules.check_name(row.name)
        if err:
            bad(NAME, err.message)
    if STATUS in cols and get(STATUS):
        status = _token(get(STATUS))
        status = STATUS_ALIASES.get(status, status)
        if status in (SERVING, ENDED):
            row.status = status
        else:
            bad(STATUS, f"状态只能填“在任”或“终止”（不改变可留空），不能是“{get(STATUS)}”。")
    if GENDER in cols and get(GENDER):
        gender = _token(get(GENDER))
        gender = GENDER_ALIASES.get(gender, gender)
        if people_rules.check_gender(gender):
            bad(GENDER, f"性别只能填“男”或“女”（不详可留空），不能是“{get(GENDER)}”。")
        row.gender = gender
    if DELEGATION in blocked:
        pass
    elif not raw_team:
        if row.status == ENDED:  # ended before the delegations were formed, or kept as it is
            row.delegation_kept = True
        else:
            bad(DELEGATION, "缺少代表团。")
    else:
        row.delegation_id = snap.delegation_id(raw_team)
        if row.delegation_id is None:
            bad(DELEGATION, f"本次会议没有“{raw_team}”。请改正名称，或先在程序中新建该代表团。")
        else:
            row.delegation = snap.delegations[row.delegation_id]
    role = _token(raw_role)
    role = ROLE_ALIASES.get(role, role)
    if ROLE in blocked:
        pass
    elif not raw_role:
        bad(ROLE, "缺少身份（代表、列席或工作人员）。")
    elif role not in store.ROLES:
        bad(ROLE, f"身份只能是代表、列席或工作人员，不能是“{raw_role}”。")
    else:
        row.role = role
    if TITLE in cols and get(TITLE):
        row.work_title = get(TITLE)

    marks = []
    if LEADER in cols and get(LEADER):
        title = _token(get(LEADER))
        if title in (HEAD, DEPUTY):
            marks.append((LEADER, title))
        elif title not in MARK_NO:
            bad(LEADER, f"团内职务只能填“团长”或“副团长”（或留空），不能是“{get(LEADER)}”。")
    for column in (HEAD, DEPUTY):
        if column in cols:
            mark = _token(get(column))
            if mark in MARK_YES or mark == column:
                marks.append((column, column))
            elif mark not in MARK_NO:
                bad(column, f"看不懂的标记“{get(column)}”。担任{column}请填 ✓、是 或 1，否则留空。")
    titles = {t for _, t in marks}
    if len(titles) > 1:
        bad(marks[-1][0], "同一人不能既是团长又是副团长。")
    elif titles:
        row.leader = titles.pop()
        if row.role in store.ROLES and row.role != Role.DELEGATE:
            bad(marks[0][0], f"{row.leader}必须是本代表团的代表，这一行的身份是{row.role}。")
        elif row.status == ENDED:
            bad(marks[0][0], f"{row.leader}必须是在任代表，这一行的状态是终止。")
    _parse_mandate(row, get, bad)
    return row


def _parse_mandate(row: PlanRow, get, bad) -> None:
    """The mandate's cells of ROW into row.mandate (only those not empty)."""
    for column, key in DATE_COLUMNS.items():
        text = get(column)
        if text:
            day, why = parse_date(text)
            if day is None:
                bad(column, why)
            else:
                row.mandate[key] = day
    text = get(START_REASON)
    if text:
        word = _token(text)
        if word in START_WORDS:
            row.mandate["start_reason"] = START_WORDS[word]
        else:
            bad(START_REASON, f"资格开始方式只能填“换届”或“补选”（不改变可留空），不能是“{text}”。")
    for column, key in TEXT_FIELDS.items():
        text = get(column)
        if text:
            row.mandate[key] = text


def plan_import_steps(path: str | Path) -> Generator[Progress, None, ImportPlan]:
    """Work out what importing PATH would do; yields progress, returns the plan. Writes nothing."""
    table = yield from read_table(path)
    stamp = _stamp()
    snap = _Snapshot.load()
    total = len(table.rows)
    rows: list[PlanRow] = []
    for i, (line, cells, odd) in enumerate(table.rows, start=1):
        rows.append(_parse(cells, line, table, snap, odd))
        if i % PROGRESS_EVERY == 0:
            yield Progress(i, total, f"正在核对第 {line} 行…")
    yield Progress(total, total, "正在比对本次会议的名单…")
    _find_duplicates(rows, table.source)
    _match_people(rows, snap, table.source)
    _match_members(rows, snap, table.source)
    _check_new_names(rows, table.source)
    _check_same_person(rows, table.source)
    _check_mandates(rows, snap, table.source)
    leaders = _plan_leaders(rows, snap, table.source)
    _check_by_election(rows, snap, table.source)
    _tie_same_person(rows, table.source)
    _describe(rows, snap)
    _flag_traditional(rows, snap)
    columns = [c for c in KNOWN if c in table.columns]
    return ImportPlan(table.source, rows, columns, table.ignored, leaders, stamp, sheet=table.sheet,
                      hidden_sheets=table.hidden_sheets, hidden_rows=table.hidden_rows, notices=table.notices)


def plan_import(path: str | Path) -> ImportPlan:
    return run(plan_import_steps(path))


def run(steps: Generator):
    """Drive a generator of progress to its end; returns its value (the synchronous way)."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


def _error(row: PlanRow, source: str, column: str, reason: str) -> None:
    row.errors.append(RowError(source, row.line, column, reason))


def _find_duplicates(rows: list[PlanRow], source: str) -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if not row.name:
            continue
        key = (row.name, row.note, row.role)
        if key in seen:
            _error(row, source, NAME, f"与第 {seen[key]} 行重复。")
        else:
            seen[key] = row.line


def _match_people(rows: list[PlanRow], snap: _Snapshot, source: str) -> None:
    """Find each good row's person: name + 备注, then the rules for a missing or new 备注."""
    claimed: set[int] = set()
    for row in rows:  # exact: same name and same 备注
        if not row.ok:
            continue
        exact = [pid for pid in snap.by_name.get(row.name, ()) if snap.persons[pid][2] == row.note]
        if len(exact) > 1:
            _error(row, source, NOTE, f"本次会议有 {len(exact)} 位“{row.name}”，备注也相同，无法确定是哪一位。")
        elif exact:
            row.person_id = exact[0]
            claimed.add(exact[0])
    for row in rows:  # no 备注 in the file: the only person of that name
        if not row.ok or row.person_id is not None or row.note:
            continue
        candidates = snap.by_name.get(row.name, [])
        if len(candidates) > 1:
            who = "；".join(snap.describe(pid) for pid in candidates)
            _error(row, source, NOTE, f"本次会议有 {len(candidates)} 位“{row.name}”（{who}），"
                                      "请在“备注”中填写区别说明，以确定是哪一位。")
        elif candidates:
            row.person_id = candidates[0]
            claimed.add(candidates[0])
    waiting: dict[str, list[PlanRow]] = defaultdict(list)
    for row in rows:  # a 备注 added in the file to the one person of that name who has none
        if row.ok and row.person_id is None and row.note:
            waiting[row.name].append(row)
    for name, group in waiting.items():
        bare = [pid for pid in snap.by_name.get(name, ()) if not snap.persons[pid][2] and pid not in claimed]
        if len(bare) != 1:
            continue
        pid = bare[0]
        if len(group) > 1:
            serving = {(did, role) for _, did, role, status, _ in snap.members.get(pid, ())
                       if status == store.STATUS_SERVING}
            group = [r for r in group if (r.delegation_id, r.role) in serving]
        if len(group) == 1:
            group[0].person_id = pid
            group[0].note_added = True
            claimed.add(pid)


def _match_members(rows: list[PlanRow], snap: _Snapshot, source: str) -> None:
    """For each matched person, the role (Member) each row describes."""
    by_person: dict[int, list[PlanRow]] = defaultdict(list)
    for row in rows:
        if row.ok and row.person_id is not None:
            by_person[row.person_id].append(row)
    for pid, group in by_person.items():
        members = snap.members.get(pid, [])
        serving = {role: mid for mid, _, role, status, _ in members if status == store.STATUS_SERVING}
        ended = {role: (mid, when) for mid, _, role, status, when in members if status != store.STATUS_SERVING}
        taken: set[int] = set()
        first_line = None  # the row that is the person's serving role, once one is found
        for row in group:  # the same role: the same Member
            if row.role in serving:
                row.member_id = serving[row.role]
                taken.add(row.member_id)
                if row.status != ENDED:
                    first_line = first_line or row.line
        for row in group:
            if row.member_id is not None:
                continue
            if row.role in ended and row.role not in serving:
                mid, day = ended[row.role]
                if row.status is None:  # an old list: never brings a delegate back by itself
                    when = f"于{_day(day)}" if day else "已"
                    _error(row, source, ROLE, f"“{row.name}”的{row.role}资格{when}终止。如确需恢复资格，"
                                              "请在“状态”列填“在任”（或在名单中选中此人，点“恢复资格”）；"
                                              "如只是名单未更新，请在“状态”列填“终止”或删去此行。")
                    continue
                row.member_id = mid  # 终止: the record of it; 在任: reinstated
                taken.add(mid)
                continue
            if row.status == ENDED:  # a past mandate in a role the session has not recorded
                row.new_member = True
                continue
            if first_line is not None:
                _error(row, source, NAME, f"与第 {first_line} 行是同一人（姓名和备注相同）。"
                                          "如是两人，请在“备注”中加以区别；如是同一人，请删去一行。")
                continue
            free = [mid for mid in serving.values() if mid not in taken]
            if len(free) > 1:
                _error(row, source, ROLE, f"“{row.name}”在本次会议有多个身份，无法确定修改哪一个，请在名单中修改。")
                continue
            if free:
                row.member_id = free[0]
                taken.add(free[0])
            else:
                row.new_member = True
            first_line = row.line


def _check_new_names(rows: list[PlanRow], source: str) -> None:
    """New people: one row per name and 备注, besides rows of ended mandates in other roles (the
    same person's past); equal names need a 备注 (as add_member asks)."""
    groups: dict[tuple[str, str], list[PlanRow]] = {}
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        if not row.ok or row.person_id is not None:
            continue
        key = (row.name, row.note)
        group = groups.get(key)
        if group is None:
            groups[key] = [row]
            names[row.name].append(key)
            continue
        if row.role not in {r.role for r in group} and (
                row.status == ENDED or all(r.status == ENDED for r in group)):
            group.append(row)  # one person: a role now and ended mandates, or ended ones only
            continue
        _error(row, source, NAME, f"与第 {group[0].line} 行姓名、备注都相同。如是两人，请在“备注”中加以区别；"
                                  "如是同一人，请删去一行。")
    for group in groups.values():
        if len(group) > 1:
            primary = next((r for r in group if r.status != ENDED), group[0])
            for row in group:
                if row is not primary:
                    row.primary = primary
    for name, keys in names.items():
        if len(keys) < 2:
            continue
        for key in keys:
            if key[1]:
                continue
            others = "、".join(str(groups[k][0].line) for k in keys if k != key)
            for row in groups[key]:
                _error(row, source, NOTE, f"第 {others} 行也有“{name}”。同名的人请在“备注”中填写区别说明，"
                                          "如工作单位和职务。")


def _check_same_person(rows: list[PlanRow], source: str) -> None:
    """Rows of one person (a role and ended mandates) must agree on 性别 and 职务; the row of an
    ended mandate is the one reported."""
    first: dict[object, PlanRow] = {}
    for row in rows:
        if not row.ok:
            continue
        key = row.person_id if row.person_id is not None else id(row.primary or row)
        earlier = first.setdefault(key, row)
        if earlier is row:
            continue
        for column, a, b in ((GENDER, earlier.gender, row.gender), (TITLE, earlier.work_title, row.work_title)):
            if a is not None and b is not None and a != b:
                wrong, other = (earlier, row) if earlier.status == ENDED and row.status != ENDED else (row, earlier)
                _error(wrong, source, column, f"与第 {other.line} 行是同一人，{column}却不同"
                                              f"（“{_clip(b if wrong is row else a)}”与“{_clip(a if wrong is row else b)}”）。"
                                              f"请把两行的{column}改成一样。")
                break


def _check_mandates(rows: list[PlanRow], snap: _Snapshot, source: str) -> None:
    """What each row makes of the mandate, checked as roster.add_member and roster.end_member
    check it: a 补选 delegate's start, an ending's date and reason, the end not before the start."""
    for row in rows:
        if not row.ok:
            continue
        existing = row.member_id is not None and not row.new_member
        cur = snap.mandates[row.member_id] if existing else Mandate()
        if row.delegation_kept and existing:
            row.delegation_id = snap.member_of[row.member_id][1]
            row.delegation = snap.delegations.get(row.delegation_id, "")
        was_ended = cur.status != SERVING
        ended = was_ended if row.status is None else row.status == ENDED
        merged = cur._replace(**row.mandate, status=ENDED if ended else SERVING)

        def bad(column: str, reason: str) -> None:
            _error(row, source, column, reason)

        if merged.start_reason == mandate_rules.BY_ELECTION and row.role == Role.DELEGATE and merged.started_on is None:
            bad(STARTED_ON, "补选的代表请填写资格开始日期（常委会确认其代表资格的日期）。")
        if ended:
            if merged.ended_on is None and not was_ended:
                if existing:  # ended now: roster.end_member needs the day
                    bad(ENDED_ON, "状态为终止，请填写终止日期。")
                else:  # a past mandate registered: the day may be unknown (seed 000's 李勇)
                    row.warnings.append("未填终止日期，按在本次会议之前已终止处理。")
            if not merged.end_reason:
                bad(END_REASON, "状态为终止，请填写终止原因（如“因工作调整辞去代表职务”）。")
            wrong = mandate_rules.check_dates(merged.started_on, merged.ended_on)
            if wrong:
                bad(ENDED_ON, wrong)
        else:
            said = "状态为在任" if row.status else "未填状态"
            for column, key in ((ENDED_ON, "ended_on"), (END_REASON, "end_reason"), (END_DECISION, "end_decision")):
                if key in row.mandate:
                    bad(column, f"{said}，{column}应留空。" + (
                        "恢复资格时原来的终止记录会清除。" if was_ended else "如要终止资格，请在“状态”列填“终止”。"))
        if row.ok:
            row.result = merged
            row.ending = ended and existing and not was_ended
            row.reinstating = was_ended and not ended
            if row.ending:
                row.end = (merged.ended_on, merged.end_reason, merged.end_decision)


def _check_by_election(rows: list[PlanRow], snap: _Snapshot, source: str) -> None:
    """Only a delegate has a 补选 (roster.add_member's rule). Asked after the leaders: a 团长 or
    副团长 made 列席 is told that first."""
    for row in rows:
        if row.ok and row.role != Role.DELEGATE and row.result.start_reason == mandate_rules.BY_ELECTION:
            given = "start_reason" in row.mandate
            _error(row, source, START_REASON if given else ROLE,
                   f"只有代表才有补选，这一行的身份是{row.role}。" if given else
                   f"“{row.name}”是补选的代表，不能改为{row.role}。如其代表资格已终止，请在“状态”列填“终止”，"
                   f"另起一行登记为{row.role}。")


def _tie_same_person(rows: list[PlanRow], source: str) -> None:
    """A new person's ended mandate goes only with the main row."""
    for row in rows:
        if row.ok and row.primary is not None and not row.primary.ok:
            _tie(row, source)


def _plan_leaders(rows: list[PlanRow], snap: _Snapshot, source: str) -> dict[int, tuple[int | None, list[int]]]:
    """Apply the rows' 团长/副团长 marks; returns the delegations whose leaders change."""
    next_person, next_member = snap.next_person, snap.next_member
    for row in rows:  # ids for what the import creates (the stamp makes sure they are still free)
        if row.ok and row.person_id is None and row.primary is None:
            row.person_id, row.new_person, row.new_member = next_person, True, True
            next_person += 1
    for row in rows:
        if row.ok and row.person_id is None:  # a new person's ended mandate besides the main row
            row.new_member = True
            row.person_id = row.primary.person_id
            if row.person_id is None:
                _tie(row, source)
        if row.ok and row.new_member and row.member_id is None:
            row.member_id = next_member
            next_member += 1
    leader_of = {}
    for did, mid in snap.heads.items():
        if mid is not None:
            leader_of[mid] = (did, HEAD)
    for did, mids in snap.deputies.items():
        for mid in mids:
            leader_of[mid] = (did, DEPUTY)
    while True:  # until no more rows turn out bad
        good = [r for r in rows if r.ok]
        heads = dict(snap.heads)
        deputies = {did: list(m) for did, m in snap.deputies.items()}
        head_line: dict[int, int] = {}
        found_bad = False
        for row in good:
            if not row.leader:
                continue
            did, mid = row.delegation_id, row.member_id
            if row.leader == HEAD:
                if did in head_line:
                    _error(row, source, LEADER, f"第 {head_line[did]} 行已是{row.delegation}的团长，"
                                                "一个代表团只有一位团长。")
                    found_bad = True
                    continue
                head_line[did] = row.line
                heads[did] = mid
                if mid in deputies[did]:
                    deputies[did].remove(mid)
            elif mid not in deputies[did]:
                deputies[did].append(mid)
                if heads[did] == mid:
                    heads[did] = None
        for row in good:  # a leader who leaves the delegation, stops being a 代表 or ends
            if row.ok and not row.new_member and row.member_id in leader_of:
                did, title = leader_of[row.member_id]
                if (row.delegation_id, row.role) == (did, Role.DELEGATE) and not row.ending:
                    continue
                if title == HEAD and heads[did] != row.member_id:
                    continue  # the file names a new head
                if row.ending:
                    action, column = "终止其资格", STATUS
                elif row.delegation_id != did:
                    action, column = f"调到{row.delegation}", DELEGATION
                else:
                    action, column = f"改为{row.role}", ROLE
                _error(row, source, column,
                       f"“{row.name}”是{snap.delegations[did]}的{title}，不能{action}。"
                       f"请先在代表团设置中另选{title}" + ("，或在文件中标明该团的新团长。" if title == HEAD else "。"))
                found_bad = True
        if not found_bad:
            break
    return {did: (heads[did], deputies[did]) for did in heads
            if (heads[did], deputies[did]) != (snap.heads[did], snap.deputies[did])}


def _tie(row: PlanRow, source: str) -> None:
    _error(row, source, NAME, f"与第 {row.primary.line} 行是同一人，第 {row.primary.line} 行有错误，"
                              "这一行也不能导入。")


def _flag_traditional(rows: list[PlanRow], snap: _Snapshot) -> None:
    """A 提示 on every row whose name differs from another one in the file or the roster only by
    traditional characters (劉君 / 刘君): perhaps the same person written two ways."""
    roster_names: dict[str, set[str]] = defaultdict(set)
    for key in snap.by_name:
        roster_names[normalize.simplified_key(key)].add(key)
    file_names: dict[str, dict[str, int]] = defaultdict(dict)  # simplified -> name -> first row
    named = [r for r in rows if r.name and not any(e.column == NAME for e in r.errors)]
    for row in named:
        file_names[normalize.simplified_key(row.name)].setdefault(row.name, row.line)
    for row in named:
        key = normalize.simplified_key(row.name)
        if row.name not in snap.by_name:
            for other in sort_names(roster_names.get(key, ())):
                if other != row.name:
                    row.warnings.append(f"与名单中的“{other}”只有繁简字不同，请确认是否同一人。")
        for other, line in file_names[key].items():
            if other != row.name:
                row.warnings.append(f"与第 {line} 行的“{other}”只有繁简字不同，请确认是否同一人。")


def _was(value: str) -> str:
    return value or "（空）"


def _describe(rows: list[PlanRow], snap: _Snapshot) -> None:
    """Kinds and the changes in words, and the fields each good row writes."""
    title_of = {}
    for did, mid in snap.heads.items():
        if mid is not None:
            title_of[mid] = (did, HEAD)
    for did, mids in snap.deputies.items():
        for mid in mids:
            title_of[mid] = (did, DEPUTY)
    for row in rows:
        if not row.ok:
            row.kind = ERROR
            continue
        if row.new_person:
            row.kind = NEW
            if row.leader:
                row.changes.append(f"{row.leader}（原团长{_name(snap, snap.heads[row.delegation_id])}不再担任）"
                                   if row.leader == HEAD and snap.heads[row.delegation_id] else row.leader)
            row.changes += _new_mandate_changes(row)
            continue
        if row.person_id not in snap.persons:  # a new person's ended mandate, besides the main row
            row.kind = NEW
            row.changes.append(f"与第 {row.primary.line} 行为同一人")
            row.changes += _new_mandate_changes(row)
            continue
        name, gender, note, work_title = snap.persons[row.person_id]
        if row.gender is not None and row.gender != gender:
            row.person_fields["gender"] = row.gender
            row.changes.append(f"性别 {_was(gender)}→{row.gender}")
        if row.work_title is not None and row.work_title != work_title:
            row.person_fields["work_title"] = row.work_title
            row.changes.append(f"职务 {_was(work_title)}→{row.work_title}")
        if row.note_added:
            row.person_fields["note"] = row.note
            row.changes.append(f"备注 （空）→{row.note}")
        else:
            row.note = note
        if row.new_member:
            ended = [r for _, _, r, s, _ in snap.members.get(row.person_id, ()) if s != store.STATUS_SERVING]
            row.changes.insert(0, f"登记为{row.delegation}{row.role}"
                               + (f"（原{'、'.join(ended)}资格已终止）" if ended and not row.ending else ""))
            row.changes += _new_mandate_changes(row)
        else:
            _, did, role = snap.member_of[row.member_id]
            if row.reinstating:
                row.changes.append(_reinstate_text(row, snap))
            if did != row.delegation_id:
                row.member_fields["delegation"] = row.delegation_id
                row.changes.append(f"调团 {snap.delegations.get(did, '（无）')}→{row.delegation or '（无）'}")
            if role != row.role:
                row.member_fields["role"] = row.role
                row.changes.append(f"身份 {role}→{row.role}")
            row.changes += _mandate_changes(row, snap)
        if row.leader:
            before = title_of.get(row.member_id)
            now = (row.delegation_id, row.leader)
            if before != now:
                old_head = snap.heads[row.delegation_id]
                extra = (f"（原团长{_name(snap, old_head)}不再担任）"
                         if row.leader == HEAD and old_head not in (None, row.member_id) else "")
                row.changes.append(f"团内职务 {_was(before[1] if before else '')}→{row.leader}{extra}")
        row.kind = NEW if row.new_member else (UPDATED if row.changes else UNCHANGED)


def _day(day: _dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（空）"


def _start_word(reason: str, role: str) -> str:
    """资格开始方式 as the file writes it: 补选, 换届 for a delegate elected with the congress."""
    if reason:
        return reason
    return REELECTED_WORD if role == Role.DELEGATE else ""


def _end_text(m: Mandate) -> str:
    when = _day(m.ended_on) if m.ended_on else "日期不详"
    return f"{when}，{m.end_reason}" + (f"（{m.end_decision}）" if m.end_decision else "")


def _offices_needing(row: PlanRow, snap: _Snapshot) -> list[str]:
    """The open offices that end with this row's mandate (as roster.end_member ends them)."""
    if row.role != Role.DELEGATE or row.person_id not in snap.offices:
        return []
    return [f"{body}{title}" for body, title, ended, _ in snap.offices[row.person_id]
            if ended is None and body in store_models.MANDATE_BODIES]


def _new_mandate_changes(row: PlanRow) -> list[str]:
    m = row.result
    out = []
    if m.start_reason == mandate_rules.BY_ELECTION:
        out.append(f"补选，资格自{_day(m.started_on)}起" + (f"（{m.constituency}）" if m.constituency else ""))
    if m.status == ENDED:
        out.append(f"资格已终止：{_end_text(m)}")
    return out


def _reinstate_text(row: PlanRow, snap: _Snapshot) -> str:
    cur = snap.mandates[row.member_id]
    reopened = [f"{body}{title}" for body, title, ended, reason in snap.offices.get(row.person_id, ())
                if cur.ended_on is not None and ended == cur.ended_on and reason == mandate_rules.OFFICES_END_WITH]
    return (f"恢复资格（原于{_day(cur.ended_on)}终止：{cur.end_reason}）"
            + (f"；相应恢复{'、'.join(reopened)}" if reopened else ""))


def _shown(key: str, value, role: str) -> str:
    if key == "start_reason":
        return _start_word(value, role) or "（空）"
    if isinstance(value, _dt.date):
        return f"{value:%Y-%m-%d}"
    return _was(value)


START_FIELDS = (("start_reason", START_REASON), ("started_on", STARTED_ON), ("constituency", CONSTITUENCY),
                ("confirmed_by", CONFIRMED_BY))
END_FIELDS = (("ended_on", ENDED_ON), ("end_reason", END_REASON), ("end_decision", END_DECISION))


def _mandate_changes(row: PlanRow, snap: _Snapshot) -> list[str]:
    """An existing member's mandate: its start corrected, ended now, or its ending corrected."""
    cur, m = snap.mandates[row.member_id], row.result
    out = []
    for key, column in START_FIELDS:
        old, new = getattr(cur, key), getattr(m, key)
        if old != new:
            row.member_fields[key] = new
            out.append(f"{column} {_shown(key, old, row.role)}→{_shown(key, new, row.role)}")
    if row.ending:
        offices = _offices_needing(row, snap)
        out.append(f"终止资格：{_end_text(m)}" + (f"；相应终止{'、'.join(offices)}" if offices else ""))
    elif m.status == ENDED:
        for key, column in END_FIELDS:
            old, new = getattr(cur, key), getattr(m, key)
            if old != new:
                row.member_fields[key] = new
                out.append(f"{column} {_shown(key, old, row.role)}→{_shown(key, new, row.role)}")
        if cur.ended_on != m.ended_on:
            row.moved_end = (cur.ended_on, m.ended_on)
    return out


def _name(snap: _Snapshot, member_id: int) -> str:
    return snap.persons[snap.member_of[member_id][0]][0]


# ---------------------------------------------------------------- writing


def _batch(fields: int) -> int:
    return max(1, store.max_parameters() // fields - 1)


def apply_import(plan: ImportPlan, *, good_rows_only: bool = False) -> ImportResult:
    """Write the plan in one transaction; nothing at all if anything fails."""
    if plan.has_errors and not good_rows_only:
        raise ServiceError(f"{plan.source} 有 {plan.count(ERROR)} 行错误，未导入任何内容。"
                           "请改正后重新导入，或选择只导入无误的行。")
    if _stamp() != plan.stamp:
        raise ServiceError("预览之后会议名单已有改动，请重新选择文件预览后再导入。")
    good = [r for r in plan.rows if r.ok]
    backups.before(backups.IMPORT, plan.source)
    try:
        with store.database.atomic():
            _write_people(good)
            for r in good:  # before the member's fields: the delegation it serves in now
                if r.reinstating:
                    roster.reinstate_member(r.member_id)
            _write_members(good)
            _write_leaders(plan.leaders)
            for r in good:  # after the leaders: a 团长 the file replaced may end
                if r.ending:
                    roster.end_member(r.member_id, *r.end)
    except BaseException:
        plan.stamp = _stamp()  # rolled back: the session is as planned, the plan still holds
        raise
    return ImportResult(plan.count(NEW), plan.count(UPDATED), plan.count(UNCHANGED), plan.count(ERROR))


def _write_people(rows: list[PlanRow]) -> None:
    new = [{"id": r.person_id, "name": r.name, "gender": r.gender or "", "note": r.note,
            "work_title": r.work_title or ""} for r in rows if r.new_person]
    size = _batch(5)
    for i in range(0, len(new), size):
        Person.insert_many(new[i:i + size]).execute()
    for r in rows:
        if r.person_fields:
            Person.update(**r.person_fields).where(Person.id == r.person_id).execute()


def _write_members(rows: list[PlanRow]) -> None:
    """New members with their mandate (a past one registered as ended: nothing ends now), the
    fields of the others, and the offices that ended with a mandate whose end date the file
    corrects."""
    new = [{"id": r.member_id, "person": r.person_id, "delegation": r.delegation_id, "role": r.role,
            **r.result._asdict()} for r in rows if r.new_member]
    size = _batch(12)
    for i in range(0, len(new), size):
        Member.insert_many(new[i:i + size]).execute()
    for r in rows:
        if r.member_fields:
            Member.update(**r.member_fields).where(Member.id == r.member_id).execute()
        if r.moved_end:
            old, new_day = r.moved_end
            same_day = Office.ended_on.is_null() if old is None else Office.ended_on == old
            Office.update(ended_on=new_day).where(
                (Office.person == r.person_id) & same_day
                & (Office.end_reason == mandate_rules.OFFICES_END_WITH)).execute()


def _write_leaders(leaders: dict[int, tuple[int | None, list[int]]]) -> None:
    if not leaders:
        return
    Leader.delete().where(Leader.delegation.in_(list(leaders))).execute()
    new = []
    for did, (head, deputies) in leaders.items():
        if head is not None:
            new.append({"delegation": did, "member": head, "title": HEAD, "position": 0})
        new += [{"delegation": did, "member": mid, "title": DEPUTY, "position": i}
                for i, mid in enumerate(deputies, start=1)]
    if new:
        Leader.insert_many(new).execute()

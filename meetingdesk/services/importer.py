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

People are matched by name (alignment spaces removed) and 备注. A row with an empty 备注
matches the only person of that name; a row with a 备注 may match the one person of that
name who has none (the 备注 is then added).
"""
from __future__ import annotations

import csv
import io
import sqlite3
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peewee import fn

from meetingdesk import store
from meetingdesk.rules import people as people_rules
from meetingdesk.store import Delegation, Leader, Member, Person

from .errors import ServiceError

NEW, UPDATED, UNCHANGED, ERROR = "新增", "更新", "不变", "错误"
KINDS = (NEW, UPDATED, UNCHANGED, ERROR)

NAME, GENDER, DELEGATION, ROLE, TITLE, NOTE, LEADER = "姓名", "性别", "代表团", "身份", "职务", "备注", "团内职务"
HEAD, DEPUTY = store.LEADER_TITLES
COLUMNS = (NAME, GENDER, DELEGATION, ROLE, TITLE, NOTE, LEADER)  # the export's columns, in order
REQUIRED = (NAME, DELEGATION, ROLE)
KNOWN = COLUMNS + (HEAD, DEPUTY)
ALIASES = {"工作职务": TITLE, "所属代表团": DELEGATION, "团职": LEADER}
ROLE_ALIASES = {"列席人员": "列席", "列席代表": "列席", "工作人员们": "工作人员"}
GENDER_ALIASES = {"男性": "男", "女性": "女"}
MARK_YES = {"✓", "✔", "√", "☑", "是", "1", "Y", "YES", "TRUE", "○", "●", "★"}
MARK_NO = {"", "否", "0", "N", "NO", "FALSE", "×", "✗", "✘"}
HEADER_SEARCH_ROWS = 20  # a title may stand above the header row
PROGRESS_EVERY = 250


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


@dataclass
class PlanRow:
    """One row of the file and what importing it would do."""

    line: int
    name: str
    delegation: str  # as written in the file
    role: str
    note: str = ""
    kind: str = UNCHANGED
    changes: list[str] = field(default_factory=list)  # 代表团：A → B（调团）
    errors: list[RowError] = field(default_factory=list)
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

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def change_text(self) -> str:
        """The preview's 变化 column: 新增 / 更新：… / 不变 / 错误：…"""
        if self.errors:
            return "错误：" + "；".join(f"{e.column}：{e.reason}" for e in self.errors)
        if self.changes:
            return f"{self.kind}：" + "；".join(self.changes)
        return self.kind


@dataclass
class ImportPlan:
    source: str
    rows: list[PlanRow]
    columns: list[str]  # the recognised columns, canonical names
    ignored_columns: list[str]  # headers this import does not use
    leaders: dict[int, tuple[int | None, list[int]]]  # delegation -> (团长, 副团长) after import
    stamp: tuple

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        return {k: self.count(k) for k in KINDS}

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.rows for e in r.errors]

    @property
    def has_errors(self) -> bool:
        return any(r.errors for r in self.rows)

    @property
    def has_changes(self) -> bool:
        return any(r.kind in (NEW, UPDATED) for r in self.rows)

    def summary(self) -> str:
        c = self.counts
        return f"新增 {c[NEW]}，更新 {c[UPDATED]}，不变 {c[UNCHANGED]}，错误 {c[ERROR]}"


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


@dataclass
class _Table:
    source: str
    header_line: int
    columns: dict[str, int]  # canonical name -> index
    ignored: list[str]
    rows: list[tuple[int, list[str]]]  # (line, cells)


def _find_header(rows: Iterator[tuple[int, list[str]]], source: str) -> tuple[int, dict[str, int], list[str]] | None:
    """The header row (the first one with 姓名 among the first rows); None if there is none."""
    for line, cells in rows:
        keys = [_header_key(c) for c in cells]
        if NAME not in keys:
            if line >= HEADER_SEARCH_ROWS:
                break
            continue
        columns: dict[str, int] = {}
        ignored = []
        for i, (raw, key) in enumerate(zip(cells, keys)):
            if key in KNOWN:
                if key in columns:
                    raise ServiceError(f"{source} 第 {line} 行的表头中“{key}”出现了两次，请删去一列。")
                columns[key] = i
            elif raw:
                ignored.append(raw)
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise ServiceError(f"{source} 的表头（第 {line} 行）缺少“{'”“'.join(missing)}”列。"
                               f"需要的列：{'、'.join(REQUIRED)}；可选：{'、'.join(c for c in KNOWN if c not in REQUIRED)}。")
        return line, columns, ignored
    return None


def _no_header(source: str) -> ServiceError:
    return ServiceError(f"{source} 中找不到表头：第一行应是列名，如“姓名、性别、代表团、身份、职务、备注”。")


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ServiceError(f"{source} 既不是 UTF-8 也不是 GBK 编码，无法读取。请在 Excel 中另存为"
                           "“CSV UTF-8”或 .xlsx 后再试。") from exc


def csv_rows(path: Path) -> tuple[Iterator[tuple[int, list[str]]], int]:
    text = _decode(path.read_bytes(), path.name)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return ((i, [_cell(c) for c in cells]) for i, cells in enumerate(lines, start=1)), len(lines)


def _xlsx_sheets(path: Path):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ServiceError(f"无法读取 {path.name}：不是有效的 Excel（.xlsx）文件（{exc}）。") from exc
    return book


def _sheet_rows(sheet) -> tuple[Iterator[tuple[int, list[str]]], int]:
    total = sheet.max_row or 0
    sheet.reset_dimensions()  # a file's declared size may be wrong: read to the real end
    rows = sheet.iter_rows(values_only=True)
    return ((i, [_cell(v) for v in values]) for i, values in enumerate(rows, start=1)), total


def read_table(path: str | Path) -> Generator[Progress, None, _Table]:
    """Read the header and the rows of PATH; yields progress, returns the table."""
    path = Path(path)
    source = path.name
    if not path.is_file():
        raise ServiceError(f"找不到文件“{path}”。")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et", ".wps"):
        raise ServiceError(f"不支持 {suffix} 格式。请在 Excel 或 WPS 中把 {source} 另存为 .xlsx 或 CSV 后再导入。")
    book = None
    try:
        if suffix in (".xlsx", ".xlsm"):
            book = _xlsx_sheets(path)
            found = None
            for sheet in book.worksheets:  # the first sheet with a header
                rows, total = _sheet_rows(sheet)
                found = _find_header(rows, source)
                if found:
                    break
        elif suffix in (".csv", ".txt", ".tsv"):
            rows, total = csv_rows(path)
            found = _find_header(rows, source)
        else:
            raise ServiceError(f"只能导入 .xlsx 或 .csv 文件，不能导入“{source}”。")
        if found is None:
            raise _no_header(source)
        header_line, columns, ignored = found
        body: list[tuple[int, list[str]]] = []
        for line, cells in rows:
            if any(cells):
                body.append((line, cells))
            if line % PROGRESS_EVERY == 0:
                yield Progress(line, total, f"正在读取 {source} 第 {line} 行…")
    except OSError as exc:
        raise ServiceError(f"无法读取 {source}：{exc.strerror or exc}") from exc
    finally:
        if book is not None:
            book.close()
    return _Table(source, header_line, columns, ignored, body)


# ---------------------------------------------------------------- the session, loaded once


@dataclass
class _Snapshot:
    delegations: dict[int, str]
    delegation_by_key: dict[str, int]
    persons: dict[int, tuple[str, str, str, str]]  # id -> name, gender, note, work_title
    by_name: dict[str, list[int]]
    members: dict[int, list[tuple[int, int, str, str, object]]]  # person -> (mid, did, role, status, ended)
    member_of: dict[int, tuple[int, int, str]]  # member -> person, delegation, role
    heads: dict[int, int | None]
    deputies: dict[int, list[int]]
    next_person: int
    next_member: int

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
            by_name[name].append(pid)
        members: dict[int, list] = defaultdict(list)
        member_of = {}
        for mid, pid, did, role, status, ended in Member.select(
                Member.id, Member.person, Member.delegation, Member.role, Member.status,
                Member.ended_on).tuples():
            members[pid].append((mid, did, role, status, ended))
            member_of[mid] = (pid, did, role)
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
                   (Member.select(fn.MAX(Member.id)).scalar() or 0) + 1)

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


def _stamp() -> tuple:
    """Changes to the session since it was opened, by this program or another."""
    con = store.database.connection()
    version = store.database.execute_sql("PRAGMA data_version").fetchone()[0]
    return (con.total_changes, version)


# ---------------------------------------------------------------- planning


def _parse(cells: list[str], line: int, table: _Table, snap: _Snapshot) -> PlanRow:
    cols = table.columns

    def get(column: str) -> str:
        i = cols.get(column)
        return cells[i] if i is not None and i < len(cells) else ""

    raw_name, raw_team, raw_role = get(NAME), get(DELEGATION), get(ROLE)
    row = PlanRow(line, people_rules.normalise_name(raw_name), raw_team, raw_role, note=get(NOTE))

    def bad(column: str, reason: str) -> None:
        row.errors.append(RowError(table.source, line, column, reason))

    if not row.name:
        bad(NAME, "缺少姓名。")
    else:
        err = people_rules.check_name(row.name)
        if err:
            bad(NAME, err.message)
    if GENDER in cols and get(GENDER):
        gender = _token(get(GENDER))
        gender = GENDER_ALIASES.get(gender, gender)
        if people_rules.check_gender(gender):
            bad(GENDER, f"性别只能填“男”或“女”（不详可留空），不能是“{get(GENDER)}”。")
        row.gender = gender
    if not raw_team:
        bad(DELEGATION, "缺少代表团。")
    else:
        row.delegation_id = snap.delegation_id(raw_team)
        if row.delegation_id is None:
            bad(DELEGATION, f"本次会议没有“{raw_team}”。请改正名称，或先在程序中新建该代表团。")
        else:
            row.delegation = snap.delegations[row.delegation_id]
    role = _token(raw_role)
    role = ROLE_ALIASES.get(role, role)
    if not raw_role:
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
        if row.role in store.ROLES and row.role != "代表":
            bad(marks[0][0], f"{row.leader}必须是本代表团的代表，这一行的身份是{row.role}。")
    return row


def plan_import_steps(path: str | Path) -> Generator[Progress, None, ImportPlan]:
    """Work out what importing PATH would do; yields progress, returns the plan. Writes nothing."""
    table = yield from read_table(path)
    stamp = _stamp()
    snap = _Snapshot.load()
    total = len(table.rows)
    rows: list[PlanRow] = []
    for i, (line, cells) in enumerate(table.rows, start=1):
        rows.append(_parse(cells, line, table, snap))
        if i % PROGRESS_EVERY == 0:
            yield Progress(i, total, f"正在核对第 {line} 行…")
    yield Progress(total, total, "正在比对本次会议的名单…")
    _find_duplicates(rows, table.source)
    _match_people(rows, snap, table.source)
    _match_members(rows, snap, table.source)
    _check_new_names(rows, table.source)
    leaders = _plan_leaders(rows, snap, table.source)
    _describe(rows, snap)
    columns = [c for c in KNOWN if c in table.columns]
    return ImportPlan(table.source, rows, columns, table.ignored, leaders, stamp)


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
        ended = {role: when for _, _, role, status, when in members if status != store.STATUS_SERVING}
        taken: set[int] = set()
        first_line = None
        for row in group:  # the same role: the same Member
            if row.role in serving:
                row.member_id = serving[row.role]
                taken.add(row.member_id)
                first_line = first_line or row.line
        for row in group:
            if row.member_id is not None:
                continue
            if row.role in ended and row.role not in serving:
                day = ended[row.role]
                when = f"于{day.year}年{day.month}月{day.day}日" if day else "已"
                _error(row, source, ROLE, f"“{row.name}”的{row.role}资格{when}终止，导入不能恢复；"
                                          "如确需恢复，请在名单中选中此人，点“恢复资格”。")
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
    """New people: one row per name and 备注; equal names need a 备注 (as add_member asks)."""
    first: dict[tuple[str, str], int] = {}
    names: dict[str, list[PlanRow]] = defaultdict(list)
    for row in rows:
        if not row.ok or row.person_id is not None:
            continue
        key = (row.name, row.note)
        if key in first:
            _error(row, source, NAME, f"与第 {first[key]} 行姓名、备注都相同。如是两人，请在“备注”中加以区别；"
                                      "如是同一人，请删去一行。")
            continue
        first[key] = row.line
        names[row.name].append(row)
    for name, group in names.items():
        if len(group) < 2:
            continue
        for row in group:
            if not row.note:
                others = "、".join(str(r.line) for r in group if r is not row)
                _error(row, source, NOTE, f"第 {others} 行也有“{name}”。同名的人请在“备注”中填写区别说明，"
                                          "如工作单位和职务。")


def _plan_leaders(rows: list[PlanRow], snap: _Snapshot, source: str) -> dict[int, tuple[int | None, list[int]]]:
    """Apply the rows' 团长/副团长 marks; returns the delegations whose leaders change."""
    next_person, next_member = snap.next_person, snap.next_member
    for row in rows:  # ids for what the import creates (the stamp makes sure they are still free)
        if row.ok and row.person_id is None:
            row.person_id, row.new_person, row.new_member = next_person, True, True
            next_person += 1
        if row.ok and row.new_member:
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
        for row in good:  # a leader who leaves the delegation or stops being a 代表
            if row.ok and not row.new_member and row.member_id in leader_of:
                did, title = leader_of[row.member_id]
                if (row.delegation_id, row.role) == (did, "代表"):
                    continue
                if title == HEAD and heads[did] != row.member_id:
                    continue  # the file names a new head
                action = f"调到{row.delegation}" if row.delegation_id != did else f"改为{row.role}"
                _error(row, source, DELEGATION if row.delegation_id != did else ROLE,
                       f"“{row.name}”是{snap.delegations[did]}的{title}，不能{action}。"
                       f"请先在代表团设置中另选{title}" + ("，或在文件中标明该团的新团长。" if title == HEAD else "。"))
                found_bad = True
        if not found_bad:
            break
    return {did: (heads[did], deputies[did]) for did in heads
            if (heads[did], deputies[did]) != (snap.heads[did], snap.deputies[did])}


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
                               + (f"（原{'、'.join(ended)}资格已终止）" if ended else ""))
        else:
            _, did, role = snap.member_of[row.member_id]
            if did != row.delegation_id:
                row.member_fields["delegation"] = row.delegation_id
                row.changes.append(f"调团 {snap.delegations[did]}→{row.delegation}")
            if role != row.role:
                row.member_fields["role"] = row.role
                row.changes.append(f"身份 {role}→{row.role}")
        if row.leader:
            before = title_of.get(row.member_id)
            now = (row.delegation_id, row.leader)
            if before != now:
                old_head = snap.heads[row.delegation_id]
                extra = (f"（原团长{_name(snap, old_head)}不再担任）"
                         if row.leader == HEAD and old_head not in (None, row.member_id) else "")
                row.changes.append(f"团内职务 {_was(before[1] if before else '')}→{row.leader}{extra}")
        row.kind = NEW if row.new_member else (UPDATED if row.changes else UNCHANGED)


def _name(snap: _Snapshot, member_id: int) -> str:
    return snap.persons[snap.member_of[member_id][0]][0]


# ---------------------------------------------------------------- writing


def _batch(fields: int) -> int:
    limit = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
    return max(1, limit // fields - 1)


def apply_import(plan: ImportPlan, *, good_rows_only: bool = False) -> ImportResult:
    """Write the plan in one transaction; nothing at all if anything fails."""
    if plan.has_errors and not good_rows_only:
        raise ServiceError(f"{plan.source} 有 {plan.count(ERROR)} 行错误，未导入任何内容。"
                           "请改正后重新导入，或选择只导入无误的行。")
    if _stamp() != plan.stamp:
        raise ServiceError("预览之后会议名单已有改动，请重新选择文件预览后再导入。")
    good = [r for r in plan.rows if r.ok]
    try:
        with store.database.atomic():
            _write_people(good)
            _write_members(good)
            _write_leaders(plan.leaders)
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
    new = [{"id": r.member_id, "person": r.person_id, "delegation": r.delegation_id, "role": r.role}
           for r in rows if r.new_member]
    size = _batch(4)
    for i in range(0, len(new), size):
        Member.insert_many(new[i:i + size]).execute()
    for r in rows:
        if r.member_fields:
            Member.update(**r.member_fields).where(Member.id == r.member_id).execute()


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

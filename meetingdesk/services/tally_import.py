"""Counts from a counting machine or a spreadsheet: a CSV read into one poll's entries.

The file has a header row with these columns (any order; 遍次 may be left out):

    票箱,遍次,事项,对象,赞成,反对,弃权,无效,发出,收回

- a paper row: 事项 = 选票 or 表决票, with 发出 and 收回;
- a candidate: 事项 = the election's office (or any unique part of it), 对象 = the name;
- a write-in: 对象 = 另选:姓名 ; the void ballots of an election: 对象 = 废票, with 无效;
- an item: 事项 = the item's title (or a unique part of it), 对象 empty, with 赞成/反对/弃权/无效.

Names of candidates and write-ins are compared as `rules.normalize.normalize_name` writes them
(NFC, one middle dot for 阿依·买买提 however it was typed, no spaces). A figure must be a whole
number from 0 to MAX_COUNT; the file is read as the roster import reads a CSV (encodings, NUL
bytes, quotes that do not close, size and row limits: each a message with its row).

Every row is checked before anything is written — its cells, then whether the figures of its
box and entry can be at all (no more votes than valid ballots, no more than all delegates, no
more ballots back than delegates present …), each refusal naming file, row and column; then
each box and entry in the file replaces what was entered for it, all in one transaction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from meetingdesk import store
from meetingdesk.rules.normalize import normalize_name

from . import counting, drafts, voting
from .errors import ServiceError
from .importer import _check_path, csv_rows

COLUMNS = ("票箱", "遍次", "事项", "对象", "赞成", "反对", "弃权", "无效", "发出", "收回")
REQUIRED = ("票箱", "事项")
WRITE_IN = ("另选:", "另选：")
MAX_COUNT = 1_000_000  # no district has more voters; a larger figure is a typo or a damaged file


@dataclass(frozen=True)
class TallyImport:
    poll_id: int
    entries: dict[tuple[int, int], tuple[dict[str, tuple[int, int]], list[counting.Figure]]]  # (box, entry)
    boxes: dict[int, str]

    def describe(self) -> list[str]:
        lines = []
        for (box_id, entry), (papers, figures) in sorted(self.entries.items()):
            lines.append(f"{self.boxes[box_id]} 第{'一二'[entry - 1]}遍：{len(papers)} 种票、{len(figures)} 项票数")
        return lines


def _number(value: str, where: str, column: str) -> int:
    if value == "":
        return 0
    # A spreadsheet may write 70 as "70.0"; anything else that is not a whole number is refused.
    shown = value if len(value) <= 20 else value[:20] + "…"
    match = re.fullmatch(r"([-+]?)(\d+)(?:\.0+)?", value)
    if match is None:
        if re.fullmatch(r"[-+]?\d*\.\d+", value):
            raise ServiceError(f"{where}“{column}”列：“{shown}”不是整数，票数只能是整数。")
        raise ServiceError(f"{where}“{column}”列：“{shown}”不是票数。")
    digits = match.group(2).lstrip("0") or "0"
    if match.group(1) == "-" and digits != "0":
        raise ServiceError(f"{where}“{column}”列：票数不能为负数。")
    if len(digits) > 7 or int(digits) > MAX_COUNT:
        raise ServiceError(f"{where}“{column}”列：票数“{shown}”大得不可能（最多 {MAX_COUNT}），请检查。")
    return int(digits)


def _clip(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _match(text: str, choices: dict[str, object], where: str, what: str):
    if text in choices:
        return choices[text]
    found = [v for k, v in choices.items() if text and text in k]
    if len(found) == 1:
        return found[0]
    if not found:
        raise ServiceError(f"{where}“事项”列：本次投票没有“{_clip(text)}”这一{what}。")
    raise ServiceError(f"{where}“事项”列：“{_clip(text)}”对应多项{what}，请写全。")


def read(poll_id: int, path: str | Path, *, entry: int = 1) -> TallyImport:
    """Parse PATH for POLL_ID; ENTRY is used where the file has no 遍次 column."""
    path = Path(path)
    _check_path(path)  # missing, a folder, not a plain file
    poll = counting.get_poll(poll_id)
    rows, _ = csv_rows(path)  # ServiceError with the row for a file that cannot be read
    header_line, header = next(((i, cells) for i, cells in rows if any(cells)), (0, []))
    columns = {"".join(name.split()): i for i, name in enumerate(header)}
    for name in REQUIRED:
        if name not in columns:
            raise ServiceError(f"{path.name} 第 {header_line or 1} 行：表头缺少“{name}”列。表头应为：{','.join(COLUMNS)}")
    boxes = {b.name: b.box_id for b in voting.list_boxes()}
    elections = {pe.office: pe for pe in poll.elections}
    items = {pi.title: pi for pi in poll.items}
    entries: dict[tuple[int, int], tuple[dict, list]] = {}
    lines: dict[tuple[int, int, object], int] = {}  # (box, entry, figure key or paper) -> file row
    for line, cells in rows:
        if not any(cells):
            continue
        where = f"{path.name} 第 {line} 行"

        def cell(name: str) -> str:
            i = columns.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        box_name = cell("票箱")
        if box_name not in boxes:
            raise ServiceError(f"{where}“票箱”列：没有名为“{_clip(box_name)}”的票箱（现有：{'、'.join(boxes)}）。")
        this_entry = _number(cell("遍次"), where, "遍次") if cell("遍次") else entry
        if this_entry not in counting.ENTRIES:
            raise ServiceError(f"{where}“遍次”列：只能是 1 或 2。")
        papers, figures = entries.setdefault((boxes[box_name], this_entry), ({}, []))
        what, target = cell("事项"), cell("对象")
        counts = {k: _number(cell(c), where, c) for k, c in
                  (("yes", "赞成"), ("no", "反对"), ("abstain", "弃权"), ("void", "无效"))}
        count = len(figures)
        if what in poll.papers:
            papers[what] = (_number(cell("发出"), where, "发出"), _number(cell("收回"), where, "收回"))
            lines[(boxes[box_name], this_entry, what)] = line
        elif target:
            pe = _match(what, elections, where, "选举")
            if target == "废票":
                figures.append(counting.Figure(pe.poll_election_id, void=counts["void"]))
            elif target.startswith(WRITE_IN):
                figures.append(counting.Figure(pe.poll_election_id, write_in=normalize_name(target[3:]),
                                               **{k: counts[k] for k in ("yes", "no", "abstain")}))
            else:
                person = next((c for c in pe.candidates if normalize_name(c.name) == normalize_name(target)), None)
                if person is None:
                    raise ServiceError(f"{where}“对象”列：“{_clip(target)}”不是{pe.office}的候选人；"
                                       "另选人请写成“另选:姓名”。")
                figures.append(counting.Figure(pe.poll_election_id, person.person_id,
                                               **{k: counts[k] for k in ("yes", "no", "abstain")}))
        else:
            pi = _match(what, items, where, "表决事项")
            figures.append(counting.Figure(poll_item_id=pi.poll_item_id, **counts))
        if len(figures) > count:
            key = figures[-1].key
            if (boxes[box_name], this_entry, key) in lines:
                raise ServiceError(f"{where}：与第 {lines[(boxes[box_name], this_entry, key)]} 行重复"
                                   f"（{box_name}第{this_entry}遍的“{counting.row_label(poll, key)}”只能有一行）。")
            lines[(boxes[box_name], this_entry, key)] = line
    if not entries:
        raise ServiceError(f"{path.name} 中没有票数。")
    names = {v: k for k, v in boxes.items()}
    problems = []
    for (box_id, this_entry), (papers, figures) in sorted(entries.items()):
        for found in counting.check_entry(poll, papers, figures):
            if found.error:
                row = lines.get((box_id, this_entry, found.key))
                at = f"第 {row} 行" if row else "（该选举没有废票行）"
                problems.append(f"{path.name} {at}“{counting.rules.COLUMNS[found.column]}”列"
                                f"（{names[box_id]}第{this_entry}遍）：{found.message}")
    if problems:
        raise ServiceError("票数不可能成立，未写入任何数据：\n" + "\n".join(problems))
    return TallyImport(poll_id, entries, names)


def apply(plan: TallyImport) -> None:
    """Write every box and entry of the file, or nothing. A pass half typed in the window for the
    same box and entry is replaced by the file's, its draft forgotten with it."""
    with store.database.atomic():
        for (box_id, entry), (papers, figures) in plan.entries.items():
            drafts.enter_tally(plan.poll_id, box_id, entry, papers, figures)


def latest_open_poll() -> int:
    for poll in reversed(counting.list_polls()):
        if poll.confirmed_at is None:
            return poll.poll_id
    raise ServiceError("没有尚未确认的投票。请先在“计票”页新建投票。")

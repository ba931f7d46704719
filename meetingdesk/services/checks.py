"""Every rule the session breaks, each with where to fix it."""
from __future__ import annotations

from collections import defaultdict

from meetingdesk.rules.collation import ties, unknown_chars

from . import (attendance_checks, counting_checks, mandate_checks, motion_checks, presidium_checks, roster,
               schedule_checks, session)
from .problem import ERROR, NOTICE, Problem

__all__ = ["ERROR", "NOTICE", "Problem", "check_session"]


def check_session() -> list[Problem]:
    problems: list[Problem] = _check_file()
    if problems and problems[0].severity == ERROR:
        return problems  # a damaged file's other findings would be read from damaged pages
    problems += _check_counts()
    problems += _check_delegations()
    problems += _check_names()
    problems += presidium_checks.check()
    problems += schedule_checks.check()
    problems += motion_checks.check()
    problems += counting_checks.check()
    problems += attendance_checks.check()
    problems += mandate_checks.check()
    return problems


def _check_file() -> list[Problem]:
    """The file itself: SQLite's quick_check, and a warning for a network drive."""
    from meetingdesk.store import db

    found = []
    damage = db.quick_check()
    if damage:
        found.append(Problem(ERROR, "会议", "会议文件",
                             "文件已损坏（" + "；".join(damage[:3]) + "）。请用“文件 ▸ 恢复备份…”"
                             "恢复最近的备份（命令行：meetingdesk backups 会议文件 --restore 1）。"))
    if session.access().warning:
        found.append(Problem(NOTICE, "会议", "会议文件", session.access().warning))
    return found


def _check_counts() -> list[Problem]:
    info = session.session_info()
    found = []
    if info.statutory_delegates and info.delegates > info.statutory_delegates:
        found.append(Problem(ERROR, "会议", "会议信息",
                             f"在任代表 {info.delegates} 人，超过法定名额 {info.statutory_delegates} 人。"))
    if info.announced_delegates is not None and info.announced_delegates != info.delegates:
        found.append(Problem(ERROR, "会议", "会议信息",
                             f"常委会公告的现有代表为 {info.announced_delegates} 人，"
                             f"名单中在任代表为 {info.delegates} 人，两者不符。"))
    return found


def _check_delegations() -> list[Problem]:
    found = []
    for d in roster.list_delegations():
        where = d.name
        if d.head is None:
            found.append(Problem(ERROR, "代表团", where, f"{d.name}没有团长。", d.delegation_id))
        if not d.deputies:
            found.append(Problem(NOTICE, "代表团", where, f"{d.name}没有副团长。", d.delegation_id))
        for leader in ([d.head] if d.head else []) + list(d.deputies):
            if leader.role != "代表" or not leader.serving or leader.delegation_id != d.delegation_id:
                found.append(Problem(ERROR, "代表团", where,
                                     f"{d.name}的{leader.leader_title}“{leader.name}”不是该团的在任代表。",
                                     d.delegation_id, leader.member_id))
        if d.count("代表") == 0:
            found.append(Problem(NOTICE, "代表团", where, f"{d.name}没有代表。", d.delegation_id))
    return found


def _check_names() -> list[Problem]:
    found = []
    members = roster.list_members()
    by_name: dict[str, list[roster.MemberRow]] = defaultdict(list)
    for m in members:
        by_name[m.name].append(m)
    for name, rows in by_name.items():
        persons = {r.person_id: r for r in rows}
        if len(persons) < 2:
            continue
        notes = [r.note for r in persons.values()]
        if "" in notes or len(set(notes)) < len(notes):
            first = next(iter(persons.values()))
            found.append(Problem(ERROR, "代表团", first.delegation,
                                 f"有 {len(persons)} 位“{name}”，须在备注中写明区别（如工作单位职务）。",
                                 first.delegation_id, first.member_id))
    names = [m.name for m in members]
    for ch in unknown_chars(names):
        who = next(m for m in members if ch in m.name)
        found.append(Problem(NOTICE, "代表团", who.delegation,
                             f"“{ch}”（U+{ord(ch):04X}，见“{who.name}”）没有笔画数据，排在所有已知字之后。",
                             who.delegation_id, who.member_id))
    for group in ties(names):
        found.append(Problem(NOTICE, "代表团", "笔画排序",
                             "以下姓名笔画数和笔顺完全相同，按字的编码排列，请人工确认顺序：" + "、".join(group)))
    return found

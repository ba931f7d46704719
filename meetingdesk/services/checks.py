"""Every rule the session breaks, each with where to fix it."""
from __future__ import annotations

import contextlib
import gc
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator

import peewee

from meetingdesk.rules.collation import stroke_key, ties, unknown_chars
from meetingdesk.rules.words import Role
from meetingdesk.store import StorageError

from . import (attendance_checks, counting_checks, mandate_checks, motion_checks, presidium_checks, schedule_checks,
               seating_checks, session, snapshot, suggestion_checks)
from .problem import ERROR, NOTICE, Problem
from .snapshot import Snapshot

__all__ = ["ERROR", "NOTICE", "Problem", "check_session"]


def check_session() -> list[Problem]:
    """Every rule the session breaks. The file is checked first; then every table the rules
    look at is read once (services.snapshot) and each area's rules work on that one reading."""
    with _no_cycle_collection():
        return _check_session()


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector held off while the session is read and checked: the hundred
    thousand rows and objects made then hold no cycles (all go when the check returns), yet they
    would set the collector off several times, each pass walking every object the program holds
    (a tenth of the check's time at 5,000 people)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _check_session() -> list[Problem]:
    from meetingdesk.store import db

    # The texts the snapshot reads whole are decoded there, not twice: a damaged one is found there
    problems: list[Problem] = _check_file(db.quick_check(snapshot.READ_WHOLE))
    if problems and problems[0].severity == ERROR:
        return problems  # a damaged file's other findings would be read from damaged pages
    try:
        snap = snapshot.read()
    except (StorageError, peewee.DatabaseError, sqlite3.DatabaseError, UnicodeDecodeError):
        # what quick_check left to this reading may be damaged: the whole check finds it and names
        # it as it would have before the snapshot was read
        damage = db.quick_check()
        if not damage:
            raise
        return _check_file(damage)
    problems += _check_counts(snap)
    problems += _check_delegations(snap)
    problems += _check_names(snap)
    problems += presidium_checks.check(snap)
    problems += schedule_checks.check(snap)
    problems += motion_checks.check(snap)
    problems += counting_checks.check(snap)
    problems += attendance_checks.check(snap)
    problems += mandate_checks.check(snap)
    problems += seating_checks.check()
    problems += suggestion_checks.check()
    return problems


def _check_file(damage: list[str]) -> list[Problem]:
    """The file itself: DAMAGE (store.db.quick_check's findings), and a warning for a network drive."""
    found = []
    if damage:
        found.append(Problem(ERROR, "会议", "会议文件",
                             "文件已损坏（" + "；".join(damage[:3]) + "）。请用“文件 ▸ 恢复备份…”"
                             "恢复最近的备份（命令行：meetingdesk backups 会议文件 --restore 1）。"))
    if session.access().warning:
        found.append(Problem(NOTICE, "会议", "会议文件", session.access().warning))
    return found


def _check_counts(snap: Snapshot) -> list[Problem]:
    info = snap.info
    found = []
    if info.statutory_delegates and info.delegates > info.statutory_delegates:
        found.append(Problem(ERROR, "会议", "会议信息",
                             f"在任代表 {info.delegates} 人，超过法定名额 {info.statutory_delegates} 人。"))
    if info.announced_delegates is not None and info.announced_delegates != info.delegates:
        found.append(Problem(ERROR, "会议", "会议信息",
                             f"常委会公告的现有代表为 {info.announced_delegates} 人，"
                             f"名单中在任代表为 {info.delegates} 人，两者不符。"))
    return found


def _check_delegations(snap: Snapshot) -> list[Problem]:
    found = []
    for d in snap.delegations:
        where = d.name
        if d.head is None:
            found.append(Problem(ERROR, "代表团", where, f"{d.name}没有团长。", d.delegation_id))
        if not d.deputies:
            found.append(Problem(NOTICE, "代表团", where, f"{d.name}没有副团长。", d.delegation_id))
        for leader in ([d.head] if d.head else []) + list(d.deputies):
            if leader.role != Role.DELEGATE or not leader.serving or leader.delegation_id != d.delegation_id:
                found.append(Problem(ERROR, "代表团", where,
                                     f"{d.name}的{leader.leader_title}“{leader.name}”不是该团的在任代表。",
                                     d.delegation_id, leader.member_id))
        if d.count(Role.DELEGATE) == 0:
            found.append(Problem(NOTICE, "代表团", where, f"{d.name}没有代表。", d.delegation_id))
    return found


def _check_names(snap: Snapshot) -> list[Problem]:
    """Equal names without a note to tell them apart, characters without stroke data, names the
    stroke rule cannot order. Only the people a finding names are put in stroke order (the order
    the findings come in), not the whole roster."""
    found = []
    members = snap.serving  # in member id order
    # each name once, in member id order; only a name held by more than one member can be unclear
    names = Counter([m.name for m in members])
    repeated = {name for name, n in names.items() if n > 1}
    notes: dict[str, dict[int, str]] = defaultdict(dict)  # name -> person id -> the person's note
    for m in members if repeated else ():
        if m.name in repeated:
            notes[m.name][m.person_id] = m.note
    unclear = {name for name, persons in notes.items()
               if len(persons) > 1 and ("" in persons.values() or len(set(persons.values())) < len(persons))}
    by_name: dict[str, list[snapshot.Mandate]] = defaultdict(list)
    for m in snap.sort([m for m in members if m.name in unclear]) if unclear else ():
        by_name[m.name].append(m)
    for name, rows in by_name.items():
        persons = {r.person_id: r for r in rows}
        first = next(iter(persons.values()))
        found.append(Problem(ERROR, "代表团", first.delegation,
                             f"有 {len(persons)} 位“{name}”，须在备注中写明区别（如工作单位职务）。",
                             first.delegation_id, first.member_id))
    unknown, tied = _unknown_and_ties(list(names))
    for ch in unknown:
        who = snap.sort([m for m in members if ch in m.name])[0]
        found.append(Problem(NOTICE, "代表团", who.delegation,
                             f"“{ch}”（U+{ord(ch):04X}，见“{who.name}”）没有笔画数据，排在所有已知字之后。",
                             who.delegation_id, who.member_id))
    for group in tied:
        found.append(Problem(NOTICE, "代表团", "笔画排序",
                             "以下姓名笔画数和笔顺完全相同，按字的编码排列，请人工确认顺序：" + "、".join(group)))
    return found


ODD = "\x00"  # stands for a character that is not plain in a name's form (no name holds it)


def _unknown_and_ties(names: list[str]) -> tuple[list[str], list[list[str]]]:
    """collation.unknown_chars(NAMES) and collation.ties(NAMES), each asked only of the names that
    can take part (50,000 names cost half a second otherwise).

    A *plain* character keeps itself through the cleaning and has stroke data: stroke_key(c) is
    ((its key,), c) with a known key. A name of plain characters only is its own cleaned name, its
    key their keys, and it has no unknown character; two such names tie exactly when, with each
    character replaced by the first character of the same key (its *form*), they read the same.
    So unknown_chars needs only the other (odd) names, and ties the plain names whose form another
    plain name shares, the odd names, and the plain names whose form is an odd name's key."""
    keys: dict[str, tuple | None] = {}
    for c in set().union(*names):
        primary, cleaned = stroke_key(c)
        keys[c] = primary[0] if cleaned == c and len(primary) == 1 and primary[0][0] == 0 else None
    first: dict[tuple, str] = {}
    for c in sorted(c for c, k in keys.items() if k is not None):
        first.setdefault(keys[c], c)
    # each plain character to the first of its key, every other one to ODD (the moved characters)
    moved = {c: ODD if k is None else first[k] for c, k in keys.items() if k is None or first[k] != c}
    if not moved:
        return [], []  # every name plain and its own form, and no two names the same: nothing to find
    # only a name holding a moved character has another form; finding those is cheaper than
    # translating every name (a translation looks up each character of each name)
    holds = re.compile("[" + re.escape("".join(moved)) + "]").search
    to_form = str.maketrans(moved)
    changed = {name: name.translate(to_form) for name in names if holds(name)}
    odd = [name for name, form in changed.items() if ODD in form]
    unchanged = set(names).difference(changed)  # each its own form
    # the forms more than one plain name has (a changed name's form, or an unchanged name), and
    # the odd names' keys as forms: the plain names of these forms may tie
    wanted = {form for form, n in Counter(form for form in changed.values() if ODD not in form).items()
              if n > 1 or form in unchanged}
    for name in odd:
        primary = stroke_key(name)[0]
        if all(k in first for k in primary):
            wanted.add("".join(first[k] for k in primary))
    may_tie = (odd + [name for name, form in changed.items() if form in wanted]
               + [form for form in wanted if form in unchanged])
    return unknown_chars(odd), ties(may_tie)

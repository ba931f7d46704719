"""Bad files from outside: every one is refused or reported with a Chinese message naming the file
(and, where there is one, the row and the column), never a traceback, and the session is left as
it was.

The corpus is made by `badfiles` (no binary fixtures). Each roster file is imported into a demo
session through the service (`importer.plan_import` / `apply_import`) and through the command line
(`meetingdesk import SESSION FILE`, in-process); each count file is read for a poll
(`tally_import.read`) and given to `meetingdesk tally`.

The figures for the README (inputs tried / handled with a message / data lost) are kept below:
INPUTS_TRIED is fixed (a test checks it against the corpus), FIGURES is counted as the tests run.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3

import pytest

from meetingdesk.cli.main import main
from meetingdesk.services import ServiceError, counting, elections, importer, session, tally_import, voting
from meetingdesk.store import Person
from tests.reliability import badfiles

# Inputs tried: each is tried twice, through the service and through the command line.
ROSTER_INPUTS = 55  # roster files and bad cells (badfiles.roster_corpus)
TALLY_INPUTS = 11  # count files (badfiles.tally_corpus)
INPUTS_TRIED = ROSTER_INPUTS + TALLY_INPUTS
# Filled in as the tests run: (input, channel) pairs tried, answered with the message the case
# asks for, and those after which the session's content had changed (the goal: 0).
FIGURES = {"tried": 0, "handled with a message": 0, "data lost": 0}

POLL = "第三次全体会议选举和表决"
HAN = re.compile(r"[\u4e00-\u9fff]")


# ---------------------------------------------------------------- helpers


def digest(path) -> str:
    """Every row of every table of the session file, hashed (opened read-only, beside the program)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            h.update(table.encode())
            for row in sorted(repr(r) for r in con.execute(f'SELECT * FROM "{table}"')):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        con.close()


def check_message(case: badfiles.Case, message: str) -> None:
    assert "Traceback" not in message and HAN.search(message), (case.name, message)
    assert case.path.name in message, (case.name, message)
    for word in case.words:
        assert word in message, (case.name, word, message)
    if case.row is not None:
        assert f"第 {case.row} 行" in message, (case.name, case.row, message)


def check_row_error(case: badfiles.Case, plan: importer.ImportPlan) -> str:
    found = [e for e in plan.errors if (e.source, e.line, e.column) == (case.path.name, case.row, case.column)]
    assert found, (case.name, [str(e) for e in plan.errors])
    error = found[0]
    for word in case.words:
        assert word in error.reason, (case.name, word, str(error))
    text = str(error)
    assert HAN.search(error.reason) and text.startswith(f"{case.path.name} 第 {case.row} 行，{case.column}："), text
    return text


def tried(lost: bool) -> None:
    FIGURES["tried"] += 1
    FIGURES["data lost"] += lost
    FIGURES["handled with a message"] += not lost


# ---------------------------------------------------------------- the roster


@pytest.fixture(scope="module")
def roster_cases(tmp_path_factory):
    return badfiles.roster_corpus(tmp_path_factory.mktemp("badfiles"))


def test_the_corpus_is_what_the_figures_say(roster_cases, tmp_path):
    assert len(roster_cases) == ROSTER_INPUTS
    assert len({c.name for c in roster_cases}) == ROSTER_INPUTS
    assert {c.outcome for c in roster_cases} == {badfiles.REFUSED, badfiles.ROW_ERRORS, badfiles.READ}


@pytest.mark.parametrize("index", range(ROSTER_INPUTS))
def test_a_bad_roster_file_is_refused_with_a_message_and_changes_nothing(roster_cases, demo_session, demo_file,
                                                                         index):
    case = roster_cases[index]
    before = digest(demo_file)
    if case.outcome == badfiles.REFUSED:
        with pytest.raises(ServiceError) as refused:
            importer.plan_import(case.path)
        check_message(case, str(refused.value))
    elif case.outcome == badfiles.ROW_ERRORS:
        plan = importer.plan_import(case.path)
        check_row_error(case, plan)
        with pytest.raises(ServiceError, match=f"{re.escape(case.path.name)} 有 .* 行错误，未导入任何内容"):
            importer.apply_import(plan)
    else:  # READ: what was hidden is left out, and said so
        plan = importer.plan_import(case.path)
        assert not plan.has_errors and plan.sheet == "名单", (case.name, plan.summary())
        names = {r.name for r in plan.rows}
        assert not names & set(case.absent), (case.name, names)
        for word in case.notice:
            assert word in plan.summary(), (case.name, word, plan.summary())
    lost = digest(demo_file) != before
    tried(lost)
    assert not lost, case.name
    if case.outcome == badfiles.READ:  # then importing takes the visible rows only
        importer.apply_import(plan)
        stored = {name for (name,) in Person.select(Person.name).tuples()}
        assert not stored & set(case.absent) and "新甲乙" in stored, case.name


@pytest.mark.parametrize("index", range(ROSTER_INPUTS))
def test_the_import_command_says_what_is_wrong_and_exits_non_zero(roster_cases, demo_file, capsys, index):
    case = roster_cases[index]
    before = digest(demo_file)
    if case.outcome == badfiles.READ:
        status = main(["import", str(demo_file), str(case.path), "--dry-run"])
        out, err = capsys.readouterr()
        assert status == 0, (case.name, err)
        for word in case.notice:
            assert word in out, (case.name, word, out)
        assert not any(name in out for name in case.absent), (case.name, out)
    else:
        status = main(["import", str(demo_file), str(case.path)])
        out, err = capsys.readouterr()
        assert status == 1, (case.name, status, err)
        assert "Traceback" not in err + out and "程序内部错误" not in err, (case.name, err)
        if case.outcome == badfiles.REFUSED:
            check_message(case, err)
        else:
            assert f"[错误] {case.path.name} 第 {case.row} 行，{case.column}：" in err, (case.name, err)
            assert "未导入任何内容" in err, (case.name, err)
    lost = digest(demo_file) != before
    tried(lost)
    assert not lost, case.name


# ---------------------------------------------------------------- the count


@pytest.fixture
def tally_cases(demo_file, tmp_path):
    """The count corpus, made from a good count file of the demo session (the session closed)."""
    from tests.services.test_tally_import import _csv

    session.open_session(demo_file)
    try:
        good = _csv(entries=(1,))
    finally:
        session.close_session()
    return badfiles.tally_corpus(tmp_path / "tally", good)


def test_the_count_corpus_is_what_the_figures_say(tally_cases):
    assert len(tally_cases) == TALLY_INPUTS


@pytest.mark.parametrize("index", range(TALLY_INPUTS))
def test_a_bad_count_file_is_refused_with_a_message_and_changes_nothing(tally_cases, demo_file, index):
    case = tally_cases[index]
    before = digest(demo_file)
    session.open_session(demo_file)
    try:
        poll = counting.create_poll(POLL, [e.election_id for e in elections.list_elections()],
                                    [i.item_id for i in voting.list_vote_items()])
        after_poll = digest(demo_file)
        with pytest.raises(ServiceError) as refused:
            tally_import.read(poll, case.path)
        check_message(case, str(refused.value))
        assert counting.entered(poll, voting.list_boxes()[0].box_id, 1) == ({}, [])
    finally:
        session.close_session()
    lost = digest(demo_file) != after_poll
    tried(lost)
    assert not lost and before != after_poll, case.name


@pytest.mark.parametrize("index", range(TALLY_INPUTS))
def test_the_tally_command_says_what_is_wrong_and_keeps_no_poll(tally_cases, demo_file, capsys, index):
    case = tally_cases[index]
    before = digest(demo_file)
    status = main(["tally", str(demo_file), str(case.path), "--new", POLL])
    out, err = capsys.readouterr()
    assert status == 1, (case.name, status, err)
    assert "Traceback" not in err + out and "程序内部错误" not in err, (case.name, err)
    check_message(case, err)
    lost = digest(demo_file) != before
    tried(lost)
    assert not lost, case.name

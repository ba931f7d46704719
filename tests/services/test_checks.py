"""`check_session`: each rule of the foundation triggered and cleared."""
from __future__ import annotations

import pytest

from meetingdesk.services import checks, roster, session
from meetingdesk.services.roster import MemberInput
from meetingdesk.store import Person


def _errors():
    return [p for p in checks.check_session() if p.severity == checks.ERROR]


def test_demo_session_has_no_errors(demo_session):
    assert _errors() == []


def test_missing_head_is_flagged_and_cleared(demo_session):
    team = roster.list_delegations()[0]
    roster.update_delegation(team.delegation_id, name=team.name, room=team.room, head_id=None,
                             deputy_ids=[d.member_id for d in team.deputies])
    found = [p for p in _errors() if "没有团长" in p.message]
    assert found and found[0].delegation_id == team.delegation_id
    roster.update_delegation(team.delegation_id, name=team.name, room=team.room,
                             head_id=team.head.member_id, deputy_ids=[d.member_id for d in team.deputies])
    assert not [p for p in _errors() if "没有团长" in p.message]


def test_announced_count_mismatch_is_flagged(demo_session):
    team = roster.list_delegations()[0]
    roster.add_member(MemberInput(name="甲乙", delegation_id=team.delegation_id))
    assert any("两者不符" in p.message for p in _errors())


def test_equal_names_without_note_are_flagged(demo_session):
    # Data that bypassed the dialog (an old import, say): two 王烁 with no notes.
    Person.update(note="").where(Person.name == "王超").execute()
    found = [p for p in _errors() if "位“王超”" in p.message]
    assert found


def test_too_many_delegates_for_the_statutory_number(demo_session):
    session.update_session(statutory_delegates=200)
    assert any("超过法定名额" in p.message for p in _errors())


# ---------------------------------------------------------------- one reading of the session


def _queries(run) -> list[str]:
    """The SQL statements RUN() makes on the open session."""
    from meetingdesk import store

    found: list[str] = []
    connection = store.database.obj.connection()
    connection.set_trace_callback(found.append)
    try:
        run()
    finally:
        connection.set_trace_callback(None)
    return found


@pytest.mark.file_only
def test_check_reads_the_session_in_as_many_queries_whatever_its_size(demo_session):
    """No query per meeting, per person or per poll: a session grown by meetings, attendance,
    people and a poll is checked in the same queries, each table read once."""
    import datetime as dt
    import re
    from collections import Counter

    from meetingdesk.services import attendance, counting, schedule, voting

    from .test_attendance_over_time import BEFORE, mid, take

    before = _queries(checks.check_session)
    # the last read transaction is the snapshot's (the file's own check comes before it)
    begin = len(before) - 1 - before[::-1].index("BEGIN")
    reading = before[begin + 1:before.index("COMMIT", begin)]
    tables = Counter(re.search(r'FROM "(\w+)"', q).group(1) for q in reading)
    assert tables and set(tables.values()) == {1}  # each table once
    assert {"member", "person", "attendance", "meeting"} <= set(tables)

    team = roster.list_delegations()[0].delegation_id
    for i in range(30):
        roster.add_member(MemberInput(name=f"新{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{'春夏秋'[i // 10]}", delegation_id=team))
    for day in (dt.date(2023, 12, 22), dt.date(2023, 12, 23)):
        for start in ("14:00", "16:00", "19:00"):
            schedule.add_meeting(schedule.MeetingInput(day, "代表团会议", start=start, place=f"第{start}室"))
    take("1")
    take("3")
    take("主席团第一次会议", absent=0)
    attendance.check_in(mid("6"), attendance.roll(mid("6"), role="代表")[0].member_id, now=BEFORE)
    poll = counting.create_poll("表决", [], [i.item_id for i in voting.list_vote_items()], meeting_id=mid("3"),
                                now=dt.datetime(2023, 12, 21, 10, 0))
    counting.set_present(poll, 200)
    after = _queries(checks.check_session)
    assert len(after) == len(before)
    # what was added is seen: the plenary with one delegate checked in lacks its quorum
    assert [p.message for p in _errors() if p.area == "到会"] == [
        "实到代表 1 人，不足法定人数（到会代表必须超过全体代表的三分之二，即至少 161 人）。"]


def test_unknown_characters_and_ties_are_found_as_in_the_whole_list():
    """checks._unknown_and_ties asks collation only of the names that can take part: the same
    findings as collation.unknown_chars and collation.ties of every name."""
    import random

    from meetingdesk.rules.collation import ties, unknown_chars
    from meetingdesk.services.checks import _unknown_and_ties

    rng = random.Random(14)
    # twins (土士, 己已巳, 未末), characters without stroke data, separators, layout and notes
    pool = list("王李张土士己已巳未末刘陈杨一二三") + ["𠀋", "䶮", "·", " ", "_", "　"]
    for _ in range(300):
        names = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 40))]
        names += [n + "(注)" for n in names[:3]] + ["王" + "·" + "土", "王土", "王 士"]
        names = [n for n in dict.fromkeys(names) if n.strip(" _　·")]
        assert _unknown_and_ties(names) == (unknown_chars(names), ties(names)), names


# ---------------------------------------------------------------- the file's own check, once


def test_sqlite_s_check_is_not_run_again_on_a_file_found_whole_and_unwritten_since(demo_file):
    """Opening runs SQLite's quick_check; a check just after reads the file's pages again only
    when something has written the file since: this program, another one, or a stray byte."""
    import sqlite3

    def sqlite_checks() -> int:
        return sum("quick_check" in q for q in _queries(checks.check_session))

    session.open_session(demo_file)
    try:
        assert sqlite_checks() == 0  # found whole a moment ago, nothing written since
        roster.add_member(MemberInput(name="丁一", delegation_id=roster.list_delegations()[0].delegation_id))
        assert sqlite_checks() == 1  # our own write
        other = sqlite3.connect(demo_file)
        other.execute("UPDATE person SET note = '另一程序' WHERE name = '丁一'")
        other.commit()
        other.close()
        assert sqlite_checks() == 1  # another program's commit
    finally:
        session.close_session()


def test_a_damaged_text_in_a_table_the_snapshot_reads_is_named_as_damage(demo_file):
    """The snapshot decodes the person names itself (the file check leaves them to it): a name
    whose bytes are not UTF-8 is still reported as a damaged file, not a crash."""
    import sqlite3

    con = sqlite3.connect(demo_file)
    con.execute("UPDATE person SET name = CAST(x'e4b8ff' AS TEXT) WHERE id = (SELECT min(id) FROM person)")
    con.commit()
    con.close()
    try:
        session.open_session(demo_file)
    except Exception as exc:  # refused on opening is as good: never a wrong text
        assert "损坏" in str(exc)
        return
    try:
        found = checks.check_session()
    finally:
        session.close_session()
    assert found[0].severity == checks.ERROR and "文件已损坏" in found[0].message

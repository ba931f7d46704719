"""`meetingdesk log SESSION`: the change log as lines (time, desk, user, 类别, 操作, 内容) in the
order they happened, the newest N of them; filtered by desk, 类别 (label or table), days and
text; CSV that Excel opens (UTF-8 with a BOM); the session only read; refusals in Chinese."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sqlite3

import pytest

from meetingdesk.cli import log as log_command
from meetingdesk.services import ServiceError, attendance, changelog, roster, session
from meetingdesk.store import changelog as slog


def args(target, *options: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    log_command.add_arguments(parser)
    return parser.parse_args([str(target), *options])


def run(capsys, target, *options: str) -> tuple[int, list[str]]:
    status = log_command.log(args(target, *options))
    return status, capsys.readouterr().out.splitlines()


def digest(path) -> list:
    con = sqlite3.connect(path)
    try:
        return [con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
                for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    finally:
        con.close()


@pytest.fixture
def edited(demo_file):
    """The demo file after a note corrected and two check-ins at desk 签到台-02 by 李秘书."""
    session.open_session(demo_file)
    slog.set_identity("签到台-02", "李秘书")
    try:
        m = roster.list_members(role="代表")[0]
        data = roster.MemberInput.of(m)
        roster.update_member(m.member_id, roster.MemberInput(**{**data.__dict__, "note": "区消防救援大队大队长"}))
        meeting = next(x for x in attendance.meetings() if x.kind == "全体会议")
        checked = roster.list_members(role="代表")[1:3]
        for c in checked:
            attendance.check_in(meeting.meeting_id, c.member_id)
        total = changelog.count()
    finally:
        slog.set_identity("", "")
        session.close_session()
    return demo_file, m, checked, meeting, total


def test_lines_newest_last_with_the_default_limit(capsys, edited):
    path, m, checked, meeting, total = edited
    status, lines = run(capsys, path)
    assert status == 0
    assert lines[-1] == f"（共 {total} 条，列出最新的 {log_command.DEFAULT_LIMIT} 条；--limit 0 列出全部）"
    records = [line.split("\t") for line in lines[:-1]]
    assert len(records) == log_command.DEFAULT_LIMIT and all(len(r) == 6 for r in records)
    assert records == sorted(records, key=lambda r: r[0])  # in the order they happened
    *_, last = records
    assert last[1:5] == ["签到台-02", "李秘书", "签到", "新增"]
    assert last[5].startswith(f"{checked[1].name}（{meeting.name}）：") and "到会情况 出席" in last[5]
    status, lines = run(capsys, path, "--limit", "0")
    assert len(lines) == total


def test_filters(capsys, edited):
    path, m, checked, meeting, total = edited
    _, lines = run(capsys, path, "--desk", "签到台-02")
    assert len(lines) == 4 and all(line.split("\t")[1] == "签到台-02" for line in lines)
    _, by_label = run(capsys, path, "--table", "签到")
    _, by_name = run(capsys, path, "--table", "attendance")
    assert by_label == by_name and len(by_label) == 2
    _, found = run(capsys, path, "--search", m.name, "--desk", "签到台-02")
    assert len(found) == 1 and "备注" in found[0] and "区消防救援大队大队长" in found[0]
    today = dt.date.today()
    _, lines = run(capsys, path, "--since", (today + dt.timedelta(days=1)).isoformat())
    assert lines == ["（没有符合条件的记录）"]
    _, lines = run(capsys, path, "--since", today.isoformat(), "--until", today.isoformat(), "--limit", "0")
    assert len(lines) == total  # --until includes its day
    now = dt.datetime.now()
    _, lines = run(capsys, path, "--until", f"{now - dt.timedelta(days=1):%Y-%m-%d %H:%M}")
    assert lines == ["（没有符合条件的记录）"]


def test_csv_opens_in_excel(capsysbinary, edited):
    path, m, checked, meeting, total = edited
    status = log_command.log(args(path, "--csv", "--desk", "签到台-02"))
    raw = capsysbinary.readouterr().out
    assert status == 0
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, not the system's GBK
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(log_command.CSV_HEADINGS)
    assert len(rows) == 5 and [r[4] for r in rows[1:]] == ["人员", "会议日程", "签到", "签到"]
    assert b"\r\n" in raw


def test_the_session_is_only_read(capsys, edited):
    path = edited[0]
    before = digest(path)
    run(capsys, path, "--limit", "0")
    assert digest(path) == before
    assert not session.is_open()


def test_register_adds_the_subcommand():
    parser = argparse.ArgumentParser()
    log_command.register(parser.add_subparsers(dest="command"))
    parsed = parser.parse_args(["log", "会议.meetingdesk", "--table", "签到", "--limit", "0", "--csv"])
    assert parsed.func is log_command.log and (parsed.table, parsed.limit, parsed.csv) == ("签到", 0, True)


@pytest.mark.parametrize("options, message", [
    (("--table", "座椅"), "没有名为“座椅”的类别"),
    (("--since", "12月21日"), "--since 的日期“12月21日”无法识别"),
    (("--since", "2023-12-22", "--until", "2023-12-21"), "--until 早于 --since"),
    (("--limit", "-1"), "--limit 不能是负数"),
])
def test_refusals_in_chinese(edited, options, message):
    with pytest.raises(ServiceError, match=message):
        log_command.log(args(edited[0], *options))


def test_a_missing_file(tmp_path):
    with pytest.raises(ServiceError, match="找不到会议文件"):
        log_command.log(args(tmp_path / "没有.meetingdesk"))


def test_a_session_on_a_server(capsys, demo_url):
    status, lines = run(capsys, demo_url, "--table", "名单", "--limit", "3")
    assert status == 0 and len(lines) == 4
    assert all(line.split("\t")[3] == "名单" for line in lines[:3])


def test_the_log_through_the_command(demo_file, tmp_path):
    """`python -m meetingdesk log` as a clerk runs it: the newest records, read-only."""
    import os
    import subprocess
    import sys

    before = demo_file.read_bytes()
    done = subprocess.run([sys.executable, "-m", "meetingdesk", "log", str(demo_file), "--limit", "3"],
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=os.getcwd()))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 4 and lines[-1].startswith("（共 ") and "座位" in lines[0]
    assert demo_file.read_bytes() == before

"""Several desks on one session (issue 16), one command:

    python bench/desks.py

The bench session (bench/run.py's 5,000 people, 3,000 delegates) is published on a throw-away
PostgreSQL cluster (tests/pgcluster.py). Then every delegate is checked in, by id as a card
scan does, through the service the desk's Enter calls (attendance.check_in):

* one desk on the session file (SQLite): the baseline, what a single laptop does today;
* one desk on the server;
* four desks on the server at once (four programs, each a quarter of the delegates, and all four
  also the same 100 delegates, as when two doors scan one card).

Each desk is its own process; each check-in is timed where the desk waits for it. Printed:
check-ins per second over the whole run (from the moment all desks start to the last one done),
the median and 99th percentile of one check-in, and the ratios to one desk on the file. Then
what was recorded: every delegate exactly once (none lost, none doubled) and one log record for
each, at the desk that made it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

DESK = r"""
import json, sys, time
from meetingdesk.services import attendance, session
where, meeting, ids = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
session.open_session(where)
attendance.roll(meeting)  # what the desk reads when it opens, before the doors open
print("ready", flush=True)
sys.stdin.readline()
times = []
for member_id in ids:
    start = time.perf_counter()
    attendance.check_in(meeting, member_id)
    times.append(time.perf_counter() - start)
session.close_session()
print(json.dumps(times), flush=True)
"""

SHARED = 100  # delegates every one of the four desks also scans


def build(work: Path) -> tuple[Path, int, list[int]]:
    """The bench session with one plenary; (file, meeting id, delegates' member ids)."""
    import datetime as dt

    from generate import generate_rows, write_xlsx
    from run import new_session

    from meetingdesk.services import importer, roster, schedule, session

    path = work / "desks.meetingdesk"
    new_session(path)
    xlsx = work / "desks.xlsx"
    write_xlsx(generate_rows(), xlsx)
    importer.apply_import(importer.plan_import(xlsx))
    meeting = schedule.add_meeting(schedule.MeetingInput(dt.date(2024, 3, 5), "全体会议", "上午", "09:00"))
    ids = [m.member_id for m in roster.list_members(role="代表")]
    session.close_session()
    return path, meeting, ids


def run_desks(places: list[str], meeting: int, shares: list[list[int]]) -> tuple[float, list[float]]:
    """Desks at PLACES (one process each) checking in SHARES at once; (wall time, every latency)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", DESK, where, str(meeting), json.dumps(ids)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
             for where, ids in zip(places, shares)]
    for p in procs:
        line = p.stdout.readline().strip()
        if line != "ready":
            raise RuntimeError(f"a desk did not start: {line!r}")
    start = time.perf_counter()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    latencies: list[float] = []
    for p in procs:
        latencies += json.loads(p.stdout.readline())
    wall = time.perf_counter() - start
    for p in procs:
        if p.wait(timeout=120) != 0:
            raise RuntimeError("a desk failed")
    return wall, latencies


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def verify(where: str, meeting: int, expected: list[int]) -> tuple[bool, int, dict[str, int]]:
    """(every delegate recorded exactly once, log records of new check-ins, per desk)."""
    from meetingdesk.services import changelog, session
    from meetingdesk.store import Attendance

    session.open_session(where, session.READ)
    try:
        recorded = [m for (m,) in Attendance.select(Attendance.member).where(Attendance.meeting == meeting).tuples()]
        exact = sorted(recorded) == sorted(expected)
        inserts = [c for c in changelog.list_changes(table="attendance", limit=None) if c.action == "INSERT"]
        per_desk: dict[str, int] = {}
        for c in inserts:
            per_desk[c.desk] = per_desk.get(c.desk, 0) + 1
        return exact, len(inserts), per_desk
    finally:
        session.close_session()


def run(work: Path) -> list[tuple[str, float, float, float, int]] | None:
    """(label, check-ins/s, p50, p99, check-ins) per setting; None without PostgreSQL."""
    import shutil

    from tests import pgcluster

    from meetingdesk.services import server

    cluster = pgcluster.start()
    if cluster is None:
        print("desks: PostgreSQL is not installed (apt-get install postgresql); skipped")
        return None
    try:
        path, meeting, ids = build(work)
        results = []
        fresh = work / "desk-file.meetingdesk"
        shutil.copy(path, fresh)
        wall, lat = run_desks([str(fresh)], meeting, [ids])
        exact, logged, _ = verify(str(fresh), meeting, ids)
        assert exact and logged == len(ids), "the file desk lost or doubled a check-in"
        results.append(("one desk, session file", len(ids) / wall, _p(lat, 0.5), _p(lat, 0.99), len(lat)))

        import psycopg

        def published(name: str) -> str:
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            url = cluster.url(name)
            server.publish(path, url)
            return url

        url = published("one_desk")
        wall, lat = run_desks([url + "&desk=签到台"], meeting, [ids])
        exact, logged, _ = verify(url, meeting, ids)
        assert exact and logged == len(ids), "the server desk lost or doubled a check-in"
        results.append(("one desk, server", len(ids) / wall, _p(lat, 0.5), _p(lat, 0.99), len(lat)))

        url = published("four_desks")
        shares = [ids[i::4] + ids[:SHARED] for i in range(4)]
        wall, lat = run_desks([url + f"&desk=签到台{i + 1}" for i in range(4)], meeting, shares)
        exact, logged, per_desk = verify(url, meeting, ids)
        assert exact, "four desks lost or doubled a check-in"
        assert logged == len(ids), f"{logged} log records of new check-ins for {len(ids)} delegates"
        assert sorted(per_desk) == [f"签到台{i + 1}" for i in range(4)]
        results.append(("four desks at once, server", len(ids) / wall, _p(lat, 0.5), _p(lat, 0.99), len(lat)))
        print(f"  four desks: every one of {len(ids)} delegates recorded once; {logged} log records "
              f"({', '.join(f'{d} {n}' for d, n in sorted(per_desk.items()))}); "
              f"{SHARED} scanned at all four desks")
        return results
    finally:
        cluster.stop()


def report(results) -> None:
    if not results:
        return
    base = results[0]
    print(f"{'several desks (3,000 check-ins)':<34}{'per s':>9}{'p50':>9}{'p99':>9}{'×file/s':>9}{'×p50':>7}")
    for label, rate, p50, p99, n in results:
        print(f"{label:<34}{rate:>9.0f}{p50 * 1000:>7.1f}ms{p99 * 1000:>7.1f}ms"
              f"{rate / base[1]:>8.2f}×{p50 / base[2]:>6.1f}×")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report(run(Path(tmp)))


if __name__ == "__main__":
    main()

"""`meetingdesk check` at 5,000 and at 50,000 people, against `meetingdesk info` on the same file.

    python bench/check.py            # prints the table; run.py takes `run` into its own

The session is the benchmark's (bench/run.py's `new_session` and the import of
generate.generate_rows; 50,000 people imported 20,000 rows a file, the importer's limit), given
what a session has by its second day, so that what the check does per meeting and per poll is
measured too: the session's dates, a preparatory meeting, three plenaries, two presidium meetings
and two delegation meetings; the presidium (the delegation heads) in one executive-chair group per
plenary; the roll taken and closed at the preparatory meeting and the first plenary (a few absent,
a few on leave), people checking in at the second; a vote at the first plenary entered by both
clerks.

Both jobs run in-process through meetingdesk.cli.main.main (opening the file read-only, the job,
closing), their output swallowed; each the best of REPEAT runs. At 5,000 people they are also run
as the clerk runs them, each `python -m meetingdesk …` a process of its own (start and imports
included). In-process `info` reads no row of the roster, so a `check` that must read every row
of the roster and the rolls cannot come near 2× of it there; as commands it is what is waited for. `info` opens the file and counts
the people: the baseline of reading the session at all; `check` also reads every row of every
table for damage (store.db.quick_check) and then the session once (services.snapshot).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generate import generate_rows, write_xlsx  # noqa: E402

from meetingdesk.cli.main import main as cli  # noqa: E402
from meetingdesk.services import (attendance, counting, importer, presidium, schedule, session,  # noqa: E402
                                  voting)

from timing import best  # noqa: E402
SIZES = (("check (5,000)", {}), ("check (50,000)", {"delegates": 30000, "others": 20000}))
COMMAND = "check as a command (5,000)"
IMPORT_ROWS = 20_000  # importer.MAX_DATA_ROWS
START = dt.date(2024, 3, 5)
AT = dt.datetime(2024, 3, 5, 8, 0)



def build(work: Path, name: str, rows: list[dict]) -> Path:
    """The benchmark's session of ROWS, as bench/run.py builds it, with a session's second day."""
    from run import new_session

    path = work / f"{name}.meetingdesk"
    new_session(path)
    for start in range(0, len(rows), IMPORT_ROWS):
        part = work / f"{name}-{start}.xlsx"
        write_xlsx(rows[start:start + IMPORT_ROWS], part)
        importer.apply_import(importer.plan_import(part))
    _second_day()
    session.close_session()
    return path


def _second_day() -> None:
    session.update_session(start_date=START, end_date=START + dt.timedelta(days=4))
    day = [START + dt.timedelta(days=i) for i in range(5)]
    meetings = [
        (day[0], "主席团会议", "08:00", "08:45", "第一会议室"), (day[0], "预备会议", "09:00", "09:30", "大会堂"),
        (day[0], "全体会议", "10:00", "11:30", "大会堂"), (day[1], "代表团会议", "09:00", "11:30", "各代表团驻地"),
        (day[1], "全体会议", "15:00", "17:30", "大会堂"), (day[2], "主席团会议", "08:00", "08:45", "第一会议室"),
        (day[2], "代表团会议", "09:00", "11:30", "各代表团驻地"), (day[4], "全体会议", "09:00", "11:00", "大会堂"),
    ]
    ids = [schedule.add_meeting(schedule.MeetingInput(d, kind, start=start, end=end, place=place))
           for d, kind, start, end, place in meetings]
    presidium.add_proposed()  # the delegation heads
    chairs = [r.person_id for r in presidium.list_presidium()[:5]]
    presidium.set_roles("秘书长", chairs[:1])
    presidium.set_roles("常务主席", chairs)
    presidium.split_groups()
    preparatory, first, second = ids[1], ids[2], ids[4]
    for meeting in (preparatory, first):
        _take(meeting)
    delegates = [r.member_id for r in attendance.roll(second, role="代表")]
    attendance.tick(second, delegates, delegates[::3], now=AT)  # checking in
    _vote(first)


def _take(meeting: int) -> None:
    """All delegates but one in a hundred present, one in two hundred on leave, the roll closed."""
    delegates = [r.member_id for r in attendance.roll(meeting, role="代表")]
    attendance.tick(meeting, delegates, [m for i, m in enumerate(delegates) if i % 100], now=AT)
    attendance.mark_all(meeting, delegates[::200], "请假", reason="因病", approver="秘书长")
    attendance.close_roll(meeting, now=AT)


def _vote(meeting: int) -> None:
    items = [voting.add_vote_item(title) for title in ("关于政府工作报告的决议", "关于计划报告的决议")]
    box = voting.add_box("第一票箱", "大会堂")
    poll = counting.create_poll("第一次全体会议表决", [], items, meeting_id=meeting, now=AT)
    row = counting.get_poll(poll)
    present = row.attendance
    figures = [counting.Figure(poll_item_id=item.poll_item_id, yes=present - 2, no=1, abstain=1) for item in row.items]
    for entry in (1, 2):
        counting.enter(poll, box, entry, {"表决票": (present, present)}, figures)


def measure(path: Path) -> tuple[float, float]:
    """(seconds of `meetingdesk check PATH`, seconds of `meetingdesk info PATH`), in-process."""
    def job(command: str) -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            cli([command, str(path)])

    return best(lambda: job("check")), best(lambda: job("info"))


def measure_commands(path: Path) -> tuple[float, float]:
    """(seconds of `python -m meetingdesk check PATH`, of `… info PATH`), each a process of its own
    as the clerk runs it: what he waits for, the interpreter's start and the imports included."""
    def job(command: str) -> None:
        subprocess.run([sys.executable, "-m", "meetingdesk", command, str(path)], cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    return best(lambda: job("check")), best(lambda: job("info"))


def run(work: Path) -> list[tuple[str, float, float]]:
    """(label, seconds of `check`, seconds of `info`) at 5,000 and at 50,000 people in-process, and
    at 5,000 as commands; prints nothing."""
    results = []
    for label, size in SIZES:
        path = build(work, label.split("(")[1].rstrip(")").replace(",", ""), generate_rows(**size))
        results.append((label, *measure(path)))
        if not size:
            results.append((COMMAND, *measure_commands(path)))
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = run(Path(tmp))
    print(f"{'job':<34}{'MeetingDesk':>12}{'info':>12}{'ratio':>8}")
    for label, ours, base in results:
        print(f"{label:<34}{ours:>11.3f}s{base:>11.3f}s{ours / base:>7.1f}×")


if __name__ == "__main__":
    main()

"""Seating at National-People's-Congress scale: 5,000 people in a 6,000-seat hall.

    python bench/seating.py            # prints the table; run.py takes `run` into its own

* arrange everyone afresh (services.seating.rearrange: read the roster, order each delegation,
  place, write the seats)  vs  a bare loop doing the same raw work: sqlite3 SELECT of the same
  people, sorted by the same stroke key, placed one after another in the same seats, the same
  rows written with executemany
* re-flow after one person is added (services.seating.arrangement, what the 座次 page and every
  paper call: read, keep everyone, seat the newcomer, write one row)  vs  sqlite3 SELECT of the
  same people and seats and a scan for the first free seat; goal ≤ 100 ms
* print the 会场座次图 (printing.write_pdf("seating"))  vs  bare reportlab drawing the same names
  at the same places, one page per band of blocks as the paper has, no layout

The session is bench/run.py's (generate.generate_rows, imported); each figure the best of REPEAT.
"""
from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate_rows, write_xlsx  # noqa: E402

from meetingdesk.rules.collation import stroke_key  # noqa: E402
from meetingdesk.services import importer, roster, seating, session  # noqa: E402

from timing import best  # noqa: E402

B = seating.BlockSpec
# 6,000 seats: delegates in front (6 blocks of 20 rows × 30), 列席 behind (4 × 20 × 20), staff at the back
HALL = seating.HallSpec("人民大会堂（模拟）", (
    *(B(f"{i + 1}区", (30,) * 20, "代表", band=0) for i in range(6)),
    *(B(f"{i + 7}区", (20,) * 20, "列席", band=1, first_row=21) for i in range(4)),
    *(B(f"{i + 11}区", (20,) * 20, "工作人员", band=2, first_row=41) for i in range(2)),
), podium_rows=(21, 25, 29))
GOAL_REFLOW = 0.100


def build(work: Path) -> Path:
    from run import new_session

    path = work / "seating.meetingdesk"
    new_session(path)
    xlsx = work / "seating.xlsx"
    write_xlsx(generate_rows(), xlsx)
    importer.apply_import(importer.plan_import(xlsx))
    seating.set_hall(HALL)
    seating.rearrange()
    return path


def _people(con: sqlite3.Connection) -> list[tuple[int, str, str, int]]:
    return con.execute(
        "SELECT member.id, person.name || person.note, member.role, delegation.position FROM member"
        " JOIN person ON person.id = member.person_id JOIN delegation ON delegation.id = member.delegation_id"
        " WHERE member.status = '在任'").fetchall()


def _seats(con: sqlite3.Connection) -> list[tuple[int, str, int, int]]:
    seats = []
    for block_id, zone, rows in con.execute("SELECT id, zone, rows FROM block ORDER BY band, position"):
        counts = [int(n) for n in rows.split(",")]
        for column in range(max(counts)):
            seats += [(block_id, zone, row, column) for row in range(len(counts))]
    return seats


def bench_arrange(path: Path) -> tuple[float, float]:
    def job() -> None:
        seating.restore(None, ())  # no seats: the arrangement is written whole, as the baseline's
        seating.rearrange()

    def baseline() -> None:
        con = session_connection()
        people = sorted(_people(con), key=lambda p: (p[3], stroke_key(p[1])))
        free: dict[str, list] = {}
        for seat in _seats(con):
            free.setdefault(seat[1], []).append(seat)
        placed, next_free = [], dict.fromkeys(free, 0)
        for member, _name, role, _team in people:
            block, _zone, row, column = free[role][next_free[role]]
            next_free[role] += 1
            placed.append((member, block, row, column))
        with session_transaction():
            con.execute("DELETE FROM seatassignment")
            con.executemany("INSERT INTO seatassignment (member_id, meeting_id, block_id, row, column, pinned)"
                            " VALUES (?, NULL, ?, ?, ?, 0)", placed)

    return best(job), best(baseline)


def session_transaction():
    """One transaction on the session's connection, as the services write (peewee's atomic)."""
    from meetingdesk import store

    return store.database.atomic()


def session_connection() -> sqlite3.Connection:
    from meetingdesk import store

    return store.database.connection()


def bench_reflow(path: Path) -> tuple[float, float]:
    team = roster.list_delegations()[0]
    added = []

    def add() -> None:
        added.append(roster.add_member(roster.MemberInput("丁" + "一二三四五六七八"[len(added)], "男", delegation_id=team.delegation_id)))

    def job() -> None:
        seating.arrangement()

    def baseline() -> None:
        con = session_connection()
        people = _people(con)
        seats = _seats(con)
        taken = set(con.execute("SELECT block_id, row, column FROM seatassignment").fetchall())
        seated = {m for (m,) in con.execute("SELECT member_id FROM seatassignment")}
        for member, _name, role, _team in people:
            if member not in seated:
                block, _zone, row, column = next(s for s in seats if s[1] == role and (s[0], s[2], s[3]) not in taken)
                with session_transaction():
                    con.execute("INSERT INTO seatassignment (member_id, meeting_id, block_id, row, column, pinned)"
                                " VALUES (?, NULL, ?, ?, ?, 0)", (member, block, row, column))

    times, bases = [], []
    for _ in range(3):
        add()
        times.append(best(job, 1))
        add()
        bases.append(best(baseline, 1))
    return min(times), min(bases)


def bench_chart(work: Path) -> tuple[float, float] | None:
    from pypdf import PdfReader

    from meetingdesk import printing

    if "seating" not in dict(printing.kinds()):
        return None
    out = work / "seating.pdf"

    def job() -> None:
        printing.write_pdf("seating", out)

    arr = seating.arrangement()

    def baseline() -> None:
        """The same strings by the plainest means: every seat a box with its number and its name
        in the same face, on as many A3 pages as the chart takes, in a plain grid (no fitting of
        names, no layout of blocks, no overview)."""
        from reportlab.lib.pagesizes import A3, landscape
        from reportlab.pdfgen import canvas

        from meetingdesk.printing import fonts

        fonts.register_fonts()
        width, height = landscape(A3)
        c = canvas.Canvas(str(work / "bare.pdf"), pagesize=(width, height))
        per_page = -(-len(arr.seats) // pages[0])
        columns = 40
        for i, seat in enumerate(arr.seats):
            if i and i % per_page == 0:
                c.showPage()
            at = i % per_page
            x, y = 20 + (at % columns) * 29, height - 40 - (at // columns) * 24
            c.rect(x, y, 27, 20, stroke=1, fill=0)
            c.setFont(fonts.SONG, 4)
            c.drawString(x + 1, y + 15, str(seat.number))
            c.setFont(fonts.SONG, 7)
            c.drawString(x + 2, y + 4, seat.name)
        c.save()

    job()
    pages = [len(PdfReader(str(out)).pages)]  # the baseline fills as many
    return best(job, 2), best(baseline, 2)


def run(work: Path) -> list[tuple[str, float, float]]:
    """(label, seconds of MeetingDesk, seconds of the bare baseline); prints nothing."""
    build(work)
    rows = [("arrange 5,000 in 6,000 seats", *bench_arrange(work)),
            ("re-flow after one is added", *bench_reflow(work))]
    chart = bench_chart(work)
    if chart is not None:
        rows.append(("print 会场座次图 (6,000 seats)", *chart))
    session.close_session()
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rows = run(Path(tmp))
    print(f"{'seating (5,000 people)':<34}{'MeetingDesk':>12}{'baseline':>12}{'ratio':>8}{'goal':>10}")
    for label, ours, base in rows:
        goal = ""
        if label.startswith("re-flow"):
            goal = f"≤{GOAL_REFLOW * 1000:.0f}ms" + (" ✓" if ours <= GOAL_REFLOW else " ✗")
        print(f"{label:<34}{ours:>11.3f}s{base:>11.3f}s{ours / base:>7.1f}×{goal:>10}")


if __name__ == "__main__":
    main()

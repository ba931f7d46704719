"""What the clerk waits for in the window at 5,000 people, each against a bare PySide6 baseline
doing the same raw work (the same rows, read the same way, shown in a bare table model).

    run(path) -> [(job, program seconds, baseline seconds, goal seconds)]

PATH is the benchmark's 5,000-person session (bench/run.py builds it). Timed from the action
until Qt has processed every event it caused (the window answers again); best of REPEAT.
"""
from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QTableView  # noqa: E402

from timing import REPEAT, best  # noqa: E402



class _Bare(QAbstractTableModel):
    """The plainest model: a list of tuples."""

    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 8

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None

    def reset(self, rows):
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


FIRST_REPEAT = 2 * REPEAT  # the first window is the shortest job measured, the most disturbed by others

ROWS_SQL = ("SELECT p.name, p.gender, m.role, d.name, '', m.status, p.work_title, p.note FROM member m"
            " JOIN person p ON p.id = m.person_id LEFT JOIN delegation d ON d.id = m.delegation_id"
            " WHERE m.status = '在任'")


def run(path: Path) -> list[tuple[str, float, float, float]]:
    from meetingdesk.services import roster, session
    from meetingdesk.ui.roster import commands
    from meetingdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    results = []

    # ---- the first window on the session vs a bare window showing its 5,000 rows
    from meetingdesk.rules.collation import sort_names, stroke_key

    def first_window(windows: list) -> None:
        stroke_key.cache_clear()  # both start cold: the names' stroke keys are part of the work
        session.close_session()
        window = MainWindow(path)
        window.show()
        app.processEvents()
        windows.append(window)

    def bare_window(windows: list) -> None:
        stroke_key.cache_clear()
        con = sqlite3.connect(path)
        rows = sort_names(con.execute(ROWS_SQL).fetchall(), key=lambda r: r[0] + r[7])  # the same order
        con.close()
        view = QTableView()
        view.setModel(_Bare(rows))
        view.resize(1360, 700)
        view.show()
        app.processEvents()
        windows.append(view)

    results.append(("first window with the session", _fresh(first_window), _fresh(bare_window), None))
    window = MainWindow(path)  # one window from here on, as the program has
    window.show()
    app.processEvents()

    # ---- an edit and its undo vs one UPDATE and one row shown anew in a bare model
    member = roster.list_members()[100]
    before = roster.MemberInput.of(member)
    after = replace(before, work_title="基准测试")

    def edit():
        roster.update_member(member.member_id, after)
        window.undo_stack.push(commands.EditMember(member.member_id, before, after))
        app.processEvents()

    def undo():
        window.undo_stack.undo()
        app.processEvents()

    edits, undos = [], []
    for _ in range(REPEAT):
        start = time.perf_counter()
        edit()
        edits.append(time.perf_counter() - start)
        start = time.perf_counter()
        undo()
        undos.append(time.perf_counter() - start)

    con = sqlite3.connect(path, isolation_level=None)
    rows = con.execute(ROWS_SQL).fetchall()
    bare = _Bare(rows)
    view = QTableView()
    view.setModel(bare)
    view.show()

    def bare_edit():
        con.execute("BEGIN")
        con.execute("UPDATE person SET work_title = ? WHERE id = (SELECT person_id FROM member WHERE id = ?)",
                    ("基准测试", member.member_id))
        con.execute("COMMIT")
        row = con.execute(ROWS_SQL + " AND m.id = ?", (member.member_id,)).fetchone()
        bare.rows[100] = row
        bare.dataChanged.emit(bare.index(100, 0), bare.index(100, 7))
        app.processEvents()

    session.close_session()  # the bare baseline writes the file directly
    base = best(bare_edit)
    session.open_session(path)
    results.append(("edit a person (until the window answers)", min(edits), base, 0.100))
    results.append(("undo it", min(undos), base, 0.100))

    # ---- switching page vs switching between two bare widgets
    pages = window.nav.count()
    order = [*range(1, pages), 0]

    def switch():
        for i in order:
            window.nav.setCurrentRow(i)
            app.processEvents()

    stack = QStackedWidget()
    for i in range(pages):
        stack.addWidget(QLabel(str(i)))
    stack.show()

    def bare_switch():
        for i in order:
            stack.setCurrentIndex(i)
            app.processEvents()

    # after an edit, every other page is stale once: the first round re-reads them
    results.append((f"switch through all {pages} pages (each)", best(switch) / pages, best(bare_switch) / pages, 0.050))

    # ---- a key in the roster's filter vs a list filter and a bare model reset
    line = window.roster_page.filter

    def keys():
        for text in ("王", "王军", "王", ""):
            line.setText(text)
            app.processEvents()

    texts = [r[0] + r[7] + r[6] for r in rows]

    def bare_keys():
        for text in ("王", "王军", "王", ""):
            bare.reset([r for r, t in zip(rows, texts) if text in t])
            app.processEvents()

    results.append(("a key in the roster filter (each)", best(keys) / 4, best(bare_keys) / 4, 0.030))
    con.close()
    _dispose([window, view, stack])
    session.close_session()
    return results


def _fresh(make, repeat: int = FIRST_REPEAT) -> float:
    """The best of REPEAT first windows, each made by MAKE(windows) on its own: the one before is
    closed and deleted between two (untimed), so that none of its timers fires in the next."""
    times = []
    for _ in range(repeat):
        windows: list = []
        start = time.perf_counter()
        make(windows)
        times.append(time.perf_counter() - start)
        _dispose(windows)
    return min(times)


def _dispose(windows: list) -> None:
    """Close the windows and delete them now: a window left behind would go on ticking (its
    backup timer) and be collected in the middle of a later measurement."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    for w in windows:
        w.close()
        w.deleteLater()
    windows.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()

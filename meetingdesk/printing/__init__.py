"""PDF papers (reportlab), read through the services; no Qt widgets, no writes.

Each paper is a module with `KIND`, `TITLE` and `prepare(**options) -> Paper`; the KIND
names are a public interface (`meetingdesk print KIND`). `frame.render` lays a Paper out
on the shared page frame and writes it atomically.

Importing this package loads neither reportlab nor any paper: `CATALOGUE` names each paper,
its title and its options, so the window's 打印 menus are made without them, and a paper's
module (with reportlab) loads when the paper is first prepared. A new paper is added to the
CATALOGUE (tests/printing/test_frame.py checks it against the paper's own module).

`serve` is the paper builder's loop in a process of its own (the print preview starts it),
building papers from the session file opened read-only, so a large paper never holds the
window.
"""
from __future__ import annotations

import importlib
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from meetingdesk.services.errors import ServiceError

if TYPE_CHECKING:
    from .coverage import FontCoverageError, Printed, check_coverage
    from .frame import Paper, PrintCancelled, ProgressFn, render


class Entry(NamedTuple):
    kind: str
    module: str  # meetingdesk.printing.MODULE
    title: str
    options: tuple[str, ...]  # the parameters of the module's prepare, in order


# In menu order.
CATALOGUE = (
    Entry("roster", "roster", "代表团编团名单", ("delegation_id",)),
    Entry("signin", "signin", "签到表", ("delegation_id", "role", "meeting")),
    Entry("people", "people", "人员核对名单", ("delegation_id", "role", "order")),
    Entry("presidium", "presidium_list", "主席团和秘书长名单", ()),
    Entry("chairs", "chairs", "主席团常务主席名单", ()),
    Entry("groups", "groups", "执行主席分组", ()),
    Entry("deputies", "deputies", "副秘书长名单", ()),
    Entry("review", "review", "议案审查委员会名单", ()),
    Entry("scrutineers", "scrutineers", "总监票人、监票人名单", ()),
    Entry("agenda", "agenda", "议程", ()),
    Entry("schedule", "timetable", "日程", ()),
    Entry("motions", "motion_register", "议案和建议登记表", ()),
    Entry("motion_review", "motion_review", "议案审查委员会关于议案的审查报告", ()),
    Entry("motion_resolution", "motion_resolution", "关于议案的决议（草案）", ()),
    Entry("motion_counts", "motion_counts", "议案和建议统计表", ()),
    Entry("motion_deadline", "motion_deadline", "关于提出议案截止时间的决定", ()),
    Entry("candidates", "candidates", "正式候选人名单", ()),
    Entry("ballots", "ballots", "选票", ("copies", "spares", "serial", "box", "meeting", "poll")),
    Entry("votes", "votes", "表决票", ("copies", "spares", "serial", "box", "marks", "meeting")),
    Entry("preballots", "preballots", "预选选票", ("delegation_id", "spares", "serial")),
    Entry("preliminary_report", "preliminary_report", "预选计票结果报告", ()),
    Entry("tally_report", "tally_report", "计票结果报告单", ("poll",)),
    Entry("announcements", "announcements", "公告", ("poll", "number")),
    Entry("vote_results", "vote_results", "表决结果", ("poll",)),
    Entry("attendance", "attendance_report", "代表到会情况报告", ("meeting",)),
    Entry("absences", "absences", "代表请假和缺席名单", ("meeting",)),
    Entry("attendance_table", "attendance_table", "代表出席情况统计表", ("delegation_id",)),
    Entry("badges", "badges", "代表证件", ("role", "delegation_id")),
    Entry("seating", "seating_chart", "会场座次图", ("meeting",)),
    Entry("podium", "podium", "主席台座次表", ("meeting",)),
    Entry("seat_list", "seat_list", "座次表", ("delegation_id", "meeting")),
    Entry("tent_cards", "tent_cards", "桌签", ("meeting", "delegation_id", "role")),
    Entry("leaders", "leaders", "代表团团长、副团长名单", ()),
    Entry("changes_notice", "changes_notice", "代表变动公告", ("by_election",)),
    Entry("qualification_report", "qualification_report", "代表资格审查委员会关于补选代表资格的审查报告", ()),
    Entry("handling_list", "handling_list", "交办清单", ()),
    Entry("handling_report_stats", "handling_report_stats", "建议办理情况统计", ()),
)
_ENTRIES = {entry.kind: entry for entry in CATALOGUE}


class _Papers(Mapping):
    """KIND -> the paper's module, imported when first asked for (`kind in PAPERS` imports nothing)."""

    def __getitem__(self, kind: str):
        return importlib.import_module(f"{__name__}.{_ENTRIES[kind].module}")

    def __contains__(self, kind: object) -> bool:
        return kind in _ENTRIES

    def __iter__(self) -> Iterator[str]:
        return iter(_ENTRIES)

    def __len__(self) -> int:
        return len(_ENTRIES)


PAPERS = _Papers()
OPTION_NAMES = {"delegation_id": "代表团", "role": "身份", "meeting": "会议", "order": "排列方式",
                "copies": "份数", "spares": "备用份数", "serial": "编号", "box": "票箱", "marks": "表决票格式",
                "poll": "投票", "number": "公告编号", "by_election": "补选情况"}

# Loaded with reportlab when first used: `from meetingdesk.printing import Paper` still works.
_LAZY = {"FontCoverageError": "coverage", "Printed": "coverage", "check_coverage": "coverage",
         "Paper": "frame", "PrintCancelled": "frame", "ProgressFn": "frame", "render": "frame"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def kinds() -> list[tuple[str, str]]:
    """(KIND, Chinese title) of every paper, in menu order."""
    return [(entry.kind, entry.title) for entry in CATALOGUE]


def _entry(kind: str) -> Entry:
    try:
        return _ENTRIES[kind]
    except KeyError:
        names = "、".join(f"{e.kind}（{e.title}）" for e in CATALOGUE)
        raise ServiceError(f"没有名为“{kind}”的打印件。可以打印：{names}。") from None


def title_of(kind: str) -> str:
    return _entry(kind).title


def options_of(kind: str) -> list[str]:
    """The options KIND's paper takes (delegation_id, role, meeting, order, copies, spares, serial, box,
    marks, poll, number, by_election)."""
    return list(_entry(kind).options)


def prepare(kind: str, **options) -> Paper:
    """Read what the paper prints (on the caller's thread: it uses the database)."""
    entry = _entry(kind)
    for name in options:
        if name not in entry.options:
            raise ServiceError(f"{entry.title}没有“{OPTION_NAMES.get(name, name)}”这一选项。")
    return PAPERS[kind].prepare(**options)


def write_pdf(kind: str, out: str | Path, progress: ProgressFn | None = None, *,
              keys: list[int] | None = None, **options) -> int:
    """Prepare and render KIND to OUT; returns the page count. KEYS: see `frame.render`."""
    from .frame import render

    return render(prepare(kind, **options), out, progress, keys)


def write(kind: str, out: str | Path, progress: ProgressFn | None = None, *,
          keys: list[int] | None = None, **options) -> int:
    """KIND to OUT as its suffix says: a .docx for WPS and Word (`word.render_docx`; KEYS stay
    empty), a PDF otherwise. Returns the PDF's pages, or the pages a .docx starts explicitly."""
    suffix = Path(out).suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise ServiceError(f"输出文件“{Path(out).name}”应以 .pdf（PDF）或 .docx（Word）结尾。"
                           "为免误把会议文件当作输出文件覆盖，其他文件名一律不写。")
    if suffix == ".docx":
        from .word import render_docx

        if keys is not None:
            keys.clear()
        return render_docx(prepare(kind, **options), out, progress)
    return write_pdf(kind, out, progress, keys=keys, **options)


# ---------------------------------------------------------------- the builder process

PROGRESS_EVERY = 0.05  # seconds between two progress messages of the builder


def serve(conn, cancelled) -> None:
    """The paper builder, in a process of its own: builds each job it receives on CONN, one at a time.

    A job is (number, session path, kind, options, out). For each it answers on CONN
    ("progress", number, done, total, message) now and then, and at the end one of
    ("finished", number, pages, keys), ("failed", number, message) or ("cancelled", number).
    CANCELLED is a shared integer: a job whose number is not above it stops at its next step.
    None (or the other end closing) ends the loop. The session is opened read-only for each
    job (`session.READ` works while the window holds it) and closed after.
    """
    try:
        _serve(conn, cancelled)
    except (EOFError, OSError):  # the window has gone: so has the builder
        return


def _serve(conn, cancelled) -> None:
    from meetingdesk.services import session

    while True:
        job = conn.recv()
        if job is None:
            return
        number, path, kind, options, out = job
        last = 0.0

        def progress(done: int, total: int, message: str, number: int = number) -> bool:
            nonlocal last
            if cancelled.value >= number:
                return False
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY or done >= total:
                last = now
                conn.send(("progress", number, done, total, message))
            return True

        try:
            if cancelled.value >= number:
                conn.send(("cancelled", number))
                continue
            keys: list[int] = []
            try:
                _open(session, path)
                pages = write(kind, out, progress, keys=keys, **options)
            finally:
                session.close_session()
        except ServiceError as exc:
            from .frame import PrintCancelled

            conn.send(("cancelled", number) if isinstance(exc, PrintCancelled) else ("failed", number, exc.message))
        except Exception as exc:  # noqa: BLE001 — a layout bug fails the job, not the builder
            conn.send(("failed", number, f"生成{'Word 文档' if str(out).lower().endswith('.docx') else ' PDF '}时出错：{exc}"))
        else:
            conn.send(("finished", number, pages, keys))


OPEN_TRIES = 20  # the window may be writing the session this moment: its journal is not yet gone


def _open(session, path: str) -> None:
    """Open PATH read-only, waiting a moment (up to 2 s) while the window finishes a write."""
    for attempt in range(OPEN_TRIES):
        try:
            session.open_session(path, session.READ)
            return
        except ServiceError:
            if attempt == OPEN_TRIES - 1:
                raise
            time.sleep(0.1)


__all__ = [
    "CATALOGUE", "PAPERS", "FontCoverageError", "Paper", "PrintCancelled", "Printed", "ProgressFn",
    "check_coverage", "kinds", "options_of", "prepare", "render", "serve", "title_of", "write", "write_pdf",
]

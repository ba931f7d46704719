"""PDF papers (reportlab), read through the services; no Qt widgets, no writes.

Each paper is a module with `KIND`, `TITLE` and `prepare(**options) -> Paper`; the KIND
names are a public interface (`meetingdesk print KIND`). `frame.render` lays a Paper out
on the shared page frame and writes it atomically.
"""
from __future__ import annotations

import inspect
from pathlib import Path

from meetingdesk.services.errors import ServiceError

from . import (
    absences, agenda, announcements, attendance_report, attendance_table, badges, ballots, candidates, chairs,
    changes_notice, deputies, groups, leaders, motion_counts, motion_deadline, motion_register, motion_resolution,
    motion_review, people, preballots, preliminary_report, presidium_list, qualification_report, review, roster,
    scrutineers, signin, tally_report, timetable, vote_results, votes,
)
from .coverage import FontCoverageError, Printed, check_coverage
from .frame import Paper, PrintCancelled, ProgressFn, render

PAPERS = {module.KIND: module for module in (roster, signin, people, presidium_list, chairs, groups,
                                             deputies, review, scrutineers, agenda, timetable,
                                             motion_register, motion_review, motion_resolution, motion_counts,
                                             motion_deadline, candidates, ballots, votes, preballots,
                                             preliminary_report, tally_report, announcements, vote_results,
                                             attendance_report, absences, attendance_table, badges,
                                             leaders, changes_notice, qualification_report)}
OPTION_NAMES = {"delegation_id": "代表团", "role": "身份", "meeting": "会议", "order": "排列方式",
                "copies": "份数", "spares": "备用份数", "serial": "编号", "box": "票箱", "marks": "表决票格式",
                "poll": "投票", "number": "公告编号", "by_election": "补选情况"}


def kinds() -> list[tuple[str, str]]:
    """(KIND, Chinese title) of every paper, in menu order."""
    return [(kind, module.TITLE) for kind, module in PAPERS.items()]


def title_of(kind: str) -> str:
    return _module(kind).TITLE


def _module(kind: str):
    try:
        return PAPERS[kind]
    except KeyError:
        names = "、".join(f"{k}（{m.TITLE}）" for k, m in PAPERS.items())
        raise ServiceError(f"没有名为“{kind}”的打印件。可以打印：{names}。") from None


def options_of(kind: str) -> list[str]:
    """The options KIND's paper takes (delegation_id, role, meeting, order, copies, spares, serial, box,
    marks, poll, number, by_election)."""
    return [name for name in inspect.signature(_module(kind).prepare).parameters]


def prepare(kind: str, **options) -> Paper:
    """Read what the paper prints (on the caller's thread: it uses the database)."""
    module = _module(kind)
    accepted = options_of(kind)
    for name in options:
        if name not in accepted:
            raise ServiceError(f"{module.TITLE}没有“{OPTION_NAMES.get(name, name)}”这一选项。")
    return module.prepare(**options)


def write_pdf(kind: str, out: str | Path, progress: ProgressFn | None = None, **options) -> int:
    """Prepare and render KIND to OUT; returns the page count."""
    return render(prepare(kind, **options), out, progress)


__all__ = [
    "PAPERS", "FontCoverageError", "Paper", "PrintCancelled", "Printed", "ProgressFn",
    "check_coverage", "kinds", "options_of", "prepare", "render", "title_of", "write_pdf",
]

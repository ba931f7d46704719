"""预选计票 from the 选举 page: start, two clerks' sheets per delegation, the sums, a difference
shown, and the official candidates fixed from the votes."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.services import elections, preliminary
from meetingdesk.ui.elections import preliminary_dialog
from meetingdesk.ui.elections.page import ElectionsPage

from ..data.builders import DEPUTY_DIRECTOR as OFFICE, preliminary_election
from .helpers import shown, warnings_of

NOW = dt.datetime(2023, 12, 22, 8, 0)


@pytest.fixture
def warned(monkeypatch) -> list[str]:
    return warnings_of(monkeypatch, preliminary_dialog)


@pytest.fixture
def dialog(qtbot, demo_session, asked, warned):
    eid = preliminary_election().election_id
    page = shown(qtbot, ElectionsPage(), NOW)
    page.refresh()
    page.select(eid)
    assert page.preliminary_button.isEnabled()
    found = page.count_preliminary()
    qtbot.addWidget(found)
    return found


def _type_sheet(dialog, entry: int, present: int, votes: list[int]) -> None:
    dialog.entry_group.button(entry).setChecked(True)
    for spin, value in ((dialog.present, present), (dialog.issued, present), (dialog.returned, present),
                        (dialog.void, 0)):
        spin.setValue(value)
    for spin, value in zip(dialog.vote_spins.values(), votes):
        spin.setValue(value)
    assert dialog.save()


def test_a_preliminary_vote_through_the_dialog(dialog, asked, warned):
    assert dialog.start_button.isVisible() and not dialog.save_button.isEnabled()
    dialog.start_button.click()
    assert dialog.round_choice.currentText() == f"{OFFICE}预选"
    assert len(dialog.vote_spins) == 6 and dialog.save_button.isEnabled()
    teams = [line for line in dialog.lines.rows()]
    assert [line.state for line in teams] == ["未录入"] * len(teams)
    # both clerks for every delegation; a slip in the first delegation's second entry
    for i, line in enumerate(teams):
        n = line.delegates
        for entry in (1, 2):
            dialog.line_view.setCurrentIndex(dialog.lines.index(i, 0))
            slip = 1 if (i == 0 and entry == 2) else 0
            _type_sheet(dialog, entry, n, [n, n - slip, n - 1, n - 2, n - 3, 0])
    outcome = preliminary.result(dialog.current_round().round_id)
    assert len(outcome.differences) == 1 and "两遍录入不一致" in dialog.report.toHtml()
    assert not dialog.adopt_button.isEnabled()
    dialog.line_view.setCurrentIndex(dialog.lines.index(0, 0))
    n = teams[0].delegates
    _type_sheet(dialog, 2, n, [n, n, n - 1, n - 2, n - 3, 0])
    assert warned == []
    assert dialog.adopt_button.isEnabled()
    assert "得票多的 5 人列为正式候选人。" in dialog.report.toPlainText()
    dialog.adopt_button.click()
    assert "确定正式候选人 5 人" in asked[-1]
    election = next(e for e in elections.list_elections() if e.office == OFFICE)
    assert len(election.candidates) == 5 and not election.needs_preliminary
    assert not dialog.save_button.isEnabled()


def test_a_bad_sheet_says_where_and_keeps_the_typing(dialog, warned):
    dialog.start_button.click()
    dialog.line_view.setCurrentIndex(dialog.lines.index(0, 0))
    dialog.present.setValue(99)
    assert not dialog.save()
    assert "多于该团在任代表" in warned[-1] and dialog.present.value() == 99

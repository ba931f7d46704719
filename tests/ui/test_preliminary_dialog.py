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


def test_the_delegations_scrutineers_are_chosen_and_a_candidate_is_refused(qtbot, dialog):
    from meetingdesk.services import roster
    from meetingdesk.ui.common.dialogs import CheckedDialog
    from meetingdesk.ui.elections.signing import NONE

    written = []
    dialog.written.connect(lambda: written.append(True))
    form = dialog.scrutineers()
    qtbot.addWidget(form)
    assert isinstance(form, CheckedDialog)
    teams = roster.list_delegations()
    assert list(form.combos) == [t.delegation_id for t in teams]
    first = form.combos[teams[0].delegation_id]
    assert len(first) == 2 and first[0].currentText() == NONE
    candidates = {c.person_id for c in elections.get_election(dialog.election_id).candidates}
    offered = {first[0].itemData(i) for i in range(1, first[0].count())}
    assert not {roster.get_member(m).person_id for m in offered} & candidates
    first[0].setCurrentIndex(1)
    first[1].setCurrentIndex(2)
    form.combos[teams[1].delegation_id][0].setCurrentIndex(1)
    form.buttons.accepted.emit()
    assert not form.isVisible() and written
    assert [(r.delegation_id, r.member_id) for r in preliminary.pre_scrutineers()] == [
        (teams[0].delegation_id, first[0].itemData(1)), (teams[0].delegation_id, first[1].itemData(2)),
        (teams[1].delegation_id, form.combos[teams[1].delegation_id][0].itemData(1))]
    # one chosen then nominated stays listed, and saving again is refused with the reason
    member = roster.get_member(first[0].itemData(1))
    court = elections.add_election("东西湖区人民法院副院长", 1, "差额", "副职")
    elections.add_nomination(elections.NominationInput(court, "主席团", (member.person_id,)),
                             now=dt.datetime(2023, 12, 21, 18, 0))
    again = dialog.scrutineers()
    qtbot.addWidget(again)
    assert again.combos[teams[0].delegation_id][0].currentData() == member.member_id
    again.buttons.accepted.emit()
    assert again.isVisible() and "是东西湖区人民法院副院长的候选人" in again.general_error.text()
    assert len(preliminary.pre_scrutineers()) == 3

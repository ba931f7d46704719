"""The preliminary vote counted by delegation: double entry, each delegation's quorum and round,
the official candidates by most votes, a tie voted again, and the list fixed from it."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.services import ServiceError, elections, preliminary, roster
from meetingdesk.services.preliminary import SheetInput

from ..data.builders import preliminary_election

NOW = dt.datetime(2023, 12, 22, 12, 0)


@pytest.fixture
def election(demo_session) -> elections.ElectionRow:
    return preliminary_election()


def enter_all(round_id: int, votes_by_rank: list[int], *, skip: str = "", present=None) -> None:
    """Every delegation: all its delegates take part, every ballot valid; the Nth candidate gets
    votes_by_rank[N] per 10 delegates, rounded down, so totals follow the given order."""
    row = preliminary.get_round(round_id)
    for team in roster.list_delegations():
        n = team.count("代表")
        if not n or team.name == skip:
            continue
        votes = {c.person_id: min(n, share * n // 10) for c, share in zip(row.candidates, votes_by_rank)}
        sheet = SheetInput(n if present is None else present, n, n, 0, votes)
        for entry in (1, 2):
            preliminary.enter(round_id, team.delegation_id, entry, sheet)


def test_the_most_votes_over_all_delegations_become_the_official_candidates(election):
    round_id = preliminary.start(election.election_id, NOW)
    row = preliminary.get_round(round_id)
    assert row.places == 5 and len(row.candidates) == 6
    enter_all(round_id, [10, 9, 8, 7, 6, 2])
    outcome = preliminary.result(round_id)
    assert outcome.complete and outcome.outcome.revote == ()
    loser = row.candidates[5]
    assert loser.person_id not in [v.key for v in outcome.outcome.elected]
    assert outcome.totals[row.candidates[0].person_id] == 210
    assert outcome.outcome.lines[-1] == "得票多的 5 人列为正式候选人。"
    chosen = preliminary.adopt(election.election_id, NOW)
    assert len(chosen) == 5
    after = elections.get_election(election.election_id)
    assert loser.person_id not in [c.person_id for c in after.candidates]
    assert not after.needs_preliminary
    withdrawn = [n for nom in after.nominations for n in nom.nominees if n.withdrawn_at]
    assert [n.withdraw_reason for n in withdrawn] == [f"预选得 {outcome.totals[loser.person_id]} 票，未列为正式候选人"]
    elections.fix_candidates(election.election_id, NOW.date())  # the list can now be fixed
    with pytest.raises(ServiceError, match="不能再修改计票"):
        enter_all(round_id, [10, 9, 8, 7, 6, 2])


def test_nothing_is_decided_while_the_clerks_differ_or_a_delegation_is_missing(election):
    round_id = preliminary.start(election.election_id, NOW)
    enter_all(round_id, [10, 9, 8, 7, 6, 2], skip="吴家山街代表团")
    outcome = preliminary.result(round_id)
    assert not outcome.complete and outcome.outcome is None
    assert [line.state for line in outcome.lines if line.delegation == "吴家山街代表团"] == ["未录入"]
    team = next(d for d in roster.list_delegations() if d.name == "吴家山街代表团")
    row = preliminary.get_round(round_id)
    first = SheetInput(18, 18, 18, 0, {row.candidates[0].person_id: 18})
    preliminary.enter(round_id, team.delegation_id, 1, first)
    preliminary.enter(round_id, team.delegation_id, 2, SheetInput(18, 18, 18, 0, {row.candidates[0].person_id: 17}))
    outcome = preliminary.result(round_id)
    assert outcome.differences == (f"吴家山街代表团 {row.candidates[0].name}：第 1 遍 18 票，第 2 遍 17 票",)
    with pytest.raises(ServiceError, match="计票尚未完成"):
        preliminary.adopt(election.election_id)


@pytest.mark.parametrize("present, valid", [(9, False), (10, True)])
def test_a_delegation_needs_more_than_half_of_its_delegates(election, present, valid):
    """慈惠街代表团 has 18 delegates: 9 is half, not more than half."""
    round_id = preliminary.start(election.election_id, NOW)
    enter_all(round_id, [10, 9, 8, 7, 6, 2])
    team = next(d for d in roster.list_delegations() if d.name == "慈惠街代表团")
    assert team.count("代表") == 18
    for entry in (1, 2):
        preliminary.enter(round_id, team.delegation_id, entry, SheetInput(present, present, present, 0, {}))
    outcome = preliminary.result(round_id)
    assert outcome.complete is valid
    if not valid:
        assert outcome.problems == ("慈惠街代表团参加预选 9 人，未超过该团代表 18 人的半数，不能进行预选（办法第八条）。",)


@pytest.mark.parametrize("returned, valid", [(18, True), (19, False)])
def test_more_ballots_back_than_issued_voids_the_delegation_s_vote(election, returned, valid):
    round_id = preliminary.start(election.election_id, NOW)
    enter_all(round_id, [10, 9, 8, 7, 6, 2])
    team = next(d for d in roster.list_delegations() if d.name == "慈惠街代表团")
    for entry in (1, 2):
        preliminary.enter(round_id, team.delegation_id, entry, SheetInput(18, 18, returned, 0, {}))
    assert preliminary.result(round_id).complete is valid


def test_a_tie_at_the_cut_off_is_voted_again_among_the_tied(election):
    round_id = preliminary.start(election.election_id, NOW)
    enter_all(round_id, [10, 9, 8, 7, 5, 5])
    outcome = preliminary.result(round_id)
    assert len(outcome.outcome.elected) == 4 and len(outcome.outcome.revote) == 2
    with pytest.raises(ServiceError, match="须先就得票相等者再次预选"):
        preliminary.adopt(election.election_id)
    again = preliminary.create_revote(round_id, NOW)
    row = preliminary.get_round(again)
    assert row.places == 1 and len(row.candidates) == 2 and "第2轮" in row.title
    enter_all(again, [3, 8])
    chosen = preliminary.adopt(election.election_id, NOW)
    first = preliminary.get_round(round_id)
    assert set(chosen) == {c.person_id for c in first.candidates[:4]} | {first.candidates[5].person_id}


def test_bad_sheets_are_refused_with_where_and_what(election):
    round_id = preliminary.start(election.election_id, NOW)
    team = next(d for d in roster.list_delegations() if d.name == "慈惠街代表团")
    row = preliminary.get_round(round_id)
    with pytest.raises(ServiceError, match="慈惠街代表团（第 1 遍）：参加预选 19 人，多于该团在任代表 18 人"):
        preliminary.enter(round_id, team.delegation_id, 1, SheetInput(19, 19, 19, 0, {}))
    with pytest.raises(ServiceError, match="应在 0 到有效票 16 张之间"):
        preliminary.enter(round_id, team.delegation_id, 1, SheetInput(18, 18, 18, 2, {row.candidates[0].person_id: 17}))
    assert preliminary.entered(round_id, team.delegation_id, 1) is None


def test_only_an_election_with_too_many_nominees_has_a_preliminary_vote(demo_session):
    first = elections.list_elections()[0]
    with pytest.raises(ServiceError, match="不需要预选"):
        preliminary.start(first.election_id)


def test_the_session_check_follows_the_preliminary_count(election):
    from meetingdesk.services import checks

    def messages():
        return [f"{p.where}：{p.message}" for p in checks.check_session() if "预选" in p.where and p.area == "计票"]

    round_id = preliminary.start(election.election_id, NOW)
    enter_all(round_id, [10, 9, 8, 7, 5, 5])
    assert messages() == [f"{election.office}预选：有候选人得票相等，须就得票相等者再次预选。"]
    again = preliminary.create_revote(round_id, NOW)
    enter_all(again, [3, 8])
    assert messages() == [f"{election.office}预选（第2轮，就得票相等者再次预选）：计票已完成，"
                          "待主席团按得票多少确定正式候选人。"]
    preliminary.adopt(election.election_id, NOW)
    assert messages() == []


def test_the_preliminary_vote_decides_as_many_places_as_the_banfa_decided(demo_session):
    election = preliminary_election()  # 2 seats, 6 nominees: the law allows 5
    elections.update_election(election.election_id, election.office, 2, "差额", "副职", candidates=3)
    round_id = preliminary.start(election.election_id, NOW)
    assert preliminary.get_round(round_id).places == 3
    enter_all(round_id, [10, 9, 8, 7, 6, 2])
    assert len(preliminary.adopt(election.election_id, NOW)) == 3
    after = elections.get_election(election.election_id)
    assert len(after.candidates) == 3 and after.count_problem is None

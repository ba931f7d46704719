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


# ---------------------------------------------------------------- 预选监票人 (办法 第七条)


def _team(name: str):
    return next(t for t in roster.list_delegations() if t.name == name)


def _chosen() -> list[tuple[str, str]]:
    return [(r.delegation, r.name) for r in preliminary.pre_scrutineers()]


def test_each_delegation_chooses_its_scrutineers_from_its_delegates_who_are_not_candidates(election):
    cihui, wujiashan = _team("慈惠街代表团"), _team("吴家山街代表团")
    standing = elections.candidate_person_ids()  # this election's and the demo's
    assert {c.person_id for c in election.candidates} <= standing
    members = roster.list_members(cihui.delegation_id, role="代表")
    free = [m for m in members if m.person_id not in standing]
    assert [m for m, _ in preliminary.scrutineer_choices(cihui.delegation_id)] == [m.member_id for m in free]
    assert preliminary.pre_scrutineers() == []
    preliminary.set_pre_scrutineers(cihui.delegation_id, [free[1].member_id, free[0].member_id])
    preliminary.set_pre_scrutineers(wujiashan.delegation_id,
                                    [roster.list_members(wujiashan.delegation_id, role="代表")[0].member_id])
    # the delegations' order, each delegation's in the order chosen
    assert _chosen() == [("吴家山街代表团", roster.list_members(wujiashan.delegation_id, role="代表")[0].name),
                         ("慈惠街代表团", free[1].name), ("慈惠街代表团", free[0].name)]
    preliminary.set_pre_scrutineers(cihui.delegation_id, [])
    assert [d for d, _ in _chosen()] == ["吴家山街代表团"]


@pytest.mark.parametrize("who, message", [
    ("candidate", "是东西湖区第十一届人民代表大会常务委员会副主任的候选人；预选监票人须从不是预选候选人的代表中推定（办法第七条）"),
    ("other delegation", "不是慈惠街代表团的在任代表；预选监票人由各代表团从本团代表中推定（办法第七条）"),
    ("attendee", "不是慈惠街代表团的在任代表"),
    ("ended", "不是慈惠街代表团的在任代表"),
    ("twice", "慈惠街代表团的预选监票人中有人重复"),
    ("gone", "所选代表已不存在"),
])
def test_a_scrutineer_who_may_not_be_is_refused_and_nothing_is_written(election, who, message):
    cihui = _team("慈惠街代表团")
    standing = {c.person_id for c in election.candidates}
    delegates = roster.list_members(cihui.delegation_id, role="代表")
    free = next(m for m in delegates if m.person_id not in standing)
    preliminary.set_pre_scrutineers(cihui.delegation_id, [free.member_id])
    before = _chosen()
    if who == "ended":
        gone = next(m for m in delegates if m.person_id not in standing and m.member_id != free.member_id)
        roster.end_member(gone.member_id, dt.date(2023, 12, 21), "因工作调动辞去代表职务")
    bad = {
        "candidate": lambda: next(m for m in delegates if m.person_id in standing).member_id,
        "other delegation": lambda: roster.list_members(_team("吴家山街代表团").delegation_id, role="代表")[0].member_id,
        "attendee": lambda: roster.list_members(cihui.delegation_id, role="列席")[0].member_id,
        "ended": lambda: gone.member_id,
        "twice": lambda: free.member_id,
        "gone": lambda: 999999,
    }[who]()
    with pytest.raises(ServiceError, match=message):
        preliminary.set_pre_scrutineers(cihui.delegation_id, [free.member_id, bad])
    # several delegations at once: all or none, the error's field the delegation
    other = _team("长青街代表团")
    with pytest.raises(ServiceError, match=message) as err:
        preliminary.set_all_pre_scrutineers({
            other.delegation_id: [roster.list_members(other.delegation_id, role="代表")[0].member_id],
            cihui.delegation_id: [bad, free.member_id]})
    assert err.value.field == str(cihui.delegation_id)
    assert _chosen() == before


def test_check_reports_a_scrutineer_who_has_left_or_stands_since(election):
    from meetingdesk.services import checks

    cihui = _team("慈惠街代表团")
    free = [m for m, _ in preliminary.scrutineer_choices(cihui.delegation_id)]
    preliminary.set_pre_scrutineers(cihui.delegation_id, free[:2])
    assert not [p for p in checks.check_session() if "预选监票人" in p.message]
    first, second = (roster.get_member(m) for m in free[:2])
    roster.end_member(first.member_id, dt.date(2023, 12, 21), "因工作调动辞去代表职务")
    court = elections.add_election("东西湖区人民法院副院长", 1, "差额", "副职")
    elections.add_nomination(elections.NominationInput(court, "主席团", (second.person_id,)),
                             now=dt.datetime(2023, 12, 21, 18, 0))
    found = [p.message for p in checks.check_session() if "预选监票人" in p.message]
    assert found == [f"慈惠街代表团的预选监票人“{first.display}”已不是该团的在任代表。",
                     f"慈惠街代表团的预选监票人“{second.display}”是东西湖区人民法院副院长的候选人，"
                     "预选监票人须从不是预选候选人的代表中推定。"]

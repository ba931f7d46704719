"""Elections and nominations: seed 000's three elections, the nomination rules at their limits."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk.services import ServiceError, checks, elections, motions, presidium, roster
from meetingdesk.services.elections import NominationInput
from meetingdesk.store import Election
from tests.data.seed_lists import CITY_DEPUTY_CANDIDATES, STANDING_COMMITTEE_CANDIDATES

DEADLINE = dt.datetime(2023, 12, 22, 9, 0)
MINUTE = dt.timedelta(minutes=1)


def _names(rows):
    return [r.name for r in rows]


def _delegates(team="吴家山街代表团", n=10):
    return [r for r in roster.list_members(role="代表") if r.delegation == team][:n]


def _open_election(seats=7, mode="差额", rule="常委会委员"):
    return elections.add_election("区人大常委会委员（测试）", seats, mode, rule)


def test_demo_holds_seed_000s_three_elections(demo_session):
    committee, court, city = elections.list_elections()
    clean = [n.replace(" ", "").removesuffix("_(女)") for n in STANDING_COMMITTEE_CANDIDATES]
    assert (committee.seats, committee.mode, len(committee.candidates)) == (7, "差额", 8)
    assert _names(committee.candidates) == ["田志勇"] + clean  # 田 has 5 strokes: first
    assert committee.count_problem is None and not committee.needs_preliminary
    assert [n.by for n in committee.nominations] == ["大会主席团", "王钢华等10名代表联名"]
    assert (court.seats, court.mode, _names(court.candidates)) == (1, "等额", ["杨丹"])
    assert _names(city.candidates) == [n.replace(" ", "") for n in CITY_DEPUTY_CANDIDATES]
    assert city.nominations[0].by == "中共武汉市委"
    assert motions.get_deadline("提名").at == DEADLINE


def test_a_joint_nomination_needs_ten_serving_delegates(demo_session):
    election = _open_election()
    candidate = _delegates("东山街代表团", 1)[0].person_id
    ten = [r.member_id for r in _delegates()]
    with pytest.raises(ServiceError, match="现只有 9 名") as err:
        elections.add_nomination(NominationInput(election, "代表联名", (candidate,), tuple(ten[:9])),
                                 now=DEADLINE - MINUTE)
    assert err.value.field == "signers"
    roster.end_member(ten[-1], dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    with pytest.raises(ServiceError, match="现只有 9 名"):
        elections.add_nomination(NominationInput(election, "代表联名", (candidate,), tuple(ten)),
                                 now=DEADLINE - MINUTE)
    roster.reinstate_member(ten[-1])
    elections.add_nomination(NominationInput(election, "代表联名", (candidate,), tuple(ten)),
                             now=DEADLINE)  # at the deadline itself: in time
    assert _names(elections.get_election(election).candidates) == [_delegates("东山街代表团", 1)[0].name]


def test_a_nomination_after_the_deadline_is_refused_whoever_nominates(demo_session):
    election = _open_election()
    candidate = _delegates("东山街代表团", 1)[0].person_id
    ten = tuple(r.member_id for r in _delegates())
    with pytest.raises(ServiceError, match="提名无效") as err:
        elections.add_nomination(NominationInput(election, "代表联名", (candidate,), ten), now=DEADLINE + MINUTE)
    assert err.value.field == "received_at"
    # the deadline binds the presidium and the parties too (办法 第五条: 本次会议提名候选人的截止时间)
    with pytest.raises(ServiceError, match="晚于提名候选人截止时间 2023年12月22日上午9:00，提名无效") as err:
        elections.add_nomination(NominationInput(election, "主席团", (candidate,)), now=DEADLINE + MINUTE)
    assert err.value.field == "received_at"
    city = elections.list_elections()[2].election_id
    elections.fix_candidates(city, None)
    with pytest.raises(ServiceError, match="提名无效"):
        elections.add_nomination(NominationInput(city, "政党团体", (candidate,), organisation="武汉市总工会"),
                                 now=DEADLINE + MINUTE)
    elections.add_nomination(NominationInput(election, "主席团", (candidate,)), now=DEADLINE)


def test_a_late_paper_from_before_the_rule_counts_for_nothing(demo_session):
    """A presidium paper that is late (entered before the deadline bound every nominator, or the
    deadline moved earlier) is flagged and does not stand; the deadline back, it counts again."""
    election = _open_election(seats=1, mode="差额", rule="正职")
    candidate = _delegates("东山街代表团", 1)[0].person_id
    elections.add_nomination(NominationInput(election, "主席团", (candidate,)), now=DEADLINE)
    motions.set_deadline("提名", DEADLINE - MINUTE)
    row = elections.get_election(election)
    assert row.nominations[0].late and row.candidates == ()
    [notice] = [p for p in checks.check_session() if p.target == ("election", election) and "晚于" in p.message]
    assert notice.severity == checks.NOTICE
    assert notice.message == "大会主席团的提名晚于提名候选人截止时间，无效，不计入候选人。"
    motions.set_deadline("提名", DEADLINE)
    assert len(elections.get_election(election).candidates) == 1


def test_no_nominator_proposes_more_candidates_than_seats(demo_session):
    election = _open_election(seats=2)
    people = tuple(r.person_id for r in _delegates("东山街代表团", 3))
    ten = tuple(r.member_id for r in _delegates())
    with pytest.raises(ServiceError, match="不得超过应选名额"):
        elections.add_nomination(NominationInput(election, "主席团", people), now=DEADLINE)
    elections.add_nomination(NominationInput(election, "代表联名", people[:2], ten), now=DEADLINE)
    # the same delegates cannot sign another paper for a third candidate
    with pytest.raises(ServiceError, match="将超过应选名额 2 人"):
        elections.add_nomination(NominationInput(election, "代表联名", people[2:], ten), now=DEADLINE)


def test_withdrawals_before_the_list_is_fixed(demo_session):
    election = _open_election(seats=1, mode="差额", rule="正职")
    a, b = (r.person_id for r in _delegates("东山街代表团", 2))
    first = elections.add_nomination(NominationInput(election, "主席团", (a,)), now=DEADLINE)
    ten = tuple(r.member_id for r in _delegates())
    second = elections.add_nomination(NominationInput(election, "代表联名", (b,), ten), now=DEADLINE)
    assert len(elections.get_election(election).candidates) == 2
    with pytest.raises(ServiceError, match="写明撤回的原因"):
        elections.withdraw_nominee(first, a, DEADLINE, " ")
    elections.withdraw_nominee(first, a, DEADLINE, "被提名人书面表示不愿被提名")
    row = elections.get_election(election)
    assert len(row.candidates) == 1 and "候选人至少 2 人" in row.count_problem
    with pytest.raises(ServiceError, match="不能确定候选人名单"):
        elections.fix_candidates(election, dt.date(2023, 12, 22))
    elections.withdraw_nomination(second, DEADLINE)
    assert elections.get_election(election).candidates == ()


def test_a_fixed_list_takes_no_more_nominations_or_withdrawals(demo_session):
    election = _open_election(seats=1, mode="等额", rule="正职")
    a, b = (r.person_id for r in _delegates("东山街代表团", 2))
    paper = elections.add_nomination(NominationInput(election, "主席团", (a,)), now=DEADLINE)
    elections.fix_candidates(election, dt.date(2023, 12, 22))
    with pytest.raises(ServiceError, match="已确定候选人名单"):
        elections.withdraw_nominee(paper, a, DEADLINE, "迟到的撤回")
    with pytest.raises(ServiceError, match="不再接受提名"):
        elections.add_nomination(NominationInput(election, "主席团", (b,)), now=DEADLINE)
    elections.fix_candidates(election, None)  # the presidium reopens it
    elections.add_nomination(NominationInput(election, "代表联名", (b,), tuple(r.member_id for r in _delegates())),
                             now=DEADLINE)
    with pytest.raises(ServiceError, match="须先进行预选"):
        elections.fix_candidates(election, dt.date(2023, 12, 22))


def test_ratio_and_preliminary_vote(demo_session):
    election = _open_election(seats=7)
    people = [r.person_id for r in roster.list_members(role="代表")][:12]
    elections.add_nomination(NominationInput(election, "主席团", tuple(people[:7])), now=DEADLINE)
    assert "至少 8 人，现为 7 人" in elections.get_election(election).count_problem
    ten = tuple(r.member_id for r in _delegates("东山街代表团"))
    elections.add_nomination(NominationInput(election, "代表联名", tuple(people[7:8]), ten), now=DEADLINE)
    row = elections.get_election(election)
    assert row.count_problem is None and not row.needs_preliminary
    elections.add_nomination(NominationInput(election, "代表联名", tuple(people[8:9]), ten), now=DEADLINE)
    row = elections.get_election(election)
    assert row.needs_preliminary and "至多 8 人，现为 9 人" in row.count_problem


def test_election_settings_are_checked(demo_session):
    with pytest.raises(ServiceError, match="不能等额选举") as err:
        elections.add_election("区人大常委会委员", 7, "等额", "常委会委员")
    assert err.value.field == "mode"
    with pytest.raises(ServiceError, match="至少为 1"):
        elections.add_election("区人民法院院长", 0, "等额", "正职")
    with pytest.raises(ServiceError, match="政党或人民团体"):
        elections.add_nomination(NominationInput(_open_election(2, "等额", "补选代表"), "政党团体", (1,)))


def test_who_may_nominate_depends_on_the_office(demo_session):
    deputies = _open_election(2, "等额", "补选代表")
    officer = _open_election(1, "等额", "正职")
    person = (_delegates("东山街代表团", 1)[0].person_id,)
    with pytest.raises(ServiceError, match="不由主席团提名") as err:
        elections.add_nomination(NominationInput(deputies, "主席团", person), now=DEADLINE)
    assert err.value.field == "nominator"
    with pytest.raises(ServiceError, match="只适用于选举人大代表"):
        elections.add_nomination(NominationInput(officer, "政党团体", person, organisation="中共武汉市委"),
                                 now=DEADLINE)
    elections.add_nomination(NominationInput(deputies, "政党团体", person, organisation="中共武汉市委"),
                             now=DEADLINE)


def test_a_scrutineer_who_becomes_a_candidate_is_flagged(demo_session):
    scrutineer = presidium.list_roles("监票人")[0]
    election = _open_election(seats=1, mode="等额", rule="正职")
    elections.add_nomination(NominationInput(election, "主席团", (scrutineer.person_id,)), now=DEADLINE)
    found = [p for p in checks.check_session() if "是候选人" in p.message]
    assert len(found) == 1 and found[0].target == ("role", "监票人")


def test_the_organ_is_inferred_from_the_office_or_given(demo_session):
    committee, court, city = elections.list_elections()
    assert (committee.body, court.body, city.body) == ("常委会", "法院", "上级人大")
    assert committee.delegates_only and not court.delegates_only
    eid = elections.add_election("东西湖区人民检察院检察长", 1, "等额", "正职")
    assert elections.get_election(eid).body == "检察院"
    eid = elections.add_election("东西湖区人民政府副区长", 2, "差额", "副职", body="政府")
    assert elections.get_election(eid).body == "政府"
    with pytest.raises(ServiceError, match="任职机构只能是") as err:
        elections.add_election("东西湖区人民政府副区长", 2, "差额", "副职", body="区委")
    assert err.value.field == "body"
    elections.update_election(eid, "东西湖区人民政府副区长", 2, "差额", "副职", body="")
    # an organ left empty (a file of schema 5) is read from the office's text
    assert Election.get_by_id(eid).body == "" and elections.get_election(eid).body == "政府"


def test_the_banfa_decides_the_number_of_candidates(demo_session):
    committee, court, city = elections.list_elections()
    assert (committee.decided_candidates, court.decided_candidates, city.decided_candidates) == (8, 1, 2)
    assert committee.range_text == "差额选举，候选人 8 人（办法决定）"
    with pytest.raises(ServiceError, match=r"候选人数应为 3 至 5 人.*不能是 6 人") as err:
        elections.add_election("东西湖区人民政府副区长", 2, "差额", "副职", candidates=6)
    assert err.value.field == "candidates"
    with pytest.raises(ServiceError, match="候选人数应为 8 人"):
        elections.update_election(committee.election_id, committee.office, 7, "差额", "常委会委员", candidates=9)
    with pytest.raises(ServiceError, match="候选人数应为 2 人"):
        elections.update_election(court.election_id, court.office, 2, "等额", "正职", candidates=1)
    eid = elections.add_election("东西湖区人民政府副区长", 2, "差额", "副职", candidates=4)
    assert elections.get_election(eid).most_candidates == 4
    people = [r.person_id for r in _delegates("东山街代表团", 5)]
    ten = [r.member_id for r in _delegates()]
    elections.add_nomination(NominationInput(eid, "主席团", tuple(people[:2])), now=DEADLINE)
    elections.add_nomination(NominationInput(eid, "代表联名", tuple(people[2:4]), tuple(ten)), now=DEADLINE)
    row = elections.get_election(eid)
    assert row.count_problem is None and not row.needs_preliminary
    other = [r.member_id for r in _delegates("将军路街代表团")]
    elections.add_nomination(NominationInput(eid, "代表联名", tuple(people[4:]), tuple(other)), now=DEADLINE)
    row = elections.get_election(eid)  # five nominees: within the law's 3 to 5, beyond the 办法's 4
    assert row.needs_preliminary and "办法决定候选人为 4 人，现为 5 人" in row.count_problem
    elections.update_election(eid, row.office, 2, "差额", "副职", candidates=None)
    row = elections.get_election(eid)
    assert row.count_problem is None and not row.needs_preliminary and row.most_candidates == 5


# ---------------------------------------------------------------- who may stand


def _election_problems():
    return [p for p in checks.check_session() if p.area == "选举"]


def test_only_serving_delegates_stand_for_the_standing_committee(demo_session):
    committee, court, city = elections.list_elections()
    assert elections.delegates_only(committee.election_id)
    assert not elections.delegates_only(court.election_id) and not elections.delegates_only(city.election_id)
    election = _open_election(seats=2)  # 区人大常委会委员（测试）
    attendee = roster.list_members(role="列席")[0]
    staff = roster.list_members(role="工作人员")[0]
    outsider = presidium.add_outside_person("郑凯文")
    ended = _delegates("东山街代表团", 2)[1]
    roster.end_member(ended.member_id, dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    for person, words in ((attendee.person_id, f"“{attendee.display}”是列席人员，不是代表"),
                          (staff.person_id, f"“{staff.display}”是工作人员，不是代表"),
                          (outsider, "“郑凯文”不是本级人民代表大会代表"),
                          (ended.person_id, f"“{ended.display}”的代表资格已终止")):
        with pytest.raises(ServiceError, match=words) as err:
            elections.add_nomination(NominationInput(election, "主席团", (person,)), now=DEADLINE)
        assert err.value.field == "nominees" and "须从本级人民代表大会代表中选举" in err.value.message
    # the court's president need not be a delegate
    elections.fix_candidates(court.election_id, None)
    elections.withdraw_nominee(court.nominations[0].nomination_id, court.candidates[0].person_id, DEADLINE,
                               "被提名人书面表示不愿被提名")
    elections.add_nomination(NominationInput(court.election_id, "主席团", (outsider,)), now=DEADLINE)
    names = roster.delegate_names_on(dt.date.today())  # who a write-in for this election must be
    assert "郑凯文" not in names and {"田志勇", "杨丹"} <= names and ended.name not in names


def test_a_candidate_whose_mandate_ends_is_an_error_in_the_check(demo_session):
    committee = elections.list_elections()[0]
    pan = next(m for m in roster.list_members(role="代表") if m.name == "潘登")
    assert _election_problems() == []
    roster.end_member(pan.member_id, dt.date(2023, 12, 23), "因工作调整辞去代表职务")
    [problem] = _election_problems()
    assert problem.severity == checks.ERROR and problem.target == ("election", committee.election_id)
    assert problem.message == ("候选人“潘登”的代表资格已终止，人大常委会组成人员须从本级人民代表大会代表中选举。")
    assert problem.where == committee.office


def test_one_person_standing_for_the_committee_and_the_court_is_an_error(demo_session):
    committee, court, _ = elections.list_elections()
    yang = court.candidates[0]
    elections.fix_candidates(committee.election_id, None)
    others = [r.member_id for r in _delegates("将军路街代表团")]
    elections.add_nomination(NominationInput(committee.election_id, "代表联名", (yang.person_id,), tuple(others)),
                             now=DEADLINE)
    problems = [p for p in _election_problems() if "同时是" in p.message]
    assert len(problems) == 1 and problems[0].severity == checks.ERROR
    assert problems[0].message == (f"“杨丹(女)”同时是{committee.office}和{court.office}的候选人："
                                   "人大常委会组成人员不得担任国家行政机关、监察机关、审判机关和检察机关的职务。")
    assert problems[0].target == ("election", court.election_id)
    # a 常委会 office and a deputy's seat at the city congress go together
    city = elections.list_elections()[2]
    elections.fix_candidates(city.election_id, None)
    elections.add_nomination(NominationInput(city.election_id, "政党团体", (committee.candidates[0].person_id,),
                                             organisation="武汉市总工会"), now=DEADLINE)
    assert len([p for p in _election_problems() if "同时是" in p.message]) == 1


def test_a_by_election_of_officers_is_nominated_by_the_presidium_or_delegates(demo_session):
    eid = elections.add_election("东西湖区第十一届人民代表大会常务委员会副主任", 1, "等额", "补选")
    person = (_delegates("东山街代表团", 1)[0].person_id,)
    with pytest.raises(ServiceError, match="只适用于选举人大代表") as err:
        elections.add_nomination(NominationInput(eid, "政党团体", person, organisation="中共武汉市委"), now=DEADLINE)
    assert err.value.field == "nominator"
    elections.add_nomination(NominationInput(eid, "主席团", person), now=DEADLINE)
    assert elections.get_election(eid).count_problem is None
    elections.update_election(eid, "东西湖区第十一届人民代表大会常务委员会副主任", 1, "差额", "补选", candidates=3)
    ten = tuple(r.member_id for r in _delegates())
    more = tuple(r.person_id for r in _delegates("东山街代表团", 3)[1:])
    elections.add_nomination(NominationInput(eid, "代表联名", more[:1], ten), now=DEADLINE)
    assert "办法决定候选人为 3 人，现为 2 人" in elections.get_election(eid).count_problem


# ---------------------------------------------------------------- nomination limits and fixing


def test_the_presidium_names_no_more_candidates_than_seats_over_all_its_papers(demo_session):
    committee = elections.list_elections()[0]
    elections.fix_candidates(committee.election_id, None)
    extra = _delegates("东山街代表团", 1)[0]
    with pytest.raises(ServiceError) as err:
        elections.add_nomination(NominationInput(committee.election_id, "主席团", (extra.person_id,)), now=DEADLINE)
    assert err.value.message == (f"主席团在{committee.office}选举中已提名 7 人，再提名 1 人共 8 人，超过应选名额 7 人。")
    assert err.value.field == "nominees"
    # naming again one it already named adds no one
    again = committee.nominations[0].nominees[0].person_id
    elections.add_nomination(NominationInput(committee.election_id, "主席团", (again,)), now=DEADLINE)
    # a withdrawn nominee frees the place
    paper = committee.nominations[0]
    elections.withdraw_nominee(paper.nomination_id, paper.nominees[-1].person_id, DEADLINE, "被提名人书面表示不愿被提名")
    elections.add_nomination(NominationInput(committee.election_id, "主席团", (extra.person_id,)), now=DEADLINE)


def test_each_party_or_organisation_names_no_more_than_the_seats(demo_session):
    city = elections.list_elections()[2]  # 中共武汉市委 named 2 for 2 seats
    elections.fix_candidates(city.election_id, None)
    person = presidium.add_outside_person("郑凯文")
    with pytest.raises(ServiceError, match="“中共武汉市委”在.*已提名 2 人，再提名 1 人共 3 人，超过应选名额 2 人") as err:
        elections.add_nomination(NominationInput(city.election_id, "政党团体", (person,), organisation="中共武汉市委"),
                                 now=DEADLINE)
    assert err.value.field == "nominees"
    elections.add_nomination(NominationInput(city.election_id, "政党团体", (person,), organisation="武汉市总工会"),
                             now=DEADLINE)
    assert len(elections.get_election(city.election_id).candidates) == 3


def test_the_list_is_fixed_only_after_the_nomination_deadline(demo_session):
    court = elections.list_elections()[1]
    elections.fix_candidates(court.election_id, None)
    day = DEADLINE.date()
    with pytest.raises(ServiceError, match="确定日期2023年12月21日早于提名候选人截止时间2023年12月22日上午9:00") as err:
        elections.fix_candidates(court.election_id, day - dt.timedelta(days=1), now=DEADLINE + MINUTE)
    assert err.value.field == "on"
    with pytest.raises(ServiceError, match="截止时间2023年12月22日上午9:00还没有过"):
        elections.fix_candidates(court.election_id, day, now=DEADLINE - MINUTE)
    with pytest.raises(ServiceError, match="还没有过"):  # at the deadline a paper may still come
        elections.fix_candidates(court.election_id, day, now=DEADLINE)
    with pytest.raises(ServiceError, match="还没有过"):  # nor may a later day be recorded early
        elections.fix_candidates(court.election_id, day + dt.timedelta(days=1), now=DEADLINE - MINUTE)
    elections.fix_candidates(court.election_id, day, now=DEADLINE + MINUTE)
    assert elections.get_election(court.election_id).fixed_on == day
    # recorded after the event: the clock is long past the deadline
    elections.fix_candidates(court.election_id, None)
    elections.fix_candidates(court.election_id, day)
    # the nomination received in time stays valid
    assert [c.name for c in elections.get_election(court.election_id).candidates] == ["杨丹"]
    # without a deadline, the list may be fixed any time
    motions.set_deadline("提名", None)
    elections.fix_candidates(court.election_id, None)
    elections.fix_candidates(court.election_id, day - dt.timedelta(days=2), now=DEADLINE - dt.timedelta(days=2))


def test_a_signer_whose_mandate_ends_after_receipt_still_counts(demo_session):
    committee = elections.list_elections()[0]
    joint = committee.nominations[1]  # 王钢华等10名代表联名, received 2023-12-22 08:30
    signer = joint.signers[-1]
    roster.end_member(signer.member_id, dt.date(2023, 12, 23), "因工作调整辞去代表职务")
    row = elections.get_election(committee.election_id)
    assert row.nominations[1].serving_signers == 10
    assert [p for p in checks.check_session() if p.area == "选举"] == []
    roster.reinstate_member(signer.member_id)
    roster.end_member(signer.member_id, dt.date(2023, 12, 22), "因工作调整辞去代表职务")
    row = elections.get_election(committee.election_id)
    assert row.nominations[1].serving_signers == 9
    [error] = [p for p in checks.check_session() if p.area == "选举"]
    assert error.severity == checks.ERROR and "现只有 9 名在任代表" in error.message
    # a paper entered now, received before the mandate ended, counts the signer
    election = _open_election(seats=1, mode="等额", rule="正职")
    ten = [r.member_id for r in _delegates()]
    roster.end_member(ten[-1], dt.date(2023, 12, 22), "因工作调整辞去代表职务")
    elections.add_nomination(NominationInput(election, "代表联名", (_delegates("东山街代表团", 1)[0].person_id,),
                                             tuple(ten), received_at=dt.datetime(2023, 12, 21, 17, 0)))

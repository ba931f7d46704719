"""The count cannot be wrong: a confirmed result stays what the presidium confirmed, 全体代表 is
taken for the day of the vote, each paper and each decision follows its own rule of the 办法."""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk import printing
from meetingdesk.services import ServiceError, attendance, counting, elections, roster, schedule, session, voting
from meetingdesk.services.counting import Figure

from ..printing.pdftext import compact, pages_text

CONFIRMED = dt.datetime(2023, 12, 23, 11, 30)
# only five of the seven committee seats get a majority (106): 李静 90, 潘登 99, 田志勇 60
FIVE_OF_SEVEN = {"李静": [30, 30, 30], "潘登": [33, 33, 33], "田志勇": [20, 20, 20]}
COMMITTEE = "东西湖区第十一届人民代表大会常务委员会委员"


def _plenary() -> int:
    return next(m.meeting_id for m in schedule.list_meetings() if m.name == "第三次全体会议")


def _poll(election_ids=None, item_ids=None, **kw) -> int:
    if election_ids is None:
        election_ids = [e.election_id for e in elections.list_elections()]
    if item_ids is None:
        item_ids = [i.item_id for i in voting.list_vote_items()]
    return counting.create_poll("第三次全体会议选举和表决", election_ids, item_ids, meeting_id=_plenary(),
                                now=dt.datetime(2023, 12, 23, 10, 0), **kw)


def _enter(poll_id, yes=None, item_yes=None, per_box=70, write_ins=(), skip=()):
    """Both clerks enter every box alike. YES[name] is a candidate's 赞成 per box (a list of three),
    61 by default for the eight committee candidates (seven marks on each ballot) and 70 for the
    others; every item gets ITEM_YES per box; WRITE_INS: (office part, name, per box yes); SKIP:
    names of elections or items not entered at all."""
    yes = yes or {}
    item_yes = item_yes or (per_box,) * 3
    row = counting.get_poll(poll_id)
    for b, box in enumerate(voting.list_boxes()):
        figures = []
        for pe in row.elections:
            if any(part in pe.office for part in skip):
                continue
            share = per_box * pe.seats // max(pe.seats, len(pe.candidates))
            for c in pe.candidates:
                y = yes.get(c.name, [share] * 3)[b]
                figures.append(Figure(pe.poll_election_id, c.person_id, yes=y, no=per_box - y))
            for part, name, votes in write_ins:
                if part in pe.office:
                    figures.append(Figure(pe.poll_election_id, write_in=name, yes=votes[b]))
            figures.append(Figure(pe.poll_election_id))
        for pi in row.items:
            if not any(part in pi.title for part in skip):
                figures.append(Figure(poll_item_id=pi.poll_item_id, yes=item_yes[b], no=per_box - item_yes[b]))
        for entry in (1, 2):
            counting.enter(poll_id, box.box_id, entry, {"选票": (per_box, per_box), "表决票": (per_box, per_box)},
                           figures)


def _delegation() -> int:
    return roster.list_delegations()[0].delegation_id


# ---------------------------------------------------------------- results that stay as confirmed


def test_a_confirmed_result_does_not_change_when_delegates_are_added_later(demo_session, tmp_path):
    # 李静 and the resolution have 106 of 210: exactly more than half
    poll = _poll()
    counting.set_present(poll, 210)
    _enter(poll, yes={"李静": [36, 35, 35], "田志勇": [20, 20, 20]}, item_yes=(36, 35, 35))
    counting.confirm(poll, now=CONFIRMED)
    before = counting.result(poll)
    papers = {kind: compact("".join(pages_text(printing.write_pdf(kind, tmp_path / f"{kind}1.pdf") and
                                                    tmp_path / f"{kind}1.pdf")))
              for kind in ("tally_report", "announcements", "vote_results")}
    assert "李静" in papers["announcements"] and "全体代表210人，过半数为106票" in papers["vote_results"]
    assert "106票104票0票通过" in papers["vote_results"]  # each item: 赞成 | 反对 | 弃权 | 结果

    for name in ("新代表甲", "新代表乙"):  # two delegates added after the vote
        roster.add_member(roster.MemberInput(name, delegation_id=_delegation()))
    assert session.session_info().delegates == 212

    after = counting.result(poll)
    assert after == before and after.all_delegates == 210
    committee = after.elections[0].outcome
    assert "李静" in [v.name for v in committee.elected] and committee.vacancies == 0
    assert [i.state for i in after.items] == ["通过"] * 7
    assert "李静" in [e.name for e in counting.announcements()[0].elected]
    for kind, text in papers.items():
        again = compact("".join(pages_text(printing.write_pdf(kind, tmp_path / f"{kind}2.pdf") and
                                            tmp_path / f"{kind}2.pdf")))
        assert again == text, kind
    # a candidate renamed or struck from the roster later does not change the confirmed 公告 either
    other = next(c for c in after.poll.elections[0].candidates if c.name == "潘登")
    from meetingdesk.store import Person
    Person.update(name="潘登改").where(Person.id == other.person_id).execute()
    assert "潘登" in [e.name for e in counting.announcements()[0].elected]


def test_only_a_logged_correction_changes_a_confirmed_figure(demo_session):
    poll = _poll()
    counting.set_present(poll, 210)
    _enter(poll, yes={"李静": [36, 35, 35], "田志勇": [20, 20, 20]}, item_yes=(36, 35, 35))
    counting.confirm(poll, now=CONFIRMED)
    box = voting.list_boxes()[0]
    papers, figures = counting.entered(poll, box.box_id, 1)
    li = next(c for c in counting.get_poll(poll).elections[0].candidates if c.name == "李静")
    fixed = [Figure(f.poll_election_id, f.person_id, yes=35, no=35) if f.person_id == li.person_id else f
             for f in figures]
    counting.correct(poll, box.box_id, papers, fixed, "监票人复核：一张选票误记", now=CONFIRMED)
    outcome = counting.result(poll).elections[0].outcome
    assert "李静" not in [v.name for v in outcome.elected] and outcome.vacancies == 1  # 105 of 210
    assert [a[0] for a in counting.acts(poll)] == ["确认", "更正"]
    impossible = [Figure(f.poll_election_id, f.person_id, yes=70, no=35) if f.person_id == li.person_id else f
                  for f in figures]
    with pytest.raises(ServiceError, match="多于有效选票 70 张"):
        counting.correct(poll, box.box_id, papers, impossible, "再改")
    assert [a[0] for a in counting.acts(poll)] == ["确认", "更正"]


# ---------------------------------------------------------------- 全体代表 on the day of the vote


def test_all_delegates_are_those_serving_on_the_day_of_the_vote(demo_session):
    people = roster.list_members(role="代表")
    roster.end_member(people[0].member_id, dt.date(2023, 12, 22), "辞职")  # before the vote: not counted
    roster.end_member(people[1].member_id, dt.date(2023, 12, 24), "调离")  # after it: still counted
    roster.end_member(people[2].member_id, dt.date(2023, 12, 23), "辞职")  # on the day: no longer
    assert roster.delegates_on(dt.date(2023, 12, 23)) == 208
    poll = _poll()
    assert counting.all_delegates_of(counting.get_poll(poll)) == 208
    with pytest.raises(ServiceError, match="多于全体代表 208 人"):
        counting.set_present(poll, 209)
    counting.set_present(poll, 208)
    _enter(poll, per_box=69)
    assert counting.get_poll(poll).all_delegates == 208  # recorded with the first entry
    assert counting.result(poll).elections[1].outcome.threshold == 105


def test_a_late_roster_change_before_confirmation_must_be_looked_at(demo_session):
    poll = _poll()
    counting.set_present(poll, 200)
    _enter(poll, per_box=66)
    member = roster.list_members(role="代表")[0]
    roster.end_member(member.member_id, dt.date(2023, 12, 20), "辞职")  # entered late, dated before the vote
    with pytest.raises(ServiceError, match="全体代表为 210 人.*计为 209 人") as err:
        counting.confirm(poll, now=CONFIRMED)
    assert err.value.field == "all_delegates"
    from meetingdesk.services import checks
    assert any("与代表名单按投票当日计的 209 人不符" in p.message for p in checks.check_session())
    assert counting.refresh_all_delegates(poll) == 209
    counting.confirm(poll, now=CONFIRMED)
    assert counting.result(poll).all_delegates == 209
    assert counting.acts(poll)[0][3].startswith("全体代表 209 人；到会代表 200 人")


# ---------------------------------------------------------------- each paper, each decision


def _one_too_many_back(paper: str, box_index: int) -> int:
    """A count of 69 ballots per box where one box returns one PAPER more than it issued."""
    poll = _poll()
    counting.set_present(poll, 210)
    _enter(poll, per_box=69)
    box = voting.list_boxes()[box_index]
    for entry in (1, 2):
        papers, figures = counting.entered(poll, box.box_id, entry)
        counting.enter(poll, box.box_id, entry, {**papers, paper: (68, 69)}, figures)
    return poll


def test_a_void_election_round_leaves_the_resolutions_standing(demo_session):
    poll = _one_too_many_back("选票", 0)
    outcome = counting.result(poll)
    assert not outcome.rounds["选票"].valid and outcome.rounds["表决票"].valid
    assert outcome.standing and not outcome.valid
    assert all(e.state == "无效" and e.outcome.elected == () for e in outcome.elections)
    assert all("当选" not in line.replace("均未产生", "") for e in outcome.elections for line in e.outcome.lines)
    assert [i.state for i in outcome.items] == ["通过"] * 7
    counting.confirm(poll, now=CONFIRMED)
    assert counting.announcements() == []  # nothing to announce until the election is voted again
    redo = counting.get_poll(counting.create_new_vote(poll))
    assert redo.kind == "重新投票" and redo.papers == ("选票",) and len(redo.elections) == 3
    assert redo.elections[0].write_ins


def test_the_other_way_round_a_void_vote_paper_leaves_the_elections(demo_session):
    outcome = counting.result(_one_too_many_back("表决票", 1))
    assert [i.state for i in outcome.items] == ["无效"] * 7 and not any(i.passed for i in outcome.items)
    assert [v.name for v in outcome.elections[1].outcome.elected] == ["杨丹"]


def test_an_item_or_election_nobody_entered_is_not_decided(demo_session):
    poll = _poll()
    counting.set_present(poll, 210)
    _enter(poll, skip=("关于议案的决议", "人民法院院长"))
    outcome = counting.result(poll)
    assert outcome.items[-1].state == "未录入" and outcome.items[-1].text.endswith("票数未录入。")
    assert not outcome.elections[1].entered and outcome.elections[1].state == "未录入"
    with pytest.raises(ServiceError, match="票数未录入，不能确认：东西湖区人民法院院长、关于议案的决议（草案）"):
        counting.confirm(poll, now=CONFIRMED)


def test_a_revote_elects_by_the_rule_the_session_keeps(demo_session):
    poll = _poll()
    counting.set_present(poll, 210)
    _enter(poll, yes={"田志勇": [60, 60, 60], "潘登": [60, 60, 60]})  # tied for the seventh seat
    counting.confirm(poll, now=CONFIRMED)
    revote = counting.create_revote(poll)
    pe = counting.get_poll(revote).elections[0]
    for box in voting.list_boxes():
        # 36 votes in all for 潘登, 24 for 田志勇: far from a majority of 210
        figures = [Figure(pe.poll_election_id, c.person_id, yes=12 if c.name == "潘登" else 8,
                          no=8 if c.name == "潘登" else 12) for c in pe.candidates] + [Figure(pe.poll_election_id)]
        for entry in (1, 2):
            counting.enter(revote, box.box_id, entry, {"选票": (20, 20)}, figures)
    outcome = counting.result(revote).elections[0].outcome
    assert [v.name for v in outcome.elected] == ["潘登"]
    assert outcome.lines[0] == "再次投票，应选 1 人，以得票多的当选（办法第十五条）（不再要求全体代表 210 人的过半数）。"
    session.set_bylaw(revote_rule="过半数")
    outcome = counting.result(revote).elections[0].outcome
    assert outcome.elected == () and outcome.vacancies == 1
    assert "再次投票仍须获得全体代表的过半数赞成票始得当选（办法第十五条）。" in outcome.lines


def test_vacancies_go_to_a_further_round_where_the_bylaw_says_so(demo_session):
    session.set_bylaw(vacancy_rule="另行选举")
    poll = _poll()
    counting.set_present(poll, 210)
    _enter(poll, yes=FIVE_OF_SEVEN)
    committee = counting.result(poll).elections[0].outcome
    assert len(committee.elected) == 5 and committee.vacancies == 2
    assert committee.lines[-1] == "获得过半数赞成票的 5 人，少于应选名额，不足的 2 个名额另行选举（办法第十五条）。"
    with pytest.raises(ServiceError, match="尚未经主席团确认"):
        counting.create_further_round(poll, elections.list_elections()[0].election_id)
    counting.confirm(poll, now=CONFIRMED)
    first = counting.announcements()[0]
    assert len(first.elected) == 5 and first.vacancies == 0 and first.further == 2  # awaiting the further round
    election_id = elections.list_elections()[0].election_id
    seats, ranked = counting.further_round_candidates(poll, election_id)
    assert seats == 2 and [name for _, name, _ in ranked] == ["潘登", "李静", "田志勇"]
    further = counting.get_poll(counting.create_further_round(poll, election_id))
    assert further.kind == "另行选举" and further.elections[0].seats == 2
    assert [c.name for c in further.elections[0].candidates] == ["潘登", "李静", "田志勇"]  # 差额: 3 for 2
    with pytest.raises(ServiceError, match="候选人至少 3 人"):
        counting.create_further_round(poll, election_id, [ranked[0][0], ranked[1][0]])


def test_vacancies_stay_vacant_under_the_seed_bylaw(demo_session):
    poll = _poll()
    counting.set_present(poll, 210)
    _enter(poll, yes=FIVE_OF_SEVEN)
    assert counting.result(poll).elections[0].outcome.lines[-1].endswith("缺额 2 人（办法第十五条）。")
    counting.confirm(poll, now=CONFIRMED)
    assert counting.announcements()[0].vacancies == 2
    with pytest.raises(ServiceError, match="缺额作缺额处理"):
        counting.create_further_round(poll, elections.list_elections()[0].election_id)


# ---------------------------------------------------------------- write-ins


def test_a_write_in_of_a_non_delegate_for_the_standing_committee_is_invalid(demo_session):
    assert elections.delegates_only(elections.list_elections()[0].election_id)
    poll = _poll()
    counting.set_present(poll, 210)
    # 田志勇 gets no vote; voters write in 苏顺康 (not a delegate) and 王烁 (a delegate) instead
    _enter(poll, yes={"田志勇": [0, 0, 0]}, write_ins=[("常务委员会", "苏顺康", [40, 40, 40]),
                                                     ("常务委员会", "刘锦刚", [2, 2, 2])])
    outcome = counting.result(poll).elections[0].outcome
    assert "苏顺康" not in "".join(v.name for v in outcome.elected)
    assert any("另选人“苏顺康”不是本级人民代表大会代表，所得 120 票为无效另选" in line for line in outcome.lines)
    assert "刘锦刚（另选人）：赞成 6 票，反对 0 票，弃权 0 票，未过半数。" in outcome.lines


def test_a_write_in_of_a_listed_candidate_follows_the_rule_and_says_so(demo_session):
    poll = _poll()
    counting.set_present(poll, 210)
    _enter(poll, yes={"李静": [34, 35, 35], "田志勇": [20, 20, 20]}, write_ins=[("常务委员会", "李静", [1, 0, 0])])
    outcome = counting.result(poll).elections[0].outcome
    assert "另选人“李静”与候选人同名，另选人与候选人同名的，该另选无效，不计入任何人的得票（1 票不计）。" in outcome.lines
    assert "李静" not in [v.name for v in outcome.elected]  # 104 of 210
    session.set_bylaw(write_in_listed="计入候选人")
    outcome = counting.result(poll).elections[0].outcome
    assert any(line.startswith("另选人“李静”与候选人同名，另选人与候选人同名的，计入该候选人的赞成票") for line in outcome.lines)
    assert "李静：赞成 105 票，反对 106 票，弃权 0 票，未过半数。" in outcome.lines


# ---------------------------------------------------------------- who is present


def test_a_delegate_who_left_before_the_vote_is_not_present_for_it(demo_session):
    meeting = _plenary()
    ids = [r.member_id for r in attendance.roll(meeting, role="代表")]
    attendance.tick(meeting, ids, ids[:142])
    attendance.mark_all(meeting, ids[:2], "早退", time="10:00")  # two leave at ten
    poll = _poll(vote_time="10:30")
    assert counting.get_poll(poll).present_used == 140
    counting.set_vote_time(poll, "09:45")
    assert counting.get_poll(poll).present_used == 142
    counting.set_vote_time(poll, "")  # unknown: nobody who left early is counted
    assert counting.get_poll(poll).present_used == 140
    with pytest.raises(ServiceError, match="应写成"):
        counting.set_vote_time(poll, "十点半")


def test_a_revote_and_a_further_round_have_ballots_of_their_own(demo_session, tmp_path):
    session.set_bylaw(vacancy_rule="另行选举")
    poll = _poll()
    counting.set_present(poll, 210)
    _enter(poll, yes=FIVE_OF_SEVEN)
    counting.confirm(poll, now=CONFIRMED)
    further = counting.create_further_round(poll, elections.list_elections()[0].election_id)
    out = tmp_path / "另行选举选票.pdf"
    assert printing.write_pdf("ballots", out, poll=further, copies=1) == 1
    text = compact("".join(pages_text(out)))
    assert f"{COMMITTEE}（另行选举，应选2人）" in text
    assert text.index("田志勇") < text.index("李静") < text.index("潘登")  # stroke order
    assert "另选人姓名" in text and "人民法院院长" not in text
    printing.write_pdf("announcements", tmp_path / "公告.pdf")
    first = compact(pages_text(tmp_path / "公告.pdf")[0])
    assert "选举产生了东西湖区第十一届人民代表大会常务委员会委员。尚有2名另行选举。现公布如下(5人" in first
    assert "再次投票" not in first

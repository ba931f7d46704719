"""services.suggestions: the life of a suggestion after the session, and the 办理情况报告's figures
reproduced from data as seeds 002 and 003 print them."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from meetingdesk import store
from meetingdesk.services import ServiceError, checks, motions, roster, suggestion_checks, suggestions
from meetingdesk.services.roster import MemberInput
from meetingdesk.services.suggestions import DueDefaults, ReplyInput, SuggestionInput

D = dt.date
RECEIVED = dt.datetime(2024, 1, 8, 9, 0)  # during the session
LATER = dt.datetime(2024, 12, 1, 9, 0)  # when the replies are entered
NAMES = [s + g for s in "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗" for g in "伟芳娜敏静丽强磊军洋"]


# ---------------------------------------------------------------- building a session's suggestions


def _delegates(n: int, team: str = "第一代表团") -> list[int]:
    with store.database.atomic():
        did = roster.add_delegation(team, "")
        return [roster.add_member(MemberInput(NAMES[i], delegation_id=did)) for i in range(n)]


def _units(n: int) -> list[int]:
    with store.database.atomic():
        return [suggestions.add_unit(f"区第{i + 1}局") for i in range(n)]


def _fields() -> dict[str, int]:
    return {name: suggestions.add_field(name) for name in suggestions.FIELDS}


def _register(leads: list[int], n: int, *, turned: int = 0) -> None:
    """N items of the session's register: 建议, and the last TURNED of them 议案 of ten delegates
    the review turns into suggestions."""
    with store.database.atomic():
        for i in range(n):
            kind = "议案" if i >= n - turned else "建议"
            signers = tuple(leads[:10]) if kind == "议案" else ()
            mid = motions.register_motion(motions.MotionInput(
                kind, f"关于第{i + 1}件事的{kind}", lead_member_id=leads[i % len(leads)],
                signer_member_ids=signers, received_at=RECEIVED))
            if kind == "议案":
                motions.review_motion(mid, "转为代表建议")


def _between(leads: list[int], n: int) -> list[int]:
    with store.database.atomic():
        return [suggestions.register_between(SuggestionInput(f"关于闭会期间第{i + 1}件事的建议", leads[i % len(leads)],
                                                             D(2024, 3, 1))) for i in range(n)]


def _handle(rows, units: list[int], ratings: list[str]) -> None:
    """Each suggestion to one unit (in turn), answered, and rated as RATINGS say ("" unrated)."""
    with store.database.atomic():
        for i, row in enumerate(rows):
            suggestions.assign([row.suggestion_id], units[i % len(units)], on=D(2024, 1, 20))
        for row, rating in zip(suggestions.list_suggestions(period=rows[0].period), ratings):
            lead = row.lead_assignment
            reply = suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 6, 20), "已解决或基本解决"),
                                             now=LATER)
            if rating:
                suggestions.rate(reply, rating, D(2024, 7, 5))


def _dump() -> list:
    """Every row of every table, to see that a refused write wrote nothing (on either backend)."""
    from meetingdesk.store.models import ALL_MODELS

    return [list(model.select().order_by(model.id).tuples()) for model in ALL_MODELS]


# ---------------------------------------------------------------- the seeds' figures


def test_seed_002_figures_from_data(empty_session):
    """Seed 002 (lines 506–513, 966–970): 会议期间代表建议 194 件，闭会期间代表建议 85 件 … 办复率 100%，
    代表对办理结果满意和基本满意率 100%; 194 条建议 … 代表满意的 176 件，占 90.7%；基本满意 18 件，
    占 9.3%。… 85 条闭会建议，代表满意的 79 件，基本满意 6 件。"""
    leads = _delegates(40)
    units = _units(40)
    _register(leads, 194)
    assert suggestions.take_over() == 194
    _between(leads, 85)
    session_rows = suggestions.list_suggestions(period="会议期间")
    between_rows = suggestions.list_suggestions(period="闭会期间")
    _handle(session_rows, units, ["满意"] * 176 + ["基本满意"] * 18)
    _handle(between_rows, units, ["满意"] * 79 + ["基本满意"] * 6)

    s = suggestions.stats(today=D(2024, 12, 1))
    assert (s.session.total, s.between.total, s.all.total) == (194, 85, 279)
    assert f"会议期间代表建议 {s.session.total} 件，闭会期间代表建议 {s.between.total} 件" == \
        "会议期间代表建议 194 件，闭会期间代表建议 85 件"
    assert f"{s.all.total} 件建议已全部办理完毕，办复率 {s.all.replied_rate}，代表对办理结果满意和基本满意率 " \
           f"{s.all.ratings.content_rate}" == "279 件建议已全部办理完毕，办复率 100%，代表对办理结果满意和基本满意率 100%"
    r = s.session.ratings
    assert f"代表满意的 {r.satisfied} 件，占 {r.satisfied_rate}；基本满意 {r.basic} 件，占 {r.basic_rate}" == \
        "代表满意的 176 件，占 90.7%；基本满意 18 件，占 9.3%"
    b = s.between.ratings
    assert (b.satisfied, b.basic, b.unsatisfied) == (79, 6, 0)
    assert s.all.units == 40 and s.motions == 0
    assert {row.state for row in suggestions.list_suggestions(today=D(2024, 12, 1))} == {"已评价"}


def test_seed_003_fields_units_and_key_suggestions_from_data(empty_session):
    """Seed 003 (lines 485, 509): 1件议案和98件建议，闭会期间 20件 … 满意率98.3%，基本满意率1.7%; 98 件中
    经济发展方面的建议 17 件，占总数的 17.3% …; 确定 39 个承办单位; 第 11、30、33、65、71、92 号 6 件列为重点建议."""
    leads = _delegates(40)
    units = _units(39)
    fields = _fields()
    _register(leads, 98, turned=8)  # 8 of the 98 came as 议案 the review turned into suggestions
    big = motions.register_motion(motions.MotionInput("议案", "关于构建高端产业体系的议案", lead_member_id=leads[0],
                                                      signer_member_ids=tuple(leads[:10]), received_at=RECEIVED))
    motions.review_motion(big, "列为大会议案")
    suggestions.take_over()
    _between(leads, 20)
    rows = suggestions.list_suggestions(period="会议期间")
    assert [r.number for r in rows] == list(range(1, 99))
    assert [r.source for r in rows[-8:]] == [f"议案原案第{n}号" for n in range(1, 9)]
    sizes = {"经济发展": 17, "城建城管": 42, "社会管理": 12, "文教民生": 27}
    at = 0
    for name, n in sizes.items():
        suggestions.set_field([r.suggestion_id for r in rows[at:at + n]], fields[name])
        at += n
    for number in (11, 30, 33, 65, 71, 92):
        suggestions.set_key(rows[number - 1].suggestion_id, True, "区人大常委会副主任", "区人大常委会城建环保工委")
    _handle(rows, units, ["满意"] * 96 + ["基本满意"] * 2)
    _handle(suggestions.list_suggestions(period="闭会期间"), units[:10], ["满意"] * 20)

    s = suggestions.stats(today=D(2024, 12, 1))
    assert s.motions == 1
    assert (s.session.total, s.between.total, s.session.from_motions) == (98, 20, 8)
    words = "；".join(f"涉及{f.name}方面的建议 {f.count} 件，占总数的 {f.percent}" for f in s.session.fields)
    assert words == ("涉及经济发展方面的建议 17 件，占总数的 17.3%；涉及城建城管方面的建议 42 件，占总数的 42.9%；"
                     "涉及社会管理方面的建议 12 件，占总数的 12.2%；涉及文教民生方面的建议 27 件，占总数的 27.6%")
    assert s.session.units == 39
    assert s.session.key == 6 and s.session.key_numbers == (11, 30, 33, 65, 71, 92)
    assert (s.all.replied_rate, s.all.ratings.satisfied_rate, s.all.ratings.basic_rate) == ("100%", "98.3%", "1.7%")
    # the fields of the between-sessions ones are not set: counted as 未分类
    assert [(f.name, f.count, f.percent) for f in s.between.fields] == [("未分类", 20, "100%")]


# ---------------------------------------------------------------- taking over, numbering


def test_take_over_numbers_once_and_the_register_numbers_after_it(empty_session):
    leads = _delegates(12)
    _register(leads, 5, turned=2)  # 建议第1–3号, 议案原案第1–2号 turned into suggestions
    withdrawn = motions.register_motion(motions.MotionInput("建议", "关于撤回的建议", lead_member_id=leads[1],
                                                            received_at=RECEIVED))
    motions.withdraw_motion(withdrawn, RECEIVED, "领衔代表撤回")
    assert suggestions.take_over() == 5
    assert suggestions.take_over() == 0
    rows = suggestions.list_suggestions()
    # the withdrawn 建议第4号 keeps its number: the turned 议案 follow it
    assert [(r.number_words, r.source) for r in rows] == [
        ("建议第1号", "建议第1号"), ("建议第2号", "建议第2号"), ("建议第3号", "建议第3号"),
        ("建议第5号", "议案原案第1号"), ("建议第6号", "议案原案第2号")]
    assert rows[0].title == "关于第1件事的建议" and rows[0].lead_name == NAMES[0]
    # a 建议 registered after the take-over gets the next free number, and is taken over alone
    late = motions.register_motion(motions.MotionInput("建议", "关于后来的建议", lead_member_id=leads[2],
                                                       received_at=RECEIVED))
    assert motions.get_motion(late).register_no == "建议第7号"
    assert suggestions.take_over() == 1
    assert suggestions.list_suggestions()[-1].number_words == "建议第7号"
    # the register is the record of a session-period suggestion: its title is corrected there
    with pytest.raises(ServiceError) as err:
        suggestions.update_suggestion(rows[0].suggestion_id, SuggestionInput("改过的标题", rows[0].lead_member_id,
                                                                             rows[0].received_on))
    assert err.value.field == "title" and "议案页" in err.value.message


def test_between_sessions_only_a_serving_delegate_leads(empty_session):
    leads = _delegates(3)
    attendee = roster.add_member(MemberInput("钱列席", delegation_id=roster.list_delegations()[0].delegation_id,
                                             role="列席"))
    roster.end_member(leads[1], D(2024, 5, 1), "因工作调整辞去代表职务")
    late_comer = roster.add_member(MemberInput("孔补选", delegation_id=roster.list_delegations()[0].delegation_id,
                                               started_on=D(2024, 6, 1), start_reason="补选"))
    before = _dump()
    for lead, day, words in ((leads[1], D(2024, 5, 1), "其代表资格已于 2024-05-01 终止"),
                             (late_comer, D(2024, 5, 20), "其代表资格自 2024-06-01 起"),
                             (attendee, D(2024, 3, 1), "不是代表"),
                             (None, D(2024, 3, 1), "请选择领衔代表")):
        with pytest.raises(ServiceError) as err:
            suggestions.register_between(SuggestionInput("关于增设路灯的建议", lead, day))
        assert err.value.field == "lead" and words in err.value.message
    assert _dump() == before  # nothing written
    # the same delegate on a day he served, and the 补选 delegate from his start
    first = suggestions.register_between(SuggestionInput("关于增设路灯的建议", leads[1], D(2024, 4, 30)))
    second = suggestions.register_between(SuggestionInput("关于增设公交站的建议", late_comer, D(2024, 6, 1)))
    assert [(r.number_words, r.lead_serving) for r in suggestions.list_suggestions(period="闭会期间")] == [
        ("闭会第1号", False), ("闭会第2号", True)]
    assert {first, second} == {r.suggestion_id for r in suggestions.list_suggestions()}
    # his later end leaves the suggestion as it was: nothing to report
    assert [p for p in suggestion_checks.check(D(2024, 7, 1)) if p.severity == checks.ERROR] == []


# ---------------------------------------------------------------- assignment


def test_bulk_assignment_with_due_dates_from_the_settings(empty_session):
    leads = _delegates(12)
    housing, finance, roads = _units(3)
    _register(leads, 4)
    suggestions.take_over()
    between = _between(leads, 1)
    # seed 001: 协办 by 6/30, 主办 by 7/31 for the session's suggestions; between sessions a span
    suggestions.set_due_defaults(DueDefaults(D(2024, 7, 31), D(2024, 6, 30), 90, 60))
    assert suggestions.due_defaults() == DueDefaults(D(2024, 7, 31), D(2024, 6, 30), 90, 60, 30, 30)
    ids = [r.suggestion_id for r in suggestions.list_suggestions(period="会议期间")[:3]]
    suggestions.assign(ids + between, housing, [finance], on=D(2024, 1, 20))
    rows = {r.suggestion_id: r for r in suggestions.list_suggestions(today=D(2024, 2, 1))}
    for sid in ids:
        assert [(a.unit, a.role, a.due, a.assigned_on) for a in rows[sid].assignments] == [
            ("区第1局", "主办", D(2024, 7, 31), D(2024, 1, 20)), ("区第2局", "协办", D(2024, 6, 30), D(2024, 1, 20))]
        assert rows[sid].state == "办理中"
    assert [(a.role, a.due) for a in rows[between[0]].assignments] == [
        ("主办", D(2024, 4, 19)), ("协办", D(2024, 3, 20))]
    assert suggestions.list_suggestions(unit_id=finance, today=D(2024, 2, 1)) == [
        r for r in rows.values() if r.assignments]
    assert [r.state for r in suggestions.list_suggestions(state="未交办", today=D(2024, 2, 1))] == ["未交办"]
    # again, with other units: a kept unit keeps its date, a new one gets the given date
    suggestions.assign(ids[:1], finance, [roads], assist_due=D(2024, 5, 31), on=D(2024, 2, 1))
    [a, b] = suggestions.get_suggestion(ids[0]).assignments
    assert (a.unit, a.role, a.due) == ("区第2局", "主办", D(2024, 7, 31))  # became the lead: the lead's date
    assert (b.unit, b.role, b.due) == ("区第3局", "协办", D(2024, 5, 31))
    assert [u.assigned for u in suggestions.list_units()] == [3, 4, 1]


def test_refused_writes_write_nothing(empty_session):
    leads = _delegates(12)
    unit, other = _units(2)
    field = suggestions.add_field("经济发展")
    _register(leads, 3)
    suggestions.take_over()
    one, two, three = (r.suggestion_id for r in suggestions.list_suggestions())
    suggestions.screen(three, False, "一件建议提了三件事，不符合一事一议")
    suggestions.assign([one], unit)
    lead = suggestions.get_suggestion(one).lead_assignment
    reply = suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 3, 1)), now=LATER)
    suggestions.set_field([two], field)
    before = _dump()
    refused = [
        (lambda: suggestions.assign([one, two, three], other), "ids", "已退回修改"),  # the third: none written
        (lambda: suggestions.assign([one], None), "lead_unit", "请选择主办单位"),
        (lambda: suggestions.assign([one], unit, [unit]), "assisting_units", "已是主办单位"),
        (lambda: suggestions.assign([one], 999), "lead_unit", "不在承办单位名单"),
        (lambda: suggestions.assign([two], unit, lead_due=D(2023, 1, 1), on=D(2024, 1, 2)), "lead_due", "早于交办日期"),
        (lambda: suggestions.assign([], unit), "ids", "请先选择"),
        (lambda: suggestions.assign([one], other), "units", "已答复"),  # the replied unit is never taken off
        (lambda: suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 4, 1)), now=LATER), "replied_on",
         "答复不再改写"),
        (lambda: suggestions.record_reply(lead.assignment_id, ReplyInput(None)), "replied_on", "请填写答复日期"),
        (lambda: suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 3, 1), "办好了")), "result",
         "办理结果只能是"),
        (lambda: suggestions.rate(reply, "很好", D(2024, 3, 5)), "rating", "代表评价只能是"),
        (lambda: suggestions.rate(reply, "满意", D(2024, 2, 1)), "rated_on", "早于答复日期"),
        (lambda: suggestions.screen(one, False, "重复"), "accepted", "已交办"),
        (lambda: suggestions.screen(two, False, "  "), "reason", "写明理由"),
        (lambda: suggestions.set_key(two, True), "leader", "督办领导"),
        (lambda: suggestions.set_field([two, 999], field), "ids", "已不存在"),
        (lambda: suggestions.register_between(SuggestionInput(" ", leads[0], D(2024, 3, 1))), "title", "标题"),
        (lambda: suggestions.register_between(SuggestionInput("关于某事的建议", leads[0], None)), "received_on",
         "收到日期"),
        (lambda: suggestions.add_unit("区第1局"), "name", "已在名单中"),
        (lambda: suggestions.add_field(""), "name", "请填写"),
        (lambda: suggestions.rename_unit(other, " 区第1局 "), "name", "已在名单中"),
        (lambda: suggestions.remove_unit(unit), "", "已承办 1 件"),
        (lambda: suggestions.remove_field(field), "", "下有 1 件建议"),
        (lambda: suggestions.set_due_defaults(DueDefaults(0)), "session_lead", "天数"),
        (lambda: suggestions.reopen(lead.assignment_id, D(2024, 9, 1)), "due", "本轮已答复"),
        (lambda: suggestions.remove_reply(999), "", "已不存在"),
    ]
    for call, field_name, words in refused:
        with pytest.raises(ServiceError) as err:
            call()
        assert err.value.field == field_name and words in err.value.message, (words, err.value.message)
        assert _dump() == before, words


# ---------------------------------------------------------------- replies and ratings


def test_a_reply_history_with_a_redo(empty_session):
    """不满意 sends the unit back for round 2 with a new due date; round 1 stays as it was."""
    leads = _delegates(2)
    unit, helper = _units(2)
    [sid] = _between(leads, 1)
    suggestions.assign([sid], unit, [helper], lead_due=D(2024, 6, 30), assist_due=D(2024, 6, 25), on=D(2024, 3, 5))
    lead = suggestions.get_suggestion(sid).lead_assignment
    first = suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 6, 10), "列入计划逐步解决", "已列入明年计划"),
                                     now=dt.datetime(2024, 6, 11, 9, 0))
    row = suggestions.get_suggestion(sid, today=D(2024, 6, 12))
    assert row.state == "已答复" and row.replied and row.rating == ""
    [round_one] = row.lead_assignment.replies
    assert (round_one.round, round_one.unit, round_one.due, round_one.result) == (1, "区第1局", D(2024, 6, 30),
                                                                                  "列入计划逐步解决")
    suggestions.rate(first, "不满意", D(2024, 6, 20))  # due of the redo: the settings' 30 days
    row = suggestions.get_suggestion(sid, today=D(2024, 6, 21))
    lead = row.lead_assignment
    assert (lead.round, lead.answered, lead.due) == (2, False, D(2024, 7, 20))
    assert row.state == "办理中" and row.rating == "不满意"
    assert suggestions.get_suggestion(sid, today=D(2024, 7, 21)).state == "逾期"  # the assisting unit too, by now
    suggestions.reopen(lead.assignment_id, D(2024, 8, 15))  # the clerk gives the redo more time
    second = suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 8, 1), "已解决或基本解决", "已完成"),
                                      now=dt.datetime(2024, 8, 2, 9, 0))
    suggestions.rate(second, "满意", D(2024, 8, 10))
    with pytest.raises(ServiceError, match="评价不再改写"):
        suggestions.rate(second, "基本满意", D(2024, 8, 11))
    with pytest.raises(ServiceError, match="第1轮答复已评价为不满意；评价不再改写"):
        suggestions.rate(first, "满意", D(2024, 8, 11))
    helper_row = suggestions.get_suggestion(sid).assignments[1]
    suggestions.record_reply(helper_row.assignment_id, ReplyInput(D(2024, 5, 30), "已解决或基本解决"), now=LATER)
    row = suggestions.get_suggestion(sid, today=D(2024, 9, 1))
    history = row.lead_assignment.replies
    assert history[0] == replace(round_one, rating="不满意", rated_on=D(2024, 6, 20))  # nothing else changed
    assert [(r.round, r.replied_on, r.result, r.text, r.rating, r.rated_on, r.due) for r in history] == [
        (1, D(2024, 6, 10), "列入计划逐步解决", "已列入明年计划", "不满意", D(2024, 6, 20), D(2024, 6, 30)),
        (2, D(2024, 8, 1), "已解决或基本解决", "已完成", "满意", D(2024, 8, 10), D(2024, 8, 15))]
    assert row.state == "已评价" and row.rating == "满意"
    assert not history[0].late and not history[1].late


def test_an_overdue_reply_and_an_unrated_one_in_check(empty_session):
    leads = _delegates(2)
    unit, helper = _units(2)
    first, second = _between(leads, 2)
    suggestions.assign([first], unit, [helper], lead_due=D(2024, 7, 31), assist_due=D(2024, 6, 30), on=D(2024, 3, 5))
    suggestions.assign([second], helper, lead_due=D(2024, 7, 31), on=D(2024, 3, 5))
    assert suggestion_checks.check(D(2024, 6, 30)) == []  # the due date itself is in time
    [late] = suggestions.overdue(D(2024, 7, 2))
    assert (late.label, late.assignment.unit, late.assignment.role, late.days) == ("闭会第1号", "区第2局", "协办", 2)
    [problem] = suggestion_checks.check(D(2024, 7, 2))
    assert problem.severity == checks.NOTICE and problem.area == "建议" and problem.target == ("suggestion", first)
    assert problem.message == ("闭会第1号“关于闭会期间第1件事的建议”：区第2局（协办）的答复已逾期 2 天"
                               "（答复期限 2024-06-30）。")
    assert suggestions.get_suggestion(first, today=D(2024, 7, 2)).state == "逾期"
    # the lead unit answers in time; the assisting unit late
    lead, assist = suggestions.get_suggestion(first).assignments
    suggestions.record_reply(assist.assignment_id, ReplyInput(D(2024, 7, 5)), now=LATER)
    reply = suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 7, 20)), now=LATER)
    assert suggestions.get_suggestion(first).assignments[1].replies[0].late
    found = [p.message for p in suggestion_checks.check(D(2024, 8, 25))]
    assert found == ["闭会第2号“关于闭会期间第2件事的建议”：区第2局（主办）的答复已逾期 25 天（答复期限 2024-07-31）。",
                     "闭会第1号“关于闭会期间第1件事的建议”：区第1局的答复（2024-07-20）已 36 天，代表尚未评价。"]
    suggestions.rate(reply, "基本满意", D(2024, 8, 26))
    assert [p.where for p in suggestion_checks.check(D(2024, 8, 27))] == ["闭会第2号"]
    # `meetingdesk check` reports it (today is long after 2024)
    assert any(p.where == "闭会第2号" and "已逾期" in p.message for p in checks.check_session())


def test_check_reports_a_suggestion_the_register_no_longer_holds(empty_session):
    leads = _delegates(12)
    _register(leads, 2)
    suggestions.take_over()
    first = motions.list_motions()[0]
    assert [p for p in suggestion_checks.check(D(2024, 3, 1)) if p.severity == checks.ERROR] == []
    store.Motion.update(withdrawn_at=RECEIVED).where(store.Motion.id == first.motion_id).execute()  # as a bad tool would
    [problem] = suggestion_checks.check(D(2024, 3, 1))
    assert problem.severity == checks.ERROR and "建议第1号（建议第1号）在议案页已撤回" in problem.message


# ---------------------------------------------------------------- later changes, the history stays


def test_a_renamed_unit_and_an_ended_mandate_leave_the_history_as_it_was(empty_session):
    leads = _delegates(2)
    [unit] = _units(1)
    [sid] = _between(leads, 1)
    suggestions.assign([sid], unit, lead_due=D(2024, 7, 31), on=D(2024, 3, 5))
    lead = suggestions.get_suggestion(sid).lead_assignment
    reply = suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 6, 1), "已解决或基本解决"), now=LATER)
    suggestions.rate(reply, "满意", D(2024, 6, 15))
    before = suggestions.get_suggestion(sid, today=D(2024, 12, 1))
    stats_before = suggestions.stats(today=D(2024, 12, 1))

    suggestions.rename_unit(unit, "区住房和城乡建设局")  # 机构改革
    roster.end_member(leads[0], D(2024, 9, 1), "因工作调整辞去代表职务")

    after = suggestions.get_suggestion(sid, today=D(2024, 12, 1))
    assert after.lead_assignment.unit == "区住房和城乡建设局"  # the assignment follows the unit
    assert after.lead_assignment.replies == before.lead_assignment.replies  # the reply came from 区第1局
    assert after.lead_assignment.replies[0].unit == "区第1局"
    assert (after.lead_name, after.state, after.rating, after.lead_serving) == (before.lead_name, "已评价", "满意",
                                                                                 False)
    assert suggestions.stats(today=D(2024, 12, 1)) == stats_before
    assert suggestion_checks.check(D(2024, 12, 1)) == []


# ---------------------------------------------------------------- screening, fields, 重点


def test_screening_fields_and_key_suggestions(empty_session):
    leads = _delegates(2)
    [unit] = _units(1)
    fields = _fields()
    first, second = _between(leads, 2)
    suggestions.screen(first, False, "一件建议提了多件事，不符合一事一议")
    row = suggestions.get_suggestion(first)
    assert (row.state, row.returned_reason) == ("退回修改", "一件建议提了多件事，不符合一事一议")
    with pytest.raises(ServiceError, match="受理后才能交办"):
        suggestions.assign([first], unit)
    assert suggestions.stats().between.total == 1 and suggestions.stats().between.returned == 1
    suggestions.screen(first, True)
    assert suggestions.get_suggestion(first).returned_reason == "" and suggestions.stats().between.total == 2
    suggestions.set_field([first, second], fields["城建城管"])
    suggestions.set_key(second, True, "区人大常委会副主任", "城建环保工委")
    row = suggestions.get_suggestion(second)
    assert (row.field, row.key, row.key_leader, row.key_committee) == ("城建城管", True, "区人大常委会副主任", "城建环保工委")
    suggestions.set_key(second, False, "区人大常委会副主任")
    row = suggestions.get_suggestion(second)
    assert (row.key, row.key_leader) == (False, "")
    assert [(f.name, f.used) for f in suggestions.list_fields()] == [
        ("经济发展", 0), ("城建城管", 2), ("社会管理", 0), ("文教民生", 0)]
    suggestions.remove_field(fields["经济发展"])
    suggestions.rename_field(fields["社会管理"], "社会治理")
    assert [f.name for f in suggestions.list_fields()] == ["城建城管", "社会治理", "文教民生"]
    with pytest.raises(ServiceError) as err:
        suggestions.list_suggestions(state="已办结")
    assert err.value.field == "state"


# ---------------------------------------------------------------- the motion desk's handling


def test_the_motion_desk_writes_through_the_suggestions(demo_session):
    big = motions.list_motions()[0]  # the 大会议案, not handled in the demo
    lead_id = roster.list_members(role="代表")[0].member_id
    new = motions.register_motion(motions.MotionInput("建议", "关于增设公交站点的建议", lead_member_id=lead_id,
                                                      received_at=dt.datetime(2023, 12, 22, 15, 0)))
    motions.record_handling(new, [("区交通运输局", True), ("区城管局", False)], D(2024, 3, 1), "不满意")
    row = motions.get_motion(new)
    assert (row.register_no, row.reply_date, row.rating, row.state) == ("建议第14号", D(2024, 3, 1), "不满意", "办理中")
    taken = next(s for s in suggestions.list_suggestions() if s.motion_id == new)
    assert taken.source == "建议第14号" and taken.number_words == "建议第14号"  # taken over as it was handled
    lead = taken.lead_assignment
    assert (lead.unit, lead.round, [r.rating for r in lead.replies]) == ("区交通运输局", 2, ["不满意"])
    # handed out today: the demo's dates for the session's suggestions (seed 001's 7/31, 6/30) are
    # long past, so the assisting unit gets the default span from today; the lead unit, rated
    # 不满意 today, is due again after the redo span (30 days)
    today = dt.date.today()
    assert [(a.assigned_on, a.due) for a in taken.assignments] == [
        (today, today + dt.timedelta(days=30)), (today, today + dt.timedelta(days=60))]
    assert lead.replies[0].due == today + dt.timedelta(days=90)  # round 1's, as it was
    # the desk adds round 2; round 1 stays; a change of a reply on record is refused
    motions.record_handling(new, [("区交通运输局", True), ("区城管局", False)], D(2024, 5, 1), "满意")
    lead = suggestions.get_suggestion(taken.suggestion_id).lead_assignment
    assert [(r.round, r.replied_on, r.rating) for r in lead.replies] == [
        (1, D(2024, 3, 1), "不满意"), (2, D(2024, 5, 1), "满意")]
    assert motions.get_motion(new).state == "已测评"
    with pytest.raises(ServiceError) as err:  # the lead unit that replied cannot be taken off
        motions.record_handling(new, [("区城管局", True)], D(2024, 5, 1), "满意")
    assert err.value.field == "units" and "区交通运输局已答复" in err.value.message
    with pytest.raises(ServiceError) as err:
        motions.record_reply(new, D(2024, 5, 2), "满意")
    assert err.value.field == "reply_date"
    with pytest.raises(ServiceError) as err:
        motions.record_reply(new, None)
    assert err.value.field == "reply_date" and "不删除" in err.value.message
    # a unit typed anew on the desk joins the session's list
    assert "区城管局" in [u.name for u in suggestions.list_units()]
    # a 大会议案's handling stays with the motion: not a suggestion
    motions.assign_units(big.motion_id, [("区发展和改革委员会", True)])
    assert big.motion_id not in {s.motion_id for s in suggestions.list_suggestions()}
    assert [(u.unit, u.lead) for u in motions.get_motion(big.motion_id).units] == [("区发展和改革委员会", True)]
    assert [a.due for a in suggestions.motion_assignments()[big.motion_id]] == [None]


# ---------------------------------------------------------------- undoing


def test_each_write_the_window_undoes_can_be_undone_and_redone_with_the_same_ids(empty_session):
    leads = _delegates(2)
    unit, helper = _units(2)
    [sid] = _between(leads, 1)
    # assign: undone by the state before, redone by the state after (the same assignment ids)
    before = suggestions.assign([sid], unit, [helper], on=D(2024, 3, 5))
    after = suggestions.assignments_state([sid])
    suggestions.restore_assignments(before)
    assert suggestions.get_suggestion(sid).assignments == ()
    suggestions.restore_assignments(after)
    restored = suggestions.get_suggestion(sid).assignments
    assert sorted(a.assignment_id for a in restored) == sorted(r[0] for r in after.rows)
    assert [(a.unit, a.role) for a in restored] == [("区第1局", "主办"), ("区第2局", "协办")]
    lead = restored[0]
    # record_reply: undone by remove_reply, redone by restore_reply (the same reply id)
    reply = suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 6, 1), "已解决或基本解决"), now=LATER)
    taken = suggestions.remove_reply(reply)
    assert suggestions.get_suggestion(sid).lead_assignment.replies == ()
    suggestions.restore_reply(taken)
    assert [r.reply_id for r in suggestions.get_suggestion(sid).lead_assignment.replies] == [reply]
    # rate: undone and redone by the rating state; refused once the next round is answered
    rated_before = suggestions.reply_state(reply)
    suggestions.rate(reply, "不满意", D(2024, 6, 5))
    rated_after = suggestions.reply_state(reply)
    suggestions.restore_rating(rated_before)
    assert suggestions.get_suggestion(sid).lead_assignment.answered
    suggestions.restore_rating(rated_after)
    assert suggestions.get_suggestion(sid).lead_assignment.round == 2
    again = suggestions.record_reply(lead.assignment_id, ReplyInput(D(2024, 6, 20)), now=LATER)
    with pytest.raises(ServiceError, match="已有第2轮的答复"):
        suggestions.restore_rating(rated_before)
    with pytest.raises(ServiceError, match="之后已有答复"):
        suggestions.remove_reply(reply)
    with pytest.raises(ServiceError, match="已答复"):
        suggestions.restore_assignments(before)  # would take away units that have replied
    suggestions.remove_reply(again)
    # a registration is undone by dropping it: refused while it is assigned
    with pytest.raises(ServiceError, match="已交办"):
        suggestions.restore(suggestions.state([]), drop=[sid])


def test_a_take_over_and_a_registration_are_undone_by_their_rows(empty_session):
    leads = _delegates(12)
    _register(leads, 3)
    suggestions.take_over()
    new = [r.suggestion_id for r in suggestions.list_suggestions()]
    after = suggestions.state(new)
    suggestions.restore(suggestions.state([]), drop=new)
    assert suggestions.list_suggestions() == []
    suggestions.restore(after)
    assert [r.suggestion_id for r in suggestions.list_suggestions()] == new
    # an edit: the row before and after
    before = suggestions.state(new[:1])
    suggestions.set_key(new[0], True, "区人大常委会主任")
    edited = suggestions.state(new[:1])
    suggestions.restore(before)
    assert not suggestions.get_suggestion(new[0]).key
    suggestions.restore(edited)
    assert suggestions.get_suggestion(new[0]).key_leader == "区人大常委会主任"


# ---------------------------------------------------------------- the demo


def test_the_demos_handling_after_the_session(demo_session):
    """seeds/suggestions.toml: the 13 议案 turned into suggestions taken over and handled, five
    闭会期间 suggestions and one returned, seed 001's due dates, three 重点, one 不满意 redone in
    round 2, one reply overdue."""
    assert len(suggestions.list_units()) == 40
    assert [f.name for f in suggestions.list_fields()] == ["经济发展", "城建城管", "社会管理", "文教民生"]
    assert suggestions.due_defaults() == DueDefaults(D(2024, 7, 31), D(2024, 6, 30), 90, 60, 30, 30)
    rows = suggestions.list_suggestions()
    assert [r.number_words for r in rows] == [f"建议第{n}号" for n in range(1, 14)] + [
        f"闭会第{n}号" for n in range(1, 7)]
    assert [r.source for r in rows[:13]] == [f"议案原案第{n}号" for n in range(2, 15)]
    assert [(r.number_words, r.key_leader, r.key_committee) for r in rows if r.key] == [
        ("建议第1号", "周本奇", "城环工委"), ("建议第6号", "葛晓丹", "区人大财政经济委员会"),
        ("建议第9号", "杨早明", "区人大农业与农村委员会")]
    redo = rows[3].lead_assignment
    assert [(r.round, r.result, r.rating, r.due) for r in redo.replies] == [
        (1, "因条件限制留作参考", "不满意", D(2024, 7, 31)), (2, "列入计划逐步解决", "满意", D(2024, 8, 31))]
    [late] = suggestions.overdue()
    assert (late.label, late.assignment.unit, late.assignment.due) == ("闭会第5号", "区民政局", D(2025, 2, 10))
    assert rows[-1].state == "退回修改" and "一事一议" in rows[-1].returned_reason
    assert suggestions.unrated() == []
    s = suggestions.stats()
    assert (s.motions, s.session.total, s.between.total, s.between.returned) == (1, 13, 5, 1)
    assert (s.session.replied_rate, s.all.replied, s.all.replied_rate) == ("100%", 17, "94.4%")
    assert (s.all.ratings.satisfied, s.all.ratings.basic, s.all.ratings.unsatisfied) == (14, 3, 0)
    assert [(f.name, f.count, f.percent) for f in s.session.fields] == [
        ("经济发展", 7, "53.8%"), ("城建城管", 5, "38.5%"), ("文教民生", 1, "7.7%")]
    assert s.session.units == 21 and s.all.units == 27

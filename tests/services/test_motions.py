"""Motion intake against the deadline and the signers' rule; review, withdrawal, handling."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from meetingdesk.services import ServiceError, motions, roster
from meetingdesk.services.motions import MotionInput

DEADLINE = dt.datetime(2023, 12, 22, 11, 0)
MINUTE = dt.timedelta(minutes=1)


def _delegates(team="吴家山街代表团", n=10):
    rows = [r for r in roster.list_members(role="代表") if r.delegation == team]
    return [r.member_id for r in rows[:n]]


def _motion(signers, at=DEADLINE - MINUTE, kind="议案", **kw):
    return MotionInput(kind, "关于加快老旧小区改造的议案", lead_member_id=signers[0],
                       signer_member_ids=tuple(signers), received_at=at, **kw)


def test_demo_holds_seed_000s_fourteen_motions(demo_session):
    rows = motions.list_motions()
    assert len(rows) == 14 and [r.number for r in rows] == list(range(1, 15))
    first = rows[0]
    assert first.submitter_text == "径河街、辛安渡街等代表团的刘锦刚等10名代表"
    assert first.state == "列为大会议案"
    assert [r.decision for r in rows[1:]] == ["转为代表建议"] * 13
    # the demo also holds their handling after the session (seeds/suggestions.toml): all rated
    assert [r.state for r in rows[1:]] == ["已测评"] * 13 and first.units == ()
    assert rows[1].submitter_text == "吴家山街、将军路街等代表团的李平等19名代表"
    assert rows[13].submitter_text == "常青花园代表团的肖毅等11名代表"
    deadline = motions.get_deadline("议案")
    assert deadline.at == DEADLINE and deadline.meeting_name == "主席团第一次会议"
    assert deadline.text == "2023年12月22日上午11:00"


def test_ten_serving_delegates_make_a_motion_and_nine_do_not(demo_session):
    ten = _delegates()
    new = motions.register_motion(_motion(ten))
    row = motions.get_motion(new)
    assert row.register_no == "议案原案第15号" and row.serving_signers == 10 and row.state == "待审查"
    assert row.delegations == ("吴家山街代表团",) and row.lead.member_id == ten[0]
    with pytest.raises(ServiceError, match="现只有 9 名") as err:
        motions.register_motion(_motion(ten[:9]))
    assert err.value.field == "signers"
    # a signature given twice counts once
    with pytest.raises(ServiceError, match="现只有 9 名"):
        motions.register_motion(_motion(ten[:9] + [ten[3]]))


def test_an_ended_delegate_does_not_count(demo_session):
    ten = _delegates()
    roster.end_member(ten[-1], dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    with pytest.raises(ServiceError, match="现只有 9 名"):
        motions.register_motion(_motion(ten))
    # a motion registered before the signer ended now shows the problem in the list
    roster.reinstate_member(ten[-1])
    new = motions.register_motion(_motion(_delegates(n=10)))
    roster.end_member(ten[-1], dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    assert "现只有 9 名" in motions.get_motion(new).problem


def test_the_deadline_minute_and_the_offer_to_register_a_suggestion(demo_session):
    ten = _delegates()
    on_time = motions.register_motion(_motion(ten, at=DEADLINE))
    assert not motions.get_motion(on_time).late
    with pytest.raises(ServiceError, match="可以登记为建议") as err:
        motions.register_motion(_motion(ten, at=DEADLINE + MINUTE))
    assert err.value.field == "kind"
    late = motions.register_motion(_motion(ten[:1], at=DEADLINE + dt.timedelta(days=1), kind="建议"))
    row = motions.get_motion(late)
    # the demo's 13 turned into suggestions were taken over as 建议第1–13号: the register numbers on
    assert row.register_no == "建议第14号" and row.state == "待交办" and row.late
    assert row.submitter_text.endswith("代表团的" + row.lead.name + "代表")  # one delegate: no 等1名


def test_bodies_submit_without_signers(demo_session):
    new = motions.register_motion(MotionInput("议案", "关于制定区级规划的议案", submitter="区人民政府",
                                              received_at=DEADLINE - MINUTE))
    assert motions.get_motion(new).submitter_text == "区人民政府"
    with pytest.raises(ServiceError, match="领衔代表"):
        motions.register_motion(MotionInput("议案", "无领衔", received_at=DEADLINE - MINUTE))
    with pytest.raises(ServiceError, match="标题"):
        motions.register_motion(MotionInput("建议", "  ", received_at=DEADLINE - MINUTE))


def test_withdrawal_before_review_keeps_the_record(demo_session):
    new = motions.register_motion(_motion(_delegates()))
    motions.withdraw_motion(new, DEADLINE, "领衔代表书面撤回")
    row = motions.get_motion(new)
    assert row.state == "已撤回" and row.register_no == "议案原案第15号"
    assert motions.list_motions(state="已撤回") == [row]
    # the withdrawn one is not counted; the 13 the review turned into suggestions count as 建议
    assert motions.counts_by_kind() == {"议案": 1, "建议": 13}
    with pytest.raises(ServiceError, match="已撤回"):
        motions.review_motion(new, "列为大会议案")
    with pytest.raises(ServiceError, match="已经审查"):
        motions.withdraw_motion(motions.list_motions()[0].motion_id, DEADLINE)


def test_review_decisions_and_merging(demo_session):
    first, second, third = (r.motion_id for r in motions.list_motions()[:3])
    with pytest.raises(ServiceError, match="写明理由"):
        motions.review_motion(third, "其他")
    motions.review_motion(third, "其他", "属于区人大常委会职权，交常委会研究")
    assert motions.get_motion(third).state == "其他"
    motions.review_motion(second, "列为大会议案", merged_into=first)
    assert motions.get_motion(second).state == "并案"
    assert motions.get_motion(first).merged_ids == (second,)
    with pytest.raises(ServiceError, match="本身已并入"):
        motions.review_motion(third, "列为大会议案", merged_into=second)


def _suggestion() -> motions.MotionRow:
    """A 建议 of the register not handled yet (the demo's 13 turned into suggestions are)."""
    new = motions.register_motion(_motion(_delegates()[:1], at=DEADLINE + dt.timedelta(hours=2), kind="建议"))
    return motions.get_motion(new)


def test_handling_units_reply_and_rating(demo_session):
    row = _suggestion()
    with pytest.raises(ServiceError, match="先确定承办单位"):
        motions.record_reply(row.motion_id, dt.date(2024, 3, 1))
    with pytest.raises(ServiceError, match="有且只有一个主办单位"):
        motions.assign_units(row.motion_id, [("区交通运输局", False)])
    motions.assign_units(row.motion_id, [("区住房和城市更新局", False), ("区交通运输局", True)])
    row = motions.get_motion(row.motion_id)
    assert row.state == "办理中" and row.units[0] == motions.UnitRow("区交通运输局", True)
    with pytest.raises(ServiceError, match="先填写答复日期"):
        motions.record_reply(row.motion_id, None, "满意")
    motions.record_reply(row.motion_id, dt.date(2024, 3, 1))
    assert motions.get_motion(row.motion_id).state == "已答复"
    motions.record_reply(row.motion_id, dt.date(2024, 3, 1), "基本满意")
    assert motions.get_motion(row.motion_id).state == "已测评"
    assert motions.get_motion(row.motion_id).rating == "基本满意"
    pending = motions.list_motions(state="待审查")
    assert pending == []


def test_handling_is_written_whole_and_actions_say_why_not(demo_session):
    row = _suggestion()
    with pytest.raises(ServiceError, match="先填写答复日期"):
        motions.record_handling(row.motion_id, [("区交通运输局", True)], None, "满意")
    assert motions.get_motion(row.motion_id).units == ()  # nothing half-written
    motions.record_handling(row.motion_id, [("区交通运输局", True)], dt.date(2024, 3, 1), "满意")
    assert motions.get_motion(row.motion_id).state == "已测评"
    allowed = motions.allowed_actions(motions.list_motions()[0])
    assert allowed["handle"] is None and "已经审查" in allowed["withdraw"]
    new = motions.register_motion(_motion(_delegates()))
    motions.withdraw_motion(new, DEADLINE)
    allowed = motions.allowed_actions(motions.get_motion(new))
    assert allowed["undo_withdrawal"] is None and "已撤回" in allowed["handle"] and allowed["edit"]
    with pytest.raises(ServiceError, match="已撤回"):
        motions.update_motion(new, MotionInput.of(motions.get_motion(new)))


def test_both_deadlines_are_set_together(demo_session):
    with pytest.raises(ServiceError, match="会议已不存在"):
        motions.set_deadlines({"议案": (DEADLINE + MINUTE, None), "提名": (DEADLINE, 9999)})
    assert motions.get_deadline("议案").at == DEADLINE


def test_time_left_before_and_after(demo_session):
    assert motions.describe_time_left("议案", DEADLINE - dt.timedelta(days=1, hours=2, minutes=5)) == \
        "提出议案截止时间 2023年12月22日上午11:00，还有 1 天 2 小时 5 分"
    assert motions.describe_time_left("议案", DEADLINE + MINUTE).endswith("已过 1 分")
    motions.set_deadline("议案", None)
    assert motions.describe_time_left("议案", DEADLINE) == "尚未设定提出议案截止时间"


def test_counts_by_delegation_follow_the_lead_delegate(demo_session):
    counts = {name: (m, s) for name, m, s in motions.counts_by_delegation()}
    # 柏泉街's three 议案 were all turned into suggestions: they count as its suggestions
    assert counts["柏泉街代表团"] == (0, 3)
    assert counts["径河街代表团"] == (1, 1)  # 刘锦刚's 大会议案, 贾红伟's turned into a suggestion
    assert sum(m for m, _ in counts.values()) == 1 and sum(s for _, s in counts.values()) == 13


def test_an_attachment_is_kept_inside_the_session_file(demo_session, tmp_path):
    scan = tmp_path / "议案原件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    new = motions.register_motion(_motion(_delegates(), attachment=str(scan)))
    scan.unlink()  # the clerk's copy may go: the session keeps its own
    row = motions.get_motion(new)
    assert row.attachment == "议案原件.pdf"
    motions.update_motion(new, MotionInput.of(row))  # unchanged name: the bytes stay
    out = tmp_path / "out.pdf"
    motions.save_attachment(new, out)
    assert out.read_bytes() == b"%PDF-1.4 scan"
    with pytest.raises(ServiceError, match="找不到附件") as err:
        motions.update_motion(new, replace(MotionInput.of(row), attachment=str(tmp_path / "无.pdf")))
    assert err.value.field == "attachment"
    motions.update_motion(new, replace(MotionInput.of(row), attachment=""))
    with pytest.raises(ServiceError, match="没有附件"):
        motions.save_attachment(new, out)


def test_a_mandate_ending_after_receipt_leaves_the_motion_valid(demo_session):
    """Ten signers exactly: one mandate ends after the day of receipt — the motion stays valid,
    in the list, the check and the papers; ended before receipt — it is invalid."""
    from meetingdesk.printing import motion_register
    from meetingdesk.services import checks

    ten = _delegates()
    received = dt.datetime(2023, 12, 22, 10, 30)
    new = motions.register_motion(_motion(ten, at=received))
    roster.end_member(ten[-1], dt.date(2023, 12, 23), "因工作调整辞去代表职务")
    row = motions.get_motion(new)
    assert row.problem is None and row.serving_signers == 10 and row.state == "待审查"
    assert [p for p in checks.check_session() if p.area == "议案"] == []
    cells = motion_register.cells(row)
    assert cells[5] == "10" and cells[-1] == "待审查"
    # editing the motion later keeps the signatures counted at its receipt
    motions.update_motion(new, replace(MotionInput.of(row), title="关于加快老旧小区改造的议案（修改）"))
    # a mandate ending on the day of receipt: the signer no longer counts that day
    roster.reinstate_member(ten[-1])
    roster.end_member(ten[-1], received.date(), "因工作调整辞去代表职务")
    assert "现只有 9 名" in motions.get_motion(new).problem
    roster.reinstate_member(ten[-1])
    roster.end_member(ten[-1], dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    row = motions.get_motion(new)
    assert "现只有 9 名" in row.problem and row.serving_signers == 9
    [problem] = [p for p in checks.check_session() if p.area == "议案"]
    assert problem.target == ("motion", new)


def test_a_paper_received_earlier_is_registered_with_the_signers_serving_then(demo_session):
    ten = _delegates()
    roster.end_member(ten[-1], dt.date(2023, 12, 22), "因工作调整辞去代表职务")
    # entered now, received the day before the mandate ended
    new = motions.register_motion(_motion(ten, at=dt.datetime(2023, 12, 21, 16, 0)))
    assert motions.get_motion(new).problem is None
    with pytest.raises(ServiceError, match="现只有 9 名"):
        motions.register_motion(_motion(ten, at=dt.datetime(2023, 12, 22, 10, 0)))


# ---------------------------------------------------------------- 续办议案


SEED_CARRIED = "贯彻新发展理念，提速建设泛金银湖总部经济区，加快推进中西部地区产城融合发展的议案"


def _carried() -> list[tuple[str, str, int, int]]:
    return [(c.title, c.lead, c.term, c.number) for c in motions.list_carried()]


def test_demo_holds_seed_000s_continued_motion(demo_session):
    [row] = motions.list_carried()
    assert (row.title, row.lead, row.term, row.number) == (SEED_CARRIED, "", 11, 1)
    assert row.session_words("区") == "区十一届人大一次会议"
    assert row.session_text == "第十一届人民代表大会第一次会议"


def test_a_continued_motion_is_added_edited_and_removed(demo_session):
    new = motions.add_carried(motions.CarriedInput("  《加强耕地 保护的议案》 ", 11, 2, " 王建兵 "))
    assert _carried()[-1] == ("加强耕地 保护的议案", "王建兵", 11, 2)
    motions.update_carried(new, motions.CarriedInput("加强耕地保护的议案", 10, 5))
    assert _carried()[0] == ("加强耕地保护的议案", "", 10, 5)  # the earliest session's first
    motions.remove_carried(new)
    assert _carried() == [(SEED_CARRIED, "", 11, 1)]
    with pytest.raises(ServiceError, match="该续办议案已不存在"):
        motions.remove_carried(new)
    with pytest.raises(ServiceError, match="该续办议案已不存在"):
        motions.update_carried(new, motions.CarriedInput("加强耕地保护的议案", 11, 1))


@pytest.mark.parametrize("data, field, message", [
    (motions.CarriedInput("  ", 11, 1), "title", "请填写续办议案的标题"),
    (motions.CarriedInput("《》", 11, 1), "title", "请填写续办议案的标题"),
    (motions.CarriedInput("《甲的议案》、《乙的议案》", 11, 1), "title", "不要写书名号"),
    (motions.CarriedInput("加强耕地保护的议案", None, 1), "term", "届次"),
    (motions.CarriedInput("加强耕地保护的议案", 11, None), "number", "会议次数"),
    (motions.CarriedInput("加强耕地保护的议案", 11, 0), "number", "会议次数"),
    (motions.CarriedInput("加强耕地保护的议案", 11, 3), "number", "本次会议是第十一届人民代表大会第三次会议"),
    (motions.CarriedInput("加强耕地保护的议案", 12, 1), "term", "不在它之前"),
    (motions.CarriedInput("加强耕地保护的议案", 11, 1, "王建兵等11名代表"), "lead", "领衔代表：姓名只能由汉字组成"),
    (motions.CarriedInput(SEED_CARRIED, 11, 1), "title", "已登记为续办议案"),
])
def test_a_bad_continued_motion_is_refused_at_its_field_and_nothing_is_written(demo_session, data, field, message):
    other = motions.add_carried(motions.CarriedInput("加快建设社区养老服务设施的议案", 10, 1))
    before = _carried()
    with pytest.raises(ServiceError, match=message) as err:
        motions.add_carried(data)
    assert err.value.field == field
    with pytest.raises(ServiceError, match=message) as err:
        motions.update_carried(other, data)
    assert err.value.field == field
    assert _carried() == before


def test_a_suggestion_taken_over_is_no_longer_handled_once_withdrawn(demo_session):
    """A 建议 the 建议办理 page has taken over, withdrawn before it was handed to a unit, leaves the
    handling (the check found it still handled: an error); one handed to a unit is not withdrawn."""
    import datetime as dt

    from meetingdesk.services import checks, roster
    from meetingdesk.store import Suggestion

    serving = [r for r in roster.list_members(role="代表") if r.serving]
    at = dt.datetime(2023, 12, 22, 16, 0)
    ids = [motions.register_motion(motions.MotionInput(
        kind="建议", title=title, lead_member_id=serving[100 + k].member_id,
        signer_member_ids=(serving[110 + k].member_id,), received_at=at))
        for k, title in enumerate(("关于改善走马岭街公交接驳的建议", "关于规范新能源汽车充电桩管理的建议"))]
    motions.assign_units(ids[0], [("区交通运输局", True)])  # takes over every 建议 of the register
    assert Suggestion.select().where(Suggestion.motion == ids[1]).exists()
    motions.withdraw_motion(ids[1], dt.datetime(2023, 12, 22, 17, 0), "领衔代表要求撤回")
    assert not Suggestion.select().where(Suggestion.motion == ids[1]).exists()
    assert [p.message for p in checks.check_session() if p.severity == "错误"] == []
    with pytest.raises(ServiceError, match="已交办给承办单位，不能再撤回"):
        motions.withdraw_motion(ids[0], dt.datetime(2023, 12, 22, 17, 0), "领衔代表要求撤回")
    assert motions.get_motion(ids[0]).withdrawn_at is None

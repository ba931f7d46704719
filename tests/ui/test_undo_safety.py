"""撤销/重做 never delete what other areas recorded (issue 13): a step that would is refused with
the records named, the stack's index stays, and the file keeps everything; once the records are
gone the step goes through, and a redo gives back the same person with the same ids."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtGui import QKeySequence

from meetingdesk import store
from meetingdesk.services import attendance, presidium, roster, schedule, session, suggestions
from meetingdesk.services.roster import MemberInput
from meetingdesk.store import Member, Person
from meetingdesk.ui.roster import commands
from meetingdesk.ui import main_window
from meetingdesk.ui.common import undo as undo_module
from meetingdesk.ui.common.undo import UndoStack
from tests.services.test_roster import record_everywhere

from .helpers import ok, warnings_of

CHECK_IN = dt.datetime(2023, 12, 21, 8, 10)  # before the first plenary (meeting 3) begins


@pytest.fixture
def window(qtbot, demo_file, monkeypatch):
    """The main window with the checking undo stack (as main_window builds it once it uses
    ui.undo.UndoStack; until then the class it names is replaced here)."""
    monkeypatch.setattr(main_window, "QUndoStack", UndoStack, raising=False)
    win = main_window.MainWindow(demo_file)
    qtbot.addWidget(win)
    win.show()
    assert isinstance(win.undo_stack, UndoStack)
    yield win
    session.close_session()


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    return warnings_of(monkeypatch, undo_module)


def _team(name: str = "吴家山街代表团") -> roster.DelegationRow:
    return next(d for d in roster.list_delegations() if d.name == name)


def _add_ding_yi(window, qtbot) -> int:
    """添加 丁一 on the 代表团 page, as the clerk does: one undoable command."""
    page = window.roster_page
    page.select_delegation(_team().delegation_id)
    dialog = page.add_member()
    dialog.name.setText("丁一")
    dialog.gender.setCurrentIndex(dialog.gender.findData("男"))
    ok(qtbot, dialog)
    assert window.undo_action.text() == "撤销 添加 丁一"
    return Member.select().join(Person).where(Person.name == "丁一").get().id


def _counts() -> dict[str, int]:
    return {m.__name__: m.select().count() for m in store.models.ALL_MODELS}


def test_undo_refuses_to_delete_a_presidium_seat_and_a_check_in(window, qtbot, warnings):
    mid = _add_ding_yi(window, qtbot)
    seat = presidium.add_presidium_member(mid)
    attendance.check_in(3, mid, now=CHECK_IN)
    index, before = window.undo_stack.index(), _counts()

    window.undo_action.trigger()

    assert warnings == ["不能撤销“添加 丁一”：丁一 已是主席团成员，已在第一次全体会议签到。请先在相应页面删除这些记录。"]
    assert window.undo_stack.index() == index and _counts() == before
    assert window.undo_action.isEnabled() and window.undo_action.text() == "撤销 添加 丁一"
    assert not window.redo_action.isEnabled()
    assert "代表 211 人" in window.status_counts.text()

    # once the presidium and attendance pages have taken their records back, the undo goes through
    presidium.remove_presidium_member(seat)
    attendance.clear(3, mid)
    window.undo_action.trigger()
    assert len(warnings) == 1
    assert window.undo_stack.index() == index - 1
    assert not Person.select().where(Person.name == "丁一").exists()
    assert "代表 210 人" in window.status_counts.text()


def test_undo_refuses_while_any_area_recorded_anything_and_deletes_nothing(window, qtbot, warnings):
    mid = _add_ding_yi(window, qtbot)
    record_everywhere(mid)
    index, before = window.undo_stack.index(), _counts()

    window.undo_action.trigger()

    assert len(warnings) == 1
    message = warnings[0]
    assert message.startswith("不能撤销“添加 丁一”：丁一 已是吴家山街代表团副团长、主席团成员、吴家山街代表团预选监票人、区委委员、大会监票人，")
    assert message.endswith("。请先在相应页面删除这些记录。")
    for named in ("已领衔建议第14号、闭会第7号", "已联名提出建议第15号", "已在第一次全体会议签到", "代表团会议的主持人",
                  "东西湖区人民法院副院长", "第三次全体会议选举", "预选第一轮", "以往缺席"):
        assert named in message
    assert window.undo_stack.index() == index and _counts() == before
    assert schedule.get_meeting(4).host_person_id == roster.get_member(mid).person_id  # not set to none


def test_redo_after_undo_gives_back_the_same_person_with_the_same_ids(window, qtbot, warnings):
    mid = _add_ding_yi(window, qtbot)
    row = roster.get_member(mid)
    window.undo_action.trigger()
    assert Member.get_or_none(Member.id == mid) is None
    assert window.redo_action.text() == "重做 添加 丁一"

    window.redo_action.trigger()
    again = roster.get_member(mid)
    assert again == row  # same member id, person id, name, gender, delegation, role
    assert window.undo_stack.index() == 1 and warnings == []
    # the same ids, so a later command naming him still finds him
    edited = replace(MemberInput.of(again), work_title="某公司职员")
    roster.update_member(mid, edited)
    window.undo_stack.push(commands.EditMember(mid, MemberInput.of(again), edited))
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert roster.get_member(mid).work_title == "某公司职员" and warnings == []


def test_a_redo_the_service_refuses_keeps_the_index(window, qtbot, warnings):
    refused = []
    window.undo_stack.refused.connect(lambda verb, text: refused.append(verb))
    _add_ding_yi(window, qtbot)
    window.undo_action.trigger()
    # meanwhile another 丁一 is registered elsewhere (say by an import), without a note
    roster.add_member(MemberInput("丁一", "女", delegation_id=_team("慈惠街代表团").delegation_id))
    before = _counts()

    window.redo_action.trigger()

    assert len(warnings) == 1 and warnings[0].startswith("不能重做“添加 丁一”：本次会议已有同名人员“丁一”")
    assert window.undo_stack.index() == 0 and window.redo_action.isEnabled() and _counts() == before
    assert refused == ["重做"]


def test_redo_of_a_member_whose_delegation_was_deleted_is_refused(window, qtbot, warnings):
    page = window.roster_page
    dialog = page.new_delegation()
    dialog.name.setText("新设代表团")
    ok(qtbot, dialog)
    did = _team("新设代表团").delegation_id
    mid = roster.add_member(MemberInput("丁一", "男", delegation_id=did))
    window.undo_stack.push(commands.AddMember(mid, MemberInput("丁一", "男", delegation_id=did)))
    window.undo_action.trigger()
    roster.remove_delegation(did)  # outside the stack

    window.redo_action.trigger()

    assert warnings == ["不能重做“添加 丁一”：丁一 原属的代表团已被删除。请先新建代表团，再重新添加此人。"]
    assert window.undo_stack.index() == 1
    assert not Person.select().where(Person.name == "丁一").exists()


def test_undo_of_a_new_delegation_refuses_while_people_are_in_it(window, qtbot, warnings):
    page = window.roster_page
    dialog = page.new_delegation()
    dialog.name.setText("新设代表团")
    ok(qtbot, dialog)
    did = _team("新设代表团").delegation_id
    ding = Member.select().join(Person).where(Person.name == "丁哲").get().id
    roster.move_member(ding, did)  # not through the stack

    window.undo_action.trigger()

    assert warnings == ["不能撤销“新建 新设代表团”：新设代表团 已有人员丁哲（代表）。"
                        "请先把人员调到其他代表团，并在相应页面删除这些记录。"]
    assert window.undo_stack.index() == 1 and _team("新设代表团").delegation_id == did

    roster.move_member(ding, _team().delegation_id)
    window.undo_action.trigger()
    assert "新设代表团" not in dict(roster.delegation_choices()).values()
    window.redo_action.trigger()
    assert _team("新设代表团").delegation_id == did and len(warnings) == 1


def test_undoing_a_role_change_refuses_to_strip_what_was_recorded_of_a_delegate(window, warnings):
    attendee = roster.list_members(_team().delegation_id, role="列席")[0]
    before = MemberInput.of(attendee)
    after = replace(before, role="代表")
    roster.update_member(attendee.member_id, after)
    window.undo_stack.push(commands.EditMember(attendee.member_id, before, after))
    seat = presidium.add_presidium_member(attendee.member_id)

    window.undo_action.trigger()

    assert warnings == [f"不能撤销“修改 {attendee.name}”：身份改为“代表”后，{attendee.name} 已是主席团成员。"
                        "撤销会把身份改回“列席”，这些记录将失去依据。请先在相应页面删除这些记录。"]
    assert window.undo_stack.index() == 1 and roster.get_member(attendee.member_id).role == "代表"
    presidium.remove_presidium_member(seat)
    window.undo_action.trigger()
    assert roster.get_member(attendee.member_id).role == "列席" and window.undo_stack.index() == 0


def test_ending_again_is_refused_after_records_made_while_serving_again(window, warnings):
    row = next(m for m in roster.list_members(_team().delegation_id, role="代表") if m.name == "丁哲")
    ended_on, reason = dt.date(2023, 12, 20), "因工作变动调离本行政区域"
    roster.end_member(row.member_id, ended_on, reason)
    window.undo_stack.push(commands.EndMember(row.member_id, row.name, ended_on, reason))
    window.undo_action.trigger()  # reinstated: allowed, deletes nothing
    assert roster.get_member(row.member_id).serving
    attendance.check_in(3, row.member_id, now=CHECK_IN)

    window.redo_action.trigger()

    assert warnings == ["不能重做“终止 丁哲 的资格”：恢复资格后，丁哲 已在第一次全体会议签到。"
                        "重做会再次终止其资格，这些记录将失去依据。请先在相应页面删除这些记录。"]
    assert window.undo_stack.index() == 0 and roster.get_member(row.member_id).serving
    attendance.clear(3, row.member_id)
    window.redo_action.trigger()
    assert not roster.get_member(row.member_id).serving and window.undo_stack.index() == 1


def test_undoing_a_reinstatement_is_refused_after_records_made_since(window, warnings):
    row = next(m for m in roster.list_members(include_ended=True) if m.name == "冯宇")
    roster.reinstate_member(row.member_id)
    window.undo_stack.push(commands.ReinstateMember(row.member_id, row.name, row.ended_on, row.end_reason))
    attendance.check_in(3, row.member_id, now=CHECK_IN)

    window.undo_action.trigger()

    assert len(warnings) == 1 and warnings[0].startswith("不能撤销“恢复 冯宇 的资格”：恢复资格后，冯宇 已在第一次全体会议签到。")
    assert window.undo_stack.index() == 1 and roster.get_member(row.member_id).serving


def test_plain_commands_still_undo_as_qt_does(window, qtbot):
    """A QUndoCommand that knows nothing of the checks (the 办法 dialog's) steps as before."""
    from meetingdesk.ui.session.bylaw_dialog import EditBylaw

    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    before = session.bylaw()
    window.undo_stack.push(EditBylaw(before, before))
    assert window.undo_action.text() == "撤销 修改选举和表决办法"
    window.undo_action.trigger()
    assert window.undo_stack.index() == 0 and window.redo_action.text() == "重做 修改选举和表决办法"


# ---------------------------------------------------------------- suggestions (issue 20)


class _Assign(undo_module.Command):
    """交办 as the 建议办理 page undoes it: services.suggestions' assignments before and after."""

    def __init__(self, ids, before):
        super().__init__("交办 闭会第7号")
        self.before, self.after = before, suggestions.assignments_state(ids)

    def apply(self):
        suggestions.restore_assignments(self.after)

    def revert(self):
        suggestions.restore_assignments(self.before)


class _Reply(undo_module.Command):
    def __init__(self, reply_id):
        super().__init__("录入答复 闭会第7号")
        self.reply_id, self.saved = reply_id, None

    def revert(self):
        self.saved = suggestions.remove_reply(self.reply_id)

    def apply(self):
        suggestions.restore_reply(self.saved)


class _Rate(undo_module.Command):
    def __init__(self, before):
        super().__init__("评价 闭会第7号")
        self.before, self.after = before, suggestions.reply_state(before.reply_id)

    def apply(self):
        suggestions.restore_rating(self.after)

    def revert(self):
        suggestions.restore_rating(self.before)


def test_assignment_reply_and_rating_undo_and_redo_with_their_ids_and_never_drop_a_reply(window, warnings):
    """The writes of the 建议办理 page through the window's checking stack: each undone and redone
    by the service's own pairs, the same ids back; a step that would drop a reply given since is
    refused with the service's reason, and the stack stays."""
    lead = next(m for m in roster.list_members(role="代表") if m.name == "彭涛")
    sid = suggestions.register_between(suggestions.SuggestionInput("关于增设金银湖公园公厕的建议", lead.member_id,
                                                                   dt.date(2024, 12, 2)))
    units = {u.name: u.unit_id for u in suggestions.list_units()}
    before = suggestions.assign([sid], units["区城管局"], [units["金银湖街道办事处"]], on=dt.date(2024, 12, 3))
    window.undo_stack.push(_Assign([sid], before))
    assigned = suggestions.get_suggestion(sid).assignments
    lead_unit = assigned[0].assignment_id
    reply = suggestions.record_reply(lead_unit, suggestions.ReplyInput(dt.date(2025, 1, 10), "已解决或基本解决"))
    window.undo_stack.push(_Reply(reply))
    rated = suggestions.reply_state(reply)
    suggestions.rate(reply, "不满意", dt.date(2025, 1, 20))
    window.undo_stack.push(_Rate(rated))
    assert window.undo_action.text() == "撤销 评价 闭会第7号"

    # the unit answers round 2 outside the stack (an import): undoing the rating would orphan it
    again = suggestions.record_reply(lead_unit, suggestions.ReplyInput(dt.date(2025, 2, 1)))
    window.undo_action.trigger()
    assert warnings == ["不能撤销“评价 闭会第7号”：区城管局已有第2轮的答复，不能再改第1轮的评价；请先撤销那一轮的答复。"]
    assert window.undo_stack.index() == 3 and suggestions.get_suggestion(sid).lead_assignment.round == 2
    suggestions.remove_reply(again)

    for _ in range(3):
        window.undo_action.trigger()
    assert window.undo_stack.index() == 0 and suggestions.get_suggestion(sid).assignments == ()
    for _ in range(3):
        window.redo_action.trigger()
    row = suggestions.get_suggestion(sid)
    assert [a.assignment_id for a in row.assignments] == [a.assignment_id for a in assigned]
    assert [(r.reply_id, r.rating) for r in row.lead_assignment.replies] == [(reply, "不满意")]
    assert len(warnings) == 1

    # undoing the assignment is refused once a unit has replied outside the stack (an import)
    window.undo_action.trigger()  # the rating
    window.undo_action.trigger()  # the reply
    suggestions.record_reply(assigned[1].assignment_id, suggestions.ReplyInput(dt.date(2025, 1, 5)))
    window.undo_action.trigger()
    assert warnings[1] == ("不能撤销“交办 闭会第7号”：闭会第7号的承办单位金银湖街道办事处已答复，"
                           "答复记录须保留，不能撤下该单位。")
    assert window.undo_stack.index() == 1 and len(suggestions.get_suggestion(sid).assignments) == 2

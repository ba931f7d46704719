"""The real main window on a temporary session: open, filter, add, undo, end, leaders."""
from __future__ import annotations

from PySide6.QtCore import Qt

from meetingdesk.services import session
from meetingdesk.store import Member, Person
from meetingdesk.ui.main_window import MainWindow
from meetingdesk.ui.roster.models import MembersModel

from .helpers import ok as _ok



def _visible_names(page) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, MembersModel.NAME).data() for r in range(proxy.rowCount())]


def _pick_team(page, name: str) -> None:
    did = next(r.delegation_id for r in page.delegations.rows() if r and r.name == name)
    page.select_delegation(did)


def test_opens_the_session_with_title_counts_and_navigation(window):
    assert "东西湖区第十一届人民代表大会第三次会议" in window.windowTitle()
    assert "代表 210 人" in window.status_counts.text()
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "代表团", "主席团", "议程日程", "议案", "选举", "计票", "到会", "座次", "建议办理", "变更日志"]
    page = window.roster_page
    assert page.delegations.rowCount() == 13  # 全部 + 12
    assert page.proxy.rowCount() == 406


def test_delegation_table_and_members_in_stroke_order(window):
    page = window.roster_page
    _pick_team(page, "吴家山街代表团")
    assert page.heading.text() == "吴家山街代表团"
    assert "代表 18 人、列席 15 人、工作人员 3 人" in page.leaders.text()
    page.role_filter.setCurrentIndex(page.role_filter.findData("代表"))
    assert _visible_names(page)[:5] == ["丁哲", "邢奇", "刘君", "江桥", "安国平"]


def test_filter_by_name_as_you_type(window):
    page = window.roster_page
    page.filter.setText("王超")
    rows = [page.members.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row())
            for r in range(page.proxy.rowCount())]
    assert sorted(r.note for r in rows) == sorted(["区消防救援大队大队长", "区融媒体中心主任"])
    page.filter.setText("")
    assert page.proxy.rowCount() == 406


def test_add_a_delegate_then_undo_and_redo(window, qtbot):
    page = window.roster_page
    _pick_team(page, "吴家山街代表团")
    dialog = page.add_member()
    dialog.name.setText("丁一")
    dialog.gender.setCurrentIndex(dialog.gender.findData("女"))
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    person = Person.get(Person.name == "丁一")
    member = Member.get(Member.person == person)
    assert (member.role, member.delegation.name, person.gender) == ("代表", "吴家山街代表团", "女")
    assert "代表 211 人" in window.status_counts.text()
    assert page.current_member().name == "丁一"

    window.undo_action.trigger()
    assert not Person.select().where(Person.name == "丁一").exists()
    assert "代表 210 人" in window.status_counts.text()
    window.redo_action.trigger()
    assert Person.select().where(Person.name == "丁一").exists()


def test_dialog_shows_errors_at_the_field_and_writes_nothing(window, qtbot):
    page = window.roster_page
    dialog = page.add_member()
    _ok(qtbot, dialog)  # empty name
    assert dialog.isVisible()
    assert "姓名不能为空" in dialog.error_text("name")
    dialog.name.setText("王超")
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "同名" in dialog.error_text("note")
    assert Person.select().where(Person.name == "王超").count() == 2
    dialog.reject()


def _select_person(page, name: str) -> None:
    page.filter.setText(name)
    page.member_view.setCurrentIndex(page.proxy.index(0, 0))


def test_edit_and_undo_restores_the_old_values(window, qtbot):
    page = window.roster_page
    _select_person(page, "丁哲")
    dialog = page.edit_member()
    dialog.work_title.setText("某公司总经理")
    _ok(qtbot, dialog)
    assert Person.get(Person.name == "丁哲").work_title == "某公司总经理"
    window.undo_action.trigger()
    assert Person.get(Person.name == "丁哲").work_title == ""


def test_end_a_mandate_and_undo(window, qtbot):
    page = window.roster_page
    _select_person(page, "丁哲")
    dialog = page.end_member()
    dialog.reason.setCurrentText("因工作变动调离本行政区域")
    _ok(qtbot, dialog)
    member = Member.select().join(Person).where(Person.name == "丁哲").get()
    assert member.status == "终止"
    assert "代表 209 人" in window.status_counts.text()
    assert page.proxy.rowCount() == 0  # ended people leave the list
    window.undo_action.trigger()
    assert Member.get_by_id(member.id).status == "在任"


def test_a_head_who_is_not_a_delegate_is_refused_at_the_field(window, qtbot):
    page = window.roster_page
    _pick_team(page, "吴家山街代表团")
    dialog = page.edit_delegation()
    dialog.head.setCurrentIndex(0)  # （未定） is allowed
    dialog.deputies.item(0).setCheckState(Qt.CheckState.Checked)
    first_deputy = dialog.deputies.item(0).text()
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    team = next(r for r in page.delegations.rows() if r and r.name == "吴家山街代表团")
    assert team.head is None and first_deputy in [d.display for d in team.deputies]
    window.undo_action.trigger()
    team = next(r for r in page.delegations.rows() if r and r.name == "吴家山街代表团")
    assert team.head.name == "李平"


def test_check_dialog_lists_problems_and_jumps(window, qtbot):
    page = window.roster_page
    _pick_team(page, "慈惠街代表团")
    dialog = page.edit_delegation()
    dialog.head.setCurrentIndex(0)
    _ok(qtbot, dialog)
    problems = window.show_problems()
    qtbot.addWidget(problems)
    rows = problems.model.rows()
    missing = next(p for p in rows if "没有团长" in p.message)
    _pick_team(page, "吴家山街代表团")
    window.go_to_problem(missing)
    assert page.current_delegation().name == "慈惠街代表团"
    assert window.show_problems() is problems  # one list per window, refreshed


def test_problems_of_the_presidium_and_the_schedule_jump_to_their_pages(window, qtbot):
    from meetingdesk.services import presidium, schedule

    group = presidium.list_groups()[1]
    presidium.set_host(group.group_id, None)
    plenary = next(m for m in schedule.list_meetings() if m.kind == "全体会议")
    presidium.set_group_meeting(presidium.list_groups()[0].group_id, None)
    problems = window.show_problems()
    qtbot.addWidget(problems)
    rows = problems.model.rows()
    no_host = next(p for p in rows if "没有大会主持人" in p.message)
    no_group = next(p for p in rows if p.message == "第一次全体会议没有执行主席组。")
    window.go_to_problem(no_host)
    assert window.pages.currentWidget() is window.presidium_page
    assert window.presidium_page.tabs.currentWidget() is window.presidium_page.groups_tab
    window.go_to_problem(no_group)
    assert window.pages.currentWidget() is window.schedule_page
    assert window.schedule_page.tabs.currentWidget() is window.schedule_page.schedule_tab
    assert window.schedule_page.tree.currentIndex() == window.schedule_page.meetings.index_of(plenary.meeting_id)


def test_problems_of_motions_and_elections_jump_to_their_pages(window, qtbot):
    import datetime as dt

    from meetingdesk.services import elections, motions, roster

    ten = [r.member_id for r in roster.list_members(role="代表") if r.delegation == "吴家山街代表团"][:10]
    new = motions.register_motion(motions.MotionInput("议案", "关于修缮公园的议案", lead_member_id=ten[0],
                                                      signer_member_ids=tuple(ten),
                                                      received_at=dt.datetime(2023, 12, 21, 9, 0)))
    roster.end_member(ten[-1], dt.date(2023, 12, 21), "因工作调整辞去代表职务")
    court = elections.list_elections()[1]
    elections.update_election(court.election_id, court.office, 2, "等额", court.rule)
    problems = window.show_problems()
    qtbot.addWidget(problems)
    rows = problems.model.rows()
    window.go_to_problem(next(p for p in rows if p.target == ("motion", new)))
    assert window.pages.currentWidget() is window.motions_page
    assert window.motions_page.current().motion_id == new
    window.go_to_problem(next(p for p in rows if p.target == ("election", court.election_id)))
    assert window.pages.currentWidget() is window.elections_page


def test_a_file_that_is_not_a_session_gives_a_message(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("meetingdesk.ui.main_window.warn", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "x.meetingdesk"
    bad.write_text("not a session", encoding="utf-8")
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(bad) is False
    assert shown and "不是 MeetingDesk 会议文件" in shown[0]
    assert bad.read_text(encoding="utf-8") == "not a session"


def test_session_info_dialog_edits_and_undoes(window, qtbot):
    dialog = window.edit_session()
    assert dialog.region.text() == "东西湖区" and dialog.statutory.value() == 214
    dialog.venue.setText("区人民会堂")
    dialog.single_first.setChecked(True)
    _ok(qtbot, dialog)
    info = session.session_info()
    assert info.venue == "区人民会堂" and info.single_name_first
    window.undo_action.trigger()
    info = session.session_info()
    assert info.venue == "临空港会展酒店" and not info.single_name_first


def test_session_info_dialog_refuses_bad_dates(window, qtbot):
    from PySide6.QtCore import QDate
    dialog = window.edit_session()
    dialog.end.setDate(QDate(2023, 12, 1))
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "闭幕日期早于开幕日期" in dialog.error_text("end_date")
    dialog.reject()


def test_import_from_the_roster_page_refreshes_and_clears_undo(window, qtbot, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text("姓名,性别,代表团,身份\n丁一,女,吴家山街代表团,代表\n", encoding="utf-8")
    page = window.roster_page
    dialog = page.import_roster()
    qtbot.addWidget(dialog)
    assert dialog.load(path)
    dialog.do_import()
    assert Person.select().where(Person.name == "丁一").exists()
    assert "代表 211 人" in window.status_counts.text()
    assert not window.undo_stack.canUndo()


def test_print_menu_lists_the_papers(window):
    titles = [a.text() for a in window.roster_page.print_button.menu().actions()]
    assert "代表团编团名单" in titles and "签到表" in titles


def test_the_window_is_built_before_any_session_opens(qtbot, demo_file):
    """As `python main.py` does: the window first, then the demo."""
    session.close_session()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(demo_file)
    assert win.counting_page.heading.isVisibleTo(win.counting_page)
    session.close_session()


def test_end_a_mandate_with_its_decision_and_the_offices_that_end_with_it(window, qtbot):
    import datetime as dt

    from PySide6.QtCore import QDate

    from meetingdesk.services import presidium, roster

    page = window.roster_page
    _select_person(page, "丁哲")
    row = page.current_member()
    presidium.add_office(row.person_id, "区人大常委会", "委员")
    dialog = page.end_member()
    dialog.ended_on.setDate(QDate(2023, 12, 14))
    dialog.reason.setCurrentText("因工作调整辞去代表职务")
    dialog.decision.setText("区十一届人大常委会第十四次会议决定")
    _ok(qtbot, dialog)
    assert "同时相应终止：区人大常委会委员" in page.notice.text()
    assert "代表 209 人" in window.status_counts.text()
    assert not any(o.person_id == row.person_id for o in presidium.list_offices())
    window.undo_action.trigger()
    assert [o.title for o in presidium.list_offices() if o.person_id == row.person_id] == ["委员"]
    assert "代表 210 人" in window.status_counts.text()
    window.redo_action.trigger()
    ended = roster.get_member(row.member_id)
    assert (ended.ended_on, ended.end_decision) == (dt.date(2023, 12, 14), "区十一届人大常委会第十四次会议决定")
    assert roster.ended_with(row.member_id) == ["区人大常委会委员"]


def test_a_problem_about_an_ended_mandate_opens_the_person(window):
    import datetime as dt

    from meetingdesk.services import mandate_checks, roster

    page = window.roster_page
    row = next(m for m in roster.list_members(role="代表") if m.name == "丁哲")
    roster.end_member(row.member_id, dt.date(2023, 12, 14), "因工作变动调离本行政区域")  # no decision
    problem = next(p for p in mandate_checks.check() if p.member_id == row.member_id)
    assert "没有填写终止决定" in problem.message
    window.go_to_problem(problem)
    assert window.pages.currentWidget() is page and page.show_ended.isChecked()
    assert page.current_member().member_id == row.member_id
    assert "资格终止" in page.detail.text()


def test_the_big_tables_show_every_column_at_1366(window, qtbot):
    """No horizontal scrolling at a laptop's width: the roster's 备注 and the 日程's 地点 stay on
    screen (columns are sized by the rows shown, never by measuring every row)."""
    window.resize(1366, 700)
    qtbot.wait(10)
    page = window.roster_page
    assert not page.member_view.horizontalScrollBar().isVisible()
    header = page.member_view.horizontalHeader()
    assert header.sectionViewportPosition(MembersModel.NOTE) + 20 < page.member_view.viewport().width()
    window.nav.setCurrentRow(window.pages.indexOf(window.schedule_page))
    window.schedule_page.tabs.setCurrentIndex(1)
    qtbot.wait(10)
    assert not window.schedule_page.tree.horizontalScrollBar().isVisible()


def test_an_edit_that_moves_nobody_repaints_its_line_and_one_that_moves_re_sorts(window, qtbot):
    """A work title edited: that line alone is repainted (no reset of 5,000 rows), the delegations'
    table untouched; a name edited: the row takes its new place in stroke order and the 团长 the
    delegations' table shows follows; a filter the edit no longer matches hides the row."""
    page = window.roster_page
    model = page.members
    _select_person(page, "丁哲")
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    delegation_resets: list[int] = []
    page.delegations.modelReset.connect(lambda: delegation_resets.append(1))
    dialog = page.edit_member()
    dialog.work_title.setText("某公司总经理")
    _ok(qtbot, dialog)
    assert resets == [] and delegation_resets == []
    line = next(r for r in range(model.rowCount()) if model.row_at(r).name == "丁哲")
    assert "某公司总经理" in [model.index(line, c).data() for c in range(model.columnCount())]
    window.undo_action.trigger()
    assert resets == [] and next(r for r in model.rows() if r.name == "丁哲").work_title == ""

    # a name edited moves the row, and a filter it no longer matches hides it
    _select_person(page, "丁哲")
    assert len(_visible_names(page)) == 1
    dialog = page.edit_member()
    dialog.name.setText("蔡哲")
    _ok(qtbot, dialog)
    assert _visible_names(page) == []
    page.filter.setText("")
    names = [r.name for r in model.rows()]
    assert "蔡哲" in names and "丁哲" not in names
    from meetingdesk.services import roster

    assert [r.member_id for r in model.all_rows()] == [
        m.member_id for m in roster.list_members(page.current_delegation_id())]
    window.undo_action.trigger()
    assert "丁哲" in [r.name for r in model.rows()]


def test_the_log_is_ready_for_the_first_edit_soon_after_opening(window, qtbot):
    """The file's log triggers are made when the window is up, not on opening (a read-only command
    never pays for them) and not in the clerk's first edit."""
    from meetingdesk import store

    qtbot.waitUntil(lambda: store.database.obj._log_ready, timeout=3000)

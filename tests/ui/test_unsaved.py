"""Unsaved work: a counting pass typed and not saved is kept in the session file as it is typed,
comes back after a crash, never counts, and is gone once saved or let go; before leaving, the
window asks every page (unsaved.confirm_leave)."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from meetingdesk.services import counting, drafts, elections, session, voting
from meetingdesk.ui.counting import page as counting_page
from meetingdesk.ui.counting.page import CountingPage
from meetingdesk.ui.common.unsaved import Drafted, confirm_leave

from .helpers import shown, warnings_of

NOW = dt.datetime(2023, 12, 23, 10, 32)
TITLE = "第三次全体会议选举和表决"


@pytest.fixture
def warned(monkeypatch) -> list[str]:
    return warnings_of(monkeypatch, counting_page)


@pytest.fixture
def opened(demo_file):
    session.open_session(demo_file)
    yield demo_file
    session.close_session()


def _poll(title: str = TITLE) -> int:
    return counting.create_poll(title, [e.election_id for e in elections.list_elections()],
                                [i.item_id for i in voting.list_vote_items()], now=NOW)


@pytest.fixture
def page(qtbot, opened, asked, warned):
    poll = _poll()
    page = shown(qtbot, CountingPage(), NOW)
    page.select(poll)
    return page


class Answer:
    """QMessageBox.exec patched: the button whose text is `choice` is clicked; what was asked is kept."""

    def __init__(self, monkeypatch, choice: str) -> None:
        self.choice = choice
        self.texts: list[str] = []
        self.buttons: list[list[str]] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _exec(self, box: QMessageBox) -> int:
        self.texts.append(box.text() + "\n" + box.informativeText())
        self.buttons.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == self.choice).click()
        return 0


def _type(page, box: int = 1, entry: int = 2) -> str:
    """A pass typed in the form of PAGE's poll and not saved: box BOX's ENTRY; its draft key."""
    page.box.setCurrentIndex(box)
    page.entry_group.button(entry).click()
    form = page.form
    form.papers["选票"][0].setValue(70)
    form.papers["选票"][1].setValue(68)
    court = form.elections[1]
    court.model.setData(court.model.index(0, 1), 60)
    court.model.setData(court.model.index(0, 2), 6)
    court.void.setValue(2)
    committee = form.elections[0]
    index = committee.model.add_write_in()
    committee.model.setData(index, "张三")
    committee.model.setData(committee.model.index(index.row(), 1), 3)
    items = form.items_sheet.model
    items.setData(items.index(0, 1), 41)
    return drafts.tally_key(page.current_id(), page.box.currentData(), entry)


def _typed(form) -> tuple:
    committee, court = form.elections[0].model, form.elections[1].model
    write_in = committee.line(committee.rowCount() - 1)
    return (form.papers["选票"][0].value(), form.papers["选票"][1].value(), court.line(0).values,
            form.elections[1].void.value(), (write_in.name, write_in.values, write_in.write_in),
            form.items_sheet.model.line(0).values)


TYPED = (70, 68, [60, 6, 0], 2, ("张三", [3, 0, 0], True), [41, 0, 0, 0])


def test_a_pass_typed_comes_back_after_a_crash_and_never_counts(page, qtbot, opened):
    poll = page.current_id()
    before = counting.result(poll)
    key = _type(page)
    assert page.form.dirty
    qtbot.waitUntil(lambda: drafts.load(key) is not None, timeout=2000)  # written once the clerk pauses
    box_id = page.box.currentData()
    assert counting.entered(poll, box_id, 2) == ({}, [])  # a draft is not a pass
    assert counting.result(poll).missing == before.missing
    later = _poll("第三次全体会议补充表决")  # a later poll: the window would open on it
    session.close_session()  # as a crash would leave it: nothing saved, nothing asked

    session.open_session(opened)
    again = shown(qtbot, CountingPage(), NOW)
    assert again.current_id() == poll != later  # the poll with the pass typed is shown first
    assert again.box.currentData() == box_id and again.entry_group.checkedId() == 2
    assert _typed(again.form) == TYPED and again.form.dirty
    assert again.entry_state.text().startswith("会场1号票箱第二遍：已恢复 12月23日 10:32 未保存的录入，保存本遍后才计入")
    assert again.discard_button.isEnabled()
    assert counting.entered(poll, box_id, 2) == ({}, [])
    assert counting.result(poll).missing == before.missing
    # choosing another poll and coming back: the draft is shown again, as long as it is not let go
    again.select(later)
    assert drafts.load(key) is not None


def test_saving_the_pass_discards_its_draft(page, qtbot):
    key = _type(page, box=0, entry=1)
    page.hide()  # hidden (another page, the window closing): written at once
    assert drafts.load(key).data["papers"] == {"选票": [70, 68], "表决票": [0, 0]}
    # figures that cannot be: refused, the draft kept
    assert not page.save_entry()
    assert drafts.load(key) is not None and "票数不可能成立" in page.entry_error.text()
    form = page.form
    form.papers["表决票"][0].setValue(70)
    form.papers["表决票"][1].setValue(70)
    for sheet in form.elections:
        sheet.void.setValue(68)  # every ballot void: nothing that cannot be
        model = sheet.model
        for row in range(model.rowCount()):
            for column in (1, 2, 3):
                model.setData(model.index(row, column), 0)
    assert page.save_entry(), page.entry_error.text()
    assert drafts.load(key) is None and drafts.list_drafts() == []
    assert not page.form.dirty and counting.entered(page.current_id(), page.box.currentData(), 1)[0]
    qtbot.wait(400)  # no late write brings the draft back
    assert drafts.list_drafts() == []


def test_the_focus_leaving_the_form_writes_the_draft_at_once(page, qtbot):
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    returned = page.form.papers["选票"][1]
    returned.setFocus()
    qtbot.waitUntil(returned.hasFocus)
    qtbot.keyClicks(returned, "65")
    key = drafts.tally_key(page.current_id(), page.box.currentData(), 1)
    assert page.entry_tab.draft_timer.isActive() and drafts.load(key) is None
    page.vote_time.setFocus()  # out of the entry tab
    qtbot.waitUntil(page.vote_time.hasFocus)
    assert drafts.load(key).data["papers"]["选票"] == [0, 65]


def test_letting_the_pass_go_discards_its_draft(page, qtbot, asked):
    key = _type(page)
    assert page.save_unsaved() and drafts.load(key) is not None  # leaving: written without the wait
    page.discard_button.click()
    assert "放弃会场1号票箱第二遍未保存的录入" in asked[-1]
    assert drafts.load(key) is None and not page.form.dirty
    assert page.entry_state.text() == "会场1号票箱第二遍：尚未录入" and not page.discard_button.isEnabled()
    # switching to another pass and letting the typed one go: its draft goes too
    _type(page)
    page.save_unsaved()
    page.entry_group.button(1).click()
    assert "录入的票数尚未保存" in asked[-1] and drafts.list_drafts() == []


def test_confirm_leave_lists_the_unsaved_pass(page, monkeypatch, qtbot):
    key = _type(page)
    assert page.unsaved() == ["计票：第三次全体会议选举和表决 会场1号票箱第二遍录入（未保存）"]
    assert all(isinstance(line, Drafted) for line in page.unsaved())
    answer = Answer(monkeypatch, "取消")
    assert not confirm_leave(None, [page, QApplication.instance()], "退出")
    assert "· 计票：第三次全体会议选举和表决 会场1号票箱第二遍录入（未保存）" in answer.texts[-1]
    assert "草稿已保存在会议文件中，下次打开时恢复" in answer.texts[-1]
    assert sorted(answer.buttons[-1]) == sorted(["保存草稿并继续", "放弃这些输入", "取消"])
    assert page.form.dirty
    answer.choice = "保存草稿并继续"
    assert confirm_leave(None, [page], "退出")
    assert drafts.load(key) is not None and page.form.dirty  # written at once, not 300 ms later
    answer.choice = "放弃这些输入"
    assert confirm_leave(None, [page], "打开其他会议")
    assert drafts.list_drafts() == [] and not page.form.dirty and page.unsaved() == []
    count = len(answer.texts)
    assert confirm_leave(None, [page], "退出") and len(answer.texts) == count  # nothing to ask


def test_drafts_of_other_polls_are_listed_too(page, monkeypatch):
    other = _poll("第三次全体会议补充选举")
    box = voting.list_boxes()[0]
    drafts.save(drafts.tally_key(other, box.box_id, 1), {}, NOW)
    assert page.unsaved() == ["计票：第三次全体会议补充选举 主席团票箱第一遍录入（未保存）"]
    Answer(monkeypatch, "放弃这些输入")
    assert confirm_leave(None, [page], "退出") and drafts.list_drafts() == []


def test_a_field_being_typed_in_is_finished_before_asking(page, qtbot, monkeypatch):
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.vote_time.setFocus()
    qtbot.waitUntil(page.vote_time.hasFocus)
    page.vote_time.setText("10:45")  # saved on leaving the field: leaving the window is leaving it
    assert confirm_leave(None, [page], "退出")
    assert counting.get_poll(page.current_id()).vote_time == "10:45"


def test_pages_without_drafts_are_asked_to_save(qtbot, monkeypatch):
    class Page:
        def __init__(self, lines, saves=True):
            self.lines, self.saves, self.calls = lines, saves, []

        def unsaved(self):
            return self.lines

        def save_unsaved(self):
            self.calls.append("save")
            return self.saves

        def discard_unsaved(self):
            self.calls.append("discard")

    plain, refusing = Page(["名单：未保存的修改"]), Page(["日程：未保存的修改"], saves=False)
    answer = Answer(monkeypatch, "保存")
    assert confirm_leave(None, [plain, Page([])], "新建会议")
    assert sorted(answer.buttons[-1]) == sorted(["保存", "放弃", "取消"]) and plain.calls == ["save"]
    assert "草稿已保存" not in answer.texts[-1]
    assert not confirm_leave(None, [refusing], "新建会议")  # not saved: the clerk stays
    answer.choice = "放弃"
    assert confirm_leave(None, [plain, refusing], "退出")
    assert plain.calls[-1] == refusing.calls[-1] == "discard"
    # some drafted, some not: 保存 keeps both, and says the drafts are kept
    answer.choice = "保存"
    assert confirm_leave(None, [Page([Drafted("计票：…")]), plain], "退出")
    assert "作为草稿保存在会议文件中" in answer.texts[-1]


def test_a_draft_that_cannot_become_a_pass_is_passed_over(qtbot, opened, asked, warned):
    boxes = voting.list_boxes()
    gone = _poll("已删除的投票")
    drafts.save(drafts.tally_key(gone, boxes[0].box_id, 1), {"papers": {"选票": [5, 5]}}, NOW)
    counting.remove_poll(gone)
    # a confirmed poll: a poll of one item, entered twice in every box and confirmed
    locked = counting.create_poll("已确认的表决", [], [voting.list_vote_items()[0].item_id], now=NOW)
    counting.set_present(locked, 210)
    row = counting.get_poll(locked)
    figures = [counting.Figure(poll_item_id=row.items[0].poll_item_id, yes=70)]
    for box in boxes:
        for entry in (1, 2):
            counting.enter(locked, box.box_id, entry, {"表决票": (70, 70)}, figures)
    drafts.save(drafts.tally_key(locked, boxes[0].box_id, 1), {"papers": {"表决票": [1, 1]}}, NOW)
    counting.confirm(locked, NOW)
    # a draft of a poll still open, but not in a shape the form knows: what cannot be read is 0
    open_poll = _poll()
    drafts.save(drafts.tally_key(open_poll, boxes[0].box_id, 1),
                {"papers": {"选票": "x", "表决票": [70, -1]}, "elections": {"1": {"candidates": [1], "void": "2"}},
                 "items": [3]}, NOW)

    page = shown(qtbot, CountingPage(), NOW)
    assert page.current_id() == open_poll
    assert page.form.papers["表决票"][0].value() == 70 and page.form.papers["选票"][1].value() == 0
    assert page.form.dirty
    assert [d.key for d in drafts.list_drafts()] == [drafts.tally_key(open_poll, boxes[0].box_id, 1)]
    page.select(locked)
    assert not page.form.dirty and page.form.papers["表决票"][0].value() == 70  # the saved pass, not a draft
    assert page.unsaved() == ["计票：第三次全体会议选举和表决 主席团票箱第一遍录入（未保存）"]  # the open poll's

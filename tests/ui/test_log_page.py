"""The 日志 page on the demo session after a few edits: the log listed newest first, narrowed by
desk, 类别, days and text, a page of older records more at a time, the selected record's fields
before and after with their labels; read-only; it fits a 1,366 × 768 laptop."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from meetingdesk.services import attendance, changelog, roster
from meetingdesk.store import changelog as slog
from meetingdesk.ui.common import page as pages
from meetingdesk.ui.log import page as log_page
from meetingdesk.ui.log.models import ChangesModel, FieldsModel
from meetingdesk.ui.log.page import LogPage

from .helpers import shown


@pytest.fixture
def edits(demo_session):
    """A note corrected and two check-ins, written as desk 签到台-02 by 李秘书."""
    slog.set_identity("签到台-02", "李秘书")
    m = roster.list_members(role="代表")[0]
    data = roster.MemberInput.of(m)
    roster.update_member(m.member_id, roster.MemberInput(**{**data.__dict__, "note": "区消防救援大队大队长"}))
    meeting = next(x for x in attendance.meetings() if x.kind == "全体会议")
    checked = roster.list_members(role="代表")[1:3]
    for c in checked:
        attendance.check_in(meeting.meeting_id, c.member_id)
    yield m, checked, meeting
    slog.set_identity("", "")


@pytest.fixture
def page(qtbot, edits):
    return shown(qtbot, LogPage())


def _column(page, column: int) -> list[str]:
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def test_the_page_is_read_only_and_shows_every_area():
    assert LogPage.SHOWS == pages.ALL and LogPage.CHANGES == frozenset()
    assert LogPage.TITLE == "变更日志"


def test_lists_newest_first_a_page_at_a_time(page, edits):
    m, checked, meeting = edits
    assert page.model.headers == ("时间", "工作台", "用户", "类别", "操作", "内容")
    assert page.model.rowCount() == log_page.PAGE_SIZE < changelog.count()
    top = page.model.row_at(0)
    assert top.id == changelog.newest_id()
    assert [page.model.index(0, c).data() for c in range(6)][1:5] == ["签到台-02", "李秘书", "签到", "新增"]
    assert page.model.index(0, ChangesModel.SUMMARY).data().startswith(f"{checked[1].name}（{meeting.name}）：")
    assert f"共 {changelog.count()} 条" in page.counts.text()
    page.more_button.click()
    ids = [r.id for r in page.model.rows()]
    assert len(ids) == 2 * log_page.PAGE_SIZE and ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)


def test_filters_narrow(page, qtbot, edits):
    m, checked, meeting = edits
    page.desk_filter.setCurrentIndex(page.desk_filter.findData("签到台-02"))
    assert set(_column(page, ChangesModel.DESK)) == {"签到台-02"}
    assert page.model.rowCount() == 4  # the note, the meeting's 应到 kept, two check-ins
    page.table_filter.setCurrentIndex(page.table_filter.findData("attendance"))
    assert _column(page, ChangesModel.TABLE) == ["签到", "签到"]
    page.table_filter.setCurrentIndex(0)
    page.search.setText(m.name)
    qtbot.waitUntil(lambda: page.model.rowCount() < 4)
    assert page.model.rowCount() >= 1 and all(m.name in s for s in _column(page, ChangesModel.SUMMARY))
    assert page.counts.text().startswith("找到")
    page.search.clear()
    page.reload()
    tomorrow = QDate.fromString((dt.date.today() + dt.timedelta(days=1)).isoformat(), "yyyy-MM-dd")
    page.since_edit.setDate(tomorrow)
    assert page.model.rowCount() == 0
    page.since_edit.setDate(log_page.NO_DATE)
    page.until_edit.setDate(QDate(2001, 1, 1))
    assert page.model.rowCount() == 0
    page.until_edit.setDate(log_page.NO_DATE)
    assert page.model.rowCount() == 4


def test_details_show_each_field_before_and_after(page, edits):
    m, checked, meeting = edits
    at = page.model.index_by("table", "person")
    page.view.setCurrentIndex(at)
    fields = [[page.fields.index(r, c).data() for c in range(3)] for r in range(page.fields.rowCount())]
    assert page.fields.headers == ("项目", "修改前", "修改后")
    assert fields == [["备注", m.note or "（空）", "区消防救援大队大队长"]]
    assert "签到台-02" in page.details_caption.text() and m.name in page.details_caption.text()
    page.view.setCurrentIndex(page.model.index(0, 0))
    labels = _fields_column(page, FieldsModel.LABEL)
    assert {"会议", "人员", "到会情况", "方式"} <= set(labels)
    assert checked[1].name in _fields_column(page, FieldsModel.AFTER)


def _fields_column(page, column: int) -> list[str]:
    return [page.fields.index(r, column).data() for r in range(page.fields.rowCount())]


def test_selection_stays_when_a_new_record_arrives(page, edits):
    m, checked, meeting = edits
    chosen = page.model.row_at(2)
    page.view.setCurrentIndex(page.model.index(2, 0))
    attendance.check_in(meeting.meeting_id, roster.list_members(role="代表")[5].member_id)
    page.mark_stale()
    assert page.model.row_at(0).id == changelog.newest_id()
    assert page.selected().id == chosen.id


def test_fits_a_laptop(page, qtbot):
    page.resize(1366, 700)
    hint, least = page.sizeHint(), page.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
    assert least.width() <= 1366 and least.height() <= 700
    assert page.width() <= 1366 and page.height() <= 700

"""票箱和表决事项 from the 计票 page: a session made with 新建会议 gets its boxes and items; a box with
figures and an item on a poll are refused in the dialog, in Chinese, and stay."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from meetingdesk.services import counting, voting
from meetingdesk.services.counting import Figure
from meetingdesk.ui.counting.page import CountingPage
from meetingdesk.ui.counting.setup import BoxesModel, CountingSetupDialog, ItemsModel

from .helpers import ok, shown

NOW = dt.datetime(2023, 12, 23, 10, 0)


@pytest.fixture
def dialog(qtbot, asked):
    d = CountingSetupDialog()
    qtbot.addWidget(d)
    d.show()
    return d


def _add_box(qtbot, dialog, name: str, place: str = "") -> None:
    box = dialog.add_box()
    box.name.setText(name)
    box.place.setText(place)
    ok(qtbot, box)


def _add_item(qtbot, dialog, title: str, kind: str = "决议") -> None:
    item = dialog.add_item()
    item.title.setText(title)
    item.kind.setCurrentText(kind)
    ok(qtbot, item)


def _names(model) -> list[str]:
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_a_new_session_gets_boxes_and_items(empty_session, qtbot, dialog, asked):
    boxes, items = dialog.boxes, dialog.items
    assert boxes.model.rowCount() == 0 and not boxes.edit_button.isEnabled()
    _add_box(qtbot, dialog, "主席团票箱", "主席台")
    _add_box(qtbot, dialog, "会场票箱")
    assert [(b.name, b.place) for b in voting.list_boxes()] == [("主席团票箱", "主席台"), ("会场票箱", "")]
    assert boxes.current().name == "会场票箱" and not boxes.down_button.isEnabled()  # the new one chosen
    qtbot.mouseClick(boxes.up_button, Qt.MouseButton.LeftButton)
    assert _names(boxes.model) == ["会场票箱", "主席团票箱"] and boxes.current().name == "会场票箱"
    edit = dialog.edit_box()
    assert edit.name.text() == "会场票箱"
    edit.name.setText("会场1号票箱")
    edit.place.setText("会场")
    ok(qtbot, edit)
    assert boxes.model.index(0, BoxesModel.PLACE).data() == "会场"

    _add_item(qtbot, dialog, "关于政府工作报告的决议（草案）")
    _add_item(qtbot, dialog, "市人大代表名单", "名单")
    qtbot.mouseClick(items.up_button, Qt.MouseButton.LeftButton)
    assert [(i.number, i.kind, i.title) for i in voting.list_vote_items()] == [
        (1, "名单", "市人大代表名单"), (2, "决议", "关于政府工作报告的决议（草案）")]
    assert items.model.index(0, ItemsModel.NUMBER).data() == "1"

    qtbot.mouseClick(items.remove_button, Qt.MouseButton.LeftButton)
    assert asked[-1] == "删除第 1 项表决事项“市人大代表名单”？"
    assert [i.title for i in voting.list_vote_items()] == ["关于政府工作报告的决议（草案）"]
    asked.answer = False
    qtbot.mouseClick(boxes.remove_button, Qt.MouseButton.LeftButton)
    assert len(voting.list_boxes()) == 2  # the clerk said no
    asked.answer = True
    qtbot.mouseClick(boxes.remove_button, Qt.MouseButton.LeftButton)
    assert [b.name for b in voting.list_boxes()] == ["主席团票箱"]


def test_bad_input_shows_at_its_field(empty_session, qtbot, dialog):
    _add_box(qtbot, dialog, "主席团票箱")
    again = dialog.add_box()
    again.name.setText("主席团票箱")
    ok(qtbot, again)
    assert again.isVisible() and again.error_text("name") == "已有名为“主席团票箱”的票箱，票箱名称不能重复。"
    again.reject()
    item = dialog.add_item()
    ok(qtbot, item)
    assert item.error_text("title").startswith("请填写表决事项")
    assert voting.list_vote_items() == [] and len(voting.list_boxes()) == 1


def _count_one_box(poll_id: int, box_id: int, entry: int = 1) -> None:
    row = counting.get_poll(poll_id)
    counting.enter(poll_id, box_id, entry, {"表决票": (70, 70)},
                   [Figure(poll_item_id=pi.poll_item_id, yes=70) for pi in row.items])


def test_what_a_count_uses_is_refused_in_the_dialog(demo_session, qtbot, dialog, asked):
    poll = counting.create_poll("第三次全体会议表决", [], [i.item_id for i in voting.list_vote_items()], now=NOW)
    stage = voting.list_boxes()[0]
    _count_one_box(poll, stage.box_id)
    dialog.refresh(box_id=stage.box_id, item_id=voting.list_vote_items()[0].item_id)
    assert dialog.boxes.model.index(0, BoxesModel.USED).data() == "第三次全体会议表决"
    qtbot.mouseClick(dialog.boxes.remove_button, Qt.MouseButton.LeftButton)
    assert asked == []  # refused before any question
    assert dialog.boxes.error.text().startswith("票箱“主席团票箱”已录入了“第三次全体会议表决”的票数，不能删除")
    assert len(voting.list_boxes()) == 3
    qtbot.mouseClick(dialog.items.remove_button, Qt.MouseButton.LeftButton)
    assert "已列入“第三次全体会议表决”的表决票，不能删除" in dialog.items.error.text()
    assert len(voting.list_vote_items()) == 7
    qtbot.mouseClick(dialog.boxes.down_button, Qt.MouseButton.LeftButton)  # a later action clears the line
    assert dialog.boxes.error.isHidden() and voting.list_boxes()[1].box_id == stage.box_id


def test_a_confirmed_title_is_not_editable(demo_session, qtbot, dialog):
    first = voting.list_vote_items()[0]
    poll = counting.create_poll("第三次全体会议表决", [], [first.item_id], now=NOW)
    counting.set_present(poll, 210)
    for box in voting.list_boxes():
        for entry in (1, 2):
            _count_one_box(poll, box.box_id, entry)
    counting.confirm(poll, NOW)
    dialog.refresh(item_id=first.item_id)
    assert dialog.items.model.index(0, ItemsModel.USED).data() == "第三次全体会议表决（已确认）"
    edit = dialog.edit_item()
    assert edit.title.isReadOnly()
    edit.title.setText("另一名称")  # were it typed anyway, the service refuses it at the field
    ok(qtbot, edit)
    assert "主席团已确认的结果印有这一名称" in edit.error_text("title")
    edit.reject()
    assert voting.list_vote_items()[0].title == first.title


def test_a_box_removed_elsewhere_is_named(empty_session, qtbot, dialog):
    box = voting.add_box("主席团票箱")
    dialog.refresh(box_id=box)
    voting.remove_box(box)
    qtbot.mouseClick(dialog.boxes.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.boxes.error.text().startswith("该票箱已不存在")
    assert dialog.boxes.model.rowCount() == 0


def test_the_counting_page_opens_it_and_follows(demo_session, qtbot, asked):
    page = shown(qtbot, CountingPage(), NOW)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
        dialog = page.findChild(CountingSetupDialog)
        assert dialog.isVisible() and dialog.width() <= 1366 and dialog.height() <= 740
        _add_box(qtbot, dialog, "会场3号票箱")
    assert page.box.itemText(page.box.count() - 1) == "会场3号票箱"

"""会议 › 选举和表决办法…: the settings dialog on the demo session (seed 000's 办法)."""
from __future__ import annotations

import pytest

from meetingdesk.rules.bylaw import SEED, TOPICS
from meetingdesk.services import session
from meetingdesk.ui.session import bylaw_dialog
from meetingdesk.ui.session.bylaw_dialog import BylawDialog, edit_bylaw

from .helpers import ok, warnings_of


def _open(window, qtbot) -> BylawDialog:
    """As the clerk does: 会议 › 选举和表决办法…"""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "会议(&S)")
    action = next(a for a in menu.actions() if a.text() == "选举和表决办法…")
    before = set(window.findChildren(BylawDialog))
    action.trigger()
    (dialog,) = set(window.findChildren(BylawDialog)) - before
    qtbot.waitExposed(dialog)
    return dialog


def test_opens_on_the_demo_settings_with_their_sentences(window, qtbot):
    dialog = _open(window, qtbot)
    assert dialog.windowTitle() == "选举和表决办法"
    assert dialog.rules["revote_rule"].currentText() == "得票多"
    assert dialog.explained["revote_rule"].text() == "以得票多的当选"
    assert dialog.rules["vacancy_rule"].currentText() == "缺额"
    assert dialog.explained["vacancy_rule"].text() == "作缺额处理"
    assert [dialog.marks[k].text() for k in ("yes_mark", "no_mark", "abstain_mark")] == ["○", "×", ""]
    assert dialog.marks["abstain_mark"].placeholderText() == "（不作任何标记）"
    assert dialog.marks_preview.text() == "赞成的画“○”，反对的画“×”，弃权的不作任何标记。"
    assert list(dialog.articles) == list(TOPICS)
    assert {t: e.text() for t, e in dialog.articles.items()} == SEED.articles
    dialog.reject()


def test_the_sentence_follows_the_rule_chosen(window, qtbot):
    dialog = _open(window, qtbot)
    dialog.rules["revote_rule"].setCurrentIndex(dialog.rules["revote_rule"].findData("过半数"))
    assert dialog.explained["revote_rule"].text() == "仍须获得全体代表的过半数赞成票始得当选"
    dialog.rules["vacancy_rule"].setCurrentIndex(dialog.rules["vacancy_rule"].findData("另行选举"))
    assert dialog.explained["vacancy_rule"].text() == "就不足的名额另行选举"
    dialog.marks["yes_mark"].setText("√")
    assert dialog.marks_preview.text().startswith("赞成的画“√”")
    dialog.reject()
    assert session.bylaw() == SEED  # cancelled: nothing written


def test_change_save_reopen_and_undo(window, qtbot):
    dialog = _open(window, qtbot)
    dialog.rules["revote_rule"].setCurrentIndex(dialog.rules["revote_rule"].findData("过半数"))
    dialog.rules["vacancy_rule"].setCurrentIndex(dialog.rules["vacancy_rule"].findData("另行选举"))
    dialog.marks["yes_mark"].setText("√")
    dialog.marks["abstain_mark"].setText("△")
    dialog.articles["标记"].setText(" 第十二条 ")
    dialog.articles["预选"].setText("")
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    saved = session.bylaw()
    assert (saved.revote_rule, saved.vacancy_rule) == ("过半数", "另行选举")
    assert (saved.yes_mark, saved.no_mark, saved.abstain_mark) == ("√", "×", "△")
    assert saved.cite("标记") == "（办法第十二条）" and saved.cite("预选") == ""

    again = _open(window, qtbot)
    assert again.rules["revote_rule"].currentData() == "过半数"
    assert again.explained["vacancy_rule"].text() == "就不足的名额另行选举"
    assert again.marks["yes_mark"].text() == "√" and again.marks["abstain_mark"].text() == "△"
    assert again.articles["标记"].text() == "第十二条" and again.articles["预选"].text() == ""
    again.reject()

    assert window.undo_action.text() == "撤销 修改选举和表决办法"
    window.undo_action.trigger()
    assert session.bylaw() == SEED
    window.redo_action.trigger()
    assert session.bylaw() == saved


def test_an_unchanged_save_pushes_nothing(window, qtbot):
    dialog = _open(window, qtbot)
    ok(qtbot, dialog)
    assert not dialog.isVisible() and not window.undo_stack.canUndo()


@pytest.mark.parametrize("key, text, message", [
    ("yes_mark", "画圈表示", "选票标记“画圈表示”应是一个符号"),
    ("no_mark", " ×", "选票标记“ ×”应是一个符号"),
    ("no_mark", "○", "赞成、反对、弃权的标记必须各不相同"),
])
def test_a_bad_mark_is_refused_at_its_field_and_the_input_kept(window, qtbot, key, text, message):
    dialog = _open(window, qtbot)
    dialog.rules["revote_rule"].setCurrentIndex(dialog.rules["revote_rule"].findData("过半数"))
    dialog.marks[key].setText(text)
    ok(qtbot, dialog)
    assert dialog.isVisible()
    shown_at = "yes_mark" if "各不相同" in message else key  # the service names the field at fault
    assert message in dialog.error_text(shown_at)
    assert dialog.marks[key].text() == text  # nothing the clerk typed is lost
    assert dialog.rules["revote_rule"].currentData() == "过半数"
    assert session.bylaw() == SEED and not window.undo_stack.canUndo()
    dialog.marks[key].setText({"yes_mark": "√", "no_mark": "╳"}[key])  # corrected, it saves
    ok(qtbot, dialog)
    assert not dialog.isVisible() and session.bylaw().revote_rule == "过半数"


def test_a_bad_article_is_refused_under_the_articles(window, qtbot):
    dialog = _open(window, qtbot)
    dialog.articles["当选"].setText("十五")
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "当选、通过、再次投票和缺额的条款应写成“第十五条”的样子，现为“十五”" in dialog.error_text("articles")
    assert dialog.focusWidget() is dialog.articles["当选"]
    assert dialog.articles["当选"].text() == "十五" and session.bylaw() == SEED
    dialog.reject()


def test_fits_a_1366_by_768_screen_even_with_an_error_shown(window, qtbot):
    dialog = _open(window, qtbot)
    hint = dialog.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700  # room left for the title bar and the taskbar
    dialog.articles["当选"].setText("十五")
    ok(qtbot, dialog)
    assert dialog.sizeHint().height() <= 700 and dialog.height() <= 700
    dialog.reject()


def test_without_a_session_the_menu_says_so(qtbot, monkeypatch):
    session.close_session()
    messages = warnings_of(monkeypatch, bylaw_dialog)
    assert edit_bylaw(None) is None
    assert messages and "还没有打开会议文件" in messages[0]

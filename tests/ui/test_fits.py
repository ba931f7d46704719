"""Every window and dialog of meetingdesk.ui fits a 1,366 × 768 laptop: 1,366 × 700 once the
taskbar and the title bar (68 px) are taken off. Each is built as the program builds it, on the
demo session, and its size, sizeHint and minimumSizeHint are checked; the main window with each
of its pages. A QDialog or QMainWindow subclass that this file does not build fails
test_every_dialog_is_covered, so a new dialog is measured from its first day."""
from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

import meetingdesk.ui
from meetingdesk import printing
from meetingdesk.services import (
    attendance, counting, elections, motions, presidium, roster, schedule, seating, session, settings, voting,
)

WIDTH, HEIGHT = 1366, 768 - 68
NOW = dt.datetime(2023, 12, 21, 9, 0)  # the demo session's second day

# Base classes, never opened themselves.
BASES = {"common.dialogs.CheckedDialog", "common.import_preview.ImportPreviewDialog"}


def _class(name: str) -> type:
    module, _, cls = name.rpartition(".")
    return getattr(importlib.import_module(f"meetingdesk.ui.{module}"), cls)


def _plenaries():
    return [m for m in schedule.list_meetings() if m.kind == "全体会议"]


def _meeting():
    """The first plenary (its roll: all 210 delegates)."""
    return _plenaries()[0]


def _largest_delegation():
    return max(roster.list_delegations(), key=lambda d: d.counts.get("代表", 0))


def _election():
    """The election with the most candidates (the 常委会委员)."""
    return max(elections.list_elections(), key=lambda e: len(e.candidates))


def _nomination():
    return max((n for e in elections.list_elections() for n in e.nominations),
               key=lambda n: len(n.active_nominees))


def _motion():
    """The motion with the most signers."""
    return max(motions.list_motions(), key=lambda m: len(m.signers))


def _by_election_member():
    return next(m for m in roster.list_members(role="代表") if m.start_reason == "补选")


def _poll():
    """A poll of every election and item, as 新建投票 proposes it."""
    poll_id = counting.create_poll("第三次全体会议选举和表决", [e.election_id for e in elections.list_elections()],
                                   [i.item_id for i in voting.list_vote_items()], meeting_id=_meeting().meeting_id)
    return counting.get_poll(poll_id)


def _correction(cls):
    poll = _poll()
    return cls(poll, {pe.poll_election_id: True for pe in poll.elections}, voting.list_boxes(),
               lambda box_id: counting.entered(poll.poll_id, box_id, 1))


def _further_round(cls):
    election = _election()
    ranked = [(c.person_id, c.name, 60) for c in election.candidates]
    return cls([(e.election_id, e.office) for e in elections.list_elections()],
               lambda election_id: (2, ranked), counting.further_round_least)


def _tick(cls):
    meeting = _meeting()
    teams = [(d.delegation_id, d.name) for d in roster.list_delegations()]
    return cls(teams, lambda did: attendance.roll(meeting.meeting_id, role="代表", delegation_id=did),
               meeting.name, _largest_delegation().delegation_id)


def _prior(cls):
    from meetingdesk.ui.attendance.dialogs import earlier_session

    info = session.session_info()
    choices = [(m.person_id, f"{m.display}（{m.delegation}）") for m in roster.list_members(role="代表")]
    return cls(choices, earlier_session(info.term, info.number))


def _member_new(cls):
    return cls(roster.delegation_choices(), delegation_id=_largest_delegation().delegation_id)


def _member_by_election(cls):
    return cls(roster.delegation_choices(), row=_by_election_member())


def _end(cls):
    office = presidium.list_offices()[0]
    row = next(m for m in roster.list_members(include_ended=True) if m.person_id == office.person_id)
    return cls(row, [f"{o.body}{o.title}" for o in presidium.list_offices() if o.person_id == row.person_id]
               or [f"{office.body}{office.title}"])


def _delegation(cls):
    team = _largest_delegation()
    return cls(team, roster.list_members(team.delegation_id, role="代表"))


def _split(cls):
    return cls(len(presidium.list_presidium()), max(1, len(presidium.list_groups())),
               len(schedule.meeting_choices("全体会议")))


def _changes(cls):
    from meetingdesk.ui.session.changes_dialog import KEY

    return cls(settings.get(KEY))


def _new_poll(cls):
    return cls(elections.list_elections(), voting.list_vote_items(), _plenaries(), _meeting().meeting_id)


def _deadline(kind: str) -> dt.datetime | None:
    found = motions.get_deadline(kind)
    return found.at if found else None


def _withdraw_nominee(cls):
    nomination = _nomination()
    election = elections.get_election(nomination.election_id)
    return cls(election, NOW, (nomination.nomination_id, nomination.active_nominees[0].person_id))


def _review(cls):
    row = _motion()
    return cls(row, [r for r in motions.list_motions() if r.withdrawn_at is None and r.merged_into_id is None])


def _handling(cls):
    rows = motions.list_motions()
    return cls(_motion(), sorted({u.unit for r in rows for u in r.units}), NOW.date())


def _picker(cls):
    return cls("添加副秘书长", presidium.person_choices())


def _text(cls):
    agenda = schedule.list_agenda()
    longest = max((a.text for a in agenda), key=len, default="")
    return cls("修改议程", "内容", longest, "")


def _hall(cls):
    """The demo's hall as set, and a new hall as the dialog first proposes it."""
    counts = dict(session.session_info().counts)
    return [cls(seating.get_hall(), counts), cls(None, counts)]


def _podium(cls):
    meeting = _meeting()
    return cls(meeting.name, seating.podium(meeting.meeting_id), seating.podium_choices())


def _suggestion():
    """The demo's suggestion with the most units (and replies): the longest handling."""
    from meetingdesk.services import suggestions

    rows = suggestions.list_suggestions()
    return max(rows, key=lambda r: (len(r.assignments), sum(len(a.replies) for a in r.assignments)))


def _suggestion_dialog(cls):
    from meetingdesk.services import suggestions

    fields = suggestions.list_fields()
    between = next(r for r in suggestions.list_suggestions() if r.period == "闭会期间")
    return [cls(fields, NOW.date()), cls(fields, NOW.date(), _suggestion()), cls(fields, NOW.date(), between)]


def _assign(cls):
    from meetingdesk.services import suggestions

    units, defaults = suggestions.list_units(), suggestions.due_defaults()
    return [cls([_suggestion()], units, defaults, NOW.date()),
            cls(suggestions.list_suggestions(), units, defaults, NOW.date())]


def _reply(cls):
    row = _suggestion()
    return cls(row, row.assignments[0], NOW.date())


def _rate(cls):
    from meetingdesk.services import suggestions

    row = _suggestion()
    a = row.assignments[0]
    return cls(row, a, a.replies[-1], suggestions.due_defaults(), NOW.date())


def _suggestion_lists(cls):
    return [cls("unit", lambda command: None), cls("field", lambda command: None)]


def _due_defaults(cls):
    from meetingdesk.services import suggestions

    return cls(suggestions.due_defaults())


def _fields(cls):
    from meetingdesk.services import suggestions

    return cls(suggestions.list_suggestions(), suggestions.list_fields())


# Each dialog as the program opens it (the call in its page or window), on the demo session.
# A list: the dialog in each of its shapes (new or editing, a field shown only for 补选 …).
FACTORIES: dict[str, Callable[[type], QWidget | list[QWidget]]] = {
    "attendance.dialogs.LeaveDialog": lambda cls: cls(attendance.roll(_meeting().meeting_id), _meeting().name),
    "attendance.dialogs.TimeDialog": lambda cls: cls(attendance.roll(_meeting().meeting_id), "迟到",
                                                     _meeting().name, "09:10"),
    "attendance.dialogs.TickDialog": _tick,
    "attendance.dialogs.PriorDialog": _prior,
    "common.about.AboutDialog": lambda cls: cls(),
    "common.backups_dialog.BackupsDialog": lambda cls: cls(None, readonly=False),
    "session.bylaw_dialog.BylawDialog": lambda cls: cls(session.bylaw()),
    "session.carry_dialog.CarryDialog": lambda cls: cls(None, session.current_path()),
    "presidium.chair_groups.SplitDialog": _split,
    "session.changes_dialog.ChangesDialog": _changes,
    "session.connect_dialog.ConnectDialog": lambda cls: cls(),
    "counting.dialogs.NewPollDialog": _new_poll,
    "counting.dialogs.CorrectionDialog": _correction,
    "counting.dialogs.FurtherRoundDialog": _further_round,
    "counting.setup.BoxDialog": lambda cls: [cls(), cls(voting.list_boxes()[0])],
    "counting.setup.ItemDialog": lambda cls: [cls(), cls(voting.list_vote_items()[0], [])],
    "counting.setup.CountingSetupDialog": lambda cls: cls(None),
    "motions.deadlines.DeadlineDialog": lambda cls: cls(NOW),
    "roster.dialogs.MemberDialog": lambda cls: [_member_new(cls), _member_by_election(cls)],
    "roster.dialogs.EndDialog": _end,
    "roster.dialogs.DelegationDialog": _delegation,
    "roster.dialogs.NewDelegationDialog": lambda cls: cls(),
    "session.dialogs.SessionDialog": lambda cls: [cls(), cls(session.session_info())],
    "elections.dialogs.ElectionDialog": lambda cls: [cls(), cls(_election())],
    "elections.dialogs.OutsidePersonDialog": lambda cls: cls(),
    "elections.dialogs.NominationDialog": lambda cls: cls(_election(), NOW, _deadline("提名")),
    "elections.dialogs.WithdrawNomineeDialog": _withdraw_nominee,
    "elections.dialogs.WithdrawNominationDialog": lambda cls: cls(_nomination(), NOW),
    "elections.dialogs.FixListDialog": lambda cls: cls(_election(), NOW.date()),
    "roster.import_dialog.ImportDialog": lambda cls: cls(),
    "schedule.meeting_dialog.MeetingDialog": lambda cls: [
        cls(presidium.person_choices(), date=_meeting().date),
        cls(presidium.person_choices(), row=_meeting())],
    "schedule.meeting_dialog.TextDialog": _text,
    "motions.dialogs.MotionDialog": lambda cls: [cls(NOW, _deadline("议案")),
                                                cls(NOW, _deadline("议案"), row=_motion())],
    "motions.dialogs.WithdrawDialog": lambda cls: cls(_motion(), NOW),
    "motions.dialogs.ReviewDialog": _review,
    "motions.dialogs.HandlingDialog": _handling,
    "motions.carried.CarriedDialog": lambda cls: [cls(11, 3), cls(11, 3, motions.list_carried()[0])],
    "elections.signing.GroupWordingDialog": lambda cls: cls(_election()),
    "elections.signing.PreScrutineersDialog": lambda cls: cls(),
    "presidium.officers.OutsidePersonDialog": lambda cls: cls(),
    "presidium.offices.OfficeDialog": lambda cls: cls(),
    "common.pickers.PickerDialog": _picker,
    "elections.preliminary_dialog.PreliminaryDialog": lambda cls: cls(_election().election_id, _election().office,
                                                            lambda: NOW),
    "presidium.members.AddPresidiumDialog": lambda cls: cls(),
    "presidium.members.CategoryDialog": lambda cls: cls(presidium.list_presidium()[0]),
    "presidium.members.ProposalsDialog": lambda cls: cls(),
    "common.print_preview.PrintPreviewDialog": lambda cls: [cls(kind, {}) for kind, _title in printing.kinds()],
    "common.problems.ProblemsDialog": lambda cls: cls(),
    "seating.dialogs.HallDialog": _hall,
    "seating.dialogs.PodiumDialog": _podium,
    "suggestions.dialogs.SuggestionDialog": _suggestion_dialog,
    "suggestions.dialogs.ScreenDialog": lambda cls: cls(_suggestion()),
    "suggestions.dialogs.FieldDialog": _fields,
    "suggestions.dialogs.KeyDialog": lambda cls: cls(_suggestion()),
    "suggestions.dialogs.AssignDialog": _assign,
    "suggestions.dialogs.ReplyDialog": _reply,
    "suggestions.dialogs.RateDialog": _rate,
    "suggestions.dialogs.DueDefaultsDialog": _due_defaults,
    "suggestions.dialogs.ListDialog": _suggestion_lists,
    "suggestions.exchange.ReplyImportDialog": lambda cls: cls(),
}
WINDOWS = {"main_window.MainWindow"}  # built with the session file: test_the_main_window_fits…

# Too large in the committed code of other areas, mended in work not yet in: each is expected to
# fail until the mending lands (then it shows as XPASS: take its line out).
KNOWN_MISFITS: dict[str, str] = {}


def ui_windows() -> set[str]:
    """Every QDialog and QMainWindow subclass defined in meetingdesk.ui, as module.Class."""
    found = set()
    for info in pkgutil.walk_packages(meetingdesk.ui.__path__, "meetingdesk.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, (QDialog, QMainWindow)):
                found.add(f"{module.__name__.removeprefix('meetingdesk.ui.')}.{cls.__qualname__}")
    return found


def test_every_dialog_is_covered():
    found = ui_windows()
    missing = found - set(FACTORIES) - WINDOWS - BASES
    assert not missing, f"add these to FACTORIES in {__name__} (built as the program builds them): {sorted(missing)}"
    gone = (set(FACTORIES) | WINDOWS | BASES) - found
    assert not gone, f"these no longer exist; take them out of {__name__}: {sorted(gone)}"


def misfits(widget: QWidget) -> list[str]:
    """What of WIDGET (shown) is wider than 1,366 or taller than 700 px."""
    QApplication.processEvents()
    widget.layout() and widget.layout().activate()
    sizes = {"size": widget.size(), "sizeHint": widget.sizeHint(),
             "minimumSizeHint": widget.minimumSizeHint(), "minimumSize": widget.minimumSize()}
    return [f"{what} {s.width()}×{s.height()}" for what, s in sizes.items()
            if s.isValid() and (s.width() > WIDTH or s.height() > HEIGHT)]


def _label(widget: QWidget) -> str:
    kind = getattr(widget, "kind", None)  # the print preview: which paper
    return f"{type(widget).__name__}（{widget.windowTitle()}{'：' + kind if isinstance(kind, str) else ''}）"


@pytest.fixture(autouse=True)
def as_the_program_starts(qapp):
    """Measured in the program's own font (the bundled CJK one, as ui.app installs it: without it
    the test machine draws Chinese in whatever it has, of other widths) and Qt's Chinese texts."""
    from meetingdesk.ui.common import translations
    from meetingdesk.ui.common.fonts import install_font

    before = qapp.font()
    install_font(qapp)
    translations.install(qapp)
    yield
    translations.uninstall(qapp)
    qapp.setFont(before)


def _cases() -> list:
    return [pytest.param(name, id=name, marks=[pytest.mark.xfail(strict=False, reason=KNOWN_MISFITS[name])]
                         if name in KNOWN_MISFITS else [])
            for name in sorted(FACTORIES)]


@pytest.mark.parametrize("name", _cases())
def test_the_dialog_fits_the_laptop(name, qtbot, demo_session):
    built = FACTORIES[name](_class(name))
    problems = []
    for dialog in built if isinstance(built, list) else [built]:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        wrong = misfits(dialog)
        if wrong:
            problems.append(f"{_label(dialog)}: {', '.join(wrong)}")
        dialog.close()
    assert not problems, f"larger than {WIDTH} × {HEIGHT}: " + "; ".join(problems)


def test_the_main_window_fits_with_each_page(qtbot, demo_file):
    """Its size and least size with each page. Not its sizeHint: the window never opens at it
    (maximised, or at the geometry the clerk left it in), and the pages' hints add up past 700."""
    from meetingdesk.ui.main_window import MainWindow

    window = MainWindow(demo_file)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    problems = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        wrong = [text for text in misfits(window) if not text.startswith("sizeHint")]
        if wrong:
            problems.append(f"{window.nav.item(row).text()}: {', '.join(wrong)}")
    window.close()
    session.close_session()
    assert not problems, f"the main window is larger than {WIDTH} × {HEIGHT} with the page " + "; ".join(problems)


def test_a_window_larger_than_the_screen_is_fitted_to_it(qtbot):
    from meetingdesk.ui.common import recent

    widget = QWidget()
    qtbot.addWidget(widget)
    area = recent.available(widget)
    widget.resize(area.width() + 300, area.height() + 200)
    widget.move(area.right() - 50, area.bottom() - 50)
    recent.fit_to_screen(widget)
    assert widget.width() <= area.width() and widget.height() <= area.height()
    assert area.contains(widget.geometry().topLeft()) and widget.x() + widget.width() <= area.right() + 1
    small = QSize(400, 300)
    widget.resize(small)
    recent.fit_to_screen(widget)
    assert widget.size() == small


def _laptop_window(qtbot, path):
    """The main window on PATH at 1,366 × 700, shown."""
    from meetingdesk.ui.main_window import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_check_in_banner_of_five_thousand_fits_and_still_shows_every_count(qtbot, demo_file):
    """Four-digit counts at the banner's 34 pt would ask for 1,385 px: the line takes smaller type
    (then wraps) and the 到会 page, in the window at 1,366 px, shows every figure whole."""
    import dataclasses

    from PySide6.QtGui import QFontMetrics

    from meetingdesk.ui.attendance.desk import SMALLEST_BANNER_PT
    window = _laptop_window(qtbot, demo_file)
    page = window.attendance_page
    window.nav.setCurrentRow(window.pages.indexOf(page))
    big = dataclasses.replace(attendance.counts(3), expected=4998, present=3333, leave=1234, absent=0, unchecked=1431, need=3333)
    page.banner.show_counts(big, "全体会议")
    QApplication.processEvents()
    label = page.banner.counts
    assert "应到 4998 人" in label.text() and "未签到 1431 人" in label.text()
    wrong = [text for text in misfits(window) if not text.startswith("sizeHint")]  # as above
    assert not wrong, wrong
    assert label.width() <= WIDTH
    font = label.font()
    one_line = QFontMetrics(font).horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert one_line or font.pointSize() == SMALLEST_BANNER_PT  # else wrapped, in the smallest type
    window.close()
    session.close_session()


def test_the_roll_shows_every_column_at_1366_with_a_long_delegation_and_a_long_name(qtbot, demo_file):
    """A long delegation name and a long name are elided (whole on hover): 到会情况 and the card
    number stay on screen, without scrolling sideways."""
    from meetingdesk.services import roster
    from meetingdesk.ui.attendance.models import RollModel

    session.open_session(demo_file)
    team = roster.add_delegation("新疆维吾尔自治区伊犁哈萨克自治州代表团")
    roster.add_member(roster.MemberInput("阿卜杜热合曼·买买提依明·艾则孜·阿不都", "男", delegation_id=team))
    session.close_session()
    window = _laptop_window(qtbot, demo_file)
    page = window.attendance_page
    window.nav.setCurrentRow(window.pages.indexOf(page))
    QApplication.processEvents()
    view = page.desk_tab.view
    header = view.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(header.count()))
    assert used <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    # a leave with its reason and approver reads whole: 请假（因公出差，秘书长批准）
    assert header.sectionSize(RollModel.STATUS) >= view.fontMetrics().horizontalAdvance("请假（因公出差，秘书长批准）")
    window.close()
    session.close_session()


def test_the_roster_shows_every_column_at_1366_with_a_long_delegation(qtbot, demo_file):
    """中国人民解放军和中国人民武装警察部队代表团 is elided in the members table, whole on hover,
    and no column is pushed off the screen."""
    from PySide6.QtCore import Qt

    from meetingdesk.services import roster
    from meetingdesk.ui.roster.models import MembersModel

    session.open_session(demo_file)
    long_name = "中国人民解放军和中国人民武装警察部队代表团"
    team = roster.add_delegation(long_name)
    roster.add_member(roster.MemberInput("丁一", "男", delegation_id=team, work_title="某某集团有限公司党委书记、董事长、总经理"))
    session.close_session()
    window = _laptop_window(qtbot, demo_file)
    QApplication.processEvents()
    page = window.roster_page
    page.filter.setText("丁一")
    QApplication.processEvents()
    view = page.member_view
    header = view.horizontalHeader()
    assert not view.horizontalScrollBar().isVisible()
    assert sum(header.sectionSize(c) for c in range(header.count())) <= view.viewport().width()
    row = next(r for r in range(page.members.rowCount())
               if page.members.index(r, MembersModel.DELEGATION).data() == long_name)
    assert page.members.index(row, MembersModel.DELEGATION).data(Qt.ItemDataRole.ToolTipRole) == long_name
    window.close()
    session.close_session()


def test_no_column_of_any_page_is_narrower_than_qt_measures_its_texts(qtbot, demo_file):
    """The columns are fitted by views.fit_columns (once per change of rows), not by Qt at every
    layout: on every page of the demo each fitted column is at least as wide as Qt's own measure
    of the rows on screen (ResizeToContents), up to the column's largest size, so no text is cut
    that Qt would have shown whole. (The roll, the log and the suggestions size their columns
    from samples, not from the rows: not fitted.)"""
    from PySide6.QtWidgets import QHeaderView, QTableView

    from meetingdesk.ui.common.views import _ColumnFitter

    window = _laptop_window(qtbot, demo_file)
    checked = 0
    for i in range(window.nav.count()):
        window.nav.setCurrentRow(i)
        QApplication.processEvents()
        for view in window.pages.currentWidget().findChildren(QTableView):
            if not view.isVisible() or view.findChild(_ColumnFitter) is None:
                continue
            header = view.horizontalHeader()
            header.setResizeContentsPrecision(0)  # Qt measures the rows on screen, as the fit does
            last = max(c for c in range(header.count()) if not header.isSectionHidden(c))
            for c in range(header.count()):
                if (header.isSectionHidden(c) or c == last
                        or header.sectionResizeMode(c) != QHeaderView.ResizeMode.Interactive):
                    continue
                wanted = min(view.sizeHintForColumn(c), header.maximumSectionSize())
                assert header.sectionSize(c) >= wanted, (i, type(view.model()).__name__, c)
                checked += 1
    assert checked > 40
    window.close()
    session.close_session()

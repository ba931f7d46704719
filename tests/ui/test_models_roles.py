"""A model that names the roles its extra() answers (EXTRA_ROLES) is asked for no other: it must
name every role extra() answers for any row and column, or a colour or a tooltip would be lost."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from meetingdesk.services import attendance, roster
from meetingdesk.ui.attendance.models import RollModel
from meetingdesk.ui.common.models import RowsModel
from meetingdesk.ui.roster.models import DelegationsModel, MembersModel

ROLES = [Qt.ItemDataRole(r) for r in range(0, 16)]


def _answered(model: RowsModel) -> set:
    found = set()
    for r in range(model.rowCount()):
        row = model.row_at(r)
        for c in range(model.columnCount()):
            for role in ROLES:
                if model.extra(row, c, role) is not None:
                    found.add(role)
    return found


def test_every_role_extra_answers_is_named(demo_session, qtbot):
    ended = roster.list_members(include_ended=True)
    members = MembersModel()
    members.set_rows(ended)  # serving and ended: the grey of an ended mandate
    delegations = DelegationsModel()
    delegations.set_rows(roster.list_delegations())
    roll = RollModel()
    rows = attendance.roll(3)
    attendance.check_in(3, rows[0].member_id, now=dt.datetime(2023, 12, 21, 8, 10))
    roll.update(attendance.roll(3))
    for model in (members, delegations, roll):
        assert model.EXTRA_ROLES is not None
        answered = _answered(model)
        assert answered and answered <= model.EXTRA_ROLES, (type(model).__name__, answered - model.EXTRA_ROLES)
        # and data() gives them through
        role = next(iter(answered))
        assert any(model.index(r, c).data(role) is not None
                   for r in range(model.rowCount()) for c in range(model.columnCount()))


def test_a_column_computed_in_one_pass_sorts_as_its_sort_values(demo_session, qtbot):
    """MembersModel computes the 身份 column's keys in one pass (the roster opens sorted by it):
    they must be the keys sort_value gives, or an edit in place (which compares them) would
    misjudge whether a row moved; and the rank column shows the rows as the service gave them."""
    from meetingdesk.ui.common.models import FilteredRowsModel, _sortable

    members = MembersModel()
    members.set_rows(roster.list_members(include_ended=True))
    rows = members.all_rows()
    for column in range(members.columnCount()):
        assert members.column_keys(column) == FilteredRowsModel.column_keys(members, column), column
    members.sort(MembersModel.ROLE)
    shown = [members.row_at(i) for i in range(members.rowCount())]
    assert shown == sorted(rows, key=lambda r: _sortable(members.sort_value(rows.index(r), r, MembersModel.ROLE)))
    members.sort(MembersModel.NAME, Qt.SortOrder.DescendingOrder)
    assert [members.row_at(i) for i in range(members.rowCount())] == rows[::-1]
    members.sort(MembersModel.NAME)
    assert [members.row_at(i) for i in range(members.rowCount())] == rows

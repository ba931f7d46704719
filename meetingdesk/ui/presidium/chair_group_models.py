"""The lists of the 执行主席分组 tab as models, and what the tab says is wrong with the groups.

A drop never lets Qt move rows itself: the target model asks the presidium service to
place (or remove) the member, then emits `moved`, and the page re-reads everything.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QListView

from meetingdesk.services import ServiceError, presidium, presidium_checks
from meetingdesk.services.presidium import GroupRow, PresidiumRow
from meetingdesk.services.problem import ERROR, NOTICE, Problem
from meetingdesk.ui.common.models import ROW_ROLE
from meetingdesk.ui.common.views import RED
from meetingdesk.ui.presidium.members import group_name

MIME_TYPE = "application/x-meetingdesk-presidium-member"
STANDING_MARK = "★"
HOST_MARK = "〔主持人〕"
GROUPS_WHERE = "执行主席分组"  # the `where` of the session check's problems about the groups


def encode_members(items: list[tuple[int, int | None]]) -> QMimeData:
    """(presidium_id, source group id or None) of each dragged member."""
    data = QMimeData()
    data.setData(MIME_TYPE, QByteArray(json.dumps(items).encode()))
    return data


def decode_members(data: QMimeData) -> list[tuple[int, int | None]]:
    if not data.hasFormat(MIME_TYPE):
        return []
    try:
        return [(int(pid), None if src is None else int(src))
                for pid, src in json.loads(bytes(data.data(MIME_TYPE).data()).decode())]
    except (ValueError, TypeError):
        return []


class GroupMembersModel(QAbstractListModel):
    """The members of one group in group order; GROUP_ID None lists the members in no group."""

    moved = Signal()  # a drop was carried out: re-read everything
    failed = Signal(str)  # a drop the services refused, in Chinese

    def __init__(self, group_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.group_id = group_id
        self.host_id: int | None = None
        self._rows: list[PresidiumRow] = []

    def set_group(self, group_id: int | None, rows: list[PresidiumRow], host_id: int | None = None) -> None:
        self.beginResetModel()
        self.group_id, self._rows, self.host_id = group_id, list(rows), host_id
        self.endResetModel()

    def rows(self) -> list[PresidiumRow]:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        host = row.presidium_id == self.host_id and self.group_id is not None
        if role == Qt.ItemDataRole.DisplayRole:
            mark = STANDING_MARK if row.standing else "　"
            return f"{mark} {row.display}" + (f"　{HOST_MARK}" if host else "")
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            facts = [row.delegation, f"组成方面：{row.category}"]
            facts += ["常务主席"] * row.standing + ["大会主持人"] * host
            return f"{row.display}\n" + "\n".join(facts)
        if role == Qt.ItemDataRole.FontRole and host:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and host:
            return QBrush(QColor("#fff3c4"))
        if role == Qt.ItemDataRole.ForegroundRole and not row.serving:
            return QBrush(QColor(RED))
        return None

    # ------------------------------------------------------------ drag and drop

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_members([(self._rows[r].presidium_id, self.group_id) for r in rows])

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        items = decode_members(data)
        if self.group_id is None:  # only members coming out of a group can go back to 未分组
            return any(src is not None for _, src in items)
        return bool(items)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        items = decode_members(data)
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        try:
            if self.group_id is None:
                for pid, src in items:
                    if src is not None:
                        presidium.remove_from_group(pid, src)
            else:
                self._place(items, row)
        except ServiceError as exc:
            self.moved.emit()  # some of several may have moved already
            self.failed.emit(exc.message)
            return False
        self.moved.emit()
        # True, yet no row vanishes: removeRows keeps Qt's default (refuse), and the refresh
        # behind `moved` has already shown the services' result in every list.
        return True

    def _place(self, items: list[tuple[int, int | None]], row: int) -> None:
        """Put the dragged members one after another at ROW, in the order they were dragged."""
        index = row
        for pid, src in items:
            presidium.place_in_group(pid, self.group_id, from_group_id=src, index=index)
            placed = [m.presidium_id for m in presidium.get_group(self.group_id).members]
            index = placed.index(pid) + 1


def member_list(model: GroupMembersModel) -> QListView:
    """A list the members can be dragged out of and dropped into (between rows)."""
    view = QListView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)
    view.setDragDropOverwriteMode(False)
    return view


def group_problems(groups: list[GroupRow], members: list[PresidiumRow],
                   plenaries: list[tuple[int, str]]) -> list[Problem]:
    """What is wrong with the grouping, read on every drop.

    The session check (services.presidium_checks) says the same, but only as part of a
    check of every officer list that takes a fifth of a second: too slow for a drop.
    """
    def problem(severity: str, message: str) -> Problem:
        return Problem(severity, presidium_checks.AREA, GROUPS_WHERE, message)

    where: dict[int, list[int]] = {}
    for g in groups:
        for m in g.members:
            where.setdefault(m.presidium_id, []).append(g.position)
    found = []
    missing = [m.display for m in members if m.presidium_id not in where]
    if missing and groups:
        found.append(problem(ERROR, f"{len(missing)} 位主席团成员不在任何组：{'、'.join(missing)}。"))
    for m in members:
        if len(where.get(m.presidium_id, [])) > 1:
            found.append(problem(ERROR, f"{m.display}同时在{'、'.join(map(group_name, where[m.presidium_id]))}。"))
    for g in groups:
        name = group_name(g.position)
        if not g.members:
            found.append(problem(ERROR, f"{name}没有成员。"))  # and so no host: one line says both
        elif g.host_id is None:
            found.append(problem(ERROR, f"{name}没有大会主持人。"))
        elif g.host is None:
            found.append(problem(ERROR, f"{name}的大会主持人不在本组。"))
        elif not g.host.standing:
            found.append(problem(NOTICE, f"{name}的大会主持人{g.host.display}不是常务主席（通常由常务主席主持）。"))
        if g.meeting_id is None:
            found.append(problem(NOTICE, f"{name}没有指定主持哪次全体会议。"))
    linked = {g.meeting_id for g in groups}
    found += [problem(ERROR, f"{label}没有执行主席组。") for mid, label in plenaries if mid not in linked]
    return found

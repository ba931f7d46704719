"""主席团成员 tab: the members in stroke order, adding, category, removal, and the rule's proposals."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules.numerals import chinese_number
from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, presidium, roster
from meetingdesk.services.presidium import PresidiumRow, Proposal
from meetingdesk.store import PRESIDIUM_CATEGORIES
from meetingdesk.ui.common import views
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.models import RowsModel
from meetingdesk.ui.common.pickers import PickerDialog
from meetingdesk.ui.common.views import RED, current_row, open_adding, select_row, sort_proxy, table_view

CATEGORY_ORDER = {c: i for i, c in enumerate(PRESIDIUM_CATEGORIES)}


def group_name(position: int) -> str:
    """第一组, 第二组 … as the 执行主席分组 paper names them."""
    return f"第{chinese_number(position + 1)}组"


class PresidiumModel(RowsModel):
    NAME, DELEGATION, CATEGORY, STANDING, GROUPS, STATUS = range(6)
    headers = ("姓名", "代表团", "组成方面", "常务主席", "执行主席组", "状态")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: dict[int, list[int]] = {}  # presidium id -> group positions
        self._delegation_order: dict[str, int] = {}

    def set_data(self, rows: list[PresidiumRow], groups: dict[int, list[int]],
                 delegation_order: dict[str, int]) -> None:
        self._groups = groups
        self._delegation_order = delegation_order
        self.set_rows(rows)

    def text(self, row: PresidiumRow, column: int) -> str:
        groups = "、".join(group_name(p) for p in self._groups.get(row.presidium_id, []))
        return [row.display, row.delegation, row.category, "✓" if row.standing else "", groups,
                "在任" if row.serving else "已终止"][column]

    def sort_value(self, position: int, row: PresidiumRow, column: int):
        # Rows arrive in stroke order, so POSITION is the stroke rank; it breaks every tie.
        major = {
            self.NAME: 0,
            self.DELEGATION: self._delegation_order.get(row.delegation, 999),
            self.CATEGORY: CATEGORY_ORDER.get(row.category, 99),
            self.STANDING: 0 if row.standing else 1,
            self.GROUPS: min(self._groups.get(row.presidium_id, [99])),
            self.STATUS: 0 if row.serving else 1,
        }[column]
        return major * 10000 + position

    def filter_text(self, row: PresidiumRow) -> str:
        return f"{row.name} {row.note} {row.delegation} {row.category}"

    def extra(self, row: PresidiumRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS and not row.serving:
            return QBrush(QColor(RED))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.STANDING:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def index_of(self, presidium_id: int) -> QModelIndex:
        return self.index_by("presidium_id", presidium_id)


class AddPresidiumDialog(PickerDialog):
    """A serving delegate not yet on the presidium, and the side they come from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        on = {r.member_id for r in presidium.list_presidium()}
        choices = [(m.member_id, f"{m.display}（{m.delegation}）")
                   for m in roster.list_members(role=Role.DELEGATE) if m.member_id not in on]
        super().__init__("添加主席团成员", choices, key="member", label="在任代表", parent=parent)
        self.category = self.add_field("category", "组成方面", QComboBox())
        self.category.addItems(list(PRESIDIUM_CATEGORIES))
        self.category.setCurrentText("其他")
        self.added: int | None = None
        self.submit = self._submit

    def _submit(self) -> None:
        self.added = presidium.add_presidium_member(self.required_id(), self.category.currentText())


class CategoryDialog(CheckedDialog):
    def __init__(self, row: PresidiumRow, parent: QWidget | None = None) -> None:
        super().__init__(f"修改组成方面：{row.display}", parent)
        self.form.addRow(QLabel(f"{row.display}（{row.delegation}）"))
        self.category = self.add_field("category", "组成方面", QComboBox())
        self.category.addItems(list(PRESIDIUM_CATEGORIES))
        self.category.setCurrentText(row.category)
        self.submit = lambda: presidium.set_category(row.presidium_id, self.category.currentText())


class ProposalsModel(RowsModel):
    """The rule's proposals with a check box each (all checked at first)."""

    headers = ("姓名", "代表团", "组成方面", "依据")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.unchecked: set[int] = set()  # member ids the clerk left out

    def text(self, row: Proposal, column: int) -> str:
        return [row.display, row.delegation, row.category, row.reason][column]

    def flags(self, index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def extra(self, row: Proposal, column: int, role: int):
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Unchecked if row.member_id in self.unchecked else Qt.CheckState.Checked
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        member_id = self.row_at(index.row()).member_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.unchecked.discard(member_id)
        else:
            self.unchecked.add(member_id)
        self.dataChanged.emit(index, index, [role])
        return True

    def checked_ids(self) -> list[int]:
        return [r.member_id for r in self._rows if r.member_id not in self.unchecked]


class ProposalsDialog(CheckedDialog):
    """按规则建议: who the customary composition puts on the presidium and is not on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("按规则建议主席团成员", parent)
        self.model = ProposalsModel(self)
        self.model.set_rows(presidium.propose_presidium())
        intro = QLabel()
        intro.setWordWrap(True)
        self.form.addRow(intro)
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        if self.model.rowCount():
            intro.setText("按惯例，区委书记、不在政府和监委任职的区委常委、区人大常委会组成人员、区政协主席"
                          "和各代表团团长是主席团成员。以下在任代表尚未列入（依据“任职”和代表团团长）；"
                          "勾选后点“加入主席团”。")
            self.view = table_view(self.model, sortable=False)
            self.view.setMinimumHeight(240)
            self.form.addRow(self.view)
            ok.setText("加入主席团")
            self.resize(640, 420)
        else:
            intro.setText("按惯例应列入主席团的代表（区委书记、区委常委、区人大常委会组成人员、区政协主席、"
                          "各代表团团长）都已列入，没有需要补充的。")
            ok.hide()
            self.buttons.button(self.buttons.StandardButton.Cancel).setText("关闭")
            self.resize(460, 160)
        self.added = 0
        self.submit = self._submit

    def _submit(self) -> None:
        chosen = self.model.checked_ids()
        if not chosen:
            raise ServiceError("请至少勾选一人。")
        self.added = presidium.add_proposed(chosen)


class MembersTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writable = True  # the page follows this desk's rights
        self.model = PresidiumModel(self)
        self.proxy = sort_proxy(self.model, self)
        self.view = table_view(self.proxy)
        self.view.doubleClicked.connect(self.edit_category)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("按姓名、代表团或组成方面筛选")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.add_button = QPushButton("添加…")
        self.category_button = QPushButton("修改组成方面…")
        self.remove_button = QPushButton("移出主席团")
        self.propose_button = QPushButton("按规则建议…")
        self.add_button.clicked.connect(self.add_member)
        self.category_button.clicked.connect(self.edit_category)
        self.remove_button.clicked.connect(self.remove_member)
        self.propose_button.clicked.connect(self.show_proposals)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch()
        top.addWidget(self.filter, 1)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.category_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.propose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel("以姓名笔画为序；点列标题可按该列排列。双击一行修改组成方面。"))
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)

    def refresh(self) -> None:
        current = self.current()
        rows = presidium.list_presidium()
        groups: dict[int, list[int]] = {}
        for group in presidium.list_groups():
            for m in group.members:
                groups.setdefault(m.presidium_id, []).append(group.position)
        order = {d.name: d.position for d in roster.list_delegations()}
        self.model.set_data(rows, groups, order)
        standing = sum(r.standing for r in rows)
        ended = sum(not r.serving for r in rows)
        text = f"主席团 {len(rows)} 人（常务主席 {standing} 人）"
        if ended:
            text += f"，其中 {ended} 人已终止代表资格"
        self.heading.setText(text)
        missing = len(presidium.propose_presidium())
        self.propose_button.setText(f"按规则建议（{missing} 人未列入）…" if missing else "按规则建议…")
        self.propose_button.setStyleSheet(f"color: {RED}" if missing else "")
        if current is not None:
            self.select(current.presidium_id)
        self._update_buttons()

    def current(self) -> PresidiumRow | None:
        return current_row(self.view)

    def select(self, presidium_id: int) -> bool:
        source = self.model.index_of(presidium_id)
        if not source.isValid():
            return False
        self.filter.clear()
        index = self.proxy.mapFromSource(source)
        select_row(self.view, index)
        self.view.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        self.category_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # Dialogs open window-modal and are returned, so tests can fill them in.

    def add_member(self) -> AddPresidiumDialog:
        return open_adding(self, AddPresidiumDialog(self))

    def edit_category(self) -> CategoryDialog | None:
        row = self.current()
        if row is None or not self.writable:  # a double-click too
            return None
        dialog = CategoryDialog(row, self)
        dialog.accepted.connect(self.changed)
        dialog.open()
        return dialog

    def remove_member(self) -> None:
        row = self.current()
        if row is None:
            return
        held = [k for k in presidium.PRESIDIUM_ROLES
                if any(r.person_id == row.person_id for r in presidium.list_roles(k))]
        also = f"，并不再担任{'、'.join(held)}" if held else ""
        if not views.confirm(self, "移出主席团",
                             f"把 {row.display}（{row.delegation}）移出主席团{also}？\n"
                             "同时从执行主席分组中移出。", "移出"):
            return
        try:
            presidium.remove_presidium_member(row.presidium_id)
        except ServiceError as exc:
            warn(self, "无法移出主席团", exc.message)
            return
        self.changed.emit()

    def show_proposals(self) -> ProposalsDialog:
        dialog = ProposalsDialog(self)
        dialog.accepted.connect(self.changed)
        dialog.open()
        return dialog

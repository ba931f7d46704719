"""职务 tab: the session's officers (秘书长, 副秘书长, 常务主席, review committee, scrutineers), in order."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.services import ServiceError, presidium
from meetingdesk.services.presidium import RoleRow
from meetingdesk.store import SESSION_ROLES
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.models import RowsModel
from meetingdesk.ui.common.pickers import PickerDialog
from meetingdesk.ui.common.views import RED, select_row, table_view

OUTSIDE_KIND = "副秘书长"  # the one role open to people in no delegation


def rule_of(kind: str) -> str:
    """What the role demands, as the clerk needs to know it."""
    parts = []
    if kind in presidium.PRESIDIUM_ROLES:
        parts.append("须是主席团成员")
    elif kind in presidium.DELEGATE_ROLES:
        parts.append("须是在任代表")
    else:
        parts.append("可以不是代表")
    parts.append("只能一人" if kind in presidium.SINGLE_ROLES else "按列表顺序印出")
    return "，".join(parts)


class KindsModel(RowsModel):
    """(kind, count) of each role, for the list on the left."""

    headers = ("职务",)

    def text(self, row: tuple[str, int], column: int) -> str:
        kind, count = row
        return f"{presidium.role_label(kind)}（{count} 人）"

    def extra(self, row: tuple[str, int], column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and row[1] == 0:
            return QBrush(QColor(RED))
        return None


class RolesModel(RowsModel):
    NUMBER, NAME, DELEGATION, DELEGATE, PRESIDIUM = range(5)
    headers = ("序", "姓名", "代表团", "代表资格", "主席团")

    def text(self, row: RoleRow, column: int) -> str:
        return [str(row.position + 1), row.display, row.delegation or "（不在代表团名单中）",
                "在任代表" if row.delegate else "非在任代表",
                "主席团成员" if row.in_presidium else "非主席团成员"][column]

    def extra(self, row: RoleRow, column: int, role: int):
        # Red only where the role's rule is broken, so a 副秘书长 outside the delegations is not alarming.
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.DELEGATE and not row.delegate and row.kind in presidium.DELEGATE_ROLES:
                return QBrush(QColor(RED))
            if column == self.PRESIDIUM and not row.in_presidium and row.kind in presidium.PRESIDIUM_ROLES:
                return QBrush(QColor(RED))
            if column in (self.DELEGATE, self.PRESIDIUM):
                return QBrush(QColor("#555555"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OutsidePersonDialog(CheckedDialog):
    """A 副秘书长 who is in no delegation (from the standing committee's staff, say)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("添加不在名单中的副秘书长", parent)
        note = QLabel("代表团名单中没有的人（如区人大常委会机关工作人员）在这里登记姓名后担任副秘书长。")
        note.setWordWrap(True)
        self.form.addRow(note)
        self.name = self.add_field("name", "姓名", QLineEdit())
        self.gender = self.add_field("gender", "性别", QComboBox())
        for text, value in (("男", "男"), ("女", "女"), ("未填", "")):
            self.gender.addItem(text, value)
        self.note = self.add_field("note", "备注", QLineEdit())
        self.note.setPlaceholderText("同名时必填，用于区别，如：区人大常委会办公室主任")
        self.person_id: int | None = None
        self.submit = self._submit
        self.resize(440, self.sizeHint().height())

    def _submit(self) -> None:
        if self.person_id is None:  # a retry after add_role failed must not register them twice
            self.person_id = presidium.add_outside_person(self.name.text(), self.gender.currentData(),
                                                          self.note.text())
        presidium.add_role(OUTSIDE_KIND, self.person_id)


class OfficersTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds = KindsModel(self)
        self.kind_view = QListView()
        self.kind_view.setModel(self.kinds)
        self.kind_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.kind_view.setFixedWidth(230)
        self.kind_view.setSpacing(2)
        self.model = RolesModel(self)
        self.view = table_view(self.model, sortable=False)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.rule = QLabel()

        self.add_button = QPushButton("添加…")
        self.outside_button = QPushButton("不在名单中的人…")
        self.remove_button = QPushButton("移除")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.add_button.clicked.connect(self.add_person)
        self.outside_button.clicked.connect(self.add_outside)
        self.remove_button.clicked.connect(self.remove_person)
        self.up_button.clicked.connect(lambda: self.move_person(-1))
        self.down_button.clicked.connect(lambda: self.move_person(1))

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.rule)
        right.addWidget(self.view)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.outside_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.kind_view)
        layout.addLayout(right, 1)
        self.kind_view.selectionModel().currentRowChanged.connect(self._show_current_kind)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)

    # ------------------------------------------------------------ reading

    def refresh(self) -> None:
        kind = self.current_kind() or SESSION_ROLES[0]
        self.kinds.set_rows([(k, len(presidium.list_roles(k))) for k in SESSION_ROLES])
        self.show_kind(kind)

    def current_kind(self) -> str | None:
        index = self.kind_view.currentIndex()
        return self.kinds.row_at(index.row())[0] if index.isValid() else None

    def show_kind(self, kind: str) -> None:
        """Show the officers of KIND (a focus target of the session check)."""
        if kind not in SESSION_ROLES:
            return
        row = SESSION_ROLES.index(kind)
        if self.kind_view.currentIndex().row() != row:
            select_row(self.kind_view, self.kinds.index(row, 0))
        else:
            self._show_current_kind()

    def _show_current_kind(self) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        person = self.current_person_id()
        rows = presidium.list_roles(kind)
        self.model.set_rows(rows)
        self.heading.setText(f"{presidium.role_label(kind)}　{len(rows)} 人")
        self.rule.setText(rule_of(kind) + "。")
        self.outside_button.setVisible(kind == OUTSIDE_KIND and self.add_button.isVisibleTo(self))
        if person is not None:
            self.select_person(person)
        self._update_buttons()

    def current_person_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()).person_id if index.isValid() else None

    def select_person(self, person_id: int) -> None:
        for i, r in enumerate(self.model.rows()):
            if r.person_id == person_id:
                select_row(self.view, self.model.index(i, 0))
                return

    def _update_buttons(self) -> None:
        index = self.view.currentIndex()
        chosen = index.isValid()
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and index.row() > 0)
        self.down_button.setEnabled(chosen and index.row() < self.model.rowCount() - 1)

    # ------------------------------------------------------------ editing

    def add_person(self) -> PickerDialog | None:
        kind = self.current_kind()
        if kind is None:
            return None
        taken = {r.person_id for r in self.model.rows()}
        choices = [c for c in presidium.person_choices() if c[0] not in taken]
        dialog = PickerDialog(f"添加{presidium.role_label(kind)}", choices, parent=self)
        dialog.form.insertRow(0, QLabel(f"{presidium.role_label(kind)}{rule_of(kind)}。"))
        chosen: list[int] = []

        def submit() -> None:
            chosen.append(dialog.required_id())
            presidium.add_role(kind, chosen[-1])

        dialog.submit = submit
        dialog.accepted.connect(lambda: self._written(chosen[-1] if chosen else None))
        dialog.open()
        return dialog

    def add_outside(self) -> OutsidePersonDialog:
        dialog = OutsidePersonDialog(self)
        dialog.accepted.connect(lambda: self._written(dialog.person_id))

        def cancelled() -> None:
            # A person registered before add_role failed exists now; the lists must show them.
            if dialog.person_id is not None:
                self.changed.emit()

        dialog.rejected.connect(cancelled)
        dialog.open()
        return dialog

    def remove_person(self) -> None:
        kind, person = self.current_kind(), self.current_person_id()
        if kind is None or person is None:
            return
        self._call("无法移除", presidium.remove_role, kind, person)

    def move_person(self, step: int) -> None:
        kind, person = self.current_kind(), self.current_person_id()
        if kind is None or person is None:
            return
        self._call("无法调整顺序", presidium.move_role, kind, person, step)
        self.select_person(person)

    def _call(self, title: str, fn, *args) -> None:
        try:
            fn(*args)
        except ServiceError as exc:
            warn(self, title, exc.message)
            return
        self.changed.emit()

    def _written(self, person_id: int | None) -> None:
        self.changed.emit()
        if person_id is not None:
            self.select_person(person_id)

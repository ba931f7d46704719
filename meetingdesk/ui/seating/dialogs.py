"""设置会场… (the hall: its 主席台, how names run, the rotation and a table of blocks) and
主席台名单… (one sitting's 主席台 in precedence order). Both check through the services and
show a refusal at its field; the page writes and pushes the undo command."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules.seating import Direction, Numbering, Precedence, Rotation
from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, seating
from meetingdesk.services.seating import BlockSpec, HallSpec, Podium
from meetingdesk.ui.common.dialogs import CheckedDialog
from meetingdesk.ui.common.pickers import PickerDialog
from meetingdesk.ui.common.views import RED

NAME, ZONE, ROWS, NUMBERING, FIRST_NUMBER, FIRST_ROW, BAND, AISLES = range(8)
HEADERS = ("名称", "就座人员", "每排座位", "编号方式", "起始号", "起始排", "前后位置", "过道（在第几列后）")
DEFAULT_WIDTH = 20  # seats per row of the blocks a new hall starts with


def counts_text(counts: tuple[int, ...]) -> str:
    """(12, 12, 12, 14) → "12×3,14", as seating.parse_counts reads it."""
    parts: list[str] = []
    i = 0
    while i < len(counts):
        j = i
        while j < len(counts) and counts[j] == counts[i]:
            j += 1
        parts.append(f"{counts[i]}×{j - i}" if j - i > 1 else str(counts[i]))
        i = j
    return ",".join(parts)


def starting_hall(people: dict[str, int]) -> HallSpec:
    """A new hall's first shape: one block per role that has people, rows of 20, enough rows."""
    blocks = []
    for role in Role:
        count = people.get(role, 0)
        if count:
            blocks.append(BlockSpec(f"{'一二三四五六七八九'[len(blocks)]}区", (DEFAULT_WIDTH,) * math.ceil(count / DEFAULT_WIDTH),
                                    role, band=len(blocks)))
    return HallSpec("", tuple(blocks), (13,))


def _combo(values, current) -> QComboBox:
    box = QComboBox()
    for value in values:
        box.addItem(str(value), value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def _spin(low: int, high: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    return box


class HallDialog(CheckedDialog):
    """SPEC None: a new hall. PEOPLE: role → how many, for the count of seats against people."""

    def __init__(self, spec: HallSpec | None, people: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__("设置会场" if spec else "新建会场", parent)
        self.people = people
        self.spec = spec or starting_hall(people)
        s = self.spec
        self.name = self.add_field("name", "会场名称", QLineEdit(s.name))
        self.name.setPlaceholderText("如 区人民会堂")
        self.podium_rows = self.add_field("podium_rows", "主席台每排座位", QLineEdit(",".join(map(str, s.podium_rows))))
        self.podium_rows.setPlaceholderText("前排在先，用逗号分开，如 13,17")
        self.precedence = self.add_field("precedence", "主席台座次", _combo(Precedence, s.precedence))
        self.precedence.setToolTip("左为上：1 号居中，2 号在 1 号左手（从会场看去在右），3 号在右手，依次向外")
        self.direction = self.add_field("direction", "排列方向", _combo(Direction, s.direction))
        self.direction.setToolTip("纵向：一个代表团的人从前排向后排一列一列排；横向：一排一排从左向右排")
        self.rotation = _combo(Rotation, s.rotation)
        self.step = _spin(0, 99, s.rotation_step)
        self.step.setSuffix(" 个代表团")
        rotation_box = QWidget()
        row = QHBoxLayout(rotation_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.rotation)
        row.addWidget(QLabel("每次移动"))
        row.addWidget(self.step)
        row.addStretch()
        self.rotation.currentIndexChanged.connect(self._rotation_chosen)
        self.add_field("rotation", "代表团轮换", rotation_box)
        self._fields["rotation"] = self.rotation

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(230)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ROWS, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeaderItem(ROWS).setToolTip("每排座位数，前排在先：如 10×9（9 排，每排 10 座）或 12,12,14")
        self.table.horizontalHeaderItem(BAND).setToolTip("1 为最靠近主席台的一列区，2 在其后，依此类推")
        self.table.itemChanged.connect(self._show_totals)
        for block in s.blocks:
            self._add_row(block)
        self.add_button = QPushButton("添加区")
        self.remove_button = QPushButton("删除区")
        self.up_button = QPushButton("左移")
        self.down_button = QPushButton("右移")
        for button, slot in ((self.add_button, self.add_block), (self.remove_button, self.remove_block),
                             (self.up_button, lambda: self.move_block(-1)), (self.down_button, lambda: self.move_block(1))):
            button.clicked.connect(lambda _=False, f=slot: f())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch()
        note = QLabel("各区按从会场看去由左到右的顺序排列；前后位置相同的区在同一列，自左向右。")
        note.setStyleSheet("color: #555555")
        note.setWordWrap(True)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        blocks_box = QWidget()
        inner = QVBoxLayout(blocks_box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(note)
        inner.addWidget(self.table, 1)
        inner.addLayout(buttons)
        inner.addWidget(self.totals)
        self.add_field("blocks", "各区", blocks_box)
        self._fields["blocks"] = self.table
        self._rotation_chosen()
        self._show_totals()
        self.resize(980, 600)

    # ------------------------------------------------------------ the table of blocks

    def _add_row(self, block: BlockSpec, at: int | None = None, texts: tuple[str, str] | None = None) -> None:
        """BLOCK as a row at AT; TEXTS: its seats and aisles as typed (a row moved keeps them)."""
        at = self.table.rowCount() if at is None else at
        rows_text, aisles_text = texts or (counts_text(block.rows), ",".join(map(str, block.aisles)))
        self.table.blockSignals(True)
        self.table.insertRow(at)
        self.table.setItem(at, NAME, QTableWidgetItem(block.name))
        self.table.setItem(at, ROWS, QTableWidgetItem(rows_text))
        self.table.setItem(at, AISLES, QTableWidgetItem(aisles_text))
        zone = _combo(Role, block.zone)
        zone.currentIndexChanged.connect(self._show_totals)
        self.table.setCellWidget(at, ZONE, zone)
        self.table.setCellWidget(at, NUMBERING, _combo(Numbering, block.numbering))
        self.table.setCellWidget(at, FIRST_NUMBER, _spin(1, 9999, block.first_number))
        self.table.setCellWidget(at, FIRST_ROW, _spin(1, 999, block.first_row))
        band = _spin(1, 10, block.band + 1)
        band.setSpecialValueText("1（最前）")
        self.table.setCellWidget(at, BAND, band)
        self.table.blockSignals(False)

    def _widget(self, row: int, column: int):
        return self.table.cellWidget(row, column)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def _block_at(self, row: int) -> tuple[str, str, str]:
        """(name, zone, rows text) of a row as typed."""
        return self._text(row, NAME), self._widget(row, ZONE).currentData(), self._text(row, ROWS)

    def block_count(self) -> int:
        return self.table.rowCount()

    def set_cell(self, row: int, column: int, value) -> None:
        """Put VALUE in a cell as the clerk would (tests): text, or a combo's or spin box's value."""
        widget = self._widget(row, column)
        if widget is None:
            self.table.item(row, column).setText(str(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setValue(int(value))

    def add_block(self) -> None:
        current = self.table.currentRow()
        names = {self._block_at(r)[0] for r in range(self.table.rowCount())}
        n = self.table.rowCount() + 1
        while f"{n}区" in names:
            n += 1
        zone = self._widget(current, ZONE).currentData() if current >= 0 else Role.DELEGATE
        band = self._widget(current, BAND).value() - 1 if current >= 0 else 0
        at = current + 1 if current >= 0 else self.table.rowCount()
        self._add_row(BlockSpec(f"{n}区", (10,) * 10, zone, band=band), at)
        self.table.selectRow(at)
        self._show_totals()

    def remove_block(self) -> None:
        current = self.table.currentRow()
        if current >= 0:
            self.table.removeRow(current)
            self._show_totals()

    def move_block(self, by: int) -> None:
        current = self.table.currentRow()
        to = current + by
        if current < 0 or not 0 <= to < self.table.rowCount():
            return
        block = self._typed_block(current)
        texts = (self._text(current, ROWS), self._text(current, AISLES))
        self.table.removeRow(current)
        self._add_row(block, to, texts)
        self.table.selectRow(to)

    def _typed_block(self, row: int, *, checked: bool = False) -> BlockSpec:
        """The block of a row as typed; CHECKED: its counts read strictly (a ServiceError at the
        table), else what cannot be read counts as nothing (the running totals)."""
        name, zone, rows_text = self._block_at(row)
        where = f"第 {row + 1} 个区（{name or '未命名'}）"

        def counts(text: str, what: str) -> tuple[int, ...]:
            try:
                return seating.parse_counts(text, f"{where}的{what}", "blocks")
            except ServiceError:
                if checked:
                    raise
                return ()

        return BlockSpec(name, counts(rows_text, "每排座位"), zone, self._widget(row, NUMBERING).currentData(),
                         self._widget(row, FIRST_NUMBER).value(), self._widget(row, FIRST_ROW).value(),
                         self._widget(row, BAND).value() - 1, counts(self._text(row, AISLES), "过道"))

    def _show_totals(self, *_) -> None:
        seats: dict[str, int] = {}
        unread = []
        for row in range(self.table.rowCount()):
            block = self._typed_block(row)
            if not block.rows:
                unread.append(str(row + 1))
            seats[block.zone] = seats.get(block.zone, 0) + block.capacity
        parts = []
        short = False
        for role in Role:
            have, need = seats.get(role, 0), self.people.get(role, 0)
            if have or need:
                parts.append(f"{role} {have} 座 / {need} 人")
                short = short or have < need
        text = "座位与人数：" + "　".join(parts)
        if unread:
            text += f"　——第 {'、'.join(unread)} 个区的每排座位未填或写法不对，未计入"
        elif short:
            text += "　——座位不够的人将列为“名单中无座位”"
        self.totals.setText(text)
        self.totals.setStyleSheet(f"color: {RED}" if short or unread else "")

    # ------------------------------------------------------------ the whole

    def _rotation_chosen(self, *_) -> None:
        self.step.setEnabled(self.rotation.currentData() != Rotation.NONE)

    def value(self) -> HallSpec:
        """The hall as typed; what cannot be read raises a ServiceError at its field."""
        podium = seating.parse_counts(self.podium_rows.text(), "主席台每排座位", "podium_rows")
        blocks = tuple(self._typed_block(r, checked=True) for r in range(self.table.rowCount()))
        s = self.spec
        return HallSpec(self.name.text().strip(), blocks, podium, self.precedence.currentData(),
                        self.direction.currentData(), self.rotation.currentData(), self.step.value(),
                        s.rotation_start)

    def show_error(self, exc: ServiceError) -> None:
        if exc.field == "rotation_step":
            exc = ServiceError(exc.message, "rotation")
        super().show_error(exc)


class PodiumDialog(CheckedDialog):
    """主席台名单 of one sitting: PODIUM as it stands; CHOICES (person, name) who may be added."""

    def __init__(self, meeting_name: str, podium: Podium, choices: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(f"{meeting_name}主席台名单", parent)
        self.podium, self.choices = podium, dict(choices)
        self.seats = sum(podium.rows)
        self._why = {s.person_id: s.why for s in podium.seats}
        self._names = {s.person_id: s.display for s in podium.seats}
        self.reset = False  # 恢复默认 pressed and nothing changed since
        self.list = QListWidget()
        self.list.setMinimumHeight(320)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.add_button = QPushButton("添加…")
        self.remove_button = QPushButton("移除")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.default_button = QPushButton("恢复默认")
        self.default_button.setToolTip("按主持人、常务主席、执行主席的顺序，由会议的数据生成名单")
        self.add_button.clicked.connect(lambda: self.add_person())
        self.remove_button.clicked.connect(lambda: self.remove_person())
        self.up_button.clicked.connect(lambda: self.move_person(-1))
        self.down_button.clicked.connect(lambda: self.move_person(1))
        self.default_button.clicked.connect(lambda: self.restore_default())
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch()
        side.addWidget(self.default_button)
        self.info = QLabel()
        self.info.setWordWrap(True)
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        outer.addLayout(row)
        outer.addWidget(self.info)
        self.add_field("people", "按座次排列", box)
        self._fill([s.person_id for s in podium.seats])
        self.resize(520, 520)

    def _fill(self, people: list[int], current: int | None = None) -> None:
        self.list.clear()
        for rank, pid in enumerate(people, start=1):
            why = self._why.get(pid, "")
            self.list.addItem(f"{rank}　{self._names.get(pid) or self.choices.get(pid, '')}" + (f"　{why}" if why else ""))
            self.list.item(rank - 1).setData(Qt.ItemDataRole.UserRole, pid)
        if current is not None and 0 <= current < self.list.count():
            self.list.setCurrentRow(current)
        self._show_info()
        self._update_buttons()

    def people(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _changed(self, people: list[int], current: int | None) -> None:
        self.reset = False
        self._fill(people, current)

    def _show_info(self) -> None:
        if self.reset:
            self.info.setText("确定后，名单恢复为按会议数据生成（主持人、常务主席、执行主席）。")
            self.info.setStyleSheet("")
            return
        count = self.list.count()
        text = f"主席台共 {self.seats} 个座位，名单 {count} 人。"
        if count > self.seats:
            text += f"座位不够：最后 {count - self.seats} 人排不下。"
        self.info.setText(text)
        self.info.setStyleSheet(f"color: {RED}" if count > self.seats else "")

    def _update_buttons(self, *_) -> None:
        row = self.list.currentRow()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)

    def add_person(self) -> PickerDialog:
        """A picker of those not on the list; the one chosen goes to the end (opened, returned)."""
        present = set(self.people())
        picker = PickerDialog("添加到主席台", [(p, n) for p, n in self.choices.items() if p not in present], parent=self)

        def submit() -> None:
            picker.required_id()

        def done() -> None:
            pid = picker.chosen_id()
            if pid is not None:
                self._names.setdefault(pid, self.choices.get(pid, ""))
                self._changed(self.people() + [pid], self.list.count())

        picker.submit = submit
        picker.accepted.connect(done)
        picker.open()
        return picker

    def remove_person(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            people = self.people()
            del people[row]
            self._changed(people, min(row, len(people) - 1))

    def move_person(self, by: int) -> None:
        row = self.list.currentRow()
        to = row + by
        people = self.people()
        if row < 0 or not 0 <= to < len(people):
            return
        people[row], people[to] = people[to], people[row]
        self._changed(people, to)

    def restore_default(self) -> None:
        self.list.clear()
        self.reset = True
        self._show_info()
        self._update_buttons()

    def value(self) -> list[int] | None:
        """The list to keep, in precedence order; None: as the data give it."""
        return None if self.reset else self.people()

"""Beside the map: seats against people per zone, who has no seat, roles no block seats,
delegations split across blocks, the pinned, and the delegations' colours (a click finds them)."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QScrollArea, QVBoxLayout, QWidget

from meetingdesk.rules.words import Role
from meetingdesk.services.seating import Arrangement
from meetingdesk.ui.common.views import RED
from meetingdesk.ui.seating.hall_scene import HallScene

WIDTH = 270
LISTED = 30  # names listed of those without a seat; the rest counted


def split_delegations(hall: HallScene) -> dict[str, list[str]]:
    """Delegation → the blocks its delegates sit in, for those in more than one (as the map
    now stands, after swaps and moves)."""
    found: dict[str, dict[str, None]] = {}
    for member, (block, _row, _column) in sorted(hall.place.items(), key=lambda kv: kv[1]):
        sitter = hall.sitters[member]
        if sitter.delegation and sitter.role == Role.DELEGATE:
            found.setdefault(sitter.delegation, {})[hall.spec.blocks[block].name] = None
    return {d: list(b) for d, b in found.items() if len(b) > 1}


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class SidePanel(QWidget):
    """`show(arrangement, hall, note)` after a read; `seats_moved(hall)` after a swap or move."""

    delegation_chosen = Signal(int)  # a delegation's id, clicked in the legend

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(WIDTH)
        self._arrangement: Arrangement | None = None
        self._note = ""
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.split = QLabel()
        self.split.setWordWrap(True)
        self.split.setTextFormat(Qt.TextFormat.RichText)
        self.split.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(self.summary)
        inner.addWidget(self.split)
        inner.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        legend_caption = QLabel("代表团（点击在图中标出）")
        legend_caption.setStyleSheet("font-weight: bold")
        self.legend = QListWidget()
        self.legend.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.legend.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.legend.itemClicked.connect(
            lambda item: self.delegation_chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 3)
        layout.addWidget(legend_caption)
        layout.addWidget(self.legend, 2)

    def clear(self) -> None:
        self._arrangement = None
        self.summary.setText("")
        self.split.setText("")
        self.legend.clear()

    def show_arrangement(self, arrangement: Arrangement, hall: HallScene, note: str = "") -> None:
        self._arrangement, self._note = arrangement, note
        self.seats_moved(hall)
        self.legend.clear()
        counts: dict[int | None, int] = {}
        names: dict[int | None, str] = {}
        for sitter in hall.sitters.values():
            counts[sitter.delegation_id] = counts.get(sitter.delegation_id, 0) + 1
            names[sitter.delegation_id] = sitter.delegation
        for delegation_id, fill in hall.team_fills().items():
            item = QListWidgetItem(_swatch(fill), f"{names[delegation_id]}（{counts[delegation_id]}）")
            item.setData(Qt.ItemDataRole.UserRole, delegation_id)
            self.legend.addItem(item)

    def seats_moved(self, hall: HallScene) -> None:
        """The counts and the delegations split across blocks, as the map now stands."""
        if self._arrangement is not None:
            self._show_summary(self._arrangement, hall, self._note)
        split = split_delegations(hall)
        if not split:
            self.split.setText("<b>跨区的代表团</b><br>没有：每个代表团的代表都在同一个区。")
            return
        rows = "<br>".join(f"{escape(d)}：{'、'.join(escape(b) for b in blocks)}" for d, blocks in split.items())
        self.split.setText(f"<b>跨区的代表团（{len(split)} 个）</b><br>{rows}")

    def _show_summary(self, arrangement: Arrangement, hall: HallScene, note: str) -> None:
        spec = arrangement.hall
        seated: dict[str, int] = {}
        for sitter in hall.sitters.values():
            seated[sitter.role] = seated.get(sitter.role, 0) + 1
        unseated: dict[str, int] = {}
        for p in arrangement.unseated:
            unseated[p.role] = unseated.get(p.role, 0) + 1
        lines = [f"<b>{escape(spec.name)}</b>", "<b>座位与人数</b>"]
        for role in Role:
            seats = spec.capacity(role)
            people = seated.get(role, 0) + unseated.get(role, 0) + arrangement.unzoned.get(role, 0)
            if seats or people:
                color = f" style='color:{RED}'" if seats < people else ""
                lines.append(f"<span{color}>{role}：{seats} 座 / {people} 人"
                             f"{f'，空 {seats - people} 座' if seats > people else ''}</span>")
        pinned = sum(1 for s in hall.sitters.values() if s.pinned)
        if pinned:
            lines.append(f"固定座位 {pinned} 人（<span style='color:#c62828'>●</span>）")
        if arrangement.unseated:
            names = "、".join(escape(p.display) for p in arrangement.unseated[:LISTED])
            more = f" 等 {len(arrangement.unseated)} 人" if len(arrangement.unseated) > LISTED else ""
            lines.append(f"<b style='color:{RED}'>名单中无座位（{len(arrangement.unseated)} 人）</b><br>{names}{more}")
        if arrangement.unzoned:
            parts = "、".join(f"{role} {n} 人" for role, n in arrangement.unzoned.items())
            lines.append(f"<b style='color:{RED}'>没有座区的身份</b><br>{parts}：请在“设置会场…”中添加其座区。")
        if note:
            lines.append(f"<span style='color:#555555'>{escape(note)}</span>")
        self.summary.setText("<br>".join(lines))

    def text(self) -> str:
        """What the panel says, as plain text (tests)."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.summary.text() + "<br>" + self.split.text())
        return doc.toPlainText()

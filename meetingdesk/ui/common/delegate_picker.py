"""Choosing several people from a long list by typing part of a name.

`MultiPicker` is a search line over the offered people (in the order given: stroke order) and
the list of those chosen; `DelegatePicker` adds what the signers of a motion or a nomination
need: the lead, the delegations they come from and the live count of serving delegates.
The widgets keep only the clerk's current choice; the services decide whether it is enough.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.rules import motions as motion_rules
from meetingdesk.rules.words import Role
from meetingdesk.services import roster
from meetingdesk.services.motions import SignerRow
from meetingdesk.ui.common.models import FILTER_ROLE, RowsModel, _Index

GREY = QColor("#888888")
HINT_STYLE = "color: #a05a00"


@dataclass(frozen=True)
class Choice:
    """One person who can be chosen: a delegate (key = member id) or anyone (key = person id)."""

    key: int
    label: str  # 刘锦刚（径河街代表团）
    search: str  # what typed text is matched against: name, note, delegation
    delegation: str = ""
    serving: bool = True


def delegate_choices() -> list[Choice]:
    """Serving delegates in stroke order; an ended mandate is never offered."""
    return [Choice(m.member_id, f"{m.display}（{m.delegation}）", f"{m.name} {m.note} {m.delegation}",
                   m.delegation) for m in roster.list_members(role=Role.DELEGATE)]


def signer_choice(signer: SignerRow) -> Choice:
    """A signer already on a paper, who may have ended their mandate since."""
    return Choice(signer.member_id, f"{signer.display}（{signer.delegation}）",
                  f"{signer.name} {signer.delegation}", signer.delegation, signer.serving)


def delegation_order() -> dict[str, int]:
    return {d.name: d.position for d in roster.list_delegations()}


class OfferModel(RowsModel):
    """The people offered; those already chosen stay visible, greyed and not selectable."""

    headers = ("姓名",)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.taken: set[int] = set()
        self._row_of: dict[int, int] = {}

    def set_rows(self, rows: list[Choice]) -> None:
        super().set_rows(rows)
        self._row_of = {r.key: i for i, r in enumerate(self._rows)}

    def choice(self, key: int) -> Choice | None:
        row = self._row_of.get(key)
        return None if row is None else self._rows[row]

    def set_taken(self, keys: set[int]) -> None:
        # Only the rows that changed: the proxy re-filters what dataChanged names, and the
        # roster may hold thousands of delegates.
        changed = self.taken ^ keys
        self.taken = set(keys)
        for key in changed:
            row = self._row_of.get(key)
            if row is not None:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def text(self, row: Choice, column: int) -> str:
        return row.label + ("　已选" if row.key in self.taken else "")

    def filter_text(self, row: Choice) -> str:
        return row.search

    def extra(self, row: Choice, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and row.key in self.taken:
            return QBrush(GREY)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.isValid() and self.row_at(index.row()).key in self.taken:
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)


class ChosenModel(RowsModel):
    headers = ("已选",)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lead: int | None = None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Numbered, so the clerk can count along the signatures on the paper.
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return f"{index.row() + 1}. {self.text(self.row_at(index.row()), 0)}"
        return super().data(index, role)

    def text(self, row: Choice, column: int) -> str:
        mark = "　领衔" if row.key == self.lead else ""
        ended = "　已终止代表资格" if not row.serving else ""
        return f"{row.label}{mark}{ended}"

    def extra(self, row: Choice, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not row.serving:
            return QBrush(GREY)
        return None


class TermsProxy(QSortFilterProxyModel):
    """Keeps the rows whose search text holds every typed term (terms split by spaces)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []

    def set_terms(self, text: str) -> None:
        self.beginFilterChange()
        self._terms = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._terms:
            return True
        text = str(self.sourceModel().index(source_row, 0).data(FILTER_ROLE)).lower()
        return all(term in text for term in self._terms)


class SearchLine(QLineEdit):
    """Enter adds the highlighted person (and must not close the dialog); ↓ goes to the list."""

    entered = Signal()
    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class OfferList(QListView):
    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class MultiPicker(QWidget):
    """Search as you type on the left, the chosen people on the right, in the order chosen."""

    changed = Signal()

    def __init__(self, offered: list[Choice], *, placeholder: str = "输入姓名中的字查找，回车加入",
                 chosen_caption: str = "已选", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = OfferModel(self)
        self.offer.set_rows(offered)
        self.proxy = TermsProxy(self)
        self.proxy.setSourceModel(self.offer)
        self.chosen = ChosenModel(self)

        self.search = SearchLine()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.offer_view = OfferList()
        self.offer_view.setModel(self.proxy)
        self.offer_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.offer_view.setUniformItemSizes(True)  # a long roster stays quick to scroll
        self.chosen_view = QListView()
        self.chosen_view.setModel(self.chosen)
        self.chosen_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for view in (self.offer_view, self.chosen_view):
            view.setMinimumSize(230, 200)
        self.add_button = QPushButton("加入 →")
        self.remove_button = QPushButton("← 移除")
        self.chosen_caption = QLabel(chosen_caption)
        self.found = QLabel()
        self.found.setStyleSheet("color: #555555")

        self.search.textChanged.connect(self._search)
        self.search.entered.connect(self.add_current)
        self.search.down.connect(self.offer_view.setFocus)
        self.offer_view.entered.connect(self.add_current)
        self.offer_view.doubleClicked.connect(self.add_current)
        self.add_button.clicked.connect(self.add_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.chosen_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.offer_view.selectionModel().currentRowChanged.connect(self._update_buttons)

        middle = QVBoxLayout()
        middle.addStretch()
        middle.addWidget(self.add_button)
        middle.addWidget(self.remove_button)
        self.extra_buttons = QVBoxLayout()  # subclasses add theirs here
        middle.addLayout(self.extra_buttons)
        middle.addStretch()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search, 0, 0)
        grid.addWidget(self.chosen_caption, 0, 2)
        grid.addWidget(self.offer_view, 1, 0)
        grid.addLayout(middle, 1, 1)
        grid.addWidget(self.chosen_view, 1, 2)
        grid.addWidget(self.found, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        self.grid = grid
        self._caption_text = chosen_caption
        self.chosen_caption.setText(self._caption())
        self._search("")

    # ------------------------------------------------------------ reading

    def chosen_keys(self) -> list[int]:
        return [c.key for c in self.chosen.rows()]

    def chosen_rows(self) -> list[Choice]:
        return self.chosen.rows()

    def offered_labels(self) -> list[str]:
        """What the list on the left shows now (tests)."""
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def current_offer(self) -> Choice | None:
        index = self.offer_view.currentIndex()
        if not index.isValid():
            return None
        row = self.offer.row_at(self.proxy.mapToSource(index).row())
        return None if row.key in self.offer.taken else row

    def current_chosen(self) -> Choice | None:
        index = self.chosen_view.currentIndex()
        return self.chosen.row_at(index.row()) if index.isValid() else None

    # ------------------------------------------------------------ choosing

    def set_chosen(self, rows: list[Choice]) -> None:
        unique: dict[int, Choice] = {}
        for row in rows:
            unique.setdefault(row.key, row)
        self._set(list(unique.values()))

    def add_offer(self, choice: Choice) -> None:
        """Offer someone new (registered just now) and choose them."""
        self.offer.set_rows(self.offer.rows() + [choice])
        self.add(choice.key)

    def add(self, key: int) -> bool:
        """Choose the offered person KEY; False when already chosen or not offered."""
        if key in self.chosen_keys():
            return False
        row = self.offer.choice(key)
        if row is None:
            return False
        self._set(self.chosen.rows() + [row])
        return True

    def add_current(self, *_) -> None:
        row = self.current_offer()
        if row is None or not self.add(row.key):
            return
        # Ready for the next name: typing replaces the last search.
        self.search.selectAll()
        self.search.setFocus()
        self._select_first()

    def remove(self, key: int) -> None:
        self._set([r for r in self.chosen.rows() if r.key != key])

    def remove_current(self) -> None:
        row = self.current_chosen()
        if row is None:
            return
        at = self.chosen_view.currentIndex().row()
        self.remove(row.key)
        if self.chosen.rowCount():
            self.chosen_view.setCurrentIndex(self.chosen.index(min(at, self.chosen.rowCount() - 1), 0))

    def search_for(self, text: str) -> None:
        self.search.setText(text)

    def _set(self, rows: list[Choice]) -> None:
        self.chosen.set_rows(self._ordered(rows))
        self.offer.set_taken({r.key for r in rows})
        self.chosen_caption.setText(self._caption())
        self._after_change()
        self._update_buttons()
        self.changed.emit()

    # Hooks for DelegatePicker.
    def _ordered(self, rows: list[Choice]) -> list[Choice]:
        return rows

    def _caption(self) -> str:
        return f"{self._caption_text} {self.chosen.rowCount()} 人"

    def _after_change(self) -> None:
        pass

    def _search(self, text: str) -> None:
        self.proxy.set_terms(text)
        shown = self.proxy.rowCount()
        self.found.setText(f"找到 {shown} 人" if text.strip() else f"共 {shown} 人，按姓名笔画排列")
        self._select_first()

    def _select_first(self) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if self.offer.row_at(self.proxy.mapToSource(index).row()).key not in self.offer.taken:
                self.offer_view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.offer_view.scrollTo(index)
                break
        else:
            self.offer_view.selectionModel().setCurrentIndex(
                QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        self._update_buttons()

    def _update_buttons(self, *_) -> None:
        self.add_button.setEnabled(self.current_offer() is not None)
        self.remove_button.setEnabled(self.current_chosen() is not None)


class DelegatePicker(MultiPicker):
    """Signers: serving delegates in stroke order, the lead first, and what they add up to.

    With WITH_LEAD the first one chosen leads until another is made the lead (设为领衔);
    without, the first signer heads the paper as the services print it.
    """

    def __init__(self, offered: list[Choice], order: dict[str, int], *, with_lead: bool = True,
                 parent: QWidget | None = None) -> None:
        self._order = order
        self._with_lead = with_lead
        self._minimum: tuple[int, str] | None = None
        super().__init__(offered, placeholder="输入姓名或代表团中的字查找，回车加入",
                         chosen_caption="联名代表", parent=parent)
        self.lead_button = QPushButton("设为领衔")
        self.lead_button.clicked.connect(self.make_current_lead)
        self.lead_button.setVisible(with_lead)
        self.extra_buttons.addWidget(self.lead_button)
        self.count = QLabel()
        self.count.setStyleSheet("font-weight: bold")
        self.delegations = QLabel()
        self.delegations.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        summary = QVBoxLayout()
        summary.setSpacing(2)
        summary.addWidget(self.count)
        summary.addWidget(self.delegations)
        summary.addWidget(self.hint)
        self.grid.addLayout(summary, 2, 2, Qt.AlignmentFlag.AlignTop)
        self._after_change()
        self._update_buttons()

    def lead_id(self) -> int | None:
        return self.chosen.lead

    def set_lead(self, key: int | None) -> None:
        self.chosen.lead = key
        self._set(self.chosen.rows())

    def make_current_lead(self) -> None:
        row = self.current_chosen()
        if row is not None:
            self.set_lead(row.key)
            self.chosen_view.setCurrentIndex(self.chosen.index(0, 0))

    def set_minimum(self, minimum: int | None, what: str = "") -> None:
        """Show how many serving delegates are still missing for WHAT (None: no minimum applies)."""
        self._minimum = (minimum, what) if minimum else None
        self._after_change()

    def serving_count(self) -> int:
        return motion_rules.count_signers((r.key, r.serving) for r in self.chosen.rows())

    def delegation_names(self) -> list[str]:
        """The delegations the signers come from: the first signer's, then in roster order."""
        rows = self.chosen.rows()
        names: list[str] = []
        for i, r in sorted(enumerate(rows), key=lambda p: (p[0] != 0, self._order.get(p[1].delegation, 999))):
            if r.delegation and r.delegation not in names:
                names.append(r.delegation)
        return names

    def _ordered(self, rows: list[Choice]) -> list[Choice]:
        if not self._with_lead:
            return rows
        keys = [r.key for r in rows]
        if self.chosen.lead not in keys:
            self.chosen.lead = keys[0] if keys else None
        return sorted(rows, key=lambda r: r.key != self.chosen.lead)  # stable: the others keep their order

    def _caption(self) -> str:
        return "联名代表（第一位领衔）" if self._with_lead else "联名代表"

    def _after_change(self) -> None:
        if not hasattr(self, "count"):
            return  # MultiPicker's constructor: the summary is not built yet
        total, serving = self.chosen.rowCount(), self.serving_count()
        self.count.setText(f"联名代表 {total} 人（在任 {serving} 人）")
        teams = self.delegation_names()
        self.delegations.setText("涉及代表团：" + ("、".join(teams) if teams else "（无）"))
        missing = self._minimum[0] - serving if self._minimum else 0
        self.hint.setText(f"{self._minimum[1]}须有 {self._minimum[0]} 名以上在任代表，还差 {missing} 人。"
                          if self._minimum and missing > 0 else "")
        self.hint.setVisible(bool(self.hint.text()))

    def _update_buttons(self, *_) -> None:
        super()._update_buttons()
        if hasattr(self, "lead_button"):
            row = self.current_chosen()
            self.lead_button.setEnabled(row is not None and row.key != self.chosen.lead)

"""The top row of an area page: its title, and a 打印 button offering the page's papers."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from meetingdesk import printing
from meetingdesk.services import ServiceError
from meetingdesk.ui.common.messages import warn
from meetingdesk.ui.common.print_preview import show_print_preview


class PageHeading(QWidget):
    """PAPERS are (kind, title) in menu order; a kind printing does not offer shows greyed out.
    OPTIONS(kind), when given, are what the page prints each paper with (its chosen poll, meeting …)."""

    def __init__(self, title: str, papers: Sequence[tuple[str, str]], parent: QWidget | None = None, *,
                 options: Callable[[str], dict] | None = None) -> None:
        super().__init__(parent)
        self.papers = tuple(papers)
        self.options = options
        label = QLabel(title)
        label.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.print_button = QToolButton()
        self.print_button.setText("打印")
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_menu = QMenu(self.print_button)
        self.print_button.setMenu(self.print_menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addStretch()
        layout.addWidget(self.print_button)
        self.fill_print_menu()

    def fill_print_menu(self) -> None:
        self.print_menu.clear()
        for kind, title in self.papers:
            if kind in printing.PAPERS:
                self.print_menu.addAction(printing.title_of(kind), lambda k=kind: self.print_paper(k))
            else:
                self.print_menu.addAction(f"{title}（尚未提供）").setEnabled(False)

    def print_paper(self, kind: str, **options) -> QWidget | None:
        """The paper in the in-program preview (with the OPTIONS it takes); a paper that cannot be
        printed says why."""
        if self.options is not None:
            options = {**self.options(kind), **options}
        try:
            return show_print_preview(self.parentWidget() or self, kind, **options)
        except ServiceError as exc:
            warn(self, "无法打印", exc.message)
            return None

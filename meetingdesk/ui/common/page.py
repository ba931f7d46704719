"""One interface for the main window's pages, and which of them a change makes stale.

A page shows some areas of the session (SHOWS) and its own edits change some (CHANGES). When
something changes, the window marks stale only the pages that show that area: the page on
screen refreshes at once, a hidden one when it is next shown. At 5,000 people re-reading all
seven pages after every edit froze the window for seconds."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

SESSION = "session"  # the session's own fields and settings (title, 办法, wordings)
ROSTER = "roster"
PRESIDIUM = "presidium"
SCHEDULE = "schedule"
MOTIONS = "motions"
ELECTIONS = "elections"
COUNTING = "counting"
ATTENDANCE = "attendance"
SEATING = "seating"  # the hall, who sits where, the 主席台 lists
ALL = frozenset({SESSION, ROSTER, PRESIDIUM, SCHEDULE, MOTIONS, ELECTIONS, COUNTING, ATTENDANCE, SEATING})


class Page(QWidget):
    """A page of the main window. Subclasses set TITLE, SHOWS, CHANGES and TARGETS (the check
    list's targets focus() can show), and write refresh()."""

    changed = Signal()  # this page wrote something (of its CHANGES)
    TITLE = ""
    SHOWS: frozenset[str] = ALL
    CHANGES: frozenset[str] = frozenset()
    TARGETS: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._stale = False

    # ------------------------------------------------ what every page does

    def refresh(self) -> None:
        """Read what the page shows from the services again."""
        raise NotImplementedError

    def focus(self, target: tuple[str, object] | None) -> bool:
        """Show what a check-list problem points at; False when this page cannot."""
        return False

    def unsaved(self) -> list[str]:
        """Input typed and not yet saved, described for the question before leaving."""
        return []

    def discard_unsaved(self) -> None:
        pass

    def save_unsaved(self) -> bool:
        return True

    def members_changed(self, member_ids: tuple[int, ...]) -> None:
        """Only these members changed (an edit or its undo): a page that can update just their
        rows does; by default the page is stale as for any change of the roster."""
        self.mark_stale()

    # ------------------------------------------------ staleness

    def mark_stale(self) -> None:
        """Something this page shows changed: refresh now if on screen, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    @property
    def stale(self) -> bool:
        return self._stale

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh_if_stale()

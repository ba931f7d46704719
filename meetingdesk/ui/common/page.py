"""One interface for the main window's pages, and which of them a change makes stale.

A page shows some areas of the session (SHOWS) and its own edits change some (CHANGES). When
something changes, the window marks stale only the pages that show that area: the page on
screen refreshes at once, a hidden one when it is next shown. At 5,000 people re-reading all
seven pages after every edit froze the window for seconds."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QWidget

from meetingdesk.rules.words import Area

SESSION, ROSTER, PRESIDIUM, SCHEDULE = Area.SESSION, Area.ROSTER, Area.PRESIDIUM, Area.SCHEDULE
MOTIONS, ELECTIONS, COUNTING, ATTENDANCE, SEATING = (Area.MOTIONS, Area.ELECTIONS, Area.COUNTING, Area.ATTENDANCE,
                                                     Area.SEATING)
ALL = frozenset(Area)
# Setting an area up (ballot boxes and vote items, earlier absences): tables no desk of one area's
# right writes (store.roles.TABLES), so only a desk that may write everything does.
SETUP = "setup"

Control = QWidget | QAction


@dataclass(frozen=True)
class Edit:
    """A control that writes another area than the page's CHANGES (AREA), or that shows a value
    the clerk reads too (a 法定人数 rule, 到会人数): LOCK keeps it shown, locked, not hidden."""

    control: Control
    area: str | None = None
    lock: bool = False


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
        self._may: Callable[[str], bool] = lambda area: True

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

    # ------------------------------------------------ what this desk may write

    def edit_controls(self) -> list[Control | Edit]:
        """The controls that write (the page's CHANGES, or as an Edit says): shown only where
        this desk may write."""
        return []

    @property
    def writable(self) -> bool:
        """Whether this desk may write what the page changes: every edit entry point (a button,
        a double-click, a shortcut, a context menu) asks, as a hidden button cannot."""
        return all(self._may(area) for area in self.CHANGES)

    def may_write(self, area: str) -> bool:
        if area == SETUP:
            return all(self._may(a) for a in ALL)
        return self._may(area)

    def set_writable(self, writable: bool) -> None:
        self.set_rights(lambda area: writable)

    def set_rights(self, may_write: Callable[[str], bool]) -> None:
        """Follow what this desk may write (session.access().may_write). What the page itself
        shows or hides by its state is set again by a refresh, so one follows a change."""
        before = self._rights()
        self._may = may_write
        if self._rights() == before:
            return  # the controls keep what the page's own state set
        for item in self.edit_controls():
            edit = item if isinstance(item, Edit) else Edit(item)
            control = edit.control
            allowed = self.writable if edit.area is None else self.may_write(edit.area)
            if not edit.lock:
                control.setVisible(allowed)
            elif isinstance(control, QLineEdit | QAbstractSpinBox):
                control.setReadOnly(not allowed)
            else:
                control.setEnabled(allowed)
        self.mark_stale()

    def _rights(self) -> list[bool]:
        return [self.may_write(area) for area in (*sorted(ALL), SETUP)]

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

"""The hall's view: zoom (Ctrl+wheel, zoom_in/zoom_out, fit), pan, find a name, and — when
editable — a person dragged onto another (swap) or onto an empty seat (move).

The drag is the view's own (press, move, release; no QDrag), so it stays inside the map and a
test drives it with plain mouse events. The view says what the clerk did (`dropped`,
`menu_requested`, `clicked`, `activated`); the page decides and writes through the services.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QGraphicsView, QToolTip, QWidget

from meetingdesk.rules import pinyin
from meetingdesk.ui.seating.hall_scene import HallScene, Seat, Sitter

MIN_ZOOM, MAX_ZOOM = 0.04, 4.0
STEP = 1.25
READ_ZOOM = 0.9  # a name found is shown at least this large
EDGE = 28  # px: a drag this near the view's edge scrolls it
WARM_CHUNK = 400  # names whose pinyin is worked out per idle moment
WARM_AFTER = 400  # ms after the map is shown (the first chunk loads pypinyin's dictionary: 0.2 s)


class HallView(QGraphicsView):
    """`scene_()` holds what is drawn; EDITABLE allows dragging people between seats."""

    dropped = Signal(object, object)  # seat dragged (block, row, column), seat dropped on
    menu_requested = Signal(object, QPoint)  # seat right-clicked, global position
    clicked = Signal(object)  # member id of the seat clicked, or None
    activated = Signal(int)  # member id of the seat double-clicked
    zoom_changed = Signal(float)

    def __init__(self, editable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hall_view")
        self.editable = editable
        self.hall = HallScene(self)
        self.setScene(self.hall)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, False)
        self.setMouseTracking(True)
        self.auto_fit = True  # fit the hall to the view until the clerk zooms
        self._press: tuple[Seat, QPoint] | None = None
        self._pan: QPoint | None = None
        self._dragging = False
        self._matches: dict[str, list[int]] = {}
        # the names' pinyin worked out a few hundred at a time while the window is idle, so the
        # first letter typed in the find box does not wait for 5,000 of them (0.35 s)
        self._unwarmed: list[str] = []
        self._warmer = QTimer(self)
        self._warmer.setInterval(0)
        self._warmer.timeout.connect(self._warm_some)
        self._warm_later = QTimer(self)
        self._warm_later.setSingleShot(True)
        self._warm_later.setInterval(WARM_AFTER)
        self._warm_later.timeout.connect(self._warmer.start)

    # ------------------------------------------------------------ zoom

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QGraphicsView.ViewportAnchor | None = None) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        now = self.zoom()
        if abs(factor - now) < 1e-6:
            return
        if anchor is not None:
            before = self.transformationAnchor()
            self.setTransformationAnchor(anchor)
        self.scale(factor / now, factor / now)
        if anchor is not None:
            self.setTransformationAnchor(before)
        self.auto_fit = False
        self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * STEP, QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / STEP, QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def fit(self) -> None:
        """适合窗口: the whole hall in the view."""
        if self.hall.spec is None:
            return
        self.resetTransform()
        self.fitInView(self.hall.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.0:  # a small hall is not blown up
            self.resetTransform()
            self.centerOn(self.hall.sceneRect().center())
        self.auto_fit = True
        self.zoom_changed.emit(self.zoom())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom() * STEP ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    # ------------------------------------------------------------ finding

    def find(self, text: str) -> list[Sitter]:
        """Those TEXT names (characters of the name, its pinyin or initials, as at the check-in
        desk), in the hall's order; marked on the map. A longer text searches among what the
        shorter one found."""
        query = text.strip().lower().replace(" ", "")
        if not query:
            self.hall.set_found(())
            return []
        found = self._matches.get(query)
        if found is None:
            among = None
            for end in range(len(query) - 1, 0, -1):
                among = self._matches.get(query[:end])
                if among is not None:
                    break
            sitters = self.hall.sitters
            pool = among if among is not None else sorted(self.hall.place, key=self.hall.place.__getitem__)
            found = [m for m in pool if pinyin.matches(query, sitters[m].name)]
            self._matches[query] = found
        self.hall.set_found(found)
        return [self.hall.sitters[m] for m in found]

    def show_member(self, member_id: int) -> bool:
        """Centre MEMBER's seat, large enough to read."""
        seat = self.hall.place.get(member_id)
        if seat is None:
            return False
        if self.zoom() < READ_ZOOM:
            self.set_zoom(READ_ZOOM, QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.centerOn(self.hall.scene_rect_of(seat).center())
        return True

    def seats_changed(self) -> None:
        """Someone moved: what a text found is looked for again (the order is the hall's)."""
        self._matches.clear()

    def warm_names(self) -> None:
        """Work out the pinyin of the names shown, a chunk per idle moment (pinyin.readings keeps it)."""
        self._unwarmed = [s.name for s in self.hall.sitters.values()]
        self._warmer.stop()
        self._warm_later.start()

    def _warm_some(self) -> None:
        chunk, self._unwarmed = self._unwarmed[:WARM_CHUNK], self._unwarmed[WARM_CHUNK:]
        for name in chunk:
            pinyin.readings(name)
        if not self._unwarmed:
            self._warmer.stop()

    # ------------------------------------------------------------ the mouse

    def seat_at(self, pos: QPoint) -> Seat | None:
        return self.hall.seat_at(self.mapToScene(pos))

    def viewport_point(self, seat: Seat) -> QPoint:
        """Where SEAT's centre is in the viewport (tests drive the mouse there)."""
        return self.mapFromScene(self.hall.scene_rect_of(seat).center())

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        seat = self.seat_at(pos)
        member = self.hall.grid.get(seat) if seat else None
        self.hall.set_chosen(member)
        self.clicked.emit(member)
        if member is not None and self.editable:
            self._press = (seat, pos)
        else:
            self._pan = pos
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position().toPoint()
        if self._pan is not None:
            delta = pos - self._pan
            self._pan = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            return
        if self._press is None:
            super().mouseMoveEvent(event)
            return
        seat, start = self._press
        if not self._dragging:
            if (pos - start).manhattanLength() < QApplication.startDragDistance():
                return
            self._dragging = True
            self.viewport().setCursor(Qt.CursorShape.DragMoveCursor)
        self._scroll_near_edge(pos)
        target = self.seat_at(pos)
        self.hall.set_drag(self.hall.grid.get(seat), target if target != seat else None)

    def _scroll_near_edge(self, pos: QPoint) -> None:
        rect = self.viewport().rect()
        for bar, at, low, high in ((self.horizontalScrollBar(), pos.x(), rect.left(), rect.right()),
                                   (self.verticalScrollBar(), pos.y(), rect.top(), rect.bottom())):
            if at < low + EDGE:
                bar.setValue(bar.value() - EDGE)
            elif at > high - EDGE:
                bar.setValue(bar.value() + EDGE)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        press, dragging = self._press, self._dragging
        self._press, self._pan, self._dragging = None, None, False
        self.viewport().unsetCursor()
        if press is not None and dragging:
            target = self.seat_at(event.position().toPoint())
            self.hall.set_drag(None, None)
            if target is not None and target != press[0]:
                self.dropped.emit(press[0], target)
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        seat = self.seat_at(event.position().toPoint())
        member = self.hall.grid.get(seat) if seat else None
        if member is not None:
            self.activated.emit(member)
        event.accept()

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        seat = self.seat_at(event.pos())
        if seat is not None:
            self.hall.set_chosen(self.hall.grid.get(seat))
            self.menu_requested.emit(seat, event.globalPos())
        event.accept()

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            QToolTip.showText(event.globalPos(), self.tooltip_at(event.pos()), self.viewport())
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """What the mouse rests on: the seat's label and who sits there."""
        scene_pos = self.mapToScene(pos)
        podium_seat = self.hall.podium_seat_at(scene_pos)
        if podium_seat is not None:
            return f"主席台第 {podium_seat.rank} 位　{podium_seat.display}" + (
                f"（{podium_seat.why}）" if podium_seat.why else "")
        seat = self.hall.seat_at(scene_pos)
        if seat is None:
            return ""
        sitter = self.hall.sitter_at(seat)
        if sitter is None:
            return f"{self.hall.label(seat)}　空座"
        lines = [f"{self.hall.label(seat)}　{sitter.display}",
                 "　".join(p for p in (sitter.delegation, sitter.role, sitter.leader_title) if p)]
        if sitter.pinned:
            lines.append("固定座位（重新排座时不动）")
        if self.hall.status_of is not None:
            lines.append(self.hall.status_of(sitter.member_id) or "未签到")
        return "\n".join(lines)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def center_point(self) -> QPointF:
        return self.visible_scene_rect().center()

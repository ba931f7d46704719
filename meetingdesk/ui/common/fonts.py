"""The bundled CJK font, so the window reads right on a machine with no Chinese fonts."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from meetingdesk.assets import resource

UI_FONT_FILE = ("fonts", "wqy-microhei.ttc")


def install_font(app: QApplication, point_size: int = 10) -> str:
    """Register the bundled font and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(resource(*UI_FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = families[0] if families else app.font().family()
    font = QFont(family, point_size)
    app.setFont(font)
    return family

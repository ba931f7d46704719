"""Render the application icon, resources/icons/meetingdesk.svg, to the PNG sizes the desktops
ask for (resources/icons/meetingdesk-<N>.png) and to a Windows .ico (meetingdesk.ico, for the
bundle's .exe and the installer). Run after changing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/build_icons.py

Qt's SVG renderer draws the PNGs (PySide6 is already a dependency); Pillow (reportlab's own
dependency) writes the .ico. The window loads the PNGs (ui.app), so no SVG plugin is needed.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs one)
    renderer = QSvgRenderer(str(ICONS / "meetingdesk.svg"))
    if not renderer.isValid():
        print("meetingdesk.svg cannot be read", file=sys.stderr)
        return 1
    images = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"meetingdesk-{size}.png"))
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        images[size] = Image.open(io.BytesIO(bytes(data))).convert("RGBA")
    largest = images[max(ICO_SIZES)]
    largest.save(ICONS / "meetingdesk.ico", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    print(f"{len(SIZES)} PNG sizes and meetingdesk.ico written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

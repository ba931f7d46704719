"""The seat map's colours: one light fill per delegation, the marks drawn over seats."""
from __future__ import annotations

from PySide6.QtGui import QColor

# Light fills a name in dark ink reads on; neighbouring delegations take neighbouring entries.
DELEGATION_FILLS = ("#cfe2f6", "#fde0bf", "#d3ecc9", "#f4cfdc", "#e0d5f1", "#fbefa9",
                    "#c9ecec", "#efd8c6", "#dde8bd", "#f6cfc9", "#d3d9f3", "#e6e1d3")
NO_DELEGATION = "#e4e4e4"
EMPTY = "#ffffff"
EMPTY_LINE = "#a8a8a8"
SEAT_LINE = "#7a7a7a"
INK = "#1a1a1a"
FAINT_INK = "#666666"
PIN = "#c62828"
FOUND = "#d81b60"  # whom the find box names
CHOSEN = "#1565c0"  # the seat clicked
DROP_OK = "#2e7d32"
DROP_NO = "#c62828"
STAGE = "#f3ece0"
STAGE_LINE = "#b89f74"


def delegation_fill(index: int) -> str:
    return DELEGATION_FILLS[index % len(DELEGATION_FILLS)]


def tint(color: str, white: float) -> str:
    """COLOR mixed with WHITE parts of white (0 … 1): a fill a name in dark ink reads on."""
    c = QColor(color)
    return QColor(*(round(v + (255 - v) * white) for v in (c.red(), c.green(), c.blue()))).name()

"""The bundled fonts, registered with reportlab and embedded in every PDF.

Body text is set in AR PL UMing CN (a Song/Ming face, `resources/fonts/uming.ttc`),
headings in WenQuanYi Micro Hei (a Hei face, `resources/fonts/wqy-microhei.ttc`).
A character one face lacks is drawn in the other (per character), and a character
neither has is refused before anything is written (see `coverage`).
Never reportlab's built-in CID fonts: they are not embedded and show as boxes elsewhere.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from meetingdesk.assets import resource

SONG = "MeetingDesk-Song"  # body text
HEI = "MeetingDesk-Hei"  # titles and headings

FONT_FILES = {
    SONG: (("fonts", "uming.ttc"), 0),  # AR PL UMing CN, Arphic Public License
    HEI: (("fonts", "wqy-microhei.ttc"), 0),  # WenQuanYi Micro Hei, Apache-2.0
}
FALLBACK = {SONG: (SONG, HEI), HEI: (HEI, SONG)}

_lock = threading.Lock()


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap, with characters beyond the BMP written as UTF-16 pairs.

    reportlab writes U+20021 as `<20021>` (odd-length hex, invalid), so a rare name from
    CJK Extension B printed right but could not be searched or copied from the PDF.
    """
    lines = [f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *lines, "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@lru_cache(maxsize=None)
def _font(name: str) -> TTFont:
    parts, index = FONT_FILES[name]
    font = TTFont(name, str(resource(*parts)), subfontIndex=index)
    pdfmetrics.registerFont(font)
    return font


def register_fonts() -> None:
    """Register both faces with reportlab (once; cheap afterwards)."""
    with _lock:
        for name in FONT_FILES:
            _font(name)


@lru_cache(maxsize=None)
def _charmap(name: str) -> frozenset[int]:
    register_fonts()
    return frozenset(_font(name).face.charToGlyph)


def has_char(font: str, ch: str) -> bool:
    return ord(ch) in _charmap(font)


def covered(ch: str) -> bool:
    """Can any bundled face draw this character? (Spaces and line breaks always can.)"""
    return ch in " \n\t" or any(has_char(f, ch) for f in FONT_FILES)


def missing_chars(text: str) -> list[str]:
    """The characters of TEXT no bundled face can draw, each once, in order."""
    seen: list[str] = []
    for ch in text:
        if ch not in seen and not covered(ch):
            seen.append(ch)
    return seen


def font_for(ch: str, preferred: str = SONG) -> str:
    for name in FALLBACK[preferred]:
        if has_char(name, ch):
            return name
    return preferred


@dataclass(frozen=True)
class Run:
    """A piece of text drawn in one font at one size."""

    text: str
    font: str
    size: float

    @property
    def width(self) -> float:
        return pdfmetrics.stringWidth(self.text, self.font, self.size)


def runs(text: str, size: float, preferred: str = SONG) -> list[Run]:
    """TEXT split into runs, each character in the first face that has it."""
    if _charmap(preferred).issuperset(map(ord, text)):
        # the usual case, every character in the preferred face: one run, found without looking
        # at the characters one by one (a 6,000-seat chart asks for 20,000 runs)
        return [Run(text, preferred, size)] if text else []
    out: list[Run] = []
    for ch in text:
        font = font_for(ch, preferred) if ch != " " else (out[-1].font if out else preferred)
        if out and out[-1].font == font and out[-1].size == size:
            out[-1] = Run(out[-1].text + ch, font, size)
        else:
            out.append(Run(ch, font, size))
    return out


def runs_width(items: list[Run]) -> float:
    return sum(r.width for r in items)


def markup(text: str, preferred: str = SONG) -> str:
    """TEXT escaped for a reportlab Paragraph, with <font> tags where the other face is needed."""
    parts = []
    for run in runs(text, 1, preferred):
        body = escape(run.text)
        parts.append(body if run.font == preferred else f'<font face="{run.font}">{body}</font>')
    return "".join(parts)

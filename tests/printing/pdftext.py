"""Reading back what a PDF prints: text per page (pypdf) and its fonts."""
from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from meetingdesk import printing

_SPACE = re.compile(r"[\s\u3000]+")


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def compact(text: str) -> str:
    """Without spaces and line breaks: 王　烁 -> 王烁."""
    return _SPACE.sub("", text)


def fonts(path: Path) -> list[dict]:
    """Every font object the pages use, resolved."""
    found = {}
    for page in PdfReader(str(path)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return list(found.values())


def out_of_order(text: str, names: list[str]) -> str | None:
    """The first of NAMES not found in TEXT after the ones before it (None: all in order)."""
    at = 0
    for name in names:
        at = text.find(name, at)
        if at < 0:
            return name
        at += len(name)
    return None


def print_paper(kind: str, folder: Path) -> tuple[list[str], str]:
    """Print KIND into FOLDER: (text of each page, all text without spaces)."""
    out = folder / f"{kind}.pdf"
    pages = printing.write_pdf(kind, out)
    texts = pages_text(out)
    assert len(texts) == pages
    return texts, compact("\n".join(texts))

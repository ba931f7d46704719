"""Reading back what a .docx holds: its text in document order (paragraphs, table cells, text boxes)."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


def docx_text(path: Path) -> str:
    """Each paragraph's text a line, in the order the body holds them (a table's cells row by row;
    a text box's paragraphs where it is anchored)."""
    body = Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def runs(path: Path) -> list:
    """Every run element of the body with text."""
    body = Document(str(path)).element.body
    return [r for r in body.iter(qn("w:r")) if r.find(qn("w:t")) is not None]

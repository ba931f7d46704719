"""Papers as .docx (issue 17): the full roster at 5,000 people and the demo's 210 表决票.

    python bench/word.py            # prints the table; run.py takes `run` into its own

* the full roster (代表团编团名单) of bench/run.py's 5,000 people, written as .docx
  (printing.write(..., "x.docx"): read the roster, lay the lists out, write the document)
* the demo session's 表决票, one per delegate (210 copies)

each against two baselines writing the same strings in the same structure — the same paragraphs,
the same tables of the same rows and cells (read back from the program's own .docx before the
clock starts) — with no formatting:

* bare python-docx: `add_paragraph`, `add_table`, `add_row().cells[i].text`, as a script would
* bare lxml: the same elements built directly, as the program does (its technique), saved
  through python-docx's package: the floor for the raw work

Each figure the best of REPEAT.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meetingdesk import printing  # noqa: E402
from meetingdesk.services import demo, session  # noqa: E402

from timing import best  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def structure(path: Path) -> list:
    """The body of a .docx as ("p", text) and ("t", [[cell text, …], …]) in order."""
    from docx import Document

    out: list = []
    for child in Document(str(path)).element.body:
        if child.tag == W + "p":
            out.append(("p", "".join(t.text or "" for t in child.iter(W + "t"))))
        elif child.tag == W + "tbl":
            out.append(("t", [["".join(t.text or "" for t in tc.iter(W + "t")) for tc in tr.iter(W + "tc")]
                              for tr in child.iter(W + "tr")]))
    return out


def bare_python_docx(blocks: list, out: Path) -> None:
    from docx import Document

    doc = Document()
    for kind, content in blocks:
        if kind == "p":
            doc.add_paragraph(content)
            continue
        width = max(len(row) for row in content)
        table = doc.add_table(rows=0, cols=width)
        for row in content:
            cells = table.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = text
    doc.save(str(out))


def bare_lxml(blocks: list, out: Path) -> None:
    from docx import Document
    from lxml import etree

    doc = Document()
    body = doc.element.body
    end = body[-1]
    for kind, content in blocks:
        if kind == "p":
            p = etree.Element(W + "p")
            etree.SubElement(etree.SubElement(p, W + "r"), W + "t").text = content
            end.addprevious(p)
            continue
        tbl = etree.Element(W + "tbl")
        etree.SubElement(tbl, W + "tblPr")
        grid = etree.SubElement(tbl, W + "tblGrid")
        for _ in range(max(len(row) for row in content)):
            etree.SubElement(grid, W + "gridCol")
        for row in content:
            tr = etree.SubElement(tbl, W + "tr")
            for text in row:
                p = etree.SubElement(etree.SubElement(tr, W + "tc"), W + "p")
                etree.SubElement(etree.SubElement(p, W + "r"), W + "t").text = text
        end.addprevious(tbl)
    doc.save(str(out))


def bench(kind: str, work: Path, **options) -> tuple[float, float, float]:
    out = work / f"{kind}.docx"

    def job() -> None:
        printing.write(kind, out, **options)

    job()
    blocks = structure(out)
    return (best(job, 2), best(lambda: bare_python_docx(blocks, work / "bare.docx"), 2),
            best(lambda: bare_lxml(blocks, work / "bare-lxml.docx"), 2))


def run(work: Path, session_path: Path | None = None) -> list[tuple[str, float, float, float]]:
    """(label, MeetingDesk, bare python-docx, bare lxml) in seconds; SESSION_PATH: bench/run.py's
    5,000-person session (else only the demo's papers)."""
    rows = []
    if session_path is not None:
        session.open_session(session_path)
        rows.append(("roster .docx (5,000 people)", *bench("roster", work)))
        session.close_session()
    path = work / "demo.meetingdesk"
    if not path.exists():
        demo.create_demo(path)
    session.open_session(path)
    rows.append(("roster .docx (demo, 406 people)", *bench("roster", work)))
    rows.append(("表决票 .docx (210 copies)", *bench("votes", work)))
    session.close_session()
    return rows


def report(rows: list[tuple[str, float, float, float]]) -> None:
    print(f"\n{'.docx':<34}{'MeetingDesk':>12}{'python-docx':>12}{'ratio':>8}{'lxml':>10}{'ratio':>8}")
    for label, ours, plain, floor in rows:
        print(f"{label:<34}{ours:>11.3f}s{plain:>11.3f}s{ours / plain:>7.1f}×{floor:>9.3f}s{ours / floor:>7.1f}×")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report(run(Path(tmp)))


if __name__ == "__main__":
    main()

"""Every paper as a .docx (issue 17): the same text as its PDF, in the faces and on the page of a 公文.

A list paper's .docx holds the PDF's text exactly but for what the PDF repeats on each page (the
running header, 第 N 页 共 M 页, a heading's "（续）" and the column headings again), which Word
makes itself. A drawn paper (ballots, badges, the hall, tent cards) holds its names in order.
"""
from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length

from meetingdesk import printing
from meetingdesk.cli.main import main
from meetingdesk.printing import word
from meetingdesk.services import ServiceError, roster, schedule, seating, session

from .docxtext import docx_text, runs
from .pdftext import compact, out_of_order, pages_text

LISTS = ["roster", "signin", "people", "presidium", "chairs", "groups", "deputies", "review", "scrutineers",
         "agenda", "schedule", "motions", "motion_review", "motion_resolution", "motion_counts",
         "motion_deadline", "candidates", "ballots", "votes", "attendance", "absences", "attendance_table",
         "seat_list", "leaders", "changes_notice", "qualification_report", "handling_list",
         "handling_report_stats"]
FOOTER = re.compile(r"第\d+页共\d+页")


def _both(kind: str, folder: Path, **options) -> tuple[str, str, str]:
    """KIND as PDF and .docx: (the PDF's text, the .docx's text, the running header) without spaces."""
    printing.write(kind, folder / f"{kind}.pdf", **options)
    printing.write(kind, folder / f"{kind}.docx", **options)
    info = session.session_info()
    header = compact(f"{info.full_title}{printing.title_of(kind)}")
    return (compact("\n".join(pages_text(folder / f"{kind}.pdf"))), compact(docx_text(folder / f"{kind}.docx")),
            header)


def furniture_only(pdf: str, docx: str, header: str) -> list[str]:
    """What the .docx lacks or adds beyond the PDF's page furniture (empty: nothing)."""
    wrong = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, pdf, docx, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op != "delete":
            wrong.append(f"{op}: PDF {pdf[a1:a2][:60]!r} / docx {docx[b1:b2][:60]!r}")
            continue
        gone = FOOTER.sub("", pdf[a1:a2]).replace(header, "")
        # a heading repeated on the next page ("吴家山街代表团（续）"), a section's label again,
        # or the column headings again: text the .docx has once already
        gone = re.sub(r"^.{0,30}（续）", "", gone)
        if gone and gone not in docx and not re.fullmatch(r"[^，。]{1,8}：", gone):
            wrong.append(f"missing: {gone[:80]!r}")
    return wrong


@pytest.mark.parametrize("kind", LISTS)
def test_a_list_paper_as_docx_has_the_pdf_text(demo_session, tmp_path, kind):
    pdf, docx, header = _both(kind, tmp_path)
    assert docx
    assert furniture_only(pdf, docx, header) == []


def test_the_count_papers_as_docx(demo_session, tmp_path):
    from .test_result_papers import counted_poll

    poll = counted_poll()
    for kind in ("tally_report", "announcements", "vote_results"):
        pdf, docx, header = _both(kind, tmp_path, poll=poll)
        assert furniture_only(pdf, docx, header) == [], kind


def test_the_preliminary_papers_as_docx(demo_session, tmp_path):
    from ..data.builders import preliminary_election

    preliminary_election()
    pdf, docx, header = _both("preballots", tmp_path)
    assert furniture_only(pdf, docx, header) == []


def _names_in_order(kind: str, folder: Path, names: list[str], **options) -> None:
    printing.write(kind, folder / f"{kind}.docx", **options)
    text = compact(docx_text(folder / f"{kind}.docx"))
    assert out_of_order(text, [compact(n) for n in names]) is None


def test_the_drawn_papers_as_docx_hold_their_names_in_order(demo_session, tmp_path):
    members = [m for role in ("代表", "列席", "工作人员") for m in roster.list_members(role=role)]
    by_delegation = {d.delegation_id: i for i, d in enumerate(roster.list_delegations())}
    delegates = sorted(roster.list_members(role="代表"), key=lambda m: by_delegation[m.delegation_id])
    _names_in_order("badges", tmp_path, [m.name for m in delegates], role="代表")
    assert len(members) > len(delegates)

    meeting = next(m for m in schedule.list_meetings() if m.name == "第三次全体会议")
    podium = seating.podium(meeting.meeting_id)
    printing.write("tent_cards", tmp_path / "tent.docx", meeting="第三次全体会议")
    text = compact(docx_text(tmp_path / "tent.docx"))
    # each card: the upper face (a box turned 180°) and the lower, both the name
    assert out_of_order(text, [compact(s.name) for s in podium.seats for _ in range(2)]) is None
    xml = zipfile.ZipFile(tmp_path / "tent.docx").read("word/document.xml").decode()
    assert xml.count('<a:xfrm rot="10800000">') == len(podium.seats)

    printing.write("podium", tmp_path / "podium.docx", meeting="第三次全体会议")
    podium_text = compact(docx_text(tmp_path / "podium.docx"))
    assert all(compact(s.name) in podium_text for s in podium.seats)

    printing.write("seating", tmp_path / "seating.docx")
    hall = compact(docx_text(tmp_path / "seating.docx"))
    arrangement = seating.arrangement(None)
    assert arrangement.seats and all(s.name in hall for s in arrangement.seats)
    doc = Document(str(tmp_path / "seating.docx"))
    section = doc.sections[0]
    assert section.page_width > section.page_height  # the hall on a landscape sheet, as the PDF


def test_the_page_and_faces_of_a_gongwen(demo_session, tmp_path):
    printing.write("motion_review", tmp_path / "r.docx")
    doc = Document(str(tmp_path / "r.docx"))
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert round(s.top_margin.mm) == 37 and round(s.left_margin.mm) == 28  # 天头, 订口
    assert round(Length(s.page_width - s.left_margin - s.right_margin).mm) == 156  # 版心
    assert round(Length(s.page_height - s.top_margin - s.bottom_margin).mm) == 225
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and round(int(grid.get(qn("w:linePitch"))) / 20) == 29  # 22 lines in 225 mm
    faces = set()
    for r in runs(tmp_path / "r.docx"):
        fonts = r.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")), "every run names its East Asian face"
        faces.add((fonts.get(qn("w:eastAsia")), r.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val"))))
    assert ("方正小标宋简体", "44") in faces  # the title, 二号
    assert ("仿宋_GB2312", "32") in faces  # the body, 三号
    assert ("楷体_GB2312", "24") in faces  # the adopted-by line
    body = [p for p in doc.paragraphs if p.text.startswith("截止")][0]
    ind = body._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"  # 首行缩进二字
    # page numbers are fields, so they stay right after an edit
    footer = "".join(t.text or "" for t in s.footer._element.iter(qn("w:instrText")))
    assert "PAGE" in footer and "NUMPAGES" in footer
    table = zipfile.ZipFile(tmp_path / "r.docx").read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="AR PL UMing CN"/>' in table


def test_name_grids_are_tables_without_borders_and_pad_two_character_names(demo_session, tmp_path):
    printing.write("presidium", tmp_path / "p.docx")
    doc = Document(str(tmp_path / "p.docx"))
    assert doc.tables
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "王　烁" in "".join(cells) or any(len(c) == 3 and c[1] == "\u3000" for c in cells)
    borders = doc.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    # a ruled table keeps its boxes, and its headings repeat on each page
    printing.write("people", tmp_path / "people.docx")
    xml = zipfile.ZipFile(tmp_path / "people.docx").read("word/document.xml").decode()
    assert "<w:tblHeader/>" in xml and 'w:val="single"' in xml


def test_a_one_page_adopted_paper_has_no_page_number_a_longer_one_has(demo_session, tmp_path):
    printing.write("chairs", tmp_path / "chairs.docx")  # adopted, one page
    assert printing.write("chairs", tmp_path / "chairs.pdf") == 1
    footer = Document(str(tmp_path / "chairs.docx")).sections[0].footer
    assert not list(footer._element.iter(qn("w:instrText")))
    printing.write("roster", tmp_path / "roster.docx")
    footer = Document(str(tmp_path / "roster.docx")).sections[0].footer
    assert list(footer._element.iter(qn("w:instrText")))


def test_ballots_carry_no_page_number_and_each_copy_its_marks(demo_session, tmp_path):
    printing.write("votes", tmp_path / "v.docx", copies=3, serial=True)
    doc = Document(str(tmp_path / "v.docx"))
    assert not list(doc.sections[0].footer._element.iter(qn("w:instrText")))
    text = docx_text(tmp_path / "v.docx")
    assert [n for n in ("0001", "0002", "0003") if n in text] == ["0001", "0002", "0003"]
    xml = zipfile.ZipFile(tmp_path / "v.docx").read("word/document.xml").decode()
    assert xml.count('w:type="page"') == 2


def test_the_cli_chooses_by_suffix_and_refuses_others(demo_file, tmp_path, capsys):
    assert main(["print", "roster", str(demo_file), "-o", str(tmp_path / "名单.docx")]) == 0
    assert "Word 文档" in capsys.readouterr().out
    assert Document(str(tmp_path / "名单.docx")).paragraphs
    assert main(["print", "roster", str(demo_file), "-o", str(tmp_path / "名单.doc")]) != 0
    err = capsys.readouterr().err
    assert ".pdf（PDF）或 .docx（Word）" in err and not (tmp_path / "名单.doc").exists()
    # a session file named as the output is never overwritten, whatever the suffix
    target = tmp_path / "copy.docx"
    shutil.copyfile(demo_file, target)
    before = target.read_bytes()
    assert main(["print", "roster", str(demo_file), "-o", str(target)]) != 0
    assert target.read_bytes() == before


def test_a_failed_docx_leaves_nothing(demo_session, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "r.docx"
    target.write_bytes(b"old")
    monkeypatch.setattr("docx.document.Document.save", broken)
    with pytest.raises((ServiceError, OSError)):
        printing.write("roster", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["r.docx"]


def test_fitted_widths_keep_a_name_on_one_line():
    # a tight column takes room from a loose one; the total stays
    assert word.fitted([94.0, 300.0], [100.0, 10.0]) == [100.0, 294.0]
    assert word.fitted([50.0, 50.0], [10.0, 10.0]) == [50.0, 50.0]
    assert word.fitted([50.0, 50.0], [60.0, 60.0]) == [50.0, 50.0]  # no room anywhere: as they were


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is installed by .ci/run")
def test_libreoffice_opens_them_with_the_names_in_order(demo_session, tmp_path):
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{Path(printing.__file__).parents[2] / 'resources' / 'fonts'}</dir>
<cachedir>{tmp_path / 'fc'}</cachedir></fontconfig>""")
    kinds = {"roster": {}, "motion_review": {}, "votes": {"copies": 2}}
    for kind, options in kinds.items():
        printing.write(kind, tmp_path / f"{kind}.docx", **options)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "out"),
                    *(str(tmp_path / f"{k}.docx") for k in kinds)],
                   check=True, capture_output=True, timeout=300, env={"FONTCONFIG_FILE": str(fonts),
                                                                         "HOME": str(tmp_path),
                                                                         "PATH": "/usr/bin:/bin"})
    for kind in kinds:
        ours = compact(docx_text(tmp_path / f"{kind}.docx"))
        theirs = compact("".join(pages_text(tmp_path / "out" / f"{kind}.pdf")))
        names = [m.name for d in roster.list_delegations()
                 for m in roster.list_members(d.delegation_id, role="代表")] if kind == "roster" else []
        assert out_of_order(theirs, names) is None
        assert FOOTER.sub("", theirs).replace("\u3000", "") .startswith(ours[:20])
        assert len(FOOTER.sub("", theirs)) >= 0.95 * len(ours)


def test_the_running_header_and_page_numbers_keep_one_paragraph_properties(demo_session, tmp_path):
    """Each header and footer paragraph has the one pPr its style gave it: a second is not valid
    OOXML, and Word refuses such a file."""
    printing.write("absences", tmp_path / "absences.docx")
    with zipfile.ZipFile(tmp_path / "absences.docx") as z:
        parts = [name for name in z.namelist() if re.fullmatch(r"word/(header|footer)\d+\.xml", name)]
        assert len(parts) == 3  # the header, the first page's footer and the others'
        for name in parts:
            xml = z.read(name).decode()
            assert xml.count("<w:pPr>") == 1 and '<w:jc w:val="center"/>' in xml, name

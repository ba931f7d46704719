"""ContinuedBlock: where a heading and its rows may be split over a page break."""
from __future__ import annotations

from reportlab.platypus import Spacer

from meetingdesk.printing.frame import ContinuedBlock


class Row(Spacer):
    def __init__(self, n: int, keep_with_next: bool = False) -> None:
        super().__init__(10, 20)
        self.n = n
        self.keep_with_next = keep_with_next


def heading(continued: bool):
    return [Spacer(10, 10 if continued else 30)]


def _block(count: int, **kw) -> ContinuedBlock:
    return ContinuedBlock(heading, [Row(i) for i in range(count)], **kw)


def test_a_block_that_fits_is_not_split():
    block = _block(5)
    assert block.wrap(400, 1000) == (400, 30 + 5 * 20)
    assert block.split(400, 1000) == []


def test_split_keeps_the_heading_with_rows_and_continues_under_the_continued_heading():
    first, rest = _block(10, min_rows=2).split(400, 30 + 4 * 20 + 5)
    assert [r.n for r in first.rows] == [0, 1, 2, 3] and not first.continued
    assert [r.n for r in rest.rows] == list(range(4, 10)) and rest.continued
    assert rest.wrap(400, 1000)[1] == 10 + 6 * 20  # the shorter "（续）" heading
    assert first.progress_units + rest.progress_units == 10


def test_a_heading_is_never_left_with_fewer_than_min_rows():
    assert _block(10, min_rows=3).split(400, 30 + 2 * 20 + 5) == []  # moves to the next page whole
    assert _block(10, min_rows=3).split(400, 20) == []


def test_the_continuation_gets_at_least_min_rows():
    first, rest = _block(6, min_rows=2).split(400, 30 + 5 * 20 + 5)
    assert len(first.rows) == 4 and len(rest.rows) == 2


def test_a_block_of_fewer_rows_than_its_minimum_at_a_page_foot_moves_whole():
    # one row, two asked for on each side: moved to the next page, not an IndexError
    assert _block(1, min_rows=2).split(400, 30 + 5) == []
    assert _block(1, min_rows=3).split(400, 20) == []


def test_a_section_heading_row_goes_over_with_its_rows():
    rows = [Row(0), Row(1), Row(2), Row(3, keep_with_next=True), Row(4), Row(5), Row(6)]
    first, rest = ContinuedBlock(heading, rows, min_rows=2).split(400, 30 + 4 * 20 + 5)
    assert [r.n for r in first.rows] == [0, 1, 2]
    assert [r.n for r in rest.rows] == [3, 4, 5, 6]


# ---------------------------------------------------------------- the catalogue, streamed papers


import inspect  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tracemalloc  # noqa: E402

from reportlab.platypus import Flowable, PageBreak  # noqa: E402

from meetingdesk import printing  # noqa: E402
from meetingdesk.printing import frame  # noqa: E402


def test_the_catalogue_names_each_paper_as_its_module_does():
    assert len(printing.CATALOGUE) == len({e.kind for e in printing.CATALOGUE})
    for entry in printing.CATALOGUE:
        module = printing.PAPERS[entry.kind]
        assert module.__name__ == f"meetingdesk.printing.{entry.module}"
        assert (module.KIND, module.TITLE) == (entry.kind, entry.title)
        assert tuple(inspect.signature(module.prepare).parameters) == entry.options, entry.kind


def test_the_menus_need_no_reportlab():
    code = ("import sys; from meetingdesk import printing; "
            "printing.kinds(); printing.title_of('ballots'); printing.options_of('votes'); "
            "assert 'roster' in printing.PAPERS and 'nothing' not in printing.PAPERS and len(printing.PAPERS) > 30; "
            "print(sorted(m for m in sys.modules if m.startswith(('reportlab', 'meetingdesk.printing.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_names_the_package_offers_load_when_asked_for():
    from meetingdesk.printing import Paper, PrintCancelled

    assert Paper is frame.Paper and PrintCancelled is frame.PrintCancelled
    assert issubclass(printing.FontCoverageError, printing.ServiceError)


class Text(Flowable):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, availWidth, availHeight):
        return availWidth, 40

    def draw(self) -> None:
        frame.draw_runs(self.canv, frame.runs(self.text, 12), 0, 10)


def _paper(texts: list[str], *, numbered: bool, streamed: bool) -> frame.Paper:
    def story():  # a page each, as platypus lays them out
        return [x for t in texts for x in (Text(t), PageBreak())][:-1]

    def pages():
        return (Text(t) for t in texts)

    return frame.Paper("test", "测试", "测试会议", [], story, running_header=False, numbered=numbered,
                       pages=pages if streamed else None, page_count=len(texts))


def test_a_streamed_paper_keys_its_pages_by_what_is_drawn(tmp_path):
    from .pdftext import compact, pages_text

    keys: list[int] = []
    texts = ["甲", "甲", "乙", "甲", "乙", "乙"]
    assert frame.render(_paper(texts, numbered=False, streamed=True), tmp_path / "s.pdf", keys=keys) == 6
    assert keys == [1, 1, 3, 1, 3, 3]  # the first page drawn the same
    assert [compact(t) for t in pages_text(tmp_path / "s.pdf")] == texts
    # laid out by platypus, a page a flowable: the same pages
    flowed: list[int] = []
    assert frame.render(_paper(texts, numbered=False, streamed=False), tmp_path / "p.pdf", keys=flowed) == 6
    assert flowed == keys
    # a numbered paper: every page its own
    assert frame.render(_paper(texts, numbered=True, streamed=True), tmp_path / "n.pdf", keys=keys) == 6
    assert keys == []


def test_pages_without_numbers_are_not_held_back(tmp_path):
    """A numbered paper holds each page until it knows the count; one without numbers lets it go."""
    held = frame._make_canvas("会议", "测试", False, numbered=True)
    streamed = frame._make_canvas("会议", "测试", False, numbered=False)
    c = streamed(str(tmp_path / "x.pdf"))
    c.drawString(10, 10, "x")
    c.showPage()
    assert not hasattr(c, "_pages")
    c = held(str(tmp_path / "y.pdf"))
    c.showPage()
    assert len(c._pages) == 1


def test_a_streamed_paper_grows_by_little_a_page(tmp_path):
    def peak(count: int) -> int:
        tracemalloc.start()
        try:
            frame.render(_paper(["甲"] * count, numbered=False, streamed=True), tmp_path / f"{count}.pdf")
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(10)  # fonts registered, subsets made
    assert (peak(2000) - peak(200)) / 1800 < 4000  # bytes a page: reportlab's page object, no more


def test_an_adopted_paper_of_one_page_carries_no_page_number_and_of_two_carries_both(tmp_path):
    """number_single_page False (the seed's adopted papers): one page alone is not numbered; two
    pages are, 第 1 页 共 2 页 and 第 2 页 共 2 页."""
    import dataclasses

    from .pdftext import compact, pages_text

    one = dataclasses.replace(_paper(["甲"], numbered=True, streamed=False), number_single_page=False)
    frame.render(one, tmp_path / "one.pdf")
    assert compact(pages_text(tmp_path / "one.pdf")[0]) == "甲"
    two = dataclasses.replace(_paper(["甲", "乙"], numbered=True, streamed=False), number_single_page=False)
    frame.render(two, tmp_path / "two.pdf")
    assert [compact(t) for t in pages_text(tmp_path / "two.pdf")] == ["甲第1页共2页", "乙第2页共2页"]
    # any other paper numbers its one page
    frame.render(_paper(["甲"], numbered=True, streamed=False), tmp_path / "plain.pdf")
    assert compact(pages_text(tmp_path / "plain.pdf")[0]) == "甲第1页共1页"

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


def test_a_section_heading_row_goes_over_with_its_rows():
    rows = [Row(0), Row(1), Row(2), Row(3, keep_with_next=True), Row(4), Row(5), Row(6)]
    first, rest = ContinuedBlock(heading, rows, min_rows=2).split(400, 30 + 4 * 20 + 5)
    assert [r.n for r in first.rows] == [0, 1, 2]
    assert [r.n for r in rest.rows] == [3, 4, 5, 6]

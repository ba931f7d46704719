"""避头尾 in table cells as in prose: linebreak.may_break, and frame.wrap_runs / tables.lines_cell
that break by it, never wider than their cell; the 表决票 no longer breaks "决议（ / 草案）"."""
from __future__ import annotations

import random

import pytest

from meetingdesk import printing
from meetingdesk.printing.fonts import HEI, SONG, Run, register_fonts, runs, runs_width
from meetingdesk.printing.frame import Cell, wrap_runs
from meetingdesk.printing.linebreak import CANNOT_END, CANNOT_START, UNITS, may_break, split_line_widths
from meetingdesk.printing.tables import lines_cell

from .pdftext import pages_text

SIZE = 12


@pytest.fixture(autouse=True, scope="module")
def fonts():
    register_fonts()


def text_of(line: list[Run]) -> str:
    return "".join(run.text for run in line)


def texts(text: str, ems: float, size: float = SIZE) -> list[str]:
    """TEXT wrapped in a cell EMS characters wide."""
    return [text_of(line) for line in wrap_runs(runs(text, size), ems * size)]


def broken_rules(text: str, lines: list[str]) -> list[str]:
    """The rules the breaks of TEXT into LINES break (a break's spaces belong to neither line)."""
    found, at, ends = [], 0, []
    for line in lines:
        while not text.startswith(line, at):
            assert text[at] == " ", (text, line, at)
            at += 1
        ends.append((at, at + len(line)))
        at += len(line)
    for (_, end), (start, _) in zip(ends, ends[1:]):
        a, b = text[end - 1], text[start]
        if " " in (a, b):
            found.append(f"a space kept at a break: {a}|{b}")
        if b in CANNOT_START:
            found.append(f"line starts with {b}")
        if a in CANNOT_END:
            found.append(f"line ends with {a}")
        if a.isdigit() and (b.isdigit() or b in UNITS):
            found.append(f"number split: {a}|{b}")
        if end == start and a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
            found.append(f"word split: {a}|{b}")
    return found


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize("text, at, allowed", [
    ("决议（草案）", 3, False),  # "决议（" would end a line
    ("决议（草案）", 2, True),
    ("决议（草案）", 5, False),  # "）" would start one
    ("甲，乙", 1, False), ("甲、乙", 1, False), ("甲。乙", 1, False), ("《条例》，", 4, False),
    ("说“通过”", 2, False), ("说“通过”", 4, False), ("说“通过”", 1, True),
    ("共2023年", 3, False), ("共2023年", 5, False), ("共2023年", 1, True),
    ("赞成195票", 5, False), ("赞成 195 票", 7, False), ("赞成 195 票", 6, False), ("赞成 195 票", 3, True),
    ("210人", 3, False), ("14名", 2, False), ("第3号", 2, False), ("第3号", 1, True),
    ("2.54公顷", 2, False), ("2.54公顷", 1, False), ("上午11:00时", 5, False), ("92.11%", 5, False),
    ("ABC DEF", 4, True), ("ABC DEF", 2, False), ("１２３", 1, False),
    ("", 0, True), ("甲", 0, True), ("甲", 1, True), ("（", 1, True),
])
def test_where_a_line_may_break(text, at, allowed):
    assert may_break(text, at) is allowed


def test_prose_keeps_a_number_with_its_measure_word():
    # "反对 9 票": not "反对 9 / 票"; the space at the break goes, at either end of the line
    assert split_line_widths("反对 9 票", [10, 10, 3, 5, 3, 10], 28) == [[8, "反对"], [10, "9 票"]]
    # and an opening bracket never ends a paragraph's line
    assert split_line_widths("的决议（草案）", [10] * 7, 40) == [[10, "的决议"], [0, "（草案）"]]


# ---------------------------------------------------------------- cells


def test_the_vote_items_break_before_the_bracket():
    assert texts("关于2023年全区预算执行情况与2024年全区预算的决议（草案）", 25.5) == [
        "关于2023年全区预算执行情况与2024年全区预算的决议", "（草案）"]
    assert texts("关于东西湖区人民政府工作报告的决议（草案）", 18) == [
        "关于东西湖区人民政府工作报告的决议", "（草案）"]  # room for "决议（", which may not end a line


def test_numbers_stay_whole_and_with_their_count():
    assert texts("赞成195票，反对3票", 4.5) == ["赞成", "195票，反", "对3票"]  # not "赞成195 / 票，"
    assert texts("赞成 195 票", 3) == ["赞成", "195 票"]  # the space at the break dropped
    assert texts("截至2023年12月22日", 6) == ["截至2023年", "12月22日"]


def test_a_cell_too_narrow_for_the_rule_breaks_anyway_and_never_overflows():
    for text in ("（草案）", "“（《》）”", "1234567890票", "ABCDEFGHIJ", "，，，，，，"):
        for ems in (0.5, 1, 1.5, 2, 2.5):
            width = ems * SIZE
            lines = wrap_runs(runs(text, SIZE), width)
            assert "".join(text_of(line) for line in lines) == text
            for line in lines:
                assert runs_width(line) <= width + 0.01 or len(text_of(line)) == 1, (text, ems, text_of(line))


def test_fonts_and_sizes_are_kept_across_a_break():
    items = [Run("关于议案的决议（", SONG, SIZE), Run("草案）", HEI, SIZE), Run("甲乙", SONG, 9)]
    lines = wrap_runs(items, 8.5 * SIZE)
    assert [text_of(line) for line in lines] == ["关于议案的决议", "（草案）甲乙"]
    assert [(r.text, r.font, r.size) for r in lines[1]] == [("（", SONG, SIZE), ("草案）", HEI, SIZE), ("甲乙", SONG, 9)]


def test_a_cell_that_fits_is_one_line_untouched():
    content = runs("关于议案的决议（草案）", SIZE)
    cell = Cell(0, 20 * SIZE, content)
    assert cell.lines == [content]
    assert Cell(0, 10, []).lines == [[]]


def test_lines_cell_breaks_its_given_lines_and_wraps_each_by_the_rule():
    cell = lines_cell(0, 7 * SIZE + 6, ["议案原案", "关于议案的决议（草案）"], SIZE)
    assert [text_of(line) for line in cell.lines] == ["议案原案", "关于议案的决议", "（草案）"]


TOKENS = ["关于", "决议（草案）", "赞成195票，", "反对 3 票；", "弃权 12 票。", "《选举法》", "“通过”，",
          "至2023年12月22日", "上午11:00时", "共ABC DEF", "计92.11%", "（一）", "代表团、", "210人",
          "第14号", "…", "某某某某"]


@pytest.mark.parametrize("seed", range(40))
def test_adversarial_strings_keep_the_rules_and_the_width(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(TOKENS) for _ in range(rng.randint(3, 30)))
    size = rng.choice([9, 10.5, 12, 14])
    width = rng.uniform(9, 30) * size  # wider than any token: an allowed break always falls on a line
    lines = [text_of(line) for line in wrap_runs(runs(text, size), width)]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert broken_rules(text, lines) == [], lines
    for line in lines:
        assert runs_width(runs(line, size)) <= width + 0.01


# ---------------------------------------------------------------- the 表决票


@pytest.mark.parametrize("marks", ["one", "three"])
def test_the_demo_vote_ballot_never_breaks_inside_the_brackets(demo_session, tmp_path, marks):
    out = tmp_path / "votes.pdf"
    printing.write_pdf("votes", out, copies=1, marks=marks)
    lines = [line.strip() for page in pages_text(out) for line in page.splitlines() if line.strip()]
    assert not [line for line in lines if line.endswith("（")]
    assert not [line for line in lines if line.startswith(("）", "草案）", "案）"))]
    assert any(line.endswith("（草案）") for line in lines)

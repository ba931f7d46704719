"""Where a line of Chinese text may break: one rule (避头尾) for prose and for table cells.

reportlab breaks a one-font CJK paragraph wherever the width ends, and its list of
characters that may not begin a line lacks most full-width punctuation: the review report
came out with a line "》；", numbers such as 2023 could be cut in two, and the cells of the
表决票 broke "决议（ / 草案）". Here, in a paragraph (`install_line_breaking`) as in a cell
(`frame.wrap_runs`), `may_break` decides:

* a line never begins with closing punctuation (、，。；：！？）》”’ …) nor ends with an
  opening bracket or quote (（《“‘ …);
* a run of Latin letters or digits stays whole (2023, 2.54, 11:00), and a number stays with
  the measure word after it (195 票, 210 人, 14 件, 第 3 号 → "3号"), spaces between or not.

Where a line must break at a forbidden place, the break moves back to the last allowed one,
leaving the line a little short (reportlab does not spread CJK lines, so it is ragged by that
much); a line with no allowed place at all (a very narrow cell) breaks where the width ends:
the width is never exceeded. A space where a line breaks ("赞成 195 票" in the count's words)
is dropped, not set as an indent nor counted at the end of the line.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import textsplit
from reportlab.platypus import paragraph

CANNOT_START = "".join(textsplit.CANNOT_START_LINE) + "，；：！？》〉”’%…"
CANNOT_END = "".join(textsplit.CANNOT_END_LINE) + "(〖"
# what a number is never parted from: the count's words (票, 人, 名), a number's 号, dates and times
UNITS = "票人名号件张位次个岁届年月日时分秒元万亿"
JOINS = ".:,"  # inside a number: 2.54, 11:00, 1,200
SPACE = " "
_FUZZ = 1e-6


def _word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def may_break(text: str, at: int) -> bool:
    """May a line of TEXT end before TEXT[AT] (spaces about the break being dropped)?"""
    n = len(text)
    k = at - 1
    while k >= 0 and text[k] == SPACE:
        k -= 1
    j = at
    while j < n and text[j] == SPACE:
        j += 1
    if k < 0 or j >= n:
        return True  # nothing on one side: a break of spaces only
    before, after = text[k], text[j]
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if after in UNITS and before.isdigit():
        return False
    if j == k + 1:  # side by side, no space between
        if before.isdigit() and after.isdigit() or _word(before) and _word(after):
            return False
        if before in JOINS and after.isdigit() and k and text[k - 1].isdigit():
            return False
    return True


def line_spans(text: str, widths: Sequence[float], limits: float | Sequence[float],
               fuzz: float = _FUZZ) -> list[tuple[int, int]]:
    """TEXT (WIDTHS: each character's) as lines: (start, end) of each, the Nth no wider than
    LIMITS[N] (the last limit for the lines after; one number for all), a line of one character
    at least; spaces at a break belong to no line."""
    caps = list(limits) if isinstance(limits, (list, tuple)) else [limits]
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        limit = caps[min(len(spans), len(caps) - 1)]
        used, end = 0.0, start
        while end < n and (end == start or used + widths[end] <= limit + fuzz):
            used += widths[end]
            end += 1
        cut = end
        if end < n and not may_break(text, end):
            cut = end - 1
            while cut > start and not may_break(text, cut):
                cut -= 1
            if cut <= start:
                cut = end  # nowhere allowed on this line: break where the width ends
        stop = cut
        if cut < n:
            while stop > start + 1 and text[stop - 1] == SPACE:
                stop -= 1  # the space before a break is not part of the line
        spans.append((start, stop))
        start = cut
        while 0 < start < n and text[start] == SPACE:
            start += 1  # the space of "赞成 9 票" at a break: gone, as between Latin words, not a line's indent
    return spans


def split_line_widths(word: str, widths: Sequence[float], max_widths: float | Sequence[float]) -> list[list]:
    """textsplit.dumbSplit's result — [[room left, text], …] — with the breaks moved back as above."""
    caps = list(max_widths) if isinstance(max_widths, (list, tuple)) else [max_widths]
    return [[caps[min(i, len(caps) - 1)] - sum(widths[s:e]), word[s:e]]
            for i, (s, e) in enumerate(line_spans(word, widths, caps))]


def install_line_breaking() -> None:
    """Put the rule into reportlab (idempotent): one-font paragraphs break through
    `split_line_widths`; mixed-font ones (reportlab's cjkFragSplit) at least hang a single
    closing mark in the margin instead of starting a line with it."""
    textsplit.dumbSplit = split_line_widths
    textsplit.ALL_CANNOT_START = paragraph.ALL_CANNOT_START = CANNOT_START
